"""Which report formats exist, which file extension means which format, and writing one or several
of them from one checked result (`check --output a.html --output b.xlsx` checks the report once)."""
from __future__ import annotations

import io
import sys
from pathlib import Path

from ..errors import InputError, Problem

# format -> (module under lkjip_audit.reporters, binary?)
FORMATS = {
    "table": ("terminal", False), "json": ("json_report", False), "md": ("markdown_report", False),
    "html": ("html_report", False), "xlsx": ("xlsx_report", True), "docx": ("lhr_docx", True),
    "sarif": ("sarif_report", False), "junit": ("junit_report", False),
}
EXTENSIONS = {
    ".txt": "table", ".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".xlsx": "xlsx", ".docx": "docx", ".sarif": "sarif", ".xml": "junit",
}
MSG = {
    "id": {"ext": "format tidak dapat ditebak dari akhiran '{ext}' (yang dikenal: {known}); pakai --format",
           "binary": "format {fmt} adalah berkas biner: tulis dengan --output BERKAS",
           "twice": "berkas keluaran disebut dua kali"},
    "en": {"ext": "cannot infer the format from the extension '{ext}' (known: {known}); use --format",
           "binary": "format {fmt} is a binary file: write it with --output FILE",
           "twice": "output file named twice"},
}


def plan(fmt: str | None, outputs: list[Path] | None, lang: str) -> list[tuple[str, Path | None]]:
    """(format, path) pairs to write; path None means standard output. Checked before any work."""
    m = MSG.get(lang, MSG["id"])
    if not outputs:
        fmt = fmt or "table"
        if FORMATS[fmt][1]:
            raise InputError(Problem("--format", None, m["binary"].format(fmt=fmt)))
        return [(fmt, None)]
    pairs, seen = [], set()
    for out in outputs:
        f = fmt or EXTENSIONS.get(out.suffix.lower())
        if f is None:
            raise InputError(Problem(str(out), None, m["ext"].format(ext=out.suffix, known=" ".join(EXTENSIONS))))
        key = _identity(out)
        if key in seen:
            raise InputError(Problem(str(out), None, m["twice"]))
        seen.add(key)
        pairs.append((f, out))
    return pairs


def _identity(path: Path):
    """A file's identity: its device and inode when it exists (hard links), else its resolved path."""
    try:
        st = Path(path).stat()
        return ("inode", st.st_dev, st.st_ino)
    except OSError:
        return ("path", str(Path(path).resolve()))


def refuse_inputs(outputs: list[Path], inputs: list[Path]) -> None:
    """No output may be, or lead to, an input (safeio.refuse_inputs: paths, symlinks, hard links)."""
    from .. import safeio

    for out in outputs:
        safeio.refuse_inputs(out, inputs)


def render(fmt: str, result, fail_on: str, lang: str) -> str | bytes:
    if fmt == "table":
        from rich.console import Console

        from . import terminal

        buf = io.StringIO()
        terminal.render(result, fail_on, Console(file=buf, width=160, no_color=True, soft_wrap=True), lang)
        return buf.getvalue()
    return module(fmt).render(result, fail_on, lang)


def module(fmt: str):
    """The reporter module of a format (imported on first use: a run pays only for its formats)."""
    import importlib

    return importlib.import_module(f".{FORMATS[fmt][0]}", __package__)


def write_all(pairs, result, fail_on: str, lang: str, written_message) -> None:
    from .. import safeio

    for fmt, path in pairs:
        if path is None and fmt == "table":
            _terminal(result, fail_on, lang)
            continue
        data = render(fmt, result, fail_on, lang)
        if path is None:
            sys.stdout.write(data)
            continue
        safeio.write_bytes(path, data if isinstance(data, bytes) else data.encode("utf-8"))
        print(written_message(path), file=sys.stderr)


def _terminal(result, fail_on: str, lang: str) -> None:
    from rich.console import Console

    from . import terminal

    console = Console(highlight=False)
    if not console.is_terminal:  # piped output is not cut into lines: it stays greppable and copyable
        console = Console(highlight=False, soft_wrap=True)
    terminal.render(result, fail_on, console, lang)
