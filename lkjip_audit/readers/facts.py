"""The fact table: one row per printed figure, validated with pandera before any rule runs.

pandera guards the *structure* the engine relies on (columns, types, vocabularies, provenance);
the rules check the *content* (see README "Which check goes where").

Two pandera schemas state the same rules. `facts_schema` has one check per column (what a failure
message names: "period in_range(1990, 2100)"); `quick_schema` has the same columns, types and
nullability and all the value checks in one vectorised DataFrame check, so a call costs a third
(pandera's cost is mostly per check and per column, benchmarks/bench_worker.py). A fact table is
validated with the quick schema; only when that fails is it validated again with the per-column
schema, which then reports every problem exactly as before. The quick check is at least as strict
as the per-column ones (tests/test_validation.py), so nothing passes that the other would refuse.

The tool's own fact tables (fact tuples from readers/dataset.py) go a shorter way still
(validate_records): the table is made column by column with the types coercion would give it
(typed_table), and `typed_schema` checks its columns, types, nullability and values in one
DataFrame check answering for the whole table; a table it refuses, or that cannot be made so, goes
the way above, so messages are the same (tests/test_facts_typed.py).
"""
from __future__ import annotations

from collections import namedtuple

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandas._libs import lib
from pandera.engines import pandas_engine

from ..errors import InputError, Problem
from ..i18n import t

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


def _read_has_value(df, text_concepts):
    """A figure read (status ok) has a value, unless its concept is text."""
    return (df["status"] != "ok") | df["value"].notna() | df["concept"].isin(text_concepts)


def _unread_has_none(df):
    """A figure not read has no value."""
    return (df["status"] == "ok") | df["value"].isna()


def facts_schema(concepts, text_concepts=frozenset()) -> pa.DataFrameSchema:
    text = dict(nullable=False, coerce=True)
    return pa.DataFrameSchema(
        {
            "concept": pa.Column(str, pa.Check.isin(sorted(concepts)), **text),
            "subject": pa.Column(str, pa.Check.str_length(min_value=1), **text),
            "subject_kind": pa.Column(str, pa.Check.isin(KINDS), **text),
            "period": pa.Column("Int64", pa.Check.in_range(*PERIODS), nullable=True, coerce=True),
            "section": pa.Column(str, pa.Check.isin(SECTIONS), **text),
            "table": pa.Column(str, **text),
            "title": pa.Column(str, **text),
            "row": pa.Column("Int64", pa.Check.ge(1), coerce=True),
            "label": pa.Column(str, nullable=True, coerce=True),
            "group": pa.Column(str, **text),
            "column": pa.Column(str, **text),
            "header": pa.Column(str, nullable=True, coerce=True),
            "text": pa.Column(str, **text),
            "status": pa.Column(str, pa.Check.isin(STATUSES), **text),
            "value": pa.Column(float, nullable=True, coerce=True),
            "decimals": pa.Column("Int64", pa.Check.in_range(*DECIMALS), nullable=True, coerce=True),
            "unit": pa.Column(str, nullable=True, coerce=True),
            "reason": pa.Column(str, nullable=True, coerce=True),
            # how the printed text was read when it needed repair ("digabung dari dua baris sel", ...)
            "note": pa.Column(str, nullable=True, coerce=True),
            "exact": pa.Column(bool, coerce=True),
            "line": pa.Column("Int64", pa.Check.ge(1), coerce=True),
            "page": pa.Column("Int64", pa.Check.ge(1), nullable=True, coerce=True),
            "file": pa.Column(str, **text),
        },
        checks=[
            pa.Check(lambda df: _read_has_value(df, text_concepts), name="angka terbaca harus punya nilai"),
            pa.Check(_unread_has_none, name="angka tak terbaca tidak boleh punya nilai"),
        ],
        strict=True,
        ordered=False,
    )


class _Str(pandas_engine.STRING):
    """pandas' string dtype, as `str` gives it, whose dtype check answers once for the column.
    (pandera's own answers per element and then formats an empty failure table with its repr for
    each string column, even when every value passes: a third of a validation's cost.)"""

    def check(self, pandera_dtype, data_container=None):
        try:
            if pandas_engine.Engine.dtype(pandera_dtype).type == self.type:
                return True
        except TypeError:
            return False
        return super().check(pandera_dtype, data_container)


def quick_schema(concepts, text_concepts=frozenset()) -> pa.DataFrameSchema:
    """facts_schema's columns, types and nullability, its value checks in one vectorised check."""
    full = facts_schema(concepts, text_concepts)
    string = _Str()
    names = sorted(concepts)

    def valid(df):
        ok = df["concept"].isin(names) & (df["subject"].str.len() >= 1) & df["subject_kind"].isin(KINDS)
        ok &= df["section"].isin(SECTIONS) & df["status"].isin(STATUSES)
        ok &= df["period"].isna() | df["period"].between(*PERIODS)
        ok &= df["decimals"].isna() | df["decimals"].between(*DECIMALS)
        ok &= (df["row"] >= 1) & (df["line"] >= 1) & (df["page"].isna() | (df["page"] >= 1))
        ok &= _read_has_value(df, text_concepts) & _unread_has_none(df)
        return ok.fillna(False).astype(bool)

    columns = {name: pa.Column(string if isinstance(col.dtype, pandas_engine.STRING) else col.dtype,
                               nullable=col.nullable, coerce=True)
               for name, col in full.columns.items()}
    return pa.DataFrameSchema(columns, checks=[pa.Check(valid, ignore_na=False, name="fakta sah")],
                              strict=True, ordered=False)


