"""parse_number reads a bare number ("1.234,56", "-7,31%") on a short path (numbers._PLAIN). It must
give what the full path gives: the same text with a leading space goes the full way (a space is
never on the short path) and is read to the same value, unit, decimals, style and notes."""
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_audit.numbers import OK, TIDAK_TERBACA, parse_number


def _full_path(text, unit, style):
    return dataclasses.replace(parse_number(" " + text, unit, style), text=text)


@settings(max_examples=500, deadline=None, database=None)
@given(st.from_regex(r"-?[0-9][0-9.,]{0,14}[0-9]%?|-?[0-9]%?", fullmatch=True),
       st.sampled_from([None, "%", "Rp", "orang"]), st.sampled_from([None, "id", "en"]))
def test_short_path_reads_as_the_full_path(text, unit, style):
    assert parse_number(text, unit, style) == _full_path(text, unit, style)


@pytest.mark.parametrize("text,unit,value,decimals,got_unit,notes", [
    ("1.234,56", None, 1234.56, 2, None, ()),
    ("-7,31%", None, -7.31, 2, "%", ()),
    ("24", "%", 24.0, 0, "%", ("tanpa tanda %",)),
    ("98.80", None, 98.8, 2, None, ("titik sebagai desimal",)),
    ("21.434.874.461", "Rp", 21434874461.0, 0, "Rp", ()),
])
def test_short_path_values_by_hand(text, unit, value, decimals, got_unit, notes):
    p = parse_number(text, unit)
    assert (p.status, p.value, p.decimals, p.unit, p.notes) == (OK, value, decimals, got_unit, notes)


@pytest.mark.parametrize("text", ["1.23.456", "0.500", "1,2,3", "1.000.00"])
def test_short_path_refuses_bad_grouping(text):
    assert parse_number(text).status == TIDAK_TERBACA


def _format_id_reference(value, decimals):
    """format_id as it was written first (a fresh wide Decimal context per call)."""
    import math
    from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

    if not math.isfinite(value):
        return str(value)
    decimals = max(0, int(decimals))
    with localcontext(Context(prec=400 + decimals)):
        q = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if q == 0:
            q = abs(q)
        return f"{q:,.{decimals}f}".translate(str.maketrans({",": ".", ".": ","}))


@settings(max_examples=500, deadline=None, database=None)
@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-1, max_value=40))
def test_format_id_with_a_shared_context_formats_as_before(value, decimals):
    from lkjip_audit.numbers import format_id

    assert format_id(value, decimals) == _format_id_reference(value, decimals)


@pytest.mark.parametrize("value,decimals,expected", [
    (-731, 2, "-731,00"), (1.005, 2, "1,01"), (-0.001, 2, "0,00"), (21434874461, 0, "21.434.874.461"),
])
def test_format_id_by_hand(value, decimals, expected):
    from lkjip_audit.numbers import format_id

    assert format_id(value, decimals) == expected
