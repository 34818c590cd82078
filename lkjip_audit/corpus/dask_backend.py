"""The same per-report tasks on a dask.distributed cluster (`--dask SCHEDULER_ADDRESS`).

Reports go in chunks, one task each (`pool.run_chunk`: batch.py), submitted with `retries=RETRIES`: a task that raises
is run again, and a task whose worker died mid-task is rescheduled by the scheduler on another
worker (up to its `distributed.scheduler.allowed-failures`, default 3). A report whose task still
fails is listed as unreadable with the reason; it is never lost. The report's bytes travel with
the task (a few MB at most), with the conventions file beside it (task.item_for), so workers need
no shared folder for the reports; a custom `--rules DIR` and a `--config FILE` must be readable at
the same path on every worker (a shared path). Each worker process keeps
the rule packs it loaded (task._RULESETS), so it loads them once.

dask and distributed are imported only here (the optional extra `lkjip-audit[dask]`).
"""
from __future__ import annotations

from .task import Item, Options, unreadable

RETRIES = 3
CONNECT_TIMEOUT = "20s"


def run_dask(items: list[Item], opts: Options, scheduler, on_done=None, task=None) -> list[dict]:
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
    from .pool import chunk_size, chunks, run_chunk

    results: list[dict | None] = [None] * len(items)
    try:
        futures = {}
        workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        for part in chunks(list(range(len(items))), chunk_size(len(items), workers, not opts.quick)):
            fut = client.submit(run_chunk, task, [items[i] for i in part], opts, retries=RETRIES, pure=False,
                                key=f"lkjip-{part[0]}-{_token(items[part[0]])}")
            futures[fut] = part
        for fut in as_completed(list(futures), loop=client.loop):  # our client, not a default one
            part = futures[fut]
            try:
                got = fut.result()
            except Exception as e:  # noqa: BLE001 - KilledWorker after every retry, or a task error
                got = [unreadable(items[i], f"tugas Dask gagal / Dask task failed: {type(e).__name__}: {e}")
                       for i in part]
            for i, o in zip(part, got):
                results[i] = o
                if on_done:
                    on_done(i, o)
    finally:
        if own:
            client.close()
    return results  # type: ignore[return-value]


def _token(item: Item) -> str:
    import hashlib

    return hashlib.sha1(item.display.encode()).hexdigest()[:12]
