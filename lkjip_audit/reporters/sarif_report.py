"""SARIF 2.1.0 log for CI (code-scanning viewers), from the review model, serialised with json.

One run; the driver lists every rule that ran; one result per finding. A result's locations are
the report file with the line (text report) or page (PDF) of each place the figure is printed;
places without a line (subject definitions) become logical locations."""
from __future__ import annotations

import json
from pathlib import Path

from ..i18n import get_lang
from .review_model import review_model

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(result, fail_on: str, lang: str | None = None) -> str:
    lang = lang or get_lang()
    m = review_model(result, fail_on, lang)
    uri = _uri(m)
    # a text report (or the text beside a dataset) has lines; in DOCX/PDF the running number is no
    # line of the file: the place goes in the region's properties (where, page) instead
    lines = m["submission"].get("report_format") in (None, "text")
    rules = [{"id": r["id"], "name": r["id"], "shortDescription": {"text": r["title"] or r["id"]},
              "defaultConfiguration": {"level": LEVEL.get(r["severity"], "warning")},
              "properties": {"kind": r["kind"], "reference": r["reference"] or ""}} for r in m["rules"]]
    index = {r["id"]: i for i, r in enumerate(m["rules"])}
    results = []
    for f in m["findings"]:
        res = {"ruleId": f["rule"], "level": LEVEL.get(f["severity"], "warning"),
               "message": {"text": _message(f, lang)},
               "locations": [_location(loc, uri, lines) for loc in f["locations"]][:100] or [_logical(f)],
               "properties": {"found": f["found_text"], "expected": f.get("expected_text") or "",
                              "why": str(f["why"]), "subject": f.get("subject") or "", "no": f["no"],
                              **{str(k): v if isinstance(v, (str, int, float, bool)) else str(v)
                                 for k, v in f.get("extra_fields", [])}}}
        if f["rule"] in index:
            res["ruleIndex"] = index[f["rule"]]
        results.append(res)
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": m["tool"]["name"], "version": m["tool"]["version"], "rules": rules}},
        "language": "id-ID" if lang == "id" else "en-US",
        "results": results,
        "properties": {"instansi": m["submission"].get("instansi") or "", "tahun": m["submission"].get("tahun"),
                       "notEvaluated": m["not_evaluated"]},
    }]}
    if uri is not None:
        log["runs"][0]["artifacts"] = [{"location": {"uri": uri}}]
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _uri(m) -> str | None:
    path = m.get("source_path") or m["submission"].get("dataset")
    if not path:
        return None
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.resolve().as_uri()


def _message(f, lang) -> str:
    word = "Seharusnya" if lang == "id" else "Expected"
    text = f["message"]
    if f.get("expected") is not None and f.get("expected_text"):
        text += f" ({word}: {f['expected_text']}; {f['why']})"
    return text


def _location(loc, uri, lines: bool) -> dict:
    """The report file and, for a text report, the line (and columns) of the printed figure; the
    PDF page and the reader's place ("halaman 5 tabel 2 baris 3", "paragraf 17") as properties."""
    phys: dict = {"artifactLocation": {"uri": uri or loc.get("dataset") or "dataset"}}
    if lines and loc.get("line") is not None and loc["line"] >= 1 and loc.get("section") != "dataset":
        region: dict = {"startLine": int(loc["line"])}
        if loc.get("span"):
            region["startColumn"] = loc["span"][0] + 1
            region["endColumn"] = loc["span"][1] + 1
        if loc.get("text"):
            region["snippet"] = {"text": str(loc["text"])}
        phys["region"] = region
    props = {k: loc[k] for k in ("page", "where") if loc.get(k) is not None}
    if props:
        phys["properties"] = props
    return {"physicalLocation": phys, "message": {"text": loc["place"]},
            "properties": {"role": loc["role"], "section": loc.get("section") or "", "text": str(loc.get("text") or "")}}


def _logical(f) -> dict:
    return {"logicalLocations": [{"name": f.get("subject") or f["rule"], "kind": "object"}]}
