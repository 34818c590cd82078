"""The fact table made with its final types (pandas): each column built with the dtype the pandera
schema's coercion gives it (TYPES, typed_table), and one function that checks a table so made for
the whole table at once (typed_check). readers/facts.py comes here for a report whose fact tuples
it cannot accept on its own (sound) and when a report's table is asked for (readers/dataset.py);
a table this check refuses goes to the pandera schema (readers/fact_schema.py) for its messages.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from pandas._libs import lib

from .facts import DECIMALS, FACT_COLUMNS, KINDS, PERIODS, SECTIONS, STATUSES, per_concepts


def typed_check(concepts):
    """Whether a table made by typed_table is a sound fact table of these concepts: the per-column
    schema's columns, types, nullability and value rules (readers/fact_schema.py) in one function
    that answers for the whole table. It converts nothing: a table of the right types only needs
    checking (a pandera call costs ~0,6 ms per column whatever its rows: 23 of them were most of a
    chunk's validation). A refused table is validated again with pandera (validated), so what it
    says is unchanged. Made once per set of concepts."""
    return per_concepts(_CHECKS, concepts, _typed_check)


_CHECKS: dict = {}


def _typed_check(concepts, text_concepts):
    names = frozenset(concepts)
    text_concepts = frozenset(text_concepts)
    types = TYPES
    kinds, sections, statuses = frozenset(KINDS), frozenset(SECTIONS), frozenset(STATUSES)
    # the Int64 columns' (name, min, max or None); the str columns' (name, the values allowed)
    ints = (("period", *PERIODS), ("row", 1, None), ("decimals", *DECIMALS), ("line", 1, None), ("page", 1, None))
    members = (("concept", names), ("subject_kind", kinds), ("section", sections), ("status", statuses))

    # the str columns that may not miss a value, beside those checked against a set of values below
    strings = [name for (kind, _, nullable), name in zip(types, FACT_COLUMNS)
               if kind == "str" and not nullable and name not in dict(members) and name != "subject"]

    def valid(df) -> bool:
        if len(df.columns) != len(FACT_COLUMNS) or set(df.columns) != set(FACT_COLUMNS):
            return False  # strict: exactly the fact columns
        for (kind, dtype, nullable), name in zip(types, FACT_COLUMNS):
            col = df[name]
            if col.dtype != dtype:
                return False
            # a str column's missing values are found below, on its values as stored, without
            # pandas' isna (a scan that was a third of this check)
            if not nullable and kind != "str" and col.hasnans:
                return False
        if not len(df):
            return True
        for name, allowed in members:  # a missing value is in no set
            if not set(np.asarray(df[name].array)) <= allowed:
                return False
        if not all(type(v) is str and v for v in set(np.asarray(df["subject"].array))):
            return False
        for name in strings:  # strings only: no missing value
            if not lib.is_string_array(np.asarray(df[name].array), skipna=False):
                return False
        for name, low, high in ints:
            values = df[name].to_numpy(dtype=np.int64, na_value=low)
            if values.min() < low or (high is not None and values.max() > high):
                return False
        read = df["status"].to_numpy() == "ok"
        no_value = np.isnan(df["value"].to_numpy())
        if (~read & ~no_value).any():  # a figure not read has no value
            return False
        without = read & no_value  # a figure read has a value, unless its concept is text
        return not without.any() or set(df["concept"].to_numpy()[without]) <= text_concepts

    return valid


# Per fact column, in FACT_COLUMNS order: (kind, the pandas dtype the per-column schema's coercion
# gives it, nullable), as readers/fact_schema.py states them (tests/test_facts_typed.py holds the two
# equal, so a pandas or pandera that coerced otherwise fails the tests, not a report).
_STR = pd.StringDtype("python", na_value=np.nan)
_NULLABLE = {"period", "label", "header", "value", "decimals", "unit", "reason", "note", "page"}
_KIND = {"period": "int", "row": "int", "decimals": "int", "line": "int", "page": "int", "value": "float",
         "exact": "bool"}
_DTYPE = {"int": pd.Int64Dtype(), "float": np.dtype(np.float64), "bool": np.dtype(np.bool_), "str": _STR}
TYPES = [(_KIND.get(name, "str"), _DTYPE[_KIND.get(name, "str")], name in _NULLABLE) for name in FACT_COLUMNS]


def typed_table(records: list[tuple]):
    """The fact table of fact tuples, each column made with the dtype the quick schema's coercion
    gives it (str, Int64, float, bool), so validating it converts nothing; None when a value is
    not of its column's Python type (the caller then makes the table as before and pandera coerces
    or refuses it, with its usual messages). A value missing where it may not be is left for
    typed_schema to refuse."""
    typed = _typed_table(records)
    return None if typed is None else typed[0]


# whether an object array holds only values of the kind, none missing (a float column may hold a
# NaN: it is counted below)
_COMPLETE = {kind: (lambda check: lambda values: check(values, skipna=False))(check)
             for kind, check in (("str", lib.is_string_array), ("int", lib.is_integer_array),
                                 ("float", lib.is_float_array), ("bool", lib.is_bool_array))}


def _typed_table(records: list[tuple]):
    """(typed_table's table, whether every missing value of it was None in the records), or None."""
    if not records:
        return None
    n = len(records)
    data = {}
    same = True
    try:
        for (kind, dtype, nullable), name, col in zip(TYPES, FACT_COLUMNS, zip(*records)):
            values = np.fromiter(col, dtype=object, count=n)
            missing = None
            # a nullable column of which no value is missing (most of them: label, header, unit,
            # period) is known so by one typed C scan, without an elementwise comparison with None
            if nullable and not _COMPLETE[kind](values):
                missing = values == None  # noqa: E711 - elementwise, on an object array
                if missing.any():
                    values[missing] = 0 if kind == "int" else np.nan
            if kind == "str":  # strings or missing, or ValueError
                data[name] = array = pd.arrays.StringArray(values, dtype=dtype)
                if missing is not None and same:  # a NaN among the strings is missing in the table, not None
                    same = int(array.isna().sum()) == int(missing.sum())
            elif kind == "int" and lib.is_integer_array(values):
                data[name] = pd.arrays.IntegerArray(values.astype(np.int64),
                                                    np.zeros(n, dtype=bool) if missing is None else missing)
            elif kind == "float" and lib.is_float_array(values):
                data[name] = array = values.astype(np.float64)
                if same:  # a NaN among the numbers is missing in the table, not None
                    same = int(np.isnan(array).sum()) == (0 if missing is None else int(missing.sum()))
            elif kind == "bool" and lib.is_bool_array(values):
                data[name] = values.astype(np.bool_)
            else:
                return None
    except (TypeError, ValueError, OverflowError):
        return None
    return pd.DataFrame(data, copy=False), same


def validated(records: list[tuple], concepts, file: str):
    """facts.validated for records that facts.sound did not accept: (the table, same)."""
    typed = _typed_table(records)
    if typed is not None:
        table, same = typed
        if typed_check(concepts)(table):
            return table, same
    from .facts import validate_facts

    return validate_facts(pd.DataFrame(records, columns=FACT_COLUMNS), concepts, file), False
