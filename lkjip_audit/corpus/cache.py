"""Result cache of corpus runs: one JSON file per (report, rules, options, tool) content hash.

The key hashes everything a report's result is made of: the report's bytes (dataset.yaml or the
report file) and those of the conventions file that applies to it (lkjip-audit.yaml in its folder,
config.beside), every rule pack file (the shipped ones, which also hold the concept vocabulary, and
a --rules folder's), the options that change the result (packs selected, --quick, --fail-on,
language, output formats, the --config file's bytes), the tool itself (its version and the bytes
of its source files) and the Python packages installed beside it (names and versions: another
pandas, pandera, GX or pdfminer can read or judge a report differently). A re-run after one OPD fixed its
report finds every other report in the cache and checks only that one. Nothing else is read or
written; `lkjip-audit cache clear` (or deleting the folder) empties it.

Default folder: $XDG_CACHE_HOME/lkjip-audit/.lkjip-cache (~/.cache/... when unset).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from functools import lru_cache
from pathlib import Path

from .. import __version__

SCHEMA = "lkjip-corpus-cache/1"


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lkjip-audit" / ".lkjip-cache"


def _file_digest(h, path: Path) -> None:
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)


@lru_cache(maxsize=1)
def tool_digest() -> str:
    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).resolve().parents[1]
    for p in sorted(pkg.rglob("*")):
        if p.suffix in (".py", ".json", ".j2") and p.is_file():
            h.update(str(p.relative_to(pkg)).encode())
            _file_digest(h, p)
    return h.hexdigest()


@lru_cache(maxsize=1)
def environment_digest() -> str:
    """The interpreter's version and the installed distributions (their dist-info / egg-info names,
    which carry the versions) of every site-packages folder on sys.path: one directory listing
    each, without importing anything."""
    import sys

    names = []
    for entry in sys.path:
        if os.path.basename(entry.rstrip(os.sep)) in ("site-packages", "dist-packages"):
            try:
                names += [n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info"))]
            except OSError:
                continue
    return hashlib.sha256("\n".join([sys.version, *sorted(names)]).encode()).hexdigest()


def rules_digest(rules_dir: Path | None) -> str:
    """The shipped packs and concepts.yaml (read even beside --rules, and under --no-default-rules
    for the concepts), then the packs of the --rules folder."""
    from ..rulepack.loader import default_rules_dir

    h = hashlib.sha256()
    for n, d in enumerate([default_rules_dir()] + ([Path(rules_dir)] if rules_dir else [])):
        h.update(f"\0folder {n}\0".encode())
        for p in sorted(d.glob("*.yaml")) if d.is_dir() else []:
            h.update(p.name.encode())
            _file_digest(h, p)
    return h.hexdigest()


def input_digest(path: Path) -> str | None:
    """Content hash of one input and of the conventions file that applies to it; None when either
    cannot be read (such a report is never cached)."""
    from ..config import beside

    f = path / "dataset.yaml" if path.is_dir() else path
    h = hashlib.sha256(f.suffix.lower().encode())
    conventions = beside(path)
    try:
        if not _regular(f) or (conventions.exists() and not _regular(conventions)):
            return None  # a FIFO or a device (/dev/zero) is never read here: its check refuses it
        _file_digest(h, f)
        if conventions.is_file():
            h.update(b"\0" + conventions.name.encode() + b"\0")
            _file_digest(h, conventions)
    except OSError:
        return None
    return h.hexdigest()


def _regular(path: Path) -> bool:
    """A regular file (a symlink followed) within the size limit (--max-size): only such a file is
    hashed, and only its result is looked up. Reading a FIFO waited forever and /dev/zero never
    ended, before the check that refuses them; a report above --max-size was answered from the
    cache (checked under a larger limit) where a single check refuses it."""
    from ..errors import InputError
    from ..limits import check_regular_file

    try:
        return check_regular_file(path).st_size <= MAX_INPUT_BYTES
    except InputError:
        return False


MAX_INPUT_BYTES = 1 << 30     # a larger input is checked (or refused by --max-size) but never cached
MAX_ENTRY_BYTES = 64 << 20    # a larger cache entry is not read: it was not written by this tool
_INT_KEYS = ("errors", "warnings", "infos", "unplaced", "unreadable_figures", "not_evaluated", "pages")
_SCALAR = (str, int, float, type(None))


def valid_entry(out) -> bool:
    """A cached outcome has the shape task.outcome gives it; anything else (an edited or foreign
    file) is a miss, checked again and overwritten, never an internal error in the rekap."""
    if not isinstance(out, dict) or out.get("status") != "checked" or not isinstance(out.get("input"), str):
        return False
    if not all(type(out.get(k)) is int and out[k] >= 0 for k in _INT_KEYS):
        return False
    if type(out.get("passed")) is not bool or out.get("reason") is not None:
        return False
    if not isinstance(out.get("instansi"), _SCALAR) or not isinstance(out.get("tahun"), _SCALAR):
        return False
    top = out.get("top_rules")
    if not isinstance(top, list) or not all(isinstance(r, list) and len(r) == 2 and isinstance(r[0], str)
                                            and type(r[1]) is int for r in top):
        return False
    outputs = out.get("outputs", {})
    return isinstance(outputs, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in outputs.items())


class Cache:
    def __init__(self, folder: Path, rules: str, options: dict):
        self.folder = Path(folder)
        base = {"schema": SCHEMA, "tool": tool_digest(), "environment": environment_digest(), "rules": rules,
                "options": options}
        self.base = hashlib.sha256(json.dumps(base, sort_keys=True).encode()).hexdigest()
        self.hits = 0

    def key(self, path: Path, display: str) -> str | None:
        digest = input_digest(path)
        if digest is None:
            return None
        return hashlib.sha256(f"{self.base}:{digest}:{display}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str | None) -> dict | None:
        if key is None:
            return None
        f = self._file(key)
        try:
            st = f.stat()
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
                return None
            out = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not valid_entry(out):
            return None
        self.hits += 1
        return out

    def put(self, key: str | None, outcome: dict) -> None:
        if key is None or outcome.get("status") != "checked":
            return  # an unreadable report is tried again next time
        f = self._file(key)
        try:
            f.parent.mkdir(parents=True, exist_ok=True)
            tmp = f.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, f)
        except OSError:
            pass  # a read-only cache folder only makes the next run slower


_BUCKET = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"([0-9a-f]{64})\.(json|\d+\.tmp)")


def _is_cache(folder: Path) -> bool:
    """Only two-hex-digit buckets (real folders, not links) holding only entries named by their
    key (`<64 hex>.json`, or the `.<pid>.tmp` of an interrupted write) in the bucket of their key."""
    for b in folder.iterdir():
        if b.is_symlink() or not b.is_dir() or not _BUCKET.fullmatch(b.name):
            return False
        for e in b.iterdir():
            m = _ENTRY.fullmatch(e.name)
            if m is None or not m.group(1).startswith(b.name) or e.is_symlink() or not e.is_file():
                return False
    return True


def clear(folder: Path, lang: str = "id") -> int:
    """Delete the cache folder's entries; returns how many were removed. Refuses, deleting nothing,
    a folder that is not a cache (anything in it but buckets of entries: a home folder, a folder
    of documents with two-letter sub-folders) and a path that is not a folder."""
    from ..errors import InputError, Problem

    folder = Path(folder)
    if not folder.exists() and not folder.is_symlink():
        return 0
    try:
        ok = folder.is_dir() and _is_cache(folder)  # a link to a cache on another disk is a cache
    except OSError:
        ok = False
    if not ok:
        raise InputError(Problem(str(folder), None, "bukan folder cache lkjip-audit: tidak ada yang dihapus"
                                 if lang == "id" else "not an lkjip-audit cache folder: nothing was deleted"))
    n = 0
    for b in list(folder.iterdir()):
        n += sum(1 for _ in b.glob("*.json"))
        shutil.rmtree(b)
    return n
