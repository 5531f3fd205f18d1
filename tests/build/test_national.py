"""The national-scale build, on a few months only (the full build takes minutes; see
docs/performance.md). Same code path as `python -m dashboard build --scale national`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.build import build_database, demo, national
from dashboard.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
WINDOW = ("2020-08", "2020-11")  # holds the documented rates of Sept. 2020 and the week of 23 Nov. 2020
AXES = ["group_code", "age_band", "gender", "origin"]


def build_window(path: Path, first: str, last: str) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(national, "FIRST_MONTH", first)
        mp.setattr(national, "LAST_MONTH", last)
        build_database(path, DATA, scale="national")
    return path


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = build_window(tmp_path_factory.mktemp("national") / "national.duckdb", *WINDOW)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def frame(con: duckdb.DuckDBPyConnection, sql: str, *params) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


def test_every_area_has_every_breakdown_crossed_every_month(con):
    areas = frame(con, "SELECT count(*) AS n FROM geography")["n"].item()
    counts = frame(
        con,
        """SELECT indicator_id, count(DISTINCT geo_code) AS areas, count(DISTINCT period_start) AS months,
                  count(DISTINCT (group_code, age_band, gender, origin)) AS cells, count(*) AS n
           FROM observation WHERE grain = 'month' AND indicator_id IN ('modtagere', 'fuldtidsledige', 'ledighedsprocent')
             AND period_start BETWEEN DATE '2020-08-01' AND DATE '2020-11-01'
           GROUP BY ALL""",
    ).set_index("indicator_id")
    groups = {"modtagere": len(demo.BENEFIT_GROUPS), "fuldtidsledige": len(demo.LEDIG_GROUPS), "ledighedsprocent": 0}
    for indicator, n_groups in groups.items():
        cells = (n_groups + 1) * (len(demo.AGES) + 1) * (len(demo.GENDERS) + 1) * (len(demo.ORIGINS) + 1)
        row = counts.loc[indicator]
        assert (row.areas, row.months, row.cells) == (areas, 4, cells)
        assert row.n == areas * 4 * cells


def test_alle_is_the_sum_of_its_parts_and_areas_the_sum_of_their_municipalities(con):
    cells = frame(
        con,
        """SELECT geo_code, group_code, age_band, gender, origin, persons FROM observation
           WHERE indicator_id = 'modtagere' AND period_start = DATE '2020-10-01'""",
    )
    total = cells.query("group_code == 'alle' and age_band == 'alle' and gender == 'alle' and origin == 'alle'")
    total = total.set_index("geo_code")["persons"]
    finest = cells.query("group_code != 'alle' and age_band != 'alle' and gender != 'alle' and origin != 'alle'")
    assert (finest.groupby("geo_code")["persons"].sum() == total.loc[finest.geo_code.unique()]).all()
    members = frame(con, "SELECT member_code FROM geography_member WHERE geo_code = '084'")["member_code"]
    assert total.loc[list(members)].sum() == total.loc["084"]


def test_documented_figures_win_at_their_keys(con):
    rows = frame(
        con,
        """SELECT geo_code, value, quality FROM observation
           WHERE indicator_id = 'ledighedsprocent' AND grain = 'month' AND period_start = DATE '2020-09-01'
             AND group_code = 'alle' AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'
             AND geo_code IN ('151', 'hovedstadsomraadet', '000')""",
    ).set_index("geo_code")
    assert rows.loc[["151", "hovedstadsomraadet", "000"], "value"].tolist() == [4.3, 4.9, 4.5]
    assert set(rows.quality) == {"document"}
    week = frame(
        con,
        """SELECT value, quality FROM observation WHERE indicator_id = 'ledige_i_kontakt' AND grain = 'week'
             AND geo_code = '151' AND period_start = DATE '2020-11-23' AND group_code = 'dagpenge'
             AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'""",
    )
    assert week.to_dict("records") == [{"value": 1021.0, "quality": "document"}]


