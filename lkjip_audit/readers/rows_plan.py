"""Reading the planning tables: the RKT (sasaran / program / kegiatan with their targets) and the
Renstra matrix (targets per year)."""
from __future__ import annotations

import re

from ..numbers import OK, parse_number
from .table_kinds import low, strip_merged_numbering


class PlanRowsMixin:
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

