"""`history` over a series with a year that cannot be read (issue 12, round 8).

Before: `history 2019 2020 2021 2022` with a broken 2021 stopped with exit 2 and checked no pair.
Now the broken year is listed as TIDAK TERBACA with its reason (`file:line: ...`, as corpus mode's
rows give it), the years around it are compared across the gap (as for a missing year), and the
series exits 1 as corpus mode's set does when a report could not be read.

The series is made here: the shipped 2019 (partial) and 2020 datasets, and copies of 2020 with every
year moved to 2021 and 2022; 2021 is broken by hand (a comma removed in line 36, the IKU1 line).
Expected values: README ("against it, the 2020 report gives one cross-year finding: LTH009, the
PMKS indicator moved from 3,25% to -7,31%"); 2022 restates the very figures of 2020 moved by two
years, and a pair across a gap runs neither the restatement rules (consecutive years only) nor the
`change` rules (last year's report only), so 2020 -> 2022 has no LTH finding."""
from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from conftest import DATASETS, REAL
from lkjip_audit.cli import main

PREV = DATASETS / "dinsos-kota-blitar-2019"
IKU1_LINE = "    IKU1: {line: 237, sasaran: S1, program: P4, polarity: higher, formula: penurunan,"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in out + err
    return code, out, err


def _year(root, year: int, name: str | None = None):
    """The shipped 2020 dataset with every year moved by year - 2020 (as test_history_routes.py)."""
    d = root / (name or f"tahun-{year}")
    d.mkdir(parents=True)
    src = (REAL / "dataset.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?<![\d.,])(20[0-3]\d)(?![\d.,])", lambda m: str(int(m.group(1)) + year - 2020), src)
    (d / "dataset.yaml").write_text(text, encoding="utf-8")
    return d


def _break(folder) -> None:
    """Remove the comma after `line: 237` of IKU1: line 36 of dataset.yaml is no longer YAML."""
    p = folder / "dataset.yaml"
    lines = p.read_text(encoding="utf-8").split("\n")
    assert lines[35] == IKU1_LINE  # line 36, counted by hand in the shipped file
    lines[35] = IKU1_LINE.replace("line: 237,", "line: 237")
    p.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def series(tmp_path):
    d2021, d2022 = _year(tmp_path, 2021), _year(tmp_path, 2022)
    _break(d2021)
    return d2021, d2022


def _pairs(doc) -> list:
    return [(c["previous"]["tahun"], c["submission"]["tahun"], [(f["rule"], f["subject"]) for f in c["findings"]])
            for c in doc["checks"]]


def test_a_broken_year_is_listed_and_the_others_are_compared(capsys, series):
    d2021, d2022 = series
    code, out, err = run(capsys, "history", PREV, REAL, d2021, d2022, "--quick", "--select", "LTH", "--format", "json")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    h = doc["history"]
    assert h["years"] == [2019, 2020, 2022] and h["missing_years"] == [2021]
    assert [r["input"] for r in h["unreadable"]] == [str(d2021)]
    assert h["unreadable"][0]["reason"].startswith(f"{d2021 / 'dataset.yaml'}:36: YAML tidak sah: ")
    assert _pairs(doc) == [(2019, 2020, [("LTH009", "IKU1")]), (2020, 2022, [])]
    assert doc["passed"] is False
    # the same series without 2021 at all passes at --fail-on error (LTH009 is a warning): the exit
    # code 1 above is the unread year's, as corpus mode gives it for a set with an unreadable report
    code, out, _ = run(capsys, "history", PREV, REAL, d2022, "--quick", "--select", "LTH", "--format", "json")
    assert code == 0 and json.loads(out)["history"]["unreadable"] == [] and json.loads(out)["passed"] is True


def test_the_terminal_names_the_broken_year_first_and_last(capsys, series):
    d2021, d2022 = series
    code, out, _ = run(capsys, "history", PREV, REAL, d2021, d2022, "--quick", "--select", "LTH")
    assert code == 1
    lines = out.splitlines()
    row = f"  TIDAK TERBACA {d2021}: {d2021 / 'dataset.yaml'}:36: YAML tidak sah: "
    assert lines[2] == "Laporan yang tidak terbaca, tidak ikut dibandingkan (1):"
    assert lines[3].startswith(row)
    assert lines[1].startswith("Tahun yang tidak ada dalam rangkaian: 2021.")
    assert lines[1].endswith("Laporan yang tidak terbaca (lihat daftarnya) mungkin laporan tahun tersebut.")
    assert f"Laporan tahun sebelumnya: Dinas Sosial Kota Blitar 2020 ({REAL})" in out  # 2022 against 2020
    assert lines[-1] == ("1 laporan tidak terbaca: rangkaian belum diperiksa seluruhnya dan tidak dapat "
                         "dinyatakan lulus.")


