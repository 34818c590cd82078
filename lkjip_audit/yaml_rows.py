"""The rows of a dataset, `{line: 47, subject: IKU1, label: "Persentase ...", target: "1%"}`, read
with str methods (C speed) instead of a regex search: most of a dataset's text is in such rows, and
the regex engine tests them character by character.

A row is taken here only in its plainest form: identifier keys, each `: ` and `, ` written with one
space, values "double quoted" (no backslash) or one plain word (letters, digits, `_`, `.`). Then
cutting the row at its quotes is exact, and what lies outside the quotes (the row's skeleton, a
`\\0` in place of each quoted value) is checked whole by one anchored regex before it is cut at
`: ` and `, `. Anything else answers None and yaml_fast's own row patterns read it: the same keys,
values and types either way (tests/test_yaml_fast.py).
"""
from __future__ import annotations

import re

from .yaml_grammar import _MAX_KEY, Unsupported
from .yamlio import LDict

_K = r"[A-Za-z_][A-Za-z0-9_]*+"  # a key
_V = r"(?:\x00|[A-Za-z0-9_][A-Za-z0-9_.]*+)"  # a quoted value's place, or a plain word
_SKELETON = re.compile(rf"\{{{_K}: {_V}(?:, {_K}: {_V})*+\}}")


def row(src: str, no: int, values) -> LDict | None:
    """The mapping written as `src` on line `no` (scalars resolved through `values`, yaml_fast's
    memo), or None when `src` is not a row in the plainest form. Raises Unsupported for a key
    twice or too long (PyYAML's path reports or reads those)."""
    if "\\" in src or "\x00" in src:
        return None
    pieces = src.split('"')
    if len(pieces) == 1:  # no quoted value
        skeleton = src
    elif len(pieces) & 1:  # quotes in pairs: pieces[1::2] are the quoted values, as written
        skeleton = "\x00".join(pieces[0::2])
    else:
        return None
    if _SKELETON.fullmatch(skeleton) is None:
        return None
    # [key, value, key, value, ...]: no key nor plain word holds a space, `:` or `,`
    tokens = skeleton[1:-1].replace(": ", ", ").split(", ")
    keys = tokens[0::2]
    if len(src) > _MAX_KEY and any(len(k) > _MAX_KEY for k in keys):
        raise Unsupported
    value = values.__getitem__
    if len(pieces) == 1:
        m = LDict(zip(map(value, keys), map(value, tokens[1::2])))
    else:
        quoted = iter(pieces[1::2]).__next__
        m = LDict(zip(map(value, keys), [quoted() if t == "\x00" else value(t) for t in tokens[1::2]]))
    if len(m) != len(keys):  # a duplicate key: PyYAML's path says so
        raise Unsupported
    m.line = no
    m._key_lines = None  # every key on line `no`: made if asked for (LDict.key_lines)
    return m


# -- a run of consecutive row lines, read at once ------------------------------------------------
# The rows of one table (`- {...}` lines) or the entries of one mapping written as rows
# (`K01: {...}` lines) come in runs of consecutive lines. A run is cut at its quotes and checked
# by one anchored regex over its whole skeleton (its lines joined by `\n`), then cut into tokens
# by one split; each row is then a slice of the run's keys and values. The same form as row()
# above: anything else in the run answers None and the lines are read one by one.
_PAIRS = rf"{_K}: {_V}(?:, {_K}: {_V})*+"
_END = r"\}(?: ++#[^\n\x00]*+)?+"  # a comment after a row: no quote in it (they would be cut)
_SEQ_RUN = re.compile(rf"- \{{{_PAIRS}{_END}(?:\n- \{{{_PAIRS}{_END})*+")
_MAP_RUN = re.compile(rf"{_K}: \{{{_PAIRS}{_END}(?:\n{_K}: \{{{_PAIRS}{_END})*+")
_COMMENT = re.compile(r"\} ++#[^\n]*+")  # (a literal first: found at C speed)
_MARK = "\x02"  # the value token that starts a row (its key: the entry's key, or _MARK)


def run(lines: list, i: int, j: int, values, entries: bool) -> list | None:
    """The rows written on lines[i:j] (yaml_fast's (number, indentation, content) lines, all at
    one indentation): a list of LDict for `- {...}` lines, of (key, LDict) for `key: {...}` lines
    (`entries`); None when the run is not in the plainest form. Raises Unsupported for a key
    twice in a row or too long."""
    rows = lines[i:j]
    src = "\n".join([line[2] for line in rows])
    if "\\" in src:
        return None
    pieces = src.split('"')
    if len(pieces) == 1:
        skeleton = src
    elif len(pieces) & 1:
        skeleton = "\x00".join(pieces[0::2])
    else:
        return None
    # every line a row, and no quoted value over two lines (its `\n` would be missing here)
    if (_MAP_RUN if entries else _SEQ_RUN).fullmatch(skeleton) is None or skeleton.count("\n") != j - i - 1:
        return None
    if "#" in skeleton:  # only in comments after rows (checked above)
        skeleton = _COMMENT.sub("}", skeleton)
    if entries:  # [key, MARK, k, v, k, v, ..., key, MARK, ..., MARK, MARK]
        flat = skeleton[:-1].replace("}\n", ", ").replace(": {", ": \x02, ") + ", \x02: \x02"
    else:  # [MARK, MARK, k, v, ..., MARK, MARK, ..., MARK, MARK]
        flat = "\x02: \x02, " + skeleton[3:-1].replace("}\n- {", ", \x02: \x02, ") + ", \x02: \x02"
    tokens = flat.replace(": ", ", ").split(", ")
    keys, vals = tokens[0::2], tokens[1::2]
    if len(src) > _MAX_KEY and max(map(len, keys)) > _MAX_KEY:
        raise Unsupported
    value = values.__getitem__
    if len(pieces) > 1:  # the skeleton's `\x00` are whole values (checked above), in order
        index, resolved, at = vals.index, list(map(value, vals)), -1
        for text in pieces[1::2]:
            at = index("\x00", at + 1)
            resolved[at] = text
    else:
        resolved = list(map(value, vals))
    pairs = list(zip(map(value, keys), resolved))
    index = vals.index  # the rows' bounds: the MARK tokens
    out, size = [], 0
    append = out.append
    start = 0
    for line in rows:
        end = index(_MARK, start + 1)
        m = LDict(pairs[start + 1:end])
        m.line = line[0]
        m._key_lines = None  # every key on the row's line: made if asked for (LDict.key_lines)
        size += len(m)
        append((pairs[start][0], m) if entries else m)
        start = end
    if size != len(pairs) - len(rows) - 1:  # a key twice in a row: PyYAML's path says so
        raise Unsupported
    return out
