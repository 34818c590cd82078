"""`lkjip-audit check A B C...` (more than one input, a folder of reports, or a glob).

discover the inputs -> look each up in the cache -> check the rest on the pool (--jobs) or on Dask
(--dask) -> write each report's findings to --output-dir -> one rekap (terminal, JSON, Markdown, or a
registered format) on stdout or --output.

Exit codes for the whole set: 0 every report was read and passed --fail-on; 1 at least one report
has findings at or above --fail-on **or could not be read** (it was not checked, so the set cannot
be signed off; the rekap says why); 2 usage errors only (no input found, a bad rule pack, options
that do not go together), before any report is checked.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import t
from .discover import shown


def _usage(args) -> None:
    lang = args.lang
    if getattr(args, "previous", None) is not None:
        from ..history import previous_refused

        raise InputError(Problem("--previous", None, previous_refused(lang)))
    for opt, attr in (("--gx-data-docs", "gx_data_docs"),):
        if getattr(args, attr, None) is not None:
            raise InputError(Problem(opt, None, "hanya untuk satu laporan" if lang == "id" else "only for one report"))
    if args.jobs is not None and args.jobs < 1:
        raise InputError(Problem("--jobs", None, "minimal 1" if lang == "id" else "at least 1"))
    if args.jobs is not None and getattr(args, "dask", None) is not None:  # it was ignored without a word
        raise InputError(Problem("--jobs", None, (
            "tidak berlaku dengan --dask: jumlah proses ditentukan oleh pekerja Dask (dask worker --nworkers)"
            if lang == "id" else "does not apply with --dask: the Dask workers set the processes (dask worker --nworkers)")))
    if args.config is not None:
        # one file for every report: a usage error (exit 2) as in a single check, found before the
        # cache key reads it (a FIFO there waited forever, /dev/zero never ended)
        from ..limits import check_regular_file

        check_regular_file(Path(args.config))


def cmd_corpus(args) -> int:
    from .discover import discover
    from .rekap import EXTENSIONS, RENDERERS, Rekap
    from .task import Options

    from ..reporters.formats import plan

    _usage(args)
    fmt = args.format or "table"
    pairs = plan(args.format, args.output, args.lang)  # (format, path or None for stdout)
    for f, _ in pairs + [(fmt, None)]:
        if f not in RENDERERS:
            raise InputError(Problem("--format", None, f"{f}: " + (
                "format ini belum ada untuk rekap" if args.lang == "id" else "no rekap in this format yet")))
    paths = discover(args.dataset, args.lang)
    if args.output_dir is not None:
        paths = _not_in_output_dir(paths, args.output_dir, args.dataset)
    select = tuple(s.strip() for s in args.select.split(",")) if args.select else None
    per_report = (fmt,) if args.output_dir is not None else ()
    opts = Options(str(args.rules) if args.rules else None, select, args.quick, args.fail_on, args.lang, per_report,
                   str(args.config) if args.config else None, args.no_default_rules)
    cache, outcomes, keys, todo = _look_up(args, paths, opts)
    if todo:  # (a report in the cache was checked with these very packs, tool and options: they loaded)
        _check_rules(opts)
    out_dir = _prepare_output_dir(args, paths)
    from ..safeio import input_files, refuse_inputs

    # every input file (a listing of each dataset folder): only needed when a file is written
    written = out_dir is not None or any(out is not None for _, out in pairs)
    inputs = input_files(paths, args.rules) if written else []
    for _, out in pairs:
        if out is not None:
            refuse_inputs(out, inputs)  # never onto a report, a dataset or a rule pack
    if out_dir is not None:  # every report's file, before any report is checked (not half-way through)
        targets = {}
        for name in output_names(paths, EXTENSIONS.get(fmt, fmt)):
            refuse_inputs(out_dir / name, inputs)
            targets[os.path.realpath(out_dir / name)] = name
        for _, out in pairs:  # the rekap (-o) would replace a report's findings file, or be replaced by it
            if out is not None and os.path.realpath(out) in targets:
                raise InputError(Problem(str(out), None, (
                    "berkas ini juga berkas temuan sebuah laporan di --output-dir: pakai nama lain" if args.lang == "id"
                    else "this file is also a report's findings file in --output-dir: use another name")))

    items, todo = _items(paths, todo, outcomes, args.dask is not None)
    fresh = _check(items, keys, todo, cache, opts, args) if items else []
    for j, i in enumerate(todo):
        outcomes[i] = fresh[j]

    if out_dir is not None:
        _write_outputs(out_dir, paths, outcomes, fmt, EXTENSIONS, inputs)
    rekap = Rekap.of(outcomes, args.fail_on)  # type: ignore[arg-type]
    for f, out in pairs:
        _emit(f, out, rekap, RENDERERS, args.lang)
    if cache is not None and cache.hits and sys.stderr.isatty():
        print(("dari cache: " if args.lang == "id" else "from the cache: ") + f"{cache.hits}/{len(paths)}",
              file=sys.stderr)
    return 0 if rekap.passed() else 1


def _look_up(args, paths, opts):
    """Each report's cache key and, when the cache has it, its outcome; `todo`: the indices left to check."""
    outcomes: list[dict | None] = [None] * len(paths)
    keys = [None] * len(paths)
    if args.no_cache:  # the cache module (and hashlib's OpenSSL) not even imported: ~13 M instructions
        return None, outcomes, keys, list(range(len(paths)))  # of the serial start-up (round 9)
    from . import cache as cache_mod

    cache = cache_mod.Cache(args.cache_dir or cache_mod.default_dir(), cache_mod.rules_digest(args.rules),
                            opts.cache_part())
    todo = []
    for i, p in enumerate(paths):
        display = shown(p)
        keys[i] = cache.key(p, display)
        hit = cache.get(keys[i])
        if hit is not None and hit["input"] == display and (not opts.formats or opts.formats[0] in (hit.get("outputs") or {})):
            outcomes[i] = hit
            continue
        todo.append(i)
    return cache, outcomes, keys, todo


