"""What the rule kinds (engine/kinds/) share: run statistics, number formatting for the
"Perhitungan" line, the `where` filter, and an expected value as plain numbers."""
from __future__ import annotations

from dataclasses import dataclass, field

from .arithmetic import fmt_value  # noqa: F401 - re-exported for the kinds
from .context import Context
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


def where_ok(rule, ctx: Context, subject, period) -> bool:
    """Whether the rule applies to this subject (its `where` holds; a figure it needs is missing:
    it does not)."""
    if rule.where is None:
        return True
    return ctx.where_holds(rule.where, subject, period)
