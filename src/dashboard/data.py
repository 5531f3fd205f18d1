"""The Streamlit layer over `dashboard.db`: cached connection and cached query results.

The cache keys carry the database file's identity (inode and modification time), so an
import that swaps in a new file is seen on the next query, while sessions mid-run keep
reading the old one.

Results are cached once per process and parameters (`st.cache_resource`: no pickling on
every rerun) and every caller gets its own shallow copy: with pandas' copy-on-write a
page may change its copy freely without touching the cached frame or copying the data.
"""

from __future__ import annotations

import os
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard.db import connect, run_query
from dashboard.settings import get_settings

FileIdentity = tuple[str, int, int]


def database_identity() -> FileIdentity:
    path = get_settings().db_path
    stat = os.stat(path)
    return (str(path), stat.st_ino, stat.st_mtime_ns)


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(identity: FileIdentity) -> duckdb.DuckDBPyConnection:
    return connect(identity[0])


@st.cache_resource(max_entries=2048, show_spinner=False, ttl=get_settings().cache_ttl_seconds)
def _cached(name: str, key: str, identity: FileIdentity, min_persons: int, _params: dict[str, Any]) -> pd.DataFrame:
    # `key` stands for `_params` in the cache key (Streamlit skips arguments named `_…`):
    # hashing one string is much cheaper than Streamlit's walk through dicts, lists, dates.
    return run_query(_connection(identity), name, _params, min_persons=min_persons)


def params_key(params: dict[str, Any]) -> str:
    """The parameters as one string: equal strings for equal values (str, numbers, dates, lists)."""
    return repr(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def fetch(name: str, **params: Any) -> pd.DataFrame:
    """Run a named query (see `queries/`) with bound parameters, cached per parameters."""
    key = params_key(params)
    return _cached(name, key, database_identity(), get_settings().min_persons, params).copy(deep=False)
