"""The header vocabulary: what a column header means, in one place.

Offices word their headers differently; each entry maps the printed phrases (lower case, longest
first wins) to a column role. The roles are the concepts of rules/concepts.yaml (target,
realisasi, capaian, anggaran, realisasi_anggaran, penyerapan, kenaikan, ...) or a label role
(no, sasaran, program, indikator, uraian, satuan, text). A role marked `budget` changes the
meaning of what follows it: after "Alokasi Anggaran", "Realisasi" is money spent and "%" is the
penyerapan. Adding a phrase or a role = one line here.

Used by flat_tables.py (tables flattened into text lines); table_kinds.classify_header reads
real table cells and keeps its own word tests for them.
"""
from __future__ import annotations

import re

# role, phrases as printed (lower case), is this a figure column?
HEADER_VOCAB: list[tuple[str, tuple[str, ...], bool]] = [
    ("no", ("no.", "no", "nomor"), False),
    ("text", ("pejabat", "penanggung jawab"), False),
    ("sasaran", ("sasaran kegiatan / sub-kegiatan", "sasaran kegiatan/sub-kegiatan", "sasaran strategis",
                 "sasaran program", "sasaran kegiatan", "sasaran"), False),
    ("program", ("jenis belanja", "uraian belanja",   # a budget table by type of belanja (budget_levels.py)
                 "kegiatan / sub-kegiatan", "kegiatan/sub-kegiatan", "program/kegiatan", "program / kegiatan",
                 "sub-kegiatan", "sub kegiatan", "kegiatan", "program", "uraian"), False),
    ("indikator", ("indikator kinerja utama", "indikator kinerja makro", "indikator kinerja", "indikator"), False),
    ("satuan", ("satuan",), False),
    ("ket", ("keterangan", "kendala", "solusi", "kategori", "predikat", "ket."), False),
    ("anggaran", ("alokasi anggaran (rp)", "alokasi anggaran", "pagu anggaran", "pagu (rp)", "pagu", "alokasi",
                  "anggaran (rp)", "anggaran"), True),
    ("realisasi_anggaran", ("realisasi anggaran (rp)", "realisasi anggaran", "realisasi keuangan"), True),
    ("penyerapan", ("realisasi(%)", "realisasi (%)", "penyerapan (%)", "penyerapan", "serapan"), True),
    ("capaian", ("target kinerja(%)", "target kinerja (%)", "kinerja(%)", "kinerja (%)", "capaian kinerja (%)",
                 "capaian kinerja", "capain kinerja", "capaian (%)", "capaian", "capain", "hasil pengukuran",
                 "% capaian"), True),
    ("kenaikan", ("perubahan %", "perubahan (%)", "perubahan", "kenaikan", "pertumbuhan (%)"), True),
    ("target", ("target",), True),
    ("realisasi", ("realisasi", "hasil"), True),
    ("efisiensi", ("efisiensi", "ie/te"), True),
    ("year", ("tahun n-1", "tahun n"), True),
    ("pct", ("%",), True),
]

_PHRASES = sorted(((p, role, fig) for role, ps, fig in HEADER_VOCAB for p in ps), key=lambda x: -len(x[0]))
_BY_START: dict[str, list] = {}
for _p in _PHRASES:
    _BY_START.setdefault(_p[0][:2], []).append(_p)
_YEAR = re.compile(r"(?:19|20)\d\d")
FIGURE_ROLES = {role for role, _, fig in HEADER_VOCAB if fig}
# roles that decide the table is a table of figures about named things
LABEL_ROLES = ("indikator", "program", "sasaran")
# the roles whose header words lead a table: without at least one of them a line is not a header
LEAD_ROLES = ("target", "realisasi", "capaian", "anggaran", "realisasi_anggaran", "year", "kenaikan")


def phrases(text: str) -> tuple[list[tuple[str, str]], int]:
    """Split header text into (role, printed phrase) in order; also the number of words not known."""
    s = " ".join(text.casefold().split())
    out: list[tuple[str, str]] = []
    unknown = 0
    i = 0
    while i < len(s):
        if s[i] == " ":
            i += 1
            continue
        m = _YEAR.match(s, i)
        if m and (m.end() == len(s) or s[m.end()] == " "):
            out.append(("year", m.group(0)))
            i = m.end()
            continue
        for p, role, _ in _BY_START.get(s[i:i + 2], ()):
            if s.startswith(p, i) and (i + len(p) == len(s) or not s[i + len(p)].isalnum() or not p[-1].isalnum()):
                out.append((role, text_slice(text, s, i, i + len(p))))
                i += len(p)
                break
        else:
            j = s.find(" ", i)
            j = len(s) if j < 0 else j
            word = s[i:j]
            if out and word.isalpha() and len(word) <= 12 and out[-1][0] not in ("year",):
                out[-1] = (out[-1][0], out[-1][1] + " " + word)   # a qualifier of the phrase before
            unknown += 1
            i = j
    return out, unknown


def text_slice(original: str, folded: str, a: int, b: int) -> str:
    """The printed words of a folded slice (spaces collapsed; case as printed)."""
    words = " ".join(original.split())
    return words[a:b] if len(words) == len(folded) else folded[a:b]


def looks_like_header(text: str) -> bool:
    """A line of header words: mostly known phrases, at least one figure column and one label."""
    found, unknown = phrases(text)
    roles = [r for r, _ in found]
    if len(found) < 3 or unknown > max(2, len(found) // 2):
        return False
    return any(r in LEAD_ROLES for r in roles) and (any(r in LABEL_ROLES for r in roles) or "no" in roles)
