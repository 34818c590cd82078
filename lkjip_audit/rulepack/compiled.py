"""A rule expression turned into nested Python closures, once, when its rule pack loads.

rulepack/expr.py parses an expression and checks it against its whitelist of syntax, names and
functions; simpleeval then walks that tree on every evaluation (three Python calls per node, a
dictionary dispatch and a safety check of every intermediate value). A rule set evaluates the
same few dozen trees tens of thousands of times, so each validated tree is turned here into one
closure per node that does exactly what simpleeval's handler for that node does: the same
operator functions (simpleeval's `safe_add`, `safe_mult`, ...), the same order of evaluation
(a call's keyword arguments before its positional ones, as simpleeval's `func(*args, **dict(kw))`
does), the same short-circuits of `and` / `or` / `if`, the same check of every value a node
yields (`_check_disallowed_items`, skipped only for numbers, text, None and intervals, which it
lets through anyway), the same exceptions with the same messages (NameNotDefined,
FunctionNotDefined, IterableTooLong, ...).

Names that have a `calls` dict (the engine's, engine/context.py) get the value of every call and
every `if` test evaluated, keyed by its node: the "Perhitungan" line (engine/arithmetic.py) shows
those values instead of computing them again.

Nothing is built from text: no eval/exec/compile of strings. The compiler only accepts the node
types rulepack/expr.py whitelists; any other node (and a tree nested deeper than MAX_DEPTH, where
simpleeval's own recursion bound would matter) returns None, and that expression keeps simpleeval.
tests/test_compiled_expr.py runs every shipped expression and generated ones through both.
"""
from __future__ import annotations

import ast
import operator

import simpleeval
from simpleeval import (DISALLOW_FUNCTIONS, FeatureNotAvailable, FunctionNotDefined, IterableTooLong,
                        NameNotDefined, OperatorNotDefined)

from ..engine.interval import Interval

# values simpleeval's _check_disallowed_items returns on at once (its _PRIMITIVE_TYPES), and the
# engine's Interval, which it also lets through (not a module, container or callable)
_SAFE = frozenset(getattr(simpleeval, "_PRIMITIVE_TYPES", (int, float, str, bool, type(None), bytes, complex))) \
    | {Interval}
# simpleeval's size-checked + and * and the plain operators they end in for values without a length
_PLAIN_OPS = {simpleeval.safe_add: operator.add, simpleeval.safe_mult: operator.mul}
_NO_LENGTH = frozenset({int, float, bool, type(None), Interval})
MAX_DEPTH = 40  # deeper trees keep simpleeval (its recursion, ~3 frames a level, is then the bound)


def operators() -> dict:
    """The operators of the engine's evaluator (rulepack/expr.py make_evaluator): simpleeval's
    defaults without `**`."""
    ops = dict(simpleeval.DEFAULT_OPERATORS)
    ops.pop(ast.Pow, None)
    return ops


def compile_tree(node: ast.AST, source: str, ops: dict | None = None, depth: int | None = None):
    """`node` (a whitelisted expression tree) as a function (names, evaluator) -> value, or None
    when the tree holds anything this compiler does not translate. `depth`: the tree's depth
    (`node` is 1), when the caller has measured it already (rulepack/expr.py compile_expr)."""
    if (_depth(node) if depth is None else depth) > MAX_DEPTH:
        return None
    try:
        return _Compiler(source, operators() if ops is None else ops).build(node)
    except _Unsupported:
        return None


class _Unsupported(Exception):
    pass


def _depth(node, level=1) -> int:
    children = list(ast.iter_child_nodes(node))
    if level > MAX_DEPTH:
        return level
    return max((_depth(c, level + 1) for c in children), default=level)


def _checked(v, ev):
    """simpleeval's check of a node's value, with its fast path for plain values."""
    if type(v) not in _SAFE:
        ev._check_disallowed_items(v)
    return v


