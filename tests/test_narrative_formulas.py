"""Formulas and stated changes printed inside the running text (issue 8, item 6): small reports
written by hand here, and the Tanah Datar 2015 excerpt (tests/corpus/). Every expected figure is
hand arithmetic on the printed text (in the comments), never the tool's output."""
from __future__ import annotations

import json
from pathlib import Path

from lkjip_audit.cli import main
from lkjip_audit.readers.report import extract_file

CORPUS = Path(__file__).parent / "corpus"
TITLE = "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021"
HEAD = "No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian"


def _report(tmp_path, rows: list[str], paragraphs: list[str]) -> Path:
    lines = [TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian Indikator Kinerja Utama", "",
             HEAD, *rows, ""]
    for p in paragraphs:
        lines += [p, ""]
    f = tmp_path / "laporan.txt"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def _check(capsys, path, select="CAP,KON,RLS,NUM"):
    code = main(["check", str(path), "--quick", "--format", "json", "--select", select])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out)


def _line_of(path: Path, start: str) -> int:
    return next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if t.startswith(start))


LANSIA = "1\tJumlah lansia yang dibina\t200\t150\t75%"
ANAK = "2\tPersentase anak terlantar yang tertangani\t80%\t72%\t90%"


def test_a_ratio_of_realisasi_and_target_is_a_capaian_copy_checked_by_the_rules(capsys, tmp_path):
    # 150 / 200 x 100 = 75%: the table's 75% is right, the formula's printed result 70% is wrong
    f = _report(tmp_path, [LANSIA, ANAK], [
        "Capaian Jumlah lansia yang dibina dihitung sebagai berikut: 150 / 200 x 100 = 70%."])
    code, doc = _check(capsys, f)
    assert code == 1
    line = _line_of(f, "Capaian Jumlah lansia")
    cap = [x for x in doc["findings"] if x["rule"] == "CAP001"]
    assert len(cap) == 1 and cap[0]["found_text"] == "70%" and abs(cap[0]["expected"] - 75.0) < 1e-9
    assert [loc["line"] for loc in cap[0]["locations"]] == [line]
    kon = [x for x in doc["findings"] if x["rule"] == "KON001"]
    assert kon and "70%" in kon[0]["why"] and "75%" in kon[0]["why"]


def test_a_right_ratio_formula_raises_nothing(capsys, tmp_path):
    # 150 / 200 x 100 = 75%, as printed in the text and in the table
    f = _report(tmp_path, [LANSIA, ANAK], [
        "Capaian Jumlah lansia yang dibina dihitung sebagai berikut: (150/200) x 100% = 75%."])
    code, doc = _check(capsys, f)
    assert code == 0, doc["findings"]
    ex = extract_file(f)
    facts = [(x["concept"], x["text"]) for e in ex.doc["narrative"] for x in e["facts"]]
    assert ("capaian", "75%") in facts


def test_a_ratio_of_other_counts_gives_the_realisasi_of_a_ratio_indicator(capsys, tmp_path):
    # 36 / 48 x 100 = 75%, printed 72% (the realisasi in the table too): RLS001 finds it
    f = _report(tmp_path, [LANSIA, ANAK], [
        "Realisasi Persentase anak terlantar yang tertangani diukur dari anak yang tertangani "
        "dibanding seluruh anak terlantar: 36 / 48 x 100 = 72%."])
    code, doc = _check(capsys, f)
    assert code == 1
    rls = [x for x in doc["findings"] if x["rule"] == "RLS001"]
    assert len(rls) == 1 and rls[0]["subject_name"] == "Persentase anak terlantar yang tertangani"
    assert abs(rls[0]["expected"] - 75.0) < 1e-9


def test_memperoleh_nilai_x_atau_y_persen_gives_realisasi_and_capaian(capsys, tmp_path):
    # Indeks Kepuasan Masyarakat: target 80, nilai 78: 78 / 80 x 100 = 97,5%; the text prints 95%
    ikm = "1\tIndeks Kepuasan Masyarakat\t80\t78\t97,5%"
    f = _report(tmp_path, [ikm], [
        "Pada tahun 2021 Indeks Kepuasan Masyarakat memperoleh nilai 78 atau 95% dari targetnya."])
    ex = extract_file(f)
    line = _line_of(f, "Pada tahun 2021")
    facts = {(x["concept"], x["text"]) for e in ex.doc["narrative"] if e["line"] == line for x in e["facts"]}
    assert facts == {("realisasi", "78"), ("capaian", "95%")}
    code, doc = _check(capsys, f)
    assert code == 1
    cap = [x for x in doc["findings"] if x["rule"] == "CAP001"]
    assert len(cap) == 1 and cap[0]["found_text"] == "95%" and abs(cap[0]["expected"] - 97.5) < 1e-9


