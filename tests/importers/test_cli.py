"""The command line: `--help` on each import command, and argument errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dashboard.settings import PROJECT_ROOT


@pytest.mark.parametrize("source", ["statbank", "jobindsats", "benchmark", "csv"])
def test_each_import_command_has_help_with_an_example(run, source):
    result = run(source, "--help")
    assert result.code == 0
    assert f"import {source}" in result.out and "eksempel:" in result.out


def test_import_help_lists_the_four_sources(run):
    result = run("--help")
    assert result.code == 0
    assert all(s in result.out for s in ("statbank", "jobindsats", "benchmark", "csv"))


@pytest.mark.parametrize(
    "args",
    [
        ["statbank"],  # --table missing
        ["statbank", "--table", "FOLK1A"],  # not a supported table
        ["jobindsats", "--table", "Y99A99"],
        ["csv"],  # FILE missing
    ],
)
def test_wrong_arguments_exit_with_status_2(run, args):
    assert run(*args).code == 2


def test_table_ids_are_case_insensitive(run, tmp_path):
    result = run("statbank", "--table", "aup02", "--file", tmp_path / "findes-ikke.csv", "--db", tmp_path / "x.duckdb")
    assert result.code == 1  # got past argument parsing to the missing database


def test_the_module_entry_point_runs_the_import_command():
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", "csv", "--help"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and "tidy" not in done.stderr and "FIL" in done.stdout
