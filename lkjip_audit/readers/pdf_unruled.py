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

Also handled (issue 8):
- a header over two rows: a group header ("Kinerja" over Target / Realisasi / Capaian) or a second
  header line right under the first; the columns are those of both lines (a segment of one line
  that lies over segments of the other is a group header, set in the first column it covers);
- numbers aligned right in their column: a figure goes to the column its middle falls in (a wide
  right-aligned number may start left of its header);
- a table continued on the next page without its header: the rows at the top of the next page
  (after at most two running-header lines) that line up with the columns of the table that ended
  the previous page continue that table (`find_tables_paged`, `carry`).
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


_FIGURE = re.compile(r"^[-−(]?\s*(?:rp\.?\s*)?[0-9][0-9.,]*\s*[%)*]*$", re.I)


def place(segs: list[dict], spans: list[tuple[float, float]], header: list[dict]) -> list[str] | None:
    """The cells of one line, or None when a segment runs into the next column's header or two
    segments share one column. A label starts in its column (a name may be wider than its header,
    so its end may pass the middle of the gap, not the start of the next header); a figure lies
    with its middle in its column (aligned right, it may start left of its header)."""
    cells = [""] * len(spans)
    for s in segs:
        figure = bool(_FIGURE.match(s["text"].strip()))
        x = (s["x0"] + s["x1"]) / 2 if figure else s["x0"]
        hits = [i for i, (a, b) in enumerate(spans) if a <= x < b]
        if len(hits) != 1 or cells[hits[0]]:
            return None
        k = hits[0]
        if not figure and k + 1 < len(header) and s["x1"] > header[k + 1]["x0"]:
            return None
        cells[k] = s["text"]
    return cells


def _overlaps(a: dict, b: dict) -> bool:
    return a["x0"] < b["x1"] and b["x0"] < a["x1"]


def _header_like(segs: list[dict]) -> bool:
    """A second header line: words (and years) only, some of them header words."""
    if not segs or any(re.search(r"\d", _YEAR.sub("", s["text"])) for s in segs):
        return False
    words = {w for s in segs for w in re.findall(r"[a-z%]+", s["text"].casefold())}
    return bool(words & HEADER_WORDS)


def two_row_header(upper: list[dict], lower: list[dict]) -> tuple[list[dict], list[list[str]]]:
    """The columns of a header over two lines, and its two rows of cells. The columns: every segment
    of the lower line and every segment of the upper line over none of them; an upper segment over
    lower ones is a group header, set in the first column it covers."""
    cols = sorted([*lower, *[u for u in upper if not any(_overlaps(u, w) for w in lower)]], key=lambda s: s["x0"])
    top = [""] * len(cols)
    bottom = [""] * len(cols)
    for u in upper:
        k = next(i for i, c in enumerate(cols) if c is u or _overlaps(u, c))
        top[k] = (top[k] + " " + u["text"]).strip()
    for w in lower:
        bottom[cols.index(w)] = w["text"]
    return cols, [top, bottom]


def _collect(lines, j, spans, head, rows, height):
    """Data rows from line j on, appended to `rows`; the index of the first line not taken."""
    while j < len(lines):
        if j > 0 and rows and lines[j]["top"] - lines[j - 1]["bottom"] > 1.5 * height:
            break
        cells = place(segments(lines[j]), spans, head)
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
    return j


def _ends_page(lines, j: int) -> bool:
    """Only a footer (at most two short one-segment lines: page number, running title) after line j-1."""
    rest = lines[j:]
    return len(rest) <= 2 and all(len(segments(ln)) <= 1 and len(ln.get("text", "")) <= 80 for ln in rest)


def find_tables_paged(lines: list[dict], carry=None):
    """find_tables() for one page of many: `carry` is (spans, head) of the table that ended the
    previous page (None otherwise). Returns (tables, continued, carry_out): `continued` the rows at
    the top of this page that continue that table, as (first, last, rows) or None; `carry_out` the
    columns of this page's last table when it runs to the page's end."""
    found = []
    continued = None
    i = 0
    if carry is not None:
        spans, head = carry
        for start in range(min(3, len(lines))):          # after at most two running-header lines
            cells = place(segments(lines[start]), spans, head)
            if cells is not None and sum(1 for c in cells if c) >= 2 and any(ch.isdigit() for c in cells for ch in c):
                rows: list = []
                height = max(lines[start]["bottom"] - lines[start]["top"], 1.0)
                j = _collect(lines, start, spans, head, rows, height)
                if rows:
                    continued = (start, j - 1, rows)
                    i = j
                break
    carry_out = carry if continued is not None and _ends_page(lines, i) else None
    while i < len(lines):
        head = segments(lines[i])
        if not is_header(head):
            i += 1
            continue
        height = max(lines[i]["bottom"] - lines[i]["top"], 1.0)
        first = i
        header_rows = [[s["text"] for s in head]]
        nxt = segments(lines[i + 1]) if i + 1 < len(lines) else []
        if nxt and lines[i + 1]["top"] - lines[i]["bottom"] <= 1.0 * height and _header_like(nxt):
            head, header_rows = two_row_header(head, nxt)
            i += 1
        spans = columns_of(head)
        rows = [(r, first) for r in header_rows]
        j = _collect(lines, i + 1, spans, head, rows, height)
        if len(rows) > len(header_rows):
            found.append((first, j - 1, rows))
            carry_out = (spans, head) if _ends_page(lines, j) else None
            i = j
        else:
            i = first + 1
    return found, continued, carry_out


def find_tables(lines: list[dict]) -> list[tuple[int, int, list[tuple[list[str], int]]]]:
    """Unruled tables among a page's text lines (top to bottom): (first index, last index, rows),
    each row its cells and the index of its first line, the header row(s) first."""
    return find_tables_paged(lines)[0]
