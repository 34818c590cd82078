"""Unruled tables of a PDF page, from word positions (no ruling lines for pdfplumber's line strategy).

A text line is cut into segments where the gap between two characters is wider than a word space
(`COLUMN_GAP` x the font height). A line of three or more segments with at least two header words
(Indikator, Target, Realisasi, Capaian, ...) is a header row: its segments give the columns, each
column running to the middle of the gap before the next one. Every following line is cut the same
way and each segment goes to the column its start falls in (it may not reach the next column's
header). The table ends at a line with one
segment that is not the continuation of a label (a wrapped indicator name directly under its row
is joined to that cell), at a line whose segments do not line up with the columns, or at a wide gap.
Nothing is guessed: a segment that straddles two columns ends the table, and that line stays text.
"""
from __future__ import annotations

import re

COLUMN_GAP = 0.8      # x the character height: wider than a word space (about 0.3), narrower than a column gap
HEADER_WORDS = {"no", "indikator", "kinerja", "target", "realisasi", "capaian", "satuan", "sasaran", "anggaran",
                "program", "kegiatan", "keterangan", "pagu", "sisa", "penyerapan", "kondisi", "awal", "%",
                "bobot", "kategori", "predikat", "tahun", "uraian"}


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def segments(line: dict) -> list[dict]:
    """The segments of one text line: {x0, x1, text}, cut at gaps wider than a word space."""
    chars = [c for c in line.get("chars", []) if c.get("text", "").strip()]
    chars.sort(key=lambda c: c["x0"])
    out: list[dict] = []
    prev = None
    for c in chars:
        height = max(c["bottom"] - c["top"], 1.0)
        if prev is not None and c["x0"] - prev["x1"] <= COLUMN_GAP * height:
            seg = out[-1]
            gap = c["x0"] - prev["x1"]
            seg["text"] += (" " if gap > 0.15 * height else "") + c["text"]
            seg["x1"] = max(seg["x1"], c["x1"])
        else:
            out.append({"x0": c["x0"], "x1": c["x1"], "text": c["text"]})
        prev = c
    return out


def is_header(segs: list[dict]) -> bool:
    if len(segs) < 3:
        return False
    words = {w for s in segs for w in re.findall(r"[a-z%]+", s["text"].casefold())}
    # a header holds words and years ("Target 2021"), not figures
    return len(words & HEADER_WORDS) >= 2 and not any(re.search(r"\d", _YEAR.sub("", s["text"])) for s in segs)


def columns_of(header: list[dict]) -> list[tuple[float, float]]:
    """Column spans: from the middle of the gap before a header segment to the middle of the gap after."""
    spans = []
    for i, s in enumerate(header):
        left = float("-inf") if i == 0 else (header[i - 1]["x1"] + s["x0"]) / 2
        right = float("inf") if i == len(header) - 1 else (s["x1"] + header[i + 1]["x0"]) / 2
        spans.append((left, right))
    return spans


def place(segs: list[dict], spans: list[tuple[float, float]], header: list[dict]) -> list[str] | None:
    """The cells of one line, or None when a segment runs into the next column's header or two
    segments share one column. A segment starts in its column (a name may be wider than its
    header, so its end may pass the middle of the gap, not the start of the next header)."""
    cells = [""] * len(spans)
    for s in segs:
        hits = [i for i, (a, b) in enumerate(spans) if a <= s["x0"] < b]
        if len(hits) != 1 or cells[hits[0]]:
            return None
        k = hits[0]
        if k + 1 < len(header) and s["x1"] > header[k + 1]["x0"]:
            return None
        cells[k] = s["text"]
    return cells


def find_tables(lines: list[dict]) -> list[tuple[int, int, list[tuple[list[str], int]]]]:
    """Unruled tables among a page's text lines (top to bottom): (first index, last index, rows),
    each row its cells and the index of its first line, the header row first."""
    found = []
    i = 0
    while i < len(lines):
        head = segments(lines[i])
        if not is_header(head):
            i += 1
            continue
        spans = columns_of(head)
        rows = [([s["text"] for s in head], i)]
        j = i + 1
        height = max(lines[i]["bottom"] - lines[i]["top"], 1.0)
        while j < len(lines):
            if lines[j]["top"] - lines[j - 1]["bottom"] > 1.5 * height:
                break
            segs = segments(lines[j])
            cells = place(segs, spans, head)
            if cells is None:
                break
            filled = [k for k, c in enumerate(cells) if c]
            if len(filled) == 1 and len(rows) > 1 and not any(ch.isdigit() for ch in cells[filled[0]]) \
                    and rows[-1][0][filled[0]]:
                rows[-1][0][filled[0]] += " " + cells[filled[0]]      # a label wrapped onto the next line
            elif len(filled) >= 2:
                rows.append((cells, j))
            else:
                break
            j += 1
        if len(rows) >= 2:
            found.append((i, j - 1, rows))
            i = j
        else:
            i += 1
    return found
