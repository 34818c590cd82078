"""YAML reading that keeps line numbers, so every problem can be reported as `file:line: ...`."""
from __future__ import annotations

from pathlib import Path

from . import yaml_seed  # noqa: F401 - before PyYAML's first import (yaml_seed.py)

import yaml

from .errors import InputError, Problem
from .i18n import t

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based).

    `key_lines` of a mapping written on one line (a dataset row `- {line: 47, ...}`) is made only
    when asked for: every key is on the mapping's line, which `line_of` gives without it."""

    __slots__ = ("line", "_key_lines")  # no per-mapping __dict__: a dataset has hundreds of rows

    @property
    def key_lines(self) -> dict:
        lines = self._key_lines
        if lines is None:  # one line: every key on it
            lines = self._key_lines = dict.fromkeys(self, self.line)
        return lines

    @key_lines.setter
    def key_lines(self, lines) -> None:
        self._key_lines = lines

    def line_of(self, key) -> int:
        lines = self._key_lines
        return self.line if lines is None else lines.get(key, self.line)

    def __getattr__(self, name):  # one made without its lines: line 0, as before
        if name == "line":
            return 0
        if name == "_key_lines":
            return {}
        raise AttributeError(name)


class LList(list):
    __slots__ = ("line", "item_lines")

    def line_of(self, i: int) -> int:
        return self.item_lines[i] if 0 <= i < len(self.item_lines) else self.line

    def __getattr__(self, name):  # one made without its lines: line 0, as before
        if name == "line":
            return 0
        raise AttributeError(name)


class _LineLoader(_Base):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    m = LDict()
    m.line = node.start_mark.line + 1
    m.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (dict, list, set, tuple)) or not _hashable(key):
            raise _BadKey("daftar (list)" if isinstance(key, list) else "mapping" if isinstance(key, dict) else type(key).__name__,
                          key_node.start_mark.line + 1)
        if key in m:
            raise _DuplicateKey(key, key_node.start_mark.line + 1)
        m[key] = loader.construct_object(value_node, deep=True)
        m.key_lines[key] = key_node.start_mark.line + 1
    return m


def _construct_sequence(loader, node, deep=False):
    seq = LList(loader.construct_object(child, deep=True) for child in node.value)
    seq.line = node.start_mark.line + 1
    seq.item_lines = [child.start_mark.line + 1 for child in node.value]
    return seq


def _hashable(x) -> bool:
    try:
        hash(x)
    except TypeError:
        return False
    return True


class _BadKey(Exception):
    def __init__(self, what, line):
        self.what, self.line = what, line


MAX_NODES = 1_000_000  # nodes of a document once its aliases are expanded


def expanded_size(doc, limit: int = MAX_NODES) -> int:
    """How many nodes the document has when every alias (a shared node) is counted where it is
    used, computed once per shared node; stops counting past `limit`."""
    memo: dict[int, int] = {}

    def size(node) -> int:
        if not isinstance(node, (dict, list)):
            return 1
        k = id(node)
        if k in memo:
            return memo[k]
        memo[k] = limit + 1  # a node that contains itself
        n = 1
        for child in (node.values() if isinstance(node, dict) else node):
            n += size(child)
            if n > limit:
                break
        memo[k] = n
        return n

    return size(doc)


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _fast_object(loader, node):
    """What `loader.construct_object(node, deep=True)` gives, in one tight recursion for the plain
    nodes (text, mappings, sequences: nearly all of a dataset): PyYAML's generic path made building
    the tree about as slow as parsing it. Same objects, same errors (duplicate or unusable keys,
    recursive aliases); an alias is built once and shared, as before. Any other tag (!!omap,
    !!set, an unknown one) takes PyYAML's own path."""
    done = loader.constructed_objects
    if node in done:
        return done[node]
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        fn = loader.yaml_constructors.get(tag)
        if fn is None or tag in _GENERATOR_TAGS:
            return loader.construct_object(node, deep=True)
        value = fn(loader, node)
        done[node] = value
        return value
    if node in loader.recursive_objects:
        raise yaml.constructor.ConstructorError(None, None, "found unconstructable recursive node", node.start_mark)
    if isinstance(node, yaml.MappingNode) and tag == _MAP:
        loader.recursive_objects[node] = None
        loader.flatten_mapping(node)
        m = LDict()
        m.line = node.start_mark.line + 1
        lines = m.key_lines = {}
        for key_node, value_node in node.value:
            key = _fast_object(loader, key_node)
            if isinstance(key, (dict, list, set, tuple)) or not _hashable(key):
                raise _BadKey("daftar (list)" if isinstance(key, list) else "mapping" if isinstance(key, dict)
                              else type(key).__name__, key_node.start_mark.line + 1)
            if key in m:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            m[key] = _fast_object(loader, value_node)
            lines[key] = key_node.start_mark.line + 1
        del loader.recursive_objects[node]
        done[node] = m
        return m
    if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
        loader.recursive_objects[node] = None
        children = node.value
        seq = LList([_fast_object(loader, child) for child in children])
        seq.line = node.start_mark.line + 1
        seq.item_lines = [child.start_mark.line + 1 for child in children]
        del loader.recursive_objects[node]
        done[node] = seq
        return seq
    return loader.construct_object(node, deep=True)


