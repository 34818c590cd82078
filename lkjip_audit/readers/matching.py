"""Match names as printed in a table row to the report's subjects (sasaran, IKU, programme).

Real reports spell the same name differently: case, a missing word ("Fakir Miskin Kelembagaan"),
OCR noise ("social", "Persentasi"), an abbreviation spelled out ("Potensi Sumber Kesejahteraan
Sosial (PSKS)"), a parenthesis added ("PMKS (Lansia, ...) yang ..."). Names are normalised, spelled
out abbreviations are folded back, and rapidfuzz scores the candidates; the score (0-100) is kept
so that the report can say how sure the match is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

# OCR and spelling variants seen in real reports -> the usual form
VARIANTS = {
    "social": "sosial", "persentasi": "persentase", "prosentase": "persentase", "presentase": "persentase",
    "kesejahtraan": "kesejahteraan", "katagori": "kategori", "program": "program",
}
_ABBR = re.compile(r"((?:[A-Za-z]+\s+){1,7})\(\s*([A-Z]{2,8})\s*\)")
_PAREN = re.compile(r"\([^)]*\)")
_NONWORD = re.compile(r"[^0-9a-z]+")
ACCEPT = 70.0   # below this a row is not placed (listed as "tidak dikenali")
MARGIN = 4.0    # two candidates closer than this (PMKS vs PSKS): the row is not placed, both are named


def _fold_abbreviations(text: str) -> str:
    def repl(m):
        words, abbr = m.group(1).split(), m.group(2)
        for k in range(len(abbr), 0, -1):
            if k <= len(words) and "".join(w[0] for w in words[-k:]).upper() == abbr:
                return " ".join(words[:-k] + [abbr]) + " "
        return m.group(0)
    return _ABBR.sub(repl, text)


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    text = _NONWORD.sub(" ", str(text).casefold().replace("(%)", " "))
    return " ".join(VARIANTS.get(w, w) for w in text.split())


@lru_cache(maxsize=4096)
def variants(name: str) -> tuple[str, ...]:
    out = {norm(name), norm(_fold_abbreviations(name)), norm(_PAREN.sub(" ", name)),
           norm(_PAREN.sub(" ", _fold_abbreviations(name)))}
    return tuple(sorted(v for v in out if v))


@lru_cache(maxsize=16384)
def score(label: str, name: str) -> float:
    best = 0.0
    for a in variants(label):
        for b in variants(name):
            s = (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 2
            best = max(best, s)
    return best


@dataclass
class Match:
    key: str | None
    score: float
    runner_up: str | None = None
    runner_score: float = 0.0
    ambiguous: bool = False    # two candidates within MARGIN: not placed (key None), both kept

    def why(self) -> str:
        """Why a row was not placed, naming the candidates."""
        if self.ambiguous:
            return (f"dua calon berdekatan: {self.runner_up} (skor {self.score:g}) dan "
                    f"{self.second} (skor {self.runner_score:g})")
        if self.runner_up:
            return f"skor terbaik {self.score:g} untuk {self.runner_up}, di bawah ambang {ACCEPT:g}"
        return "tidak ada calon"

    second: str | None = None


def best_match(label: str, candidates: dict[str, list[str]], accept: float = ACCEPT) -> Match:
    """The candidate key whose names best match `label` (None when no score reaches `accept`)."""
    if not label or not norm(label):
        return Match(None, 0.0)
    scored = sorted(((max(score(label, n) for n in names), key) for key, names in candidates.items() if names),
                    reverse=True)
    if not scored:
        return Match(None, 0.0)
    top, key = scored[0]
    second = scored[1] if len(scored) > 1 else (0.0, None)
    if top < accept:
        return Match(None, round(top, 1), key, round(top, 1))
    if second[1] is not None and second[0] >= accept and top - second[0] < MARGIN and not _exact(label, candidates[key]):
        return Match(None, round(top, 1), key, round(second[0], 1), True, second[1])
    return Match(key, round(top, 1), second[1], round(second[0], 1))


def _exact(label: str, names: list[str]) -> bool:
    a = norm(label)
    return any(a == v for n in names for v in variants(n))


def contained(label: str, name: str) -> int:
    """Position of `name` inside `label` (normalised, fuzzy), or -1."""
    a = norm(label)
    for b in variants(name):
        if len(b) < 8:
            continue
        i = a.find(b)
        if i >= 0:
            return i
        al = fuzz.partial_ratio_alignment(b, a)
        if al is not None and al.score >= 92:
            return al.dest_start
    return -1
