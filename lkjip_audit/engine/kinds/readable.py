"""kind `readable`: every printed figure of a number concept could be read as a number (never guessed).

Passing:  realisasi printed "18,18"
Failing:  realisasi printed "18,1B" -> the cell, its place and why it could not be read
"""
from __future__ import annotations

from dataclasses import dataclass

from ..context import Context
from ..findings import Finding, FindingSet, location_of
from ..primitives import Stats
from . import RuleKind


@dataclass
class Params:
    """The keys of a `readable` rule: none beyond the common ones."""


def run(rule, ctx: Context, out: FindingSet, stats: Stats):
    # every number printed is a check; the unreadable ones (Context.unreadable, in the table's
    # order) are found: not a pass over every fact (~2 % of a quick check's instructions)
    stats.checks += sum(len(facts) for c, facts in ctx.by_concept.items() if ctx.concepts[c].kind == "number")
    for f in ctx.unreadable:
        if ctx.concepts[f.concept].kind != "number":
            continue
        subject = ctx.subjects[f.subject]
        finding = out.add((rule.id, f.table, f.row, f.column), lambda: Finding(
            rule=rule, subject=f.subject, subject_name=subject.name, concept=f.concept, period=f.period,
            found=None, found_text=f.text, expected=None, expected_interval=None,
            why=f"'{f.text}': {f.reason}", extra={"reason": f.reason or ""}))
        out.add_location(finding, location_of(f))


KIND = RuleKind("readable", Params, run, placeholders=frozenset({"reason"}), summary={
    "id": "setiap angka yang dicetak dapat dibaca sebagai angka",
    "en": "every printed figure can be read as a number"}, doc=__doc__)
