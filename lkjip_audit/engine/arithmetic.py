"""The "Perhitungan" line: a formula written out with the numbers as the report prints them
(`-7,31 / 1 × 100% = -731,00%`), never the rule's syntax."""
from __future__ import annotations

import ast

from ..numbers import format_id
from .interval import Interval


def fmt_value(v, decimals: int | None = None, unit: str | None = None) -> str:
    """A computed value the way the report would print it (Indonesian number format)."""
    if isinstance(v, Interval):
        if v.lo == v.hi and float(v.lo).is_integer() and decimals is None:
            text = format_id(v.lo, 0)
        else:
            text = format_id(v.mid, 2 if decimals is None else decimals)
    elif isinstance(v, bool):
        return str(v)
    elif isinstance(v, float):
        text = format_id(v, 2 if decimals is None else decimals)
    elif isinstance(v, int):
        text = format_id(v, 0)
    else:
        return str(v)
    return text + ("%" if unit == "%" else "")


def printed(text: str) -> str:
    """An input figure as printed, without its % sign (the formula says × 100%), negative in
    parentheses."""
    s = " ".join(str(text).split()).strip("()")
    if s.endswith("%"):
        s = s[:-1].rstrip()
    return f"({s})" if s.startswith(("-", "−")) else s


_OPS = {"mean_of": "rata-rata", "sum_of": "jumlah"}


class _Fill(ast.NodeTransformer):
    """Every name replaced by the figure it read, every call by its value: the value the evaluation
    got (`values`: original node -> value, rulepack/compiled.py), else evaluated again."""

    def __init__(self, evaluator, used: dict, values=None):
        self.evaluator, self.used, self.values = evaluator, used, values or {}

    def _value(self, node):
        orig = getattr(node, "_orig", None)
        if orig is not None and orig in self.values:
            return self.values[orig]
        return self.evaluator._eval(node)

    def visit_IfExp(self, node):
        # a term that counts only where printed: show the branch taken; a 0 branch is left out
        try:
            chosen = node.body if self._value(node.test) else node.orelse
        except Exception:  # noqa: BLE001 - the line is an explanation only
            return self.generic_visit(node)
        if _is_zero(chosen):
            return None
        return self.visit(chosen)

    def visit_BinOp(self, node):
        left, right = self.visit(node.left), self.visit(node.right)
        if isinstance(node.op, ast.Add) and (left is None or right is None):  # an omitted term of a sum
            return right if left is None else left
        node.left = ast.Constant(0) if left is None else left
        node.right = ast.Constant(0) if right is None else right
        return node

    def visit_Call(self, node):
        if isinstance(node.func, ast.Name) and node.func.id == "capped" and node.args:
            return self.visit(node.args[0])  # the cap shows in the result, not as a call
        try:
            return ast.Name(id=fmt_value(self._value(node)))
        except Exception:  # noqa: BLE001 - the line is an explanation only
            return node

    def visit_Name(self, node):
        text = self.used.get(node.id)
        return ast.Name(id=text) if text is not None else node


def _copy(node):
    """A fresh copy of an expression tree to fill, each node linked to its original (`_orig`)."""
    new = type(node)()
    for name in node._fields:
        v = getattr(node, name, None)
        if isinstance(v, ast.AST):
            v = _copy(v)
        elif isinstance(v, list):
            v = [_copy(x) if isinstance(x, ast.AST) else x for x in v]
        setattr(new, name, v)
    new._orig = node
    return new


def _is_zero(node) -> bool:
    """The 0 branch visit_IfExp leaves out."""
    return isinstance(node, ast.Constant) and node.value == 0


def _vanishes(node) -> bool:
    """Whether _Fill may leave this node out (a 0 branch of `x if c else 0`). An `if` none of whose
    branches can be left out (CAP005's `mean_of(...) if ... else min_of(...)`) is always filled:
    its correction's line is then written only when shown (~2 % of a quick check's rules)."""
    if isinstance(node, ast.IfExp):
        return any(_is_zero(b) or _vanishes(b) for b in (node.body, node.orelse))
    if isinstance(node, ast.BinOp):
        return _vanishes(node.left) and _vanishes(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "capped" and node.args:
        return _vanishes(node.args[0])
    return False


def deferrable(expr) -> bool:
    """Whether the line can be written later from the values one evaluation recorded: every call
    and test _Fill reads is one the evaluation computed (no `and`/`or`, no chained comparison that
    may stop early) and filling cannot fail (no left-out term under a comparison, a sign or at the
    top)."""
    known = expr.__dict__.get("_deferrable")
    if known is None:
        tree = expr.node
        while isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.func.id == "capped" and tree.args:
            tree = tree.args[0]
        known = not _vanishes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.BoolOp) or (isinstance(node, ast.Compare) and len(node.ops) > 1):
                known = False
            elif isinstance(node, (ast.Compare, ast.UnaryOp)) and any(map(_vanishes, ast.iter_child_nodes(node))):
                known = False
        object.__setattr__(expr, "_deferrable", known)
    return known


def arithmetic(expr, evaluator, used: dict, expected, unit: str | None, values=None) -> str:
    """`expr` with every name replaced by the figure it read (`used`: name -> display text) and
    every function call by its value (`values`: what the evaluation computed, else evaluated again);
    `*` as ×; a final `× 100` of a percentage as `× 100%`."""
    tree = _copy(expr.node)  # a fresh tree to fill
    while isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name) and tree.func.id == "capped" and tree.args:
        tree = tree.args[0]  # the cap shows in the result, not as a call
    if isinstance(tree, (ast.Name, ast.Call)):  # one figure read elsewhere: say which and where it comes from
        label = tree.id if isinstance(tree, ast.Name) else (tree.args[0].value if tree.args and isinstance(tree.args[0], ast.Constant) else "")
        value = f"\"{expected}\"" if isinstance(expected, str) else fmt_value(expected, unit=unit)
        return f"{label} = {value}" if label else value

    filled = ast.unparse(_Fill(evaluator, used, values).visit(tree)).replace(" * ", " × ")
    if unit == "%" and filled.endswith(" × 100"):
        filled += "%"
    if isinstance(expected, str):
        return f"{filled} = \"{expected}\""
    return f"{filled} = {fmt_value(expected, unit=unit)}"


def attribute_values(expr, names) -> str:
    """An assert condition explained by the attribute values it read: `polarity: lower, convention: -`."""
    out = []
    for node in ast.walk(expr.node):
        if isinstance(node, ast.Name) and node.id not in [x.split(":")[0] for x in out]:
            try:
                v = names[node.id]
            except Exception:  # noqa: BLE001
                continue
            out.append(f"{node.id}: {fmt_value(v) if v not in ('', None) else '-'}")
    return ", ".join(out)
