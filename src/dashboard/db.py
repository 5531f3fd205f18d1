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
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard.settings import PROJECT_ROOT

QUERY_DIR = PROJECT_ROOT / "queries"
PARAM = re.compile(r"(?<![:$\w])\$([a-z_][a-z0-9_]*)")
PRIVATE = re.compile(r"^--\s*@private:\s*(.*)$", re.MULTILINE)
PUBLIC = re.compile(r"^--\s*@public:\s*(.*)$", re.MULTILINE)
ATTACHED = "noegletal"  # the catalog name the app's connection gives the database file


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
    return Query(path.stem, sql, " ".join(doc_lines).strip(), params, _columns(PRIVATE, sql), _columns(PUBLIC, sql))


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
    """Open the database read-only: the app never writes to it.

    The file is attached, read-only, to a fresh in-memory DuckDB instance rather than
    opened with `duckdb.connect(path)`: DuckDB hands out one shared instance per path for
    as long as any connection to it lives, so after an import has swapped in a new file
    with os.replace, `duckdb.connect(path)` would go on answering from the replaced one.
    Cursors start in the in-memory catalog; `run_query` moves each to the attached file.
    """
    if not Path(db_path).exists():
        raise DatabaseMissing(f"Databasen {db_path} findes ikke. Kør `python -m dashboard build`.")
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{str(db_path).replace(chr(39), chr(39) * 2)}' AS {ATTACHED} (READ_ONLY)")
    con.execute(f"USE {ATTACHED}")
    _ATTACHED.add(con)
    return con


# Connections made by `connect`: their cursors must be moved to the attached file. Other
# connections (the build, tests on a plain file) are used as they are.
_ATTACHED: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()


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
            f"@private nævner kolonner, som resultatet ikke har: {missing}" if missing
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
    with con.cursor() as cursor:
        if con in _ATTACHED:
            cursor.execute(f"USE {ATTACHED}")
        frame = cursor.execute(query.sql, given).df() if given else cursor.execute(query.sql).df()
    return suppress_small(frame, min_persons, query.derived)
