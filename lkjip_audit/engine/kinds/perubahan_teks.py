"""kind `perubahan_teks` (`requires: document`): a change the report states in its text,
"penurunan sebesar X%, yaitu dari A% menjadi B%", "naik C poin dari A% menjadi B%", "dari A menjadi
B, atau naik sebesar X%" (read by readers/narrative_general.py `read_changes`), checked against its
own two ends, within their printed rounding:

* the direction: a penurunan / turun needs B < A, a kenaikan / naik B > A;
* the size X, read as the text says: "poin", "persen poin", "pp" -> the difference |B - A| in
  percentage points; A and B counts (no %) and X in % -> the relative change |B - A| / |A| × 100%;
  A and B counts and X without % -> the difference |B - A|.
* When A, B and X are all percentages and the text does not say which ("sebesar 2,5%"), the
  report's convention is used, and the finding names it: `percent_change: points | relative` in
  lkjip-audit.yaml, or else the one that fits most of the report's own changes of that form
  (points on a tie), stated with that evidence (docs/domain.md "Changes").

Passing:  "penurunan sebesar 2,5%, yaitu dari 12,5% menjadi 10%"   (12,5 - 10 = 2,5 points)
Failing:  "naik 1,5 poin dari 8,3% menjadi 9,5%"                  -> 9,5 - 8,3 = 1,2 points
          "kenaikan sebesar 2%, yaitu dari 12% menjadi 10%"        -> 12% -> 10% is a decrease
"""
from __future__ import annotations

from dataclasses import dataclass

from ...numbers import format_id, parse_number
from ..findings import Finding
from ..interval import Interval
from . import RuleKind

POINTS, RELATIVE, DIFFERENCE = "points", "relative", "difference"


@dataclass
class Params:
    """The keys of a `perubahan_teks` rule: none beyond the common ones."""


def _num(text: str, rounding: str):
    p = parse_number(text.strip())
    if p.status != "ok" or p.value is None:
        return None
    d = int(p.decimals or 0)
    if not d and p.unit != "%" and float(p.value).is_integer():
        return Interval.exact(float(p.value)), p.value, 0, False
    return Interval.printed(p.value, d, rounding), p.value, d, p.unit == "%"


def _reading(c, a_pct: bool, b_pct: bool) -> str | None:
    """How the text itself says X is meant; None when it leaves points vs relative open."""
    unit = c["x_unit"]
    if any(w in unit for w in ("poin", "point", "pp")):
        return POINTS
    pct = unit in ("%", "persen")
    if not (a_pct or b_pct):
        return RELATIVE if pct else DIFFERENCE
    return None if pct else POINTS


def _size(how, a, b):
    """(interval, value) of the change's size read `how`; None when A is 0 for a relative change."""
    (ai, av, *_), (bi, bv, *_) = a, b
    if how == RELATIVE:
        if av == 0:
            return None
        return abs(bi - ai) / abs(ai) * 100, abs(bv - av) / abs(av) * 100
    return abs(bi - ai), abs(bv - av)


_NAMES = {POINTS: ("poin persen", "percentage points"), RELATIVE: ("persen relatif (terhadap A)", "percent of A"),
          DIFFERENCE: ("selisih", "difference")}


