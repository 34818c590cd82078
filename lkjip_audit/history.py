"""`lkjip-audit history DIR...`: a series of LKjIP of one office, oldest first. Every consecutive
pair is checked as `check CURRENT --previous PREVIOUS` (this year's own rules and the cross-year
rules), and one trend table per IKU covers all the years.

`--quick` skips the Great Expectations packs; `--jobs N` loads the datasets and checks the pairs on
N worker processes (corpus/series.py); the output is the same whatever N."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import InputError, Problem
from .i18n import t


def expand(paths: list[Path], lang: str = "id") -> list[Path]:
    """The years of the series, found as `check` finds many reports (corpus/discover.py): a dataset
    folder, a .yaml file or a report file is one year; a folder without dataset.yaml stands for the
    datasets and report files inside it (a report file there was left out without a word)."""
    from .corpus.discover import discover

    out: list[Path] = []
    problems = []
    for p in paths:  # one by one: a year named twice stays twice, and is refused as such
        try:
            out.extend(discover([Path(p)], lang))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(problems)
    return out


OUTPUT_MSG = {
    "id": {"ext": "akhiran '{ext}': riwayat ditulis sebagai table (.txt), json (.json) atau md (.md); pakai --format",
           "one": "riwayat ditulis ke satu berkas saja: sebut --output sekali"},
    "en": {"ext": "extension '{ext}': a history is written as table (.txt), json (.json) or md (.md); use --format",
           "one": "a history is written to one file only: give --output once"},
}


def output_plan(fmt: str | None, outputs: list | None, lang: str) -> tuple[str, Path | None]:
    """(format, file or None): as `check`, the format comes from --output's extension unless
    --format is given (a history written to rekap.json was the terminal table). One file only: a
    second --output was dropped without a word."""
    from .cli import FORMATS
    from .reporters.formats import EXTENSIONS

    m = OUTPUT_MSG.get(lang, OUTPUT_MSG["id"])
    outputs = outputs or []
    if len(outputs) > 1:
        raise InputError(Problem(str(outputs[1]), None, m["one"]))
    out = Path(outputs[0]) if outputs else None
    if fmt is None:
        fmt = "table" if out is None else EXTENSIONS.get(out.suffix.lower())
        if fmt not in FORMATS:
            raise InputError(Problem(str(out), None, m["ext"].format(ext=out.suffix)))
    return fmt, out


def missing_years(datasets) -> list[int]:
    """Years between the first and the last that no dataset of the series is for: the pair across
    the gap compares reports two years apart, and last year's figures restated there go unchecked."""
    years = {d.year for d in datasets}
    return [y for y in range(min(years), max(years) + 1) if y not in years] if years else []


def gap_note(missing: list[int], lang: str, unreadable: bool = False) -> str:
    ys = ", ".join(map(str, missing))
    w = UNREAD_WORDS.get(lang, UNREAD_WORDS["id"])
    extra = " " + w["gap"] if unreadable else ""
    if lang == "en":
        return (f"Missing from the series: {ys}. The report after a missing year is compared with the one before it; "
                "the figures of the missing year that it restates are not checked." + extra)
    return (f"Tahun yang tidak ada dalam rangkaian: {ys}. Laporan sesudah tahun yang hilang dibandingkan dengan laporan "
            "sebelumnya; angka tahun yang hilang yang dikutip kembali di dalamnya tidak diperiksa." + extra)


# A year that cannot be read (broken dataset, unreadable report file) is listed as corpus mode lists
# it (TIDAK TERBACA, `file:line: what is wrong`); the years around it are compared across the gap.
UNREAD_WORDS = {
    "id": {"head": "Laporan yang tidak terbaca, tidak ikut dibandingkan ({n}):",
           "gap": "Laporan yang tidak terbaca (lihat daftarnya) mungkin laporan tahun tersebut.",
           "end": "{n} laporan tidak terbaca: rangkaian belum diperiksa seluruhnya dan tidak dapat dinyatakan lulus."},
    "en": {"head": "Reports that could not be read, not compared ({n}):",
           "gap": "A report that could not be read (see the list) may be that year's.",
           "end": "{n} {reports} could not be read: the series is not fully checked and cannot be signed off."},
}


