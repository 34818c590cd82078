"""Speed of the Great Expectations part of `lkjip-audit check`. Prints figures; asserts nothing.

1. `check --quick` as a fresh process (skips the GX packs: great_expectations is never imported);
2. the full check as a fresh process (imports GX when the mutu_data pack loads, runs its suites);
3. the GX part alone, as the full check reports it (`check --timings`): importing
   great_expectations, and validating every expectation suite (views, ephemeral context, suites,
   validation, findings);
4. the GX part alone repeated in one process (GX already imported): what each further check costs;
5. corpus mode, one worker's chunk of --chunk copies of the dataset (lkjip_audit/corpus/batch.py):
   GX validated report by report against validated together (gx/batch.py), side by side in one
   process, whole chunk (build, audit, GX, rendering) per report, and whether both give the same
   outcomes. The faster one is the default (corpus/batch.py GX_BATCH).

Run: .venv/bin/python benchmarks/bench_gx.py [--runs N] [--chunk 48]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "datasets" / "dinsos-kota-blitar-2020"
sys.path.insert(0, str(ROOT))


def process(args: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(DATASET), *args], cwd=ROOT,
                       capture_output=True, text=True)
    return time.perf_counter() - t0, p.stdout


def in_process(runs: int) -> list[float]:
    from lkjip_audit.engine.context import Context
    from lkjip_audit.engine.findings import FindingSet
    from lkjip_audit.engine.primitives import Stats
    from lkjip_audit.gx.runner import run_expectations
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.rulepack.loader import load_rules

    rules = load_rules(ROOT / "rules")
    gx_rules = [r for r in rules.rules if r.kind == "expectation"]
    ds = load_dataset(DATASET, rules.concepts)
    out = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        run_expectations(gx_rules, Context(ds, rules.concepts), FindingSet(), Stats())
        out.append(time.perf_counter() - t0)
    return out[1:]


def chunk_side_by_side(n: int, runs: int) -> None:
    import tempfile

    from lkjip_audit.corpus.batch import check_chunk
    from lkjip_audit.corpus.task import Item, Options, init_worker

    text = (DATASET / "dataset.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        items = []
        for i in range(n):
            d = Path(tmp) / f"opd-{i:03d}"
            d.mkdir()
            (d / "dataset.yaml").write_text(text.replace("instansi: Dinas Sosial Kota Blitar",
                                                         f"instansi: Dinas Sosial Kota Blitar {i:03d}"), encoding="utf-8")
            items.append(Item(str(d), str(d)))
        opts = Options(formats=("json",))
        init_worker(opts)
        check_chunk(items[:2], opts)  # warm: GX imported, context made
        alone, together, same = [], [], True
        for _ in range(runs):  # alternated: the machine is shared
            t0 = time.perf_counter()
            a = check_chunk(items, opts, gx_batch=False)
            alone.append((time.perf_counter() - t0) / n)
            t0 = time.perf_counter()
            b = check_chunk(items, opts, gx_batch=True)
            together.append((time.perf_counter() - t0) / n)
            strip = [{k: v for k, v in o.items() if k not in ("seconds", "worker")} for o in a + b]
            same = same and strip[:n] == strip[n:]
    med = statistics.median
    print(f"corpus chunk of {n} reports, {runs} runs, whole check per report: GX report by report median "
          f"{med(alone):.3f} s, GX validated together median {med(together):.3f} s, ratio "
          f"{med(alone) / med(together):.1f}x; same outcomes: {same}")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--chunk", type=int, default=48)
    a = p.parse_args()
    n = a.runs
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lkjip_audit")], check=True)
    quick, full, gx_run, gx_import = [], [], [], []
    for _ in range(n):  # alternate the two: these machines are noisy
        quick.append(process(["--quick", "--format", "json"])[0])
        t, out = process(["--format", "json", "--timings"])
        full.append(t)
        timings = json.loads(out)["summary"]["timings"]
        gx_run.append(timings["gx_s"])
        gx_import.append(timings["gx_import_s"])
    med = statistics.median
    print(f"'check --quick' as a process, {n} runs: median {med(quick):.3f} s (GX packs skipped, not imported)")
    print(f"full 'check' as a process, {n} runs:     median {med(full):.3f} s")
    print(f"  of which the GX part: import great_expectations median {med(gx_import):.3f} s, "
          f"validation of the suites median {med(gx_run):.3f} s, together {med(gx_import) + med(gx_run):.3f} s")
    rep = in_process(n)
    print(f"GX part alone repeated in one process (already imported), {n} runs: median {med(rep):.3f} s")
    chunk_side_by_side(a.chunk, max(1, n // 2))


if __name__ == "__main__":
    main()
