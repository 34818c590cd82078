"""What the rule kinds (engine/kinds/) share: run statistics, number formatting for the
"Perhitungan" line, the `where` filter, and an expected value as plain numbers."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ..rulepack.expr import split_prev

from .arithmetic import fmt_value  # noqa: F401 - re-exported for the kinds
from .context import Context, MissingInput
from .interval import Interval


@dataclass
class Stats:
    checks: int = 0
    not_evaluable: dict = field(default_factory=dict)  # (rule, subject, reason) -> count

    def skip(self, rule, subject, reason):
        key = (rule.id, subject, reason)
        self.not_evaluable[key] = self.not_evaluable.get(key, 0) + 1


def expected_plain(v):
    if isinstance(v, Interval):
        return round(v.mid, 6), (round(v.lo, 6), round(v.hi, 6))
    if isinstance(v, (int, float)):
        return float(v), (float(v), float(v))
    return v, None


# functions whose value depends only on their arguments, the report's figures and conventions and
# the checked figure's year: nothing of the evaluation in progress (no table, no correction, no trace)
_PLAIN_FUNCTIONS = frozenset({"printed", "ranged", "not_available", "any_printed", "count_subjects",
                              "abs", "min", "max", "capped", "band"})


def _plain_where(expr, concepts) -> tuple[bool, bool]:
    """(whether `expr` reads no figure and calls only plain functions, whether it calls any)."""
    known = expr.__dict__.get("_plain_where")
    if known is None or known[0] is not concepts:
        calls = {n.func.id for n in ast.walk(expr.node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        plain = calls <= _PLAIN_FUNCTIONS and not any(
            name in concepts or split_prev(name)[0] in concepts for name in expr.names)
        known = (concepts, plain, bool(calls))
        object.__setattr__(expr, "_plain_where", known)
    return known[1], known[2]


def where_ok(rule, ctx: Context, subject, period) -> bool:
    """Whether the rule applies to this subject (its `where` holds). A condition on the subject's
    attributes and conventions (`polarity == 'higher'`, `key == 'BL'`, `not ranged(...)`) is
    evaluated once per subject and year and remembered in the context."""
    where = rule.where
    if where is None:
        return True
    plain, calls = _plain_where(where, ctx.concepts)
    if plain:
        key = (id(where), subject.key, period, ctx.current_period if calls else None)
        memo = ctx.where_memo.get(key)
        if memo is not None and memo[0] is where and memo[1] is subject:
            return memo[2]
    try:
        ok = bool(where.evaluate(ctx.evaluator, ctx.names_for(subject, period)))
    except MissingInput:
        ok = False
    if plain:
        ctx.where_memo[key] = (where, subject, ok)
    return ok
