"""kind `formula`: the printed figure `check` equals the expression `expect`, within the rounding of
what is printed (intervals, XBRL Calculations 1.1).

`scope: each` checks every printed copy with the cells of its own row first; `scope: subject` checks
the value the copies agree on. An input that another formula corrects is used corrected, and the
finding names that root ("akibat CAP001 ..."). A formula rule of severity error also *decides*
between disagreeing copies of its figure (`decides: false` turns that off).

Passing:  target 10, realisasi 18,18, capaian 181,80%  with  expect: realisasi / target * 100
Failing:  target 1, realisasi -7,31, capaian -831%     -> expected -731,00%
          (Perhitungan: (-7,31) / 1 × 100% = -731,00%)

`mean_hint` (a `mean_of(...)` expression) names the usual wrong method: when the printed figure
equals that plain mean of the rows' figures, the finding says so and shows both computations.
Failing:  sub-kegiatan 95,00% and 75,00% of Rp 600 juta and Rp 400 juta, kegiatan printed 85,00%
          (Perhitungan: 870.000.000 / 1.000.000.000 × 100% = 87,00%; angka tertulis = rata-rata
          biasa persentase barisnya: (95,00 + 75,00) / 2 = 85,00% ...)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..arithmetic import arithmetic, deferrable
from ..context import Context, MissingInput, norm_text
from ..findings import Finding, FindingSet, location_of
from ..interval import Interval
from ..names import Names
from ..primitives import Stats, expected_plain, where_ok
from . import RuleKind, concept, expr, param, subject_kinds


@dataclass
class Params:
    """The keys of a `formula` rule."""
    check: str = concept(required=True, doc="the concept of the printed figure that is checked")
    expect: object = expr(required=True, doc="the expression it must equal")
    for_each: tuple = subject_kinds(doc="subject kinds checked (default: every subject printing `check`)")
    where: object = expr(doc="a condition on the subject; the rule applies where it holds")
    scope: Literal["each", "subject"] = param("each", doc="each: every printed copy; subject: the copies' consensus")
    decides: bool = param(True, doc="its value decides between disagreeing copies (severity error only)")
    mean_hint: object = expr(doc="a mean_of(...) of the rows' figures: when the printed figure equals this "
                                 "plain mean, the finding says so and shows that arithmetic too")


def _mean_note(rule, ctx: Context, names, found):
    """The note of `mean_hint`: the printed figure is the plain mean of its rows' figures."""
    if rule.mean_hint is None:
        return None
    saved = ctx.inputs
    ctx.inputs = []
    try:
        mean = rule.mean_hint.evaluate(ctx.evaluator, names)
        rows = list(ctx.inputs)
    except (MissingInput, ZeroDivisionError, TypeError):
        return None
    finally:
        ctx.inputs = saved
    if isinstance(mean, str) or isinstance(found, str) or len(rows) < 2 \
            or not Interval.of(mean).overlaps(found):
        return None
    from ..arithmetic import fmt_value, printed

    unit = ctx.concepts[rule.check].unit
    calc = f"({' + '.join(printed(f.text) for f in rows)}) / {len(rows)} = {fmt_value(mean, unit=unit)}"
    return {"id": f"angka tertulis sama dengan rata-rata biasa persentase barisnya: {calc}; rata-rata "
                  "persentase bukan nilai kelompok, yang dihitung dari jumlah nominalnya",
            "en": f"the printed figure equals the plain mean of its rows' percentages: {calc}; a mean of "
                  "percentages is not the group's figure, which comes from the summed amounts"}


