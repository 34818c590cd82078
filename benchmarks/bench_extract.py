"""Speed of reading a report file: extract + check the text export of the real report, and the
same report built as a PDF (wide ruled tables, and narrow wrapping columns with landscape pages:
tests/build_docs.py) and as a DOCX; and the real excerpts of other offices (tests/corpus/).
Prints figures (pages per second for the PDFs); asserts nothing.

For each format, in a fresh process (no warm caches): the time to read the document, to extract
the dataset (tables, matching, narrative), to load it (schema, pandera) and to run every rule;
and the whole `lkjip-audit check REPORT --format json` command.

`--against DIR` (another checkout of the tool, e.g. `git archive main | tar -x -C /tmp/base`):
only the PDF reading (report -> document model, in process, no child), of both PDFs, in both trees,
alternating `--runs` times in one run (the machine's load changes minute to minute: only side-by-side
figures compare); prints the median CPU time (time.process_time) and pages per CPU-second of each
tree, their ratio, and whether the two trees read the same document (every block, row, cell, line
and provenance). With `--corpus N` also `check DIR --quick --jobs 1` over N copies of the PDF in
both trees: CPU time of the command and its children, pages per CPU-second, same per-report results.

Run: .venv/bin/python benchmarks/bench_extract.py [--runs N] [--against DIR [--corpus N]]
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


READ_PDF = r"""
import dataclasses, hashlib, json, sys, time
sys.modules["hypothesis"] = None
sys.path.insert(0, {root!r})
from pathlib import Path
from lkjip_audit.readers.doc_pdf import read_pdf_document
import pdfplumber  # imported before the clock starts in both trees (one tree imports it in the reader)
c = time.process_time(); doc = read_pdf_document(Path({path!r})); cpu = time.process_time() - c
digest = hashlib.sha256(json.dumps(dataclasses.asdict(doc), sort_keys=True, default=str).encode()).hexdigest()
print(json.dumps({{"cpu": cpu, "doc": digest}}))
"""


def pdf_against(pdfs: dict[str, Path], pages: dict[str, int], other: Path, runs: int) -> None:
    """PDF reading only, this tree against `other`, alternating in fresh processes (CPU time)."""
    trees = {"this": ROOT, "base": other.resolve()}
    res: dict = {(f, t): [] for f in pdfs for t in trees}
    for _ in range(runs):
        for fmt, path in pdfs.items():
            for tree, root in trees.items():
                code = READ_PDF.format(root=str(root), path=str(path))
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
                res[fmt, tree].append(json.loads(out.stdout))
    print(f"PDF reading, CPU seconds (median of {runs} fresh processes, alternating), this tree against {other}")
    print(f"{'format':<10} {'pages':>5} {'base s':>8} {'this s':>8} {'base p/s':>9} {'this p/s':>9} {'speed-up':>8}  "
          f"same document")
    for fmt in pdfs:
        b = statistics.median(r["cpu"] for r in res[fmt, "base"])
        n = statistics.median(r["cpu"] for r in res[fmt, "this"])
        same = {r["doc"] for r in res[fmt, "base"]} == {r["doc"] for r in res[fmt, "this"]}
        print(f"{fmt:<10} {pages[fmt]:5d} {b:8.2f} {n:8.2f} {pages[fmt] / b:9.1f} {pages[fmt] / n:9.1f} "
              f"{b / n:7.1f}x  {same}")


def corpus_against(pdf: Path, pages: int, other: Path, n: int, runs: int) -> None:
    """`check DIR --quick --jobs 1 --no-cache` over n copies of the PDF, both trees alternating; CPU
    time of the command and its children (the reader runs in a child process per report)."""
    import resource
    import shutil

    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "pdf"
        folder.mkdir()
        for i in range(n):
            shutil.copy(pdf, folder / f"laporan-{i:03d}.pdf")
        res: dict = {"this": [], "base": []}
        outs: dict = {}
        for _ in range(runs):
            for tree, root in (("this", ROOT), ("base", other.resolve())):
                c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                p = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(folder), "--quick", "--jobs", "1",
                                    "--no-cache", "--format", "json"], cwd=root, capture_output=True, text=True)
                c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                res[tree].append(c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime)
                outs[tree] = p.stdout
        b, t = statistics.median(res["base"]), statistics.median(res["this"])
        same = json.loads(outs["this"])["reports"] == json.loads(outs["base"])["reports"]
        print(f"corpus mode, {n} copies of the PDF ({n * pages} pages), check DIR --quick --jobs 1, CPU s "
              f"(median of {runs}): base {b:.1f} s = {n * pages / b:.1f} pages/CPU-s, this {t:.1f} s = "
              f"{n * pages / t:.1f} pages/CPU-s, {b / t:.1f}x; same per-report results: {same}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--against", type=Path, help="another checkout: PDF reading only, side by side")
    ap.add_argument("--corpus", type=int, default=0, help="with --against: also check DIR over N copies of the PDF")
    args = ap.parse_args()
    from build_docs import build_docx, build_pdf, build_pdf_narrow

    if args.against:
        text = SEED.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as d:
            pdfs = {"pdf": build_pdf(text, Path(d) / "lkjip.pdf"),
                    "pdf-narrow": build_pdf_narrow(text, Path(d) / "lkjip_narrow.pdf", landscape_every=2)}
            import pdfplumber

            pages = {k: len(pdfplumber.open(str(v)).pages) for k, v in pdfs.items()}
            pdf_against(pdfs, pages, args.against, args.runs)
            if args.corpus:
                corpus_against(pdfs["pdf"], pages["pdf"], args.against, args.corpus, min(args.runs, 2))
        return 0

    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as d:
        files = {"text": SEED, "pdf": build_pdf(text, Path(d) / "lkjip.pdf"),
                 "pdf-narrow": build_pdf_narrow(text, Path(d) / "lkjip_narrow.pdf", landscape_every=2),
                 "docx": build_docx(text, Path(d) / "lkjip.docx")}
        import pdfplumber

        pages = {k: len(pdfplumber.open(str(v)).pages) for k, v in files.items() if str(v).endswith(".pdf")}
        print(f"report: {SEED.name} ({len(text.splitlines())} lines); median of {args.runs} fresh processes")
        print(f"{'format':<10} {'imports':>8} {'read':>8} {'extract':>8} {'load':>8} {'check':>8} {'total':>8} "
              f"{'command':>8}  facts findings  pages/s")
        for fmt, path in files.items():
            s = stages(path, args.runs)
            total = s["read"] + s["extract"] + s["load"] + s["check"]
            cmd = command(path, args.runs)
            rate = f"{pages[fmt] / total:7.1f} ({pages[fmt]} p.)" if fmt in pages else ""
            print(f"{fmt:<10} {s['imports']:8.3f} {s['read']:8.3f} {s['extract']:8.3f} {s['load']:8.3f} "
                  f"{s['check']:8.3f} {total:8.3f} {cmd:8.3f}  {int(s['facts']):5d} {int(s['findings']):8d}  {rate}")
        corpus = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
        if corpus:
            times = []
            for f in corpus:
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "lkjip_audit", "check", str(f), "--format", "json", "--quick"],
                               cwd=ROOT, capture_output=True)
                times.append(time.perf_counter() - t0)
            print(f"corpus: {len(corpus)} excerpts of other offices, command median {statistics.median(times):.3f} s, "
                  f"max {max(times):.3f} s")
    print("seconds; total = read + extract + load + check (after imports); command = the whole CLI run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
