"""Engine semantics beyond single rules: truncation, not-computable checks, one finding per discrepancy."""
from __future__ import annotations

from editing import apply_edits, load_plain, write_dataset
from lkjip_audit.engine.run import audit
from lkjip_audit.readers.dataset import load_dataset


def _audit(ruleset, tmp_path, edits):
    doc = apply_edits(load_plain("dinsos-kota-blitar-2020"), edits)
    return audit(load_dataset(write_dataset(doc, tmp_path / "ds"), ruleset.concepts), ruleset)


def test_truncated_99_percent_is_not_achieved(quick_ruleset, tmp_path):
    r = _audit(quick_ruleset, tmp_path, [
        {"submission": {"rounding": "truncate"}},
        {"subject": "IKU3", "concept": "realisasi", "text": "99%"},  # so that CAP001 agrees with 99%
        {"subject": "IKU3", "concept": "capaian", "text": "99%"},
        {"subject": "IKU3", "concept": "status", "text": "Tidak Tercapai"},
        {"narrative": 424, "concept": "jumlah_tercapai", "text": "2"},
        {"narrative": 424, "concept": "jumlah_tidak_tercapai", "text": "2"},
    ])
    fired = {f.rule.id for f in r.findings}
    assert not fired & {"STA001", "STA002", "STA003"}, [f.message() for f in r.findings if f.rule.id.startswith("STA")]


def test_target_zero_is_not_computable_not_a_finding(quick_ruleset, tmp_path):
    r = _audit(quick_ruleset, tmp_path, [{"subject": "IKU3", "concept": "target", "text": "0%"}])
    assert not [f for f in r.findings if f.rule.id == "CAP001" and f.subject == "IKU3"]
    assert any(rule == "CAP001" and subj == "IKU3" and "nol" in why
               for (rule, subj, why) in r.stats.not_evaluable)


def test_one_wrong_budget_is_one_finding_per_rule(quick_ruleset, tmp_path):
    r = _audit(quick_ruleset, tmp_path, [{"table": "lampiran3-program", "line": 595, "column": "anggaran",
                                     "text": "17.823.573.800,00"}])
    tot = [f for f in r.findings if f.rule.id == "TOT001"]
    assert len(tot) == 1 and tot[0].found == 21434874461.0 and tot[0].expected == 21434874561.0
    kon = [f for f in r.findings if f.rule.id == "KON004" and f.subject == "P4"]
    # a programme's budget is a base figure: nothing decides between the copies, so the finding
    # lists both groups (595 alone; 391, 401, 611) and names neither as right
    assert len(kon) == 1 and sorted(loc.line for loc in kon[0].locations) == [391, 401, 595, 611]
    assert kon[0].expected is None and "tidak ada rumus" in kon[0].message("id")
