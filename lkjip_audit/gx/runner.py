"""Run the `expectation` rules through one ephemeral GX context and turn failures into findings.

One suite per view (dataset table, `facts`, `subjects.<kind>`), holding every expectation rule
that applies to that view, validated once (in corpus mode, once for many reports: gx/batch.py). The context keeps everything in memory (no files, no
temporary Data Docs site, no progress bars, analytics off); `data_docs=DIR` adds a Data Docs site
in DIR and builds it once after the run.

Each failed expectation becomes ordinary findings: one per offending row (GX's unexpected index,
the view's `row` column, mapped back to the printed cells and report lines), one per duplicated
value for `*unique*` expectations (all rows that share it), one per view for table-level
expectations (observed value, location = the table's header line). A table or column that the
dataset lacks, or an expectation that raises inside GX, is listed under `not_evaluated` with the
reason, and the other rules still run.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from ..engine.findings import Finding, Location, location_of, subject_location
from ..i18n import get_lang, t
from ..numbers import format_id
from . import docs, import_gx
from .spec import build, column_args
from .views import Views

RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["row"]}
DOCS_SITE = "lkjip-audit"




def _context(gx):
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        analytics_enabled=False, progress_bars=ProgressBarsConfig(globally=False))
    return gx.get_context(mode="ephemeral", project_config=config)


_SESSION = None  # (context, pandas data source, {view name: batch definition}) of this process


def _worker_session(gx):
    """The process's GX context, created on the first check and reused by the next ones: a corpus
    worker checks many reports with one context. Only data assets (one per view name) are added
    to it, once; suites are validated without being stored."""
    global _SESSION
    if _SESSION is None:
        context = _context(gx)
        _SESSION = (context, context.data_sources.add_pandas("lkjip"), {})
    return _SESSION


def plan(rules, views: Views, stats) -> dict[str, list]:
    """View name -> the expectation rules that apply to it; what cannot apply goes to `stats`."""
    out: dict[str, list] = {}
    for rule in rules:
        names = views.resolve(rule.table)
        is_glob = any(ch in rule.table for ch in "*?[")
        if not names:
            stats.skip(rule, rule.table, t("gx_no_table", table=rule.table))
            continue
        needed = column_args(rule.args)
        applied = 0
        for name in names:
            view = views.get(name)
            missing = [c for c in needed if c not in view.df.columns]
            if missing:
                if not is_glob:
                    have = ", ".join(c for c in view.df.columns if "__" not in c)
                    stats.skip(rule, name, t("gx_no_column", cols=", ".join(missing), table=name, have=have))
                continue
            out.setdefault(name, []).append(rule)
            applied += 1
        if is_glob and not applied:
            stats.skip(rule, rule.table, t("gx_no_match", table=rule.table, cols=", ".join(needed)))
    return out


# Set by corpus/batch.py around a chunk of reports: the checks of the chunk hand their expectation
# work to it (a list of Deferred) and gx/batch.py validates them together, view by view.
DEFER: list | None = None


class Deferred:
    """The expectation work of one check, validated later with other reports' (gx/batch.py)."""

    def __init__(self, rules, ctx, out, stats, info):
        self.rules, self.ctx, self.out, self.stats, self.info = rules, ctx, out, stats, info


