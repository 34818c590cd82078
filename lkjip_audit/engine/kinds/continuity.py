"""kind `continuity` (cross-year, `requires: previous`): an IKU / sasaran / programme that appeared,
disappeared or was renamed between last year's report and this one; with `attributes:`, a matched
subject whose attribute changed (e.g. a programme's group or sasaran: the budget structure).

A name is the same when last year's name is one of the names this year's report prints for the
subject (its name or the row label of one of its figures): a report that
prints an IKU's name in two wordings (the Blitar LKjIP 2020 prints IKU2 with and without
"(Lansia, Fakir Miskin, ...)") has not renamed it from last year when last year's wording is one of
them.

Passing:  IKU "Persentase PSKS yang dibina" in both years (same key, same name)
Failing:  renamed "Persentase PSKS aktif" this year -> "ganti nama", both names, the match score
"""
from __future__ import annotations

from dataclasses import dataclass

from ..crossyear import DEFAULT_MIN_SCORE, Match, norm_name, report_label
from ..findings import Finding
from ..pair import PairContext, subject_location
from . import RuleKind, param, subject_kinds


@dataclass
class Params:
    """The keys of a `continuity` rule."""
    for_each: tuple = subject_kinds(required=True, doc="subject kinds followed across the years")
    attributes: tuple = param((), doc="attributes of a matched subject that must not change", minItems=1)
    min_score: float = param(DEFAULT_MIN_SCORE, doc="name similarity (0..100) for a match by name",
                             minimum=0, maximum=100)


def run(rule, pair: PairContext, out, stats):
    prev, cur = pair.previous, pair.current
    cur_ds, prev_ds = cur.dataset, prev.dataset
    cl, pl = report_label(cur_ds), report_label(prev_ds)
    matches = pair.matches_at(rule.min_score)
    for kind in rule.for_each:
        n_cur = sum(1 for s in cur.subjects.values() if s.kind == kind)
        n_old = sum(1 for s in prev.subjects.values() if s.kind == kind)
        if not n_cur or not n_old:
            missing = prev_ds if not n_old else cur_ds
            stats.skip(rule, kind, f"laporan {missing.year} tidak memuat subjek berjenis {kind}")
            continue
        for m in (m for m in matches if m.kind == kind):
            stats.checks += 1
            if m.current is not None and m.previous is not None:
                _matched(rule, pair, out, m, cl, pl)
                continue
            s = m.current or m.previous
            best = f"'{m.best.name}' ({m.best.key}, {m.score:.0f}/100)" if m.best is not None else "-"
            if m.current is not None:
                why = {"id": f"ada di {cl} tetapi tidak ada di {pl}; nama termirip di {pl}: {best}",
                       "en": f"present in {cl} but not in {pl}; most similar name in {pl}: {best}"}
                change = {"id": "muncul", "en": "appeared"}
            else:
                why = {"id": f"ada di {pl} tetapi tidak ada di {cl}; nama termirip di {cl}: {best}",
                       "en": f"present in {pl} but not in {cl}; most similar name in {cl}: {best}"}
                change = {"id": "hilang", "en": "disappeared"}
            f = out.add((rule.id, kind, change["id"], s.key), lambda: Finding(
                rule=rule, subject=s.key, subject_name=s.name, concept=None, period=None,
                found=m.current.name if m.current else None, found_text=m.current.name if m.current else "",
                expected=m.previous.name if m.previous else None, expected_interval=None, why=why,
                extra={"change": change, "score": f"{m.score:.0f}"}))
            if m.current is not None:
                out.add_location(f, subject_location(m.current, cur_ds, "found"))
            if m.previous is not None:
                out.add_location(f, subject_location(m.previous, prev_ds, "reference"))


def _printed_names(ctx, key: str) -> set[str]:
    """Every wording one report prints for a subject: its name and the row labels of its figures."""
    names = {norm_name(f.label) for f in ctx.facts if f.subject == key and f.label}
    return names | {norm_name(ctx.subjects[key].name)}


def _same_name(pair: PairContext, m: Match) -> bool:
    if m.same_name:
        return True
    return norm_name(m.previous.name) in _printed_names(pair.current, m.current.key)


def _matched(rule, pair: PairContext, out, m: Match, cl, pl):
    cur_ds, prev_ds = pair.current.dataset, pair.previous.dataset
    s, p = m.current, m.previous
    problems = []
    if not _same_name(pair, m):
        how = {"key": ("kunci sama", "same key"), "name": ("kemiripan nama", "name similarity")}[m.method]
        problems.append(({"id": "ganti nama", "en": "renamed"}, {
            "id": f"di {pl} bernama '{p.name}' ({p.key}), di {cl} '{s.name}' ({s.key}); "
                  f"dicocokkan menurut {how[0]}, kemiripan {m.score:.0f}/100",
            "en": f"named '{p.name}' ({p.key}) in {pl}, '{s.name}' ({s.key}) in {cl}; "
                  f"matched by {how[1]}, similarity {m.score:.0f}/100"}, s.name, p.name))
    for attr in rule.attributes:
        new, old = s.attrs.get(attr), p.attrs.get(attr)
        # an attribute naming another subject (sasaran, program) is compared through the matches
        mapped = pair.match_prev.get(new, new) if isinstance(new, str) else new
        if mapped != old:
            problems.append(({"id": f"{attr} berubah", "en": f"{attr} changed"}, {
                "id": f"{attr}: '{old}' di {pl}, '{new}' di {cl}",
                "en": f"{attr}: '{old}' in {pl}, '{new}' in {cl}"}, str(new), str(old)))
    for change, why, found, expected in problems:
        f = out.add((rule.id, m.kind, change["id"], s.key), lambda: Finding(
            rule=rule, subject=s.key, subject_name=s.name, concept=None, period=None, found=found,
            found_text=found, expected=expected, expected_interval=None, why=why,
            extra={"change": change, "score": f"{m.score:.0f}"}))
        out.add_location(f, subject_location(s, cur_ds, "found"))
        out.add_location(f, subject_location(p, prev_ds, "reference"))


KIND = RuleKind("continuity", Params, run, requires="previous",
                summary={"id": "(lintas tahun) subjek muncul, hilang, berganti nama, atau atributnya berubah",
                         "en": "(cross-year) a subject appeared, disappeared, was renamed, or an attribute changed"},
                doc=__doc__)
