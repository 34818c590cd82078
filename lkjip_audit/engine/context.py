"""What a rule sees: facts indexed by subject/concept/period and by printed row, the consensus
value of each figure (engine/consensus.py, a mixin of `Context`) and its correction. The
functions a rule expression can call (sum_of, value, printed, ...) are in engine/functions.py,
another mixin.

Corrections: when a formula rule of severity error (`deciders`) computes a figure from the
report's other figures, that value decides between disagreeing copies (the copy that agrees with
it is the reference, however few print it), and a figure computed from a corrected input uses the
corrected value, remembering the root (`Correction`) so that its finding says "akibat CAP001"."""
from __future__ import annotations

import ast
from collections import defaultdict

from ..rulepack.expr import make_evaluator, split_prev
from ..units import indicator_unit
from .arithmetic import arithmetic, deferrable
from .consensus import SECTION_PRIORITY, ConsensusMixin, norm_text  # noqa: F401 - re-exported
from .figures import Consensus, Correction
from .functions import MissingInput, RuleFunctions  # noqa: F401 - MissingInput re-exported
from .interval import Interval, exact_number
from .names import Names
from .rows import plain_rows

def _fact_rows(dataset, df) -> list:
    """The fact table as plain rows, converted once per dataset (kept on it, keyed by the frame):
    `history` builds three contexts per year (its own check, as the previous year, the trend)."""
    cached = getattr(dataset, "_fact_rows", None)
    if cached is not None and cached[0] is df:
        return cached[1]
    rows = plain_rows(df)
    try:
        dataset._fact_rows = (df, rows)
    except AttributeError:  # a dataset type that takes no new attributes: convert each time
        pass
    return rows


