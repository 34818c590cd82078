"""Target ranges ("5,5-6,0", "9,80-9,50", "5 s.d. 7") as intervals: RNG001-003 (kind rentang_target)
and STA001 leaving a range to RNG003. Expected figures are hand arithmetic in the comments."""
from __future__ import annotations

import json

from lkjip_audit.cli import main

TITLE = "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021"
HEAD = "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\tKeterangan"


def _check(capsys, tmp_path, rows, conf=None):
    f = tmp_path / "laporan.txt"
    f.write_text("\n".join([TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian IKU", "", HEAD, *rows])
                 + "\n", encoding="utf-8")
    if conf:
        (tmp_path / "lkjip-audit.yaml").write_text(conf, encoding="utf-8")
    code = main(["check", str(f), "--quick", "--format", "json", "--select", "RNG,STA001,CAP001,NUM"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, err
    return code, json.loads(out)


def _rules(doc):
    return sorted((x["rule"], x["subject_name"]) for x in doc["findings"])


def test_capaian_against_either_end_or_100_inside_passes_and_the_end_is_stated(capsys, tmp_path):
    # 5,8 / 6,0 x 100 = 96,67% (second end); 5,8 inside 5,5-6,0: 100% and Tercapai;
    # 9,0 / 9,80 x 100 = 91,84% (first end of the falling range 9,80-9,50), below it: Tidak Tercapai
    code, doc = _check(capsys, tmp_path, ["1\tIndeks kepuasan layanan sosial\t5,5-6,0\t5,8\t96,67%\tTercapai",
                                          "2\tIndeks layanan rehabilitasi\t5 s.d. 7\t6\t100%\tTercapai",
                                          "3\tIndeks pemberdayaan sosial\t9,80-9,50\t9,0\t91,84%\tTidak Tercapai"])
    assert code == 0
    info = {x["subject_name"]: x["why"] for x in doc["findings"] if x["rule"] == "RNG002"}
    assert "ujung kedua 6,0" in info["Indeks kepuasan layanan sosial"]
    assert "di dalam rentang" in info["Indeks layanan rehabilitasi"]
    assert "ujung pertama 9,80" in info["Indeks pemberdayaan sosial"]
    # a range is no unreadable number, and STA001 (capaian 96,67% < 100) leaves it to RNG003
    assert not any(x["rule"] in ("STA001", "NUM001", "RNG001", "RNG003") for x in doc["findings"])


def test_a_capaian_that_fits_no_convention_lists_each(capsys, tmp_path):
    # 5,8 / 5,5 = 105,45%; 5,8 / 6,0 = 96,67%; inside: 100%; printed 90%
    code, doc = _check(capsys, tmp_path, ["1\tIndeks kepuasan layanan sosial\t5,5-6,0\t5,8\t90%\tTercapai"])
    (f,) = [x for x in doc["findings"] if x["rule"] == "RNG001"]
    assert code == 1 and f["expected"] == "105,45% / 96,67% / 100,00%" and f["found_text"] == "90%"


def test_within_target_status(capsys, tmp_path):
    # 5,2 below 5,5-6,0, higher is better: Tidak Tercapai (printed Tercapai); 6,3 above it: Tercapai
    code, doc = _check(capsys, tmp_path, ["1\tIndeks kepuasan layanan sosial\t5,5-6,0\t5,2\t94,55%\tTercapai",
                                          "2\tIndeks layanan rehabilitasi\t5,5-6,0\t6,3\t105%\tTercapai"])
    st = [x for x in doc["findings"] if x["rule"] == "RNG003"]
    assert [(x["subject_name"], x["expected"]) for x in st] == [("Indeks kepuasan layanan sosial", "Tidak Tercapai")]
    assert "di luar rentang" in st[0]["why"] and code == 1


def test_a_lower_is_better_range(capsys, tmp_path):
    # tingkat pengangguran, lower is better, declared inverse: target 5,0-6,0, realisasi 4,5 (below:
    # Tercapai); (2 - 4,5 / 5,0) x 100 = 110%; (2 - 4,5 / 6,0) x 100 = 125%; printed 125%
    conf = "indicators:\n  - match: {name: '*pengangguran*'}\n    polarity: lower\n    convention: inverse\n"
    code, doc = _check(capsys, tmp_path, ["1\tTingkat pengangguran terbuka\t5,0-6,0\t4,5\t125%\tTercapai"], conf)
    assert not any(x["rule"] in ("RNG001", "RNG003") for x in doc["findings"]), doc["findings"]
    (info,) = [x for x in doc["findings"] if x["rule"] == "RNG002"]
    assert "(2 - R / 6,0)" in info["why"]