def typed_schema(concepts, text_concepts=frozenset()) -> pa.DataFrameSchema:
    """For a table made by typed_table: facts_schema's columns, types, nullability and value rules in
    one DataFrame check that answers for the whole table. It converts nothing: a table of the right
    types only needs checking, and pandera's cost is per column and per check (a column costs ~0,6 ms
    whatever its rows: 23 of them were most of a chunk's validation). A refused table is validated
    again the usual way (validate_records), so what it says is unchanged."""
    names = frozenset(concepts)
    text_concepts = frozenset(text_concepts)
    types = _types()  # made now: the corpus' warm-up (task.prepare) makes the schemas before forking
    kinds, sections, statuses = frozenset(KINDS), frozenset(SECTIONS), frozenset(STATUSES)
    # the Int64 columns' (name, min, max or None); the str columns' (name, the values allowed)
    ints = (("period", *PERIODS), ("row", 1, None), ("decimals", *DECIMALS), ("line", 1, None), ("page", 1, None))
    members = (("concept", names), ("subject_kind", kinds), ("section", sections), ("status", statuses))

    # the str columns that may not miss a value, beside those checked against a set of values below
    strings = [name for (kind, _, nullable), name in zip(types, FACT_COLUMNS)
               if kind == "str" and not nullable and name not in dict(members) and name != "subject"]

    def valid(df) -> bool:
        if len(df.columns) != len(FACT_COLUMNS) or set(df.columns) != set(FACT_COLUMNS):
            return False  # strict: exactly the fact columns
        for (kind, dtype, nullable), name in zip(types, FACT_COLUMNS):
            col = df[name]
            if col.dtype != dtype:
                return False
            # a str column's missing values are found below, on its values as stored, without
            # pandas' isna (a scan that was a third of this check)
            if not nullable and kind != "str" and col.hasnans:
                return False
        if not len(df):
            return True
        for name, allowed in members:  # a missing value is in no set
            if not set(np.asarray(df[name].array)) <= allowed:
                return False
        if not all(type(v) is str and v for v in set(np.asarray(df["subject"].array))):
            return False
        for name in strings:  # strings only: no missing value
            if not lib.is_string_array(np.asarray(df[name].array), skipna=False):
                return False
        for name, low, high in ints:
            values = df[name].to_numpy(dtype=np.int64, na_value=low)
            if values.min() < low or (high is not None and values.max() > high):
                return False
        read = df["status"].to_numpy() == "ok"
        no_value = np.isnan(df["value"].to_numpy())
        if (~read & ~no_value).any():  # a figure not read has no value
            return False
        without = read & no_value  # a figure read has a value, unless its concept is text
        return not without.any() or set(df["concept"].to_numpy()[without]) <= text_concepts

    return pa.DataFrameSchema(checks=[pa.Check(valid, ignore_na=False, name="fakta sah")])


_SCHEMAS: dict = {}


def _schemas(concepts):
    """(the quick schema, the per-column schema) of these concepts, made once."""
    return _all_schemas(concepts)[:2]


def _all_schemas(concepts):
    """The quick schema, the per-column schema and the quick schema of a typed table (typed_table:
    it converts nothing, it only checks)."""
    texts = frozenset(n for n, c in concepts.items() if c.kind == "text")
    key = (tuple(sorted(concepts)), texts)
    got = _SCHEMAS.get(key)
    if got is None:
        got = _SCHEMAS[key] = (quick_schema(concepts, texts), facts_schema(concepts, texts),
                               typed_schema(concepts, texts))
    return got


def validate_records(records: list[tuple], concepts, file: str):
    """The validated fact table of fact tuples (FACT_COLUMNS order): as validate_facts(DataFrame of
    the tuples), made faster. The table is made column by column with the types the schema's
    coercion would give (typed_table), so pandera only checks; a table that cannot be made so, or
    that the check refuses, is made and validated as before, so every message stays the same."""
    return validated(records, concepts, file)[0]


def validated(records: list[tuple], concepts, file: str):
    """(validate_records' table, same): `same` is True when the table holds exactly the records'
    values (typed_table made it, nothing converted, no NaN where the records have a number), so the
    engine may read the records themselves as the table's rows (engine/rows.py plain_rows gives
    the same tuples: readers/dataset.py attach_rows)."""
    typed = _typed_table(records)
    if typed is not None:
        table, same = typed
        try:
            return _all_schemas(concepts)[2].validate(table, lazy=True, inplace=True), same
        except pa.errors.SchemaErrors:
            pass
    return validate_facts(pd.DataFrame(records, columns=FACT_COLUMNS), concepts, file), False


