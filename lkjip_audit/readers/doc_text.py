"""Plain-text / Markdown export of a report -> Document.

The exports this reader knows: headings as `#` lines or whole bold lines (`**...**`); tables as
tab-separated lines, Markdown pipe tables (`| a | b |` or `a | b | c`, the `|---|` rule skipped), columns
separated by runs of spaces (`pdftotext -layout`), and tables flattened by a copy out of a PDF
(a header, then a label followed by its numbers, or one cell per line: flat_tables.py);
paragraphs as single lines, HTML bold tags and LaTeX fragments left in. Provenance is the
1-based line.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import t
from ..yamlio import read_text
from .document import Block, Document, Row

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TAGS = re.compile(r"</?(?:b|i|u|strong|em|br|sup|sub)\s*/?>", re.I)
_BOLD = re.compile(r"\*\*|__")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Markup removed, spaces collapsed; the words and figures stay exactly as printed."""
    text = _TAGS.sub("", text)
    text = _BOLD.sub("", text)
    text = _CTRL.sub(" ", text)
    return " ".join(text.replace("\xa0", " ").split())


def read_bytes_as_text(path: Path) -> str:
    """yamlio.read_text (missing, empty, binary, not UTF-8), plus: mostly control characters = binary."""
    name = str(path)
    text = read_text(path)
    bad = sum(1 for ch in text[:20000] if _CTRL.match(ch))
    if bad > 20 and bad > len(text[:20000]) // 50:
        raise InputError(Problem(name, None, t("file_binary")))
    return text


_PIPE = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_GAP = re.compile(r"\S(?: {2,}|\u00a0{2,})\S")
_NUMERIC = re.compile(r"^[-−–(]?\s?(?:Rp\.?\s?)?\d[\d.,]*\s?%?\)?\*{0,3}$")


def _bare_pipe_cells(raw: str) -> list[str] | None:
    """`a | b | c`: a pipe table written without its outer pipes (GitHub Markdown allows it); three
    cells at least, each short, so a running title like "LKjIP ... | Tahun 2016" stays text."""
    if raw.count("|") < 2 or _PIPE.match(raw):
        return None
    cells = [c.strip() for c in raw.strip().split("|")]
    if all(cells) and max(len(c.split()) for c in cells) <= 15:
        return [clean(c) for c in cells]
    return None


def _cells_of(raw: str) -> list[str] | None:
    """The cells of a table line in the forms other than tabs, or None for an ordinary line."""
    if _PIPE.match(raw):
        return [clean(c) for c in raw.strip().strip("|").split("|")]
    bare = _bare_pipe_cells(raw)
    if bare is not None:
        return bare
    if _GAP.search(raw):
        cells = [c for c in re.split(r" {2,}", raw.strip()) if c]
        nums = sum(1 for c in cells if _NUMERIC.match(c.strip()))
        words = max(len(c.split()) for c in cells)
        if len(cells) >= 3 and nums * 3 >= len(cells) and words <= 12:
            return [clean(c) for c in cells]
    return None


def _layout_header(raw: str) -> list[str] | None:
    """A header line of a space-separated table (just above its first row)."""
    from .header_vocab import looks_like_header

    cells = [c for c in re.split(r" {2,}", raw.strip()) if c]
    return [clean(c) for c in cells] if len(cells) >= 3 and looks_like_header(" ".join(cells)) else None


def _flat_spans(lines: list[str], taken: set[int]) -> dict[int, tuple[int, Block]]:
    from .flat_tables import find_flat_tables

    plain = [(n, raw) for n, raw in enumerate(lines, start=1) if n not in taken and "\t" not in raw]
    spans = {}
    for a, b, block in find_flat_tables(plain):
        spans[plain[a][0]] = (plain[b][0], block)
    return spans


def read_text_document(path: Path, text: str | None = None) -> Document:
    if text is None:
        text = read_bytes_as_text(Path(path))
    doc = Document(str(path), "text", [])
    table: Block | None = None
    lines = text.splitlines()
    other: dict[int, list[str] | None] = {}
    for n, raw in enumerate(lines, start=1):
        if "\t" not in raw and raw.strip() and ("|" in raw or "  " in raw):
            other[n] = _cells_of(raw)
    taken = {n for n, c in other.items() if c is not None}
    spans = _flat_spans(lines, taken)
    skip_to = 0
    for n, raw in enumerate(lines, start=1):
        where = f"baris {n}"
        doc.register(n, clean(raw), where)
        if n <= skip_to:
            continue
        if n in spans:
            skip_to, block = spans[n]
            for m in range(n + 1, skip_to + 1):
                doc.register(m, clean(lines[m - 1]), f"baris {m}")
            doc.blocks.append(block)
            table = None
            skip_to = max(skip_to, n)
            continue
        cells = other.get(n)
        if cells is not None:
            if _PIPE_RULE.match(raw):
                continue
            if table is None:
                table = Block("table", line=n, where=where)
                doc.blocks.append(table)
                head = _layout_header(lines[n - 2]) if n >= 2 and not _PIPE.match(raw) else None
                if head and doc.blocks[-2:-1] and doc.blocks[-2].line == n - 1:
                    doc.blocks.pop(-2)
                    table.rows.append(Row(head, n - 1, None, f"baris {n - 1}"))
                    table.line, table.where = n - 1, f"baris {n - 1}"
            table.rows.append(Row(cells, n, None, where))
            continue
        if "\t" in raw and raw.strip():
            cells = [clean(c) for c in raw.rstrip("\r\n").split("\t")]
            if table is None:
                table = Block("table", line=n, where=where)
                doc.blocks.append(table)
            table.rows.append(Row(cells, n, None, where))
            continue
        table = None
        if not raw.strip():
            continue
        m = _HEADING.match(raw.strip())
        if m:
            doc.blocks.append(Block("heading", clean(m.group(2)), n, None, where, len(m.group(1)), raw=raw))
            continue
        s = raw.strip()
        if s.startswith("**") and s.endswith("**") and len(s) > 4 and "**" not in s[2:-2].strip("*"):
            doc.blocks.append(Block("heading", clean(s), n, None, where, 0, raw=raw))
            continue
        if "No" in s or "no." in s:
            from .flat_tables import find_inline_tables

            doc.blocks.extend(find_inline_tables(clean(s), n))
        doc.blocks.append(Block("paragraph", clean(s), n, None, where, raw=raw))
    return doc
