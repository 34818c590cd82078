"""Golden findings for the real report (LKjIP 2020 Dinas Sosial Kota Blitar)."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "dinsos-kota-blitar-2020.yaml"


def _by_rule(result, rule, subject):
    return [f for f in result.findings if f.rule.id == rule and f.subject == subject]


def test_pmks_capaian_minus_831_is_one_finding_with_every_place_it_is_printed(real_result):
    [f] = _by_rule(real_result, "CAP001", "IKU1")
    assert f.found == -831.0 and f.expected == pytest.approx(-731.0)
    assert f.expected_interval[0] <= -731.0 <= f.expected_interval[1]
    lines = sorted(loc.line for loc in f.locations)
    # Ringkasan D, Tabel 3.1.1, narrative, BAB III B.2, B.3, BAB IV, Lampiran IV
    assert lines == [68, 259, 280, 401, 413, 427, 611]
    assert {loc.section for loc in f.locations} == {"Ringkasan Eksekutif", "BAB III", "BAB IV", "Lampiran IV"}
    assert f.why == "(-7,31) / 1 × 100% = -731,00%"  # the arithmetic with the printed numbers, no rule syntax
    assert "-831,00%" in f.message("id") and "-731,00" in f.message("id")


def test_ringkasan_minus_731_agrees_with_the_formula_and_the_seven_minus_831_copies_are_wrong(real_result):
    """The formula decides between copies, not the majority: -7,31 / 1 x 100% = -731%."""
    [f] = [x for x in _by_rule(real_result, "KON001", "IKU1")]
    ref = [loc for loc in f.locations if loc.role == "reference"]
    assert [(loc.section, loc.line, loc.text) for loc in ref] == [("Ringkasan Eksekutif", 58, "-731,00%")]
    assert sorted(loc.line for loc in f.locations if loc.role == "found") == [68, 259, 280, 401, 413, 427, 611]
    assert f.found == -831.0 and f.expected == pytest.approx(-731.0)
    assert "CAP001" in f.message("id") and "-731,00%" in f.message("id")


def test_efficiency_expects_minus_7_45_as_a_consequence_of_cap001(real_result):
    [f] = _by_rule(real_result, "ANG002", "IKU1")
    assert f.expected == pytest.approx(-731 / 98.15, abs=0.01)  # -7,45
    assert f.caused_by == ["CAP001"]
    assert "akibat CAP001" in f.why["id"] and "-731,00 / 98,15 = -7,45" in f.why["id"]
    assert "because of CAP001" in f.why["en"] and "akibat" not in f.why["en"]


def test_agreeing_figures_produce_no_finding(real_result):
    """Budgets sum to 21.434.874.461 and 20.483.638.350, shares to 100%, penyerapan and the other
    capaian agree within rounding: none of these rules may fire on the real report."""
    quiet = {"TOT001", "TOT002", "TOT003", "TOT004", "TOT005", "ANG001", "ANG003", "ANG004", "ANG005",
             "ANG006", "CAP005", "RLS001", "RLS002", "RLS003", "STA001", "STA002", "STA003", "STA004",
             "STA005", "KON003", "KON004", "KON005", "KON006", "KON007", "NUM001"}
    fired = {f.rule.id for f in real_result.findings}
    assert not (fired & quiet), sorted(fired & quiet)
    assert real_result.stats.checks > 300


def test_findings_match_the_golden_list(real_result):
    golden = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["findings"]
    got = [{"rule": f.rule.id, "subject": f.subject, "found": f.found, "expected": f.expected,
            "lines": sorted(loc.line for loc in f.locations if loc.role == "found")}
           for f in real_result.findings]
    key = lambda d: (d["rule"], d["subject"], str(d["found"]), d["lines"])  # noqa: E731
    assert sorted(got, key=key) == sorted(golden, key=key)


@pytest.mark.parametrize("fmt,ext", [("json", "json"), ("md", "md")])
def test_shipped_reports_are_up_to_date(fmt, ext, capsys, monkeypatch):
    """reports/ holds the Markdown and JSON report of the shipped dataset; they must match a fresh run
    (the command of README.md, run in this process: GX is imported once per test session)."""
    from types import SimpleNamespace

    from lkjip_audit.cli import main

    monkeypatch.chdir(ROOT)
    code = main(["check", "datasets/dinsos-kota-blitar-2020", "--format", fmt])
    captured = capsys.readouterr()
    out = SimpleNamespace(returncode=code, stdout=captured.out, stderr=captured.err)
    assert out.returncode == 1, out.stderr
    shipped = (ROOT / "reports" / f"dinsos-kota-blitar-2020.{ext}").read_text(encoding="utf-8")
    assert out.stdout == shipped, "reports/ is stale: regenerate with the commands in README.md"
    if fmt == "json":
        doc = json.loads(out.stdout)
        assert set(doc) >= {"tool", "submission", "summary", "findings"}
        for f in doc["findings"]:
            assert set(f) >= {"rule", "severity", "message", "found", "expected", "locations"}
            for loc in f["locations"]:
                assert set(loc) >= {"section", "table", "row", "column", "line"}
