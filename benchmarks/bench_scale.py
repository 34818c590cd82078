"""Cost against the size of one report: synthetic datasets at 1x, 10x, 100x the Blitar one.

A k-times dataset holds k copies of every subject of datasets/dinsos-kota-blitar-2020 (tujuan,
sasaran, IKU, programme, kegiatan, SPM; copy c renamed `<key>_c`, its name suffixed "(salinan c)",
its references renamed alike), every table row and narrative entry repeated for each copy. Totals
(APBD, BTL, ...) stay single, so they now disagree with the copied programmes: k times the findings,
which a linear tool pays linearly. The datasets are built here only (benchmark), in a temp folder.

Prints, per size: load (YAML, schema, pandera), evaluation without GX (`--quick` rules) and with GX
(the full rule set), medians of --runs in one process after a warm-up, the ratio to 1x and the
peak RSS.
Run: .venv/bin/python benchmarks/bench_scale.py [--sizes 1,10,100] [--runs 3] [--no-gx] [--profile K]
"""
from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "datasets" / "dinsos-kota-blitar-2020" / "dataset.yaml"
sys.path.insert(0, str(ROOT))
COPIED = ("tujuan", "sasaran", "iku", "program", "kegiatan", "spm")
REFS = ("sasaran", "tujuan", "program", "iku", "subject")


def scaled(doc: dict, k: int) -> dict:
    """k copies of every non-total subject, rows and narrative entries alike."""
    out = copy.deepcopy(doc)
    keys = {key for kind in COPIED for key in (doc["subjects"].get(kind) or {})}

    def ren(v, c):
        return f"{v}_{c}" if c and isinstance(v, str) and v in keys else v

    for kind in COPIED:
        subs = doc["subjects"].get(kind) or {}
        new = {}
        for c in range(k):
            for key, attrs in subs.items():
                a = dict(attrs)
                for r in REFS:
                    if r in a:
                        a[r] = ren(a[r], c)
                if c:
                    a["name"] = f"{a.get('name', key)} (salinan {c})"
                new[ren(key, c)] = a
        out["subjects"][kind] = new
    for t_out, t in zip(out["tables"], doc["tables"]):
        rows = []
        for c in range(k):
            for row in t["rows"]:
                if c and row.get("subject") not in keys:
                    continue  # a total row stays single
                r = dict(row)
                for ref in REFS:
                    if ref in r:
                        r[ref] = ren(r[ref], c)
                rows.append(r)
        t_out["rows"] = rows
    narr = []
    for c in range(k):
        for entry in doc.get("narrative") or []:
            facts = [dict(f, subject=ren(f.get("subject"), c)) for f in entry["facts"]]
            if c and not any(f.get("subject") in keys for f in entry["facts"]):
                continue
            narr.append(dict(entry, facts=facts))
    out["narrative"] = narr
    return out


def build(folder: Path, k: int, doc: dict) -> Path:
    d = folder / f"x{k}"
    d.mkdir()
    (d / "dataset.yaml").write_text(yaml.safe_dump(scaled(doc, k), allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")
    return d


def measure(path: Path, rules, runs: int) -> tuple[float, float, int, int]:
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.dataset import load_dataset

    loads, evals, n_facts, n_findings = [], [], 0, 0
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        ds = load_dataset(path, rules.concepts)
        t1 = time.perf_counter()
        result = audit(ds, rules)
        t2 = time.perf_counter()
        loads.append(t1 - t0)
        evals.append(t2 - t1)
        n_facts, n_findings = len(ds.facts), len(result.findings)
    return statistics.median(loads[1:]), statistics.median(evals[1:]), n_facts, n_findings


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,10,100")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-gx", action="store_true")
    ap.add_argument("--profile", type=int, default=None, metavar="K", help="cProfile the K-times check (with GX)")
    a = ap.parse_args()
    sys.modules.setdefault("hypothesis", None)  # as the CLI does
    from lkjip_audit.rulepack.loader import load_rules

    quick = load_rules(ROOT / "rules", quick=True, have=set())
    full = None if a.no_gx else load_rules(ROOT / "rules", have=set())
    from lkjip_audit.engine import run  # noqa: F401
    from lkjip_audit.gx import runner  # noqa: F401 - GX imported before the freeze, as its packs load it

    import gc

    gc.freeze()  # as the CLI does after its imports (cli._load)
    doc = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    sizes = [int(s) for s in a.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {k: build(Path(tmp), k, doc) for k in sizes}
        if a.profile:
            import cProfile
            import pstats

            from lkjip_audit.engine.run import audit
            from lkjip_audit.readers.dataset import load_dataset

            rules = full or quick
            ds = load_dataset(paths[a.profile], rules.concepts)
            audit(ds, rules)
            pr = cProfile.Profile()
            pr.enable()
            audit(load_dataset(paths[a.profile], rules.concepts), rules)
            pr.disable()
            pstats.Stats(pr).sort_stats("tottime").print_stats(30)
            return
        print(f"scale benchmark, medians of {a.runs} (machine shared with other jobs: compare ratios)")
        print(f"{'size':>5} {'facts':>7} {'findings':>8} {'load s':>8} {'quick s':>8} {'x1':>6} "
              f"{'GX s':>8} {'x1':>6} {'RSS MB':>7}")
        base_q = base_g = None
        for k in sizes:
            load, q, n, nf = measure(paths[k], quick, a.runs)
            g = measure(paths[k], full, a.runs)[1] if full else float("nan")
            base_q = base_q or (load + q)
            base_g = base_g or (load + g)
            print(f"{k:>4}x {n:>7} {nf:>8} {load:>8.3f} {q:>8.3f} {(load + q) / base_q:>6.1f} "
                  f"{g:>8.3f} {(load + g) / base_g:>6.1f} {_peak_rss_mb():>7.0f}")
        print("x1: (load + evaluation) / the same at 1x; linear cost is x1 <= size; "
              "RSS: the process's peak so far (sizes run in increasing order)")


if __name__ == "__main__":
    main()
