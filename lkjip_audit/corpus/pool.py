"""Run the per-report tasks on this machine: a pool of worker processes (`--jobs N`).

Each worker is started once (fork on Linux: it inherits the imports the parent already paid),
runs `task.init_worker` (rule packs loaded once, imported heap frozen) and then checks report after
report. One job checks in this process. A worker that dies (killed, out of memory) breaks the pool:
the reports it had not returned are given to a fresh pool, up to RETRIES times, and only then
listed as unreadable with that reason - a report is never silently lost.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from .task import Item, Options, init_worker, prepare, unreadable

RETRIES = 2


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def progress(total: int, enabled: bool, label: str = "memeriksa"):
    """A rich progress bar (count, rate, ETA) on stderr when stdout is a terminal; else nothing."""
    if not enabled or total < 2:
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    class Rate(TextColumn):
        def render(self, task):  # reports per second
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f}/s" if speed else "-/s")

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), Rate(""), TimeElapsedColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


def show_progress() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


MAX_CHUNK = 48
MAX_CHUNK_GX = 48
TASKS_PER_WORKER = 3


def chunk_size(n: int, jobs: int, gx: bool = False) -> int:
    """Reports per task: enough for one fact table and one pandera validation to serve many
    (corpus/batch.py; per dataset, table + validation + cut, benchmarks/bench_worker.py at load 3-4:
    3,5 ms in chunks of 16, ~2 ms at 32-34, 1,7-2,6 ms at 64), small enough that every worker
    gets about three tasks (balance, progress, less to redo on a death).
    With GX (not --quick) a chunk's expectations are validated together (gx/batch.py), whose cost
    per report falls with the chunk (0,46 s at 16, 0,30 s at 48 on the loaded 2-core machine): up to
    48 reports, two tasks per worker.
    With --quick the number of chunks is a multiple of the workers, so that no worker is left alone
    with a last chunk while the others wait (400 reports on 2 workers: 10 chunks of 40, not 8 of 48
    and a ninth of 16, which left one core idle for most of a chunk at the end)."""
    if gx:
        return max(1, min(MAX_CHUNK_GX, -(-n // (jobs * 2))))
    return max(1, -(-n // _tasks(n, jobs)))


def _tasks(n: int, jobs: int) -> int:
    """How many --quick chunks: about TASKS_PER_WORKER per worker, more when they would pass MAX_CHUNK."""
    return jobs * max(TASKS_PER_WORKER, -(-n // (jobs * MAX_CHUNK)))


def chunks(indices: list[int], size: int) -> list[list[int]]:
    return [indices[k:k + size] for k in range(0, len(indices), size)]


MIN_CHUNK = 2  # the smallest --quick chunk: a chunk's own cost is ~nothing since no table is made per chunk


def pool_chunks(indices: list[int], jobs: int, gx: bool = False) -> list[list[int]]:
    """The chunks a pool of `jobs` workers is given, in the order given. With --quick, chunks that
    shrink as the work runs out ("factoring"): each round gives every worker a chunk of half the
    reports left divided by the workers, at most MAX_CHUNK and at least MIN_CHUNK (200 on 2
    workers: 48, 48, 26, 26, 13, 13, 7, 7, 3, 3, 2, 2, 2). The pool hands the next chunk to the
    first free worker, so a worker that fell behind (another process took its core for a moment)
    leaves the other idle for at most a chunk of a few reports at the end. (Before, six even chunks
    with the last round cut in halves left one worker idle ~0,1-0,2 s at the end of 200 reports:
    `bench_corpus.py` prints that tail; a chunk was then worth making large, one pandera call each.)
    GX keeps chunk_size's chunks (its cost per report falls with the chunk's size)."""
    n = len(indices)
    if gx or n == 0 or jobs <= 1:
        return chunks(indices, chunk_size(n, jobs, gx))
    sizes, left = [], n
    while left:
        size = min(MAX_CHUNK, max(MIN_CHUNK, -(-left // (2 * jobs))))
        for _ in range(jobs):
            if left:
                sizes.append(min(size, left))
                left -= sizes[-1]
    out, at = [], 0
    for size in sizes:
        out.append(indices[at:at + size])
        at += size
    return out


def run_chunk(task, items: list[Item], opts: Options) -> list[dict]:
    """The work of one pool / Dask task: `task` None checks the chunk together (batch.py), else
    `task(item, opts)` for each report (tests pass a wrapper)."""
    from .collector import chunk_pause

    with chunk_pause():  # the collector once at the chunk's end, not ~4 times per report (collector.py)
        if task is None:
            from .batch import check_chunk

            return check_chunk(items, opts)
        return [task(item, opts) for item in items]


def run_local(items: list[Item], opts: Options, jobs: int, on_done=None, task=None) -> list[dict]:
    """Outcomes in the order of `items`. `on_done(index, outcome)` is called as each one finishes.
    `task`: a per-report function replacing the default chunked check (tests)."""
    results: list[dict | None] = [None] * len(items)
    todo = list(range(len(items)))
    if jobs <= 1 or len(items) <= 1:
        init_worker(opts)
        for part in chunks(todo, chunk_size(len(todo), 1, not opts.quick)):
            for i, o in zip(part, run_chunk(task, [items[i] for i in part], opts)):
                results[i] = o
                if on_done:
                    on_done(i, o)
        return results  # type: ignore[return-value]
    if _context().get_start_method() == "fork":
        import gc

        prepare(opts, _has_reports(items))  # imports and rule packs once here; the forked workers inherit them
        gc.freeze()    # and the collector of each worker leaves them alone (fewer pages copied)
    for attempt in range(RETRIES + 1):
        todo = _one_pool(items, todo, opts, min(jobs, len(todo)), results, on_done, task)
        if not todo:
            break
    for i in todo:
        results[i] = unreadable(items[i], "proses pemeriksa berhenti berulang kali / the worker process died repeatedly")
        if on_done:
            on_done(i, results[i])
    return results  # type: ignore[return-value]


def _has_reports(items: list[Item]) -> bool:
    """Whether a report file is among the inputs (then the parent imports the report readers once)."""
    from .discover import REPORT_SUFFIXES

    return any(os.path.splitext(item.path)[1].lower() in REPORT_SUFFIXES for item in items)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _one_pool(items, todo, opts, jobs, results, on_done, task) -> list[int]:
    """Run `todo` in one pool; returns the indices still to do when the pool broke."""
    left = set(todo)
    # the pool is waited for as it closes: letting the workers exit while the rekap is written
    # (shutdown without waiting; their exit takes 30-50 ms) made concurrent.futures' own exit
    # handler write to a closed pipe now and then ("OSError: Bad file descriptor" on stderr at the
    # end of the command): measured and dropped (docs/performance.md, sixth pass)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=init_worker,
                                 initargs=(opts,)) as ex:
            futures = {ex.submit(run_chunk, task, [items[i] for i in part], opts): part
                       for part in pool_chunks(todo, jobs, not opts.quick)}
            for fut in as_completed(futures):
                part = futures[fut]
                try:
                    got = fut.result()
                except BrokenProcessPool:
                    continue
                except Exception as e:  # noqa: BLE001 - e.g. an outcome that could not be pickled
                    got = [unreadable(items[i], f"kesalahan internal / internal error: {type(e).__name__}: {e}")
                           for i in part]
                for i, o in zip(part, got):
                    results[i] = o
                    left.discard(i)
                    if on_done:
                        on_done(i, o)
    except BrokenProcessPool:
        pass
    return sorted(left)
