"""PDF report with a text layer -> Document (pdfplumber, imported only here).

Per page: ruled tables (pdfplumber's line strategy) become table blocks, and so do unruled ones
found from word positions under a header row (pdf_unruled.py); the text outside them is grouped into lines and the lines into paragraphs by their vertical gaps; a paragraph whose
characters are all bold is a heading. Provenance: `page`, and `line`, the running number of the
text line / table row over the whole document; `where` = "halaman P baris L" (line on the page)
or "halaman P tabel T baris R". A PDF without a text layer (a scan) is refused with a clear
message: it needs OCR first.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem
from .doc_text import clean
from .document import Block, Document, Row
from .pdf_unruled import find_tables_paged

try:    # imported with this module (in the process that reads reports, before the child process for
    # one PDF is forked: a corpus worker imports pdfplumber once, not once per PDF)
    import pdfplumber

    from .pdf_pages import extract_table, fast_objects, outside_tables
except ImportError:  # pragma: no cover - a dependency of the package
    pdfplumber = None

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


_WORDS: set[str] | None = None
_SPACED_FIGURE = re.compile(r"[0-9.,%](?:\s[0-9.,%]){2,}")


def _vocabulary() -> set[str]:
    global _WORDS
    if _WORDS is None:
        from .header_vocab import HEADER_VOCAB
        from .table_kinds import HEADER_WORDS

        _WORDS = {w for _, ps, _ in HEADER_VOCAB for p in ps for w in re.findall(r"[a-z]+", p)} | \
                 {w for w in HEADER_WORDS if w.isalpha()} | {"kegiatan", "keterangan", "persentase", "jumlah"}
    return _WORDS


def join_cell_lines(text: str) -> str:
    """The lines of one table cell, joined: a word or number the cell wrapped is joined back when
    the joined form proves it (a known header word "REALISA"+"SI", a year "201"+"5", a number
    whose thousands grouping is completed "20.483.638.3"+"50" is left to numbers.py, which notes
    it); otherwise the lines are joined with a space."""
    if _SPACED_FIGURE.fullmatch(text.strip()):
        # a figure set with letter-spacing to fit a narrow cell: "2 0 1 6", "8 2, 2 9 %"
        return re.sub(r"\s+", "", text)
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    if len(parts) < 2:
        return text.replace("\n", " ")
    out = parts[0]
    for nxt in parts[1:]:
        a = re.search(r"(\S+)$", out).group(1)
        b = re.match(r"(\S+)", nxt).group(1)
        glue = False
        if a.isalpha() and b.isalpha() and (a + b).casefold() in _vocabulary() \
                and a.casefold() not in _vocabulary():
            glue = True
        elif a.isdigit() and b.isdigit() and re.fullmatch(r"(19|20)\d\d", a + b) and len(a) < 4:
            glue = True
        out = out + ("" if glue else " ") + nxt
    return out


def read_pdf_document(path: Path) -> Document:
    if pdfplumber is None:  # pragma: no cover - a dependency of the package
        raise InputError(Problem(str(path), None, "pdfplumber tidak terpasang: tidak dapat membaca .pdf"))
    name = str(path)
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:  # noqa: BLE001 - a broken PDF is one clear message
        raise InputError(Problem(name, None, f"bukan berkas PDF yang sah ({type(e).__name__})")) from None
    doc = Document(name, "pdf", [])
    n = 0
    chars_total = 0
    carry = None            # columns of an unruled table that ran to the end of the previous page
    last_unruled: Block | None = None
    try:
        with pdf:
            for p_no, page in enumerate(pdf.pages, start=1):
                fast_objects(page)
                chars_total += len(page.chars)
                if not page.chars:
                    doc.pages_without_text.append(p_no)
                tables = page.find_tables(TABLE_SETTINGS)
                items = []  # (top, kind, payload)
                for t in tables:
                    items.append((t.bbox[1], "table", t))
                outside = outside_tables(page, tables)
                lines = outside.extract_text_lines(return_chars=True, strip=True)
                consumed: set[int] = set()
                unruled, continued, carry_out = find_tables_paged(lines, carry)   # from word positions
                if continued is not None:       # the previous page's table goes on, without its header
                    first, last, rows = continued
                    items.append((lines[first]["top"], "continued", rows))
                    consumed.update(range(first, last + 1))
                for first, last, rows in unruled:
                    items.append((lines[first]["top"], "unruled", rows))
                    consumed.update(range(first, last + 1))
                # a ruled table below the last unruled one: that one did not end the page
                carry = carry_out if not any(t.bbox[1] > max((ln["top"] for ln in lines), default=0) for t in tables) \
                    else None
                items += [(ln["top"], "line", ln) for k, ln in enumerate(lines) if k not in consumed]
                items.sort(key=lambda x: x[0])
                line_on_page = table_on_page = 0
                para: Block | None = None
                prev_bottom = None
                for top, kind, obj in items:
                    if kind == "table":
                        para, prev_bottom = None, None
                        table_on_page += 1
                        block = None
                        for r_i, row in enumerate(extract_table(obj, page.chars), start=1):
                            n += 1
                            cells = [clean(join_cell_lines(c or "")) for c in row]
                            where = f"halaman {p_no} tabel {table_on_page} baris {r_i}"
                            doc.register(n, "\t".join(cells), where, p_no)
                            if block is None:
                                block = Block("table", line=n, page=p_no, where=where)
                                doc.blocks.append(block)
                            block.rows.append(Row(cells, n, p_no, where))
                        continue
                    if kind in ("unruled", "continued"):
                        para, prev_bottom = None, None
                        table_on_page += 1
                        if kind == "continued" and last_unruled is not None:
                            block = last_unruled        # same columns by x positions: the same table
                        else:
                            block = Block("table", line=n + 1, page=p_no, where=f"halaman {p_no} tabel {table_on_page}")
                            doc.blocks.append(block)
                        last_unruled = block
                        for r_i, (row, _) in enumerate(obj, start=1):
                            n += 1
                            cells = [clean(c) for c in row]
                            where = f"halaman {p_no} tabel {table_on_page} baris {r_i}"
                            doc.register(n, "\t".join(cells), where, p_no)
                            block.rows.append(Row(cells, n, p_no, where))
                        block.where = block.rows[0].where
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
