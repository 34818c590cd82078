"""Tests for lkjip_audit.numbers (numbers as printed in LKjIP tables)."""
import math
import time
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lkjip_audit.numbers import (
    KOSONG, OK, TIDAK_TERBACA, ParsedNumber, format_id, parse_number,
)

# text, default_unit, value, decimals, unit, style, notes that must be present
OK_CASES = [
    ("17.823.573.700,00", None, 17823573700.0, 2, None, "id", ()),
    ("Rp. 24.434.942.859,00", None, 24434942859.0, 2, "Rp", "id", ()),
    ("Rp. 20.096.269.225,00", None, 20096269225.0, 2, "Rp", "id", ()),
    ("Rp10.000", None, 10000.0, 0, "Rp", "id", ()),
    ("Rp 1.000,-", None, 1000.0, 0, "Rp", "id", ("akhiran ,-",)),
    ("845.666.150,-", None, 845666150.0, 0, None, "id", ("akhiran ,-",)),
    ("17.823.573.700,-", "Rp", 17823573700.0, 0, "Rp", "id", ("akhiran ,-",)),
    ("-7,31%", None, -7.31, 2, "%", "id", ()),
    ("102,56%", None, 102.56, 2, "%", "id", ()),
    ("-831%", None, -831.0, 0, "%", "plain", ()),
    ("180,7%", None, 180.7, 1, "%", "id", ()),
    ("7,31 %", None, 7.31, 2, "%", "id", ()),
    ("+5,2%", None, 5.2, 1, "%", "id", ()),
    ("1.000 org", None, 1000.0, 0, "org", "id", ()),
    ("3084 org", None, 3084.0, 0, "org", "plain", ()),
    ("50 org", "jumlah", 50.0, 0, "org", "plain", ()),
    ("2 dok", None, 2.0, 0, "dok", "plain", ()),
    ("1 prngt", None, 1.0, 0, "prngt", "plain", ()),
    ("1 KUBE", None, 1.0, 0, "kube", "plain", ()),
    ("11.372 jiwa", None, 11372.0, 0, "jiwa", "id", ()),
    ("132 orang", None, 132.0, 0, "orang", "plain", ()),
    ("0,36", None, 0.36, 2, None, "id", ()),
    ("1,05", "rasio", 1.05, 2, "rasio", "id", ()),
    ("-9,47", None, -9.47, 2, None, "id", ()),
    ("98.80%", None, 98.8, 2, "%", "en", ("titik sebagai desimal",)),
    ("12.5", None, 12.5, 1, None, "en", ("titik sebagai desimal",)),
    ("1.0000", None, 1.0, 4, None, "en", ("titik sebagai desimal",)),
    ("1,231,790,000", None, 1231790000.0, 0, None, "en", ("pemisah ribuan gaya Inggris",)),
    ("1,231,790.50", None, 1231790.5, 2, None, "en",
     ("pemisah ribuan gaya Inggris", "titik sebagai desimal")),
    ("1,231", None, 1.231, 3, None, "id", ()),
    ("1.000", None, 1000.0, 0, None, "id", ()),
    ("1.000.000", None, 1000000.0, 0, None, "id", ()),
    ("18,18", "%", 18.18, 2, "%", "id", ("tanpa tanda %",)),
    ("92,30", "%", 92.3, 2, "%", "id", ("tanpa tanda %",)),
    ("4,85*", None, 4.85, 2, None, "id", ("tanda catatan kaki",)),
    ("4,85%*", None, 4.85, 2, "%", "id", ("tanda catatan kaki",)),
    ("(-7,31%)", None, -7.31, 2, "%", "id", ("dalam kurung",)),
    ("−7,31%", None, -7.31, 2, "%", "id", ()),
    ("–7,31", None, -7.31, 2, None, "id", ()),
    ("102,56", None, 102.56, 2, None, "id", ()),
    ("  102,56  ", None, 102.56, 2, None, "id", ()),
    ("\xa0102,56%\u202f", None, 102.56, 2, "%", "id", ()),
    ("1.000\xa0org", None, 1000.0, 0, "org", "id", ()),
    ("50 persen", None, 50.0, 0, "%", "plain", ()),
    ("Rp -1.000", None, -1000.0, 0, "Rp", "id", ()),
]


@pytest.mark.parametrize("text,default,value,decimals,unit,style,notes", OK_CASES)
def test_ok_cases(text, default, value, decimals, unit, style, notes):
    p = parse_number(text, default)
    assert p.status == OK, p
    assert p.text == text
    assert p.value == pytest.approx(value, rel=0, abs=1e-9)
    assert p.decimals == decimals
    assert p.unit == unit
    assert p.style == style
    assert set(notes) <= set(p.notes), p.notes
    assert p.reason is None


def test_printed_unit_wins_over_default():
    assert parse_number("50 org", "%").unit == "org"
    assert "tanpa tanda %" not in parse_number("50 org", "%").notes
    assert parse_number("7,31%", "Rp").unit == "%"


def test_no_spurious_notes_on_clean_values():
    assert parse_number("17.823.573.700,00", "Rp").notes == ()
    assert parse_number("-7,31%", "%").notes == ()


@pytest.mark.parametrize("text", ["n/a", "N/A", "NA", "na", "-", "–", "—", "", "  ", "\xa0", " - "])
def test_kosong(text):
    p = parse_number(text, "%")
    assert p == ParsedNumber(text, KOSONG, None, None, None, None, (), None)


