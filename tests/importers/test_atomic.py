"""The swap: readers keep the old file, a failure or a kill leaves it whole, one import at a time."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dashboard.importers import apply
from dashboard.settings import PROJECT_ROOT
from tests.importers.conftest import fixture, query, sha256

AUP02 = fixture("statbank_AUP02.csv")

PAUSING_IMPORT = """
import sys, time
from pathlib import Path
from dashboard.importers import apply
marker, stage = Path(sys.argv[1]), sys.argv[2]
def pause(reached):
    if reached == stage:
        marker.write_text(reached)
        time.sleep(300)
apply.stage_hook = pause
from dashboard.cli import main
raise SystemExit(main(sys.argv[3:]))
"""


def official_rows(db: Path) -> int:
    return query(db, "SELECT count(*) FROM observation WHERE quality = 'official'")[0][0]


def test_a_reader_keeps_the_old_file_and_a_new_connection_sees_the_import(run, db):
    inode = db.stat().st_ino
    reader = duckdb.connect(str(db), read_only=True)
    try:
        assert run("statbank", "--table", "AUP02", "--file", AUP02, "--db", db).code == 0
        assert reader.execute("SELECT count(*) FROM observation WHERE quality = 'official'").fetchone()[0] == 0
    finally:
        reader.close()
    assert db.stat().st_ino != inode
    assert official_rows(db) == 250


@pytest.mark.parametrize("stage", ["copied", "applied", "replaced"])
def test_a_kill_at_any_stage_leaves_a_usable_database(db, tmp_path, stage, run):
    before = sha256(db)
    marker = tmp_path / "reached"
    env = {**os.environ, "DASHBOARD_HOME_GEO": "151"}
    env.pop("DASHBOARD_JOBINDSATS_API_KEY", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            PAUSING_IMPORT,
            str(marker),
            stage,
            "import",
            "statbank",
            "--table",
            "AUP02",
            "--file",
            str(AUP02),
            "--db",
            str(db),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "the import never reached the stage"
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait()
    if stage == "replaced":
        assert official_rows(db) == 250
    else:
        assert sha256(db) == before
        assert official_rows(db) == 0
    assert query(db, "SELECT count(*) FROM observation")[0][0] > 2_000_000
    # The next import cleans up what the killed one left and works as usual.
    assert run("statbank", "--table", "AUP02", "--file", AUP02, "--db", db).code == 0
    assert not list(db.parent.glob(".noegletal.duckdb.import-*"))
    assert official_rows(db) == 250


def test_a_failure_while_applying_leaves_the_database_byte_identical(run, db, monkeypatch):
    before = sha256(db)

    def disk_full(stage: str) -> None:
        if stage == "applied":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(apply, "stage_hook", disk_full)
    result = run("statbank", "--table", "AUP02", "--file", AUP02, "--db", db)
    assert result.code == 1
    assert "No space left on device" in result.err and "ikke ændret" in result.err
    assert sha256(db) == before
    assert not list(db.parent.glob(".noegletal.duckdb.import-*"))


def test_a_second_import_while_one_runs_is_refused(run, db):
    before = sha256(db)
    with open(db.with_name(".noegletal.duckdb.import.lock"), "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = run("statbank", "--table", "AUP02", "--file", AUP02, "--db", db)
    assert result.code == 1 and "en anden import er i gang" in result.err
    assert sha256(db) == before


def test_importing_into_a_database_that_does_not_exist_says_how_to_build_it(run, tmp_path):
    result = run("statbank", "--table", "AUP02", "--file", AUP02, "--db", tmp_path / "mangler.duckdb")
    assert result.code == 1 and "python -m dashboard build" in result.err


def test_the_database_keeps_its_file_permissions(run, db):
    db.chmod(0o640)
    assert run("statbank", "--table", "AUP02", "--file", AUP02, "--db", db).code == 0
    assert db.stat().st_mode & 0o777 == 0o640


def test_the_meta_table_records_the_import_and_the_newest_month(run, db):
    assert run("statbank", "--table", "AUP02", "--file", AUP02, "--db", db).code == 0
    meta = dict(query(db, "SELECT key, value FROM meta"))
    assert "last_import" in meta
    assert (
        meta["data_as_of"] == query(db, "SELECT max(period_end)::VARCHAR FROM observation WHERE grain = 'month'")[0][0]
    )
