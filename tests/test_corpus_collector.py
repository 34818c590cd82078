"""The garbage collector around a command and a chunk (lkjip_audit/corpus/collector.py)."""
from __future__ import annotations

import gc
import threading

import pytest

from lkjip_audit.corpus import collector
from lkjip_audit.corpus.pool import run_chunk


class _Cycle:
    def __init__(self):
        self.me = self


@pytest.fixture
def default_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def _cycles_alive() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is _Cycle)


def test_chunk_raises_the_threshold_and_collects_its_cycles_at_the_end(default_thresholds):
    seen = []

    def task(item, opts):
        seen.append(gc.get_threshold())
        _Cycle()  # garbage that only the collector frees
        return {"input": item}

    gc.collect()
    out = run_chunk(task, ["a", "b", "c"], None)
    assert out == [{"input": "a"}, {"input": "b"}, {"input": "c"}]
    assert seen == [(collector.CHUNK_THRESHOLD, 10, 10)] * 3
    assert gc.get_threshold() == (700, 10, 10)
    assert _cycles_alive() == 0  # freed at the chunk's end, without waiting for a collection


def test_chunk_still_collects_past_the_bound(default_thresholds, monkeypatch):
    """The raised threshold is a bound: a chunk leaving more cyclic garbage is collected as it goes."""
    monkeypatch.setattr(collector, "CHUNK_THRESHOLD", 2_000)
    peak = []

    def task(item, opts):
        for _ in range(20_000):
            _Cycle()
        peak.append(_cycles_alive())
        return item

    run_chunk(task, [1, 2], None)
    assert max(peak) < 20_000  # without collections, 20,000 then 40,000 cycles would be alive


def test_chunk_restores_the_thresholds_and_collects_after_an_error(default_thresholds):
    def task(item, opts):
        _Cycle()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        run_chunk(task, [1], None)
    assert gc.get_threshold() == (700, 10, 10)
    assert _cycles_alive() == 0


def test_two_threads_the_last_one_out_restores(default_thresholds):
    inside, release = threading.Barrier(2), threading.Event()
    got = {}

    def first():
        with collector.chunk_pause():
            inside.wait()
            release.wait(5)

    t = threading.Thread(target=first)
    t.start()
    with collector.chunk_pause():
        inside.wait()
    got["after the second left"] = gc.get_threshold()
    release.set()
    t.join(5)
    assert got["after the second left"] == (collector.CHUNK_THRESHOLD, 10, 10)  # the first is still inside
    assert gc.get_threshold() == (700, 10, 10)


def test_command_raises_and_restores(default_thresholds):
    with collector.command():
        assert gc.get_threshold() == (collector.CHUNK_THRESHOLD, 10, 10)
        with collector.chunk_pause():
            assert gc.get_threshold() == (collector.CHUNK_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (collector.CHUNK_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_cli_main_leaves_the_thresholds_as_it_found_them(default_thresholds, capsys):
    from lkjip_audit.cli import main

    assert main(["rules", "--lang", "en"]) in (0, 1)
    assert gc.get_threshold() == (700, 10, 10)


def test_a_quick_check_leaves_no_garbage_for_the_collector():
    """The engine's evaluator referred to its Context (functions bound to it) and to itself (simpleeval's
    node handlers), so every checked dataset stayed alive until a collection found the cycle (~3,500
    objects each). Once the check is done the cycle is broken: reference counting frees it all."""
    from pathlib import Path

    from lkjip_audit.corpus.batch import check_chunk
    from lkjip_audit.corpus.task import Options, item_for

    item = item_for(Path(__file__).resolve().parents[1] / "datasets" / "dinsos-kota-blitar-2020")
    opts = Options(quick=True)
    check_chunk([item], opts)  # first use: caches, rule packs
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        out = check_chunk([item, item], opts)
        assert [o["status"] for o in out] == ["checked", "checked"]
        assert [(o["errors"], o["warnings"]) for o in out] == [(7, 5), (7, 5)]
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
