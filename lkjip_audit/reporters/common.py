"""What every report format shares: the submission header, the summary, the finding records."""
from __future__ import annotations

from .. import __version__
from ..i18n import get_lang

REPORT_FORMAT = "lkjip-findings/1"
SEVERITY_LABEL = {
    "id": {"error": "Kesalahan", "warning": "Peringatan", "info": "Info"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}
TEXT = {
    "id": {"summary": "Ringkasan", "findings": "temuan", "rules": "aturan", "checks": "pemeriksaan",
           "not_evaluable": "tidak dapat dihitung", "passed": "LULUS", "failed": "GAGAL",
           "fail_on": "ambang gagal", "where": "Lokasi", "why": "Perhitungan", "found": "Tertulis",
           "expected": "Seharusnya", "reference": "Acuan", "section": "Bagian", "table": "Tabel",
           "line": "Baris", "text": "Teks", "role": "Peran", "role_found": "temuan", "role_reference": "pembanding", "role_input": "masukan",
           "no_findings": "Tidak ada temuan.", "title": "Laporan hasil pemeriksaan LKjIP",
           "unreadable": "angka tidak terbaca", "facts": "angka",
           "unplaced": "tidak terbaca / tidak dikenali", "unplaced_none": "Semua tabel dan baris berangka dikenali.",
           "reason": "Alasan", "place": "Tempat"},
    "en": {"summary": "Summary", "findings": "findings", "rules": "rules", "checks": "checks",
           "not_evaluable": "not computable", "passed": "PASSED", "failed": "FAILED",
           "fail_on": "fail level", "where": "Locations", "why": "Computation", "found": "Printed",
           "expected": "Expected", "reference": "Reference", "section": "Section", "table": "Table",
           "line": "Line", "text": "Text", "role": "Role", "role_found": "finding", "role_reference": "reference", "role_input": "input",
           "no_findings": "No findings.", "title": "LKjIP audit report",
           "unreadable": "unreadable figures", "facts": "figures",
           "unplaced": "unreadable / not recognised", "unplaced_none": "Every table and row with figures was recognised.",
           "reason": "Reason", "place": "Place"},
}

# cross-year reports (check --previous, history)
TEXT["id"].update(trend="Tren per IKU", previous_report="Laporan tahun sebelumnya", partial="sebagian",
                  restated="* dikutip kembali dalam laporan tahun berikutnya")
TEXT["en"].update(trend="Trend per key indicator", previous_report="Previous year's report", partial="partial",
                  restated="* restated in the following year's report")
TEXT["id"].update({"gx": "Great Expectations: {expectations} ekspektasi divalidasi pada {tables} tabel",
                   "gx_time": "waktu GX {seconds} s (+ impor great_expectations {imported} s)", "timings": "Waktu (detik)"})
TEXT["en"].update({"gx": "Great Expectations: {expectations} expectations validated on {tables} tables",
                   "gx_time": "GX time {seconds} s (+ importing great_expectations {imported} s)", "timings": "Timings (seconds)"})


def words(lang: str | None = None) -> dict:
    return TEXT[lang or get_lang()]


def summary(result, fail_on: str) -> dict:
    from ..readers.dataset import count_facts, count_status

    counts = result.counts()
    return {
        "findings": len(result.findings),
        "by_severity": counts,
        "rules_run": len(result.ruleset.rules),
        "checks_evaluated": result.stats.checks,
        "not_evaluable": sum(result.stats.not_evaluable.values()),
        "facts": count_facts(result.dataset),
        "unreadable": count_status(result.dataset, "tidak_terbaca"),
        "fail_on": fail_on,
        "passed": not result.at_or_above(fail_on),
        **_gx_and_timings(result),
    }


def _gx_and_timings(result) -> dict:
    """`gx` (expectations validated, tables) when GX ran; `timings` (seconds) only when asked for
    (`check --timings`), so that a report of the same input stays byte-for-byte the same."""
    out = {}
    gx = getattr(result, "gx", None)
    if gx is not None:
        out["gx"] = dict(gx)
    if getattr(result, "show_timings", False):
        out["timings"] = {k: round(v, 3) for k, v in sorted(result.timings.items())}
    return out


def report_dict(result, fail_on: str, lang: str | None = None) -> dict:
    out = _report_dict(result, fail_on, lang)
    extraction = getattr(result.dataset, "extraction", None)
    if extraction is not None:  # a report file was read: where each place is, what was not placed
        from .reading import add_reading

        add_reading(out, result.dataset, extraction, lang)
    return out


def office_text(sub: dict, lang: str | None = None) -> str | None:
    """The office as read; the tool's own placeholder for an unread one in the chosen language."""
    from ..readers.sections import UNREAD_OFFICE  # the reader's placeholder (imported here: no reader at start-up)

    office = sub.get("instansi")
    return "(office not read)" if office == UNREAD_OFFICE and (lang or get_lang()) == "en" else office


def source_text(sub: dict, lang: str | None = None) -> str | None:
    from ..readers.sections import UNREAD_OFFICE

    source = sub.get("source")
    if source and (lang or get_lang()) == "en":
        source = source.replace(UNREAD_OFFICE, "(office not read)").replace("(dibaca dari ", "(read from ")
    return source


def _report_dict(result, fail_on: str, lang: str | None = None) -> dict:
    sub = result.dataset.submission
    d = {
        "tool": {"name": "lkjip-audit", "version": __version__, "format": REPORT_FORMAT},
        "submission": {
            "instansi": office_text(sub, lang), "tahun": sub.get("tahun"), "source": source_text(sub, lang),
            "source_file": sub.get("source_file"), "dataset": str(result.dataset.path),
            "rule_packs": result.ruleset.packs,
        },
        "summary": summary(result, fail_on),
        "findings": [f.as_dict(lang) for f in result.findings],
        "not_evaluated": [
            {"rule": r, "subject": s, "reason": why, "count": n}
            for (r, s, why), n in sorted(result.stats.not_evaluable.items())
        ],
    }
    if getattr(result, "crossyear", None) is not None:  # check --previous: keys added, none changed
        from .trend import crossyear_dict

        d.update(crossyear_dict(result))
    return d


TEXT["id"]["repaired"] = "dibaca dengan perbaikan: {note}"
TEXT["en"]["repaired"] = "read with repair: {note}"
# the reader's repair notes (numbers.py) in English; a note not listed is printed as written
REPAIR_EN = {
    "pemisah ribuan gaya Inggris": "English-style thousands separator",
    "titik sebagai desimal": "point as decimal mark",
    "titik sebagai desimal (diputuskan per kolom)": "point as decimal mark (decided per column)",
    "dalam kurung": "in brackets", "akhiran ,-": "trailing ,- removed",
    "tanda catatan kaki": "footnote mark removed", "tanpa tanda %": "no % sign",
    "spasi setelah tanda dihapus": "space after the sign removed",
    "spasi dalam ,- dihapus": "space inside ,- removed",
    "digabung dari dua baris sel": "joined from two lines of the cell",
    "kolom mencampur desimal titik dan koma": "the column mixes point and comma decimals",
}


def repaired(note: str, lang: str | None = None) -> str:
    """"dibaca dengan perbaikan: tanda catatan kaki" / "read with repair: footnote mark removed"."""
    lang = lang or get_lang()
    if lang == "en":
        note = "; ".join(REPAIR_EN.get(part.strip(), part.strip()) for part in note.split(";"))
    return TEXT[lang]["repaired"].format(note=note)


def group_locations(locations: list[dict]) -> list[dict]:
    """One line per place: locations of a finding that print the same text, in the same role, section
    and table (and report, and repair note) become one entry whose `lines` lists the report lines
    ("baris 101, 102, 103"), in first-seen order. Every location of the JSON report stays one record."""
    groups: dict[tuple, dict] = {}
    for loc in locations:
        key = (loc["role"], loc["text"], loc["section"], loc["title"], loc.get("dataset"), loc.get("note"))
        g = groups.get(key)
        if g is None:
            g = groups[key] = dict(loc, lines=[], wheres=[])
        if loc["line"] not in g["lines"]:
            g["lines"].append(loc["line"])
            g["wheres"].append(loc.get("where"))
    return list(groups.values())


def lines_text(group: dict) -> str:
    """`101, 102, 103` (or the document's own places, "paragraf 17, paragraf 18")."""
    if any(w for w in group.get("wheres", [])):
        return ", ".join(str(w or "-") for w in group["wheres"])
    return ", ".join(str(n) if n is not None else "-" for n in group["lines"])
