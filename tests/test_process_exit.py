"""The program's quick exit (lkjip_audit/process_exit.py): same output, same exit code, every other
exit handler still runs; an in-process call (argv given) never ends the process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lkjip_audit import process_exit
from lkjip_audit.cli import main

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "datasets" / "dinsos-kota-blitar-2020"

# the program as the console script runs it, plus an exit handler registered after cli was
# imported (as multiprocessing, logging, tempfile ... register theirs): it must still run
PROGRAM = """
import atexit, sys
from lkjip_audit.cli import main
atexit.register(lambda: print("LATE HANDLER RAN", file=sys.stderr, flush=True))
sys.argv = ["lkjip-audit", *sys.argv[1:]]
sys.exit(main())
"""


def _program(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, cwd=ROOT)


def test_program_output_exit_code_and_late_handlers():
    p = _program("check", str(REAL), "--quick", "--format", "json")
    assert p.returncode == 1  # the shipped report has errors
    report = json.loads(p.stdout)  # the whole report, flushed
    assert any(f["rule"] == "CAP001" for f in report["findings"])
    assert "LATE HANDLER RAN" in p.stderr


def test_program_clean_exit_code_and_bad_input():
    p = _program("check", str(REAL), "--quick", "--select", "TOT001", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["findings"] == []
    assert "LATE HANDLER RAN" in p.stderr
    p = _program("check", str(ROOT / "no-such-dataset"))
    assert p.returncode == 2
    assert "no-such-dataset" in p.stderr and "LATE HANDLER RAN" in p.stderr


def test_corpus_program_writes_every_file(tmp_path):
    out = tmp_path / "rekap.json"
    p = _program("check", str(REAL), str(ROOT / "datasets" / "dinsos-kota-blitar-2019"), "--quick", "--jobs", "2",
                 "--no-cache", "--output-dir", str(tmp_path / "each"), "-o", str(out))
    assert p.returncode == 1, p.stderr
    rekap = json.loads(out.read_text(encoding="utf-8"))
    assert [r["status"] for r in rekap["reports"]] == ["checked", "checked"]
    assert sorted(f.name for f in (tmp_path / "each").iterdir()) == ["dinsos-kota-blitar-2019.txt",
                                                                     "dinsos-kota-blitar-2020.txt"]
    assert "LATE HANDLER RAN" in p.stderr


def test_in_process_call_leaves_the_process_alone(capsys):
    assert main(["check", str(REAL), "--quick", "--select", "TOT001", "--format", "json"]) == 0
    capsys.readouterr()
    assert process_exit._code is None  # nothing will cut this (pytest's) process short
