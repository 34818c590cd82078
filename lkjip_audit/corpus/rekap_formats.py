"""The rekap in HTML (one self-contained page, every value escaped by Jinja2's autoescape) and in
Excel (one sheet; every text cell written as text, never a formula: reporters/xlsx_report.safe_text).
Registered with rekap.register(), so `check A B --output rekap.html --output rekap.xlsx` works."""
from __future__ import annotations

import io

from .rekap import WORDS, Rekap, _count, _result, _top, _unread, register

HTML = """<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{{ w.title }}</title>
<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}
th,td{border:1px solid #999;padding:.3em .6em;text-align:left}td.n{text-align:right}
.passed{color:#060}.failed,.unreadable{color:#a00;font-weight:bold}</style></head>
<body><h1>{{ w.title }}</h1>
<p class="summary">{{ line }}</p>
<table class="rekap"><thead><tr>{% for h in heads %}<th>{{ h }}</th>{% endfor %}</tr></thead><tbody>
{% for r in rows %}<tr class="{{ r.cls }}">{% for c in r.cells %}<td{% if loop.index in (4, 5, 6, 7, 8) %} class="n"{% endif %}>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{% if bad %}<h2>{{ w.unreadable }}</h2><ul>{% for r in bad %}<li>{{ r.input }}: {{ r.reason }}</li>{% endfor %}</ul>{% endif %}
</body></html>
"""


def _heads(w: dict) -> list[str]:
    return [w[k] for k in ("input", "instansi", "tahun", "errors", "warnings", "infos", "unread", "not_evaluated",
                           "top", "result")]


def _cells(r: dict, w: dict) -> list:
    return [r["input"], r["instansi"] or "-", r["tahun"] or "-", *(_count(r, k) for k in ("errors", "warnings", "infos")),
            _unread(r), _count(r, "not_evaluated"), _top(r), _result(r, w)]


def _line(rekap: Rekap, w: dict) -> str:
    s = rekap.summary()
    return w["line"].format(n=s["reports"], **{k: s[k] for k in ("passed", "failed", "unreadable", "fail_on")})


def _cls(r: dict) -> str:
    return "unreadable" if r["status"] != "checked" else ("passed" if r["passed"] else "failed")


def render_html(rekap: Rekap, lang: str) -> str:
    from jinja2 import Environment, StrictUndefined

    from ..reporters.html_report import _no_controls

    w = WORDS.get(lang, WORDS["id"])
    env = Environment(autoescape=True, undefined=StrictUndefined, finalize=_no_controls)
    return env.from_string(HTML).render(
        lang=lang, w=w, line=_line(rekap, w), heads=_heads(w),
        rows=[{"cls": _cls(r), "cells": _cells(r, w)} for r in rekap.rows],
        bad=[r for r in rekap.rows if r["status"] != "checked"])


def render_xlsx(rekap: Rekap, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..reporters.xlsx_report import FIXED_TIME, _deterministic, safe_text

    w = WORDS.get(lang, WORDS["id"])
    wb = Workbook()
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "lkjip-audit"
    ws = wb.active
    ws.title = "Rekap"
    safe_text(ws.cell(1, 1), _line(rekap, w))
    for j, h in enumerate(_heads(w) + [w["reason"]], start=1):
        safe_text(ws.cell(2, j), h)
        ws.cell(2, j).font = Font(bold=True)
    for i, r in enumerate(rekap.rows, start=3):
        for j, v in enumerate(_cells(r, w) + [r["reason"] if r["status"] != "checked" else None], start=1):
            # counts as numbers; everything from the report (name, instansi, path) as text
            safe_text(ws.cell(i, j), v if isinstance(v, int) and j in (4, 5, 6, 8) else (None if v is None else str(v)))
    for col, width in zip("ABCDEFGHIJK", (40, 40, 8, 8, 10, 8, 10, 12, 30, 14, 50)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return _deterministic(buf.getvalue())


register("html", render_html, "html")
register("xlsx", render_xlsx, "xlsx")
