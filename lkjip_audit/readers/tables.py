"""Recognising tables in reading order: each table block's shape (table_kinds.py), its caption, and
fragments of one table continued after a page break joined into one."""
from __future__ import annotations

import re

from .results import _TABEL
from .table_kinds import TableShape, shape_of


class TablesMixin:
    def shapes(self) -> list[tuple[TableShape, str, str]]:
        out: list[tuple[TableShape, str, str]] = []
        last_idx = None
        for i, b in enumerate(self.d.blocks):
            if b.kind != "table":
                if not (len(b.text) <= 3 or b.text.strip().isdigit()):
                    last_idx = None
                continue
            shape = shape_of(b, self.year)
            section = self.sections[i]
            title = self._title_before(i)
            prev = out[-1] if out else None
            if prev and last_idx is not None and shape.kind == prev[0].kind and shape.kind not in ("toc", "unknown") \
                    and (shape.header_key == prev[0].header_key or shape.kind == "rkt") and not title.lower().startswith("tabel"):
                prev[0].data.extend(shape.data)
                prev[0].block.rows.extend([])  # rows stay in their own block; data is joined
            elif prev and last_idx is not None and shape.kind == "unknown" and prev[0].kind not in ("toc", "unknown", "strategi") \
                    and self._continues(prev[0], shape):
                prev[0].data.extend(shape.data)
            else:
                out.append((shape, section, title))
            last_idx = i
        return out

    def _continues(self, prev: TableShape, shape: TableShape) -> bool:
        """A fragment without header after a table: a continuation when its rows have as many cells."""
        width = len(prev.columns)
        return bool(shape.data) and all(abs(len(r.cells) - width) <= 1 for r in shape.data)

    def _title_before(self, i: int) -> str:
        """The table's caption: "Tabel 3.1.1" + the line after it, else the nearest heading."""
        window = self.d.blocks[max(0, i - 6):i]
        texts = []
        for b in reversed(window):
            if b.kind == "table":
                break
            texts.insert(0, b)
        for k in range(len(texts) - 1, -1, -1):
            t = texts[k].text.strip()
            if _TABEL.match(t):
                nxt = texts[k + 1].text.strip() if k + 1 < len(texts) and len(texts[k + 1].text) <= 90 else ""
                return f"{t} {nxt}".strip()
        boring = re.compile(r"^(tahun|perangkat daerah|dinas|badan|kota|kabupaten)\b|:$", re.I)
        for b in reversed(texts):
            t = b.text.strip()
            if t and not boring.search(t) and len(t) <= 90:
                return t
        return ""

