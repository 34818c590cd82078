"""Numbers in the running text that the formulas depend on, kept exactly as printed.

* budget totals: "APBD ... sebesar Rp. 24.434.942.859,00 terdiri dari Belanja Tidak Langsung Rp. ...
  dan Belanja Langsung sejumlah Rp. ...", "program dan kegiatan teknis sebesar Rp. ... dengan
  realisasi Rp. ... atau 98,11%";
* counts of the performance summary: "3 Sasaran Strategis ... 4 Indikator Kinerja Utama",
  "3 indikator TERCAPAI dan 1 indikator TIDAK TERCAPAI";
* per indicator (BAB III A, the paragraph about one IKU): the counts behind its realisasi
  ("Jumlah PMKS tahun 2019 sebanyak 11.372 jiwa dan tahun 2020 sebanyak 12.203 jiwa"; "sebanyak
  11.263 jiwa, sedangkan jumlah PMKS tercatat 12.203 jiwa"; "Dari jumlah peserta ... 132 orang,
  terdata sebanyak 24 orang"), the stated increase, target, realisasi, capaian and status word.

A paragraph belongs to the IKU it names; otherwise to the IKU of the "Indikator :" heading or the
table just above it. One narrative entry per paragraph.
"""
from __future__ import annotations

import re

from .inline_formulas import FRACTION, RATIO, read_formulas, starts_fraction
from .matching import best_match, contained
from .table_kinds import low

NUM = r"\(?[-−–]?\d(?:[\d.,]*\d)?\s?%?\)?"
RP = r"Rp\.?\s?\d(?:[\d.,]*\d)?(?:,-)?"
COUNT_UNITS = r"(?:jiwa|orang|org|KK|keluarga|unit|anak|lansia)"
COUNT = rf"\d(?:[\d.]*\d)?\s{COUNT_UNITS}\b"
F = re.I

MONEY = [
    ("APBD", "anggaran", re.compile(rf"APBD\)?\s*(?:[A-Za-z ]{{0,40}}?)\s*(?:sebesar|senilai|sejumlah)\s+({RP})", F)),
    ("BTL", "anggaran", re.compile(rf"Belanja\s+Tidak\s+Langsung\s*(?:\(BTL\)\s*)?(?:sebesar|senilai|sejumlah)?\s*({RP})", F)),
    ("BL", "anggaran", re.compile(rf"(?<!Tidak )Belanja\s+Langsung\s*(?:\(BL\)\s*)?(?:sebesar|senilai|sejumlah)?\s*({RP})", F)),
]
TEKNIS = re.compile(rf"teknis\s+(?:sebesar|senilai|sejumlah)\s+({RP})\s+dengan\s+realisasi\s+(?:sebesar\s+)?({RP})"
                    rf"(?:\s+atau\s+({NUM}))?", F)
KINERJA = [
    ("jumlah_sasaran", re.compile(r"\b(\d{1,2})\s+(?:\(\w+\)\s+)?(?:sasaran\s+strategis|kinerja\s+utama|sasaran)\b", F)),
    ("jumlah_iku", re.compile(r"\b(\d{1,2})\s+(?:\(\w+\)\s+)?indikator\s+kinerja\b", F)),
    ("jumlah_tercapai", re.compile(r"\b(\d{1,2})\s+indikator\s+(?:kinerja\s+)?(?:yang\s+)?\**\s*tercapai\b", F)),
    ("jumlah_tidak_tercapai", re.compile(r"\b(\d{1,2})\s+indikator\s+(?:kinerja\s+)?(?:yang\s+)?\**\s*(?:tidak|belum)\s+tercapai\b", F)),
]
IKU_PATTERNS = [
    ("kenaikan", re.compile(rf"\bnaik\s+(?:sebesar\s+)?({NUM})", F)),
    ("target", re.compile(rf"\btarget\s+({NUM})", F)),
    ("target", re.compile(rf"\btarget(?:\s+kinerja)?\b[^.;]{{0,70}}?\bsebesar\s+({NUM})", F)),
    ("realisasi", re.compile(rf"\b(?:terealisasi|realisasi)\s+(?:sebesar\s+)?({NUM})", F)),
    ("capaian", re.compile(rf"\bcapaian\s+kinerja\s+(?:sebesar\s+)?({NUM})", F)),
    ("status", re.compile(r"\b(?:dikategorikan|dikategorikan\s+sebagai|katagori|kategori)\s*:?\s*\**\s*(tidak\s+tercapai|belum\s+tercapai|tercapai)", F)),
]
TWO_YEARS = re.compile(rf"\b(?:tercapai|terealisasi)\s+sebesar\s+({NUM})\s+baik\s+(?:di\s+)?tahun\s+(\d{{4}})\s+"
                       rf"(?:maupun|dan)\s+(?:di\s+)?tahun\s+(\d{{4}})", F)
