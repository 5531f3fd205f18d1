"""Fixtures for the importer tests: a copy of the session's built database per test, the
recorded responses in tests/fixtures/, a fake network and a CLI runner."""

from __future__ import annotations

import hashlib
import json
import shutil
import urllib.error
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from dashboard.build import build_database
from dashboard.cli import main
from dashboard.importers import cli as import_cli
from dashboard.importers.network import HttpRequest, HttpResponse
from dashboard.settings import PROJECT_ROOT, get_settings
from tests.conftest import built_once

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture(name: str) -> Path:
    return FIXTURES / name


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def demo_built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled database without the real files of data/real/: no official figures yet."""
    return built_once(
        tmp_path_factory, "demo_built", lambda path: build_database(path, PROJECT_ROOT / "data", real_files=False)
    )


@pytest.fixture()
def db(demo_built_db: Path, tmp_path: Path) -> Path:
    """A private copy of the built database without official figures (imports write to it)."""
    path = tmp_path / "db" / "noegletal.duckdb"
    path.parent.mkdir()
    shutil.copyfile(demo_built_db, path)
    return path


@pytest.fixture(autouse=True)
def clean_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings from the test's environment only (no key unless a test sets one); no network."""
    monkeypatch.delenv("DASHBOARD_JOBINDSATS_API_KEY", raising=False)
    monkeypatch.delenv("DASHBOARD_IMPORT_MAX_MB", raising=False)
    monkeypatch.setenv("DASHBOARD_HOME_GEO", "151")
    get_settings.cache_clear()

    def no_network(request: HttpRequest) -> HttpResponse:
        raise AssertionError(f"a test tried to use the network: {request!r}")

    monkeypatch.setattr(import_cli, "transport", no_network)
    yield
    get_settings.cache_clear()


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def command_runner(capsys: pytest.CaptureFixture, command: str) -> callable:
    """Run `python -m dashboard <command> …` in-process; returns exit code and output."""

    def runner(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            code = main([command, *map(str, args)])
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return runner


@pytest.fixture()
def run(capsys: pytest.CaptureFixture) -> callable:
    return command_runner(capsys, "import")


@pytest.fixture()
def refresh_run(capsys: pytest.CaptureFixture) -> callable:
    return command_runner(capsys, "refresh")


@dataclass
class FakeNetwork:
    """Answers requests from a script: (status, body bytes) or an exception to raise."""

    script: list = field(default_factory=list)
    requests: list[HttpRequest] = field(default_factory=list)
    sleeps: list[float] = field(default_factory=list)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        if not self.script:
            raise urllib.error.URLError("no more scripted answers")
        answer = self.script.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        status, body = answer
        if isinstance(body, dict | list):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return HttpResponse(status, iter([body[i : i + 4096] for i in range(0, len(body), 4096)] or [b""]), len(body))


@pytest.fixture()
def network(monkeypatch: pytest.MonkeyPatch) -> FakeNetwork:
    fake = FakeNetwork()
    monkeypatch.setattr(import_cli, "transport", fake)
    monkeypatch.setattr(import_cli, "sleep", fake.sleeps.append)
    return fake


def query(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
