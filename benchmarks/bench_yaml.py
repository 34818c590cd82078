"""What reading one dataset's YAML costs (`yamlio.load_yaml`), in CPU time and in instructions.
Prints figures; asserts nothing.

CPU time: the Blitar 2020 dataset loaded --n times in one process, with the scalar memo as a
worker has it ("memo warm": the corpus copies repeat every scalar) and emptied before each load
("memo empty": a dataset none of whose scalars the worker has seen); min and median, ms.
Instructions (`--valgrind`, needs valgrind): cachegrind's count for 20 loads minus 0 loads, per
load, with PYTHONHASHSEED=0: the machine's load does not change it, so it is the figure to compare
on a shared machine.

`--against DIR` measures another checkout of the tool the same way (e.g. `git archive main | tar
-x -C /tmp/base`), alternating the two trees `--rounds` times.

Run: .venv/bin/python benchmarks/bench_yaml.py [--n 200] [--rounds 3] [--against DIR] [--valgrind]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "datasets" / "dinsos-kota-blitar-2020" / "dataset.yaml"

CHILD = r"""
import json, os, statistics, sys, time
sys.path.insert(0, os.environ["BENCH_ROOT"])
from pathlib import Path
from lkjip_audit import yaml_fast, yamlio
f, n = Path(sys.argv[1]), int(sys.argv[2])
yamlio.load_yaml(f)
def times(cold):
    ts = []
    for _ in range(n):
        if cold:
            getattr(yaml_fast, "_VALUES", {}).clear()
        c = time.process_time(); yamlio.load_yaml(f); ts.append(time.process_time() - c)
    return min(ts) * 1000, statistics.median(ts) * 1000
print(json.dumps({"warm": times(False), "cold": times(True)}))
"""

COUNT = r"""
import os, sys
sys.path.insert(0, os.environ["BENCH_ROOT"])
from pathlib import Path
from lkjip_audit import yaml_fast, yamlio
f, n, cold = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "cold"
yamlio.load_yaml(f)
for _ in range(n):
    if cold:
        getattr(yaml_fast, "_VALUES", {}).clear()
    yamlio.load_yaml(f)
"""


def cpu(root: Path, n: int) -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, str(SEED), str(n)], capture_output=True, text=True,
                       env={**os.environ, "BENCH_ROOT": str(root)}, check=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def instructions(root: Path, mode: str) -> float:
    def count(n: int) -> int:
        p = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                            sys.executable, "-c", COUNT, str(SEED), str(n), mode], capture_output=True, text=True,
                           env={**os.environ, "BENCH_ROOT": str(root), "PYTHONHASHSEED": "0"})
        return int(re.search(r"I\s+refs:\s+([\d,]+)", p.stderr).group(1).replace(",", ""))
    return (count(20) - count(0)) / 20 / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--valgrind", action="store_true")
    args = ap.parse_args()
    trees = [("this tree", ROOT)] + ([(f"against {args.against}", args.against)] if args.against else [])
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {SEED.name} of "
          f"{SEED.parent.name}, {args.n} loads per figure")
    for r in range(args.rounds):
        for label, root in trees:
            got = cpu(root, args.n)
            print(f"  round {r + 1}, {label}: CPU ms per load, min / median: memo warm "
                  f"{got['warm'][0]:.2f} / {got['warm'][1]:.2f}, memo empty {got['cold'][0]:.2f} / {got['cold'][1]:.2f}")
    if args.valgrind:
        if shutil.which("valgrind") is None:
            print("valgrind not found: no instruction counts")
            return
        for label, root in trees:
            print(f"  {label}: M instructions per load: memo warm {instructions(root, 'warm'):.2f}, "
                  f"memo empty {instructions(root, 'cold'):.2f}")


if __name__ == "__main__":
    main()
