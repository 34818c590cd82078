"""Corpus mode: many reports in one `check`, one rekap, a pool of workers, a result cache.

Expected counts come from the golden findings of the real report (tests/golden/...: errors KON001 x2,
KON002, ANG002, CAP001, CAP006 = 6; warnings REN001 x3, REN002 x2 = 5), not from the tool's output.
The 2019 dataset is partial (restated targets and realisasi only): nothing to compute, no finding.
Every run here is --quick (no Great Expectations)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import DATASETS, ROOT

from lkjip_audit.cli import main

GOLDEN = yaml.safe_load((ROOT / "tests" / "golden" / "dinsos-kota-blitar-2020.yaml").read_text(encoding="utf-8"))
WARN_RULES = {"REN001", "REN002"}  # the golden file's header: the Renstra checks are the warnings
ERRORS = sum(1 for f in GOLDEN["findings"] if f["rule"] not in WARN_RULES)
WARNINGS = sum(1 for f in GOLDEN["findings"] if f["rule"] in WARN_RULES)


@pytest.fixture()
def corpus(pemda):
    """conftest's pemda folder (the two Blitar datasets) and a broken dataset file."""
    (pemda / "c-rusak.yaml").write_text("format: lkjip-dataset/1\nsubmission: [\n", encoding="utf-8")
    return pemda


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([*map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_golden_rekap_of_a_folder_with_two_jobs(corpus, capsys):
    code, out, err = run(capsys, "check", corpus, "--quick", "--format", "json", "--no-cache", "--jobs", "2")
    assert err == ""  # no progress bar when the output is not a terminal
    rekap = json.loads(out)
    assert rekap["tool"]["format"] == "lkjip-rekap/1"
    rows = {Path(r["input"]).name: r for r in rekap["reports"]}
    assert list(rows) == ["a-dinsos-2020", "b-dinsos-2019", "c-rusak.yaml"]  # folder order, by name
    a, b, c = rows.values()
    assert (a["status"], a["instansi"], a["tahun"], a["errors"], a["warnings"], a["passed"]) == \
        ("checked", "Dinas Sosial Kota Blitar", 2020, ERRORS, WARNINGS, False)
    # errors first, then the count, then the id: CAP001 x2 and KON001 x2 (golden file: CAP001 at the
    # PMKS capaian and, as a consequence of RLS001, at line 407), then ANG002 (one; CAP006, KON002 too)
    assert a["top_rules"] == [["CAP001", 2], ["KON001", 2], ["ANG002", 1]]
    assert (b["status"], b["tahun"], b["errors"], b["warnings"], b["passed"]) == ("checked", 2019, 0, 0, True)
    assert c["status"] == "unreadable" and c["passed"] is False
    # file:line of the broken YAML (the list opened on line 2 is still open at the end, line 3)
    assert c["reason"].startswith(str(corpus / "c-rusak.yaml") + ":3: ")
    assert rekap["summary"] == {"reports": 3, "checked": 2, "unreadable": 1, "passed": 1, "failed": 1,
                                "errors": ERRORS, "warnings": WARNINGS, "infos": 0, "fail_on": "error"}
    assert code == 1 and rekap["passed"] is False


def test_jobs_one_and_two_give_the_same_rekap(corpus, capsys):
    one = run(capsys, "check", corpus, "--quick", "--format", "json", "--no-cache", "--jobs", "1")
    two = run(capsys, "check", corpus, "--quick", "--format", "json", "--no-cache", "--jobs", "2")
    assert one[1] == two[1] and one[0] == two[0] == 1


def test_exit_code_of_the_set(corpus, capsys):
    # the 2019 report alone passes; with an unreadable report beside it the set fails (exit 1)
    assert run(capsys, "check", corpus / "b-dinsos-2019", corpus / "b-dinsos-2019" / "dataset.yaml",
               "--quick", "--no-cache", "--format", "json")[0] == 0
    code, out, _ = run(capsys, "check", corpus / "b-dinsos-2019", corpus / "c-rusak.yaml", corpus / "tidak-ada",
                       "--quick", "--no-cache", "--format", "json")
    rows = json.loads(out)["reports"]
    assert code == 1 and [r["status"] for r in rows] == ["checked", "unreadable", "unreadable"]
    # warnings fail the set only at --fail-on warning
    assert run(capsys, "check", corpus / "a-dinsos-2020", corpus / "b-dinsos-2019", "--quick", "--no-cache",
               "--format", "json", "--fail-on", "error")[0] == 1
    # usage errors: a glob matching nothing, --previous with many reports
    assert run(capsys, "check", corpus / "*.pdf", "--quick", "--no-cache")[0] == 2
    assert run(capsys, "check", corpus / "a-dinsos-2020", corpus / "b-dinsos-2019", "--previous",
               corpus / "b-dinsos-2019", "--quick", "--no-cache")[0] == 2


def test_glob_and_one_input_keeps_todays_output(corpus, capsys):
    code, out, _ = run(capsys, "check", corpus / "*-dinsos-*", "--quick", "--no-cache", "--format", "json")
    assert [Path(r["input"]).name for r in json.loads(out)["reports"]] == ["a-dinsos-2020", "b-dinsos-2019"]
    code, out, _ = run(capsys, "check", corpus / "a-dinsos-2020", "--quick", "--format", "json")
    single = json.loads(out)
    assert single["tool"]["format"] == "lkjip-findings/1" and len(single["findings"]) == ERRORS + WARNINGS
    assert code == 1


def test_the_conventions_file_in_a_corpus_folder_is_not_a_report(corpus, capsys):
    """lkjip-audit.yaml beside the reports says how they are written; a folder or a glob does not
    stand for it (it was listed as an unreadable dataset, which failed the whole set)."""
    (corpus / "lkjip-audit.yaml").write_text("capaian_cap: 100\n", encoding="utf-8")
    for arg in (corpus, corpus / "*"):
        rekap = json.loads(run(capsys, "check", arg, "--quick", "--no-cache", "--format", "json")[1])
        assert [Path(r["input"]).name for r in rekap["reports"]] == ["a-dinsos-2020", "b-dinsos-2019", "c-rusak.yaml"]


def test_markdown_rekap_escapes_and_output_dir(corpus, tmp_path, capsys):
    y = corpus / "b-dinsos-2019" / "dataset.yaml"
    y.write_text(y.read_text(encoding="utf-8").replace("instansi: Dinas Sosial Kota Blitar",
                                                        "instansi: \"Dinas <b>Sosial</b> | Kota Blitar\""),
                 encoding="utf-8")
    outdir = tmp_path / "hasil"
    code, out, _ = run(capsys, "check", corpus, "--quick", "--no-cache", "--format", "md", "--output-dir", outdir)
    assert "| Dinas \\<b\\>Sosial\\</b\\> \\| Kota Blitar |" in out and "<b>" not in out
    assert sorted(p.name for p in outdir.iterdir()) == ["a-dinsos-2020.md", "b-dinsos-2019.md"]
    assert "CAP001" in (outdir / "a-dinsos-2020.md").read_text(encoding="utf-8")
    run(capsys, "check", corpus, "--quick", "--no-cache", "--format", "json", "--output-dir", outdir)
    per = json.loads((outdir / "a-dinsos-2020.json").read_text(encoding="utf-8"))
    assert per["summary"]["by_severity"]["error"] == ERRORS and per["submission"]["dataset"].endswith("a-dinsos-2020")


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_output_dir_writes_each_report_in_the_format_a_single_check_writes(fmt, corpus, tmp_path, capsys):
    """--format html / xlsx --output-dir: each report's file is the one `check REPORT -o x.html`
    writes (it used to be the Markdown report under an .html or .xlsx name), also when it comes
    from the cache (an xlsx kept as base64 text in the JSON entry)."""
    single = tmp_path / f"single.{fmt}"
    assert run(capsys, "check", corpus / "a-dinsos-2020", "--quick", "--format", fmt, "-o", single)[0] == 1
    cache = tmp_path / "cache"
    for attempt in ("first", "cached"):
        outdir = tmp_path / attempt
        code = run(capsys, "check", corpus, "--quick", "--format", fmt, "-o", tmp_path / f"rekap-{attempt}.{fmt}",
                   "--output-dir", outdir, "--cache-dir", cache, "--jobs", "1")[0]
        assert code == 1
        assert sorted(p.name for p in outdir.iterdir()) == [f"a-dinsos-2020.{fmt}", f"b-dinsos-2019.{fmt}"]
        assert (outdir / f"a-dinsos-2020.{fmt}").read_bytes() == single.read_bytes()
    head = single.read_bytes()[:15]
    assert head.startswith(b"PK\x03\x04") if fmt == "xlsx" else head.lower().startswith(b"<!doctype html")


def test_cache_rechecks_only_the_changed_report(corpus, tmp_path, capsys, monkeypatch):
    from lkjip_audit.corpus import batch

    checked, check_chunk = [], batch.check_chunk

    def counting(items, opts):
        checked.extend(Path(item.display).name for item in items)
        return check_chunk(items, opts)

    monkeypatch.setattr(batch, "check_chunk", counting)
    cache = tmp_path / "cache"
    args = ["check", corpus, "--quick", "--format", "json", "--jobs", "1", "--cache-dir", cache]
    first = run(capsys, *args)
    assert sorted(checked) == ["a-dinsos-2020", "b-dinsos-2019", "c-rusak.yaml"]
    checked.clear()
    second = run(capsys, *args)
    assert checked == ["c-rusak.yaml"] and second[1] == first[1]  # unreadable reports are never cached
    y = corpus / "b-dinsos-2019" / "dataset.yaml"
    y.write_text(y.read_text(encoding="utf-8") + "\n# diperbaiki\n", encoding="utf-8")
    checked.clear()
    run(capsys, *args)
    assert sorted(checked) == ["b-dinsos-2019", "c-rusak.yaml"]
    checked.clear()
    run(capsys, *args, "--fail-on", "warning")  # other options: other results
    assert len(checked) == 3
    assert run(capsys, "cache", "clear", "--cache-dir", cache)[0] == 0
    assert not list(cache.rglob("*.json"))


CONVENTIONS = "status_scale: permendagri_86_2017\ncapaian_cap: 100\nsasaran_aggregation: minimum\n"


def _counts(out: str) -> list:
    return [(r["input"], r["errors"], r["warnings"], r["top_rules"]) for r in json.loads(out)["reports"]]


def test_the_cache_key_holds_the_conventions_file_beside_the_report(corpus, tmp_path, capsys):
    """lkjip-audit.yaml in a dataset's folder changes its result: a re-run must check it again, not
    answer from the cache what was found under the old conventions (it did, before the key held it)."""
    args = ["check", corpus, "--quick", "--format", "json", "--jobs", "1", "--cache-dir", tmp_path / "cache"]
    before = run(capsys, *args)[1]
    (corpus / "a-dinsos-2020" / "lkjip-audit.yaml").write_text(CONVENTIONS, encoding="utf-8")
    again = run(capsys, *args)[1]
    fresh = run(capsys, "check", corpus, "--quick", "--format", "json", "--jobs", "1", "--no-cache")[1]
    assert _counts(again) == _counts(fresh) != _counts(before)
    assert _counts(before)[0][1] == ERRORS


def test_the_cache_key_holds_the_shipped_packs_beside_a_rules_overlay(tmp_path, monkeypatch):
    """--rules DIR adds to the shipped packs (and their concepts), which must stay in the key: a
    changed shipped pack used to leave the key of a run with an overlay unchanged."""
    from lkjip_audit.corpus import cache
    from lkjip_audit.rulepack import loader

    shipped = tmp_path / "shipped"
    shutil.copytree(loader.default_rules_dir(), shipped)
    monkeypatch.setattr(loader, "default_rules_dir", lambda: shipped)
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    first = cache.rules_digest(overlay)
    assert cache.rules_digest(overlay) == first
    pack = sorted(p for p in shipped.glob("*.yaml") if p.name != "concepts.yaml")[0]
    pack.write_text(pack.read_text(encoding="utf-8") + "\n# diubah\n", encoding="utf-8")
    second = cache.rules_digest(overlay)
    (overlay / "tambahan.yaml").write_text("rules: []\n", encoding="utf-8")
    assert len({first, second, cache.rules_digest(overlay), cache.rules_digest(None)}) == 4


def test_the_cache_key_holds_the_installed_packages(tmp_path, monkeypatch):
    """Another pandas, pandera, GX or pdfminer may read or judge a report differently: the installed
    distributions (their dist-info names carry the versions) are part of every key."""
    from lkjip_audit.corpus import cache

    site = tmp_path / "venv" / "site-packages"
    (site / "pandas-3.1.1.dist-info").mkdir(parents=True)
    monkeypatch.setattr("sys.path", [str(site)])
    keys = []
    for name in ("pandas-3.1.1.dist-info", "pandas-3.2.0.dist-info"):
        (site / name).mkdir(exist_ok=True)
        for other in site.iterdir():
            if other.name != name:
                other.rmdir()
        cache.environment_digest.cache_clear()
        keys.append(cache.Cache(tmp_path / "c", "rules", {"quick": True}).base)
    cache.environment_digest.cache_clear()
    assert keys[0] != keys[1]


def test_rule_packs_are_loaded_unless_the_cache_answers_every_report(corpus, tmp_path, capsys, monkeypatch):
    """The packs are checked (exit 2 when broken) whenever a report is to be checked; a re-run the
    cache answers entirely skips them (with GX packs that load imports GX). A pack broken since
    changes the key, so it is still found."""
    from lkjip_audit.corpus import run as corpus_run
    from lkjip_audit.corpus import task

    (corpus / "c-rusak.yaml").unlink()
    calls, check_rules = [], corpus_run._check_rules
    monkeypatch.setattr(corpus_run, "_check_rules", lambda opts: calls.append(1) or check_rules(opts))
    overlay = tmp_path / "tambahan"
    overlay.mkdir()
    args = ["check", corpus, "--quick", "--format", "json", "--jobs", "1", "--cache-dir", tmp_path / "cache",
            "--rules", overlay]
    assert [run(capsys, *args)[0], len(calls)] == [1, 1]
    assert [run(capsys, *args)[0], len(calls)] == [1, 1]
    (overlay / "rusak.yaml").write_text("rules:\n  - id: X1\n    kind: tidak_ada\n", encoding="utf-8")
    monkeypatch.setattr(task, "_RULESETS", {})  # a new process would load them afresh
    code, _, err = run(capsys, *args)
    assert [code, len(calls)] == [2, 2] and "rusak.yaml:" in err


def test_a_report_sent_as_bytes_takes_its_conventions_file_along(corpus):
    """--dask without a shared folder: the conventions beside a report travel with it, so the worker
    finds what a worker reading the folder finds (before, it checked under the defaults)."""
    from lkjip_audit.corpus.pool import run_chunk
    from lkjip_audit.corpus.task import Options, init_worker, item_for

    (corpus / "a-dinsos-2020" / "lkjip-audit.yaml").write_text(CONVENTIONS, encoding="utf-8")
    paths = [corpus / "a-dinsos-2020", corpus / "b-dinsos-2019"]
    sent = [item_for(p, send_bytes=True) for p in paths]
    assert [list(i.data) for i in sent] == [["dataset.yaml", "lkjip-audit.yaml"], ["dataset.yaml"]]
    opts = Options(quick=True)
    init_worker(opts)
    read = run_chunk(None, [item_for(p) for p in paths], opts)
    got = run_chunk(None, sent, opts)
    key = ("errors", "warnings", "top_rules", "instansi")
    assert [[o[k] for k in key] for o in got] == [[o[k] for k in key] for o in read]
    assert read[0]["errors"] != ERRORS  # the conventions did change the result


def test_a_rerun_answered_by_the_cache_imports_no_checker(corpus, tmp_path, capsys):
    """Every report in the cache: the re-run gives the same rekap without importing pandas, pandera
    or the dataset reader (~0,9 s) and without starting a worker. Seen from a fresh process: this one has them all."""
    import subprocess
    import sys

    (corpus / "c-rusak.yaml").unlink()  # an unreadable report is never cached: it would be checked again
    cache = tmp_path / "cache"
    args = ["check", str(corpus), "--quick", "--format", "json", "--jobs", "2", "--cache-dir", str(cache)]
    code, first, _ = run(capsys, *args)
    probe = ("import json, sys\nfrom lkjip_audit.cli import main\ncode = main(json.loads(sys.argv[1]))\n"
             "print(json.dumps([code, sorted(m for m in ('pandas', 'pandera', 'lkjip_audit.readers.dataset', "
             "'concurrent.futures.process') if m in sys.modules)]), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, json.dumps(args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert json.loads(done.stderr.strip().splitlines()[-1]) == [code, []]
    assert json.loads(done.stdout) == json.loads(first)
    assert code == 1 and json.loads(first)["summary"]["reports"] == 2


def _dies_once(item, opts):
    """Kills its worker process the first time it sees the 2020 report (marker file)."""
    from lkjip_audit.corpus.task import check_item

    marker = Path(os.environ["LKJIP_TEST_MARKER"])
    if "2020" in item.display and not marker.exists():
        marker.write_text("died", encoding="utf-8")
        os._exit(3)
    return check_item(item, opts)


def test_a_worker_dying_mid_task_loses_no_report(corpus, tmp_path, monkeypatch):
    from lkjip_audit.corpus.pool import run_local
    from lkjip_audit.corpus.task import Options, item_for

    monkeypatch.setenv("LKJIP_TEST_MARKER", str(tmp_path / "marker"))
    items = [item_for(corpus / n) for n in ("a-dinsos-2020", "b-dinsos-2019")]
    out = run_local(items, Options(quick=True), jobs=2, task=_dies_once)
    assert (tmp_path / "marker").exists()
    assert [(o["status"], o["errors"], o["warnings"]) for o in out] == [("checked", ERRORS, WARNINGS),
                                                                      ("checked", 0, 0)]


def test_bytes_sent_with_the_task_give_the_same_outcome(corpus):
    from lkjip_audit.corpus.task import Options, check_item, item_for

    opts = Options(quick=True, formats=("json",))
    for name in ("a-dinsos-2020", "c-rusak.yaml"):
        by_path = check_item(item_for(corpus / name), opts)
        by_bytes = check_item(item_for(corpus / name, send_bytes=True), opts)
        for o in (by_path, by_bytes):
            o.pop("seconds"), o.pop("worker")
        assert by_bytes == by_path


def _year_shifted(tmp_path, years) -> Path:
    """A synthetic series: the 2020 Blitar dataset with every year 20xx moved by (year - 2020)."""
    import re

    src = (DATASETS / "dinsos-kota-blitar-2020" / "dataset.yaml").read_text(encoding="utf-8")
    root = tmp_path / "seri"
    for y in years:
        d = root / f"tahun-{y}"
        d.mkdir(parents=True)
        text = re.sub(r"(?<![\d.,])(20[0-3]\d)(?![\d.,])", lambda m: str(int(m.group(1)) + y - 2020), src)
        (d / "dataset.yaml").write_text(text, encoding="utf-8")
    return root


def test_history_quick_on_the_pool_gives_the_same_report_as_one_job(tmp_path, capsys):
    root = _year_shifted(tmp_path, [2023, 2021, 2024, 2022])  # order on disk is not the order of years
    code1, out1, _ = run(capsys, "history", root, "--quick", "--jobs", "1", "--format", "json")
    code2, out2, _ = run(capsys, "history", root, "--quick", "--jobs", "2", "--format", "json")
    assert out1 == out2 and code1 == code2 == 1
    doc = json.loads(out1)
    assert doc["history"]["years"] == [2021, 2022, 2023, 2024]
    assert len(doc["checks"]) == 3
    for check in doc["checks"]:
        own = [f for f in check["findings"] if not f["rule"].startswith("LTH")]
        # each year is the same report with its years moved: the golden errors of the real one
        assert sorted(f["rule"] for f in own if f["severity"] == "error") == \
            sorted(f["rule"] for f in GOLDEN["findings"] if f["rule"] not in WARN_RULES)
        assert "MUT" not in {f["rule"][:3] for f in check["findings"]}  # --quick: no GX pack


def test_a_chunk_validated_together_gives_what_each_report_gives_alone(corpus, tmp_path):
    """batch.py validates the fact tables of a chunk in one pandera call; a bad fact in one dataset
    must still be reported with its own file and line, and the others checked as usual."""
    from lkjip_audit.corpus.batch import check_chunk
    from lkjip_audit.corpus.task import Options, check_item, item_for

    bad = corpus / "d-tahun-salah"
    bad.mkdir()
    text = (corpus / "a-dinsos-2020" / "dataset.yaml").read_text(encoding="utf-8")
    assert "period: 2019" in text
    # a column period outside 1990..2100 passes the JSON schema and fails pandera (the fact-table
    # guard): the first such column is Tabel 3.1.2's target_2019, its row is on line 267
    (bad / "dataset.yaml").write_text(text.replace("period: 2019", "period: 1800", 1), encoding="utf-8")
    opts = Options(quick=True, formats=("json",))
    for names in (["a-dinsos-2020", "b-dinsos-2019"], ["a-dinsos-2020", "d-tahun-salah", "b-dinsos-2019"]):
        items = [item_for(corpus / n) for n in names]
        together = check_chunk(items, opts)
        alone = [check_item(it, opts) for it in items]
        for o in together + alone:
            o.pop("seconds"), o.pop("worker")
        assert together == alone
    assert together[1]["status"] == "unreadable"
    assert together[1]["reason"].startswith(str(corpus / "d-tahun-salah" / "dataset.yaml") + ":267: ")
    assert "bab3-3.1.2" in together[1]["reason"]
    assert [o["status"] for o in together] == ["checked", "unreadable", "checked"]


def test_a_reason_about_the_input_itself_does_not_repeat_its_name(tmp_path, capsys):
    """The rekap row already names the input: "x.txt: x.txt: ini LKPD ..." said it twice. A reason
    at a line (c-rusak.yaml:3 above) keeps its place."""
    d = tmp_path / "pemda"
    d.mkdir()
    (d / "a-lra.txt").write_text("LAPORAN KEUANGAN\nLAPORAN REALISASI ANGGARAN (LRA)\nTahun Anggaran 2016\n"
                                 "Pendapatan Asli Daerah 1.000.000 900.000\n", encoding="utf-8")
    (d / "b-kosong.txt").write_text("   \n", encoding="utf-8")
    code, out, _ = run(capsys, "check", d, "--quick", "--format", "json", "--no-cache", "--jobs", "1")
    rows = {Path(r["input"]).name: r for r in json.loads(out)["reports"]}
    for name in ("a-lra.txt", "b-kosong.txt"):
        assert rows[name]["status"] == "unreadable"
        assert str(d / name) not in rows[name]["reason"], rows[name]["reason"]
    assert "LKPD" in rows["a-lra.txt"]["reason"] and "bukan LKjIP" in rows["a-lra.txt"]["reason"]
    code, out, _ = run(capsys, "check", d, "--quick", "--no-cache", "--jobs", "1")
    text = " ".join(out.split())
    assert text.count(f"{d / 'a-lra.txt'}:") == 1 and code == 1


def test_jobs_with_dask_is_refused_before_anything_runs(corpus, capsys):
    """--dask runs on the cluster's workers: a --jobs beside it was ignored without a word."""
    code, out, err = run(capsys, "check", corpus, "--quick", "--dask", "tcp://127.0.0.1:9", "--jobs", "4")
    assert (code, out) == (2, "") and "--jobs" in err and "--dask" in err