def _items(paths, todo, outcomes, send_bytes: bool):
    """The tasks of the reports to check, and their indices. With --dask a report travels as bytes,
    read here (task.item_for): a FIFO waited forever, /dev/zero filled the memory, a file above
    --max-size was sent whole. Such an input gets its row here, in the words of a single check
    (limits), and is not sent."""
    from dataclasses import replace

    from .task import Item, item_for, unreadable

    items, sent = [], []
    for i in todo:
        p = paths[i]
        try:
            items.append(replace(item_for(p, send_bytes=send_bytes), display=shown(p)))
        except InputError as e:
            outcomes[i] = unreadable(Item(shown(p), os.path.abspath(p)), "; ".join(shown(pr) for pr in e.problems))
            continue
        sent.append(i)
    return items, sent


def _check(items, keys, todo, cache, opts, args) -> list[dict]:
    """Check the reports the cache did not answer, on the pool or on Dask. Only called when there is
    one: a re-run that finds every report in the cache imports nothing of the checker (pandas,
    pandera, the engine: ~0,9 s) and starts no worker."""
    from .pool import default_jobs, progress, run_local, show_progress

    with progress(len(items), show_progress()) as advance:
        def done(j, outcome):
            advance()
            if cache is not None:
                cache.put(keys[todo[j]], outcome)

        if args.dask is not None:
            from .dask_backend import run_dask

            fresh = run_dask(items, opts, args.dask, on_done=done)
        else:
            fresh = run_local(items, opts, args.jobs or default_jobs(), on_done=done)
    return fresh


def _check_rules(opts) -> None:
    """A broken rule pack is a usage error for the whole set (exit 2), found before any report is
    checked. Not called when the cache answers every report: the packs are part of its key, so the
    run that stored them loaded these same packs without a problem (and with GX rules, loading
    them imports GX, ~2-5 s, to check their expectations).
    The packs stay loaded (task._RULESETS): the forked workers inherit them instead of reloading.
    The second set holds the first: each pack is read and checked once (loader.shared_packs)."""
    from ..rulepack.loader import shared_packs
    from .task import ruleset

    with shared_packs():
        ruleset(opts, frozenset({"document"}))  # every rule a report file can run
        try:
            ruleset(opts, frozenset())
        except InputError:  # a --select of rules that need a report file (TKS, NAR): each dataset is
            pass            # refused in its row, as its single check refuses it (exit 2)


