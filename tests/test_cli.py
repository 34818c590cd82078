"""The command line: exit codes, formats, languages, and bad input without tracebacks."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REAL, ROOT, RULES
from lkjip_audit.cli import main


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_check_real_dataset_prints_findings_and_exits_1(capsys):
    code, out, err = run(capsys, "check", "--quick", REAL)
    assert code == 1
    assert "CAP001" in out and "-831" in out and "GAGAL" in out


def test_fail_on_and_select(capsys):
    assert run(capsys, "check", "--quick", REAL, "--select", "TOT")[0] == 0          # totals agree
    assert run(capsys, "check", "--quick", REAL, "--select", "REN", "--fail-on", "error")[0] == 0  # warnings only
    assert run(capsys, "check", "--quick", REAL, "--select", "REN", "--fail-on", "warning")[0] == 1


def test_json_report_is_plain_and_english_on_request(capsys):
    code, out, _ = run(capsys, "check", "--quick", REAL, "--format", "json", "--lang", "en")
    doc = json.loads(out)
    assert code == 1 and doc["tool"]["name"] == "lkjip-audit"
    assert doc["submission"]["instansi"] == "Dinas Sosial Kota Blitar" and doc["submission"]["tahun"] == 2020
    assert doc["summary"]["by_severity"]["error"] == 7 and doc["summary"]["checks_evaluated"] > 300  # + CAP001 on line 407, a consequence of RLS001
    cap = next(f for f in doc["findings"] if f["rule"] == "CAP001")
    assert isinstance(cap["found"], float) and isinstance(cap["expected"], float)
    assert cap["message"].startswith("Achievement of Persentase penurunan PMKS is printed as -831")
    assert {loc["line"] for loc in cap["locations"]} == {68, 259, 280, 401, 413, 427, 611}


def test_markdown_report_to_file(capsys, tmp_path):
    out_file = tmp_path / "r.md"
    code, out, err = run(capsys, "check", "--quick", REAL, "--format", "md", "--output", out_file)
    assert code == 1 and out == ""
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("# Laporan hasil pemeriksaan LKjIP: Dinas Sosial Kota Blitar 2020")
    assert "| Ringkasan Eksekutif | C. Pengukuran Capaian" in text


def test_refuses_to_overwrite_the_input(capsys, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(REAL, ds)
    before = (ds / "dataset.yaml").read_bytes()
    code, out, err = run(capsys, "check", "--quick", ds, "--format", "json", "--output", ds / "dataset.yaml")
    assert code == 2 and "menimpa" in err
    assert (ds / "dataset.yaml").read_bytes() == before


def test_rules_command_lists_every_rule(capsys, ruleset):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for r in ruleset.rules:
        assert r.id in out


@pytest.mark.parametrize("content,needle", [
    (b"", "berkas kosong"),
    (b"   \n\n", "berkas kosong"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "bukan berkas teks"),
    (b"\xff\xfe\xfa not utf8", "bukan berkas teks"),
    (b"format: lkjip-dataset/1\nsubmission: [unclosed\n", "dataset.yaml:3: YAML tidak sah"),
    (b"- a\n- b\n", "harus berupa mapping"),
])
def test_unusable_dataset_files(capsys, tmp_path, content, needle):
    (tmp_path / "dataset.yaml").write_bytes(content)
    code, out, err = run(capsys, "check", tmp_path)
    assert code == 2 and needle in err, err


def test_missing_dataset(capsys, tmp_path):
    code, _, err = run(capsys, "check", tmp_path / "nope")
    assert code == 2 and "tidak ditemukan" in err


def test_usage_error_exits_2():
    p = subprocess.run([sys.executable, "-m", "lkjip_audit", "check"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    p = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", "x", "--format", "pdf"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 2


def test_console_script_runs_from_a_fresh_process():
    p = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(REAL), "--quick", "--select", "CAP001"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 1 and "CAP001" in p.stdout


def test_a_broken_rule_pack_is_reported_with_file_and_line(capsys, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    text = (rules / "total.yaml").read_text(encoding="utf-8")
    (rules / "total.yaml").write_text(text.replace("    check: anggaran\n    expect: sum_of('anggaran', 'program')\n",
                                                   "    check: anggaran\n    expect: sum_of('anggaran', 'program').real\n", 1),
                                      encoding="utf-8")
    code, _, err = run(capsys, "check", "--quick", REAL, "--rules", rules)
    assert code == 2
    assert "total.yaml:" in err and "akses atribut" in err
