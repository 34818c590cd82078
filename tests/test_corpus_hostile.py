"""Corpus mode with hostile and awkward input (round 7, part z): every case gives the auditor a clear
message, the right exit code, no traceback, nothing overwritten, the other reports still checked.

Expected values: the Blitar 2019 dataset is partial (no finding: 0 errors, LULUS); the Blitar 2020
counts come from its golden findings (as tests/test_corpus_mode.py); a report's row must equal
what a single `lkjip-audit check THAT_REPORT` says of it. Every run is --quick, in-process, one job."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import DATASETS, ROOT

from lkjip_audit.cli import main

GOLDEN = yaml.safe_load((ROOT / "tests" / "golden" / "dinsos-kota-blitar-2020.yaml").read_text(encoding="utf-8"))
ERRORS_2020 = sum(1 for f in GOLDEN["findings"] if f["rule"] not in {"REN001", "REN002"})
MADIUN = ROOT / "tests" / "corpus" / "bappeda_kab_madiun_2019_pengantar.txt"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([*map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def rows(out: str) -> dict:
    return {r["input"]: r for r in json.loads(out)["reports"]}


def single_errors(capsys, path) -> int:
    code, out, _ = run(capsys, "check", path, "--quick", "--format", "json")
    return json.loads(out)["summary"]["by_severity"]["error"]


def with_instansi(dst: Path, instansi: str) -> Path:
    """A copy of the Blitar 2019 dataset whose submission names the office `instansi`."""
    dst.mkdir(parents=True)
    text = (DATASETS / "dinsos-kota-blitar-2019" / "dataset.yaml").read_text(encoding="utf-8")
    old = "  instansi: Dinas Sosial Kota Blitar\n"
    assert old in text
    (dst / "dataset.yaml").write_text(text.replace(old, f"  instansi: {json.dumps(instansi)}\n"), encoding="utf-8")
    return dst


# --- inputs that are not files ------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
def test_fifo_and_device_inputs_are_rows_of_their_own_not_a_hang(tmp_path):
    """Reading a FIFO for the cache key waited forever, /dev/zero never ended (the cache is on by
    default): the run never finished. Now each is an unreadable row, the real report is checked."""
    d = tmp_path / "pemda"
    (d / "fifo-ds").mkdir(parents=True)
    (d / "zero-ds").mkdir()
    shutil.copy(MADIUN, d / "a-madiun.txt")
    os.mkfifo(d / "fifo-ds" / "dataset.yaml")
    os.mkfifo(d / "laporan.txt")
    os.symlink("/dev/zero", d / "zero-ds" / "dataset.yaml")
    os.symlink("/dev/zero", d / "zero.txt")
    proc = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(d), "--quick", "--format", "json",
                           "--cache-dir", str(tmp_path / "cache"), "--jobs", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr  # unreadable reports: the set cannot be signed off
    got = rows(proc.stdout)
    assert sorted(Path(k).name for k in got) == ["a-madiun.txt", "fifo-ds", "laporan.txt", "zero-ds", "zero.txt"]
    for name, r in got.items():
        if name.endswith("a-madiun.txt"):
            assert r["status"] == "checked"
        else:
            assert r["status"] == "unreadable" and "bukan berkas biasa" in r["reason"], r


# --- names ---------------------------------------------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_rekap(tmp_path, capsys, monkeypatch):
    """It was an internal error (the cache key, then every renderer, could not encode the name).
    Named from tmp_path: a short path, which the terminal table does not fold over two lines."""
    monkeypatch.chdir(tmp_path)
    d = Path("pemda")
    d.mkdir()
    bad = d / os.fsdecode(b"laporan-\xff.txt")
    try:
        shutil.copy(MADIUN, bad)
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system does not take non-UTF-8 names")
    errors = single_errors(capsys, MADIUN)
    for fmt in ("json", "md", "table"):
        code, out, err = run(capsys, "check", d, "--quick", "--format", fmt, "--cache-dir", tmp_path / "cache")
        assert "internal" not in err and code == (1 if errors else 0), err
        shown = {"json": json.loads(out)["reports"][0]["input"] if fmt == "json" else "", "md": out,
                 "table": out}[fmt]
        assert ("laporan-\\\\xff.txt" if fmt == "md" else "laporan-\\xff.txt") in shown  # md: `\` escaped
    code, out, _ = run(capsys, "check", d, "--quick", "--format", "json", "--cache-dir", tmp_path / "cache")
    assert [r["errors"] for r in json.loads(out)["reports"]] == [errors]  # from the cache: the same row


CONTROL = "Dinas \x1b[31mMerah\x1b]8;;http://evil\x07 \x9b2J [bold]x[/bold] &lt;b&gt;"


def test_control_characters_of_instansi_and_names_never_reach_the_terminal_or_markdown(tmp_path, capsys,
                                                                                       monkeypatch):
    monkeypatch.chdir(tmp_path)  # short paths: the table does not fold the names
    d = Path("pemda")
    with_instansi(d / "kota", CONTROL)
    shutil.copy(MADIUN, d / "esc\x1b[2Jname.txt")
    code, out, err = run(capsys, "check", d, "--quick", "--no-cache")  # the terminal rekap (not a tty)
    assert not any(c in out for c in "\x1b\x07\x9b"), repr(out)
    # shown as visible escapes (each piece short enough not to be folded by the table)
    assert "\\x1b[31m" in out and "\\x1b[2J" in out and "\\x9b2J" in out
    code, out, err = run(capsys, "check", d, "--quick", "--no-cache", "--format", "md")
    assert not any(c in out for c in "\x1b\x07\x9b"), repr(out)
    assert "Dinas \\\\x1b\\[31mMerah" in out and "&amp;lt;b&amp;gt;" in out  # no entity, no tag
    code, out, err = run(capsys, "check", d, "--quick", "--no-cache", "--format", "json")
    assert "\x9b" not in out and "\\u009b" in out  # C1 controls escaped in JSON, as a single check does
    assert CONTROL in [r["instansi"] for r in json.loads(out)["reports"]]  # the value itself kept


def test_xlsx_rekap_keeps_formula_like_instansi_as_text(tmp_path, capsys):
    from openpyxl import load_workbook

    d = tmp_path / "pemda"
    starts = ['=HYPERLINK("http://evil","x")', "+cmd|calc!A0", "-1+1", "@SUM(A1)"]
    for n, s in enumerate(starts):
        with_instansi(d / f"k{n}", s)
    out = tmp_path / "rekap.xlsx"
    code, _, err = run(capsys, "check", d, "--quick", "--no-cache", "-o", out)
    assert code == 0, err
    ws = load_workbook(out).active
    cells = [ws.cell(i, 2) for i in range(3, 3 + len(starts))]
    assert [c.value for c in cells] == starts
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_a_dataset_folder_and_its_dataset_yaml_are_one_report(tmp_path, capsys):
    d = tmp_path / "kota"
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2019", d)
    code, out, err = run(capsys, "check", d, d / "dataset.yaml", "--quick", "--no-cache", "--format", "json")
    assert code == 0 and list(rows(out)) == [str(d)]


# --- the cache folder ----------------------------------------------------------------------------

def test_a_tampered_cache_entry_is_checked_again_not_an_internal_error(tmp_path, capsys):
    d = tmp_path / "pemda"
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2020", d / "a", ignore=shutil.ignore_patterns("*.txt"))
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2019", d / "b")
    cache = tmp_path / "cache"
    run(capsys, "check", d, "--quick", "--format", "json", "--cache-dir", cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 2
    bad = [{"errors": "banyak", "top_rules": {"x": 1}, "instansi": "[bold]X\x1b[31m"}, {"passed": "ya"}]
    for f, change in zip(entries, bad):
        e = json.loads(f.read_text(encoding="utf-8"))
        e.update(change)
        f.write_text(json.dumps(e), encoding="utf-8")
    code, out, err = run(capsys, "check", d, "--quick", "--format", "json", "--cache-dir", cache)
    assert "internal" not in err and code == 1
    got = rows(out)
    assert [(r["errors"], r["passed"], r["instansi"]) for r in got.values()] == \
        [(ERRORS_2020, False, "Dinas Sosial Kota Blitar"), (0, True, "Dinas Sosial Kota Blitar")]
    # an entry that is a folder, and a huge one: a miss too
    for f in entries:
        f.unlink()
    entries[0].mkdir()
    code, out, err = run(capsys, "check", d, "--quick", "--format", "json", "--cache-dir", cache)
    assert code == 1 and [r["errors"] for r in rows(out).values()] == [ERRORS_2020, 0]


def test_cache_clear_refuses_a_folder_that_is_not_a_cache_and_deletes_nothing(tmp_path, capsys):
    docs = tmp_path / "dokumen"
    (docs / "ab").mkdir(parents=True)
    (docs / "ab" / "LKjIP-final.docx").write_bytes(b"not a cache entry")
    code, out, err = run(capsys, "cache", "clear", "--cache-dir", docs)
    assert code == 2 and "bukan folder cache" in err
    assert (docs / "ab" / "LKjIP-final.docx").exists()
    code, out, err = run(capsys, "cache", "clear", "--cache-dir", MADIUN, "--lang", "en")
    assert code == 2 and "not an lkjip-audit cache folder: nothing was deleted" in err
    # a real cache is emptied: one entry per checked report
    cache = tmp_path / "cache"
    run(capsys, "check", DATASETS / "dinsos-kota-blitar-2019", MADIUN, "--quick", "--cache-dir", cache)
    code, out, err = run(capsys, "cache", "clear", "--cache-dir", cache)
    assert code == 0 and out.startswith("2 hasil dihapus") and not list(cache.iterdir())


# --- --output-dir --------------------------------------------------------------------------------

# `pemda` (conftest.py): the two Blitar datasets in a folder


def test_findings_in_an_output_dir_inside_the_corpus_are_not_checked_as_reports(pemda, capsys):
    """The second run counted the first run's dinsos .md findings as LKjIP reports (one LULUS!)."""
    for _ in range(2):
        code, out, err = run(capsys, "check", pemda, "--quick", "--no-cache", "--format", "md",
                             "--output-dir", pemda / "temuan")
        assert code == 1, err
        assert "2 laporan: 1 lulus, 1 gagal, 0 tidak terbaca" in out
    assert sorted(p.name for p in (pemda / "temuan").iterdir()) == ["a-dinsos-2020.md", "b-dinsos-2019.md"]


