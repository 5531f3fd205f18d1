"""`import statbank`: the recorded responses import as official rows that replace demo rows."""

from __future__ import annotations

import csv
import json
import urllib.error
from datetime import date

import pytest

from dashboard.db import connect, run_query
from tests.importers.conftest import fixture, query, sha256

TABLES = {"AUF02": "fuldtidsledige", "AUP02": "ledighedsprocent", "AUK01": "modtagere", "FOLK1E": "befolkning_16_64"}


def fixture_rows(table: str) -> list[dict[str, str]]:
    with fixture(f"statbank_{table}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


@pytest.mark.parametrize("table", sorted(TABLES))
def test_each_recorded_table_imports_as_official_rows_with_its_source(run, db, table):
    result = run("statbank", "--table", table, "--file", fixture(f"statbank_{table}.csv"), "--db", db)
    assert result.code == 0, result.err
    sources = query(
        db, "SELECT source_id, kind, name_da, table_id, fetched_at, data_as_of FROM source WHERE table_id = ?", [table]
    )
    assert len(sources) == 1
    source_id, kind, name, table_id, fetched_at, data_as_of = sources[0]
    assert (kind, name, table_id) == ("statistics", f"Danmarks Statistik, {table}", table)
    assert fetched_at is not None and data_as_of == date(2020, 9, 30)
    rows = query(db, "SELECT DISTINCT indicator_id, quality FROM observation WHERE source_id = ?", [source_id])
    assert rows == [(TABLES[table], "official")]


def test_auf02_benefit_types_become_target_groups(run, db):
    assert run("statbank", "--table", "AUF02", "--file", fixture("statbank_AUF02.csv"), "--db", db).code == 0
    raw = {(r["OMRÅDE"], r["YDELSESTYPE"], r["ALDER"], r["KØN"], r["TID"]): r["INDHOLD"] for r in fixture_rows("AUF02")}
    got = dict(
        query(
            db,
            """SELECT group_code, value FROM observation WHERE indicator_id = 'fuldtidsledige' AND geo_code = '151'
                            AND period_start = '2020-09-01' AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'""",
        )
    )
    assert got["alle"] == number(raw[("151", "TOT", "TOT", "TOT", "2020M09")])
    assert got["dagpenge"] == number(raw[("151", "LDP", "TOT", "TOT", "2020M09")]) + number(
        raw[("151", "ADP", "TOT", "TOT", "2020M09")]
    )
    assert got["kontanthjaelp-jobparat"] == number(raw[("151", "LKT", "TOT", "TOT", "2020M09")]) + number(
        raw[("151", "AKT", "TOT", "TOT", "2020M09")]
    )


def test_a_missing_cell_leaves_its_sum_out_instead_of_importing_a_smaller_total(run, db):
    result = run("statbank", "--table", "AUF02", "--file", fixture("statbank_AUF02.csv"), "--db", db)
    assert "1 celler uden værdi" in result.out
    rows = query(
        db,
        """SELECT quality FROM observation WHERE indicator_id = 'fuldtidsledige' AND geo_code = '151'
                        AND period_start = '2020-09-01' AND group_code = 'kontanthjaelp-jobparat' AND age_band = '60-64'
                        AND gender = 'kvinder'""",
    )
    assert rows == []


def test_official_rows_replace_every_demo_row_of_the_same_indicator_area_period_and_group(run, db):
    before = query(
        db,
        """SELECT count(*) FROM observation WHERE indicator_id = 'fuldtidsledige' AND geo_code = '151'
                          AND period_start = '2020-09-01' AND group_code = 'alle' AND origin <> 'alle'""",
    )[0][0]
    assert before > 0
    assert run("statbank", "--table", "AUF02", "--file", fixture("statbank_AUF02.csv"), "--db", db).code == 0
    mixed = query(
        db,
        """SELECT quality, count(*) FROM observation WHERE indicator_id = 'fuldtidsledige' AND geo_code = '151'
                         AND period_start = '2020-09-01' AND group_code = 'alle' GROUP BY quality""",
    )
    assert mixed == [("official", 21)]  # 7 age bands x 3 genders, no demo origin rows left behind
    untouched = query(
        db,
        """SELECT DISTINCT quality FROM observation WHERE indicator_id = 'fuldtidsledige' AND geo_code = '151'
                             AND (period_start = '2020-06-01' OR group_code = 'uddannelseshjaelp')""",
    )
    assert untouched == [("demo",)]


def test_a_documented_figure_at_the_same_key_stays_as_stated(run, db):
    raw = {(r["OMRÅDE"], r["ALDER"], r["KØN"], r["TID"]): number(r["INDHOLD"]) for r in fixture_rows("AUP02")}
    result = run("statbank", "--table", "AUP02", "--file", fixture("statbank_AUP02.csv"), "--db", db)
    assert "står uændret" in result.out
    rows = query(
        db,
        """SELECT value, quality FROM observation WHERE indicator_id = 'ledighedsprocent' AND geo_code = '151'
                        AND grain = 'month' AND period_start = '2020-09-01' AND age_band = 'alle' AND gender = 'alle'
                        AND origin = 'alle'""",
    )
    assert rows == [(4.3, "document")]
    assert raw[("151", "TOT", "TOT", "2020M09")] != 4.3
    august = query(
        db,
        """SELECT value, quality FROM observation WHERE indicator_id = 'ledighedsprocent' AND geo_code = '151'
                          AND grain = 'month' AND period_start = '2020-08-01' AND age_band = 'alle' AND gender = 'alle'
                          AND origin = 'alle'""",
    )
    assert august == [(raw[("151", "TOT", "TOT", "2020M08")], "official")]


def test_the_app_query_shows_the_imported_official_figures_and_their_source(run, db):
    assert run("statbank", "--table", "AUP02", "--file", fixture("statbank_AUP02.csv"), "--db", db).code == 0
    con = connect(db)
    try:
        rows = run_query(
            con,
            "unemployment_rate_by_geography",
            {
                "geo_codes": ["000", "084"],
                "first_month": date(2020, 7, 1),
                "last_month": date(2020, 8, 1),
                "age_band": "alle",
                "gender": "alle",
                "origin": "alle",
            },
            min_persons=5,
        )
    finally:
        con.close()
    assert len(rows) == 4
    assert set(rows.quality) == {"official"}
    assert set(rows.source) == {"Danmarks Statistik, AUP02"}


def test_folk1e_single_years_are_summed_into_bands_and_origin_groups(run, db):
    assert run("statbank", "--table", "FOLK1E", "--file", fixture("statbank_FOLK1E.csv"), "--db", db).code == 0
    rows = [r for r in fixture_rows("FOLK1E") if r["OMRÅDE"] == "151" and r["KØN"] == "TOT"]
    total = sum(number(r["INDHOLD"]) for r in rows if r["HERKOMST"] == "TOT")
    western = sum(number(r["INDHOLD"]) for r in rows if r["HERKOMST"] in ("24", "34") and 25 <= int(r["ALDER"]) <= 29)
    got = dict(
        query(
            db,
            """SELECT age_band || '/' || origin, value FROM observation WHERE indicator_id = 'befolkning_16_64'
                            AND geo_code = '151' AND grain = 'quarter' AND period_start = '2020-07-01' AND gender = 'alle'""",
        )
    )
    assert got["alle/alle"] == total
    assert got["25-29/vestlig"] == western


def test_auk01_five_year_bands_are_summed_and_unused_benefits_skipped(run, db):
    result = run("statbank", "--table", "AUK01", "--file", fixture("statbank_AUK01.csv"), "--db", db)
    assert result.code == 0 and "kategorier som dashboardet ikke bruger" in result.out
    raw = {
        (r["OMRÅDE"], r["YDELSESTYPE"], r["KØN"], r["ALDER"], r["TID"]): number(r["INDHOLD"])
        for r in fixture_rows("AUK01")
    }
    got = query(
        db,
        """SELECT value FROM observation WHERE indicator_id = 'modtagere' AND geo_code = '151' AND grain = 'quarter'
                       AND period_start = '2020-07-01' AND group_code = 'sygedagpenge' AND age_band = '30-39' AND gender = 'maend'""",
    )
    assert got == [(raw[("151", "SY", "M", "30-34", "2020K3")] + raw[("151", "SY", "M", "35-39", "2020K3")],)]


def test_from_leaves_out_earlier_periods(run, db):
    result = run(
        "statbank", "--table", "AUP02", "--file", fixture("statbank_AUP02.csv"), "--from", "2020M08", "--db", db
    )
    assert result.code == 0 and "før --from" in result.out
    months = query(db, "SELECT DISTINCT period_start FROM observation WHERE quality = 'official' ORDER BY 1")
    assert months == [(date(2020, 8, 1),), (date(2020, 9, 1),)]


def test_a_file_saved_on_windows_with_bom_and_crlf_imports_the_same(run, db, tmp_path):
    original = fixture("statbank_AUF02.csv").read_text(encoding="utf-8")
    windows = tmp_path / "AUF02 gemt i Excel.csv"
    windows.write_bytes("\ufeff".encode() + original.replace("\n", "\r\n").encode("utf-8"))
    result = run("statbank", "--table", "AUF02", "--file", windows, "--db", db)
    assert result.code == 0, result.err
    assert "755 tal importeret" in result.out


def test_the_api_is_sent_the_documented_request_and_its_answer_is_imported(run, db, network, tmp_path):
    network.script = [(200, fixture("statbank_AUP02.csv").read_bytes())]
    saved = tmp_path / "svar.csv"
    result = run("statbank", "--table", "AUP02", "--db", db, "--save", saved)
    assert result.code == 0, result.err
    (request,) = network.requests
    body = json.loads(request.body)
    assert (request.method, request.url) == ("POST", "https://api.statbank.dk/v1/data")
    assert (body["table"], body["format"], body["lang"]) == ("AUP02", "CSV", "da")
    assert body["variables"][0] == {"code": "OMRÅDE", "values": ["151", "084", "000"]}
    assert saved.read_bytes() == fixture("statbank_AUP02.csv").read_bytes()
    assert query(db, "SELECT count(*) FROM observation WHERE quality = 'official'")[0][0] == 250


def test_areas_can_be_given_by_name(run, db, network):
    network.script = [(200, fixture("statbank_AUP02.csv").read_bytes())]
    assert run("statbank", "--table", "AUP02", "--area", "Ballerup", "--area", "Hele landet", "--db", db).code == 0
    assert json.loads(network.requests[0].body)["variables"][0]["values"] == ["151", "000"]


def test_transient_network_errors_are_retried_with_growing_waits(run, db, network):
    network.script = [
        urllib.error.URLError("Temporary failure in name resolution"),
        (503, b"busy"),
        (200, fixture("statbank_AUP02.csv").read_bytes()),
    ]
    result = run("statbank", "--table", "AUP02", "--db", db)
    assert result.code == 0, result.err
    assert len(network.requests) == 3
    assert network.sleeps == [2.0, 4.0]
    assert "prøver igen" in result.err


def test_a_network_that_stays_down_changes_nothing_and_says_so(run, db, network):
    before = sha256(db)
    network.script = [ConnectionResetError("reset")] * 4
    result = run("statbank", "--table", "AUP02", "--db", db)
    assert result.code == 1
    assert "efter 4 forsøg" in result.err and "ikke ændret" in result.err
    assert sha256(db) == before


def test_a_json_error_answer_is_shown_as_its_message(run, db, network):
    before = sha256(db)
    network.script = [(400, {"errorTypeCode": "TABLE-NOT-FOUND", "message": "Tabellen 'AUP02' findes ikke"})]
    result = run("statbank", "--table", "AUP02", "--db", db)
    assert result.code == 1
    assert "Tabellen 'AUP02' findes ikke" in result.err
    assert sha256(db) == before
