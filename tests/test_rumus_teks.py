"""NAR001 (kind rumus_teks): the arithmetic of the formulas printed in the running text, recomputed
from the numbers printed in the formula. Expected figures are hand arithmetic (in the comments)."""
from __future__ import annotations

import json

from lkjip_audit.cli import main

TITLE = "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021"
HEAD = "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian"
LANSIA = "1\tJumlah lansia yang dibina\t200\t150\t75%"
ANAK = "2\tPersentase anak terlantar yang tertangani\t80%\t72%\t90%"


def _check(capsys, tmp_path, paragraphs, select="NAR,CAP,RLS", closing=()):
    lines = [TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian Indikator Kinerja Utama", "",
             HEAD, LANSIA, ANAK, ""]
    for p in paragraphs:
        lines += [p, ""]
    if closing:
        lines += ["BAB IV PENUTUP", ""]
    for p in closing:
        lines += [p, ""]
    f = tmp_path / "laporan.txt"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["check", str(f), "--quick", "--format", "json", "--select", select])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out)


def _nar(doc):
    return [x for x in doc["findings"] if x["rule"] == "NAR001"]


def test_right_means_pass(capsys, tmp_path):
    # (97,10 + 95,20) / 2 = 192,30 / 2 = 96,15; (97,10 + 95,20 + 99,45) / 3 = 291,75 / 3 = 97,25
    code, doc = _check(capsys, tmp_path, [
        "Capaian sasaran meningkatnya pelayanan sosial adalah (97,10% + 95,20%) / 2 = 96,15% pada tahun ini.",
        "Nilai efisiensi dihitung dengan rumus E = (97,10 + 95,20 + 99,45) / 3 = 97,25 untuk seluruh program."])
    assert _nar(doc) == [] and code == 0, doc["findings"]
    assert doc["summary"]["checks_evaluated"] >= 2


def test_a_wrong_mean_is_an_error_with_the_arithmetic(capsys, tmp_path):
    # (97,10 + 95,20 + 99,45) / 3 = 97,25, printed 98,25
    code, doc = _check(capsys, tmp_path, [
        "Nilai efisiensi dihitung dengan rumus E = (97,10 + 95,20 + 99,45) / 3 = 98,25 untuk seluruh program."])
    assert code == 1
    (f,) = _nar(doc)
    assert f["found_text"] == "98,25" and abs(f["expected"] - 97.25) < 1e-9
    assert "(97,10 + 95,20 + 99,45) / 3 = 97,25" in f["why"]
    assert f["locations"][0]["line"] == 11


def test_a_wrong_ratio_of_counts_nobody_else_checks(capsys, tmp_path):
    # a ratio in BAB IV that names no indicator: 30 / 40 x 100 = 75, printed 80%; the reader
    # attaches it to no indicator (listed as read, not evaluated), so only NAR001 can check it
    code, doc = _check(capsys, tmp_path, [], closing=["Secara umum rasio pelayanan dihitung dengan 30 / 40 x 100 "
                                                      "= 80% pada semua unit kerja."])
    assert [x["text"] for x in doc["read_not_evaluated"]] == ["30 / 40 x 100 = 80%"]
    (f,) = _nar(doc)
    assert f["found_text"] == "80%" and abs(f["expected"] - 75.0) < 1e-9
    assert code == 1


def test_a_placed_capaian_copy_is_left_to_cap001(capsys, tmp_path):
    # 150 / 200 x 100 = 75%, printed 70%: the reader made 70% a capaian copy of the lansia IKU,
    # so CAP001 reports it (against the table); NAR001 does not report it a second time
    code, doc = _check(capsys, tmp_path, ["Capaian Jumlah lansia yang dibina dihitung sebagai berikut: "
                                          "150 / 200 x 100 = 70%."])
    assert [x["rule"] for x in doc["findings"]] == ["CAP001"]
    assert code == 1


def test_a_plain_dataset_does_not_run_the_text_rules(capsys):
    # the narasi pack needs the report's text: a hand-made dataset leaves it out (like teks)
    code = main(["check", "datasets/dinsos-kota-blitar-2020", "--quick", "--format", "json"])
    out, _ = capsys.readouterr()
    doc = json.loads(out)
    assert "narasi" not in doc["submission"]["rule_packs"] and "teks" not in doc["submission"]["rule_packs"]
    assert not any(x["rule"].startswith("NAR") for x in doc["findings"]) and code == 1
