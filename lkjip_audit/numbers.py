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
* Ranges ("5,5-6,0", "9,80-9,50", "5 s.d. 7") are RENTANG: no single value, both ends in
  `low`/`high` (parse_range). "tidak ada data", "data BPS belum rilis" are KOSONG (noted).
* Repaired with a note (_repair): "- 28,39%", "17.823.573.700, -", a number wrapped inside its
  cell "20.483.638.3 50" when the digit grouping proves it is one number.
* A column decides how a lone dot is meant (column_style): in a column of "88.4", "95.56" a
  "1.500" is 1,5 (parse_number(..., style="en")), said in a note.
* Anything else is TIDAK_TERBACA with a short Indonesian reason: comparison targets ("≥ 80%"), parentheses without
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
from decimal import ROUND_HALF_UP, Context, Decimal


OK, KOSONG, TIDAK_TERBACA, RENTANG = "ok", "kosong", "tidak_terbaca", "rentang"
MAX_LEN = 120

_BLANKS = frozenset({"", "-", "--", "–", "—", "−", "n/a", "na", "n.a", "n.a.", "#n/a"})
_NOT_AVAILABLE = re.compile(
    r"(?:tidak|belum)\s+(?:ada|tersedia)(?:\s+data)?|data\b.{0,30}\bbelum\s+(?:rilis|tersedia|ada)|"
    r"belum\s+rilis|tidak\s+ada\s+target|tdk\s+ada\s+data", re.I)
