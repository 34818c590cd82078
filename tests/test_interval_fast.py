"""engine/interval.py's arithmetic makes its results without Interval.__init__ and takes a product's
ends by comparisons instead of min() and max() (issue 12, round 9): the same ends as the plain
formulas below (the code before that change), bit for bit - the same type (an int stays an int),
the same sign of a zero, NaN where NaN was - for every pair of ends drawn from the values where
they could differ (ties, signed zeros, ints beside equal floats, infinities, NaN)."""
from __future__ import annotations

import itertools
import math
import random
import re

import pytest

from lkjip_audit.engine.interval import Interval, exact_number

# ends where min/max's choice among equal products matters: signed zeros, an int beside an equal
# float, infinities, NaN, big exact amounts
ENDS = [0, 0.0, -0.0, 1, 1.0, -1, -1.0, 2, 2.5, -2.5, 3.0, 10**15 + 1, -(10**15 + 1), 1e300, math.inf,
        -math.inf, math.nan]


def _key(x):
    """An end as it must stay: its type, its sign (-0.0 is not 0.0) and its value (NaN is NaN)."""
    if isinstance(x, float):
        return ("float", math.copysign(1.0, x), "nan" if math.isnan(x) else x)
    return (type(x).__name__, x)


def _same(iv: Interval, lo, hi) -> bool:
    return type(iv) is Interval and _key(iv.lo) == _key(lo) and _key(iv.hi) == _key(hi)


def _ref_mul(a, b, c, d):
    p = (a * c, a * d, b * c, b * d)
    return min(p), max(p)


def _pairs(n_random: int = 3000):
    rng = random.Random(12)
    pairs = list(itertools.product(ENDS, repeat=2))
    for _ in range(n_random):
        pairs.append(tuple(rng.choice(ENDS) if rng.random() < 0.3 else
                           rng.choice([rng.randint(-50, 50), float(rng.randint(-50, 50)), rng.uniform(-100, 100)])
                           for _ in range(2)))
    return pairs


def _interval(lo, hi) -> Interval:
    iv = Interval(lo, hi)
    assert iv.lo is lo and iv.hi is hi
    return iv


def test_product_and_quotient_as_min_and_max_of_the_four_products():
    checked = 0
    for (a, b), (c, d) in itertools.chain(itertools.product(_pairs(0), repeat=2), zip(_pairs(3000), _pairs(3000)[::-1])):
        x, y = _interval(a, b), _interval(c, d)
        assert _same(x * y, *_ref_mul(a, b, c, d)), (a, b, c, d)
        assert _same(x.__rmul__(y), *_ref_mul(a, b, c, d)), (a, b, c, d)
        if c <= 0 <= d:
            with pytest.raises(ZeroDivisionError, match="pembagi bernilai nol"):
                x / y
        elif c == 0 or d == 0:  # a reversed interval [1, 0]: 1 / 0 raises, as it did
            with pytest.raises(ZeroDivisionError):
                x / y
        else:
            assert _same(x / y, *_ref_mul(a, b, 1 / d, 1 / c)), (a, b, c, d)
        checked += 1
    assert checked > 80_000


@pytest.mark.parametrize("number", [7, -3, 0, 2.5, -0.0, 10**20])
def test_with_a_plain_number(number):
    x = Interval(1.5, 2)
    n = Interval(number, number) if type(number) is int else Interval(float(number), float(number))
    assert _same(x * number, *_ref_mul(1.5, 2, n.lo, n.hi))
    assert _same(number * x, *_ref_mul(1.5, 2, n.lo, n.hi))
    assert _same(x + number, 1.5 + n.lo, 2 + n.hi)
    assert _same(number + x, 1.5 + n.lo, 2 + n.hi)
    assert _same(x - number, 1.5 - n.hi, 2 - n.lo)
    assert _same(number - x, n.lo - 2, n.hi - 1.5)
    if number:
        assert _same(x / number, *_ref_mul(1.5, 2, 1 / n.hi, 1 / n.lo))


