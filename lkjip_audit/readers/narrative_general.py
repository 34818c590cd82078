"""Narrative figures by general sentence patterns (any office), for documents without the BAB III
structure the indicator paragraphs of narrative.py rely on (excerpts, pages of a portal):

* "target (indikator kinerja) X adalah sebesar A, (yang) terealisasi B dengan tingkat capaian C";
  "X ditargetkan pada A ... terealisasi sebanyak B ... tingkat capaian sebesar C";
* "anggaran sebesar Rp A dan realisasi (sebesar) Rp B atau C" (budget, absorption);
* "N1 <what is counted> x 100 = R N2 <the whole>" (the ratio behind a realisasi).

Words a PDF copy ran together ("terealisasisebanyak", "capaian101,68", "meningkatnyaAPK") are split
for reading only (deglue); every figure is kept exactly as printed. A sentence belongs to the
indicator it names; a sentence that names none belongs to the one named just before it in the same
paragraph, or in the short numbered heading above ("1. Persentase Cakupan Wilayah Persampahan").
A name that matches no indicator defines a new one (its line kept); a name close to two
indicators is not placed.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .matching import best_match, contained

NUM = r"[-−–]?\d(?:[\d.,]*\d)?\s?%?"
RP = r"Rp\.?\s?\d(?:[\d.,]*\d)?(?:,-)?"
_VOCAB = {"terealisasi", "terealisir", "realisasi", "sebanyak", "sebesar", "dengan", "tingkat", "capaian",
          "target", "anggaran", "jumlah", "dan", "yang", "atau", "adalah", "nagari", "dari", "tabel", "kategori",
          "penilaian", "termasuk", "indikator", "kinerja", "dapat", "dilihat", "keberhasilan", "sasaran",
          "strategis", "tahun", "sebagai", "berikut", "total", "persentase", "rata", "sangat", "baik", "pada"}
_SENT = re.compile(r"(?<=[.;])\s+(?=[A-Z])|(?<=\d)\s*\.\s+(?=[A-Z])")
T_INDIKATOR = re.compile(rf"\bIndikator\s+(?P<name>[A-Z][^.;]{{3,90}}?)\s+target\s+(?:sebesar\s+|sebanyak\s+)?(?P<v>{NUM})")
T_NAMED = re.compile(rf"\btarget\s+(?:indikator\s+(?:kinerja\s+)?)?(?P<name>[A-Za-z][^.;\d]{{3,90}}?)\s+(?:adalah\s+)?"
                     rf"(?:sebesar|sebanyak)\s+(?P<v>{NUM})", re.I)
T_DITARGET = re.compile(rf"(?P<name>[A-Za-z][^.;\d]{{3,90}}?)\s+ditargetkan\s+(?:pada|sebesar|sebanyak)?\s*(?P<v>{NUM})", re.I)
R_ANY = re.compile(rf"\b(?:terealisasi|terealisir|realisasinya)\s+(?:sebesar\s+|sebanyak\s+)?(?P<v>{NUM})", re.I)
C_ANY = re.compile(rf"(?P<pre>\S+\s+)?\b(?:tingkat\s+)?capaian(?:\s+kinerja)?\s+(?:sebesar\s+)?(?P<v>{NUM})", re.I)
BUDGET = re.compile(rf"anggaran\s+(?:sebesar\s+)?(?P<a>{RP})\s+dan\s+realisasi\s+(?:sebesar\s+)?(?P<r>{RP})"
                    rf"\s+atau\s+(?P<p>{NUM})", re.I)
PROGRAM = re.compile(r"\b(Program\s+(?:[A-Z][\w/-]*\s+|dan\s+|dalam\s+){1,10})", re.U)
RATIO = re.compile(r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)\s+[A-Za-z][^=]{0,80}?\bx\s*100\s*=\s*(?P<res>\d+[.,]\d+)\s+"
                   r"(?P<d>\d{1,3}(?:\.\d{3})+|\d+)\s+[A-Za-z]", re.I)


_YEAR = re.compile(r"(?:19|20)\d\d")


@lru_cache(maxsize=8192)
def _split_word(w: str) -> str:
    low = w.casefold()
    if len(low) < 9 or not low.isalpha():
        return w
    best: list[list[str] | None] = [None] * (len(low) + 1)
    best[0] = []
    for i in range(len(low)):
        if best[i] is None:
            continue
        for v in _VOCAB:
            if low.startswith(v, i) and best[i + len(v)] is None:
                best[i + len(v)] = best[i] + [w[i:i + len(v)]]
    return " ".join(best[-1]) if best[-1] and len(best[-1]) > 1 else w


def deglue(text: str) -> str:
    """Words run together by a PDF copy, split for reading (figures untouched)."""
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=[a-z])(?=[A-Z]{2})", " ", text)
    return " ".join(_split_word(w) for w in text.split())


def _iku_named(ex, name: str, line: int, create: bool) -> str | None:
    name = " ".join(name.split()).strip(" ,:")
    if not name:
        return None
    pool = {k: [deglue(v["name"])] for k, v in ex.iku.items()}
    found = sorted((pos, k) for k, v in pool.items() if (pos := contained(name, v[0])) >= 0)
    if len(found) == 1:
        return found[0][1]
    m = best_match(name, pool, 75)
    if m.key or m.ambiguous or not create:
        return m.key
    if len(name.split()) < 2 or len(name) > 90:
        return None
    key = f"IKU{len(ex.iku) + 1}"
    ex.iku[key] = {"line": line, "sasaran": None, "name": name, "_from_narrative": True}
    return key


def general_narrative(ex, text: str, line: int, context: str | None, add) -> str | None:
    """Facts of one paragraph by the general patterns; returns the indicator in context after it."""
    clean = deglue(text)
    if len(clean.split()) <= 12:
        head = re.sub(r"^\W*(?:\d+|[a-z])[.)]\s*", "", clean)
        named = _iku_named(ex, head, line, False) if head else None
        return named or context
    current = context
    for sentence in _SENT.split(clean):
        subject = None
        for rx in (T_INDIKATOR, T_NAMED, T_DITARGET):
            m = rx.search(sentence)
            if m:
                subject = _iku_named(ex, re.sub(r"^(?:dapat dilihat|dilihat)\W+", "", m.group("name")), line, True)
                if subject:
                    add(subject, "target", m.group("v"))
                break
        if subject is None:
            found = sorted((pos, k) for k, v in ex.iku.items() if (pos := contained(sentence, deglue(v["name"]))) >= 0)
            subject = found[0][1] if found else current
        if subject is None:
            continue
        current = subject
        for m in R_ANY.finditer(sentence):
            if _YEAR.fullmatch(m.group("v").strip()):
                continue
            add(subject, "realisasi", m.group("v"))
            break
        for m in C_ANY.finditer(sentence):
            if m.group("pre") and "rata" in m.group("pre").casefold() or _YEAR.fullmatch(m.group("v").strip()):
                continue
            add(subject, "capaian", m.group("v"))
            break
        m = RATIO.search(sentence)
        if m:
            add(subject, "pembilang", m.group("n"))
            add(subject, "penyebut", m.group("d"))
            add(subject, "realisasi", m.group("res"))
            ex.iku[subject]["formula"] = "rasio"
    return current


def general_budget(ex, text: str, line: int, add) -> None:
    """"anggaran sebesar Rp A dan realisasi Rp B atau C": the programme named in the sentence, or a
    programme subject named after the place it is printed."""
    clean = deglue(text)
    for m in BUDGET.finditer(clean):
        before = clean[max(0, m.start() - 300):m.start()]
        names = PROGRAM.findall(before)
        name = " ".join(names[-1].split()) if names else f"Anggaran yang disebut di narasi baris {line}"
        key = next((k for k, v in ex.program.items() if v["name"] == name), None)
        if key is None:
            key = f"P{len(ex.program) + 1}"
            ex.program[key] = {"line": line, "name": name}
        add(key, "anggaran", m.group("a"))
        add(key, "realisasi_anggaran", m.group("r"))
        add(key, "penyerapan", m.group("p"))


# -- stated changes: "penurunan sebesar X%, yaitu dari A% menjadi B%", "naik C poin dari A menjadi B"
_UP = r"kenaikan|peningkatan|naik|meningkat|bertambah|pertambahan"
_DOWN = r"penurunan|turun|menurun|berkurang|pengurangan"
_CNUM = r"[-−–]?\d(?:[\d.,]*\d)?"
_CUNIT = r"\s?(?:%|persen(?:\s+poin)?|poin(?:\s+persen)?|point|pp\b)?"
_YEARS = (r"(?:\s+(?:orang|jiwa|KK|keluarga|anak|unit|kasus|nagari|desa|kelurahan|lembaga|poin))?"
          r"(?:\s+(?:pada\s+|di\s+)?(?:tahun\s+)?(?:19|20)\d\d)?")
CHANGE_XAB = re.compile(
    rf"\b(?P<word>{_UP}|{_DOWN})\s+(?:capaian\s+|kinerja\s+|realisasi\s+)?(?:sebesar\s+|sebanyak\s+)?"
    rf"(?P<x>{_CNUM}){_CUNIT.replace('(?:', '(?P<xu>', 1)}\s*,?\s*(?:\(?\s*)?(?:yaitu\s+|yakni\s+|atau\s+)?"
    rf"dari\s+(?P<a>{_CNUM}\s?%?){_YEARS}\s+menjadi\s+(?P<b>{_CNUM}\s?%?)", re.I)
CHANGE_ABX = re.compile(
    rf"\bdari\s+(?P<a>{_CNUM}\s?%?){_YEARS}\s+menjadi\s+(?P<b>{_CNUM}\s?%?){_YEARS}\s*,?\s*"
    rf"(?:atau\s+|sehingga\s+|yang\s+berarti\s+|berarti\s+)?(?:terjadi\s+|mengalami\s+)?(?:ada\s+)?"
    rf"(?P<word>{_UP}|{_DOWN})\s+(?:sebesar\s+|sebanyak\s+)?(?P<x>{_CNUM}){_CUNIT.replace('(?:', '(?P<xu>', 1)}", re.I)


def read_changes(text: str) -> list[dict]:
    """Every stated change of one line, as printed: {quote, word, direction (up/down), x, x_unit
    (the words after X: "%", "poin", "persen poin", ""), a, b}. The reader judges nothing."""
    out, seen = [], []
    for rx in (CHANGE_XAB, CHANGE_ABX):
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in seen):
                continue
            seen.append((m.start(), m.end()))
            word = m.group("word")
            out.append({"quote": m.group(0).strip(), "word": word,
                        "direction": "down" if re.fullmatch(_DOWN, word, re.I) else "up",
                        "x": m.group("x"), "x_unit": " ".join((m.group("xu") or "").split()).casefold(),
                        "a": m.group("a").strip(), "b": m.group("b").strip(), "start": m.start()})
    return sorted(out, key=lambda c: c["start"])
