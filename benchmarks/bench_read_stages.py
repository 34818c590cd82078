"""One stage of a --quick corpus worker's reading path, repeated over copies of the Blitar dataset:
for counting its instructions (the machine's load moves CPU time by +-30%, instruction counts not).

    PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        python benchmarks/bench_read_stages.py TREE STAGE N

for N = 0 and N = 2: (I refs at N=2 - I refs at N=0) / 2 / 68 is the stage's instructions per report.
TREE is a checkout of the code (this one: `.`), so two trees are counted by the same script. Before
the passes counted, the 68 copies go once through the worker's own path (pool.run_chunk), so the
memos are as a running worker has them. Stages: read (read_text), yaml (load_yaml), schema, builder
(the fact tuples from the YAML tree), build (corpus/batch._build: all of these), sound
(readers/facts.sound), chunk (the whole worker path: pool.run_chunk over chunks of 34).
"""
from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

TREE, STAGE, N = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import make_datasets  # noqa: E402

# bench_corpus puts its own checkout first on sys.path when imported: TREE first again, or every
# TREE would count this script's checkout (the round 8 figures "against" another tree were of one tree)
sys.path.insert(0, str(Path(TREE).resolve()))
from lkjip_audit import schemacheck  # noqa: E402
from lkjip_audit.corpus import batch  # noqa: E402
from lkjip_audit.corpus.pool import run_chunk  # noqa: E402
from lkjip_audit.corpus.task import Item, Options, init_worker, ruleset  # noqa: E402
from lkjip_audit.readers.dataset import _Builder  # noqa: E402
from lkjip_audit.readers.facts import sound  # noqa: E402
from lkjip_audit.yamlio import load_yaml, read_text  # noqa: E402

assert Path(schemacheck.__file__).resolve().is_relative_to(Path(TREE).resolve()), schemacheck.__file__
M = 68
opts = Options(quick=True, lang="id")
init_worker(opts)
with tempfile.TemporaryDirectory() as tmp:
    folders = make_datasets(Path(tmp), M)
    items = [Item(str(d), str(d)) for d in folders]
    files = [d / "dataset.yaml" for d in folders]
    for k in range(0, M, 34):
        run_chunk(None, items[k:k + 34], opts)
    concepts = ruleset(opts, frozenset()).concepts
    docs = [load_yaml(f) for f in files] if STAGE in ("schema", "builder") else None
    built = [batch._build(Path(it.path), it, opts) for it in items] if STAGE == "sound" else None
    gc.collect()
    gc.freeze()
    gc.set_threshold(250_000, 10, 10)  # as in a worker's chunk (corpus/collector.py)
    t = time.process_time()
    for _ in range(N):
        if STAGE == "read":
            for f in files:
                read_text(f)
        elif STAGE == "yaml":
            for f in files:
                load_yaml(f)
        elif STAGE == "schema":
            for f, d in zip(files, docs):
                schemacheck.check(d, "dataset.schema.json", str(f))
        elif STAGE == "builder":
            for f, d in zip(files, docs):
                _Builder(str(f), d, concepts).build()
        elif STAGE == "build":
            for it in items:
                batch._build(Path(it.path), it, opts)
        elif STAGE == "sound":
            for ds in built:
                sound(ds.fact_records, concepts)
        elif STAGE == "chunk":
            for k in range(0, M, 34):
                run_chunk(None, items[k:k + 34], opts)
        else:
            sys.exit(f"unknown stage {STAGE}")
    if N:
        print(f"{STAGE}: {(time.process_time() - t) / (M * N) * 1000:.3f} ms of CPU per report")
