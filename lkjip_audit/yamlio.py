"""YAML reading that keeps line numbers, so every problem can be reported as `file:line: ...`."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError, Problem
from .i18n import t

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LDict(dict):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    line: int = 0
    item_lines: list

    def line_of(self, i: int) -> int:
        return self.item_lines[i] if 0 <= i < len(self.item_lines) else self.line


class _LineLoader(_Base):
    pass


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    m = LDict()
    m.line = node.start_mark.line + 1
    m.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
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


class _DuplicateKey(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_text(path: Path) -> str:
    """Read a text file, turning every way it can be unusable into one clear problem."""
    name = str(path)
    if not path.is_file():
        raise InputError(Problem(name, None, t("file_missing")))
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(Problem(name, None, t("file_empty")))
    if b"\x00" in raw[:8192]:
        raise InputError(Problem(name, None, t("file_binary")))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem(name, None, t("file_binary"))) from None
    if not text.strip():
        raise InputError(Problem(name, None, t("file_empty")))
    return text


def load_yaml(path: Path):
    """Load one YAML file into LDict/LList with line numbers; raise InputError on any problem."""
    import gc

    text = read_text(path)
    # The tree built here has no reference cycles; the collector's passes over the ~10^5 young
    # objects of a large dataset made loading superlinear (benchmarks/bench_scale.py), so it
    # pauses while the YAML is built.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except _DuplicateKey as e:
        raise InputError(Problem(str(path), e.line, t("yaml_duplicate", key=e.key))) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        detail = " ".join(str(x) for x in (getattr(e, "problem", None), getattr(e, "context", None)) if x) or str(e)
        raise InputError(Problem(str(path), mark.line + 1 if mark else None, t("yaml_syntax", detail=detail))) from None
    finally:
        if was_enabled:
            gc.enable()
    if data is None:
        raise InputError(Problem(str(path), None, t("file_empty")))
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
