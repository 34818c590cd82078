"""Finding sections: which part of the report (Ringkasan, BAB I-IV, Lampiran) each block belongs to,
skipping the headings that only stand in the table of contents; the report year and submission."""
from __future__ import annotations

import re
from collections import Counter

from .document import Block
from .table_kinds import low

UNREAD_OFFICE = "(instansi tidak terbaca)"   # the office when no name was read (reporters translate it)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_SEC_BAB = re.compile(r"^bab\s+(iv|iii|ii|i|[1-4])\b", re.I)
# "III. AKUNTABILITAS KINERJA", "II PERENCANAAN KINERJA": a chapter numbered without the word BAB
_SEC_ROMAN = re.compile(r"^(iv|iii|ii|i)\.?\s+(?:pendahuluan|perencanaan|akuntabilitas|penutup)\b", re.I)
_SEC_LAMP = re.compile(r"^lampiran\s+(iv|iii|ii|v|i|[1-5])\b", re.I)


class SectionsMixin:
    def assign_sections(self):
        section, blocks = "sampul", self.d.blocks
        if not any(self._section_of(b, "sampul") for b in blocks if b.kind != "table"):
            # an excerpt without any heading (a page of BAB III, a portal's measurement page): its
            # tables and figures are those of the measurement chapter
            section = "bab3"
        self.d.bounds = [(1, section)]
        for i, b in enumerate(blocks):
            if b.kind != "table":
                new = self._section_of(b, section)
                if new and not self._is_toc_entry(i):
                    if new != section:
                        self.d.bounds.append((b.line, new))
                        self.d.sections.setdefault(new, b.line)
                    section = new
            self.sections.append(section)

    def _section_of(self, b: Block, current: str) -> str | None:
        text = b.text.strip()
        if len(text) > 90 or not text:
            return None
        lt = low(text)
        if lt.startswith("kata pengantar"):
            return "pengantar"
        if lt.startswith("ringkasan eksekutif") or lt.startswith("ikhtisar eksekutif"):
            return "ringkasan"
        if lt.startswith("daftar isi"):
            return "daftar_isi"
        m = _SEC_ROMAN.match(lt)
        if m:
            return f"bab{_ROMAN[m.group(1)]}"
        if re.fullmatch(r"akuntabilitas kinerja(?: instansi pemerintah)?\.?", lt) and current != "bab3":
            return "bab3"
        m = _SEC_BAB.match(lt)
        if m:
            return f"bab{_ROMAN[m.group(1)]}"
        m = _SEC_LAMP.match(lt)
        if m:
            return f"lampiran{_ROMAN[m.group(1)]}"
        if current.startswith("lampiran") or current == "bab4":
            if "perjanjian kinerja" in lt and ("perubahan" in lt or "pernyataan" in lt or current != "bab4"):
                return "lampiran3"
            if "pengukuran kinerja" in lt and current.startswith("lampiran"):
                return "lampiran4"
        return None

    def _is_toc_entry(self, i: int) -> bool:
        for b in self.d.blocks[i + 1:i + 3]:
            if b.kind == "table":
                return any(re.search(r"\.{3,}|…", " ".join(r.cells)) for r in b.rows[:3])
            if re.search(r"\.{4,}\s*\d+\s*$", b.text):
                return True
            if b.kind == "heading":
                continue
        return self.sections and self.sections[-1] == "daftar_isi" and bool(_SEC_BAB.match(low(self.d.blocks[i].text))) \
            and i + 1 < len(self.d.blocks) and self.d.blocks[i + 1].kind == "table"


    def submission(self) -> dict:
        text = self.d.text()
        from .office import read_office

        office = read_office([self.d.lines[k] for k in sorted(self.d.lines)])
        renstra = re.search(r"(?:Renstra|Rencana Strategis)[^\n]{0,90}?((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", text)
        sub = {"instansi": office or UNREAD_OFFICE,
               "tahun": self.year,
               "source": f"LKjIP {self.year} {office or ''} (dibaca dari {self.d.fmt})".replace("  ", " "),
               "source_file": self.source_name, "rounding": "round"}
        if renstra and int(renstra.group(1)) < int(renstra.group(2)):
            sub["renstra"] = {"start": int(renstra.group(1)), "end": int(renstra.group(2))}
        return sub

    def detect_year(self) -> int:
        text = self.d.text()
        years = Counter(int(y) for y in re.findall(r"\b[Tt]ahun\s+((?:20)\d\d)\b", text))
        head = re.findall(r"\b(20\d\d)\b", " ".join(self.d.lines.get(k, "") for k in sorted(self.d.lines)[:15]))
        for y in head:
            years[int(y)] += 3
        for y in re.findall(r"\b(?:[Tt]ahun\s+[Aa]nggaran|TA\.?)\s+(20\d\d)\b", text):
            years[int(y)] += 5      # the budget year a report is about
        if not years:
            any_year = Counter(int(y) for y in re.findall(r"\b(20\d\d)\b", text))
            return any_year.most_common(1)[0][0] if any_year else 0
        return years.most_common(1)[0][0]



