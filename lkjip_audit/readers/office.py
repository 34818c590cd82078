"""The office (instansi) a report is about, read where a person reads it: the body's "Dinas Sosial
Kota Blitar", the title "LKJ Bappeda Kabupaten Madiun Tahun 2019", a letterhead
"PEMERINTAH KABUPATEN LABUHANBATU UTARA / INSPEKTORAT KABUPATEN", a cover in capitals split over two
lines ("BADAN PERENCANAAN PEMBANGUNAN DAERAH" / "KABUPATEN MADIUN"), a ministry unit ("Direktorat
Kesehatan Keluarga"), an eselon IV unit on a portal page ("Sub Bidang Penyusunan Anggaran").
Words run together by a PDF copy ("PEMERINTAHKABUPATEN") are parted first. Nothing found: None.
"""
from __future__ import annotations

import re
from collections import Counter

_REGION = r"(?:Kota|Kabupaten|Kab\.|Provinsi)"
_NAME = r"[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2}"
# the body's own spelling: "Dinas Sosial Kota Blitar" (title case, as the text rules compare it)
_BODY = re.compile(r"\b(?:Dinas|Badan|Kantor|Inspektorat|Sekretariat|Satuan)\s+(?:[A-Z][\w,]*\s+(?:dan\s+)?){0,5}?"
                   r"(?:Kota|Kabupaten|Provinsi)\s+[A-Z][a-z]+")
# offices known by their short name: "Bappeda Kabupaten Madiun", "BPKAD Kota X", "Pemerintah Kabupaten Tanah Datar"
_SHORT = re.compile(r"\b(Bappeda|Bappelitbangda|Bapenda|BPKAD|BPKD|BKD|BKPSDM|BPBD|Bakesbangpol|Inspektorat|"
                    r"Pemerintah)\s+(" + _REGION + r")\s+(" + _NAME + r")")
_TITLE = re.compile(r"\b(?:LKjIP|LAKIP|LKJ|Laporan\s+Kinerja)\s+((?:[A-Za-z.]+\s+){1,8}?)\|?\s*Tahun\s+(?:19|20)\d\d",
                    re.I)
_LETTERHEAD = re.compile(r"^\s*PEMERINTAH\s+(KOTA|KABUPATEN|PROVINSI)\s+([A-Z][A-Z ]+?)\s*$")
_OFFICE_CAPS = re.compile(r"^\s*((?:DINAS|BADAN|INSPEKTORAT|SEKRETARIAT|KANTOR|SATUAN)(?:\s+[A-Z]+){0,6})\s*$")
_REGION_CAPS = re.compile(r"^\s*(KOTA|KABUPATEN|PROVINSI)\s+([A-Z][A-Z ]+?)\s*$")
_W = r"(?!Kementerian\b)[A-Z][a-z]+"
_UNIT = re.compile(r"\b(Direktorat(?:\s+Jenderal)?|Deputi|Pusat|Biro)\s+((?:" + _W + r"\s+){0,4}" + _W + ")")
_MINISTRY = re.compile(r"\b(Kementerian\s+(?:[A-Z][a-z]+\s+){0,3}[A-Z][a-z]+)")
_ESELON4 = re.compile(r"^\s*((?:Sub\s+Bidang|Subbidang|Sub\s+Bagian|Subbagian|Bidang|Seksi)\s+(?:[A-Z][a-z]+\s*){1,5})\s*$")
_ABBREV = {"BPKAD", "BPKD", "BKD", "BPBD", "BKPSDM", "OPD", "RSUD", "DPRD", "SKPD", "UPTD", "UPT", "PPKAD", "DPPKAD"}
_STOP = {"ini", "tahun", "yang", "dan", "pada", "dari", "untuk"}


def part_run_together(text: str) -> str:
    """"PEMERINTAHKABUPATEN" -> "PEMERINTAH KABUPATEN" (a PDF copy drops the space)."""
    return re.sub(r"(PEMERINTAH|Pemerintah)(KABUPATEN|KOTA|PROVINSI|Kabupaten|Kota|Provinsi)", r"\1 \2", text)


def _title(words: str) -> str:
    """Capitals -> the way the body prints the name ("INSPEKTORAT KABUPATEN" -> "Inspektorat Kabupaten");
    short names in capitals stay ("BPKAD")."""
    return " ".join(w if w.upper() in _ABBREV else w.capitalize() for w in words.split())


def read_office(lines: list[str]) -> str | None:
    text = part_run_together("\n".join(lines))
    body = Counter(m.group(0) for m in _BODY.finditer(text))
    if body:   # the body's own spelling first: the text rules compare every other spelling to it
        return body.most_common(1)[0][0]
    head = [part_run_together(s) for s in lines[:60]]
    letterhead = _letterhead(head)
    if letterhead:
        return letterhead
    short = Counter(f"{_title(m.group(1))} {_title(m.group(2))} {_title(m.group(3))}" for m in _SHORT.finditer(text)
                    if not set(m.group(3).casefold().split()) & _STOP)
    for m in _TITLE.finditer(text):   # "LKJ Bappeda Kabupaten Madiun Tahun 2019"
        name = " ".join(w for w in m.group(1).split() if w.casefold() not in _STOP)
        if re.search(r"\b(kota|kabupaten|provinsi)\b", name, re.I) and len(name.split()) >= 2:
            short[_title(name) if name.isupper() else name] += 1
    if short:
        return short.most_common(1)[0][0]
    caps = _cover_in_capitals(head)
    if caps:
        return caps
    units = Counter(f"{m.group(1)} {m.group(2)}" for m in _UNIT.finditer(text))
    if units:
        unit = units.most_common(1)[0][0]
        ministry = _MINISTRY.search(text)
        return f"{unit}, {ministry.group(1)}" if ministry else unit
    for s in head[:20]:
        m = _ESELON4.match(s)
        if m:
            return " ".join(m.group(1).split())
    return None


def _nonblank_after(head: list[str], i: int, n: int) -> list[str]:
    return [s for s in head[i + 1:] if s.strip()][:n]


def _letterhead(head: list[str]) -> str | None:
    """"PEMERINTAH KABUPATEN LABUHANBATU UTARA" over "INSPEKTORAT KABUPATEN": the office of that region."""
    for i, s in enumerate(head):
        m = _LETTERHEAD.match(s)
        if not m:
            continue
        for nxt in _nonblank_after(head, i, 2):
            o = _OFFICE_CAPS.match(nxt)
            if o:
                office = re.sub(r"\s+(KOTA|KABUPATEN|PROVINSI)$", "", o.group(1))
                return f"{_title(office)} {_title(m.group(1))} {_title(m.group(2))}"
        return f"Pemerintah {_title(m.group(1))} {_title(m.group(2))}"
    return None


def _cover_in_capitals(head: list[str]) -> str | None:
    """"BADAN PERENCANAAN PEMBANGUNAN DAERAH" over "KABUPATEN MADIUN" on a cover."""
    for i, s in enumerate(head):
        o = _OFFICE_CAPS.match(s)
        if not o:
            continue
        nxt = _nonblank_after(head, i, 1)
        r = _REGION_CAPS.match(nxt[0]) if nxt else None
        if r:
            return f"{_title(o.group(1))} {_title(r.group(1))} {_title(r.group(2))}"
    return None
