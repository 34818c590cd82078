"""Check an `expectation` rule before anything runs: the GX expectation name and its arguments.

The expectation class is resolved from GX itself (GX Core 1.x, `gx.expectations`), and the
arguments are checked against its pydantic fields by building it once, so a rule pack can use every
expectation GX ships and a mistake is reported as `file:line: message` at load time.
"""
from __future__ import annotations

import difflib
import warnings
from functools import lru_cache

from ..i18n import t
from . import guard, import_gx

# fields of a GX expectation that lkjip-audit sets itself (or that make no sense in a rule pack)
RESERVED = {"id", "meta", "notes", "description", "result_format", "catch_exceptions", "batch_id",
            "rendered_content", "severity", "windows"}
# arguments that name columns of the view (checked against the dataset when the rule runs)
COLUMN_ARGS = ("column", "column_A", "column_B")
COLUMN_LIST_ARGS = ("column_list",)




@lru_cache(maxsize=1)
def registry() -> dict:
    """snake_case expectation name -> GX expectation class."""
    gx = import_gx()
    out = {}
    for attr in dir(gx.expectations):
        cls = getattr(gx.expectations, attr)
        name = getattr(cls, "expectation_type", None)
        if isinstance(cls, type) and attr.startswith("Expect") and isinstance(name, str):
            out[name] = cls
    return out


def plain(v):
    """LDict/LList (line-numbered YAML) -> plain dict/list for GX."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def build(name: str, args: dict, **engine_fields):
    """The GX expectation object of a rule (raises pydantic's ValidationError on bad arguments)."""
    kwargs = plain(dict(args))
    problems = guard.check_args(kwargs, name)  # checked at load time too; never run unchecked
    if problems:
        raise ValueError("; ".join(msg for _, msg in problems))
    if "row_condition" in kwargs and "condition_parser" not in kwargs:
        kwargs["condition_parser"] = "pandas"  # views are pandas DataFrames
    with warnings.catch_warnings():
        # GX 1.9+ deprecates string row conditions (in favour of Condition objects, GX 2.0); the
        # pinned GX 1.24.1 supports them, and a rule pack can only hold plain text
        warnings.simplefilter("ignore", DeprecationWarning)
        return registry()[name](**kwargs, **engine_fields)


def check(name: str, args: dict) -> list[tuple[str | None, str]]:
    """Problems of one expectation rule as (key to point at, message); key 'expectation' is the name
    itself, an argument name points into `args`, None points at `args` as a whole."""
    reg = registry()
    cls = reg.get(name)
    if cls is None:
        close = difflib.get_close_matches(name, reg, n=1)
        return [("expectation", t("gx_unknown", name=name, hint=t("did_you_mean", close=close[0]) if close else ""))]
    fields = set(cls.__fields__)
    allowed = ", ".join(sorted(fields - RESERVED))
    problems: list[tuple[str | None, str]] = []
    for arg in args:
        if arg in RESERVED:
            problems.append((arg, t("gx_reserved", arg=arg)))
        elif arg not in fields:
            problems.append((arg, t("gx_unknown_arg", arg=arg, name=name, allowed=allowed)))
    if problems:
        return problems
    try:
        build(name, args)
    except Exception as e:  # noqa: BLE001 - pydantic ValidationError, or GX refusing a combination
        errors = getattr(e, "errors", None)
        if callable(errors):
            seen = set()
            for err in errors():
                loc = err["loc"][0] if err.get("loc") else None
                key = loc if loc in args else None
                if (key, loc) in seen:
                    continue
                seen.add((key, loc))
                problems.append((key, t("gx_invalid", name=name, detail=f"{loc}: {err['msg']}")))
        else:
            problems.append((None, t("gx_invalid", name=name, detail=str(e))))
    if any(key is not None for key, _ in problems):  # a whole-model error that follows from a bad argument
        problems = [(key, msg) for key, msg in problems if key is not None]
    return problems


def check_table(table: str) -> str | None:
    """A problem with a rule's `table:` that can be seen without the dataset, or None."""
    if table.startswith("subjects."):
        kind = table.split(".", 1)[1]
        from .views import SUBJECT_KINDS

        if kind not in SUBJECT_KINDS:
            return t("gx_view", table=table, kind=kind)
    return None


def column_args(args: dict) -> list[str]:
    """The view columns an expectation's arguments name."""
    cols = [args[a] for a in COLUMN_ARGS if isinstance(args.get(a), str)]
    for a in COLUMN_LIST_ARGS:
        cols += [c for c in (args.get(a) or []) if isinstance(c, str)]
    return cols
