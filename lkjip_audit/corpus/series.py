"""A series of years of one office (`history`) on the worker pool: the datasets are loaded in
parallel, then every consecutive pair is checked in parallel (`check CURRENT --previous PREVIOUS`)
and rendered in the worker; the parent keeps the order, the trend table and the exit code.

The pair workers are forked after the datasets are loaded, so they inherit them (copy-on-write)
instead of receiving them pickled; where fork does not exist, the pairs run in this process.
"""
from __future__ import annotations

import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import InputError
from .task import Options, ruleset

_SERIES: dict = {}  # set before the pair workers are forked


REPORT = frozenset({"previous", "document"})  # a year given as the report file: its text rules too


def _load_one(args):
    path, opts = args
    from ..readers.dataset import load_dataset

    try:
        from ..cli import _is_report_input
        from .task import apply_config

        if _is_report_input(Path(path)):  # as `check REPORT --previous ...` reads it
            from ..readers.report import load_report

            ds = load_report(Path(path), ruleset(opts, REPORT).concepts)
        else:
            ds = load_dataset(path, ruleset(opts, frozenset({"previous"})).concepts)
        apply_config(ds, path, opts)
        return ds, None
    except InputError as e:
        return None, e.problems
    except Exception as e:  # noqa: BLE001 - one broken year must not stop the others (as corpus/task.py)
        import os

        if os.environ.get("LKJIP_DEBUG"):
            raise
        from ..errors import Problem

        return None, [Problem(str(path), None, f"kesalahan internal / internal error: {type(e).__name__}: {e}")]


def _pool(jobs: int, n: int):
    if jobs <= 1 or n <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(max_workers=min(jobs, n), mp_context=multiprocessing.get_context("fork"))


def load_series(paths, opts: Options, jobs: int) -> tuple[list, list]:
    """The datasets of the series that could be read, in the order given, and the inputs that could
    not, each with its problems: [(path, [Problem])]. A year that cannot be read (a broken dataset,
    an unreadable report file) is listed, as corpus mode lists it, and never stops the others."""
    ruleset(opts, frozenset({"previous"}))  # loaded once, before the workers fork
    from ..readers.report import is_report_input

    if any(is_report_input(Path(p)) for p in paths):
        ruleset(opts, REPORT)
    ex = _pool(jobs, len(paths))
    work = [(p, opts) for p in paths]
    if ex is None:
        got = [_load_one(w) for w in work]
    else:
        with ex:
            got = list(ex.map(_load_one, work, chunksize=max(1, len(work) // (4 * jobs))))
    return [ds for ds, _ in got if ds is not None], [(p, probs) for p, (_, probs) in zip(paths, got) if probs]


def _pair(i: int):
    s = _SERIES
    from ..engine.run import audit

    prev, cur = s["datasets"][i], s["datasets"][i + 1]
    from ..engine.run import finding_marks

    result = audit(cur, s["report_ruleset"] if cur.document is not None else s["ruleset"], prev)
    return (render_pair(result, s["fmt"], s["fail_on"], s["lang"], s["console"]), bool(result.at_or_above(s["fail_on"])),
            finding_marks(result.findings, str(result.dataset.path)))


def render_pair(result, fmt: str, fail_on: str, lang: str, console: dict | None):
    if fmt == "json":
        from ..reporters.common import report_dict

        return report_dict(result, fail_on, lang)
    if fmt == "md":
        from ..reporters import markdown_report

        return markdown_report.render(result, fail_on, lang)
    from rich.console import Console

    from ..reporters import terminal

    buf = io.StringIO()
    terminal.render(result, fail_on, Console(file=buf, **(console or {})), lang, show_trend=False)
    return buf.getvalue()


def check_pairs(datasets, rs, fmt: str, fail_on: str, lang: str, jobs: int, console: dict | None,
                report_rs=None) -> list:
    """[(rendered pair report, failed at fail_on, trend marks)] for each consecutive pair, oldest first.
    `report_rs`: the rules for a year given as a report file (with its text rules)."""
    from ..i18n import set_lang

    set_lang(lang)
    _SERIES.update(datasets=datasets, ruleset=rs, report_ruleset=report_rs or rs, fmt=fmt, fail_on=fail_on,
                   lang=lang, console=console)
    n = len(datasets) - 1
    try:
        ex = _pool(jobs, n)
        if ex is None:
            return [_pair(i) for i in range(n)]
        with ex:
            return list(ex.map(_pair, range(n), chunksize=max(1, n // (4 * jobs))))
    finally:
        _SERIES.clear()
