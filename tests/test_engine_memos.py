"""The engine's per-context memos (engine/context.py `resolved`, `row_value`) give what the plain
path gives: the copies' consensus, then `checked_value` (the correction where a formula decides the
figure and disagrees), with the same root ("akibat CAP001") and dispute recorded, on every figure of
the shipped datasets, on the first read and on later reads (kept)."""
from __future__ import annotations

from pathlib import Path

import pytest

from lkjip_audit.engine.context import Context
from lkjip_audit.engine.interval import Interval
from lkjip_audit.readers.dataset import load_dataset

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


def _plain(v):
    return ("iv", v.lo, v.hi) if isinstance(v, Interval) else ("text", v)


def _roots(ctx):
    return [(r.rule.id, r.subject, r.concept, r.period, text) for r, text in ctx.roots]


def _fresh(ds, rs):
    ctx = Context(ds, rs.concepts, rs.deciders)
    ctx.roots, ctx._disputed = [], False
    return ctx


@pytest.mark.parametrize("name", ["dinsos-kota-blitar-2020", "dinsos-kota-blitar-2019"])
def test_resolved_is_consensus_then_checked_value(quick_ruleset, name):
    ds = load_dataset(DATASETS / name, quick_ruleset.concepts)
    plain, memo = _fresh(ds, quick_ruleset), _fresh(ds, quick_ruleset)
    keys = list(plain.by_key)
    corrected = 0
    for reading in (1, 2):  # the second read comes from the memo
        for key in keys:
            plain.roots, plain._disputed, memo.roots, memo._disputed = [], False, [], False
            c = plain.consensus(*key)
            want = plain.checked_value(c.interval if c.interval is not None else c.text, *key, c)
            c2, got = memo.resolved(*key)
            assert c2 is memo.consensus(*key), key
            assert _plain(got) == _plain(want), (reading, key)
            assert _roots(memo) == _roots(plain) and memo._disputed == plain._disputed, (reading, key)
            corrected += bool(plain.roots)
    if name.endswith("2020"):
        assert corrected >= 2  # capaian -831% of IKU 2, corrected by CAP001 (a root), on both reads


@pytest.mark.parametrize("name", ["dinsos-kota-blitar-2020", "dinsos-kota-blitar-2019"])
def test_row_value_is_checked_value_of_the_cell(quick_ruleset, name):
    ds = load_dataset(DATASETS / name, quick_ruleset.concepts)
    plain, memo = _fresh(ds, quick_ruleset), _fresh(ds, quick_ruleset)
    cells = [f for f in plain.facts if f.status == "ok"]
    assert cells
    for reading in (1, 2):
        for f in cells:
            period = None if f.period is None else int(f.period)
            plain.roots, memo.roots = [], []
            iv = plain.interval(f)
            want = plain.checked_value(iv, f.subject, f.concept, period, text=f.text.strip())
            got, printed = memo.row_value(f, f.subject, period)
            assert _plain(got) == _plain(want) and _plain(printed) == _plain(iv), (reading, f)
            assert _roots(memo) == _roots(plain), (reading, f)


def test_a_figure_whose_correction_is_in_progress_is_not_kept(quick_ruleset):
    ds = load_dataset(DATASETS / "dinsos-kota-blitar-2020", quick_ruleset.concepts)
    ctx = _fresh(ds, quick_ruleset)
    key = next(k for k in ctx.by_key if k[1] == "capaian" and ctx.deciders.get("capaian"))
    ctx._correcting.add(key)  # as while CAP001 computes this very figure
    ctx.resolved(*key)
    assert key not in ctx._resolved
    other = next(k for k in ctx.by_key if k[1] == "target")
    ctx.resolved(*other)  # another figure: its answer is final, kept
    assert other in ctx._resolved
    ctx._correcting.discard(key)
    ctx.resolved(*key)
    assert key in ctx._resolved


