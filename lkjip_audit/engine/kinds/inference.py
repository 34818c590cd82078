"""kind `inference`: what the report does not declare is inferred from its own printed figures and
stated (never assumed silently). `about` selects what a rule states; inferring happens in
`prepare`, before any rule runs, and only when an inference rule is loaded.

- polarity: an IKU without one gets a guess from its name (a broad vocabulary of lower-is-better
  quantities: inflasi, kemiskinan, pengangguran, Gini, kematian, kasus, temuan audit, waktu tunggu,
  stunting, ...; "penurunan X" measures a reduction, so it is higher-is-better).
- convention: for lower-is-better IKUs without one, each candidate ((2 - R/T), T/R) is computed from
  the printed realisasi and target and compared with the printed capaian (within rounding); when
  every such IKU fits the same one, the report uses it; otherwise each IKU that fits exactly one
  takes it.
- contradiction: a guessed polarity that the printed figures contradict (a warning).

Passing:  every IKU declares its polarity and convention (nothing inferred)
Failing (info): "Angka kemiskinan" declares nothing and prints capaian 95,24% for target 10 and
          realisasi 10,5: polarity lower (the word 'kemiskinan'), convention T/R (10 / 10,5 × 100% = 95,24%)
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Literal

from ..findings import Finding, subject_location
from ..interval import Interval
from . import RuleKind, param

LOWER_WORDS = [
    "inflasi", "kemiskinan", "penduduk miskin", "pengangguran", "gini", "ketimpangan", "kematian", "mortalitas",
    "kasus", "temuan", "waktu tunggu", "lama waktu", "stunting", "gizi buruk", "balita pendek", "prevalensi",
    "kesakitan", "morbiditas", "kriminalitas", "kejahatan", "kecelakaan", "kebakaran", "banjir", "genangan",
    "kumuh", "putus sekolah", "buta aksara", "kemacetan", "pelanggaran", "pengaduan", "keluhan", "tunggakan",
    "kerugian", "sengketa", "pencemaran", "sampah yang tidak", "rumah tidak layak", "pernikahan dini",
    "perkawinan anak", "narkoba", "penyalahgunaan", "gelandangan", "pengemis", "anak jalanan",
]
REDUCTION_WORDS = ["penurunan", "menurunnya", "berkurangnya", "pengurangan", "turunnya", "penanggulangan",
                   "penanganan", "tertangani", "terlayani", "yang memperoleh", "yang mendapat"]
CANDIDATES = {  # convention -> (formula text, function of realisasi r and target t)
    "ratio": ("T/R × 100%", lambda r, t: t / r * 100),
    "inverse": ("(2 - R/T) × 100%", lambda r, t: (2 - r / t) * 100),
}


@dataclass
class Inference:
    """One thing the report lets the tool infer about a subject (polarity, convention, contradiction)."""
    about: str        # polarity | convention | contradiction
    subject: str
    value: str
    evidence: dict    # {"id": ..., "en": ...}


def guess_polarity(name: str) -> tuple[str, str | None]:
    """(polarity, the word that decided it or None)."""
    n = " ".join(re.sub(r"[^\w]+", " ", str(name).casefold()).split())
    for w in REDUCTION_WORDS:
        if re.search(rf"\b{w}\b", n):
            return "higher", w
    for w in LOWER_WORDS:
        if re.search(rf"\b{w}", n):
            return "lower", w
    return "higher", None


def _printed(ctx, key, concept):
    """The most often printed value of a figure of this year (no corrections: they depend on what
    is being inferred), with its text."""
    facts = [f for f in ctx.by_key.get((key, concept, ctx.year), []) if f.value is not None]
    if not facts:
        return None, None
    value, _ = Counter(f.value for f in facts).most_common(1)[0]
    f = next(f for f in facts if f.value == value)
    return ctx.interval(f), f.text.strip()


def _fits(ctx, subject):
    """Conventions the printed capaian of this IKU fits, the higher-is-better R/T fit, and evidence."""
    r, rt = _printed(ctx, subject.key, "realisasi")
    t, tt = _printed(ctx, subject.key, "target")
    c, ct = _printed(ctx, subject.key, "capaian")
    if r is None or t is None or c is None:
        return None
    fits, shown = [], []
    for name, (text, fn) in CANDIDATES.items():
        try:
            v = fn(r, t)
        except ZeroDivisionError:
            continue
        if Interval.of(v).overlaps(c):
            fits.append(name)
            shown.append(f"{text}: {_show(name, rt, tt, v)} = {ct}")
    try:
        higher = Interval.of(r / t * 100).overlaps(c)
    except ZeroDivisionError:
        higher = False
    return fits, higher, "; ".join(shown), (rt, tt, ct)


def _show(name, rt, tt, v):
    from ..arithmetic import fmt_value, printed

    if name == "ratio":
        return f"{printed(tt)} / {printed(rt)} × 100% = {fmt_value(v, unit='%')}"
    return f"(2 - {printed(rt)} / {printed(tt)}) × 100% = {fmt_value(v, unit='%')}"


def infer(ctx) -> list[Inference]:
    """Fill in what the report leaves undeclared (on the context's own copy of the subjects)."""
    out: list[Inference] = []
    subjects = dict(ctx.subjects)
    guessed = set()
    for key, s in subjects.items():
        if s.kind != "iku" or s.attrs.get("polarity") in ("higher", "lower"):
            continue
        pol, word = guess_polarity(s.name)
        subjects[key] = replace(s, attrs={**s.attrs, "polarity": pol})
        guessed.add(key)
        why = ({"id": f"kata '{word}' dalam nama indikator", "en": f"the word '{word}' in the indicator's name"}
               if word else {"id": "tidak ada kata besaran yang lebih baik bila lebih rendah dalam nama",
                             "en": "no lower-is-better word in the name"})
        out.append(Inference("polarity", key, pol, why))
    lower = [s for s in subjects.values() if s.kind == "iku" and s.attrs.get("polarity") == "lower"]
    fitted = {s.key: _fits(ctx, s) for s in lower}
    undeclared = [s for s in lower if not s.attrs.get("convention")]
    common = None
    with_figures = [fitted[s.key] for s in lower if fitted[s.key] is not None]
    if with_figures:
        sets = [set(f[0]) for f in with_figures]
        both = set.intersection(*sets)
        if len(both) == 1:
            common = next(iter(both))
    for s in undeclared:
        fit = fitted[s.key]
        choice = common if common else (fit[0][0] if fit and len(fit[0]) == 1 else None)
        if choice is None:
            continue
        subjects[s.key] = replace(subjects[s.key], attrs={**subjects[s.key].attrs, "convention": choice})
        text = CANDIDATES[choice][0]
        scope = ({"id": "semua IKU 'semakin rendah semakin baik' dicetak dengan konvensi ini",
                  "en": "every lower-is-better indicator is printed with this convention"} if common
                 else {"id": "capaian yang dicetak hanya cocok dengan konvensi ini",
                       "en": "the printed achievement fits this convention only"})
        shown = fit[2] if fit else "-"
        out.append(Inference("convention", s.key, text,
                             {"id": f"{scope['id']}; {shown}", "en": f"{scope['en']}; {shown}"}))
    for key in guessed:  # a guess the printed figures contradict
        s = subjects[key]
        fit = _fits(ctx, s)
        if fit is None:
            continue
        fits, higher, _, (rt, tt, ct) = fit
        pol = s.attrs["polarity"]
        if (pol == "lower" and higher and not fits) or (pol == "higher" and not higher and fits):
            seen = "R/T" if higher else " / ".join(CANDIDATES[f][0] for f in fits)
            out.append(Inference("contradiction", key, pol, {
                "id": f"polaritas ditebak '{pol}', tetapi capaian {ct} dari realisasi {rt} dan target {tt} cocok dengan {seen}",
                "en": f"polarity guessed '{pol}', but the achievement {ct} from actual {rt} and target {tt} fits {seen}"}))
    ctx.subjects = subjects
    ctx.reset_caches()
    return out


@dataclass
class Params:
    """The keys of an `inference` rule."""
    about: Literal["polarity", "convention", "contradiction"] = param(doc="which inferences this rule states")


def run(rule, ctx, out, stats):
    for inf in getattr(ctx, "inferences", ()):
        if inf.about != rule.about:
            continue
        stats.checks += 1
        subject = ctx.subjects[inf.subject]
        f = out.add((rule.id, inf.subject), lambda: Finding(
            rule=rule, subject=inf.subject, subject_name=subject.name, concept=None, period=None,
            found=None, found_text="", expected=inf.value, expected_interval=None, why=inf.evidence,
            extra={"inferred": inf.value}))
        out.add_location(f, subject_location(subject))


def prepare(ctx):
    ctx.inferences = infer(ctx)


KIND = RuleKind("inference", Params, run, placeholders=frozenset({"inferred"}), prepare=prepare, summary={
    "id": "menyatakan apa yang disimpulkan karena laporan tidak menyatakannya (polaritas, konvensi capaian)",
    "en": "states what was inferred because the report did not declare it (polarity, achievement convention)"},
    doc=__doc__)
