"""The same per-report tasks on a dask.distributed cluster (`--dask SCHEDULER_ADDRESS`).

Reports go in chunks, one task each (`pool.run_chunk`: batch.py), submitted with `retries=RETRIES`: a task that raises
is run again, and a task whose worker died mid-task is rescheduled by the scheduler on another
worker (up to its `distributed.scheduler.allowed-failures`, default 3). A report whose task still
fails is listed as unreadable with the reason; it is never lost. The report's bytes travel with
the task (a few MB at most), with the conventions file beside it (task.item_for), so workers need
no shared folder for the reports; the `--config FILE` travels too (a few hundred bytes, once per
chunk). A custom `--rules DIR` must be at the same path on every worker (made absolute here):
each chunk first compares the digest of the worker's rule packs (shipped and --rules) with this
computer's, and a worker whose packs differ (missing --rules folder, another copy, another
lkjip-audit version) lists its reports as unreadable with that reason, never checks them under
other rules; so does a worker whose lkjip-audit is not this computer's (cache.tool_digest: its
version and the bytes of its source files), so no report is judged by other code. Each worker process keeps
the rule packs it loaded (task._RULESETS), so it loads them once.

dask and distributed are imported only here (the optional extra `lkjip-audit[dask]`).
"""
from __future__ import annotations

