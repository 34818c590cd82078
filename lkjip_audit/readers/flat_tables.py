"""Tables that a PDF-to-text copy flattened into lines (reading rows).

What an office's table looks like after copying it out of a PDF:

* the header on one line or spread over several ("CAPAIN CAPAIN / INDIKATOR KINERJA PERUBAHAN /
  NO KINERJA KINERJA / MAKRO % / TAHUN N-1 TAHUN N"), maybe followed by column numbers
  ("1 2 3 ... 12 Jumlah": months under "Realisasi");
* a row as a label followed by its numbers ("3 Angka Pengangguran 5,84 6,82 - 93,18%",
  "Persentase ... persen 95.56 93 93 97.32"), or one cell per line (label lines, then number
  lines "5 5", "11 15", ...);
* group lines without numbers ("Sasaran Kegiatan :", "Meningkatnya Kualitas ...").

The header's phrases give the columns (header_vocab.py). The numbers of a row are placed from the
left and the right around the one group of columns that may be printed partly (the months): a
row whose numbers cannot be placed that way is left unplaced, never guessed. The result is a table
Block whose `hint` holds the columns, so table_kinds.shape_of need not re-read the header.
"""
from __future__ import annotations

import re

from ..numbers import OK, parse_number
from .document import Block, Row
from .budget_levels import marker_level
from .header_vocab import looks_like_header, phrases

UNITS = {"persen", "%", "dokumen", "orang", "rupiah", "rp", "indeks", "hari", "unit", "laporan", "nagari",
         "desa", "jiwa", "kk", "bulan", "paket", "buah", "kali", "nilai", "poin", "skor", "kegiatan",
         "sumber", "dok", "org", "keluarga", "rasio", "tahun", "predikat"}
_MARKER = re.compile(r"^\s*(sasaran(?:\s+sub)?[- ]?(?:kegiatan|program|strategis)?|sub[- ]kegiatan|kegiatan|program)\s*:\s*$", re.I)
_SMALL_INT = re.compile(r"^\d{1,2}\.?$")
MAX_HEADER_LINES = 6


def _is_number(tok: str) -> bool:
    return parse_number(tok).status == OK


def split_numbers(text: str) -> tuple[list[str], list[str]]:
    """Words of a line -> (label words, trailing number cells). A lone "-" before a number is kept
    as its own cell (an empty cell or a sign: decided by the columns later)."""
    toks = text.split()
    nums: list[str] = []
    while toks and (_is_number(toks[-1]) or toks[-1] in ("-", "–")):
        nums.insert(0, toks.pop())
    return toks, nums


class _Columns:
    """Columns from the header phrases: labels first, then figures; one optional variable group."""

    def __init__(self, found: list[tuple[str, str]], numbering: list[str]):
        self.labels = [(r, p) for r, p in found if r in ("no", "text", "sasaran", "program", "indikator", "satuan")]
        figs = [(r, p) for r, p in found if r not in ("no", "text", "sasaran", "program", "indikator", "satuan", "ket")]
        self.has_no = any(r == "no" for r, _ in found)
        self.has_unit = any(r == "satuan" for r, _ in found)
        self.cols: list[tuple[str | None, str, object]] = []   # (role, header, period)
        self.var: tuple[int, int] | None = None                # (start index, max size) of the partial group
        years = [p for r, p in figs if r == "year"]
        heads = [(r, p) for r, p in figs if r not in ("year", "pct")]
        budget = any(r == "anggaran" for r, _ in heads)
        if any(p.casefold() == "tahun n-1" for p in years):
            self.cols = [("realisasi", "Tahun N-1", "N-1"), ("realisasi", "Tahun N", "N")]
            self.cols += [(r, p, None) for r, p in heads if r in ("kenaikan",)]
            return
        if years and heads and len(years) % len(heads) == 0:
            k = len(years) // len(heads)
            for i, (r, p) in enumerate(heads):
                for y in years[i * k:(i + 1) * k]:
                    self.cols.append((r, f"{p} {y}", int(y)))
            return
        months = [n for n in numbering if n.isdigit()]
        for r, p in figs:
            if r == "year":
                continue
            if r == "pct":
                prev = self.cols[-1][0] if self.cols else None
                r = {"realisasi": "capaian", "realisasi_anggaran": "penyerapan"}.get(prev or "", None)
                if r is None:
                    continue
            if budget and r == "realisasi":
                r = "realisasi_anggaran"
            if months and self.var is None and r in ("realisasi", "realisasi_anggaran"):
                self.var = (len(self.cols), len(months))
                self.cols += [(None, f"{p} {m}", None) for m in months]
                if any(n.casefold() == "jumlah" for n in numbering):
                    self.cols.append((r, f"{p} Jumlah", None))
                continue
            self.cols.append((r, p, None))

    def place(self, nums: list[str]) -> list[str] | None:
        """Numbers of one row -> one cell per column ("" where not printed), or None."""
        n, total = len(nums), len(self.cols)
        if n > total and "-" in nums:
            nums = _merge_signs(nums)
            n = len(nums)
        if n == total:
            return list(nums)
        if self.var is None or n > total:
            return None
        start, size = self.var
        left, right = start, total - start - size
        if n < left + right:
            return None
        middle = n - left - right
        cells = nums[:left] + [""] * size + (nums[n - right:] if right else [])
        # the months actually printed: position unknown, kept in order at the start of the group
        for i in range(middle):
            cells[start + i] = nums[left + i]
        return cells


