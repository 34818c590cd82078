"""What a dataset table's printed cell reads as: the column's decimal style (column_styles) and the
fact columns of one printed figure (_read), memoised per process (_PARSED)."""
from __future__ import annotations

import re

from ..numbers import RENTANG, column_style, parse_fields

# a table row's keys that are not a printed figure: its line and page, subject, label, note and the
# references a row may carry (readers/dataset.py REFERENCES and iku)
ROW_RESERVED = {"line", "page", "subject", "label", "note", "sasaran", "tujuan", "program", "kegiatan", "iku"}

MIXED_NOTE = "kolom mencampur desimal titik dan koma"


def column_styles(table, only=None) -> dict:
    """Per column of a table of printed strings: how a lone dot is meant (numbers.column_style),
    decided from all of the column's values. Only columns where it matters are returned: "en" (dot
    decimals: "1.500" is 1,5, noted on the figure) and mixed ("id", a dot decimal is noted).
    It matters only for a column with a value that may be a dot decimal (a dot before 1-2 or 4+
    digits, _DOT_DECIMAL): only those columns' values are looked at, and only the declared
    columns' (a cell of another column is an error and makes no fact); `only`: these columns."""
    rows = table["rows"]
    out = {}
    for col in table["columns"] if only is None else [c for c in table["columns"] if c in only]:
        if col in ROW_RESERVED:  # never read as a figure
            continue
        texts = [c["text"] if isinstance(c, dict) else c for row in rows if (c := row.get(col)) is not None]
        try:
            joined = "\n".join(texts)  # one search for the column (no match spans a line break)
        except TypeError:  # a number written as a YAML number
            texts = [t if type(t) is str else str(t) for t in texts]
            joined = "\n".join(texts)
        if "." not in joined or not _DOT_DECIMAL.search(joined):
            continue
        style, note = column_style(texts)
        if note:
            out[col] = (style, note)
    return out


# a dot that numbers.column_style may count as a decimal point: before 1-2 digits or 4+ (a value
# without one has no dot decimal, so a column without one needs no style)
_DOT_DECIMAL = re.compile(r"\.[0-9]{1,2}(?![0-9])|\.[0-9]{4}")

# What a printed cell reads as, in the fact's columns: (text, unit, column style, mixed column,
# a target) -> (status, value, decimals, unit, reason, note). Shared by the datasets a worker process
# reads (a corpus repeats "100%", "0", "-", budget amounts); bounded, emptied when full.
_PARSED: dict[tuple, tuple] = {}
_PARSED_MAX = 50_000


def _read(key: tuple) -> tuple:
    """The fact columns of a printed figure (see _PARSED), as numbers.parse_number reads it."""
    text, unit, style, mixed, target = key
    status, value, decimals, unit, style, notes, reason = parse_fields(text, unit, style)
    if mixed and style == "en":   # a dot decimal in a column that mixes both
        notes = (*notes, MIXED_NOTE)
    if status == RENTANG and not target:
        # only a target may be printed as a range; a range for any other figure is unreadable
        status, reason = "tidak_terbaca", "rentang nilai (hanya target boleh berupa rentang)"
    got = (status, value, decimals, unit, reason, "; ".join(notes) if notes else None)
    if len(_PARSED) >= _PARSED_MAX:
        _PARSED.clear()
    _PARSED[key] = got
    return got


