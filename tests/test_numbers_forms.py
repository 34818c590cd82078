"""Numbers as other offices print them (issue 8): ranges, not-available words, repaired defects,
per-column decimal style, English grouping. Expected values are written from the printed text."""
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_audit.numbers import KOSONG, OK, RENTANG, TIDAK_TERBACA, column_style, parse_number, parse_range


@pytest.mark.parametrize("text,value,unit,note", [
    ("Rp 17.823.573.700,-", 17823573700.0, "Rp", "akhiran ,-"),
    ("17.823.573.700, -", 17823573700.0, None, "spasi dalam ,- dihapus"),
    ("71,62*", 71.62, None, "tanda catatan kaki"),
    ("12.514.300,00***", 12514300.0, None, "tanda catatan kaki"),
    ("- 28,39%", -28.39, "%", "spasi setelah tanda dihapus"),
    ("20.483.638.3 50", 20483638350.0, None, "digabung dari dua baris sel"),
    ("17.823.57 3.700,00", 17823573700.0, None, "digabung dari dua baris sel"),
    ("1.535.764. 500,00", 1535764500.0, None, "digabung dari dua baris sel"),
    ("1,004,422,800", 1004422800.0, None, "pemisah ribuan gaya Inggris"),
    ("88.4", 88.4, None, "titik sebagai desimal"),
    ("Rp.18.817.240.527,-", 18817240527.0, "Rp", "akhiran ,-"),
])
def test_printed_forms_are_read_with_their_note(text, value, unit, note):
    p = parse_number(text)
    assert p.status == OK, p
    assert p.value == value
    assert p.unit == unit
    assert note in p.notes


@pytest.mark.parametrize("text", ["NA", "n/a", "-", "–", "tidak ada data", "data BPS belum rilis",
                                  "Data BPS Belum Rilis", "belum tersedia"])
def test_not_available_forms_are_empty_not_unreadable(text):
    assert parse_number(text).status == KOSONG


@pytest.mark.parametrize("text,low,high,falling", [
    ("5,5-6,0", 5.5, 6.0, False),
    ("9,80-9,50", 9.8, 9.5, True),
    ("6,0 – 6,9", 6.0, 6.9, False),
    ("5 s.d. 7", 5.0, 7.0, False),
    ("5 s/d 7", 5.0, 7.0, False),
    ("70% - 80%", 70.0, 80.0, False),
])
def test_ranges_are_ranges_not_unreadable(text, low, high, falling):
    p = parse_number(text)
    assert p.status == RENTANG and p.value is None
    assert (p.low, p.high) == (low, high)
    assert ("rentang menurun" in p.notes) == falling


def test_a_range_with_a_bad_end_is_unreadable():
    assert parse_number("5,5-abc").status == TIDAK_TERBACA
    assert parse_range("12").status == TIDAK_TERBACA


def test_two_separate_numbers_are_never_joined():
    # "93 93" are two cells of a flattened row, not one wrapped number
    assert parse_number("93 93").status == TIDAK_TERBACA
    # "1.000 500": the first part is complete by itself
    assert parse_number("1.000 500").status == TIDAK_TERBACA
    # joined only when the grouping of the joined number is valid
    assert parse_number("12.3 456").status == TIDAK_TERBACA


def test_column_decides_the_dot():
    assert column_style(["95.56", "97.32", "150.00"])[0] == "en"
    assert column_style(["88,4", "1.000"]) == ("id", None)
    style, note = column_style(["88.4", "71,62"])
    assert style == "id" and "mencampur" in note
    # in a dot-decimal column, "1.500" is one and a half; in an Indonesian column it is 1500
    assert parse_number("1.500", None, "en").value == 1.5
    assert parse_number("1.500").value == 1500.0


_DEC = st.builds(lambda n, k: Decimal(n).scaleb(-k), st.integers(0, 10**9), st.integers(0, 2))


def _id(d: Decimal) -> str:
    whole, _, frac = f"{d:f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + frac if frac else "")


@settings(max_examples=200, deadline=None, database=None)
@given(_DEC, _DEC, st.sampled_from(["-", " - ", " – ", " s.d. ", " s/d ", " sampai "]))
def test_any_range_of_two_numbers_keeps_both_ends(a, b, sep):
    p = parse_number(_id(a) + sep + _id(b))
    assert p.status == RENTANG, p
    assert (p.low, p.high) == (float(a), float(b))


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(1000, 10**13), st.integers(1, 2), st.sampled_from(["", "*", "**", "***"]),
       st.sampled_from([",-", ", -", ""]))
def test_wrapped_grouped_numbers_join_only_by_grouping(n, cut, foot, dash):
    text = f"{n:,}".replace(",", ".")
    # wrap inside the last group: "20.483.638.3" + "50"
    head, tail = text[:-cut], text[-cut:]
    if head.endswith("."):
        return
    p = parse_number(f"{head} {tail}{dash}{foot}")
    assert p.status == OK, p
    assert p.value == float(n)
    assert "digabung dari dua baris sel" in p.notes


@settings(max_examples=200, deadline=None, database=None)
@given(st.integers(0, 10**12), st.integers(0, 10**12))
def test_english_grouping_is_read_when_two_commas(a, b):
    text = f"{a:,}"
    p = parse_number(text)
    if text.count(",") >= 2:
        assert p.status == OK and p.value == float(a)
