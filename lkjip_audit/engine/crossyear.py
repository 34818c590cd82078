"""Cross-year checks: this year's report against last year's report of the same office.

- Submission identity (`check_pair`, `order_series`): same office (name normalised), different
  years, previous older than current; otherwise one clear message and exit code 2.
- Subject matching (`match_subjects`): an IKU, sasaran or programme of this year is the same as one
  of last year by key first (when the names are not unrelated), then by the meaning of the name:
  normalised text (case, punctuation, "(%)") compared with rapidfuzz (mean of token-set and
  token-sort ratio, 0..100), best pairs first. Every match keeps its method and score.
- Expression function `previous(concept, key, period)`: the previous report's agreed value of the
  same figure of the matched subject (Context.previous_value delegates here).
- Primitives `continuity` (subject appeared / disappeared / renamed / attribute changed) and
  `change` (year-on-year change beyond a threshold, with both numbers).
- The trend table per IKU (years as columns: target, realisasi, capaian).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import InputError, Problem
from ..i18n import t
from .context import Context, MissingInput
from . import findings
from .findings import Finding, Location, location_of

MATCH_KINDS = ("tujuan", "sasaran", "iku", "program", "kegiatan", "spm")
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


def order_series(datasets: list, allow_different_office: bool = False) -> list:
    """Sort a history by year; refuse two reports of one year or of different offices."""
    if len(datasets) < 2:
        raise InputError(Problem("history", None, t("xy_history_short")))
    ordered = sorted(datasets, key=lambda d: d.year)
    problems = []
    first = ordered[0]
    for a, b in zip(ordered, ordered[1:]):
        if a.year == b.year:
            problems.append(Problem(str(b.path), None, t("xy_same_year", year=b.year, cur_path=a.path)))
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


def attach_previous(ctx: Context, previous_dataset) -> None:
    """Give a context its previous year's report: a second Context and the subject matches."""
    ctx.previous = Context(previous_dataset, ctx.concepts)
    ctx.matches = match_subjects(ctx.subjects, ctx.previous.subjects)
    _index(ctx)


def _index(ctx):
    ctx.match_prev = {m.current.key: m.previous.key for m in ctx.matches if m.current and m.previous}
    for s in ctx.subjects.values():  # totals (APBD, BL, ...) match by their well-known keys
        if s.kind == "total" and s.key in ctx.previous.subjects:
            ctx.match_prev.setdefault(s.key, s.key)


def _matches(ctx, min_score: float) -> list[Match]:
    if min_score == DEFAULT_MIN_SCORE:
        return ctx.matches
    cache = ctx.__dict__.setdefault("_match_cache", {})
    if min_score not in cache:
        cache[min_score] = match_subjects(ctx.subjects, ctx.previous.subjects, min_score)
    return cache[min_score]


# -- provenance: which report a place is in -------------------------------------------------------
def tagged(loc: Location, ds) -> Location:
    return replace(loc, dataset=str(ds.path), tahun=ds.year, source_file=ds.submission.get("source_file"))


def subject_location(subject, ds, role: str) -> Location:
    return tagged(findings.subject_location(subject, role), ds)


def tag_locations(ctx: Context, out, ruleset) -> None:
    """Cross-year findings name both reports: every place carries its dataset and year, and the
    messages may use {current} / {previous}."""
    cur, prev = ctx.dataset, ctx.previous.dataset
    for f in out._by_key.values():
        if f.rule.requires != "previous":
            continue
        f.locations[:] = [loc if loc.dataset is not None else tagged(loc, cur) for loc in f.locations]
        f.extra.setdefault("current", report_label(cur))
        f.extra.setdefault("previous", report_label(prev))
        f.extra.setdefault("previous_found", "")
        f.extra.setdefault("change", "")
        f.extra.setdefault("threshold", "")
        f.extra.setdefault("score", "")


# -- the expression function previous() -----------------------------------------------------------
def printed_concepts(ctx: Context) -> set:
    if "_printed" not in ctx.__dict__:
        ctx._printed = {f.concept for f in ctx.facts if f.status == "ok"}
    return ctx._printed


def previous_value(ctx: Context, concept: str, key: str, period):
    prev = ctx.previous
    if prev is None:
        raise MissingInput("laporan tahun sebelumnya")
    if concept not in printed_concepts(prev):
        raise MissingInput(f"{concept} di laporan {prev.year} (tidak dicetak sama sekali)")
    pkey = ctx.match_prev.get(key)
    if pkey is None:
        raise MissingInput(f"{key} di laporan {prev.year}")
    c = prev.consensus(pkey, concept, period)
    if c is None:
        raise MissingInput(f"{concept} {pkey}" + (f" {period}" if prev.concepts[concept].periodic else "")
                           + f" di laporan {prev.year}")
    ctx.previous_used.extend(tagged(location_of(f, "reference"), prev.dataset) for f in c.agreeing)
    return c.interval if c.interval is not None else c.text


