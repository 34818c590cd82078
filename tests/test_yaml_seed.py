"""yaml_seed: PyYAML's reader gets the same set of forbidden characters, compiled the cheap way."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lkjip_audit.yaml_seed import PYYAML_NON_PRINTABLE, REFUSED


def _python(code: str) -> str:
    root = Path(__file__).resolve().parents[1]  # this tree's lkjip_audit, first on sys.path
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=root).stdout.strip()


def test_the_refused_characters_are_exactly_those_pyyaml_does_not_allow():
    every = "".join(map(chr, range(0x110000)))  # every code point, surrogates included
    # re.DOTALL changes nothing in a pattern without `.`; it keeps re's cache (seeded) out of the way
    pyyaml = re.compile(PYYAML_NON_PRINTABLE, re.DOTALL)
    assert [m.start() for m in re.finditer(REFUSED, every)] == [m.start() for m in pyyaml.finditer(every)]
    # counted by hand: 0x00-0x08 (9), 0x0b 0x0c (2), 0x0e-0x1f (18), 0x7f-0x84 (6), 0x86-0x9f (26),
    # surrogates (2048), U+FFFE and U+FFFF (2)
    assert len(re.findall(REFUSED, every)) == 9 + 2 + 18 + 6 + 26 + 2048 + 2


def test_pyyaml_still_writes_its_pattern_so():
    # a PyYAML that wrote it otherwise would compile its own (slowly): this says so
    out = _python("import yaml.reader; print(ascii(yaml.reader.Reader.NON_PRINTABLE.pattern))")
    assert out == ascii(PYYAML_NON_PRINTABLE)


def test_pyyaml_imported_after_yamlio_gets_the_cheap_pattern():
    out = _python("import lkjip_audit.yamlio, yaml.reader; print(ascii(yaml.reader.Reader.NON_PRINTABLE.pattern))")
    assert out == ascii(REFUSED)


READ = """
import yaml
for text in ("a: b\\x07\\n", "a: \\x85x\\x9f\\n", "ab: \\ufffe\\n", "a: \\ud7ff\\U0001f600\\n"):
    try:
        yaml.load(text, Loader=yaml.SafeLoader)  # the pure-Python reader
        print("read")
    except yaml.reader.ReaderError as e:
        print(e.position, e.character, e.reason)
"""


def test_pyyaml_pure_python_reader_refuses_as_before():
    seeded = _python("import lkjip_audit.yamlio, yaml.reader\n"
                     "assert yaml.reader.Reader.NON_PRINTABLE.pattern[1] == chr(0)\n"  # the seeded one
                     + READ)
    assert seeded == _python(READ)  # PyYAML's own pattern
    assert seeded.splitlines() == ["4 7 special characters are not allowed", "5 159 special characters are not allowed",
                                   "4 65534 special characters are not allowed", "read"]
