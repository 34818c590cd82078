"""Document -> dataset (`lkjip-dataset/1`, docs/dataset-format.md), figures exactly as printed.

1. sections from headings ("BAB III", "Lampiran II", "RINGKASAN EKSEKUTIF", ...), skipping the
   headings that only stand in the table of contents;
2. tables recognised by their header rows (table_kinds.py); fragments of one table continued after
   a page break, with their header repeated, are joined;
3. subjects: sasaran and IKU from the Perjanjian Kinerja table (BAB II first), programmes from the
   programme budget table, SPM indicators, activities of the RKT, the tujuan of the Renstra;
4. every other row is matched to them by name (matching.py), the score kept;
5. the narrative numbers that formulas depend on (counts, budget totals, capaian, status words);
6. what could not be placed is listed ("tidak terbaca / tidak dikenali"), never dropped silently.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..numbers import OK, parse_number
from .document import Block, Document, Row
from .matching import ACCEPT, best_match, contained, norm
from .table_kinds import AMOUNTS, BUDGET, TableShape, low, shape_of, strip_merged_numbering

IKU_CONCEPTS = ("target", "realisasi", "capaian", "kemajuan", "target_akhir_renstra", "efisiensi")
_STATUS = re.compile(r"^\s*(tidak\s+tercapai|tercapai|belum\s+tercapai)\s*$", re.I)
_TOTAL = re.compile(r"^\s*(jumlah|total|jumlah total|total anggaran)\s*:?\s*$", re.I)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_SEC_BAB = re.compile(r"^bab\s+(iv|iii|ii|i|[1-4])\b", re.I)
_SEC_LAMP = re.compile(r"^lampiran\s+(iv|iii|ii|v|i|[1-5])\b", re.I)
_TABEL = re.compile(r"^tabel\s+([0-9][0-9.]*[0-9]|[0-9]+)", re.I)


@dataclass
class Unplaced:
    kind: str            # tabel | baris | sel
    line: int
    page: int | None
    where: str
    section: str
    text: str
    reason: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "line": self.line, "page": self.page, "where": self.where,
                "section": self.section, "text": self.text, "reason": self.reason}


@dataclass
class Extraction:
    document: Document
    doc: dict
    unplaced: list[Unplaced] = field(default_factory=list)
    matches: list[dict] = field(default_factory=list)   # {line, label, subject, score}
    tables: list[dict] = field(default_factory=list)    # {id, kind, line, rows}


def _cell(cells: list[str], col) -> str:
    if col is None or col.index >= len(cells):
        return ""
    return cells[col.index].strip()


def _sentences_excerpt(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Extractor:
    def __init__(self, document: Document, source_name: str | None = None):
        self.d = document
        self.source_name = source_name or Path(document.path).name
        self.unplaced: list[Unplaced] = []
        self.matches: list[dict] = []
        self.sections: list[str] = []
        self.titles: list[str] = []
        self.year = 0
        # subjects
        self.sasaran: dict[str, dict] = {}
        self.iku: dict[str, dict] = {}
        self.program: dict[str, dict] = {}
        self.tujuan: dict[str, dict] = {}
        self.spm: dict[str, dict] = {}
        self.kegiatan: dict[str, dict] = {}
        self.tables: list[dict] = []
        self.table_ids: set[str] = set()

    # ------------------------------------------------------------------ helpers
    def lost(self, kind, line, page, section, text, reason):
        self.unplaced.append(Unplaced(kind, line, page, self.d.describe(line) or f"baris {line}",
                                      section, _sentences_excerpt(text), reason))

    def match(self, label: str, pool: dict[str, dict], line: int, accept: float = ACCEPT):
        cands = {k: [v["name"], *v.get("_aliases", [])] for k, v in pool.items()}
        m = best_match(label, cands, accept)
        if m.key is not None:
            self.matches.append({"line": line, "label": label, "subject": m.key, "score": m.score})
        return m

    # ------------------------------------------------------------------ 1. sections
    def assign_sections(self):
        section, blocks = "sampul", self.d.blocks
        self.d.bounds = [(1, section)]
        for i, b in enumerate(blocks):
            if b.kind != "table":
                new = self._section_of(b, section)
                if new and not self._is_toc_entry(i):
                    if new != section:
                        self.d.bounds.append((b.line, new))
                        self.d.sections.setdefault(new, b.line)
                    section = new
            self.sections.append(section)

    def _section_of(self, b: Block, current: str) -> str | None:
        text = b.text.strip()
        if len(text) > 90 or not text:
            return None
        lt = low(text)
        if lt.startswith("kata pengantar"):
            return "pengantar"
        if lt.startswith("ringkasan eksekutif") or lt.startswith("ikhtisar eksekutif"):
            return "ringkasan"
        if lt.startswith("daftar isi"):
            return "daftar_isi"
        m = _SEC_BAB.match(lt)
        if m:
            return f"bab{_ROMAN[m.group(1)]}"
        m = _SEC_LAMP.match(lt)
        if m:
            return f"lampiran{_ROMAN[m.group(1)]}"
        if current.startswith("lampiran") or current == "bab4":
            if "perjanjian kinerja" in lt and ("perubahan" in lt or "pernyataan" in lt or current != "bab4"):
                return "lampiran3"
            if "pengukuran kinerja" in lt and current.startswith("lampiran"):
                return "lampiran4"
        return None

    def _is_toc_entry(self, i: int) -> bool:
        for b in self.d.blocks[i + 1:i + 3]:
            if b.kind == "table":
                return any(re.search(r"\.{3,}|…", " ".join(r.cells)) for r in b.rows[:3])
            if re.search(r"\.{4,}\s*\d+\s*$", b.text):
                return True
            if b.kind == "heading":
                continue
        return self.sections and self.sections[-1] == "daftar_isi" and bool(_SEC_BAB.match(low(self.d.blocks[i].text))) \
            and i + 1 < len(self.d.blocks) and self.d.blocks[i + 1].kind == "table"

    # ------------------------------------------------------------------ 2. tables
    def shapes(self) -> list[tuple[TableShape, str, str]]:
        out: list[tuple[TableShape, str, str]] = []
        last_idx = None
        for i, b in enumerate(self.d.blocks):
            if b.kind != "table":
                if not (len(b.text) <= 3 or b.text.strip().isdigit()):
                    last_idx = None
                continue
            shape = shape_of(b, self.year)
            section = self.sections[i]
            title = self._title_before(i)
            prev = out[-1] if out else None
            if prev and last_idx is not None and shape.kind == prev[0].kind and shape.kind not in ("toc", "unknown") \
                    and (shape.header_key == prev[0].header_key or shape.kind == "rkt") and not title.lower().startswith("tabel"):
                prev[0].data.extend(shape.data)
                prev[0].block.rows.extend([])  # rows stay in their own block; data is joined
            elif prev and last_idx is not None and shape.kind == "unknown" and prev[0].kind not in ("toc", "unknown", "strategi") \
                    and self._continues(prev[0], shape):
                prev[0].data.extend(shape.data)
            else:
                out.append((shape, section, title))
            last_idx = i
        return out

    def _continues(self, prev: TableShape, shape: TableShape) -> bool:
        """A fragment without header after a table: a continuation when its rows have as many cells."""
        width = len(prev.columns)
        return bool(shape.data) and all(abs(len(r.cells) - width) <= 1 for r in shape.data)

    def _title_before(self, i: int) -> str:
        """The table's caption: "Tabel 3.1.1" + the line after it, else the nearest heading."""
        window = self.d.blocks[max(0, i - 6):i]
        texts = []
        for b in reversed(window):
            if b.kind == "table":
                break
            texts.insert(0, b)
        for k in range(len(texts) - 1, -1, -1):
            t = texts[k].text.strip()
            if _TABEL.match(t):
                nxt = texts[k + 1].text.strip() if k + 1 < len(texts) and len(texts[k + 1].text) <= 90 else ""
                return f"{t} {nxt}".strip()
        boring = re.compile(r"^(tahun|perangkat daerah|dinas|badan|kota|kabupaten)\b|:$", re.I)
        for b in reversed(texts):
            t = b.text.strip()
            if t and not boring.search(t) and len(t) <= 90:
                return t
        return ""

    # ------------------------------------------------------------------ 3. subjects
    def define_subjects(self, shapes):
        pks = [s for s in shapes if s[0].kind == "pk"]
        order = {"bab2": 0, "lampiran3": 1, "ringkasan": 2}
        pks.sort(key=lambda s: order.get(s[1], 3))
        if pks:
            self._subjects_from_pk(pks[0][0])
        if not self.iku:
            # no PK table: the first performance table with indicators defines them
            for shape, _, _ in shapes:
                if shape.kind == "kinerja":
                    self._subjects_from_pk(shape)
                    if self.iku:
                        break
        for shape, _, _ in shapes:
            if shape.kind == "program_budget" and not self.program:
                col = shape.col("program")
                for row in shape.data:
                    cells = strip_merged_numbering(row.cells)
                    name = _cell(cells, col)
                    if not name or _TOTAL.match(name) or any(_TOTAL.match(c) for c in cells):
                        continue
                    key = f"P{len(self.program) + 1}"
                    self.program[key] = {"line": row.line, "name": name}
            if shape.kind == "strategi" and not self.tujuan:
                tcol, scol = shape.col("tujuan"), shape.col("sasaran")
                current = None
                for row in shape.data:
                    tname = _cell(row.cells, tcol)
                    if tname:
                        current = f"T{len(self.tujuan) + 1}"
                        self.tujuan[current] = {"line": row.line, "name": tname}
                    sname = _cell(row.cells, scol)
                    if sname and current:
                        m = best_match(sname, {k: [v["name"]] for k, v in self.sasaran.items()})
                        if m.key and "tujuan" not in self.sasaran[m.key]:
                            self.sasaran[m.key]["tujuan"] = current
        for shape, _, _ in shapes:
            if shape.kind == "spm":
                col = shape.col("indikator") or shape.col("jenis")
                for row in shape.data:
                    name = _cell(strip_merged_numbering(row.cells), col)
                    if name and not any(norm(name) == norm(v["name"]) for v in self.spm.values()):
                        self.spm[f"SPM{len(self.spm) + 1}"] = {"line": row.line, "name": name}

    def _subjects_from_pk(self, shape: TableShape):
        scol, icol = shape.col("sasaran"), shape.col("indikator")
        current = None
        for row in shape.data:
            cells = strip_merged_numbering(row.cells)
            sname, iname = _cell(cells, scol), _cell(cells, icol)
            if sname:
                m = best_match(sname, {k: [v["name"]] for k, v in self.sasaran.items()}, 90)
                if m.key:
                    current = m.key
                else:
                    current = f"S{len(self.sasaran) + 1}"
                    self.sasaran[current] = {"line": row.line, "name": sname}
            if iname:
                if current is None:
                    current = "S1"
                    self.sasaran[current] = {"line": row.line, "name": iname}
                key = f"IKU{len(self.iku) + 1}"
                self.iku[key] = {"line": row.line, "sasaran": current, "name": iname}

    def ikus_of(self, sasaran_key: str) -> list[str]:
        return [k for k, v in self.iku.items() if v["sasaran"] == sasaran_key]

    def program_of(self, iku_key: str) -> str | None:
        return self.iku.get(iku_key, {}).get("program")

    def link(self, iku_key: str | None, prog_key: str | None):
        if iku_key and prog_key and "program" not in self.iku[iku_key]:
            self.iku[iku_key]["program"] = prog_key

    # ------------------------------------------------------------------ 4. tables -> dataset tables
    def new_table(self, section: str, title: str, kind: str, line: int, page, columns: dict, rows: list,
                  suffix: str = "") -> dict:
        m = _TABEL.match(title or "")
        base = f"{section}-{m.group(1)}" if m else f"{section}-{kind}"
        tid, n = base + suffix, 2
        while tid in self.table_ids:
            tid, n = f"{base}{suffix}-{n}", n + 1
        self.table_ids.add(tid)
        t = {"id": tid, "section": section, "title": title or kind, "line": line, "columns": columns, "rows": rows}
        if page is not None:
            t["page"] = page
        self.tables.append(t)
        return t

    def _colspec(self, c, concept=None, subject=None, unit=None) -> dict:
        spec = {"concept": concept or c.role, "header": c.header}
        if c.period and c.period != self.year:
            spec["period"] = c.period
        if c.period and concept in ("target", "realisasi") and c.period == self.year:
            spec["period"] = c.period
        if subject:
            spec["subject"] = subject
        if unit:
            spec["unit"] = unit
        return spec

    @staticmethod
    def _colkey(c) -> str:
        return f"{c.role}_{c.period}" if c.period else c.role

    def _row(self, row: Row, subject=None, label=None, **cells) -> dict:
        out = {"line": row.line}
        if row.page is not None:
            out["page"] = row.page
        if subject:
            out["subject"] = subject
        if label:
            out["label"] = label
        out.update({k: v for k, v in cells.items() if v not in (None, "")})
        return out

    def _iku_of_row(self, cells, shape, row, pending: list):
        icol, scol, pcol = shape.col("indikator"), shape.col("sasaran"), shape.col("program")
        label = _cell(cells, icol)
        if label:
            pending.clear()
            found = sorted((pos, k) for k, v in self.iku.items() if (pos := contained(label, v["name"])) >= 0)
            if len(found) >= 2:
                pending.extend(k for _, k in found[1:])
                self.matches.append({"line": row.line, "label": label, "subject": found[0][1], "score": 100.0})
                return found[0][1], label
            m = self.match(label, self.iku, row.line)
            return m.key, label
        if pending:
            return pending.pop(0), ""
        prog = _cell(cells, pcol)
        if prog:
            m = self.match(prog, self.program, row.line)
            hits = [k for k, v in self.iku.items() if v.get("program") == m.key] if m.key else []
            if len(hits) == 1:
                return hits[0], ""
        sas = _cell(cells, scol)
        if sas:
            m = self.match(sas, self.sasaran, row.line)
            if m.key and len(self.ikus_of(m.key)) == 1:
                return self.ikus_of(m.key)[0], ""
        return None, label or sas

    def links_pass(self, shapes):
        for shape, section, title in shapes:
            if shape.kind == "kinerja" and shape.col("program"):
                pending: list = []
                for row in shape.data:
                    cells = strip_merged_numbering(row.cells)
                    iku, _ = self._iku_of_row(cells, shape, row, pending)
                    prog = _cell(cells, shape.col("program"))
                    if iku and prog:
                        m = best_match(prog, {k: [v["name"]] for k, v in self.program.items()})
                        self.link(iku, m.key)
            if shape.kind == "rkt":
                self.rkt(shape, section, title, emit=False)
        for k, v in self.iku.items():
            if v.get("program") and v["program"] in self.program:
                p = self.program[v["program"]]
                p.setdefault("sasaran", v["sasaran"])
        self.matches.clear()

    def kinerja(self, shape: TableShape, section: str, title: str, by_sasaran: bool = False):
        cols = [c for c in shape.columns if c.role in IKU_CONCEPTS or c.role in BUDGET]
        status_col = None
        ket = [c for c in shape.columns if c.role == "ket"]
        for c in ket:
            if any(_STATUS.match(_cell(strip_merged_numbering(r.cells), c)) for r in shape.data):
                status_col = c
                break
        has_amount = any(c.role in AMOUNTS for c in cols)
        has_perf = any(c.role in IKU_CONCEPTS for c in cols) or status_col is not None
        budget_owner = ("sasaran" if by_sasaran else "program") if (has_amount and has_perf) else None
        columns, total_columns = {}, {}
        for c in cols:
            key = self._colkey(c)
            if c.role in BUDGET and budget_owner:
                columns[key] = self._colspec(c, subject=budget_owner)
                total_columns[key] = self._colspec(c)
            else:
                columns[key] = self._colspec(c)
        if status_col is not None:
            columns["status"] = {"concept": "status", "header": status_col.header}
        rows, total_rows, pending = [], [], []
        for row in shape.data:
            cells = strip_merged_numbering(row.cells)
            figures = {self._colkey(c): _cell(cells, c) for c in cols}
            if status_col is not None and _STATUS.match(_cell(cells, status_col)):
                figures["status"] = _cell(cells, status_col)
            if not any(figures.values()):
                continue
            if any(_TOTAL.match(c) for c in cells if c):
                total = "TEKNIS"
                tot = {k: v for k, v in figures.items() if k in columns and columns[k]["concept"] in BUDGET}
                other = {k: v for k, v in figures.items() if v and k not in tot}
                target = total_rows if budget_owner else rows
                if tot:
                    target.append(self._row(row, total, "JUMLAH", **tot))
                if any(other.values()):
                    self.lost("sel", row.line, row.page, section, " | ".join(other.values()),
                              "angka kinerja pada baris jumlah tidak dapat ditempatkan")
                continue
            if by_sasaran:
                label = _cell(cells, shape.col("sasaran"))
                m = self.match(label, self.sasaran, row.line)
                if m.key is None:
                    self.lost("baris", row.line, row.page, section, " | ".join(cells),
                              f"sasaran tidak dikenali (skor terbaik {m.score:g})")
                    continue
                ikus = self.ikus_of(m.key)
                subject = ikus[0] if len(ikus) == 1 else m.key
                extra = {"sasaran": m.key} if budget_owner else {}
                if not has_perf and budget_owner is None and any(c.role in AMOUNTS for c in cols):
                    subject = m.key
                rows.append(self._row(row, subject, label, **extra, **figures))
                continue
            iku, label = self._iku_of_row(cells, shape, row, pending)
            if iku is None:
                self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c),
                          "indikator tidak dikenali" + (f": '{_sentences_excerpt(label, 60)}'" if label else ""))
                continue
            perf = {k: v for k, v in figures.items() if k in columns and columns[k]["concept"] not in BUDGET}
            if not any(perf.values()) and has_amount and not has_perf:
                prog = self.program_of(iku)
                if prog is None:
                    self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c),
                              f"program untuk {iku} tidak diketahui")
                    continue
                rows.append(self._row(row, prog, label, **figures))
                continue
            extra = {}
            if budget_owner == "program":
                prog = self.program_of(iku)
                if prog is None:
                    budget = {k: figures.pop(k) for k in list(figures) if columns.get(k, {}).get("concept") in BUDGET}
                    if any(budget.values()):
                        self.lost("sel", row.line, row.page, section, " | ".join(v for v in budget.values() if v),
                                  f"program untuk {iku} tidak diketahui")
                else:
                    extra = {"program": prog}
            rows.append(self._row(row, iku, label, **extra, **figures))
        if rows:
            self.new_table(section, title, shape.kind, shape.header_line, shape.block.page, columns, rows)
        if total_rows:
            self.new_table(section, title, shape.kind, shape.header_line, shape.block.page, total_columns,
                           total_rows, suffix="-jumlah")

    def pk(self, shape, section, title):
        self.kinerja(shape, section, title)

    def program_budget(self, shape, section, title):
        pcol = shape.col("program")
        amount_cols = [c for c in shape.columns if c.role in BUDGET]
        columns = {self._colkey(c): self._colspec(c) for c in amount_cols}
        rows = []
        for row in shape.data:
            cells = strip_merged_numbering(row.cells)
            figures = {self._colkey(c): _cell(cells, c) for c in amount_cols}
            if not any(figures.values()):
                continue
            if any(_TOTAL.match(c) for c in cells if c):
                rows.append(self._row(row, "BL", "JUMLAH", **figures))
                continue
            name = _cell(cells, pcol)
            m = self.match(name, self.program, row.line)
            if m.key is None:
                self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c), "program tidak dikenali")
                continue
            rows.append(self._row(row, m.key, name, **figures))
        if rows:
            self.new_table(section, title, "program", shape.header_line, shape.block.page, columns, rows)

    def spm_table(self, shape, section, title):
        col = shape.col("indikator") or shape.col("jenis")
        cols = [c for c in shape.columns if c.role in ("target", "realisasi", "capaian")]
        columns = {self._colkey(c): self._colspec(c) for c in cols}
        rows = []
        for row in shape.data:
            cells = strip_merged_numbering(row.cells)
            name = _cell(cells, col)
            figures = {self._colkey(c): _cell(cells, c) for c in cols}
            m = self.match(name, self.spm, row.line)
            if m.key is None:
                if any(figures.values()):
                    self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c), "indikator SPM tidak dikenali")
                continue
            rows.append(self._row(row, m.key, name, **figures))
        if rows:
            self.new_table(section, title, "spm", shape.header_line, shape.block.page, columns, rows)

    def rkt(self, shape, section, title, emit=True):
        sub = shape.header_rows[-1] if shape.header_rows else []
        group, roles = -1, {}
        for i, h in enumerate(sub):
            lh = low(h)
            if "uraian" in lh:
                group += 1
                roles[("uraian", group)] = i
            elif "indikator" in lh:
                if group < 0:
                    group = 0
                roles[("indikator", group)] = i
            elif "target" in lh:
                roles[("target", max(group, 0))] = i
        if ("indikator", 2) not in roles:
            if emit:
                self.lost("tabel", shape.header_line, shape.block.page, section, title, "kolom RKT tidak dikenali")
            return

        def get(cells, what, g):
            i = roles.get((what, g))
            return cells[i].strip() if i is not None and i < len(cells) else ""

        cur_iku = cur_prog = cur_keg = None
        rows, n = [], 0
        for row in shape.data:
            cells = strip_merged_numbering(row.cells)
            s_ur, s_ind, s_tgt = get(cells, "uraian", 0), get(cells, "indikator", 0), get(cells, "target", 0)
            p_ur, p_tgt = get(cells, "uraian", 1), get(cells, "target", 1)
            k_ur, k_ind, k_tgt = get(cells, "uraian", 2), get(cells, "indikator", 2), get(cells, "target", 2)
            iku = None
            if s_ind:
                iku = self.match(s_ind, self.iku, row.line).key
            elif s_ur:
                m = self.match(s_ur, self.sasaran, row.line)
                if m.key and len(self.ikus_of(m.key)) == 1:
                    iku = self.ikus_of(m.key)[0]
            if s_ind or s_ur:
                cur_iku = iku
            prog = None
            if p_ur:
                prog = self.match(p_ur, self.program, row.line).key
                cur_prog = prog
                if not emit:
                    self.link(cur_iku, prog)
            if k_ur:
                cur_keg = k_ur
            if not k_ind:
                if emit and (s_tgt or p_tgt or k_tgt):
                    self.lost("baris", row.line, row.page, section, " | ".join(c for c in cells if c),
                              "baris RKT tanpa indikator kegiatan")
                continue
            n += 1
            key = f"K{n:02d}"
            if not emit:
                self.kegiatan[key] = {"line": row.line, "program": cur_prog, "kegiatan": cur_keg or "", "name": k_ind}
                continue
            extra = {}
            if s_tgt and (s_ind or s_ur):
                if iku:
                    extra.update(iku=iku, target_sasaran=s_tgt)
                else:
                    self.lost("sel", row.line, row.page, section, f"{s_ind or s_ur}: {s_tgt}", "indikator sasaran tidak dikenali")
            if p_tgt and p_ur:
                if prog:
                    extra.update(program=prog, target_program=p_tgt)
                else:
                    self.lost("sel", row.line, row.page, section, f"{p_ur}: {p_tgt}", "program tidak dikenali")
            rows.append(self._row(row, key, k_ind, **extra, target=k_tgt))
        if emit and rows:
            columns = {"target_sasaran": {"concept": "target", "subject": "iku", "header": "TARGET"},
                       "target_program": {"concept": "target", "subject": "program", "header": "TARGET"},
                       "target": {"concept": "target", "header": "TARGET"}}
            self.new_table(section, title, "rkt", shape.header_line, shape.block.page, columns, rows)

    def renstra(self, shape, section, title):
        years = list(shape.years)
        rows_t, rows_s = [], []
        unit_t = None
        for row in shape.data:
            vals = [c.strip() for c in row.cells if c.strip()]
            if vals and all(re.fullmatch(r"(19|20)\d\d", v) for v in vals):
                years = [int(v) for v in dict.fromkeys(vals)]
                continue
        years = sorted(set(years))[:7] if years else []
        if not years:
            self.lost("tabel", shape.header_line, shape.block.page, section, title, "tahun-tahun matriks Renstra tidak terbaca")
            return
        for row in shape.data:
            vals = [c.strip() for c in row.cells if c.strip()]
            if not vals or all(re.fullmatch(r"(19|20)\d\d", v) for v in vals):
                continue
            cells = strip_merged_numbering(row.cells)
            runs: list[tuple[str, list[str]]] = []
            for c in cells:
                c = c.strip()
                if not c:
                    continue
                kind = "v" if parse_number(c).status == OK else "t"
                if runs and runs[-1][0] == kind:
                    runs[-1][1].append(c)
                else:
                    runs.append((kind, [c]))
            if runs and runs[0][0] == "v":
                self.lost("baris", row.line, row.page, section, " ".join(vals[:12]),
                          "baris nilai tanpa uraian/indikator (tidak sejajar dengan kolom matriks)")
                continue
            texts = [r[1] for r in runs if r[0] == "t"]
            values = [r[1] for r in runs if r[0] == "v"]
            # tujuan block
            if texts and values:
                m = self.match(texts[0][0], self.tujuan, row.line) if self.tujuan else None
                if m is not None and m.key:
                    v = values[0][:len(years)]
                    unit_t = "rasio" if not any("%" in x for x in v) else None
                    rows_t.append(self._row(row, m.key, texts[0][0], **{f"y{y}": x for y, x in zip(years, v)}))
                else:
                    self.lost("sel", row.line, row.page, section, " | ".join(texts[0][:2]),
                              "blok tujuan tidak cocok dengan tujuan Renstra mana pun")
            # sasaran block
            if len(texts) >= 2 and len(values) >= 2:
                ind = texts[1][1] if len(texts[1]) > 1 else texts[1][0]
                m = self.match(ind, self.iku, row.line)
                v = values[1][:len(years)]
                if m.key is None:
                    self.lost("sel", row.line, row.page, section, ind, "indikator sasaran tidak dikenali")
                elif not any("%" in x for x in v):
                    self.lost("sel", row.line, row.page, section, f"{ind}: {' '.join(values[1])}",
                              "nilai tanpa satuan %: nomor kolom tampak tergabung dengan nilai, tidak dibaca")
                else:
                    rows_s.append(self._row(row, m.key, ind, **{f"y{y}": x for y, x in zip(years, v)}))
            elif texts:
                self.lost("baris", row.line, row.page, section, " ".join(vals[:8]), "baris matriks Renstra tidak lengkap")
        if rows_t:
            cols = {f"y{y}": {"concept": "target_renstra", "period": y, "header": str(y),
                              **({"unit": unit_t} if unit_t else {})} for y in years}
            self.new_table(section, title, "renstra-tujuan", shape.header_line, shape.block.page, cols, rows_t)
        if rows_s:
            cols = {f"y{y}": {"concept": "target_renstra", "period": y, "header": str(y)} for y in years}
            self.new_table(section, title, "renstra", shape.header_line, shape.block.page, cols, rows_s)

    # ------------------------------------------------------------------ 5. narrative
    def narrative(self) -> list[dict]:
        from .narrative import extract_narrative

        return extract_narrative(self)

    # ------------------------------------------------------------------ 6. submission
    def submission(self) -> dict:
        text = self.d.text()
        inst = Counter(m.group(0) for m in re.finditer(
            r"\b(?:Dinas|Badan|Kantor|Inspektorat|Sekretariat|Satuan)\s+(?:[A-Z][\w,]*\s+(?:dan\s+)?){0,5}?"
            r"(?:Kota|Kabupaten|Provinsi)\s+[A-Z][a-z]+", text))
        renstra = re.search(r"(?:Renstra|Rencana Strategis)[^\n]{0,90}?((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", text)
        sub = {"instansi": inst.most_common(1)[0][0] if inst else "(instansi tidak terbaca)",
               "tahun": self.year,
               "source": f"LKjIP {self.year} {inst.most_common(1)[0][0] if inst else ''} (dibaca dari {self.d.fmt})".replace("  ", " "),
               "source_file": self.source_name, "rounding": "round"}
        if renstra and int(renstra.group(1)) < int(renstra.group(2)):
            sub["renstra"] = {"start": int(renstra.group(1)), "end": int(renstra.group(2))}
        return sub

    def detect_year(self) -> int:
        text = self.d.text()
        years = Counter(int(y) for y in re.findall(r"\b[Tt]ahun\s+((?:20)\d\d)\b", text))
        head = re.findall(r"\b(20\d\d)\b", " ".join(self.d.lines.get(k, "") for k in sorted(self.d.lines)[:15]))
        for y in head:
            years[int(y)] += 3
        if not years:
            any_year = Counter(int(y) for y in re.findall(r"\b(20\d\d)\b", text))
            return any_year.most_common(1)[0][0] if any_year else 0
        return years.most_common(1)[0][0]

    # ------------------------------------------------------------------ all
    def run(self) -> Extraction:
        name = self.d.path
        text = self.d.text()
        if not re.search(r"lkjip|laporan\s+kinerja|akuntabilitas\s+kinerja|lakip", text, re.I):
            raise InputError(Problem(name, None, "bukan LKjIP: tidak ada kata 'LKjIP' / 'Laporan Kinerja' / "
                                                 "'Akuntabilitas Kinerja' dalam dokumen"))
        self.year = self.detect_year()
        if not 2000 <= self.year <= 2100:
            raise InputError(Problem(name, None, "tahun laporan tidak ditemukan ('Tahun 20xx')"))
        self.assign_sections()
        shapes = self.shapes()
        self.define_subjects(shapes)
        if not self.iku:
            raise InputError(Problem(name, None, "tidak ditemukan tabel Perjanjian Kinerja / capaian kinerja "
                                                 "(kolom sasaran, indikator kinerja, target): bukan LKjIP atau tabelnya tidak terbaca"))
        self.links_pass(shapes)
        for shape, section, title in shapes:
            section = section if section != "daftar_isi" else "pengantar"
            kind = shape.kind
            if kind in ("toc", "strategi"):
                continue
            if kind == "unknown":
                first = shape.block.rows[0] if shape.block.rows else None
                if first is not None and any(any(ch.isdigit() for ch in c) for r in shape.block.rows for c in r.cells):
                    self.lost("tabel", first.line, first.page, section, " | ".join(c for c in first.cells if c),
                              "tabel tidak dikenali (judul kolom tidak terbaca)")
                continue
            {"pk": self.pk, "kinerja": self.kinerja, "program_budget": self.program_budget,
             "spm": self.spm_table, "rkt": self.rkt, "renstra": self.renstra,
             "sasaran": lambda s, sec, t: self.kinerja(s, sec, t, by_sasaran=True)}[kind](shape, section, title)
        self._match_notes()
        narrative = self.narrative()
        doc = {"format": "lkjip-dataset/1", "submission": self.submission(), "subjects": self._subjects(),
               "tables": self.tables, "narrative": narrative}
        return Extraction(self.d, doc, self.unplaced, self.matches,
                          [{"id": t["id"], "line": t["line"], "rows": len(t["rows"])} for t in self.tables])

    def _match_notes(self):
        """How sure each name match is, on the row itself (`note`), when it is not an exact match."""
        by_line: dict[int, list[str]] = {}
        for m in self.matches:
            if m["score"] < 100:
                by_line.setdefault(m["line"], []).append(f"{m['subject']} (skor {m['score']:g})")
        for t in self.tables:
            for r in t["rows"]:
                if r["line"] in by_line:
                    r["note"] = "nama dicocokkan: " + ", ".join(dict.fromkeys(by_line[r["line"]]))

    def _subjects(self) -> dict:
        def clean(d):
            return {k: v for k, v in d.items() if not k.startswith("_") and v is not None}

        iku = {}
        for k, v in self.iku.items():
            formula = "penurunan" if re.search(r"\bpenurunan\b", v["name"], re.I) else v.get("formula", "none")
            polarity, why = guess_polarity(v["name"])
            iku[k] = clean({"line": v["line"], "sasaran": v["sasaran"], "program": v.get("program"),
                            "polarity": polarity, "formula": formula, "name": v["name"], "note": why})
        program = {}
        for k, v in self.program.items():
            teknis = any(i.get("program") == k for i in self.iku.values())
            program[k] = clean({"line": v["line"], "group": "teknis" if teknis else "sekretariat",
                                "sasaran": v.get("sasaran") if teknis else None, "name": v["name"]})
        out = {
            "tujuan": {k: clean(v) for k, v in self.tujuan.items()},
            "sasaran": {k: clean({"line": v["line"], "tujuan": v.get("tujuan"), "name": v["name"]})
                        for k, v in self.sasaran.items()},
            "iku": iku, "program": program,
            "kegiatan": {k: clean(v) for k, v in self.kegiatan.items() if v.get("program")},
            "spm": {k: clean(v) for k, v in self.spm.items()},
            "total": {"APBD": {"name": "APBD perangkat daerah (BTL + BL)"}, "BTL": {"name": "Belanja Tidak Langsung"},
                      "BL": {"name": "Belanja Langsung (semua program)"},
                      "TEKNIS": {"name": "Belanja langsung program teknis"},
                      "KINERJA": {"name": "Kinerja utama: jumlah sasaran dan IKU"}},
        }
        return {k: v for k, v in out.items() if v}


