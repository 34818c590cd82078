import pytest

from lkjip_audit.engine.interval import Interval


def test_printed_interval_round_and_truncate():
    iv = Interval.printed(102.56, 2)
    assert (iv.lo, iv.hi) == pytest.approx((102.555, 102.565))
    tr = Interval.printed(102.56, 2, "truncate")
    assert (tr.lo, tr.hi) == pytest.approx((102.56, 102.57))
    neg = Interval.printed(-7.31, 2, "truncate")
    assert (neg.lo, neg.hi) == pytest.approx((-7.32, -7.31))


def test_rounded_formula_agrees_within_printed_precision():
    realisasi, target = Interval.printed(92.30, 2), Interval.exact(90)
    assert (realisasi / target * 100).overlaps(Interval.printed(102.56, 2))
    assert not (realisasi / target * 100).overlaps(Interval.printed(102.60, 2))


def test_minus_831_never_agrees_with_minus_7_31_over_1():
    capaian = Interval.printed(-7.31, 2) / Interval.exact(1) * 100
    assert not capaian.overlaps(Interval.printed(-831, 0))
    assert capaian.overlaps(Interval.printed(-731, 0))


def test_one_rupiah_is_a_difference():
    assert not Interval.exact(21434874461).overlaps(Interval.exact(21434874462))


def test_division_by_an_interval_holding_zero_is_refused():
    with pytest.raises(ZeroDivisionError):
        Interval.exact(1) / Interval(-0.5, 0.5)


def test_ordering_judges_the_printed_value():
    assert Interval.printed(100.0, 2) >= 100
    assert Interval.printed(100.0, 0) >= 100
    assert not (Interval.printed(99.98, 2) >= 100)
    assert not (Interval.printed(99, 0, "truncate") >= 100)   # [99, 100): not achieved
    assert Interval.printed(100, 0, "truncate") >= 100
    assert Interval(1, 2) - Interval(0.5, 1) == Interval(0, 1.5)


def test_touching_printed_intervals_do_not_agree():
    """92,30 and 92,31 share only the boundary 92,305, which prints as one of them only."""
    assert not Interval.printed(92.30, 2).overlaps(Interval.printed(92.31, 2))
    assert Interval.printed(92.3, 1).overlaps(Interval.printed(92.31, 2))
    assert Interval.exact(92.305).overlaps(Interval.printed(92.30, 2))


def test_one_sen_is_a_difference_in_billions():
    assert not Interval.exact(17823573700.00).overlaps(Interval.exact(17823573700.01))


def _overlaps_as_written_before(a, b):
    """Interval.overlaps as it was written before its disjoint-pair shortcut (round 6): the slack
    first, then the test."""
    lo, hi, olo, ohi = a.lo, a.hi, b.lo, b.hi
    if all(type(x) is int for x in (lo, hi, olo, ohi)):
        eps = 0
    else:
        eps = 1e-14 * max(1.0, abs(lo), abs(hi), abs(olo), abs(ohi))
    if lo == hi or olo == ohi:
        return lo <= ohi + eps and olo <= hi + eps
    return min(hi, ohi) - max(lo, olo) > eps


def test_overlaps_gives_what_it_gave_before_its_shortcut():
    import itertools
    import math

    ends = [0, 1, 2, -1, 10 ** 15, 0.0, 0.5, 1.0, 1.0000000000000002, 2.5, -0.5, 1e300, -1e300,
            math.inf, -math.inf, math.nan, 92.305, 92.315]
    pairs = [(a, b) for a, b in itertools.product(ends, repeat=2) if not a > b]
    for (lo, hi), (olo, ohi) in itertools.product(pairs, repeat=2):
        a, b = Interval(lo, hi), Interval(olo, ohi)
        assert a.overlaps(b) == _overlaps_as_written_before(a, b), (lo, hi, olo, ohi)