def _merge_signs(nums: list[str]) -> list[str]:
    out: list[str] = []
    for tok in nums:
        if out and out[-1] in ("-", "–"):
            out[-1] = out[-1] + " " + tok
        else:
            out.append(tok)
    return out


def _header_line(s: str, started: bool) -> bool:
    """A line that can be (part of) a header: known header phrases, numbers only as years."""
    if not s or len(s) > 200:
        return False
    found, unknown = phrases(s)
    if not found or unknown > max(1 if not started else 3, len(found)):
        return False
    _, nums = split_numbers(s)
    return all(re.fullmatch(r"(?:19|20)\d\d", n) for n in nums)


def _header_at(lines: list[tuple[int, str]], i: int) -> tuple[int, str] | None:
    """The header starting at lines[i] (one or several lines): (number of lines, text)."""
    text = ""
    for k in range(i, min(len(lines), i + MAX_HEADER_LINES)):
        s = " ".join(lines[k][1].split())
        if not _header_line(s, bool(text)):
            break
        text = f"{text} {s}".strip()
        if looks_like_header(text):
            # take the further lines that are header words only ("NO KINERJA", "TAHUN N-1 TAHUN N")
            j = k + 1
            while j < len(lines) and j < i + MAX_HEADER_LINES:
                s2 = " ".join(lines[j][1].split())
                if not _header_line(s2, True) or len(s2.split()) > 8 and not looks_like_header(s2):
                    break
                if split_numbers(s2)[0] == [] and not re.search(r"(?:19|20)\d\d", s2):
                    break
                text += " " + s2
                j += 1
            return j - i, text
    return None


def find_flat_tables(lines: list[tuple[int, str]]) -> list[tuple[int, int, Block]]:
    """Scan text lines (line number, raw text) for flattened tables: (first index, last index, table)."""
    out = []
    i = 0
    counts: dict[str, int] = {}
    for _, raw in lines:
        key = " ".join(raw.split())
        if len(key) >= 15:
            counts[key] = counts.get(key, 0) + 1
    running = {k for k, v in counts.items() if v >= 2}
    while i < len(lines):
        h = _header_at(lines, i)
        if h is None:
            i += 1
            continue
        n_head, head_text = h
        table, end = _read_table(lines, i, n_head, head_text, running)
        if table is not None:
            out.append((i, end, table))
            i = end + 1
        else:
            i += n_head
    return out


def _read_table(lines, i, n_head, head_text, running=frozenset()):
    found, _ = phrases(head_text)
    j = i + n_head
    numbering: list[str] = []
    if j < len(lines):
        toks = lines[j][1].split()
        if len(toks) >= 3 and sum(t.isdigit() for t in toks) >= len(toks) - 1 and toks[0] == "1":
            numbering = toks
            j += 1
    cols = _Columns(found, numbering)
    if not cols.cols:
        return None, i
    line0 = lines[i][0]
    block = Block("table", line=line0, where=f"baris {line0}")
    block.hint = {"columns": [c for c in cols.cols], "labels": cols.labels, "header": head_text,
                  "numbering": numbering}
    label_role = next((r for r in ("indikator", "program", "sasaran") if any(r == x for x, _ in cols.labels)), "indikator")
    group_role = "sasaran" if label_role != "sasaran" and any(r == "sasaran" for r, _ in cols.labels) else None
    pending_label: list[tuple[int, str]] = []
    pending_nums: list[str] = []
    blanks = 0
    last = j - 1
    rows = 0
    skip_page_no = False
    level = None  # the budget level a group line opened (Kegiatan :, Sub-Kegiatan :)
    for k in range(j, len(lines)):
        ln, raw = lines[k]
        s = " ".join(raw.split())
        if not s:
            blanks += 1
            if blanks >= 2 and (rows or pending_label):
                break
            continue
        blanks = 0
        if s in running:
            skip_page_no = True     # a running page header / footer inside the table
            continue
        if skip_page_no and re.fullmatch(r"\d{1,4}", s):
            skip_page_no = False    # the page number printed with it
            continue
        skip_page_no = False
        if k > j and _header_at(lines, k) is not None:
            break
        words, nums = split_numbers(s)
        if _is_prose(s, words):
            break
        if cols.has_no and words and _SMALL_INT.match(words[0]) and len(words) > 1:
            words = words[1:]
        if not words and nums:
            if cols.has_no and not pending_label and len(nums) == 1 and _SMALL_INT.match(nums[0]) and not pending_nums:
                last = k
                continue        # the row number on its own line
            pending_nums += nums
            last = k
            placed = cols.place(pending_nums) if pending_label else None
            if placed is not None and len(pending_nums) >= len(cols.cols) - (cols.var[1] if cols.var else 0):
                _emit(block, pending_label, None, placed, cols, label_role)
                block.rows[-1].level = level
                rows += 1
                pending_label, pending_nums = [], []
            continue
        if not nums:
            if _MARKER.match(s):
                last = k
                pending_label = []
                level = marker_level(s)
                continue
            if pending_label and pending_nums:
                break
            pending_label.append((ln, s))
            last = k
            continue
        unit = None
        if cols.has_unit and words and words[-1].casefold() in UNITS:
            unit = words.pop()
        if group_role and pending_label:
            # lines without numbers before a row: the group the row belongs to (a sasaran)
            _emit_group(block, pending_label, group_role, cols)
            pending_label = []
        label = pending_label + [(ln, " ".join(words))] if words else pending_label
        placed = cols.place(nums)
        if placed is None and len(nums) < len(cols.cols):
            # the rest of the row's numbers may follow on the next lines (one cell per line)
            pending_label, pending_nums, last = label, list(nums), k
            continue
        _emit(block, label or [(ln, "")], unit, placed, cols, label_role, nums)
        block.rows[-1].level = level
        rows += 1
        pending_label, pending_nums = [], []
        last = k
    if pending_label and pending_nums:
        _emit(block, pending_label, None, None, cols, label_role, pending_nums)
        block.rows[-1].level = level
    if not rows:
        return None, i
    return block, last


