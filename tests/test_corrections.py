"""One consistent set of corrections: apply every correction the findings suggest (each printed
place of a finding set to its expected value) and check again: every formula rule then passes.
On the real report and on altered copies where a formula decides between copies."""
from __future__ import annotations

import pytest

from editing import apply_edits, load_plain, write_dataset
from lkjip_audit.engine.run import audit
from lkjip_audit.numbers import format_id
from lkjip_audit.readers.dataset import load_dataset


def _check(quick_ruleset, doc, tmp_path, name):
    return audit(load_dataset(write_dataset(doc, tmp_path / name), quick_ruleset.concepts), quick_ruleset)


def _corrections(result) -> list[dict]:
    """Edits that print each finding's expected value in each place it points at as wrong."""
    facts = result.dataset.facts
    edits = []
    for f in result.findings:
        if f.severity != "error" or not isinstance(f.expected, float) or f.rule.kind not in ("formula", "copies"):
            continue
        for loc in f.locations:
            if loc.role != "found":
                continue
            rows = facts[(facts.table == loc.table) & (facts.line == loc.line) & (facts.concept == f.concept)
                         & (facts.subject == f.subject)]
            for _, fact in rows.iterrows():
                text = format_id(f.expected, int(fact.decimals)) + ("%" if "%" in fact.text else "")
                if fact.table == "narasi":
                    edits.append({"narrative": int(fact.line), "concept": fact.concept, "subject": fact.subject,
                                  "text": text})
                else:
                    edits.append({"table": fact.table, "line": int(fact.line), "column": fact.column, "text": text})
    return edits


def _formula_errors(result):
    return [f"{f.rule.id} {f.subject} {f.found_text} -> {f.expected}" for f in result.findings
            if f.severity == "error" and f.rule.kind == "formula"]


ALTERED = {
    "real report": [],
    # one copy of the Belanja Langsung total (BAB III B.1 table) altered: the sum of the programmes
    # decides, so that copy alone is wrong, not the narrative and APBD figures
    "programme total altered in one copy": [
        {"table": "bab3-b1-alokasi", "line": 395, "column": "anggaran", "text": "20.483.638.450,00"}],
    "Belanja Langsung total altered in one copy": [
        {"table": "lampiran3-program", "line": 599, "column": "anggaran", "text": "21.434.874.561,00"}],
    # one programme's share altered: ANG003 (anggaran / total) decides, the total 100% is right
    "a programme's share altered": [
        {"table": "bab3-b1-alokasi", "line": 391, "column": "porsi_anggaran", "text": "88,01%"}],
    # every capaian copy of IKU2 printed wrong: CAP001 decides, efisiensi follows from it
    "capaian of IKU2 wrong everywhere": [{"subject": "IKU2", "concept": "capaian", "text": "103,00%"}],
}


@pytest.mark.parametrize("name", list(ALTERED))
def test_applying_every_suggested_correction_makes_every_formula_rule_pass(quick_ruleset, tmp_path, name):
    doc = apply_edits(load_plain("dinsos-kota-blitar-2020"), ALTERED[name])
    before = _check(quick_ruleset, doc, tmp_path, "before")
    edits = _corrections(before)
    assert edits, "no correction suggested"
    after = _check(quick_ruleset, apply_edits(doc, edits), tmp_path, "after")
    assert _formula_errors(after) == []


def test_real_report_corrections_are_the_hand_computed_values(quick_ruleset, tmp_path):
    """-7,31 / 1 x 100% = -731%; -731 / 98,15 = -7,45; 24 / 132 = 18,18%; 18,18 / 10 = 181,8%."""
    result = _check(quick_ruleset, load_plain("dinsos-kota-blitar-2020"), tmp_path, "real")
    edits = {(e.get("table", "narasi"), e.get("line", e.get("narrative")), e.get("column", e.get("concept"))): e["text"]
             for e in _corrections(result)}
    assert edits[("narasi", 280, "capaian")] == "-731%"
    assert edits[("ringkasan-d-keuangan", 68, "efisiensi")] == "-7,45"
    assert edits[("bab3-b2-kinerja-anggaran", 407, "realisasi")] == "18,18%"
    assert edits[("bab3-b2-kinerja-anggaran", 407, "capaian")] == "181,8%"
    assert ("ringkasan-c-pengukuran", 58, "capaian") not in edits  # line 58 prints the right -731,00%


def test_an_altered_belanja_langsung_copy_is_the_wrong_one_not_the_narrative_or_apbd(quick_ruleset, tmp_path):
    """Lampiran III's JUMLAH altered to ...561: the programmes sum to 21.434.874.461 (TOT001), so
    that copy is wrong; the narrative's Rp. 21.434.874.461,00 and BTL + BL = APBD stay right."""
    doc = apply_edits(load_plain("dinsos-kota-blitar-2020"), ALTERED["Belanja Langsung total altered in one copy"])
    result = _check(quick_ruleset, doc, tmp_path, "bl")
    [kon] = [f for f in result.findings if f.rule.id == "KON004" and f.subject == "BL"]
    assert [loc.line for loc in kon.locations if loc.role == "found"] == [599]
    assert kon.expected == 21434874461.0 and "TOT001" in kon.message("id")
    assert not [f for f in result.findings if f.rule.id == "TOT004"]
