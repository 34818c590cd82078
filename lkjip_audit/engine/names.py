"""The names of one evaluation (`Names(ctx, subject, period, row)`): what a rule expression's names
read - the report's names and conventions, the subject's attributes, else the figure: the checked
row's own cell first, then the value the figure's copies agree on (corrected where a formula decides
it) - and how each figure read is shown in the "Perhitungan" line."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..rulepack.expr import SUBJECT_ATTRS, split_prev
from .arithmetic import fmt_value, printed
from .functions import MissingInput
from .interval import Interval

if TYPE_CHECKING:
    from .context import Context


class Names:
    """Lazy name lookup for simpleeval: row cells first, then the subject's consensus values."""

    __slots__ = ("ctx", "subject", "period", "row", "checked", "calls", "display")

    def __init__(self, ctx: Context, subject, period, row_facts, checked=None):
        # row_facts: the cells of the checked figure's row (its group), `checked` itself left out
        self.ctx, self.subject, self.period, self.row, self.checked = ctx, subject, period, row_facts, checked
        self.calls: dict = {}  # node -> value of each call and `if` test evaluated (rulepack/compiled.py)
        self.display = _Display()  # name -> the figure as shown in the "Perhitungan" line

    def __getitem__(self, name):
        ctx, subj = self.ctx, self.subject
        how = ctx.name_kinds.get(name)
        if how is None:
            how = name_kind(ctx, name)
            ctx.name_kinds[name] = how
        if type(how) is not tuple:
            if how is _REPORT:
                return ctx.report_names[name]
            if how is _SETTING:
                return ctx.settings[name]
            if how is _PERIOD:
                return self.period if self.period is not None else ctx.year
            if name == "key":
                return subj.key
            if name == "kind":
                return subj.kind
            v = subj.attrs.get(name)
            return "" if v is None else v
        concept, back, periodic = how
        period = (self.period - back) if (periodic and self.period) else None
        if not back and self.row:
            checked = self.checked
            for f in self.row:
                if f.concept == concept and f is not checked \
                        and (not periodic or (period is None if f.period is None else int(f.period) == period)):
                    value, iv = ctx.row_value(f, subj.key, period)
                    if iv is None:
                        value = f.text.strip()
                    self.display[name] = (f, value, iv)  # the fact read, the value used, its printed interval
                    return value
        c, value = ctx.resolved(subj.key, concept, period)
        if c is None:
            raise MissingInput(f"{name} ({subj.key})")
        self.display[name] = (c.reference.facts[0], value, c.interval)
        return value


_REPORT, _SETTING, _PERIOD, _ATTRIBUTE = (object() for _ in range(4))


def name_kind(ctx, name):
    """Where a name's value comes from, in the order Names looks (the same for every evaluation
    of a context: its report names, conventions and concepts do not change); a figure's is
    (concept, years back, whether the concept is periodic)."""
    if name in ctx.report_names:
        return _REPORT
    if name in ctx.settings:
        return _SETTING
    if name == "period":
        return _PERIOD
    if name in SUBJECT_ATTRS and name not in ctx.concepts:
        return _ATTRIBUTE
    concept, back = split_prev(name)
    return concept, back, ctx.concepts[concept].periodic


class _Display(dict):
    """name -> (fact read, value used, printed interval); `get` gives the figure as the
    "Perhitungan" line shows it, written only when that line is (most evaluations pass)."""

    def get(self, name, default=None):
        entry = dict.get(self, name)
        if entry is None:
            return default
        fact, value, printed_iv = entry
        if isinstance(value, Interval) and printed_iv is not None and value is not printed_iv \
                and not value.overlaps(printed_iv):
            return fmt_value(value)  # a corrected input: its corrected value
        return printed(fact.text)

    def shown(self) -> dict:
        return {name: self.get(name) for name in self}


def _period(f):
    return None if f.period is None else int(f.period)
