"""Outputs never overwrite an input, are written whole or not at all, and every way writing can
fail is one clear message (issue 11)."""
from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REAL, ROOT, RULES
from lkjip_audit.cli import main
from lkjip_audit.gx import docs
from lkjip_audit.safeio import input_files


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "kesalahan internal" not in err
    return code, out, err


@pytest.fixture()
def ds(tmp_path):
    d = tmp_path / "ds"
    shutil.copytree(REAL, d)
    return d


def _snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_output_onto_a_rule_pack_is_refused(capsys, tmp_path, ds):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    before = _snapshot(rules)
    for target in (rules / "capaian.yaml", rules / "concepts.yaml"):
        code, out, err = run(capsys, "check", ds, "--quick", "--rules", rules, "-o", target, "--format", "json")
        assert code == 2 and "menolak menimpa berkas masukan" in err
    assert _snapshot(rules) == before


def test_the_shipped_rule_packs_are_inputs_of_a_default_run(ds):
    files = {p.resolve() for p in input_files([ds], None)}
    assert (RULES / "capaian.yaml").resolve() in files and (RULES / "concepts.yaml").resolve() in files


def test_output_onto_the_report_text_beside_the_dataset_is_refused(capsys, ds):
    before = _snapshot(ds)
    report = next(p for p in ds.iterdir() if p.suffix == ".txt")
    code, out, err = run(capsys, "check", ds, "--quick", "-o", report)
    assert code == 2 and "menolak menimpa" in err
    assert _snapshot(ds) == before


@pytest.mark.parametrize("link", ["hard", "sym"])
def test_a_link_to_the_dataset_is_refused(capsys, tmp_path, ds, link):
    before = _snapshot(ds)
    out_path = tmp_path / "laporan.json"
    (os.link if link == "hard" else os.symlink)(ds / "dataset.yaml", out_path)
    code, out, err = run(capsys, "check", ds, "--quick", "--format", "json", "-o", out_path)
    assert code == 2 and "menolak menimpa" in err
    assert _snapshot(ds) == before


def test_a_link_to_a_report_file_being_checked_is_refused(capsys, tmp_path, ds):
    report = next(p for p in ds.iterdir() if p.suffix == ".txt")
    before = report.read_bytes()
    out_path = tmp_path / "hasil.md"
    os.link(report, out_path)
    code, out, err = run(capsys, "check", report, "--quick", "--format", "md", "-o", out_path)
    assert code == 2 and "menolak menimpa" in err
    assert report.read_bytes() == before


@pytest.mark.parametrize("target,needle", [
    ("/nonexistent/x.json", "folder tujuan tidak ada"),
    ("/dev/full", "tidak dapat menulis"),
])
def test_unwritable_outputs_are_one_clear_message(capsys, ds, target, needle):
    code, out, err = run(capsys, "check", ds, "--quick", "--format", "json", "-o", target)
    assert code == 2 and f"{target}: {needle}" in err


def test_output_is_written_whole_and_replaces_the_old_file(capsys, tmp_path, ds):
    out_path = tmp_path / "hasil.json"
    out_path.write_text("old", encoding="utf-8")
    code, out, err = run(capsys, "check", ds, "--quick", "--format", "json", "-o", out_path)
    assert code == 1 and out_path.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".hasil")] == []   # no temporary left


def test_a_closed_pipe_ends_quietly():
    """`lkjip-audit check ... | head -1`: no traceback, no 'internal error'."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-m", "lkjip_audit", "check", str(REAL), "--quick", "--format", "json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    p.stdout.read(10)
    p.stdout.close()
    err = p.stderr.read().decode()
    code = p.wait(timeout=120)
    assert "Traceback" not in err and "internal" not in err and "Broken pipe" not in err, err
    assert code in (1, 141)   # the check's own exit code when it finished writing first


# -- Data Docs -----------------------------------------------------------------------------------
def test_data_docs_never_delete_files_that_are_not_ours(capsys, tmp_path, ds):
    target = tmp_path / "docs"
    target.mkdir()
    (target / "catatan.txt").write_text("penting", encoding="utf-8")
    code, out, err = run(capsys, "check", ds, "--gx-data-docs", target)
    assert code == 2 and "bukan Data Docs lkjip-audit" in err
    assert (target / "catatan.txt").read_text(encoding="utf-8") == "penting"
    assert [p.name for p in target.iterdir()] == ["catatan.txt"]


def _build_site(args):
    target, n = args
    import time

    def build(folder: Path):
        for i in range(27):
            (folder / f"page{i:02d}.html").write_text(f"run {n} page {i}", encoding="utf-8")
            time.sleep(0.002)

    docs.publish(Path(target), build)
    return n


def test_parallel_data_docs_runs_leave_one_complete_site(tmp_path):
    """Eight runs into one folder: it ends with the 27 pages of exactly one run (before: 1 to 11
    pages of a mix of runs), and no temporary folder is left behind."""
    target = tmp_path / "docs"
    with mp.get_context("fork").Pool(8) as pool:
        done = pool.map(_build_site, [(str(target), n) for n in range(8)])
    assert sorted(done) == list(range(8))
    pages = sorted(p for p in target.iterdir() if p.suffix == ".html")
    assert len(pages) == 27
    runs = {p.read_text(encoding="utf-8").split(" page ")[0] for p in pages}
    assert len(runs) == 1
    assert (target / docs.MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_a_site_of_ours_is_replaced(tmp_path):
    target = tmp_path / "docs"
    docs.publish(target, lambda f: (f / "a.html").write_text("1", encoding="utf-8"))
    docs.publish(target, lambda f: (f / "b.html").write_text("2", encoding="utf-8"))
    assert sorted(p.name for p in target.iterdir()) == [docs.MARKER, "b.html"]


def test_data_docs_escape_report_text(capsys, tmp_path, ds):
    """`<script>` in a status cell reaches the Data Docs pages escaped (GX writes cells raw)."""
    f = ds / "dataset.yaml"
    text = f.read_text(encoding="utf-8")
    old = 'capaian: "102,56%", status: "Tercapai"}'
    assert old in text
    f.write_text(text.replace(old, 'capaian: "102,56%", status: "<script>alert(1)</script>"}', 1), encoding="utf-8")
    target = tmp_path / "docs"
    code, out, err = run(capsys, "check", ds, "--select", "MUT010", "--gx-data-docs", target)
    assert code in (0, 1) and (target / "index.html").is_file()
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in target.rglob("*.html")]
    assert not any("<script>alert" in p for p in pages)
    assert any("&lt;script&gt;alert(1)" in p for p in pages)
    assert "MUT010" in out and "<script>alert(1)</script>" in out   # the finding shows the cell as printed


def test_extract_never_writes_onto_its_report_through_a_hard_link(capsys, tmp_path):
    from conftest import SEED

    report = tmp_path / "laporan.txt"
    shutil.copyfile(SEED, report)
    before = report.read_bytes()
    out = tmp_path / "baru.yaml"
    os.link(report, out)
    code, _, err = run(capsys, "extract", report, "-o", out, "--force")
    assert code == 2 and "menolak menimpa" in err
    assert report.read_bytes() == before


def test_a_new_nested_data_docs_folder_is_created(tmp_path):
    target = tmp_path / "a" / "b" / "docs"
    docs.publish(target, lambda f: (f / "index.html").write_text("x", encoding="utf-8"))
    assert (target / "index.html").read_text(encoding="utf-8") == "x" and (target / docs.MARKER).is_file()
