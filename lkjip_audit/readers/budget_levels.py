"""Programme / kegiatan / sub-kegiatan rows of a budget table (Permendagri 90/2019).

A budget table may list, under one programme, its kegiatan and under each kegiatan its
sub-kegiatan, each with its own allocation, spending and absorption. A row's level comes from the
group line above it ("Kegiatan :", "Sub-Kegiatan :", kept by flat_tables.py as `Row.level`) or
from the first word of its label ("Kegiatan Penyusunan ...", "Sub Kegiatan: ..."); a row with
neither is a programme, as before. Each kegiatan belongs to the programme row above it and each
sub-kegiatan to the kegiatan row above it (the `program` / `kegiatan` attributes the sum rules
ANG009-ANG012 follow)."""
from __future__ import annotations

import re

_PREFIX = re.compile(r"^\s*(?:(?P<sub>sub[- ]?kegiatan)|(?P<keg>kegiatan)|(?P<prog>program))\b\s*:?", re.I)


def marker_level(marker: str) -> str | None:
    """The level a group line ("Kegiatan :", "Sub-Kegiatan :", "Program :") opens; None for others."""
    m = _PREFIX.match(marker)
    if not m or re.match(r"^\s*sasaran", marker, re.I):
        return None
    return "subkegiatan" if m["sub"] else "kegiatan" if m["keg"] else "program"


def row_level(row, label: str) -> str:
    """program | kegiatan | subkegiatan for one budget-table row."""
    level = getattr(row, "level", None)
    if level:
        return level
    m = _PREFIX.match(label or "")
    if m and (m["sub"] or m["keg"]):
        return "subkegiatan" if m["sub"] else "kegiatan"
    return "program"


def pool_of(ex, level: str) -> dict:
    """The subjects a row of this level is matched against."""
    return {"kegiatan": ex.kegiatan, "subkegiatan": ex.subkegiatan}.get(level, ex.program)


def add_budget_subject(ex, row, name: str, state: dict) -> None:
    """Define the subject of one budget row, remembering the programme / kegiatan above it in `state`."""
    level = row_level(row, name)
    if level == "program":
        key = f"P{len(ex.program) + 1}"
        ex.program[key] = {"line": row.line, "name": name}
        state.update(program=key, kegiatan=None)
    elif level == "kegiatan":
        key = f"K{len(ex.kegiatan) + 1}"
        while key in ex.kegiatan:
            key += "b"
        ex.kegiatan[key] = {"line": row.line, "name": name, "program": state.get("program"), "_budget": True}
        state["kegiatan"] = key
    else:
        key = f"SK{len(ex.subkegiatan) + 1}"
        ex.subkegiatan[key] = {"line": row.line, "name": name, "kegiatan": state.get("kegiatan")}


def subjects_block(ex, clean) -> dict:
    """The kegiatan (planned ones with their programme, and every budget row) and sub-kegiatan."""
    return {"kegiatan": {k: clean(v) for k, v in ex.kegiatan.items() if v.get("program") or v.get("_budget")},
            "subkegiatan": {k: clean(v) for k, v in ex.subkegiatan.items()}}
