"""What corpus mode's start-up does once, or not at all (issue 12, the parent before it forks):
discovery's "named twice" with folders resolved once, the rule packs shared between the dataset
and report rule sets, the report reader's modules left out of a run of datasets."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip_audit.corpus.discover import discover
from lkjip_audit.rulepack.loader import load_rules, shared_packs

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "datasets" / "dinsos-kota-blitar-2020" / "dataset.yaml"


def _folder(at: Path) -> Path:
    at.mkdir(parents=True)
    (at / "dataset.yaml").write_text("x: 1\n", encoding="utf-8")
    return at


def test_named_twice_through_a_symlink_or_another_path_is_one_input(tmp_path):
    top = tmp_path / "pemda"
    a, b = _folder(top / "a-dinas"), _folder(top / "b-badan")
    (top / "c-link").symlink_to(a, target_is_directory=True)  # the same dataset under another name
    (top / "laporan.txt").write_text("LKjIP\n", encoding="utf-8")
    (top / ".tersembunyi.txt").write_text("x\n", encoding="utf-8")
    (top / "catatan.csv").write_text("x\n", encoding="utf-8")
    found = discover([top, top / ".." / "pemda" / "b-badan", Path(os.path.relpath(a))])
    assert found == [a, b, top / "laporan.txt"]


def test_a_symlinked_folder_of_reports_is_listed_once(tmp_path):
    real = tmp_path / "real"
    one = _folder(real / "satu")
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    found = discover([real, tmp_path / "alias"])
    assert found == [one]


def _overlay(tmp_path: Path, severity: str) -> Path:
    """A pack of its own: the shipped status pack with other ids, every rule at `severity`."""
    d = tmp_path / "extra"
    d.mkdir(exist_ok=True)
    text = (ROOT / "rules" / "status.yaml").read_text(encoding="utf-8")
    text = text.replace("pack: status", "pack: tambahan").replace("id: STA", "id: ZZZ")
    (d / "tambahan.yaml").write_text(text.replace("severity: error", f"severity: {severity}"), encoding="utf-8")
    return d


def test_shared_packs_read_each_pack_once_and_only_inside_the_block(tmp_path):
    extra = _overlay(tmp_path, "warning")
    with shared_packs():
        datasets = load_rules(quick=True, have=set(), overlays=[extra])
        reports = load_rules(quick=True, have={"document"}, overlays=[extra])
    by_id = {r.id: r for r in reports.rules}
    assert {r.id for r in datasets.rules} < set(by_id)  # the report set adds the document packs
    assert all(by_id[r.id] is r for r in datasets.rules)  # parsed and checked once: the same rules
    assert {r.requires for r in reports.rules if r.id not in {x.id for x in datasets.rules}} == {"document"}
    # outside the block every call reads the files afresh: a changed pack is seen
    _overlay(tmp_path, "error")
    again = load_rules(quick=True, have=set(), overlays=[extra])
    assert {r.id: r.severity for r in again.rules}["ZZZ001"] == "error"
    assert all(r is not by_id[r.id] for r in again.rules)


PROBE = """
import json, sys
from pathlib import Path

import pytest
from lkjip_audit.corpus import pool, task
opts = task.Options(quick=True)
items = [task.item_for(Path(p)) for p in sys.argv[1:]]
task.prepare(opts, pool._has_reports(items))
names = ("lkjip_audit.readers.narrative_general", "lkjip_audit.engine.document_checks", "rapidfuzz",
         "lkjip_audit.reporters.terminal", "lkjip_audit.readers.doc_text", "lkjip_audit.config")
print(json.dumps({n: n in sys.modules for n in names}))
"""


def _imported(*inputs: Path) -> dict:
    p = subprocess.run([sys.executable, "-c", PROBE, *map(str, inputs)], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_a_run_of_datasets_leaves_the_report_reader_out(tmp_path):
    got = _imported(DATASET.parent)
    assert got == {"lkjip_audit.readers.narrative_general": False, "lkjip_audit.engine.document_checks": False,
                   "rapidfuzz": False, "lkjip_audit.reporters.terminal": False,
                   "lkjip_audit.readers.doc_text": False, "lkjip_audit.config": True}


def test_a_report_among_the_inputs_is_prepared_for_before_the_fork(tmp_path):
    report = tmp_path / "laporan.txt"
    shutil.copy(next(DATASET.parent.glob("*.txt")), report)
    got = _imported(DATASET.parent, report)
    assert got["lkjip_audit.readers.narrative_general"] and got["lkjip_audit.engine.document_checks"]
    assert got["rapidfuzz"] and got["lkjip_audit.readers.doc_text"]
    assert not got["lkjip_audit.reporters.terminal"]  # no --output-dir: nothing rendered per report


WARM = """
import json, sys
from lkjip_audit.corpus import task
from lkjip_audit.readers import facts
opts = task.Options(quick=True)
task.prepare(opts)
concepts = task.ruleset(opts, frozenset()).concepts
print(json.dumps({"checks": len(facts._CHECKS), "made": facts._sound_check(concepts) in facts._CHECKS.values(),
                  "imported": sorted({m.split(".")[0] for m in sys.modules} & {"pandas", "pandera", "numpy"})}))
