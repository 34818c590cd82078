"""Corpus mode makes one fact table per chunk of datasets, validates it in one pandera call and
cuts it back (corpus/batch.py); each dataset's table must be the table a single check makes."""
from __future__ import annotations

import pandas as pd

from conftest import DATASETS
from lkjip_audit.corpus import batch, task
from lkjip_audit.corpus.pool import chunk_size, pool_chunks, run_local
from lkjip_audit.readers.dataset import load_dataset

A, B = DATASETS / "dinsos-kota-blitar-2020", DATASETS / "dinsos-kota-blitar-2019"


def test_each_cut_of_the_chunk_table_is_the_single_check_table(quick_ruleset):
    opts = task.Options(quick=True)
    paths = [A, B, A]  # two sizes of table; the third starts where the second ends
    built = [batch._build(p, task.item_for(p), opts) for p in paths]
    assert batch._validate_together(built, opts) is False
    for p, ds in zip(paths, built):
        alone = load_dataset(p, quick_ruleset.concepts).facts
        pd.testing.assert_frame_equal(ds.facts, alone, check_exact=True)
        assert list(ds.facts.index) == list(range(len(alone)))
    assert len(built[0].facts) != len(built[1].facts)


def test_a_chunk_of_dataset_folders_needs_no_temporary_folder_and_names_its_worker(monkeypatch):
    """A temporary folder is made only for datasets sent as bytes (Dask); every outcome still names
    the process that checked it and its peak memory (asked once for the chunk)."""
    import os
    import tempfile

    def no_folder(*a, **k):
        raise AssertionError("a temporary folder was made")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_folder)
    outs = batch.check_chunk([task.item_for(A), task.item_for(B)], task.Options(quick=True))
    assert [o["status"] for o in outs] == ["checked", "checked"]
    assert [o["worker"]["pid"] for o in outs] == [os.getpid(), os.getpid()]
    assert all(o["worker"]["max_rss_mb"] > 0 for o in outs)


def test_chunk_sizes():
    # --quick: about three tasks per worker, at most 48 reports: 200 / (2 x 3) = 33,3 -> 34
    assert chunk_size(200, 2) == 34
    # more: at most 48, and a number of chunks that is a multiple of the workers, so none is left
    # alone with a last chunk: 400 / 2 -> 10 chunks of 40 (8 of 48 would leave a ninth of 16)
    assert chunk_size(400, 2) == 40
    assert -(-400 // chunk_size(400, 2)) % 2 == 0
    # 1000 on 2: ceil(1000 / 96) = 11 chunks each, 22 in all: ceil(1000 / 22) = 46
    assert chunk_size(1000, 2) == 46
    assert chunk_size(1000, 3) == 48  # 1000 / 3 / 48 -> 7 each, 21 chunks: ceil(1000 / 21) = 48
    assert chunk_size(97, 1) == 33  # one job: 3 chunks of 33, 33, 31
    assert chunk_size(5, 2) == 1
    assert chunk_size(200, 2, gx=True) == 48  # GX: two tasks per worker, at most 48


def _sizes(n, jobs, gx=False):
    parts = pool_chunks(list(range(n)), jobs, gx)
    assert [i for part in parts for i in part] == list(range(n))  # every report once, in order
    return [len(p) for p in parts]


def test_pool_chunks_shrink_as_the_work_runs_out():
    # each round: half the reports left, shared among the workers, at most 48 and at least 2
    # 200 on 2: 200/4 = 50 -> 48, 48 (104 left); 104/4 = 26, 26 (52); 13, 13 (26); 26/4 -> 7, 7 (12);
    # 3, 3 (6); 6/4 -> 2, 2 (2); 2
    assert _sizes(200, 2) == [48, 48, 26, 26, 13, 13, 7, 7, 3, 3, 2, 2, 2]
    # 400 on 2: 48 x 6 (112 left), 28, 28 (56), 14, 14 (28), 7, 7 (14), 14/4 -> 4, 4 (6), 2, 2 (2), 2
    assert _sizes(400, 2) == [48] * 6 + [28, 28, 14, 14, 7, 7, 4, 4, 2, 2, 2]
    # 100 on 3: 100/6 -> 17 x 3 (49 left), 49/6 -> 9 x 3 (22), 22/6 -> 4 x 3 (10), 2 x 3 (4), 2, 2
    assert _sizes(100, 3) == [17, 17, 17, 9, 9, 9, 4, 4, 4, 2, 2, 2, 2, 2]
    assert _sizes(7, 2) == [2, 2, 2, 1]
    assert _sizes(1, 2) == [1]
    assert _sizes(0, 2) == []
    assert _sizes(200, 2, gx=True) == [48, 48, 48, 48, 8]  # GX: chunk_size's chunks, unchanged
    assert _sizes(97, 1) == [33, 33, 31]  # one job: unchanged


def test_a_pool_parent_prepares_before_forking_and_gives_what_one_job_gives(tmp_path):
    opts = task.Options(quick=True)
    items = [task.item_for(p) for p in (A, B, A, B)]
    task._PREPARED.clear()
    two = run_local(items, opts, jobs=2)
    assert (None, None, True, False) in task._PREPARED  # done in this process, inherited by the workers
    one = run_local(items, opts, jobs=1)
    for o in two + one:
        o.pop("seconds"), o.pop("worker")
    assert two == one
    assert [o["instansi"] for o in two] == ["Dinas Sosial Kota Blitar"] * 4
    assert [o["tahun"] for o in two] == [2020, 2019, 2020, 2019]
