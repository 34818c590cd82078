"""kind `assert`: a condition over a subject's attributes and figures holds.

Passing:  IKU1 polarity lower, convention ratio   with  condition: "polarity != 'lower' or convention != ''"
Failing:  IKU1 polarity lower, no convention     -> Perhitungan: polarity: lower, convention: -
"""
from __future__ import annotations

from dataclasses import dataclass

from ..arithmetic import attribute_values
from ..context import Context, MissingInput
from ..findings import Finding, FindingSet, location_of, subject_location
from ..names import Names
from ..primitives import Stats, where_ok
from . import RuleKind, concepts, expr, subject_kinds


@dataclass
class Params:
    """The keys of an `assertion` rule."""
    condition: object = expr(required=True, doc="the condition that must hold for every subject")
    for_each: tuple = subject_kinds(doc="subject kinds checked (default: all)")
    where: object = expr(doc="a condition on the subject; the rule applies where it holds")
    places: tuple = concepts(doc="concepts whose printed places (readable or printed as not available) "
                                 "the finding lists, besides the subject's definition")


def run(rule, ctx: Context, out: FindingSet, stats: Stats):
    for subject in ctx.subjects.values():
        if rule.for_each and subject.kind not in rule.for_each:
            continue
        if not where_ok(rule, ctx, subject, ctx.year):
            continue
        names = Names(ctx, subject, ctx.year, ())
        try:
            ok = bool(rule.condition.evaluate(ctx.evaluator, names))
        except MissingInput as e:
            stats.skip(rule, subject.key, f"tidak ada {e.what}")
            continue
        stats.checks += 1
        if not ok:
            why = attribute_values(rule.condition, names)
            f = out.add((rule.id, subject.key), lambda: Finding(
                rule=rule, subject=subject.key, subject_name=subject.name, concept=None, period=None,
                found=None, found_text="", expected=None, expected_interval=None, why=why))
            out.add_location(f, subject_location(subject))
            for c in rule.places:
                for fact in ctx.by_key.get((subject.key, c, ctx.year), []) + ctx.unavailable.get((subject.key, c, ctx.year), []):
                    out.add_location(f, location_of(fact))


# an assert finding has no printed figure: `{found}`, `{expected}`, ... would always come out empty
KIND = RuleKind("assert", Params, run, omits=frozenset({"found", "expected", "concept", "period"}), summary={
    "id": "syarat atas atribut dan angka sebuah subjek terpenuhi",
    "en": "a condition over a subject's attributes and figures holds"}, doc=__doc__)
