"""The fast path of yamlio.load_yaml: plain YAML (the way datasets are written) read in pure Python
with a few regular expressions (yaml_grammar.py), about 2,5 times faster than PyYAML's C parser
and tree builder.

It gives exactly what yamlio's PyYAML path gives: the same LDict/LList tree, the same values and
types (every plain scalar is resolved by PyYAML's own YAML 1.1 resolver and built by its own
constructors), the same `line`, `key_lines` and `item_lines`. It reads only a deliberately narrow
subset and answers None for anything else, so that PyYAML reads it (with its own errors and their
lines): block mappings and sequences indented with spaces, flow mappings and sequences (also over
several lines), single-line plain, 'single' and "double" quoted scalars, comments, CRLF. Not read
here (PyYAML's path): tabs, block scalars (| >), multi-line scalars, anchors, aliases, tags,
directives, document markers, complex or empty keys, duplicate keys, trailing commas in flows,
plain scalars with ':' or '#' or '?' inside a flow, unusual characters, and every error.
Pure Python: hostile input (deep nesting, huge scalars) can only end in RecursionError or a
failed match, both of which hand the text to PyYAML.
"""
from __future__ import annotations

from . import yaml_seed  # noqa: F401 - before PyYAML's first import (yaml_seed.py)

import yaml

from . import yamlio
from .yaml_grammar import (_BAD_CHAR, _DQ_LINE, _FLAT_MAP_LINE, _FLAT_SEQ_LINE, _FLOW_TAIL, _KEY_LINE, _MARKERS,
                           _MAX_KEY, _PLAIN_LINE, _PRINTABLE_ASCII, _SQ_LINE, Unsupported as _Unsupported,
                           double as _double)
from .yaml_flow import Flows
from .yaml_rows import run as _run
from .yamlio import LDict, LList

