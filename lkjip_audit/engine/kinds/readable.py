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
    pass


def run(rule, ctx: Context, out: FindingSet, stats: Stats):
    for f in ctx.facts:
        if ctx.concepts[f.concept].kind != "number":
            continue
        stats.checks += 1
        if f.status != "tidak_terbaca":
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
