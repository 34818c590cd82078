"""Which reports a corpus run checks: several paths, a folder, or a glob.

- a dataset folder (holding dataset.yaml), a .yaml/.yml file, or a report file (.txt/.md, .docx,
  .pdf) is one input;
- a folder without dataset.yaml stands for what is inside it: its dataset folders, its report and
  dataset files (not lkjip-audit.yaml, the conventions of the reports beside it), and the same
  inside its sub-folders (at most MAX_DEPTH levels down);
- a path that does not exist but holds a glob character (`*`, `?`, `[`) is expanded (`**` works).

The order is the order given, each folder or glob sorted by name; an input named twice is checked
once. A path that matches nothing is an `InputError` (exit 2): it is a usage error, not a report.
"""
from __future__ import annotations

import glob as globmod
import os
from pathlib import Path

from ..errors import InputError, Problem

REPORT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".docx", ".pdf"}
DATASET_SUFFIXES = {".yaml", ".yml"}
MAX_DEPTH = 3
MAX_INPUTS = 100_000


def is_input_file(p: Path) -> bool:
    """A report or dataset file a folder or a glob stands for: not the conventions file
    (lkjip-audit.yaml, config.py), which says how the reports beside it are written."""
    return p.is_file() and _input_name(p.name)


def _input_name(name: str) -> bool:
    from ..config import FILE_NAME

    return os.path.splitext(name)[1].lower() in REPORT_SUFFIXES | DATASET_SUFFIXES and name != FILE_NAME


def _inside(folder: Path, depth: int) -> list[Path]:
    out: list[Path] = []
    with os.scandir(folder) as it:  # what each entry is comes with the listing (one stat less each)
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        if entry.is_dir():
            if _dataset_folder(child):
                out.append(child)
            elif depth < MAX_DEPTH:
                out.extend(_inside(child, depth + 1))
        elif _input_name(entry.name):
            out.append(child)  # a FIFO, a device or a broken link too: its row says why it was not read
    return out


def has_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _dataset_folder(path: Path) -> bool:
    """A folder holding an entry named dataset.yaml, whatever it is: reading it says what is wrong
    with it (a device or a FIFO is refused by name, never skipped as 'no dataset here')."""
    entry = path / "dataset.yaml"
    return entry.exists() or entry.is_symlink()


def expands(path: Path) -> bool:
    """True when this one argument stands for several reports (a folder of them, or a glob)."""
    if path.is_dir():
        return not _dataset_folder(path)
    return not path.exists() and has_glob(str(path))


def _real(p: Path, real_dirs: dict[str, str]) -> str:
    """str(p.resolve()), the folder resolved once for all its entries: an entry that is not a
    symlink is its resolved folder plus its name (resolving 200 dataset folders one by one took a
    stat of every component of every path, ~0.1 s of start-up)."""
    if p.name in ("", ".", "..") or p.is_symlink():
        return str(p.resolve())
    parent = str(p.parent)
    if parent not in real_dirs:
        real_dirs[parent] = str(p.parent.resolve())
    return os.path.join(real_dirs[parent], p.name)


MAX_WALK = 2_000_000  # entries a `**` glob may look at


def _rglob(pattern: str) -> list[str]:
    """A `**` glob that enters each real folder once. glob.glob(recursive=True) follows a symlink
    to a folder every time it meets one: two links back up (`x/up -> ..`, `x/up2 -> ..`) made the
    walk grow without end (`check 'F/**/*.txt'` never finished). Same matching as glob.glob: `**`
    is any number of folders, `*`, `?`, `[...]` stay within one name, hidden names are skipped."""
    import fnmatch

    parts = pattern.split(os.sep)
    i = 0
    while i < len(parts) and not has_glob(parts[i]):
        i += 1
    prefix = os.sep.join(parts[:i]) or (os.sep if pattern.startswith(os.sep) else "")
    rest = [c for c in parts[i:] if c]
    folders_only = pattern.endswith(os.sep)  # `a/**/`: the folders, named with a trailing slash

    def match(pat: list[str], names: list[str]) -> bool:
        if not pat:
            return not names
        if pat[0] == "**":
            return any(match(pat[1:], names[k:]) for k in range(len(names) + 1))
        return bool(names) and fnmatch.fnmatchcase(names[0], pat[0]) and match(pat[1:], names[1:])

    out: list[str] = [os.path.join(prefix, "")] if prefix and match(rest, []) else []
    seen: set = set()
    stack = [(prefix or os.curdir, [])]
    looked = 0
    while stack:
        folder, names = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = [e for e in it if not e.name.startswith(".")]
        except OSError:
            continue
        for e in entries:
            looked += 1
            if looked > MAX_WALK:
                return out
            rel = names + [e.name]
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if match(rest, rel) and (is_dir or not folders_only):
                out.append(os.path.join(prefix, *rel, *([""] if folders_only else [])))
            if is_dir:
                stack.append((os.path.join(folder, e.name), rel))
    return out


def shown(path) -> str:
    """How the rekap names an input: the path as given; bytes of a file name that are not UTF-8
    as `\\xff` (str(path) holds them as surrogates, which no output can encode)."""
    s = str(path)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        try:
            s = os.fsencode(s).decode("utf-8", "backslashreplace")
        except UnicodeError:
            s = s.encode("utf-8", "backslashreplace").decode("utf-8")
    return s


def discover(paths: list[Path], lang: str = "id") -> list[Path]:
    out: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        p = Path(p)
        if p.is_dir() and not _dataset_folder(p):
            found = _inside(p, 1)
        elif not p.exists() and has_glob(str(p)):
            found = []
            for m in sorted(_rglob(str(p)) if "**" in str(p) else globmod.glob(str(p))):
                m = Path(m)
                if m.is_dir():
                    found.extend([m] if _dataset_folder(m) else _inside(m, 1))
                elif is_input_file(m):
                    found.append(m)
        else:
            found = [p]  # one input; if it does not exist, its task says so in the rekap
        if not found:
            problems.append(Problem(str(p), None, "tidak ada laporan atau dataset di sini" if lang == "id"
                                    else "no report or dataset here"))
        out.extend(found)
    if problems:
        raise InputError(problems)
    seen, unique = set(), []
    real_dirs: dict[str, str] = {}
    for p in out:
        key = _real(p, real_dirs)
        if os.path.basename(key) == "dataset.yaml":
            key = os.path.dirname(key)  # a dataset folder and its dataset.yaml are one report
        if key not in seen:
            seen.add(key)
            unique.append(p)
    if len(unique) > MAX_INPUTS:
        raise InputError(Problem(shown(paths[0]), None, (
            f"{len(unique)} laporan, lebih dari batas {MAX_INPUTS} dalam satu pemeriksaan: bagi per folder"
            if lang == "id" else f"{len(unique)} reports, more than the limit of {MAX_INPUTS} in one run: split by folder")))
    return unique
