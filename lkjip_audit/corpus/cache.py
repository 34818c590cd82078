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
import shutil
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
        _file_digest(h, f)
        if conventions.is_file():
            h.update(b"\0" + conventions.name.encode() + b"\0")
            _file_digest(h, conventions)
    except OSError:
        return None
    return h.hexdigest()


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
        try:
            out = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
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


def clear(folder: Path) -> int:
    """Delete the cache folder's entries; returns how many were removed. Refuses a folder that does
    not look like a cache (holding anything but the two-hex-digit buckets of entries)."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    buckets = list(folder.iterdir())
    if any(not (b.is_dir() and len(b.name) == 2) for b in buckets):
        from ..errors import InputError, Problem

        raise InputError(Problem(str(folder), None, "bukan folder cache lkjip-audit / not an lkjip-audit cache folder"))
    n = 0
    for b in buckets:
        n += sum(1 for _ in b.glob("*.json"))
        shutil.rmtree(b)
    return n
