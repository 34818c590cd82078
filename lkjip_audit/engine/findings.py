"""Findings: one per discrepancy, however many places it is printed in."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import get_lang, pick
from ..numbers import format_id

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Location:
    section: str
    table: str
    title: str
    row: int | None
    label: str
    column: str
    line: int | None
    page: int | None
    text: str
    role: str = "found"  # found | reference
    # set for findings that compare two reports (cross-year): which report the place is in
    dataset: str | None = None
    tahun: int | None = None
    source_file: str | None = None
    # how the reader repaired the printed figure (joined across lines, footnote mark removed, decimal
    # style decided): a finding built on a repaired reading says so
    note: str | None = None

    def as_dict(self, lang: str | None = None) -> dict:
        title, text = self.title, self.text
        if lang == "en":   # the tool's own words for a place (a report's table titles stay as printed)
            title, text = PLACE_WORDS_EN.get(title, title), PLACE_WORDS_EN.get(text, text)
        d = {"section": self.section, "table": self.table, "title": title, "row": self.row,
             "label": self.label, "column": self.column, "line": self.line, "page": self.page,
             "text": text, "role": self.role}
        if self.dataset is not None:
            d.update(dataset=self.dataset, tahun=self.tahun, source_file=self.source_file)
        if self.note:
            d["note"] = self.note
        return d


# places named by the tool, not printed in the report (readers/dataset.py, engine/document_checks.py)
PLACE_WORDS_EN = {"Narasi": "Narrative", "Teks laporan": "Report text", "(akhir dokumen)": "(end of document)",
                  "(tidak ada)": "(none)"}


_SECTION_NAMES: dict | None = None  # readers/dataset.py's, imported on first use (it imports pandas)


def location_of(fact, role: str = "found") -> Location:
    global _SECTION_NAMES
    if _SECTION_NAMES is None:
        from ..readers.dataset import SECTION_NAMES

        _SECTION_NAMES = SECTION_NAMES
    # the frozen dataclass's __init__ sets each of its 14 fields through object.__setattr__: its
    # instance dict given at once makes the same Location at ~1/3 of the cost (a check makes ~60)
    loc = _new(Location)
    _set(loc, "__dict__", {
        "section": _SECTION_NAMES.get(fact.section, fact.section), "table": fact.table, "title": fact.title,
        "row": int(fact.row), "label": fact.label or "", "column": fact.header or fact.column,
        "line": int(fact.line), "page": int(fact.page) if fact.page is not None else None, "text": fact.text,
        "role": role, "dataset": None, "tahun": None, "source_file": None, "note": _note_of(fact)})
    return loc


_new, _set = object.__new__, object.__setattr__


def _note_of(fact) -> str | None:
    note = getattr(fact, "note", None)
    return note if isinstance(note, str) and note else None  # None / NaN: read as printed


def subject_location(subject, role: str = "found") -> Location:
    """Where a subject is defined (for findings about a subject itself, not one printed figure)."""
    return Location("dataset", "subjects", "Definisi subjek", None, subject.name, subject.kind,
                    subject.line, None, subject.key, role)


class _Why:
    """`Finding.why`, a descriptor field: given a function (no arguments), the line is written the
    first time it is read (a report or a message), not when the finding is made. A corpus check
    without per-report output never reads it; a check prints each finding's line once."""

    def __set_name__(self, owner, name):
        self.slot = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            raise AttributeError("why")  # no default: the dataclass field is required
        v = obj.__dict__[self.slot]
        if callable(v):
            v = obj.__dict__[self.slot] = v()
        return v

    def __set__(self, obj, value):
        obj.__dict__[self.slot] = value


@dataclass
class Finding:
    rule: object  # Rule
    subject: str | None
    subject_name: str
    concept: str | None
    period: int | None
    found: float | str | None
    found_text: str
    expected: float | str | None
    expected_interval: tuple[float, float] | None
    # the computation with the numbers filled in ({id:, en:} when it has words); given as a function
    # (kinds/formula.py), it is written when first read (`_Why`)
    why: str | dict = _Why()
    decimals: int = 2
    unit: str | None = None
    locations: list[Location] = field(default_factory=list)
    extra: dict = field(default_factory=dict)   # more placeholders ({id:, en:} when in words)
    caused_by: list = field(default_factory=list)  # ids of the root findings' rules ("akibat CAP001")

    @property
    def severity(self) -> str:
        return self.rule.severity

    def fmt(self, v) -> str:
        if isinstance(v, float):
            return format_id(v, self.decimals)
        return "" if v is None else str(v)

    def expected_text(self) -> str:
        if isinstance(self.expected, float) and self.unit == "%":
            return self.fmt(self.expected) + "%"
        return self.fmt(self.expected)

    def message(self, lang: str | None = None) -> str:
        lang = lang or get_lang()
        params = {
            "subject": self.subject or "", "subject_name": self.subject_name, "concept": self.concept or "",
            "period": self.period or "", "found": self.found_text or self.fmt(self.found),
            "expected": self.expected_text(), "why": pick(self.why, lang), "count": len(self.locations),
            "table": self.locations[0].table if self.locations else "",
            **{k: pick(v, lang) if isinstance(v, dict) else v for k, v in self.extra.items()},
        }
        from ..rulepack.messages import render  # `{name}` only: no format spec, conversion or attribute

        return render(pick(self.rule.message, lang), params)

    def sort_key(self):
        first = min((loc.line or 0 for loc in self.locations), default=0)
        return (SEVERITY_ORDER[self.severity], first, self.rule.id, self.subject or "")

    def as_dict(self, lang: str | None = None) -> dict:
        d = {
            "rule": self.rule.id,
            "severity": self.severity,
            "title": self.rule.title_in(lang),
            "message": self.message(lang),
            "reference": self.rule.reference,
            "subject": self.subject,
            "subject_name": self.subject_name,
            "concept": self.concept,
            "period": self.period,
            "found": self.found,
            "found_text": self.found_text,
            "expected": self.expected,
            "expected_text": self.expected_text(),
            "expected_interval": [float(x) for x in self.expected_interval] if self.expected_interval else None,
            "why": pick(self.why, lang),
            "locations": [loc.as_dict(lang) for loc in self.locations],
        }
        if self.caused_by:
            d["caused_by"] = list(self.caused_by)
        return d


class FindingSet:
    """Merges evaluations that report the same discrepancy into one finding with many locations."""

    def __init__(self):
        self._by_key: dict[tuple, Finding] = {}
        self._loc_keys: dict[int, set] = {}  # id(finding) -> keys of its locations (linear dedup)

    def add(self, key: tuple, make) -> Finding:
        f = self._by_key.get(key)
        if f is None:
            f = self._by_key[key] = make()
        return f

    @staticmethod
    def _loc_key(x: Location) -> tuple:
        return (x.table, x.row, x.column, x.line, x.dataset)

    def add_location(self, finding: Finding, loc: Location):
        # a set of the keys already there, not a scan of the list: a finding printed in thousands
        # of places (a 100x report) would otherwise cost quadratically (benchmarks/bench_scale.py)
        keys = self._loc_keys.get(id(finding))
        if keys is None or len(keys) != len(finding.locations):  # rebuilt if appended elsewhere
            keys = self._loc_keys[id(finding)] = {self._loc_key(x) for x in finding.locations}
        key = self._loc_key(loc)
        if key not in keys:
            keys.add(key)
            finding.locations.append(loc)

    def sorted(self) -> list[Finding]:
        for f in self._by_key.values():
            f.locations.sort(key=lambda loc: (loc.role != "found", loc.line or 0))
        return sorted(self._by_key.values(), key=Finding.sort_key)