def test_memperoleh_nilai_printed_twice_in_one_form_is_one_figure(tmp_path):
    # "nilai 78 atau 78%": the same figure in two forms, a realisasi only (no capaian of 78%)
    ikm = "1\tIndeks Kepuasan Masyarakat\t80\t78\t97,5%"
    f = _report(tmp_path, [ikm], ["Pada tahun 2021 Indeks Kepuasan Masyarakat memperoleh nilai 78 atau 78%."])
    ex = extract_file(f)
    line = _line_of(f, "Pada tahun 2021")
    facts = {(x["concept"], x["text"]) for e in ex.doc["narrative"] if e["line"] == line for x in e["facts"]}
    assert facts == {("realisasi", "78")}


def test_means_are_listed_as_read_not_placed_and_stated_changes_left_to_nar002(capsys, tmp_path):
    # (97,10 + 95,20) / 2 = 96,15 and (97,10 + 95,20 + 99,45) / 3 = 291,75 / 3 = 97,25: no dataset
    # concept holds the terms of a mean: listed with the reason (their arithmetic is NAR001's);
    # "penurunan 2,5% dari 12,5% menjadi 10%" is checked by NAR002 (tests/test_perubahan_teks.py),
    # so it is no longer listed as not evaluated; none turned into a figure a rule would misjudge
    f = _report(tmp_path, [LANSIA, ANAK], [
        "Capaian sasaran meningkatnya pelayanan sosial adalah (97,10% + 95,20%) / 2 = 96,15% pada tahun ini.",
        "Nilai efisiensi dihitung dengan rumus E = (97,10 + 95,20 + 99,45) / 3 = 97,25 untuk seluruh program.",
        "Jumlah penyandang masalah sosial mengalami penurunan sebesar 2,5%, yaitu dari 12,5% menjadi 10%."])
    code, doc = _check(capsys, f)
    read = {x["text"]: x for x in doc["read_not_evaluated"]}
    assert "(97,10% + 95,20%) / 2 = 96,15%" in read
    assert "E = (97,10 + 95,20 + 99,45) / 3 = 97,25" in read
    assert "penurunan sebesar 2,5%, yaitu dari 12,5% menjadi 10%" not in read
    assert read["(97,10% + 95,20%) / 2 = 96,15%"]["line"] == _line_of(f, "Capaian sasaran")
    assert all("tidak dinilai" in x["reason"] and "NAR001" in x["reason"] for x in read.values())
    assert doc["summary"]["read_not_evaluated"] == 2
    # the table's own figures are right (150 / 200 = 75%, 72 / 80 = 90%): nothing from the text
    assert code == 0, doc["findings"]


def test_a_formula_sentence_without_an_indicator_is_listed_not_placed(capsys, tmp_path):
    # a ratio with no indicator named in the paragraph nor just above: read, not attached to one
    f = tmp_path / "laporan.txt"
    f.write_text("\n".join([TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian", "", HEAD,
                            LANSIA, "", "BAB IV PENUTUP", "",
                            "Secara umum rasio pelayanan dihitung dengan 30 / 40 x 100 = 75% pada semua unit kerja."])
                 + "\n", encoding="utf-8")
    ex = extract_file(f)
    assert any(x["text"] == "30 / 40 x 100 = 75%" for x in ex.not_evaluated)
    assert not any(x["concept"] in ("pembilang", "penyebut") for e in ex.doc["narrative"] for x in e["facts"])


# ------------------------------------------------------------------ Tanah Datar 2015 (BAB III pages)
TD2015 = CORPUS / "pemkab_tanah_datar_2015_bab3.txt"


def test_tanah_datar_2015_two_line_fraction_is_read_and_its_reason_given(capsys):
    # lines 37-38 print "= 11" above "15 100 = 70,30": 11 / 15 x 100 = 73,33, not 70,30. The 11 is the
    # realisasi of the text (line 20) and 15 the target; the table (line 28) prints realisasi 15, so the
    # formula uses one of two disagreeing copies: it is read and listed, with those copies, not
    # attached as a capaian (KON002 names the copies; CAP001 finds the table's 70,30: 15 / 15 = 100%)
    ex = extract_file(TD2015)
    (formula,) = [x for x in ex.not_evaluated if x["header"] == "rumus di narasi"]
    assert formula["line"] == 38 and formula["text"] == "= 11 15 100 = 70,30"
    assert "(11; 15)" in formula["reason"]
    assert not any(e["line"] in (37, 38) for e in ex.doc["narrative"])
    code, doc = _check(capsys, TD2015, "CAP,KON,RLS")
    assert code == 1
    assert [x["text"] for x in doc["read_not_evaluated"]] == ["= 11 15 100 = 70,30"]
    assert {x["rule"] for x in doc["findings"]} == {"CAP001", "KON001", "KON002"}


