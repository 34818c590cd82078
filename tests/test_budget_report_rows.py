"""Budget rows read from a report (not a dataset): the rows by type of belanja (operasi, modal,
tidak terduga, transfer, total) become the totals TOT006 / TOT007 add up, and the kegiatan /
sub-kegiatan rows of a budget table become subjects under the programme row above them even when
an earlier table already defined the programmes. The reports are hand-made texts written here;
every expected figure is hand arithmetic on the printed numbers (in the comments)."""
from __future__ import annotations

import json

import pytest

from lkjip_audit.cli import main
from lkjip_audit.readers.report import extract_file

HEAD = """LAPORAN KINERJA INSTANSI PEMERINTAH (CONTOH BUATAN UNTUK UJI)
DINAS CONTOH TAHUN 2022

# BAB III AKUNTABILITAS KINERJA
## B. Realisasi Anggaran

"""

# line 7: title; 9: header; 11-13 (or more): rows
BELANJA = HEAD + """Tabel 3.6 Realisasi Belanja menurut Jenis Belanja Tahun 2022

| Jenis Belanja | Anggaran (Rp) | Realisasi (Rp) |
|---|---|---|
| Belanja Operasi | 1.100.000.000 | 1.000.000.000 |
| Belanja Modal | 150.000.000 | 115.000.000 |
| Total Belanja | 1.250.000.000 | 1.115.000.000 |
"""

# line 9: programme table header, 11-12 programmes, 13 Jumlah; line 17: budget table header,
# 19 P1, 20 K1, 21-22 its sub-kegiatan, 23 K2, 24 its sub-kegiatan, 25 P2, 26 its kegiatan
LEVELS = HEAD + """Tabel 3.4 Realisasi Anggaran per Program Tahun 2022

| No | Program | Anggaran (Rp) | Realisasi (Rp) | Penyerapan (%) |
|---|---|---|---|---|
| 1 | Program Penunjang Urusan Pemerintahan Daerah | 1.250.000.000 | 1.115.000.000 | 89,20 |
| 2 | Program Perlindungan dan Jaminan Sosial | 800.000.000 | 760.000.000 | 95,00 |
| | Jumlah | 2.050.000.000 | 1.875.000.000 | 91,46 |

Tabel 3.5 Realisasi Anggaran per Kegiatan dan Sub Kegiatan Tahun 2022

| Program / Kegiatan / Sub Kegiatan | Alokasi Anggaran (Rp) | Realisasi (Rp) | Penyerapan (%) |
|---|---|---|---|
| Program Penunjang Urusan Pemerintahan Daerah | 1.250.000.000 | 1.115.000.000 | 89,20 |
| Kegiatan Perencanaan, Penganggaran, dan Evaluasi Kinerja | 1.000.000.000 | 870.000.000 | 87,00 |
| Sub Kegiatan Penyusunan Dokumen Perencanaan | 600.000.000 | 570.000.000 | 95,00 |
| Sub Kegiatan Evaluasi Kinerja Perangkat Daerah | 400.000.000 | 300.000.000 | 75,00 |
| Kegiatan Administrasi Keuangan Perangkat Daerah | 250.000.000 | 245.000.000 | 98,00 |
| Sub Kegiatan Penyediaan Gaji dan Tunjangan ASN | 250.000.000 | 245.000.000 | 98,00 |
| Program Perlindungan dan Jaminan Sosial | 800.000.000 | 760.000.000 | 95,00 |
| Kegiatan Pemberdayaan Sosial | 800.000.000 | 760.000.000 | 95,00 |
"""


def _write(tmp_path, text: str, line: int | None = None, old: str = "", new: str = ""):
    lines = text.split("\n")
    if line is not None:
        assert old in lines[line - 1]
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path = tmp_path / "laporan.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _check(capsys, path, select="ANG,TOT"):
    code = main(["check", str(path), "--quick", "--format", "json", "--select", select])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out)


def _by_rule_line(doc):
    return {(f["rule"], f["locations"][0]["line"]): f for f in doc["findings"]}


# ---------------------------------------------------------------- belanja operasi / modal / total

def test_belanja_rows_are_placed_as_the_totals(tmp_path):
    ex = extract_file(_write(tmp_path, BELANJA))
    assert ex.unplaced == []
    (table,) = ex.doc["tables"]
    assert [(r["line"], r["subject"]) for r in table["rows"]] == [(11, "OPERASI"), (12, "MODAL"), (13, "BELANJA")]
    assert {"OPERASI", "MODAL", "BELANJA"} <= set(ex.doc["subjects"]["total"])
    assert "program" not in ex.doc["subjects"]  # a type of belanja is not a programme