def test_an_output_dir_that_holds_an_input_is_refused_before_anything_is_written(pemda, capsys):
    before = sorted(p.name for p in (pemda / "a-dinsos-2020").iterdir())
    code, out, err = run(capsys, "check", pemda, "--quick", "--no-cache", "--output-dir", pemda / "a-dinsos-2020")
    assert code == 2 and "folder keluaran berisi masukan" in err and out == ""
    assert sorted(p.name for p in (pemda / "a-dinsos-2020").iterdir()) == before
    code, out, err = run(capsys, "check", pemda, "--quick", "--no-cache", "--output-dir", pemda, "--lang", "en")
    assert code == 2 and "the output folder holds an input" in err


def test_a_symlink_named_like_an_output_is_refused_before_any_report_is_checked(pemda, tmp_path, capsys):
    """It was refused half-way through the writing: one findings file written, no rekap, exit 2."""
    out_dir = tmp_path / "temuan"
    out_dir.mkdir()
    target = pemda / "b-dinsos-2019" / "dataset.yaml"
    before = target.read_bytes()
    (out_dir / "b-dinsos-2019.md").symlink_to(target)
    code, out, err = run(capsys, "check", pemda, "--quick", "--no-cache", "--format", "md", "--output-dir", out_dir)
    assert code == 2 and "b-dinsos-2019.md" in err and out == ""
    assert target.read_bytes() == before
    assert sorted(p.name for p in out_dir.iterdir()) == ["b-dinsos-2019.md"]  # a-dinsos-2020.md not written


