"""Shared fixtures: the bundled database built once per test run, and a tiny
hand-made fixture database for query unit tests.

`make test` runs the suite in two processes (pytest-xdist, `--dist loadfile`): each test
module stays whole in one process, in file order (its module-scoped servers start once, and
test_workers.py's last tests stop its server), and the browser tests share one process,
one app server and one Chromium. The bundled database is built by whichever process needs it first and
read by both."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from dashboard.build import SCHEMA, build_database
from dashboard.settings import PROJECT_ROOT, get_settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _pages_raise_errors() -> None:
    """A failing page must fail its test, not turn into a polite message."""
    os.environ["DASHBOARD_RAISE_ERRORS"] = "1"
    get_settings.cache_clear()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`--dist loadfile`, with tests/browser/ as one file: its tests share one app server and one Chromium."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class BrowserTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return "tests/browser" if module.startswith("tests/browser/") else module

    return BrowserTogether(config, log)


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """`make(path)` once per test run: under pytest-xdist the first process to get here
    builds into the run's shared temporary folder while the other waits, then reads it."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        path = tmp_path_factory.mktemp(name) / "noegletal.duckdb"
        make(path)
        return path
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    path, done = folder / "noegletal.duckdb", folder / "built"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            make(path)
            done.touch()
    return path


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled database, built once from data/ into a temporary folder."""
    return built_once(tmp_path_factory, "built", lambda path: build_database(path, PROJECT_ROOT / "data"))


@pytest.fixture(scope="session")
def built_con(built_db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(built_db), read_only=True)
    yield con
    con.close()


def make_fixture_db(path: Path, *scripts: str) -> Path:
    """The schema and tests/fixtures/fixture.sql, then any further fixture scripts."""
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for name in ("fixture.sql", *scripts):
        con.execute((FIXTURES / name).read_text(encoding="utf-8"))
    con.close()
    return path


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few hand-made rows with known answers (see tests/fixtures/fixture.sql)."""
    return make_fixture_db(tmp_path_factory.mktemp("fixture") / "fixture.duckdb")


@pytest.fixture(scope="session")
def covid_benchmark_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture database plus hand-made weekly and benchmark rows (tests/fixtures/covid_benchmark.sql)."""
    return make_fixture_db(tmp_path_factory.mktemp("covid_benchmark") / "covid_benchmark.duckdb", "covid_benchmark.sql")


@pytest.fixture(scope="session")
def covid_benchmark_con(covid_benchmark_db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(covid_benchmark_db), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def fixture_con(fixture_db: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(fixture_db), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def app_db(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's settings at the session's built database."""
    monkeypatch.setenv("DASHBOARD_DB_PATH", str(built_db))
    get_settings.cache_clear()
    yield built_db
    get_settings.cache_clear()


@pytest.fixture()
def scratch_copy(built_db: Path, tmp_path: Path) -> Path:
    """A writable copy of the built database, for tests that change it."""
    target = tmp_path / "copy.duckdb"
    shutil.copyfile(built_db, target)
    return target
