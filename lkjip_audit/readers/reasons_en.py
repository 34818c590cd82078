"""The reader's reasons ("why this row was not placed", "why this figure is read but not evaluated")
and places ("halaman 5 tabel 2 baris 3") in English, for `--lang en`. The reader writes them in
Indonesian, with names and numbers from the report inside; here each known sentence is matched and
rewritten, the report's own words (names, quotes) kept as printed. A reason not listed is printed as
written (tests/test_text_only.py checks that the corpus leaves no Indonesian word in these lines).
"""
from __future__ import annotations

import re

from ..i18n import get_lang

# (pattern, English). Order matters: longer sentences first. `\g<n>` keeps the report's own words.
_REASONS: list[tuple[re.Pattern, str]] = [(re.compile(p), e) for p, e in [
    (r"^kolom tanpa konsep \(mis\. realisasi per bulan yang tidak diketahui bulannya\): dibaca, tidak dinilai$",
     "column without a concept (e.g. a monthly realisasi whose month is not printed): read, not evaluated"),
    # inline formulas (readers/inline_formulas.py): the formula's own arithmetic is checked by NAR001
    (r"^rumus rata-rata di narasi: suku-sukunya tidak dinilai terhadap tabel .*; hitungannya sendiri diperiksa NAR001$",
     "average formula in the narrative: its terms are not checked against the tables (they are not the capaian "
     "of every IKU of one sasaran; no dataset concept holds other averages); its own arithmetic is checked by NAR001"),
    (r"^rumus realisasi / target di narasi: tidak dinilai sebagai salinan capaian, karena realisasinya dicetak "
     r"berbeda \((.*)\) dan rumus ini memakai salah satunya; KON002 menyebut salinannya; hitungannya sendiri "
     r"diperiksa NAR001$",
     r"realisasi / target formula in the narrative: not checked as a copy of the capaian, because the realisasi is "
     r"printed differently (\g<1>) and this formula uses one of them; KON002 names the copies; its own arithmetic "
     r"is checked by NAR001"),
    (r"^rumus rasio di narasi: tidak dinilai sebagai rasio indikator, karena .*; hitungannya sendiri diperiksa NAR001$",
     "ratio formula in the narrative: not checked as the indicator's ratio, because the indicator is computed as "
     "a decrease from last year (RLS002); its own arithmetic is checked by NAR001"),
    (r"^rumus di narasi tanpa indikator yang jelas: tidak dinilai terhadap tabel; hitungannya sendiri diperiksa NAR001$",
     "formula in the narrative without a clear indicator: not checked against the tables; its own arithmetic is "
     "checked by NAR001"),
    (r"^tabel tidak dikenali \(judul kolom tidak terbaca\)$", "table not recognised (column headers not read)"),
    (r"^angka kinerja pada baris jumlah tidak dapat ditempatkan$", "performance figures on a total row cannot be placed"),
    (r"^sasaran tidak dikenali \(skor terbaik ([\d.]+)\)$", r"sasaran not recognised (best score \g<1>)"),
    (r"^indikator tidak dikenali(.*)$", r"indicator not recognised\g<1>"),
    (r"^program untuk (.+) tidak diketahui$", r"programme of \g<1> not known"),
    (r"^program tidak dikenali$", "programme not recognised"),
    (r"^indikator SPM tidak dikenali$", "SPM indicator not recognised"),
    (r"^kolom RKT tidak dikenali$", "RKT columns not recognised"),
    (r"^baris RKT tanpa indikator kegiatan$", "RKT row without an activity indicator"),
    (r"^indikator sasaran tidak dikenali$", "sasaran indicator not recognised"),
    (r"^tahun-tahun matriks Renstra tidak terbaca$", "the years of the Renstra matrix could not be read"),
    (r"^baris nilai tanpa uraian/indikator \(tidak sejajar dengan kolom matriks\)$",
     "row of values without a description/indicator (not aligned with the matrix columns)"),
    (r"^blok tujuan tidak cocok dengan tujuan Renstra mana pun$", "tujuan block matches no Renstra tujuan"),
    (r"^nilai tanpa satuan %: nomor kolom tampak tergabung dengan nilai, tidak dibaca$",
     "values without a % unit: the column number seems merged with the value; not read"),
    (r"^baris matriks Renstra tidak lengkap$", "incomplete Renstra matrix row"),
    (r"^(\d+) angka untuk (\d+) kolom: tidak dapat disejajarkan$",
     r"\g<1> figures for \g<2> columns: cannot be aligned"),
]]
# pieces inside a reason (matching.Match.why(), scores)
_PIECES = [(re.compile(p), e) for p, e in [
    (r"dua calon berdekatan: (.+?) \(skor ([\d.]+)\) dan (.+?) \(skor ([\d.]+)\)",
     r"two close candidates: \g<1> (score \g<2>) and \g<3> (score \g<4>)"),
    (r"skor terbaik ([\d.]+) untuk (.+?), di bawah ambang ([\d.]+)", r"best score \g<1> for \g<2>, below the threshold \g<3>"),
    (r"tidak ada calon", "no candidate"),
]]
_WHERE = [(re.compile(p), e) for p, e in [
    (r"\bhalaman\b", "page"), (r"\btabel\b", "table"), (r"\bbaris\b", "row"), (r"\bparagraf\b", "paragraph"),
    (r"\(di dalam ", "(inside "), (r"\bsel\b", "cell"),
]]
_KINDS = {"tabel": "table", "baris": "row", "sel": "cell", "halaman": "page"}
HEADERS = {"rumus di narasi": "formula in the narrative"}


def reason_text(reason: str, lang: str | None = None) -> str:
    if (lang or get_lang()) != "en" or not reason:
        return reason
    for rx, en in _REASONS:
        m = rx.match(reason)
        if m:
            reason = m.expand(en)
            break
    for rx, en in _PIECES:
        reason = rx.sub(en, reason)
    return reason


def where_text(where: str | None, lang: str | None = None, text_line: bool = False) -> str | None:
    """"halaman 5 tabel 2 baris 3" -> "page 5 table 2 row 3"; a line of a text report is a "line"."""
    if (lang or get_lang()) != "en" or not where:
        return where
    if re.fullmatch(r"baris \d+", where):
        return "line " + where.split()[1]
    for rx, en in _WHERE:
        where = rx.sub(en, where)
    return where


def kind_text(kind: str, lang: str | None = None) -> str:
    return _KINDS.get(kind, kind) if (lang or get_lang()) == "en" else kind
