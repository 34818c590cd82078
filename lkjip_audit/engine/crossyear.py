"""Cross-year checks: this year's report against last year's report of the same office.

- Submission identity (`check_pair`, `order_series`): same office (name normalised), different
  years, previous older than current; otherwise one clear message and exit code 2.
- Subject matching (`match_subjects`): an IKU, sasaran or programme of this year is the same as one
  of last year by key first (when the names are not unrelated), then by the meaning of the name:
  normalised text (case, punctuation, "(%)") compared with rapidfuzz (mean of token-set and
  token-sort ratio, 0..100), best pairs first. Every match keeps its method and score.
- The trend table per IKU (years as columns: target, realisasi, capaian), a figure with a finding
  marked.
The pair context (engine/pair.py) and the kinds `continuity` and `change` (engine/kinds/) use them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError, Problem
from ..i18n import get_lang, t

MATCH_KINDS = ("tujuan", "sasaran", "iku", "program", "kegiatan", "subkegiatan", "spm")
DEFAULT_MIN_SCORE = 70.0
KEY_MIN_SCORE = 50.0   # same key but names this unlike: not the same subject
TREND_CONCEPTS = ("target", "realisasi", "capaian")


# -- identity -------------------------------------------------------------------------------------
def norm_office(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", str(name).casefold()).split())


def check_pair(current, previous, allow_different_office: bool = False) -> None:
    """Refuse (exit 2) a pair that cannot be compared: another office, the same year, wrong order."""
    cur, prev = current.submission, previous.submission
    problems = []
    if norm_office(cur["instansi"]) != norm_office(prev["instansi"]) and not allow_different_office:
        problems.append(Problem(str(previous.path), None, t(
            "xy_office", current=cur["instansi"], previous=prev["instansi"], cur_path=current.path)))
    if current.year == previous.year:
        problems.append(Problem(str(previous.path), None, t(
            "xy_same_year", year=current.year, cur_path=current.path)))
    elif previous.year > current.year:
        problems.append(Problem(str(previous.path), None, t(
            "xy_order", previous=previous.year, current=current.year, cur_path=current.path)))
    if problems:
        raise InputError(problems)


SERIES_SAME_YEAR = {  # a series is not a pair: say which two claim the year and what to do
    "id": "dua laporan tahun {year} dalam rangkaian: ini dan {other}; sertakan satu laporan per tahun",
    "en": "two reports for {year} in the series: this one and {other}; give one report per year",
}


def order_series(datasets: list, allow_different_office: bool = False) -> list:
    """Sort a history by year; refuse two reports of one year or of different offices."""
    if len(datasets) < 2:
        raise InputError(Problem("history", None, t("xy_history_short")))
    ordered = sorted(datasets, key=lambda d: d.year)
    problems = []
    first = ordered[0]
    for a, b in zip(ordered, ordered[1:]):
        if a.year == b.year:
            problems.append(Problem(str(b.path), None, SERIES_SAME_YEAR.get(get_lang(), SERIES_SAME_YEAR["id"]).format(
                year=b.year, other=a.path)))
    if not allow_different_office:
        for d in ordered[1:]:
            if norm_office(d.submission["instansi"]) != norm_office(first.submission["instansi"]):
                problems.append(Problem(str(d.path), None, t(
                    "xy_office", current=d.submission["instansi"], previous=first.submission["instansi"],
                    cur_path=first.path)))
    if problems:
        raise InputError(problems)
    return ordered


def report_label(ds) -> str:
    return f"LKjIP {ds.year} ({ds.path})"


# -- matching subjects across years ---------------------------------------------------------------
def norm_name(s: str) -> str:
    s = str(s).casefold().replace("(%)", " ")
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def name_score(a: str, b: str) -> float:
    """Similarity of two names (0..100): the report reader's matcher, so a name that the reader
    places in a row is also the same subject across years. Imported here: rapidfuzz stays out of a
    plain check."""
    if norm_name(a) == norm_name(b):
        return 100.0
    from ..readers.matching import score

    return score(a, b)


@dataclass
class Match:
    kind: str
    current: object | None    # Subject of this year's report
    previous: object | None   # Subject of last year's report
    score: float              # name similarity 0..100 (for an unmatched subject: the best candidate's)
    method: str | None        # "key" | "name" | None (unmatched)
    best: object | None = None  # unmatched: the most similar subject of the other year

    @property
    def same_name(self) -> bool:
        return norm_name(self.current.name) == norm_name(self.previous.name)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "current": self.current.key if self.current else None,
                "previous": self.previous.key if self.previous else None,
                "current_name": self.current.name if self.current else None,
                "previous_name": self.previous.name if self.previous else None,
                "method": self.method, "score": round(self.score, 1)}


def match_subjects(current: dict, previous: dict, min_score: float = DEFAULT_MIN_SCORE) -> list[Match]:
    out: list[Match] = []
    for kind in MATCH_KINDS:
        cur = [s for s in current.values() if s.kind == kind]
        old = [s for s in previous.values() if s.kind == kind]
        done_c, done_p = set(), set()
        old_by_key = {s.key: s for s in old}
        for s in cur:
            p = old_by_key.get(s.key)
            if p is not None:
                score = name_score(s.name, p.name)
                if score >= KEY_MIN_SCORE:
                    out.append(Match(kind, s, p, score, "key"))
                    done_c.add(s.key)
                    done_p.add(p.key)
        pairs = sorted(((name_score(s.name, p.name), i, j, s, p)
                        for i, s in enumerate(cur) if s.key not in done_c
                        for j, p in enumerate(old) if p.key not in done_p),
                       key=lambda x: (-x[0], x[1], x[2]))
        best_c: dict = {}
        best_p: dict = {}
        for score, _, _, s, p in pairs:
            best_c.setdefault(s.key, (score, p))
            best_p.setdefault(p.key, (score, s))
            if score >= min_score and s.key not in done_c and p.key not in done_p:
                out.append(Match(kind, s, p, score, "name"))
                done_c.add(s.key)
                done_p.add(p.key)
        for s in cur:
            if s.key not in done_c:
                score, other = best_c.get(s.key, (0.0, None))
                out.append(Match(kind, s, None, score, None, other))
        for p in old:
            if p.key not in done_p:
                score, other = best_p.get(p.key, (0.0, None))
                out.append(Match(kind, None, p, score, None, other))
    return out


# -- the trend table ------------------------------------------------------------------------------
def _cell(ctx, key: str, concept: str, year: int, restated: bool, marks):
    c = ctx.consensus(key, concept, year)
    if c is None or c.interval is None:
        return None
    f = c.reference.facts[0]
    cell = {"text": f.text.strip(), "value": f.value, "dataset": str(ctx.dataset.path),
            "tahun_laporan": ctx.year, "restated": restated}
    period = year if ctx.concepts[concept].periodic else None
    rules = sorted((marks or {}).get((str(ctx.dataset.path), key, concept, period), ()))
    if rules:  # a figure with a finding: the trend table marks it, with the other printed values
        cell["findings"] = rules
        cell["variants"] = [{"text": v.facts[0].text.strip(), "count": len(v.facts)} for v in c.deviating]
    return cell


def trend_table(contexts: list, links: list, marks=None) -> dict:
    """One row per IKU followed across the reports (oldest first; `links[i]` maps a key of
    contexts[i] to the key of contexts[i-1]). A figure missing in its own year's report is taken
    from the next report's restatement (Tabel 3.x.2), marked `restated`. `marks`: (dataset, line) ->
    rule ids of findings printed there."""
    rows: list[dict] = []   # {"keys": {year: key}}
    last: dict = {}         # key in the latest report seen -> row
    for i, ctx in enumerate(contexts):
        new_last = {}
        for s in (s for s in ctx.subjects.values() if s.kind == "iku"):
            pk = links[i].get(s.key) if i else None
            row = last.get(pk) if pk else None
            if row is None:
                row = {"keys": {}}
                rows.append(row)
            row["keys"][ctx.year] = s.key
            row["name"] = s.name
            new_last[s.key] = row
        last = new_last
    years = [c.year for c in contexts]
    out = []
    for row in rows:
        cells = {}
        for i, ctx in enumerate(contexts):
            y = ctx.year
            cells[str(y)] = {}
            for concept in TREND_CONCEPTS:
                cell = _cell(ctx, row["keys"][y], concept, y, False, marks) if y in row["keys"] else None
                if cell is None and i + 1 < len(contexts) and contexts[i + 1].year in row["keys"]:
                    nxt = contexts[i + 1]
                    cell = _cell(nxt, row["keys"][nxt.year], concept, y, True, marks)
                cells[str(y)][concept] = cell
        out.append({"keys": {str(y): k for y, k in row["keys"].items()}, "name": row["name"], "years": cells})
    return {"years": years, "concepts": list(TREND_CONCEPTS), "indicators": out}


def history_contexts(datasets: list, concepts, deciders=()) -> tuple[list, list]:
    """Contexts for a series (oldest first) and, for each, its subjects' keys in the one before.
    `deciders`: the formula rules that decide which copy of a figure is right, as a check's
    contexts have them (without them the trend showed the majority copy, not the right one)."""
    from .context import Context

    out, links = [], []
    for ds in datasets:
        ctx = Context(ds, concepts, deciders)
        if out:
            matches = match_subjects(ctx.subjects, out[-1].subjects)
            from .pair import match_index

            links.append(match_index(ctx, out[-1], matches))
        else:
            links.append({})
        out.append(ctx)
    return out, links