# A report rarely states an indicator's polarity. An indicator that measures something bad (poverty,
# unemployment, PMKS, ...) without saying "penurunan" is lower-is-better: the extractor says so, and
# since it cannot know the report's convention for those, rule CAP004 then asks for it (an error)
# instead of a capaian silently computed the wrong way. Every guess is written in the subject's note.
_BAD_THINGS = re.compile(r"\b(kemiskinan|miskin|pengangguran|kematian|stunting|gizi buruk|pmks|penyandang masalah|"
                         r"kriminal|kecelakaan|buta huruf|putus sekolah|kumuh|ketimpangan|gini)\b", re.I)
_GOOD_DIRECTION = re.compile(r"\b(penurunan|berkurang|yang (memperoleh|mendapat|terlayani|mandiri|dibina|aktif))", re.I)


def guess_polarity(name: str) -> tuple[str, str]:
    if _BAD_THINGS.search(name) and not _GOOD_DIRECTION.search(name):
        return "lower", ("polaritas ditebak 'lower' dari nama indikator (mengukur hal yang harus turun); "
                         "nyatakan convention: inverse atau ratio")
    return "higher", "polaritas ditebak 'higher' dari nama indikator; periksa dan ubah bila keliru"


def extract(document: Document, source_name: str | None = None) -> Extraction:
    return Extractor(document, source_name).run()
