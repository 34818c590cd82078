"""Corpus mode against one process per report. Prints figures; asserts nothing.

Every figure is measured side by side in one run (the machine is shared with other jobs: read the
ratios, not the absolute times):

0. the steady state: `check DIR --quick --jobs J --no-cache` over N and over 2N datasets, run
   alternately `--rounds` times: the whole command (start-up included) for each, then the marginal
   rate of the N extra datasets (reports/s per core, CPU ms per report: throughput once started) and
   the fixed start-up cost it implies (CPU of all processes, wall);
1. N datasets (copies of the Blitar 2020 dataset, each with its own office name) with --quick and
   with GX: `lkjip-audit check DIR --jobs J --no-cache` as one command, against one
   `lkjip-audit check DATASET` process per report (a sample, run in between); reports/s per core;
2. P PDF reports (the Blitar report built as PDF with tests/build_docs.py): pages/s;
3. memory per worker (peak RSS of each worker process, --quick and GX);
4. a re-run after one report changed (result cache) against checking that one report alone
   (--quick over the N datasets; with GX over --n-rerun-gx of them);
5. `--dask` on a LocalCluster of 2 worker processes (started here, on loopback) against `--jobs 2`,
   --quick and with GX: wall time, reports/s, and whether both give the same rekap and the same
   per-report findings (`--output-dir`, compared file by file);
6. `history --quick` over a synthetic 100-year series of one office (the Blitar dataset, years moved).

Run: .venv/bin/python benchmarks/bench_corpus.py [--n 200] [--n-gx 200] [--pdfs 40] [--jobs J] [--skip-gx]
     [--skip-dask] [--n-dask-gx 40] [--n-rerun-gx 40] [--steady-only] [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "datasets" / "dinsos-kota-blitar-2020"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CLI = [sys.executable, "-m", "lkjip_audit"]


def make_datasets(folder: Path, n: int) -> list[Path]:
    text = (SEED_DIR / "dataset.yaml").read_text(encoding="utf-8")
    out = []
    for i in range(n):
        d = folder / f"opd-{i:03d}"
        d.mkdir(parents=True)
        (d / "dataset.yaml").write_text(text.replace("instansi: Dinas Sosial Kota Blitar",
                                                     f"instansi: Dinas Sosial Kota Blitar {i:03d}"), encoding="utf-8")
        out.append(d)
    return out


def make_series(folder: Path, years: int) -> Path:
    text = (SEED_DIR / "dataset.yaml").read_text(encoding="utf-8")
    for i in range(years):
        d = folder / f"y{2000 + i}"
        d.mkdir(parents=True)
        (d / "dataset.yaml").write_text(re.sub(r"(?<![\d.,])(20[0-3]\d)(?![\d.,])",
                                               lambda m: str(int(m.group(1)) + 2000 + i - 2020), text), encoding="utf-8")
    return folder


def wall(cmd: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    dt = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} -> {p.returncode}\n{p.stderr}")
    return dt, p.stdout


def corpus_vs_single(label: str, folder: Path, paths: list[Path], jobs: int, sample: int, extra: list[str]) -> None:
    corpus_cmd = [*CLI, "check", str(folder), "--jobs", str(jobs), "--no-cache", "--format", "json", *extra]
    t_corpus1, out = wall(corpus_cmd)
    singles = [wall([*CLI, "check", str(p), "--format", "json", *extra])[0] for p in paths[:sample]]
    t_corpus2, _ = wall(corpus_cmd)
    t_corpus = min(t_corpus1, t_corpus2)
    n = len(paths)
    per_core_corpus = n / t_corpus / jobs
    per_core_single = 1 / statistics.median(singles)
    rows = json.loads(out)["reports"]
    print(f"{label}: {n} datasets, corpus mode --jobs {jobs}: {t_corpus:.1f} s (runs {t_corpus1:.1f} / {t_corpus2:.1f})"
          f" = {per_core_corpus:.1f} reports/s/core; one process per report (median of {sample}): "
          f"{statistics.median(singles):.2f} s = {per_core_single:.2f} reports/s/core; "
          f"ratio {per_core_corpus / per_core_single:.1f}x; all checked: {all(r['status'] == 'checked' for r in rows)}",
          flush=True)


def timed(cmd: list[str], root: Path = ROOT) -> tuple[float, float]:
    """Wall time and CPU time of a command, its worker processes included (they are waited for)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} -> {p.returncode}\n{p.stderr}")
    return dt, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def steady_state(small: Path, big: Path, n: int, jobs: int, rounds: int, roots: dict[str, Path]) -> None:
    """`check DIR --quick --jobs J --no-cache` over N and 2N datasets, alternately: the whole
    command (start-up included) for each, and the marginal cost of the N extra datasets, which is
    the throughput once started (start-up = what N costs beyond N marginal datasets). With
    --against, the other tree's commands run in between (same rounds), and the ratios are printed."""
    cmd = [*CLI, "check", "{}", "--quick", "--jobs", str(jobs), "--no-cache", "--format", "json"]
    got: dict[str, dict[str, list[tuple[float, float]]]] = {k: {"n": [], "2n": []} for k in roots}
    for _ in range(rounds):
        for key, folder in (("n", small), ("2n", big)):
            for label, root in roots.items():
                got[label][key].append(timed([a.replace("{}", str(folder)) for a in cmd], root))
    for label in roots:
        _steady_figures(label if len(roots) > 1 else "", got[label], n, jobs, rounds)
    if len(roots) > 1:
        (a, ga), (b, gb) = list(got.items())[:2]
        for key, size in (("n", n), ("2n", 2 * n)):
            ca, cb = (statistics.median(x[1] for x in g[key]) for g in (ga, gb))
            wa, wb = (statistics.median(x[0] for x in g[key]) for g in (ga, gb))
            print(f"ratio ({b} / {a}), {size} datasets, whole command: CPU {cb / ca:.2f}x, wall {wb / wa:.2f}x",
                  flush=True)