# What kind of document this is, from its words (title, office, period). Order matters: an LKPD
# quotes "kinerja" too, so its own words are tested first.
_LKPD = re.compile(r"laporan\s+keuangan|laporan\s+realisasi\s+anggaran|penjelasan\s+pos-pos|\bLRA\b|\bneraca\b|"
                   r"catatan\s+atas\s+laporan\s+keuangan|\bLKPD\b", re.I)
_LKJIP = re.compile(r"\blkjip\b|\blakip\b|\blkj\b|laporan\s+kinerja|laporan\s+akuntabilitas\s+kinerja|"
                    r"akuntabilitas\s+kinerja", re.I)
_PERF = re.compile(r"pengukuran\s+kinerja|capaian\s+kinerja|ikhtisar\s+kinerja|perjanjian\s+kinerja|"
                   r"indikator\s+kinerja", re.I)
_REVIU = re.compile(r"\bnota\s+dinas\b|laporan\s+hasil\s+reviu|\bLHR\b", re.I)
# interim: the report names its period ("Laporan Kinerja Triwulan II", "LKjIP Semester I"); quarterly
# columns of a table (TW I ... TW IV) in an annual report are not that
_INTERIM = re.compile(r"\b(?:laporan|lkjip|lakip|lkj)\b[^\n]{0,60}?\b(?:triwulan|semester)\s*(?:i{1,3}|iv|[1-4])\b",
                      re.I)
_LEVELS = [
    ("kementerian/lembaga", re.compile(r"\bkementerian\b|\bdirektorat\b|\bdeputi\b|\bbadan\s+nasional\b", re.I)),
    ("kecamatan", re.compile(r"\bkecamatan\s+[A-Z]", re.I)),
    ("perangkat daerah", re.compile(r"\b(dinas|badan|bappeda|bpkad|inspektorat|sekretariat|kantor|satuan)\b"
                                    r"[^.\n]{0,60}\b(kota|kabupaten|provinsi)\b", re.I)),
    ("pemerintah daerah", re.compile(r"pemerintah\s*(kota|kabupaten|provinsi)|pemkab|pemkot|pemprov", re.I)),
]


def document_kind(text: str) -> dict:
    """{kind: lkjip | kinerja | reviu | lkpd | lain, level, interim}: what the document says it is."""
    head = text[:6000]
    lkjip = len(_LKJIP.findall(text))
    lkpd = len(_LKPD.findall(text))
    perf = len(_PERF.findall(text))
    if lkpd and lkpd > lkjip + perf:
        kind = "lkpd"
    elif _REVIU.search(head):   # the Inspektorat's memo about a report, not the report itself
        kind = "reviu"
    elif lkjip:
        kind = "lkjip"
    elif perf:
        kind = "kinerja"
    else:
        kind = "lain"
    level = next((name for name, rx in _LEVELS if rx.search(head)), None)
    return {"kind": kind, "level": level, "interim": bool(_INTERIM.search(head))}
