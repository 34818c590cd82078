"""The quick way of reading PDF pages (readers/pdf_pages.py) gives what stock pdfplumber gives:
every object of every page (same keys, values and order), every ruled table's cells, the text
outside the tables. Compared against pdfplumber itself, on PDFs built here: one by fpdf2 (ruled
table, bold and plain text, an image, two pages) and one written by hand with what fpdf2 does
not write (a MediaBox away from the origin, a skewed text matrix, rise, horizontal scaling,
character spacing, a marked-content tag, a Form XObject holding text)."""
from __future__ import annotations

from pathlib import Path

import pytest

import bombs
from lkjip_audit.readers.pdf_pages import extract_table, fast_objects, outside_tables

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("fpdf", reason="fpdf2 (test extra) builds the PDF")


def _fpdf(out: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, "BAB III AKUNTABILITAS KINERJA", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, "Tabel 3.1 Capaian Indikator Kinerja Utama tahun 2021", new_x="LMARGIN", new_y="NEXT")
    for row in [["No", "Indikator", "Target", "Realisasi", "Capaian"], ["1", "Lansia dibina", "200", "250", "125%"],
                ["2", "Anak terlantar", "80%", "72%", "90%"]]:
        for c in row:
            pdf.cell(35, 6, c, border=1)
        pdf.ln(6)
    pdf.multi_cell(0, 5, "Sumber: Dinas Sosial (diolah)", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 5, "Halaman kedua: Rp 1.250.000,00 terserap 98,5%", new_x="LMARGIN", new_y="NEXT")
    pdf.rect(20, 40, 80, 20)
    out.write_bytes(bytes(pdf.output()))
    return out


def _by_hand(out: Path) -> Path:
    form = b"BT /F1 8 Tf 10 10 Td (Di dalam form) Tj ET"
    content = (b"/P <</MCID 0>> BDC BT /F1 12 Tf 1 0.2 -0.2 1 40 300 Tm 2 Tc 110 Tz 3 Ts (Target 2021) Tj ET EMC "
               b"BT /F2 9 Tf 40 250 Td [(Real) -250 (isasi)] TJ T* (100%) Tj ET "
               b"q 1 0 0 1 50 100 cm /X1 Do Q 30 200 m 250 200 l S 30 150 200 20 re f")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [15 25 315 425] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 7 0 R >> >> >>",
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
            f"<< /Type /XObject /Subtype /Form /BBox [0 0 100 30] /Resources << /Font << /F1 5 0 R >> >> "
            f"/Length {len(form)} >>\nstream\n".encode() + form + b"\nendstream"]
    out.write_bytes(bombs.pdf(objs))
    return out


def _plain(objs: dict) -> dict:
    # an image's stream is a pdfminer object compared by identity: compare its place instead
    return {k: [[(a, repr(v) if a == "stream" else v) for a, v in o.items()] for o in v] for k, v in objs.items()}


@pytest.mark.parametrize("build", [_fpdf, _by_hand])
def test_pages_read_the_quick_way_hold_pdfplumbers_own_objects(tmp_path, build):
    path = build(tmp_path / "laporan.pdf")
    with pdfplumber.open(str(path)) as stock, pdfplumber.open(str(path)) as quick:
        chars = 0
        for a, b in zip(stock.pages, quick.pages, strict=True):
            fast_objects(b)
            assert _plain(a.objects) == _plain(b.objects)
            chars += len(b.chars)
            settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
            ta, tb = a.find_tables(settings), b.find_tables(settings)
            assert [extract_table(t, b.chars) for t in tb] == [t.extract() for t in ta]
            outside = a
            for t in ta:
                outside = outside.outside_bbox(t.bbox)
            assert outside_tables(b, tb).extract_text_lines(return_chars=True) == \
                outside.extract_text_lines(return_chars=True)
        # the PDFs hold text (the hand-made one: 'Target 2021' 'Realisasi' '100%' 'Di dalam form' = 37
        # characters): the comparison is not between two empty lists
        assert chars >= 37


def test_the_ruled_table_and_the_text_around_it(tmp_path):
    """What the comparison above stands on, read by hand from _fpdf: one ruled table of 3 rows."""
    with pdfplumber.open(str(_fpdf(tmp_path / "laporan.pdf"))) as pdf:
        page = fast_objects(pdf.pages[0])
        tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        assert [extract_table(t, page.chars) for t in tables] == [[
            ["No", "Indikator", "Target", "Realisasi", "Capaian"], ["1", "Lansia dibina", "200", "250", "125%"],
            ["2", "Anak terlantar", "80%", "72%", "90%"]]]
        lines = [ln["text"] for ln in outside_tables(page, tables).extract_text_lines()]
        assert lines == ["BAB III AKUNTABILITAS KINERJA", "Tabel 3.1 Capaian Indikator Kinerja Utama tahun 2021",
                         "Sumber: Dinas Sosial (diolah)"]
        bold = {c["fontname"] for c in page.chars if c["text"] == "B"}
        assert bold == {"Helvetica-Bold"}


def test_a_table_box_outside_the_page_is_refused_as_pdfplumbers_crop_refuses_it(tmp_path):
    with pdfplumber.open(str(_fpdf(tmp_path / "laporan.pdf"))) as pdf:
        page = fast_objects(pdf.pages[0])

        class Far:
            bbox = (0, 0, page.width + 50, 10)

        with pytest.raises(ValueError):
            page.outside_bbox(Far.bbox)
        with pytest.raises(ValueError):
            outside_tables(page, [Far])