def _steady_figures(label: str, got: dict[str, list[tuple[float, float]]], n: int, jobs: int, rounds: int) -> None:
    w1, c1 = (statistics.median(x[i] for x in got["n"]) for i in (0, 1))
    w2, c2 = (statistics.median(x[i] for x in got["2n"]) for i in (0, 1))
    print(f"{label + ': ' if label else ''}--quick --jobs {jobs}, whole command (start-up included), medians of {rounds}: "
          f"{n} datasets {w1:.2f} s wall / {c1:.2f} s CPU = {n / w1:.1f} reports/s, {n / c1:.1f} per CPU-second; "
          f"{2 * n} datasets {w2:.2f} s wall / {c2:.2f} s CPU = {2 * n / w2:.1f} reports/s, {2 * n / c2:.1f} per CPU-second",
          flush=True)
    dw, dc = w2 - w1, c2 - c1
    if dw <= 0 or dc <= 0:
        print("marginal (steady state): not measurable in this run (the machine's load changed too much)")
        return
    print(f"marginal (steady state, the {n} extra datasets of {2 * n} vs {n}): {n / dw:.1f} reports/s wall = "
          f"{n / dw / jobs:.1f} reports/s per core; {1000 * dc / n:.1f} ms CPU per report = {n / dc:.1f} reports "
          f"per CPU-second; start-up (fixed, all processes): {c1 - dc:.2f} s CPU, {w1 - dw:.2f} s wall", flush=True)


