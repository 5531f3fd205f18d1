"""Database access and the query registry.

Every question a view asks is one `.sql` file in `queries/`, named for what it returns.
Its leading `--` comment is its docstring; `$name` placeholders are its parameters,
always bound, never pasted into the SQL. Functions here take the connection first and
never import Streamlit, so tests hand them an in-memory or fixture database.

Privacy lives here, in one place: any result column named `persons` or ending in
`_persons` is a count of persons, and a value below the threshold is blanked together
with every column the query lists after `-- @private:` (the figures derived from it).
A query may list after `-- @public:` numeric columns that are neither counts of persons
nor derived from one (a target, a rank among municipalities, a sort order); the registry
check in tests/test_privacy.py requires every numeric column of a query over the
fact tables to be one of the three. A `@private` column missing from the result, or a
`@private` list without a count to judge it by, is refused: a typo must not show a figure.

On the app's connection (`connect`) every query reads `observation` (itself, or through a
table macro of build/schema.sql such as `indicator_rows`) through a view that applies the rest of the rule (docs/privacy.md) cell by cell, whatever the query does with
the rows: a count indicator's value is its count of persons when no count was given, and
every cell that must not be shown — below the threshold, or hidden so that no hidden cell
can be worked out by subtraction from a total and its other parts (secondary suppression,
`hidden_cells`) — carries a negative count, so it, and every sum or share a query makes
of it, is judged small here.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import logging
import os
import re
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard.settings import PROJECT_ROOT, get_settings

QUERY_DIR = PROJECT_ROOT / "queries"
PARAM = re.compile(r"(?<![:$\w])\$([a-z_][a-z0-9_]*)")
PRIVATE = re.compile(r"^--\s*@private:\s*(.*)$", re.MULTILINE)
PUBLIC = re.compile(r"^--\s*@public:\s*(.*)$", re.MULTILINE)
ATTACHED = "noegletal"  # the catalog name the app's connection gives the database file
LOG = logging.getLogger(__name__)


class QueryError(ValueError):
    """A query asked for by a name we do not have, or with the wrong parameters."""


class DatabaseMissing(FileNotFoundError):
    """The database file is not there (not built yet)."""


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    doc: str
    params: frozenset[str]
    derived: tuple[str, ...] = field(default=())
    public: tuple[str, ...] = field(default=())


def _parse(path: Path) -> Query:
    sql = path.read_text(encoding="utf-8")
    doc_lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        if "@private:" not in line and "@public:" not in line:
            doc_lines.append(line[2:].strip())
    without_comments = re.sub(r"--[^\n]*", "", sql)
    params = frozenset(PARAM.findall(without_comments))
    return Query(
        path.stem,
        sql,
        " ".join(doc_lines).strip(),
        params,
        _columns(PRIVATE, sql),
        _columns(PUBLIC, sql),
    )


def _columns(pattern: re.Pattern[str], sql: str) -> tuple[str, ...]:
    """The column names of every `-- @private:` (or `-- @public:`) line, in order."""
    return tuple(c.strip() for line in pattern.findall(sql) for c in line.split(",") if c.strip())


@lru_cache(maxsize=4)
def registry(query_dir: Path = QUERY_DIR) -> dict[str, Query]:
    """All queries, read once."""
    return {p.stem: _parse(p) for p in sorted(query_dir.glob("*.sql"))}


def get_query(name: str, query_dir: Path = QUERY_DIR) -> Query:
    try:
        return registry(query_dir)[name]
    except KeyError:
        raise QueryError(f"Ukendt forespørgsel: {name!r}") from None


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the database read-only, with no access to any other file: the app never writes.

    The file is attached, read-only, to a fresh in-memory DuckDB instance rather than
    opened with `duckdb.connect(path)`: DuckDB hands out one shared instance per path for
    as long as any connection to it lives, so after an import has swapped in a new file
    with os.replace, `duckdb.connect(path)` would go on answering from the replaced one.
    Once it is attached, file access (`COPY … TO`, `read_text`, `ATTACH`) is switched off
    and the configuration locked, so no query can switch it on again. Cursors start in
    the in-memory catalog; `cursor_of` moves each to the attached file, through the
    privacy view of its threshold.
    """
    if not Path(db_path).exists():
        raise DatabaseMissing(f"Databasen {db_path} findes ikke. Kør `python -m dashboard build`.")
    con = duckdb.connect(":memory:")
    inode = _inode(db_path)
    attach_read_only(con, db_path)
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    con.execute(f"USE {ATTACHED}")
    _ATTACHED[con] = (Path(db_path), inode if _inode(db_path) == inode else None)
    return con