def run_expectations(rules, ctx, out, stats, data_docs: Path | None = None) -> dict:
    """Validate every applicable expectation rule; returns counts for the summary. Inside a corpus
    chunk (DEFER set) the work is only recorded: the counts are filled in when the chunk's reports
    are validated together (gx/batch.py)."""
    if DEFER is not None and data_docs is None:
        info = {"expectations": 0, "tables": 0}
        DEFER.append(Deferred(rules, ctx, out, stats, info))
        return info
    views = Views(ctx)
    work = plan(rules, views, stats)
    info = {"expectations": 0, "tables": len(work)}
    if not work and data_docs is None:
        return info
    gx = import_gx()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if data_docs is None:  # one context per process, reused by every check (corpus workers)
            context, source, assets = _worker_session(gx)
        else:  # Data Docs need the suites and validation definitions stored: a context of its own
            context = _context(gx)
            source, assets = context.data_sources.add_pandas("lkjip"), {}
        for name, view_rules in work.items():
            validate_view(gx, context, source, assets, views.get(name), view_rules, ctx, out, stats, info,
                          data_docs)
        if data_docs is not None:
            def build_site(folder: Path):
                context.add_data_docs_site(site_name=DOCS_SITE, site_config={
                    "class_name": "SiteBuilder", "show_how_to_buttons": False,
                    "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                                      "base_directory": str(folder.resolve())},
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"}})
                context.build_data_docs(site_names=[DOCS_SITE])

            docs.publish(Path(data_docs), build_site)
    return info


def batch_definition(source, assets: dict, name: str):
    """The batch definition of one view name, added to the data source once per process."""
    batch = assets.get(name)
    if batch is None:
        batch = assets[name] = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("semua")
    return batch


def validate_view(gx, context, source, assets, view, view_rules, ctx, out, stats, info, data_docs=None) -> None:
    """One view of one report: its suite validated once, the results turned into findings."""
    name = view.name
    by_id, expectations = {}, []
    for rule in view_rules:
        try:
            args = rule.args if data_docs is None else docs.escaped_args(rule.args)
            expectations.append(build(rule.expectation, args, meta={"lkjip_rule": rule.id},
                                      notes=f"{rule.id}: {rule.title_in()}"))
            by_id[rule.id] = rule
        except Exception as e:  # noqa: BLE001 - a combination GX refuses at run time
            stats.skip(rule, name, t("gx_raised", detail=f"{type(e).__name__}: {e}"))
    if not expectations:
        return
    batch = batch_definition(source, assets, name)
    suite = gx.ExpectationSuite(name=name, expectations=expectations)
    try:
        # with Data Docs, GX sees HTML-escaped text (it writes cell values into the pages raw)
        frame = view.df if data_docs is None else docs.escaped_frame(view.df)
        if data_docs is None:  # validated directly: nothing stored in the context, so it stays small
            result = batch.get_batch(batch_parameters={"dataframe": frame}).validate(
                suite, result_format=RESULT_FORMAT)
        else:
            suite = context.suites.add(suite)
            vd = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
            result = vd.run(batch_parameters={"dataframe": frame}, result_format=RESULT_FORMAT)
    except Exception as e:  # noqa: BLE001 - the whole suite failed: say so for each rule
        for rule in by_id.values():
            stats.skip(rule, name, t("gx_raised", detail=f"{type(e).__name__}: {e}"))
        return
    for r in result.results:
        rule = by_id.get((r.expectation_config.meta or {}).get("lkjip_rule"))
        if rule is not None:
            info["expectations"] += 1
            findings(rule, view, r, ctx, out, stats)


# -- results -> findings ----------------------------------------------------------------------------
def _exception(info) -> str | None:
    if not info:
        return None
    if "raised_exception" in info:
        return (info.get("exception_message") or "?") if info["raised_exception"] else None
    for v in info.values():
        if isinstance(v, dict) and v.get("raised_exception"):
            return v.get("exception_message") or "?"
    return None


def _plain(v):
    if v is None:
        return None
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def _num(v) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if float(v).is_integer():
        return format_id(float(v), 0)
    return format_id(float(v), 2)


def _cell(view, row: int, col: str):
    """(value, printed text) of one cell of a view."""
    df = view.df
    if col not in df.columns:
        return None, ""
    value = _plain(df.at[row - 1, col])
    text_col = f"{col}__text" if f"{col}__text" in df.columns else ("text" if view.kind == "facts" else None)
    text = _plain(df.at[row - 1, text_col]) if text_col else None
    if text is None:
        text = "" if value is None else (_num(value) if isinstance(value, (int, float)) else str(value))
    return value, str(text).strip()


def _expected(rule, view, row: int) -> str:
    a, name = rule.args, rule.expectation
    if name.endswith("_to_be_between"):
        lo, hi = a.get("min_value"), a.get("max_value")
        lo_s = "<" if a.get("strict_min") else "≤"
        hi_s = "<" if a.get("strict_max") else "≤"
        if lo is not None and hi is not None:
            return f"{_num(lo)} {lo_s} x {hi_s} {_num(hi)}"
        return f"{'>' if a.get('strict_min') else '≥'} {_num(lo)}" if lo is not None else f"{hi_s} {_num(hi)}"
    if name == "expect_column_pair_values_a_to_be_greater_than_b":
        _, text = _cell(view, row, a["column_A"])
        return f"{'≤' if a.get('or_equal') else '<'} {text or '-'}"
    if name == "expect_column_pair_values_to_be_equal":
        _, text = _cell(view, row, a["column_A"])
        return f"= {text or '-'}"
    if name.endswith("_to_be_in_set"):
        return "∈ {" + ", ".join(map(str, a.get("value_set") or [])) + "}"
    if name.endswith("_to_not_be_in_set"):
        return "∉ {" + ", ".join(map(str, a.get("value_set") or [])) + "}"
    if name == "expect_column_values_to_not_be_null":
        return "terisi / not empty"
    if "unique" in name:
        return "unik / unique"
    args = ", ".join(f"{k}={v!r}" for k, v in a.items())
    return f"{name}({args})"


def _args_text(rule) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in rule.args.items())


def _subject_location(ctx, key, role="found") -> Location | None:
    s = ctx.subjects.get(key)
    if s is None:
        return None
    return subject_location(s, role)


def _row_location(ctx, view, row: int, col: str, role: str) -> Location | None:
    fact = view.cells.get((row, col))
    if fact is not None:
        return location_of(fact, role)
    info = view.rows[row]
    if view.kind == "subjects":
        return _subject_location(ctx, info.subject, role)
    if col in ("subject", "label", "row", "line", "page") or col not in view.headers:
        column = col
    else:
        column = view.headers[col]
    text = "" if col not in view.df.columns else str(_plain(view.df.at[row - 1, col]) or "")
    return Location(view.section, view.name, view.title, row, info.label, column, info.line, info.page, text, role)


def findings(rule, view, r, ctx, out, stats):
    raised = _exception(r.exception_info)
    if raised:
        stats.skip(rule, view.name, t("gx_raised", detail=raised))
        return
    stats.checks += 1
    if r.success:
        return
    res = r.result or {}
    needed = column_args(rule.args)
    unique = "unique" in rule.expectation
    primary = needed if unique or not needed else \
        [rule.args.get("column") or rule.args.get("column_B") or needed[0]]
    index = res.get("unexpected_index_list")
    if not index:
        _table_finding(rule, view, res, out)
        return
    groups: dict[tuple, list[int]] = {}
    for d in index:
        row = int(_plain(d["row"]))
        key = tuple(str(_plain(d.get(c))) for c in needed) if unique else (row,)
        groups.setdefault(key, []).append(row)
    for key, rows in groups.items():
        rows = sorted(set(rows))
        first = view.rows[rows[0]]
        pcol = primary[0]
        value, text = _cell(view, rows[0], pcol)
        if len(primary) > 1:
            parts = [_cell(view, rows[0], c)[1] for c in primary]
            value = text = " / ".join(parts)
        fact = view.cells.get((rows[0], pcol))
        if view.kind == "facts" and fact is not None:
            concept, period = fact.concept, _plain(fact.period)
        else:
            concept, period = view.concepts.get(pcol, (None, None))
        subject = first.subject if view.kind != "facts" else (fact.subject if fact is not None else None)
        s = ctx.subjects.get(subject) if subject else None
        shown = "; ".join(
            f"{view.name} #{row} ({'baris' if get_lang() == 'id' else 'line'} {view.rows[row].line or '-'}): "
            + ", ".join(f"{c}={_cell(view, row, c)[1] or '-'}" for c in (needed or [pcol]))
            for row in rows)
        why = {"id": f"{rule.expectation}({_args_text(rule)}) gagal di {shown}",
               "en": f"{rule.expectation}({_args_text(rule)}) fails at {shown}"}
        finding = out.add((rule.id, view.name) + key, lambda: Finding(
            rule=rule, subject=subject, subject_name=s.name if s else (first.label or subject or view.name),
            concept=concept, period=int(period) if isinstance(period, (int, float)) else None,
            found=value if not isinstance(value, bool) else str(value), found_text=text,
            expected=_expected(rule, view, rows[0]), expected_interval=None, why=why,
            unit=fact.unit if fact is not None else None, extra={"reason": ""}))
        for row in rows:
            for c in (needed or [pcol]):
                loc = _row_location(ctx, view, row, c, "found" if c in primary else "reference")
                if loc is not None:
                    out.add_location(finding, loc)


def _table_finding(rule, view, res, out):
    observed = _plain(res.get("observed_value"))
    if isinstance(observed, (list, tuple, set)):
        observed = ", ".join(map(str, observed))
    text = "" if observed is None else (_num(observed) if isinstance(observed, (int, float)) else str(observed))
    why = {"id": f"{rule.expectation}({_args_text(rule)}) gagal untuk tabel {view.name}: teramati {text or '-'}",
           "en": f"{rule.expectation}({_args_text(rule)}) fails for table {view.name}: observed {text or '-'}"}
    finding = out.add((rule.id, view.name), lambda: Finding(
        rule=rule, subject=None, subject_name=view.title, concept=None, period=None,
        found=observed if isinstance(observed, (int, float, str)) or observed is None else str(observed),
        found_text=text, expected=_expected(rule, view, 1), expected_interval=None, why=why,
        extra={"reason": ""}))
    out.add_location(finding, Location(view.section, view.name, view.title, None, "", "", view.line, view.page,
                                       "", "found"))
