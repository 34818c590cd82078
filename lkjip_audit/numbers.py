"""Read numbers as printed in LKjIP tables: Indonesian style first, never guess.

Policy (see docs/domain.md, "Numbers as printed"):

* Canonical style is Indonesian: "." groups thousands, "," is the decimal
  separator ("17.823.573.700,00", "-7,31%", "1.000 org").  The strict shape
  check below (ASCII digits, groups of exactly three) is the whole validation;
  the value is then computed with Decimal.  (babel's strict parse_decimal was
  used here first: it added no validation the shape check lacks, and loading
  its locale data cost ~50 ms of the ~100 ms budget of a whole check.)
* A single "." followed by exactly 3 digits is thousands ("1.000" = 1000).
  A "." followed by 1-2 or 4+ digits, with no comma, is an English decimal
  point ("98.80%" = 98.8, note "titik sebagai desimal").
* "," is the decimal separator ("1,231" = 1.231) unless there are 2+ commas
  each followed by exactly 3 digits ("1,231,790,000"): English grouping,
  optionally followed by one "." decimal part ("1,231,790.50").
* Anything else is TIDAK_TERBACA with a short Indonesian reason: ranges
  ("6,0-6,9", "5 s.d. 7"), comparison targets ("≥ 80%"), parentheses without
  an explicit sign ("(1.000)" may be an accounting negative), bad grouping
  ("1.000.00", "1.23.456", "1,2,3", "1234.567", "0.500"), mixed separators,
  Rp together with another unit, words, exponents, nan/inf.
* Tolerated and noted: "Rp"/"Rp." prefix, "%" or a count word after a space
  ("1.000 org", "1 KUBE" -> "kube"), trailing ",-", footnote marks ("*", "†",
  superscripts), a signed value in parentheses, "+", unicode minus and
  en-dash as minus, surrounding/non-breaking/zero-width spaces.
* Values are computed as Decimal and returned as float.  Input longer than
  MAX_LEN characters is rejected, so work per call is bounded and linear.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext


OK, KOSONG, TIDAK_TERBACA = "ok", "kosong", "tidak_terbaca"
MAX_LEN = 120

_BLANKS = frozenset({"", "-", "--", "–", "—", "−", "n/a", "na", "n.a", "n.a.", "#n/a"})
_MINUS = "-−–"
_UNIT_ALIASES = {"persen": "%", "rupiah": "Rp"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"), None)
_FOOT = "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"

_RANGE = re.compile(r"[0-9] ?(?:[-−–—]|s\.? ?d\b\.?|s/d|sampai|hingga) ?[0-9]", re.I)
_SHAPE = re.compile(
    r"(?P<s1>[-−–+])?(?:(?P<rp>[Rr][Pp])\.? ?)?(?P<s2>[-−–+])?"
    r"(?P<num>[0-9](?:[0-9.,]*[0-9])?)(?P<dash>,[-–]{1,2})?"
    rf"(?: ?(?P<fn1>[{_FOOT}]+))?"
    r"(?: ?(?P<pct>%)| (?P<word>[A-Za-z]{2,})\.?)?"
    rf"(?: ?(?P<fn2>[{_FOOT}]+))?"
)
_ID_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_EN_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    text: str
    status: str
    value: float | None
    decimals: int | None
    unit: str | None
    style: str | None
    notes: tuple[str, ...]
    reason: str | None


def _bad(text, reason: str) -> ParsedNumber:
    return ParsedNumber(text, TIDAK_TERBACA, None, None, None, None, (), reason)


def _id_decimal(num: str) -> Decimal:
    """An Indonesian-style number whose shape was already checked: "1.234.567,89"."""
    with localcontext(Context(prec=MAX_LEN * 2)):
        return Decimal(num.replace(".", "").replace(",", "."))


def _classify(num: str) -> tuple[Decimal, str, int, tuple[str, ...]] | str:
    """Digits/dots/commas (starting and ending with a digit) -> value or reason."""
    dots, commas = num.count("."), num.count(",")
    if not dots and not commas:
        return Decimal(num), "plain", 0, ()
    if commas >= 2:
        head, _, frac = num.partition(".")
        if dots <= 1 and _EN_GROUPED.fullmatch(head) and "," not in frac:
            notes = ("pemisah ribuan gaya Inggris",) + (("titik sebagai desimal",) if dots else ())
            return Decimal(head.replace(",", "") + ("." + frac if dots else "")), "en", len(frac), notes
        return "pengelompokan ribuan tidak sah"
    if commas == 1:
        head, frac = num.split(",")
        if "." in frac:
            return "pemisah campuran tidak sah"
        if "." in head and not _ID_GROUPED.fullmatch(head):
            return "pengelompokan ribuan tidak sah"
        return _id_decimal(num), "id", len(frac), ()
    if _ID_GROUPED.fullmatch(num):
        return _id_decimal(num), "id", 0, ()
    if dots == 1 and len(num.split(".")[1]) != 3:
        return Decimal(num), "en", len(num.split(".")[1]), ("titik sebagai desimal",)
    return "pengelompokan ribuan tidak sah"


def parse_number(text: str, default_unit: str | None = None) -> ParsedNumber:
    """Parse one printed cell; never raises (see module docstring for policy)."""
    if not isinstance(text, str):
        return _bad(text, "bukan teks")
    s = " ".join(text.translate(_INVISIBLE).split())
    if s.lower() in _BLANKS:
        return ParsedNumber(text, KOSONG, None, None, None, None, (), None)
    if len(s) > MAX_LEN:
        return _bad(text, "teks terlalu panjang")
    if s[0] in "<>≤≥=":
        return _bad(text, "tanda pembanding")
    if _RANGE.search(s):
        return _bad(text, "rentang nilai")
    notes: list[str] = []
    paren = s.startswith("(") and s.endswith(")")
    if paren:
        s = s[1:-1].strip()
        notes.append("dalam kurung")
    m = _SHAPE.fullmatch(s)
    if not m or (m["s1"] and m["s2"]):
        return _bad(text, "bukan angka")
    sign = m["s1"] or m["s2"]
    if paren and not sign:
        return _bad(text, "kurung tanpa tanda")
    if m["rp"] and (m["pct"] or m["word"]):
        return _bad(text, "satuan ganda")
    try:
        got = _classify(m["num"])
    except ArithmeticError:
        return _bad(text, "format Indonesia tidak sah")
    if isinstance(got, str):
        return _bad(text, got)
    value, style, decimals, extra = got
    notes.extend(extra)
    if m["dash"]:
        if decimals:
            return _bad(text, "bukan angka")
        notes.append("akhiran ,-")
    if m["fn1"] or m["fn2"]:
        notes.append("tanda catatan kaki")
    if m["rp"]:
        unit = "Rp"
    elif m["pct"]:
        unit = "%"
    elif m["word"]:
        unit = _UNIT_ALIASES.get(m["word"].lower(), m["word"].lower())
    else:
        unit = default_unit
        if default_unit == "%":
            notes.append("tanpa tanda %")
    result = float(-value if sign and sign in _MINUS else value)
    if not math.isfinite(result):
        return _bad(text, "angka di luar jangkauan")
    return ParsedNumber(text, OK, result, decimals, unit, style, tuple(notes), None)


_TO_ID = str.maketrans({",": ".", ".": ","})


def format_id(value: float, decimals: int = 2) -> str:
    """Format Indonesian style: format_id(-731) == "-731,00", format_id(1.05) == "1,05".

    Rounds half up; non-finite values come back as str(value).
    """
    if not math.isfinite(value):
        return str(value)
    decimals = max(0, int(decimals))
    with localcontext(Context(prec=400 + decimals)):
        q = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if q == 0:
            q = abs(q)
        # English grouping from Python's formatter, then swap the separators to Indonesian style
        return f"{q:,.{decimals}f}".translate(_TO_ID)