# -- primitives -----------------------------------------------------------------------------------
def run_continuity(rule, ctx: Context, out, stats):
    """An IKU / sasaran / programme that appeared, disappeared or was renamed between the years;
    with `attributes:`, a matched subject whose attribute changed (e.g. a programme's group)."""
    prev = ctx.previous
    if prev is None:
        return
    cur_ds, prev_ds = ctx.dataset, prev.dataset
    cl, pl = report_label(cur_ds), report_label(prev_ds)
    matches = _matches(ctx, rule.min_score)
    for kind in rule.for_each:
        n_cur = sum(1 for s in ctx.subjects.values() if s.kind == kind)
        n_old = sum(1 for s in prev.subjects.values() if s.kind == kind)
        if not n_cur or not n_old:
            missing = prev_ds if not n_old else cur_ds
            stats.skip(rule, kind, f"laporan {missing.year} tidak memuat subjek berjenis {kind}")
            continue
        for m in (m for m in matches if m.kind == kind):
            stats.checks += 1
            if m.current is not None and m.previous is not None:
                _continuity_matched(rule, ctx, out, m, cl, pl)
                continue
            s = m.current or m.previous
            best = f"'{m.best.name}' ({m.best.key}, {m.score:.0f}/100)" if m.best is not None else "-"
            if m.current is not None:
                why = {"id": f"ada di {cl} tetapi tidak ada di {pl}; nama termirip di {pl}: {best}",
                       "en": f"present in {cl} but not in {pl}; most similar name in {pl}: {best}"}
                change = "muncul"
            else:
                why = {"id": f"ada di {pl} tetapi tidak ada di {cl}; nama termirip di {cl}: {best}",
                       "en": f"present in {pl} but not in {cl}; most similar name in {cl}: {best}"}
                change = "hilang"
            f = out.add((rule.id, kind, change, s.key), lambda: Finding(
                rule=rule, subject=s.key, subject_name=s.name, concept=None, period=None,
                found=m.current.name if m.current else None, found_text=m.current.name if m.current else "",
                expected=m.previous.name if m.previous else None, expected_interval=None, why=why,
                extra={"change": change, "score": f"{m.score:.0f}"}))
            if m.current is not None:
                out.add_location(f, subject_location(m.current, cur_ds, "found"))
            if m.previous is not None:
                out.add_location(f, subject_location(m.previous, prev_ds, "reference"))


def _continuity_matched(rule, ctx, out, m: Match, cl, pl):
    cur_ds, prev_ds = ctx.dataset, ctx.previous.dataset
    s, p = m.current, m.previous
    problems = []
    if not m.same_name:
        how = {"key": ("kunci sama", "same key"), "name": ("kemiripan nama", "name similarity")}[m.method]
        problems.append(("ganti nama", {
            "id": f"di {pl} bernama '{p.name}' ({p.key}), di {cl} '{s.name}' ({s.key}); "
                  f"dicocokkan menurut {how[0]}, kemiripan {m.score:.0f}/100",
            "en": f"named '{p.name}' ({p.key}) in {pl}, '{s.name}' ({s.key}) in {cl}; "
                  f"matched by {how[1]}, similarity {m.score:.0f}/100"}, s.name, p.name))
    for attr in rule.attributes:
        new, old = s.attrs.get(attr), p.attrs.get(attr)
        # an attribute naming another subject (sasaran, program) is compared through the matches
        mapped = ctx.match_prev.get(new, new) if isinstance(new, str) else new
        if mapped != old:
            problems.append((f"{attr} berubah", {
                "id": f"{attr}: '{old}' di {pl}, '{new}' di {cl}",
                "en": f"{attr}: '{old}' in {pl}, '{new}' in {cl}"}, str(new), str(old)))
    for change, why, found, expected in problems:
        f = out.add((rule.id, m.kind, change, s.key), lambda: Finding(
            rule=rule, subject=s.key, subject_name=s.name, concept=None, period=None, found=found,
            found_text=found, expected=expected, expected_interval=None, why=why,
            extra={"change": change, "score": f"{m.score:.0f}"}))
        out.add_location(f, subject_location(s, cur_ds, "found"))
        out.add_location(f, subject_location(p, prev_ds, "reference"))


