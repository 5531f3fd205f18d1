"""`python -m dashboard refresh`: every table at once, validated before one swap, offline with
recorded answers in the real shapes (the real AUK01 and Y30R21 answers of data/real/)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from dashboard.importers import refresh
from dashboard.settings import PROJECT_ROOT
from tests.importers.conftest import fixture, query, sha256

REAL = PROJECT_ROOT / "data" / "real"


def y30r21_as_json(path: Path) -> None:
    """The real Y30R21 answer in the API's JSON shape (Variables with Name and Label, Data)."""
    with (REAL / "jobindsats_Y30R21_2020QMAT02-2022QMAT04.csv").open(encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh, delimiter=";"))
    names = ["area", "period", "_ygrp_y30r21", *(f"measure{i}" for i in range(len(header) - 3))]
    body = [
        {
            "TableID": "Y30R21",
            "Variables": [{"Name": n, "Label": h} for n, h in zip(names, header, strict=True)],
            "Data": rows,
        }
    ]
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")


@pytest.fixture()
def saved(tmp_path: Path) -> Path:
    folder = tmp_path / "svar"
    folder.mkdir()
    shutil.copyfile(REAL / "statbank_AUK01_en.csv", folder / "statbank_AUK01.csv")
    shutil.copyfile(fixture("statbank_AUP02.csv"), folder / "statbank_AUP02.csv")
    shutil.copyfile(fixture("jobindsats_Y01A02.json"), folder / "Y01A02.json")
    y30r21_as_json(folder / "Y30R21.json")
    return folder


def test_a_replay_applies_every_saved_table_in_one_swap_with_progress_and_a_summary(refresh_run, db, saved):
    result = refresh_run("--from-dir", saved, "--db", db)
    assert result.code == 0, result.err
    assert "[3/13] Danmarks Statistik AUK01 …" in result.err and "[12/13] Jobindsats Y30R21 …" in result.err
    assert "springer FOLK1E over: intet gemt svar for FOLK1E" in result.out
    assert "  AUK01: 5.520 rækker, data til og med december 2025 (første opdatering)" in result.out
    assert "  Y30R21: 2.352 rækker, data til og med december 2022 (første opdatering)" in result.out
    sources = query(db, "SELECT DISTINCT table_id FROM source WHERE kind = 'statistics' ORDER BY 1")
    assert sources == [("AUK01",), ("AUP02",), ("Y01A02",), ("Y30R21",)]
    assert query(db, "SELECT count(*) FROM benchmark_published")[0][0] == 2352


def test_a_second_refresh_says_what_changed(refresh_run, db, saved):
    assert refresh_run("--from-dir", saved, "--db", db).code == 0
    again = refresh_run("--from-dir", saved, "--db", db)
    assert again.code == 0 and "  AUK01: 5.520 rækker, data til og med december 2025 (uændret)" in again.out
    (saved / "statbank_AUP02.csv").unlink()
    shutil.copyfile(fixture("statbank_FOLK1E.csv"), saved / "statbank_FOLK1E.csv")
    third = refresh_run("--from-dir", saved, "--db", db)
    assert "(ny siden sidste opdatering)" in third.out


def test_one_bad_answer_rejects_the_whole_refresh_and_leaves_the_database_byte_identical(refresh_run, db, saved):
    bad = "OMRÅDE;ALDER;KØN;TID;INDHOLD\n151;TOT;TOT;2019M13;3,7\n"
    (saved / "statbank_AUP02.csv").write_text(bad, encoding="utf-8")
    before = sha256(db)
    result = refresh_run("--from-dir", saved, "--db", db)
    assert result.code == 1 and "databasen er ikke ændret" in result.err and "2019M13" in result.err
    assert sha256(db) == before


def test_without_a_key_statbank_is_fetched_and_each_jobindsats_table_skipped_with_one_line(
    refresh_run, db, network, tmp_path
):
    network.script = [(200, fixture(f"statbank_{t}.csv").read_bytes()) for t in ("AUF02", "AUP02", "AUK01", "FOLK1E")]
    result = refresh_run("--save", tmp_path / "gemt", "--db", db)
    assert result.code == 0, result.err
    assert [r.url for r in network.requests] == ["https://api.statbank.dk/v1/data"] * 4
    skipped = [line for line in result.out.splitlines() if "DASHBOARD_JOBINDSATS_API_KEY er ikke sat" in line]
    assert len(skipped) == 10 and skipped[0] == "  springer Y01A02 over: DASHBOARD_JOBINDSATS_API_KEY er ikke sat"
    assert sorted(p.name for p in (tmp_path / "gemt").iterdir()) == [
        "statbank_AUF02.csv",
        "statbank_AUK01.csv",
        "statbank_AUP02.csv",
        "statbank_FOLK1E.csv",
    ]


def test_a_refresh_already_running_is_refused(refresh_run, db, saved):
    before = sha256(db)
    with refresh.refresh_lock(db):
        result = refresh_run("--from-dir", saved, "--db", db)
    assert result.code == 1 and "en anden opdatering" in result.err and sha256(db) == before


def test_save_and_from_dir_together_are_wrong_arguments(refresh_run, db, saved, tmp_path):
    assert refresh_run("--from-dir", saved, "--save", tmp_path / "x", "--db", db).code == 2
