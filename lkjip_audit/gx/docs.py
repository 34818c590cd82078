"""Where the Great Expectations Data Docs site of a check goes (`--gx-data-docs DIR`).

- DIR must be new, empty, or a site an earlier run of lkjip-audit wrote (it holds the marker file
  `.lkjip-audit-data-docs`): existing files of anything else are never deleted or overwritten.
- The site is built in a fresh temporary folder beside DIR and then put in place by renames, under
  a lock (on the folder that holds DIR), so that parallel runs into one DIR never mix their pages: DIR
  always holds one complete site, the one of the run that finished last, and each run's message
  "written" is true when it is printed.
- Report text reaching the HTML is escaped (`escaped_frame`): GX writes cell values into the
  pages as they are.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, Problem
from ..i18n import t

MARKER = ".lkjip-audit-data-docs"


def check_target(d: Path) -> None:
    """Refuse, before anything runs, a DIR holding files that are not an lkjip-audit site."""
    d = Path(d)
    if d.is_symlink() or (d.exists() and not d.is_dir()):
        raise InputError(Problem(str(d), None, t("docs_not_ours")))
    if d.is_dir() and any(d.iterdir()) and not (d / MARKER).is_file():
        raise InputError(Problem(str(d), None, t("docs_not_ours")))
    if d.parent.exists() and not d.parent.is_dir():
        raise InputError(Problem(str(d), None, t("out_dir_missing")))


@contextmanager
def _lock(d: Path):
    """An exclusive lock on the folder that holds DIR (flock on its descriptor: nothing is left
    behind on disk)."""
    import fcntl

    fd = os.open(d.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def publish(d: Path, build) -> None:
    """build(tmp_dir) writes the site into a fresh folder; it then replaces DIR as a whole."""
    d = Path(d).absolute()
    check_target(d)
    d.parent.mkdir(parents=True, exist_ok=True)  # a new DIR may be nested, as with mkdir -p
    tmp = Path(tempfile.mkdtemp(prefix=f".{d.name}.new-", dir=d.parent))
    try:
        build(tmp)
        (tmp / MARKER).write_text("lkjip-audit Data Docs\n", encoding="utf-8")
        os.chmod(tmp, 0o755)
        with _lock(d):
            check_target(d)  # another process may have put something else there meanwhile
            old = None
            if d.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{d.name}.old-", dir=d.parent))
                os.rmdir(old)
                os.rename(d, old)
            os.rename(tmp, d)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def escaped_frame(df):
    """A copy of a view whose text cells are HTML-escaped (what GX shows in the pages)."""
    import html

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype).startswith("str"):
            out[col] = out[col].map(lambda v: html.escape(v, quote=True) if isinstance(v, str) else v)
    return out


def escaped_args(args):
    """The same escaping for the text values an expectation compares cells with (value_set ...)."""
    import html

    def esc(v):
        if isinstance(v, str):
            return html.escape(v, quote=True)
        if isinstance(v, list):
            return [esc(x) for x in v]
        return v

    return {k: (v if k in ("column", "column_A", "column_B", "column_list", "row_condition",
                           "condition_parser", "ignore_row_if", "mostly") else esc(v)) for k, v in args.items()}
