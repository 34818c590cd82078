"""The rule expression language: a small, safe subset of Python expressions, evaluated by simpleeval.

An expression is parsed once when the rule pack loads and checked against a whitelist of syntax
(arithmetic, comparisons, `and`/`or`/`not`, `x if c else y`, calls of the functions below, names,
literals). Attribute access, subscripts, lambdas, comprehensions, `**`, f-strings and imports are
refused with `file:line: message`, as is any name that is not a concept, a subject attribute, a
report-level name or a function. At run time only plain values (numbers, text, intervals) are passed.
The checked tree is also turned, once, into closures with simpleeval's semantics (rulepack/compiled.py,
tests/test_compiled_expr.py); simpleeval itself walks any tree the compiler leaves alone.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from simpleeval import InvalidExpression, SimpleEval

from ..i18n import t
from .compiled import compile_tree, operators

MAX_LENGTH = 500
MAX_INT = 10 ** 24        # larger literals are refused (the largest rupiah amount has ~20 digits)
MAX_TEXT = 200            # longest text literal

# what each function does at run time: lkjip_audit/engine/functions.py (RuleFunctions)
# positional arguments each function takes (min, max) and whether it takes keyword filters
ARITY = {
    "sum_of": (2, 3, True), "mean_of": (2, 3, True), "value": (2, 3, ("period",)),
    "count_subjects": (1, 1, True), "count_at_least": (3, 4, True),
    "abs": (1, 1, False), "min": (1, 8, False), "max": (1, 8, False), "previous": (2, 3, ("period",)),
    "min_of": (2, 3, True), "weighted_mean_of": (2, 3, True), "capped": (1, 1, False), "band": (1, 1, False),
    "printed": (2, 3, ("period",)), "any_printed": (2, 2, True),
    "not_available": (2, 3, ("period",)), "ranged": (2, 3, ("period",)),
}
# functions: name -> (index of a concept-name argument or None, index of a subject-kind argument or None)
FUNCTIONS = {
    "sum_of": (0, 1),          # sum_of(concept, kind, **attribute filters)
    "mean_of": (0, 1),         # mean_of(concept, kind, **attribute filters)
    "value": (0, None),        # value(concept, key, period=None)
    "count_subjects": (None, 0),   # count_subjects(kind, **attribute filters)
    "count_at_least": (0, 1),  # count_at_least(concept, kind, threshold, **attribute filters)
    "abs": (None, None), "min": (None, None), "max": (None, None),
    "previous": (0, None),     # previous(concept, key, period=None): the previous year's report
    # the report's conventions (lkjip_audit/config.py)
    "min_of": (0, 1), "weighted_mean_of": (0, 1),  # sasaran aggregation: minimum, weighted by IKU weight
    "capped": (None, None),    # capped(x): an achievement capped at the declared capaian_cap
    "band": (None, None),      # band(capaian): the status word on the declared status scale
    "printed": (0, None),      # printed(concept, key, period=None): the report prints this figure
    "ranged": (0, None),       # ranged(concept, key, period=None): ... prints it as a range (A s.d. B)
    "any_printed": (0, 1),     # any_printed(concept, kind, **filters): one of those subjects prints it
    "not_available": (0, None),  # not_available(concept, key): printed only as "-", NA, "tidak ada target"
}
SUBJECT_ATTRS = {"key", "kind", "name", "polarity", "convention", "formula", "group", "sasaran",
                 "program", "kegiatan", "tujuan", "unit", "weight"}
REPORT_NAMES = {"tahun", "renstra_start", "renstra_end", "period",  # period: the checked figure's year
                "sasaran_aggregation", "efisiensi_method", "budget_structure"}  # conventions (config.py)
PREV_SUFFIX = "_prev"

_ALLOWED = (
    ast.Expression, ast.Expr, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Call,
    ast.Name, ast.Constant, ast.keyword, ast.Load,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn,
)
_WHAT = {
    ast.Attribute: "akses atribut (a.b)", ast.Subscript: "subskrip (a[b])", ast.Lambda: "lambda",
    ast.ListComp: "comprehension", ast.GeneratorExp: "comprehension", ast.DictComp: "comprehension",
    ast.SetComp: "comprehension", ast.Pow: "pangkat (**)", ast.JoinedStr: "f-string",
    ast.NamedExpr: "penugasan (:=)", ast.Starred: "argumen berbintang",
    ast.List: "daftar [..]", ast.Tuple: "tuple", ast.Dict: "dict", ast.Set: "set",
    ast.Await: "await", ast.Yield: "yield", ast.FloorDiv: "pembagian bulat (//)", ast.Mod: "modulo (%)",
    ast.MatMult: "@", ast.BitAnd: "operator bit", ast.BitOr: "operator bit", ast.BitXor: "operator bit",
    ast.LShift: "geser bit", ast.RShift: "geser bit", ast.Invert: "operator bit (~)", ast.Is: "is",
    ast.IsNot: "is not",
}
_ALLOWED_TYPES = frozenset(_ALLOWED)  # exact types first: ast.parse makes no subclasses of them
KINDS = ("tujuan", "sasaran", "iku", "program", "kegiatan", "subkegiatan", "spm", "total")


_UNCOMPILED = object()  # Expr's `fn` when the caller did not compile the tree


class ExprError(ValueError):
    """A rule expression that is not allowed; the message is ready for `file:line: message`."""


@dataclass(frozen=True)
class Expr:
    """A checked expression of the rule language, parsed and compiled once."""
    source: str
    node: ast.AST          # the parsed expression
    names: frozenset       # names it reads (concepts, *_prev, attributes, report names)
    # the same tree as closures (rulepack/compiled.py), built once; None: simpleeval walks `node`
    # (compile_expr passes it; left out, it is built here)
    fn: object = field(default=_UNCOMPILED, compare=False, repr=False)

    def __post_init__(self):
        if self.fn is _UNCOMPILED:
            object.__setattr__(self, "fn", compile_tree(self.node, self.source))

    def __getstate__(self):  # closures do not pickle: rebuilt from the tree
        return {"source": self.source, "node": self.node, "names": self.names}

    def __setstate__(self, state):
        for k, v in state.items():
            object.__setattr__(self, k, v)
        object.__setattr__(self, "fn", compile_tree(self.node, self.source))

    def evaluate(self, evaluator: SimpleEval, names):
        evaluator.names = names
        try:
            fn = self.fn
            if fn is not None and getattr(evaluator, "compiled_ok", False) and not callable(names):
                evaluator.expr = self.source  # as simpleeval's eval() sets it
                return fn(names, evaluator)
            return evaluator.eval(self.source, previously_parsed=self.node)
        except (TypeError, ValueError, OverflowError, MemoryError, RecursionError, InvalidExpression) as e:
            # what load-time checks cannot see (a value of the wrong type, a comparison of a number
            # with text): the rule cannot be computed for this subject; never a crash
            from ..engine.context import MissingInput  # the engine's "not evaluable"

            raise MissingInput(f"nilai yang dapat dihitung ({type(e).__name__})") from None


def compile_expr(source: str, concepts: set[str], periodic: set[str]) -> Expr:
    if not isinstance(source, str) or not source.strip():
        raise ExprError(t("expr_syntax", expr=source, detail="kosong"))
    if len(source) > MAX_LENGTH:
        raise ExprError(t("expr_too_long", n=len(source), max=MAX_LENGTH))
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as e:
        raise ExprError(t("expr_syntax", expr=source, detail=e.msg)) from None
    names: set[str] = set()
    callees: set[int] = set()  # id() of the Name a Call calls: a function, not a name it reads
    # One breadth-first pass, in ast.walk's order (so a tree with two mistakes names the same one),
    # level by level, which also gives the tree's depth for compile_tree. It replaced ast.walk with
    # a second ast.walk over the whole tree for every name (is it a callee?) and compile_tree's own
    # depth walk: ~6 700 ast.iter_child_nodes generators for the 67 shipped expressions (measured:
    # the two rule sets' start-up, see docs/performance.md, round 9). tests/test_expr_walk.py
    # checks it against the old walks.
    level, depth = [tree], 0
    while level:
        depth += 1
        below: list = []
        for node in level:
            if type(node) not in _ALLOWED_TYPES and not isinstance(node, _ALLOWED):
                what = _WHAT.get(type(node), type(node).__name__)
                raise ExprError(t("expr_node", expr=source, what=what))
            if isinstance(node, ast.Constant):
                _check_constant(node.value, source)
            elif isinstance(node, (ast.BinOp, ast.UnaryOp)):
                operands = (node.left, node.right) if isinstance(node, ast.BinOp) else (node.operand,)
                if any((isinstance(o, ast.Constant) and isinstance(o.value, str))
                       or (isinstance(o, ast.Name) and o.id in SUBJECT_ATTRS) for o in operands):
                    raise ExprError(t("expr_node", expr=source, what="hitungan dengan teks ('a' * n, 'a' + 'b')"))
            if isinstance(node, ast.Call):
                _check_call(node, source, concepts)
                callees.add(id(node.func))  # a parent comes a level before its children
            elif isinstance(node, ast.Name) and id(node) not in callees:
                if not _known_name(node.id, concepts, periodic):
                    raise ExprError(t("expr_name", expr=source, name=node.id))
                names.add(node.id)
            for name in node._fields:  # ast.iter_child_nodes, without its two generators
                value = getattr(node, name, None)
                if isinstance(value, ast.AST):
                    below.append(value)
                elif isinstance(value, list):
                    below.extend(v for v in value if isinstance(v, ast.AST))
        level = below
    body = tree.body
    # depth counts `tree` (the ast.Expression) too; compile_tree measures from its body
    return Expr(source, body, frozenset(names), compile_tree(body, source, depth=depth - 1))


def _known_name(name: str, concepts: set[str], periodic: set[str]) -> bool:
    if name in concepts or name in SUBJECT_ATTRS or name in REPORT_NAMES:
        return True
    return name.endswith(PREV_SUFFIX) and name[: -len(PREV_SUFFIX)] in periodic


def _check_constant(value, source: str) -> None:
    """Only numbers of a sane size, short text, True/False/None: no bytes, complex, huge literals."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise ExprError(t("expr_node", expr=source, what="bilangan sebesar ini (> 10^24)"))
        return
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or abs(value) > MAX_INT:
            raise ExprError(t("expr_node", expr=source, what="bilangan sebesar ini (> 10^24)"))
        return
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ExprError(t("expr_node", expr=source, what=f"teks lebih dari {MAX_TEXT} karakter"))
        return
    what = {bytes: "bytes (b'..')", complex: "bilangan kompleks (1j)"}.get(type(value), type(value).__name__)
    raise ExprError(t("expr_node", expr=source, what=what))