TIMELINE = r"""
import io, json, os, resource, sys, time, contextlib
W0, C0 = time.perf_counter(), time.process_time()
sys.path.insert(0, os.environ["BENCH_ROOT"])
marks, ends = {}, {}  # ends: each worker's last report back (wall)
def mark(what):
    marks.setdefault(what, (time.perf_counter() - W0, time.process_time() - C0))
from lkjip_audit.cli import main
mark("cli imported")
from lkjip_audit.corpus import discover, pool, run
def after(mod, name, what):
    f = getattr(mod, name)
    def w(*a, **k):
        r = f(*a, **k); mark(what); return r
    setattr(mod, name, w)
after(discover, "discover", "inputs found")
after(run, "_check_rules", "rule packs loaded")
after(pool, "prepare", "imports done (before fork)")
run_local = pool.run_local
def timed_run_local(items, opts, jobs, on_done=None, task=None):
    n = [0]
    def done(i, o):
        n[0] += 1
        mark("first report back" if n[0] == 1 else "last report back" if n[0] == len(items) else "-")
        ends[o["worker"]["pid"]] = time.perf_counter() - W0
        if on_done:
            on_done(i, o)
    return run_local(items, opts, jobs, done, task)
pool.run_local = timed_run_local
sys.argv = ["lkjip-audit", "check", sys.argv[1], "--quick", "--jobs", sys.argv[2], "--no-cache", "--format", "json"]
with contextlib.redirect_stdout(io.StringIO()):
    main()  # as the program runs it (no argv): its exit too
mark("rekap written")
marks.pop("-", None)
c = resource.getrusage(resource.RUSAGE_SELF)  # the workers' CPU: the caller's count of all processes minus this
idle = max(ends.values()) - min(ends.values()) if len(ends) > 1 else 0.0
print(json.dumps({"marks": marks, "parent_cpu": c.ru_utime + c.ru_stime, "idle_tail": idle, "end": time.time()}),
      flush=True)
"""


def startup(folder: Path, jobs: int, rounds: int, roots: dict[str, Path]) -> None:
    """Where the wall time of `check DIR --quick --jobs J --no-cache` goes: wall and CPU seconds of
    the parent process at each step (medians of `rounds` runs), the wall time from the rekap written
    to the process gone (its exit: lkjip_audit/process_exit.py), the workers' CPU, and how long one
    worker had nothing left to do while another finished its last chunk (the balance at the end)."""
    got: dict[str, list[dict]] = {k: [] for k in roots}
    for _ in range(rounds):
        for label, root in roots.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            p = subprocess.run([sys.executable, "-c", TIMELINE, str(folder), str(jobs)], cwd=root, capture_output=True,
                               text=True, env={**os.environ, "BENCH_ROOT": str(root)})
            ended = time.time()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if p.returncode not in (0, 1):
                raise SystemExit(f"{root}: {p.stderr[-2000:]}")
            run = json.loads(p.stdout.strip().splitlines()[-1])
            run["exit"] = ended - run["end"]  # from the rekap written to the process gone (its exit)
            # the workers are joined by the time the process is gone (the pool may let them exit
            # while the parent writes the rekap): all processes' CPU minus the parent's
            every = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            run["workers_cpu"] = every - run["parent_cpu"]
            got[label].append(run)
    n = sum(1 for _ in folder.iterdir())
    for label, runs in got.items():
        steps = [f"{what} {statistics.median(r['marks'][what][0] for r in runs):.2f} s wall / "
                 f"{statistics.median(r['marks'][what][1] for r in runs):.2f} s CPU" for what in runs[0]["marks"]]
        print(f"start-up timeline{' (' + label + ')' if len(roots) > 1 else ''}, {n} datasets, --jobs {jobs}, parent "
              f"process from its first line, medians of {rounds}: " + "; ".join(steps) +
              f"; process exit {statistics.median(r['exit'] for r in runs):.3f} s wall"
              f"; workers' CPU {statistics.median(r['workers_cpu'] for r in runs):.2f} s"
              f"; a worker idle at the end (its last report back before the other's) "
              f"{statistics.median(r['idle_tail'] for r in runs):.2f} s wall", flush=True)


