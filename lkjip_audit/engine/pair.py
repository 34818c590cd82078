"""The pair context of a cross-year check: this year's report, last year's report, and the
matches between their subjects. Cross-year kinds (continuity, change) run on it; the expression
function `previous()` of this year's Context is given `PairContext.previous_value` when the pair is
built, so Context never imports the cross-year code and nothing is attached to it from outside."""
from __future__ import annotations

from dataclasses import replace

from . import findings
from .context import Context, MissingInput
from .crossyear import DEFAULT_MIN_SCORE, match_subjects, report_label, trend_table
from .findings import Location, location_of


def match_index(current: Context, previous: Context, matches) -> dict:
    out = {m.current.key: m.previous.key for m in matches if m.current and m.previous}
    for s in current.subjects.values():  # totals (APBD, BL, ...) match by their well-known keys
        if s.kind == "total" and s.key in previous.subjects:
            out.setdefault(s.key, s.key)
    return out


class PairContext:
    def __init__(self, dataset, previous_dataset, concepts, deciders=(), settings=None):
        self.previous = Context(previous_dataset, concepts, deciders)
        self.current = Context(dataset, concepts, deciders, previous_lookup=self.previous_value, settings=settings)
        self.concepts = concepts
        self.matches = match_subjects(self.current.subjects, self.previous.subjects)
        self.match_prev = match_index(self.current, self.previous, self.matches)
        self._match_cache: dict = {DEFAULT_MIN_SCORE: self.matches}
        self._printed: dict = {}

    # what the kinds read
    @property
    def year(self):
        return self.current.year

    def matches_at(self, min_score: float):
        if min_score not in self._match_cache:
            self._match_cache[min_score] = match_subjects(self.current.subjects, self.previous.subjects, min_score)
        return self._match_cache[min_score]

    def printed_concepts(self, ctx: Context) -> set:
        if id(ctx) not in self._printed:
            self._printed[id(ctx)] = {f.concept for f in ctx.facts if f.status == "ok"}
        return self._printed[id(ctx)]

    def previous_value(self, ctx: Context, concept: str, key: str, period):
        """previous(concept, key, period): the previous report's agreed value of the same figure."""
        prev = self.previous
        if concept not in self.printed_concepts(prev):
            raise MissingInput(f"{concept} di laporan {prev.year} (tidak dicetak sama sekali)")
        pkey = self.match_prev.get(key)
        if pkey is None:
            raise MissingInput(f"{key} di laporan {prev.year}")
        c = prev.consensus(pkey, concept, period)
        if c is None:
            raise MissingInput(f"{concept} {pkey}" + (f" {period}" if prev.concepts[concept].periodic else "")
                               + f" di laporan {prev.year}")
        ctx.previous_used.extend(tagged(location_of(f, "reference"), prev.dataset) for f in c.agreeing)
        return c.interval if c.interval is not None else c.text

    def tag_locations(self, out) -> None:
        """Cross-year findings name both reports: every place carries its dataset and year, and the
        messages may use {current} / {previous}."""
        cur, prev = self.current.dataset, self.previous.dataset
        for f in out._by_key.values():
            if f.rule.requires != "previous":
                continue
            f.locations[:] = [loc if loc.dataset is not None else tagged(loc, cur) for loc in f.locations]
            for k, v in (("current", report_label(cur)), ("previous", report_label(prev)), ("previous_found", ""),
                         ("change", ""), ("threshold", ""), ("score", "")):
                f.extra.setdefault(k, v)

    def summary(self, marks=None) -> dict:
        prev = self.previous.dataset
        sub = prev.submission
        return {
            "previous": {"instansi": sub.get("instansi"), "tahun": sub.get("tahun"), "source": sub.get("source"),
                         "source_file": sub.get("source_file"), "dataset": str(prev.path),
                         "partial": bool(sub.get("partial", False))},
            "matches": [m.as_dict() for m in self.matches],
            "trend": trend_table([self.previous, self.current], [{}, self.match_prev], marks),
        }


def tagged(loc: Location, ds) -> Location:
    return replace(loc, dataset=str(ds.path), tahun=ds.year, source_file=ds.submission.get("source_file"))


def subject_location(subject, ds, role: str) -> Location:
    return tagged(findings.subject_location(subject, role), ds)