SASARAN_HEAD = "No\tSasaran\tIndikator Kinerja\tTarget\tRealisasi\tCapaian"
SASARAN_ROWS = ["1\tMeningkatnya pelayanan sosial\tJumlah lansia yang dibina\t200\t150\t75%",
                "\tMeningkatnya pelayanan sosial\tPersentase anak terlantar yang tertangani\t80%\t72%\t90%"]


def _sasaran_report(tmp_path, sentence: str) -> Path:
    f = tmp_path / "laporan.txt"
    f.write_text("\n".join([TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian", "", SASARAN_HEAD,
                            *SASARAN_ROWS, "", sentence]) + "\n", encoding="utf-8")
    return f


def test_a_mean_of_the_ikus_capaian_is_the_sasaran_capaian_checked_by_cap005(capsys, tmp_path):
    # the two IKUs of the sasaran have capaian 75% and 90%: (75 + 90) / 2 = 82,5%, printed 80%
    f = _sasaran_report(tmp_path, "Capaian sasaran meningkatnya pelayanan sosial adalah (75% + 90%) / 2 = 80% "
                                  "pada tahun ini.")
    code, doc = _check(capsys, f, "CAP,KON")
    assert code == 1
    (cap,) = [x for x in doc["findings"] if x["severity"] == "error"]
    assert cap["rule"] == "CAP005" and cap["found_text"] == "80%" and abs(cap["expected"] - 82.5) < 1e-9
    assert cap["locations"][0]["line"] == 11
    assert doc["read_not_evaluated"] == []


def test_a_right_mean_of_the_ikus_capaian_raises_nothing(capsys, tmp_path):
    # (75 + 90) / 2 = 82,5% as printed
    f = _sasaran_report(tmp_path, "Capaian sasaran meningkatnya pelayanan sosial adalah (75% + 90%) / 2 = 82,5% "
                                  "pada tahun ini.")
    code, doc = _check(capsys, f, "CAP,KON")
    assert code == 0, doc["findings"]
    ex = extract_file(f)
    assert [(x["subject"], x["concept"], x["text"]) for e in ex.doc["narrative"] for x in e["facts"]
            if x["concept"] == "capaian"] == [("S1", "capaian", "82,5%")]


def test_a_mean_whose_divisor_is_not_its_term_count_is_not_placed(tmp_path):
    # (75 + 90) / 3 is not the mean of two capaian: read, not attached to the sasaran
    f = _sasaran_report(tmp_path, "Capaian sasaran meningkatnya pelayanan sosial adalah (75% + 90%) / 3 = 55% "
                                  "pada tahun ini.")
    ex = extract_file(f)
    assert [x["text"] for x in ex.not_evaluated] == ["(75% + 90%) / 3 = 55%"]
    assert not any(x["subject"] == "S1" for e in ex.doc["narrative"] for x in e["facts"])


def test_a_lone_number_line_is_joined_only_to_the_rest_of_its_fraction(tmp_path):
    # "= 5" alone, then a sentence that is no denominator line: the sentence is read as printed
    # (its "4 indikator kinerja" stays a count of 4; "= 5 ..." is not glued in front of it)
    f = _report(tmp_path, [LANSIA, ANAK], ["= 5", "Dari 4 indikator kinerja, 3 indikator tercapai pada tahun 2021."])
    ex = extract_file(f)
    line = _line_of(f, "Dari 4 indikator")
    entry = next(e for e in ex.doc["narrative"] if e["line"] == line)
    assert entry["quote"].startswith("Dari 4 indikator")
    assert ("jumlah_iku", "4") in {(x["concept"], x["text"]) for x in entry["facts"]}


def test_a_ratio_in_a_decrease_indicators_paragraph_does_not_make_it_a_ratio(tmp_path):
    # a penurunan indicator is checked as (N-1 - N) / (N-1) (RLS002); a ratio printed in its paragraph
    # (831 / 11.372 x 100 = 7,31%) is read and listed, and the indicator stays a decrease indicator
    row = "3\tPersentase penurunan jumlah PMKS\t1%\t7,31%\t731%"
    f = _report(tmp_path, [LANSIA, row], ["Persentase penurunan jumlah PMKS dihitung dengan 831 / 11.372 x 100 = 7,31%."])
    ex = extract_file(f)
    iku = next(v for v in ex.doc["subjects"]["iku"].values() if "PMKS" in v["name"])
    assert iku["formula"] == "penurunan"
    assert [x["text"] for x in ex.not_evaluated] == ["831 / 11.372 x 100 = 7,31%"]
    assert "penurunan" in ex.not_evaluated[0]["reason"]
