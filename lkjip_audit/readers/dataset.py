"""Read a dataset (`lkjip-dataset/1`, docs/dataset-format.md) into subjects and a fact table.

Order of work: YAML with line numbers -> JSON schema -> references (subjects, concepts, columns)
-> one fact per printed figure -> pandera validation of the fact table. Every problem is reported
as `file:line: message`; the input is never modified.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import schemacheck
from ..errors import InputError, Problem
from ..i18n import t
from ..numbers import OK, RENTANG, column_style, parse_fields
from ..rulepack.concepts import Concept
from ..units import INDICATOR_CONCEPTS, normalize
from ..yamlio import LDict, load_yaml
from .facts import FACT_COLUMNS, FactRow, validated

SUBJECT_KINDS = ("tujuan", "sasaran", "iku", "program", "kegiatan", "subkegiatan", "spm", "total")
# attributes of a subject that name another subject, and the kind they must name
REFERENCES = {"sasaran": "sasaran", "tujuan": "tujuan", "program": "program", "kegiatan": "kegiatan"}
ROW_RESERVED = {"line", "page", "subject", "label", "note", *REFERENCES, "iku"}
_ROW_REFS = (*REFERENCES, "iku")  # the references a table row may carry, checked in this order

SECTION_NAMES = {
    "sampul": "Sampul", "pengantar": "Kata Pengantar", "ringkasan": "Ringkasan Eksekutif",
    "bab1": "BAB I", "bab2": "BAB II", "bab3": "BAB III", "bab4": "BAB IV",
    "lampiran1": "Lampiran I", "lampiran2": "Lampiran II", "lampiran3": "Lampiran III",
    "lampiran4": "Lampiran IV", "lampiran5": "Lampiran V",
}


@dataclass
class Subject:
    key: str
    kind: str
    attrs: dict
    line: int | None = None

    @property
    def name(self) -> str:
        return self.attrs.get("name", self.key)


@dataclass
class Dataset:
    path: Path
    submission: dict
    subjects: dict[str, Subject]
    facts: pd.DataFrame
    tables: list[dict] = field(default_factory=list)
    document: object = None     # the report's document model, when a report file was read
    extraction: object = None   # what the report reader made of it (unplaced rows, matches)
    fact_records: list | None = None  # the facts before their table is made (validate=False only)

    @property
    def year(self) -> int:
        return int(self.submission["tahun"])

    def __getstate__(self) -> dict:
        """A dataset sent to another process (history --jobs) goes without the engine's rows of its
        table (attach_rows): the table travels, and the rows are made again from it where needed."""
        state = self.__dict__.copy()
        state.pop("_fact_rows", None)
        return state

    @property
    def rounding(self) -> str:
        return self.submission.get("rounding", "round")


def dataset_file(path: Path) -> Path:
    if path.is_dir():
        f = path / "dataset.yaml"
        if not f.exists():
            raise InputError(Problem(str(path), None, t("no_dataset_file")))
        return f
    return path


def load_dataset(path: Path, concepts: dict[str, Concept]) -> Dataset:
    file = dataset_file(Path(path))
    name = str(file)
    doc = load_yaml(file)
    return dataset_from_doc(doc, name, path, concepts)


def dataset_from_doc(doc: LDict, name: str, path, concepts: dict[str, Concept], validate: bool = True,
                     allow_empty: bool = False) -> Dataset:
    """A loaded dataset document (LDict with lines, or one built by the report extractor).
    `validate=False`: the fact table is left to the caller: `facts` is None and `fact_records` holds
    the facts (tuples in FACT_COLUMNS order); corpus mode makes one table of the facts of many
    datasets and validates it in one pandera call (corpus/batch.py). `allow_empty`: a report read
    without any indicator table (only its text rules can run) gives a dataset without figures."""
    problems = schemacheck.check(doc, "dataset.schema.json", name)
    if problems:
        raise InputError(problems)
    builder = _Builder(name, doc, concepts)
    builder.build()
    if builder.problems:
        raise InputError(builder.problems)
    if not builder.records and not allow_empty:
        raise InputError(Problem(name, None, t("dataset_empty")))
    if not validate:
        return Dataset(Path(path), dict(doc["submission"]), builder.subjects, None, list(doc["tables"]),
                       fact_records=builder.records)
    facts, same = validated(builder.records, concepts, name)
    ds = Dataset(Path(path), dict(doc["submission"]), builder.subjects, facts, list(doc["tables"]))
    if same:
        attach_rows(ds, builder.records)
    return ds


def attach_rows(ds: Dataset, records: list) -> None:
    """Give the engine the dataset's facts (FactRow tuples) as the rows of its validated fact table
    `ds.facts`, which holds exactly their values (facts.validated said so): the engine's Context
    reads a table's rows from `_fact_rows` (engine/context.py, kept with the table they were made
    from) instead of converting the table back to Python values (engine/rows.py plain_rows), the
    same named tuples with the same values."""
    ds._fact_rows = (ds.facts, records)


def count_status(ds: Dataset, status: str) -> int:
    """How many of the dataset's facts have this status: counted on its fact tuples when the engine
    reads them as the table's rows (attach_rows), else on the table (a pandas comparison costs
    ten times more for a table of a few hundred facts)."""
    rows = getattr(ds, "_fact_rows", None)
    if rows is not None and rows[0] is ds.facts:
        return sum(1 for f in rows[1] if f.status == status)
    return int((ds.facts["status"] == status).sum())


def fact_table(records: list[tuple]) -> pd.DataFrame:
    """The fact table of fact tuples (FACT_COLUMNS order), before pandera coerces and validates it."""
    return pd.DataFrame(records, columns=FACT_COLUMNS)


MIXED_NOTE = "kolom mencampur desimal titik dan koma"


def column_styles(table) -> dict:
    """Per column of a table of printed strings: how a lone dot is meant (numbers.column_style),
    decided from all of the column's values. Only columns where it matters are returned: "en" (dot
    decimals: "1.500" is 1,5, noted on the figure) and mixed ("id", a dot decimal is noted).
    It matters only for a column with a value that may be a dot decimal (a dot before 1-2 or 4+
    digits, _DOT_DECIMAL): only those columns' values are looked at, and only the declared
    columns' (a cell of another column is an error and makes no fact)."""
    rows = table["rows"]
    out = {}
    for col in table["columns"]:
        if col in ROW_RESERVED:  # never read as a figure
            continue
        texts = [c["text"] if isinstance(c, dict) else c for row in rows if (c := row.get(col)) is not None]
        try:
            joined = "\n".join(texts)  # one search for the column (no match spans a line break)
        except TypeError:  # a number written as a YAML number
            texts = [t if type(t) is str else str(t) for t in texts]
            joined = "\n".join(texts)
        if "." not in joined or not _DOT_DECIMAL.search(joined):
            continue
        style, note = column_style(texts)
        if note:
            out[col] = (style, note)
    return out


