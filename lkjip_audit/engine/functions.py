"""What a rule expression can call: the functions of the rule language, evaluated on a Context.

The names and argument counts a rule may use are checked when the pack loads
(lkjip_audit/rulepack/expr.py, `ARITY` and `FUNCTIONS`); this module is what each of them does at
run time. `RuleFunctions` is a mixin of engine/context.py's `Context`: its methods read the
context's indexes (`by_key`, `by_table`, `ranged_keys`, `unavailable`), its consensus and
corrections (`consensus`, `consensus_value`, `checked_value`) and its conventions, and record the
figures they read in `inputs`.

| rule name | method | what it gives |
|---|---|---|
| `value(concept, key, period=None)` | `value` | the figure of another subject (its copies' consensus) |
| `sum_of` / `mean_of` / `min_of` / `weighted_mean_of(concept, kind, period=None, **filters)` | same | an aggregate over subjects of a kind |
| `count_subjects(kind, **filters)` | `count_subjects` | how many such subjects are declared |
| `count_at_least(concept, kind, threshold, period=None, **filters)` | `count_at_least` | how many reach the threshold |
| `previous(concept, key, period=None)` | `previous_value` | the previous year's report (cross-year runs) |
| `capped(x)` / `band(x)` | same | an achievement under the report's conventions (config.py) |
| `printed` / `ranged` / `not_available(concept, key, period=None)`, `any_printed(concept, kind, **filters)` | same | how (whether) the report prints a figure |
| `abs`, `min`, `max` | Python's | |
"""
from __future__ import annotations

from .interval import Interval