def test_english_is_complete(capsys, series):
    d2021, d2022 = series
    code, out, _ = run(capsys, "history", PREV, REAL, d2021, d2022, "--quick", "--select", "LTH", "--lang", "en")
    assert code == 1
    assert "Reports that could not be read, not compared (1):" in out
    assert f"  UNREADABLE {d2021}: {d2021 / 'dataset.yaml'}:36: invalid YAML: " in out
    assert "A report that could not be read (see the list) may be that year's." in out
    assert out.rstrip().endswith("1 report could not be read: the series is not fully checked and cannot be signed off.")
    for word in ("TIDAK TERBACA", "tidak terbaca", "YAML tidak sah", "rangkaian"):
        assert word not in out
    code, out, _ = run(capsys, "history", PREV, REAL, d2021, d2022, "--quick", "--select", "LTH", "--lang", "en",
                       "--format", "md")
    assert code == 1 and "> **Reports that could not be read, not compared (1):**" in out
    assert "TIDAK TERBACA" not in out


def test_markdown_lists_it_before_the_pairs(capsys, series):
    d2021, d2022 = series
    code, out, _ = run(capsys, "history", PREV, REAL, d2021, d2022, "--quick", "--select", "LTH", "--format", "md")
    assert code == 1
    head, first_pair = out.split("\n---\n\n# ", 2)[:2]
    assert "> **Laporan yang tidak terbaca, tidak ikut dibandingkan (1):**" in head
    assert "> - **TIDAK TERBACA** " in head and ":36: YAML tidak sah: " in head
    assert first_pair.startswith("Laporan")  # the first pair's report follows: "# Laporan ... 2020"


def test_a_hostile_name_is_escaped_in_every_medium(capsys, tmp_path):
    """A broken year's folder named with Rich markup, Markdown and an ANSI escape: shown, never obeyed."""
    d2022 = _year(tmp_path, 2022)
    bad = _year(tmp_path, 2021, name="t-2021 [bold]|*x*<b>\x1b[31m")
    _break(bad)
    argv = ("history", PREV, REAL, bad, d2022, "--quick", "--select", "LTH")
    code, out, _ = run(capsys, *argv)
    assert code == 1 and "\x1b" not in out
    assert "t-2021 [bold]|*x*<b>\\x1b[31m" in out  # the markup printed as text, the escape as \x1b
    code, out, _ = run(capsys, *argv, "--format", "md")
    assert code == 1 and "\x1b" not in out
    assert "t-2021 \\[bold\\]\\|\\*x\\*\\<b\\>\\\\x1b\\[31m" in out
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert json.loads(out)["history"]["unreadable"][0]["input"] == str(bad)
    assert "\x1b" not in out  # written as \u001b


def test_jobs_give_the_same_history(capsys, series):
    d2021, d2022 = series
    outs = []
    for jobs in ("1", "2"):
        code, out, _ = run(capsys, "history", PREV, REAL, d2021, d2022, "--quick", "--select", "LTH", "--format", "json",
                           "--jobs", jobs)
        outs.append((code, out))
    assert outs[0] == outs[1] and outs[0][0] == 1


def test_without_quick_the_same_years_are_compared(capsys, series):
    """The option path without --quick (the GX packs are asked for; --select LTH keeps Great
    Expectations itself out of this test, as the house rules want: GX is not under test here)."""
    d2021, d2022 = series
    code, out, _ = run(capsys, "history", PREV, REAL, d2021, d2022, "--select", "LTH", "--format", "json")
    doc = json.loads(out)
    assert code == 1 and [r["input"] for r in doc["history"]["unreadable"]] == [str(d2021)]
    assert _pairs(doc) == [(2019, 2020, [("LTH009", "IKU1")]), (2020, 2022, [])]


