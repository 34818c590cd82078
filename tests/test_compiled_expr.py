"""The compiled rule expressions (rulepack/compiled.py) against simpleeval, which they replace on the
engine's hot path: every shipped expression on every subject of the real dataset, and generated
small expressions, must give the same value or the same exception (type and message), read the
same figures in the same order, and leave the same trace (inputs, corrections relied on)."""
from __future__ import annotations

import ast
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simpleeval import IterableTooLong, NameNotDefined

from lkjip_audit.engine.context import Context
from lkjip_audit.engine.interval import Interval
from lkjip_audit.engine.names import Names
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.rulepack.compiled import compile_tree
from lkjip_audit.rulepack.expr import Expr, make_evaluator

from conftest import DATASETS


def _plain(v):
    return v.__name__ if callable(v) else repr(v)  # a function: its name (the two runs make their own)


def _outcome(fn):
    try:
        v = fn()
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return ("raises", type(e).__name__, str(e))
    return ("value", type(v).__name__, _plain(v))


def _exprs(ruleset):
    out = []
    for rule in ruleset.rules:
        params = rule.params
        for f in dataclasses.fields(params) if dataclasses.is_dataclass(params) else ():
            e = getattr(params, f.name)
            if isinstance(e, Expr):
                out.append((rule, f.name, e))
    return out


def test_every_shipped_expression_compiles(quick_ruleset):
    exprs = _exprs(quick_ruleset)
    assert len(exprs) > 50  # the shipped packs hold some seventy expressions
    not_compiled = [(r.id, name, e.source) for r, name, e in exprs if e.fn is None]
    assert not_compiled == []


@pytest.mark.parametrize("name", ["dinsos-kota-blitar-2020", "dinsos-kota-blitar-2019"])
def test_shipped_expressions_agree_on_every_subject(quick_ruleset, name):
    ruleset = quick_ruleset
    """Each evaluator on its own context (corrections are cached per context), in the same order."""
    ds = load_dataset(DATASETS / name, ruleset.concepts)
    simple = Context(ds, ruleset.concepts, ruleset.deciders)
    compiled = Context(ds, ruleset.concepts, ruleset.deciders)
    simple.evaluator.compiled_ok = False  # Expr.evaluate then walks the tree with simpleeval
    periods = [ds.year, ds.year - 1, None]
    compared = raised = 0
    for rule, _, expr in _exprs(quick_ruleset):
        for subject in ds.subjects.values():
            for period in periods:
                got = []
                for ctx in (simple, compiled):
                    names = Names(ctx, subject, period, ())
                    ctx.current_period, ctx.current_table = period or ctx.year, None
                    ctx.inputs, ctx.previous_used, ctx.roots = [], [], []
                    result = _outcome(lambda: expr.evaluate(ctx.evaluator, names))
                    got.append((result, names.display.shown(), [tuple(f) for f in ctx.inputs],
                                [(c.rule.id, c.subject, c.concept, c.period, repr(c.interval), c.why, text)
                                 for c, text in ctx.roots]))
                assert got[0] == got[1], (rule.id, expr.source, subject.key, period)
                compared += 1
                raised += got[0][0][0] == "raises"
    assert compared > 1000 and 0 < raised < compared  # both paths taken: values and "not evaluable"


# -- generated expressions ------------------------------------------------------------------------
class _Log:
    """Functions that record the order they are called in (keywords before positional arguments)."""

    def __init__(self):
        self.calls = []

    def functions(self):
        def f(*args, **kw):
            self.calls.append(("f", [_plain(a) for a in args], sorted((k, _plain(v)) for k, v in kw.items())))
            return len(args) + len(kw)

        def g(x):
            self.calls.append(("g", _plain(x)))
            return x
        return {"f": f, "g": g, "abs": abs, "min": min, "max": max}


NAMES = {"a": Interval(1.5, 2.5), "b": 3, "c": -0.25, "z": 0, "s": "teks", "t": True, "n": None,
         "e": Interval(-1.0, 1.0), "big": 10 ** 24, "long": "x" * 60000}
ATOMS = st.sampled_from(list(NAMES) + ["unknown", "f", "1", "0", "2.5", "-3", "'ab'", "''", "True", "None"])
BINOPS = st.sampled_from(["+", "-", "*", "/"])
COMPARE = st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "in", "not in"])


