"""Reading the small result frames the views turn into titles, cards and tables.

A view's questions of a query result ("the home row in the newest month": `is_home` and
`is_newest`, which the queries compute; "the row of target T01") are answered on plain
rows: the few columns needed, as Python values (the frames hold tens to a few hundred rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd


def records(
    frame: pd.DataFrame, columns: Sequence[str] | None = None, where: Sequence[bool] | np.ndarray | None = None
) -> list[dict[str, Any]]:
    """The rows (only those `where` is True, if given) as dicts of the given columns (all by
    default; absent ones are left out). Values are Python objects as `Series.tolist` gives
    them (Timestamps, floats with NaN).

    The rows are picked from the columns as lists, not with pandas indexing, which builds a new
    frame column by column for a few values; with the comparisons (then on Arrow-backed text)
    that was a fifth of the server's CPU under 20 sessions (docs/performance.md)."""
    names = [c for c in (frame.columns if columns is None else columns) if c in frame.columns]
    lists = [frame[c].tolist() for c in names]
    if where is not None:
        keep = np.flatnonzero(np.asarray(where, dtype=bool))
        lists = [[values[i] for i in keep] for values in lists]
    return [dict(zip(names, values, strict=True)) for values in zip(*lists, strict=True)] if names else []


def rows_where(
    frame: pd.DataFrame, column: str, value: Any, columns: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The rows whose `column` equals `value`, as `records`."""
    if frame.empty:
        return []
    return records(frame, columns, where=[v == value for v in frame[column].tolist()])


def first(rows: Iterable[dict[str, Any]], **equal: Any) -> dict[str, Any] | None:
    """The first row whose columns equal the given values, or None."""
    return next((r for r in rows if all(r.get(k) == v for k, v in equal.items())), None)


def contains(column: pd.Series, value: Any) -> bool:
    """Whether any row of the column equals `value` (missing values equal nothing)."""
    return any(v == value for v in column.tolist())


def values_where(frame: pd.DataFrame, column: str, key: str, value: Any) -> set[Any]:
    """The distinct values of `column` in the rows whose `key` equals `value` (missing left out)."""
    return {r[column] for r in rows_where(frame, key, value, [column]) if not pd.isna(r[column])}
