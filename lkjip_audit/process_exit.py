"""The end of the `lkjip-audit` process, without tearing its objects down one by one.

When a command has written everything, a normal interpreter exit still clears every module and
deallocates every object the command imported or made (pandas, pandera, rich, the rule packs:
~10^6 objects): ~0.1 s of CPU (benchmarks/bench_corpus.py, the start-up timeline's "process
exit"), as much as 10 datasets of a rekap, for nothing anyone sees. So, when cli.main runs as the
program (without `argv`: the console script and `python -m lkjip_audit`), the process ends with
the command's exit code by os._exit once the interpreter's own exit steps that matter are done:

- every other (non-daemon) thread has been joined and every atexit handler has run: the handler
  here is registered when cli.py is imported, before any other, so it runs last (atexit runs
  handlers last in, first out); temporary folders, multiprocessing's clean-up, logging's flush
  and the like all run as before;
- sys.stdout and sys.stderr are flushed; if that fails (stdout's reader went away), nothing is
  cut short: the normal exit follows, with its usual message;
- every file a command writes is written and closed before it returns (safeio, the result cache).

A call with `argv` (the tests: main([...])) and a forked worker process are left alone.
"""
from __future__ import annotations

import atexit
import os
import sys

_PID = os.getpid()
_code: int | None = None


def end_with(code: int) -> None:
    """cli.main ran as the program and returns `code`: at exit, end the process with it at once."""
    global _code
    if isinstance(code, int) and 0 <= code <= 255:
        _code = code


def _exit_now() -> None:
    if _code is None or os.getpid() != _PID:
        return
    try:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except Exception:  # noqa: BLE001 - e.g. BrokenPipeError: the normal exit reports it as before
        return
    os._exit(_code)


atexit.register(_exit_now)
