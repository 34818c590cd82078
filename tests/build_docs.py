"""Build the real report as a Word file and as a PDF from its text export (for tests and benchmarks).

DOCX (python-docx): one Word paragraph per text line (blank lines included, so that the running
paragraph/row number equals the text line), `#` lines as Heading styles, whole-bold lines bold,
each block of tab-separated lines a real Word table.

PDF (fpdf2, core font): every text line a paragraph (wrapped), headings bold, every table a
ruled table whose header rows repeat after a page break; the text layer is what the reader reads.
"""
from __future__ import annotations

import re
from pathlib import Path

from lkjip_audit.readers.doc_text import clean
from lkjip_audit.readers.table_kinds import _header_score, _is_subheader, is_numbering_row

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def _blocks(text: str) -> list:
    return list(_iter_blocks(text))  # tables are filled after they are yielded


def _iter_blocks(text: str):
    """(kind, payload) in order: ("blank", None), ("heading", (level, text)), ("bold", text),
    ("para", text), ("table", [cells...])."""
    table = None
    for raw in text.split("\n"):
        if "\t" in raw and raw.strip():
            cells = [clean(c) for c in raw.split("\t")]
            if table is None:
                table = []
                yield "table", table
            table.append(cells)
            continue
        table = None
        s = raw.strip()
        if not s:
            yield "blank", None
            continue
        m = _HEADING.match(s)
        if m:
            yield "heading", (len(m.group(1)), clean(m.group(2)))
        elif s.startswith("**") and s.endswith("**") and len(s) > 4 and "**" not in s[2:-2].strip("*"):
            yield "bold", clean(s)
        else:
            yield "para", clean(s)


def build_docx(text: str, out: Path) -> Path:
    import docx

    d = docx.Document()
    for kind, payload in _blocks(text):
        if kind == "blank":
            d.add_paragraph("")
        elif kind == "heading":
            d.add_heading(payload[1], min(payload[0], 9))
        elif kind == "bold":
            d.add_paragraph().add_run(payload).bold = True
        elif kind == "para":
            d.add_paragraph(payload)
        else:
            width = max(len(r) for r in payload)
            t = d.add_table(rows=len(payload), cols=width)
            for r, cells in enumerate(payload):
                for c, value in enumerate(cells):
                    t.cell(r, c).text = value
    d.save(str(out))
    return out


def _latin1(s: str) -> str:
    s = s.replace("–", "-").replace("—", "-").replace("“", '"').replace("”", '"').replace("’", "'").replace("…", "...")
    return s.encode("latin-1", "replace").decode("latin-1")


def _header_rows(rows) -> int:
    n = 0
    if rows and _header_score(rows[0]) >= 2:
        n = 1
        if len(rows) > 1 and _is_subheader(rows[1]) and not is_numbering_row(rows[1]):
            n = 2
        if len(rows) > n and is_numbering_row(rows[n]):
            n += 1
    return n


def build_pdf(text: str, out: Path) -> Path:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(orientation="L", unit="mm", format="A3")
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_margins(10, 10, 10)
    pdf.add_page()
    for kind, payload in _blocks(text):
        if kind == "blank":
            pdf.ln(1.5)
            continue
        if kind in ("heading", "bold", "para"):
            t = payload[1] if kind == "heading" else payload
            pdf.set_font("Helvetica", "B" if kind != "para" else "", 9)
            pdf.multi_cell(0, 4, _latin1(t), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
            continue
        width = max(len(r) for r in payload)
        rows = [[_latin1(c) for c in r] + [""] * (width - len(r)) for r in payload]
        # a column at least as wide as its longest word (a PDF from Word does not cut words)
        longest_word = [max((len(w) for r in rows for w in r[c].split()), default=1) for c in range(width)]
        weights = [max(longest_word[c] + 2, min(28, max(len(r[c]) for r in rows))) for c in range(width)]
        pdf.set_font("Helvetica", "", 5 if width > 14 else 6 if width > 8 else 7)
        heads = _header_rows(rows)
        with pdf.table(col_widths=tuple(weights), first_row_as_headings=heads > 0,
                       num_heading_rows=max(heads, 1) if heads else 1, line_height=3,
                       text_align="LEFT", headings_style=FontFace()) as table:
            for r in rows:
                row = table.row()
                for c in r:
                    row.cell(c)
        pdf.ln(3)
    pdf.output(str(out))
    return out


def build_image_pdf(out: Path) -> Path:
    """A 'scanned' PDF: one page holding only an image, no text layer."""
    from fpdf import FPDF
    from PIL import Image

    img = out.with_suffix(".png")
    Image.new("RGB", (200, 100), (255, 255, 255)).save(img)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(img), x=10, y=10, w=100)
    pdf.output(str(out))
    return out


def build_pdf_narrow(text: str, out: Path, landscape_every: int = 0, scanned_page_at: int = 0) -> Path:
    """The report as an office's PDF often is: A4 portrait, small type, equal narrow table columns,
    so that long figures and names wrap inside their cells ("20.483.638.3" / "50"), tables running
    over page breaks with their header repeated, and (landscape_every=N) every N-th table on a
    landscape page of its own; scanned_page_at=N inserts, before the N-th block, a page that is
    only an image (a scanned page: no text layer)."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace
    from PIL import Image

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.set_margins(12, 12, 12)
    pdf.add_page()
    n_table = 0
    for i, (kind, payload) in enumerate(_blocks(text)):
        if scanned_page_at and i == scanned_page_at:
            img = out.with_suffix(".png")
            Image.new("RGB", (200, 100), (240, 240, 240)).save(img)
            pdf.add_page()
            pdf.image(str(img), x=10, y=10, w=100)
            pdf.add_page()
        if kind == "blank":
            pdf.ln(1.5)
            continue
        if kind in ("heading", "bold", "para"):
            t = payload[1] if kind == "heading" else payload
            pdf.set_font("Helvetica", "B" if kind != "para" else "", 8)
            pdf.multi_cell(0, 3.6, _latin1(t), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
            continue
        n_table += 1
        landscape = bool(landscape_every) and n_table % landscape_every == 0
        if landscape:
            pdf.add_page(orientation="L")
        width = max(len(r) for r in payload)
        rows = [[_latin1(c) for c in r] + [""] * (width - len(r)) for r in payload]
        # label columns get room, figure columns are narrow: long figures wrap inside the cell
        numeric = [all(not r[c].strip() or re.fullmatch(r"[-Rp.\s0-9,%()]+", r[c].strip()) for r in rows[1:])
                   for c in range(width)]
        weights = [5 if numeric[c] else 14 for c in range(width)]
        pdf.set_font("Helvetica", "", 6)
        heads = _header_rows(rows)
        with pdf.table(col_widths=tuple(weights), first_row_as_headings=heads > 0,
                       num_heading_rows=max(heads, 1) if heads else 1, line_height=2.6,
                       text_align="LEFT", headings_style=FontFace()) as table:
            for r in rows:
                row = table.row()
                for c in r:
                    row.cell(c)
        pdf.ln(3)
        if landscape:
            pdf.add_page(orientation="P")
    pdf.output(str(out))
    return out