def test_a_formula_findings_line_is_written_when_first_read(quick_ruleset):
    """engine/findings.py `_Why`: the Perhitungan line of a formula finding is kept as a function
    until it is read (a corpus check without per-report output never reads it); read, it is the
    line the README shows, written once and kept."""
    from lkjip_audit.engine.run import audit

    ds = load_dataset(DATASETS / "dinsos-kota-blitar-2020", quick_ruleset.concepts)
    result = audit(ds, quick_ruleset)
    cap = [f for f in result.findings if f.rule.id == "CAP001" and f.found_text.startswith("-831")]
    assert len(cap) == 1
    finding = cap[0]
    assert callable(finding.__dict__["_why"])  # not written yet
    # README: -7,31% / 1% x 100 = -731%, "Perhitungan" (-7,31) / 1 × 100% = -731,00%
    assert finding.why == "(-7,31) / 1 × 100% = -731,00%"
    assert finding.__dict__["_why"] == "(-7,31) / 1 × 100% = -731,00%"  # kept, not written again
    kon = [f for f in result.findings if f.rule.id == "KON001" and f.subject == cap[0].subject]
    assert kon and "CAP001: (-7,31) / 1 × 100% = -731,00%; dicetak -831" in kon[0].why["id"]


def test_a_correction_for_a_kind_no_rule_is_for_is_none_without_its_set_up(quick_ruleset):
    """`correction` answers None for a subject whose kind none of the concept's deciding rules is
    for (a programme's realisasi_anggaran: ANG005 is for sasaran, TOT003/TOT007 for total), before
    saving and restoring the evaluation's state; a kind a rule is for is still computed."""
    ds = load_dataset(DATASETS / "dinsos-kota-blitar-2020", quick_ruleset.concepts)
    ctx = _fresh(ds, quick_ruleset)
    assert {r.id for r in ctx.deciders["realisasi_anggaran"]} >= {"ANG005"}
    assert all("program" not in r.for_each for r in ctx.deciders["realisasi_anggaran"])
    program = next(s for s in ctx.subjects.values() if s.kind == "program")
    saved = ctx.inputs
    assert ctx.correction(program.key, "realisasi_anggaran", ctx.year) is None
    assert ctx.inputs is saved and not ctx._correcting
    # a sasaran: ANG005 computes it (the sum of its programmes' realisasi)
    sasaran = next(k for k in ("S1", "S2", "S3") if k in ctx.subjects)
    corr = ctx.correction(sasaran, "realisasi_anggaran", ctx.year)
    assert corr is not None and corr.rule.id == "ANG005"


def test_rules_with_the_same_plain_condition_share_its_answer(quick_ruleset, monkeypatch):
    """A `where` reading only a subject's attributes is evaluated once per subject for every rule
    that writes the same condition (CAP001 and its twin here), and gives that subject's answer."""
    from lkjip_audit.rulepack.expr import Expr, compile_expr

    ds = load_dataset(DATASETS / "dinsos-kota-blitar-2020", quick_ruleset.concepts)
    ctx = _fresh(ds, quick_ruleset)
    concepts = set(quick_ruleset.concepts)
    first, twin = (compile_expr("polarity == 'higher'", concepts, set()) for _ in range(2))
    assert first is not twin
    evaluated = []
    real = Expr.evaluate
    monkeypatch.setattr(Expr, "evaluate", lambda self, ev, names: evaluated.append(self) or real(self, ev, names))
    ikus = [s for s in ctx.subjects.values() if s.kind == "iku"]
    assert ikus
    for s in ikus:
        want = s.attrs.get("polarity") == "higher"
        assert ctx.where_holds(first, s, ctx.year) is want
        assert ctx.where_holds(twin, s, ctx.year) is want
    assert len(evaluated) == len(ikus) and all(e is first for e in evaluated)


@pytest.mark.parametrize("name", ["dinsos-kota-blitar-2020", "dinsos-kota-blitar-2019"])
def test_checked_rows_are_each_concepts_readable_facts_in_order(quick_ruleset, name):
    """Context.checked_rows (what the formula rules loop over): for each concept, exactly its facts
    with status ok, in the fact table's order, with their own kind, subject, period, row and table."""
    ds = load_dataset(DATASETS / name, quick_ruleset.concepts)
    ctx = Context(ds, quick_ruleset.concepts, quick_ruleset.deciders)
    facts = list(ctx.facts)
    expected: dict = {}
    for f in facts:
        if f.status == "ok":
            expected.setdefault(f.concept, []).append(
                (f, f.subject_kind, f.subject, f.period, f.group, f.table))
    got = {c: rows for c, rows in ctx.checked_rows.items() if rows}
    assert list(got) == list(expected)
    for concept, rows in expected.items():
        assert len(got[concept]) == len(rows)
        for a, b in zip(got[concept], rows):
            assert a[0] is b[0] and a[1:] == b[1:]
    assert sum(map(len, got.values())) == sum(1 for f in facts if f.status == "ok") > (200 if name.endswith("2020") else 5)
