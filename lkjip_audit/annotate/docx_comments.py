"""Word comments at the printed figures (python-docx >= 1.2 comments).

A location's line is the running number the DOCX reader gave the body element: each top-level
paragraph counts one, each table row counts one ("paragraf N", "tabel T baris R"). The figure is
found in the paragraph (or in the cell of the row whose text holds it) and the runs are split at
its edges, only as needed, so that the comment covers exactly the figure; the text stays the same."""
from __future__ import annotations

import copy
from pathlib import Path

from ..readers.doc_text import clean as clean_cell
from . import AUTHOR, INITIALS, comment_text, targets


def body_elements(d) -> dict[int, tuple]:
    """line -> ("p", Paragraph) or ("row", [cells]), numbered exactly as the DOCX reader does."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out, n = {}, 0
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n += 1
            out[n] = ("p", Paragraph(child, d))
        elif tag == "tbl":
            for row in Table(child, d).rows:
                n += 1
                cells, prev = [], None
                for cell in row.cells:
                    if cell._tc is not prev:
                        cells.append(cell)
                    prev = cell._tc
                out[n] = ("row", cells)
    return out


def annotate_docx(src: Path, out: Path, model: dict, lang: str) -> tuple[int, int]:
    import docx

    d = docx.Document(str(src))
    elements = body_elements(d)
    done = missing = 0
    for f, loc in targets(model):
        found = elements.get(int(loc["line"]))
        runs = _locate(found, loc) if found else None
        if not runs:
            missing += 1
            continue
        d.add_comment(runs, text=comment_text(f, lang), author=AUTHOR, initials=INITIALS)
        done += 1
    import io

    from ..safeio import write_bytes

    buf = io.BytesIO()
    d.save(buf)
    write_bytes(out, buf.getvalue())  # atomic: an interrupted run never leaves half a document
    return done, missing


def _candidates(text: str) -> list[str]:
    t = (text or "").strip()
    return [c for c in dict.fromkeys([t, t.strip("()").strip()]) if c]


def _locate(found, loc):
    kind, obj = found
    paragraphs = [obj] if kind == "p" else _cell_paragraphs(obj, loc)
    for p in paragraphs:
        for cand in _candidates(loc.get("text")):
            runs = _runs_for(p, cand)
            if runs:
                return runs
    for p in paragraphs:  # the figure is not in one piece of run text: comment the whole paragraph
        runs = [r for r in p.runs if r.text]
        if runs and any(c in p.text for c in _candidates(loc.get("text"))):
            return runs
    return None


def _cell_paragraphs(cells, loc) -> list:
    """The paragraphs of the row's cells, the cell the printed span points at first."""
    order = list(range(len(cells)))
    span = loc.get("span")
    if span:
        pos, idx = 0, 0
        for i, c in enumerate(cells):
            length = len(clean_cell(c.text))
            if pos <= span[0] < pos + length + 1:
                idx = i
                break
            pos += length + 1
        order = [idx] + [i for i in order if i != idx]
    return [p for i in order for p in cells[i].paragraphs]


def _runs_for(p, text: str):
    """The runs covering exactly `text` in paragraph p, splitting at most two runs."""
    runs = p.runs
    full = "".join(r.text for r in runs)
    start = full.find(text)
    if start < 0:
        return None
    end = start + len(text)
    first = _split_at(p, start)
    last = _split_at(p, end)
    if first is None or last is None:
        return None
    runs = p.runs
    pos, covered = 0, []
    for r in runs:
        if start <= pos < end:
            covered.append(r)
        pos += len(r.text)
    return covered or None


def _split_at(p, offset: int):
    """Make `offset` a run boundary in p (True), splitting one plain run if needed; None if the run
    there holds more than text (fields, drawings), so it is left whole."""
    pos = 0
    for r in p.runs:
        text = r.text
        if pos == offset or pos + len(text) == offset:
            return True
        if pos < offset < pos + len(text):
            kids = [c.tag.rsplit("}", 1)[-1] for c in r._r]
            if any(k not in ("rPr", "t") for k in kids):
                return None
            cut = offset - pos
            twin = copy.deepcopy(r._r)
            r._r.addnext(twin)
            _set_text(r._r, text[:cut])
            _set_text(twin, text[cut:])
            return True
        pos += len(text)
    return True if pos == offset else None


def _set_text(r_el, text: str) -> None:
    from docx.oxml.ns import qn

    for t in r_el.findall(qn("w:t")):
        r_el.remove(t)
    t = r_el.makeelement(qn("w:t"), {})
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r_el.append(t)
