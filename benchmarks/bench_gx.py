"""Speed of the Great Expectations part of `lkjip-audit check`. Prints figures; asserts nothing.

1. `check --quick` as a fresh process (skips the GX packs: great_expectations is never imported);
2. the full check as a fresh process (imports GX when the mutu_data pack loads, runs its suites);
3. the GX part alone, as the full check reports it (`check --timings`): importing
   great_expectations, and validating every expectation suite (views, ephemeral context, suites,
   validation, findings);
4. the GX part alone repeated in one process (GX already imported): what each further check costs.

Run: .venv/bin/python benchmarks/bench_gx.py [--runs N]
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


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    n = p.parse_args().runs
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


if __name__ == "__main__":
    main()
