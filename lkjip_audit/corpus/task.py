"""The per-report task: check one report and return its rekap row and rendered findings.

It runs in a worker process (pool.py), on a Dask worker (dask_backend.py) or in-process (one job).
Everything it takes and returns is plain data (picklable): `Options`, `Item`, and an outcome dict.
A worker keeps the rule packs it loaded (`_RULESETS`, one per set of packs a report needs), so a
worker pays the imports and the rule loading once, not once per report.

A report that cannot be read (missing file, bad dataset, scanned PDF, not an LKjIP, ...) gives an
outcome with `status: "unreadable"` and the reason; it never raises, so it never stops the others.
"""
from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TOP_RULES = 3


@dataclass(frozen=True)
class Options:
    rules: str | None = None
    select: tuple[str, ...] | None = None
    quick: bool = False
    fail_on: str = "error"
    lang: str = "id"
    formats: tuple[str, ...] = ()   # per-report findings to render (--output-dir), e.g. ("json", "md")
    config: str | None = None       # --config: the pemda-wide conventions (lkjip_audit/config.py)
    no_default_rules: bool = False  # --no-default-rules: only the packs of `rules`

    def cache_part(self) -> dict:
        return {"rules": self.rules, "select": self.select, "quick": self.quick, "fail_on": self.fail_on,
                "lang": self.lang, "formats": sorted(self.formats), "config": _digest(self.config),
                "no_default_rules": self.no_default_rules}


def _digest(path: str | None) -> str | None:
    """The content of a file named by an option, for the cache key (a changed --config rechecks all)."""
    if path is None:
        return None
    import hashlib

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return path


def apply_config(dataset, path: Path, opts: Options) -> None:
    """The report's conventions: lkjip-audit.yaml beside it, over --config (as a single check does)."""
    from .. import config

    config.apply_for(dataset, path, Path(opts.config) if opts.config else None)
    if SHOWN:
        _sources_as_given(dataset)


@dataclass(frozen=True)
class Item:
    """One input. `display` is how the rekap names it (the path as given); `data` (file name ->
    bytes) is set when the file travels with the task (Dask without a shared path)."""
    display: str
    path: str
    data: dict = field(default=None, compare=False, hash=False)  # type: ignore[assignment]


_RULESETS: dict = {}
_PREPARED: set = set()


def prepare(opts: Options, reports: bool = False) -> None:
    """What every check needs, done once per process: the imports (the engine, the dataset reader),
    the rule packs and the facts' check (readers/facts.py sound). A pool's parent
    calls it before forking, so the workers inherit it instead of each paying it again (~1 s of CPU
    per worker, benchmarks/bench_corpus.py). Only what this run uses:
    the reporters when each report's findings are rendered (--output-dir), the report readers
    (text, tables, sentences) when `reports` (a report file among the inputs); a worker imports
    anything else it meets itself."""
    from ..cli import _skip_unused_imports

    _skip_unused_imports()
    if opts.formats:
        from ..reporters.formats import module

        for fmt in opts.formats:
            module(fmt)
    if reports:
        from ..engine import document_checks  # noqa: F401
        from ..readers import doc_text, extract, inline_formulas, narrative_general  # noqa: F401
    key = (opts.rules, opts.select, opts.quick, opts.no_default_rules)
    if key in _PREPARED:
        return
    import resource  # noqa: F401  (worker_info)

    from .. import config  # noqa: F401
    from ..engine import run  # noqa: F401
    from ..readers import dataset, report  # noqa: F401
    from . import batch  # noqa: F401

    from ..errors import InputError

    try:
        rs = ruleset(opts, frozenset())
    except InputError:  # a --select of text rules only: no dataset can be checked (each row says why)
        rs = ruleset(opts, frozenset({"document"}))
    _warm_facts(rs.concepts)
    _PREPARED.add(key)


def _warm_facts(concepts) -> None:
    """Make the check every report's fact tuples get (readers/facts.py `warm_up`), once, before the
    pool forks. Neither pandas nor pandera is imported: only facts that check does not accept need
    them, and the worker that meets such a report imports them then (~0,4 s each)."""
    from ..readers import facts

    try:
        facts.warm_up(concepts)
    except Exception:  # noqa: BLE001 - only a warm-up: the real tables are validated anyway
        pass


