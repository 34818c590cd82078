"""Unruled PDF tables, the harder layouts (issue 8, item 3), built with fpdf2 (no border: no ruling
for pdfplumber's line strategy):
- a header over two rows: "Kinerja Tahun 2021" centred over Target / Realisasi / %;
- numbers and their headers aligned right: "110,00%" is wider than its header "%", so it starts
  left of the middle of the gap before that header;
- the table goes on at the top of page 2, after a running title, without its header.
Figures by hand: 72 / 80 = 90%; 13.750 / 12.500 = 110%; 250 / 200 = 125%, printed 120% (the one
error); 40 / 50 = 80%. Four indicators x three figures = 12 figures."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkjip_audit.cli import main

pytest.importorskip("fpdf", reason="fpdf2 (test extra) builds the PDF")

TITLE = "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021"
W = [8, 84, 24, 24, 16]
PAGE1 = [["1", "Persentase anak terlantar yang tertangani", "80,00", "72,00", "90,00%"],
         ["2", "Jumlah penerima bantuan sosial", "12.500", "13.750", "110,00%"]]
PAGE2 = [["3", "Jumlah lansia yang dibina", "200", "250", "120,00%"],
         ["4", "Persentase penyandang disabilitas yang direhabilitasi", "50,00", "40,00", "80,00%"]]


def _rows(pdf, rows):
    for row in rows:
        for k, (w, c) in enumerate(zip(W, row)):
            pdf.cell(w, 5, c, align="R" if k >= 2 else "L")
        pdf.ln(5)


def _build(out: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    for t in [TITLE, "BAB III AKUNTABILITAS KINERJA"]:
        pdf.multi_cell(0, 6, t, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, "Tabel 3.1 Capaian Indikator Kinerja Utama", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.cell(W[0], 5, "No")
    pdf.cell(W[1], 5, "Indikator Kinerja")
    pdf.cell(sum(W[2:]), 5, "Kinerja Tahun 2021", align="C")      # a group header over three columns
    pdf.ln(5)
    pdf.cell(W[0] + W[1], 5, "")
    for w, c in zip(W[2:], ["Target", "Realisasi", "%"]):
        pdf.cell(w, 5, c, align="R")
    pdf.ln(5)
    _rows(pdf, PAGE1)
    pdf.add_page()                                                  # the table goes on, no header
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 5, TITLE)
    pdf.ln(8)
    pdf.set_font("Helvetica", "", 9)
    _rows(pdf, PAGE2)
    pdf.ln(10)
    pdf.multi_cell(0, 5, "Secara umum kinerja Dinas Sosial pada tahun ini baik dan perlu dipertahankan.",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


def test_two_row_header_right_aligned_numbers_and_a_table_over_a_page_break_are_one_table(tmp_path):
    from lkjip_audit.readers.doc_pdf import read_pdf_document

    doc = read_pdf_document(_build(tmp_path / "laporan.pdf"))
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    rows = [r.cells for r in tables[0].rows]
    assert rows[0] == ["No", "Indikator Kinerja", "Kinerja Tahun 2021", "", ""]
    assert rows[1] == ["", "", "Target", "Realisasi", "%"]
    assert rows[2:] == PAGE1 + PAGE2
    assert [r.page for r in tables[0].rows[2:]] == [1, 1, 2, 2]


def test_the_error_a_person_finds_and_every_figure(capsys, tmp_path):
    f = _build(tmp_path / "laporan.pdf")
    code = main(["check", str(f), "--quick", "--format", "json", "--select", "CAP,KON,NUM"])
    out, err = capsys.readouterr()
    assert code == 1, err
    doc = json.loads(out)
    assert doc["summary"]["facts"] == 12 and doc["summary"]["unreadable"] == 0
    errors = [(x["rule"], x["subject_name"], x["found_text"]) for x in doc["findings"] if x["severity"] == "error"]
    assert errors == [("CAP001", "Jumlah lansia yang dibina", "120,00%")]
    (cap,) = [x for x in doc["findings"] if x["rule"] == "CAP001"]
    assert abs(cap["expected"] - 125.0) < 1e-9
    assert cap["locations"][0]["page"] == 2
    assert doc["unplaced"] == []