YEAR_COUNT = re.compile(rf"\btahun\s+(\d{{4}})\s+(?:sebanyak|sejumlah|sebesar|tercatat)\s+({COUNT})", F)
ANY_COUNT = re.compile(rf"({COUNT})", F)
INDIKATOR_HEAD = re.compile(r"^\W*indikator\s*\W*:\s*(?:[a-z]\.\s*)?(.+)$", F)


def _fix_parens(s: str) -> str:
    s = s.strip()
    if s.endswith(")") and not s.startswith("("):
        s = s[:-1].strip()
    if s.startswith("(") and not s.endswith(")"):
        s = s[1:].strip()
    return s


def extract_narrative(ex) -> list[dict]:
    entries: list[dict] = []
    context: str | None = None
    g_context: str | None = None
    ikus = ex.iku
    general = "bab3" not in ex.d.sections
    stash: str | None = None
    for i, b in enumerate(ex.d.blocks):
        section = ex.sections[i]
        if section == "daftar_isi":
            continue
        if b.kind == "table":
            # the IKU of the last row of a table in BAB III A gives the context of the text below it
            if section == "bab3":
                for m in ex.matches:
                    if b.rows and b.rows[0].line <= m["line"] <= b.rows[-1].line and m["subject"] in ikus:
                        context = m["subject"]
            continue
        text = b.text
        if stash is not None:        # "= 11" above "15 100 = 70,30": one formula over two lines
            joined, stash = stash + " " + text, None
            text = joined if FRACTION.search(joined) else text
        elif b.kind != "heading" and starts_fraction(text):
            stash = text
            continue
        lt = low(text)
        if "akuntabilitas keuangan" in lt and len(text) < 90:
            context = None
        m = INDIKATOR_HEAD.match(text)
        if m and section == "bab3":
            mm = best_match(m.group(1), {k: [v["name"]] for k, v in ikus.items()})
            context = mm.key or context
            continue
        if b.kind != "heading" and len(text) < 25 and (FRACTION.search(text) or RATIO.search(text)):
            _formulas(ex, entries, b, section, text, g_context if general else (context if section == "bab3" else None))
            continue
        if b.kind == "heading" or len(text) < 25:
            if re.match(r"^\W*\d+\.\s*sasaran\b", lt):
                context = None
            if general and text.strip():
                from .narrative_general import general_narrative

                g_context = general_narrative(ex, text, b.line, g_context, lambda *a, **k: None)
            continue
        groups: list[list[dict]] = []
        seen = set()

        def add(subject, concept, value, period=None):
            key = (subject, concept, period)
            if key in seen:
                return
            seen.add(key)
            f = {"subject": subject, "concept": concept}
            if period is not None and period != ex.year:
                f["period"] = period
            elif period is not None and concept == "jumlah":
                f["period"] = period
            f["text"] = _fix_parens(value)
            groups[-1].append(f)

        # budget figures: one entry per sentence (the cells of one entry are read together, and
        # "anggaran" of the APBD must not stand next to "anggaran" of the technical programmes)
        for sentence in SENTENCE.split(text):
            groups.append([])
            for subject, concept, rx in MONEY:
                mm = rx.search(sentence)
                if mm:
                    add(subject, concept, mm.group(1))
            mm = TEKNIS.search(sentence)
            if mm:
                add("TEKNIS", "anggaran", mm.group(1))
                add("TEKNIS", "realisasi_anggaran", mm.group(2))
                if mm.group(3):
                    add("TEKNIS", "penyerapan", mm.group(3))
        groups.append([])
        if section in ("ringkasan", "bab3", "bab4"):
            for concept, rx in KINERJA:
                mm = rx.search(text)
                if mm:
                    add("KINERJA", concept, mm.group(1))
        # a document without the BAB III structure (an excerpt, a portal page): general patterns
        if general:
            from .narrative_general import general_budget, general_narrative

            general_budget(ex, text, b.line, add)
            g_context = general_narrative(ex, text, b.line, g_context, add)
        # an indicator's paragraph: one entry, its counts, realisasi and capaian read together
        elif section == "bab3":
            subject = _subject_of(text, ikus) or context
            if subject:
                _iku_facts(ex, subject, text, add)
        groups.append([])
        # a formula belongs to the indicator it names, or in BAB III to the one in context
        subject = g_context if general else (_subject_of(text, ikus) or (context if section == "bab3" else None))
        read_formulas(ex, text, subject, entries + [{"facts": g} for g in groups], add,
                      lambda quote, reason: _skipped(ex, b, section, quote, reason))
        for facts in groups:
            if not facts:
                continue
            entry = {"line": b.line, "section": section if section in _SECTIONS else "bab3",
                     "quote": text[:300], "facts": facts}
            if b.page is not None:
                entry["page"] = b.page
            entries.append(entry)
    return entries


