"""Imported just before PyYAML's first import (yamlio.py, yaml_fast.py): PyYAML's reader then gets
its pattern of forbidden characters ready-compiled, ~12 times cheaper.

PyYAML's yaml/reader.py compiles, while it is imported, the class of the characters a YAML stream
may hold, negated (Reader.NON_PRINTABLE). Python's regex compiler walks such a class one character
at a time, ~63 000 of them: ~50 M instructions (~15 ms) of every command's start-up, a sixth of the
parent's work before its workers fork (docs/performance.md, issue 12 round 9). The same set written
as the characters it refuses compiles in ~4 M. It is put in the `re` module's cache under PyYAML's
pattern, so PyYAML's `re.compile` finds it there. Equal over every code point
(tests/test_yaml_seed.py, which also checks that PyYAML still writes the pattern so). Only the
pure-Python loader uses it at all (yamlio reads with libyaml's CSafeLoader when it is there).
Skipped when `re` keeps no such cache (another Python) or PyYAML was imported already: PyYAML then
compiles its own pattern, as before.
"""
from __future__ import annotations

import re
import sys

# yaml/reader.py (PyYAML 6): Reader.NON_PRINTABLE's pattern, as PyYAML writes it
PYYAML_NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
# the same set: C0 controls but tab, LF, CR; DEL and C1 controls but NEL; surrogates; U+FFFE, U+FFFF
REFUSED = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"


def seed() -> None:
    cache = getattr(re, "_cache", None)
    if "yaml" not in sys.modules and isinstance(cache, dict):
        cache.setdefault((str, PYYAML_NON_PRINTABLE, 0), re.compile(REFUSED))


seed()
