"""Formulas and stated changes printed inside the running text, read so that a rule can check them
(the reader computes nothing and judges nothing; every figure is kept exactly as printed):

* a ratio: "11 / 15 x 100 = 73,33", "(11/15) x 100% = 73,33%", or the fraction a PDF copy lays out
  on two lines ("= 11" then "15 100 = 70,30"). When its numerator and denominator are the
  indicator's realisasi and target, its result is a copy of the capaian (CAP001 / KON001 check it);
  if that realisasi is printed in copies that disagree, the formula is listed as read but not
  evaluated (it uses one copy; KON002 names them). Otherwise its three figures are pembilang,
  penyebut and realisasi of a ratio indicator (RLS001), as in narrative_general.py;
* "memperoleh nilai X atau Y%": X is the realisasi; Y%, when it is not X again, the capaian;
* a mean: "(97,10% + 95,20%) / 2 = 96,15%", "E = (a + b + c) / 3 = 97,25". When its terms are the
  printed capaian of all the IKUs of one sasaran (as many terms as IKUs, divided by that count), its
  result is a copy of that sasaran's capaian (CAP005 recomputes it by the report's convention);

No dataset concept holds the terms of any other mean, so those are listed as read but not placed,
with the reason, rather than fitted to a concept that means something else. The arithmetic of every
formula is recomputed from its own numbers by NAR001 (engine/kinds/rumus_teks.py); a stated change
("penurunan sebesar X%, yaitu dari A% menjadi B%") is read by narrative_general.read_changes and
checked by NAR002.
"""
from __future__ import annotations

import re

from ..numbers import parse_number

N = r"\d(?:[\d.,]*\d)?"
TERM = rf"{N}(?:\s?%)?"
TIMES = r"(?:x|X|×|\*)"
RATIO = re.compile(rf"\(?\s*(?P<n>{N})\s*/\s*(?P<d>{N})\s*\)?\s*{TIMES}\s*100\s*%?\s*=\s*(?P<res>{TERM})")
# "= 11" above "15 100 = 70,30": a fraction bar lost in the copy; only after an "=" sign
FRACTION = re.compile(rf"(?:^|=)\s*(?P<n>{N})\s+(?P<d>{N})\s+(?:{TIMES}\s*)?100\s*%?\s*=\s*(?P<res>{TERM})")
MEAN = re.compile(rf"(?:(?P<lhs>[A-Za-z][\w.]{{0,20}})\s*=\s*)?\(\s*(?P<terms>{TERM}(?:\s*\+\s*{TERM})+)\s*\)\s*[/:]\s*"
                  rf"(?P<k>\d{{1,2}})\s*=\s*(?P<res>{TERM})")
NILAI = re.compile(rf"\bmemperoleh\s+nilai\s+(?:sebesar\s+)?(?P<x>{TERM})\s*,?\s+atau\s+(?:sebesar\s+)?(?P<y>{N}\s?%)",
                   re.I)
_DECREASE = re.compile(r"\bpenurunan\b", re.I)     # such an IKU is a decrease indicator (subjects.py)
_NUM_ONLY = re.compile(rf"^\s*=\s*{N}\s*$")

NAR = "; hitungannya sendiri diperiksa NAR001"
NOT_EVALUATED_MEAN = ("rumus rata-rata di narasi: suku-sukunya tidak dinilai terhadap tabel (bukan capaian semua IKU "
                      "satu sasaran; tidak ada konsep dataset untuk suku-suku rata-rata lain)" + NAR)
NOT_EVALUATED_DISPUTED = ("rumus realisasi / target di narasi: tidak dinilai sebagai salinan capaian, karena realisasinya "
                          "dicetak berbeda ({copies}) dan rumus ini memakai salah satunya; KON002 menyebut salinannya" + NAR)
NOT_EVALUATED_PENURUNAN = ("rumus rasio di narasi: tidak dinilai sebagai rasio indikator, karena indikatornya dihitung "
                           "sebagai penurunan dari tahun lalu (RLS002)" + NAR)
NOT_EVALUATED_NO_SUBJECT = "rumus di narasi tanpa indikator yang jelas: tidak dinilai terhadap tabel" + NAR


