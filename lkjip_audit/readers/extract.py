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

from pathlib import Path

from ..errors import InputError, Problem
from .document import Document
from .matching import ACCEPT, best_match
from .results import Extraction, Unplaced, excerpt as _sentences_excerpt
from .rows import RowsMixin
from .rows_plan import PlanRowsMixin
from .messages import msg, section_names
from .sections import _LKPD, SectionsMixin, document_kind
from .subjects import SubjectsMixin, guess_polarity  # noqa: F401  (guess_polarity: public name)

__all__ = ["Extraction", "Extractor", "Unplaced", "extract", "guess_polarity"]
from .tables import TablesMixin


class Extractor(SectionsMixin, TablesMixin, SubjectsMixin, RowsMixin, PlanRowsMixin):
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
        self.subkegiatan: dict[str, dict] = {}
        self.tables: list[dict] = []
        self.not_evaluated: list[dict] = []
        self.last_match = None
        self.kind: dict = {}
        self.table_ids: set[str] = set()

    # ------------------------------------------------------------------ helpers
    def lost(self, kind, line, page, section, text, reason):
        self.unplaced.append(Unplaced(kind, line, page, self.d.describe(line) or f"baris {line}",
                                      section, _sentences_excerpt(text), reason))

    def match(self, label: str, pool: dict[str, dict], line: int, accept: float = ACCEPT):
        cands = {k: [v["name"], *v.get("_aliases", [])] for k, v in pool.items()}
        m = best_match(label, cands, accept)
        self.last_match = m
        if m.key is not None:
            self.matches.append({"line": line, "label": label, "subject": m.key, "score": m.score})
        return m

    # ------------------------------------------------------------------ 5. narrative
    def narrative(self) -> list[dict]:
        from .narrative import extract_narrative

        return extract_narrative(self)

    # ------------------------------------------------------------------ all
    def run(self) -> Extraction:
        name = self.d.path
        text = self.d.text()
        self.kind = document_kind(text)
        if self.kind["kind"] == "lkpd":
            raise InputError(Problem(name, None, msg("lkpd", what=", ".join(sorted(set(
                m.group(0).strip() for m in _LKPD.finditer(text)))[:3]))))
        if self.kind["kind"] == "lain":
            raise InputError(Problem(name, None, msg("not_lkjip")))
        self.year = self.detect_year()
        if not 2000 <= self.year <= 2100:
            raise InputError(Problem(name, None, msg("no_year")))
        from .budget_levels import has_budget_rows

        self.assign_sections()
        shapes = self.shapes()
        self.define_subjects(shapes)
        if not self.iku and not self.program and not has_budget_rows(self, shapes):
            # no indicator or budget table: the text rules (year, office, signatory, numbering) can
            # still check a real LKjIP fragment; with nothing for them either, nothing can be checked
            from .text_only import text_checkable

            what = text_checkable(self.d)
            if not what:
                raise InputError(Problem(name, None, self._nothing_message(shapes)))
            return self._text_only(shapes, what)
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
        if self.d.pages_without_text:
            pages = ", ".join(map(str, self.d.pages_without_text))
            first = min(self.d.lines) if self.d.lines else 1
            self.lost("halaman", first, self.d.pages_without_text[0], "sampul", f"halaman {pages}",
                      msg("pages_no_text", pages=pages))
        self._match_notes()
        narrative = self.narrative()
        doc = {"format": "lkjip-dataset/1", "submission": self.submission(), "subjects": self._subjects(),
               "tables": self.tables, "narrative": narrative}
        return Extraction(self.d, doc, self.unplaced, self.matches,
                          [{"id": t["id"], "line": t["line"], "rows": len(t["rows"])} for t in self.tables],
                          self.not_evaluated, self.kind)


    def _text_only(self, shapes, what: list[str]) -> Extraction:
        """A dataset without figures: only the text rules run, and the report says why."""
        doc = {"format": "lkjip-dataset/1", "submission": self.submission(), "subjects": {},
               "tables": [], "narrative": []}
        ex = Extraction(self.d, doc, self.unplaced, self.matches, [], self.not_evaluated, self.kind)
        ex.text_only = True
        ex.notes.append({"key": "text_only", "found": self._found(shapes), "what": what})
        return ex

    def _found(self, shapes) -> dict:
        """What was found in the document: sections (by heading), tables, figures."""
        import re as _re

        names = [s for s in self.d.sections if s not in ("sampul",)]   # sections whose heading was found
        figures = sum(len(_re.findall(r"(?<![\w.,])\d[\d.,]*\d(?![\w])|(?<![\w.,])\d(?![\w.,])", t))
                      for t in self.d.lines.values())
        return {"sections": len(names), "names": names, "tables": len(shapes), "figures": figures}

    def _nothing_message(self, shapes) -> str:
        """What was found, and why no rule can run (instead of 'not an LKjIP' for a real one)."""
        f = self._found(shapes)
        found = msg("found", sections=f["sections"], names=section_names(f["names"]), tables=f["tables"],
                    figures=f["figures"])
        unknown = [str(s.block.line) for s, _, _ in shapes if s.kind == "unknown"]
        why = msg("tables_unknown", lines=", ".join(unknown[:8])) if unknown else ""
        return msg("nothing", found=found, why=why)


def extract(document: Document, source_name: str | None = None) -> Extraction:
    return Extractor(document, source_name).run()
