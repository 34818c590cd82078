"""One corpus worker's cost per dataset, in process. Prints figures; asserts nothing.

What `check DIR --quick --jobs J` costs per report once the worker has started: the N datasets
(copies of the Blitar 2020 dataset, each with its own office name, as benchmarks/bench_corpus.py
makes them) are checked in chunks as a pool worker of `--jobs 2` gets them (corpus/batch.py), in this one
process. Prints datasets per second of wall time and of CPU time (the CPU figure is what one
unshared core would give; on a loaded machine the wall figure is lower), the peak RSS of the
worker, and the cost of each stage for one dataset (YAML, schema, facts, their check, rules). The
copies print the same figures, so a worker reads each printed cell once (readers/dataset.py
_PARSED): "facts, none of its figures seen before" is the cost for a dataset of new figures.
"facts" is the fact tuples only; "facts checked as tuples" is what load_dataset does with them
(readers/facts.py sound); "table + pandera" makes their DataFrame and validates it, as a report
whose tuples that check does not accept costs (the chunk's "validation share" is the chunk's way).
"freeing a checked dataset" is what letting go of one costs (its result, the rule context its
findings keep, its facts and YAML tree: reference counting frees them one object at a time).

`--against DIR` runs the same measurement on another checkout of the tool (e.g. `git archive main
| tar -x -C /tmp/base`), alternating the two `--rounds` times in one run, and prints the ratio:
the machine's load changes from minute to minute, so only side-by-side figures compare.

Run: .venv/bin/python benchmarks/bench_worker.py [--n 200] [--against DIR] [--rounds 2] [--gx]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "datasets" / "dinsos-kota-blitar-2020" / "dataset.yaml"

CHILD = r"""
import json, os, resource, statistics, sys, time
sys.path.insert(0, os.environ["BENCH_ROOT"])
sys.modules.setdefault("hypothesis", None)
from pathlib import Path
from lkjip_audit.corpus.task import Options, item_for, init_worker, outcome, ruleset
from lkjip_audit.corpus.pool import chunk_size, run_chunk, chunks
folder, quick = Path(sys.argv[1]), sys.argv[2] == "quick"
paths = sorted(p for p in folder.iterdir() if p.is_dir())
opts = Options(quick=quick)
init_worker(opts)
items = [item_for(p) for p in paths]
run_chunk(None, items[:16], opts)  # warm-up: first use of every code path
import gc
_gc = [0.0, 0, 0.0]  # CPU seconds inside the cyclic garbage collector, collections, start of the current one
def _in_gc(phase, info):
    if phase == "start":
        _gc[2] = time.process_time()
    else:
        _gc[0] += time.process_time() - _gc[2]; _gc[1] += 1
gc.callbacks.append(_in_gc)
t0, c0 = time.perf_counter(), time.process_time()
outs = []
for part in chunks(list(range(len(items))), chunk_size(len(items), 2)):  # as with --jobs 2
    outs += run_chunk(None, [items[i] for i in part], opts)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
gc.callbacks.remove(_in_gc)

def stage(fn, n=5):
    ts = []
    for _ in range(n):
        c = time.process_time(); r = fn(); ts.append(time.process_time() - c)
    return statistics.median(ts) * 1000, r

from lkjip_audit import schemacheck
from lkjip_audit.engine.run import audit
from lkjip_audit.readers import dataset as dsmod
from lkjip_audit.readers.facts import FACT_COLUMNS, validate_facts
from lkjip_audit.yamlio import load_yaml
rs = ruleset(opts, frozenset())
f = paths[0] / "dataset.yaml"
st = {}
st["yaml"], doc = stage(lambda: load_yaml(f))
st["schema"], _ = stage(lambda: schemacheck.check(doc, "dataset.schema.json", str(f)))
def build():  # the fact tuples (the table is made by the validation below, as the tool does)
    b = dsmod._Builder(str(f), doc, rs.concepts); b.build(); return b.records
st["facts"], records = stage(build)
def build_cold():  # a dataset none of whose printed figures the worker has read before
    getattr(dsmod, "_PARSED", {}).clear(); return build()
st["facts, none of its figures seen before"], _ = stage(build_cold)
from lkjip_audit.readers import facts as fmod
if hasattr(fmod, "sound"):  # the tuples checked as they are, as load_dataset does (no table made)
    st["facts checked as tuples"], _ = stage(lambda: fmod.sound(records, rs.concepts))
if hasattr(fmod, "validate_records"):  # the table made and validated (a GX check; an older tree's way)
    alone = lambda: fmod.validate_records(records, rs.concepts, str(f))
