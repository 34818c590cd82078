"""kind `change` (cross-year, `requires: previous`): this year's figure against last year's (each
as its own report prints it for its own year): a change beyond `threshold` (`mode: relative` in %,
or `points`: percentage points) is reported with both numbers. Only against last year's report:
compared with an older one (a year missing from a `history` series) the threshold, a year's
change, does not apply and the rule is skipped.

Passing:  realisasi 3,25% last year, 4,00% this year, threshold 10 points
Failing:  realisasi 3,25% last year, -7,31% this year -> change -10,56 pp, threshold 10 pp
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...numbers import format_id
from ..crossyear import report_label
from ..findings import Finding, location_of
from ..pair import PairContext, tagged
from . import RuleKind, concepts, param, subject_kinds


@dataclass
class Params:
    """The keys of a `change` rule."""
    concepts: tuple = concepts(required=True, doc="the figures compared year on year")
    threshold: float = param(doc="the largest change that is not reported", exclusiveMinimum=0)
    for_each: tuple = subject_kinds(doc="subject kinds compared (default: all)")
    mode: Literal["relative", "points"] = param("relative", doc="relative: % of last year's value; points: difference")


def run(rule, pair: PairContext, out, stats):
    ctx, prev = pair.current, pair.previous
    if prev.year != ctx.year - 1:  # the threshold is a year's change: over a gap it would flag the gap
        stats.skip(rule, "*", f"laporan pembanding {prev.year}, bukan {ctx.year - 1}: ambang per tahun tidak berlaku")
        return
    cl, pl = report_label(ctx.dataset), report_label(prev.dataset)
    for s in ctx.subjects.values():
        if rule.for_each and s.kind not in rule.for_each:
            continue
        for concept in rule.concepts:
            if concept not in pair.printed_concepts(prev):
                stats.skip(rule, "*", f"laporan {prev.year} tidak mencetak {concept} sama sekali")
                continue
            c = ctx.consensus(s.key, concept, ctx.year)
            if c is None or c.interval is None:
                continue
            pkey = pair.match_prev.get(s.key)
            pc = prev.consensus(pkey, concept, prev.year) if pkey else None
            if pc is None or pc.interval is None:
                stats.skip(rule, s.key, f"tidak ada {concept} {pkey or s.key} {prev.year} di laporan {prev.year}")
                continue
            now, before = c.interval.mid, pc.interval.mid
            if rule.mode == "points":
                change, unit = now - before, " pp"  # percentage points
            else:
                if before == 0:
                    stats.skip(rule, s.key, "nilai tahun lalu 0: perubahan relatif tidak dapat dihitung")
                    continue
                change, unit = (now - before) / abs(before) * 100, "%"
            stats.checks += 1
            if abs(change) <= rule.threshold:
                continue
            now_t, before_t = c.reference.facts[0].text.strip(), pc.reference.facts[0].text.strip()
            ch = ("+" if change > 0 else "") + format_id(change, 2)
            th = format_id(rule.threshold, 2 if rule.threshold % 1 else 0)
            why = {lang: f"{concept} {s.key}: {before_t} ({pl}) -> {now_t} ({cl}): {ch}{unit}, "
                         + ("ambang" if lang == "id" else "threshold") + f" {th}{unit}"
                   for lang in ("id", "en")}
            f = out.add((rule.id, s.key, concept), lambda: Finding(
                rule=rule, subject=s.key, subject_name=s.name, concept=concept, period=ctx.year,
                found=c.reference.value, found_text=now_t, expected=None, expected_interval=None, why=why,
                decimals=int(c.reference.facts[0].decimals or 0), unit=ctx.concepts[concept].unit,
                extra={"previous_found": before_t, "change": ch + unit, "threshold": th + unit}))
            for fact in c.agreeing:
                out.add_location(f, location_of(fact, "found"))
            for fact in pc.agreeing:
                out.add_location(f, tagged(location_of(fact, "reference"), prev.dataset))


KIND = RuleKind("change", Params, run, requires="previous",
                summary={"id": "(lintas tahun) perubahan angka dari tahun lalu melebihi ambang",
                         "en": "(cross-year) a figure changed from last year beyond a threshold"},
                doc=__doc__)
