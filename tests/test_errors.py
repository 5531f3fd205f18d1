"""Bad input and a missing database give one Danish line, never a traceback (issue 14, items 7 and 8)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.nav import existing_views
from dashboard.settings import PROJECT_ROOT, get_settings
from tests.pages.apptest import run_page


def dashboard(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
    )


def assert_one_danish_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fejl: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("DASHBOARD_MIN_PERSONS", "0", "skal være mindst 1"),
        ("DASHBOARD_IMPORT_MAX_MB", "abc", "skal være et helt tal"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ["report", "--period", "2020-09", "--html", "r.html"],
        ["build", "--db", "x.duckdb"],
        ["import", "csv", "egne.csv"],
    ],
)
def test_a_bad_setting_is_named_in_one_line_by_every_command(variable, value, fragment, command, tmp_path):
    args = [str(tmp_path / a) if a.endswith((".html", ".duckdb", ".csv")) else a for a in command]
    result = dashboard(*args, **{variable: value})
    assert_one_danish_line(result, f"{variable}={value}", fragment)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("target", "fragment"), [("nope/r.html", "findes ikke"), (".", "er en mappe")])
def test_a_report_into_a_missing_folder_or_a_directory_is_refused_before_it_is_built(
    target, fragment, tmp_path, app_db
):
    result = dashboard("report", "--period", "2020-09", "--html", str(tmp_path / target), DASHBOARD_DB_PATH=str(app_db))
    assert_one_danish_line(result, fragment)


def test_a_full_disk_is_one_line_not_a_traceback():
    from dashboard.report import ReportError, write_file

    with pytest.raises(ReportError, match="ikke plads på disken"):
        write_file(Path("/dev/full"), b"%PDF")


def test_a_report_without_a_database_says_how_to_build_it(tmp_path):
    result = dashboard(
        "report",
        "--period",
        "2020-09",
        "--html",
        str(tmp_path / "r.html"),
        DASHBOARD_DB_PATH=str(tmp_path / "mangler.duckdb"),
    )
    assert_one_danish_line(result, "findes ikke", "python -m dashboard build")


@pytest.fixture()
def missing_db(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_PATH", str(tmp_path / "mangler.duckdb"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("path", [v.path for v in existing_views()])
def test_without_a_database_every_page_says_only_that_there_is_no_data_yet(path, missing_db):
    at = run_page(path, {"til": "2020-09"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error and not at.metric and not at.get("vega_lite_chart") and not at.get("download_button")
    assert [i.value for i in at.info if "ingen data endnu" in i.value]
    assert "python -m dashboard build" in at.info[0].value


def test_a_bad_setting_in_the_app_is_one_line_on_the_page(monkeypatch):
    monkeypatch.setenv("DASHBOARD_MIN_PERSONS", "0")
    get_settings.cache_clear()
    try:
        at = run_page("overblik")
    finally:
        monkeypatch.delenv("DASHBOARD_MIN_PERSONS")
        get_settings.cache_clear()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [
        "Indstillingen DASHBOARD_MIN_PERSONS=0 er ugyldig: skal være mindst 1 (miljøvariabel eller .env)."
    ]