def _binop(t):
    return f"({t[0]} {t[1]} {t[2]})"


def _unary(t):
    return f"({t[0]}{t[1]})"


def _compare(t):
    return f"({t[0]} {t[1]} {t[2]} {t[3]} {t[4]})"


def _ifexp(t):
    return f"({t[0]} if {t[1]} else {t[2]})"


def _call(t):
    return f"{t[0]}({', '.join(list(t[1]) + [f'{k}={v}' for k, v in t[2]])})"


def _first(kv):
    return kv[0]


def _extend(inner):
    return st.one_of(
        st.tuples(inner, BINOPS, inner).map(_binop),
        st.tuples(st.sampled_from(["-", "+", "not "]), inner).map(_unary),
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(_binop),
        st.tuples(inner, COMPARE, inner, COMPARE, inner).map(_compare),
        st.tuples(inner, inner, inner).map(_ifexp),
        st.tuples(st.sampled_from(["f", "g", "abs", "min", "max", "nofunc"]), st.lists(inner, max_size=3),
                  st.lists(st.tuples(st.sampled_from(["k", "period", "kind"]), inner), max_size=2,
                           unique_by=_first)).map(_call))


EXPRESSIONS = st.recursive(ATOMS, _extend, max_leaves=12)


def _both(source: str):
    node = ast.parse(source, mode="eval").body
    fn = compile_tree(node, source)
    assert fn is not None, source
    out = []
    for compiled in (False, True):
        log = _Log()
        ev = make_evaluator(log.functions())
        ev.names = dict(NAMES)
        run = (lambda: fn(ev.names, ev)) if compiled else (lambda: ev.eval(source, previously_parsed=node))
        out.append((_outcome(run), log.calls))
    return out


@settings(max_examples=300, deadline=None)
@given(EXPRESSIONS)
def test_generated_expressions_agree(source):
    simple, compiled = _both(source)
    assert simple == compiled, source


@pytest.mark.parametrize("source, error", [
    ("unknown + 1", NameNotDefined),                     # a name nobody defines
    ("long + long", IterableTooLong),                    # simpleeval's bound on text sizes
    ("'ab' * 60000", IterableTooLong),
])
def test_bounds_and_errors_are_simpleevals(source, error):
    simple, compiled = _both(source)
    assert simple == compiled and compiled[0][:2] == ("raises", error.__name__)


def test_keywords_are_evaluated_before_positional_arguments():
    simple, compiled = _both("f(g(1), g(2), k=g(3))")
    assert compiled == simple
    assert [c[1] for c in compiled[1][:3]] == ["3", "1", "2"]


def test_a_function_name_as_a_value_is_the_function():
    simple, compiled = _both("abs")
    assert compiled == simple and compiled[0][0] == "value"


def test_a_tree_too_deep_keeps_simpleeval():
    source = "-" * 60 + "1"
    assert compile_tree(ast.parse(source, mode="eval").body, source) is None


# -- the shortcuts the compiled path allows ---------------------------------------------------------
def _findings(ruleset, name, lang):
    from lkjip_audit.engine.run import audit

    r = audit(load_dataset(DATASETS / name, ruleset.concepts), ruleset)
    return [f.as_dict(lang) for f in r.findings], dict(r.stats.not_evaluable), r.stats.checks


@pytest.mark.parametrize("name", ["dinsos-kota-blitar-2020", "dinsos-kota-blitar-2019"])
def test_shortcuts_change_no_finding(quick_ruleset, name, monkeypatch):
    """The Perhitungan line written later from the recorded values (engine/arithmetic.py
    deferrable) and a `where` on attributes remembered per subject (Context.where_holds) give the
    findings of the plain way: every line evaluated at once, every `where` evaluated each time."""
    from lkjip_audit.engine import context
    from lkjip_audit.engine.kinds import formula

    fast = {lang: _findings(quick_ruleset, name, lang) for lang in ("id", "en")}
    monkeypatch.setattr(context, "deferrable", lambda expr: False)
    monkeypatch.setattr(formula, "deferrable", lambda expr: False)
    monkeypatch.setattr(context, "_plain_where", lambda expr, concepts: (False, False))
    plain = {lang: _findings(quick_ruleset, name, lang) for lang in ("id", "en")}
    assert fast == plain
    assert any(f.get("caused_by") for f in fast["id"][0]) or name.endswith("2019")  # a line through a correction
