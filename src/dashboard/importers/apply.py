"""Apply validated batches to a copy of the database, then swap the copy into place.

1. take an exclusive lock beside the database (one import at a time);
2. copy the database to a temporary file in the same folder;
3. in one transaction on the copy: add a `source` row per batch, delete the demo (and
   earlier official) rows at the imported keys, insert the official rows, recompute the
   forsørgertryk derived from official figures (`derive.py`); then drop unused sources
   and update `meta`;
4. store the hidden cells of the privacy rule anew (`db.store_hidden_cells`: the stored
   ones are stale now), checkpoint, close, fsync, and `os.replace` the copy over the database.

A running app holds the old file open (read-only) and keeps reading it; its next query
opens the new one. A failure or a kill before step 4 leaves the old file untouched (the
temporary copy is removed, or cleaned up by the next import); `os.replace` itself is
atomic. Documented figures (`quality = document`) are never replaced: where a document
states the figure at exactly the same key, the documented row stays.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.db import store_hidden_cells
from dashboard.importers.batch import BENCHMARK_COLUMNS, OBSERVATION_COLUMNS, Batch
from dashboard.importers.derive import derive_support_ratio
from dashboard.importers.errors import reject

try:  # POSIX; on Windows imports are not locked against each other
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

# Called at each stage ("copied", "applied", "replaced"); tests replace it to pause or fail.
stage_hook: Callable[[str], None] = lambda stage: None

OBSERVATION_KEY = ("indicator_id", "geo_code", "grain", "period_start", "group_code")
FULL_KEY = ("indicator_id", "geo_code", "grain", "period_start", "group_code", "age_band", "gender", "origin")


@dataclass
class Applied:
    label: str
    source_id: str
    inserted: int
    replaced: int
    kept_documents: int
    data_as_of: object


@contextlib.contextmanager
def held_lock(db_path: Path, kind: str, busy: str) -> Iterator[None]:
    """An exclusive lock in `.<db>.<kind>.lock` beside the database; `busy` if another process holds it."""
    lock_path = db_path.with_name(f".{db_path.name}.{kind}.lock")
    with open(lock_path, "a+b") as fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise reject(str(db_path), busy) from None
        yield


def import_lock(db_path: Path) -> contextlib.AbstractContextManager[None]:
    return held_lock(db_path, "import", "en anden import er i gang med denne database; vent til den er færdig")


def temp_prefix(db_path: Path) -> str:
    return f".{db_path.name}.import-"


def remove_stale_copies(db_path: Path) -> None:
    """Copies left by an import that was killed (safe: we hold the lock)."""
    for stale in db_path.parent.glob(temp_prefix(db_path) + "*"):
        stale.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def new_source_id(con: duckdb.DuckDBPyConnection, batch: Batch) -> str:
    stamp = batch.source.fetched_at.strftime("%Y%m%dT%H%M%S")
    base = f"{batch.source.prefix}-{(batch.source.table_id or batch.label).lower()}-{stamp}"
    candidate, n = base, 1
    while con.execute("SELECT 1 FROM source WHERE source_id = ?", [candidate]).fetchone():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def apply_to(con: duckdb.DuckDBPyConnection, batch: Batch) -> Applied:
    """Apply one batch inside the caller's transaction."""
    source_id = new_source_id(con, batch)
    s = batch.source
    con.execute(
        """INSERT INTO source (source_id, ref, kind, name_da, url, published, table_id, fetched_at, data_as_of)
           VALUES (?, ?, 'statistics', ?, ?, NULL, ?, ?, ?)""",
        [
            source_id,
            f"{s.ref}#{source_id}",
            s.name_da,
            s.url,
            s.table_id,
            s.fetched_at.astimezone(UTC).replace(tzinfo=None),
            batch.data_as_of,
        ],
    )
    inserted = replaced = kept = 0
    if batch.observations:
        incoming = pd.DataFrame(batch.observations, columns=list(OBSERVATION_COLUMNS))
        incoming["period_start"] = pd.to_datetime(incoming["period_start"]).dt.date
        incoming["period_end"] = pd.to_datetime(incoming["period_end"]).dt.date
        incoming["persons"] = incoming["persons"].astype("Int64")
        con.register("incoming_rows", incoming)
        con.execute(
            """CREATE OR REPLACE TEMP TABLE incoming AS
               SELECT indicator_id::VARCHAR AS indicator_id, geo_code::VARCHAR AS geo_code, grain::VARCHAR AS grain,
                      period_start::DATE AS period_start, period_end::DATE AS period_end,
                      group_code::VARCHAR AS group_code, age_band::VARCHAR AS age_band, gender::VARCHAR AS gender,
                      origin::VARCHAR AS origin, value::DOUBLE AS value, persons::INTEGER AS persons
               FROM incoming_rows"""
        )
        con.unregister("incoming_rows")
        replaced = con.execute(
            f"""DELETE FROM observation o
                WHERE o.quality IN ('demo', 'official')
                  AND EXISTS (SELECT 1 FROM (SELECT DISTINCT {", ".join(OBSERVATION_KEY)} FROM incoming) k
                              WHERE {" AND ".join(f"k.{c} = o.{c}" for c in OBSERVATION_KEY)})"""
        ).fetchone()[0]
        kept = con.execute(
            f"""SELECT count(*) FROM incoming i WHERE EXISTS (
                    SELECT 1 FROM observation o WHERE o.quality = 'document'
                      AND {" AND ".join(f"o.{c} = i.{c}" for c in FULL_KEY)})"""
        ).fetchone()[0]
        inserted = con.execute(
            f"""INSERT INTO observation BY NAME
                SELECT i.indicator_id, i.geo_code, i.grain, i.period_start, i.period_end, i.group_code, i.age_band,
                       i.gender, i.origin, i.value, i.persons, ? AS source_id, 'official' AS quality
                FROM incoming i
                WHERE NOT EXISTS (SELECT 1 FROM observation o WHERE o.quality = 'document'
                                    AND {" AND ".join(f"o.{c} = i.{c}" for c in FULL_KEY)})
                ORDER BY i.indicator_id, i.geo_code, i.period_start, i.group_code, i.age_band, i.gender, i.origin""",
            [source_id],
        ).fetchone()[0]
        con.execute("DROP TABLE incoming")
    if batch.benchmark:
        bench = pd.DataFrame(batch.benchmark, columns=list(BENCHMARK_COLUMNS))
        bench["period_start"] = pd.to_datetime(bench["period_start"]).dt.date
        con.register("incoming_benchmark", bench)
        # Unlike observations, every benchmark row of the key gives way: the minutes state
        # Ballerup's rank and forskel (kept in document_fact), while the expected and actual
        # counts in its 'document' rows are demo values built around them.
        con.execute(
            """DELETE FROM benchmark_published b WHERE EXISTS (
                   SELECT 1 FROM incoming_benchmark i
                   WHERE i.period = b.period AND i.benefit_group = b.benefit_group AND i.geo_code = b.geo_code)"""
        )
        replaced += con.execute(
            """DELETE FROM benchmark b WHERE EXISTS (
                   SELECT 1 FROM incoming_benchmark i
                   WHERE i.period = b.period AND i.benefit_group = b.benefit_group AND i.geo_code = b.geo_code)"""
        ).fetchone()[0]
        kept += con.execute(
            """SELECT count(*) FROM incoming_benchmark i JOIN benchmark b
               ON i.period = b.period AND i.benefit_group = b.benefit_group AND i.geo_code = b.geo_code"""
        ).fetchone()[0]
        inserted += con.execute(
            """INSERT INTO benchmark
               SELECT i.period, i.period_start::DATE, i.benefit_group, i.geo_code, i.expected_persons::DOUBLE,
                      i.actual_persons::DOUBLE, i.population::INTEGER, ?, 'official'
               FROM incoming_benchmark i
               WHERE NOT EXISTS (SELECT 1 FROM benchmark b WHERE i.period = b.period
                                   AND i.benefit_group = b.benefit_group AND i.geo_code = b.geo_code)
               ORDER BY i.period, i.benefit_group, i.geo_code""",
            [source_id],
        ).fetchone()[0]
        con.execute(
            """INSERT INTO benchmark_published
               SELECT period, benefit_group, geo_code, difference_pct_point::DOUBLE, rank::INTEGER
               FROM incoming_benchmark WHERE rank IS NOT NULL ORDER BY period, benefit_group, geo_code"""
        )
        con.unregister("incoming_benchmark")
    return Applied(batch.label, source_id, inserted, replaced, kept, batch.data_as_of)


