"""Highlight annotations at the printed figures of a PDF report (pypdf, BSD, pure Python).

The figure's position comes from pdfplumber's words on the location's page: the words whose text
is the figure, on the text line most like the printed line of the finding (rapidfuzz)."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from . import AUTHOR, comment_text, targets


def annotate_pdf(src: Path, out: Path, model: dict, lang: str) -> tuple[int, int]:
    import pdfplumber
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    try:
        writer = PdfWriter(clone_from=PdfReader(str(src)))
    except Exception as e:  # noqa: BLE001 - a PDF pypdf cannot rewrite is one clear message
        raise InputError(Problem(str(src), None, f"PDF tidak dapat disalin untuk anotasi ({type(e).__name__})")) from None
    done = missing = 0
    with pdfplumber.open(str(src)) as pdf:
        words_by_page: dict[int, list] = {}
        for f, loc in targets(model):
            page_no = loc.get("page")
            if page_no is None or not 1 <= int(page_no) <= len(pdf.pages):
                missing += 1
                continue
            page_no = int(page_no)
            if page_no not in words_by_page:
                words_by_page[page_no] = pdf.pages[page_no - 1].extract_words(keep_blank_chars=False, use_text_flow=False)
            box = _find(words_by_page[page_no], loc)
            if box is None:
                missing += 1
                continue
            page = writer.pages[page_no - 1]
            height = float(page.mediabox.height)
            y0 = float(page.mediabox.bottom)
            x0, top, x1, bottom = box
            llx, lly, urx, ury = x0, y0 + height - bottom, x1, y0 + height - top
            quad = ArrayObject([FloatObject(v) for v in (llx, ury, urx, ury, llx, lly, urx, lly)])
            annot = Highlight(rect=(llx, lly, urx, ury), quad_points=quad, highlight_color="ffff00", printing=True)
            annot[NameObject("/Contents")] = TextStringObject(comment_text(f, lang))
            annot[NameObject("/T")] = TextStringObject(AUTHOR)
            writer.add_annotation(page_number=page_no - 1, annotation=annot)
            done += 1
    import io

    from ..safeio import write_bytes

    buf = io.BytesIO()
    writer.write(buf)
    write_bytes(out, buf.getvalue())  # atomic: an interrupted run never leaves half a document
    return done, missing


def _lines(words: list[dict]) -> list[list[dict]]:
    """The page's words grouped into text lines (same top within 2 pt), each sorted left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) < 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _find(words: list[dict], loc: dict):
    """(x0, top, x1, bottom) of the figure (one word or several consecutive words) on the page, on
    the text line most like the printed line of the location; None when it is not there."""
    from rapidfuzz import fuzz

    text = (loc.get("text") or "").strip()
    printed = (loc.get("printed") or "").replace("\t", " ")
    best, best_score = None, -1.0
    for cand in [c for c in dict.fromkeys([text, text.strip("()").strip()]) if c]:
        tokens = cand.split()
        for line in _lines(words):
            texts = [w["text"] for w in line]
            for i in range(len(line) - len(tokens) + 1):
                got = texts[i:i + len(tokens)]
                if not _same(got, tokens):
                    continue
                score = fuzz.token_set_ratio(" ".join(texts), printed)
                if score > best_score:
                    part = line[i:i + len(tokens)]
                    best_score = score
                    best = (min(w["x0"] for w in part), min(w["top"] for w in part),
                            max(w["x1"] for w in part), max(w["bottom"] for w in part))
        if best is not None:
            return best
    return None


def _same(got: list[str], tokens: list[str]) -> bool:
    """Words equal the tokens; the first and last may carry punctuation around them, and the last
    may be cut short (a long text is shortened in the finding)."""
    if len(got) != len(tokens):
        return False
    for k, (g, t) in enumerate(zip(got, tokens)):
        if g == t:
            continue
        if (k == 0 or k == len(tokens) - 1) and g.strip("().,;:") == t.strip("().,;:") and t.strip("().,;:"):
            continue
        if k == len(tokens) - 1 and len(tokens) > 3 and g.startswith(t):
            continue
        return False
    return True