class _Compiler:
    def __init__(self, source: str, ops: dict):
        self.source, self.ops = source, ops

    def build(self, node):
        handler = getattr(self, "_" + type(node).__name__, None)
        if handler is None:
            raise _Unsupported(type(node).__name__)
        return handler(node)

    def _operator(self, op):
        fn = self.ops.get(type(op))
        if fn is None:
            source = self.source

            def missing(*_):
                raise OperatorNotDefined(op, source)
            return missing
        return fn

    def _Constant(self, node):
        value = node.value
        if hasattr(value, "__len__") and len(value) > simpleeval.MAX_STRING_LENGTH:
            message = (f"Literal in statement is too long! ({len(value)}, when "
                       f"{simpleeval.MAX_STRING_LENGTH} is max)")

            def too_long(n, ev):
                raise IterableTooLong(message)
            return too_long
        return lambda n, ev: value

    def _Name(self, node):
        name, source = node.id, self.source

        def lookup(n, ev):
            try:
                v = n[name]
            except (TypeError, KeyError):
                if name in ev.functions:
                    v = ev.functions[name]
                else:
                    raise NameNotDefined(name, source) from None
            if type(v) not in _SAFE:
                ev._check_disallowed_items(v)
            return v
        return lookup

    def _UnaryOp(self, node):
        fn, operand = self._operator(node.op), self.build(node.operand)
        return lambda n, ev: _checked(fn(operand(n, ev)), ev)

    def _BinOp(self, node):
        fn, left, right = self._operator(node.op), self.build(node.left), self.build(node.right)
        plain = _PLAIN_OPS.get(fn)
        if plain is not None:
            def sized(n, ev):
                a, b = left(n, ev), right(n, ev)
                # numbers and intervals have no length: safe_add / safe_mult would only check that
                v = plain(a, b) if type(a) in _NO_LENGTH and type(b) in _NO_LENGTH else fn(a, b)
                if type(v) not in _SAFE:
                    ev._check_disallowed_items(v)
                return v
            return sized

        def binop(n, ev):
            v = fn(left(n, ev), right(n, ev))
            if type(v) not in _SAFE:
                ev._check_disallowed_items(v)
            return v
        return binop

    def _BoolOp(self, node):
        values = tuple(self.build(v) for v in node.values)
        if isinstance(node.op, ast.And):
            def both(n, ev):
                result = False
                for value in values:
                    result = value(n, ev)
                    if not result:
                        break
                return result
            return both
        if isinstance(node.op, ast.Or):
            def either(n, ev):
                result = False
                for value in values:
                    result = value(n, ev)
                    if result:
                        break
                return result
            return either
        raise _Unsupported(type(node.op).__name__)

    def _Compare(self, node):
        first = self.build(node.left)
        pairs = tuple((self._compare_op(o), self.build(c)) for o, c in zip(node.ops, node.comparators))

        def compare(n, ev):
            right = first(n, ev)
            result = True
            for fn, comp in pairs:
                if not result:
                    break
                left, right = right, comp(n, ev)
                result = fn(left, right)
            return _checked(result, ev)
        return compare

    def _compare_op(self, op):
        fn = self.ops.get(type(op))
        if fn is None:  # simpleeval: a KeyError from its operator table
            raise _Unsupported(type(op).__name__)
        return fn

    def _IfExp(self, node):
        test, body, orelse, key = self.build(node.test), self.build(node.body), self.build(node.orelse), node.test

        def ifexp(n, ev):
            value = test(n, ev)
            calls = getattr(n, "calls", None)
            if calls is not None:
                calls[key] = value
            return body(n, ev) if value else orelse(n, ev)
        return ifexp

    def _Call(self, node):
        if not isinstance(node.func, ast.Name):
            raise _Unsupported("call of a non-name")
        name, source, key = node.func.id, self.source, node
        args = tuple(self.build(a) for a in node.args)
        keywords = tuple((k.arg, self.build(k.value)) for k in node.keywords)
        if any(k is None for k, _ in keywords):
            raise _Unsupported("**kwargs")

        if not keywords and len(args) == 1:
            # the common shape (capped(x), abs(x)) without the comprehensions below (each a frame
            # of its own in Python 3.11): the same checks, the same value
            (a0,) = args

            def call1(n, ev):
                return _called(_function(ev, name, source)(a0(n, ev)), n, ev, key)
            return call1

        def call(n, ev):
            func = _function(ev, name, source)
            kw = {}
            for k, value in keywords:  # simpleeval: keywords first, in their order
                kw[k] = value(n, ev)
            v = func(*[a(n, ev) for a in args], **kw) if len(args) != 2 \
                else func(args[0](n, ev), args[1](n, ev), **kw)
            return _called(v, n, ev, key)
        return call


def _function(ev, name: str, source: str):
    """The function a call names, as simpleeval looks it up (unknown: FunctionNotDefined; a
    forbidden one: FeatureNotAvailable)."""
    try:
        func = ev.functions[name]
    except KeyError:
        raise FunctionNotDefined(name, source) from None
    if func in DISALLOW_FUNCTIONS:
        raise FeatureNotAvailable("This function is forbidden")
    return func


def _called(v, n, ev, key):
    """A call's value, checked as simpleeval checks it (`_checked`), and recorded for the
    Perhitungan line."""
    _checked(v, ev)
    calls = getattr(n, "calls", None)
    if calls is not None:
        calls[key] = v
    return v
