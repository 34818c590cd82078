"""Command line: `lkjip-audit check DATASET` and `lkjip-audit rules`.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import process_exit  # first: its exit handler must run after every other one (process_exit.py)
from .errors import InputError, Problem
from .i18n import pick, set_lang, t

FORMATS = ("table", "json", "md")  # history; check has every format of reporters/formats.py
CHECK_FORMATS = ("table", "json", "md", "html", "xlsx", "docx", "sarif", "junit")
LEVELS = ("error", "warning", "info")

HELP = {
    "id": {
        "prog": "Memeriksa konsistensi dan perhitungan angka dalam LKjIP sebelum diterbitkan.",
        "check": "periksa satu LKjIP, atau banyak sekaligus (rekap)", "rules": "tampilkan aturan yang dimuat",
        "dataset": "folder dataset (berisi dataset.yaml), berkas .yaml, atau berkas laporan (.txt/.md, .docx, .pdf); beberapa, folder berisi laporan, atau glob: rekap",
        "rules_dir": "folder paket aturan (bawaan: rules/ proyek)",
        "format": "format laporan: table (terminal), json, md", "output": "tulis laporan ke berkas ini",
        "format_all": "format laporan: table (terminal), json, md, html, xlsx (KKR), docx (draf LHR), sarif, junit",
        "outputs": "tulis laporan ke berkas ini (format ditebak dari akhirannya; boleh diulang)",
        "annotate": "beri komentar (DOCX) atau sorotan (PDF) pada angka yang disebut temuan, di salinan laporan",
        "annotate_out": "berkas salinan beranotasi (tidak boleh sama dengan laporan)",
        "fail_on": "tingkat temuan yang membuat kode keluar 1 (bawaan: error)",
        "lang": "bahasa pesan: id (bawaan) atau en", "select": "hanya aturan dengan awalan id ini (mis. CAP,TOT001)",
        "quick": "lewati paket aturan Great Expectations (mutu data): pemeriksaan cepat",
        "gx_data_docs": "tulis situs Data Docs Great Expectations untuk pemeriksaan ini ke folder DIR",
        "timings": "cantumkan waktu proses di ringkasan laporan JSON dan Markdown",
        "extract": "baca laporan (teks/Markdown, DOCX, PDF) dan tulis datasetnya",
        "force": "timpa dataset.yaml yang sudah ada",
        "report": "berkas laporan LKjIP (.txt/.md, .docx, .pdf)", "out_dir": "folder dataset keluaran (bawaan: cetak ke layar)",
    },
    "en": {
        "prog": "Check the figures of an LKjIP for inconsistencies and miscomputations before publication.",
        "check": "check one LKjIP, or many at once (a rekap)", "rules": "list the loaded rules",
        "dataset": "dataset folder (holding dataset.yaml), a .yaml file, or a report file (.txt/.md, .docx, .pdf); several, a folder of reports, or a glob: a rekap",
        "rules_dir": "rule pack folder (default: the project's rules/)",
        "format": "report format: table (terminal), json, md", "output": "write the report to this file",
        "format_all": "report format: table (terminal), json, md, html, xlsx (review working paper), docx (draft review report), sarif, junit",
        "outputs": "write the report to this file (format inferred from its extension; may be repeated)",
        "annotate": "add comments (DOCX) or highlights (PDF) at the figures the findings name, in a copy of the report",
        "annotate_out": "the annotated copy (must not be the report itself)",
        "fail_on": "severity that makes the exit code 1 (default: error)",
        "lang": "message language: id (default) or en", "select": "only rules whose id starts with these (e.g. CAP,TOT001)",
        "quick": "skip the Great Expectations (data quality) rule packs: a fast check",
        "gx_data_docs": "write the Great Expectations Data Docs site of this check to folder DIR",
        "timings": "include the timings in the summary of the JSON and Markdown reports",
        "extract": "read a report (text/Markdown, DOCX, PDF) and write its dataset",
        "force": "replace an existing dataset.yaml",
        "report": "LKjIP report file (.txt/.md, .docx, .pdf)", "out_dir": "output dataset folder (default: print it)",
    },
}


SAFE_HELP = ("batas ukuran berkas masukan dalam MB (bawaan 50)", "input file size limit in MB (default 50)")


def _lang_from_argv(argv) -> str:
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return os.environ.get("LKJIP_LANG", "id")


def build_parser(lang: str) -> argparse.ArgumentParser:
    h = HELP.get(lang, HELP["id"])
    p = argparse.ArgumentParser(prog="lkjip-audit", description=h["prog"])
    sub = p.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--rules", type=Path, default=None, metavar="DIR", help=h["rules_dir"])
    common.add_argument("--lang", choices=("id", "en"), default=lang, help=h["lang"])
    common.add_argument("--max-size", type=float, default=None, metavar="MB", help=SAFE_HELP[h is HELP["en"]])
    # issue 9: the report's conventions and rule-pack overlays (lkjip_audit/config.py, rulepack/loader.py)
    common.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="berkas konvensi (lkjip-audit.yaml)" if lang == "id" else "convention file (lkjip-audit.yaml)")
    common.add_argument("--no-default-rules", action="store_true",
                        help="tanpa paket aturan bawaan; hanya --rules" if lang == "id" else "without the shipped rule packs; only --rules")
    c = sub.add_parser("check", parents=[common], help=h["check"])
    c.add_argument("dataset", type=Path, nargs="+", help=h["dataset"])
    c.add_argument("--format", choices=CHECK_FORMATS, default=None, help=h["format_all"])
    c.add_argument("--output", "-o", type=Path, action="append", default=None, metavar="FILE", help=h["outputs"])
    c.add_argument("--fail-on", choices=LEVELS, default="error", help=h["fail_on"])
    c.add_argument("--select", default=None, metavar="IDS", help=h["select"])
    c.add_argument("--quick", action="store_true", help=h["quick"])
    c.add_argument("--gx-data-docs", type=Path, default=None, metavar="DIR", help=h["gx_data_docs"])
    c.add_argument("--timings", action="store_true", help=h["timings"])
    sub.add_parser("rules", parents=[common], help=h["rules"])
    _add_crossyear_arguments(sub, common, c, h, lang)
    a = sub.add_parser("annotate", parents=[common], help=h["annotate"])  # lkjip_audit/annotate/
    a.add_argument("report", type=Path, help=h["report"])
    a.add_argument("--output", "-o", type=Path, required=True, metavar="FILE", help=h["annotate_out"])
    a.add_argument("--fail-on", choices=LEVELS, default="error", help=h["fail_on"])
    a.add_argument("--select", default=None, metavar="IDS", help=h["select"])
    a.add_argument("--quick", action="store_true", help=h["quick"])
    from .corpus.cli_args import add_cache_command, add_check_arguments  # corpus mode (issue 12)

    add_check_arguments(c, lang)
    add_cache_command(sub, common, lang)
    e = sub.add_parser("extract", parents=[common], help=h.get("extract"))
    e.add_argument("report", type=Path, help=h.get("report"))
    e.add_argument("--output", "-o", type=Path, default=None, metavar="DATASET_DIR", help=h.get("out_dir"))
    e.add_argument("--force", action="store_true", help=h.get("force"))
    return p


XY_HELP = {
    "id": {"previous": "dataset LKjIP tahun sebelumnya dari instansi yang sama (aturan lintas tahun)",
           "allow": "tetap bandingkan walaupun nama instansinya berbeda",
           "history": "periksa serangkaian LKjIP satu instansi (tahun berurutan) dan tampilkan tren per IKU",
           "datasets": "folder dataset atau berkas laporan (atau folder berisinya), dua atau lebih"},
    "en": {"previous": "last year's LKjIP dataset of the same office (cross-year rules)",
           "allow": "compare even though the office names differ",
           "history": "check a series of LKjIP of one office (consecutive years) and print the trend per key indicator",
           "datasets": "dataset folders or report files (or a folder of them), two or more"},
}


def _add_crossyear_arguments(sub, common, check, h, lang) -> None:
    x = XY_HELP.get(lang, XY_HELP["id"])
    check.add_argument("--previous", type=Path, default=None, metavar="PREVIOUS", help=x["previous"])
    check.add_argument("--allow-different-office", action="store_true", help=x["allow"])
    hist = sub.add_parser("history", parents=[common], help=x["history"])
    hist.add_argument("datasets", type=Path, nargs="+", metavar="DIR", help=x["datasets"])
    hist.add_argument("--format", choices=FORMATS, default=None, help=h["format"])  # None: from -o's extension
    hist.add_argument("--output", "-o", type=Path, action="append", default=None, metavar="FILE", help=h["output"])
    hist.add_argument("--fail-on", choices=LEVELS, default="error", help=h["fail_on"])
    hist.add_argument("--select", default=None, metavar="IDS", help=h["select"])
    hist.add_argument("--allow-different-office", action="store_true", help=x["allow"])
    from .corpus.cli_args import add_history_arguments  # --quick, --jobs (issue 12)

    add_history_arguments(hist, lang)


def _skip_unused_imports() -> None:
    """pandera imports hypothesis (for data synthesis, which this tool never uses) the first time it
    validates, when hypothesis is installed, as it is with the test extras: ~100 ms, the whole budget
    of a check. The command-line process declares it absent; a test run (pytest) is left alone."""
    if "hypothesis" not in sys.modules and "pytest" not in sys.modules:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    from .corpus.collector import command  # the garbage collector kept out of start-up's way (issue 12)

    with command():
        code = _main(argv)
    if argv is None:  # the program itself (console script, python -m): a quick exit (process_exit.py)
        process_exit.end_with(code)
    return code


def _main(argv: list[str] | None) -> int:
    _skip_unused_imports()
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(argv)
    set_lang(lang)
    from .cli_id import localise_argparse

    localise_argparse(lang)
    args = build_parser(lang).parse_args(argv)  # usage errors exit with code 2
    set_lang(args.lang)
    try:
        from . import limits

        limits.set_max_size(getattr(args, "max_size", None))
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "history":
            from .history import cmd_history

            return cmd_history(args)
        if args.command == "annotate":
            from .annotate import cmd_annotate

            return cmd_annotate(args, _load)
        if args.command == "extract":
            from .readers.extract_cli import cmd_extract

            return cmd_extract(args)
        if args.command == "cache":  # corpus mode (issue 12): `cache clear`
            from .corpus.run import cmd_cache

            return cmd_cache(args)
        from .corpus.cli_args import is_corpus  # many reports -> corpus mode (issue 12)

        if is_corpus(args):
            from .corpus.run import cmd_corpus

            return cmd_corpus(args)
        args.dataset = args.dataset[0]
        return cmd_check(args)
    except InputError as e:
        _print_problems(e.problems)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `| head` stopped reading: nothing more to say, and no traceback
        from .safeio import quiet_broken_pipe

        quiet_broken_pipe()
        return 141
    except Exception as e:  # noqa: BLE001 - a bug must still not greet the user with a traceback
        if os.environ.get("LKJIP_DEBUG"):
            raise
        _print_problems([Problem("lkjip-audit", None, f"kesalahan internal / internal error: {type(e).__name__}: {e} "
                                                      "(jalankan dengan LKJIP_DEBUG=1 untuk rinciannya)")])
        return 2


def _print_problems(problems: list[Problem]) -> None:
    from rich.console import Console
    from rich.markup import escape

    from .reporters.escape import plain

    err = Console(stderr=True, highlight=False)
    for p in problems:  # a problem quotes its input (a key, an expression): no markup, no control codes
        err.print(f"[red]{escape(plain(str(p)))}[/red]", soft_wrap=True)


def _load(args):
    import gc

    from .engine import run  # noqa: F401 - imported before the freeze below
    from .readers.dataset import load_dataset
    from .rulepack.loader import load_rules

    # Everything imported so far (pandas, pandera, rich: ~10^6 objects) lives until the process ends.
    # Freezing it keeps the garbage collector's full passes from walking it again during the check:
    # ~40 ms of a ~90 ms check (benchmarks/bench_check.py).
    gc.freeze()
    select = [s.strip() for s in args.select.split(",")] if getattr(args, "select", None) else None
    report = _is_report_input(args.dataset)
    have = {"previous"} if getattr(args, "previous", None) is not None else set()
    if report:
        have.add("document")
    ruleset = load_rules(None, select, quick=getattr(args, "quick", False), have=have,
                         overlays=[args.rules] if args.rules else [], defaults=not args.no_default_rules)
    from . import config

    if report:
        from .readers.report import load_report

        dataset = load_report(args.dataset, ruleset.concepts)
    else:
        dataset = load_dataset(args.dataset, ruleset.concepts)
    # the report's conventions: lkjip-audit.yaml beside it, over --config (lkjip_audit/config.py)
    config.apply_for(dataset, args.dataset, args.config)
    if getattr(args, "previous", None) is not None:
        from .engine.crossyear import check_pair

        try:
            if _is_report_input(args.previous):
                from .readers.report import load_report

                previous = load_report(args.previous, ruleset.concepts)
            else:
                previous = load_dataset(args.previous, ruleset.concepts)
            # last year's figures are read under last year's conventions (its lkjip-audit.yaml, --config)
            config.apply_for(previous, args.previous, args.config)
        except InputError as e:  # say that it is last year's report, and what to do (history.py)
            from .history import previous_unreadable

            raise InputError(e.problems + [previous_unreadable(args.previous, args.lang)]) from None
        check_pair(dataset, previous, args.allow_different_office)
        args.previous_dataset = previous
    return ruleset, dataset


def _is_report_input(path: Path) -> bool:
    """readers.report.is_report_input; a report file must be a regular file (not a FIFO, a device)."""
    from . import limits
    from .readers.report import is_report_input

    if not is_report_input(path):
        return False
    limits.check_regular_file(path)
    return True


def cmd_rules(args) -> int:
    """The loaded rules as a plain aligned list (no rich table: listing ~80 rules stays well under a
    second, and no GX import: expectation arguments are checked when a check runs them)."""
    import shutil
    import textwrap

    from .reporters.escape import one_line
    from .rulepack.loader import load_rules

    ruleset = load_rules(None, overlays=[args.rules] if args.rules else [], defaults=not args.no_default_rules,
                         check_gx=False)
    heads = ("id", "tingkat", "jenis", "judul", "acuan") if args.lang == "id" else \
        ("id", "severity", "kind", "title", "reference")
    width = max(shutil.get_terminal_size((100, 24)).columns, 60)
    rows = [(one_line(r.id), one_line(r.severity), one_line(r.kind), one_line(pick(r.title, args.lang)),
             one_line(r.reference)) for r in ruleset.rules]
    w = [max([len(h)] + [len(x[i]) for x in rows]) for i, h in enumerate(heads[:3])]
    indent = sum(w) + 6
    room = max(width - indent, 20)
    out = [f"{len(rows)} {'aturan' if args.lang == 'id' else 'rules'}",
           f"{heads[0]:<{w[0]}}  {heads[1]:<{w[1]}}  {heads[2]:<{w[2]}}  {heads[3]} / {heads[4]}"]
    for rid, sev, kind, title, ref in rows:
        lines = textwrap.wrap(title, room) or [""]
        lines += textwrap.wrap(f"{heads[4]}: {ref}", room)
        out.append(f"{rid:<{w[0]}}  {sev:<{w[1]}}  {kind:<{w[2]}}  {lines[0]}")
        out += [" " * indent + x for x in lines[1:]]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def cmd_check(args) -> int:
    from .engine.run import audit
    from .reporters.formats import plan, refuse_inputs, write_all

    t0 = time.perf_counter()
    _check_gx_options(args)
    pairs = plan(args.format, args.output, args.lang)  # every output checked before the report is
    refuse_inputs([p for _, p in pairs if p is not None], _input_files(args))
    ruleset, dataset = _load(args)
    result = audit(dataset, ruleset, getattr(args, "previous_dataset", None), gx_data_docs=args.gx_data_docs)
    result.timings["total_s"] = time.perf_counter() - t0
    result.show_timings = args.timings
    if args.gx_data_docs is not None:
        if result.gx is None:
            print("tidak ada aturan Great Expectations yang dipilih: Data Docs tidak ditulis" if args.lang == "id"
                  else "no Great Expectations rule selected: no Data Docs written", file=sys.stderr)
        else:
            print(t("written", path=args.gx_data_docs / "index.html"), file=sys.stderr)
    write_all(pairs, result, args.fail_on, args.lang, lambda path: t("written", path=path))
    return 1 if result.at_or_above(args.fail_on) else 0


def _check_gx_options(args) -> None:
    """--gx-data-docs needs the GX packs (not --quick) and a folder, not a file."""
    d = args.gx_data_docs
    if d is None:
        return
    if args.quick:
        raise InputError(Problem("--gx-data-docs", None, "tidak dapat dipakai bersama --quick" if args.lang == "id"
                                 else "cannot be used together with --quick"))
    if d.exists() and not d.is_dir():
        raise InputError(Problem(str(d), None, "bukan folder" if args.lang == "id" else "not a folder"))
    from .gx.docs import check_target

    check_target(d)  # never delete or overwrite files that are not an lkjip-audit site


def _input_files(args) -> list[Path]:
    from .safeio import input_files

    return input_files([getattr(args, "dataset", None), getattr(args, "previous", None),
                        *(getattr(args, "datasets", None) or [])], args.rules)


def _refuse_overwriting_input(args) -> None:
    """-o must not lead to any input (safeio.py): dataset, report beside it, rule packs, links."""
    from .safeio import refuse_inputs

    refuse_inputs(args.output, _input_files(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