else:  # an older tree: a DataFrame of the tuples, validated
    import pandas as pd
    alone = lambda: validate_facts(pd.DataFrame(records, columns=FACT_COLUMNS), rs.concepts, str(f))
st["table + pandera (one dataset alone)"], _ = stage(alone)
ds = dsmod.load_dataset(paths[0], rs.concepts)
st["rules"], _ = stage(lambda: audit(ds, rs))
try:  # the chunk's facts validated (tuples checked; an older tree: one table made, validated, cut back)
    from lkjip_audit.corpus import batch
    from lkjip_audit.corpus.task import item_for as _item
    for k in (16, 32, 64):
        built = [batch._build(p, _item(p), opts) for p in (paths * 64)[:k]]
        ms, _ = stage(lambda: batch._validate_together(built, opts))
        st[f"validation share in a chunk of {k}"] = ms / k
except Exception as e:  # an older tree without fact_records
    st["pandera share"] = float("nan")
_result = audit(ds, rs)
st["outcome"], _ = stage(lambda: outcome(items[0], _result, opts))
def let_go():  # a checked dataset freed when the chunk lets go of it: its result, rule context, facts, YAML
    spent = []
    for _ in range(5):
        r = audit(dsmod.load_dataset(paths[0], rs.concepts), rs)
        c = time.process_time(); del r; spent.append(time.process_time() - c)
    return statistics.median(spent) * 1000
del ds, _result
st["freeing a checked dataset"] = let_go()
print(json.dumps({"n": len(outs), "wall": wall, "cpu": cpu, "checked": sum(o["status"] == "checked" for o in outs),
                  "errors": sorted({o["errors"] for o in outs}), "warnings": sorted({o["warnings"] for o in outs}),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "stages": st,
                  "gc_ms": 1000 * _gc[0] / len(outs), "gc_n": _gc[1]}))
"""


def make_datasets(folder: Path, n: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        d = folder / f"opd-{i:03d}"
        d.mkdir(parents=True)
        (d / "dataset.yaml").write_text(text.replace("instansi: Dinas Sosial Kota Blitar",
                                                     f"instansi: Dinas Sosial Kota Blitar {i:03d}"), encoding="utf-8")


def measure(root: Path, folder: Path, quick: bool) -> dict:
    p = subprocess.run([sys.executable, "-c", CHILD, str(folder), "quick" if quick else "gx"], cwd=root,
                       capture_output=True, text=True, env={**os.environ, "BENCH_ROOT": str(root)})
    if p.returncode:
        raise SystemExit(f"{root}: {p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def show(label: str, r: dict) -> None:
    stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
    print(f"  {label}: {r['n']} datasets in {r['wall']:.1f} s = {r['n'] / r['wall']:.1f}/s wall, "
          f"{r['n'] / r['cpu']:.1f}/s per CPU-second; peak RSS {r['rss']:.0f} MB; all checked: "
          f"{r['checked'] == r['n']}; errors {r['errors']} warnings {r['warnings']}")
    print(f"    in the cyclic garbage collector: {r['gc_ms']:.2f} ms CPU per dataset ({r['gc_n']} collections "
          f"for the {r['n']}; included in the figures above)")
    print(f"    one dataset, CPU ms: {stages}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--against", type=Path, default=None, help="another checkout, measured alternately")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--gx", action="store_true", help="the full rule set (GX) instead of --quick")
    a = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared: compare the ratios)")
    roots = {"this tree": ROOT}
    if a.against:
        roots["against " + str(a.against)] = a.against.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        make_datasets(Path(tmp), a.n)
        got: dict[str, list] = {k: [] for k in roots}
        for rnd in range(a.rounds):
            for label, root in roots.items():
                r = measure(root, Path(tmp), not a.gx)
                got[label].append(r)
                show(f"round {rnd + 1}, {label}", r)
        if a.against:
            this, other = (statistics.median(r["cpu"] for r in got[k]) for k in roots)
            this_w, other_w = (statistics.median(r["wall"] for r in got[k]) for k in roots)
            print(f"ratio (other / this tree, medians of {a.rounds}): CPU {other / this:.2f}x, wall {other_w / this_w:.2f}x")
            for k in roots:
                cpu_ms = statistics.median(1000 * r["cpu"] / r["n"] for r in got[k])
                gc_ms = statistics.median(r["gc_ms"] for r in got[k])
                print(f"  {k}: {cpu_ms:.1f} ms CPU per dataset, of which {gc_ms:.2f} in the garbage collector")


if __name__ == "__main__":
    main()
