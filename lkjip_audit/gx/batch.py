"""Validate many reports' views in one GX run (corpus mode): one suite per view kind, not per report.

GX's cost is mostly per validation (graph of metrics, batch creation, one pandas query per
row_condition and metric), whatever the rows: a table of 20 reports costs about what one costs
(benchmarks/bench_gx.py prints both). So the views of a chunk's reports that have the same name,
the same columns and dtypes and the same rules are concatenated with a report-id column
(`__report__`), their suite validated once, and the unexpected rows split back per report: each
report gets the findings, locations and counts a check of its own gives (tests/test_gx_batch.py).

Only row-by-row expectations are batched (a row's verdict depends on that row alone), plus
`*_to_be_unique`, validated on (report, value) pairs so that a value repeated in two reports is no
duplicate. Anything else - another expectation (`*_to_be_of_type` judges a column's dtype, a
table-level one the whole table), `mostly` (a share of the whole column), a view without rows or
seen in one report only, a rule GX refuses - goes the per-report way (runner.validate_view), and so
does a whole group when GX raises on the batch.
"""
from __future__ import annotations

import warnings
from types import SimpleNamespace

from . import import_gx
from .runner import RESULT_FORMAT, _exception, _worker_session, batch_definition, build, findings, plan, validate_view
from .spec import column_args
from .views import Views

REPORT = "__report__"
UNIQUE = "__unique__"
RESULT_FORMAT_BATCH = {**RESULT_FORMAT, "unexpected_index_column_names": [REPORT, "row"]}
ROW_WISE = {
    "expect_column_values_to_be_between", "expect_column_values_to_be_in_set",
    "expect_column_values_to_not_be_in_set", "expect_column_values_to_not_be_null",
    "expect_column_values_to_be_null", "expect_column_values_to_match_regex",
    "expect_column_values_to_not_match_regex", "expect_column_values_to_match_regex_list",
    "expect_column_values_to_not_match_regex_list", "expect_column_value_lengths_to_be_between",
    "expect_column_value_lengths_to_equal", "expect_column_pair_values_a_to_be_greater_than_b",
    "expect_column_pair_values_to_be_equal", "expect_column_values_to_be_unique",
}


def batchable(rule) -> bool:
    a = rule.args
    if rule.expectation not in ROW_WISE or "mostly" in a:
        return False
    if rule.expectation == "expect_column_values_to_be_unique" and not isinstance(a.get("column"), str):
        return False
    try:  # GX refuses it: the per-report way says why, as a single check does
        build(rule.expectation, rule.args)
    except Exception:  # noqa: BLE001
        return False
    return True


def run_deferred(jobs: list) -> None:
    """Validate the recorded expectation work of several checks (runner.Deferred), filling each
    check's findings, stats and counts exactly as run_expectations would have."""
    if not jobs:
        return
    gx = import_gx()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        context, source, assets = _worker_session(gx)
        views, works = [], []
        for job in jobs:
            v = Views(job.ctx)
            w = plan(job.rules, v, job.stats)
            job.info["tables"] = len(w)
            views.append(v)
            works.append(w)
        groups: dict[tuple, list[int]] = {}
        ok: dict[str, bool] = {}
        for j, (v, w) in enumerate(zip(views, works)):
            for name, rules in w.items():
                if not all(ok.setdefault(r.id, batchable(r)) for r in rules):
                    continue
                df = v.get(name).df
                if len(df) == 0:
                    continue
                key = (name, tuple(r.id for r in rules), tuple(df.columns), tuple(str(d) for d in df.dtypes))
                groups.setdefault(key, []).append(j)
        results: dict[tuple[int, str], list] = {}  # (job, view) -> [(rule, result)] in suite order
        for (name, _, _, _), members in groups.items():
            if len(members) > 1:
                results.update(_validate_group(gx, source, assets, name, members, views, works))
        for j, job in enumerate(jobs):
            for name, rules in works[j].items():
                view = views[j].get(name)
                got = results.get((j, name))
                if got is None:
                    validate_view(gx, context, source, assets, view, rules, job.ctx, job.out, job.stats, job.info)
                    continue
                for rule, r in got:
                    job.info["expectations"] += 1
                    findings(rule, view, r, job.ctx, job.out, job.stats)


def _validate_group(gx, source, assets, name, members, views, works) -> dict:
    """One suite over the concatenated view `name` of the `members` reports; {} when GX raised
    (then each report is validated alone)."""
    import pandas as pd

    rules = works[members[0]][name]
    frames, unique_cols = [], {r.args["column"] for r in rules if r.expectation == "expect_column_values_to_be_unique"}
    for j in members:
        df = views[j].get(name).df
        extra = {REPORT: j}
        for c in unique_cols:  # (report, value): equal only within a report; empty stays empty
            extra[UNIQUE + c] = pd.Series([None if pd.isna(x) else (j, x) for x in df[c]], index=df.index,
                                          dtype=object)
        frames.append(df.assign(**extra))
    big = pd.concat(frames, ignore_index=True)
    expectations, by_id = [], {}
    for r in rules:
        args = dict(r.args)
        if r.expectation == "expect_column_values_to_be_unique":
            args["column"] = UNIQUE + args["column"]
        expectations.append(build(r.expectation, args, meta={"lkjip_rule": r.id}, notes=r.id))
        by_id[r.id] = r
    try:
        result = batch_definition(source, assets, name).get_batch(batch_parameters={"dataframe": big}).validate(
            gx.ExpectationSuite(name=name, expectations=expectations), result_format=RESULT_FORMAT_BATCH)
    except Exception:  # noqa: BLE001 - each report alone says what went wrong
        return {}
    per_rule = []
    for r in result.results:
        rule = by_id.get((r.expectation_config.meta or {}).get("lkjip_rule"))
        if rule is None:
            continue
        if _exception(r.exception_info):
            return {}
        per_rule.append((rule, r))
    out = {}
    for j in members:
        out[(j, name)] = [(rule, _share(rule, r, j, views[j].get(name))) for rule, r in per_rule]
    return out


def _share(rule, r, j: int, view):
    """Report j's part of a batched result, as GX gives it for that report alone."""
    rows = []
    unique = rule.expectation == "expect_column_values_to_be_unique"
    for d in (r.result or {}).get("unexpected_index_list") or []:
        if d.get(REPORT) != j:
            continue
        d = {k: v for k, v in d.items() if k != REPORT and not k.startswith(UNIQUE)}
        if unique:
            for c in column_args(rule.args):
                d[c] = view.df.at[int(d["row"]) - 1, c]
        rows.append(d)
    return SimpleNamespace(exception_info=None, success=not rows, result={"unexpected_index_list": rows})
