"""GX validated across the reports of a corpus chunk (lkjip_audit/gx/batch.py) gives each report
exactly the findings, locations, counts and rendered output of a check of its own.

Mixed set: the Blitar 2020 dataset, a copy of it with two planted errors (same tables: validated
together with the original), the Blitar 2019 dataset and the Polewali Mandar fixture (other
tables). GX is under test here, so these checks run the full rule set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkjip_audit.corpus.batch import check_chunk
from lkjip_audit.corpus.task import Item, Options, init_worker
from lkjip_audit.gx import batch as gx_batch

ROOT = Path(__file__).resolve().parents[1]
BLITAR = ROOT / "datasets" / "dinsos-kota-blitar-2020"


def _broken_copy(folder: Path) -> Path:
    """Blitar 2020 with, in table bab3-b2-kinerja-anggaran, line 405's realisasi anggaran raised to
    945.412.750 (its anggaran is 845.666.150) and line 406 printed for IKU2 again (was IKU3)."""
    text = (BLITAR / "dataset.yaml").read_text(encoding="utf-8")
    for old, new in (('realisasi_anggaran: "824.412.750", penyerapan', 'realisasi_anggaran: "945.412.750", penyerapan'),
                     ("- {line: 406, subject: IKU3, program: P6", "- {line: 406, subject: IKU2, program: P6")):
        assert text.count(old) == 1
        text = text.replace(old, new)
    d = folder / "rusak"
    d.mkdir()
    (d / "dataset.yaml").write_text(text, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    paths = [BLITAR, _broken_copy(tmp_path_factory.mktemp("gxb")), ROOT / "datasets" / "dinsos-kota-blitar-2019",
             ROOT / "tests" / "fixtures" / "bpkad-polman-2022"]
    items = [Item(str(p), str(p)) for p in paths]
    opts = Options(formats=("json",))
    init_worker(opts)
    groups = []
    real = gx_batch._validate_group

    def spy(gx, source, assets, name, members, views, works):
        out = real(gx, source, assets, name, members, views, works)
        groups.append((name, list(members), bool(out)))
        return out

    gx_batch._validate_group = spy
    try:
        batched = check_chunk(items, opts, gx_batch=True)
    finally:
        gx_batch._validate_group = real
    alone = check_chunk(items, opts, gx_batch=False)
    return batched, alone, groups


def _mut(outcome) -> dict:
    out = {}
    for f in json.loads(outcome["outputs"]["json"])["findings"]:
        if f["rule"].startswith("MUT"):
            out.setdefault(f["rule"], []).append(sorted(loc["line"] for loc in f["locations"]))
    return out


def test_batched_findings_equal_per_report_findings(both_ways):
    batched, alone, _ = both_ways
    assert [o["status"] for o in batched] == ["checked"] * 4
    for b, a in zip(batched, alone):
        b, a = dict(b), dict(a)
        for k in ("seconds", "worker"):
            b.pop(k), a.pop(k)
        assert b == a  # rekap row and the whole JSON report (findings, locations, not evaluated, counts)


def test_the_planted_errors_are_found_and_only_in_their_report(both_ways):
    batched, _, groups = both_ways
    # the original and its copy share every view: validated together, in one suite per view
    assert any(members == [0, 1] and ok for _, members, ok in groups)
    assert _mut(batched[0]) == {}  # the copy's IKU rows repeat the original's: no duplicate across reports
    # MUT001 at line 405 (945.412.750 > 845.666.150; its anggaran and realisasi cells),
    # MUT004: IKU2 printed at lines 405 and 406
    assert _mut(batched[1]) == {"MUT001": [[405, 405]], "MUT004": [[405, 406]]}
    summary = json.loads(batched[1]["outputs"]["json"])["summary"]
    assert summary["gx"] == json.loads(batched[0]["outputs"]["json"])["summary"]["gx"]
    assert summary["gx"]["expectations"] > 0


NOT_ROW_BY_ROW = """pack: x
rules:
  - id: XQ001
    kind: expectation
    title: {id: t, en: t}
    message: {id: "m {found}", en: "m {found}"}
    severity: error
    reference: uji coba
    table: "*"
    expectation: expect_table_row_count_to_be_between
    args:
      min_value: 4
  - id: XQ002
    kind: expectation
    title: {id: t, en: t}
    message: {id: "m {found}", en: "m {found}"}
    severity: warning
    reference: uji coba
    table: facts
    expectation: expect_column_values_to_be_between
    args:
      column: value
      max_value: 1000
      mostly: 0.9
"""


def test_expectations_judged_on_a_whole_table_stay_per_report(tmp_path):
    """A table-level expectation and one with `mostly` (a share of the whole column) are not
    batched; the findings are still those of a check of each report alone."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yaml").write_text(NOT_ROW_BY_ROW, encoding="utf-8")
    paths = [BLITAR, _broken_copy(tmp_path)]
    items = [Item(str(p), str(p)) for p in paths]
    opts = Options(rules=str(rules), select=("XQ", "MUT001"), formats=("json",))
    init_worker(opts)
    batched, alone = check_chunk(items, opts, gx_batch=True), check_chunk(items, opts, gx_batch=False)
    for b, a in zip(batched, alone):
        for k in ("seconds", "worker"):
            b.pop(k), a.pop(k)
        assert b == a
    rules_found = {f["rule"] for f in json.loads(batched[0]["outputs"]["json"])["findings"]}
    # Blitar's bab3-b2-kinerja-anggaran prints 4 rows (lines 401-407) but several tables fewer
    assert "XQ001" in rules_found
    assert _mut(batched[1]) == {"MUT001": [[405, 405]]}
