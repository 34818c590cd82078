"""A PDF table without ruling lines (issue 8, item 3): built here with fpdf2, cells placed side by
side with no border, so pdfplumber's line strategy finds nothing and the columns must come from the
header row's word positions. Figures by hand: 250 / 200 = 125%, printed 120% (the one error);
72 / 80 = 90% and 40 / 50 = 80% as printed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkjip_audit.cli import main
from lkjip_audit.readers.report import extract_file

pytest.importorskip("fpdf", reason="fpdf2 (test extra) builds the PDF")

WIDTHS = [10, 95, 25, 25, 25]
HEAD = ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
ROWS = [["1", "Persentase anak terlantar yang tertangani", "80%", "72%", "90%"],
        ["2", "Jumlah lansia yang dibina", "200", "250", "120%"],
        ["3", "Persentase penyandang disabilitas yang", "50%", "40%", "80%"],
        ["", "mendapat rehabilitasi sosial", "", "", ""]]


def _build(out: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    for t in ["LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021", "BAB III AKUNTABILITAS KINERJA"]:
        pdf.multi_cell(0, 6, t, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, "Tabel 3.1 Capaian Indikator Kinerja Utama", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for row in [HEAD, *ROWS]:
        for w, c in zip(WIDTHS, row):
            pdf.cell(w, 5, c)            # no border: an unruled table
        pdf.ln(5)
    pdf.ln(4)
    pdf.multi_cell(0, 5, "Secara umum kinerja Dinas Sosial pada tahun ini baik dan perlu dipertahankan pada "
                         "tahun-tahun berikutnya.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


def test_an_unruled_pdf_table_is_read_from_word_positions(tmp_path):
    f = _build(tmp_path / "laporan.pdf")
    ex = extract_file(f)
    rows = [r for t in ex.doc["tables"] for r in t["rows"]]
    labels = [r["label"] for r in rows]
    # the third name wrapped onto a second line is one label, not a fourth row
    assert labels == ["Persentase anak terlantar yang tertangani", "Jumlah lansia yang dibina",
                      "Persentase penyandang disabilitas yang mendapat rehabilitasi sosial"]
    assert all(r["page"] == 1 for r in rows)
    cells = {r["label"]: sorted(v for k, v in r.items() if k not in ("line", "page", "subject", "label", "sasaran"))
             for r in rows}
    assert cells["Jumlah lansia yang dibina"] == sorted(["200", "250", "120%"])
    assert ex.unplaced == []


def test_an_unruled_pdf_table_gives_the_error_a_person_finds(capsys, tmp_path):
    f = _build(tmp_path / "laporan.pdf")
    code = main(["check", str(f), "--quick", "--format", "json", "--select", "CAP,KON,NUM"])
    out, err = capsys.readouterr()
    assert code == 1, err
    doc = json.loads(out)
    assert doc["summary"]["facts"] == 9 and doc["summary"]["unreadable"] == 0
    errors = [(x["rule"], x["subject_name"], x["found_text"]) for x in doc["findings"] if x["severity"] == "error"]
    assert errors == [("CAP001", "Jumlah lansia yang dibina", "120%")]
    (cap,) = [x for x in doc["findings"] if x["rule"] == "CAP001"]
    assert abs(cap["expected"] - 125.0) < 1e-9
    assert cap["locations"][0]["where"] == "halaman 1 tabel 1 baris 3"


def test_prose_with_wide_gaps_but_no_header_stays_text(tmp_path):
    from lkjip_audit.readers.doc_pdf import read_pdf_document
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    for c in ["Kepala Dinas", "Sekretaris", "Bendahara"]:    # a signature line: gaps, no header words
        pdf.cell(60, 5, c)
    pdf.ln(5)
    out = tmp_path / "ttd.pdf"
    pdf.output(str(out))
    d = read_pdf_document(out)
    assert [b.kind for b in d.blocks] == ["paragraph"]


def test_an_unruled_header_may_name_years(tmp_path):
    from fpdf import FPDF

    from lkjip_audit.readers.doc_pdf import read_pdf_document

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    for row in [["No", "Indikator Kinerja", "Target 2021", "Realisasi 2021", "Capaian"],
                ["1", "Jumlah lansia yang dibina", "200", "250", "125%"]]:
        for w, c in zip(WIDTHS, row):
            pdf.cell(w, 5, c)
        pdf.ln(5)
    out = tmp_path / "tahun.pdf"
    pdf.output(str(out))
    (block,) = read_pdf_document(out).blocks
    assert block.kind == "table"
    assert [r.cells for r in block.rows] == [["No", "Indikator Kinerja", "Target 2021", "Realisasi 2021", "Capaian"],
                                             ["1", "Jumlah lansia yang dibina", "200", "250", "125%"]]