@pytest.mark.parametrize("text,reason", [
    ("(1.000)", "kurung tanpa tanda"),
    ("(7,31%)", "kurung tanpa tanda"),
    ("1.000.00", "pengelompokan ribuan tidak sah"),
    ("1.23.456", "pengelompokan ribuan tidak sah"),
    ("1,2,3", "pengelompokan ribuan tidak sah"),
    ("1234.567", "pengelompokan ribuan tidak sah"),
    ("0.500", "pengelompokan ribuan tidak sah"),
    ("12.345.67", "pengelompokan ribuan tidak sah"),
    ("1,000.000,5", "pengelompokan ribuan tidak sah"),
    ("1,231.50", "pemisah campuran tidak sah"),
    ("abc", "bukan angka"),
    ("12a", "bukan angka"),
    ("1e5", "bukan angka"),
    ("nan", "bukan angka"),
    ("NaN", "bukan angka"),
    ("inf", "bukan angka"),
    ("Infinity", "bukan angka"),
    ("１２３", "bukan angka"),
    ("1.", "bukan angka"),
    (",5", "bukan angka"),
    ("--5", "bukan angka"),
    ("1,5,-", "bukan angka"),
    ("≥ 80%", "tanda pembanding"),
    ("<5", "tanda pembanding"),
    ("Rp 5%", "satuan ganda"),
    ("1" * 500, "teks terlalu panjang"),
])
def test_tidak_terbaca(text, reason):
    p = parse_number(text, "%")
    assert p.status == TIDAK_TERBACA
    assert p.reason == reason
    assert p.text == text
    assert (p.value, p.decimals, p.unit, p.style) == (None, None, None, None)


def test_non_string_does_not_raise():
    p = parse_number(None)  # type: ignore[arg-type]
    assert p.status == TIDAK_TERBACA and p.reason == "bukan teks"


def test_linear_time_on_adversarial_input():
    start = time.perf_counter()
    for text in ["1" + " " * 100_000 + "!", "1." * 50_000, "(" * 100_000, "1-" * 50_000,
                 "1" + "*" * 100_000 + "x", "Rp" + "1,0" * 40_000]:
        assert parse_number(text).status == TIDAK_TERBACA
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("value,decimals,expected", [
    (-731, 2, "-731,00"),
    (21434874461, 2, "21.434.874.461,00"),
    (1.05, 2, "1,05"),
    (1000, 0, "1.000"),
    (0.125, 2, "0,13"),
    (-0.001, 2, "0,00"),
    (180.7, 1, "180,7"),
])
def test_format_id(value, decimals, expected):
    assert format_id(value, decimals) == expected


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    p = parse_number(text)
    assert isinstance(p, ParsedNumber)
    assert p.text is text
    assert p.status in (OK, KOSONG, TIDAK_TERBACA)
    if p.status == OK:
        assert isinstance(p.value, float) and math.isfinite(p.value)
        assert isinstance(p.decimals, int) and p.decimals >= 0
        assert p.style in ("id", "en", "plain") and p.reason is None
    else:
        assert p.value is None and p.decimals is None
    assert (p.reason is not None) == (p.status == TIDAK_TERBACA)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet="0123456789.,-−–+()%* RpNAna/\xa0", max_size=20), st.sampled_from([None, "%", "Rp"]))
def test_never_raises_on_number_like_text(text, default):
    p = parse_number(text, default)
    if p.status == OK:
        assert math.isfinite(p.value) and p.decimals >= 0


def _indonesian(d: Decimal, grouped: bool) -> str:
    sign, _, exp = d.as_tuple()
    whole, frac = f"{abs(d):f}".partition(".")[::2]
    if grouped:
        whole = f"{int(whole):,}".replace(",", ".")
    return ("-" if sign else "") + whole + ("," + frac if exp else "")


_DECIMALS = st.builds(
    lambda n, k: Decimal(n).scaleb(-k),
    st.integers(-10**14, 10**14), st.integers(0, 2),
)


@settings(max_examples=300, deadline=None, database=None)
@given(_DECIMALS, st.booleans(), st.sampled_from(["", "Rp. ", "Rp"]), st.booleans(), st.booleans())
def test_round_trip_indonesian(d, grouped, prefix, pct, dash):
    k = -d.as_tuple().exponent
    body = _indonesian(d, grouped)
    text = prefix + body + (",-" if dash and k == 0 else "") + ("%" if pct and not prefix else "")
    p = parse_number(text)
    assert p.status == OK, (text, p)
    assert p.value == float(d)
    assert p.decimals == k
    assert p.style in ("id", "plain")
    assert p.unit == ("Rp" if prefix else "%" if pct else None)


@settings(max_examples=300, deadline=None, database=None)
@given(_DECIMALS)
def test_format_id_round_trip_exact(d):
    k = -d.as_tuple().exponent
    p = parse_number(format_id(float(d), k))
    assert p.status == OK and p.value == float(d) and p.decimals == k


@settings(max_examples=300, deadline=None, database=None)
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), st.integers(0, 4))
def test_format_id_round_trip_floats(x, k):
    p = parse_number(format_id(x, k))
    assert p.status == OK
    assert p.decimals == k
    expected = Decimal(repr(x)).quantize(Decimal(1).scaleb(-k), rounding=ROUND_HALF_UP)
    assert p.value == float(expected)
