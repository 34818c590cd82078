"""The subset of YAML that yaml_fast reads, as regular expressions, and its double-quoted escapes.

The patterns are written so that Python's regex engine runs along whole words (possessive
single-class repeats): a pattern that tests every character in turn costs as much as PyYAML. Every
pattern is used anchored (match / fullmatch at a position), except the row splitters, whose search
is linear by construction (see _ROW_PAIR) or runs only after an anchored match. Those a dataset in
the usual shape never needs are compiled when first used (_Later).
"""
from __future__ import annotations

import re


class Unsupported(Exception):
    """Not in the fast path's subset: PyYAML reads the text."""


class _Later:
    """A pattern compiled on its first use, for those a dataset in the usual shape never needs (a
    flow read token by token, a comment after a flow mapping, an unusual character): compiling
    them at import cost every command's start-up ~30 M instructions (~10 ms; docs/performance.md,
    issue 12 round 9). `pattern` is there without compiling; any other attribute compiles."""

    __slots__ = ("pattern", "_re")

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._re = None

    def __getattr__(self, name):  # match, fullmatch, search... (not the two slots)
        if self._re is None:
            self._re = re.compile(self.pattern)
        return getattr(self._re, name)


# Characters the fast path leaves to PyYAML: tab, CR (left after CRLF), NEL, LS, PS, BOM, every
# non-printable one (PyYAML's reader refuses them). Only looked for when str.isprintable (whose
# printable characters are all allowed here) says no. Written as the characters refused: the same
# set as the allowed ones' negation `[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd
# \U00010000-\U0010ffff]` (tests/test_yaml_grammar.py, over every code point), whose compiling
# walked ~55 000 characters one by one (~9 ms)
_BAD_CHAR = _Later("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
_MARKERS = ("---", "...", "%")  # a line starting a document marker or a directive: PyYAML's path

# A plain scalar's first character (no indicator; '-' only before an ordinary character).
_P0 = r"""(?:[^ \n\-?:,\[\]{}#&*!|>'"%@`]|-(?=[^ \n\-?:,\[\]{}#&*!|>'"%@`]))"""
# a block key: words without ':' '#' or flow indicators (narrower than YAML allows)
_KEY = r"%s[^ \n:#,\[\]{}]*+(?: ++[^ \n:#,\[\]{}]++)*+" % _P0
# a plain scalar inside a flow: also no '?'
_FPLAIN = r"%s[^ \n:#,\[\]{}?]*+(?: ++[^ \n:#,\[\]{}?]++)*+" % _P0
# a single-line plain scalar in a block: ':' only before a non-space, '#' only after a non-space
_WORD = r"(?:[^ :]++|:(?=[^ ]))"
_PLAIN = rf"{_P0}{_WORD}*+(?: ++(?=[^ #]){_WORD}++)*+"
_DQ = r'"([^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"'
_SQ = r"'([^'\n]*+(?:''[^'\n]*+)*+)'"
_COMMENT = r"(?: ++#.*+)?+"

# `key: rest` or `key:` on one block line (content after the indentation, trailing spaces cut)
# (groups: plain, double or single quoted key; a plain value, a "double quoted" one without
# escapes, or the rest of the line)
# used with .match: the rest of the line (a value other than those two) starts at its end
_KEY_LINE = re.compile(rf"(?:({_KEY})|{_DQ}|{_SQ}) *+:(?:$| ++(?:({_PLAIN}){_COMMENT}$|"
                       rf"\"([^\"\\\n]*+)\"{_COMMENT}$)?)")
_DQ_LINE = re.compile(_DQ + _COMMENT)
_SQ_LINE = re.compile(_SQ + _COMMENT)
_PLAIN_LINE = re.compile(rf"({_PLAIN}){_COMMENT}")

_FLOW_KEY = _Later(rf"(?:({_FPLAIN})|{_DQ}|{_SQ}) *+:(?= )")
# a flow mapping / sequence of scalars on one line (nearly every row of a dataset), read in one go;
# each scalar as written (quotes kept), turned into its value by _Reader.token
_QDQ = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_QSQ = r"'[^'\n]*+(?:''[^'\n]*+)*+'"
_TOKEN = rf"(?:{_QDQ}|{_QSQ}|{_FPLAIN})"
_KEY_TOKEN = rf"(?:{_FPLAIN}|{_QDQ}|{_QSQ})"  # the same, keys being mostly plain
# (no space before a `:` here, so that a key's length is the distance to its `:`)
_FLAT_PAIR = re.compile(rf"({_KEY_TOKEN}): ++({_TOKEN})")
# the same, found only right after `{` or `, `: its search over any text stays linear (a failed try
# ends at the next `,` `:` or quote, and no two tries scan the same quoted text)
_ROW_PAIR = re.compile(rf"(?:(?<=\{{)|(?<=, ))({_KEY_TOKEN}): ++({_TOKEN})")
# the common case, about twice as fast: identifier keys, "quoted" or word-like plain values; the
# `{` or `, ` before each pair is taken with it (a consumed prefix is found faster than a lookbehind)
_SIMPLE_ROW = re.compile(rf"(?:\{{|, )([A-Za-z_][A-Za-z0-9_]*+): ++({_QDQ}|[A-Za-z0-9_][A-Za-z0-9_.]*+)")
_FLAT_MAP = _Later(rf"\{{ *+(?:{_TOKEN}: ++{_TOKEN} *+, *+)*+{_TOKEN}: ++{_TOKEN} *+\}}")
_FLAT_ITEM = re.compile(_TOKEN)
_FLAT_SEQ = _Later(rf"\[ *+(?:{_TOKEN} *+, *+)*+{_TOKEN} *+\]")
# the same over several lines: line breaks only around `{` `,` `}` (no comment, no plain scalar
# over two lines: those are read token by token)
_FLAT_MAP_LINES = re.compile(rf"\{{[ \n]*+(?:{_TOKEN}: ++{_TOKEN}[ \n]*+,[ \n]*+)*+{_TOKEN}: ++{_TOKEN}[ \n]*+\}}")
_FLAT_MAP_LINE = _Later(rf"({_FLAT_MAP.pattern}){_COMMENT}")
_FLAT_SEQ_LINE = re.compile(rf"({_FLAT_SEQ.pattern}){_COMMENT}")
_FLOW_WS = _Later(r"[ \n]*+(?:(?<=[ \n])#[^\n]*+[ \n]*+)*+")
_FLOW_TAIL = re.compile(r" *+(?:(?<= )#[^\n]*+)?+(?:\n|$)")

_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\x09", "n": "\x0a", "v": "\x0b", "f": "\x0c",
            "r": "\x0d", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/", "N": "\x85",
            "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_ESCAPE = re.compile(r"""\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([0abtnvfre "\\/N_LP]))""")
_ESCAPED_TEXT = re.compile(r"""(?:[^\\]|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre "\\/N_LP]))*+""")
_MAX_KEY = 1000  # PyYAML's simple keys end at 1024 characters: longer ones go to its path


def _unescape_char(m) -> str:
    hexa = m.group(1) or m.group(2) or m.group(3)
    if hexa is None:
        return _ESCAPES[m.group(4)]
    code = int(hexa, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise Unsupported
    return chr(code)


def double(s: str) -> str:
    """The value of a double-quoted scalar's text (between its quotes)."""
    if "\\" not in s:
        return s
    if not _ESCAPED_TEXT.fullmatch(s):
        raise Unsupported
    return _ESCAPE.sub(_unescape_char, s)
