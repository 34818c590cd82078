"""Reading rows: a recognised table -> a dataset table (columns with their concept, rows with their
subject and the figures exactly as printed); rows that cannot be placed are listed, never dropped."""
from __future__ import annotations

from .budget_levels import belanja_key, is_belanja_table, is_level_row, pool_of, row_level
from .document import Row
from .results import _STATUS, _TABEL, _TOTAL, IKU_CONCEPTS, cell as _cell, excerpt as _sentences_excerpt
from .table_kinds import AMOUNTS, BUDGET, TableShape, strip_merged_numbering


class RowsMixin:
    def _row_cells(self, shape, row, section):
        """A data row's cells (merged numbering stripped, cells no rule reads listed), or None for a
        row the reader could not place (listed under "tidak terbaca / tidak dikenali")."""
        if row.unplaced:
            self.lost("baris", row.line, row.page, section, " ".join([*row.cells, *row.raw_numbers]).strip(),
                      row.unplaced)
            return None
        cells = strip_merged_numbering(row.cells)
        self.not_evaluated_cells(shape, row, section)
        return cells

    def not_evaluated_cells(self, shape: TableShape, row: Row, section: str):
        """Figures in a column no rule reads (a month of the realisasi): listed, with the reason."""
        for c in shape.columns:
            if c.role is None and c.header and c.index < len(row.cells) and row.cells[c.index].strip() \
                    and any(ch.isdigit() for ch in row.cells[c.index]):
                self.not_evaluated.append({"line": row.line, "page": row.page, "section": section,
                                           "header": c.header, "text": row.cells[c.index].strip(),
                                           "reason": "kolom tanpa konsep (mis. realisasi per bulan yang tidak "
                                                     "diketahui bulannya): dibaca, tidak dinilai"})

    def new_table(self, section: str, title: str, kind: str, line: int, page, columns: dict, rows: list,
                  suffix: str = "") -> dict:
        m = _TABEL.match(title or "")
        base = f"{section}-{m.group(1)}" if m else f"{section}-{kind}"
        tid, n = base + suffix, 2
        while tid in self.table_ids:
            tid, n = f"{base}{suffix}-{n}", n + 1
        self.table_ids.add(tid)
        t = {"id": tid, "section": section, "title": title or kind, "line": line, "columns": columns, "rows": rows}
        if page is not None:
            t["page"] = page
        self.tables.append(t)
        return t

    def _colspec(self, c, concept=None, subject=None, unit=None) -> dict:
        spec = {"concept": concept or c.role, "header": c.header}
        if c.period and c.period != self.year:
            spec["period"] = c.period
        if c.period and concept in ("target", "realisasi") and c.period == self.year:
            spec["period"] = c.period
        if subject:
            spec["subject"] = subject
        if unit:
            spec["unit"] = unit
        return spec

    @staticmethod
    def _colkey(c) -> str:
        return f"{c.role}_{c.period}" if c.period else c.role

    def _row(self, row: Row, subject=None, label=None, **cells) -> dict:
        out = {"line": row.line}
        if row.page is not None:
            out["page"] = row.page
        if subject:
            out["subject"] = subject
        if label:
            out["label"] = label
        out.update({k: v for k, v in cells.items() if v not in (None, "")})
        return out


    def kinerja(self, shape: TableShape, section: str, title: str, by_sasaran: bool = False):
        cols = [c for c in shape.columns if c.role in IKU_CONCEPTS or c.role in BUDGET]
        status_col = None
        ket = [c for c in shape.columns if c.role == "ket"]
        for c in ket:
            if any(_STATUS.match(_cell(strip_merged_numbering(r.cells), c)) for r in shape.data):
                status_col = c
                break
        has_amount = any(c.role in AMOUNTS for c in cols)
        has_perf = any(c.role in IKU_CONCEPTS for c in cols) or status_col is not None
        budget_owner = ("sasaran" if by_sasaran else "program") if (has_amount and has_perf) else None
        columns, total_columns = {}, {}
        for c in cols:
            key = self._colkey(c)
            if c.role in BUDGET and budget_owner:
                columns[key] = self._colspec(c, subject=budget_owner)
                total_columns[key] = self._colspec(c)
            else:
                columns[key] = self._colspec(c)
        if status_col is not None:
            columns["status"] = {"concept": "status", "header": status_col.header}
        rows, total_rows, pending = [], [], []
        for row in shape.data:
            cells = self._row_cells(shape, row, section)
            if cells is None:
                continue
            figures = {self._colkey(c): _cell(cells, c) for c in cols}
            if status_col is not None and _STATUS.match(_cell(cells, status_col)):
                figures["status"] = _cell(cells, status_col)
            if not any(figures.values()):
                continue
            if any(_TOTAL.match(c) for c in cells if c):
                total = "TEKNIS"
                tot = {k: v for k, v in figures.items() if k in columns and columns[k]["concept"] in BUDGET}
                other = {k: v for k, v in figures.items() if v and k not in tot}
                target = total_rows if budget_owner else rows
                if tot:
                    target.append(self._row(row, total, "JUMLAH", **tot))
                if any(other.values()):
                    self.lost("sel", row.line, row.page, section, " | ".join(other.values()),
                              "angka kinerja pada baris jumlah tidak dapat ditempatkan")
                continue
            if by_sasaran:
                label = _cell(cells, shape.col("sasaran"))
                m = self.match(label, self.sasaran, row.line)
                if m.key is None:
                    self.lost("baris", row.line, row.page, section, " | ".join(cells),
                              f"sasaran tidak dikenali (skor terbaik {m.score:g})")
                    continue
                ikus = self.ikus_of(m.key)
                subject = ikus[0] if len(ikus) == 1 else m.key
                extra = {"sasaran": m.key} if budget_owner else {}
                if not has_perf and budget_owner is None and any(c.role in AMOUNTS for c in cols):
                    subject = m.key
                rows.append(self._row(row, subject, label, **extra, **figures))
                continue
            self.last_match = None
            iku, label = self._iku_of_row(cells, shape, row, pending)
            if iku is None:
                m = self.last_match
                self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c),
                          "indikator tidak dikenali" + (f": '{_sentences_excerpt(label, 60)}'" if label else "")
                          + (f" ({m.why()})" if m is not None and m.ambiguous else ""))
                continue
            unit = _cell(cells, shape.col("satuan")) if shape.col("satuan") is not None else ""
            if unit:  # the Satuan column: the unit of this indicator's target and realisasi (units.py)
                self.iku[iku].setdefault("unit", unit)
            perf = {k: v for k, v in figures.items() if k in columns and columns[k]["concept"] not in BUDGET}
            if not any(perf.values()) and has_amount and not has_perf:
                prog = self.program_of(iku)
                if prog is None:
                    self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c),
                              f"program untuk {iku} tidak diketahui")
                    continue
                rows.append(self._row(row, prog, label, **figures))
                continue
            extra = {}
            if budget_owner == "program":
                prog = self.program_of(iku)
                if prog is None:
                    budget = {k: figures.pop(k) for k in list(figures) if columns.get(k, {}).get("concept") in BUDGET}
                    if any(budget.values()):
                        self.lost("sel", row.line, row.page, section, " | ".join(v for v in budget.values() if v),
                                  f"program untuk {iku} tidak diketahui")
                else:
                    extra = {"program": prog}
            rows.append(self._row(row, iku, label, **extra, **figures))
        if rows:
            self.new_table(section, title, shape.kind, shape.header_line, shape.block.page, columns, rows)
        if total_rows:
            self.new_table(section, title, shape.kind, shape.header_line, shape.block.page, total_columns,
                           total_rows, suffix="-jumlah")

    def pk(self, shape, section, title):
        self.kinerja(shape, section, title)

    def program_budget(self, shape, section, title):
        pcol = shape.col("program")
        amount_cols = [c for c in shape.columns if c.role in BUDGET]
        columns = {self._colkey(c): self._colspec(c) for c in amount_cols}
        rows = []
        labels = [(r, _cell(strip_merged_numbering(r.cells), pcol)) for r in shape.data]
        belanja = is_belanja_table(name for _, name in labels)
        mixed = belanja and any(is_level_row(r, name) for r, name in labels)  # programmes, then belanja rows
        for row in shape.data:
            cells = self._row_cells(shape, row, section)
            if cells is None:
                continue
            figures = {self._colkey(c): _cell(cells, c) for c in amount_cols}
            if not any(figures.values()):
                continue
            name = _cell(cells, pcol)
            is_total = any(_TOTAL.match(c) for c in cells if c)
            if belanja and not is_level_row(row, name) and not (is_total and mixed):  # budget_levels.py
                key = "BELANJA" if is_total else belanja_key(name)
                if key:
                    rows.append(self._row(row, key, name or "JUMLAH", **figures))
                else:
                    self.not_evaluated.append({"line": row.line, "page": row.page, "section": section,
                                               "header": pcol.header if pcol else "", "text": name,
                                               "reason": "rincian jenis belanja: dibaca, tidak dinilai"})
                continue
            if is_total:
                rows.append(self._row(row, "BL", "JUMLAH", **figures))
                continue
            level = row_level(row, name)
            m = self.match(name, pool_of(self, level), row.line)
            if m.key is None:
                self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c),
                          "program tidak dikenali" if level == "program" else f"{level} tidak dikenali")
                continue
            rows.append(self._row(row, m.key, name, **figures))
        if rows:
            self.new_table(section, title, "program", shape.header_line, shape.block.page, columns, rows)

    def spm_table(self, shape, section, title):
        col = shape.col("indikator") or shape.col("jenis")
        cols = [c for c in shape.columns if c.role in ("target", "realisasi", "capaian")]
        columns = {self._colkey(c): self._colspec(c) for c in cols}
        rows = []
        for row in shape.data:
            cells = strip_merged_numbering(row.cells)
            name = _cell(cells, col)
            figures = {self._colkey(c): _cell(cells, c) for c in cols}
            m = self.match(name, self.spm, row.line)
            if m.key is None:
                if any(figures.values()):
                    self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c), "indikator SPM tidak dikenali")
                continue
            rows.append(self._row(row, m.key, name, **figures))
        if rows:
            self.new_table(section, title, "spm", shape.header_line, shape.block.page, columns, rows)

