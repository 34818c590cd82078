"""kind `copies`: every copy of a figure (same concept, subject and year) printed in several places
agrees with the others, within printed rounding.

Which copy is right: when a formula rule computes the figure from the report's other figures
(`decides`), its value chooses: the copies that agree with it are the reference, the others are
wrong, however many they are. When nothing decides, the finding says the copies disagree, lists
every group with its places and names none of them as right (no expected value).

Passing:  capaian 181,80% in BAB III and 181,80% in the Ringkasan
Failing:  capaian -731,00% on line 58, -831% in six other places, realisasi -7,31 / target 1:
          CAP001 gives -731,00%, so the six -831% copies are wrong and line 58 is the reference
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ...i18n import pick
from ..arithmetic import fmt_value
from ..context import Context
from ..findings import Finding, FindingSet, location_of
from ..primitives import Stats, expected_plain
from . import RuleKind, concepts, subject_kinds


@dataclass
class Params:
    """The keys of a `copies` rule."""
    concepts: tuple = concepts(required=True, doc="the concepts whose copies must agree")
    for_each: tuple = subject_kinds(doc="subject kinds checked (default: all)")


def _places(facts) -> str:
    lines = sorted({int(f.line) for f in facts})
    return ", ".join(str(n) for n in lines)


def run(rule, ctx: Context, out: FindingSet, stats: Stats):
    kinds, concepts = rule.for_each, rule.concepts
    # only the figures printed more than once, of the rule's concepts, in the fact table's order
    for key, concept, period in ctx.repeated_keys(concepts):
        if kinds and ctx.subjects[key].kind not in kinds:
            continue
        stats.checks += 1
        c = ctx.consensus(key, concept, period)
        if not c.deviating:
            continue
        subject = ctx.subjects[key]
        ref = c.reference
        ref_text = ref.facts[0].text.strip()
        unit = ctx.unit_of(subject.key, concept)
        decided = c.decided_by
        if decided is not None and ref.interval is not None and ref.interval.overlaps(decided.interval):
            _decided(rule, ctx, out, subject, concept, period, c, decided, ref_text, unit)
            continue
        # nothing decides (or the formula agrees with none of them): the copies disagree, none is named right
        groups = [ref] + [v for v in c.deviating]
        listing = "; ".join(f"{v.facts[0].text.strip()} ({'baris' } {_places(v.facts if v is not ref else c.agreeing)})"
                            for v in groups)
        listing_en = listing.replace("(baris ", "(lines ")
        if decided is not None:
            tail = {"id": f"; rumus {decided.rule.id} memberi {fmt_value(decided.interval, unit=unit)}: tidak satu pun salinan benar",
                    "en": f"; formula {decided.rule.id} gives {fmt_value(decided.interval, unit=unit)}: no copy is right"}
        else:
            tail = {"id": "; tidak ada rumus dari angka dasar laporan yang memutuskan salinan mana yang benar",
                    "en": "; no formula from the report's base figures decides which copy is right"}
        title = ctx.concepts[concept].title
        why = {"id": f"{pick(title, 'id')} {key} dicetak berbeda: {listing}{tail['id']}",
               "en": f"{pick(title, 'en')} {key} printed differently: {listing_en}{tail['en']}"}
        exp_value, exp_iv = expected_plain(decided.interval) if decided is not None else (None, None)
        v = c.deviating[0]
        text = v.facts[0].text.strip()
        finding = out.add((rule.id, key, concept, period), lambda: Finding(
            rule=rule, subject=key, subject_name=subject.name, concept=concept, period=period,
            found=None, found_text=text, expected=exp_value, expected_interval=exp_iv, why=why,
            decimals=int(ref.facts[0].decimals) if ref.facts[0].decimals is not None else 2, unit=unit,
            extra={"reference": ref_text, "variants": " / ".join(g.facts[0].text.strip() for g in groups),
                   "verdict": {"id": tail["id"], "en": tail["en"]}},
            caused_by=[decided.rule.id] if decided is not None else []))
        for g in groups:
            for f in (c.agreeing if g is ref else g.facts):
                out.add_location(finding, location_of(f, "found"))


def _decided(rule, ctx, out, subject, concept, period, c, decided, ref_text, unit):
    """A formula decides: one finding per wrong value, expected = the formula's value."""
    exp_value, exp_iv = expected_plain(decided.interval)
    for v in c.deviating:
        text = v.facts[0].text.strip()
        verdict = {"id": f"; rumus {decided.rule.id} memutuskan: yang benar {ref_text}",
                   "en": f"; formula {decided.rule.id} decides: {ref_text} is right"}
        # the formula's arithmetic is written when the finding's line is first read (findings.py _Why)
        why = partial(_decided_why, decided, text, len(v.facts), ref_text, len(c.agreeing))
        finding = out.add((rule.id, subject.key, concept, period, v.key), lambda: Finding(
            rule=rule, subject=subject.key, subject_name=subject.name, concept=concept, period=period,
            found=v.value, found_text=text, expected=exp_value, expected_interval=exp_iv, why=why,
            decimals=int(c.reference.facts[0].decimals) if c.reference.facts[0].decimals is not None else 2,
            unit=unit, extra={"reference": ref_text, "variants": f"{text} / {ref_text}", "verdict": verdict}))
        for f in v.facts:
            out.add_location(finding, location_of(f, "found"))
        for f in c.agreeing:
            out.add_location(finding, location_of(f, "reference"))


def _decided_why(decided, text, n_text, ref_text, n_ref) -> dict:
    return {"id": f"{decided.rule.id}: {decided.why}; dicetak {text} di {n_text} tempat, {ref_text} di {n_ref} tempat",
            "en": f"{decided.rule.id}: {decided.why}; printed {text} in {n_text} place(s), {ref_text} in {n_ref} place(s)"}


KIND = RuleKind("copies", Params, run, placeholders=frozenset({"reference", "variants", "verdict"}), summary={
    "id": "setiap salinan angka (konsep, subjek, tahun sama) sama di semua bagian; rumus memutuskan salinan yang benar",
    "en": "every copy of a figure (same concept, subject, year) agrees; a formula decides which copy is right"},
    doc=__doc__)