_SENTENCE = re.compile(r"[a-z]\.\s+[A-Z]|[a-z]{3},\s|\b(adalah|yaitu|dengan|sebesar|sebanyak|merupakan|dapat)\b", re.I)


def _is_prose(s: str, words: list[str]) -> bool:
    """A running-text line: the table has ended (a table cell rarely reads as a sentence)."""
    if len(s.split()) > 40:
        return True
    return len(words) >= 8 and bool(_SENTENCE.search(" ".join(words)))


def _cells_for(cols: _Columns, label_role: str, label: str, unit: str | None, figs: list[str]) -> list[str]:
    cells = []
    for r, _ in cols.labels:
        cells.append(label if r == label_role else unit or "" if r == "satuan" else "")
    return cells + figs


def _emit(block, label_lines, unit, placed, cols, label_role, nums=None):
    ln = label_lines[-1][0] if label_lines else block.line
    label = " ".join(t for _, t in label_lines).strip()
    if placed is None:
        row = Row(_cells_for(cols, label_role, label, unit, []), ln, None, f"baris {ln}",
                  f"{len(nums or [])} angka untuk {len(cols.cols)} kolom: tidak dapat disejajarkan", list(nums or []))
    else:
        row = Row(_cells_for(cols, label_role, label, unit, placed), ln, None, f"baris {ln}")
    block.rows.append(row)


def _emit_group(block, label_lines, role, cols):
    ln = label_lines[0][0]
    label = " ".join(t for _, t in label_lines)
    cells = [label if r == role else "" for r, _ in cols.labels] + [""] * len(cols.cols)
    block.rows.append(Row(cells, ln, None, f"baris {ln}"))


_INLINE_START = re.compile(r"\bNo\.?\s+(?=Indikator|Uraian|Sasaran|Program|Kegiatan)", re.I)


def find_inline_tables(text: str, line: int) -> list[Block]:
    """A table flattened inside a paragraph: "... No. Indikator Kinerja Realisasi Capaian Kinerja 2015
    2016 2015 2016 1 APM SDMI 90,67 92,22 92,92 101,46 Dari tabel ...". The header runs while its
    words are header phrases or years; each row is a row number, a label and exactly as many
    numbers as the header has figure columns (no partial group: a paragraph gives no other clue)."""
    out = []
    for m in _INLINE_START.finditer(text):
        toks = text[m.start():].split()
        k, head = 0, []
        while k < len(toks):
            if re.fullmatch(r"(?:19|20)\d\d", toks[k]) or not head:
                head.append(toks[k])
                k += 1
                continue
            trial = " ".join(head + [toks[k]])
            found, unknown = phrases(trial)
            if unknown or toks[k].isdigit():
                break
            head.append(toks[k])
            k += 1
        head_text = " ".join(head)
        if not looks_like_header(head_text):
            continue
        cols = _Columns(phrases(head_text)[0], [])
        if not cols.cols or cols.var is not None:
            continue
        block = Block("table", line=line, where=f"baris {line}")
        block.hint = {"columns": list(cols.cols), "labels": cols.labels, "header": head_text, "numbering": []}
        label_role = next((r for r in ("indikator", "program", "sasaran") if any(r == x for x, _ in cols.labels)),
                          "indikator")
        need = len(cols.cols)
        while k < len(toks) and _SMALL_INT.match(toks[k]):
            label: list[str] = []
            j = k + 1
            while j < len(toks) and not _is_number(toks[j]) and len(label) < 15:
                label.append(toks[j])
                j += 1
            nums = toks[j:j + need]
            if not label or len(nums) < need or not all(_is_number(x) for x in nums):
                break
            block.rows.append(Row(_cells_for(cols, label_role, " ".join(label), None, nums), line, None,
                                  f"baris {line}"))
            k = j + need
        if block.rows:
            out.append(block)
    return out