def init_worker(opts: Options) -> None:
    """Pool initializer: import once, load the rule packs once, freeze the imported heap."""
    import gc

    prepare(opts)
    _set_lang(opts.lang)
    gc.freeze()


def _set_lang(lang: str) -> None:
    from ..i18n import set_lang

    set_lang(lang)


def ruleset(opts: Options, have: frozenset):
    key = (opts.rules, opts.select, opts.quick, opts.no_default_rules, have)
    if key not in _RULESETS:
        from ..rulepack.loader import load_rules

        _RULESETS[key] = load_rules(None, list(opts.select) if opts.select else None, quick=opts.quick,
                                    have=set(have), overlays=[Path(opts.rules)] if opts.rules else [],
                                    defaults=not opts.no_default_rules)
    return _RULESETS[key]


def check_item(item: Item, opts: Options) -> dict:
    """Check one report; never raises for bad input."""
    from ..errors import InputError

    _set_lang(opts.lang)
    t0 = time.perf_counter()
    tmp = None
    try:
        if item.data is not None:
            with tempfile.TemporaryDirectory(prefix="lkjip-") as tmp:
                path = _materialise(item, Path(tmp))
                out = _check(path, item, opts)
        else:
            out = _check(Path(item.path), item, opts)
    except InputError as e:
        out = unreadable(item, "; ".join(_as_given(str(p), item, tmp) for p in e.problems[:5]))
    except Exception as e:  # noqa: BLE001 - one broken report must not stop the others
        out = unreadable(item, f"kesalahan internal / internal error: {type(e).__name__}: {e}")
    out["seconds"] = round(time.perf_counter() - t0, 4)
    out["worker"] = worker_info()  # for benchmarks; not in the rekap
    return out


def worker_info() -> dict:
    return {"pid": os.getpid(), "max_rss_mb": _max_rss_mb()}


def _max_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KB on Linux


def unreadable(item: Item, reason: str) -> dict:
    """The rekap row of a report that could not be read. The row names the input, so a problem
    about the input itself, with no line, is not prefixed with it again ("x.txt: x.txt: ...");
    a problem at a line, or in another file (its dataset.yaml, a config), keeps its place."""
    prefix = f"{item.display}: "
    reason = "; ".join(part[len(prefix):] if part.startswith(prefix) else part for part in reason.split("; "))
    return {"input": item.display, "status": "unreadable", "reason": reason, "instansi": None, "tahun": None,
            "errors": 0, "warnings": 0, "infos": 0, "unplaced": 0, "unreadable_figures": 0, "not_evaluated": 0, "top_rules": [],
            "passed": False, "pages": 0, "outputs": {}}


# A file written on this worker -> how the user named it (a temporary copy of a report's folder, the
# --config sent along): the conventions' sources ("dinyatakan di lkjip-audit.yaml:1" in a finding)
# name the user's file, never the worker's copy.
SHOWN: dict[str, str] = {}


def _materialise(item: Item, tmp: Path) -> Path:
    """Write the item's files into `tmp`; the path to check: the folder for a dataset, else the
    report file (the first entry is the input, any other its conventions file)."""
    for name, data in item.data.items():
        (tmp / Path(name).name).write_bytes(data)
    first = next(iter(item.data))
    if len(SHOWN) > 4096:  # one entry per report checked here; the folders are gone
        SHOWN.clear()
    SHOWN[str(tmp)] = item.display if first == "dataset.yaml" else str(Path(item.display).parent)
    return tmp if first == "dataset.yaml" else tmp / Path(first).name


def _shown(text: str) -> str:
    for local, given in SHOWN.items():
        if text.startswith(local) and text[len(local):len(local) + 1] in ("", os.sep, ":"):
            return given + text[len(local):]
    return text


def _sources_as_given(dataset) -> None:
    """Where each convention was declared (settings' sources, an IKU's declared_in), as the user names it."""
    from dataclasses import replace

    settings = getattr(dataset, "settings", None) or {}
    if settings.get("sources"):
        settings["sources"] = {k: _shown(v) for k, v in settings["sources"].items()}
    for rule in settings.get("indicators") or []:
        if isinstance(rule.get("source"), str):
            rule["source"] = _shown(rule["source"])
    for key, s in list(dataset.subjects.items()):
        where = s.attrs.get("declared_in") if isinstance(s.attrs, dict) else None
        if isinstance(where, str) and _shown(where) != where:
            dataset.subjects[key] = replace(s, attrs={**s.attrs, "declared_in": _shown(where)})


