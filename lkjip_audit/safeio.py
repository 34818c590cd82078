"""Writing outputs safely: never onto an input, never half-written, never a traceback.

`refuse_inputs(out, inputs)` refuses an output path that is, or leads to, an input: the same
path, a symlink to it, a hard link to it (same device and inode), or a folder. The inputs of a
run are the dataset files, the report files beside a dataset, every rule pack of the rules
folder (and concepts.yaml), the report file that was read.

`write_text(out, text)` writes a regular file atomically (a temporary file in the same folder,
then rename), so a reader never sees half a report and an interrupted run leaves the old file;
a device or pipe (`/dev/stdout`) is written directly. A missing folder, a full disk (`/dev/full`)
or no permission is one clear problem (exit code 2).
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError, Problem
from .i18n import t

REPORT_SUFFIXES = {".yaml", ".yml", ".txt", ".md", ".markdown", ".text", ".docx", ".pdf"}


def input_files(paths, rules_dir: Path | None = None) -> list[Path]:
    """Every file a run reads (or could read) from the given dataset / report paths and rules folder."""
    from .rulepack.loader import default_rules_dir

    out: list[Path] = []
    for p in paths:
        if p is None:
            continue
        p = Path(p)
        folder = p if p.is_dir() else p.parent
        if p.is_file():
            out.append(p)
        if p.is_dir() or p.name in ("dataset.yaml", "dataset.yml"):
            # the dataset and the report text shipped beside it
            out += [f for f in _files(folder) if f.suffix.lower() in REPORT_SUFFIXES]
    rules = Path(rules_dir) if rules_dir else default_rules_dir()
    out += [f for f in _files(rules) if f.suffix.lower() in (".yaml", ".yml")]
    return out


def _files(folder: Path) -> list[Path]:
    try:
        return [f for f in folder.iterdir() if f.is_file()]
    except OSError:
        return []


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def refuse_inputs(out: Path, inputs) -> None:
    out = Path(out)
    name = str(out)
    try:
        st = os.stat(out)  # follows a symlink
    except FileNotFoundError:
        st = None
    except OSError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(Problem(name, None, t("out_is_dir")))
    real = os.path.realpath(out)
    for f in inputs:
        try:
            fst = os.stat(f)
        except OSError:
            continue
        if os.path.realpath(f) == real or (st is not None and _same(st, fst)):
            what = "symlink" if out.is_symlink() else "hard link" if (st is not None and st.st_nlink > 1
                                                                        and os.path.realpath(f) != real) else f.name
            raise InputError(Problem(name, None, t("out_input", what=what)))
    parent = Path(real).parent
    if not parent.is_dir():
        raise InputError(Problem(name, None, t("out_dir_missing")))


def write_text(out: Path, text: str) -> None:
    write_bytes(out, text.encode("utf-8"))


def write_bytes(out: Path, data: bytes) -> None:
    out = Path(out)
    try:
        st = os.stat(out)
    except OSError:
        st = None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(out, "wb") as fh:  # a device or a pipe: written as it is
                fh.write(data)
            return
        target = Path(os.path.realpath(out))
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            if st is not None:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as e:
        raise InputError(Problem(str(out), None, _os_problem(e))) from None


def _os_problem(e: OSError) -> str:
    if e.errno == errno.ENOENT:
        return t("out_dir_missing")
    return t("out_failed", detail=e.strerror or type(e).__name__)


def quiet_broken_pipe() -> None:
    """After stdout's reader went away (`| head`): send what is left to /dev/null, so that
    Python's own flush at exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
