"""The Streamlit layer over `dashboard.db`: cached connection and cached query results.

The cache keys carry the database file's identity (inode and modification time), so an
import that swaps in a new file is seen on the next query, while sessions mid-run keep
reading the old one.

Results are cached once per process, database file and parameters, and every caller gets
its own shallow copy: with pandas' copy-on-write a page may change its copy freely without
touching the cached frame or copying the data. The result cache is a small one of our own
(`ResultCache`) rather than `st.cache_data`/`st.cache_resource`: those pickle the result
or hash every argument and read the function's signature on each call (~0,5 ms a query,
a tenth of a typical query here), where a dictionary lookup with a ready key is enough.

A page asks the questions its sections need together with `fetch_all`: they run at the
same time, each on its own cursor, as dashboards run their panels' queries, so a page
opened with filters nobody has asked for yet waits for its slowest queries rather than
for their sum. DuckDB lets go of Python's lock while it works.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

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


def _connection(identity: FileIdentity) -> duckdb.DuckDBPyConnection:
    """The open connection to this database file (one per file; the previous file's goes
    when a second import has replaced it)."""
    return CONNECTIONS.get(identity, lambda: connect(identity[0]))


class ResultCache:
    """Query results by key, least recently used first out, each kept for `ttl` seconds.

    Thread-safe; a key asked for by several sessions at once is computed once (the others
    wait for it), as Streamlit's own caches do. Errors are not kept.
    """

    def __init__(self, max_entries: int, ttl: float) -> None:
        self.max_entries, self.ttl = max_entries, ttl
        self._lock = threading.Lock()
        self._values: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}

    def _is_fresh(self, hit: tuple[float, Any] | None) -> bool:
        return hit is not None and time.monotonic() - hit[0] <= self.ttl

    def _fresh(self, key: Hashable) -> tuple[bool, Any]:
        hit = self._values.get(key)
        if not self._is_fresh(hit):
            self._values.pop(key, None)
            return False, None
        self._values.move_to_end(key)
        return True, hit[1]

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            found, value = self._fresh(key)
            if found:
                return value
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                found, value = self._fresh(key)
            if found:
                return value
            try:
                value = compute()
                with self._lock:
                    self._values[key] = (time.monotonic(), value)
                    while len(self._values) > self.max_entries:
                        self._values.popitem(last=False)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def has(self, key: Hashable) -> bool:
        """Whether a fresh value is kept for this key (without counting as a use)."""
        with self._lock:
            return self._is_fresh(self._values.get(key))

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


RESULTS = ResultCache(max_entries=2048, ttl=get_settings().cache_ttl_seconds)
CONNECTIONS = ResultCache(max_entries=2, ttl=float("inf"))


def params_key(params: dict[str, Any]) -> str:
    """The parameters as one string: equal strings for equal values (str, numbers, dates, lists)."""
    return repr(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


@dataclass(frozen=True)
class Ask:
    """One question a page asks: a named query (see `queries/`) and its bound parameters."""

    name: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


def ask(name: str, **params: Any) -> Ask:
    return Ask(name, params)


# Threads that run a page's other questions while the page's own thread runs the first.
QUERY_THREADS = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="noegletal-query")


def _cached(question: Ask) -> tuple[Hashable, Callable[[], pd.DataFrame]]:
    """The cache key of a question and how to answer it (settings read here, in the page's thread)."""
    identity, min_persons = database_identity(), get_settings().min_persons
    key = (question.name, params_key(question.params), identity, min_persons)
    return key, lambda: run_query(_connection(identity), question.name, question.params, min_persons=min_persons)


def fetch(name: str, **params: Any) -> pd.DataFrame:
    """Run a named query (see `queries/`) with bound parameters, cached per parameters."""
    return RESULTS.get(*_cached(Ask(name, params))).copy(deep=False)


def fetch_all(*questions: Ask) -> list[pd.DataFrame]:
    """The answers to several questions, in order, the ones not cached yet run at the same time.

    The page's thread answers the first itself while `QUERY_THREADS` start on the others;
    it then waits for each in turn (the cache computes a key once, so nothing runs twice).
    A question the threads have not got to yet is answered by the page's thread, so a busy
    server is never slower than asking one by one; a failed query fails in the page's
    thread with its own error.
    """
    jobs = [_cached(q) for q in questions]
    for key, compute in jobs[1:]:
        if not RESULTS.has(key):
            QUERY_THREADS.submit(RESULTS.get, key, compute)
    return [RESULTS.get(key, compute).copy(deep=False) for key, compute in jobs]