def test_a_correct_belanja_table_gives_no_finding(capsys, tmp_path):
    # 1.100.000.000 + 150.000.000 = 1.250.000.000; 1.000.000.000 + 115.000.000 = 1.115.000.000
    code, doc = _check(capsys, _write(tmp_path, BELANJA))
    assert code == 0 and doc["findings"] == []
    assert doc["summary"]["unplaced"] == 0


def test_a_wrong_total_belanja_budget_is_found(capsys, tmp_path):
    # total printed 1.300.000.000, while operasi + modal = 1.100.000.000 + 150.000.000 = 1.250.000.000
    code, doc = _check(capsys, _write(tmp_path, BELANJA, 13, "1.250.000.000", "1.300.000.000"))
    assert code == 1
    [f] = doc["findings"]
    assert f["rule"] == "TOT006" and f["found"] == 1300000000 and f["expected"] == 1250000000
    assert [loc["line"] for loc in f["locations"] if loc["role"] == "found"] == [13]


def test_a_wrong_total_spending_is_found(capsys, tmp_path):
    # realisasi total printed 1.125.000.000, while 1.000.000.000 + 115.000.000 = 1.115.000.000
    code, doc = _check(capsys, _write(tmp_path, BELANJA, 13, "1.115.000.000", "1.125.000.000"))
    assert code == 1
    [f] = doc["findings"]
    assert f["rule"] == "TOT007" and f["found"] == 1125000000 and f["expected"] == 1115000000


def test_tidak_terduga_transfer_and_jumlah_belanja_with_detail_rows(capsys, tmp_path):
    # operasi 900.000.000 (of which pegawai 600.000.000, barang dan jasa 300.000.000: details, not
    # added again) + modal 150.000.000 + tidak terduga 50.000.000 + transfer 100.000.000
    # = 1.200.000.000, printed 1.250.000.000 as "Jumlah Belanja"; realisasi 850.000.000 + 115.000.000
    # + 0 + 100.000.000 = 1.065.000.000, printed so
    text = HEAD + """Tabel 3.6 Realisasi Belanja menurut Jenis Belanja Tahun 2022

| Uraian Belanja | Anggaran (Rp) | Realisasi (Rp) |
|---|---|---|
| Belanja Operasi | 900.000.000 | 850.000.000 |
| Belanja Pegawai | 600.000.000 | 580.000.000 |
| Belanja Barang dan Jasa | 300.000.000 | 270.000.000 |
| Belanja Modal | 150.000.000 | 115.000.000 |
| Belanja Tidak Terduga | 50.000.000 | 0 |
| Belanja Transfer | 100.000.000 | 100.000.000 |
| Jumlah Belanja | 1.250.000.000 | 1.065.000.000 |
"""
    path = _write(tmp_path, text)
    ex = extract_file(path)
    assert ex.unplaced == []
    assert sorted(n["line"] for n in ex.not_evaluated) == [12, 13]
    code, doc = _check(capsys, path)
    assert code == 1
    [f] = doc["findings"]
    assert f["rule"] == "TOT006" and f["found"] == 1250000000 and f["expected"] == 1200000000
    # the details are not added: 900 + 150 + 50 + 100 (millions), not 900 + 600 + 300 + ...
    assert f["why"] == "900.000.000 + 150.000.000 + 50.000.000 + 100.000.000 = 1.200.000.000"


def test_belanja_rows_before_2021_are_not_checked_as_operasi_modal(capsys, tmp_path):
    # a 2020 report (btl_bl by default): the same wrong total is not a TOT006 finding
    text = BELANJA.replace("TAHUN 2022", "TAHUN 2020").replace("Tahun 2022", "Tahun 2020")
    path = _write(tmp_path, text, 13, "1.250.000.000", "1.300.000.000")
    code, doc = _check(capsys, path)
    assert not [f for f in doc["findings"] if f["rule"] in ("TOT006", "TOT007")]
    # ... and it does become one when the convention file declares the structure after 2019
    (tmp_path / "lkjip-audit.yaml").write_text("budget_structure: operasi_modal\n", encoding="utf-8")
    code, doc = _check(capsys, path)
    assert [f["rule"] for f in doc["findings"]] == ["TOT006"]


