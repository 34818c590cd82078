"""Speed of `lkjip-audit check` on the shipped dataset. Prints figures; asserts nothing.

1. the tool's own work after imports: load + validate rules, load + validate the dataset (schema,
   pandera), evaluate every rule, render the terminal, JSON and Markdown reports;
2. the whole command as a fresh process, against a bare `python -c "import pandas, pandera.pandas,
   yaml, rich"`, alternating the two in one run (these machines are noisy);
3. that great_expectations is not imported on this path.

All of it is `check --quick`: the Great Expectations packs (rules/mutu_data.yaml) are skipped; the
full check with GX is measured by benchmarks/bench_gx.py.

Run: .venv/bin/python benchmarks/bench_check.py [--runs N]
"""
from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "datasets" / "dinsos-kota-blitar-2020"
sys.path.insert(0, str(ROOT))


def in_process(runs: int) -> list[float]:
    from rich.console import Console

    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.reporters import json_report, markdown_report, terminal
    from lkjip_audit.rulepack.loader import load_rules

    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        rules = load_rules(ROOT / "rules", quick=True)
        ds = load_dataset(DATASET, rules.concepts)
        result = audit(ds, rules)
        terminal.render(result, "error", Console(file=io.StringIO(), width=120))
        json_report.render(result, "error")
        markdown_report.render(result, "error")
        times.append(time.perf_counter() - t0)
    return times[1:]  # the first run warms caches (jinja2 import, babel locale data)


COLD = r"""
import io, sys, time
sys.modules["hypothesis"] = None          # as the CLI does (see cli._skip_unused_imports)
from pathlib import Path
from rich.console import Console
from lkjip_audit.engine.run import audit
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.reporters import terminal
from lkjip_audit.rulepack.loader import load_rules
import gc; gc.freeze()                    # as the CLI does after its imports (see cli._load)
t0 = time.perf_counter()
rules = load_rules(Path("rules"), quick=True, have=set())  # as the CLI for a plain dataset
ds = load_dataset(Path("datasets/dinsos-kota-blitar-2020"), rules.concepts)
result = audit(ds, rules)
terminal.render(result, "error", Console(file=io.StringIO(), width=120))
print(time.perf_counter() - t0)
"""


def cold(runs: int) -> list[float]:
    """The first check in a fresh process, after imports: what one `lkjip-audit check` pays."""
    out = []
    for _ in range(runs):
        p = subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True, check=True)
        out.append(float(p.stdout.strip().splitlines()[-1]))
    return out


def processes(runs: int) -> tuple[list[float], list[float]]:
    exe = Path(sys.executable)
    cli = [str(exe), "-m", "lkjip_audit", "check", str(DATASET), "--format", "json", "--quick"]
    bare = [str(exe), "-c", "import pandas, pandera.pandas, yaml, rich"]
    a, b = [], []
    for _ in range(runs):
        for cmd, acc in ((bare, a), (cli, b)):
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            acc.append(time.perf_counter() - t0)
    return a, b


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    n = p.parse_args().runs
    # bytecode for the package, as a normal install would leave it (this machine may set
    # PYTHONDONTWRITEBYTECODE, and then every run would recompile the package from source)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "lkjip_audit")], check=True)
    first = cold(n)
    print(f"tool's own work, first check in a fresh process after imports (load+validate rules and "
          f"dataset, evaluate, terminal report), {n} runs: median {statistics.median(first) * 1000:.1f} ms, "
          f"max {max(first) * 1000:.1f} ms (budget 100 ms)")
    own = in_process(n)
    print(f"same work repeated in one process, with JSON and Markdown reports too, {n} runs: "
          f"median {statistics.median(own) * 1000:.1f} ms")
    print(f"great_expectations imported on the check path: {'great_expectations' in sys.modules}")
    bare, cli = processes(n)
    mb, mc = statistics.median(bare), statistics.median(cli)
    print(f"bare 'import pandas, pandera.pandas, yaml, rich': median {mb:.3f} s")
    print(f"'lkjip-audit check' (json) as a process:        median {mc:.3f} s")
    print(f"difference: {mc - mb:+.3f} s (budget +0.500 s)")


if __name__ == "__main__":
    main()
