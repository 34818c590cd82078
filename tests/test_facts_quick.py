"""The fact table is validated by pandera with one vectorised check (readers/facts.py quick_schema);
the per-column schema (facts_schema) runs only when that one refuses, to name each problem. So the
quick check must refuse every table the per-column schema refuses, and the messages must be the
per-column ones (written here by hand from the broken row)."""
from __future__ import annotations

import numpy as np
import pandera.pandas as pa
import pytest

from conftest import REAL
from lkjip_audit.errors import InputError
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.readers.fact_schema import schemas as _schemas
from lkjip_audit.readers.facts import validate_facts


@pytest.fixture(scope="module")
def facts(quick_ruleset):
    return load_dataset(REAL, quick_ruleset.concepts).facts


def _number_row(df):
    """The first row of a number (not a text concept) that was read: status ok, a value."""
    return int(df.index[(df["status"] == "ok") & df["value"].notna()][0])


# (column, broken value, the per-column check that names it) - one per check of facts_schema
BREAKS = [
    ("concept", "anggaran_fiktif", "concept isin"),
    ("subject", "", "subject str_length"),
    ("subject_kind", "dinas", "subject_kind isin"),
    ("period", 1800, "period in_range(1990, 2100)"),
    ("section", "bab9", "section isin"),
    ("status", "baik", "status isin"),
    ("decimals", 13, "decimals in_range(0, 12)"),
    ("row", 0, "row greater_than_or_equal_to(1)"),
    ("line", 0, "line greater_than_or_equal_to(1)"),
    ("page", 0, "page greater_than_or_equal_to(1)"),
    ("value", np.nan, "angka terbaca harus punya nilai"),
    ("table", None, "table not_nullable"),
]


@pytest.mark.parametrize("column,value,check", BREAKS)
def test_quick_check_refuses_what_a_column_check_refuses(facts, quick_ruleset, column, value, check):
    quick, full = _schemas(quick_ruleset.concepts)
    bad = facts.copy()
    i = _number_row(bad)
    bad[column] = bad[column].astype(object)
    bad.loc[i, column] = value
    with pytest.raises(pa.errors.SchemaErrors):
        quick.validate(bad.copy(), lazy=True)
    with pytest.raises(InputError) as e:
        validate_facts(bad, quick_ruleset.concepts, "x.yaml")
    messages = [str(p) for p in e.value.problems]
    assert any(check.split(" ")[0] in m and check.split(" ")[1].split("(")[0] in m for m in messages), messages


def test_an_unread_figure_with_a_value_is_refused(facts, quick_ruleset):
    bad = facts.copy()
    i = _number_row(bad)
    bad.loc[i, "status"] = "tidak_terbaca"  # a value stays: not allowed for an unread figure
    with pytest.raises(InputError) as e:
        validate_facts(bad, quick_ruleset.concepts, "x.yaml")
    line, table, row = int(bad.loc[i, "line"]), bad.loc[i, "table"], bad.loc[i, "row"]
    # pandera lists a DataFrame check's failure once per column of the row; the first is "concept"
    assert f"x.yaml:{line}: tabel fakta tidak sah (concept angka tak terbaca tidak boleh punya nilai): tabel {table}, " \
           f"baris {row}" in [str(p) for p in e.value.problems]


def test_a_column_more_or_less_is_refused(facts, quick_ruleset):
    quick, _ = _schemas(quick_ruleset.concepts)
    with pytest.raises(pa.errors.SchemaErrors):
        quick.validate(facts.assign(extra=1), lazy=True)
    with pytest.raises(pa.errors.SchemaErrors):
        quick.validate(facts.drop(columns=["line"]), lazy=True)


def test_a_valid_table_passes_and_is_not_changed(facts, quick_ruleset):
    raw = facts.astype({"line": "int64", "row": "int64"})  # as the builder makes it, before coercion
    before = raw.dtypes.copy()
    out = validate_facts(raw, quick_ruleset.concepts, "x.yaml")
    assert raw.dtypes.equals(before)  # the caller's table is left as it was
    assert str(out["line"].dtype) == "Int64" and str(out["row"].dtype) == "Int64"
    assert len(out) == len(facts)