# --- size limit and Dask -------------------------------------------------------------------------

def test_max_size_is_applied_to_a_report_the_cache_knows(tmp_path, capsys, monkeypatch):
    """A report checked under the default limit was answered from the cache under --max-size 0.01,
    where a single check refuses it as too large (exit 2): the rekap said GAGAL with its counts."""
    from lkjip_audit import limits

    monkeypatch.setattr(limits, "max_size_mb", limits.max_size_mb)  # --max-size sets it for the process
    cache = tmp_path / "cache"
    data = DATASETS / "dinsos-kota-blitar-2020"
    assert (data / "dataset.yaml").stat().st_size > 0.01 * 1024 * 1024  # so the limit applies
    code, out, _ = run(capsys, "check", data, MADIUN, "--quick", "--format", "json", "--cache-dir", cache)
    assert rows(out)[str(data)]["errors"] == ERRORS_2020
    code, out, _ = run(capsys, "check", data, MADIUN, "--quick", "--format", "json", "--cache-dir", cache,
                       "--max-size", "0.01")
    row = rows(out)[str(data)]
    assert row["status"] == "unreadable" and "berkas terlalu besar" in row["reason"] and code == 1
    assert rows(out)[str(MADIUN)]["status"] == "checked"  # 2 KB: within the limit, from the cache


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_dask_refuses_a_fifo_here_instead_of_reading_it_to_send_it(tmp_path):
    """--dask sends each report as bytes, read by the client: a FIFO waited there forever."""
    distributed = pytest.importorskip("distributed", reason="dask extra not installed")
    d = tmp_path / "pemda"
    d.mkdir()
    shutil.copytree(DATASETS / "dinsos-kota-blitar-2019", d / "b-dinsos-2019")
    os.mkfifo(d / "laporan.txt")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address=":0", silence_logs=40) as lc:
        proc = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(d), "--quick", "--format", "json",
                               "--no-cache", "--dask", lc.scheduler_address],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    got = rows(proc.stdout)
    assert got[str(d / "b-dinsos-2019")]["passed"] is True
    fifo = got[str(d / "laporan.txt")]
    assert fifo["status"] == "unreadable" and fifo["reason"] == "bukan berkas biasa (FIFO, perangkat atau soket): tidak dibaca"