import os
from dataclasses import replace

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
        from ..errors import InputError, Problem

        try:
            _probe(str(scheduler))
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise InputError(Problem(str(scheduler), None, f"penjadwal Dask tidak terjangkau / Dask scheduler "
                                     f"unreachable: {e}")) from None
        except ValueError as e:  # distributed's words for an address it cannot parse
            raise InputError(Problem(str(scheduler), None, f"alamat penjadwal Dask tidak sah / not a Dask scheduler "
                                     f"address: {e}")) from None
    else:
        client = scheduler
    from .pool import chunk_size, chunks

    results: list[dict | None] = [None] * len(items)
    sent = _sent(opts)
    if opts.rules:
        opts = replace(opts, rules=os.path.abspath(opts.rules))  # the same folder, whatever a worker's cwd
    try:
        futures = {}
        workers = _workers(client, str(scheduler))
        for part in chunks(list(range(len(items))), chunk_size(len(items), workers, not opts.quick)):
            fut = _submit(client, on_worker, sent, task, [items[i] for i in part], opts, retries=RETRIES, pure=False,
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


def _submit(client, *args, **kw):
    """client.submit without distributed's advice on stderr about a large task (a report of a few
    MB travels with its task on purpose)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
        return client.submit(*args, **kw)


def _token(item: Item) -> str:
    import hashlib

    return hashlib.sha1(item.display.encode()).hexdigest()[:12]


WORKER_SECONDS = 30  # how long a scheduler without workers is given to get one


def _workers(client, address: str) -> int:
    """How many workers the scheduler has; it is given WORKER_SECONDS to get one. A scheduler
    without any left the check waiting for good, silently (its tasks wait for a worker)."""
    n = len(client.scheduler_info(n_workers=-1).get("workers", {}))
    if n:
        return n
    try:
        client.wait_for_workers(1, timeout=WORKER_SECONDS)
    except TimeoutError:
        from ..errors import InputError, Problem

        raise InputError(Problem(address, None, f"penjadwal Dask tidak punya pekerja (ditunggu {WORKER_SECONDS} detik) "
                                 f"/ the Dask scheduler has no worker (waited {WORKER_SECONDS} s)")) from None
    return max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))


PROBE_SECONDS = 25  # connection and handshake together; a scheduler shakes hands in milliseconds


def _probe(address: str) -> None:
    """Connect and shake hands with the scheduler within a bound. distributed waits for the other
    side's handshake without a time limit: an address where something else listens (a web server,
    a database) hung `check --dask` for good. TimeoutError when nothing answers as Dask does."""
    import asyncio

    from distributed.comm import connect
    from distributed.security import Security

    async def shake():
        comm = await connect(address, timeout=CONNECT_TIMEOUT, **Security().get_connection_args("client"))
        await comm.close()

    _reachable(address)

    try:
        asyncio.run(asyncio.wait_for(shake(), PROBE_SECONDS))
    except asyncio.TimeoutError:
        raise TimeoutError(f"tidak ada jawaban penjadwal Dask dalam {PROBE_SECONDS} detik (bukan penjadwal Dask?) / "
                           f"no Dask scheduler answered within {PROBE_SECONDS} s (not a Dask scheduler?)") from None


def _reachable(address: str) -> None:
    """A plain TCP connection first (tcp:// addresses): a refused one is said at once. distributed
    retries a refused connection until its timeout, so a wrong port took 20 s to be told."""
    import socket

    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port

    try:
        scheme, loc = parse_address(address)
    except ValueError:
        return  # distributed says what is wrong with the address
    if scheme != "tcp":
        return
    try:
        host, port = parse_host_port(loc)
    except ValueError:
        return
    with socket.create_connection((host, port), timeout=PROBE_SECONDS):
        pass


def _sent(opts: Options) -> dict:
    """What travels with every chunk: the --config file (name as given, bytes) and the digest of
    the rule packs here."""
    from .cache import rules_digest

    config = None
    if opts.config:
        try:
            from ..limits import read_bytes
            from pathlib import Path

            config = (opts.config, read_bytes(Path(opts.config)))
        except Exception:  # noqa: BLE001 - unreadable here: the worker says so in the check's words
            config = None
    from .. import limits

    from .. import __version__
    from .cache import tool_digest

    return {"config": config, "rules": rules_digest(opts.rules), "tool": tool_digest(), "version": __version__,
            "max_size": limits.max_size_mb}


def on_worker(sent: dict, task, items: list[Item], opts: Options) -> list[dict]:
    """One chunk on a Dask worker: refused when the worker's rule packs are not this computer's;
    checked under the --config sent along; messages name that file as the user did."""
    import hashlib
    from pathlib import Path

    from . import task as task_mod
    from .cache import rules_digest, tool_digest
    from .pool import run_chunk

    from .. import limits

    task_mod._set_lang(opts.lang)  # a worker serves run after run, each in its own --lang and --max-size
    limits.set_max_size(sent.get("max_size"))
    if rules_digest(opts.rules) != sent["rules"]:
        return [unreadable(item, _rules_differ(opts)) for item in items]
    if tool_digest() != sent.get("tool"):  # another version, or the same version with other code
        return [unreadable(item, _tool_differs(opts, sent.get("version"))) for item in items]
    given = None
    if sent["config"] is not None:
        given, data = sent["config"]
        folder = _own_folder() / hashlib.sha256(data).hexdigest()[:16]
        local = folder / (Path(given).name or "config.yaml")
        if not local.is_file():
            folder.mkdir(exist_ok=True)
            local.write_bytes(data)
        task_mod.SHOWN[str(local)] = given
        opts = replace(opts, config=str(local))
    out = run_chunk(task, items, opts)
    if given is not None:
        for o in out:
            if o.get("reason"):
                o["reason"] = o["reason"].replace(opts.config, given)
    return out


_FOLDER = None


def _own_folder():
    """A folder of this worker process (mkdtemp: its own, mode 0700), removed when it exits."""
    global _FOLDER
    if _FOLDER is None:
        import atexit
        import shutil
        import tempfile
        from pathlib import Path

        _FOLDER = Path(tempfile.mkdtemp(prefix="lkjip-config-"))
        atexit.register(shutil.rmtree, _FOLDER, True)
    return _FOLDER


def _where() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except Exception:  # noqa: BLE001 - not on a worker (a test calling it directly)
        return "?"


def _tool_differs(opts: Options, here: str | None) -> str:
    from .. import __version__

    where = _where()
    if opts.lang == "en":
        return (f"lkjip-audit on Dask worker {where} is not this computer's (version {__version__} there, {here} "
                f"here, or the same version with other code); install the same lkjip-audit on every worker")
    return (f"lkjip-audit di pekerja Dask {where} tidak sama dengan di komputer ini (versi {__version__} di sana, "
            f"{here} di sini, atau versi sama dengan kode lain); pasang lkjip-audit yang sama di setiap pekerja")


def _rules_differ(opts: Options) -> str:
    where = _where()
    en = opts.lang == "en"
    if opts.rules:
        return (f"the rule packs on Dask worker {where} differ from this computer's (--rules {opts.rules} missing "
                f"or different there, or another lkjip-audit version); the --rules folder must be the same, at the "
                f"same path, on every worker" if en else
                f"aturan di pekerja Dask {where} tidak sama dengan di komputer ini (folder --rules {opts.rules} tidak "
                f"ada atau berbeda di sana, atau versi lkjip-audit lain); folder --rules harus sama, di path yang "
                f"sama, di setiap pekerja")
    return (f"the shipped rule packs on Dask worker {where} differ from this computer's (another lkjip-audit version?)"
            if en else f"aturan bawaan di pekerja Dask {where} tidak sama dengan di komputer ini (versi lkjip-audit lain?)")
