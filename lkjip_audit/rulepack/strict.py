"""Strict values in rule packs and the concept vocabulary, beyond what the JSON schema says.

YAML 1.1 and Python's `bool()` are generous: `exact: "no"` would become True, `periodic: maybe`
True, `threshold: .nan` passes `> 0` because NaN compares false with everything. Here a flag must
be a real true/false and a number must be finite; each problem is `file:line: ...`.
"""
from __future__ import annotations

import math

from ..errors import Problem
from ..i18n import t
from ..yamlio import LDict, LList


def non_finite(doc, file: str) -> list[Problem]:
    """Every NaN or infinite number anywhere in a loaded document."""
    out: list[Problem] = []

    def walk(node, line):
        if isinstance(node, LDict):
            for k, v in node.items():
                if isinstance(v, _INNER):  # text, numbers, flags: no call, no line (~half the walk)
                    walk(v, node.line_of(k))
        elif isinstance(node, LList):
            for i, v in enumerate(node):
                if isinstance(v, _INNER):
                    walk(v, node.line_of(i))
        elif isinstance(node, float) and not math.isfinite(node):
            out.append(Problem(file, line, t("non_finite", value=node)))

    walk(doc, getattr(doc, "line", None))
    return out


_INNER = (LDict, LList, float)  # what `non_finite` walks into: every other value has nothing to find


def check_pack(doc, file: str) -> list[Problem]:
    return non_finite(doc, file)


def flag(spec, key: str, default: bool, file: str, problems: list[Problem]) -> bool:
    """A true/false key: anything but a YAML boolean is a problem (never silently True)."""
    if key not in spec:
        return default
    v = spec[key]
    if isinstance(v, bool):
        return v
    problems.append(Problem(file, spec.line_of(key) if hasattr(spec, "line_of") else None,
                            t("flag_bool", key=key, value=repr(v))))
    return default
