"""The concept vocabulary (`rules/concepts.yaml`): what a figure can be, its unit and exactness."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, Problem
from ..yamlio import load_yaml
from . import strict

_KEYS = {"kind", "unit", "exact", "periodic", "title"}


@dataclass(frozen=True)
class Concept:
    """One concept of the vocabulary: a figure (number) or a text, its unit and exactness."""
    name: str
    kind: str  # number | text
    unit: str | None
    exact: bool
    periodic: bool
    title: dict


def load_concepts(path: Path) -> dict[str, Concept]:
    doc = load_yaml(path)
    problems: list[Problem] = []
    out: dict[str, Concept] = {}
    items = doc.get("concepts")
    if not isinstance(items, dict) or not items:
        raise InputError(Problem(str(path), doc.line, "'concepts' harus berupa mapping yang tidak kosong"))
    for name, spec in items.items():
        line = items.line_of(name)
        if not isinstance(spec, dict):
            problems.append(Problem(str(path), line, f"konsep '{name}' harus berupa mapping"))
            continue
        for k in spec:
            if k not in _KEYS:
                problems.append(Problem(str(path), spec.line_of(k), f"kunci '{k}' tidak dikenal untuk konsep; yang boleh: {', '.join(sorted(_KEYS))}"))
        kind = spec.get("kind", "number")
        if kind not in ("number", "text"):
            problems.append(Problem(str(path), spec.line_of("kind"), f"kind '{kind}' harus number atau text"))
        exact = strict.flag(spec, "exact", False, str(path), problems)
        periodic = strict.flag(spec, "periodic", True, str(path), problems)
        out[name] = Concept(name, kind, spec.get("unit"), exact, periodic, dict(spec.get("title") or {"id": name}))
    if problems:
        raise InputError(problems)
    return out
