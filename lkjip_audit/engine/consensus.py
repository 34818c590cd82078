"""Which printed copy of a figure is the reference (`Context.consensus`): its copies grouped by the
value they print, the group printed most often (then in most tables, then in the main body) first,
and when the groups disagree beyond rounding, a deciding formula's value (`Context.correction`)
picks the group that agrees with it, however few print it. A mixin of `Context` (engine/context.py).
"""
from __future__ import annotations

from .figures import Consensus, Variant
from .interval import Interval

# when copies of a figure disagree and are printed equally often, the main body wins
SECTION_PRIORITY = ["bab3", "bab4", "bab2", "lampiran4", "lampiran3", "lampiran2", "lampiran1",
                    "ringkasan", "bab1"]


def norm_text(s: str) -> str:
    return " ".join(str(s).split()).casefold()


class ConsensusMixin:
    """The consensus of each (subject, concept, period), made once per check (Context._consensus)."""

    def consensus(self, subject: str, concept: str, period) -> Consensus | None:
        key = (subject, concept, period if self.concepts[concept].periodic else None)
        if key not in self._consensus:
            self._consensus[key] = self._make_consensus(self.by_key.get(key, []), key)
        return self._consensus[key]

    def _make_consensus(self, facts, key=None) -> Consensus | None:
        if not facts:
            return None
        if len(facts) == 1:  # printed once: what the loop below gives for one copy
            f = facts[0]
            iv = self.interval(f)
            ref = Variant(norm_text(f.text) if iv is None else f.value, [f], iv)
            return Consensus(ref, [f], [], iv, None if iv is not None else f.text.strip(), None)
        variants: dict[object, Variant] = {}
        for f in facts:
            iv = self.interval(f)
            k = norm_text(f.text) if iv is None else f.value
            v = variants.get(k)
            if v is None:
                variants[k] = Variant(k, [f], iv)
            else:
                v.facts.append(f)
                if iv is not None and (iv.hi - iv.lo) < (v.interval.hi - v.interval.lo):
                    v.interval = iv  # keep the most precise printing of the same value
        if len(variants) == 1:  # the copies print one value (the usual case): nothing to rank or decide
            (ref,) = variants.values()
            return Consensus(ref, list(ref.facts), [], ref.interval,
                             None if ref.interval is not None else ref.facts[0].text.strip(), None)

        def rank(v: Variant):
            tables = len({f.table for f in v.facts})
            best = min(_priority(f.section) for f in v.facts)
            return (-len(v.facts), -tables, best)

        ordered = sorted(variants.values(), key=rank)
        decided = None
        if len(ordered) > 1 and key is not None and ordered[0].interval is not None \
                and any(not v.interval.overlaps(ordered[0].interval) for v in ordered[1:]):
            decided = self.correction(*key)
            if decided is not None:  # the copy that agrees with the formula is the reference
                ordered.sort(key=lambda v: not v.interval.overlaps(decided.interval))
        ref = ordered[0]
        agreeing, deviating, iv = list(ref.facts), [], ref.interval
        for v in ordered[1:]:
            if v.interval is not None and iv is not None and v.interval.overlaps(iv):
                agreeing.extend(v.facts)
                lo, hi = max(iv.lo, v.interval.lo), min(iv.hi, v.interval.hi)
                if lo <= hi:
                    iv = Interval(lo, hi)
            else:
                deviating.append(v)
        return Consensus(ref, agreeing, deviating, iv, None if ref.interval is not None else ref.facts[0].text.strip(),
                         decided)


_PRIORITY: dict = {}
for _i, _s in enumerate(SECTION_PRIORITY):
    _PRIORITY.setdefault(_s, _i)  # the first place, as list.index


def _priority(section: str) -> int:
    return _PRIORITY.get(section, len(SECTION_PRIORITY))

