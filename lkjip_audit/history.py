"""`lkjip-audit history DIR...`: a series of LKjIP of one office, oldest first. Every consecutive
pair is checked as `check CURRENT --previous PREVIOUS` (this year's own rules and the cross-year
rules), and one trend table per IKU covers all the years."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .errors import InputError, Problem
from .i18n import t


def expand(paths: list[Path]) -> list[Path]:
    """A folder without dataset.yaml stands for the dataset folders directly inside it."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir() and not (p / "dataset.yaml").exists():
            subs = sorted(d for d in p.iterdir() if (d / "dataset.yaml").exists())
            if not subs:
                raise InputError(Problem(str(p), None, t("no_dataset_file")))
            out.extend(subs)
        else:
            out.append(p)
    return out


def run_history(paths, ruleset, allow_different_office=False):
    """Load, order and check a series; returns (datasets oldest first, pair results, trend)."""
    from .engine.crossyear import history_contexts, order_series, trend_table
    from .engine.run import audit
    from .readers.dataset import load_dataset

    datasets, problems = [], []
    for p in expand(paths):
        try:
            datasets.append(load_dataset(p, ruleset.concepts))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    datasets = order_series(datasets, allow_different_office)
    results = [audit(cur, ruleset, prev) for prev, cur in zip(datasets, datasets[1:])]
    from .engine.run import finding_marks

    marks: dict = {}  # every pair's findings mark the figures of the trend table
    for r in results:
        for k, v in finding_marks(r.findings, str(r.dataset.path)).items():
            marks.setdefault(k, set()).update(v)
    trend = trend_table(*history_contexts(datasets, ruleset.concepts), marks)
    return datasets, results, trend


def history_dict(datasets, results, trend, fail_on, lang) -> dict:
    from .reporters.common import REPORT_FORMAT, report_dict
    from . import __version__

    first = datasets[0].submission
    return {
        "tool": {"name": "lkjip-audit", "version": __version__, "format": REPORT_FORMAT},
        "history": {"instansi": first.get("instansi"), "years": [d.year for d in datasets],
                    "datasets": [{"tahun": d.year, "dataset": str(d.path),
                                  "partial": bool(d.submission.get("partial", False))} for d in datasets]},
        "checks": [report_dict(r, fail_on, lang) for r in results],
        "trend": trend,
        "passed": not any(r.at_or_above(fail_on) for r in results),
    }


def cmd_history(args) -> int:
    from .rulepack.loader import load_rules

    t0 = time.perf_counter()
    select = [s.strip() for s in args.select.split(",")] if args.select else None
    ruleset = load_rules(None, select, overlays=[args.rules] if args.rules else [],
                         defaults=not getattr(args, "no_default_rules", False))
    args.datasets = expand(args.datasets)
    datasets, results, trend = run_history(args.datasets, ruleset, args.allow_different_office)
    for r in results:
        r.timings["total_s"] = time.perf_counter() - t0
    if args.output is not None:
        from .cli import _refuse_overwriting_input

        _refuse_overwriting_input(args)
    if args.format == "json":
        text = json.dumps(history_dict(datasets, results, trend, args.fail_on, args.lang),
                          ensure_ascii=False, indent=2) + "\n"
        _write(args, text)
    elif args.format == "md":
        from .reporters import markdown_report

        parts = [markdown_report.render(r, args.fail_on, args.lang) for r in results]
        _write(args, "\n---\n\n".join(parts))
    else:
        from rich.console import Console

        from .reporters import terminal
        from .reporters.trend import render_terminal

        fh = args.output.open("w", encoding="utf-8") if args.output else None
        try:
            console = Console(file=fh, width=160, no_color=True, soft_wrap=True) if fh else Console(highlight=False)
            if fh is None and not console.is_terminal:
                console = Console(highlight=False, soft_wrap=True)
            for r in results:
                terminal.render(r, args.fail_on, console, args.lang, show_trend=False)
            render_terminal(trend, console, args.lang)
        finally:
            if fh:
                fh.close()
    if args.output:
        print(t("written", path=args.output), file=sys.stderr)
    return 1 if any(r.at_or_above(args.fail_on) for r in results) else 0


def _write(args, text: str) -> None:
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
