"""Word (.docx) report -> Document (python-docx, imported only here).

Body paragraphs and tables in reading order. Provenance: `line` is the running number of the body
element (each paragraph counts one, each table row counts one), `where` says "paragraf N" or
"tabel T baris R" so a person finds the place in Word. Headings: paragraphs with a Heading/Judul
style, or whose text is all bold. A cell merged over several grid columns (gridSpan) is read once;
a cell merged down (vMerge) gives its text to every row it spans; a table nested in a cell is read
as a table of its own, after the one holding it ("tabel 5 (di dalam tabel 4) baris 2").
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from .doc_text import clean
from .document import Block, Document, Row


def read_docx_document(path: Path) -> Document:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(Problem(str(path), None, "python-docx tidak terpasang: tidak dapat membaca .docx")) from None
    raw = Path(path).read_bytes()
    if not raw.strip():
        raise InputError(Problem(str(path), None, "berkas kosong"))
    try:
        d = docx.Document(str(path))
    except Exception as e:  # noqa: BLE001 - any broken zip/xml is one clear message
        raise InputError(Problem(str(path), None, f"bukan berkas DOCX yang sah ({type(e).__name__})")) from None
    doc = Document(str(path), "docx", [])
    n = para_no = table_no = 0
    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n += 1
            para_no += 1
            p = Paragraph(child, d)
            text = clean(p.text)
            where = f"paragraf {para_no}"
            doc.register(n, text, where)
            if not text:
                continue
            style = (p.style.name if p.style is not None else "") or ""
            runs = [r for r in p.runs if r.text.strip()]
            level = 0
            if style.lower().startswith(("heading", "judul", "title")):
                digits = "".join(ch for ch in style if ch.isdigit())
                level = int(digits) if digits else 1
                doc.blocks.append(Block("heading", text, n, None, where, level, raw=p.text))
            elif runs and all(r.bold for r in runs):
                doc.blocks.append(Block("heading", text, n, None, where, 0, raw=p.text))
            else:
                doc.blocks.append(Block("paragraph", text, n, None, where, raw=p.text))
        elif tag == "tbl":
            pending = [(Table(child, d), "")]
            while pending:
                # a table, then the tables nested in its cells (a layout table holding the real one)
                t, parent = pending.pop(0)
                table_no += 1
                label = f"tabel {table_no}" + (f" (di dalam {parent})" if parent else "")
                block = None
                for r_i, row in enumerate(t.rows, start=1):
                    n += 1
                    cells, prev = [], None
                    for cell in row.cells:
                        cells.append("" if cell._tc is prev else clean(cell.text))
                        if cell._tc is not prev:
                            pending.extend((nested, label) for nested in cell.tables)
                        prev = cell._tc
                    where = f"{label} baris {r_i}"
                    doc.register(n, "\t".join(cells), where)
                    if block is None:
                        block = Block("table", line=n, where=where)
                        doc.blocks.append(block)
                    block.rows.append(Row(cells, n, None, where))
    if not any(b.text or b.rows for b in doc.blocks):
        raise InputError(Problem(str(path), None, "dokumen DOCX tidak berisi teks"))
    return doc