# SafeConstructor's constructors that are generators (filled in two steps): PyYAML's path only
_GENERATOR_TAGS = {"tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs", "tag:yaml.org,2002:set",
                   _MAP, _SEQ}


def _fast_document(self, node):
    try:
        return _fast_object(self, node)
    finally:
        # what construct_document does after building (a fallback may have left generators)
        while self.state_generators:
            generators, self.state_generators = self.state_generators, []
            for g in generators:
                for _ in g:
                    pass
        self.constructed_objects = {}
        self.recursive_objects = {}
        self.deep_construct = False


_LineLoader.construct_document = _fast_document

_IMPLICIT = _LineLoader.yaml_implicit_resolvers
_WILDCARD = list(_IMPLICIT.get(None, []))


def _resolve(self, kind, value, implicit):
    """BaseResolver.resolve without its path-resolver branch (this loader has none): the parser
    asks it for every node of the document."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
            for tag, regexp in _WILDCARD:
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


if not _LineLoader.yaml_path_resolvers:
    _LineLoader.resolve = _resolve


def read_text(path: Path) -> str:
    """Read a text file, turning every way it can be unusable into one clear problem: missing, not
    a regular file, too large (limits.py), empty, binary, not UTF-8. UTF-16 and UTF-32 with a byte
    order mark, or UTF-16 without one, are decoded."""
    from . import limits

    name = str(path)
    raw = limits.read_bytes(path)
    if not raw.strip():
        raise InputError(Problem(name, None, t("file_empty")))
    text = _decode(raw, name)
    if not text.strip():
        raise InputError(Problem(name, None, t("file_empty")))
    return text


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _latin_text(text: str, name: str) -> str:
    """A UTF-16/32 decoding is believed only when it gives text in Latin script (what an LKjIP is
    written in); bytes that merely start like a byte order mark give CJK-looking noise."""
    sample = text[:4000]
    latin = sum(1 for ch in sample if ch < "\u0250" or ch in "\u2018\u2019\u201c\u201d\u2013\u2014\u2026")
    if sample and latin < 0.9 * len(sample):
        raise InputError(Problem(name, None, t("file_binary")))
    return text


def _decode(raw: bytes, name: str) -> str:
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return _latin_text(raw[len(bom):].decode(enc), name)
            except UnicodeDecodeError:
                raise InputError(Problem(name, None, t("file_binary"))) from None
    head = raw[:8192]
    if b"\x00" in head:
        # UTF-16 without a byte order mark: every other byte of ASCII text is zero
        for enc, zeros in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
            if len(zeros) > 8 and zeros.count(0) > 0.9 * len(zeros):
                try:
                    return _latin_text(raw.decode(enc), name)
                except UnicodeDecodeError:
                    break
        raise InputError(Problem(name, None, t("file_binary")))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(Problem(name, line, t("file_not_utf8", line=line))) from None


def load_yaml(path: Path):
    """Load one YAML file into LDict/LList with line numbers; raise InputError on any problem."""
    import gc

    from . import yaml_fast

    text = read_text(path)
    # The tree built here has no reference cycles; the collector's passes over the ~10^5 young
    # objects of a large dataset made loading superlinear (benchmarks/bench_scale.py), so it
    # pauses while the YAML is built.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = yaml_fast.load(text)  # plain YAML in pure Python; None: PyYAML reads it
        fast = data is not None
        if not fast:
            data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKey as e:
        raise InputError(Problem(str(path), e.line, t("yaml_duplicate", key=e.key))) from None
    except _BadKey as e:
        raise InputError(Problem(str(path), e.line, t("yaml_key", what=e.what))) from None
    except RecursionError:
        raise InputError(Problem(str(path), None, t("yaml_syntax", detail="terlalu bersarang / nested too deeply"))) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        detail = " ".join(str(x) for x in (getattr(e, "problem", None), getattr(e, "context", None)) if x) or str(e)
        raise InputError(Problem(str(path), mark.line + 1 if mark else None, t("yaml_syntax", detail=detail))) from None
    finally:
        if was_enabled:
            gc.enable()
    if data is None:
        raise InputError(Problem(str(path), None, t("file_empty")))
    # a tree of the fast path has no aliases and fewer nodes than the text has characters
    if ("&" in text or "*" in text) and not (fast and len(text) <= MAX_NODES) and expanded_size(data) > MAX_NODES:
        raise InputError(Problem(str(path), None, t("yaml_aliases", max=f"{MAX_NODES:,}".replace(",", "."))))
    if not isinstance(data, dict):
        raise InputError(Problem(str(path), 1, t("not_mapping")))
    return data


def line_at(doc, path) -> int | None:
    """Line of the node at a JSON path (sequence of keys / indexes) inside a loaded document."""
    node, line = doc, getattr(doc, "line", None)
    for part in path:
        if isinstance(node, LDict) and part in node:
            line = node.line_of(part)
            node = node[part]
        elif isinstance(node, LList) and isinstance(part, int) and part < len(node):
            line = node.line_of(part)
            node = node[part]
        else:
            break
    return line
