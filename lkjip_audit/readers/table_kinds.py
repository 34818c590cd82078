"""Recognise a table by its header rows: where the header is, what each column holds, what kind
of table it is. Driven by the words of the header (as they vary between reports), never by the
position of a table in one particular report.

Handled: numbered header rows ("1 2 3 4 5"), the numbering merged into the first data row
("1 Meningkatnya ...", "3 1%"), header cells split over two rows with a group header above
("Target | | Realisasi |" over "2019 2020 2019 2020"; "Kinerja" over Target/Realisasi/Capaian,
"Anggaran" over Alokasi/Realisasi/Capaian), a bare "%" that takes its meaning from the column
before it, a budget side of the table (after PROGRAM / PAGU / ANGGARAN) where "Realisasi" is money
spent and "%" / "Capaian" is the penyerapan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Block, Row

_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_NUM_PREFIX = re.compile(r"^(\d{1,2})\s+(?=\S)")
_DOTS = re.compile(r"\.{3,}|…")
HEADER_WORDS = ("no", "sasaran", "indikator", "target", "realisasi", "capaian", "anggaran", "program",
                "uraian", "tujuan", "kinerja", "keterangan", "ket", "alokasi", "pagu", "efisiensi",
                "kemajuan", "penyerapan", "kegiatan", "formulasi", "formula", "rumus", "jenis", "strategi",
                "arah", "kebijakan", "%", "tahun", "kondisi", "awal", "tingkat", "akhir", "renstra",
                "utama", "strategis", "perhitungan", "pelayanan", "dasar", "rp", "s/d", "satuan", "jumlah")
_SQUEEZE_WORDS = ("realisasi", "anggaran", "capaian", "target", "indikator", "program", "sasaran", "efisiensi",
                  "penyerapan", "keterangan", "alokasi", "kemajuan")
BUDGET = ("anggaran", "realisasi_anggaran", "penyerapan", "porsi_anggaran")
AMOUNTS = ("anggaran", "realisasi_anggaran")


def low(s: str) -> str:
    return " ".join(str(s).casefold().replace("(rp)", " ").split())


def is_numbering_row(cells: list[str]) -> bool:
    vals = [c.strip().rstrip(".") for c in cells if c.strip()]
    if len(vals) < 2 or not all(v.isdigit() for v in vals):
        return False
    nums = [int(v) for v in vals]
    return nums == list(range(nums[0], nums[0] + len(nums))) and nums[0] <= 2


def strip_merged_numbering(cells: list[str]) -> list[str]:
    """"1 Meningkatnya ..." "2 Persentase ..." "3 1%": the table's column numbers merged into the
    row by the export. Removed when at least three cells carry an increasing run of them."""
    nums = []
    for c in cells:
        m = _NUM_PREFIX.match(c)
        nums.append(int(m.group(1)) if m else None)
    seq = [n for n in nums if n is not None]
    if len(seq) < 3:
        return cells
    steps = sum(1 for a, b in zip(seq, seq[1:]) if b == a + 1)
    if steps < max(2, (len(seq) - 1) * 0.7):
        return cells
    return [_NUM_PREFIX.sub("", c, count=1) if n is not None else c for c, n in zip(cells, nums)]


def _header_score(cells: list[str]) -> int:
    n = 0
    for c in cells:
        words = re.findall(r"[a-z%/]+", low(c))
        if words and all(w in HEADER_WORDS or len(w) <= 2 or _YEAR.search(w) for w in words) and len(c) <= 45:
            n += 1
    return n


def _is_subheader(cells: list[str]) -> bool:
    vals = [c for c in cells if c.strip()]
    if len(vals) < 2:
        return False
    for v in vals:
        lv = low(v)
        if _YEAR.fullmatch(lv):
            continue
        words = re.findall(r"[a-z%/]+", lv)
        if not words or not all(w in HEADER_WORDS for w in words) or len(v) > 30:
            return False
    return True


@dataclass
class Column:
    index: int
    header: str          # as printed (group + sub header)
    role: str | None     # a concept, or no/sasaran/indikator/program/tujuan/jenis/ket/uraian_*...
    period: int | None = None


@dataclass
class TableShape:
    block: Block
    kind: str                      # pk, kinerja, sasaran, program_budget, spm, rkt, renstra, strategi, toc, unknown
    columns: list[Column]
    header_line: int
    data: list[Row]                # data rows (header, numbering and repeated headers removed)
    title: str = ""
    skipped: list[Row] = field(default_factory=list)   # rows before the header (not figures)
    header_key: str = ""
    years: list[int] = field(default_factory=list)
    header_rows: list[list[str]] = field(default_factory=list)

    def col(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    def roles(self) -> set:
        return {c.role for c in self.columns if c.role}


def classify_header(text: str, prev: str | None, side: str) -> tuple[str | None, str]:
    """Role of one column from its (group + sub) header; returns (role, side)."""
    h = low(text)
    words = set(re.findall(r"[a-z]+", h))
    if not h:
        return None, side
    if " " in h:
        # a header word a narrow cell wrapped ("REALISA SI"): the words its letters spell out
        squeezed = re.sub(r"[^a-z%]", "", h)
        words |= {w for w in _SQUEEZE_WORDS if w in squeezed}
    if h in ("no", "no.", "nomor", "nomer"):
        return "no", side
    if "formula" in h or "rumus" in h or "formulasi" in h:
        return "formula", side
    if "jenis pelayanan" in h:
        return "jenis", side
    if "indikator" in words:
        return "indikator", side
    if "strategi" in words or "kebijakan" in words or "visi" in words or "misi" in words:
        return "text", side
    if "program" in words or (words == {"jenis", "belanja"} or words == {"uraian", "belanja"}):
        return "program", "anggaran"   # "Jenis Belanja": the labels of a budget table by type of belanja
    if "efisiensi" in words:
        return "efisiensi", side
    if "kemajuan" in words:
        return "kemajuan", side
    if "target" in words and "akhir" in words:
        return "target_akhir_renstra", side
    if "penyerapan" in words:
        return "penyerapan", "anggaran"
    if "anggaran" in words and "%" in h and "realisasi" not in words:
        return "porsi_anggaran", "anggaran"
    if "realisasi" in words and ("anggaran" in words or side == "anggaran"):
        return "realisasi_anggaran", "anggaran"
    if "capaian" in words and ("anggaran" in words or side == "anggaran"):
        return "penyerapan", "anggaran"
    if words & {"anggaran", "alokasi", "pagu"}:
        return "anggaran", "anggaran"
    if "sasaran" in words or ("kinerja" in words and "utama" in words) or "tujuan" in words and "sasaran" in words:
        return "sasaran", side
    if "tujuan" in words:
        return "tujuan", side
    if "target" in words:
        return "target", side
    if "realisasi" in words:
        return "realisasi", side
    if "capaian" in words:
        return "capaian", side
    if h.strip() == "%" or (h.endswith(" %") and not words - {"kinerja", "tahun"}):   # "%" under "Kinerja Tahun 2021"
        return {"realisasi": "capaian", "realisasi_anggaran": "penyerapan",
                "anggaran": "porsi_anggaran"}.get(prev or "", None), side
    if words & {"keterangan", "ket", "status", "kategori"}:
        return "ket", side
    if "uraian" in words:
        return "uraian", side
    return None, side


def _merge_header(rows: list[list[str]]) -> list[str]:
    if len(rows) == 1:
        return list(rows[0])
    top, sub = rows[0], rows[1]
    n = max(len(top), len(sub))
    top = top + [""] * (n - len(top))
    sub = sub + [""] * (n - len(sub))
    out, group = [], ""
    for a, b in zip(top, sub):
        if a.strip():
            group = a.strip()
            out.append(f"{group} {b.strip()}".strip())
        elif b.strip():
            out.append(f"{group} {b.strip()}".strip())
        else:
            group = ""
            out.append("")
    return out


_LABEL_ROLE = {"no": "no", "text": None, "sasaran": "sasaran", "program": "program", "indikator": "indikator",
               "satuan": "satuan"}


def _shape_from_hint(block: Block, year: int) -> TableShape:
    """A flattened table whose columns flat_tables.py already read from the header phrases."""
    hint = block.hint
    columns = [Column(i, h, _LABEL_ROLE.get(r)) for i, (r, h) in enumerate(hint["labels"])]
    base = len(columns)
    for i, (role, header, period) in enumerate(hint["columns"]):
        if period == "N":
            period = year
        elif period == "N-1":
            period = year - 1 if year else None
        columns.append(Column(base + i, header, role, period))
    years = sorted({c.period for c in columns if c.period})
    kind = _kind_of(columns, "", years)
    key = "|".join(low(c.header) for c in columns)
    return TableShape(block, kind, columns, block.line, list(block.rows), header_key=key, years=years,
                      header_rows=[[c.header for c in columns]])


def _kind_of(columns: list[Column], all_header: str, years: list[int]) -> str:
    roles = {c.role for c in columns if c.role}
    concepts = roles & {"target", "realisasi", "capaian", "kemajuan", "target_akhir_renstra", "efisiensi",
                        "kenaikan", *BUDGET}
    if "text" in roles and ("tujuan" in roles or "sasaran" in roles):
        return "strategi"
    if "jenis" in roles:
        return "spm"
    if "program" in roles and "anggaran" in roles and "indikator" not in roles:
        return "program_budget"
    if "indikator" in roles and concepts:
        return "pk" if concepts == {"target"} and not any(c.period for c in columns) else "kinerja"
    if "sasaran" in roles and concepts:
        return "sasaran"
    return "unknown"


def shape_of(block: Block, year: int) -> TableShape:
    if block.hint:
        return _shape_from_hint(block, year)
    rows = block.rows
    if rows and sum(1 for r in rows if _DOTS.search(" ".join(r.cells))) >= max(1, len(rows) // 2):
        return TableShape(block, "toc", [], block.line, [], header_key="toc")
    # the header: the first of the first rows that reads like one
    h_idx = None
    for i, r in enumerate(rows[:4]):
        if _header_score(r.cells) >= 2:
            h_idx = i
            break
    if h_idx is None:
        return TableShape(block, "unknown", [], block.line, list(rows))
    header_rows = [rows[h_idx].cells]
    j = h_idx + 1
    if j < len(rows) and _is_subheader(rows[j].cells) and not is_numbering_row(rows[j].cells):
        header_rows.append(rows[j].cells)
        j += 1
    while j < len(rows) and is_numbering_row(rows[j].cells):
        j += 1
    texts = _merge_header(header_rows)
    all_header = low(" ".join(" ".join(r) for r in header_rows))
    years = []
    for y in _YEAR.findall(all_header):
        if int(y) not in years:
            years.append(int(y))
    key = "|".join(low(x) for x in texts)
    data = [r for r in rows[j:] if "|".join(low(x) for x in _merge_header([r.cells])) != key
            and not (_header_score(r.cells) >= 2 and low(" ".join(r.cells)) in all_header)
            and not is_numbering_row(r.cells)]
    # kind by header words
    if "indikator kegiatan" in all_header or ("kegiatan" in all_header and "uraian" in all_header):
        kind = "rkt"
    elif "kondisi awal" in all_header or len(years) >= 5:
        kind = "renstra"
    else:
        kind = None
    columns, side, prev = [], "kinerja", None
    for i, h in enumerate(texts):
        role, side = classify_header(h, prev, side)
        m = _YEAR.search(low(h))
        period = int(m.group(1)) if m and role in ("target", "realisasi") else None
        columns.append(Column(i, h, role, period))
        if role:
            prev = role
    if kind is None:
        kind = _kind_of(columns, all_header, years)
    return TableShape(block, kind, columns, rows[h_idx].line, data, skipped=list(rows[:h_idx]),
                      header_key=key, years=years, header_rows=header_rows)
