"""Python's cyclic garbage collector kept out of the way of a command and of a chunk of reports.

The collector runs every 700 net allocations of container objects and walks every young object
each time. Start-up (imports, rule packs, pandera's set-up) allocates ~170,000 such objects that
all live to the end (only ~1,000 are garbage): the collections walking them cost ~15-20% of the
start-up's CPU. A dataset allocates ~10^5 objects that reference counting frees, but the collector
still runs ~4 times per dataset (gen0 ~350, gen1 ~30 and gen2 ~2 collections per 100 datasets;
benchmarks/bench_worker.py prints the CPU spent "in the garbage collector"). So:
- `command()` (cli.main, the whole command): the collector runs only after CHUNK_THRESHOLD net
  allocations, the bound on memory (a report leaving much cyclic garbage, e.g. a large PDF, is
  still collected as it goes); a start-up or a single check stays under it;
- what start-up allocated is then frozen (`gc.freeze`, in the pool's parent before it forks and in
  each worker): never walked again, and the forked workers do not touch (copy) those pages;
- `chunk_pause()` (pool.run_chunk): the same bound while a chunk is checked (in a Dask worker too),
  and at the chunk's end one collection frees what only the collector frees (reference cycles),
  so a worker's memory is back to its start-up size between chunks (peak RSS: bench_corpus.py).

Safe with threads (a Dask worker may run two chunks at once): the last chunk out restores the
thresholds and collects.
"""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

CHUNK_THRESHOLD = 250_000  # net allocations of container objects between two collections

_lock = threading.Lock()
_chunks = 0
_saved: tuple[int, ...] = ()


@contextmanager
def chunk_pause():
    """Run the body with the collector's first threshold raised to CHUNK_THRESHOLD; collect after."""
    global _chunks, _saved
    with _lock:
        if _chunks == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(max(CHUNK_THRESHOLD, _saved[0]), *_saved[1:])
        _chunks += 1
    try:
        yield
    finally:
        with _lock:
            _chunks -= 1
            last = _chunks == 0
            if last:
                gc.set_threshold(*_saved)
        if last:
            gc.collect()


@contextmanager
def command():
    """Run a whole command with the collector's first threshold raised to CHUNK_THRESHOLD; the
    thresholds are restored after (cli.main may run many times in one process: the tests)."""
    saved = gc.get_threshold()
    gc.set_threshold(max(CHUNK_THRESHOLD, saved[0]), *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)
