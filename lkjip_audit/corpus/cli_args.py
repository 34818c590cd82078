"""The corpus options of `lkjip-audit check` and the `cache` command (kept out of cli.py)."""
from __future__ import annotations

from pathlib import Path

HELP = {
    "id": {"jobs": "jumlah proses pemeriksa (bawaan: jumlah inti CPU)",
           "output_dir": "tulis temuan tiap laporan ke folder DIR (format --format)",
           "cache_dir": "folder cache hasil (bawaan: ~/.cache/lkjip-audit/.lkjip-cache)",
           "no_cache": "jangan pakai dan jangan tulis cache hasil",
           "dask": "jalankan pada klaster Dask (alamat penjadwal, mis. tcp://10.0.0.5:8786)",
           "quick": "lewati paket aturan Great Expectations (mutu data): pemeriksaan cepat",
           "cache": "kelola cache hasil pemeriksaan banyak laporan", "clear": "kosongkan cache"},
    "en": {"jobs": "number of checking processes (default: the number of CPU cores)",
           "output_dir": "write each report's findings to folder DIR (in --format)",
           "cache_dir": "result cache folder (default: ~/.cache/lkjip-audit/.lkjip-cache)",
           "no_cache": "neither use nor write the result cache",
           "dask": "run on a Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786)",
           "quick": "skip the Great Expectations (data quality) rule packs: a fast check",
           "cache": "manage the result cache of multi-report checks", "clear": "empty the cache"},
}


def add_check_arguments(check, lang: str) -> None:
    h = HELP.get(lang, HELP["id"])
    check.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help=h["jobs"])
    check.add_argument("--output-dir", type=Path, default=None, metavar="DIR", help=h["output_dir"])
    check.add_argument("--cache-dir", type=Path, default=None, metavar="DIR", help=h["cache_dir"])
    check.add_argument("--no-cache", action="store_true", help=h["no_cache"])
    check.add_argument("--dask", default=None, metavar="SCHEDULER_ADDRESS", help=h["dask"])


def add_history_arguments(hist, lang: str) -> None:
    h = HELP.get(lang, HELP["id"])
    hist.add_argument("--quick", action="store_true", help=h["quick"])
    hist.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help=h["jobs"])


def add_cache_command(sub, common, lang: str) -> None:
    h = HELP.get(lang, HELP["id"])
    c = sub.add_parser("cache", parents=[common], help=h["cache"])
    c.add_argument("action", choices=("clear",), help=h["clear"])
    c.add_argument("--cache-dir", type=Path, default=None, metavar="DIR", help=h["cache_dir"])


def is_corpus(args) -> bool:
    """More than one input, a folder of reports, a glob, or --output-dir / --dask: corpus mode.
    One plain input keeps the single-report check, its output and its exit codes unchanged."""
    from .discover import expands

    return (len(args.dataset) > 1 or expands(args.dataset[0]) or args.output_dir is not None
            or args.dask is not None)
