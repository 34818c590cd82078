"""The check primitives a rule pack can use (`kind:` of a rule). Rules are data; these are code.

formula   the printed figure `check` agrees with the expression `expect` (within rounding)
copies    every copy of a figure printed in several places agrees with the others
assert    a condition over a subject's attributes and figures holds
readable  every printed figure can be read as a number
expectation  a Great Expectations (GX Core 1.x) expectation holds on a table (lkjip_audit/gx/)
"""
from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field

from ..numbers import format_id
from .context import Context, MissingInput, norm_text
from .findings import Finding, FindingSet, location_of, subject_location
from .interval import Interval


@dataclass
class Stats:
    checks: int = 0
    not_evaluable: dict = field(default_factory=dict)  # (rule, subject, reason) -> count

    def skip(self, rule, subject, reason):
        key = (rule.id, subject, reason)
        self.not_evaluable[key] = self.not_evaluable.get(key, 0) + 1


def fmt_value(v, decimals: int | None = None) -> str:
    if isinstance(v, Interval):
        if v.lo == v.hi and float(v.lo).is_integer() and decimals is None:
            return format_id(v.lo, 0)
        return format_id(v.mid, 2 if decimals is None else decimals)
    if isinstance(v, float):
        return format_id(v, 2 if decimals is None else decimals)
    return str(v)


def _expected_plain(v):
    if isinstance(v, Interval):
        return round(v.mid, 6), (round(v.lo, 6), round(v.hi, 6))
    if isinstance(v, (int, float)):
        return float(v), (float(v), float(v))
    return v, None


def _where_ok(rule, ctx: Context, subject, period, stats) -> bool:
    if rule.where is None:
        return True
    try:
        return bool(rule.where.evaluate(ctx.evaluator, ctx.names_for(subject, period)))
    except MissingInput:
        return False


def _why(rule, ctx: Context, names, expected) -> str:
    tree = copy.deepcopy(rule.expect.node)

    class Fill(ast.NodeTransformer):
        def visit_Call(self, node):
            try:
                return ast.Name(id=fmt_value(ctx.evaluator._eval(node)))
            except Exception:  # noqa: BLE001 - the line is an explanation only
                return node

        def visit_Name(self, node):
            f = names.used.get(node.id)
            if f is not None:
                text = f.text.strip()
                return ast.Name(id=f"({text})" if text.startswith(("-", "−")) else text)
            return node

    filled = ast.unparse(Fill().visit(tree))
    return f"{rule.check} = {rule.expect.source} = {filled} = {fmt_value(expected)}"


def _evaluate(rule, ctx: Context, out: FindingSet, stats: Stats, subject, period, row, checked, found):
    """Evaluate `expect` for one printed figure (or one consensus) and record a finding if it fails."""
    names = ctx.names_for(subject, period, row)
    ctx.current_period = period or ctx.year
    ctx.inputs = []
    ctx.previous_used = []
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
    exp_value, exp_iv = _expected_plain(expected)
    why = _why(rule, ctx, names, expected)
    key = (rule.id, subject.key, rule.check, period, found_key, exp_value if exp_iv is None else exp_value)
    finding = out.add(key, lambda: Finding(
        rule=rule, subject=subject.key, subject_name=subject.name, concept=rule.check, period=period,
        found=found_value, found_text=f0.text.strip(), expected=exp_value, expected_interval=exp_iv,
        why=why, decimals=int(f0.decimals) if f0.decimals is not None else 2, unit=ctx.concepts[rule.check].unit))
    for f in checked:
        out.add_location(finding, location_of(f))
    for f in ctx.inputs:  # what a total or mean was computed from: every place involved
        out.add_location(finding, location_of(f, "input"))
    for loc in ctx.previous_used:  # figures read from the previous year's report (previous())
        out.add_location(finding, loc)


