"""Two checkouts of the tool in ONE process, a corpus chunk each in turn: CPU per dataset and per
stage (YAML, schema, facts, table + pandera + cut, rules, outcome, the rest of the chunk). Prints
figures; asserts nothing.

On the shared 2-core machine the load changes from second to second, and two processes run one
after the other see different loads (bench_worker.py --against alternates whole processes). Here
both trees are imported side by side (copied to a temporary folder under the package names
`lkjip_this` and `lkjip_other`, rules included) and alternate chunk by chunk, so both see the same
load; min and median over the rounds are printed.

Run: .venv/bin/python benchmarks/bench_side_by_side.py --against DIR [--n 102] [--chunk 34] [--rounds 8]
"""
from __future__ import annotations

import argparse
import collections
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_worker import make_datasets  # noqa: E402

STAGES = (("yamlio", "load_yaml", "yaml"), ("schemacheck", "check", "schema"),
          ("corpus.batch", "_validate_together", "table + pandera + cut"), ("engine.run", "audit", "rules"),
          ("corpus.batch", "outcome", "outcome"))


def copy_tree(src: Path, dest: Path) -> None:
    """The package of a checkout, its rule packs as files (the package's `rules` is a symlink)."""
    shutil.copytree(src / "lkjip_audit", dest, symlinks=True)
    if (dest / "rules").is_symlink() or not (dest / "rules").exists():
        (dest / "rules").unlink(missing_ok=True)
        shutil.copytree(src / "rules", dest / "rules")


def prepare(name: str, paths: list[Path]):
    mod = lambda x: importlib.import_module(f"{name}.{x}")  # noqa: E731
    task, pool = mod("corpus.task"), mod("corpus.pool")
    spent = collections.Counter()

    def wrap(owner, attr, label):
        f = getattr(owner, attr)

        def timed(*a, **k):
            t = time.process_time()
            try:
                return f(*a, **k)
            finally:
                spent[label] += time.process_time() - t
        setattr(owner, attr, timed)

    for module, attr, label in STAGES:
        wrap(mod(module), attr, label)
    wrap(mod("readers.dataset")._Builder, "build", "facts")
    opts = task.Options(quick=True)
    task.init_worker(opts)
    items = [task.item_for(p) for p in paths]
    pool.run_chunk(None, items[:16], opts)  # warm-up: first use of every code path
    return pool, opts, items, spent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", type=Path, required=True, help="another checkout (e.g. git archive main | tar -x)")
    ap.add_argument("--n", type=int, default=102)
    ap.add_argument("--chunk", type=int, default=34)
    ap.add_argument("--rounds", type=int, default=8)
    a = ap.parse_args()
    sys.modules.setdefault("hypothesis", None)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        copy_tree(ROOT, tmp / "lkjip_this")
        copy_tree(a.against.resolve(), tmp / "lkjip_other")
        make_datasets(tmp / "data", a.n)
        paths = sorted(p for p in (tmp / "data").iterdir() if p.is_dir())
        sys.path.insert(0, str(tmp))
        trees = {name: prepare(name, paths) for name in ("lkjip_this", "lkjip_other")}
        got = {name: collections.defaultdict(list) for name in trees}
        for r in range(a.rounds):
            # each tree first in every other round: the one run first was ~8 % slower in an A/A run
            # (the same tree twice), whichever it was
            for name, (pool, opts, items, spent) in (list(trees.items())[::-1] if r % 2 else trees.items()):
                spent.clear()
                t = time.process_time()
                for k in range(0, len(items), a.chunk):
                    pool.run_chunk(None, items[k:k + a.chunk], opts)
                total = time.process_time() - t
                got[name]["whole chunk"].append(1000 * total / len(items))
                for label, s in spent.items():
                    got[name][label].append(1000 * s / len(items))
                got[name]["rest of the chunk"].append(1000 * (total - sum(spent.values())) / len(items))
    print(f"CPU ms per dataset, min / median of {a.rounds} rounds, chunks of {a.chunk}, {a.n} datasets:")
    print(f"  {'':24s} {'this tree':>15s} {'against':>15s}")
    for label in got["lkjip_this"]:
        cells = [f"{min(v):6.2f} / {statistics.median(v):5.2f}" for v in (got[n][label] for n in trees)]
        print(f"  {label:24s} {cells[0]:>15s} {cells[1]:>15s}")


if __name__ == "__main__":
    main()
