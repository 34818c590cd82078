"""NAR002 (kind perubahan_teks): a change stated in the text, "dari A menjadi B sebesar C", against its
own two ends; percentage points vs percent change read as the text says, else by the report's
convention (declared `percent_change`, or inferred and stated). Hand arithmetic in the comments."""
from __future__ import annotations

import json

from lkjip_audit.cli import main
from lkjip_audit.readers.narrative_general import read_changes

TITLE = "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021"
HEAD = "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian"
LANSIA = "1\tJumlah lansia yang dibina\t200\t150\t75%"


def _check(capsys, tmp_path, sentences, conf=None, lang="id"):
    lines = [TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian Indikator Kinerja Utama", "",
             HEAD, LANSIA, ""]
    for p in sentences:
        lines += [p, ""]
    f = tmp_path / "laporan.txt"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if conf is not None:
        (tmp_path / "lkjip-audit.yaml").write_text(conf, encoding="utf-8")
    code = main(["check", str(f), "--quick", "--format", "json", "--select", "NAR002", "--lang", lang])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, err
    return code, json.loads(out)


def test_the_reader_keeps_each_part_as_printed():
    (c,) = read_changes("Angka kemiskinan naik 1,2 poin dari 8,3% pada tahun 2019 menjadi 9,5% pada tahun 2020.")
    assert (c["direction"], c["x"], c["x_unit"], c["a"], c["b"]) == ("up", "1,2", "poin", "8,3%", "9,5%")
    (c,) = read_changes("IKM dari 78 menjadi 82, atau naik sebesar 5,13%.")
    assert (c["direction"], c["x"], c["x_unit"], c["a"], c["b"]) == ("up", "5,13", "%", "78", "82")
    assert read_changes("Jumlah PMKS tahun 2019 sebanyak 11.372 jiwa dan tahun 2020 sebanyak 12.203 jiwa.") == []


def test_right_changes_pass(capsys, tmp_path):
    # 9,5 - 8,3 = 1,2 points; (82 - 78) / 78 x 100 = 5,128..% -> 5,13%; 150 - 120 = 30 (no %)
    code, doc = _check(capsys, tmp_path, [
        "Angka kemiskinan naik 1,2 poin dari 8,3% pada tahun 2019 menjadi 9,5% pada tahun 2020.",
        "Nilai IKM dari 78 menjadi 82, atau naik sebesar 5,13%.",
        "Jumlah lansia yang dibina bertambah 30, yaitu dari 120 orang menjadi 150 orang."])
    assert code == 0 and doc["findings"] == [], doc["findings"]
    assert doc["summary"]["checks_evaluated"] == 3


def test_points_said_in_the_text_are_checked_as_points(capsys, tmp_path):
    # "naik 1,5 poin" from 8,3% to 9,5%: 9,5 - 8,3 = 1,2 points
    code, doc = _check(capsys, tmp_path, ["Angka kemiskinan naik 1,5 poin dari 8,3% menjadi 9,5% pada tahun 2020."])
    (f,) = doc["findings"]
    assert code == 1 and f["found_text"] == "1,5 poin" and abs(f["expected"] - 1.2) < 1e-9
    assert "sebagaimana disebut teks" in f["why"] and f["locations"][0]["line"] == 10


def test_a_change_in_the_wrong_direction(capsys, tmp_path):
    # "kenaikan" from 12% to 10% is a decrease (the size, 2 points, fits)
    code, doc = _check(capsys, tmp_path, ["Jumlah anak terlantar mengalami kenaikan sebesar 2%, yaitu dari 12% "
                                          "menjadi 10%."], lang="en")
    (f,) = doc["findings"]
    assert f["why"] == "from 12% to 10% is not an increase"
    assert code == 1


def test_counts_with_a_percent_are_a_relative_change(capsys, tmp_path):
    # (150 - 120) / 120 x 100 = 25%, printed 20%
    code, doc = _check(capsys, tmp_path, ["Jumlah lansia dari 120 orang menjadi 150 orang, atau naik sebesar 20%."])
    (f,) = doc["findings"]
    assert abs(f["expected"] - 25.0) < 1e-9 and f["found_text"] == "20%"


# both ends and the size in %, the text silent on points vs percent:
POINTS_ONLY = "Jumlah PMKS mengalami penurunan sebesar 2,5%, yaitu dari 12,5% menjadi 10%."   # 12,5 - 10 = 2,5 pp
RELATIVE_ONLY = "Angka putus sekolah mengalami penurunan sebesar 20%, yaitu dari 5% menjadi 4%."  # 1 / 5 = 20%


def test_an_open_change_alone_is_read_by_the_convention_it_fits(capsys, tmp_path):
    # one change, fitting relative (1 / 5 x 100 = 20%) and not points (1 pp): inferred relative, no finding
    code, doc = _check(capsys, tmp_path, [RELATIVE_ONLY])
    assert code == 0 and doc["findings"] == []


def test_mixed_open_changes_take_points_on_a_tie_and_say_so(capsys, tmp_path):
    # one fits points only, one relative only: 1 of 2 each, the tie goes to points; the relative one
    # is reported (5 - 4 = 1 pp, printed 20%) with the convention and its evidence
    code, doc = _check(capsys, tmp_path, [POINTS_ONLY, RELATIVE_ONLY])
    (f,) = doc["findings"]
    assert f["found_text"] == "20%" and abs(f["expected"] - 1.0) < 1e-9
    assert "konvensi poin persen" in f["why"] and "disimpulkan: 1 dari 2" in f["why"]


def test_percent_change_declared_in_the_convention_file(capsys, tmp_path):
    # percent_change: relative: 2,5 / 12,5 x 100 = 20%, printed 2,5% -> a finding naming the file
    code, doc = _check(capsys, tmp_path, [POINTS_ONLY], conf="percent_change: relative\n")
    (f,) = doc["findings"]
    assert abs(f["expected"] - 20.0) < 1e-9 and "lkjip-audit.yaml:1" in f["why"]
    code, doc = _check(capsys, tmp_path, [POINTS_ONLY], conf="percent_change: points\n")
    assert doc["findings"] == [] and code == 0


def test_a_bad_percent_change_value_is_a_file_line_error(capsys, tmp_path):
    f = tmp_path / "laporan.txt"
    f.write_text("\n".join([TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", HEAD, LANSIA, ""]), encoding="utf-8")
    (tmp_path / "lkjip-audit.yaml").write_text("rounding: round\npercent_change: poin\n", encoding="utf-8")
    code = main(["check", str(f), "--quick"])
    _, err = capsys.readouterr()
    assert code == 2 and "lkjip-audit.yaml:2" in err and "percent_change" in err
