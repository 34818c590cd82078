"""readers/facts.py `sound`: a report's fact tuples accepted as they are, without pandas, must be
exactly the tuples the table's way accepts without converting anything (readers/fact_table.py:
typed_table makes them `same`, typed_check passes), because the engine then reads the tuples and
the table is made only if asked for. Anything else goes the table's way (and pandera's messages).
The facts here are written by hand (conftest.sample_fact); every value put in a cell is one a
reader, a hand-edited dataset or a hostile one could give."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest

from lkjip_audit.readers import fact_table
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.readers.facts import FACT_COLUMNS, FactRow, sound, validated

from conftest import DATASETS, SAMPLE_FACTS, sample_fact


def _fact(**changes) -> FactRow:
    fact = sample_fact(**changes)
    return FactRow(*(fact[c] for c in FACT_COLUMNS))


FACTS = [_fact(**changes) for changes in SAMPLE_FACTS]


def _table_way(records, concepts) -> bool:
    """What the table's way says: made with nothing converted, and accepted by its one check."""
    typed = fact_table._typed_table(records)
    return typed is not None and typed[1] and fact_table.typed_check(concepts)(typed[0])


def test_hand_written_facts_are_sound_and_the_table_is_made_of_them(quick_ruleset):
    assert sound(FACTS, quick_ruleset.concepts) and _table_way(FACTS, quick_ruleset.concepts)
    table, same = validated(FACTS, quick_ruleset.concepts, "x.yaml")
    assert same and len(table) == 4
    assert table["value"].tolist()[0] == 75.5 and math.isnan(table["value"].tolist()[1])
    assert table["period"].tolist()[3] is not None and str(table["period"].tolist()[3]) == "<NA>"


@pytest.mark.parametrize("changes", [
    dict(value=math.nan),                           # a NaN: missing in a table, a number in the tuple
    dict(value=75),                                 # an int where the column holds floats (converted)
    dict(value=np.float64(75.5)),                   # a numpy float
    dict(row=True),                                 # a bool is no row number
    dict(row=np.int64(2)),                          # a numpy int
    dict(line=0), dict(row=0), dict(page=0),        # numbered from 1
    dict(line=2 ** 63),                             # beyond Int64
    dict(period=1989), dict(period=2101),           # a report year is 1990..2100
    dict(decimals=13), dict(decimals=-1),
    dict(concept="tidak_ada"), dict(subject_kind="dinas"), dict(section="bab9"), dict(status="baik"),
    dict(subject=""), dict(subject=None), dict(table=None), dict(file=None), dict(exact=None),
    dict(label=5),                                  # a number where text goes (pandera coerces it to "5")
    dict(text=math.nan),
    dict(value=None),                               # a figure read without a value (not a text concept)
    dict(status="tidak_terbaca"),                   # a figure not read that has a value
    dict(exact=1),
])
def test_what_is_not_sound_goes_the_table_way(quick_ruleset, changes):
    bad = [*FACTS[:2], _fact(**changes), *FACTS[2:]]
    assert not sound(bad, quick_ruleset.concepts)


def test_a_tuple_of_another_width_or_no_facts_is_not_sound(quick_ruleset):
    assert not sound([*FACTS, FactRow(*FACTS[0])[:-1]], quick_ruleset.concepts)
    assert not sound([], quick_ruleset.concepts)


def test_the_edges_of_each_range_are_sound(quick_ruleset):
    edges = [_fact(period=1990), _fact(period=2100), _fact(decimals=0), _fact(decimals=12), _fact(row=1, line=1,
             page=1), _fact(line=2 ** 63 - 1), _fact(value=math.inf), _fact(value=-0.0)]
    assert sound([*FACTS, *edges], quick_ruleset.concepts)
    assert _table_way([*FACTS, *edges], quick_ruleset.concepts)


POOL = [None, "", "x", "ok", "kosong", "tidak_terbaca", "rentang", "iku", "bab3", "realisasi", "status", 0, -1, 1, 2,
        12, 13, 1989, 1990, 2100, 2101, 2 ** 63 - 1, 2 ** 63, 1.5, 0.0, -7.31, math.nan, math.inf, True, False]


def test_sound_is_the_table_way_on_random_changes(quick_ruleset):
    """2 000 tables of the hand-written facts with one to three cells changed to values of every type
    a column may or may not hold: `sound` says yes exactly when the table's way accepts them
    unchanged (on plain Python values; numpy values are only ever refused by `sound`)."""
    rng = random.Random(20261129)
    concepts = quick_ruleset.concepts
    agreed = {True: 0, False: 0}
    for _ in range(2000):
        facts = [list(f) for f in FACTS]
        for _ in range(rng.randint(1, 3)):
            facts[rng.randrange(len(facts))][rng.randrange(len(FACT_COLUMNS))] = rng.choice(POOL)
        records = [FactRow(*f) for f in facts]
        expected = _table_way(records, concepts)
        assert sound(records, concepts) == expected, records
        agreed[expected] += 1
    assert agreed[True] > 100 and agreed[False] > 100  # both answers were put to the test


@pytest.mark.parametrize("name", ["dinsos-kota-blitar-2020", "dinsos-kota-blitar-2019"])
def test_a_shipped_dataset_is_sound(quick_ruleset, name):
    """The shipped datasets are checked without a table: their facts are sound, and the table made
    of them when asked for is the one the table's way validates."""
    ds = load_dataset(DATASETS / name, quick_ruleset.concepts)
    rows = ds.rows()
    assert rows is not None and "facts" not in vars(ds)
    assert _table_way(rows, quick_ruleset.concepts)
    assert ds.facts.equals(fact_table.validated(rows, quick_ruleset.concepts, "x.yaml")[0])
