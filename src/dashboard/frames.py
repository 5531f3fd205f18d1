"""Reading the small result frames the views turn into titles, cards and tables.

A view's questions of a query result ("Ballerup's value in the newest month", "the row of
target T01") are answered on plain rows here: the few columns needed, read once as Python
lists (the frames hold tens to a few hundred rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def records(
    frame: pd.DataFrame, columns: Sequence[str] | None = None, where: np.ndarray | None = None
) -> list[dict[str, Any]]:
    """The rows (only those `where` is True, if given) as dicts of the given columns (all by
    default; absent ones are left out). Values are Python objects as `Series.tolist` gives
    them (Timestamps, floats with NaN)."""
    names = [c for c in (frame.columns if columns is None else columns) if c in frame.columns]
    picked = None if where is None else np.flatnonzero(where)
    if len(names) > WIDE:  # one conversion of the whole frame beats a pandas call per column
        values = frame.to_numpy(dtype=object)
        positions = [frame.columns.get_loc(c) for c in names]
        return [
            {n: row[i] for n, i in zip(names, positions, strict=True)}
            for row in (values if picked is None else values[picked])
        ]
    if picked is None:
        lists = [frame[c].tolist() for c in names]
    else:
        lists = [frame[c].array.take(picked).tolist() for c in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*lists, strict=True)] if names else []


WIDE = 8


def rows_where(
    frame: pd.DataFrame, column: str, value: Any, columns: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The rows whose `column` equals `value`, as `records`."""
    if frame.empty:
        return []
    return records(frame, columns, where=frame[column].to_numpy() == value)


def first(rows: Iterable[dict[str, Any]], **equal: Any) -> dict[str, Any] | None:
    """The first row whose columns equal the given values, or None."""
    return next((r for r in rows if all(r.get(k) == v for k, v in equal.items())), None)


def contains(column: pd.Series, value: Any) -> bool:
    """Whether any row of the column equals `value` (Arrow-backed text compared in Arrow)."""
    values = column.array
    if isinstance(values, pd.arrays.ArrowExtensionArray | pd.arrays.ArrowStringArray):
        return bool(pc.any(pc.equal(pa.array(values), value)).as_py())
    return bool((column.to_numpy() == value).any())


def distinct(column: pd.Series) -> list[Any]:
    """The column's values without repeats, in order of first appearance (one Arrow/numpy
    pass, where `dict.fromkeys(column)` walks the rows in Python)."""
    return column.unique().tolist()
