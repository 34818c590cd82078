"""Placing subjects: sasaran and IKU from the Perjanjian Kinerja table, programmes, tujuan, SPM;
which IKU a table row belongs to (with its score); the subjects block of the dataset; polarity."""
from __future__ import annotations

import re

from .budget_levels import belanja_subjects, define_budget_subjects, subjects_block
from .matching import best_match, contained, norm
from .results import cell as _cell
from .table_kinds import TableShape, strip_merged_numbering


class SubjectsMixin:
    def define_subjects(self, shapes):
        pks = [s for s in shapes if s[0].kind == "pk"]
        order = {"bab2": 0, "lampiran3": 1, "ringkasan": 2}
        pks.sort(key=lambda s: order.get(s[1], 3))
        if pks:
            self._subjects_from_pk(pks[0][0])
        if not self.iku:
            # no PK table: the first performance table with indicators defines them; in a document
            # without BAB III structure (an excerpt), every performance table adds its own
            excerpt = "bab3" not in self.d.sections or not self.d.sections
            for shape, _, _ in shapes:
                if shape.kind == "kinerja":
                    self._subjects_from_pk(shape, fallback=bool(self.iku) or excerpt)
                    if self.iku and not excerpt:
                        break
        for shape, _, _ in shapes:
            if shape.kind == "program_budget":
                define_budget_subjects(self, shape)
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

    def _subjects_from_pk(self, shape: TableShape, fallback: bool = False):
        scol, icol = shape.col("sasaran"), shape.col("indikator")
        current = None
        for row in shape.data:
            if row.unplaced:
                continue
            cells = strip_merged_numbering(row.cells)
            sname, iname = _cell(cells, scol), _cell(cells, icol)
            if fallback and iname and any(norm(iname) == norm(v["name"]) for v in self.iku.values()):
                continue
            if fallback and iname and not sname and current is None:
                current = f"S{len(self.sasaran) + 1}"
                self.sasaran[current] = {"line": row.line, "name": iname}
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


    def _iku_of_row(self, cells, shape, row, pending: list):
        icol, scol, pcol = shape.col("indikator"), shape.col("sasaran"), shape.col("program")
        label = _cell(cells, icol)
        if label:
            pending.clear()
            exact = [k for k, v in self.iku.items() if norm(v["name"]) == norm(label)]
            if len(exact) == 1:
                self.matches.append({"line": row.line, "label": label, "subject": exact[0], "score": 100.0})
                return exact[0], label
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

    def _printed_convention(self, key: str) -> tuple[str | None, str]:
        """A lower-is-better indicator whose row prints target, realisasi and capaian: the convention
        that reproduces the printed capaian (inverse: (2 - R/T) x 100, ratio: T/R x 100), if exactly one does."""
        from ..numbers import OK, parse_number

        for t in self.tables:
            cols = {c: spec["concept"] for c, spec in t["columns"].items()}
            for r in t["rows"]:
                if r.get("subject") != key:
                    continue
                vals = {}
                for c, concept in cols.items():
                    p = parse_number(str(r.get(c) or ""))
                    if concept in ("target", "realisasi", "capaian") and p.status == OK and concept not in vals:
                        vals[concept] = p.value
                if len(vals) == 3 and vals["target"] and vals["realisasi"]:
                    tg, rl, cp = vals["target"], vals["realisasi"], vals["capaian"]
                    fits = [name for name, v in (("inverse", (2 - rl / tg) * 100), ("ratio", tg / rl * 100))
                            if abs(v - cp) <= 0.5]
                    if len(fits) == 1:
                        return fits[0], f"baris {r['line']}: T {tg:g}, R {rl:g}, capaian {cp:g}"
        return None, ""

    def _subjects(self) -> dict:
        def clean(d):
            return {k: v for k, v in d.items() if not k.startswith("_") and v is not None}

        iku = {}
        for k, v in self.iku.items():
            formula = "penurunan" if re.search(r"\bpenurunan\b", v["name"], re.I) else v.get("formula", "none")
            polarity, why = guess_polarity(v["name"])
            convention = None
            if polarity == "lower":
                convention, how = self._printed_convention(k)
                if convention:
                    why = f"{why}; konvensi '{convention}' disimpulkan dari angka yang dicetak ({how})"
            iku[k] = clean({"line": v["line"], "sasaran": v["sasaran"], "program": v.get("program"),
                            "polarity": polarity, "convention": convention, "formula": formula,
                            "unit": v.get("unit"), "name": v["name"], "note": why})
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
            **subjects_block(self, clean),
            "spm": {k: clean(v) for k, v in self.spm.items()},
            "total": {"APBD": {"name": "APBD perangkat daerah (BTL + BL)"}, "BTL": {"name": "Belanja Tidak Langsung"},
                      "BL": {"name": "Belanja Langsung (semua program)"},
                      "TEKNIS": {"name": "Belanja langsung program teknis"},
                      "KINERJA": {"name": "Kinerja utama: jumlah sasaran dan IKU"}, **belanja_subjects(self)},
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


