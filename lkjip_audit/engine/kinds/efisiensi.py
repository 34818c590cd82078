"""kind `kategori_efisiensi`: the efficiency category a report prints per IKU / sasaran, "E" /
"Efisien" or "NE" / "Tidak Efisien", against the indeks efisiensi of the report's method
(`efisiensi_method` in lkjip-audit.yaml, docs/domain.md "Formulas"):

* `capaian_penyerapan` and `ie_te`: IE = % capaian kinerja / % penyerapan anggaran, computed from
  the capaian and penyerapan (a capaian that another rule corrects is used corrected); efisien
  when IE >= 1 (TE = IE x 100% >= 100%);
* `declared`: the report's own efisiensi figure as printed, efisien when it is >= 1 (>= 100 when
  it is printed with %).

Passing:  capaian 102,56%, penyerapan 97,49%: IE = 1,05 -> "E"
Failing:  capaian -731%, penyerapan 98,15%: IE = -7,45 -> "NE", printed "Efisien"
"""
from __future__ import annotations

from dataclasses import dataclass

from ...numbers import format_id
from ..context import MissingInput, norm_text
from ..findings import Finding, location_of
from ..interval import Interval
from . import RuleKind, concept, param, subject_kinds

EFFICIENT = {"e", "efisien", "efficient"}
NOT_EFFICIENT = {"ne", "tidak efisien", "tdk efisien", "kurang efisien", "not efficient", "inefficient"}


@dataclass
class Params:
    """The keys of an `efisiensi` rule."""
    check: str = concept(required=True, doc="the text concept of the printed category (E / NE)")
    for_each: tuple = subject_kinds(doc="subject kinds checked (default: all)")
    threshold: float = param(1.0, doc="the indeks efisiensi from which a subject is efisien", exclusiveMinimum=0)


def _index(rule, ctx, key):
    """(indeks efisiensi as an interval, its printed value, the arithmetic shown) or a reason."""
    method = ctx.conventions.get("efisiensi_method", "capaian_penyerapan")
    year = ctx.year
    if method == "declared":
        c = ctx.consensus(key, "efisiensi", year)
        if c is None or c.interval is None:
            return "tidak ada tingkat efisiensi tercetak (efisiensi_method: declared)"
        text = c.reference.facts[0].text.strip()
        scale = 100.0 if "%" in text else 1.0
        return c.interval / Interval.exact(scale), c.reference.value / scale, text
    ctx.current_period, ctx.roots = year, []
    c = ctx.consensus(key, "capaian", year)
    pen = ctx.consensus(key, "penyerapan", year)
    if c is None or c.interval is None or pen is None or pen.interval is None:
        return "tidak ada capaian atau penyerapan tercetak"
    try:
        cap = ctx.checked_value(c.interval, key, "capaian", year, c)  # corrected when a formula decides
    except MissingInput as e:
        return f"tidak ada {e.what}"
    pen_v = pen.reference.value
    if not pen_v:
        return "penyerapan 0: indeks efisiensi tidak dapat dihitung"
    iv = Interval.of(cap) / pen.interval
    cap_v = Interval.of(cap).mid
    shown = f"{format_id(cap_v, 2)} / {pen.reference.facts[0].text.strip().rstrip('%').strip()} = " \
            f"{format_id(cap_v / pen_v, 2)}"
    return iv, cap_v / pen_v, shown


def run(rule, ctx, out, stats):
    for f in ctx.by_concept.get(rule.check, ()):  # the facts of `check` only, in the table's order
        if f.status != "ok" or (rule.for_each and f.subject_kind not in rule.for_each):
            continue
        if f.period is not None and int(f.period) != ctx.year:
            continue
        word = norm_text(f.text)
        if word not in EFFICIENT | NOT_EFFICIENT:
            stats.skip(rule, f.subject, f"kategori efisiensi '{f.text.strip()}' bukan E / NE")
            continue
        got = _index(rule, ctx, f.subject)
        if isinstance(got, str):
            stats.skip(rule, f.subject, got)
            continue
        iv, value, shown = got
        stats.checks += 1
        efficient = value >= rule.threshold
        if (word in EFFICIENT) == efficient:
            continue
        printed_e = f.text.strip()
        expected = ("E" if efficient else "NE") if len(printed_e) <= 2 else ("Efisien" if efficient else "Tidak Efisien")
        th = format_id(rule.threshold, 2)
        why = {"id": f"indeks efisiensi {shown} {'>=' if efficient else '<'} {th}",
               "en": f"efficiency index {shown} {'>=' if efficient else '<'} {th}"}
        s = ctx.subjects[f.subject]
        fnd = out.add((rule.id, f.subject, word), lambda: Finding(
            rule=rule, subject=s.key, subject_name=s.name, concept=rule.check, period=ctx.year,
            found=printed_e, found_text=printed_e, expected=expected, expected_interval=None, why=why))
        out.add_location(fnd, location_of(f))


KIND = RuleKind("kategori_efisiensi", Params, run,
                summary={"id": "kategori efisiensi (E / NE) sesuai indeks efisiensi metode laporan",
                         "en": "efficiency category (E / NE) agrees with the index of the report's method"},
                doc=__doc__)
