"""Excel working paper of the reviu (Kertas Kerja Reviu, KKR), with openpyxl, from the review model.

Sheets: Temuan (one row per finding, with empty columns for the office's answer and a Status
dropdown), Kertas Kerja Reviu (the reviu steps; the automatic ones filled and linked to their
findings, the others marked manual), Ringkasan (counts per section and severity).
Every text cell is written as a string: one that starts with = + - @ (or a tab / CR) gets
quotePrefix, so Excel never reads it as a formula. The workbook is deterministic (fixed document
times), so the same input gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import re

from ..i18n import get_lang
from .common import SEVERITY_LABEL
from .kkr_steps import STEPS, step_rules
from .review_model import review_model

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
FIXED_TIME = dt.datetime(2000, 1, 1)
X = {
    "id": {"sheets": ("Temuan", "Kertas Kerja Reviu", "Ringkasan"),
           "cols": ["No", "Kode", "Tingkat", "Uraian", "Tertulis", "Seharusnya", "Perhitungan",
                    "Lokasi (bagian / tabel / baris / halaman)", "Dasar", "Tanggapan OPD", "Tindak lanjut", "Status"],
           "status": ["Belum ditindaklanjuti", "Dalam proses", "Selesai", "Tidak disetujui"],
           "kkr_cols": ["No", "Langkah reviu", "Cara", "Aturan", "Hasil", "Temuan", "Catatan reviewer", "Paraf"],
           "auto": "otomatis", "manual": "manual", "not_run": "aturan tidak dijalankan: periksa manual",
           "ok": "sesuai (tidak ada temuan)", "n_findings": "{n} temuan", "to_check": "diperiksa reviewer",
           "sum_cols": ["Bagian", "Kesalahan", "Peringatan", "Info", "Jumlah"], "total": "Jumlah",
           "head": "{title}: {instansi} {tahun}"},
    "en": {"sheets": ("Findings", "Review Working Paper", "Summary"),
           "cols": ["No", "Rule", "Severity", "Description", "Printed", "Expected", "Computation",
                    "Location (section / table / row / page)", "Basis", "Office response", "Follow-up", "Status"],
           "status": ["Not yet followed up", "In progress", "Done", "Disputed"],
           "kkr_cols": ["No", "Review step", "How", "Rules", "Result", "Findings", "Reviewer notes", "Initials"],
           "auto": "automatic", "manual": "manual", "not_run": "rules not run: check manually",
           "ok": "in order (no finding)", "n_findings": "{n} findings", "to_check": "to be checked by the reviewer",
           "sum_cols": ["Section", "Error", "Warning", "Info", "Total"], "total": "Total",
           "head": "{title}: {instansi} {tahun}"},
}


def safe_text(cell, value) -> None:
    """Write `value` into `cell` as text, never a formula."""
    if value is None:
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        return
    text = _clean(str(value))
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True


def _clean(text: str) -> str:
    """Characters XML 1.0 cannot hold (ESC and other control characters) become U+FFFD."""
    return "".join(ch if ch in "\t\n\r" or ord(ch) >= 0x20 else "\ufffd" for ch in text)[:32000]


def render(result, fail_on: str, lang: str | None = None) -> bytes:
    from openpyxl import Workbook

    lang = lang or get_lang()
    x = X[lang]
    model = review_model(result, fail_on, lang)
    wb = Workbook()
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "lkjip-audit"
    temuan = wb.active
    temuan.title = x["sheets"][0]
    rows = _findings_sheet(temuan, model, x, lang)
    _kkr_sheet(wb.create_sheet(x["sheets"][1]), model, x, lang, rows)
    _summary_sheet(wb.create_sheet(x["sheets"][2]), model, x, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic(buf.getvalue())


def _header(ws, cols, widths, title) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    safe_text(ws.cell(1, 1), title)
    ws.cell(1, 1).font = Font(bold=True, size=12)
    for i, name in enumerate(cols, start=1):
        c = ws.cell(2, i)
        safe_text(c, name)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDDDDD")
        c.alignment = Alignment(wrap_text=True, vertical="top")
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[_col(i)].width = w
    ws.freeze_panes = "A3"


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def _wrap(ws, first_row: int) -> None:
    from openpyxl.styles import Alignment

    for row in ws.iter_rows(min_row=first_row):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")


def _title(model, lang) -> str:
    from .common import words

    s = model["submission"]
    return X[lang]["head"].format(title=words(lang)["title"], instansi=s.get("instansi") or "", tahun=s.get("tahun") or "")


def _findings_sheet(ws, model, x, lang) -> dict[int, int]:
    from openpyxl.worksheet.datavalidation import DataValidation

    sev = SEVERITY_LABEL[lang]
    _header(ws, x["cols"], [5, 9, 11, 50, 14, 14, 40, 50, 30, 30, 25, 20], _title(model, lang))
    rows = {}
    for i, f in enumerate(model["findings"]):
        r = 3 + i
        rows[f["no"]] = r
        where = "\n".join(loc["place"] + f" [{loc['text']}]" for loc in f["locations"])
        expected = f["expected_text"] if f.get("expected") is not None else ""
        why = "\n".join([str(f["why"]), *(f"{k}: {v}" for k, v in f.get("extra_fields", []))])
        values = [f["no"], f["rule"], sev[f["severity"]], f["message"], f["found_text"], expected, why,
                  where, f["reference"], None, None, None]
        for j, v in enumerate(values, start=1):
            safe_text(ws.cell(r, j), v)
    last = 2 + max(1, len(model["findings"]))
    ws.auto_filter.ref = f"A2:{_col(len(x['cols']))}{last}"
    dv = DataValidation(type="list", formula1='"' + ",".join(x["status"]) + '"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"{_col(len(x['cols']))}3:{_col(len(x['cols']))}{max(last, 3) + 200}")
    _wrap(ws, 3)
    return rows


def _kkr_sheet(ws, model, x, lang, rows: dict[int, int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    _header(ws, x["kkr_cols"], [5, 60, 11, 22, 28, 22, 40, 10], _title(model, lang))
    run_ids = [r["id"] for r in model["rules"]]
    temuan = x["sheets"][0]
    for i, (no, text, prefixes) in enumerate(STEPS):
        r = 3 + i
        rules = step_rules(prefixes, run_ids)
        found = [f for f in model["findings"] if prefixes and f["rule"].startswith(prefixes)]
        if rules:
            how, result = x["auto"], (x["n_findings"].format(n=len(found)) if found else x["ok"])
        else:
            how, result = x["manual"], (x["not_run"] if prefixes else x["to_check"])
        for j, v in enumerate([no, text[lang], how, ", ".join(rules) if rules else "", result], start=1):
            safe_text(ws.cell(r, j), v)
        if found:
            c = ws.cell(r, 6)
            safe_text(c, ", ".join(f"#{f['no']} {f['rule']}" for f in found))
            # an internal link to the first of its findings (location, not an external target)
            c.hyperlink = Hyperlink(ref=c.coordinate, location=f"'{temuan}'!A{rows[found[0]['no']]}")
            c.font = Font(color="0563C1", underline="single")
    ws.auto_filter.ref = f"A2:{_col(len(x['kkr_cols']))}{2 + len(STEPS)}"
    _wrap(ws, 3)


def _summary_sheet(ws, model, x, lang) -> None:
    from openpyxl.styles import Font

    _header(ws, x["sum_cols"], [40, 10, 12, 8, 10], _title(model, lang))
    levels = ["error", "warning", "info"]
    r = 3
    for section in model["sections"]:
        counts = [sum(1 for f in model["findings"] if f["section"] == section and f["severity"] == lv) for lv in levels]
        for j, v in enumerate([section, *counts, sum(counts)], start=1):
            safe_text(ws.cell(r, j), v)
        r += 1
    totals = [model["summary"]["by_severity"].get(lv, 0) for lv in levels]
    for j, v in enumerate([x["total"], *totals, sum(totals)], start=1):
        safe_text(ws.cell(r, j), v)
        ws.cell(r, j).font = Font(bold=True)
    ws.auto_filter.ref = f"A2:E{max(r - 1, 2)}"


def _deterministic(data: bytes) -> bytes:
    """Rewrite the zip with fixed member times, so the same report gives the same bytes."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            dst.writestr(fixed, body)
    return out.getvalue()
