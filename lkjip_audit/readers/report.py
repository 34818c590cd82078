"""Read a submitted report file (text/Markdown, DOCX, PDF) into a Dataset the engine can check.

report file -> document model (doc_text / doc_docx / doc_pdf) -> extract.py -> dataset dict ->
the normal dataset loader (schema, references, pandera). The docx and pdf libraries are imported
only when such a file is read.
"""
from __future__ import annotations

from pathlib import Path

from ..yamlio import LDict, LList

REPORT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".docx", ".pdf"}
DATASET_SUFFIXES = {".yaml", ".yml"}


def is_report_input(path: Path) -> bool:
    """A report file (read and extracted) rather than a dataset, as `check` and `extract` decide:
    anything but a folder or a .yaml / .yml file, whatever its extension (.doc saved as text,
    .csv, none). The single check, corpus mode and history ask this one function."""
    return not path.is_dir() and path.suffix.lower() not in (".yaml", ".yml")


def is_report(path: Path) -> bool:
    path = Path(path)
    if path.is_dir():
        return False
    if path.suffix.lower() in DATASET_SUFFIXES:
        return False
    if path.suffix.lower() in REPORT_SUFFIXES:
        return True
    # no known suffix: sniff the first bytes (never the whole file: it may be /dev/zero)
    from ..limits import sniff

    head = sniff(path)
    return head.startswith(b"%PDF") or head.startswith(b"PK\x03\x04")


def read_document(path: Path):
    path = Path(path)
    from ..limits import check_regular_file, guarded, sniff  # kind, size, memory and time bounds

    check_regular_file(path)
    head = sniff(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        from .doc_pdf import read_pdf_document

        return guarded(read_pdf_document, path)
    if suffix == ".docx" or head.startswith(b"PK\x03\x04"):
        from .doc_docx import read_docx_document

        return guarded(read_docx_document, path)
    from .doc_text import read_text_document

    return read_text_document(path)


def to_ldict(obj):
    """Plain dicts/lists -> the line-aware containers the dataset loader expects (no YAML lines)."""
    if isinstance(obj, dict):
        d = LDict((k, to_ldict(v)) for k, v in obj.items())
        d.line, d.key_lines = 0, {}
        return d
    if isinstance(obj, list):
        lst = LList(to_ldict(v) for v in obj)
        lst.line, lst.item_lines = 0, []
        return lst
    return obj


def extract_file(path: Path):
    from .extract import extract

    document = read_document(Path(path))
    return extract(document, Path(path).name)


def load_report(path: Path, concepts):
    """Report file -> Dataset (with `.document` and `.extraction` set)."""
    from .dataset import dataset_from_doc

    extraction = extract_file(path)
    ds = dataset_from_doc(to_ldict(extraction.doc), str(path), Path(path), concepts,
                          allow_empty=getattr(extraction, "text_only", False))
    ds.document = extraction.document
    ds.extraction = extraction
    return ds