_MINUS = "-−–"
_UNIT_ALIASES = {"persen": "%", "rupiah": "Rp"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"), None)
_FOOT = "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰"

_RANGE = re.compile(r"[0-9]%? ?(?:[-−–—]|s\.? ?d\b\.?|s/d|sampai|hingga) ?[0-9]", re.I)
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
    low: float | None = None      # a range ("5,5-6,0"): its two ends, as printed (first, second)
    high: float | None = None


def _bad(text, reason: str) -> ParsedNumber:
    return ParsedNumber(text, TIDAK_TERBACA, None, None, None, None, (), reason)


def _id_decimal(num: str) -> Decimal:
    """An Indonesian-style number whose shape was already checked: "1.234.567,89". (A Decimal made
    from a string keeps every digit whatever the context's precision: no wide context needed.)"""
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


def parse_number(text: str, default_unit: str | None = None, style: str | None = None) -> ParsedNumber:
    """Parse one printed cell; never raises (see module docstring for policy).

    `style` is the column's decision from column_style(): "en" reads "1.500" as 1,5 (noted)."""
    if not isinstance(text, str):
        return _bad(text, "bukan teks")
    m = _COMMON.fullmatch(text)
    if m is not None and style != "en" and len(text) <= MAX_LEN and not (m[2] and (m[6] or m[7])):
        return ParsedNumber(text, *_common(m, default_unit))
    m = _PLAIN.fullmatch(text)
    if m is not None and len(text) <= MAX_LEN:
        # the common cell ("1.234,56", "-7,31%", "24"): none of the checks and repairs below can
        # apply to it (no space, letter, bracket or inner dash), so it goes straight to the end
        return _read(text, m["s1"], None, m["num"], None, None, None, m["pct"], default_unit, style, [])
    s = " ".join(text.translate(_INVISIBLE).split())
    if s.lower() in _BLANKS:
        return ParsedNumber(text, KOSONG, None, None, None, None, (), None)
    if len(s) > MAX_LEN:
        return _bad(text, "teks terlalu panjang")
    if _NOT_AVAILABLE.fullmatch(s):
        return ParsedNumber(text, KOSONG, None, None, None, None, ("data tidak tersedia",), None)
    if s[0] in "<>≤≥=":
        return _bad(text, "tanda pembanding")
    if _RANGE.search(s):
        return parse_range(text, default_unit)
    notes: list[str] = []
    s, repaired = _repair(s)
    notes.extend(repaired)
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
    return _read(text, sign, m["rp"], m["num"], m["dash"], m["fn1"] or m["fn2"], m["word"], m["pct"],
                 default_unit, style, notes)


# a cell that is only a number, maybe signed, maybe with "%": what _SHAPE would match of it
_PLAIN = re.compile(r"(?P<s1>-)?(?P<num>[0-9](?:[0-9.,]*[0-9])?)(?P<pct>%)?")


# the commonest cells, read without Decimal: "75", "75,5", "1.234.567", "1.234.567,00", "-7,31%",
# "17.823.573.700,-", "Rp. 24.434.942.859,00", "1.000 org" (Indonesian: thousands grouped by "." in
# threes, one "," before the decimals; a "%", a count word or "Rp" before, never two of them)
_COMMON = re.compile(r"(-)?(?:(Rp)\.? ?)?([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]+)|(,-))?"
                     r"(?:(%)| ([A-Za-z]{2,})\.?)?")


def _common(m, default_unit) -> tuple:
    """What _read gives for a cell _COMMON matched, as parse_fields' tuple (float() of the digits
    rounds as float(Decimal) does: both round the exact decimal once; MAX_LEN digits at most are
    always finite)."""
    sign, rp, whole, frac, dash, pct, word = m.groups()
    grouped = "." in whole
    value = float((whole.replace(".", "") if grouped else whole) + ("." + frac if frac else ""))
    notes = ("akhiran ,-",) if dash else ()
    if rp:
        unit = "Rp"
    elif pct:
        unit = "%"
    elif word:
        unit = word.lower()
        unit = _UNIT_ALIASES.get(unit, unit)
    else:
        unit = default_unit
        if default_unit == "%":
            notes = (*notes, "tanpa tanda %")
    # -Decimal(0) is +0: a printed "-0" or "-0,00" is 0.0, not -0.0
    return OK, -value if sign and value else value, len(frac) if frac else 0, unit, \
        "id" if grouped or frac else "plain", notes, None


def parse_fields(text: str, default_unit: str | None = None, style: str | None = None) -> tuple:
    """parse_number's result without its text, as a plain tuple (status, value, decimals, unit,
    style, notes, reason); the commonest cells are read without making a ParsedNumber (a frozen
    dataclass costs half of such a cell's reading). For the dataset reader's many cells."""
    if type(text) is str and style != "en" and len(text) <= MAX_LEN:
        m = _COMMON.fullmatch(text)
        if m is not None and not (m[2] and (m[6] or m[7])):
            return _common(m, default_unit)
    p = parse_number(text, default_unit, style)
    return p.status, p.value, p.decimals, p.unit, p.style, p.notes, p.reason


def _read(text, sign, rp, num, dash, footnote, word, pct, default_unit, style, notes) -> ParsedNumber:
    """The value of a cell whose shape _SHAPE (or _PLAIN) matched, in its parts."""
    if rp and (pct or word):
        return _bad(text, "satuan ganda")
    try:
        if style == "en" and re.fullmatch(r"[0-9]+\.[0-9]{3}", num):
            got = (Decimal(num), "en", 3, ("titik sebagai desimal (diputuskan per kolom)",))
        else:
            got = _classify(num)
    except ArithmeticError:
        return _bad(text, "format Indonesia tidak sah")
    if isinstance(got, str):
        return _bad(text, got)
    value, style, decimals, extra = got
    notes.extend(extra)
    if dash:
        if decimals:
            return _bad(text, "bukan angka")
        notes.append("akhiran ,-")
    if footnote:
        notes.append("tanda catatan kaki")
    if rp:
        unit = "Rp"
    elif pct:
        unit = "%"
    elif word:
        unit = _UNIT_ALIASES.get(word.lower(), word.lower())
    else:
        unit = default_unit
        if default_unit == "%":
            notes.append("tanpa tanda %")
    result = float(-value if sign and sign in _MINUS else value)
    if not math.isfinite(result):
        return _bad(text, "angka di luar jangkauan")
    return ParsedNumber(text, OK, result, decimals, unit, style, tuple(notes), None)


_SIGN_SPACE = re.compile(r"^([-−–+]) (?=(?:[Rr][Pp]\.? ?)?[0-9])")
_DASH_SPACE = re.compile(r"(?<=[0-9]), ?([-–]{1,2}) ?(?=[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]*$)")
_WRAPPED = re.compile(r"^(.*[0-9]\.[0-9]{1,2}) ([0-9]{1,2}(?:,[0-9]+)?(?:,[-–])? ?[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]*%?)$")


def _repair(s: str) -> tuple[str, tuple[str, ...]]:
    """Known harmless print defects, each undone with a note: "- 28,39%" (space after the sign),
    "17.823.573.700, -" (space inside ",-"), "20.483.638.3 50" (a number wrapped inside its cell,
    joined only when the digit grouping proves the two parts are one number)."""
    notes = []
    if _SIGN_SPACE.match(s):
        s = _SIGN_SPACE.sub(r"\1", s, count=1)
        notes.append("spasi setelah tanda dihapus")
    if _DASH_SPACE.search(s) and not re.search(r"[0-9],[-–]{1,2}[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]*$", s):
        s = _DASH_SPACE.sub(r",\1", s)
        notes.append("spasi dalam ,- dihapus")
    m = _WRAPPED.match(s)
    if m:
        joined = m.group(1) + m.group(2)
        head = re.search(r"[0-9][0-9.]*", joined)
        if head and _ID_GROUPED.fullmatch(head.group(0)):
            s = joined
            notes.append("digabung dari dua baris sel")
    else:
        m = _WRAPPED_GROUP.match(s)
        if m:
            joined = m.group(1) + m.group(2)
            head = re.search(r"[0-9][0-9.]*", joined)
            if head and _ID_GROUPED.fullmatch(head.group(0).rstrip(".")) and not head.group(0).endswith("."):
                s = joined
                notes.append("digabung dari dua baris sel")
    return s, tuple(notes)


# wrapped inside a thousands group or right after its dot: "17.823.57 3.700,00", "1.535.764. 500,00"
_WRAPPED_GROUP = re.compile(r"^((?:[-−–+]|[Rr][Pp]\.? ?)?[0-9]{1,3}(?:\.[0-9]{3})*\.(?:[0-9]{1,2})?) "
                            r"([0-9]{1,3}(?:\.[0-9]{3})*(?:,[0-9]+)?(?:,[-–])? ?[*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]*%?)$")
_RANGE_SPLIT = re.compile(r"\s*(?:[-−–—]|s\.? ?d\.?|s/d|sampai(?: dengan)?|hingga)\s*", re.I)


def parse_range(text: str, default_unit: str | None = None) -> ParsedNumber:
    """A target range ("5,5-6,0", "9,80-9,50", "5 s.d. 7"): status RENTANG with both ends (`low` is
    the first end as printed, `high` the second; a falling range keeps its order and says so).
    An end that is not a number makes the whole cell unreadable."""
    s = " ".join(str(text).translate(_INVISIBLE).split())
    m = _RANGE.search(s)
    if not m:
        return _bad(text, "bukan rentang")
    cut = _RANGE_SPLIT.search(s, m.start() + 1)
    if not cut:
        return _bad(text, "rentang nilai")
    a, b = s[:cut.start()], s[cut.end():]
    pa_, pb = parse_number(a, default_unit), parse_number(b, default_unit)
    if pa_.status != OK or pb.status != OK:
        return _bad(text, "rentang nilai tidak terbaca")
    unit = pb.unit or pa_.unit
    notes = ["rentang nilai"] + (["rentang menurun"] if pa_.value > pb.value else [])
    return ParsedNumber(text, RENTANG, None, max(pa_.decimals or 0, pb.decimals or 0), unit, pb.style,
                        tuple(notes), f"rentang {a} s.d. {b}", pa_.value, pb.value)


def column_style(texts) -> tuple[str, str | None]:
    """Decide, for one column, how a lone dot is meant: ("id", None) when the column writes Indonesian
    decimals ("88,4") or grouped thousands; ("en", note) when its values use a dot before 1-2 or 4+
    digits ("88.4", "95.56") and no comma decimal, so that a "1.500" in that column is 1,5, not 1500.
    Mixed columns stay "id" with a note; nothing is guessed silently."""
    dot_dec = comma_dec = 0
    for t in texts:
        t = str(t).strip().rstrip("%* ").lstrip("Rp. ")
        if re.fullmatch(r"[-−–]?[0-9]+\.[0-9]{1,2}|[-−–]?[0-9]+\.[0-9]{4,}", t):
            dot_dec += 1
        elif re.fullmatch(r"[-−–]?[0-9.]*[0-9],[0-9]+", t):
            comma_dec += 1
    if dot_dec and not comma_dec:
        return "en", f"kolom memakai titik sebagai desimal ({dot_dec} nilai)"
    if dot_dec and comma_dec:
        return "id", f"kolom mencampur desimal titik ({dot_dec}) dan koma ({comma_dec})"
    return "id", None


_TO_ID = str.maketrans({",": ".", ".": ","})


def format_id(value: float, decimals: int = 2) -> str:
    """Format Indonesian style: format_id(-731) == "-731,00", format_id(1.05) == "1,05".

    Rounds half up; non-finite values come back as str(value).
    """
    if not math.isfinite(value):
        return str(value)
    decimals = max(0, int(decimals))
    exp, ctx = _QUANTUM.get(decimals) or _quantum(decimals)
    q = Decimal(repr(float(value))).quantize(exp, rounding=ROUND_HALF_UP, context=ctx)
    if q == 0:
        q = abs(q)
    # English grouping from Python's formatter, then swap the separators to Indonesian style
    return f"{q:,.{decimals}f}".translate(_TO_ID)


_QUANTUM: dict[int, tuple[Decimal, Context]] = {}


def _quantum(decimals: int) -> tuple[Decimal, Context]:
    """The exponent to round to and a context wide enough for any float (made once per number of
    decimals: a Context per call was most of format_id's cost)."""
    ctx = Context(prec=400 + decimals)
    got = (Decimal(1).scaleb(-decimals, context=ctx), ctx)
    if decimals <= 32:
        _QUANTUM[decimals] = got
    return got