def test_unreadable_report_files_in_a_folder(capsys, tmp_path):
    """A folder of the series: 2019 and 2020 as datasets, an empty 2021 .txt and a FIFO named as the
    2022 report (never opened: no hang). The two are listed with their reasons; 2019 -> 2020 checked."""
    folder = tmp_path / "seri"
    shutil.copytree(PREV, folder / "lkjip-2019")
    shutil.copytree(REAL, folder / "lkjip-2020", ignore=shutil.ignore_patterns("*.txt"))
    (folder / "lkjip-2021.txt").write_bytes(b"")
    os.mkfifo(folder / "lkjip-2022.txt")
    code, out, err = run(capsys, "history", folder, "--quick", "--select", "LTH", "--format", "json")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    assert doc["history"]["unreadable"] == [
        {"input": str(folder / "lkjip-2021.txt"), "reason": "berkas kosong"},
        {"input": str(folder / "lkjip-2022.txt"), "reason": "bukan berkas biasa (FIFO, perangkat atau soket): tidak dibaca"}]
    assert _pairs(doc) == [(2019, 2020, [("LTH009", "IKU1")])]
    assert doc["history"]["missing_years"] == []  # a broken year at the end leaves no hole


def test_a_year_that_breaks_the_reader_is_listed_not_a_crash(capsys, series, monkeypatch):
    """A reader bug on one year (not bad input) is that year's row, as in corpus mode (corpus/task.py)."""
    from lkjip_audit.readers import dataset

    d2021, d2022 = series
    real_load = dataset.load_dataset

    def load(path, *a, **k):
        if str(path) == str(d2022):
            raise RuntimeError("pecah")
        return real_load(path, *a, **k)

    monkeypatch.setattr(dataset, "load_dataset", load)
    code = main([str(a) for a in ("history", PREV, REAL, d2022, "--quick", "--select", "LTH", "--format", "json",
                                  "--jobs", "1")])
    out = capsys.readouterr().out
    assert code == 1
    doc = json.loads(out)
    assert doc["history"]["unreadable"] == [
        {"input": str(d2022), "reason": "kesalahan internal / internal error: RuntimeError: pecah"}]
    assert _pairs(doc) == [(2019, 2020, [("LTH009", "IKU1")])]


def test_fewer_than_two_readable_years_is_bad_input(capsys, series):
    """Nothing left to compare: every problem is said and the exit code is 2, as before."""
    d2021, _ = series
    code, out, err = run(capsys, "history", REAL, d2021, "--quick")
    assert (code, out) == (2, "")
    assert err.startswith(f"{d2021 / 'dataset.yaml'}:36: YAML tidak sah: ")
    missing = d2021.parent / "tahun-2023"
    code, out, err = run(capsys, "history", d2021, missing, REAL, "--quick")
    assert (code, out) == (2, "")
    assert ":36: YAML tidak sah" in err and f"{missing}: berkas atau folder tidak ditemukan" in err


@pytest.mark.parametrize("lang, words", [
    ("id", "--previous: laporan tahun sebelumnya ({p}) tidak terbaca (lihat di atas), jadi aturan lintas tahun "
           "tidak dijalankan; perbaiki laporan itu, atau periksa laporan ini saja tanpa --previous"),
    ("en", "--previous: last year's report ({p}) could not be read (above), so no cross-year rule was run; "
           "fix that report, or check this report alone without --previous")])
def test_check_previous_with_an_unreadable_previous_report(capsys, series, lang, words):
    """A cross-year check was asked for and cannot run: exit 2, the file:line first, then what it is."""
    d2021, d2022 = series
    code, out, err = run(capsys, "check", d2022, "--previous", d2021, "--quick", "--lang", lang)
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{d2021 / 'dataset.yaml'}:36: ")
    assert " ".join(lines[1:]) == words.format(p=d2021)


def test_a_wrong_conventions_file_beside_one_year_is_that_years_problem(capsys, tmp_path):
    """lkjip-audit.yaml beside 2022 with an unknown rounding: 2022 is listed with the file:line, as
    corpus mode lists such a report; 2019 -> 2020 is still checked. (It stopped the whole series.)"""
    d2022 = _year(tmp_path, 2022)
    (d2022 / "lkjip-audit.yaml").write_text("rounding: sometimes\n", encoding="utf-8")
    code, out, _ = run(capsys, "history", PREV, REAL, d2022, "--quick", "--select", "LTH", "--format", "json")
    doc = json.loads(out)
    assert code == 1 and _pairs(doc) == [(2019, 2020, [("LTH009", "IKU1")])]
    assert doc["history"]["unreadable"] == [{"input": str(d2022), "reason": (
        f"{d2022 / 'lkjip-audit.yaml'}:1: rounding: nilai 'sometimes' tidak dikenal; yang boleh: round, truncate")}]
