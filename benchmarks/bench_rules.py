"""Instructions per report of a corpus worker's rule evaluation: `audit()` of an already read
Blitar-size dataset with the `--quick` rules, then its `outcome()` (what the worker sends back),
the previous report's result freed as in corpus/batch.py.

cachegrind's count (valgrind) for `--passes` passes over `--n` copies of the Blitar 2020 dataset
(each with its own office name) minus 0 passes, per report, with PYTHONHASHSEED=0 and the
collector off (a chunk runs it once, at its end): the machine's load does not change it, so it
is the figure to compare on a shared machine (docs/performance.md, issue 12, round 8). Both runs
read, build and warm up the same way (one pass over the copies first), so their difference is
the rule evaluation alone.

`--against DIR` measures another checkout of the tool the same way (e.g. `git archive main | tar
-x -C /tmp/base`; run `python -m compileall -q DIR/lkjip_audit` there too when bytecode is not
written, or each run compiles the modules it imports).

Run: .venv/bin/python benchmarks/bench_rules.py [--n 34] [--passes 2] [--against DIR]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

COUNT = r"""
import gc, os, sys
sys.path.insert(0, os.environ["BENCH_ROOT"])
from pathlib import Path
from lkjip_audit.corpus import batch
from lkjip_audit.corpus.task import Item, Options, init_worker, outcome, ruleset
from lkjip_audit.engine.run import audit
folder, passes = Path(sys.argv[1]), int(sys.argv[2])
opts = Options(quick=True, lang="id")
init_worker(opts)
items = [Item(str(p), str(p)) for p in sorted(folder.iterdir())]
datasets = [batch._build(Path(it.path), it, opts) for it in items]
batch._validate_together(datasets, opts)
for ds in datasets:
    ds.fact_records = None
rs = ruleset(opts, frozenset())
gc.collect(); gc.freeze(); gc.disable()
for _ in range(passes + 1):  # a warm-up pass, then the counted ones
    for ds, it in zip(datasets, items):
        result = audit(ds, rs)
        sent = outcome(it, result, opts)
"""


def instructions(root: Path, folder: Path, passes: int) -> int:
    p = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                        sys.executable, "-c", COUNT, str(folder), str(passes)], capture_output=True, text=True,
                       env={**os.environ, "BENCH_ROOT": str(root), "PYTHONHASHSEED": "0"})
    found = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
    if p.returncode or found is None:
        raise SystemExit(f"{root}: the counted run failed:\n{p.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=34, help="copies of the Blitar 2020 dataset")
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--against", type=Path)
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind not found: no instruction counts")
    from bench_corpus import make_datasets

    trees = [("this tree", ROOT)] + ([(f"against {args.against}", args.against)] if args.against else [])
    with tempfile.TemporaryDirectory() as tmp:
        make_datasets(Path(tmp), args.n)
        print(f"audit() + outcome() of {args.n} Blitar copies, {args.passes} passes minus 0, PYTHONHASHSEED=0")
        for label, root in trees:
            per = (instructions(root, Path(tmp), args.passes) - instructions(root, Path(tmp), 0)) / (args.n * args.passes)
            print(f"  {label}: {per / 1e6:.2f} M instructions per report")


if __name__ == "__main__":
    main()
