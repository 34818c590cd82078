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

    # the report year and the office are read from these very phrases: one alone checks nothing,
    # a second one can disagree with it
    found: set[str] = set()
    years = offices = numbered = 0
    for _, text in sorted(document.lines.items()):
        years += len(_REPORT_YEAR.findall(text))
        offices += len(_INSTANSI.findall(text))
        if _NIP.match(text) or re.search(r"\bNIP\w*\s*\.?\s*:?\s*\d[\d ]{10,}", text, re.I):
            found.add("penanda_tangan")
        numbered = numbered + 1 if _NUMBERED.match(text) else numbered
    found |= {w for w, n in (("tahun", years), ("instansi", offices), ("penomoran", numbered)) if n >= 2}
    return [w for w in WHAT if w in found]
