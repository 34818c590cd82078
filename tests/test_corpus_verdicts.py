"""Corpus mode gives, per report, what `lkjip-audit check THAT_REPORT` gives (round 7, part r).

Each expected value comes from the single check of that one report (its JSON summary, its exit
code, its message on stderr), run in-process here, never from the rekap under test. Every run is
--quick (no Great Expectations)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATASETS, ROOT

from lkjip_audit.cli import main

REPORT = DATASETS / "dinsos-kota-blitar-2020" / "000_9436e2d9426b5c76.txt"
TANAH_DATAR = ROOT / "tests" / "corpus" / "pemkab_tanah_datar_2015_bab3.txt"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([*map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def single(capsys, path, *opts) -> tuple[int, dict | None, str]:
    """The single check of one report: exit code, its JSON (None when refused), stderr."""
    code, out, err = run(capsys, "check", path, "--format", "json", *opts)
    return code, (json.loads(out) if code != 2 else None), err


def rekap(capsys, *argv) -> tuple[int, dict]:
    code, out, _ = run(capsys, "check", *argv, "--format", "json", "--no-cache")
    return code, {Path(r["input"]).name: r for r in json.loads(out)["reports"]}


def same_counts(row: dict, one: dict) -> None:
    s = one["summary"]
    assert (row["status"], row["errors"], row["warnings"], row["infos"], row["passed"]) == \
        ("checked", s["by_severity"]["error"], s["by_severity"]["warning"], s["by_severity"]["info"], s["passed"])


def test_a_select_of_text_rules_checks_the_report_files_and_refuses_each_dataset_as_alone(capsys, tmp_path):
    # TKS (teks.yaml) requires a document: a single check of the report runs them, a single check of
    # a dataset refuses the --select (exit 2). The set was refused whole (exit 2), reports and all.
    code_r, one_r, _ = single(capsys, REPORT, "--quick", "--select", "TKS")
    code_d, _, err_d = single(capsys, DATASETS / "dinsos-kota-blitar-2019", "--quick", "--select", "TKS")
    assert (code_r, code_d) == (1, 2)
    assert "'TKS'" in err_d
    for jobs in ("1", "2"):
        code, rows = rekap(capsys, REPORT, DATASETS / "dinsos-kota-blitar-2019", "--quick", "--select", "TKS",
                           "--jobs", jobs)
        assert code == 1
        same_counts(rows[REPORT.name], one_r)
        d = rows["dinsos-kota-blitar-2019"]
        assert d["status"] == "unreadable" and d["reason"] == err_d.strip()


def test_a_set_of_report_files_only_with_text_rules_selected_is_checked(capsys):
    code_a, one_a, _ = single(capsys, REPORT, "--quick", "--select", "TKS,NAR")
    code_b, one_b, _ = single(capsys, TANAH_DATAR, "--quick", "--select", "TKS,NAR")
    code, rows = rekap(capsys, REPORT, TANAH_DATAR, "--quick", "--select", "TKS,NAR", "--jobs", "1")
    assert code == max(code_a, code_b) == 1
    same_counts(rows[REPORT.name], one_a)
    same_counts(rows[TANAH_DATAR.name], one_b)


@pytest.mark.parametrize("name", ["laporan.csv", "laporan"])
def test_a_report_file_of_any_other_extension_is_read_as_a_report_as_alone(capsys, tmp_path, name):
    # a single check reads anything but a folder or .yaml/.yml as a report (cli._is_report_input);
    # the rekap read it as a dataset: "YAML tidak sah", unreadable
    path = tmp_path / name
    shutil.copyfile(TANAH_DATAR, path)
    code_1, one, _ = single(capsys, path, "--quick")
    assert code_1 == 1 and one["submission"]["tahun"] == 2015
    for jobs in ("1", "2"):
        code, rows = rekap(capsys, path, TANAH_DATAR, "--quick", "--jobs", jobs)
        assert code == 1
        same_counts(rows[name], one)
        assert rows[name]["tahun"] == 2015


MADIUN = ROOT / "tests" / "corpus" / "bappeda_kab_madiun_2020_pengantar.txt"


def test_a_report_failing_at_info_shows_its_infos_in_every_rekap_format(capsys, tmp_path):
    # the single check: no error, no warning, infos only (a fragment of an LKjIP, TKS007), so
    # it fails at --fail-on info. The rekap said GAGAL beside 0 errors, 0 warnings and no reason why.
    code_1, one, _ = single(capsys, MADIUN, "--quick", "--fail-on", "info")
    s = one["summary"]["by_severity"]
    assert code_1 == 1 and (s["error"], s["warning"]) == (0, 0) and s["info"] >= 1
    base = (MADIUN, TANAH_DATAR, "--quick", "--fail-on", "info", "--no-cache", "--jobs", "1")
    code, out, _ = run(capsys, "check", *base, "--format", "md")
    assert code == 1
    lines = out.splitlines()
    head = next(x for x in lines if x.startswith("| Laporan"))
    row = next(x for x in lines if x.startswith("| " + str(MADIUN).replace("_", "\\_")))
    cells = dict(zip([c.strip() for c in head.split("|")], [c.strip() for c in row.split("|")]))
    assert (cells["Kesalahan"], cells["Peringatan"], cells["Info"], cells["Hasil"]) == ("0", "0", str(s["info"]), "GAGAL")
    code, out, _ = run(capsys, "check", *base, "--format", "json")
    rk = json.loads(out)
    assert rk["summary"]["infos"] == sum(r["infos"] for r in rk["reports"]) >= 2
    from openpyxl import load_workbook

    xlsx = tmp_path / "rekap.xlsx"
    assert main(["check", *map(str, base), "--lang", "en", "-o", str(xlsx)]) == 1
    ws = load_workbook(xlsx).active
    heads = [c.value for c in ws[2]]
    assert heads[5] == "Infos" and ws.cell(3, 6).value == s["info"] and ws.cell(3, 10).value == "FAILED"


def test_the_conventions_file_of_a_folder_of_reports_is_not_a_report(capsys, tmp_path):
    # lkjip-audit.yaml beside report files declares their conventions (config.beside): the rekap
    # listed it as one more input, read as a dataset and TIDAK TERBACA, so the set failed (exit 1)
    d = tmp_path / "opd"
    d.mkdir()
    shutil.copyfile(MADIUN, d / "madiun.txt")
    (d / "lkjip-audit.yaml").write_text("capaian_cap: 100\n", encoding="utf-8")
    code_1, one, _ = single(capsys, d / "madiun.txt", "--quick")
    assert code_1 == 0
    for given in (d, str(d / "*")):
        code, rows = rekap(capsys, given, "--quick", "--jobs", "1")
        assert list(rows) == ["madiun.txt"] and code == 0
        same_counts(rows["madiun.txt"], one)


def test_a_report_not_checked_shows_no_counts_in_the_rekap_tables(capsys, tmp_path):
    # an unreadable report was not checked: its row said 0 errors, 0 warnings, which reads as clean
    bad = tmp_path / "rusak.yaml"
    bad.write_text("format: lkjip-dataset/1\nsubmission: [\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", bad, MADIUN, "--quick", "--no-cache", "--jobs", "1", "--format", "md")
    assert code == 1
    row = next(x for x in out.splitlines() if x.startswith("| " + str(bad).replace("_", "\\_")))
    cells = [c.strip() for c in row.split("|")][1:-1]
    assert cells[3:7] == ["-", "-", "-", "-"] and cells[-1] == "TIDAK TERBACA"
    from openpyxl import load_workbook

    xlsx = tmp_path / "rekap.xlsx"
    assert main(["check", str(bad), str(MADIUN), "--quick", "--no-cache", "--jobs", "1", "-o", str(xlsx)]) == 1
    ws = load_workbook(xlsx).active
    assert [ws.cell(3, j).value for j in (4, 5, 6)] == ["-", "-", "-"]
    assert [ws.cell(4, j).value for j in (4, 5)] == [0, 0]  # Madiun was checked: its zeros stay numbers


def test_the_rekap_says_how_many_figures_were_read_but_not_evaluated(capsys):
    """A report whose figures were read but not checked by any rule is not fully checked, whatever
    its result: the rekap row carries the single check's count (summary.read_not_evaluated) and
    every table shows it (the Polewali Mandar excerpt reads 19 such figures; a dataset, none)."""
    polman = ROOT / "tests" / "corpus" / "bpkad_kab_polewali_mandar_2022_pengukuran_subbid_anggaran.txt"
    dataset = DATASETS / "dinsos-kota-blitar-2019"
    single = json.loads(run(capsys, "check", polman, "--quick", "--format", "json")[1])["summary"]["read_not_evaluated"]
    assert single > 0
    out = run(capsys, "check", polman, dataset, "--quick", "--no-cache", "--jobs", "1", "--format", "json")[1]
    assert [r["not_evaluated"] for r in json.loads(out)["reports"]] == [single, 0]
    md = run(capsys, "check", polman, dataset, "--quick", "--no-cache", "--jobs", "1", "--format", "md")[1]
    head = next(x for x in md.splitlines() if x.startswith("| Laporan"))
    row = next(x for x in md.splitlines() if "polewali" in x)
    cells = dict(zip([c.strip() for c in head.split("|")][1:-1], [c.strip() for c in row.split("|")][1:-1]))
    assert cells["Tak diperiksa"] == str(single)
