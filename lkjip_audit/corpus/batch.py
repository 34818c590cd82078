"""Check a chunk of reports in one worker call, validating their fact tables together.

pandera's cost is mostly per call (one check per column, whatever the rows): validating the
fact tables of 20 datasets as one DataFrame costs about what one costs alone (benchmarks:
20 separate validations 5,1 s, one over the 20 concatenated 0,3 s on the loaded 2-core machine).
So a chunk's datasets are built without validation; the fact tuples of each are first checked as
they are (readers/facts.py sound, no table made); the others' fact tables are validated in one
call and split back by row ranges. If that one validation finds a problem, each of those is
validated alone, so every problem is reported with its own file and line, as a single check does.
Report files (.txt/.docx/.pdf) are checked one by one (reading them dominates).

GX is batched the same way: while the chunk's datasets are audited their expectation work is only
recorded (gx.runner.DEFER), then validated together (gx/batch.py) and each report's findings
sorted again; the `--quick` path never imports GX.
"""
from __future__ import annotations

import time
from itertools import chain
from pathlib import Path

from .task import (Item, Options, _as_given, _materialise, apply_config, check_item, outcome, ruleset,
                   unreadable, worker_info)


def check_chunk(items: list[Item], opts: Options, gx_batch: bool | None = None) -> list[dict]:
    """Outcomes of a chunk of reports. `gx_batch`: validate the chunk's GX expectations together
    (gx/batch.py; default GX_BATCH) or report by report."""
    gx_batch = GX_BATCH if gx_batch is None else gx_batch
    if not any(_is_dataset_bytes(item) for item in items):  # no dataset to write out: no temporary folder
        return _check_chunk(items, opts, None, gx_batch)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lkjip-") as tmp:
        return _check_chunk(items, opts, Path(tmp), gx_batch)


# Validate the GX expectations of a chunk's datasets together (one suite per view kind for the
# whole chunk) rather than report by report: same findings, measured faster (benchmarks/bench_gx.py
# prints both side by side).
GX_BATCH = True


def _is_dataset_bytes(item: Item) -> bool:
    return item.data is not None and next(iter(item.data)) == "dataset.yaml"


def _check_chunk(items: list[Item], opts: Options, tmp: Path | None, gx_batch: bool) -> list[dict]:
    """`tmp`: a folder for the datasets sent as bytes (Dask), None when the chunk has none."""
    from ..errors import InputError
    from ..readers.report import is_report_input

    out: list[dict | None] = [None] * len(items)
    built = []  # (index, dataset, seconds so far)
    for i, item in enumerate(items):
        path, where = Path(item.path), None
        if _is_dataset_bytes(item):  # sent with the task (Dask): a dataset folder of its own
            path = tmp / f"lkjip-{i}"
            path.mkdir(exist_ok=True)
            _materialise(item, path)  # its dataset.yaml, and its lkjip-audit.yaml when it has one
            where = str(path)
        elif item.data is not None or is_report_input(path):
            out[i] = check_item(item, opts)
            continue
        t0 = time.perf_counter()
        try:
            built.append((i, _build(path, item, opts), time.perf_counter() - t0))
        except InputError as e:
            out[i] = _timed(unreadable(item, "; ".join(_as_given(str(p), item, where) for p in e.problems[:5])), t0)
        except Exception as e:  # noqa: BLE001 - one broken report must not stop the others
            out[i] = _timed(unreadable(item, f"kesalahan internal / internal error: {type(e).__name__}: {e}"), t0)
    t_val = time.perf_counter()
    failed = _validate_together([ds for _, ds, _ in built], opts)
    share = (time.perf_counter() - t_val) / max(1, len(built))
    from ..engine.run import audit

    rs = ruleset(opts, frozenset()) if built else None  # none built: it may not load (a --select of text rules)
    deferred = [] if gx_batch and len(built) > 1 and any(r.kind == "expectation" for r in rs.rules) else None
    audited = []  # (index, result, start, the check's deferred GX work or None)
    if deferred is not None:
        from ..gx import runner as gx_runner

        gx_runner.DEFER = deferred
    try:
        for j, (i, ds, spent) in enumerate(built):
            built[j] = None  # let go of each dataset once checked: its memory is reused by the next one
            item, t0 = items[i], time.perf_counter() - spent - share
            try:
                if failed and ds.rows() is None:  # its facts not accepted as they are (defer_table)
                    _validate_alone(ds, opts)
                ds.fact_records = None
                del ds.facts_file
                n = len(deferred) if deferred is not None else 0
                result = audit(ds, rs)
                if deferred is None:  # nothing to wait for: its outcome now, and the result let go
                    out[i] = _outcome(item, result, opts, t0)
                    # now, not when the next report's result replaces it (after that report's
                    # audit): freeing a check (~5 000 memory blocks: its rule context, dataset, YAML
                    # tables) right after it ran finds them in the CPU's caches, median 0,3 ms
                    # against 0,8 ms (docs/performance.md, issue 12 round 8; same instructions)
                    result = ds = None
                    continue
                audited.append((i, result, t0, deferred[n] if len(deferred) > n else None))
            except InputError as e:
                where = str(tmp / f"lkjip-{i}") if _is_dataset_bytes(item) else None
                out[i] = _timed(unreadable(item, "; ".join(_as_given(str(p), item, where) for p in e.problems[:5])), t0)
            except Exception as e:  # noqa: BLE001
                out[i] = _timed(unreadable(item, f"kesalahan internal / internal error: {type(e).__name__}: {e}"), t0)
    finally:
        if deferred is not None:
            gx_runner.DEFER = None
    if deferred:
        t_gx = time.perf_counter()
        try:
            from ..gx.batch import run_deferred

            run_deferred(deferred)
        except Exception:  # noqa: BLE001 - never a lost report: the chunk again, report by report
            return _check_chunk(items, opts, tmp, gx_batch=False)
        gx_share = (time.perf_counter() - t_gx) / len(deferred)
        for _, result, _, job in audited:
            if job is not None:
                result.findings = job.out.sorted()  # audit() sorted them before GX had run
                result.timings["gx_s"] = gx_share
    for i, result, t0, _ in audited:
        out[i] = _outcome(items[i], result, opts, t0)
    # the worker's pid and peak memory (for benchmarks), asked once for the chunk: its peak so far
    # is at least each report's, and the outcomes sent back share the one dict (pickled once)
    info = worker_info()
    for o in out:
        if "worker" not in o:  # a report file checked alone (check_item) has its own
            o["worker"] = info
    return out  # type: ignore[return-value]


