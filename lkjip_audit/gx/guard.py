"""What a rule pack may hand to Great Expectations, checked without importing GX.

- `row_condition` is evaluated by pandas (`DataFrame.query`), which runs Python. Only a tiny
  language is allowed: column names, literals, comparisons, `and`/`or`/`not` (and pandas' `&`,
  `|`, `~`), `in` / `not in` a list of literals. It is parsed here with `ast` and checked node by
  node; anything else (attributes, calls, subscripts, `@variables`, dunder names) is refused at
  load time, as is a syntax error.
- `condition_parser` is always pandas (set by lkjip-audit).
- regular expressions (`regex`, `regex_list`, ...) must compile, stay short and have no nested
  unbounded repetition (`(a+)+`, `(a|aa)*`, `(.*)*`), the shapes that backtrack catastrophically.
- text values are short; lists are bounded.
"""
from __future__ import annotations

import ast
import re

from ..i18n import t

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
    from re import _constants as sre_c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_CONDITION = 300
MAX_REGEX = 200
MAX_TEXT = 500
MAX_LIST = 1000
REGEX_ARGS = ("regex", "regex_list", "pattern")
REFUSED_EXPECTATIONS = ("json_schema",)  # a JSON schema may reference remote documents

_CMP = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def check_args(args, expectation: str = "") -> list[tuple[str | None, str]]:
    """(argument, problem) pairs; empty when every argument is safe to give GX."""
    out: list[tuple[str | None, str]] = []
    if any(x in expectation for x in REFUSED_EXPECTATIONS):
        out.append((None, f"ekspektasi {expectation} tidak diizinkan dalam paket aturan"))
    for key, value in (args or {}).items():
        if key == "row_condition":
            problem = check_condition(value)
            if problem:
                out.append((key, problem))
        elif key == "condition_parser":
            if value != "pandas":
                out.append((key, "condition_parser diatur oleh lkjip-audit (pandas) dan tidak boleh diubah"))
        elif key in REGEX_ARGS or key.endswith("regex") or key.endswith("regex_list"):
            for rx in value if isinstance(value, list) else [value]:
                problem = check_regex(rx)
                if problem:
                    out.append((key, problem))
                    break
        else:
            problem = _check_value(value)
            if problem:
                out.append((key, problem))
    return out


def _check_value(value) -> str | None:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return f"teks terlalu panjang ({len(value)} karakter, maksimum {MAX_TEXT})"
    if isinstance(value, (list, dict)):
        if len(value) > MAX_LIST:
            return f"daftar terlalu panjang ({len(value)} butir, maksimum {MAX_LIST})"
        for v in value.values() if isinstance(value, dict) else value:
            problem = _check_value(v)
            if problem:
                return problem
    return None


def check_condition(text) -> str | None:
    """A problem with a row_condition, or None when it uses only the allowed language."""
    if not isinstance(text, str) or not text.strip():
        return "row_condition harus berupa teks yang tidak kosong"
    if len(text) > MAX_CONDITION:
        return t("too_long", what="row_condition", n=len(text), max=MAX_CONDITION)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as e:
        return t("gx_condition_syntax", text=text, detail=e.msg)
    for node in ast.walk(tree):
        problem = _condition_node(node)
        if problem:
            return t("gx_condition_node", text=text, what=problem)
    return None


def _condition_node(node) -> str | None:
    if isinstance(node, (ast.Expression, ast.Load, ast.And, ast.Or, ast.Not, ast.USub, ast.Invert,
                         ast.BitAnd, ast.BitOr, *_CMP)):
        return None
    if isinstance(node, ast.BoolOp):
        return None
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.USub) and not isinstance(node.operand, ast.Constant):
            return "tanda minus di depan selain angka"
        return None
    if isinstance(node, ast.BinOp):
        return None if isinstance(node.op, (ast.BitAnd, ast.BitOr)) else "operator hitung"
    if isinstance(node, ast.Compare):
        return None
    if isinstance(node, ast.Name):
        return None if _NAME.match(node.id) else f"nama '{node.id}'"
    if isinstance(node, ast.Constant):
        v = node.value
        if v is None or isinstance(v, bool) or (isinstance(v, (int, float)) and abs(v) <= 10 ** 24):
            return None
        if isinstance(v, str) and len(v) <= MAX_TEXT:
            return None
        return f"nilai {v!r}"[:60]
    if isinstance(node, (ast.List, ast.Tuple)):
        if len(node.elts) > MAX_LIST or not all(isinstance(e, ast.Constant) for e in node.elts):
            return "daftar selain daftar nilai"
        return None
    return {ast.Attribute: "akses atribut (a.b)", ast.Call: "pemanggilan fungsi", ast.Subscript: "subskrip (a[b])",
            ast.Lambda: "lambda"}.get(type(node), type(node).__name__)


def check_regex(rx) -> str | None:
    """A problem with a regular expression GX will run over every cell, or None."""
    if not isinstance(rx, str):
        return "regex harus berupa teks"
    if len(rx) > MAX_REGEX:
        return t("too_long", what="regex", n=len(rx), max=MAX_REGEX)
    try:
        parsed = sre_parse.parse(rx)
    except re.error as e:
        return t("gx_regex_invalid", rx=rx, detail=e)
    if _nested_repeat(parsed, inside_unbounded=False):
        return t("gx_regex_nested", rx=rx)
    return None


_REPEATS = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) + ((sre_c.POSSESSIVE_REPEAT,) if hasattr(sre_c, "POSSESSIVE_REPEAT") else ())


def _nested_repeat(items, inside_unbounded: bool) -> bool:
    for op, av in items:
        if op in _REPEATS:
            lo, hi, sub = av
            unbounded = hi == sre_c.MAXREPEAT or hi > 10
            if inside_unbounded and hi > 1:
                return True
            if _nested_repeat(sub, inside_unbounded or unbounded):
                return True
        elif op == sre_c.BRANCH:
            if inside_unbounded and len(av[1]) > 1:
                return True
            if any(_nested_repeat(b, inside_unbounded) for b in av[1]):
                return True
        elif op == sre_c.SUBPATTERN:
            if _nested_repeat(av[-1], inside_unbounded):
                return True
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            if _nested_repeat(av[1], inside_unbounded):
                return True
        elif op == sre_c.GROUPREF and inside_unbounded:
            return True
    return False
