"""Bounds on what an input file may cost: kind of file, size, memory and time.

- Only regular files are read: a FIFO (would block forever), a device (`/dev/zero` never ends,
  `/dev/null` is empty) or a socket is refused as "not a regular file", never "not found".
- A file larger than the size limit (default 50 MB, `--max-size MB` raises it) is refused before
  it is read; a file is sniffed by its first bytes only.
- A DOCX is a zip: its declared uncompressed sizes (which bound what zipfile will inflate) and
  their ratio to the compressed size are checked before python-docx opens it (zip bombs).
- PDF and DOCX are parsed in a child process with an address-space limit (`RLIMIT_AS`, 1 GB above
  what the process already holds) and a time limit, so a flate bomb or a self-referencing object
  costs at most that and ends as a clear message (exit code 2).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, Problem
from .i18n import t

MB = 1024 * 1024
max_size_mb: float = 50.0        # --max-size
MAX_UNZIPPED = 10              # a DOCX may inflate to at most 10x the size limit in total
MAX_RATIO = 200                 # ... and no member beyond 200:1 once it is larger than 1 MB
CHILD_MEMORY = 1024 * MB        # address space a document parser may add
CHILD_SECONDS = 120.0           # time it may take


def set_max_size(mb: float | None) -> None:
    global max_size_mb
    if mb is not None:
        max_size_mb = float(mb)


def limit_bytes() -> int:
    return int(max_size_mb * MB)


def check_regular_file(path: Path) -> os.stat_result:
    """stat() a path that must be a regular file within the size limit; InputError otherwise."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(Problem(name, None, t("file_missing"))) from None
    except OSError as e:
        raise InputError(Problem(name, None, t("file_unreadable", detail=e.strerror or type(e).__name__))) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(Problem(name, None, t("file_is_dir")))
    if not stat.S_ISREG(st.st_mode):
        raise InputError(Problem(name, None, t("file_not_regular")))
    if st.st_size > limit_bytes():
        raise InputError(Problem(name, None, t("file_too_large", size=_mb(st.st_size), max=_mb(limit_bytes()))))
    return st


def _mb(n: int) -> str:
    return f"{n / MB:.1f}".replace(".", ",")


def read_bytes(path: Path) -> bytes:
    """The whole file, after check_regular_file; never more than the size limit (a file that grows
    while it is read is cut off and refused)."""
    size, limit = check_regular_file(path).st_size, limit_bytes()
    try:
        with open(path, "rb") as fh:
            # read(n) allocates n bytes first: asking for the stat's size (not the 50 MB limit) saves
            # an mmap/munmap of the whole limit per file, ~85 us of system time per dataset read
            # (measured: 116 -> 30 us for a 55 KB dataset.yaml). A file that grew since its stat is
            # read on up to the limit, as before.
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(limit + 1 - len(data))
    except OSError as e:
        raise InputError(Problem(str(path), None, t("file_unreadable", detail=e.strerror or type(e).__name__))) from None
    if len(data) > limit:
        raise InputError(Problem(str(path), None, t("file_too_large", size=">" + _mb(limit), max=_mb(limit))))
    return data


def sniff(path: Path, n: int = 8) -> bytes:
    """The first `n` bytes of a regular file (b"" when it cannot be read)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError:
        return b""


def check_zip(path: Path) -> None:
    """Refuse a zip (DOCX) whose members would inflate beyond the bounds."""
    import zipfile  # only for a DOCX: ~4 M instructions off every other command's start-up (round 9)

    name = str(path)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the reader says so in its own words
    total = sum(i.file_size for i in infos)
    if len(infos) > 10000 or total > MAX_UNZIPPED * limit_bytes():
        raise InputError(Problem(name, None, t("zip_bomb", size=_mb(total))))
    for i in infos:
        if i.file_size > MB and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise InputError(Problem(name, None, t("zip_bomb", size=_mb(total))))


def is_encrypted_pdf(path: Path) -> bool:
    try:
        data = read_bytes(path)
    except InputError:
        return False
    return b"/Encrypt" in data


def guarded(reader, path: Path):
    """reader(path) in a child process under memory and time limits; its result (the document
    model) comes back pickled. Where fork is not available, it runs here, unbounded."""
    import multiprocessing as mp

    check_regular_file(path)
    if str(path).lower().endswith(".docx") or sniff(path, 4) == b"PK\x03\x04":
        check_zip(path)
    try:
        ctx = mp.get_context("fork")
    except ValueError:  # pragma: no cover - no fork (Windows): no bound
        return reader(path)
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(reader, path, send, CHILD_MEMORY, CHILD_SECONDS), daemon=True)
    _start(child)
    send.close()
    try:
        if not recv.poll(CHILD_SECONDS):
            raise InputError(Problem(str(path), None, t("doc_too_slow", seconds=int(CHILD_SECONDS))))
        try:
            kind, payload = recv.recv()
        except EOFError:  # the child died: out of memory (MemoryError could not even be sent)
            raise InputError(Problem(str(path), None, t("doc_too_big", mb=CHILD_MEMORY // MB))) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        recv.close()
    if kind == "ok":
        return payload
    if kind == "input":
        if str(path).lower().endswith(".pdf") and is_encrypted_pdf(path):
            raise InputError(Problem(str(path), None, t("pdf_encrypted")))
        raise InputError(payload)
    if kind == "memory":
        raise InputError(Problem(str(path), None, t("doc_too_big", mb=CHILD_MEMORY // MB)))
    raise InputError(Problem(str(path), None, t("doc_unreadable", detail=payload)))


def _start(child) -> None:
    """Start the parser's child, also from a daemonic process: a Dask worker is one, and
    multiprocessing refuses it children ("daemonic processes are not allowed to have children",
    every DOCX and PDF of `check --dask` was unreadable). The rule is there so that a daemon's
    children are not orphaned; this child is joined, or killed, before guarded returns, and its CPU
    time is limited. The flag is set back at once."""
    import multiprocessing as mp

    me = mp.current_process()
    daemon = me._config.get("daemon")
    if daemon:
        me._config["daemon"] = False
    try:
        child.start()
    finally:
        if daemon:
            me._config["daemon"] = daemon


def _child(reader, path, send, memory, seconds):  # pragma: no cover - runs in the child process
    import resource
    import sys

    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        used = _address_space()
        want = used + memory
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
        cpu = int(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ValueError, OSError, ImportError):
        pass
    sys.setrecursionlimit(5000)
    try:
        result = ("ok", reader(path))
    except InputError as e:
        result = ("input", e.problems)
    except MemoryError:
        result = ("memory", None)
    except RecursionError:
        result = ("other", "struktur dokumen terlalu dalam (objek yang merujuk dirinya sendiri?)")
    except Exception as e:  # noqa: BLE001 - any parser failure is one clear message
        result = ("other", type(e).__name__)
    try:
        send.send(result)
    except Exception:  # noqa: BLE001 - e.g. the result did not pickle, or no memory left
        try:
            send.send(("other", "hasil tidak dapat dikirim"))
        except Exception:  # noqa: BLE001
            pass
    finally:
        send.close()
        os._exit(0)


def _address_space() -> int:
    """Bytes of virtual memory this process holds now (Linux: /proc/self/statm)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
