"""The parent's serial start-up of a corpus run, for counting its instructions: the command
`check DIR --quick --jobs 2 --no-cache --format json` run in this process up to the point where the
pool forks its workers (rule packs loaded, `task.prepare` done, the heap frozen), then stopped.
Until that point the other core waits: an instruction cut here is worth two cut from the reports.

    PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        python benchmarks/startup_to_fork.py TREE DIR [--before-prepare]

TREE is a checkout of the code (this one: `.`), so two trees are counted by the same script; DIR a
folder of datasets (e.g. 200 copies made by bench_corpus.py's make_datasets). `--before-prepare`
stops where `pool.run_local` starts instead (round 9's /tmp/r9/imp.py point, without its artefact:
that script left cli.main by an exception, and the collector's threshold, restored on the way out,
then walked the ~250 000 young objects of the start-up, ~42 M instructions a real run never
spends: it freezes them before forking). Prints the wall time of the part run; asserts nothing.
"""
from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

TREE, DIR = sys.argv[1], sys.argv[2]
BEFORE_PREPARE = "--before-prepare" in sys.argv[3:]
t0 = time.perf_counter()
sys.path.insert(0, str(Path(TREE).resolve()))

from lkjip_audit.cli import main  # noqa: E402
from lkjip_audit.corpus import run  # noqa: E402


class Stop(BaseException):
    pass


def stop(*args, **kwargs):
    gc.freeze()  # as run_local does before it forks (so that leaving main walks nothing)
    raise Stop


_check = run._check


def check(*args, **kwargs):  # the pool imported where the CLI imports it (inside main)
    from lkjip_audit.corpus import pool

    if BEFORE_PREPARE:
        pool.run_local = stop
    else:
        pool._one_pool = stop  # called right after prepare() and gc.freeze(), before the fork
    return _check(*args, **kwargs)


run._check = check
try:
    main(["check", DIR, "--quick", "--jobs", "2", "--no-cache", "--format", "json"])
    print("the pool was never reached (a one-job machine, or nothing to check)", file=sys.stderr)
except Stop:
    pass
print(f"start-up to the {'pool' if BEFORE_PREPARE else 'fork'}: {time.perf_counter() - t0:.3f} s")