def starts_fraction(text: str) -> bool:
    """"= 11" alone on its line: the numerator of a fraction whose denominator is on the next line."""
    return bool(_NUM_ONLY.match(text))


def _value(text: str) -> float | None:
    p = parse_number(text)
    return p.value if p.status == "ok" else None


def _same(a: str, b: str) -> bool:
    va, vb = _value(a), _value(b)
    return va is not None and vb is not None and abs(va - vb) < 1e-9


def _printed(ex, entries: list[dict], subject: str, concept: str) -> list[str]:
    """The texts of one concept of one subject read so far (narrative and tables), this year only."""
    out = [f["text"] for e in entries for f in e["facts"]
           if f["subject"] == subject and f["concept"] == concept and "period" not in f]
    for t in ex.tables:
        cols = [c for c, v in t["columns"].items() if v.get("concept") == concept and "period" not in v]
        for r in t["rows"]:
            if r.get("subject") == subject:
                out += [r[c] for c in cols if r.get(c)]
    return out


def _sasaran_of_mean(ex, entries: list[dict], terms: list[str]) -> str | None:
    """The one sasaran whose IKUs are exactly as many as the terms, each term the printed capaian of
    a different one of them; None when no sasaran or more than one fits."""
    fits = []
    for key in ex.sasaran:
        ikus = [k for k, v in ex.iku.items() if v.get("sasaran") == key]
        if len(ikus) != len(terms):
            continue
        free = {k: _printed(ex, entries, k, "capaian") for k in ikus}
        for t in terms:
            hit = next((k for k, copies in free.items() if any(_same(t, c) for c in copies)), None)
            if hit is None:
                break
            del free[hit]
        else:
            fits.append(key)
    return fits[0] if len(fits) == 1 else None


def read_formulas(ex, text: str, subject: str | None, entries: list[dict], add, skipped) -> None:
    """Facts of the inline formulas of one paragraph: add(subject, concept, text) for what a rule
    checks, skipped(text, reason) for what is read but not evaluated."""
    for rx in (RATIO, FRACTION):
        for m in rx.finditer(text):
            n, d, res = m.group("n"), m.group("d"), m.group("res")
            if subject is None or subject not in ex.iku:
                skipped(m.group(0).strip(), NOT_EVALUATED_NO_SUBJECT)
                continue
            realisasi = _printed(ex, entries, subject, "realisasi")
            if any(_same(n, r) for r in realisasi) and \
                    any(_same(d, t) for t in _printed(ex, entries, subject, "target")):
                values = {_value(r) for r in realisasi}
                if len(values) > 1:
                    skipped(m.group(0).strip(), NOT_EVALUATED_DISPUTED.format(copies="; ".join(dict.fromkeys(realisasi))))
                else:
                    add(subject, "capaian", res)      # realisasi / target x 100: the capaian, printed again
            elif ex.iku[subject].get("formula") == "penurunan" or _DECREASE.search(ex.iku[subject]["name"]):
                skipped(m.group(0).strip(), NOT_EVALUATED_PENURUNAN)
            else:
                add(subject, "pembilang", n)
                add(subject, "penyebut", d)
                add(subject, "realisasi", res)
                ex.iku[subject]["formula"] = "rasio"
        if rx.search(text):
            break
    for m in NILAI.finditer(text):
        if subject is None or subject not in ex.iku:
            skipped(m.group(0).strip(), NOT_EVALUATED_NO_SUBJECT)
            continue
        add(subject, "realisasi", m.group("x"))
        if not _same(m.group("x"), m.group("y")):
            add(subject, "capaian", m.group("y"))
    for m in MEAN.finditer(text):
        terms = [t.strip() for t in m.group("terms").split("+")]
        sasaran = _sasaran_of_mean(ex, entries, terms) if int(m.group("k")) == len(terms) else None
        if sasaran is None:
            skipped(m.group(0).strip(), NOT_EVALUATED_MEAN)
        else:
            add(sasaran, "capaian", m.group("res"))    # the mean of its IKUs' capaian (CAP005)
