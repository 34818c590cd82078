"""Escaping report text for each medium. A report's text (names, cells, unplaced lines) and a rule
pack's text (titles, messages) are data, never markup or control codes.

- `plain(text)`: for terminals and plain-text files. Every control character (C0 except tab and
  newline, DEL, C1 such as CSI \\x9b, and ESC / BEL, which start OSC and colour sequences), plus
  the Unicode line/paragraph separators and bidi overrides, is shown as a visible escape (`\\x1b`).
  Callers pass the result to rich as `Text`, never as a markup string, so `[bold]`, `[link=...]`
  and `[/]` are printed as written.
- `one_line(text, width)`: plain(), newlines as spaces, cut to `width` characters with "…".
- `md(text)`: for Markdown text and table cells: one line, Markdown punctuation backslash-escaped
  (`# * _ [ ] | < > ` and friends), `&` as `&amp;`: no heading, link, emphasis, raw HTML or table
  cell can come from the data. `md_line(text)` for text that starts a line also escapes a
  leading `-`, `+`, `>`, `=`, `1.`.
- `md_code(text)`: an inline code span that the text cannot close (a backtick fence longer than
  any backtick run inside it).
- `html(text)`: HTML text and attribute values (`html.escape` with quotes).
- `json_text(s)`: C1 controls and U+2028/2029 as \\u escapes in a JSON document (json.dumps with
  ensure_ascii=False leaves them raw).
"""
from __future__ import annotations

import html as _html
import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_NL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_LINE_START = re.compile(r"^(\s*)(\d*)([-+=>.)])")
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")


def _visible(m) -> str:
    c = m.group(0)
    if c == "\n":
        return " "
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def plain(text) -> str:
    """Text without control characters (tab and newline kept)."""
    if text is None:
        return ""
    return _CONTROL.sub(_visible, str(text))


def one_line(text, width: int | None = None) -> str:
    s = _CONTROL_NL.sub(_visible, "" if text is None else str(text)).replace("\t", " ")
    if width is not None and len(s) > width:
        s = s[: max(width - 1, 0)] + "…"
    return s


def clean_tree(obj):
    """plain() applied to every string of a report dict (keys included)."""
    if isinstance(obj, str):
        return plain(obj)
    if isinstance(obj, dict):
        return {clean_tree(k): clean_tree(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(clean_tree(v) for v in obj)
    return obj


def md(text) -> str:
    """Markdown-safe text on one line, inside a line (a table cell, after a label)."""
    if text is None:
        return ""
    s = one_line(text).replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def md_line(text) -> str:
    """md() for text that starts a line: also what only means something there (a list item,
    a quote, a setext or thematic break: `- `, `1. `, `> `, `---`)."""
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), md(text))


def md_code(text) -> str:
    """An inline code span holding `text` literally (one line; pipes escaped for table cells)."""
    s = one_line("" if text is None else text)
    if not s:
        return ""
    runs = [len(r) for r in re.findall(r"`+", s)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or (s.startswith(" ") and s.endswith(" ")) else ""
    # a pipe would end a table cell even inside a code span (GFM); `\|` is shown as `|` there
    return f"{fence}{pad}{s.replace('|', chr(92) + '|')}{pad}{fence}"


def html(text) -> str:
    return _html.escape("" if text is None else plain(text), quote=True)


def json_text(s: str) -> str:
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", s)
