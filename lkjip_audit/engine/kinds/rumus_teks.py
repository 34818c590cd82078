"""kind `rumus_teks` (`requires: document`): the arithmetic of every formula the report prints in
its running text, recomputed from the numbers printed in the formula itself, within their printed
rounding (intervals, docs/domain.md "Rounding"):

* a ratio  "11 / 15 x 100 = 73,33", "(150/200) x 100% = 75%", or a fraction whose bar a PDF copy
  lost ("= 11" on one line, "15 100 = 70,30" on the next);
* a ratio of counts with words between them (Tanah Datar: "36.743 Penduduk ... x 100 = 92.22
  39.834 Penduduk ...");
* a mean   "(97,10% + 95,20%) / 2 = 96,15%", "E = (a + b + c) / 3 = 97,25".

The formulas are found by the report reader's patterns (readers/inline_formulas.py,
readers/narrative_general.py). A formula whose printed result the reader placed as a figure of
an indicator or sasaran (capaian, realisasi) is checked there, by the formula rules (CAP001,
RLS001, CAP005), against the tables; `skip_placed: true` (default) leaves it to them so that one
mistake gives one finding. This kind checks only that the printed result follows from the numbers
printed beside it, never which figures should have been used.

Passing:  "Capaian dihitung 11 / 15 x 100 = 73,33%"   (11 / 15 x 100 = 73,33)
Failing:  "= 11" / "15 100 = 70,30" (Tanah Datar 2015) -> 11 / 15 × 100 = 73,33, printed 70,30
"""
from __future__ import annotations

from dataclasses import dataclass

from ...numbers import format_id, parse_number
from ..findings import Finding
from ..interval import Interval
from . import RuleKind, param


@dataclass
class Params:
    """The keys of a `rumus_teks` rule."""
    skip_placed: bool = param(True, doc="leave a formula whose result is a placed figure to the formula rules")


def _num(text: str, rounding: str):
    """(interval, value, decimals) of one printed number of a formula; None when it is not one. A
    whole number without % (a count: 11 nagari, 36.743 penduduk) is exact; the rest stand for
    every value that prints the same way."""
    p = parse_number(text.strip())
    if p.status != "ok" or p.value is None:
        return None
    if not p.decimals and p.unit != "%" and float(p.value).is_integer():
        return Interval.exact(float(p.value)), p.value, 0
    return Interval.printed(p.value, int(p.decimals or 0), rounding), p.value, int(p.decimals or 0)


def _show(value: float, decimals: int) -> str:
    return format_id(value, decimals)


def formulas(doc) -> list[tuple[int, str, str, list, str]]:
    """(line, quote, kind, operands, result) for every inline formula of the document, in line
    order. A lone "= N" line is read with the next line, as one formula printed on two lines."""
    # the report reader's formula patterns: imported when a report is checked, not at start-up
    from ...readers import inline_formulas as rf
    from ...readers import narrative_general as ng

    out = []
    lines = sorted(doc.lines.items())
    skip = set()
    for i, (line, text) in enumerate(lines):
        if line in skip:
            continue
        if rf.starts_fraction(text) and i + 1 < len(lines):
            nline, ntext = lines[i + 1]
            joined = text.strip() + " " + ntext
            m = rf.FRACTION.search(joined)
            if m:
                out.append((nline, m.group(0).strip(), "ratio", [m.group("n"), m.group("d")], m.group("res")))
                skip.add(nline)
                continue
        hit = False
        for rx in (rf.RATIO, rf.FRACTION):
            for m in rx.finditer(text):
                hit = True
                out.append((line, m.group(0).strip(), "ratio", [m.group("n"), m.group("d")], m.group("res")))
            if hit:
                break
        if not hit:
            for m in ng.RATIO.finditer(text):
                out.append((line, m.group(0).strip(), "ratio", [m.group("n"), m.group("d")], m.group("res")))
        for m in rf.MEAN.finditer(text):
            terms = [t.strip() for t in m.group("terms").split("+")]
            out.append((line, m.group(0).strip(), "mean", terms + [m.group("k")], m.group("res")))
    return out


def _compute(kind, operands, rounding):
    """(interval, value, arithmetic shown with the printed numbers) or None when a number is unreadable."""
    nums = [_num(t, rounding) for t in operands]
    if any(n is None for n in nums):
        return None
    if kind == "ratio":
        (ni, nv, _), (di, dv, _) = nums
        if dv == 0:
            return None
        shown = f"{operands[0].strip().rstrip('%').strip()} / {operands[1].strip().rstrip('%').strip()} × 100"
        return ni / di * 100, nv / dv * 100, shown
    *terms, (_, k, _) = nums
    if k == 0:
        return None
    total_iv = terms[0][0]
    for t in terms[1:]:
        total_iv = total_iv + t[0]
    total = sum(t[1] for t in terms)
    shown = "(" + " + ".join(t.strip().rstrip("%").strip() for t in operands[:-1]) + f") / {operands[-1].strip()}"
    return total_iv / Interval.exact(float(k)), total / k, shown


def _placed(ctx, line: int, result: str) -> bool:
    want = parse_number(result.strip())
    for f in ctx.facts:
        if f.line == line and f.status == "ok" and f.table == "narasi" and f.value is not None \
                and want.value is not None and abs(float(f.value) - want.value) < 1e-9:
            return True
    return False


def run(rule, ctx, out, stats):
    from ..document_checks import _loc

    doc = getattr(ctx.dataset, "document", None)
    if doc is None:
        return
    rounding = ctx.rounding or "round"
    for line, quote, kind, operands, result in formulas(doc):
        if rule.skip_placed and _placed(ctx, line, result):
            continue
        res = _num(result, rounding)
        got = _compute(kind, operands, rounding)
        if res is None or got is None:
            stats.skip(rule, None, f"rumus baris {line} '{quote}': angka tidak terbaca atau pembagi 0")
            continue
        stats.checks += 1
        iv, value, shown = got
        if iv.overlaps(res[0]):
            continue
        decimals = res[2] if res[2] else 2
        exp_text = _show(value, decimals)
        why = {"id": f"{shown} = {exp_text}, tertulis {result.strip()} (baris {line})",
               "en": f"{shown} = {exp_text}, printed {result.strip()} (line {line})"}
        f = out.add((rule.id, line, quote), lambda: Finding(
            rule=rule, subject=None, subject_name="", concept=None, period=None, found=res[1],
            found_text=result.strip(), expected=round(value, 6), expected_interval=(iv.lo, iv.hi), why=why,
            decimals=decimals, extra={"formula": quote}))
        out.add_location(f, _loc(ctx, line, quote))


KIND = RuleKind("rumus_teks", Params, run, requires="document", placeholders=frozenset({"formula"}),
                omits=frozenset({"subject", "subject_name", "concept", "period", "table"}),
                summary={"id": "rumus yang dicetak di narasi dihitung ulang dari angka-angkanya sendiri",
                         "en": "a formula printed in the running text, recomputed from its own numbers"},
                doc=__doc__)
