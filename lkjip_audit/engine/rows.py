"""The fact table as plain Python rows, for the engine's inner loops."""
from __future__ import annotations

from collections import namedtuple
from functools import partial

_ROW_TYPES: dict = {}


def plain_rows(df) -> list:
    """`df.astype(object).where(df.notna(), None).itertuples(index=False)`, column by column (the
    frame-wide `where` was a tenth of a quick check): the same named tuples, Python values, None
    for every missing value. Each column is read from its array (no Series made: making the 23
    Series of a fact table cost more than converting them)."""
    cols = tuple(df.columns)
    Row = _ROW_TYPES.get(cols)
    if Row is None:
        Row = _ROW_TYPES.setdefault(cols, namedtuple("Pandas", cols, rename=True))
    get = getattr(df, "_get_column_array", None)
    if get is None or df.columns.has_duplicates:
        columns = [df[name].to_numpy(dtype=object, na_value=None).tolist() for name in cols]
    else:
        columns = [_values(get(i)) for i in range(len(cols))]
        columns = [c if c is not None else df.iloc[:, i].to_numpy(dtype=object, na_value=None).tolist()
                   for i, c in enumerate(columns)]
    return list(map(partial(tuple.__new__, Row), zip(*columns))) if columns else []  # Row._make, without its call


def _values(arr) -> list | None:
    """One column's values as Python objects, None for missing: what
    `to_numpy(dtype=object, na_value=None).tolist()` gives, read straight from the storage of the
    column types a fact table has; None for any other type (it takes that general path)."""
    name = type(arr).__name__
    if name == "StringArray" and getattr(arr.dtype, "storage", None) == "python":
        # holds str or a missing marker (nan, NA, None) only
        return [x if type(x) is str else None for x in arr._ndarray.tolist()]
    if name in ("IntegerArray", "BooleanArray"):  # masked: the values, and True where missing
        return [None if m else x for x, m in zip(arr._data.tolist(), arr._mask.tolist())]
    data = arr._ndarray if name == "NumpyExtensionArray" else arr if name == "ndarray" else None
    if data is not None and data.ndim == 1:
        kind = data.dtype.kind
        if kind == "f":
            return [None if x != x else x for x in data.tolist()]  # NaN is missing
        if kind in "biu":  # no missing value possible
            return data.tolist()
    return None