def memory(paths: list[Path], jobs: int, quick: bool) -> None:
    from lkjip_audit.corpus.pool import run_local
    from lkjip_audit.corpus.task import Options, item_for

    outs = run_local([item_for(p) for p in paths], Options(quick=quick), jobs)
    peak: dict[int, float] = {}
    for o in outs:
        w = o["worker"]
        peak[w["pid"]] = max(peak.get(w["pid"], 0), w["max_rss_mb"] or 0)
    print(f"memory per worker ({'--quick' if quick else 'with GX'}, {len(paths)} reports, {len(peak)} workers): "
          + ", ".join(f"{v:.0f} MB" for v in sorted(peak.values())) + " peak RSS")


def pdfs(folder: Path, n: int, jobs: int) -> None:
    from build_docs import build_pdf

    seed = next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8")
    first = build_pdf(seed, folder / "laporan-000.pdf")
    for i in range(1, n):
        shutil.copy(first, folder / f"laporan-{i:03d}.pdf")
    t, out = wall([*CLI, "check", str(folder), "--quick", "--jobs", str(jobs), "--no-cache", "--format", "json"])
    rows = json.loads(out)["reports"]
    pages = sum(r["pages"] for r in rows)
    single, _ = wall([*CLI, "check", str(first), "--quick", "--format", "json"])
    print(f"PDF: {n} reports, {pages} pages, --quick --jobs {jobs}: {t:.1f} s = {pages / t:.1f} pages/s "
          f"({pages / t / jobs:.1f} pages/s/core; one process for one PDF: {single:.1f} s = "
          f"{pages / n / single:.1f} pages/s); all checked: {all(r['status'] == 'checked' for r in rows)}")


def rerun(label: str, folder: Path, paths: list[Path], jobs: int, extra: list[str], rounds: int = 1) -> None:
    """The result cache: a first run, an unchanged re-run, then `rounds` times in turn a re-run after
    one report changed (a comment added, so its content hash changes) and that one report checked
    alone by a whole command of its own; medians of the rounds (GX start-up varies by seconds)."""
    cache = folder.parent / f"cache-{folder.name}"
    cmd = [*CLI, "check", str(folder), "--jobs", str(jobs), "--cache-dir", str(cache), "--format", "json", *extra]
    t_first, _ = wall(cmd)
    t_same, _ = wall(cmd)
    y = paths[7] / "dataset.yaml"
    changed, alone, ok = [], [], True
    for k in range(rounds):
        y.write_text(y.read_text(encoding="utf-8") + f"\n# diperbaiki {k}\n", encoding="utf-8")
        t, out = wall(cmd)
        changed.append(t)
        alone.append(wall([*CLI, "check", str(paths[7]), "--format", "json", *extra])[0])
        ok = ok and all(r["status"] == "checked" for r in json.loads(out)["reports"])
    print(f"cache, {len(paths)} datasets {label}: first run {t_first:.1f} s, unchanged re-run {t_same:.1f} s, "
          f"re-run after one report changed {statistics.median(changed):.1f} s; that one report alone (whole "
          f"command) {statistics.median(alone):.1f} s (medians of {rounds}: {' / '.join(f'{a:.1f}' for a in changed)} "
          f"against {' / '.join(f'{b:.1f}' for b in alone)}); all checked: {ok}")


def _outputs(d: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(d.iterdir())}


