"""The reader's own messages (Indonesian first, English with --lang en): why a document cannot be
checked, and what was found in it."""
from __future__ import annotations

from ..i18n import get_lang

MESSAGES = {
    "lkpd": {"id": "ini LKPD (laporan keuangan: {what}), bukan LKjIP; lkjip-audit memeriksa laporan kinerja",
             "en": "this is an LKPD (financial report: {what}), not an LKjIP; lkjip-audit checks performance reports"},
    "not_lkjip": {"id": "bukan LKjIP: tidak ada kata 'LKjIP' / 'LAKIP' / 'Laporan Kinerja' / 'Akuntabilitas Kinerja' / "
                        "'Pengukuran Kinerja' dalam dokumen",
                  "en": "not an LKjIP: the document never says 'LKjIP' / 'LAKIP' / 'Laporan Kinerja' / "
                        "'Akuntabilitas Kinerja' / 'Pengukuran Kinerja'"},
    "no_year": {"id": "tahun laporan tidak ditemukan ('Tahun 20xx')", "en": "the report year was not found ('Tahun 20xx')"},
    "nothing": {"id": "tidak ada yang dapat diperiksa: ditemukan {found}; tetapi tidak ada tabel indikator kinerja "
                      "(kolom indikator dengan target / realisasi / capaian) maupun tabel anggaran program yang terbaca, "
                      "sehingga tidak satu aturan pun dapat dijalankan{why}",
                "en": "nothing could be checked: found {found}; but no table of performance indicators (an indicator "
                      "column with target / realisasi / capaian) nor a programme budget table could be read, "
                      "so no rule could run{why}"},
    "found": {"id": "{sections} bagian ({names}), {tables} tabel, {figures} angka",
              "en": "{sections} sections ({names}), {tables} tables, {figures} figures"},
    "pages_no_text": {"id": "halaman {pages} tanpa lapisan teks (hasil pindaian?): tidak dibaca; jalankan OCR untuk halaman itu",
                      "en": "page(s) {pages} have no text layer (scanned?): not read; run OCR on them"},
    "tables_unknown": {"id": "; tabel yang tidak dikenali judul kolomnya: {lines}",
                       "en": "; tables whose column headers were not recognised: {lines}"},
    "text_only": {"id": "tidak ada tabel indikator kinerja maupun tabel anggaran program yang terbaca (ditemukan {found}); "
                        "hanya aturan teks yang dapat berjalan ({what})",
                  "en": "no table of performance indicators nor programme budget table could be read (found {found}); "
                        "only the text rules can run ({what})"},
    "document": {"id": "jenis dokumen: {kind}; tingkat: {level}; {period}",
                 "en": "document: {kind}; level: {level}; {period}"},
}

# what the text rules can look at in a report without tables (readers/text_only.py)
TEXT_WHAT = {"tahun": ("tahun laporan", "report year"), "instansi": ("nama instansi", "office name"),
             "penanda_tangan": ("penanda tangan dan NIP", "signatory and NIP"),
             "penomoran": ("penomoran daftar", "list numbering")}
# document_kind() (readers/sections.py) in the auditor's words
KIND = {"lkjip": ("LKjIP", "LKjIP (performance report)"),
        "kinerja": ("dokumen pengukuran / ikhtisar kinerja (bukan LKjIP lengkap)",
                    "performance measurement / summary document (not a whole LKjIP)"),
        "reviu": ("nota dinas / laporan hasil reviu Inspektorat (bukan LKjIP)",
                  "Inspektorat review memo / review report (not an LKjIP)")}
LEVEL = {"pemerintah daerah": ("pemerintah daerah", "local government (pemda)"),
         "perangkat daerah": ("perangkat daerah (OPD)", "regional agency (OPD)"),
         "kecamatan": ("kecamatan", "sub-district (kecamatan)"),
         "kementerian/lembaga": ("unit kementerian/lembaga (eselon I/II)", "ministry or agency unit (echelon I/II)"),
         None: ("tidak terbaca", "not read")}
PERIOD = {False: ("laporan tahunan", "annual report"), True: ("laporan interim (triwulan / semester)",
                                                              "interim report (quarter / semester)")}


SECTIONS_EN = {"sampul": "cover", "pengantar": "foreword", "ringkasan": "executive summary",
               "daftar_isi": "table of contents", "bab1": "chapter I", "bab2": "chapter II", "bab3": "chapter III",
               "bab4": "chapter IV"}


def section_names(codes: list[str], lang: str | None = None) -> str:
    """The sections found, as the message names them: their codes in Indonesian ("pengantar, bab3"),
    their English names under --lang en ("foreword, chapter III", "annex 2")."""
    if (lang or get_lang()) != "en":
        return ", ".join(codes) or "-"
    return ", ".join(SECTIONS_EN.get(c, c.replace("lampiran", "annex ")) for c in codes) or "-"


def msg(key: str, lang: str | None = None, **kw) -> str:
    m = MESSAGES[key]
    return m.get(lang or get_lang(), m["id"]).format(**kw)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def document_info(kind: dict, lang: str | None = None) -> dict:
    """{kind, level, interim, text}: what the document is, for every report's header."""
    lang = lang or get_lang()
    k = kind.get("kind") or "lkjip"
    text = msg("document", lang, kind=_pick(KIND.get(k, (k, k)), lang),
               level=_pick(LEVEL.get(kind.get("level"), LEVEL[None]), lang),
               period=_pick(PERIOD[bool(kind.get("interim"))], lang))
    return {"kind": k, "level": kind.get("level"), "interim": bool(kind.get("interim")), "text": text}


def note_text(note: dict, lang: str | None = None) -> str:
    """A reading note (Extraction.notes) in the chosen language."""
    lang = lang or get_lang()
    if note.get("key") == "text_only":
        f = note["found"]
        found = msg("found", lang, sections=f["sections"], names=section_names(f["names"], lang),
                    tables=f["tables"], figures=f["figures"])
        what = ", ".join(_pick(TEXT_WHAT[w], lang) for w in note["what"])
        return msg("text_only", lang, found=found, what=what)
    return str(note)
