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
}


def msg(key: str, **kw) -> str:
    m = MESSAGES[key]
    return m.get(get_lang(), m["id"]).format(**kw)
