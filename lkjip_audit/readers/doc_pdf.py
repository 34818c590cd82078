"""PDF report with a text layer -> Document (pdfplumber, imported only here).

Per page: ruled tables (pdfplumber's line strategy) become table blocks; the text outside them
is grouped into lines and the lines into paragraphs by their vertical gaps; a paragraph whose
characters are all bold is a heading. Provenance: `page`, and `line`, the running number of the
text line / table row over the whole document; `where` = "halaman P baris L" (line on the page)
or "halaman P tabel T baris R". A PDF without a text layer (a scan) is refused with a clear
message: it needs OCR first.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from .doc_text import clean
from .document import Block, Document, Row

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf_document(path: Path) -> Document:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(Problem(str(path), None, "pdfplumber tidak terpasang: tidak dapat membaca .pdf")) from None
    name = str(path)
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:  # noqa: BLE001 - a broken PDF is one clear message
        raise InputError(Problem(name, None, f"bukan berkas PDF yang sah ({type(e).__name__})")) from None
    doc = Document(name, "pdf", [])
    n = 0
    chars_total = 0
    try:
        with pdf:
            for p_no, page in enumerate(pdf.pages, start=1):
                chars_total += len(page.chars)
                tables = page.find_tables(TABLE_SETTINGS)
                items = []  # (top, kind, payload)
                outside = page
                for t in tables:
                    items.append((t.bbox[1], "table", t))
                    outside = outside.outside_bbox(t.bbox)
                for ln in outside.extract_text_lines(return_chars=True, strip=True):
                    items.append((ln["top"], "line", ln))
                items.sort(key=lambda x: x[0])
                line_on_page = table_on_page = 0
                para: Block | None = None
                prev_bottom = None
                for top, kind, obj in items:
                    if kind == "table":
                        para, prev_bottom = None, None
                        table_on_page += 1
                        block = None
                        for r_i, row in enumerate(obj.extract(), start=1):
                            n += 1
                            cells = [clean((c or "").replace("\n", " ")) for c in row]
                            where = f"halaman {p_no} tabel {table_on_page} baris {r_i}"
                            doc.register(n, "\t".join(cells), where, p_no)
                            if block is None:
                                block = Block("table", line=n, page=p_no, where=where)
                                doc.blocks.append(block)
                            block.rows.append(Row(cells, n, p_no, where))
                        continue
                    n += 1
                    line_on_page += 1
                    text = clean(obj["text"])
                    where = f"halaman {p_no} baris {line_on_page}"
                    doc.register(n, text, where, p_no)
                    chars = [c for c in obj.get("chars", []) if c["text"].strip()]
                    bold = bool(chars) and all("bold" in (c.get("fontname") or "").lower() for c in chars)
                    height = max((c["bottom"] - c["top"]) for c in chars) if chars else 8
                    gap = None if prev_bottom is None else top - prev_bottom
                    prev_bottom = obj["bottom"]
                    kind_b = "heading" if bold else "paragraph"
                    if para is not None and gap is not None and gap < 0.6 * height and para.kind == kind_b:
                        para.text = f"{para.text} {text}".strip()
                        para.raw = para.text
                        continue
                    para = Block(kind_b, text, n, p_no, where, 0, raw=text)
                    doc.blocks.append(para)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001
        raise InputError(Problem(name, None, f"PDF tidak dapat dibaca ({type(e).__name__}: {e})")) from None
    if chars_total == 0:
        raise InputError(Problem(name, None, "PDF tanpa lapisan teks (hasil pindaian?): tidak ada teks yang dapat "
                                             "dibaca; jalankan OCR dahulu (mis. ocrmypdf) lalu periksa lagi"))
    return doc
