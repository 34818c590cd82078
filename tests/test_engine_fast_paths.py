"""The rule engine's shortcuts of issue 12, round 8 (docs/performance.md) give what the plain way
gives: a Location made by `location_of` is the dataclass's own, field for field."""
from __future__ import annotations

import dataclasses

import pytest

from lkjip_audit.engine.findings import Location, location_of
from lkjip_audit.readers.facts import FACT_COLUMNS, FactRow


def _fact(**given):
    values = dict.fromkeys(FACT_COLUMNS)
    values.update(given)
    return FactRow(**values)


@pytest.mark.parametrize("fact, expected", [
    (_fact(section="bab3", table="t3.1", title="Tabel 3.1", row=4, label="IKU 1", column="realisasi",
           header="Realisasi", text="-7,31%", line=212, page=None, note=None),
     Location("BAB III", "t3.1", "Tabel 3.1", 4, "IKU 1", "Realisasi", 212, None, "-7,31%", "input")),
    (_fact(section="lampiran9", table="lamp", title="", row=0, label=None, column="anggaran", header=None,
           text="1.000", line=7, page=12.0, note="digabung dari dua baris"),
     Location("lampiran9", "lamp", "", 0, "", "anggaran", 7, 12, "1.000", "input", note="digabung dari dua baris")),
])
def test_location_of_is_the_dataclass_own(fact, expected):
    made = location_of(fact, "input")
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert [type(getattr(made, f.name)) for f in dataclasses.fields(Location)] == \
        [type(getattr(expected, f.name)) for f in dataclasses.fields(Location)]
    assert made.as_dict("en") == expected.as_dict("en")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 1
