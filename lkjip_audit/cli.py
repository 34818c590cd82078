"""Command line: `lkjip-audit check DATASET` and `lkjip-audit rules`.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 bad input or usage.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .errors import InputError, Problem
from .i18n import pick, set_lang, t

FORMATS = ("table", "json", "md")
LEVELS = ("error", "warning", "info")

HELP = {
    "id": {
        "prog": "Memeriksa konsistensi dan perhitungan angka dalam LKjIP sebelum diterbitkan.",
        "check": "periksa satu dataset LKjIP", "rules": "tampilkan aturan yang dimuat",
        "dataset": "folder dataset (berisi dataset.yaml), berkas .yaml, atau berkas laporan (.txt/.md, .docx, .pdf)",
        "rules_dir": "folder paket aturan (bawaan: rules/ proyek)",
        "format": "format laporan: table (terminal), json, md", "output": "tulis laporan ke berkas ini",
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
        "check": "check one LKjIP dataset", "rules": "list the loaded rules",
        "dataset": "dataset folder (holding dataset.yaml), a .yaml file, or a report file (.txt/.md, .docx, .pdf)",
        "rules_dir": "rule pack folder (default: the project's rules/)",
        "format": "report format: table (terminal), json, md", "output": "write the report to this file",
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
    # issue 9: the report's conventions and rule-pack overlays (lkjip_audit/config.py, rulepack/loader.py)
    common.add_argument("--config", type=Path, default=None, metavar="FILE",
                        help="berkas konvensi (lkjip-audit.yaml)" if lang == "id" else "convention file (lkjip-audit.yaml)")
    common.add_argument("--no-default-rules", action="store_true",
                        help="tanpa paket aturan bawaan; hanya --rules" if lang == "id" else "without the shipped rule packs; only --rules")
    c = sub.add_parser("check", parents=[common], help=h["check"])
    c.add_argument("dataset", type=Path, help=h["dataset"])
    c.add_argument("--format", choices=FORMATS, default="table", help=h["format"])
    c.add_argument("--output", "-o", type=Path, default=None, metavar="FILE", help=h["output"])
    c.add_argument("--fail-on", choices=LEVELS, default="error", help=h["fail_on"])
    c.add_argument("--select", default=None, metavar="IDS", help=h["select"])
    c.add_argument("--quick", action="store_true", help=h["quick"])
    c.add_argument("--gx-data-docs", type=Path, default=None, metavar="DIR", help=h["gx_data_docs"])
    c.add_argument("--timings", action="store_true", help=h["timings"])
    sub.add_parser("rules", parents=[common], help=h["rules"])
    _add_crossyear_arguments(sub, common, c, h, lang)
    e = sub.add_parser("extract", parents=[common], help=h.get("extract"))
    e.add_argument("report", type=Path, help=h.get("report"))
    e.add_argument("--output", "-o", type=Path, default=None, metavar="DATASET_DIR", help=h.get("out_dir"))
    e.add_argument("--force", action="store_true", help=h.get("force"))
    return p


XY_HELP = {
    "id": {"previous": "dataset LKjIP tahun sebelumnya dari instansi yang sama (aturan lintas tahun)",
           "allow": "tetap bandingkan walaupun nama instansinya berbeda",
           "history": "periksa serangkaian LKjIP satu instansi (tahun berurutan) dan tampilkan tren per IKU",
           "datasets": "folder dataset (atau folder berisi folder dataset), dua atau lebih"},
    "en": {"previous": "last year's LKjIP dataset of the same office (cross-year rules)",
           "allow": "compare even though the office names differ",
           "history": "check a series of LKjIP of one office (consecutive years) and print the trend per key indicator",
           "datasets": "dataset folders (or a folder of dataset folders), two or more"},
}


def _add_crossyear_arguments(sub, common, check, h, lang) -> None:
    x = XY_HELP.get(lang, XY_HELP["id"])
    check.add_argument("--previous", type=Path, default=None, metavar="PREVIOUS", help=x["previous"])
    check.add_argument("--allow-different-office", action="store_true", help=x["allow"])
    hist = sub.add_parser("history", parents=[common], help=x["history"])
    hist.add_argument("datasets", type=Path, nargs="+", metavar="DIR", help=x["datasets"])
    hist.add_argument("--format", choices=FORMATS, default="table", help=h["format"])
    hist.add_argument("--output", "-o", type=Path, default=None, metavar="FILE", help=h["output"])
    hist.add_argument("--fail-on", choices=LEVELS, default="error", help=h["fail_on"])
    hist.add_argument("--select", default=None, metavar="IDS", help=h["select"])
    hist.add_argument("--allow-different-office", action="store_true", help=x["allow"])


def _skip_unused_imports() -> None:
    """pandera imports hypothesis (for data synthesis, which this tool never uses) the first time it
    validates, when hypothesis is installed, as it is with the test extras: ~100 ms, the whole budget
    of a check. The command-line process declares it absent; a test run (pytest) is left alone."""
    if "hypothesis" not in sys.modules and "pytest" not in sys.modules:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    _skip_unused_imports()
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(argv)
    set_lang(lang)
    args = build_parser(lang).parse_args(argv)  # usage errors exit with code 2
    set_lang(args.lang)
    try:
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "history":
            from .history import cmd_history

            return cmd_history(args)
        if args.command == "extract":
            from .readers.extract_cli import cmd_extract

            return cmd_extract(args)
        return cmd_check(args)
    except InputError as e:
        _print_problems(e.problems)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - a bug must still not greet the user with a traceback
        if os.environ.get("LKJIP_DEBUG"):
            raise
        _print_problems([Problem("lkjip-audit", None, f"kesalahan internal / internal error: {type(e).__name__}: {e} "
                                                      "(jalankan dengan LKJIP_DEBUG=1 untuk rinciannya)")])
        return 2


def _print_problems(problems: list[Problem]) -> None:
    from rich.console import Console
    from rich.markup import escape

    err = Console(stderr=True, highlight=False)
    for p in problems:
        err.print(f"[red]{escape(str(p))}[/red]", soft_wrap=True)


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
    report = False
    if args.dataset.suffix.lower() not in (".yaml", ".yml") and not args.dataset.is_dir():
        from .readers.report import is_report

        report = is_report(args.dataset)
    have = {"previous"} if getattr(args, "previous", None) is not None else set()
    if report:
        have.add("document")
    ruleset = load_rules(None, select, quick=getattr(args, "quick", False), have=have,
                         overlays=[args.rules] if args.rules else [], defaults=not args.no_default_rules)
    from . import config

    if report:
        from .readers.report import load_report

        dataset = load_report(args.dataset, ruleset.concepts)
        return ruleset, config.apply(dataset, config.settings_for(dataset, config.find_files(args.dataset, args.config)))
    dataset = load_dataset(args.dataset, ruleset.concepts)
    config.apply(dataset, config.settings_for(dataset, config.find_files(args.dataset, args.config)))
    if getattr(args, "previous", None) is not None:
        from .engine.crossyear import check_pair

        previous = load_dataset(args.previous, ruleset.concepts)
        check_pair(dataset, previous, args.allow_different_office)
        args.previous_dataset = previous
    return ruleset, dataset


def cmd_rules(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from .rulepack.loader import load_rules

    ruleset = load_rules(None, overlays=[args.rules] if args.rules else [], defaults=not args.no_default_rules)
    table = Table(title=f"{len(ruleset.rules)} aturan" if args.lang == "id" else f"{len(ruleset.rules)} rules")
    for col in ("id", "severity", "kind", "title", "reference"):
        table.add_column(col, overflow="fold")
    for r in ruleset.rules:
        table.add_row(r.id, r.severity, r.kind, pick(r.title, args.lang), r.reference)
    Console().print(table)
    return 0


def cmd_check(args) -> int:
    from .engine.run import audit

    t0 = time.perf_counter()
    _check_gx_options(args)
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
    if args.output is not None:
        _refuse_overwriting_input(args)
    if args.format == "table":
        from rich.console import Console

        from .reporters import terminal

        if args.output:
            with args.output.open("w", encoding="utf-8") as fh:
                terminal.render(result, args.fail_on, Console(file=fh, width=160, no_color=True, soft_wrap=True),
                                args.lang)
        else:
            # piped output is not cut into lines: it stays greppable and copyable
            console = Console(highlight=False)
            if not console.is_terminal:
                console = Console(highlight=False, soft_wrap=True)
            terminal.render(result, args.fail_on, console, args.lang)
    else:
        from .reporters import json_report, markdown_report

        text = (json_report if args.format == "json" else markdown_report).render(result, args.fail_on, args.lang)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    if args.output:
        print(t("written", path=args.output), file=sys.stderr)
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


def _refuse_overwriting_input(args) -> None:
    from .readers.dataset import dataset_file

    out = args.output.resolve()
    inputs = {dataset_file(p).resolve() for p in [getattr(args, "dataset", None), getattr(args, "previous", None),
                                                  *getattr(args, "datasets", [])] if p is not None}
    if args.rules:
        inputs |= {p.resolve() for p in Path(args.rules).glob("*.yaml")}
    if out in inputs or (out.exists() and out.is_dir()):
        raise InputError(Problem(str(args.output), None,
                                 "menolak menimpa berkas masukan" if args.lang == "id" else "refusing to overwrite an input file"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
