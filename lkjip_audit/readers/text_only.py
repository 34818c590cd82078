"""A report without any indicator or budget table (a cover and a Kata Pengantar, a chapter of
narrative): what the text rules (rules/teks.yaml) can still check in it. Nothing at all means the
document cannot be checked (exit 2, with what was found); anything means the text rules run and the
report says that no indicator table was found."""
from __future__ import annotations

import re

from .document import Document

WHAT = ("tahun", "instansi", "penanda_tangan", "penomoran")


def text_checkable(document: Document) -> list[str]:
    """Which of WHAT the text holds: a report naming itself with a year ("Laporan Kinerja ... Tahun
    2019"), an office name, a signature block or a NIP, a numbered list of two items or more."""
    from ..engine.document_checks import _INSTANSI, _NIP, _NUMBERED, _REPORT_YEAR

    found: set[str] = set()
    numbered = 0
    for _, text in sorted(document.lines.items()):
        if "tahun" not in found and _REPORT_YEAR.search(text):
            found.add("tahun")
        if "instansi" not in found and _INSTANSI.search(text):
            found.add("instansi")
        if "penanda_tangan" not in found and (_NIP.match(text) or re.search(r"\bNIP\b\s*\.?\s*:?\s*\d", text)):
            found.add("penanda_tangan")
        numbered = numbered + 1 if _NUMBERED.match(text) else numbered
    if numbered >= 2:
        found.add("penomoran")
    return [w for w in WHAT if w in found]
