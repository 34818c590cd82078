"""The fact table: one row per printed figure, validated before any rule runs.

The table's rules guard the *structure* the engine relies on (columns, types, vocabularies,
provenance); the rules check the *content* (see README "Which check goes where"). They are stated
with pandera in readers/fact_schema.py: a per-column schema, whose messages name each problem, and
a quick schema checking the same in one vectorised check.

A report's fact tuples (readers/dataset.py) are first checked here, in plain Python (`sound`):
every value of the Python type its column's coercion keeps as it is (str, int, float, bool; None
where the column may miss one), every vocabulary, range and "a figure read has a value" rule of
the schema. Tuples it accepts are exactly the table readers/fact_table.py makes and checks
(typed_table, typed_check; tests/test_facts_sound.py holds the three equal), so the table is made
only when something asks for it (`Dataset.facts`): the engine reads the tuples themselves. A
`--quick` check therefore imports neither pandas (~0,4 s) nor pandera (~0,4 s): issue 12's start-up.
Tuples it refuses go the table's way (fact_table.validated), and a table refused there goes to
pandera, which says what is wrong exactly as before.
"""
from __future__ import annotations

from collections import namedtuple

FACT_COLUMNS = [
    "concept", "subject", "subject_kind", "period", "section", "table", "title", "row", "label",
    "group", "column", "header", "text", "status", "value", "decimals", "unit", "reason", "note", "exact",
    "line", "page", "file",
]
# A fact as the engine reads it (engine/rows.py plain_rows: a named tuple of the table's row, Python
# values, None for missing). The dataset reader makes its facts of this type, so that when the
# validated table holds exactly their values the engine reads them as they are (validated) instead
# of converting the table back (readers/dataset.py attach_rows).
FactRow = namedtuple("Pandas", FACT_COLUMNS)
Pandas = FactRow  # pickle finds a FactRow by its class name (readers.facts.Pandas)
SECTIONS = ["sampul", "pengantar", "ringkasan", "bab1", "bab2", "bab3", "bab4",
            "lampiran1", "lampiran2", "lampiran3", "lampiran4", "lampiran5"]
KINDS = ["tujuan", "sasaran", "iku", "program", "kegiatan", "subkegiatan", "spm", "total"]
STATUSES = ["ok", "kosong", "tidak_terbaca", "rentang"]  # rentang: a target range, both ends in the text
PERIODS = (1990, 2100)  # a report year, inclusive
DECIMALS = (0, 12)      # decimals printed


_NULLABLE = frozenset({"period", "label", "header", "value", "decimals", "unit", "reason", "note", "page"})
_KIND = {"period": int, "row": int, "decimals": int, "line": int, "page": int, "value": float, "exact": bool}
# per column: the Python types a sound fact may hold there (None where the column may miss a value)
_ALLOWED = [frozenset({_KIND.get(name, str)} | ({type(None)} if name in _NULLABLE else set())) for name in FACT_COLUMNS]
_INT64 = 2 ** 63 - 1  # an Int64 column holds no larger number
_AT = {name: i for i, name in enumerate(FACT_COLUMNS)}


def sound(records: list[tuple], concepts) -> bool:
    """Whether these fact tuples (FACT_COLUMNS order) are a sound fact table as they are: what
    fact_table.typed_table makes of them exactly (same) and typed_check accepts. False means only
    "not decided here": the caller goes the table's way, which accepts, converts or refuses."""
    return bool(records) and _sound_check(concepts)(records)


_CHECKS: dict = {}


def _sound_check(concepts):
    return per_concepts(_CHECKS, concepts, _make_check)


def per_concepts(memo: dict, concepts, make):
    """`make(concepts, text_concepts)` (a check or schema of these concepts; text_concepts: the names of
    those whose kind is text), made once per set of concepts and kept in `memo`."""
    texts = frozenset(n for n, c in concepts.items() if c.kind == "text")
    key = (tuple(sorted(concepts)), texts)
    got = memo.get(key)
    if got is None:
        got = memo[key] = make(concepts, texts)
    return got


def _make_check(concepts, texts: frozenset):
    names = frozenset(concepts)
    width = len(FACT_COLUMNS)
    members = [(_AT["concept"], names), (_AT["subject_kind"], frozenset(KINDS)),
               (_AT["section"], frozenset(SECTIONS)), (_AT["status"], frozenset(STATUSES))]
    ranges = [(_AT["period"], *PERIODS), (_AT["row"], 1, _INT64), (_AT["decimals"], *DECIMALS),
              (_AT["line"], 1, _INT64), (_AT["page"], 1, _INT64)]
    subject, value, status, concept = _AT["subject"], _AT["value"], _AT["status"], _AT["concept"]

    def check(records) -> bool:
        if set(map(len, records)) != {width}:
            return False
        columns = list(zip(*records))
        for values, allowed in zip(columns, _ALLOWED):  # exact types: a bool is no int, a str subclass no str
            if not set(map(type, values)) <= allowed:
                return False
        for at, allowed in members:
            if not set(columns[at]) <= allowed:
                return False
        if "" in set(columns[subject]):
            return False
        for at, low, high in ranges:
            present = [v for v in columns[at] if v is not None]
            if present and (min(present) < low or max(present) > high):
                return False
        for s, v, c in zip(columns[status], columns[value], columns[concept]):
            if v is None:
                if s == "ok" and c not in texts:
                    return False  # a figure read has a value, unless its concept is text
            elif s != "ok" or v != v:
                return False  # a figure not read has no value; a NaN is missing in a table, not None
        return True

    return check


def validated(records: list[tuple], concepts, file: str):
    """(the validated fact table of the tuples, same): `same` is True when the table holds exactly
    the tuples' values (nothing converted, no NaN where the tuples have a number), so the engine may
    read the tuples themselves as the table's rows (readers/dataset.py attach_rows)."""
    from . import fact_table

    if sound(records, concepts):
        return fact_table.typed_table(records), True
    return fact_table.validated(records, concepts, file)


def validate_records(records: list[tuple], concepts, file: str):
    """The validated fact table of fact tuples (FACT_COLUMNS order): as validate_facts(DataFrame of
    the tuples), made faster; every message is pandera's, as validate_facts gives it."""
    return validated(records, concepts, file)[0]


def validate_facts(df, concepts, file: str):
    """Validate (and coerce) the fact table with pandera and return it; a broken fact is reported with
    its table, row and line (readers/fact_schema.py). `df` is left as it was when it is valid."""
    from .fact_schema import validate

    return validate(df, concepts, file)


def warm_up(concepts) -> None:
    """Make the check every report's tuples get (`sound`), once. The corpus does it before its
    workers fork (corpus/task.py prepare)."""
    _sound_check(concepts)
