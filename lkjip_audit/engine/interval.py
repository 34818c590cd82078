"""Closed intervals for printed figures (XBRL Calculations 1.1 semantics, docs/domain.md "Rounding").

A figure printed with d decimals stands for every value that prints the same way:
rounded  -> [v - 0.5*10^-d, v + 0.5*10^-d]; truncated -> [v, v + 10^-d] (mirrored for v < 0).
Arithmetic carries both ends through the formula; two figures agree when their intervals overlap
(`==` is overlap). The ordering comparisons (`>=`, `<`, ...) judge the value as printed, i.e. the
interval's midpoint, as a reader does: "100,00%" is Tercapai, "99%" (truncated) is not.

Exact money: a whole-number exact figure (a rupiah amount, a head count) is kept as a Python int
(`exact_number`), not a float, so sums and comparisons of 15- to 20-digit amounts are exact and a
one-rupiah difference is found (a float holds only ~16 significant digits). Intervals whose four
ends are ints compare with no tolerance; anything else keeps the float path.
"""
from __future__ import annotations

import math
import re

_NOT_DIGITS = re.compile(r"[^0-9]")  # what is left once these are removed: the ASCII digits, in order


def _is_int(x) -> bool:
    return type(x) is int


def exact_number(text, value, decimals=0):
    """The exact value of an exact figure that is a whole number, as an int read from its digits
    ("Rp 21.434.874.461,-" -> 21434874461, "896.935.811,00" -> 896935811); `value` (the parsed
    float) when it has a fraction or its digits do not spell the parsed value (a footnote mark,
    an unusual form)."""
    if type(value) is float and type(text) is str and type(decimals) is int:
        return _exact_fact(text, value, decimals)
    try:
        if value is None or not isinstance(text, str):
            return value
        v = float(value)
        if not math.isfinite(v) or v != int(v):
            return value
        head, _, frac = text.partition(",")
        if int(decimals or 0) and _NOT_DIGITS.sub("", frac).strip("0"):
            return value
        digits = _NOT_DIGITS.sub("", head)
        if not digits or len(digits) > 30:
            return value
        n = int(digits) * (-1 if v < 0 else 1)
        if abs(n - v) > max(1.0, abs(v) * 1e-12):   # the digits are not this number: keep the parse
            return value
        return n
    except (TypeError, ValueError, OverflowError):
        return value


def _exact_fact(text: str, value: float, decimals: int):
    """`exact_number` for a fact's own types (a str, a float, an int), as it computes it: the
    ASCII digits of a text that holds nothing else but dots and percent signs taken by
    `str.replace` instead of the regular expression, and the tolerance's `max` skipped where it is
    1: ~5 500 instead of ~11 000 instructions a call, ~110 calls a Blitar check (round 9).
    tests/test_interval_fast.py holds it equal to exact_number's general path."""
    if not value.is_integer():  # isfinite(v) and v == int(v)
        return value
    head, _, frac = text.partition(",")
    if decimals and frac:
        rest = frac.replace("-", "").replace("%", "")  # "00", "00%", "-": no digit other than 0?
        if not (rest.isascii() and (rest.isdigit() or not rest)):
            rest = _NOT_DIGITS.sub("", frac)
        if rest.strip("0"):
            return value
    digits = head.replace(".", "").replace("%", "")  # "1.814.398.500", "100%"
    if not (digits.isascii() and digits.isdigit()):  # for ASCII, isdigit() is [0-9]+
        digits = _NOT_DIGITS.sub("", head)
        if not digits:
            return value
    if len(digits) > 30:
        return value
    n = int(digits)
    if value < 0:
        n = -n
    if -1e11 < value < 1e11:  # max(1.0, abs(value) * 1e-12) is 1.0 here
        off = n - value
        return value if off > 1.0 or off < -1.0 else n
    return value if abs(n - value) > max(1.0, abs(value) * 1e-12) else n


