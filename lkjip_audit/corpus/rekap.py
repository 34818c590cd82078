"""The rekap of a corpus run: one row per report, and its renderers.

Row: the input as given, status (`checked` | `unreadable` + reason), instansi, tahun, errors,
warnings, infos, unread parts (`unplaced`: tables / rows of a report file the reader could not place;
`unreadable_figures`: printed figures that could not be read as numbers), figures read that no rule
checks (`not_evaluated`: a report of them is not fully checked, whatever its result), the top rules (id and
count of findings) and pass / fail at --fail-on. An unreadable report counts as failed: it was not
checked, and an Inspektorat cannot sign it off.

Renderers: `RENDERERS[fmt](rekap, lang) -> str`. Other formats (HTML, Excel) plug in with
`register("html", fn)`; the CLI offers every registered format.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .. import __version__

REKAP_FORMAT = "lkjip-rekap/1"
ROW_KEYS = ("input", "status", "reason", "instansi", "tahun", "errors", "warnings", "infos", "unplaced",
            "unreadable_figures", "not_evaluated", "top_rules", "passed", "pages")

WORDS = {
    "id": {"title": "Rekap pemeriksaan LKjIP", "input": "Laporan", "instansi": "Instansi", "tahun": "Tahun",
           "errors": "Kesalahan", "warnings": "Peringatan", "infos": "Info", "unread": "Tak terbaca",
           "not_evaluated": "Tak diperiksa", "top": "Aturan teratas",
           "result": "Hasil", "passed": "LULUS", "failed": "GAGAL", "unreadable": "TIDAK TERBACA",
           "reports": "laporan", "fail_on": "ambang gagal", "reason": "Alasan",
           "line": "{n} laporan: {passed} lulus, {failed} gagal, {unreadable} tidak terbaca (ambang gagal: {fail_on})"},
    "en": {"title": "LKjIP check summary", "input": "Report", "instansi": "Office", "tahun": "Year",
           "errors": "Errors", "warnings": "Warnings", "infos": "Infos", "unread": "Unread",
           "not_evaluated": "Not evaluated", "top": "Top rules",
           "result": "Result", "passed": "PASSED", "failed": "FAILED", "unreadable": "UNREADABLE",
           "reports": "reports", "fail_on": "fail level", "reason": "Reason",
           "line": "{n} reports: {passed} passed, {failed} failed, {unreadable} unreadable (fail level: {fail_on})"},
}


@dataclass
class Rekap:
    rows: list[dict]
    fail_on: str

    @classmethod
    def of(cls, outcomes: list[dict], fail_on: str) -> "Rekap":
        return cls([{k: _encodable(o.get(k)) for k in ROW_KEYS} for o in outcomes], fail_on)

    def summary(self) -> dict:
        checked = [r for r in self.rows if r["status"] == "checked"]
        return {"reports": len(self.rows), "checked": len(checked),
                "unreadable": len(self.rows) - len(checked),
                "passed": sum(1 for r in checked if r["passed"]),
                "failed": sum(1 for r in checked if not r["passed"]),
                "errors": sum(r["errors"] for r in checked), "warnings": sum(r["warnings"] for r in checked),
                "infos": sum(r["infos"] for r in checked),
                "fail_on": self.fail_on}

    def passed(self) -> bool:
        return all(r["status"] == "checked" and r["passed"] for r in self.rows)

    def as_dict(self) -> dict:
        return {"tool": {"name": "lkjip-audit", "version": __version__, "format": REKAP_FORMAT},
                "summary": self.summary(), "reports": self.rows, "passed": self.passed()}


def _encodable(v):
    """A text that UTF-8 can write: a file name's non-UTF-8 bytes (surrogates) as `\\xff`."""
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:
            return v.encode("utf-8", "surrogateescape" if _escaped_bytes(v) else "backslashreplace").decode(
                "utf-8", "backslashreplace")
    return v


def _escaped_bytes(v: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in v)


def _unread(r: dict) -> str:
    return str(r["unplaced"] + r["unreadable_figures"]) if r["status"] == "checked" else "-"


def _count(r: dict, key: str):
    """A report that was not checked has no counts: "-", not a 0 that reads as "no error found"."""
    value = r.get(key)
    return value if r["status"] == "checked" and value is not None else "-"


def _top(r: dict) -> str:
    return ", ".join(f"{rid}×{n}" for rid, n in r["top_rules"] or [])