def finish(con: duckdb.DuckDBPyConnection, meta: dict[str, str] | None = None) -> None:
    """Drop statistics sources no row refers to any more, and record the import (and `meta`) in `meta`."""
    con.execute(
        """DELETE FROM source s WHERE s.kind = 'statistics'
             AND NOT EXISTS (SELECT 1 FROM observation o WHERE o.source_id = s.source_id)
             AND NOT EXISTS (SELECT 1 FROM benchmark b WHERE b.source_id = s.source_id)
             AND NOT EXISTS (SELECT 1 FROM document_fact d WHERE d.source_id = s.source_id)
             AND NOT EXISTS (SELECT 1 FROM target t WHERE t.source_id = s.source_id)
             AND NOT EXISTS (SELECT 1 FROM event e WHERE e.source_id = s.source_id)"""
    )
    newest = con.execute("SELECT max(period_end) FROM observation WHERE grain = 'month'").fetchone()[0]
    rows = {"last_import": datetime.now(UTC).isoformat(timespec="seconds")}
    if newest is not None:
        rows["data_as_of"] = str(newest)
    rows |= meta or {}
    for key, val in rows.items():
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, val])


@dataclass
class Outcome:
    applied: list[Applied]
    support_ratio_rows: int


def apply_batches(db_path: Path, batches: list[Batch], meta: dict[str, str] | None = None) -> Outcome:
    """Write every batch into the database in one atomic swap (see the module docstring), with
    the hidden cells of the privacy rule computed anew."""
    if not db_path.exists():
        raise reject(str(db_path), "databasen findes ikke – kør først `python -m dashboard build`")
    with import_lock(db_path):
        remove_stale_copies(db_path)
        fd, name = tempfile.mkstemp(prefix=temp_prefix(db_path), suffix=".tmp", dir=db_path.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            shutil.copyfile(db_path, tmp)
            shutil.copymode(db_path, tmp)
            stage_hook("copied")
            con = duckdb.connect(str(tmp))
            try:
                con.execute("BEGIN TRANSACTION")
                results = [apply_to(con, batch) for batch in batches]
                derived = derive_support_ratio(con)
                con.execute("COMMIT")
                # DuckDB refuses to delete a referenced key in the transaction that deleted
                # its references, so the unused sources go in a second one (still on the copy).
                con.execute("BEGIN TRANSACTION")
                finish(con, meta)
                con.execute("COMMIT")
                stage_hook("applied")
                store_hidden_cells(con)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(tmp)
            os.replace(tmp, db_path)
            with contextlib.suppress(OSError):
                _fsync(db_path.parent)
            stage_hook("replaced")
        finally:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
    return Outcome(results, derived)
