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
        "extract": "baca laporan (teks/Markdown, DOCX, PDF) dan tulis datasetnya",
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
        "extract": "read a report (text/Markdown, DOCX, PDF) and write its dataset",
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
    c = sub.add_parser("check", parents=[common], help=h["check"])
    c.add_argument("dataset", type=Path, help=h["dataset"])
    c.add_argument("--format", choices=FORMATS, default="table", help=h["format"])
    c.add_argument("--output", "-o", type=Path, default=None, metavar="FILE", help=h["output"])
    c.add_argument("--fail-on", choices=LEVELS, default="error", help=h["fail_on"])
    c.add_argument("--select", default=None, metavar="IDS", help=h["select"])
    sub.add_parser("rules", parents=[common], help=h["rules"])
    e = sub.add_parser("extract", parents=[common], help=h.get("extract"))
    e.add_argument("report", type=Path, help=h.get("report"))
    e.add_argument("--output", "-o", type=Path, default=None, metavar="DATASET_DIR", help=h.get("out_dir"))
    return p


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
    from .readers.dataset import load_dataset
    from .rulepack.loader import load_rules

    select = [s.strip() for s in args.select.split(",")] if getattr(args, "select", None) else None
    ruleset = load_rules(args.rules, select)
    if args.dataset.suffix.lower() not in (".yaml", ".yml") and not args.dataset.is_dir():
        from .readers.report import is_report, load_report

        if is_report(args.dataset):
            return ruleset, load_report(args.dataset, ruleset.concepts)
    dataset = load_dataset(args.dataset, ruleset.concepts)
    return ruleset, dataset


def cmd_rules(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from .rulepack.loader import load_rules

    ruleset = load_rules(args.rules)
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
    ruleset, dataset = _load(args)
    result = audit(dataset, ruleset)
    result.timings["total_s"] = time.perf_counter() - t0
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


def _refuse_overwriting_input(args) -> None:
    from .readers.dataset import dataset_file

    out = args.output.resolve()
    inputs = {dataset_file(args.dataset).resolve()}
    if args.rules:
        inputs |= {p.resolve() for p in Path(args.rules).glob("*.yaml")}
    if out in inputs or (out.exists() and out.is_dir()):
        raise InputError(Problem(str(args.output), None,
                                 "menolak menimpa berkas masukan" if args.lang == "id" else "refusing to overwrite an input file"))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
