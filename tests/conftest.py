"""Shared fixtures: the bundled database built once per test session, and a tiny
hand-made fixture database for query unit tests."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled database, built once from data/ into a temporary folder."""
    path = tmp_path_factory.mktemp("built") / "noegletal.duckdb"
    build_database(path, PROJECT_ROOT / "data")
    return path


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
def covid_benchmark_con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """The fixture database plus hand-made weekly and benchmark rows (tests/fixtures/covid_benchmark.sql)."""
    path = make_fixture_db(tmp_path_factory.mktemp("covid_benchmark") / "covid_benchmark.duckdb", "covid_benchmark.sql")
    con = duckdb.connect(str(path), read_only=True)
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
