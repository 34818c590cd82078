"""rulepack/expr.py checks an expression in one breadth-first pass (round 9): the same verdict as
the walks it replaced (ast.walk over the tree, a second ast.walk for every name to see whether it
is a call's function, and compile_tree's own depth walk), kept here as the reference: the same
message for a refused expression (the first mistake in ast.walk's order when there are several),
the same names read, the same "compiled or left to simpleeval" at the depth bound."""
from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_audit.i18n import t
from lkjip_audit.rulepack import compiled, expr
from lkjip_audit.rulepack.expr import ExprError, compile_expr

CONCEPTS = {"capaian", "realisasi", "target", "anggaran"}
PERIODIC = {"capaian", "realisasi"}


def _reference(source: str, concepts, periodic):
    """The checks as they were before round 9 (ast.walk, _is_callee, compiled._depth)."""
    if not isinstance(source, str) or not source.strip():
        raise ExprError(t("expr_syntax", expr=source, detail="kosong"))
    if len(source) > expr.MAX_LENGTH:
        raise ExprError(t("expr_too_long", n=len(source), max=expr.MAX_LENGTH))
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as e:
        raise ExprError(t("expr_syntax", expr=source, detail=e.msg)) from None
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, expr._ALLOWED):
            raise ExprError(t("expr_node", expr=source, what=expr._WHAT.get(type(node), type(node).__name__)))
        if isinstance(node, ast.Constant):
            expr._check_constant(node.value, source)
        elif isinstance(node, (ast.BinOp, ast.UnaryOp)):
            operands = (node.left, node.right) if isinstance(node, ast.BinOp) else (node.operand,)
            if any((isinstance(o, ast.Constant) and isinstance(o.value, str))
                   or (isinstance(o, ast.Name) and o.id in expr.SUBJECT_ATTRS) for o in operands):
                raise ExprError(t("expr_node", expr=source, what="hitungan dengan teks ('a' * n, 'a' + 'b')"))
        if isinstance(node, ast.Call):
            expr._check_call(node, source, concepts)
        elif isinstance(node, ast.Name) and not any(isinstance(n, ast.Call) and n.func is node for n in ast.walk(tree)):
            if not expr._known_name(node.id, concepts, periodic):
                raise ExprError(t("expr_name", expr=source, name=node.id))
            names.add(node.id)
    return frozenset(names), compiled._depth(tree.body) > compiled.MAX_DEPTH


def _verdict(fn, source):
    try:
        return fn(source)
    except ExprError as e:
        return ("refused", str(e))


def _new(source):
    e = compile_expr(source, CONCEPTS, PERIODIC)
    return e.names, e.fn is None


def _old(source):
    return _reference(source, CONCEPTS, PERIODIC)


ATOMS = st.sampled_from([
    "capaian", "realisasi_prev", "target_prev", "anggaran", "uang", "key", "name", "tahun", "1", "2.5", "'ab'",
    "10 ** 30", "1e30", "b'x'", "1j", "True", "None", "x.y", "capaian[0]", "[1]", "(1, 2)", "{1}", "{1: 2}",
    "lambda: 1", "f'{key}'", "(y := 1)", "__import__('os')", "open('x')", "abs", "capped(capaian)",
    "sum_of('anggaran', 'program')", "sum_of('uang', 'program')", "sum_of('anggaran', 'dinas')",
    "value('capaian', key, period=tahun)", "value('capaian', key, colour=1)", "min(capaian, **k)",
    "count_subjects('iku', polarity='higher')", "abs(1, 2)", "capped(*a)", "(lambda: 1)()",
])
OPS = st.sampled_from(["+", "-", "*", "/", "**", "//", "%", "and", "or", "==", "<", "in", "is", "not in", "@", "&"])


def _extend(inner):
    return st.one_of(
        st.tuples(inner, OPS, inner).map(lambda p: f"({p[0]} {p[1]} {p[2]})"),
        st.tuples(st.sampled_from(["-", "+", "not ", "~"]), inner).map(lambda p: f"({p[0]}{p[1]})"),
        st.tuples(inner, inner, inner).map(lambda p: f"({p[0]} if {p[1]} else {p[2]})"),
        st.tuples(st.sampled_from(["abs", "min", "max", "capped", "nofunc", "key"]), st.lists(inner, max_size=3))
        .map(lambda p: f"{p[0]}({', '.join(p[1])})"),
        st.tuples(inner, st.sampled_from([".a", "[0]", "()"])).map(lambda p: f"({p[0]}){p[1]}"),
    )


EXPRESSIONS = st.recursive(ATOMS, _extend, max_leaves=10)


@settings(max_examples=600, deadline=None)
@given(EXPRESSIONS)
def test_generated_expressions_get_the_same_verdict(source):
    assert _verdict(_new, source) == _verdict(_old, source), source


@pytest.mark.parametrize("n", range(35, 46))
def test_the_depth_bound_is_the_same(n):
    for source in ("-" * n + "capaian", "abs(" * n + "1" + ")" * n, "not " * n + "capaian",
                   "capaian + " + "(1 + " * n + "1" + ")" * n):
        assert _verdict(_new, source) == _verdict(_old, source), source


def test_every_shipped_expression_gets_the_same_verdict(quick_ruleset):
    concepts = set(quick_ruleset.concepts)
    periodic = {n for n, c in quick_ruleset.concepts.items() if c.periodic}
    seen = 0
    for rule in quick_ruleset.rules:
        for value in vars(rule.params).values():
            if isinstance(value, expr.Expr):
                new = compile_expr(value.source, concepts, periodic)
                assert (new.names, new.fn is None) == _reference(value.source, concepts, periodic), value.source
                assert new.names == value.names and new.fn is not None
                seen += 1
    assert seen > 50
