"""What the reports add when a report file (not a hand-made dataset) was read: the place of every
location in the original document (`where`: "baris 259", "paragraf 17", "tabel 4 baris 2",
"halaman 5 baris 12") and the list of tables / rows the reader could not place
("tidak terbaca / tidak dikenali"), with its count in the summary. New keys only: the keys of
`lkjip-findings/1` stay as they are."""
from __future__ import annotations


def add_reading(out: dict, dataset, extraction) -> None:
    document = dataset.document
    for f in out["findings"]:
        for loc in f["locations"]:
            loc["where"] = document.describe(loc["line"]) if document is not None else None
    out["submission"]["report_format"] = document.fmt if document is not None else None
    out["summary"]["unplaced"] = len(extraction.unplaced)
    out["unplaced"] = [u.as_dict() for u in extraction.unplaced]
    # figures read that no rule reads (a month of the realisasi without its month), with the reason
    read_only = list(getattr(extraction, "not_evaluated", []) or [])
    out["summary"]["read_not_evaluated"] = len(read_only)
    out["read_not_evaluated"] = read_only