def run(rule, ctx, out, stats):
    # the report reader's sentence patterns: imported when a report is checked, not at start-up
    from ...readers.narrative_general import read_changes
    from ..document_checks import _loc

    doc = getattr(ctx.dataset, "document", None)
    if doc is None:
        return
    rounding = ctx.rounding or "round"
    items = []
    for line, text in sorted(doc.lines.items()):
        for c in read_changes(text):
            a, b, x = _num(c["a"], rounding), _num(c["b"], rounding), _num(c["x"], rounding)
            if a is None or b is None or x is None:
                stats.skip(rule, None, f"perubahan baris {line} '{c['quote']}': angka tidak terbaca")
                continue
            items.append((line, c, a, b, x, _reading(c, a[3], b[3])))
    convention, evidence = _convention(ctx, items)
    for line, c, a, b, x, how in items:
        stats.checks += 1
        problems_id, problems_en = [], []
        wrong_way = (c["direction"] == "down" and not b[1] < a[1]) or (c["direction"] == "up" and not b[1] > a[1])
        if wrong_way:
            problems_id.append(f"dari {c['a']} menjadi {c['b']} bukan {c['word']}")
            problems_en.append(f"from {c['a']} to {c['b']} is not {'a decrease' if c['direction'] == 'down' else 'an increase'}")
        used = how or convention
        size = _size(used, a, b)
        if size is None:
            stats.skip(rule, None, f"perubahan baris {line}: A = 0, perubahan relatif tidak dapat dihitung")
            if not wrong_way:
                continue
        elif not size[0].overlaps(x[0]):
            decimals = x[2] or 2
            if how is None:
                how_id, how_en = f"konvensi {_NAMES[used][0]} ({evidence['id']})", \
                    f"convention {_NAMES[used][1]} ({evidence['en']})"
            else:
                how_id, how_en = f"{_NAMES[used][0]}, sebagaimana disebut teks", f"{_NAMES[used][1]}, as the text says"
            rel = " / " + format_id(a[1], max(a[2], 0)) + " × 100%" if used == RELATIVE else ""
            suffix = {POINTS: " poin", RELATIVE: "%", DIFFERENCE: ""}[used]
            shown = f"|{c['b']} - {c['a']}|{rel} = {format_id(size[1], decimals)}{suffix}"
            problems_id.append(f"{shown}, tertulis {_printed(c)} [{how_id}]")
            problems_en.append(f"{shown}, printed {_printed(c)} [{how_en}]")
        if not problems_id:
            continue
        expected = round(size[1], 6) if size is not None else None
        f = out.add((rule.id, line, c["quote"]), lambda: Finding(
            rule=rule, subject=None, subject_name="", concept=None, period=None, found=x[1],
            found_text=_printed(c),
            expected=expected, expected_interval=None, decimals=x[2] or 2,
            why={"id": "; ".join(problems_id), "en": "; ".join(problems_en)}, extra={"change": c["quote"]}))
        out.add_location(f, _loc(ctx, line, c["quote"]))


def _printed(c) -> str:
    """X with its unit word, as printed ("2,5%", "1,5 poin")."""
    return c["x"] + ("%" if c["x_unit"] == "%" else (" " + c["x_unit"] if c["x_unit"] else ""))


def _convention(ctx, items) -> tuple[str, dict]:
    """The convention for changes whose text leaves points vs relative open: declared, or inferred
    from the report's own changes of that form, with the evidence."""
    declared = (ctx.conventions or {}).get("percent_change")
    if declared:
        src = (ctx.conventions.get("sources") or {}).get("percent_change", "lkjip-audit.yaml")
        return declared, {"id": f"dinyatakan di {src}", "en": f"declared in {src}"}
    open_ = [(a, b, x) for _, _, a, b, x, how in items if how is None]
    fits = {k: sum(1 for a, b, x in open_ if (s := _size(k, a, b)) is not None and s[0].overlaps(x[0]))
            for k in (POINTS, RELATIVE)}
    pick = RELATIVE if fits[RELATIVE] > fits[POINTS] else POINTS
    n = len(open_)
    return pick, {"id": f"laporan tidak menyebutnya; disimpulkan: {fits[pick]} dari {n} perubahan laporan ini cocok",
                  "en": f"the report does not say; inferred: {fits[pick]} of its {n} changes fit"}


KIND = RuleKind("perubahan_teks", Params, run, requires="document", placeholders=frozenset({"change"}),
                omits=frozenset({"subject", "subject_name", "concept", "period", "table"}),
                summary={"id": "perubahan yang disebut di narasi (dari A menjadi B sebesar C) sesuai kedua ujungnya",
                         "en": "a change stated in the text (from A to B by C) agrees with its two ends"},
                doc=__doc__)
