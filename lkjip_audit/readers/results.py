"""What extraction gives back: the dataset dict, what could not be placed, and small shared helpers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document

IKU_CONCEPTS = ("target", "realisasi", "capaian", "kemajuan", "target_akhir_renstra", "efisiensi", "kenaikan")
_STATUS = re.compile(r"^\s*(tidak\s+tercapai|tercapai|belum\s+tercapai)\s*$", re.I)
_TOTAL = re.compile(r"^\s*(jumlah|total|jumlah total|total anggaran)\s*:?\s*$", re.I)
_TABEL = re.compile(r"^tabel\s+([0-9][0-9.]*[0-9]|[0-9]+)", re.I)


@dataclass
class Unplaced:
    kind: str            # tabel | baris | sel
    line: int
    page: int | None
    where: str
    section: str
    text: str
    reason: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "line": self.line, "page": self.page, "where": self.where,
                "section": self.section, "text": self.text, "reason": self.reason}


@dataclass
class Extraction:
    document: Document
    doc: dict
    unplaced: list[Unplaced] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)   # {line, label, subject, score}
    tables: list[dict] = field(default_factory=list)    # {id, kind, line, rows}
    not_evaluated: list[dict] = field(default_factory=list)  # figures read that no rule reads, with the reason
    kind: dict = field(default_factory=dict)            # document_kind(): lkjip | kinerja, level, interim
    text_only: bool = False                             # no indicator / budget table: only the text rules run
    notes: list[dict] = field(default_factory=list)     # what the report says about the reading (messages.py keys)


def cell(cells: list[str], col) -> str:
    if col is None or col.index >= len(cells):
        return ""
    return cells[col.index].strip()


def excerpt(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"