class MissingInput(Exception):
    """A name or function needed a figure the dataset does not hold: the check is not evaluable."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class RuleFunctions:
    """The rule language's functions, as methods of the evaluation context (engine/context.py)."""

    def rule_functions(self) -> dict:
        """Rule name -> callable, for the expression evaluator (the names of rulepack/expr.py's
        FUNCTIONS)."""
        return {
            "sum_of": self.sum_of, "mean_of": self.mean_of, "value": self.value,
            "count_subjects": self.count_subjects, "count_at_least": self.count_at_least,
            "abs": abs, "min": min, "max": max, "previous": self.previous_value,
            "min_of": self.min_of, "weighted_mean_of": self.weighted_mean_of, "capped": self.capped,
            "band": self.band, "printed": self.printed, "ranged": self.ranged,
            "any_printed": self.any_printed, "not_available": self.not_available,
        }

    def _select(self, kind, filters):
        # an index (kind, attribute) -> value -> subjects, built once per attribute, instead of a
        # scan of every subject per call: sum_of over the programmes of each sasaran was quadratic
        # and each selection kept (per context; its callers only read it): the same sum_of runs for
        # every copy of its figure and inside the corrections
        items = tuple((k, str(v)) for k, v in filters.items())
        memo = self.__dict__.setdefault("_selected", {})
        hit = memo.get((kind, items))
        if hit is not None:
            return hit
        if not items:
            out = list(self._subject_index(kind, None).get("", []))
        else:
            k0, v0 = items[0]
            first = self._subject_index(kind, k0).get(v0, [])
            out = [s for s in first if all(str(s.attrs.get(k, "")) == v for k, v in items[1:])]
        memo[(kind, items)] = out
        return out

    def _subject_index(self, kind, attr) -> dict:
        cache = self.__dict__.setdefault("_subject_idx", {})
        idx = cache.get((kind, attr))
        if idx is None:
            idx = cache[(kind, attr)] = {}
            for s in self.subjects.values():
                if s.kind == kind:
                    idx.setdefault("" if attr is None else str(s.attrs.get(attr, "")), []).append(s)
        return idx

    def _values(self, concept, kind, period, filters):
        """Each selected subject's figure: as printed in the checked figure's own table when that
        table prints it (a JUMLAH row is the sum of *its* rows), else the value its copies agree on."""
        subjects = self._select(kind, filters)
        if not subjects:
            raise MissingInput(f"{kind} {filters}")
        key_period = period if self.concepts[concept].periodic else None
        out = []
        for s in subjects:
            f = self.by_table.get((self.current_table, s.key, concept, key_period))
            if f is not None:
                self.inputs.append(f)
                out.append(self.row_value(f, s.key, period)[0])
            else:
                c, value = self.resolved(s.key, concept, period)
                if c is None:
                    raise MissingInput(f"{concept} {s.key}" + (f" {period}" if period else ""))
                out.append(value)
                self.inputs.append(c.reference.facts[0])
        return out

    def sum_of(self, concept, kind, period=None, **filters):
        vals = self._values(concept, kind, period or self.current_period, filters)
        return sum(vals[1:], vals[0])

    def mean_of(self, concept, kind, period=None, **filters):
        vals = self._values(concept, kind, period or self.current_period, filters)
        return sum(vals[1:], vals[0]) / len(vals)

    def min_of(self, concept, kind, period=None, **filters):
        vals = self._values(concept, kind, period or self.current_period, filters)
        return min(vals, key=lambda v: Interval.of(v).mid)

    def weighted_mean_of(self, concept, kind, period=None, **filters):
        """Mean weighted by each subject's `weight` attribute (bobot; 1 when not declared)."""
        subjects = self._select(kind, filters)
        vals = self._values(concept, kind, period or self.current_period, filters)
        weights = [float(s.attrs.get("weight") or 1) for s in subjects]
        total = sum(weights)
        acc = Interval.of(vals[0]) * weights[0]
        for v, w in zip(vals[1:], weights[1:]):
            acc = acc + Interval.of(v) * w
        return acc / total

    def capped(self, value):
        """An achievement as the report's convention prints it: capped at 100 or 120 when declared."""
        cap = self.conventions.get("capaian_cap", "none")
        if cap == "none":
            return value
        iv = Interval.of(value)
        return Interval(min(iv.lo, cap), min(iv.hi, cap))

    def band(self, value):
        """The status word of an achievement on the declared scale (Tercapai at 100; Permendagri
        86/2017 bands; custom bands)."""
        mid = Interval.of(value).mid
        for minimum, label in self.conventions.get("status_bands") or ():
            if mid >= minimum:
                return label
        return ""

    def value(self, concept, key, period=None):
        return self.consensus_value(key, concept, period or self.current_period)

    def printed(self, concept, key, period=None) -> bool:
        """Whether the report prints this figure at all (readable, of this year unless `period`):
        a rule about a figure's convention or meaning applies only where it is printed."""
        if concept not in self.concepts:
            raise MissingInput(f"konsep {concept}")
        p = (period or self.current_period) if self.concepts[concept].periodic else None
        return bool(self.by_key.get((key, concept, p)))

    def ranged(self, concept, key, period=None) -> bool:
        """Whether the report prints this figure as a range ("5,5-6,0"; numbers.py RENTANG):
        a rule for a single value leaves it to the range rules (kinds/rentang.py)."""
        if concept not in self.concepts:
            raise MissingInput(f"konsep {concept}")
        p = (period or self.current_period) if self.concepts[concept].periodic else None
        return (key, concept, p) in self.ranged_keys

    def any_printed(self, concept, kind, **filters) -> bool:
        """Whether any subject of `kind` (with these attributes) prints `concept` this year: a sum
        over a level the report may not print (kegiatan budgets) applies only where it is printed."""
        if concept not in self.concepts:
            raise MissingInput(f"konsep {concept}")
        p = self.current_period if self.concepts[concept].periodic else None
        return any(self.by_key.get((s.key, concept, p)) for s in self._select(kind, filters))

    def not_available(self, concept, key, period=None) -> bool:
        """Whether the report prints this figure only as not available ("-", "NA", "tidak ada
        target", "tidak dapat diukur"): a copy says so and no copy is readable (a range is readable)."""
        if concept not in self.concepts:
            raise MissingInput(f"konsep {concept}")
        p = (period or self.current_period) if self.concepts[concept].periodic else None
        k = (key, concept, p)
        return bool(self.unavailable.get(k)) and not self.by_key.get(k) and k not in self.ranged_keys

    def previous_value(self, concept, key, period=None):
        if self._previous_lookup is None:
            raise MissingInput("laporan tahun sebelumnya")
        return self._previous_lookup(self, concept, key, period or self.current_period)

    def count_subjects(self, kind, **filters):
        return len(self._select(kind, filters))

    def count_at_least(self, concept, kind, threshold, period=None, **filters):
        vals = self._values(concept, kind, period or self.current_period, filters)
        return sum(1 for v in vals if Interval.of(v).mid >= threshold)