def test_sum_difference_negation_and_of():
    for (a, b), (c, d) in itertools.product(_pairs(0), repeat=2):
        x, y = _interval(a, b), _interval(c, d)
        assert _same(x + y, a + c, b + d)
        assert _same(x - y, a - d, b - c)
        assert _same(-x, -b, -a)
    assert _same(Interval.of(5), 5, 5)
    assert _same(Interval.of(True), 1.0, 1.0)  # a bool is no int here: float(True), as before
    assert _same(Interval.of(-0.0), -0.0, -0.0)
    iv = Interval(1, 2)
    assert Interval.of(iv) is iv
    with pytest.raises(ValueError):
        Interval.of("x")


_OLD_NOT_DIGITS = re.compile(r"[^0-9]")


def _old_exact_number(text, value, decimals=0):
    """engine/interval.py's exact_number before round 9, as it was."""
    try:
        if value is None or not isinstance(text, str):
            return value
        v = float(value)
        if not math.isfinite(v) or v != int(v):
            return value
        head, _, frac = text.partition(",")
        if int(decimals or 0) and _OLD_NOT_DIGITS.sub("", frac).strip("0"):
            return value
        digits = _OLD_NOT_DIGITS.sub("", head)
        if not digits or len(digits) > 30:
            return value
        n = int(digits) * (-1 if v < 0 else 1)
        if abs(n - v) > max(1.0, abs(v) * 1e-12):
            return value
        return n
    except (TypeError, ValueError, OverflowError):
        return value


# printed forms of the shipped datasets and reports, and the characters that could trip a short path:
# other digits (Arabic-Indic, superscript, full-width), signs, spaces, units
_TEXTS = ["1%", "100%", "1.814.398.500,-", "1,00%", "90%", "278.634.000,00", "845.666.150", "0,36",
          "11165 org", "5 dok", "Rp. 20.483.638.350,00", "Rp 21.434.874.461,-", "-7", "-7,31%", "2.5", "",
          ",", ",00", ",-", "%", "..", "1.000.000.000.000.000.000.000.000.000.000", "12,0%", "12,05%",
          "1,0 0", "٣", "1٣", "²", "１２", "1²,00", "00%", "7,00-", "1 000", "(5)", "5*", "10,5", "-0",
          # near the tolerance's bend (1 below 10^12, |value| x 10^-12 above)
          "99.999.999.999", "100.000.000.001", "5.000.000.000.003", "12.345.678.901.234", "50.000.000.000.030"]
_CHARS = "0123456789.,%- R٣²１o"


def _values_for(text):
    digits = _OLD_NOT_DIGITS.sub("", text.partition(",")[0])
    base = float(int(digits)) if digits and len(digits) < 300 else 1.0
    return [base, -base, base + 1, base - 1, base + 2, base - 3, base + 0.5, base * (1 + 1e-12), base * (1 - 3e-12),
            5e12, 5e13, 1.2345678901231e13, 99999999998.0, 0.0, -0.0, 1e11, 1e11 + 1,
            -1e11, 1e12, 1e13 + 3, 1e30, math.inf, -math.inf, math.nan, 2.0 ** 53 + 2]


def test_exact_number_as_before():
    rng = random.Random(7)
    texts = _TEXTS + ["".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 14))) for _ in range(3000)]
    cases = 0
    for text in texts:
        for value in _values_for(text):
            for decimals in (0, 2, 1, 12):
                old, new = _old_exact_number(text, value, decimals), exact_number(text, value, decimals)
                assert _key(new) == _key(old), (text, value, decimals, old, new)
                cases += 1
    assert cases > 200_000
    # other types take the general path, as before
    for args in [("100", 100, 0), ("100", None, 0), (None, 100.0, 0), ("1,50", 1.0, 2.0), ("1,50", 1.0, None),
                 ("7", True, 0), ("7", 7.0, "x"), ("7", "7", 0), ("7", float("nan"), 0)]:
        assert _key(exact_number(*args)) == _key(_old_exact_number(*args)), args
