"""The dataset's facts are the rows the engine reads (readers/dataset.py attach_rows): when the
validated fact table holds exactly the facts' values, the engine's Context takes the fact tuples
instead of converting the table back (engine/rows.py plain_rows). They must be the same tuples:
same fields, same values, same Python types, None for every missing value. The facts here are
written by hand; plain_rows is the engine's reading of a table, not the code under test."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from lkjip_audit.engine.rows import plain_rows
from lkjip_audit.readers.dataset import count_status, load_dataset
from lkjip_audit.readers.fact_table import typed_check, typed_table
from lkjip_audit.readers.facts import FACT_COLUMNS, FactRow, validated

from conftest import DATASETS, REAL, SAMPLE_FACTS, sample_fact


def _fact(**changes) -> FactRow:
    fact = sample_fact(**changes)
    return FactRow(*(fact[c] for c in FACT_COLUMNS))


FACTS = [_fact(**SAMPLE_FACTS[i]) for i in (0, 1, 3)]  # read, blank, not read


def _same_rows(a: list, b: list) -> bool:
    return (a == b and [r._fields for r in a] == [r._fields for r in b]
            and all(type(x) is type(y) for ra, rb in zip(a, b) for x, y in zip(ra, rb)))


def test_the_facts_are_the_rows_the_engine_reads_of_their_table(quick_ruleset):
    table, same = validated(FACTS, quick_ruleset.concepts, "x.yaml")
    assert same
    rows = plain_rows(table)
    assert _same_rows(FACTS, rows)
    assert rows[1].value is None and rows[1].page is None and rows[2].period is None and rows[0].value == 75.5


@pytest.mark.parametrize("change", [
    {"status": "kosong", "text": "-", "value": math.nan, "decimals": None},  # a NaN where the facts have a number
    {"label": math.nan},                                                       # a NaN among a column's strings
])
def test_a_nan_in_the_facts_is_not_the_none_the_engine_reads(quick_ruleset, change):
    """The table reads a NaN as missing (None for the engine): the facts are then not its rows."""
    facts = [*FACTS, _fact(**change)]
    table, same = validated(facts, quick_ruleset.concepts, "x.yaml")
    assert not same
    assert None in (plain_rows(table)[-1].value, plain_rows(table)[-1].label)


def test_a_table_made_the_old_way_is_not_its_facts(quick_ruleset):
    facts = [*FACTS, _fact(label=5)]  # a number where a str goes: pandera coerces it to "5"
    table, same = validated(facts, quick_ruleset.concepts, "x.yaml")
    assert not same and table["label"].tolist()[-1] == "5"


@pytest.mark.parametrize("column", ["concept", "subject", "subject_kind", "section", "table", "title", "group",
                                    "column", "text", "status", "file"])
@pytest.mark.parametrize("missing", [None, math.nan])
def test_a_missing_string_where_none_may_be_missing_is_refused(quick_ruleset, column, missing):
    """The one check of a typed table finds a missing value in a str column that may not have one
    (without pandas' isna scan): a None or a NaN among the strings."""
    typed = typed_table([*FACTS, _fact(**{column: missing})])
    assert typed is not None
    assert not typed_check(quick_ruleset.concepts)(typed)


@pytest.mark.parametrize("path", [REAL, DATASETS / "dinsos-kota-blitar-2019"], ids=lambda p: Path(p).name)
def test_a_shipped_dataset_gives_the_engine_its_facts_as_rows(quick_ruleset, path):
    ds = load_dataset(path, quick_ruleset.concepts)
    rows = ds.rows()
    assert rows is not None and "facts" not in vars(ds)  # sound facts: the table is not made yet
    assert count_status(ds, "tidak_terbaca") == sum(r.status == "tidak_terbaca" for r in rows)
    assert "facts" not in vars(ds)  # counting did not make it either
    table = ds.facts  # made when asked for: the rows are its rows, as plain_rows converts them
    assert ds.rows() is rows and ds._fact_rows == (table, rows)
    assert len(table) == len(rows) and _same_rows(rows, plain_rows(table))
    # the unreadable figures counted on the rows = counted on the table
    assert count_status(ds, "tidak_terbaca") == int((table["status"] == "tidak_terbaca").sum())


def test_a_dataset_sent_to_another_process_goes_without_the_rows(quick_ruleset):
    """history --jobs loads datasets in worker processes and sends them back pickled: a table not made
    yet travels as its fact tuples; a made table travels without the rows (they are made again
    from the table); a fact tuple pickles."""
    import pickle

    ds = load_dataset(REAL, quick_ruleset.concepts)
    back = pickle.loads(pickle.dumps(ds))
    assert "facts" not in vars(back) and back.rows() == ds.rows() and back.subjects == ds.subjects
    assert back.facts.equals(ds.facts)
    assert hasattr(ds, "_fact_rows")
    back = pickle.loads(pickle.dumps(ds))
    assert not hasattr(back, "_fact_rows") and back.rows() is None and back.facts.equals(ds.facts)
    assert pickle.loads(pickle.dumps(FACTS)) == FACTS
