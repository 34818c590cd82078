"""Plain-text / Markdown export of a report -> Document.

The export this reader knows (e.g. a PDF converted to Markdown): headings as `#` lines or whole
bold lines (`**...**`), tables as tab-separated lines (one table row per line), paragraphs as
single lines, HTML bold tags and LaTeX fragments left in. Provenance is the 1-based line.
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


def read_text_document(path: Path, text: str | None = None) -> Document:
    if text is None:
        text = read_bytes_as_text(Path(path))
    doc = Document(str(path), "text", [])
    table: Block | None = None
    for n, raw in enumerate(text.splitlines(), start=1):
        where = f"baris {n}"
        doc.register(n, clean(raw), where)
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
        doc.blocks.append(Block("paragraph", clean(s), n, None, where, raw=raw))
    return doc