def dask_vs_jobs(label: str, folder: Path, n: int, extra: list[str]) -> None:
    """--dask on a LocalCluster of 2 workers against --jobs 2: times and identical results."""
    try:
        from distributed import LocalCluster
    except ImportError:
        print("dask: not installed (pip install 'lkjip-audit[dask]'), skipped")
        return
    base = [*CLI, "check", str(folder), "--no-cache", "--format", "json", *extra]
    out_jobs, out_dask = folder.parent / f"out-jobs-{folder.name}", folder.parent / f"out-dask-{folder.name}"
    for d in (out_jobs, out_dask):
        shutil.rmtree(d, ignore_errors=True)
    t_jobs, rekap_jobs = wall([*base, "--jobs", "2", "--output-dir", str(out_jobs)])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        t_dask, rekap_dask = wall([*base, "--dask", cluster.scheduler_address, "--output-dir", str(out_dask)])
    same_rekap = json.loads(rekap_jobs) == json.loads(rekap_dask)
    a, b = _outputs(out_jobs), _outputs(out_dask)
    same_findings = a == b and len(a) == n
    print(f"dask {label}: {n} datasets, --dask LocalCluster(2 workers) {t_dask:.1f} s = {n / t_dask:.1f} reports/s; "
          f"--jobs 2 {t_jobs:.1f} s = {n / t_jobs:.1f} reports/s; ratio dask/jobs {t_dask / t_jobs:.2f}; "
          f"same rekap: {same_rekap}; same per-report findings ({len(b)} files): {same_findings}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--n-gx", type=int, default=200)
    ap.add_argument("--n-dask-gx", type=int, default=40)
    ap.add_argument("--n-rerun-gx", type=int, default=40)
    ap.add_argument("--pdfs", type=int, default=40)
    ap.add_argument("--years", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--sample", type=int, default=5, help="one-process-per-report runs to time")
    ap.add_argument("--skip-gx", action="store_true")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--steady-only", action="store_true", help="only the steady-state figure (N vs 2N)")
    ap.add_argument("--rounds", type=int, default=3, help="runs of N and of 2N for the steady-state figure")
    ap.add_argument("--against", type=Path, default=None,
                    help="another checkout (e.g. git archive main | tar -x -C /tmp/base): the steady state and "
                         "the start-up timeline of both, alternately")
    a = ap.parse_args()
    from lkjip_audit.corpus.pool import default_jobs

    jobs = a.jobs or default_jobs()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared: compare the ratios)",
          flush=True)
    with tempfile.TemporaryDirectory() as tmp:  # GX first: on a shared machine its figures matter most
        tmp = Path(tmp)
        make_datasets(tmp / "steady-n", a.n)
        make_datasets(tmp / "steady-2n", 2 * a.n)
        roots = {"this tree": ROOT, **({f"against {a.against}": a.against.resolve()} if a.against else {})}
        steady_state(tmp / "steady-n", tmp / "steady-2n", a.n, jobs, a.rounds, roots)
        startup(tmp / "steady-n", jobs, a.rounds, roots)
        if a.steady_only:
            return
        paths = make_datasets(tmp / "quick", a.n)
        gx_paths = [] if a.skip_gx else make_datasets(tmp / "gx", a.n_gx)
        if not a.skip_gx:
            corpus_vs_single("with GX", tmp / "gx", gx_paths, jobs, max(2, a.sample // 2), [])
        corpus_vs_single("--quick", tmp / "quick", paths, jobs, a.sample, ["--quick"])
        if not a.skip_dask:
            dask_vs_jobs("--quick", tmp / "quick", a.n, ["--quick"])
            if not a.skip_gx:
                dask_gx = make_datasets(tmp / "gx-dask", a.n_dask_gx)
                dask_vs_jobs("with GX", tmp / "gx-dask", len(dask_gx), [])
        rerun("--quick", tmp / "quick", paths, jobs, ["--quick"], a.rounds)
        if not a.skip_gx:
            rerun_gx = make_datasets(tmp / "gx-rerun", a.n_rerun_gx)
            rerun("with GX", tmp / "gx-rerun", rerun_gx, jobs, [], a.rounds)
        memory(paths[:40], jobs, quick=True)
        if not a.skip_gx:
            memory(gx_paths[:100], jobs, quick=False)
        series = make_series(tmp / "series", a.years)
        t, _ = wall([*CLI, "history", str(series), "--quick", "--jobs", str(jobs), "--format", "json"])
        print(f"history --quick over {a.years} years of one office: {t:.1f} s ({a.years / t:.1f} years/s)", flush=True)
        (tmp / "pdf").mkdir()
        pdfs(tmp / "pdf", a.pdfs, jobs)

if __name__ == "__main__":
    main()
