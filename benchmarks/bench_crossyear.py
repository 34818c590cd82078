"""Speed of the cross-year check (`check 2020 --previous 2019`) against the plain check, in one
process after imports (load rules, load both datasets, evaluate, JSON report). Prints figures;
asserts nothing. Also reports whether rapidfuzz is imported by a plain check (it must not be).

Run: .venv/bin/python benchmarks/bench_crossyear.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    runs = ap.parse_args().runs
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.reporters.json_report import render
    from lkjip_audit.rulepack.loader import load_rules

    cur, prev = ROOT / "datasets" / "dinsos-kota-blitar-2020", ROOT / "datasets" / "dinsos-kota-blitar-2019"

    def once(with_previous: bool) -> float:
        t0 = time.perf_counter()
        rs = load_rules(ROOT / "rules", quick=True)  # without the GX pack: see bench_gx.py
        p = load_dataset(prev, rs.concepts) if with_previous else None
        render(audit(load_dataset(cur, rs.concepts), rs, p), "error", "id")
        return time.perf_counter() - t0

    once(True)  # warm up (first pandera validation, rapidfuzz import)
    for label, flag in (("plain check", False), ("check --previous", True)):
        times = sorted(once(flag) for _ in range(runs))
        print(f"{label:<18} median {statistics.median(times) * 1000:6.1f} ms  min {times[0] * 1000:6.1f} ms  ({runs} runs)")
    code = ("import sys; from lkjip_audit.cli import main; import io, contextlib\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['check', 'datasets/dinsos-kota-blitar-2020', '--quick'])\n"
            "print('rapidfuzz' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"rapidfuzz imported by a plain check: {out}")


if __name__ == "__main__":
    main()