class Interval:
    """[lo, hi]. A value: never changed once made (a plain class with slots, not a frozen
    dataclass: an evaluation makes hundreds of these, and a frozen dataclass costs ~4x to build)."""
    __slots__ = ("lo", "hi")

    def __init__(self, lo: float, hi: float):
        self.lo = lo
        self.hi = hi

    def __repr__(self) -> str:
        return f"Interval(lo={self.lo!r}, hi={self.hi!r})"

    def __getstate__(self):
        return (self.lo, self.hi)

    def __setstate__(self, state):
        self.lo, self.hi = state

    # -- construction ---------------------------------------------------------------------------
    @staticmethod
    def exact(v: float) -> "Interval":
        iv = _new(Interval)  # Interval(v, v) without its __init__ frame; an int stays an int (exact money)
        iv.lo = iv.hi = v
        return iv

    @staticmethod
    def printed(v: float, decimals: int, rounding: str = "round") -> "Interval":
        step = 10.0 ** -decimals
        if rounding == "truncate":
            return Interval(v, v + step) if v >= 0 else Interval(v - step, v)
        return Interval(v - step / 2, v + step / 2)

    @staticmethod
    def of(x: "Interval | float | int") -> "Interval":
        if isinstance(x, Interval):
            return x
        if type(x) is int:  # an int stays an int (exact money)
            iv = _new(Interval)
            iv.lo = iv.hi = x
            return iv
        iv = _new(Interval)
        iv.lo, iv.hi = float(x), float(x)
        return iv

    # -- queries --------------------------------------------------------------------------------
    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def overlaps(self, other: "Interval | float") -> bool:
        """Whether some value prints as both figures. Printed intervals are half-open ([v-h, v+h)):
        two of them that only touch share no value, so 92,30 and 92,31 never agree; an exact
        figure (a point) agrees with an interval that holds it."""
        o = other if type(other) is Interval else Interval.of(other)
        lo, hi, olo, ohi = self.lo, self.hi, o.lo, o.hi
        if lo == hi or olo == ohi:
            width = None
        else:
            # min(hi, ohi) - max(lo, olo), as min and max choose (the first unless the second is beyond)
            width = (ohi if ohi < hi else hi) - (olo if olo > lo else lo)
            if width <= 0:  # then not more than the slack either (eps >= 0, never NaN)
                return False
        if type(lo) is int and type(hi) is int and type(olo) is int and type(ohi) is int:
            eps = 0  # exact whole numbers (money, counts): no tolerance at all
        else:
            # a tiny relative slack absorbs binary floating point noise, never a printed digit
            eps = 1e-14 * max(1.0, abs(lo), abs(hi), abs(olo), abs(ohi))
        if width is None:
            return lo <= ohi + eps and olo <= hi + eps
        return width > eps

    def is_finite(self) -> bool:
        lo, hi = self.lo, self.hi
        return (type(lo) is int or math.isfinite(lo)) and (type(hi) is int or math.isfinite(hi))

    # -- arithmetic -----------------------------------------------------------------------------
    # The results are made as `_new(Interval)` and two slot stores instead of `Interval(lo, hi)`
    # (whose Python __init__ is a frame of its own: ~1 800 against ~1 150 instructions), and the
    # product's ends by comparisons instead of min() and max() of a 4-tuple: an evaluation does
    # ~7 of these operations; a Blitar check ~240 products and quotients (docs/performance.md,
    # round 9). The same values as before, bit for bit (tests/test_interval_fast.py).
    def __add__(self, other):
        o = other if type(other) is Interval else Interval.of(other)
        iv = _new(Interval)
        iv.lo, iv.hi = self.lo + o.lo, self.hi + o.hi
        return iv

    __radd__ = __add__

    def __sub__(self, other):
        o = other if type(other) is Interval else Interval.of(other)
        iv = _new(Interval)
        iv.lo, iv.hi = self.lo - o.hi, self.hi - o.lo
        return iv

    def __rsub__(self, other):
        return Interval.of(other) - self

    def __neg__(self):
        iv = _new(Interval)
        iv.lo, iv.hi = -self.hi, -self.lo
        return iv

    def __pos__(self):
        return self

    def __mul__(self, other):
        o = other if type(other) is Interval else Interval.of(other)
        return _product(self.lo, self.hi, o.lo, o.hi)

    __rmul__ = __mul__

    def __truediv__(self, other):
        o = other if type(other) is Interval else Interval.of(other)
        olo, ohi = o.lo, o.hi
        if olo <= 0 <= ohi:
            raise ZeroDivisionError("pembagi bernilai nol atau memuat nol")
        return _product(self.lo, self.hi, 1 / ohi, 1 / olo)

    def __rtruediv__(self, other):
        return Interval.of(other) / self

    def __abs__(self):
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(0.0, max(-self.lo, self.hi))

    # -- ordering: the printed value (midpoint) -------------------------------------------------
    def __ge__(self, other):
        return self.mid >= Interval.of(other).mid

    def __gt__(self, other):
        return self.mid > Interval.of(other).mid

    def __le__(self, other):
        return self.mid <= Interval.of(other).mid

    def __lt__(self, other):
        return self.mid < Interval.of(other).mid

    def __eq__(self, other):  # type: ignore[override]
        if isinstance(other, (Interval, int, float)) and not isinstance(other, bool):
            return self.overlaps(other)
        return NotImplemented

    def __ne__(self, other):  # type: ignore[override]
        if isinstance(other, (Interval, int, float)):
            return not self.overlaps(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


_new = object.__new__


def _product(slo, shi, olo, ohi) -> Interval:
    """[slo, shi] x [olo, ohi]: what `Interval(min(p), max(p))` of the four products p gives,
    the same object for the same ends: min() keeps the first item and takes a later one only when
    it is smaller (`<`), max() only when it is larger (`>`), so ties (0.0 and -0.0, 2 and 2.0)
    resolve to the same product as here."""
    lo = hi = slo * olo
    b, c, d = slo * ohi, shi * olo, shi * ohi
    if b < lo:
        lo = b
    if c < lo:
        lo = c
    if d < lo:
        lo = d
    if b > hi:
        hi = b
    if c > hi:
        hi = c
    if d > hi:
        hi = d
    iv = _new(Interval)
    iv.lo, iv.hi = lo, hi
    return iv


def hull(values: "list[Interval]") -> Interval:
    return Interval(min(v.lo for v in values), max(v.hi for v in values))