def warm_up(concepts) -> None:
    """Validate an empty fact table the way `validated` checks every report's table (the coerced
    types, the typed schema's one DataFrame check): pandera imports its backends and the schemas
    are built. The corpus does it once before its workers fork (corpus/task.py prepare)."""
    frame = pd.DataFrame({name: pd.array([], dtype=dtype) for (_, dtype, _), name in zip(_types(), FACT_COLUMNS)})
    _all_schemas(concepts)[2].validate(frame, lazy=True, inplace=True)


_TYPES: list = []  # per fact column: (kind, its dtype after coercion, nullable)


def _types() -> list:
    """What the schema's coercion makes of each column: the pandas dtype of its pandera type."""
    if not _TYPES:
        schema = facts_schema({})
        for name in FACT_COLUMNS:
            dtype = schema.columns[name].dtype.type
            if isinstance(dtype, pd.StringDtype) and dtype.storage == "python":
                kind = "str"
            elif isinstance(dtype, pd.Int64Dtype):
                kind = "int"
            elif dtype == np.float64:
                kind = "float"
            elif dtype == np.bool_:
                kind = "bool"
            else:  # a pandas whose coercion gives other types: tables are made as before
                kind = None
            _TYPES.append((kind, dtype, schema.columns[name].nullable))
    return _TYPES


def typed_table(records: list[tuple]):
    """The fact table of fact tuples, each column made with the dtype the quick schema's coercion
    gives it (str, Int64, float, bool), so validating it converts nothing; None when a value is
    not of its column's Python type (the caller then makes the table as before and pandera coerces
    or refuses it, with its usual messages). A value missing where it may not be is left for
    typed_schema to refuse."""
    typed = _typed_table(records)
    return None if typed is None else typed[0]


# whether an object array holds only values of the kind, none missing (a float column may hold a
# NaN: it is counted below)
_COMPLETE = {kind: (lambda check: lambda values: check(values, skipna=False))(check)
             for kind, check in (("str", lib.is_string_array), ("int", lib.is_integer_array),
                                 ("float", lib.is_float_array), ("bool", lib.is_bool_array))}
_COMPLETE[None] = lambda values: False


def _typed_table(records: list[tuple]):
    """(typed_table's table, whether every missing value of it was None in the records), or None."""
    if not records:
        return None
    n = len(records)
    data = {}
    same = True
    try:
        for (kind, dtype, nullable), name, col in zip(_types(), FACT_COLUMNS, zip(*records)):
            values = np.fromiter(col, dtype=object, count=n)
            missing = None
            # a nullable column of which no value is missing (most of them: label, header, unit,
            # period) is known so by one typed C scan, without an elementwise comparison with None
            if nullable and not _COMPLETE[kind](values):
                missing = values == None  # noqa: E711 - elementwise, on an object array
                if missing.any():
                    values[missing] = 0 if kind == "int" else np.nan
            if kind == "str":  # strings or missing, or ValueError
                data[name] = array = pd.arrays.StringArray(values, dtype=dtype)
                if missing is not None and same:  # a NaN among the strings is missing in the table, not None
                    same = int(array.isna().sum()) == int(missing.sum())
            elif kind == "int" and lib.is_integer_array(values):
                data[name] = pd.arrays.IntegerArray(values.astype(np.int64),
                                                    np.zeros(n, dtype=bool) if missing is None else missing)
            elif kind == "float" and lib.is_float_array(values):
                data[name] = array = values.astype(np.float64)
                if same:  # a NaN among the numbers is missing in the table, not None
                    same = int(np.isnan(array).sum()) == (0 if missing is None else int(missing.sum()))
            elif kind == "bool" and lib.is_bool_array(values):
                data[name] = values.astype(np.bool_)
            else:
                return None
    except (TypeError, ValueError, OverflowError):
        return None
    return pd.DataFrame(data, copy=False), same


def validate_facts(df, concepts, file: str):
    """Validate (and coerce) the fact table and return it; a broken fact is reported with its
    table, row and line. `df` is left as it was when it is valid."""
    quick, full = _schemas(concepts)
    try:
        return quick.validate(df.copy(deep=False), lazy=True, inplace=True)
    except pa.errors.SchemaErrors:
        pass
    try:  # the per-column schema says what is wrong, check by check
        return full.validate(df, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        problems = []
        for case in exc.failure_cases.itertuples():
            idx = getattr(case, "index", None)
            check = f"{case.column or ''} {case.check}".strip()
            if idx is not None and idx == idx and int(idx) in df.index:
                r = df.loc[int(idx)]
                problems.append(Problem(file, None if pd.isna(r["line"]) else int(r["line"]),
                                        t("facts_invalid", check=check, table=r["table"], row=r["row"])))
            else:
                problems.append(Problem(file, None, t("facts_invalid", check=check, table="-", row="-")))
        raise InputError(problems) from None