def unreadable_rows(broken: list) -> list[dict]:
    """[{"input", "reason"}] of the years that could not be read, in the words of corpus mode's
    TIDAK TERBACA rows (corpus/task.py `unreadable`: at most five problems, `file:line: ...`)."""
    import os

    from .corpus.discover import shown
    from .corpus.task import Item, unreadable

    rows = []
    for path, problems in broken:
        row = unreadable(Item(shown(path), os.path.abspath(path)), "; ".join(shown(p) for p in problems[:5]))
        rows.append({"input": row["input"], "reason": row["reason"]})
    return rows


def _label(lang: str) -> str:
    """The rekap's word for a report that could not be read (TIDAK TERBACA / UNREADABLE)."""
    from .corpus.rekap import WORDS

    return WORDS.get(lang, WORDS["id"])["unreadable"]


def unreadable_md(rows: list[dict], lang: str) -> str:
    from .reporters.escape import md

    if not rows:
        return ""
    w = UNREAD_WORDS.get(lang, UNREAD_WORDS["id"])
    items = "".join(f"> - **{_label(lang)}** {md(r['input'])}: {md(r['reason'])}\n" for r in rows)
    return f"> **{md(w['head'].format(n=len(rows)))}**\n>\n{items}\n---\n\n"


def unreadable_terminal(rows: list[dict], console, lang: str, end: bool = False) -> None:
    from rich.markup import escape

    from .reporters.escape import one_line

    if not rows:
        return
    w = UNREAD_WORDS.get(lang, UNREAD_WORDS["id"])
    if end:
        end_line = w["end"].format(n=len(rows), reports="report" if len(rows) == 1 else "reports")
        console.print(f"[bold red]{escape(end_line)}[/bold red]", soft_wrap=True)
        return
    console.print(f"[bold red]{escape(w['head'].format(n=len(rows)))}[/bold red]", soft_wrap=True)
    for r in rows:  # names and reasons come from the inputs: control characters shown (\x1b), no markup
        console.print(f"  [red]{_label(lang)}[/red] {escape(one_line(r['input']))}: {escape(one_line(r['reason']))}",
                      soft_wrap=True)


def previous_unreadable(path, lang: str):
    """The line `check CURRENT --previous PREVIOUS` adds when last year's report cannot be read:
    a cross-year check was asked for and cannot run (exit 2), and what to do instead."""
    from .corpus.discover import shown

    if lang == "en":
        msg = (f"last year's report ({shown(path)}) could not be read (above), so no cross-year rule was run; "
               "fix that report, or check this report alone without --previous")
    else:
        msg = (f"laporan tahun sebelumnya ({shown(path)}) tidak terbaca (lihat di atas), jadi aturan lintas tahun "
               "tidak dijalankan; perbaiki laporan itu, atau periksa laporan ini saja tanpa --previous")
    return Problem("--previous", None, msg)


def previous_refused(lang: str) -> str:
    """Why `check A B --previous X` (corpus mode) is refused, and what to run instead."""
    if lang == "en":
        return ("only for one report against last year's (check REPORT --previous LAST_YEAR), not in a check of "
                "many reports, a folder, a glob, --output-dir or --dask; for the years of one office run "
                "lkjip-audit history YEAR1 YEAR2 ...")
    return ("hanya untuk satu laporan terhadap laporan tahun lalu (check LAPORAN --previous TAHUN_LALU), tidak dalam "
            "pemeriksaan banyak laporan, folder, glob, --output-dir atau --dask; untuk beberapa tahun satu instansi "
            "jalankan lkjip-audit history TAHUN1 TAHUN2 ...")


def history_dict(datasets, checks: list[dict], trend, fail_on, lang, unreadable=()) -> dict:
    from . import __version__
    from .reporters.common import REPORT_FORMAT

    first = datasets[0].submission
    return {
        "tool": {"name": "lkjip-audit", "version": __version__, "format": REPORT_FORMAT},
        "history": {"instansi": first.get("instansi"), "years": [d.year for d in datasets],
                    "missing_years": missing_years(datasets),
                    "datasets": [{"tahun": d.year, "dataset": str(d.path),
                                  "partial": bool(d.submission.get("partial", False))} for d in datasets],
                    "unreadable": list(unreadable)},
        "checks": checks,
        "trend": trend,
        "passed": not unreadable and not any(c["summary"]["passed"] is False for c in checks),
    }