def _prepare_output_dir(args, paths) -> Path | None:
    d = args.output_dir
    if d is None:
        return None
    if d.exists() and not d.is_dir():
        raise InputError(Problem(str(d), None, "bukan folder" if args.lang == "id" else "not a folder"))
    _refuse_input_folder(d, args, paths)
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        from ..safeio import _os_problem

        raise InputError(Problem(str(d), None, _os_problem(e))) from None
    return d


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _not_in_output_dir(paths: list[Path], out_dir: Path, given) -> list[Path]:
    """The findings files of an earlier run, in an --output-dir inside the corpus, are not reports:
    a folder or glob that holds that folder does not check them (they were counted as reports,
    `dinsos.md` LULUS, and one was then refused as an input to overwrite, exit 2 after every check).
    A dataset folder, or a file named on the command line, stays (and is refused below)."""
    if not out_dir.is_dir():
        return paths
    real = os.path.realpath(out_dir)
    named = {str(a) for a in given}
    return [p for p in paths if str(p) in named or p.is_dir() or p.name in ("dataset.yaml", "dataset.yml")
            or not _inside(os.path.realpath(p), real)]


def _refuse_input_folder(d: Path, args, paths) -> None:
    """--output-dir must hold no input: not a dataset folder (its findings would sit beside
    dataset.yaml and be read as the report's text next time), not the folder of a report file,
    not a folder given to check, nor one that holds any of them."""
    real = os.path.realpath(d)
    for p in list(paths) + [Path(a) for a in args.dataset if Path(a).is_dir()]:
        rp = os.path.realpath(p)
        folder = rp if os.path.isdir(rp) else os.path.dirname(rp)
        if _inside(folder, real):
            raise InputError(Problem(str(d), None, (
                f"folder keluaran berisi masukan ({shown(p)}): pakai folder lain" if args.lang == "id"
                else f"the output folder holds an input ({shown(p)}): use another folder")))


MAX_NAME_BYTES = 150  # of a report's name in --output-dir (leaves room for "-NNN" and the extension)


def output_names(paths: list[Path], ext: str) -> list[str]:
    """One file name per report: the dataset folder's or the report file's name, made unique."""
    names, used = [], set()
    for p in paths:
        base = p.name if p.is_dir() else (p.parent.name if p.name in ("dataset.yaml", "dataset.yml") else p.name)
        base = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in base) or "laporan"
        # a file name holds at most 255 bytes: a longer report name failed the run at its writing
        base = base.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
        name, n = f"{base}.{ext}", 2
        while name in used:
            name, n = f"{base}-{n}.{ext}", n + 1
        used.add(name)
        names.append(name)
    return names


def _write_outputs(out_dir: Path, paths, outcomes, fmt: str, extensions: dict, inputs) -> None:
    """Each checked report's findings, rendered by its worker (task.render: a binary format as base64)."""
    from ..reporters.formats import FORMATS
    from ..safeio import refuse_inputs, write_bytes, write_text

    binary = FORMATS[fmt][1]
    for p, name, o in zip(paths, output_names(paths, extensions.get(fmt, fmt)), outcomes):
        text = (o.get("outputs") or {}).get(fmt)
        if text is None:
            continue
        target = out_dir / name
        refuse_inputs(target, inputs)
        if binary:
            import base64

            write_bytes(target, base64.b64decode(text))
        else:
            write_text(target, text)


def _emit(fmt: str, out: Path | None, rekap, renderers, lang: str) -> None:
    if fmt == "table" and out is None:
        from rich.console import Console

        from .rekap import render_terminal

        console = Console(highlight=False)
        if not console.is_terminal:
            console = Console(highlight=False, width=160)
        render_terminal(rekap, lang, console)
        return
    text = renderers[fmt](rekap, lang)
    if out is not None:
        from ..safeio import write_bytes

        write_bytes(out, text if isinstance(text, bytes) else text.encode("utf-8"))
        print(t("written", path=out), file=sys.stderr)
    elif isinstance(text, bytes):
        sys.stdout.buffer.write(text)
    else:
        sys.stdout.write(text)


def cmd_cache(args) -> int:
    from .cache import clear, default_dir

    folder = args.cache_dir or default_dir()
    n = clear(folder, args.lang)
    print((f"{n} hasil dihapus dari {folder}" if args.lang == "id" else f"{n} results removed from {folder}"))
    return 0