def _result(r: dict, w: dict) -> str:
    if r["status"] != "checked":
        return w["unreadable"]
    return w["passed"] if r["passed"] else w["failed"]


def render_json(rekap: Rekap, lang: str) -> str:
    from ..reporters.escape import json_text

    return json_text(json.dumps(rekap.as_dict(), ensure_ascii=False, indent=2)) + "\n"


def _md(text) -> str:
    """Escaped for a Markdown table cell: no HTML, no pipes, no line breaks, no link/emphasis markup,
    no control characters (ESC, BEL, CSI shown as `\\x1b`), `&` as `&amp;` (no entity)."""
    import re

    from ..reporters.escape import one_line

    s = one_line(text).replace("&", "&amp;")
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~])", r"\\\1", s)


def render_md(rekap: Rekap, lang: str) -> str:
    w = WORDS.get(lang, WORDS["id"])
    s = rekap.summary()
    out = [f"# {w['title']}", "", w["line"].format(n=s["reports"], **{k: s[k] for k in ("passed", "failed",
                                                                                   "unreadable", "fail_on")}), "",
           f"| {w['input']} | {w['instansi']} | {w['tahun']} | {w['errors']} | {w['warnings']} | {w['infos']} "
           f"| {w['unread']} | {w['not_evaluated']} | {w['top']} | {w['result']} |",
           "|---|---|---|---:|---:|---:|---:|---:|---|---|"]
    for r in rekap.rows:
        out.append(f"| {_md(r['input'])} | {_md(r['instansi'] or '-')} | {_md(r['tahun'] or '-')} | {_count(r, 'errors')} "
                   f"| {_count(r, 'warnings')} | {_count(r, 'infos')} | {_unread(r)} | {_count(r, 'not_evaluated')} "
                   f"| {_md(_top(r))} | {_result(r, w)} |")
    bad = [r for r in rekap.rows if r["status"] != "checked"]
    if bad:
        out += ["", f"## {w['unreadable']}", ""]
        out += [f"- {_md(r['input'])}: {_md(r['reason'])}" for r in bad]
    return "\n".join(out) + "\n"


def render_terminal(rekap: Rekap, lang: str, console) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ..reporters.escape import one_line

    w = WORDS.get(lang, WORDS["id"])
    table = Table(title=w["title"])
    for col, justify in (("input", "left"), ("instansi", "left"), ("tahun", "right"), ("errors", "right"),
                         ("warnings", "right"), ("infos", "right"), ("unread", "right"), ("not_evaluated", "right"),
                         ("top", "left"), ("result", "left")):
        table.add_column(w[col], justify=justify, overflow="fold")
    for r in rekap.rows:
        colour = "green" if r["status"] == "checked" and r["passed"] else "red"
        # names and reasons come from the reports: control characters shown (\x1b), never sent raw
        table.add_row(escape(one_line(r["input"])), escape(one_line(r["instansi"] or "-")),
                      escape(one_line(r["tahun"] or "-")), *(str(_count(r, k)) for k in ("errors", "warnings", "infos")),
                      _unread(r), str(_count(r, "not_evaluated")), escape(one_line(_top(r))),
                      f"[{colour}]{_result(r, w)}[/{colour}]")
    console.print(table)
    s = rekap.summary()
    console.print(escape(w["line"].format(n=s["reports"], **{k: s[k] for k in ("passed", "failed", "unreadable",
                                                                              "fail_on")})))
    for r in rekap.rows:
        if r["status"] != "checked":
            console.print(f"[red]{escape(one_line(r['input']))}[/red]: {escape(one_line(r['reason']))}", soft_wrap=True)


def render_table_text(rekap: Rekap, lang: str) -> str:
    import io

    from rich.console import Console

    buf = io.StringIO()
    render_terminal(rekap, lang, Console(file=buf, width=160, no_color=True, soft_wrap=True))
    return buf.getvalue()


RENDERERS = {"table": render_table_text, "json": render_json, "md": render_md}
EXTENSIONS = {"table": "txt", "json": "json", "md": "md"}


def register(fmt: str, renderer, extension: str) -> None:
    """Hook for more rekap formats (HTML, Excel): `renderer(rekap, lang) -> str | bytes`."""
    RENDERERS[fmt] = renderer
    EXTENSIONS[fmt] = extension


from . import rekap_formats  # noqa: E402,F401  (registers the HTML and Excel rekap)