def _evaluate(rule, ctx: Context, out: FindingSet, stats: Stats, subject, period, row, checked, found):
    """Evaluate `expect` for one printed figure (or one consensus) and record a finding if it fails.
    `row`: the cells of the checked copy's row (the copy itself is left out when read)."""
    names = Names(ctx, subject, period, row, checked[0] if row else None)
    ctx.current_period = period or ctx.year
    ctx.inputs, ctx.previous_used, ctx.roots = [], [], []
    try:
        expected = rule.expect.evaluate(ctx.evaluator, names)
    except MissingInput as e:
        stats.skip(rule, subject.key, f"tidak ada {e.what}")
        return
    except ZeroDivisionError:
        stats.skip(rule, subject.key, "pembagian dengan nol (mis. target 0): tidak dapat dihitung")
        return
    stats.checks += 1
    f0 = checked[0]
    if isinstance(expected, str):
        ok = norm_text(expected) == norm_text(f0.text)
        found_value, found_key = f0.text.strip(), norm_text(f0.text)
    else:
        ok = Interval.of(expected).overlaps(found)
        found_value, found_key = f0.value, f0.value
    if ok:
        return
    unit = ctx.unit_of(subject.key, rule.check)
    exp_value, exp_iv = expected_plain(expected)
    roots = list({(r.rule.id, r.subject, r.concept, r.period): (r, text) for r, text in ctx.roots}.values())

    def explain():
        why = arithmetic(rule.expect, ctx.evaluator, names.display, expected, unit, names.calls)
        note = _mean_note(rule, ctx, names, found)
        if note:
            why = {lang: f"{why}; {note[lang]}" for lang in ("id", "en")}
        if roots:
            why = {lang: (why[lang] if isinstance(why, dict) else why) + "; " + ("akibat " if lang == "id" else "because of ")
                   + "; ".join(r.describe(text, ctx.concepts[r.concept].unit, lang, ctx.concepts[r.concept].title)
                               for r, text in roots)
                   for lang in ("id", "en")}
        return why

    # the line evaluates nothing when every value it shows was recorded by the evaluation: then it
    # is written when the finding's line is first read (findings.py `_Why`; never, in a corpus check
    # without per-report output), and only for a new finding (another copy adds its place only)
    pure = rule.mean_hint is None and rule.expect.fn is not None and deferrable(rule.expect) \
        and getattr(ctx.evaluator, "compiled_ok", False)
    why = explain if pure else explain()
    key = (rule.id, subject.key, rule.check, period, found_key, exp_value)
    finding = out.add(key, lambda: Finding(
        rule=rule, subject=subject.key, subject_name=subject.name, concept=rule.check, period=period,
        found=found_value, found_text=f0.text.strip(), expected=exp_value, expected_interval=exp_iv,
        why=why, decimals=int(f0.decimals) if f0.decimals is not None else 2, unit=unit,
        caused_by=[r.rule.id for r, _ in roots]))
    for f in checked:
        out.add_location(finding, location_of(f))
    for f in ctx.inputs:  # what a total or mean was computed from: every place involved
        out.add_location(finding, location_of(f, "input"))
    for loc in ctx.previous_used:  # figures read from the previous year's report (previous())
        out.add_location(finding, loc)


def run(rule, ctx: Context, out: FindingSet, stats: Stats):
    kinds, check = rule.for_each, rule.check
    # the readable facts of `check` only, in the table's order, with the fields read here
    # (Context.checked_rows: taken once per check, not once per rule)
    rows = ctx.checked_rows.get(check, ())
    if rule.scope == "subject":
        keys = sorted({(key, period) for _, kind, key, period, _, _ in rows if not kinds or kind in kinds},
                      key=lambda k: (k[0], k[1] or 0))
        for key, period in keys:
            subject = ctx.subjects[key]
            if not where_ok(rule, ctx, subject, period):
                continue
            c = ctx.consensus(key, rule.check, period)
            if c is None:
                continue
            found = c.interval if c.interval is not None else c.text
            ctx.current_table = None
            _evaluate(rule, ctx, out, stats, subject, period, (), c.agreeing, found)
        return
    where, applies = rule.where, {}
    # a condition on the subject (`polarity == 'higher'`, `not ranged('target', key)`: no figure read)
    # gives one answer per subject and year (and year in force, when it calls a function): asked
    # once here, as Context.where_holds keeps it, not for each of the subject's printed copies
    plain, calls = ctx.subject_condition(where) if where is not None else (False, False)
    subjects = ctx.subjects
    for f, kind, key, period, group, table in rows:
        if kinds and kind not in kinds:
            continue
        subject = subjects[key]
        if where is not None:
            if plain:
                k = (key, period, ctx.current_period) if calls else (key, period)
                ok = applies.get(k)
                if ok is None:
                    ok = applies[k] = ctx.where_holds(where, subject, period)
            else:
                ok = ctx.where_holds(where, subject, period)
            if not ok:
                continue
        row = ctx.by_group[group]  # its row's cells; Names leaves `f` itself out
        iv = ctx.interval(f)
        found = iv if iv is not None else f.text
        ctx.current_table = table
        _evaluate(rule, ctx, out, stats, subject, period, row, [f], found)


KIND = RuleKind("formula", Params, run, summary={
    "id": "angka yang dicetak `check` = ekspresi `expect` (dalam pembulatan cetakan)",
    "en": "the printed figure `check` equals the expression `expect` (within printed rounding)"},
    doc=__doc__)