def _as_given(text: str, item: Item, tmp: str | None) -> str:
    """A message about the input names it as the user gave it (not the worker's temp copy)."""
    if tmp is None:
        return text.replace(item.path, item.display) if item.path != item.display else text
    where = item.display if next(iter(item.data)) == "dataset.yaml" else str(Path(item.display).parent)
    return text.replace(tmp, where)


def _check(path: Path, item: Item, opts: Options) -> dict:
    from ..engine.run import audit
    from ..readers.dataset import load_dataset
    from ..readers.report import is_report_input  # as the single check decides (not is_report's sniffing)

    report = is_report_input(path)
    rs = ruleset(opts, frozenset({"document"}) if report else frozenset())
    if report:
        from ..readers.report import load_report

        dataset = load_report(path, rs.concepts)
        if dataset.document is not None:
            dataset.document.path = item.display
    else:
        dataset = load_dataset(path, rs.concepts)
    apply_config(dataset, path, opts)
    dataset.path = Path(item.display)
    result = audit(dataset, rs)
    return outcome(item, result, opts)


def outcome(item: Item, result, opts: Options) -> dict:
    counts = result.counts()
    sub = result.dataset.submission
    extraction = getattr(result.dataset, "extraction", None)
    document = getattr(result.dataset, "document", None)
    from ..engine.findings import SEVERITY_ORDER
    from ..readers.dataset import count_status

    counts_by_rule = Counter(f.rule.id for f in result.findings)
    worst = {}
    for f in result.findings:
        worst[f.rule.id] = min(worst.get(f.rule.id, 9), SEVERITY_ORDER[f.severity])
    top = sorted(counts_by_rule.items(), key=lambda kv: (worst[kv[0]], -kv[1], kv[0]))  # errors first
    return {
        "input": item.display, "status": "checked", "reason": None,
        "instansi": sub.get("instansi"), "tahun": sub.get("tahun"),
        "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
        "unplaced": len(extraction.unplaced) if extraction is not None else 0,
        "unreadable_figures": count_status(result.dataset, "tidak_terbaca"),
        # figures read that no rule reads (the single check's read_not_evaluated)
        "not_evaluated": len(getattr(extraction, "not_evaluated", None) or []) if extraction is not None else 0,
        "top_rules": [[rid, n] for rid, n in top[:TOP_RULES]],
        "passed": not result.at_or_above(opts.fail_on),
        "pages": len(set(document.pages.values())) if document is not None and document.pages else 0,
        "outputs": {fmt: render(result, fmt, opts) for fmt in opts.formats},
    }


def render(result, fmt: str, opts: Options) -> str:
    """One report's findings in `fmt`, made as a single check makes them (reporters/formats.py); a
    binary format (xlsx) as base64 text, so that an outcome stays JSON (the cache) and picklable.
    run.py's _write_outputs turns it back into the file's bytes."""
    from ..reporters.formats import render as render_format

    data = render_format(fmt, result, opts.fail_on, opts.lang)
    if isinstance(data, bytes):
        import base64

        return base64.b64encode(data).decode("ascii")
    return data


def item_for(path: Path, send_bytes: bool = False) -> Item:
    """The task input for one discovered path; with `send_bytes` the file's content travels with it,
    and so does the conventions file that applies to it (lkjip-audit.yaml in its folder), so that a
    worker without the folder gives the same result. Read within the limits (limits.read_bytes):
    InputError for what a check on this machine refuses (a FIFO, a file past --max-size)."""
    from ..config import beside
    from ..limits import read_bytes

    display = str(path)
    if not send_bytes:
        return Item(display, os.path.abspath(path))
    if path.is_dir():
        data = {"dataset.yaml": read_bytes(path / "dataset.yaml")}
    else:
        data = {path.name: read_bytes(path)}
    conventions = beside(path)
    if conventions.is_file() and conventions.name not in data:
        data[conventions.name] = read_bytes(conventions)
    return Item(display, os.path.abspath(path), data)
