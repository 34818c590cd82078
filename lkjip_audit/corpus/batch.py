"""Check a chunk of reports in one worker call, validating their fact tables together.

pandera's cost is mostly per call (one check per column, whatever the rows): validating the
fact tables of 20 datasets as one DataFrame costs about what one costs alone (benchmarks:
20 separate validations 5,1 s, one over the 20 concatenated 0,3 s on the loaded 2-core machine).
So a chunk's datasets are built without validation, their fact tables validated in one call, and
split back by row ranges. If that one validation finds a problem, each dataset is validated
alone, so every problem is reported with its own file and line, exactly as a single check does.
Report files (.txt/.docx/.pdf) are checked one by one (reading them dominates).
"""
from __future__ import annotations

import time
from pathlib import Path

from .task import Item, Options, _as_given, apply_config, check_item, outcome, ruleset, unreadable, worker_info


def check_chunk(items: list[Item], opts: Options) -> list[dict]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lkjip-") as tmp:
        return _check_chunk(items, opts, Path(tmp))


def _is_dataset_bytes(item: Item) -> bool:
    return item.data is not None and list(item.data) == ["dataset.yaml"]


def _check_chunk(items: list[Item], opts: Options, tmp: Path) -> list[dict]:
    from ..errors import InputError
    from ..readers.report import is_report

    out: list[dict | None] = [None] * len(items)
    built = []  # (index, dataset, seconds so far)
    for i, item in enumerate(items):
        path, where = Path(item.path), None
        if _is_dataset_bytes(item):  # sent with the task (Dask): a dataset folder of its own
            path = tmp / f"lkjip-{i}"
            path.mkdir()
            (path / "dataset.yaml").write_bytes(item.data["dataset.yaml"])
            where = str(path)
        elif item.data is not None or is_report(path):
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

    for i, ds, spent in built:
        item, t0 = items[i], time.perf_counter() - spent - share
        try:
            if failed:
                _validate_alone(ds, opts)
            del ds.raw_facts, ds.facts_file
            out[i] = _timed(outcome(item, audit(ds, ruleset(opts, frozenset())), opts), t0)
        except InputError as e:
            where = str(tmp / f"lkjip-{i}") if _is_dataset_bytes(item) else None
            out[i] = _timed(unreadable(item, "; ".join(_as_given(str(p), item, where) for p in e.problems[:5])), t0)
        except Exception as e:  # noqa: BLE001
            out[i] = _timed(unreadable(item, f"kesalahan internal / internal error: {type(e).__name__}: {e}"), t0)
    return out  # type: ignore[return-value]


def _timed(o: dict, t0: float) -> dict:
    o["seconds"] = round(time.perf_counter() - t0, 4)
    o["worker"] = worker_info()
    return o


def _build(path: Path, item: Item, opts: Options):
    """load_dataset without the fact-table validation (done for the whole chunk)."""
    from ..readers.dataset import dataset_file, dataset_from_doc
    from ..yamlio import load_yaml

    rs = ruleset(opts, frozenset())
    file = dataset_file(path)
    ds = dataset_from_doc(load_yaml(file), str(file), path, rs.concepts, validate=False)
    apply_config(ds, path, opts)
    ds.path = Path(item.display)
    ds.raw_facts = ds.facts  # kept for a per-dataset validation if the chunk's fails
    ds.facts_file = str(file)
    return ds


def _validate_together(datasets: list, opts: Options) -> bool:
    """Validate every fact table in one call; True when it failed (then each is validated alone)."""
    import pandas as pd

    from ..errors import InputError
    from ..readers.facts import validate_facts

    if not datasets:
        return False
    concepts = ruleset(opts, frozenset()).concepts
    if len(datasets) == 1:
        return _validate_alone(datasets[0], opts, raise_=False)
    frames = [ds.raw_facts for ds in datasets]
    big = pd.concat(frames, ignore_index=True)
    try:
        big = validate_facts(big, concepts, "corpus")
    except InputError:
        return True
    start = 0
    for ds, f in zip(datasets, frames):
        ds.facts = big.iloc[start:start + len(f)].reset_index(drop=True)
        start += len(f)
    return False


def _validate_alone(ds, opts: Options, raise_: bool = True) -> bool:
    from ..errors import InputError
    from ..readers.facts import validate_facts

    try:
        ds.facts = validate_facts(ds.raw_facts, ruleset(opts, frozenset()).concepts, ds.facts_file)
    except InputError:
        if raise_:
            raise
        return True
    return False