# ---------------------------------------------------------------- kegiatan under known programmes

def test_kegiatan_rows_become_subjects_under_the_programme_above(tmp_path):
    ex = extract_file(_write(tmp_path, LEVELS))
    assert ex.unplaced == []
    s = ex.doc["subjects"]
    assert {k: v["line"] for k, v in s["program"].items()} == {"P1": 11, "P2": 12}  # from Tabel 3.4
    keg = {v["line"]: v["program"] for v in s["kegiatan"].values()}
    assert keg == {20: "P1", 23: "P1", 26: "P2"}
    by_line = {v["line"]: k for k, v in s["kegiatan"].items()}
    subs = {v["line"]: v["kegiatan"] for v in s["subkegiatan"].values()}
    assert subs == {21: by_line[20], 22: by_line[20], 24: by_line[23]}


def test_a_correct_levels_table_gives_no_finding(capsys, tmp_path):
    # K1 600.000.000 + 400.000.000 = 1.000.000.000, 870.000.000 / 1.000.000.000 = 87,00%;
    # P1 1.000.000.000 + 250.000.000 = 1.250.000.000, 1.115.000.000 / 1.250.000.000 = 89,20%;
    # P2 800.000.000, 760.000.000 / 800.000.000 = 95,00%
    code, doc = _check(capsys, _write(tmp_path, LEVELS))
    assert code == 0 and doc["findings"] == []


def test_a_wrong_sub_kegiatan_spending_is_found_on_it_and_its_kegiatan(capsys, tmp_path):
    # SK2 spent 320.000.000 (printed 300.000.000 before): 320.000.000 / 400.000.000 = 80,00%, printed
    # 75,00 (ANG008, line 22); K1 (570.000.000 + 320.000.000) / (600.000.000 + 400.000.000)
    # = 89,00%, printed 87,00 (ANG012, line 20)
    code, doc = _check(capsys, _write(tmp_path, LEVELS, 22, "300.000.000", "320.000.000"))
    assert code == 1
    got = _by_rule_line(doc)
    assert set(got) == {("ANG008", 22), ("ANG012", 20)}
    assert got[("ANG008", 22)]["expected"] == pytest.approx(80.0)
    assert got[("ANG012", 20)]["expected"] == pytest.approx(89.0)


def test_a_kegiatan_of_the_second_programme_is_summed_into_it(capsys, tmp_path):
    # K3 (line 26) allocated 850.000.000: P2 printed 800.000.000 while its only kegiatan sums to
    # 850.000.000 (ANG009); K3 760.000.000 / 850.000.000 = 89,41%, printed 95,00 (ANG008);
    # P2's penyerapan 95,00 against Σ 760.000.000 / 850.000.000 = 89,41% (ANG011)
    code, doc = _check(capsys, _write(tmp_path, LEVELS, 26, "800.000.000", "850.000.000"))
    assert code == 1
    rules = {}
    for f in doc["findings"]:
        rules.setdefault(f["rule"], []).append(f)
    [f9] = rules["ANG009"]
    assert f9["found"] == 800000000 and f9["expected"] == 850000000
    [f8] = rules["ANG008"]
    assert f8["locations"][0]["line"] == 26 and f8["expected"] == pytest.approx(89.4118, abs=0.001)
    assert all(f["expected"] == pytest.approx(89.4118, abs=0.001) for f in rules["ANG011"])
    assert set(rules) == {"ANG008", "ANG009", "ANG011"}


# ---------------------------------------------------------------- other report forms

def test_belanja_table_copied_out_of_a_pdf_as_plain_lines(capsys, tmp_path):
    # the same table flattened (label then its numbers, no separators): total 1.300.000.000 on
    # line 11 against 1.100.000.000 + 150.000.000 = 1.250.000.000
    text = """LAPORAN KINERJA INSTANSI PEMERINTAH (CONTOH BUATAN UNTUK UJI)
DINAS CONTOH TAHUN 2022

BAB III AKUNTABILITAS KINERJA
B. Realisasi Anggaran

Tabel 3.6 Realisasi Belanja menurut Jenis Belanja Tahun 2022
Jenis Belanja Anggaran (Rp) Realisasi (Rp)
Belanja Operasi 1.100.000.000 1.000.000.000
Belanja Modal 150.000.000 115.000.000
Total Belanja 1.300.000.000 1.115.000.000
"""
    path = tmp_path / "laporan.txt"
    path.write_text(text, encoding="utf-8")
    code, doc = _check(capsys, path)
    assert code == 1
    [f] = doc["findings"]
    assert f["rule"] == "TOT006" and f["expected"] == 1250000000 and f["locations"][0]["line"] == 11


