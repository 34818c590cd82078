"""The same per-report tasks on a dask.distributed cluster (`--dask SCHEDULER_ADDRESS`).

Each report is one task (`task.check_item`), submitted with `retries=RETRIES`: a task that raises
is run again, and a task whose worker died mid-task is rescheduled by the scheduler on another
worker (up to its `distributed.scheduler.allowed-failures`, default 3). A report whose task still
fails is listed as unreadable with the reason; it is never lost. The report's bytes travel with
the task (a few MB at most), so workers need no shared folder for the reports; a custom `--rules
DIR` must be readable at the same path on every worker (a shared path). Each worker process keeps
the rule packs it loaded (task._RULESETS), so it loads them once.

dask and distributed are imported only here (the optional extra `lkjip-audit[dask]`).
"""
from __future__ import annotations

from .task import Item, Options, check_item, unreadable

RETRIES = 3
CONNECT_TIMEOUT = "20s"


def run_dask(items: list[Item], opts: Options, scheduler, on_done=None, task=check_item) -> list[dict]:
    """Outcomes in the order of `items`; `scheduler` is an address (tcp://host:8786) or a Client."""
    try:
        from distributed import Client, as_completed
    except ImportError as e:
        from ..errors import InputError, Problem

        raise InputError(Problem("--dask", None, "butuh paket dask dan distributed (pip install 'lkjip-audit[dask]') "
                                 f"/ needs dask and distributed: {e}")) from None
    own = not isinstance(scheduler, Client)
    if own:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as e:
            from ..errors import InputError, Problem

            raise InputError(Problem(str(scheduler), None, f"penjadwal Dask tidak terjangkau / Dask scheduler "
                                     f"unreachable: {e}")) from None
    else:
        client = scheduler
    results: list[dict | None] = [None] * len(items)
    try:
        futures = {}
        for i, item in enumerate(items):
            fut = client.submit(task, item, opts, retries=RETRIES, pure=False, key=f"lkjip-{i}-{_token(item)}")
            futures[fut] = i
        for fut in as_completed(list(futures)):
            i = futures[fut]
            try:
                results[i] = fut.result()
            except Exception as e:  # noqa: BLE001 - KilledWorker after every retry, or a task error
                results[i] = unreadable(items[i], f"tugas Dask gagal / Dask task failed: {type(e).__name__}: {e}")
            if on_done:
                on_done(i, results[i])
    finally:
        if own:
            client.close()
    return results  # type: ignore[return-value]


def _token(item: Item) -> str:
    import hashlib

    return hashlib.sha1(item.display.encode()).hexdigest()[:12]
