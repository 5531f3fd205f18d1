"""Malformed inputs are rejected with a message naming file, row and column, and the
database stays byte for byte as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.importers.conftest import fixture, sha256

AUF02 = fixture("statbank_AUF02.csv").read_text(encoding="utf-8")
LINES = AUF02.splitlines(keepends=True)


def truncated(path: Path) -> None:
    text = AUF02.encode("utf-8")
    cut = text.rfind(b";", 0, len(text) // 2)  # in the middle of a row
    path.write_bytes(text[:cut])


def wrong_encoding(path: Path) -> None:
    path.write_bytes(AUF02.encode("cp1252"))  # Å in OMRÅDE and Ø in KØN are not UTF-8 there


def utf16(path: Path) -> None:
    path.write_bytes(AUF02.encode("utf-16"))


def wrong_separator(path: Path) -> None:
    path.write_text(AUF02.replace(";", ","), encoding="utf-8")


def replace_line(number: int, old: str, new: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        lines = list(LINES)
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new)
        path.write_text("".join(lines), encoding="utf-8")

    return make


def duplicated(path: Path) -> None:
    path.write_text("".join(LINES[:10] + [LINES[4]] + LINES[10:]), encoding="utf-8")


def empty(path: Path) -> None:
    path.write_bytes(b"")


def header_only(path: Path) -> None:
    path.write_text(LINES[0], encoding="utf-8")


def hundred_megabytes(path: Path) -> None:
    block = "".join(LINES[1:]).encode("utf-8")
    with path.open("wb") as fh:
        fh.write(LINES[0].encode("utf-8"))
        while fh.tell() < 100_000_000:
            fh.write(block)


def wrong_table(path: Path) -> None:
    path.write_text(fixture("statbank_FOLK1E.csv").read_text(encoding="utf-8"), encoding="utf-8")


def json_error(path: Path) -> None:
    path.write_text(
        json.dumps({"errorTypeCode": "EXTRACT-NOTALLOWED", "message": "For mange celler"}), encoding="utf-8"
    )


# (name, how to make the file, what the message must contain)
CASES = [
    ("truncated", truncated, ["afkortet"]),
    ("wrong_encoding", wrong_encoding, [":1: ", "ikke UTF-8"]),
    ("utf16", utf16, ["UTF-16"]),
    ("wrong_separator", wrong_separator, [":1: ", "forkert skilletegn", "komma"]),
    ("unknown_area", replace_line(3, "151;", "999;"), [":3:OMRÅDE: ", "ukendt område '999'"]),
    ("unknown_period", replace_line(3, "2019M09", "2019X09"), [":3:TID: ", "ukendt periode"]),
    ("quarter_in_monthly_table", replace_line(3, "2019M09", "2019K3"), [":3:TID: ", "kvartal"]),
    ("unknown_category", replace_line(3, ";TOT;M;", ";TOT;X;"), [":3:KØN: ", "ukendt værdi 'X'"]),
    ("duplicate_key", duplicated, [":11: ", "række 5", "dublet"]),
    ("negative_count", replace_line(3, ";644\n", ";-644\n"), [":3:INDHOLD: ", "negativt"]),
    ("non_numeric_count", replace_line(3, ";644\n", ";mange\n"), [":3:INDHOLD: ", "'mange' er ikke et tal"]),
    ("point_decimal", replace_line(3, ";644\n", ";64.4\n"), [":3:INDHOLD: ", "decimalkomma"]),
    ("short_row", replace_line(3, ";2019M09;644\n", ";644\n"), [":3: ", "felter"]),
    ("empty", empty, ["filen er tom"]),
    ("header_only", header_only, [":1: ", "kun overskriftsrækken"]),
    ("hundred_megabytes", hundred_megabytes, ["grænsen er 50 MB", "DASHBOARD_IMPORT_MAX_MB"]),
    ("wrong_table", wrong_table, ["kolonnen YDELSESTYPE mangler"]),
    ("json_error_saved", json_error, ["For mange celler"]),
]


@pytest.mark.parametrize(("name", "make", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_statbank_file_is_rejected_and_the_database_is_unchanged(run, db, tmp_path, name, make, fragments):
    bad = tmp_path / f"{name}.csv"
    make(bad)
    before = sha256(db)
    result = run("statbank", "--table", "AUF02", "--file", bad, "--db", db)
    assert result.code == 1
    assert "afvist" in result.err and "ikke ændret" in result.err
    for fragment in fragments:
        assert fragment in result.err, result.err
    assert str(bad) in result.err
    assert "Traceback" not in result.text
    assert sha256(db) == before
    assert not list(db.parent.glob(".noegletal.duckdb.import-*"))


def test_all_problems_of_a_file_are_listed_not_just_the_first(run, db, tmp_path):
    lines = list(LINES)
    lines[2] = lines[2].replace("151;", "999;")
    lines[5] = lines[5].replace("2019M09", "2019M13")
    bad = tmp_path / "to_fejl.csv"
    bad.write_text("".join(lines), encoding="utf-8")
    result = run("statbank", "--table", "AUF02", "--file", bad, "--db", db)
    assert f"{bad}:3:OMRÅDE:" in result.err and f"{bad}:6:TID:" in result.err


def test_the_size_limit_is_a_setting(run, db, tmp_path, monkeypatch):
    from dashboard.settings import get_settings

    monkeypatch.setenv("DASHBOARD_IMPORT_MAX_MB", "1")
    get_settings.cache_clear()
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as fh:
        fh.write(AUF02 + "".join(LINES[1:]) * 30)
    result = run("statbank", "--table", "AUF02", "--file", big, "--db", db)
    assert result.code == 1 and "grænsen er 1 MB" in result.err


JOBINDSATS = fixture("jobindsats_Y01A02.json").read_text(encoding="utf-8")


def json_truncated(path: Path) -> None:
    path.write_text(JOBINDSATS[: len(JOBINDSATS) // 2], encoding="utf-8")


def json_edit(old: str, new: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        assert old in JOBINDSATS
        path.write_text(JOBINDSATS.replace(old, new, 1), encoding="utf-8")

    return make


def json_wrong_key(path: Path) -> None:
    path.write_text(json.dumps({"Forkert nøgle eller nøglen er udløbet.": ""}, ensure_ascii=False), encoding="utf-8")


def json_no_data(path: Path) -> None:
    path.write_text(json.dumps([{"Variables": [{"Name": "area", "Label": "Område"}], "Data": []}]), encoding="utf-8")


def json_duplicate(path: Path) -> None:
    body = json.loads(JOBINDSATS)
    body[0]["Data"].append(body[0]["Data"][3])
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")


JSON_CASES = [
    ("truncated", json_truncated, ["afkortet"]),
    (
        "unknown_area",
        json_edit(
            '["Ballerup", "2020M08", "I alt", "I alt", "I alt"', '["Atlantis", "2020M08", "I alt", "I alt", "I alt"'
        ),
        [":1:Område: ", "ukendt område 'Atlantis'"],
    ),
    (
        "unknown_period",
        json_edit(
            '["Ballerup", "2020M08", "I alt", "I alt", "I alt"', '["Ballerup", "august", "I alt", "I alt", "I alt"'
        ),
        [":1:Periode: ", "ukendt periode"],
    ),
    ("wrong_key", json_wrong_key, ["API-nøglen"]),
    ("no_data", json_no_data, ["ingen datarækker"]),
    ("duplicate", json_duplicate, ["række 4", "dublet"]),
    ("not_json", lambda p: p.write_text("OMRÅDE;TID\n151;2020M09\n", encoding="utf-8"), ["ugyldig JSON"]),
    ("deeply_nested", lambda p: p.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8"), ["indlejret for dybt"]),
]


@pytest.mark.parametrize(("name", "make", "fragments"), JSON_CASES, ids=[c[0] for c in JSON_CASES])
def test_a_malformed_jobindsats_answer_is_rejected_and_the_database_is_unchanged(
    run, db, tmp_path, name, make, fragments
):
    bad = tmp_path / f"{name}.json"
    make(bad)
    before = sha256(db)
    result = run("jobindsats", "--table", "Y01A02", "--file", bad, "--db", db)
    assert result.code == 1
    for fragment in fragments:
        assert fragment in result.err, result.err
    assert "Traceback" not in result.text
    assert sha256(db) == before