def run_change(rule, ctx: Context, out, stats):
    """This year's figure against last year's (each as its own report prints it for its own year):
    a change beyond `threshold` (`mode: relative` in %, or `points`: percentage points) is reported
    with both numbers."""
    from ..numbers import format_id

    prev = ctx.previous
    if prev is None:
        return
    cl, pl = report_label(ctx.dataset), report_label(prev.dataset)
    for s in ctx.subjects.values():
        if rule.for_each and s.kind not in rule.for_each:
            continue
        for concept in rule.concepts:
            if concept not in printed_concepts(prev):
                stats.skip(rule, "*", f"laporan {prev.year} tidak mencetak {concept} sama sekali")
                continue
            c = ctx.consensus(s.key, concept, ctx.year)
            if c is None or c.interval is None:
                continue
            pkey = ctx.match_prev.get(s.key)
            pc = prev.consensus(pkey, concept, prev.year) if pkey else None
            if pc is None or pc.interval is None:
                stats.skip(rule, s.key, f"tidak ada {concept} {pkey or s.key} {prev.year} di laporan {prev.year}")
                continue
            now, before = c.interval.mid, pc.interval.mid
            if rule.mode == "points":
                change, unit = now - before, " pp"  # percentage points
            else:
                if before == 0:
                    stats.skip(rule, s.key, "nilai tahun lalu 0: perubahan relatif tidak dapat dihitung")
                    continue
                change, unit = (now - before) / abs(before) * 100, "%"
            stats.checks += 1
            if abs(change) <= rule.threshold:
                continue
            now_t, before_t = c.reference.facts[0].text.strip(), pc.reference.facts[0].text.strip()
            ch = ("+" if change > 0 else "") + format_id(change, 2)
            th = format_id(rule.threshold, 2 if rule.threshold % 1 else 0)
            why = {lang: f"{concept} {s.key}: {before_t} ({pl}) -> {now_t} ({cl}): {ch}{unit}, "
                         + ("ambang" if lang == "id" else "threshold") + f" {th}{unit}"
                   for lang in ("id", "en")}
            f = out.add((rule.id, s.key, concept), lambda: Finding(
                rule=rule, subject=s.key, subject_name=s.name, concept=concept, period=ctx.year,
                found=c.reference.value, found_text=now_t, expected=None, expected_interval=None, why=why,
                decimals=int(c.reference.facts[0].decimals or 0), unit=ctx.concepts[concept].unit,
                extra={"previous_found": before_t, "change": ch + unit, "threshold": th + unit}))
            for fact in c.agreeing:
                out.add_location(f, location_of(fact, "found"))
            for fact in pc.agreeing:
                out.add_location(f, tagged(location_of(fact, "reference"), prev.dataset))


# -- the trend table ------------------------------------------------------------------------------
def _cell(ctx: Context, key: str, concept: str, year: int, restated: bool):
    c = ctx.consensus(key, concept, year)
    if c is None or c.interval is None:
        return None
    f = c.reference.facts[0]
    return {"text": f.text.strip(), "value": f.value, "dataset": str(ctx.dataset.path),
            "tahun_laporan": ctx.year, "restated": restated}


def trend_table(contexts: list[Context]) -> dict:
    """One row per IKU followed across the reports (oldest first; each context's `match_prev`
    links it to the one before). A figure missing in its own year's report is taken from the next
    report's restatement (Tabel 3.x.2), marked `restated`."""
    rows: list[dict] = []   # {"keys": {year: key}}
    last: dict = {}         # key in the latest report seen -> row
    for i, ctx in enumerate(contexts):
        new_last = {}
        for s in (s for s in ctx.subjects.values() if s.kind == "iku"):
            pk = ctx.match_prev.get(s.key) if i else None
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
                cell = _cell(ctx, row["keys"][y], concept, y, False) if y in row["keys"] else None
                if cell is None and i + 1 < len(contexts) and contexts[i + 1].year in row["keys"]:
                    nxt = contexts[i + 1]
                    cell = _cell(nxt, row["keys"][nxt.year], concept, y, True)
                cells[str(y)][concept] = cell
        out.append({"keys": {str(y): k for y, k in row["keys"].items()}, "name": row["name"], "years": cells})
    return {"years": years, "concepts": list(TREND_CONCEPTS), "indicators": out}


def crossyear_summary(ctx: Context) -> dict:
    prev = ctx.previous.dataset
    sub = prev.submission
    return {
        "previous": {"instansi": sub.get("instansi"), "tahun": sub.get("tahun"), "source": sub.get("source"),
                     "source_file": sub.get("source_file"), "dataset": str(prev.path),
                     "partial": bool(sub.get("partial", False))},
        "matches": [m.as_dict() for m in ctx.matches],
        "trend": trend_table([ctx.previous, ctx]),
    }


def history_contexts(datasets: list, concepts) -> list[Context]:
    """Contexts for a series (oldest first), each linked to the one before, for the trend table."""
    out: list[Context] = []
    for ds in datasets:
        ctx = Context(ds, concepts)
        if out:
            ctx.previous = out[-1]
            ctx.matches = match_subjects(ctx.subjects, ctx.previous.subjects)
            _index(ctx)
        else:
            ctx.match_prev = {}
        out.append(ctx)
    return out