def run_formula(rule, ctx: Context, out: FindingSet, stats: Stats):
    kinds = rule.for_each
    if rule.scope == "subject":
        keys = sorted({(f.subject, f.period) for f in ctx.facts
                       if f.concept == rule.check and f.status == "ok"
                       and (not kinds or f.subject_kind in kinds)}, key=lambda k: (k[0], k[1] or 0))
        for key, period in keys:
            subject = ctx.subjects[key]
            if not _where_ok(rule, ctx, subject, period, stats):
                continue
            c = ctx.consensus(key, rule.check, period)
            if c is None:
                continue
            found = c.interval if c.interval is not None else c.text
            ctx.current_table = None
            _evaluate(rule, ctx, out, stats, subject, period, (), c.agreeing, found)
        return
    for f in ctx.facts:
        if f.concept != rule.check or f.status != "ok" or (kinds and f.subject_kind not in kinds):
            continue
        subject = ctx.subjects[f.subject]
        if not _where_ok(rule, ctx, subject, f.period, stats):
            continue
        row = [g for g in ctx.by_group[f.group] if g is not f]
        found = ctx.interval(f) if ctx.interval(f) is not None else f.text
        ctx.current_table = f.table
        _evaluate(rule, ctx, out, stats, subject, f.period, row, [f], found)


def run_copies(rule, ctx: Context, out: FindingSet, stats: Stats):
    kinds = rule.for_each
    for (key, concept, period), facts in ctx.by_key.items():
        if concept not in rule.concepts or (kinds and ctx.subjects[key].kind not in kinds):
            continue
        if len(facts) < 2:
            continue
        stats.checks += 1
        c = ctx.consensus(key, concept, period)
        subject = ctx.subjects[key]
        ref = c.reference
        ref_text = ref.facts[0].text.strip()
        for v in c.deviating:
            text = v.facts[0].text.strip()
            exp_value, exp_iv = _expected_plain(c.interval) if c.interval is not None else (c.text, None)
            why = {"id": f"{concept} {key}: dicetak {text} di {len(v.facts)} tempat, "
                         f"{ref_text} di {len(c.agreeing)} tempat lain",
                   "en": f"{concept} {key}: printed {text} in {len(v.facts)} place(s), "
                         f"{ref_text} in {len(c.agreeing)} other place(s)"}
            finding = out.add((rule.id, key, concept, period, v.key), lambda: Finding(
                rule=rule, subject=key, subject_name=subject.name, concept=concept, period=period,
                found=v.value, found_text=text, expected=exp_value, expected_interval=exp_iv, why=why,
                decimals=int(ref.facts[0].decimals) if ref.facts[0].decimals is not None else 2,
                unit=ctx.concepts[concept].unit, extra={"reference": ref_text, "variants": f"{text} / {ref_text}"}))
            for f in v.facts:
                out.add_location(finding, location_of(f, "found"))
            for f in c.agreeing:
                out.add_location(finding, location_of(f, "reference"))


def run_assert(rule, ctx: Context, out: FindingSet, stats: Stats):
    for subject in ctx.subjects.values():
        if rule.for_each and subject.kind not in rule.for_each:
            continue
        if not _where_ok(rule, ctx, subject, ctx.year, stats):
            continue
        try:
            ok = bool(rule.condition.evaluate(ctx.evaluator, ctx.names_for(subject, ctx.year)))
        except MissingInput as e:
            stats.skip(rule, subject.key, f"tidak ada {e.what}")
            continue
        stats.checks += 1
        if not ok:
            loc = subject_location(subject)
            f = out.add((rule.id, subject.key), lambda: Finding(
                rule=rule, subject=subject.key, subject_name=subject.name, concept=None, period=None,
                found=None, found_text="", expected=None, expected_interval=None,
                why={"id": f"{rule.condition.source} tidak terpenuhi",
                     "en": f"{rule.condition.source} does not hold"}))
            out.add_location(f, loc)


def run_readable(rule, ctx: Context, out: FindingSet, stats: Stats):
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


def run_expectation(rule, ctx: Context, out: FindingSet, stats: Stats):
    """A Great Expectations rule on its own (audit() groups them: one GX suite per table)."""
    from ..gx.runner import run_expectations

    run_expectations([rule], ctx, out, stats)


PRIMITIVES = {"formula": run_formula, "copies": run_copies, "assert": run_assert, "readable": run_readable,
              "expectation": run_expectation}


def _register_crossyear():
    from .crossyear import run_change, run_continuity

    PRIMITIVES.update({"continuity": run_continuity, "change": run_change})


_register_crossyear()


from .document_checks import DOCUMENT_PRIMITIVES  # noqa: E402 - text checks (rule packs with `requires: document`)

PRIMITIVES.update(DOCUMENT_PRIMITIVES)