def _skipped(ex, b, section: str, quote: str, reason: str) -> None:
    ex.not_evaluated.append({"line": b.line, "page": b.page, "section": section, "header": "rumus di narasi",
                             "text": quote, "reason": reason})


def _formulas(ex, entries: list[dict], b, section: str, text: str, subject: str | None) -> None:
    """A formula alone on its (short) lines: its own narrative entry."""
    facts: list[dict] = []

    def add(subj, concept, value):
        if not any(f["subject"] == subj and f["concept"] == concept for f in facts):
            facts.append({"subject": subj, "concept": concept, "text": _fix_parens(value)})

    read_formulas(ex, text, subject, entries, add, lambda quote, reason: _skipped(ex, b, section, quote, reason))
    if facts:
        entry = {"line": b.line, "section": section if section in _SECTIONS else "bab3", "quote": text[:300],
                 "facts": facts}
        if b.page is not None:
            entry["page"] = b.page
        entries.append(entry)


SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


_SECTIONS = {"sampul", "pengantar", "ringkasan", "bab1", "bab2", "bab3", "bab4",
             "lampiran1", "lampiran2", "lampiran3", "lampiran4", "lampiran5"}


def _subject_of(text: str, ikus: dict) -> str | None:
    found = sorted((pos, k) for k, v in ikus.items() if (pos := contained(text, v["name"])) >= 0)
    return found[0][1] if found else None


def _iku_facts(ex, subject: str, text: str, add) -> None:
    has_numbers = False
    iku = ex.iku[subject]
    decrease = bool(re.search(r"\bpenurunan\b", iku["name"], re.I))
    if decrease:
        for mm in YEAR_COUNT.finditer(text):
            add(subject, "jumlah", mm.group(2), int(mm.group(1)))
            has_numbers = True
    for concept, rx in IKU_PATTERNS:
        mm = rx.search(text)
        if mm:
            add(subject, concept, mm.group(1))
            has_numbers = True
    mm = TWO_YEARS.search(text)
    if mm:
        add(subject, "realisasi", mm.group(1), int(mm.group(2)))
        add(subject, "realisasi", mm.group(1), int(mm.group(3)))
    if not decrease:
        counts = list(ANY_COUNT.finditer(text))
        if len(counts) >= 2:
            a, b = counts[0], counts[1]
            # the whole (penyebut) is the count introduced by "dari (jumlah)" or "tercatat"
            before_a = text[max(0, a.start() - 80):a.start()].lower()
            clause_a = re.split(r"[,.;]", before_a)[-1]
            between = text[a.end():b.start()].lower()
            a_is_whole = bool(re.search(r"\bdari\b", clause_a)) and not re.search(r"\btercatat\b", between)
            if re.search(r"\btercatat\b|\bseluruh\b|\btotal\b", between):
                a_is_whole = False
            num, den = (b, a) if a_is_whole else (a, b)
            add(subject, "pembilang", num.group(1))
            add(subject, "penyebut", den.group(1))
            iku["formula"] = "rasio"
    return has_numbers