def attach_read_only(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Attach the database file to `con`, read-only, as the catalog `ATTACHED`."""
    con.execute(f"ATTACH '{str(db_path).replace(chr(39), chr(39) * 2)}' AS {ATTACHED} (READ_ONLY)")


# Connections made by `connect`: their cursors must be moved to the attached file. Other
# connections (the build, tests on a plain file) are used as they are.
# Each with the path and inode of the file it attached (None if the file was replaced meanwhile).
_ATTACHED: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, tuple[Path, int | None]] = weakref.WeakKeyDictionary()

# --- the privacy view: a count rule per cell (docs/privacy.md) --------------------------

# Units whose value is itself a number of persons (its count when `persons` is empty).
COUNT_UNITS = ("personer", "fuldtidspersoner")
# The breakdowns of the filter bar, each with a total `alle` that is the sum of its parts.
BREAKDOWNS = (("group_code", "target_group"), ("age_band", "age_band"), ("gender", "gender"), ("origin", "origin"))
GRAINS = ("week", "month", "quarter", "half_year", "year", "span")
# The count a hidden cell carries in the view: below any threshold, and so is any sum with it.
HIDDEN_COUNT = -1_000_000_000
_PRIVACY_LOCK = threading.Lock()
_PRIVACY: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, set[int]] = weakref.WeakKeyDictionary()


def _cells_sql(catalog: str, min_persons: int) -> str:
    """Every cell with a count in the blocks (indicator × area × grain × period) that hold a
    small one: its row id, its block, its code in each breakdown (0 = alle) and its count."""
    count = (
        f"coalesce(o.persons, CASE WHEN o.indicator_id IN (SELECT indicator_id FROM {catalog}.main.indicator"
        f" WHERE unit IN {COUNT_UNITS!r}) THEN o.value END)"
    )
    codes = "".join(
        f" JOIN (SELECT {col}, row_number() OVER (ORDER BY {col} <> 'alle', {col}) - 1 AS code"
        f" FROM {catalog}.main.{table}) c_{col} ON c_{col}.{col} = o.{col}"
        for col, table in BREAKDOWNS
    )
    grains = "[" + ", ".join(f"'{g}'" for g in GRAINS) + "]"
    block = (
        f"(((i.code * 4096 + g.code) * 8 + list_position({grains}, o.grain)) * 262144"
        " + (o.period_start - DATE '1800-01-01'))::BIGINT"
    )
    return f"""
        WITH blocks AS (
            SELECT DISTINCT indicator_id, geo_code, grain, period_start FROM {catalog}.main.observation o
            WHERE {count} < {int(min_persons)}
        )
        SELECT o.rowid AS rid, {block} AS block,
               {", ".join(f"c_{col}.code::BIGINT AS {col}" for col, _ in BREAKDOWNS)}, {count}::DOUBLE AS n
        FROM {catalog}.main.observation o
        SEMI JOIN blocks b ON b.indicator_id = o.indicator_id AND b.geo_code = o.geo_code AND b.grain = o.grain
                          AND b.period_start = o.period_start
        JOIN (SELECT indicator_id, row_number() OVER (ORDER BY indicator_id) AS code
              FROM {catalog}.main.indicator) i ON i.indicator_id = o.indicator_id
        JOIN (SELECT geo_code, row_number() OVER (ORDER BY geo_code) AS code
              FROM {catalog}.main.geography) g ON g.geo_code = o.geo_code{codes}
        WHERE {count} IS NOT NULL
    """


def _line_order(line: np.ndarray, member: np.ndarray, count_rank: np.ndarray) -> np.ndarray:
    """The cells in order of line, then parts before the total, then count, then code: one
    sort of one packed integer (numpy's lexsort of the four keys took 4–15 times as long)."""
    line_id = np.unique(line, return_inverse=True)[1].astype(np.int64).ravel()
    widths = [max(1, int(a.max()).bit_length()) for a in (line_id, count_rank, member)]
    if sum(widths) + 1 > 63:
        return np.lexsort((member, count_rank, member == 0, line))
    packed = line_id << 1 | (member == 0)
    packed = (packed << widths[1] | count_rank) << widths[2] | member
    return np.argsort(packed)


def hidden_in_lines(
    keys: np.ndarray, fields: list[tuple[int, int]], counts: np.ndarray, small: np.ndarray
) -> np.ndarray:
    """Which cells to hide: the small ones, and (secondary suppression) in every line — a total
    and its parts along one breakdown, the rest fixed — with exactly one hidden cell, one more:
    the smallest part not hidden (the total if there is none), until no line has exactly one.

    `keys` packs each cell's block and breakdown codes; `fields` gives (shift, width) of
    each breakdown's code in it, 0 being the total.
    """
    hidden = small.copy()
    lines = []
    count_rank = np.unique(counts, return_inverse=True)[1].astype(np.int64).ravel()
    for shift, width in fields:
        mask = ((1 << width) - 1) << shift
        member, line = (keys & mask) >> shift, keys & ~mask
        order = _line_order(line, member, count_rank)
        in_order = line[order]
        starts = np.flatnonzero(np.r_[True, in_order[1:] != in_order[:-1]])
        lines.append((order, starts, np.diff(np.r_[starts, len(order)]) > 1))
    changed = bool(hidden.any())
    while changed:
        changed = False
        for order, starts, several in lines:
            ordered = hidden[order]
            lone = (np.add.reduceat(ordered.astype(np.int64), starts) == 1) & several
            if lone.any():
                first_shown = np.minimum.reduceat(np.where(ordered, len(order), np.arange(len(order))), starts)
                hidden[order[first_shown[lone]]] = True
                changed = True
    return hidden


def hidden_cells(con: duckdb.DuckDBPyConnection, min_persons: int, catalog: str = ATTACHED) -> np.ndarray:
    """The row ids of every observation that must not be shown at this threshold (see
    `hidden_in_lines`). Lines never leave a block, so only blocks with a small cell are read."""
    with cursor_of(con) as cursor:
        cells = cursor.execute(_cells_sql(catalog, min_persons)).fetchnumpy()
    if not len(cells["rid"]):
        return np.empty(0, dtype=np.int64)
    codes = [np.asarray(cells[col], dtype=np.int64) for col, _ in BREAKDOWNS]
    widths = [max(1, int(c.max()).bit_length()) for c in codes]
    fields = [(sum(widths[:i]), width) for i, width in enumerate(widths)]
    keys = np.asarray(cells["block"], dtype=np.int64) << sum(widths)
    for code, (shift, _) in zip(codes, fields, strict=True):
        keys |= code << shift
    counts = np.asarray(cells["n"], dtype=float)
    return np.asarray(cells["rid"], dtype=np.int64)[hidden_in_lines(keys, fields, counts, counts < min_persons)]


@lru_cache(maxsize=1)
def rule_version() -> str:
    """A digest of the code of the rule, so that hidden cells stored by other code are stale."""
    code = "".join(inspect.getsource(f) for f in (_cells_sql, _line_order, hidden_in_lines, hidden_cells))
    return hashlib.sha256(f"{code}{COUNT_UNITS}{BREAKDOWNS}{GRAINS}".encode()).hexdigest()[:16]


def privacy_stamp(cursor: duckdb.DuckDBPyConnection, min_persons: int, catalog: str) -> str:
    """A checksum of all that `observation.hidden` at this threshold is computed from — each
    observation's keys and counts, the indicators' units, the rule's code — and of the column
    itself: a change to any of them, by any writer, changes it. (A sum, not an xor, of the
    row hashes, so that two equal rows added do not cancel out.)"""
    observations, units = cursor.execute(
        f"""SELECT (SELECT count(*) || ':' || coalesce(sum(hash(indicator_id, geo_code, grain, period_start,
                            group_code, age_band, gender, origin, value, persons, hidden)::HUGEINT), 0)
                    FROM {catalog}.main.observation),
                   (SELECT coalesce(sum(hash(indicator_id, unit)::HUGEINT), 0) FROM {catalog}.main.indicator)"""
    ).fetchone()
    return f"{rule_version()}:{int(min_persons)}:{observations}:{units}"


def _stores_hidden(cursor: duckdb.DuckDBPyConnection, catalog_name: str) -> bool:
    """Whether the file has `observation.hidden` and `privacy_stamp` (files built before them have not)."""
    return bool(
        cursor.execute(
            """SELECT (SELECT count(*) FROM duckdb_columns() WHERE database_name = $db AND schema_name = 'main'
                         AND table_name = 'observation' AND column_name = 'hidden')
                    + (SELECT count(*) FROM duckdb_tables() WHERE database_name = $db AND schema_name = 'main'
                         AND table_name = 'privacy_stamp') = 2""",
            {"db": catalog_name},
        ).fetchone()[0]
    )


def store_hidden_cells(con: duckdb.DuckDBPyConnection, min_persons: int | None = None) -> int:
    """Compute the cells hidden at this threshold (default: the configured one), mark them in
    `observation.hidden` of the database file `con` writes and stamp it; returns how many (0,
    and nothing stored, for a file made before the column existed: the app then computes them).

    Every writer calls this after its last change to `observation`; only one threshold is kept.
    """
    if min_persons is None:
        min_persons = get_settings().min_persons
    name = con.execute("SELECT current_database()").fetchone()[0]
    catalog = '"' + name.replace('"', '""') + '"'
    if not _stores_hidden(con, name):
        return 0
    rows = pd.DataFrame({"rid": hidden_cells(con, min_persons, catalog)})
    con.execute("DELETE FROM privacy_stamp")
    con.execute("UPDATE observation SET hidden = false WHERE hidden")
    con.register("hidden_rows", rows)
    con.execute(
        "UPDATE observation o SET hidden = true FROM (SELECT DISTINCT rid FROM hidden_rows) h WHERE o.rowid = h.rid"
    )
    con.unregister("hidden_rows")
    con.execute(
        "INSERT INTO privacy_stamp VALUES ($min_persons, $stamp)",
        {"min_persons": int(min_persons), "stamp": privacy_stamp(con, min_persons, catalog)},
    )
    return int(con.execute("SELECT count(*) FROM observation WHERE hidden").fetchone()[0])


# The memory an instance that only checks a stamp may take: it reads every row once, and on
# the app's connection the pages read would stay in its buffers (440 MB at national scale).
STAMP_MEMORY = "128MB"


def stored_hidden_cells_hold(con: duckdb.DuckDBPyConnection, min_persons: int) -> bool:
    """Whether the attached file marks the hidden cells of this threshold for exactly the
    data and rule it now has (its stamp still matches).

    The checksum is computed on a DuckDB instance of its own with little memory
    (`STAMP_MEMORY`) on the same file — or on `con` itself if the path no longer names the
    file `con` attached (an import has swapped in another).
    """
    with cursor_of(con) as cursor:
        if not _stores_hidden(cursor, ATTACHED):
            return False
        row = cursor.execute(
            f"SELECT stamp FROM {ATTACHED}.main.privacy_stamp WHERE min_persons = ?", [int(min_persons)]
        ).fetchone()
    if row is None:
        return False
    path, inode = _ATTACHED.get(con, (None, None))
    if path is not None and inode is not None and _inode(path) == inode:
        with duckdb.connect(":memory:", config={"memory_limit": STAMP_MEMORY}) as own:
            attach_read_only(own, path)
            if _inode(path) == inode:  # `own` holds the file `con` reads open
                return row[0] == privacy_stamp(own, min_persons, ATTACHED)
    with cursor_of(con) as cursor:
        return row[0] == privacy_stamp(cursor, min_persons, ATTACHED)


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def privacy_schema(con: duckdb.DuckDBPyConnection, min_persons: int) -> str:
    """The in-memory schema whose `observation` is the attached file's seen through the
    privacy rule at this threshold (made once, by the first query: docs/privacy.md). The
    file's own marks (`observation.hidden`) are used when they are for this threshold and
    still hold; otherwise the hidden cells are computed here (slow on a large file, so logged)."""
    schema = f"privacy_{int(min_persons)}"
    with _PRIVACY_LOCK:
        done = _PRIVACY.setdefault(con, set())
        if min_persons not in done:
            with cursor_of(con) as cursor:
                columns = "o.* EXCLUDE (hidden)" if _stores_hidden(cursor, ATTACHED) else "o.*"
            computed = None
            if not stored_hidden_cells_hold(con, min_persons):
                LOG.warning("De skjulte celler ved grænsen %s regnes ud nu (ikke gemt i databasefilen)", min_persons)
                computed = pd.DataFrame({"rid": hidden_cells(con, min_persons)})
            with cursor_of(con) as cursor:
                cursor.execute(f"CREATE SCHEMA memory.{schema}")
                if computed is None:
                    hidden, source = "o.hidden", f"{ATTACHED}.main.observation o"
                else:
                    cursor.register("hidden_rows", computed)
                    cursor.execute(f"CREATE TABLE memory.{schema}.hidden AS SELECT DISTINCT rid FROM hidden_rows")
                    cursor.unregister("hidden_rows")
                    hidden = "h.rid IS NOT NULL"
                    source = f"{ATTACHED}.main.observation o LEFT JOIN memory.{schema}.hidden h ON h.rid = o.rowid"
                cursor.execute(
                    f"CREATE VIEW memory.{schema}.observation AS SELECT {columns} REPLACE ("
                    f"CASE WHEN {hidden} THEN {HIDDEN_COUNT} ELSE o.persons END AS persons) FROM {source}"
                )
            done.add(min_persons)
    return schema


@contextlib.contextmanager
def cursor_of(con: duckdb.DuckDBPyConnection, min_persons: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own for this query (DuckDB's rule for threads), on the database file
    `connect` attached; with `min_persons`, reading `observation` through the privacy view
    of that threshold."""
    with con.cursor() as cursor:
        if con in _ATTACHED:
            view = f"memory.{privacy_schema(con, min_persons)}," if min_persons is not None else ""
            cursor.execute(f"SET search_path = '{view}{ATTACHED}.main'")
        yield cursor


def person_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c == "persons" or c.endswith("_persons")]


def suppress_small(frame: pd.DataFrame, min_persons: int, derived: tuple[str, ...] = ()) -> pd.DataFrame:
    """Blank every count of persons below the threshold, and what is derived from it.

    A row is marked in `suppressed` (True where anything in it was blanked) so that views
    can say "<5" instead of showing nothing.
    """
    counts = person_columns(frame)
    missing = [c for c in derived if c not in frame.columns]
    if missing or (derived and not counts):
        raise QueryError(
            f"@private nævner kolonner, som resultatet ikke har: {missing}"
            if missing
            else "@private kræver en kolonne med antal personer (persons eller *_persons)"
        )
    if not counts or frame.empty:
        return frame
    small = np.zeros(len(frame), dtype=bool)
    counted: dict[str, tuple[np.ndarray, bool]] = {}  # column -> (values as floats, was numeric)
    for col in counts:
        column = frame[col]
        numeric = pd.api.types.is_numeric_dtype(column.dtype)
        values = (column if numeric else pd.to_numeric(column, errors="coerce")).to_numpy(dtype=float, na_value=np.nan)
        counted[col] = values, numeric
        small |= values < min_persons  # False for missing
    any_small = bool(small.any())
    out = frame.copy(deep=False)  # copy-on-write: only the columns replaced below are new
    for col, (values, numeric) in counted.items():
        # Where something is blanked the counts become floats with NaN (every formatter reads
        # NaN as missing); text columns become numbers; numeric columns with nothing to hide
        # are left as they came.
        if any_small or not numeric:
            out[col] = np.where(values < min_persons, np.nan, values)
    if any_small:
        for col in derived:
            column = out[col]
            if column.dtype == np.float64:
                out[col] = np.where(small, np.nan, column.to_numpy())
            else:
                out[col] = column.mask(small)
    if "suppressed" in out.columns:
        small = small | out["suppressed"].fillna(False).to_numpy(dtype=bool)
    out["suppressed"] = small
    return out


def run_query(
    con: duckdb.DuckDBPyConnection,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    min_persons: int,
    query_dir: Path = QUERY_DIR,
) -> pd.DataFrame:
    """Run a named query with bound parameters on a cursor of its own (DuckDB's rule for threads)."""
    query = get_query(name, query_dir)
    given = dict(params or {})
    missing = query.params - given.keys()
    extra = given.keys() - query.params
    if missing or extra:
        raise QueryError(
            f"Forespørgslen {name!r} forventer {sorted(query.params)}; "
            f"mangler {sorted(missing)}, ukendte {sorted(extra)}"
        )
    with cursor_of(con, min_persons) as cursor:
        frame = cursor.execute(query.sql, given).df() if given else cursor.execute(query.sql).df()
    return suppress_small(python_text(frame), min_persons, query.derived)


def python_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text columns as Python strings (`object`) instead of pandas 3's
    Arrow-backed `str`: every selection, comparison or `tolist` on an Arrow column is a
    pyarrow call, which on these small frames cost more than the work itself (a fifth of
    the server's CPU under 20 sessions: docs/performance.md)."""
    text = [c for c, dtype in frame.dtypes.items() if isinstance(dtype, pd.StringDtype)]
    return frame.astype({c: object for c in text}) if text else frame
