"""Corpus mode: check many LKjIP at once (every OPD of a pemda) and write one rekap.

discover.py  the inputs: several paths, a folder of datasets / report files, a glob
task.py      the per-report task (what one worker does for one report), worker-side rule-pack cache
pool.py      a pool of worker processes on this machine (--jobs), with a progress bar on a terminal
collector.py the cyclic garbage collector kept out of a command's and a chunk's way (bounded)
dask_backend.py  the same tasks on a dask.distributed cluster (--dask SCHEDULER_ADDRESS)
cache.py     results keyed by the content hash of report + rules + options + tool version
rekap.py     the rekap model (one row per report) and its renderers (terminal, JSON, Markdown)
rekap_formats.py  the HTML and Excel rekap, registered with rekap.register()
run.py       `lkjip-audit check A B C ...`: the pieces above, in order; exit code of the whole set
"""