_STR = "tag:yaml.org,2002:str"
_BUILT = {tag: yamlio._LineLoader.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

def _value(t: str):
    """The value of a scalar as written in a flow or as a plain one (quotes kept when quoted)."""
    c = t[:1]
    if c == '"':
        return _double(t[1:-1])
    if c == "'":
        return t[1:-1].replace("''", "'")
    if t.isdigit() and t.isascii() and (c != "0" or t == "0"):
        return int(t)  # a decimal integer: what PyYAML's resolver and int constructor give
    tag = yamlio._resolve(None, yaml.ScalarNode, t, (True, False))
    if tag == _STR:
        return t
    build = _BUILT.get(tag)
    if build is None:  # merge key '<<', value '=': PyYAML's path
        raise _Unsupported
    return build(_CONSTRUCTOR, yaml.ScalarNode(tag, t))


class _AnyCharacter:
    def __contains__(self, c) -> bool:
        return True


class _Values(dict):
    """Scalar as written -> its value. One memo for the whole process (_VALUES): keys, codes, line
    numbers and plain figures recur from one dataset to the next, and working a scalar out costs
    more than the rest of reading it. Safe to share: every value is immutable (text, a number, a
    date, None). Bounded: only scalars of at most _MEMO_LEN characters are kept, and load() starts
    it afresh past _MEMO_MAX of them. (A NaN is then one object: two NaN keys are one key twice,
    which PyYAML's path reads.)"""

    def __missing__(self, t):
        c = t[:1]
        if c == '"':  # the most common cases first, without a call
            value = t[1:-1]
            if "\\" in value:
                value = _double(value)
        elif c.isdigit() and t.isdigit() and t.isascii() and (c != "0" or t == "0"):
            value = int(t)  # a decimal integer: what PyYAML's resolver and int constructor give
        elif c not in _RESOLVED_FIRST:  # no implicit tag starts so (`IKU1`, `subject`): text
            value = t
        else:
            value = _value(t)
        if len(t) <= _MEMO_LEN:
            self[t] = value
        return value


_MEMO_LEN, _MEMO_MAX = 80, 50_000
# the first characters of a plain scalar that PyYAML's resolver looks at ('' is the empty scalar,
# null), and a single quote: a plain scalar that starts with any other character is text (exactly
# what _value gives, without its calls); with a resolver for every first character, none is
_RESOLVED_FIRST = (frozenset(yamlio._IMPLICIT) | {"'"}) if not yamlio._WILDCARD else _AnyCharacter()
_VALUES = _Values()


def load(text: str):
    """The document as yamlio's PyYAML path builds it, or None when PyYAML must read it."""
    if yamlio._LineLoader.resolve is not yamlio._resolve:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if len(_VALUES) > _MEMO_MAX:
        _VALUES.clear()
    try:
        return _Reader(text).document()
    except Exception:  # noqa: BLE001 - anything unexpected (RecursionError included): PyYAML's path
        return None


# `-` `.` `/` inside a plain word (`bab3-3.1.2`, `lkjip-dataset/1`) read as a letter, to check it by
# str.isalnum: such a word (after a letter or digit) is a plain scalar, whose value the memo makes
_WORDISH = str.maketrans("-./_", "aaaa")


def _is_entry(s: str) -> bool:
    """Whether a block line (content after the indentation) is a sequence entry `- ...` / `-`."""
    return s[0] == "-" and (len(s) == 1 or s[1] == " ")


class _Reader(Flows):
    def __init__(self, text: str):
        self.text = text
        self.lines = lines = []  # (line number, indentation, content without trailing spaces)
        no = 0
        if text.isascii():
            if text.encode("ascii").translate(None, _PRINTABLE_ASCII):
                raise _Unsupported  # a control character
        elif not text.replace("\n", "").isprintable() and _BAD_CHAR.search(text):
            raise _Unsupported
        append = lines.append
        for line in text.split("\n"):
            no += 1
            if line[:1] == " ":
                s = line.lstrip(" ")
                if s and s[0] != "#":
                    append((no, len(line) - len(s), s.rstrip(" ") if s[-1] == " " else s))
            elif line and line[0] != "#":
                if line.startswith(_MARKERS):
                    raise _Unsupported
                append((no, 0, line.rstrip(" ") if line[-1] == " " else line))
        self.i = 0
        self.values = _VALUES
        self.mark = (1, 0)  # a line's number and offset (line_start)

    def document(self):
        if not self.lines:
            raise _Unsupported
        value = self.node()
        if self.i != len(self.lines):
            raise _Unsupported
        return value

    def key(self, m, base: int = 0):
        """The key of a _KEY_LINE / _FLOW_KEY match (groups 1-3: plain, double, single quoted),
        starting at `base`; PyYAML wants its `:` within 1024 characters of its start."""
        if m.string.index(":", max(m.end(1), m.end(2), m.end(3))) - base > _MAX_KEY:
            raise _Unsupported
        plain, dq, sq = m.group(1, 2, 3)
        if plain is not None:
            return self.values[plain]
        return _double(dq) if dq is not None else sq.replace("''", "'")

    # -- block structure
    def node(self):
        no, ind, s = self.lines[self.i]
        return self.sequence(ind) if _is_entry(s) else self.mapping(ind)

    def mapping(self, ind: int):
        lines, values, flat_map = self.lines, self.values, self.flat_map
        n, i = len(lines), self.i
        m = LDict()
        m.line = lines[i][0]
        key_lines = m.key_lines = {}
        tried = i  # lines before it were tried as a run of rows
        while i < n:
            no, ind2, s = lines[i]
            if ind2 != ind:  # a deeper line here is a continued scalar or misplaced: PyYAML's path
                if ind2 < ind:
                    break
                raise _Unsupported
            if i >= tried and ": {" in s and (s[-1] == "}" or "} " in s):  # `K01: {line: 482, ...}` lines
                j = i + 1
                while j < n and lines[j][1] == ind and ": {" in lines[j][2] and (lines[j][2][-1] == "}" or "} " in lines[j][2]):
                    j += 1
                entries = _run(lines, i, j, values, True)
                if entries is not None:
                    for key, value in entries:
                        if key in m:
                            raise _Unsupported
                        m[key] = value
                        key_lines[key] = value.line
                    i = j
                    continue
                tried = j
            k, sep, v = s.partition(": ")  # `key: word` / `key: "text"`, the commonest lines, by str methods
            if sep and v and k.isidentifier() and k.isascii() and len(s) < _MAX_KEY and (
                    (word := v.isascii() and (v.isalnum() or v[0].isalnum() and v.translate(_WORDISH).isalnum()))
                    or (v[0] == '"' and v[-1] == '"' and v.count('"') == 2 and "\\" not in v)):
                key = values[k]
                if key in m:
                    raise _Unsupported
                m[key] = values[v] if word else v[1:-1]
                key_lines[key] = no
                i += 1
                continue
            if not sep and s[-1] == ":" and k[:-1].isidentifier() and k.isascii() and len(s) < _MAX_KEY:
                key = values[k[:-1]]  # `key:`, its value on the lines below (what _KEY_LINE reads so)
                if key in m:
                    raise _Unsupported
                self.i = i + 1
                m[key] = self.below(ind, True)
                key_lines[key] = no
                i = self.i
                continue
            km = _KEY_LINE.match(s)
            if km is None:
                raise _Unsupported
            plain, _, _, value, quoted = km.groups()
            key = values[plain] if plain is not None and len(s) < _MAX_KEY else self.key(km)
            if key in m:
                raise _Unsupported
            if value is not None:  # `key: plain`
                value = values[value]
                i += 1
            elif quoted is not None:  # `key: "text"`
                value = quoted
                i += 1
            else:
                rest = s[km.end():]
                if not rest or rest[0] == "#":
                    self.i = i + 1
                    value = self.below(ind, True)
                    i = self.i
                elif rest[0] == "{" and (value := flat_map(rest, no)) is not None:
                    # `key: {a: 1}`
                    i += 1
                else:
                    self.i = i
                    value = self.inline(rest, no, ind + km.end(), ind, True)
                    i = self.i
            m[key] = value
            key_lines[key] = no
        self.i = i
        return m

    def sequence(self, ind: int):
        lines, values, flat_map = self.lines, self.values, self.flat_map
        n = len(lines)
        q = LList()
        q.line = lines[self.i][0]
        item_lines = q.item_lines = []
        tried = self.i  # lines before it were tried as a run of rows
        while self.i < n:
            no, ind2, s = lines[self.i]
            if ind2 != ind:
                if ind2 < ind:
                    break
                raise _Unsupported
            if s[:3] == "- {":  # a dataset row `- {line: 47, ...}`, without the calls below
                i = self.i
                if i >= tried and (s[-1] == "}" or "} " in s):  # a run of rows, read at once
                    j = i + 1
                    while j < n and lines[j][1] == ind and lines[j][2][:3] == "- {" and (lines[j][2][-1] == "}" or "} " in lines[j][2]):
                        j += 1
                    items = _run(lines, i, j, values, False)
                    if items is not None:
                        q += items
                        item_lines += [line[0] for line in lines[i:j]]
                        self.i = j
                        continue
                    tried = j
                item = flat_map(s[2:], no)
                if item is not None:
                    q.append(item)
                    item_lines.append(no)
                    self.i += 1
                    continue
            if s[:2] != "- " and s != "-":
                break
            rest = s[1:].lstrip(" ")
            if not rest or rest[0] == "#":
                self.i += 1
                if self.i < n and lines[self.i][1] > ind:
                    no = lines[self.i][0]
                item = self.below(ind, False)
            else:
                col = ind + len(s) - len(rest)
                k, sep, v = rest.partition(": ")
                if (sep and k.isidentifier()) or _is_entry(rest) or (rest[0] not in "{[" and _KEY_LINE.match(rest)):
                    # `- - x` / `- key: x`: a collection whose indentation is the column of `rest`
                    lines[self.i] = (no, col, rest)
                    item = self.node()
                else:
                    item = self.inline(rest, no, col, ind, s[:3] == "- {")
            q.append(item)
            item_lines.append(no)
        return q

    def below(self, ind: int, indentless: bool):
        """The value of `key:` / `-` with nothing after it: the node on the lines below, or null."""
        if self.i < len(self.lines):
            no, ind2, s = self.lines[self.i]
            if ind2 > ind:
                return self.node()
            if indentless and ind2 == ind and _is_entry(s):
                return self.sequence(ind)
        return self.values[""]

    def inline(self, rest: str, no: int, col: int, ind: int, tried: bool = False):
        """A value written on line `no` from column `col` after `key: ` or `- `; `ind` is its
        container's indentation. Leaves self.i on the line after the value. `tried`: a flow
        mapping `rest` was already tried as flat_map."""
        c = rest[0]
        if c == "{":
            value = None if tried else self.flat_map(rest, no)
            if value is None and "#" in rest:
                flat = _FLAT_MAP_LINE.fullmatch(rest)  # with a comment after it
                value = None if flat is None else self.flat_map(flat.group(1), no)
            if value is not None:
                self.i += 1
                return value
        elif c == "[":
            flat = _FLAT_SEQ_LINE.fullmatch(rest)
            if flat is not None:
                self.i += 1
                return self.flat_seq(flat.group(1), no)
        elif c == '"':
            m = _DQ_LINE.fullmatch(rest)
            if m is None:
                raise _Unsupported
            self.i += 1
            return _double(m.group(1))
        elif c == "'":
            m = _SQ_LINE.fullmatch(rest)
            if m is None:
                raise _Unsupported
            self.i += 1
            return m.group(1).replace("''", "'")
        else:
            m = _PLAIN_LINE.fullmatch(rest)
            if m is None:
                raise _Unsupported
            self.i += 1
            return self.values[m.group(1)]
        # a flow collection with other collections inside or over several lines
        text = self.text
        off = self.line_start(no) + col
        value, end = self.flow(off)
        if _FLOW_TAIL.match(text, end) is None:
            raise _Unsupported
        last = no + text.count("\n", off, end)
        lines, n = self.lines, len(self.lines)
        self.i += 1
        while self.i < n and lines[self.i][0] <= last:
            if lines[self.i][1] <= ind:  # a flow's later lines are indented past its block
                raise _Unsupported
            self.i += 1
        return value