def test_observation_keys_are_unique_and_codes_known(con):
    duplicates = frame(
        con,
        """SELECT count(*) AS n FROM (SELECT 1 FROM observation
           GROUP BY indicator_id, geo_code, grain, period_start, group_code, age_band, gender, origin HAVING count(*) > 1)""",
    )["n"].item()
    assert duplicates == 0
    national.check_references(con)


def test_weekly_series_by_target_group_and_each_breakdown(con):
    # The bundled build's calibrated COVID-19 weeks (2019-2021, no breakdowns) are there too;
    # the national build adds the breakdowns, within its months.
    weekly = frame(
        con,
        """SELECT count(DISTINCT geo_code) AS areas, count(DISTINCT group_code) AS groups,
                  count(DISTINCT age_band) AS ages, count(DISTINCT origin) AS origins,
                  min(period_start) AS first, max(period_start) AS last,
                  bool_and(dayofweek(period_start) = 1) AS mondays
           FROM observation WHERE indicator_id = 'ledige_i_kontakt' AND grain = 'week'
             AND (age_band <> 'alle' OR origin <> 'alle' OR gender <> 'alle')""",
    ).iloc[0]
    assert weekly.areas == frame(con, "SELECT count(*) AS n FROM geography")["n"].item()
    assert (weekly.ages, weekly.origins) == (len(demo.AGES) + 1, len(demo.ORIGINS) + 1)
    assert (
        weekly.mondays
        and weekly["first"] >= pd.Timestamp("2020-08-01")
        and weekly["last"] <= pd.Timestamp("2020-11-30")
    )


def test_cube_rows_are_stored_in_breakdown_then_area_then_period_order(con):
    # The same key as a string per row, compared with the row before it in DuckDB (joining
    # the strings row by row in pandas took seconds).
    out_of_order = frame(
        con,
        f"""SELECT count(*) AS n FROM (
               SELECT key < lag(key) OVER (ORDER BY rowid) AS before_previous FROM (
                   SELECT rowid, concat_ws('|', {", ".join(AXES)}, geo_code, CAST(period_start AS VARCHAR)) AS key
                   FROM observation WHERE indicator_id = 'fuldtidsledige' AND quality = 'demo'))
           WHERE before_previous""",
    )["n"].item()
    assert out_of_order == 0
    assert frame(con, "SELECT value FROM meta WHERE key = 'scale'")["value"].item() == "national"


def test_observation_foreign_keys_are_checked_once_after_loading(tmp_path):
    ddl = national.schema((PROJECT_ROOT / "src/dashboard/build/schema.sql").read_text(encoding="utf-8"))
    observation = ddl[ddl.index("CREATE TABLE observation") : ddl.index(");", ddl.index("CREATE TABLE observation"))]
    assert "REFERENCES" not in observation and "REFERENCES" in ddl  # the other tables keep theirs
    con = duckdb.connect(str(tmp_path / "x.duckdb"))
    con.execute(ddl)
    con.execute(
        "INSERT INTO observation (indicator_id, geo_code, grain, period_start, period_end, group_code, age_band, gender, origin, value, persons, source_id, quality) VALUES ('ukendt', '151', 'month', DATE '2020-01-01', DATE '2020-01-31', "
        "'alle', 'alle', 'alle', 'alle', 1.0, 1, 'demo', 'demo')"
    )
    with pytest.raises(ValueError, match="indicator_id"):
        national.check_references(con)


def test_same_content_twice(tmp_path):
    fingerprints = []
    for name in ("a", "b"):
        con = duckdb.connect(str(build_window(tmp_path / f"{name}.duckdb", "2020-09", "2020-09")), read_only=True)
        fingerprints.append(
            con.execute("SELECT count(*), bit_xor(hash(o)), bit_xor(hash(rowid, o)) FROM observation o").fetchall()
        )
        con.close()
    assert fingerprints[0] == fingerprints[1]
