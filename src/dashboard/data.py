"""The cached layer over `dashboard.db` that pages ask through: one open connection per
database file and query results by parameters, both in `st.cache_resource` (results are
shared, not pickled for every caller: each caller gets a shallow copy, which pandas'
copy-on-write keeps from changing the cached frame).

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

from dashboard.db import DatabaseMissing, connect, run_query
from dashboard.settings import get_settings

FileIdentity = tuple[str, int, int]


def database_identity() -> FileIdentity:
    path = get_settings().db_path
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise DatabaseMissing(f"Databasen {path} findes ikke. Kør `python -m dashboard build`.") from None
    return (str(path), stat.st_ino, stat.st_mtime_ns)


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(identity: FileIdentity) -> duckdb.DuckDBPyConnection:
    """The open connection to this database file (one per file; the previous file's goes
    when a second import has replaced it)."""
    return connect(identity[0])


def params_key(params: dict[str, Any]) -> str:
    """The parameters as one string: equal strings for equal values (str, numbers, dates, lists)."""
    return repr(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


@dataclass(frozen=True)
class Ask:
    """One question a page asks: a named query (see `queries/`) and its bound parameters."""

    name: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def answer(self, identity: FileIdentity | None = None) -> pd.DataFrame:
        """The cached answer (a shallow copy), from the database file `identity` (default: the
        current one). The cache key is the name, the parameters, the file and the privacy threshold."""
        identity, min_persons = identity or database_identity(), get_settings().min_persons
        key = f"{self.name}|{params_key(self.params)}|{identity}|{min_persons}"
        return _result(key, self, identity, min_persons).copy(deep=False)


@st.cache_resource(ttl=get_settings().cache_ttl_seconds, max_entries=2048, show_spinner=False)
def _result(key: str, _question: Ask, _identity: FileIdentity, _min_persons: int) -> pd.DataFrame:
    """A question's answer, cached by `key` alone (see `Ask.answer`): the other arguments
    are what the key is made of, and Streamlit need not hash them again."""
    del key
    return run_query(_connection(_identity), _question.name, _question.params, min_persons=_min_persons)


def ask(name: str, **params: Any) -> Ask:
    return Ask(name, params)


def fetch(name: str, **params: Any) -> pd.DataFrame:
    """Run a named query (see `queries/`) with bound parameters, cached per parameters."""
    return Ask(name, params).answer()


# Threads that run a page's questions at the same time; DuckDB lets go of Python's lock while it works.
QUERY_WORKERS = max(2, os.cpu_count() or 2)
QUERY_THREADS = ThreadPoolExecutor(max_workers=QUERY_WORKERS, thread_name_prefix="noegletal-query")


def fetch_all(*questions: Ask) -> list[pd.DataFrame]:
    """The answers to several questions, in order, the ones not cached yet run at the same time.

    The page's thread answers the first itself while `QUERY_THREADS` start on the others.
    The cache computes a key once, so a question the threads have not got to yet is
    answered by the page's thread when it comes to it (and the threads then leave it):
    a busy server is never slower than asking one by one. A failed query fails in the
    page's thread with its own error.
    """
    identity = database_identity()  # one file for the whole page, even if an import swaps it meanwhile
    taken = [False] * len(questions)

    def start(i: int) -> None:
        if not taken[i]:  # the page's thread has not got to it yet
            taken[i] = True
            questions[i].answer(identity)

    for i in range(1, len(questions)):
        QUERY_THREADS.submit(start, i)
    answers = []
    for i, question in enumerate(questions):
        taken[i] = True
        answers.append(question.answer(identity))
    return answers
