"""A fact table made from fact tuples (readers/facts.py validate_records): the table is made column by
column with its final types (typed_table) and checked by one function for the whole table
(typed_check), without pandera. It must accept and give exactly what the old way gives (a DataFrame of the tuples,
coerced and validated by validate_facts), refuse everything the per-column schema refuses, and
report a refused table with the per-column schema's messages. The facts here are written by hand."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from lkjip_audit.errors import InputError
from lkjip_audit.readers.fact_table import TYPES, typed_check, typed_table
from lkjip_audit.readers.facts import FACT_COLUMNS, validate_facts, validate_records, validated

from conftest import SAMPLE_FACTS, sample_fact


def _fact(**changes) -> tuple:
    """One fact tuple (FACT_COLUMNS order): conftest.sample_fact with `changes`."""
    fact = sample_fact(**changes)
    return tuple(fact[c] for c in FACT_COLUMNS)


FACTS = [_fact(**changes) for changes in SAMPLE_FACTS]


def test_a_valid_table_is_the_table_the_old_way_gives(quick_ruleset):
    new = validate_records(FACTS, quick_ruleset.concepts, "x.yaml")
    old = validate_facts(pd.DataFrame(FACTS, columns=FACT_COLUMNS), quick_ruleset.concepts, "x.yaml")
    pd.testing.assert_frame_equal(new, old, check_exact=True)
    assert list(new.index) == [0, 1, 2, 3]
    # the values as written above, missing ones missing
    assert new.loc[0, "value"] == 75.5 and new.loc[0, "decimals"] == 1 and new.loc[0, "page"] == 12
    assert math.isnan(new.loc[1, "value"]) and new["decimals"].isna().tolist() == [False, True, True, True]
    assert new["page"].isna().tolist() == [False, True, False, False]
    assert new["period"].isna().tolist() == [False, False, False, True]
    assert new["header"].isna().tolist() == [False, True, False, False]
    assert str(new["line"].dtype) == "Int64" and str(new["value"].dtype) == "float64"
    assert new["exact"].tolist() == [False, True, False, True]


def test_nullable_columns_with_nothing_missing_give_the_table_the_old_way_gives(quick_ruleset):
    """Every nullable column has a value in every fact (read without the comparison with None), but
    for `reason`, missing in the first fact only, and `page`, in the second only."""
    facts = [_fact(reason=None, note="n1"),
             _fact(row=3, group="T1#3", line=41, page=None, text="80,25%", value=80.25, decimals=2, reason="r",
                   note="n2")]
    new, same = validated(facts, quick_ruleset.concepts, "x.yaml")
    old = validate_facts(pd.DataFrame(facts, columns=FACT_COLUMNS), quick_ruleset.concepts, "x.yaml")
    pd.testing.assert_frame_equal(new, old, check_exact=True)
    assert same  # the table holds exactly the tuples' values
    assert new["reason"].isna().tolist() == [True, False] and new["page"].isna().tolist() == [False, True]
    assert new["note"].tolist() == ["n1", "n2"] and new["period"].tolist() == [2020, 2020]
    assert new["value"].tolist() == [75.5, 80.25] and new["decimals"].tolist() == [1, 2]


def test_the_typed_table_is_checked_by_pandera_without_the_old_way(quick_ruleset, monkeypatch):
    """A valid table of the right types never reaches validate_facts."""
    import lkjip_audit.readers.facts as facts

    assert typed_table(FACTS) is not None
    monkeypatch.setattr(facts, "validate_facts", lambda *a: pytest.fail("made the old way"))
    assert len(validate_records(FACTS, quick_ruleset.concepts, "x.yaml")) == 4


def test_a_value_of_another_python_type_is_coerced_as_before(quick_ruleset):
    """A label printed as a number (5) is not a str: the table is made the old way, "5" as pandera makes it."""
    facts = [_fact(label=5), _fact(line=7.0)]
    assert typed_table(facts) is None
    got = validate_records(facts, quick_ruleset.concepts, "x.yaml")
    assert got["label"].tolist() == ["5", "Persentase PMKS"] and got["line"].tolist() == [40, 7]


# (column, broken value, the per-column check that names it): one per check of facts_schema
BREAKS = [
    ("concept", "anggaran_fiktif", "concept isin"),
    ("subject", "", "subject str_length"),
    ("subject_kind", "dinas", "subject_kind isin"),
    ("period", 1800, "period in_range(1990, 2100)"),
    ("period", 2101, "period in_range(1990, 2100)"),
    ("section", "bab9", "section isin"),
    ("status", "baik", "status isin"),
    ("decimals", 13, "decimals in_range(0, 12)"),
    ("decimals", -1, "decimals in_range(0, 12)"),
    ("row", 0, "row greater_than_or_equal_to(1)"),
    ("line", 0, "line greater_than_or_equal_to(1)"),
    ("page", 0, "page greater_than_or_equal_to(1)"),
    ("value", None, "angka terbaca harus punya nilai"),
    ("table", None, "table not_nullable"),
    ("subject", None, "subject not_nullable"),
    ("line", None, "line not_nullable"),  # (its message was a TypeError: None == None of pandas' NA)
]


@pytest.mark.parametrize("column,value,check", BREAKS)
def test_what_a_column_check_refuses_is_refused_with_its_message(quick_ruleset, column, value, check):
    bad = [*FACTS[:2], _fact(**{column: value}), *FACTS[2:]]
    typed = typed_table(bad)
    if typed is not None:  # made: the one check must refuse it
        assert not typed_check(quick_ruleset.concepts)(typed)
    with pytest.raises(InputError) as e:
        validate_records(bad, quick_ruleset.concepts, "x.yaml")
    messages = [str(p) for p in e.value.problems]
    name, what = check.split(" ")[0], check.split(" ")[1].split("(")[0]
    assert any(name in m and what in m for m in messages), messages
    # the broken fact is the third: its table, row and line are named, as the per-column schema does
    if column not in ("table", "row", "line"):
        assert any(m.startswith("x.yaml:40: ") and "tabel T1, baris 2" in m for m in messages), messages


def test_an_unread_figure_with_a_value_is_refused(quick_ruleset):
    bad = [*FACTS, _fact(status="tidak_terbaca", reason="bukan angka", line=77)]
    assert not typed_check(quick_ruleset.concepts)(typed_table(bad))
    with pytest.raises(InputError) as e:
        validate_records(bad, quick_ruleset.concepts, "x.yaml")
    assert "x.yaml:77: tabel fakta tidak sah (concept angka tak terbaca tidak boleh punya nilai): tabel T1, baris 2" \
        in [str(p) for p in e.value.problems]


def test_a_column_more_or_less_is_refused(quick_ruleset):
    check = typed_check(quick_ruleset.concepts)
    table = typed_table(FACTS)
    assert check(table)
    assert not check(table.assign(extra=1))
    assert not check(table.drop(columns=["line"]))
    assert not check(table.astype({"line": "float64"}))  # a column of another type


def test_the_typed_columns_are_what_pandera_coerces_to():
    """facts.TYPES (a typed table is made without importing pandera) states what the per-column
    schema's coercion gives each column: a pandas or pandera that coerced otherwise fails here."""
    from lkjip_audit.readers.fact_schema import coerced_types

    assert [(dtype, nullable) for _, dtype, nullable in TYPES] == coerced_types()
    # and by hand, the three kinds of column the schema declares
    assert dict(zip(FACT_COLUMNS, TYPES))["period"][1] == pd.Int64Dtype()
    assert dict(zip(FACT_COLUMNS, TYPES))["value"][1] == "float64"
    assert dict(zip(FACT_COLUMNS, TYPES))["label"][1] == pd.StringDtype("python", na_value=math.nan)
    assert [name for name, (_, _, nullable) in zip(FACT_COLUMNS, TYPES) if nullable] == [
        "period", "label", "header", "value", "decimals", "unit", "reason", "note", "page"]
