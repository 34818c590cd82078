"""What the reports add when a report file (not a hand-made dataset) was read: the place of every
location in the original document (`where`: "baris 259", "paragraf 17", "tabel 4 baris 2",
"halaman 5 baris 12") and the list of tables / rows the reader could not place
("tidak terbaca / tidak dikenali"), with its count in the summary. New keys only: the keys of
`lkjip-findings/1` stay as they are."""
from __future__ import annotations


def add_reading(out: dict, dataset, extraction, lang: str | None = None) -> None:
    from ..readers.messages import document_info, note_text
    from ..readers.reasons_en import HEADERS, kind_text, reason_text, where_text

    document = dataset.document
    # what the document is (LKjIP / reviu memo ..., pemda / OPD / kecamatan / K/L unit, annual / interim)
    out["submission"]["document"] = document_info(getattr(extraction, "kind", None) or {}, lang)
    # what the report says about the reading: no indicator table found, only the text rules ran
    out["reading_notes"] = [note_text(n, lang) for n in getattr(extraction, "notes", None) or []]
    for f in out["findings"]:
        for loc in f["locations"]:
            loc["where"] = where_text(document.describe(loc["line"]), lang) if document is not None else None
    out["submission"]["report_format"] = document.fmt if document is not None else None
    out["summary"]["unplaced"] = len(extraction.unplaced)
    out["unplaced"] = [dict(u.as_dict(), kind=kind_text(u.kind, lang), where=where_text(u.where, lang),
                            reason=reason_text(u.reason, lang)) for u in extraction.unplaced]
    # figures read that no rule reads (a month of the realisasi without its month), with the reason
    read_only = [dict(n, reason=reason_text(n.get("reason", ""), lang),
                      **({"header": HEADERS.get(n["header"], n["header"])} if lang == "en" and n.get("header") else {}))
                 for n in getattr(extraction, "not_evaluated", []) or []]
    out["summary"]["read_not_evaluated"] = len(read_only)
    out["read_not_evaluated"] = read_only
