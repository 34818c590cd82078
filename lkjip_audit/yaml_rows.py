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
