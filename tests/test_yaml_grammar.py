"""yaml_grammar's patterns as written for a cheap start-up are the same patterns as before."""
import re

from lkjip_audit import yaml_fast, yaml_grammar
from lkjip_audit.yaml_grammar import _BAD_CHAR, _Later

# the characters the fast path leaves to PyYAML, as first written: everything but the allowed ones
OLD_BAD_CHAR = "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"


def test_bad_char_refuses_exactly_the_characters_the_old_pattern_refused():
    every = "".join(map(chr, range(0x110000)))  # every code point, surrogates included
    old = [m.start() for m in re.finditer(OLD_BAD_CHAR, every)]
    new = [m.start() for m in _BAD_CHAR.finditer(every)]
    assert new == old
    # counted by hand: 0x00-0x09 (10), 0x0b-0x1f (21), 0x7f-0x9f (33), LS and PS (2),
    # surrogates 0xd800-0xdfff (2048), BOM, 0xfffe, 0xffff (3)
    assert len(new) == 10 + 21 + 33 + 2 + 2048 + 3


def test_a_pattern_compiled_later_matches_as_the_compiled_one():
    later = _Later(r"[ \n]*+(?:(?<=[ \n])#[^\n]*+[ \n]*+)*+")
    assert later._re is None  # nothing compiled yet
    assert later.pattern == r"[ \n]*+(?:(?<=[ \n])#[^\n]*+[ \n]*+)*+"
    text = "x  # a comment\n  y"
    assert later.match(text, 1).end() == 17  # two spaces, the comment (12), its line break, two spaces
    assert isinstance(later._re, re.Pattern) and later._re.pattern == later.pattern  # compiled once, kept
    assert later.fullmatch("  ") is not None and later.fullmatch(" x") is None


def test_every_later_pattern_compiles():
    lazy = {name: v for name, v in vars(yaml_grammar).items() if isinstance(v, _Later)}
    assert set(lazy) >= {"_BAD_CHAR", "_FLOW_KEY", "_FLAT_MAP", "_FLAT_SEQ", "_FLAT_MAP_LINE", "_FLOW_WS"}
    for v in lazy.values():
        v.search("")  # the first use compiles it
        assert isinstance(v._re, re.Pattern) and v._re.pattern == v.pattern


def test_the_later_patterns_read_their_cases():
    # a flow read token by token (_FLOW_WS, _FLOW_KEY), a nested sequence (_FLAT_SEQ), a flow
    # mapping with a comment after it (_FLAT_MAP_LINE, _FLAT_MAP), a control character (_BAD_CHAR)
    assert yaml_fast.load("a: {b: [1, 2], c: {d: x}}\n") == {"a": {"b": [1, 2], "c": {"d": "x"}}}
    assert yaml_fast.load("a: [[1, 2], [3]]\n") == {"a": [[1, 2], [3]]}
    assert yaml_fast.load("a: { b: 1 ,  c: 2 }  # note\n") == {"a": {"b": 1, "c": 2}}
    assert yaml_fast.load("a: x\x85y\n") is None
    assert yaml_fast.load("a: x\u00e9y\n") == {"a": "x\u00e9y"}
