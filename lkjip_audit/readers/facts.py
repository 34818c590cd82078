"""The fact table: one row per printed figure, validated with pandera before any rule runs.

pandera guards the *structure* the engine relies on (columns, types, vocabularies, provenance);
the rules check the *content* (see README "Which check goes where").
"""
from __future__ import annotations

import pandera.pandas as pa

from ..errors import InputError, Problem
from ..i18n import t

FACT_COLUMNS = [
    "concept", "subject", "subject_kind", "period", "section", "table", "title", "row", "label",
    "group", "column", "header", "text", "status", "value", "decimals", "unit", "reason", "note", "exact",
    "line", "page", "file",
]
SECTIONS = ["sampul", "pengantar", "ringkasan", "bab1", "bab2", "bab3", "bab4",
            "lampiran1", "lampiran2", "lampiran3", "lampiran4", "lampiran5"]
KINDS = ["tujuan", "sasaran", "iku", "program", "kegiatan", "subkegiatan", "spm", "total"]
STATUSES = ["ok", "kosong", "tidak_terbaca", "rentang"]  # rentang: a target range, both ends in the text


def facts_schema(concepts) -> pa.DataFrameSchema:
    text = dict(nullable=False, coerce=True)
    return pa.DataFrameSchema(
        {
            "concept": pa.Column(str, pa.Check.isin(sorted(concepts)), **text),
            "subject": pa.Column(str, pa.Check.str_length(min_value=1), **text),
            "subject_kind": pa.Column(str, pa.Check.isin(KINDS), **text),
            "period": pa.Column("Int64", pa.Check.in_range(1990, 2100), nullable=True, coerce=True),
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
            "decimals": pa.Column("Int64", pa.Check.in_range(0, 12), nullable=True, coerce=True),
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
            pa.Check(lambda df: (df["status"] != "ok") | df["value"].notna()
                     | df["concept"].isin(_TEXT_CONCEPTS), name="angka terbaca harus punya nilai"),
            pa.Check(lambda df: (df["status"] == "ok") | df["value"].isna(),
                     name="angka tak terbaca tidak boleh punya nilai"),
        ],
        strict=True,
        ordered=False,
    )


_TEXT_CONCEPTS: set[str] = set()
_SCHEMAS: dict = {}


def validate_facts(df, concepts, file: str):
    """Validate (and coerce) the fact table; a broken fact is reported with its table, row and line."""
    _TEXT_CONCEPTS.clear()
    _TEXT_CONCEPTS.update(n for n, c in concepts.items() if c.kind == "text")
    key = tuple(sorted(concepts))
    schema = _SCHEMAS.get(key) or _SCHEMAS.setdefault(key, facts_schema(concepts))
    try:
        return schema.validate(df, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        problems = []
        for case in exc.failure_cases.itertuples():
            idx = getattr(case, "index", None)
            check = f"{case.column or ''} {case.check}".strip()
            if idx is not None and idx == idx and int(idx) in df.index:
                r = df.loc[int(idx)]
                problems.append(Problem(file, int(r["line"]) if r["line"] == r["line"] else None,
                                        t("facts_invalid", check=check, table=r["table"], row=r["row"])))
            else:
                problems.append(Problem(file, None, t("facts_invalid", check=check, table="-", row="-")))
        raise InputError(problems) from None
