"""Programme / kegiatan / sub-kegiatan rows of a budget table (Permendagri 90/2019).

A budget table may list, under one programme, its kegiatan and under each kegiatan its
sub-kegiatan, each with its own allocation, spending and absorption. A row's level comes from the
group line above it ("Kegiatan :", "Sub-Kegiatan :", kept by flat_tables.py as `Row.level`) or
from the first word of its label ("Kegiatan Penyusunan ...", "Sub Kegiatan: ..."); a row with
neither is a programme, as before. Each kegiatan belongs to the programme row above it and each
sub-kegiatan to the kegiatan row above it (the `program` / `kegiatan` attributes the sum rules
ANG009-ANG012 follow).

A budget table by type of belanja (Permendagri 90/2019: "Belanja Operasi", "Belanja Modal",
"Belanja Tidak Terduga", "Belanja Transfer", "Total Belanja" / "Jumlah Belanja") gives the totals
OPERASI, MODAL, TT, TRANSFER and BELANJA that TOT006 / TOT007 add up; its other rows (belanja
pegawai, barang dan jasa, ...: parts of belanja operasi) are read and listed as not evaluated.

When programmes were already defined by an earlier budget table, a later one with kegiatan /
sub-kegiatan rows adds those under the programme row above them (matched by name)."""
from __future__ import annotations

import re

_ENUM = r"^\s*(?:[a-z0-9]{1,3}[.)]\s*)?"
_BELANJA = [(key, re.compile(_ENUM + pat + r"\s*:?\s*$", re.I)) for key, pat in (
    ("OPERASI", r"belanja\s+operasi"), ("MODAL", r"belanja\s+modal"),
    ("TT", r"belanja\s+tidak\s+terduga"), ("TRANSFER", r"belanja\s+transfer"),
    ("BELANJA", r"(?:total|jumlah)\s+belanja(?:\s+(?:daerah|perangkat\s+daerah))?"))]
BELANJA_SUBJECTS = {"BELANJA": "Total belanja", "OPERASI": "Belanja operasi", "MODAL": "Belanja modal",
                    "TT": "Belanja tidak terduga", "TRANSFER": "Belanja transfer"}
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


def belanja_key(label: str) -> str | None:
    """OPERASI | MODAL | TT | TRANSFER | BELANJA for a row of a budget table by type of belanja."""
    return next((key for key, pat in _BELANJA if pat.match(label or "")), None)


def is_belanja_table(labels) -> bool:
    """A table by type of belanja: it prints belanja operasi or belanja modal."""
    return any(belanja_key(x) in ("OPERASI", "MODAL") for x in labels)


def is_level_row(row, label: str) -> bool:
    """A programme / kegiatan / sub-kegiatan row (group line or first word), even in a belanja table."""
    return bool(getattr(row, "level", None) or _PREFIX.match(label or ""))


def define_budget_subjects(ex, shape) -> None:
    """The programme / kegiatan / sub-kegiatan subjects of one budget table. The first budget table
    defines the programmes; a later one matches its programme rows to them and adds the kegiatan and
    sub-kegiatan it lists under the programme / kegiatan row above them."""
    from .matching import best_match, norm
    from .results import _TOTAL, cell
    from .table_kinds import strip_merged_numbering

    col, state = shape.col("program"), {}
    fresh = not (ex.program or ex.subkegiatan or any(v.get("_budget") for v in ex.kegiatan.values()))
    named = [(row, cell(strip_merged_numbering(row.cells), col)) for row in shape.data]
    belanja = is_belanja_table(n for _, n in named)
    for row, name in named:
        if not name or _TOTAL.match(name) or any(_TOTAL.match(c) for c in row.cells) \
                or (belanja and not is_level_row(row, name)):
            continue
        level = row_level(row, name)
        if not fresh:
            pool = pool_of(ex, level)
            same = [k for k, v in pool.items() if norm(v["name"]) == norm(name)]
            if level == "program":
                key = same[0] if same else best_match(name, {k: [v["name"]] for k, v in pool.items()}).key
                state.update(program=key, kegiatan=None)
                continue
            if same:
                state[level] = same[0]
                continue
        add_budget_subject(ex, row, name, state)


def belanja_subjects(ex) -> dict:
    """The belanja totals some budget table placed (only those: a report without one keeps its list)."""
    used = {r.get("subject") for t in ex.tables for r in t["rows"]}
    return {k: {"name": v} for k, v in BELANJA_SUBJECTS.items() if k in used}


def has_budget_rows(ex, shapes) -> bool:
    """Kegiatan / sub-kegiatan rows, or a table by type of belanja: budget figures to check even
    without a programme or an indicator."""
    from .results import cell
    from .table_kinds import strip_merged_numbering

    if ex.kegiatan or ex.subkegiatan:
        return True
    return any(is_belanja_table(cell(strip_merged_numbering(r.cells), s.col("program")) for r in s.data)
               for s, _, _ in shapes if s.kind == "program_budget")
