"""The tables GX validates, built from the dataset (no GX import here).

Three kinds of view, each a pandas DataFrame with a `row` column (1-based) that GX reports back as
the unexpected index, so every offending row maps back to the dataset row and the report line:

* a dataset table id (`lampiran3-program`, ...): one row per printed row, columns `row`, `line`,
  `page`, `subject`, `subject_kind`, `label`, the row's reference keys (`sasaran`, `program`,
  `iku`, `tujuan`), and per declared column key `<col>` (the parsed value; the text for text
  concepts; empty when the cell is empty or unreadable), `<col>__text` (as printed) and
  `<col>__unit` (the unit read from the text, else the column's default);
* `facts`: the long fact table itself, one row per printed figure (tables and narrative), columns
  `concept`, `subject`, `subject_kind`, `period`, `section`, `table`, `table_row`, `column`,
  `text`, `status`, `value`, `unit`, `line`, `page`;
* `subjects.<kind>` (`subjects.iku`, ...): one row per subject of that kind, columns `key`,
  `name`, `line` and every attribute the dataset gives those subjects.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

import pandas as pd

META_COLUMNS = ["row", "line", "page", "subject", "subject_kind", "label"]
REF_KEYS = ["tujuan", "sasaran", "program", "iku"]
FACT_VIEW_COLUMNS = ["concept", "subject", "subject_kind", "period", "section", "table", "table_row",
                     "column", "text", "status", "value", "unit", "line", "page"]
SUBJECT_KINDS = ("tujuan", "sasaran", "iku", "program", "kegiatan", "subkegiatan", "spm", "total")


@dataclass
class RowInfo:
    row: int
    subject: str | None
    label: str
    line: int | None
    page: int | None


@dataclass
class View:
    name: str
    kind: str                    # table | facts | subjects
    title: str
    section: str
    line: int | None
    page: int | None
    df: pd.DataFrame
    rows: dict[int, RowInfo] = field(default_factory=dict)
    cells: dict[tuple, object] = field(default_factory=dict)   # (row, view column) -> fact
    concepts: dict[str, tuple] = field(default_factory=dict)   # view column -> (concept, period)
    headers: dict[str, str] = field(default_factory=dict)      # view column -> printed header


def _clean(v):
    return None if v is None or (isinstance(v, float) and v != v) else v


class Views:
    """Every view of one dataset, built on first use."""

    def __init__(self, ctx):
        self.ctx, self.dataset = ctx, ctx.dataset
        self.table_ids = [t["id"] for t in self.dataset.tables]
        self._tables = {t["id"]: t for t in self.dataset.tables}
        self._built: dict[str, View] = {}
        self._cells: dict[tuple, object] | None = None

    # -- names ------------------------------------------------------------------------------------
    def resolve(self, pattern: str) -> list[str]:
        """View names a rule's `table:` names: an exact id, a glob over the dataset tables, `facts`,
        or `subjects.<kind>` (empty when the dataset has none)."""
        if pattern == "facts":
            return ["facts"]
        if pattern.startswith("subjects."):
            kind = pattern.split(".", 1)[1]
            return [pattern] if any(s.kind == kind for s in self.dataset.subjects.values()) else []
        if any(ch in pattern for ch in "*?["):
            return [t for t in self.table_ids if fnmatch.fnmatchcase(t, pattern)]
        return [pattern] if pattern in self._tables else []

    def get(self, name: str) -> View:
        if name not in self._built:
            if name == "facts":
                self._built[name] = self._facts_view()
            elif name.startswith("subjects."):
                self._built[name] = self._subjects_view(name.split(".", 1)[1])
            else:
                self._built[name] = self._table_view(self._tables[name])
        return self._built[name]

    # -- builders ---------------------------------------------------------------------------------
    def _facts_by_cell(self):
        if self._cells is None:
            self._cells = {(f.table, int(f.row), f.column): f for f in self.ctx.facts}
        return self._cells

    def _table_view(self, table) -> View:
        from ..readers.dataset import SECTION_NAMES

        cells = self._facts_by_cell()
        tid, columns = table["id"], table["columns"]
        concepts = self.ctx.concepts
        records, rows, view_cells = [], {}, {}
        refs = [k for k in REF_KEYS if any(k in r for r in table["rows"])]
        for r, raw in enumerate(table["rows"], start=1):
            key = raw.get("subject")
            subj = self.dataset.subjects.get(key) if key else None
            rec = {"row": r, "line": raw.get("line"), "page": raw.get("page") or table.get("page"),
                   "subject": key, "subject_kind": subj.kind if subj else None, "label": raw.get("label")}
            for k in refs:
                rec[k] = raw.get(k)
            for col, spec in columns.items():
                f = cells.get((tid, r, col))
                text_concept = concepts[spec["concept"]].kind == "text" if spec["concept"] in concepts else False
                if f is None:
                    rec[col], rec[f"{col}__text"], rec[f"{col}__unit"] = None, None, None
                    continue
                view_cells[(r, col)] = view_cells[(r, f"{col}__text")] = view_cells[(r, f"{col}__unit")] = f
                rec[col] = f.text.strip() if text_concept else (f.value if f.status == "ok" else None)
                rec[f"{col}__text"], rec[f"{col}__unit"] = f.text, f.unit
            rows[r] = RowInfo(r, key, raw.get("label") or "", raw.get("line"), rec["page"])
            records.append(rec)
        order = META_COLUMNS + refs + [c for col in columns for c in (col, f"{col}__text", f"{col}__unit")]
        df = pd.DataFrame.from_records(records, columns=order)
        for col, spec in columns.items():
            if spec["concept"] in concepts and concepts[spec["concept"]].kind == "number":
                df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        view_concepts = {}
        for col, spec in columns.items():
            period = spec.get("period") or (self.dataset.year if spec["concept"] in concepts
                                            and concepts[spec["concept"]].periodic else None)
            view_concepts[col] = (spec["concept"], period)
        headers = {col: spec.get("header", col) for col, spec in columns.items()}
        return View(tid, "table", table.get("title", tid), SECTION_NAMES.get(table["section"], table["section"]),
                    table.get("line"), table.get("page"), df, rows, view_cells, view_concepts, headers)

    def _facts_view(self) -> View:
        records, rows, view_cells = [], {}, {}
        for i, f in enumerate(self.ctx.facts, start=1):
            records.append({
                "row": i, "concept": f.concept, "subject": f.subject, "subject_kind": f.subject_kind,
                "period": _clean(f.period), "section": f.section, "table": f.table, "table_row": int(f.row),
                "column": f.column, "text": f.text, "status": f.status,
                "value": f.value if f.status == "ok" else None, "unit": f.unit, "line": _clean(f.line),
                "page": _clean(f.page)})
            rows[i] = RowInfo(i, f.subject, f.label or "", int(f.line), _clean(f.page))
            for c in FACT_VIEW_COLUMNS:
                view_cells[(i, c)] = f
        df = pd.DataFrame.from_records(records, columns=["row"] + FACT_VIEW_COLUMNS)
        df["value"] = pd.to_numeric(df["value"], errors="coerce").astype("float64")
        return View("facts", "facts", "Tabel fakta (semua angka tercetak)", "dataset", None, None, df, rows,
                    view_cells, {"value": (None, None)}, {"value": "value"})

    def _subjects_view(self, kind: str) -> View:
        subjects = [s for s in self.dataset.subjects.values() if s.kind == kind]
        attrs: list[str] = []
        for s in subjects:
            attrs += [a for a in s.attrs if a not in attrs and a not in ("name", "line", "page")]
        records, rows = [], {}
        for i, s in enumerate(subjects, start=1):
            rec = {"row": i, "key": s.key, "name": s.name, "line": s.line}
            rec.update({a: s.attrs.get(a) for a in attrs})
            records.append(rec)
            rows[i] = RowInfo(i, s.key, s.name, s.line, s.attrs.get("page"))
        df = pd.DataFrame.from_records(records, columns=["row", "key", "name", "line"] + attrs)
        return View(f"subjects.{kind}", "subjects", f"Definisi subjek ({kind})", "dataset", None, None, df, rows)
