"""What a rule sees: facts indexed by subject/concept/period and by printed row, the consensus
value of each figure, and the functions of the expression language."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..rulepack.expr import SUBJECT_ATTRS, make_evaluator, split_prev
from .interval import Interval, exact_number

# when copies of a figure disagree and are printed equally often, the main body wins
SECTION_PRIORITY = ["bab3", "bab4", "bab2", "lampiran4", "lampiran3", "lampiran2", "lampiran1",
                    "ringkasan", "bab1"]


class MissingInput(Exception):
    """A name or function needed a figure the dataset does not hold: the check is not evaluable."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def norm_text(s: str) -> str:
    return " ".join(str(s).split()).casefold()


@dataclass
class Variant:
    """One distinct printed value of a figure, with every fact that prints it."""
    key: object
    facts: list
    interval: Interval | None  # None for text

    @property
    def value(self):
        f = self.facts[0]
        return f.value if self.interval is not None else f.text.strip()


@dataclass
class Consensus:
    reference: Variant        # the value most copies agree on
    agreeing: list            # facts that agree with it (within rounding)
    deviating: list[Variant]  # variants that do not
    interval: Interval | None
    text: str | None


def _fact_rows(dataset, df) -> list:
    """The fact table as plain rows, converted once per dataset (kept on it, keyed by the frame):
    `history` builds three contexts per year (its own check, as the previous year, the trend)."""
    cached = getattr(dataset, "_fact_rows", None)
    if cached is not None and cached[0] is df:
        return cached[1]
    rows = list(df.astype(object).where(df.notna(), None).itertuples(index=False))
    try:
        dataset._fact_rows = (df, rows)
    except AttributeError:  # a dataset type that takes no new attributes: convert each time
        pass
    return rows


