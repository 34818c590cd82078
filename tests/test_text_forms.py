"""One small report written by hand in every text form a table takes when an office's report is
copied or exported (issue 8): tabs, Markdown pipes, runs of spaces (pdftotext -layout), a label
followed by its numbers, one cell per line, with a running page header and page number inside the
table. Every form must give the same two indicators, the same six figures and the same one error:
250 / 200 = 125%, printed 120% (72% / 80% = 90% as printed: no error)."""
from __future__ import annotations

import json

import pytest

from lkjip_audit.cli import main
from lkjip_audit.readers.matching import best_match

TITLE = "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021"
HEAD = ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
ROWS = [["1", "Persentase anak terlantar yang tertangani", "80%", "72%", "90%"],
        ["2", "Jumlah lansia yang dibina", "200", "250", "120%"]]
BEFORE = [TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian Indikator Kinerja Utama", ""]


def _tabs():
    return BEFORE + ["\t".join(r) for r in [HEAD, *ROWS]]


def _pipes():
    return BEFORE + ["| " + " | ".join(r) + " |" for r in [HEAD]] + ["|---|---|---|---|---|"] + \
        ["| " + " | ".join(r) + " |" for r in ROWS]


def _spaces():
    widths = [4, 44, 8, 11, 8]
    return BEFORE + ["".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [HEAD, *ROWS]]


def _label_numbers():
    return BEFORE + [" ".join(HEAD)] + [" ".join(r) for r in ROWS]


def _cell_per_line():
    # a page break inside the table: the running header and the page number between the rows
    return BEFORE + HEAD + ROWS[0] + [TITLE, "12"] + ROWS[1]


FORMS = {"tabs": _tabs, "pipes": _pipes, "spaces": _spaces, "label_numbers": _label_numbers,
         "cell_per_line": _cell_per_line}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_text_form_gives_the_same_figures_and_error(capsys, tmp_path, form):
    f = tmp_path / f"{form}.txt"
    f.write_text("\n".join(FORMS[form]()) + "\n", encoding="utf-8")
    code = main(["check", str(f), "--quick", "--format", "json", "--select", "CAP,KON,NUM"])
    out, err = capsys.readouterr()
    assert code == 1, err
    doc = json.loads(out)
    assert doc["summary"]["facts"] == 6 and doc["summary"]["unreadable"] == 0
    errors = [(x["rule"], x["subject_name"], x["found_text"]) for x in doc["findings"] if x["severity"] == "error"]
    assert errors == [("CAP001", "Jumlah lansia yang dibina", "120%")]
    (cap,) = [x for x in doc["findings"] if x["rule"] == "CAP001"]
    assert abs(cap["expected"] - 125.0) < 1e-9          # 250 / 200 x 100


def test_near_twin_names_are_not_placed_and_both_are_named():
    names = {"IKU1": ["Persentase Penyandang Masalah Kesejahteraan Sosial (PMKS) yang tertangani"],
             "IKU2": ["Persentase Potensi Sumber Kesejahteraan Sosial (PSKS) yang tertangani"]}
    # a label that fits both (the distinguishing words lost, e.g. cut by a narrow PDF column)
    m = best_match("Persentase Kesejahteraan Sosial yang tertangani", names)
    assert m.key is None and m.ambiguous
    assert "IKU1" in m.why() and "IKU2" in m.why()
    # the full names each go to their own indicator
    assert best_match("Persentase PSKS yang tertangani", names).key == "IKU2"
    assert best_match("Persentase PMKS yang tertangani", names).key == "IKU1"
    # below the threshold: not placed, the best candidate named with its score
    low = best_match("Jumlah rumah tidak layak huni", names)
    assert low.key is None and not low.ambiguous and "di bawah ambang" in low.why()


def test_lower_is_better_convention_is_taken_from_the_printed_figures(tmp_path):
    from lkjip_audit.readers.report import extract_file

    # poverty, lower is better: 10 / 9 x 100 = 111,11 (ratio) while (2 - 9/10) x 100 = 110 (inverse):
    # the printed 111,11% says the report uses the ratio convention
    rows = ROWS + [["3", "Persentase penduduk miskin", "10%", "9%", "111,11%"]]
    f = tmp_path / "lower.txt"
    f.write_text("\n".join(BEFORE + ["\t".join(r) for r in [HEAD, *rows]]) + "\n", encoding="utf-8")
    iku = extract_file(f).doc["subjects"]["iku"]
    poor = next(v for v in iku.values() if "miskin" in v["name"])
    assert poor["polarity"] == "lower" and poor["convention"] == "ratio"
    assert "disimpulkan" in poor["note"]
    # an indicator printed without capaian keeps no convention (nothing to infer it from)
    f.write_text("\n".join(BEFORE + ["\t".join(r[:4]) for r in [HEAD, *rows]]) + "\n", encoding="utf-8")
    iku = extract_file(f).doc["subjects"]["iku"]
    assert "convention" not in next(v for v in iku.values() if "miskin" in v["name"])
