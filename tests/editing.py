"""Make altered copies of a dataset for tests: the real report with one figure changed, etc.

Edits (a list of mappings):
  {table: ID, line: N, column: KEY, text: "..."}     one cell of a table row (row found by its line)
  {table: ID, add_column: KEY, spec: {concept: C, header: H}, cells: {LINE: "..."}}
                                                      a new column, with cells on the rows of those lines
  {narrative: N, concept: C, text: "...", subject: K} a narrative fact (entry found by its line)
  {subject: K, concept: C, text: "..."}               every printed copy of that figure (tables + narrative)
  {subject: K, attrs: {polarity: lower, ...}}         attributes of a subject (null removes one)
  {drop_table: ID}                                    remove a table
  {submission: {rounding: truncate}}                  fields of `submission`
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

from conftest import DATASETS


def load_plain(name: str) -> dict:
    # "fixtures/..." names a synthetic dataset under tests/fixtures/
    base = DATASETS.parent / "tests" if name.startswith("fixtures/") else DATASETS
    return yaml.safe_load((base / name / "dataset.yaml").read_text(encoding="utf-8"))


def apply_edits(doc: dict, edits: list[dict]) -> dict:
    doc = copy.deepcopy(doc)
    for e in edits:
        hits = _apply(doc, e)
        if hits == 0:
            raise AssertionError(f"edit matched nothing: {e}")
    return doc


def _set_cell(row: dict, column: str, text: str):
    cell = row[column]
    if isinstance(cell, dict):
        cell["text"] = text
    else:
        row[column] = text


def _apply(doc: dict, e: dict) -> int:
    hits = 0
    if "submission" in e:
        doc["submission"].update(e["submission"])
        return 1
    if "drop_table" in e:
        before = len(doc["tables"])
        doc["tables"] = [t for t in doc["tables"] if t["id"] != e["drop_table"]]
        return before - len(doc["tables"])
    if "attrs" in e:
        for items in doc["subjects"].values():
            if e["subject"] in items:
                for k, v in e["attrs"].items():
                    if v is None:
                        items[e["subject"]].pop(k, None)
                    else:
                        items[e["subject"]][k] = v
                hits += 1
        return hits
    if "add_column" in e:
        for t in doc["tables"]:
            if t["id"] != e["table"]:
                continue
            t["columns"][e["add_column"]] = dict(e["spec"])
            for row in t["rows"]:
                if row["line"] in e["cells"]:
                    row[e["add_column"]] = e["cells"][row["line"]]
                    hits += 1
        return hits
    if "table" in e:
        for t in doc["tables"]:
            if t["id"] != e["table"]:
                continue
            for row in t["rows"]:
                if row["line"] == e["line"] and e["column"] in row:
                    _set_cell(row, e["column"], e["text"])
                    hits += 1
        return hits
    if "narrative" in e:
        for entry in doc.get("narrative", []):
            if entry["line"] != e["narrative"]:
                continue
            for f in entry["facts"]:
                if f["concept"] == e["concept"] and f["subject"] == e.get("subject", f["subject"]) \
                        and e.get("period", f.get("period")) == f.get("period"):
                    f["text"] = e["text"]
                    hits += 1
        return hits
    # every copy of one figure
    subj, concept, period = e["subject"], e["concept"], e.get("period")
    for t in doc["tables"]:
        for col, spec in t["columns"].items():
            if spec["concept"] != concept or (period and spec.get("period", doc["submission"]["tahun"]) != period):
                continue
            for row in t["rows"]:
                owner = row.get(spec["subject"]) if spec.get("subject") else row.get("subject")
                if owner == subj and col in row and row[col] is not None:
                    _set_cell(row, col, e["text"])
                    hits += 1
    for entry in doc.get("narrative", []):
        for f in entry["facts"]:
            if f["subject"] == subj and f["concept"] == concept and (not period or f.get("period", doc["submission"]["tahun"]) == period):
                f["text"] = e["text"]
                hits += 1
    return hits


def write_dataset(doc: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dataset.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