def _check_call(node: ast.Call, source: str, concepts: set[str]):
    if not isinstance(node.func, ast.Name):
        raise ExprError(t("expr_node", expr=source, what="pemanggilan selain fungsi bernama"))
    name = node.func.id
    if name not in FUNCTIONS:
        raise ExprError(t("expr_func", expr=source, name=name))
    lo, hi, keywords = ARITY[name]
    if not lo <= len(node.args) <= hi:
        want = str(lo) if lo == hi else f"{lo}..{hi}"
        raise ExprError(t("expr_syntax", expr=source,
                          detail=t("expr_arity", name=name, want=want, got=len(node.args))))
    for kw in node.keywords:
        if kw.arg is None:
            raise ExprError(t("expr_node", expr=source, what="argumen **"))
        if keywords is False or (keywords is not True and kw.arg not in keywords) \
                or (keywords is True and kw.arg not in SUBJECT_ATTRS | {"period"}):
            raise ExprError(t("expr_syntax", expr=source, detail=t("expr_keyword", name=name, kw=kw.arg)))
    concept_at, kind_at = FUNCTIONS[name]
    for at, ok, what in ((concept_at, concepts, "konsep"), (kind_at, KINDS, "jenis subjek")):
        if at is None:
            continue
        if at >= len(node.args) or not isinstance(node.args[at], ast.Constant) \
                or node.args[at].value not in ok:
            got = ast.unparse(node.args[at]) if at < len(node.args) else "(tidak ada)"
            raise ExprError(t("expr_syntax", expr=source,
                              detail=f"argumen ke-{at + 1} {name}() harus nama {what} yang dikenal, bukan {got}"))


def split_prev(name: str) -> tuple[str, int]:
    """`capaian_prev` -> ("capaian", 1); `capaian` -> ("capaian", 0)."""
    if name.endswith(PREV_SUFFIX):
        return name[: -len(PREV_SUFFIX)], 1
    return name, 0


def make_evaluator(functions: dict) -> SimpleEval:
    # `**` is refused at load time; removed here too so nothing unbounded can run
    ev = SimpleEval(operators=operators(), functions=functions, names={})
    ev.compiled_ok = True  # these operators are the ones rulepack/compiled.py binds at load time
    return ev
