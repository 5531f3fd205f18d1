"""The app opens the database read-only, and keeps serving while an import swaps in a new file."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

from dashboard import data
from dashboard.db import connect, run_query
from dashboard.settings import PROJECT_ROOT, get_settings


@pytest.fixture()
def live_db(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the built database that the app's settings point at."""
    path = tmp_path / "noegletal.duckdb"
    shutil.copyfile(built_db, path)
    monkeypatch.setenv("DASHBOARD_DB_PATH", str(path))
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


def swap_in(live: Path, sql: str) -> None:
    """What an import does: write a new file next to the old one, then os.replace it in one step."""
    new = live.with_name(f".{live.name}.{time.monotonic_ns()}.tmp")
    shutil.copyfile(live, new)
    con = duckdb.connect(str(new))
    con.execute(sql)
    con.close()
    os.replace(new, live)


def built_at(con: duckdb.DuckDBPyConnection) -> str:
    return run_query(con, "data_freshness", {}, min_persons=5)["built_at"].item()


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE hacked (a INTEGER)",
        "INSERT INTO meta VALUES ('hacked', 'yes')",
        "UPDATE observation SET value = 0",
        "DELETE FROM meta",
        "DROP TABLE observation",
    ],
)
def test_the_apps_connection_refuses_every_write(live_db, statement):
    content = live_db.read_bytes()
    con = data._connection(data.database_identity())
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute(statement)
    for qualified in (
        statement.replace("TABLE ", "TABLE noegletal.")
        .replace("INTO ", "INTO noegletal.")
        .replace("UPDATE ", "UPDATE noegletal.")
        .replace("FROM ", "FROM noegletal."),
    ):
        with pytest.raises(duckdb.Error):
            con.cursor().execute(qualified)
    assert built_at(con)  # still answering
    assert live_db.read_bytes() == content


def test_connect_opens_read_only_even_when_the_file_is_writable(live_db):
    assert os.access(live_db, os.W_OK)
    con = connect(live_db)
    with pytest.raises(duckdb.Error, match="read-only|read only"):
        con.execute("INSERT INTO meta VALUES ('x', 'y')")
    con.close()


def test_after_a_swap_the_next_fetch_sees_the_new_file_and_an_open_connection_keeps_working(live_db):
    before = data.fetch("data_freshness")["built_at"].item()
    old_identity = data.database_identity()
    old_con = data._connection(old_identity)

    swap_in(live_db, "UPDATE meta SET value = '2099-01-01T00:00:00+00:00' WHERE key = 'built_at'")

    assert data.database_identity() != old_identity
    assert data.fetch("data_freshness")["built_at"].item() == "2099-01-01T00:00:00+00:00"
    assert built_at(old_con) == before  # a session mid-run still reads the file it opened
    assert run_query(old_con, "available_months", {"home_geo": "151"}, min_persons=5)["month"].size > 12


def test_queries_from_many_threads_keep_answering_through_repeated_swaps(live_db):
    answers: list[str] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                answers.append(built_at(data._connection(data.database_identity())))
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for i in range(3):
            time.sleep(0.3)
            swap_in(live_db, f"UPDATE meta SET value = 'swap-{i}' WHERE key = 'built_at'")
        deadline = time.monotonic() + 20  # a busy machine may take a while to schedule the readers
        while "swap-2" not in answers[-50:] and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert not errors, errors[:3]
    assert "swap-2" in answers and len(answers) > 20
    assert set(answers) <= {answers[0], "swap-0", "swap-1", "swap-2"}


def test_overblik_shows_the_new_figures_after_a_swap(live_db):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    before = [m.value for m in at.metric]
    swap_in(live_db, "UPDATE observation SET value = value + 10 WHERE indicator_id = 'ledighedsprocent'")
    at.run()
    assert not at.exception
    after = [m.value for m in at.metric]
    assert before[0] != after[0] and before[1:] == after[1:]