# a dot that numbers.column_style may count as a decimal point: before 1-2 digits or 4+ (a value
# without one has no dot decimal, so a column without one needs no style)
_DOT_DECIMAL = re.compile(r"\.[0-9]{1,2}(?![0-9])|\.[0-9]{4}")

# What a printed cell reads as, in the fact's columns: (text, unit, column style, mixed column,
# a target) -> (status, value, decimals, unit, reason, note). Shared by the datasets a worker process
# reads (a corpus repeats "100%", "0", "-", budget amounts); bounded, emptied when full.
_PARSED: dict[tuple, tuple] = {}
_new = tuple.__new__  # a FactRow of a tuple, without namedtuple's keyword-taking __new__
_PARSED_MAX = 50_000


def _read(key: tuple) -> tuple:
    """The fact columns of a printed figure (see _PARSED), as numbers.parse_number reads it."""
    text, unit, style, mixed, target = key
    status, value, decimals, unit, style, notes, reason = parse_fields(text, unit, style)
    if mixed and style == "en":   # a dot decimal in a column that mixes both
        notes = (*notes, MIXED_NOTE)
    if status == RENTANG and not target:
        # only a target may be printed as a range; a range for any other figure is unreadable
        status, reason = "tidak_terbaca", "rentang nilai (hanya target boleh berupa rentang)"
    got = (status, value, decimals, unit, reason, "; ".join(notes) if notes else None)
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[key] = got
    return got