class Context(ConsensusMixin, RuleFunctions):
    def __init__(self, dataset, concepts, deciders=(), previous_lookup=None, settings=None):
        self.dataset, self.concepts = dataset, concepts
        self.year = dataset.year
        self.rounding = dataset.rounding
        self.subjects = dataset.subjects
        # plain Python values (None for missing) for the engine's inner loops: the dataset's own fact
        # tuples when it has them (readers/dataset.py Dataset.rows), else its table converted once
        rows = dataset.rows() if hasattr(dataset, "rows") else None
        self.facts = rows if rows is not None else _fact_rows(dataset, dataset.facts)
        self.by_key: dict[tuple, list] = defaultdict(list)
        self.by_group: dict[str, list] = defaultdict(list)
        self.by_table: dict[tuple, object] = {}
        # every fact (any status) by concept, in the table's order: a rule reads only its concept's
        # facts, so rules x facts does not grow as the report grows (benchmarks/bench_scale.py)
        self.by_concept: dict[str, list] = defaultdict(list)
        self.unavailable: dict[tuple, list] = defaultdict(list)  # printed as "-", NA, "tidak ada target"
        self.ranged_keys: set = set()  # (subject, concept, period) printed as a range (a readable target)
        self.unreadable: list = []  # figures printed that cannot be read as numbers (kinds/readable.py)
        # the readable facts of each concept with the fields the formula rules' loops read, taken
        # here once (kinds/formula.py `run`): a field of a fact (a named tuple) costs ~220
        # instructions to read in Python 3.11, and ~40 rules loop over the facts of their concept
        self.checked_rows: dict[str, list] = defaultdict(list)  # concept -> [(f, kind, subject, period, group, table)]
        by_concept, by_key, by_group, by_table = self.by_concept, self.by_key, self.by_group, self.by_table
        checked_rows = self.checked_rows
        for f in self.facts:  # one pass: each index keeps the table's order
            concept = f.concept
            by_concept[concept].append(f)
            p = f.period
            subject = f.subject
            period = p if p is None or type(p) is int else int(p)
            key = (subject, concept, period)
            status = f.status
            if status != "ok":
                if status == "kosong" and str(f.text).strip():
                    self.unavailable[key].append(f)
                elif status == "rentang":
                    self.ranged_keys.add(key)
                elif status == "tidak_terbaca":
                    self.unreadable.append(f)
                continue
            by_key[key].append(f)
            group, table = f.group, f.table
            by_group[group].append(f)
            by_table.setdefault((table, subject, concept, period), f)  # the first fact of each (table, figure)
            checked_rows[concept].append((f, f.subject_kind, subject, p, group, table))
        self._consensus: dict[tuple, Consensus | None] = {}
        # what a figure resolves to once its copies agreed and its correction was applied
        # (`resolved`, `row_value`): a rule reads the same few figures many times
        self._resolved: dict[tuple, tuple] = {}
        self._intervals: dict[int, tuple] = {}  # id(fact) -> (fact, its interval)
        self.name_kinds: dict[str, object] = {}  # name -> where engine/names.py reads it (name_kind)
        self.where_memo: dict[tuple, tuple] = {}  # a `where` on attributes, per subject (primitives.where_ok)
        self.evaluator = make_evaluator(self.rule_functions())  # engine/functions.py
        # previous(concept, key, period): given by the pair context (engine/pair.py) of a cross-year run
        self._previous_lookup = previous_lookup
        self.previous_used = []   # previous-report locations read by the current evaluation
        self.deciders: dict[str, list] = defaultdict(list)
        for r in deciders:
            if r.kind == "formula" and r.severity == "error" and r.decides and concepts[r.check].kind == "number":
                self.deciders[r.check].append(r)
        self._corrections: dict[tuple, Correction | None] = {}
        self._correcting: set = set()
        self._decider_kinds: dict = {}  # concept -> the subject kinds its deciders are for (correction)
        self.roots: list[tuple] = []  # (Correction, text printed) the current evaluation relied on
        self._disputed = False             # an input's copies disagree and nothing decides
        from ..config import defaults, rule_names

        self.conventions = settings or getattr(dataset, "settings", None) or defaults(dataset)
        self.settings = rule_names(self.conventions)  # names the rule expressions read
        self._table_rounding = self.conventions.get("rounding_tables") or {}
        self.inferences: list = []  # what was inferred (kinds/inference.py prepares it)
        self.current_period = self.year
        self.current_table = None  # aggregates read the checked figure's own table first
        self.inputs: list = []     # the figures the aggregates of the current evaluation read
        s = dataset.submission.get("renstra") or {}
        self.report_names = {"tahun": self.year, "renstra_start": s.get("start", 0), "renstra_end": s.get("end", 0)}

    def reset_caches(self) -> None:
        """Forget consensus and corrections (a kind's `prepare` changed what subjects declare)."""
        self._consensus.clear()
        self._corrections.clear()
        self._resolved.clear()
        self.__dict__.pop("_selected", None)  # functions.py _select: what subjects declare changed
        self.where_memo.clear()

    # -- figures --------------------------------------------------------------------------------
    def release(self) -> None:
        """Once the check is done: break the evaluator's reference cycles (its functions are bound
        methods of this context, simpleeval's node handlers bound methods of itself), so the dataset
        is freed when the last reference goes, not left for the garbage collector to find."""
        ev, self.evaluator = self.evaluator, None
        ev.nodes = ev.functions = ev.names = None

    def unit_of(self, subject: str, concept: str) -> str | None:
        """The unit a figure is printed in: the indicator's declared unit (iku.unit, a Satuan
        column) for its target and realisasi, else the concept's."""
        s = self.subjects.get(subject)
        return (indicator_unit(concept, s.attrs) if s is not None else None) or self.concepts[concept].unit

    def interval(self, f) -> Interval | None:
        """The interval a printed figure stands for (None for text); computed once per fact."""
        cached = self._intervals.get(id(f))
        if cached is None or cached[0] is not f:
            cached = self._intervals[id(f)] = (f, self._interval(f))  # the fact kept: its id stays its own
        return cached[1]

    def _interval(self, f) -> Interval | None:
        if self.concepts[f.concept].kind == "text":
            return None
        if f.exact:  # a whole amount stays an exact int (interval.exact_number): rupiah to the last digit
            return Interval.exact(exact_number(f.text, f.value, f.decimals))
        return Interval.printed(f.value, int(f.decimals), self._rounding_of(f.table))

    def _rounding_of(self, table) -> str:
        if self._table_rounding:
            import fnmatch

            for pattern, mode in self._table_rounding.items():
                if fnmatch.fnmatch(str(table), pattern):
                    return mode
        return self.rounding

    def consensus_value(self, subject: str, concept: str, period):  # noqa: D401
        c, value = self.resolved(subject, concept, period)
        if c is None:
            raise MissingInput(f"{concept} {subject}" + (f" {period}" if period else ""))
        return value

    def resolved(self, subject: str, concept: str, period) -> tuple:
        """(the copies' consensus, its value as `checked_value` gives it), or (None, None) when the
        figure is not printed; the root and the dispute `checked_value` records are recorded as it
        would. Kept unless the figure's own correction is being computed (`_final`)."""
        key = (subject, concept, period)
        hit = self._resolved.get(key)
        if hit is None:
            c = self.consensus(subject, concept, period)
            if c is None:
                return None, None
            value, root, disputed = c.interval if c.interval is not None else c.text, None, False
            if c.interval is not None:
                corr = self.correction(subject, concept, period)
                if corr is not None and not corr.interval.overlaps(value):
                    root, value = (corr, c.reference.facts[0].text.strip() or ""), corr.interval
                elif corr is None and c.deviating:
                    disputed = True
            hit = (c, value, root, disputed)
            if self._final(subject, concept, period):
                self._resolved[key] = hit
        c, value, root, disputed = hit
        if root is not None:
            self.roots.append(root)
        if disputed:
            self._disputed = True
        return c, value

    def _final(self, subject, concept, period) -> bool:
        """Whether what `correction` gives for this figure now is what it will always give: the
        consensus and every correction are kept once made; only a correction being computed reads
        as None (no formula decides through itself) until it is done."""
        if not self._correcting:
            return True
        return (subject, concept, period if self.concepts[concept].periodic else None) not in self._correcting

    def row_value(self, f, subject: str, period):
        """A printed cell's value as `checked_value` gives it (its interval, or the formula's value
        when a formula decides the figure and disagrees), the root recorded as it records it."""
        key = (id(f), subject, period)
        hit = self._resolved.get(key)
        if hit is None or hit[0] is not f:
            iv = self.interval(f)
            value, root = iv, None
            if iv is not None:
                corr = self.correction(subject, f.concept, period)
                if corr is not None and not corr.interval.overlaps(iv):
                    root, value = (corr, f.text.strip()), corr.interval
            hit = (f, value, root, iv)
            if self._final(subject, f.concept, period):
                self._resolved[key] = hit
        if hit[2] is not None:
            self.roots.append(hit[2])
        return hit[1], hit[3]

    def checked_value(self, value, subject: str, concept: str, period, c: Consensus | None = None, text=None):
        """`value` (a printed figure or the copies' consensus), replaced by the formula's value when a
        formula decides the figure and disagrees with it (the root, with the text printed, is
        remembered in `roots`)."""
        if not isinstance(value, Interval):
            return value
        corr = self.correction(subject, concept, period)
        if corr is not None and not corr.interval.overlaps(value):
            if text is None and c is not None:
                text = c.reference.facts[0].text.strip()
            self.roots.append((corr, text or ""))
            return corr.interval
        if corr is None and c is not None and c.deviating:
            self._disputed = True
        return value

    # -- corrections ----------------------------------------------------------------------------
    def correction(self, subject: str, concept: str, period) -> Correction | None:
        """The value a formula rule (severity error) computes for this figure from its inputs, or
        None (no such rule, its inputs missing, or its inputs themselves disputed)."""
        rules = self.deciders.get(concept)
        if not rules:
            return None
        s = self.subjects.get(subject)
        if s is None:
            return None
        kinds = self._decider_kinds.get(concept, False)
        if kinds is False:  # the subject kinds its rules are for (None: some rule is for every kind)
            kinds = self._decider_kinds[concept] = None \
                if any(not r.for_each or not isinstance(r.for_each, (tuple, list)) for r in rules) \
                else frozenset(k for r in rules for k in r.for_each)
        if kinds is not None and s.kind not in kinds:
            return None  # no rule is for this kind: what _compute_correction would find, without its set-up
        period = period if self.concepts[concept].periodic else None
        key = (subject, concept, period)
        if key in self._corrections:
            return self._corrections[key]
        if key in self._correcting:
            return None  # a cycle: no formula decides through itself
        self._correcting.add(key)
        saved = (self.evaluator.names, self.current_period, self.current_table, self.inputs,
                 self.previous_used, self.roots, self._disputed)
        result = None
        try:
            result = self._compute_correction(rules, self.subjects[subject], concept, period)
        finally:
            (self.evaluator.names, self.current_period, self.current_table, self.inputs,
             self.previous_used, self.roots, self._disputed) = saved
            self._correcting.discard(key)
        self._corrections[key] = result
        return result

    def _compute_correction(self, rules, subject, concept, period):
        for rule in rules:
            if rule.for_each and subject.kind not in rule.for_each:
                continue
            self.current_period, self.current_table = period or self.year, None
            self.inputs, self.previous_used, self.roots, self._disputed = [], [], [], False
            names = Names(self, subject, period, ())
            try:
                if rule.where is not None and not self.where_holds(rule.where, subject, period, names):
                    continue
                value = rule.expect.evaluate(self.evaluator, names)
            except (MissingInput, ZeroDivisionError, TypeError):
                continue
            if isinstance(value, str) or self._disputed:
                continue
            iv = Interval.of(value)
            if not iv.is_finite():
                continue
            unit = self.concepts[concept].unit
            if deferrable(rule.expect) and rule.expect.fn is not None and self.evaluator.compiled_ok:
                # the line is only read when a finding or a decision shows this correction: written
                # then, from what this evaluation read (names.display, names.calls), not recomputed
                display, calls, expect = names.display, names.calls, rule.expect
                why = lambda: arithmetic(expect, None, display, value, unit, calls)  # noqa: E731
            else:
                why = arithmetic(rule.expect, self.evaluator, names.display, value, unit, names.calls)
            return Correction(rule, subject.key, concept, period, iv, why)
        return None

    # -- conditions -----------------------------------------------------------------------------
    def where_holds(self, where, subject, period, names=None) -> bool:
        """bool(`where`) for this subject and year; False when a figure it reads is missing (other
        errors are raised as the evaluation raises them). A condition on the subject's attributes
        and conventions (`polarity == 'higher'`, `key == 'BL'`, `not ranged(...)`) is evaluated
        once per subject and year: it reads nothing that changes while the rules run; rules whose
        condition reads the same (`printed('capaian', key)`, `key == 'TEKNIS'`) share the answer.
        `names`: the lookup to evaluate it with (a correction shares one with its formula)."""
        plain, calls = _plain_where(where, self.concepts)
        if plain:
            key = (where.source, subject.key, period, self.current_period if calls else None)
            memo = self.where_memo.get(key)
            if memo is not None and memo[1] is subject:
                return memo[2]
        try:
            ok = bool(where.evaluate(self.evaluator, names if names is not None else Names(self, subject, period, ())))
        except MissingInput:
            ok = False
        if plain:
            self.where_memo[key] = (where, subject, ok)
        return ok

    def repeated_keys(self, concepts) -> list:
        """The (subject, concept, period) of `concepts` printed (readable) more than once, in the
        order of `by_key` (the fact table's)."""
        index = self.__dict__.get("_repeated")
        if index is None:  # concept -> [(position in by_key, key)], made on first use
            index = self._repeated = defaultdict(list)
            for i, (k, facts) in enumerate(self.by_key.items()):
                if len(facts) > 1:
                    index[k[1]].append((i, k))
        if len(concepts) == 1:
            return [k for _, k in index.get(concepts[0], ())]
        return [k for _, k in sorted(p for c in set(concepts) for p in index.get(c, ()))]

    def subject_condition(self, where) -> tuple[bool, bool]:
        """(whether `where` reads no figure and calls only plain functions - its answer for a subject,
        a year and the year in force never changes -, whether it calls any: then the year in force
        counts)."""
        return _plain_where(where, self.concepts)

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
