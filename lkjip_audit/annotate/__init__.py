"""`lkjip-audit annotate REPORT.docx|.pdf -o COPY`: the report itself, with a Word comment (DOCX) or
a highlight annotation (PDF) at every printed figure a finding names, carrying the message and the
suggested value. The report's text is never changed and the input file is never written: an output
that is the input (same resolved path, or the same inode through a hard link) is refused (exit 2)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError, Problem

MSG = {
    "id": {"kind": "anotasi hanya untuk laporan .docx atau .pdf", "same_ext": "berkas keluaran harus berakhiran {ext}",
           "input": "menolak menimpa berkas masukan", "done": "{n} anotasi ditulis ke {path}",
           "missing": "{n} tempat tidak ditemukan di dokumen (lihat laporan temuan)",
           "expected": "Seharusnya", "why": "Perhitungan", "also": "juga dicetak di {n} tempat lain"},
    "en": {"kind": "annotate takes a .docx or .pdf report", "same_ext": "the output file must end in {ext}",
           "input": "refusing to overwrite an input file", "done": "{n} annotations written to {path}",
           "missing": "{n} places not found in the document (see the findings report)",
           "expected": "Expected", "why": "Computation", "also": "also printed in {n} other places"},
}
AUTHOR, INITIALS = "lkjip-audit", "LA"


def cmd_annotate(args, load) -> int:
    from ..engine.run import audit
    from ..safeio import refuse_inputs
    from ..reporters.review_model import review_model

    m = MSG.get(args.lang, MSG["id"])
    src, out = Path(args.report), Path(args.output)
    ext = src.suffix.lower()
    if ext not in (".docx", ".pdf"):
        raise InputError(Problem(str(src), None, m["kind"]))
    if out.suffix.lower() != ext:
        raise InputError(Problem(str(out), None, m["same_ext"].format(ext=ext)))
    if not src.is_file():
        raise InputError(Problem(str(src), None, "berkas tidak ditemukan" if args.lang == "id" else "file not found"))
    refuse_inputs(out, [src])  # never the report itself, through a symlink or a hard link either
    args.dataset = src
    ruleset, dataset = load(args)
    result = audit(dataset, ruleset)
    model = review_model(result, args.fail_on, args.lang)
    if ext == ".docx":
        from .docx_comments import annotate_docx as annotate
    else:
        from .pdf_highlights import annotate_pdf as annotate
    done, missing = annotate(src, out, model, args.lang)
    print(m["done"].format(n=done, path=out), file=sys.stderr)
    if missing:
        print(m["missing"].format(n=missing), file=sys.stderr)
    return 1 if result.at_or_above(args.fail_on) else 0


def targets(model) -> list[tuple[dict, dict]]:
    """(finding, location) for every printed figure a finding names as wrong (role `found`; every
    location when a finding marks none)."""
    out = []
    for f in model["findings"]:
        locs = [loc for loc in f["locations"] if loc["role"] == "found"] or f["locations"]
        out += [(f, loc) for loc in locs if loc.get("line") is not None and "dataset" not in loc]
    return out


def comment_text(f: dict, lang: str) -> str:
    m = MSG.get(lang, MSG["id"])
    parts = [f"#{f['no']} {f['rule']}: {f['message']}"]
    if f.get("expected") is not None and f.get("expected_text"):
        parts.append(f"{m['expected']}: {f['expected_text']}")
    parts.append(f"{m['why']}: {f['why']}")
    others = len(f["locations"]) - 1
    if others > 0:
        parts.append(m["also"].format(n=others))
    return clean("\n".join(parts))


def clean(text: str) -> str:
    """Characters XML 1.0 / PDF strings should not hold (ESC etc.) become U+FFFD."""
    return "".join(ch if ch in "\n\t" or ord(ch) >= 0x20 else "\ufffd" for ch in str(text))[:4000]