class _Builder:
    """One fact per printed figure. A fact is a tuple in FACT_COLUMNS order (`records`)."""

    def __init__(self, file: str, doc: LDict, concepts: dict[str, Concept]):
        self.file, self.doc, self.concepts = file, doc, concepts
        self.year = int(doc["submission"]["tahun"])
        self.subjects: dict[str, Subject] = {}
        self.records: list[tuple] = []
        self.problems: list[Problem] = []
        self.units: dict[str, str | None] = {}  # subject key -> its declared unit (iku.unit), normalised

    def err(self, line, msg_id, **kw):
        self.problems.append(Problem(self.file, line, t(msg_id, **kw)))

    # -- subjects -------------------------------------------------------------------------------
    def build(self):
        subjects = self.doc.get("subjects") or {}
        for kind, items in subjects.items():
            for key, attrs in (items or {}).items():
                if key in self.subjects:
                    self.err(items.line_of(key), "duplicate_subject", key=key, kind=self.subjects[key].kind)
                    continue
                self.subjects[key] = Subject(key, kind, dict(attrs), attrs.get("line"))
        for kind, items in subjects.items():
            for key, attrs in (items or {}).items():
                for attr, want in REFERENCES.items():
                    if attr in attrs and attr != kind:
                        self.ref_in(attrs, attr, want)
        seen_tables: set[str] = set()
        for i, table in enumerate(self.doc["tables"]):
            if table["id"] in seen_tables:
                self.err(table.line_of("id"), "duplicate_table", id=table["id"])
            seen_tables.add(table["id"])
            self.table(table)
        for i, entry in enumerate(self.doc.get("narrative") or []):
            self.narrative(i, entry)

    def ref(self, key, kind, line) -> Subject | None:
        s = self.subjects.get(key)
        if s is None:
            self.err(line, "unknown_subject", key=key)
            return None
        if kind and s.kind != kind:
            self.err(line, "subject_kind", key=key, actual=s.kind, expected=kind)
            return None
        return s

    def ref_in(self, mapping: LDict, attr: str, kind) -> Subject | None:
        """ref(mapping[attr], kind, its line); the line is looked up only for a message."""
        s = self.subjects.get(mapping[attr])
        if s is None or (kind and s.kind != kind):
            return self.ref(mapping[attr], kind, mapping.line_of(attr))
        return s

    def concept(self, name, line) -> Concept | None:
        c = self.concepts.get(name)
        if c is None:
            self.err(line, "unknown_concept", concept=name)
        return c

    # -- tables ---------------------------------------------------------------------------------
    def table(self, table: LDict):
        columns, concepts = table["columns"], self.concepts
        for col, spec in columns.items():
            if spec["concept"] not in concepts:
                self.concept(spec["concept"], spec.line_of("concept"))
        styles = column_styles(table)
        tid, section, title, tpage = table["id"], table["section"], table.get("title", table["id"]), table.get("page")
        # what each column gives every cell, worked out once per table (not once per cell)
        cols = {col: self._column(self.concepts.get(spec["concept"]), spec.get("subject"), spec.get("period"),
                                  spec.get("unit"), spec.get("header", col), styles.get(col))
                for col, spec in columns.items()}
        fact = self.fact
        for r, row in enumerate(table["rows"], start=1):
            row_subject = None
            if "subject" in row:
                row_subject = self.ref_in(row, "subject", None)
            for k in _ROW_REFS:
                if k in row:
                    self.ref_in(row, k, k)
            label, group, row_line, row_page = row.get("label", ""), f"{tid}#{r}", row["line"], row.get("page") or tpage
            for col, cell in row.items():
                if col in ROW_RESERVED:
                    continue
                info = cols.get(col)
                if info is None:
                    self.err(row.line_of(col), "unknown_column", column=col)
                    continue
                if cell is None or info[0] is None:  # a concept not known (reported once, by the column)
                    continue
                kind = info[1]
                if kind:
                    if kind not in row:
                        self.err(row.line_of(col), "row_missing_key", column=col, kind=kind)
                        continue
                    subj = self.subjects.get(row[kind])
                else:
                    if row_subject is None:
                        if "subject" not in row:
                            self.err(row.line_of(col), "row_no_subject", column=col)
                        continue
                    subj = row_subject
                if subj is None:
                    continue
                if isinstance(cell, dict):
                    text, line, page = cell["text"], cell.get("line"), cell.get("page")
                    fact(info, subj, section, tid, title, r, label, group, col, text, line or row_line,
                         page or row_page)
                else:
                    fact(info, subj, section, tid, title, r, label, group, col, cell, row_line, row_page)

    def _column(self, concept: Concept | None, kind, period, unit, header, style) -> tuple:
        """What a column (or a narrative figure) gives each of its facts, worked out once: (concept,
        the key naming the subject, the fact's period, unit, header, column style, mixed column,
        a text concept, a target, the unit when none is declared, whether that is the indicator's
        declared unit (units.indicator_unit))."""
        text = target = indicator = False
        default = None
        if concept is not None:
            period = (period or self.year) if concept.periodic else None
            text, target = concept.kind == "text", concept.name.startswith("target")
            default, indicator = concept.unit, concept.name in INDICATOR_CONCEPTS
        return (concept, kind, period, unit, header, style[0] if style else None, bool(style) and style[0] == "id",
                text, target, default, indicator)

    def narrative(self, i: int, entry: LDict):
        for fact in entry["facts"]:
            concept = self.concept(fact["concept"], fact.line_of("concept"))
            subj = self.ref(fact["subject"], None, fact.line_of("subject"))
            if concept is None or subj is None:
                continue
            self.fact(self._column(concept, None, fact.get("period"), fact.get("unit"), "", None), subj,
                      entry["section"], "narasi", "Narasi", i + 1, entry.get("quote", "")[:80], f"narasi#{i + 1}",
                      fact["concept"], fact["text"], fact.get("line") or entry["line"],
                      fact.get("page") or entry.get("page"))

    # -- one fact -------------------------------------------------------------------------------
    def fact(self, column: tuple, subj: Subject, section, table, title, row, label, group, name, text, line, page):
        """One fact, its columns in FACT_COLUMNS order. `column`: what _column made of its column."""
        concept, _, period, unit, header, style, mixed, is_text, target, default, indicator = column
        if type(text) is not str:
            text = str(text)
        if is_text:
            status, value, decimals, unit, reason, note = OK if text.strip() else "kosong", None, None, None, None, None
        else:
            if not unit:  # the indicator's declared unit (iku.unit) for its own figures, else the concept's
                unit = default
                if indicator:
                    declared = self.units.get(subj.key, self)
                    if declared is self:
                        declared = self.units[subj.key] = normalize(subj.attrs.get("unit"))
                    unit = declared or default
            # a report prints the same figure in several places: read it once
            key = (text, unit, style, mixed, target)
            status, value, decimals, unit, reason, note = _PARSED.get(key) or _read(key)
        self.records.append(_new(FactRow, (concept.name, subj.key, subj.kind, period, section, table, title, row, label,
                                           group, name, header, text, status, value, decimals, unit, reason, note,
                                           concept.exact, line, page, self.file)))
