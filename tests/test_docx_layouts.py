"""Word layouts other offices use (issue 8): a header cell merged across columns (gridSpan), the
sasaran cell merged down over its indicators (vMerge), the table of figures nested inside a layout
table, and a table split in two by a page break (the second part without header). Built here with
python-docx, by hand. Expected: 72 / 80 = 90% as printed; 250 / 200 = 125%, printed 120%."""
from __future__ import annotations

import json

import docx

from lkjip_audit.cli import main


def _perf_table(container, rows):
    t = container.add_table(rows=2 + len(rows), cols=6)
    head, sub = t.rows[0].cells, t.rows[1].cells
    for i, h in enumerate(["No", "Sasaran", "Indikator Kinerja"]):
        head[i].text = h
        head[i].merge(sub[i])                       # vMerge: header over two rows
    head[3].merge(head[5]).text = "Kinerja"         # gridSpan: one header over three columns
    for i, h in enumerate(["Target", "Realisasi", "Capaian"]):
        sub[3 + i].text = h
    for r, values in enumerate(rows):
        cells = t.rows[2 + r].cells
        for i, v in enumerate(values):
            if v is not None:
                cells[i].text = v
    return t


def _build(path, nested: bool, split: bool):
    d = docx.Document()
    d.add_paragraph("LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021")
    d.add_heading("BAB III AKUNTABILITAS KINERJA", 1)
    d.add_paragraph("Tabel 3.1 Capaian Indikator Kinerja Utama")
    rows = [["1", "Meningkatnya pelayanan sosial", "Persentase anak terlantar yang tertangani", "80%", "72%", "90%"],
            ["2", None, "Jumlah lansia yang dibina", "200", "250", "120%"]]
    container = d
    if nested:
        layout = d.add_table(rows=1, cols=1)
        container = layout.rows[0].cells[0]
    if split:
        t = _perf_table(container, rows[:1])
        d.add_paragraph("")                         # the page break Word puts between the parts
        t2 = container.add_table(rows=1, cols=6)
        for i, v in enumerate(rows[1]):
            if v is not None:
                t2.rows[0].cells[i].text = v
    else:
        t = _perf_table(container, rows)
        t.rows[2].cells[1].merge(t.rows[3].cells[1])   # vMerge: the sasaran over both indicators
    d.save(str(path))
    return path


def _check(capsys, path):
    code = main(["check", str(path), "--quick", "--format", "json", "--select", "CAP,KON,NUM"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, err
    return code, json.loads(out)


def _assert_one_error(doc):
    assert doc["summary"]["facts"] == 6, doc["summary"]
    errors = [(x["rule"], x["subject_name"], x["found_text"]) for x in doc["findings"] if x["severity"] == "error"]
    assert errors == [("CAP001", "Jumlah lansia yang dibina", "120%")]


def test_merged_cells(capsys, tmp_path):
    code, doc = _check(capsys, _build(tmp_path / "merged.docx", nested=False, split=False))
    assert code == 1
    _assert_one_error(doc)


def test_table_nested_in_a_layout_table(capsys, tmp_path):
    code, doc = _check(capsys, _build(tmp_path / "nested.docx", nested=True, split=False))
    assert code == 1
    _assert_one_error(doc)
    assert any("di dalam tabel" in loc["where"] for f in doc["findings"] for loc in f["locations"])


def test_table_split_by_a_page_break(capsys, tmp_path):
    code, doc = _check(capsys, _build(tmp_path / "split.docx", nested=False, split=True))
    assert code == 1
    _assert_one_error(doc)