"""


def test_the_warm_up_before_the_fork_makes_the_facts_check_without_pandas():
    """The parent makes the one check every report's fact tuples get (facts.sound, of the rule set's
    concepts) before it forks; pandas and pandera, needed only for facts that check does not accept,
    are not imported (~0,4 s of start-up each)."""
    p = subprocess.run([sys.executable, "-c", WARM], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == {"checks": 1, "made": True, "imported": []}


CHECK = """
import json, sys
from lkjip_audit.cli import main
code = main(["check", *sys.argv[2:], "--format", "json", "-o", sys.argv[1]])
print(json.dumps({"code": code, "pandera": sorted({m.split(".")[0] for m in sys.modules} & {"pandas", "pandera"})}))
"""


def _check_imports(tmp_path, *args) -> dict:
    p = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path / "out.json"), *args], capture_output=True,
                       text=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.splitlines()[-1])


def test_checking_sound_reports_never_imports_pandas_or_pandera(tmp_path):
    """A dataset and a report file whose facts are sound are checked with --quick without pandas or
    pandera: facts.sound answers for them (7 errors and 5 warnings in the golden dataset, README)."""
    got = _check_imports(tmp_path, str(DATASET.parent), "--quick")
    assert got == {"code": 1, "pandera": []}
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["summary"]["by_severity"] == {"error": 7, "warning": 5, "info": 0}
    report = next(DATASET.parent.glob("*.txt"))
    assert _check_imports(tmp_path, str(report), "--quick") == {"code": 1, "pandera": []}


def test_a_refused_fact_table_imports_pandera_for_its_messages(tmp_path):
    """A dataset whose fact table the typed check refuses (a figure printed with 13 decimals, beyond
    the 0-12 a fact may have; the JSON schema does not count them) is validated with pandera, whose
    per-column schema names the problem as before: exit 2."""
    text = DATASET.read_text(encoding="utf-8")
    broken = tmp_path / "rusak"
    broken.mkdir()
    assert 'realisasi: "-7,31%", capaian: "-731,00%"' in text
    (broken / "dataset.yaml").write_text(text.replace('realisasi: "-7,31%"', 'realisasi: "-7,3100000000001%"', 1),
                                         encoding="utf-8")
    p = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path / "out.json"), str(broken), "--quick"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.splitlines()[-1]) == {"code": 2, "pandera": ["pandas", "pandera"]}
    assert "dataset.yaml:58: tabel fakta tidak sah (decimals in_range(0, 12)): tabel ringkasan-c-capaian, baris 1" \
        in p.stderr, p.stderr

NO_CACHE_PROBE = """
import contextlib, io, json, sys
from lkjip_audit.cli import main
sys.argv = ["lkjip-audit", "check", *sys.argv[1:], "--quick", "--jobs", "1", "--format", "json"]
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        code = main()
    except SystemExit as e:
        code = e.code
rekap = json.loads(out.getvalue())
print(json.dumps({"code": code, "checked": [r["status"] for r in rekap["reports"]],
                  "imported": sorted({"hashlib", "zipfile", "lkjip_audit.corpus.cache"} & set(sys.modules))}))
"""


@pytest.mark.parametrize("cache", [False, True])
def test_a_run_without_the_cache_imports_neither_the_cache_nor_hashlib_nor_zipfile(tmp_path, cache):
    """`--no-cache` over datasets: the cache module, hashlib (OpenSSL) and zipfile (DOCX only) are
    not imported (round 9, ~17 M instructions of the serial start-up); with the cache they are."""
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATASET.parent, a)
    shutil.copytree(DATASET.parent, b)
    args = [str(a), str(b)] + (["--cache-dir", str(tmp_path / "c")] if cache else ["--no-cache"])
    p = subprocess.run([sys.executable, "-c", NO_CACHE_PROBE, *args], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 1, p.stderr  # the Blitar report has errors: the set fails
    got = json.loads(p.stdout)
    assert got["code"] == 1
    assert got["checked"] == ["checked", "checked"]  # both read and checked, not unreadable
    assert got["imported"] == (["hashlib", "lkjip_audit.corpus.cache"] if cache else [])
