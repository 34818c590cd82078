"""Read a dataset (`lkjip-dataset/1`, docs/dataset-format.md) into subjects and a fact table.

Order of work: YAML with line numbers -> JSON schema -> references (subjects, concepts, columns)
-> one fact per printed figure -> validation of the facts (readers/facts.py; pandera's schema for
those that check refuses). Every problem is reported as `file:line: message`; the input is never
modified.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schemacheck
from ..errors import InputError, Problem
from ..i18n import t
from ..numbers import OK
from ..rulepack.concepts import Concept
from ..units import INDICATOR_CONCEPTS, normalize
from ..yamlio import LDict, load_yaml
# ROW_RESERVED: a table row's keys that are not a printed figure (line, page, subject, label, note,
# the REFERENCES below and iku)
from .cells import _DOT_DECIMAL, _PARSED, ROW_RESERVED, _read, column_styles  # noqa: F401 - _PARSED: the cell memo (benchmarks)
from .facts import FactRow, sound, validated

if TYPE_CHECKING:
    import pandas as pd

SUBJECT_KINDS = ("tujuan", "sasaran", "iku", "program", "kegiatan", "subkegiatan", "spm", "total")
# attributes of a subject that name another subject, and the kind they must name
REFERENCES = {"sasaran": "sasaran", "tujuan": "tujuan", "program": "program", "kegiatan": "kegiatan"}
_ROW_REFS = (*REFERENCES, "iku")  # the references a table row may carry, checked in this order

SECTION_NAMES = {
    "sampul": "Sampul", "pengantar": "Kata Pengantar", "ringkasan": "Ringkasan Eksekutif",
    "bab1": "BAB I", "bab2": "BAB II", "bab3": "BAB III", "bab4": "BAB IV",
    "lampiran1": "Lampiran I", "lampiran2": "Lampiran II", "lampiran3": "Lampiran III",
    "lampiran4": "Lampiran IV", "lampiran5": "Lampiran V",
}


@dataclass(slots=True)
class Subject:
    """A subject of the dataset (slotted: a dataset has dozens to hundreds, made and freed per check)."""
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
    facts: pd.DataFrame  # made when first asked for when its fact tuples were sound (defer_table)
    tables: list[dict] = field(default_factory=list)
    document: object = None     # the report's document model, when a report file was read
    extraction: object = None   # what the report reader made of it (unplaced rows, matches)
    fact_records: list | None = None  # the facts before their table is made (validate=False only)

    @property
    def year(self) -> int:
        return int(self.submission["tahun"])

    def __getattr__(self, name: str):
        """`facts` of a dataset whose table is made when first asked for (defer_table): the engine
        reads its fact tuples and a `--quick` check never asks, so pandas is not even imported."""
        records = self.__dict__.get("_sound_records") if name == "facts" else None
        if records is None:
            raise AttributeError(name)
        from .fact_table import typed_table

        table = self.__dict__["facts"] = typed_table(records)
        self.__dict__["_fact_rows"] = (table, records)  # the engine's rows of this table (attach_rows)
        del self.__dict__["_sound_records"]
        return table

    def rows(self) -> list | None:
        """The facts as the engine reads them (FactRow tuples, in the table's order) when they are known
        without converting the table back (defer_table, attach_rows); None otherwise."""
        state = self.__dict__
        if "facts" not in state:
            return state.get("_sound_records")
        rows = state.get("_fact_rows")
        return rows[1] if rows is not None and rows[0] is state["facts"] else None

    def __getstate__(self) -> dict:
        """A dataset sent to another process (history --jobs) goes without the engine's rows of its
        table (attach_rows): the table travels, and the rows are made again from it where needed. A
        table not made yet travels as its fact tuples."""
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
    if sound(builder.records, concepts):
        ds = Dataset(Path(path), dict(doc["submission"]), builder.subjects, None, list(doc["tables"]))
        defer_table(ds, builder.records)
        return ds
    facts, same = validated(builder.records, concepts, name)
    ds = Dataset(Path(path), dict(doc["submission"]), builder.subjects, facts, list(doc["tables"]))
    if same:
        attach_rows(ds, builder.records)
    return ds


def defer_table(ds: Dataset, records: list) -> None:
    """The dataset's facts are these tuples, which facts.sound accepted: its fact table is made from
    them when something first asks for `ds.facts` (GX, a test); the engine reads the tuples."""
    ds.__dict__.pop("facts", None)
    ds.__dict__.pop("_fact_rows", None)
    ds._sound_records = records


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
    rows = ds.rows()
    if rows is not None:
        return list(map(_STATUS, rows)).count(status)
    return int((ds.facts["status"] == status).sum())


def count_facts(ds: Dataset) -> int:
    """How many facts the dataset has, without making its table when it is not made yet."""
    rows = ds.rows()
    return len(rows) if rows is not None else len(ds.facts)


_STATUS = attrgetter("status")  # a fact's status (C-level, for count_status)


_new = tuple.__new__  # a FactRow of a tuple, without namedtuple's keyword-taking __new__


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
        tid, section, title, tpage = table["id"], table["section"], table.get("title", table["id"]), table.get("page")
        # what each column gives every cell, worked out once per table (not once per cell). A column's
        # decimal style (cells.column_styles) matters only when one of its values may be a dot
        # decimal: the cells are read without one, and the few columns with such a value are
        # decided afterwards, their facts read again when the column has a style (_restyle)
        cols = {col: self._column(self.concepts.get(spec["concept"]), spec.get("subject"), spec.get("period"),
                                  spec.get("unit"), spec.get("header", col), None)
                for col, spec in columns.items()}
        fact, start, dotted, subjects = self.fact, len(self.records), set(), self.subjects
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
                if type(cell) is str:
                    text, line, page = cell, row_line, row_page
                elif isinstance(cell, dict):
                    text, line, page = cell["text"], cell.get("line") or row_line, cell.get("page") or row_page
                    if type(text) is not str:
                        text = str(text)
                else:
                    text, line, page = str(cell), row_line, row_page
                if "." in text and col not in dotted and _DOT_DECIMAL.search(text):
                    dotted.add(col)
                kind = info[1]
                if kind:
                    if kind not in row:
                        self.err(row.line_of(col), "row_missing_key", column=col, kind=kind)
                        continue
                    subj = subjects.get(row[kind])
                else:
                    if row_subject is None:
                        if "subject" not in row:
                            self.err(row.line_of(col), "row_no_subject", column=col)
                        continue
                    subj = row_subject
                if subj is None:
                    continue
                fact(info, subj, section, tid, title, r, label, group, col, text, line, page)
        styles = column_styles(table, dotted) if dotted else None
        if styles:
            self._restyle(start, {col: spec for col, spec in columns.items() if col in styles}, styles)

    def _restyle(self, start: int, columns: dict, styles: dict):
        """Read again, with their column's decimal style, this table's facts (records[start:]) in the
        columns that have one: as if the style had been known when they were read."""
        infos = {col: self._column(self.concepts.get(spec["concept"]), spec.get("subject"), spec.get("period"),
                                   spec.get("unit"), spec.get("header", col), styles[col])
                 for col, spec in columns.items()}
        records = self.records
        for i in range(start, len(records)):
            f = records[i]
            info = infos.get(f.column)
            if info is None or info[7]:  # another column, or a text concept (never read as a number)
                continue
            key = (f.text, info[3] or self._unit(info, self.subjects[f.subject]), info[5], info[6], info[8])
            status, value, decimals, unit, reason, note = _PARSED.get(key) or _read(key)
            records[i] = f._replace(status=status, value=value, decimals=decimals, unit=unit, reason=reason, note=note)

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

    def _unit(self, column: tuple, subj: Subject) -> str | None:
        """The unit of a figure whose column declares none: the indicator's declared unit (iku.unit)
        for its own figures, else the concept's."""
        default, indicator = column[9], column[10]
        if not indicator:
            return default
        declared = self.units.get(subj.key, self)
        if declared is self:
            declared = self.units[subj.key] = normalize(subj.attrs.get("unit"))
        return declared or default

    def narrative(self, i: int, entry: LDict):
        for fact in entry["facts"]:
            concept = self.concepts.get(fact["concept"]) or self.concept(fact["concept"], fact.line_of("concept"))
            subj = self.ref_in(fact, "subject", None)
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
            if not unit:
                unit = self._unit(column, subj)
            # a report prints the same figure in several places: read it once
            key = (text, unit, style, mixed, target)
            status, value, decimals, unit, reason, note = _PARSED.get(key) or _read(key)
        self.records.append(_new(FactRow, (concept.name, subj.key, subj.kind, period, section, table, title, row, label,
                                           group, name, header, text, status, value, decimals, unit, reason, note,
                                           concept.exact, line, page, self.file)))
