"""The one report model the review deliverables (HTML, Excel KKR, LHR draft, SARIF, JUnit, annotated
report) are rendered from: the JSON report dict (`common.report_dict`, the same result object every
reporter uses) plus, for every location, the printed line or table row of the report it points to and
where the figure stands in it (so a renderer can highlight it), a running finding number and a
one-line place ("BAB III / Tabel 3.1.1 / baris 1 / baris 259").

Nothing here is escaped: each renderer escapes for its own medium.
"""
from __future__ import annotations

import re
from pathlib import Path

from .common import report_dict

MAX_SOURCE_BYTES = 50 * 1024 * 1024  # the report text beside a dataset is read only up to this size
WORDS = {
    "id": {"row": "baris tabel", "line": "baris", "page": "halaman", "dataset": "definisi subjek"},
    "en": {"row": "table row", "line": "line", "page": "page", "dataset": "subject definition"},
}


KNOWN_FIELDS = {"rule", "severity", "title", "message", "reference", "subject", "subject_name", "concept", "period",
                "found", "found_text", "expected", "expected_text", "expected_interval", "why", "locations",
                "no", "anchor", "section", "extra_fields"}


def review_model(result, fail_on: str, lang: str) -> dict:
    r = report_dict(result, fail_on, lang)
    lines = printed_lines(result)
    r["source_path"] = source_path(result)
    sections: list[str] = []
    for no, f in enumerate(r["findings"], start=1):
        f["no"] = no
        f["anchor"] = f"temuan-{no}"
        for loc in f["locations"]:
            printed = lines.get(loc["line"]) if loc.get("line") is not None and "dataset" not in loc else None
            loc["printed"] = printed
            loc["span"] = figure_span(printed, loc.get("text")) if printed else None
            loc["place"] = place(loc, lang)
        first = next((x for x in f["locations"] if x["role"] == "found"), f["locations"][0] if f["locations"] else None)
        f["section"] = first["section"] if first else ""
        if f["section"] not in sections:
            sections.append(f["section"])
    r["sections"] = sections
    r["rules_found"] = sorted({f["rule"] for f in r["findings"]})
    r["rules"] = [{"id": rule.id, "title": rule.title_in(lang), "severity": rule.severity, "kind": rule.kind,
                   "reference": rule.reference} for rule in result.ruleset.rules]
    for f in r["findings"]:  # fields other reporters may add (e.g. a root cause): shown as they are
        f["extra_fields"] = [(k, v) for k, v in f.items() if k not in KNOWN_FIELDS and v not in (None, "", [], {})]
    r.setdefault("unplaced", [])
    from ..readers.dataset import SECTION_NAMES

    for u in r["unplaced"]:
        u["section_name"] = SECTION_NAMES.get(u.get("section"), u.get("section") or "")
    return r


def printed_lines(result) -> dict[int, str]:
    """line -> the text printed there: the document model when a report file was read, otherwise the
    report text shipped beside the dataset (`submission.source_file`), when it is a text file."""
    document = getattr(result.dataset, "document", None)
    if document is not None:
        return dict(document.lines)
    path = source_path(result)
    if path is None or Path(path).suffix.lower() not in (".txt", ".md"):
        return {}
    p = Path(path)
    try:
        if not p.is_file() or p.stat().st_size > MAX_SOURCE_BYTES:
            return {}
        text = p.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return {}
    return {i: s for i, s in enumerate(text.split("\n"), start=1)}


def source_path(result) -> str | None:
    """The report file the locations' lines point into (the file read, or the dataset's source_file)."""
    document = getattr(result.dataset, "document", None)
    if document is not None:
        return str(document.path)
    name = result.dataset.submission.get("source_file")
    if not name:
        return None
    base = Path(result.dataset.path)
    base = base if base.is_dir() else base.parent
    p = base / Path(str(name)).name  # only a file beside the dataset: never a path that leaves it
    return str(p) if p.is_file() else None


def figure_span(printed: str, text: str | None) -> tuple[int, int] | None:
    """Where the printed figure stands in its line: the exact text, else the text without the
    brackets/spaces around it, else its digits with any separators between them."""
    if not text:
        return None
    for candidate in (text, text.strip(), text.strip().strip("()").strip()):
        if candidate:
            i = printed.find(candidate)
            if i >= 0:
                return (i, i + len(candidate))
    digits = re.findall(r"\d+", text)
    if digits:
        m = re.search(r"[-−]?" + r"[\s.,]?".join(re.escape(d) for d in digits) + r"\s?%?", printed)
        if m:
            return (m.start(), m.end())
    return None


def split_printed(loc: dict) -> tuple[str, str, str] | None:
    """(before, figure, after) of the printed line, for highlighting; None without a printed line."""
    printed = loc.get("printed")
    if printed is None:
        return None
    span = loc.get("span")
    if not span:
        return (printed, "", "")
    a, b = span
    return (printed[:a], printed[a:b], printed[b:])


def place(loc: dict, lang: str) -> str:
    """bagian / tabel / baris / halaman, in one line."""
    w = WORDS.get(lang, WORDS["id"])
    parts = [loc.get("section") or ""]
    if loc.get("title"):
        parts.append(loc["title"])
    if loc.get("row") is not None:
        parts.append(f"{w['row']} {loc['row']}")
    if loc.get("where"):
        parts.append(loc["where"])
    elif loc.get("line") is not None:
        parts.append(f"{w['line']} {loc['line']}")
    if loc.get("page") is not None and not (loc.get("where") or "").startswith(w["page"]):
        parts.append(f"{w['page']} {loc['page']}")
    if loc.get("dataset"):
        parts.append(f"LKjIP {loc.get('tahun')} ({loc['dataset']})")
    return " / ".join(p for p in parts if p)