def test_a_report_name_too_long_for_a_file_name_still_gets_its_findings_file(tmp_path, capsys):
    """A 250-letter report name made `<name>.txt.json` (over 255 bytes): exit 2 at the writing,
    after every check, no rekap, and the other report's file not written either."""
    d = tmp_path / "pemda"
    d.mkdir()
    shutil.copy(MADIUN, d / ("a" * 250 + ".txt"))
    shutil.copy(MADIUN, d / "b.txt")
    out_dir = tmp_path / "temuan"
    code, out, err = run(capsys, "check", d, "--quick", "--no-cache", "--format", "json", "--output-dir", out_dir)
    assert code == (1 if single_errors(capsys, MADIUN) else 0), err
    assert len(json.loads(out)["reports"]) == 2
    names = sorted(p.name for p in out_dir.iterdir())
    assert names[1] == "b.txt.json" and names[0].startswith("a" * 100) and len(names[0].encode()) <= 255
    assert json.loads((out_dir / names[0]).read_text(encoding="utf-8"))["summary"]["findings"] >= 1


def test_the_rekap_file_may_not_be_a_reports_findings_file(pemda, tmp_path, capsys):
    """`-o temuan/a-dinsos-2020.md` silently replaced that report's findings with the rekap."""
    out_dir = tmp_path / "temuan"
    code, out, err = run(capsys, "check", pemda, "--quick", "--no-cache", "--format", "md", "--output-dir", out_dir,
                         "-o", out_dir / "a-dinsos-2020.md")
    assert code == 2 and "berkas temuan sebuah laporan" in err
    assert not (out_dir / "a-dinsos-2020.md").exists()


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc (a folder where nothing can be made)")
def test_an_output_dir_that_cannot_be_made_is_said_in_the_auditors_language(pemda, capsys):
    code, out, err = run(capsys, "check", pemda, "--quick", "--no-cache", "--output-dir", "/proc/lkjip-temuan")
    assert code == 2 and err.strip() == "/proc/lkjip-temuan: folder tujuan tidak ada"


def test_a_double_star_glob_ends_in_a_folder_with_two_links_back_up(tmp_path):
    """glob.glob(recursive=True) follows every link to a folder: with `x/up -> ..` and
    `x/up2 -> ..` the walk doubled at each level and never ended. Each real folder is entered once."""
    d = tmp_path / "pemda"
    (d / "x").mkdir(parents=True)
    shutil.copy(MADIUN, d / "x" / "laporan.txt")
    os.symlink("..", d / "x" / "up")
    os.symlink("..", d / "x" / "up2")
    proc = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", f"{d}/**/*.txt", "--quick", "--format",
                           "json", "--no-cache", "--jobs", "1"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr
    assert [r["input"] for r in json.loads(proc.stdout)["reports"]] == [str(d / "x" / "laporan.txt")]


