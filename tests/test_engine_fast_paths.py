"""The rule engine's shortcuts of issue 12, round 8 (docs/performance.md) give what the plain way
gives: a Location made by `location_of` is the dataclass's own, field for field."""
from __future__ import annotations

import dataclasses

import pytest

from lkjip_audit.engine.findings import Location, location_of
from lkjip_audit.readers.facts import FACT_COLUMNS, FactRow


def _fact(**given):
    values = dict.fromkeys(FACT_COLUMNS)
    values.update(given)
    return FactRow(**values)


@pytest.mark.parametrize("fact, expected", [
    (_fact(section="bab3", table="t3.1", title="Tabel 3.1", row=4, label="IKU 1", column="realisasi",
           header="Realisasi", text="-7,31%", line=212, page=None, note=None),
     Location("BAB III", "t3.1", "Tabel 3.1", 4, "IKU 1", "Realisasi", 212, None, "-7,31%", "input")),
    (_fact(section="lampiran9", table="lamp", title="", row=0, label=None, column="anggaran", header=None,
           text="1.000", line=7, page=12.0, note="digabung dari dua baris"),
     Location("lampiran9", "lamp", "", 0, "", "anggaran", 7, 12, "1.000", "input", note="digabung dari dua baris")),
])
def test_location_of_is_the_dataclass_own(fact, expected):
    made = location_of(fact, "input")
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert [type(getattr(made, f.name)) for f in dataclasses.fields(Location)] == \
        [type(getattr(expected, f.name)) for f in dataclasses.fields(Location)]
    assert made.as_dict("en") == expected.as_dict("en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 1


def _plain_readable(ctx):
    """What kinds/readable.py did with one pass over every fact: (checks, unreadable number facts)."""
    checks, found = 0, []
    for f in ctx.facts:
        if ctx.concepts[f.concept].kind != "number":
            continue
        checks += 1
        if f.status == "tidak_terbaca":
            found.append(f)
    return checks, found


def test_readable_counts_and_finds_what_a_pass_over_every_fact_finds(quick_ruleset):
    from pathlib import Path

    from lkjip_audit.engine.context import Context
    from lkjip_audit.engine.findings import FindingSet
    from lkjip_audit.engine.kinds import readable
    from lkjip_audit.engine.primitives import Stats
    from lkjip_audit.readers.dataset import load_dataset

    ds = load_dataset(Path(__file__).resolve().parents[1] / "datasets" / "dinsos-kota-blitar-2020",
                      quick_ruleset.concepts)
    rows = ds.rows() or []
    # three printed figures made unreadable (a text concept's among them: not a number, not found)
    text_concepts = {c for c, k in quick_ruleset.concepts.items() if k.kind != "number"}
    picked = [i for i, f in enumerate(rows) if f.concept not in text_concepts][5:60:27]
    picked += [next(i for i, f in enumerate(rows) if f.concept in text_concepts)]
    facts = [f._replace(status="tidak_terbaca", value=None, reason="tidak terbaca") if i in picked else f
             for i, f in enumerate(rows)]
    ds._sound_records = facts
    ctx = Context(ds, quick_ruleset.concepts, quick_ruleset.deciders)
    assert ctx.facts is facts
    rule = next(r for r in quick_ruleset.rules if r.kind == "readable")
    out, stats = FindingSet(), Stats()
    readable.run(rule, ctx, out, stats)
    checks, found = _plain_readable(ctx)
    assert len(found) == 3 and stats.checks == checks > 200
    assert [(loc.line, loc.text) for f in out.sorted() for loc in f.locations] == \
        sorted((int(f.line), f.text) for f in found)


def test_an_if_without_a_0_branch_is_written_when_shown(quick_ruleset, monkeypatch):
    """CAP005's formula is an `if` whose branches are calls: its correction's Perhitungan line is
    written when first read (engine/arithmetic.py deferrable), and reads as the line written at once."""
    from pathlib import Path

    from lkjip_audit.engine import arithmetic, context
    from lkjip_audit.engine.context import Context
    from lkjip_audit.readers.dataset import load_dataset

    cap005 = next(r for r in quick_ruleset.rules if r.id == "CAP005")
    assert arithmetic.deferrable(cap005.expect)
    import ast

    def vanishes(text):  # whether the line may leave the expression out (a 0 branch taken)
        return arithmetic._vanishes(ast.parse(text, mode="eval").body)

    assert [vanishes(t) for t in ("a if c else 0", "0 if c else a", "a if c else (b if d else 0)",
                                  "a if c else b", "a if c else (b if d else e)", "(a if c else 0) + b")] == \
        [True, True, True, False, False, False]
    ds = load_dataset(Path(__file__).resolve().parents[1] / "datasets" / "dinsos-kota-blitar-2020",
                      quick_ruleset.concepts)
    sasaran = sorted(k for k, s in ds.subjects.items() if s.kind == "sasaran")

    def corrections(ctx):
        return [ctx.correction(key, "capaian", ds.year) for key in sasaran]

    later = corrections(Context(ds, quick_ruleset.concepts, quick_ruleset.deciders))
    assert [c.rule.id for c in later if c is not None] == ["CAP005"] * len(sasaran)
    assert all(callable(c.explain) for c in later)  # not written yet
    monkeypatch.setattr(context, "deferrable", lambda expr: False)
    at_once = corrections(Context(ds, quick_ruleset.concepts, quick_ruleset.deciders))
    assert not any(callable(c.explain) for c in at_once)
    assert [c.why for c in later] == [c.why for c in at_once]
    assert all(" = " in c.why for c in later)
