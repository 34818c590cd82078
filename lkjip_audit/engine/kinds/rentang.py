"""kind `rentang_target`: an IKU whose target is printed as a range ("5,5-6,0", "9,80-9,50",
"5 s.d. 7"; numbers.py reads it as RENTANG with both ends as printed), taken as an interval.

`check: capaian`  the printed capaian must follow one of the conventions in use for a range:
                  realisasi against the first end or the second end as printed (by the IKU's
                  polarity and achievement convention: R/T; (2 - R/T); T/R), or 100% when the
                  realisasi lies inside the range. `state: true` instead reports, as info, which
                  convention the printed capaian follows (the inference, stated).
`check: status`   "within target": a realisasi inside the range is Tercapai; outside it, on the
                  good side of the IKU's polarity (above a higher-is-better range, below a
                  lower-is-better one) Tercapai too, on the other side Tidak Tercapai. Only on the
                  Tercapai-at-100 scale; the Permendagri bands grade the capaian (STA001).

Passing:  target "5,5-6,0", realisasi 5,8, capaian 100%, status Tercapai (inside the range)
Failing:  target "5,5-6,0", realisasi 5,8, capaian 90%  -> 5,8 / 5,5 = 105,45%; 5,8 / 6,0 = 96,67%;
          inside the range 100%: none gives 90%
          target "5,5-6,0", realisasi 5,2, status Tercapai -> below the range: Tidak Tercapai
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...numbers import RENTANG, format_id, parse_range
from ..context import norm_text
from ..findings import Finding, location_of
from ..interval import Interval
from . import RuleKind, param


@dataclass
class Params:
    """The keys of a `rentang` rule."""
    check: Literal["capaian", "status"] = param(doc="capaian: the printed capaian against the range; "
                                                    "status: Tercapai when the realisasi is within target")
    state: bool = param(False, doc="capaian only: report (info) which convention the printed capaian follows")


def _ranges(ctx):
    """(subject, target fact, first end, second end, decimals) of every IKU whose target of this
    year is printed as a range (the first such copy)."""
    seen = {}
    for f in ctx.by_concept.get("target", ()):  # the targets only, in the table's order (not every fact)
        if f.status != RENTANG or f.subject_kind != "iku" or f.subject in seen:
            continue
        if f.period is not None and int(f.period) != ctx.year:
            continue
        p = parse_range(f.text)
        if p.status != RENTANG:
            continue
        seen[f.subject] = (ctx.subjects[f.subject], f, p.low, p.high, int(p.decimals or 0))
    return list(seen.values())


def _candidates(ctx, subject, r: Interval, rv: float, ends, decimals):
    """(label id, label en, interval, value from the printed figures) of every convention's capaian
    for this realisasi (interval r, printed value rv)."""
    pol = subject.attrs.get("polarity") or "higher"
    conv = subject.attrs.get("convention")
    out = []
    for (name_id, name_en), end in zip((("ujung pertama", "first end"), ("ujung kedua", "second end")), ends):
        t = Interval.printed(end, decimals, ctx.rounding or "round")
        shown = format_id(end, decimals)
        forms = []
        if end == 0:
            continue
        if pol == "lower":
            if conv in (None, "inverse", "deviation"):
                forms.append((f"(2 - R / {shown}) × 100%", (2 - r / t) * 100, (2 - rv / end) * 100))
            if conv in (None, "ratio") and rv != 0 and (r.lo > 0 or r.hi < 0):
                forms.append((f"{shown} / R × 100%", t / r * 100, end / rv * 100))
        else:
            forms.append((f"R / {shown} × 100%", r / t * 100, rv / end * 100))
        for text, iv, v in forms:
            capped = ctx.capped(iv)
            out.append((f"{name_id} {shown}: {text}", f"{name_en} {shown}: {text}", capped,
                        min(v, capped.hi) if capped is not iv else v))
    lo, hi = min(ends), max(ends)
    if lo <= rv <= hi:
        out.append(("di dalam rentang: 100%", "inside the range: 100%", Interval.exact(100.0), 100.0))
    return out


def _within(subject, r: float, ends) -> bool:
    lo, hi = min(ends), max(ends)
    if lo <= r <= hi:
        return True
    return r > hi if (subject.attrs.get("polarity") or "higher") != "lower" else r < lo


def run(rule, ctx, out, stats):
    for subject, tf, first, second, decimals in _ranges(ctx):
        key = subject.key
        c_r = ctx.consensus(key, "realisasi", ctx.year)
        if c_r is None or c_r.interval is None:
            stats.skip(rule, key, "target berupa rentang, realisasi tidak tercetak")
            continue
        r = c_r.interval
        rng = f"{tf.text.strip()}"
        if rule.check == "status":
            _status(rule, ctx, out, stats, subject, tf, c_r, (first, second), rng)
            continue
        c = ctx.consensus(key, "capaian", ctx.year)
        if c is None or c.interval is None:
            stats.skip(rule, key, "target berupa rentang, capaian tidak tercetak")
            continue
        stats.checks += 1
        cands = _candidates(ctx, subject, r, c_r.reference.value, (first, second), decimals)
        fits = [x for x in cands if x[2].overlaps(c.interval)]
        printed = c.reference.facts[0].text.strip()
        r_text = c_r.reference.facts[0].text.strip()
        listing = {lang: "; ".join(f"{x[0 if lang == 'id' else 1]} = {format_id(x[3], 2)}%" for x in cands)
                   for lang in ("id", "en")}
        if rule.state:
            if not fits:
                continue
            why = {"id": f"target {rng}, realisasi {r_text} (R), capaian tertulis {printed}: sesuai "
                         + " / ".join(x[0] for x in fits),
                   "en": f"target {rng}, actual {r_text} (R), printed achievement {printed}: follows "
                         + " / ".join(x[1] for x in fits)}
            expected, exp_iv = printed, None
        else:
            if fits:
                continue
            why = {"id": f"target {rng}, realisasi {r_text} (R): {listing['id']}; tidak satu pun = {printed}",
                   "en": f"target {rng}, actual {r_text} (R): {listing['en']}; none is {printed}"}
            expected = " / ".join(f"{format_id(x[3], 2)}%" for x in cands)
            exp_iv = None
        f = out.add((rule.id, key), lambda: Finding(
            rule=rule, subject=key, subject_name=subject.name, concept="capaian", period=ctx.year,
            found=c.reference.value, found_text=printed, expected=expected, expected_interval=exp_iv, why=why,
            decimals=int(c.reference.facts[0].decimals or 0), unit="%", extra={"range": rng}))
        for fact in c.agreeing:
            out.add_location(f, location_of(fact))
        out.add_location(f, location_of(tf, "input"))


def _status(rule, ctx, out, stats, subject, tf, c_r, ends, rng):
    rv, r_text = c_r.reference.value, c_r.reference.facts[0].text.strip()
    if ctx.conventions.get("status_scale", "tercapai_100") != "tercapai_100":
        stats.skip(rule, subject.key, "target berupa rentang: status menurut kategori capaian (STA001)")
        return
    bands = ctx.conventions.get("status_bands") or ()
    labels = [label for _, label in bands] or ["Tercapai", "Tidak Tercapai"]
    yes, no = labels[0], labels[-1]
    for f in ctx.facts:
        if f.subject != subject.key or f.concept != "status" or f.status != "ok":
            continue
        stats.checks += 1
        expected = yes if _within(subject, rv, ends) else no
        if norm_text(f.text) == norm_text(expected):
            continue
        inside = min(ends) <= rv <= max(ends)
        where = {"id": "di dalam rentang" if inside else "di luar rentang",
                 "en": "inside the range" if inside else "outside the range"}
        why = {lang: (f"realisasi {r_text} {where[lang]} target {rng}" if lang == "id"
                      else f"actual {r_text} {where[lang]} of the target {rng}")
               + (f" (polaritas {subject.attrs.get('polarity') or 'higher'})" if lang == "id"
                  else f" (polarity {subject.attrs.get('polarity') or 'higher'})") for lang in ("id", "en")}
        fnd = out.add((rule.id, subject.key, norm_text(f.text)), lambda: Finding(
            rule=rule, subject=subject.key, subject_name=subject.name, concept="status", period=ctx.year,
            found=f.text.strip(), found_text=f.text.strip(), expected=expected, expected_interval=None,
            why=why, extra={"range": rng}))
        out.add_location(fnd, location_of(f))
        out.add_location(fnd, location_of(tf, "input"))


KIND = RuleKind("rentang_target", Params, run, placeholders=frozenset({"range"}),
                summary={"id": "target berupa rentang (A-B): capaian dan status 'dalam target' dinilai sebagai interval",
                         "en": "a target printed as a range (A-B): achievement and 'within target' judged as an interval"},
                doc=__doc__)