def cmd_history(args) -> int:
    import io

    from .corpus.pool import default_jobs
    from .corpus.series import check_pairs, load_series
    from .corpus.task import Options, ruleset
    from .engine.crossyear import history_contexts, order_series, trend_table

    args.format, args.output = output_plan(args.format, args.output, args.lang)
    select = tuple(s.strip() for s in args.select.split(",")) if args.select else None
    opts = Options(str(args.rules) if args.rules else None, select, getattr(args, "quick", False), args.fail_on,
                   args.lang, config=str(args.config) if getattr(args, "config", None) else None,
                   no_default_rules=getattr(args, "no_default_rules", False))
    rs = ruleset(opts, frozenset({"previous"}))  # a bad pack: exit 2 before any dataset is read
    jobs = getattr(args, "jobs", None)
    if jobs is not None and jobs < 1:  # as check refuses it (corpus/run.py); 0 ran with every core
        raise InputError(Problem("--jobs", None, "minimal 1" if args.lang == "id" else "at least 1"))
    jobs = jobs or default_jobs()
    args.datasets = expand(args.datasets, args.lang)
    if args.output is not None:
        from .cli import _refuse_overwriting_input

        _refuse_overwriting_input(args)
    datasets, broken = load_series(args.datasets, opts, jobs)
    if broken and len(datasets) < 2:  # nothing left to compare: every problem, exit 2 (as before)
        raise InputError(_once(p for _, problems in broken for p in problems))
    unread = unreadable_rows(broken)
    datasets = order_series(datasets, args.allow_different_office)
    fh = io.StringIO() if args.output and args.format == "table" else None
    console = _console(fh)
    spec = _console_spec(console, fh)
    report_rs = ruleset(opts, frozenset({"previous", "document"})) if any(d.document is not None for d in datasets) \
        else None
    pairs = check_pairs(datasets, rs, args.format, args.fail_on, args.lang, jobs, spec, report_rs)
    marks: dict = {}  # every pair's findings mark the figures of the trend table
    for _, _, m in pairs:
        for k, v in m.items():
            marks.setdefault(k, set()).update(v)
    trend = trend_table(*history_contexts(datasets, rs.concepts, rs.deciders), marks)
    if args.format == "json":
        from .reporters.escape import json_text

        text = json_text(json.dumps(history_dict(datasets, [p for p, _, _ in pairs], trend, args.fail_on, args.lang,
                                                 unread), ensure_ascii=False, indent=2)) + "\n"
        _write(args, text)
    elif args.format == "md":
        from .reporters.escape import md_line

        gap = missing_years(datasets)
        head = f"> **{md_line(gap_note(gap, args.lang, bool(unread)))}**\n\n---\n\n" if gap else ""
        head += unreadable_md(unread, args.lang)
        _write(args, head + "\n---\n\n".join(p for p, _, _ in pairs))
    else:
        from rich.text import Text

        from .reporters.escape import one_line
        from .reporters.trend import render_terminal

        years = [d.year for d in datasets]
        span = f"{min(years)}-{max(years)}" if years else ""
        title = {"id": "riwayat", "en": "history"}.get(args.lang, "riwayat")
        console.rule(Text(f"lkjip-audit {title}: {one_line(datasets[0].submission.get('instansi'))} {span}"))
        gap = missing_years(datasets)
        if gap:
            console.print(Text(gap_note(gap, args.lang, bool(unread)), style="bold yellow"))
        unreadable_terminal(unread, console, args.lang)
        for text, _, _ in pairs:
            console.file.write(text)
        render_terminal(trend, console, args.lang)
        unreadable_terminal(unread, console, args.lang, end=True)
        if fh is not None:
            _write(args, fh.getvalue())
    if args.output:
        print(t("written", path=args.output), file=sys.stderr)
    # the whole series' status, as corpus mode gives a set's: an unread year was not checked (exit 1)
    return 1 if unread or any(failed for _, failed, _ in pairs) else 0


def _once(problems) -> list:
    """Each problem once: a bad --config is every year's problem."""
    out, seen = [], set()
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


def _console(fh):
    from rich.console import Console

    if fh is not None:
        return Console(file=fh, width=160, no_color=True, soft_wrap=True)
    console = Console(highlight=False)
    return console if console.is_terminal else Console(highlight=False, soft_wrap=True)


def _console_spec(console, fh) -> dict:
    """How a worker renders a pair report into text that this console would have printed."""
    if fh is not None:
        return {"width": 160, "no_color": True, "soft_wrap": True}
    if console.is_terminal:
        return {"width": console.width, "highlight": False, "force_terminal": True,
                "color_system": console.color_system}
    return {"width": console.width, "highlight": False, "soft_wrap": True}


def _write(args, text: str) -> None:
    if args.output:
        from .safeio import write_text

        write_text(args.output, text)
    else:
        sys.stdout.write(text)