class Context:
    def __init__(self, dataset, concepts):
        self.dataset, self.concepts = dataset, concepts
        self.year = dataset.year
        self.rounding = dataset.rounding
        self.subjects = dataset.subjects
        df = dataset.facts
        # plain Python values (None for missing) for the engine's inner loops
        self.facts = _fact_rows(dataset, df)
        self.by_key: dict[tuple, list] = defaultdict(list)
        self.by_group: dict[str, list] = defaultdict(list)
        self.by_table: dict[tuple, object] = {}
        for f in self.facts:
            if f.status != "ok":
                continue
            self.by_key[(f.subject, f.concept, _period(f))].append(f)
            self.by_group[f.group].append(f)
            self.by_table.setdefault((f.table, f.subject, f.concept, _period(f)), f)
        self._consensus: dict[tuple, Consensus | None] = {}
        self.evaluator = make_evaluator({
            "sum_of": self.sum_of, "mean_of": self.mean_of, "value": self.value,
            "count_subjects": self.count_subjects, "count_at_least": self.count_at_least,
            "abs": abs, "min": min, "max": max, "previous": self.previous_value,
        })
        self.previous = None      # the previous year's report (engine/crossyear.py attaches it)
        self.previous_used = []   # previous-report facts read by the current evaluation
        self.current_period = self.year
        self.current_table = None  # aggregates read the checked figure's own table first
        self.inputs: list = []     # the figures the aggregates of the current evaluation read
        s = dataset.submission.get("renstra") or {}
        self.report_names = {"tahun": self.year, "renstra_start": s.get("start", 0), "renstra_end": s.get("end", 0)}

    # -- figures --------------------------------------------------------------------------------
    def interval(self, f) -> Interval | None:
        if self.concepts[f.concept].kind == "text":
            return None
        if f.exact:  # a whole amount stays an exact int (interval.exact_number): rupiah to the last digit
            return Interval.exact(exact_number(f.text, f.value, f.decimals))
        return Interval.printed(f.value, int(f.decimals), self.rounding)

    def consensus(self, subject: str, concept: str, period) -> Consensus | None:
        key = (subject, concept, period if self.concepts[concept].periodic else None)
        if key not in self._consensus:
            self._consensus[key] = self._make_consensus(self.by_key.get(key, []))
        return self._consensus[key]

    def _make_consensus(self, facts) -> Consensus | None:
        if not facts:
            return None
        variants: dict[object, Variant] = {}
        for f in facts:
            iv = self.interval(f)
            k = norm_text(f.text) if iv is None else f.value
            v = variants.get(k)
            if v is None:
                variants[k] = Variant(k, [f], iv)
            else:
                v.facts.append(f)
                if iv is not None and (iv.hi - iv.lo) < (v.interval.hi - v.interval.lo):
                    v.interval = iv  # keep the most precise printing of the same value

        def rank(v: Variant):
            tables = len({f.table for f in v.facts})
            best = min(_priority(f.section) for f in v.facts)
            return (-len(v.facts), -tables, best)

        ordered = sorted(variants.values(), key=rank)
        ref = ordered[0]
        agreeing, deviating, iv = list(ref.facts), [], ref.interval
        for v in ordered[1:]:
            if v.interval is not None and iv is not None and v.interval.overlaps(iv):
                agreeing.extend(v.facts)
                lo, hi = max(iv.lo, v.interval.lo), min(iv.hi, v.interval.hi)
                if lo <= hi:
                    iv = Interval(lo, hi)
            else:
                deviating.append(v)
        return Consensus(ref, agreeing, deviating, iv, None if ref.interval is not None else ref.facts[0].text.strip())

    def consensus_value(self, subject: str, concept: str, period):
        c = self.consensus(subject, concept, period)
        if c is None:
            raise MissingInput(f"{concept} {subject}" + (f" {period}" if period else ""))
        return c.interval if c.interval is not None else c.text

    # -- names for one evaluation ---------------------------------------------------------------
    def names_for(self, subject, period, row_facts=()):
        return _Names(self, subject, period, row_facts)

    # -- functions of the expression language ---------------------------------------------------
    def _select(self, kind, filters):
        # an index (kind, attribute) -> value -> subjects, built once per attribute, instead of a
        # scan of every subject per call: sum_of over the programmes of each sasaran was quadratic
        items = list(filters.items())
        if not items:
            return list(self._subject_index(kind, None).get("", []))
        k0, v0 = items[0]
        first = self._subject_index(kind, k0).get(str(v0), [])
        return [s for s in first if all(str(s.attrs.get(k, "")) == str(v) for k, v in items[1:])]

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
                out.append(self.interval(f))
            else:
                out.append(self.consensus_value(s.key, concept, period))
                c = self.consensus(s.key, concept, period)
                self.inputs.append(c.reference.facts[0])
        return out

    def sum_of(self, concept, kind, period=None, **filters):
        vals = self._values(concept, kind, period or self.current_period, filters)
        return sum(vals[1:], vals[0])

    def mean_of(self, concept, kind, period=None, **filters):
        vals = self._values(concept, kind, period or self.current_period, filters)
        return sum(vals[1:], vals[0]) / len(vals)

    def value(self, concept, key, period=None):
        return self.consensus_value(key, concept, period or self.current_period)

    def previous_value(self, concept, key, period=None):
        from .crossyear import previous_value

        return previous_value(self, concept, key, period or self.current_period)

    def count_subjects(self, kind, **filters):
        return len(self._select(kind, filters))

    def count_at_least(self, concept, kind, threshold, period=None, **filters):
        vals = self._values(concept, kind, period or self.current_period, filters)
        return sum(1 for v in vals if Interval.of(v).mid >= threshold)


class _Names:
    """Lazy name lookup for simpleeval: row cells first, then the subject's consensus values."""

    def __init__(self, ctx: Context, subject, period, row_facts):
        self.ctx, self.subject, self.period, self.row = ctx, subject, period, row_facts
        self.used: dict[str, object] = {}  # name -> fact or value, for the "why" line

    def __getitem__(self, name):
        ctx, subj = self.ctx, self.subject
        if name in ctx.report_names:
            return ctx.report_names[name]
        if name == "period":
            return self.period if self.period is not None else ctx.year
        if name in SUBJECT_ATTRS and name not in ctx.concepts:
            if name == "key":
                return subj.key
            if name == "kind":
                return subj.kind
            v = subj.attrs.get(name)
            return "" if v is None else v
        concept, back = split_prev(name)
        periodic = ctx.concepts[concept].periodic
        period = (self.period - back) if (periodic and self.period) else None
        if not back:
            for f in self.row:
                if f.concept == concept and (not periodic or _period(f) == period):
                    self.used[name] = f
                    return ctx.interval(f) if ctx.interval(f) is not None else f.text.strip()
        c = ctx.consensus(subj.key, concept, period)
        if c is None:
            raise MissingInput(f"{name} ({subj.key})")
        self.used[name] = c.reference.facts[0]
        return c.interval if c.interval is not None else c.text


def _period(f):
    return None if f.period is None else int(f.period)


def _priority(section: str) -> int:
    return SECTION_PRIORITY.index(section) if section in SECTION_PRIORITY else len(SECTION_PRIORITY)