def test_double_star_glob_finds_what_glob_finds_without_links(tmp_path, capsys):
    """The same matches as glob.glob where there is no link: `**` at any depth, `*` in one name,
    hidden names skipped, a trailing slash for folders only."""
    import glob

    from lkjip_audit.corpus.discover import _rglob

    for rel in ("a/b/c/r.txt", "a/r.md", "r.txt", "a/.hidden/r.txt", "a/.r.txt", "b/x/dataset.yaml", "b/x/y.pdf"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    for pattern in ("**/*.txt", "a/**", "a/**/", "**/dataset.yaml", "*/**/*.[tp][xd][tf]", "**/b/**/*"):
        full = f"{tmp_path}/{pattern}"
        assert sorted(_rglob(full)) == sorted(glob.glob(full, recursive=True)), pattern


def test_the_conventions_file_beside_the_reports_is_not_a_report_of_the_set(tmp_path, capsys):
    """lkjip-audit.yaml beside report files (README, "The report's conventions") was found by the
    folder and by a glob as a dataset: TIDAK TERBACA ("kunci wajib 'format' tidak ada"), exit 1,
    for a set whose one report passes."""
    d = tmp_path / "pemda"
    d.mkdir()
    report = d / "madiun-2020.txt"
    shutil.copy(ROOT / "tests" / "corpus" / "bappeda_kab_madiun_2020_pengantar.txt", report)
    (d / "lkjip-audit.yaml").write_text("rounding: round\n", encoding="utf-8")
    single = main(["check", str(report), "--quick", "--format", "json"])
    capsys.readouterr()
    for arg in (d, f"{d}/*", f"{d}/**/*.*"):
        code, out, err = run(capsys, "check", arg, "--quick", "--no-cache", "--format", "json")
        assert list(rows(out)) == [str(report)] and code == single == 0, (arg, err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_device_as_config_is_a_usage_error_not_a_hang(tmp_path):
    """--config is read for the cache key of every report: a FIFO waited forever, /dev/zero never
    ended. A single check refuses it with exit 2; so does the set, before any report."""
    fifo = tmp_path / "pemda.yaml"
    os.mkfifo(fifo)
    for config in (fifo, "/dev/zero"):
        proc = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(DATASETS / "dinsos-kota-blitar-2019"),
                               str(MADIUN), "--quick", "--cache-dir", str(tmp_path / "cache"), "--config", str(config)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.strip() == f"{config}: bukan berkas biasa (FIFO, perangkat atau soket): tidak dibaca"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_cache_entry_that_is_a_fifo_is_a_miss_not_a_hang(tmp_path, capsys):
    data = DATASETS / "dinsos-kota-blitar-2019"
    cache = tmp_path / "cache"
    run(capsys, "check", data, MADIUN, "--quick", "--cache-dir", cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 2
    for f in entries:
        f.unlink()
        os.mkfifo(f)
    proc = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(data), str(MADIUN), "--quick",
                           "--format", "json", "--cache-dir", str(cache)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == (1 if single_errors(capsys, MADIUN) else 0), proc.stderr
    assert [r["status"] for r in json.loads(proc.stdout)["reports"]] == ["checked", "checked"]


def test_more_inputs_than_the_limit_is_one_clear_usage_error(tmp_path, capsys, monkeypatch):
    from lkjip_audit.corpus import discover

    monkeypatch.setattr(discover, "MAX_INPUTS", 2)
    d = tmp_path / "pemda"
    d.mkdir()
    for n in range(3):
        shutil.copy(MADIUN, d / f"r{n}.txt")
    code, out, err = run(capsys, "check", d, "--quick", "--no-cache")
    assert code == 2 and out == ""
    assert err.strip() == f"{d}: 3 laporan, lebih dari batas 2 dalam satu pemeriksaan: bagi per folder"
    code, out, err = run(capsys, "check", d, "--quick", "--no-cache", "--lang", "en")
    assert err.strip() == f"{d}: 3 reports, more than the limit of 2 in one run: split by folder"
