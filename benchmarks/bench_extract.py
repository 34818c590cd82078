"""Speed of reading a report file: extract + check the text export of the real report, and the
same report built as a PDF (and as a DOCX). Prints figures; asserts nothing.

For each format, in a fresh process (no warm caches): the time to read the document, to extract
the dataset (tables, matching, narrative), to load it (schema, pandera) and to run every rule;
and the whole `lkjip-audit check REPORT --format json` command.

Run: .venv/bin/python benchmarks/bench_extract.py [--runs N]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "datasets" / "dinsos-kota-blitar-2020" / "000_9436e2d9426b5c76.txt"  # copy of shared/seeds/
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

STAGES = r"""
import json, sys, time
sys.modules["hypothesis"] = None
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from pathlib import Path
from lkjip_audit.rulepack.loader import load_rules
from lkjip_audit.readers.report import read_document, to_ldict
from lkjip_audit.readers.extract import extract
from lkjip_audit.readers.dataset import dataset_from_doc
from lkjip_audit.engine.run import audit
t1 = time.perf_counter()
rules = load_rules(Path({root!r}) / "rules", quick=True)  # without the GX pack: see bench_gx.py
path = Path({path!r})
t2 = time.perf_counter(); doc = read_document(path)
t3 = time.perf_counter(); ex = extract(doc, path.name)
t4 = time.perf_counter(); ds = dataset_from_doc(to_ldict(ex.doc), str(path), path, rules.concepts)
ds.document, ds.extraction = doc, ex
t5 = time.perf_counter(); result = audit(ds, rules)
t6 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "read": t3 - t2, "extract": t4 - t3, "load": t5 - t4, "check": t6 - t5,
                  "findings": len(result.findings), "facts": int(len(ds.facts))}}))
"""


def stages(path: Path, runs: int) -> dict:
    out = []
    for _ in range(runs):
        code = STAGES.format(root=str(ROOT), path=str(path))
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        out.append(json.loads(res.stdout))
    return {k: statistics.median(r[k] for r in out) for k in out[0]}


def command(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(path), "--format", "json", "--quick"],
                       cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from build_docs import build_docx, build_pdf

    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as d:
        files = {"text": SEED, "pdf": build_pdf(text, Path(d) / "lkjip.pdf"),
                 "docx": build_docx(text, Path(d) / "lkjip.docx")}
        print(f"report: {SEED.name} ({len(text.splitlines())} lines); median of {args.runs} fresh processes")
        print(f"{'format':<6} {'imports':>8} {'read':>8} {'extract':>8} {'load':>8} {'check':>8} {'total':>8} "
              f"{'command':>8}  facts findings")
        for fmt, path in files.items():
            s = stages(path, args.runs)
            total = s["read"] + s["extract"] + s["load"] + s["check"]
            cmd = command(path, args.runs)
            print(f"{fmt:<6} {s['imports']:8.3f} {s['read']:8.3f} {s['extract']:8.3f} {s['load']:8.3f} "
                  f"{s['check']:8.3f} {total:8.3f} {cmd:8.3f}  {int(s['facts']):5d} {int(s['findings']):8d}")
    print("seconds; total = read + extract + load + check (after imports); command = the whole CLI run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
