"""One passing and one failing case for every rule in the shipped packs (golden YAML per rule,
in the manner of sqlfluff's rule test cases). Cases live in tests/rule_cases/<RULE>.yaml:

    rule: CAP001
    pass:  {base: dinsos-kota-blitar-2020, edits: [...]}          # no finding of this rule
    fail:  {base: dinsos-kota-blitar-2020, edits: [...],
            expect: {lines: [259], found: -831.0}}                 # a finding at these lines

A case may declare the report's conventions (`config:`, the text of lkjip-audit.yaml).

A cross-year rule's case also names last year's report (`previous:`, same base/edits form):

    pass:  {base: dinsos-kota-blitar-2020, previous: {base: dinsos-kota-blitar-2019, edits: [...]}}

Rules on the report's text (rules/teks.yaml) read the real report instead of a dataset:
    pass:  {report: seed, text_edits: [{line: 133, old: "Tahun 2019", new: "Tahun 2020"}]}
"""
from __future__ import annotations


import pytest
import yaml

from conftest import ROOT
from editing import apply_edits, load_plain, write_dataset

CASES = ROOT / "tests" / "rule_cases"


def _cases():
    for f in sorted(CASES.glob("*.yaml")):
        spec = yaml.safe_load(f.read_text(encoding="utf-8"))
        for kind in ("pass", "fail"):
            if kind in spec:
                yield pytest.param(spec["rule"], kind, spec[kind], id=f"{spec['rule']}-{kind}")


def _run(ruleset, rule_id, case, tmp_path):
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.dataset import load_dataset
    rules = [r for r in ruleset.rules if r.id == rule_id]
    assert rules, f"rule {rule_id} is not in the shipped packs"
    previous = None
    if "previous" in case:
        prev = case["previous"]
        prev_doc = apply_edits(load_plain(prev.get("base", "dinsos-kota-blitar-2019")), prev.get("edits", []))
        previous = load_dataset(write_dataset(prev_doc, tmp_path / "prev"), ruleset.concepts)
    if "report" in case:  # a rule on the report's text: the real report with `text_edits`
        from lkjip_audit.readers.report import load_report

        report = _edited_report(case, tmp_path)
        return audit(load_report(report, ruleset.concepts), _only(rules, ruleset)).findings
    doc = apply_edits(load_plain(case.get("base", "dinsos-kota-blitar-2020")), case.get("edits", []))
    folder = write_dataset(doc, tmp_path / "ds")
    dataset = load_dataset(folder, ruleset.concepts)
    if "config" in case:  # the report's conventions: lkjip-audit.yaml in the dataset folder
        from lkjip_audit import config

        (folder / config.FILE_NAME).write_text(case["config"], encoding="utf-8")
        config.apply(dataset, config.settings_for(dataset, config.find_files(folder, None)))
    result = audit(dataset, _only(rules, ruleset), previous)
    return result.findings


def _only(rules, ruleset):
    """Run just this rule; every shipped formula still decides which copies are right (as in a
    real check with --select)."""
    from lkjip_audit.rulepack.loader import RuleSet

    return RuleSet(rules, ruleset.concepts, ruleset.packs, ruleset.requires, ruleset.deciders)


def _edited_report(case, tmp_path):
    """`report: seed` (or `report: corpus/<file>`, a real excerpt in tests/corpus/) with
    `text_edits: [{line: N, old: "...", new: "..."}]` (old must be on line N)."""
    from conftest import SEED

    if str(case["report"]).startswith("corpus/"):
        source = ROOT / "tests" / case["report"]
    else:
        assert case["report"] == "seed", case["report"]
        source = SEED
    lines = source.read_text(encoding="utf-8").split("\n")
    for e in case.get("text_edits", []):
        assert e["old"] in lines[e["line"] - 1], e
        lines[e["line"] - 1] = lines[e["line"] - 1].replace(e["old"], e["new"], 1)
    out = tmp_path / "report.txt"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


@pytest.mark.parametrize("rule_id,kind,case", list(_cases()))
def test_rule_case(ruleset, rule_id, kind, case, tmp_path):
    findings = _run(ruleset, rule_id, case, tmp_path)
    if kind == "pass":
        assert findings == [], [f.message() for f in findings]
        return
    assert findings, f"{rule_id} did not fire"
    expect = case.get("expect", {})
    found_lines = {loc.line for f in findings for loc in f.locations if loc.role == "found"}
    for line in expect.get("lines", []):
        assert line in found_lines, f"line {line} not among {sorted(found_lines)}"
    if "found" in expect:
        assert any(f.found == expect["found"] for f in findings), [f.found for f in findings]
    if "expected" in expect:
        assert any(f.expected == pytest.approx(expect["expected"], abs=0.01) for f in findings), \
            [f.expected for f in findings]
    if "count" in expect:
        assert len(findings) == expect["count"], [f.message() for f in findings]


def test_every_rule_has_a_pass_and_a_fail_case(ruleset):
    have: dict[str, set] = {}
    for f in CASES.glob("*.yaml"):
        spec = yaml.safe_load(f.read_text(encoding="utf-8"))
        have[spec["rule"]] = {k for k in ("pass", "fail") if k in spec}
    missing = [r.id for r in ruleset.rules if have.get(r.id) != {"pass", "fail"}]
    assert not missing, f"rules without a pass and a fail case: {missing}"
