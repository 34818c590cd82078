"""The fact table's pandera schemas: what a fact table must be, stated column by column, and the
messages that name each problem (imported only when a table is refused or cannot be made typed:
readers/facts.py).

Two pandera schemas state the same rules. `facts_schema` has one check per column (what a failure
message names: "period in_range(1990, 2100)"); `quick_schema` has the same columns, types and
nullability and all the value checks in one vectorised DataFrame check, so a call costs a third
(pandera's cost is mostly per check and per column, benchmarks/bench_worker.py). A table is
validated with the quick schema; only when that fails is it validated again with the per-column
schema, which then reports every problem exactly as before. The quick check is at least as strict
as the per-column ones (tests/test_facts_quick.py), so nothing passes that the other would refuse.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from ..errors import InputError, Problem
from ..i18n import t
from .facts import DECIMALS, FACT_COLUMNS, KINDS, PERIODS, SECTIONS, STATUSES, per_concepts


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


_SCHEMAS: dict = {}


def schemas(concepts):
    """(the quick schema, the per-column schema) of these concepts, made once."""
    return per_concepts(_SCHEMAS, concepts, lambda names, texts: (quick_schema(names, texts),
                                                                  facts_schema(names, texts)))


def coerced_types() -> list:
    """What the per-column schema's coercion makes of each fact column: (its pandas dtype, nullable),
    in FACT_COLUMNS order. readers/facts.py TYPES states the same, so that a typed table is made
    without importing pandera; tests/test_facts_typed.py holds them equal."""
    schema = facts_schema({})
    return [(schema.columns[name].dtype.type, schema.columns[name].nullable) for name in FACT_COLUMNS]


def validate(df, concepts, file: str):
    """Validate (and coerce) the fact table and return it; a broken fact is reported with its
    table, row and line. `df` is left as it was when it is valid."""
    quick, full = schemas(concepts)
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
