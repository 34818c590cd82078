"""kind `expectation`: a Great Expectations (GX Core 1.x) expectation holds on a table view
(lkjip_audit/gx/). audit() runs every expectation rule in one batch: one GX suite per table.

Passing:  expect_column_pair_values_a_to_be_greater_than_b(anggaran, realisasi_anggaran, or_equal)
          on a row with anggaran 1.000 and realisasi 900
Failing:  the same row with realisasi 1.100 -> a finding at that row's line
"""
from __future__ import annotations

from dataclasses import dataclass

from . import RuleKind, param


@dataclass
class Params:
    """The keys of an `expectation` rule."""
    table: str = param(doc="the view: a dataset table id, a glob (lampiran2-*), facts, or subjects.<kind>",
                       minLength=1)
    expectation: str = param(doc="the GX Core 1.x expectation, snake_case (expect_column_values_to_be_between)",
                             pattern="^expect_[a-z0-9_]+$")
    args: dict = param({}, doc="the expectation's arguments (column, min_value, ...)")


def run(rule, ctx, out, stats):
    """One expectation rule on its own (audit() batches them)."""
    from ...gx.runner import run_expectations

    run_expectations([rule], ctx, out, stats)


def check_params(spec, bad, check_gx: bool = True) -> None:
    """Load-time check of the arguments that could reach an evaluator (gx/guard.py: row_condition,
    regexes; no GX import), then, with `check_gx`, of the view name, the GX expectation and its
    arguments against GX itself (imports GX, ~2 s; `rules` lists without it)."""
    from ...gx import guard as gx_guard
    from ...gx import spec as gx_spec

    args = spec.get("args") or {}
    for key, msg in gx_guard.check_args(args, spec["expectation"]):
        bad(("args", key) if key in args and hasattr(args, "line_of") else "args" if "args" in spec else "id", msg)
    if not check_gx:
        return
    problem = gx_spec.check_table(spec["table"])
    if problem:
        bad("table", problem)
    args = spec.get("args") or {}
    for key, msg in gx_spec.check(spec["expectation"], args):
        if key == "expectation":
            bad("expectation", msg)
        elif key is not None and hasattr(args, "line_of"):
            bad(("args", key), msg)
        else:
            bad("args" if "args" in spec else "expectation", msg)


KIND = RuleKind("expectation", Params, run, batched=True, validate=check_params, summary={
    "id": "sebuah ekspektasi Great Expectations berlaku pada sebuah tabel",
    "en": "a Great Expectations expectation holds on a table"}, doc=__doc__)