def test_belanja_table_in_a_docx(capsys, tmp_path):
    import docx  # python-docx (a runtime dependency) builds the DOCX input
    d = docx.Document()
    d.add_paragraph("LAPORAN KINERJA INSTANSI PEMERINTAH DINAS CONTOH TAHUN 2022")
    d.add_heading("BAB III AKUNTABILITAS KINERJA", 1)
    d.add_paragraph("Tabel 3.6 Realisasi Belanja menurut Jenis Belanja Tahun 2022")
    cells = [("Jenis Belanja", "Anggaran (Rp)", "Realisasi (Rp)"),
             ("Belanja Operasi", "1.100.000.000", "1.000.000.000"),
             ("Belanja Modal", "150.000.000", "115.000.000"),
             ("Total Belanja", "1.250.000.000", "1.105.000.000")]
    table = d.add_table(rows=len(cells), cols=3)
    for i, row in enumerate(cells):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    path = tmp_path / "laporan.docx"
    d.save(path)
    # realisasi 1.000.000.000 + 115.000.000 = 1.115.000.000, printed 1.105.000.000
    code, doc = _check(capsys, path)
    assert code == 1
    [f] = doc["findings"]
    assert f["rule"] == "TOT007" and f["found"] == 1105000000 and f["expected"] == 1115000000


def test_programme_rows_and_belanja_rows_in_one_table(capsys, tmp_path):
    # programme P1 1.000.000.000 + P2 250.000.000; then by type: operasi 1.100.000.000 + modal
    # 150.000.000 = 1.250.000.000, printed 1.260.000.000 as Total Belanja (TOT006, line 15);
    # the programmes stay programmes (their penyerapan 870.000.000 / 1.000.000.000 = 87,00% and
    # 245.000.000 / 250.000.000 = 98,00% agree: no finding)
    text = HEAD + """Tabel 3.5 Realisasi Anggaran Tahun 2022

| Program / Uraian | Anggaran (Rp) | Realisasi (Rp) | Penyerapan (%) |
|---|---|---|---|
| Program Penunjang Urusan Pemerintahan Daerah | 1.000.000.000 | 870.000.000 | 87,00 |
| Program Perlindungan dan Jaminan Sosial | 250.000.000 | 245.000.000 | 98,00 |
| Belanja Operasi | 1.100.000.000 | 1.000.000.000 | 90,91 |
| Belanja Modal | 150.000.000 | 115.000.000 | 76,67 |
| Total Belanja | 1.260.000.000 | 1.115.000.000 | 88,49 |
"""
    path = _write(tmp_path, text)
    ex = extract_file(path)
    assert {v["line"] for v in ex.doc["subjects"]["program"].values()} == {11, 12}
    (table,) = ex.doc["tables"]
    assert [r["subject"] for r in table["rows"]] == ["P1", "P2", "OPERASI", "MODAL", "BELANJA"]
    code, doc = _check(capsys, path, "TOT006,TOT007")
    [f] = doc["findings"]
    assert f["rule"] == "TOT006" and f["expected"] == 1250000000 and f["locations"][0]["line"] == 15


def test_a_budget_table_printed_again_adds_no_second_kegiatan(tmp_path):
    # Tabel 3.5 printed a second time (lines 28-39, e.g. in a lampiran): its kegiatan and
    # sub-kegiatan are the ones already placed (3 kegiatan, 3 sub-kegiatan), not new ones
    second = LEVELS.split("Tabel 3.5", 1)[1]
    ex = extract_file(_write(tmp_path, LEVELS + "\nTabel 3.5" + second))
    s = ex.doc["subjects"]
    assert sorted(v["line"] for v in s["kegiatan"].values()) == [20, 23, 26]
    assert sorted(v["line"] for v in s["subkegiatan"].values()) == [21, 22, 24]
    assert ex.unplaced == []
    rows = [r for t in ex.doc["tables"] for r in t["rows"] if r["line"] > 28]
    assert [r["subject"] for r in rows] == [r["subject"] for t in ex.doc["tables"] for r in t["rows"]
                                            if 19 <= r["line"] <= 26]
