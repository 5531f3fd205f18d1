"""The cached layer over `dashboard.db` that pages ask through: one open connection per
database file (`st.cache_resource`) and query results by parameters (`st.cache_data`).

The cache keys carry the database file's identity (inode and modification time), so an
import that swaps in a new file is seen on the next query, while sessions mid-run keep
reading the old one.

A page asks the questions its sections need together with `fetch_all`: they run at the
same time, each on its own cursor, so a page opened with filters nobody has asked for
yet waits for its slowest query rather than for the sum of them (see docs/performance.md).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
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
    """The open connection to this database file (one per file; the previous file's goes
    when a second import has replaced it)."""
    return connect(identity[0])


def params_key(params: dict[str, Any]) -> str:
    """The parameters as one string: equal strings for equal values (str, numbers, dates, lists)."""
    return repr(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


@st.cache_data(ttl=get_settings().cache_ttl_seconds, max_entries=2048, show_spinner=False)
def _result(name: str, key: str, identity: FileIdentity, min_persons: int, _params: dict[str, Any]) -> pd.DataFrame:
    """A query's answer, cached by name, parameters (`key`, see `params_key`), database file
    and privacy threshold."""
    del key  # part of the cache key only; the parameters themselves are not hashed
    return run_query(_connection(identity), name, _params, min_persons=min_persons)


@dataclass(frozen=True)
class Ask:
    """One question a page asks: a named query (see `queries/`) and its bound parameters."""

    name: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def answer(self) -> pd.DataFrame:
        settings = get_settings()
        return _result(self.name, params_key(self.params), database_identity(), settings.min_persons, self.params)


def ask(name: str, **params: Any) -> Ask:
    return Ask(name, params)


def fetch(name: str, **params: Any) -> pd.DataFrame:
    """Run a named query (see `queries/`) with bound parameters, cached per parameters."""
    return Ask(name, params).answer()


# Threads that run a page's questions at the same time; DuckDB lets go of Python's lock while it works.
QUERY_THREADS = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="noegletal-query")


def fetch_all(*questions: Ask) -> list[pd.DataFrame]:
    """The answers to several questions, in order, the ones not cached yet run at the same time.

    The page's thread answers the first itself while `QUERY_THREADS` start on the others.
    The cache computes a key once, so a question the threads have not got to yet is
    answered by the page's thread when it comes to it: a busy server is never slower than
    asking one by one. A failed query fails in the page's thread with its own error.
    """
    for question in questions[1:]:
        QUERY_THREADS.submit(question.answer)
    return [question.answer() for question in questions]