def _outcome(item: Item, result, opts: Options, t0: float) -> dict:
    try:
        return _timed(outcome(item, result, opts), t0)
    except Exception as e:  # noqa: BLE001
        return _timed(unreadable(item, f"kesalahan internal / internal error: {type(e).__name__}: {e}"), t0)


def _timed(o: dict, t0: float) -> dict:
    o["seconds"] = round(time.perf_counter() - t0, 4)
    return o


def _build(path: Path, item: Item, opts: Options):
    """load_dataset without the fact table (made and validated for the whole chunk)."""
    from ..readers.dataset import dataset_file, dataset_from_doc
    from ..yamlio import load_yaml

    rs = ruleset(opts, frozenset())
    file = dataset_file(path)
    ds = dataset_from_doc(load_yaml(file), str(file), path, rs.concepts, validate=False)
    apply_config(ds, path, opts)
    ds.path = Path(item.display)
    ds.facts_file = str(file)  # for a per-dataset validation if the chunk's fails
    return ds


def _validate_together(datasets: list, opts: Options) -> bool:
    """Each dataset's fact tuples checked as they are (readers/facts.py sound: its table made only if
    asked for); the others' made into one fact table for the chunk, validated in one call and cut back
    into each dataset's (rows start..end, index from 0, as a table of its own would have). True when
    that validation failed: then each of those is validated alone, so its problems name its own file
    and lines."""
    from ..errors import InputError
    from ..readers.dataset import attach_rows, defer_table
    from ..readers.facts import sound, validated

    concepts = ruleset(opts, frozenset()).concepts if datasets else None
    rest = []
    for ds in datasets:
        if sound(ds.fact_records, concepts):
            defer_table(ds, ds.fact_records)
        else:
            rest.append(ds)
    if not rest:
        return False
    if len(rest) == 1:
        return _validate_alone(rest[0], opts, raise_=False)
    try:
        big, same = validated(list(chain.from_iterable(ds.fact_records for ds in rest)), concepts, "corpus")
    except InputError:
        return True
    import pandas as pd

    start = 0
    for ds in rest:
        end = start + len(ds.fact_records)
        ds.facts = big.iloc[start:end]
        ds.facts.index = pd.RangeIndex(end - start)  # what reset_index(drop=True) gives, at a third of its cost
        if same:  # the engine reads the facts themselves as the table's rows
            attach_rows(ds, ds.fact_records)
        start = end
    return False


def _validate_alone(ds, opts: Options, raise_: bool = True) -> bool:
    from ..errors import InputError
    from ..readers.dataset import attach_rows
    from ..readers.facts import validated

    try:
        ds.facts, same = validated(ds.fact_records, ruleset(opts, frozenset()).concepts, ds.facts_file)
    except InputError:
        if raise_:
            raise
        return True
    if same:
        attach_rows(ds, ds.fact_records)
    return False
