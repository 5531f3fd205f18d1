"""Data-contract tests on the built bundled database (dbt-style: keys, codes, nulls)."""

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from dashboard.build import build_database
from dashboard.settings import PROJECT_ROOT

KEY = "indicator_id, geo_code, grain, period_start, group_code, age_band, gender, origin"
DATA = PROJECT_ROOT / "data"


def scalar(con, sql, *params):
    return con.execute(sql, list(params)).fetchone()[0]


def test_observation_key_is_unique(built_con):
    assert (
        scalar(built_con, f"SELECT count(*) FROM (SELECT {KEY} FROM observation GROUP BY ALL HAVING count(*) > 1)") == 0
    )


@pytest.mark.parametrize(
    ("column", "table", "key"),
    [
        ("indicator_id", "indicator", "indicator_id"),
        ("geo_code", "geography", "geo_code"),
        ("group_code", "target_group", "group_code"),
        ("age_band", "age_band", "age_band"),
        ("gender", "gender", "gender"),
        ("origin", "origin", "origin"),
        ("source_id", "source", "source_id"),
    ],
)
def test_every_observation_code_is_in_its_dimension(built_con, column, table, key):
    assert scalar(built_con, f"SELECT count(*) FROM observation WHERE {column} NOT IN (SELECT {key} FROM {table})") == 0


def test_no_nulls_where_none_may_be(built_con):
    cols = [
        "indicator_id",
        "geo_code",
        "grain",
        "period_start",
        "period_end",
        "group_code",
        "age_band",
        "gender",
        "origin",
        "value",
        "source_id",
        "quality",
    ]
    nulls = " + ".join(f"count(*) FILTER (WHERE {c} IS NULL)" for c in cols)
    assert scalar(built_con, f"SELECT {nulls} FROM observation") == 0


def test_demo_rows_always_carry_persons_and_the_demo_source(built_con):
    assert (
        scalar(
            built_con,
            "SELECT count(*) FROM observation WHERE quality = 'demo' AND (persons IS NULL OR source_id <> 'demo')",
        )
        == 0
    )


def test_geography_has_98_municipalities_5_regions_and_the_areas(built_con):
    levels = dict(built_con.execute("SELECT level, count(*) FROM geography GROUP BY level").fetchall())
    assert levels == {
        "kommune": 98,
        "region": 5,
        "landsdel": 11,
        "hovedstadsomraade": 1,
        "land": 1,
        "kommunegruppe": 5,
        "klynge": 1,
    }
    assert scalar(built_con, "SELECT count(*) FROM geography_member WHERE geo_code = '000'") == 98
    assert scalar(built_con, "SELECT count(*) FROM geography_member WHERE geo_code = '084'") == 29
    assert scalar(built_con, "SELECT count(*) FROM geography_member WHERE geo_code = 'hovedstadsomraadet'") == 17


def test_every_municipality_has_a_monthly_rate_for_every_month_2014_2022(built_con):
    counts = built_con.execute(
        """SELECT count(DISTINCT geo_code), count(DISTINCT period_start) FROM observation
           WHERE indicator_id = 'ledighedsprocent' AND grain = 'month' AND group_code = 'alle'
             AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'
             AND geo_code IN (SELECT geo_code FROM geography WHERE level = 'kommune')"""
    ).fetchone()
    assert counts == (98, 108)


def test_area_counts_are_sums_of_their_municipalities(built_con):
    diff = scalar(
        built_con,
        """WITH m AS (SELECT period_start, sum(value) AS v FROM observation
                      WHERE indicator_id = 'fuldtidsledige' AND geo_code IN (SELECT member_code FROM geography_member WHERE geo_code = '084')
                        AND group_code = 'alle' AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle' GROUP BY 1)
           SELECT max(abs(m.v - o.value)) FROM m JOIN observation o USING (period_start)
           WHERE o.indicator_id = 'fuldtidsledige' AND o.geo_code = '084' AND o.group_code = 'alle'
             AND o.age_band = 'alle' AND o.gender = 'alle' AND o.origin = 'alle'""",
    )
    assert diff == 0


def test_demo_rates_look_like_a_labour_market(built_con):
    """Spring 2020 jumps above winter 2019/20, and Ballerup sits in a plausible range."""
    rows = dict(
        built_con.execute(
            """SELECT strftime(period_start, '%Y-%m'), value FROM observation
           WHERE indicator_id = 'ledighedsprocent' AND geo_code = '000' AND grain = 'month' AND group_code = 'alle'
             AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'"""
        ).fetchall()
    )
    assert rows["2020-04"] > rows["2020-02"] + 1.0
    assert 2.0 < min(rows.values()) and max(rows.values()) < 8.0


def seed_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("row", seed_rows("fact_series.csv"), ids=lambda r: r["fact_id"])
def test_every_documented_series_figure_is_in_the_database_exactly(built_con, row):
    facts = {r["fact_id"]: r for r in seed_rows("seed_facts.csv")}
    found = built_con.execute(
        """SELECT value, quality, source_id FROM observation
           WHERE indicator_id = ? AND geo_code = ? AND grain = ? AND period_start = ?
             AND group_code = ? AND age_band = ? AND gender = ? AND origin = ?""",
        [
            row["indicator_id"],
            row["geo_code"],
            row["grain"],
            row["period_start"],
            row["group_code"],
            row["age_band"],
            row["gender"],
            row["origin"],
        ],
    ).fetchall()
    assert len(found) == 1
    value, quality, source_id = found[0]
    assert value == float(facts[row["fact_id"]]["value"])
    assert quality == "document"
    assert source_id != "demo"


def test_every_seed_fact_and_target_is_stored_with_its_source(built_con):
    assert scalar(built_con, "SELECT count(*) FROM document_fact") == len(seed_rows("seed_facts.csv"))
    assert scalar(built_con, "SELECT count(*) FROM target") == len(seed_rows("seed_targets.csv"))
    f23 = built_con.execute(
        "SELECT value, s.name_da FROM document_fact JOIN source s USING (source_id) WHERE fact_id = 'F23'"
    ).fetchone()
    assert f23 == (4.3, "Referat, Erhvervs- og Beskæftigelsesudvalget 8. december 2020")


def test_monthly_demo_series_average_to_the_documented_annual_figure(built_con):
    mean = scalar(
        built_con,
        """SELECT avg(value) FROM observation WHERE indicator_id = 'ledighedsprocent' AND geo_code = '151'
           AND grain = 'month' AND year(period_start) = 2017 AND group_code = 'alle' AND age_band = 'alle'
           AND gender = 'alle' AND origin = 'alle'""",
    )
    assert mean == pytest.approx(3.9, abs=0.05)


def test_meta_says_when_and_up_to_when(built_con):
    meta = dict(built_con.execute("SELECT key, value FROM meta").fetchall())
    assert meta["data_as_of"] == "2022-12-31" and meta["scale"] == "bundled" and meta["built_at"]


def content_fingerprint(path: Path) -> dict[str, tuple]:
    """Every table's columns and a fingerprint of its rows in any order (their count and the
    sum and XOR of their 64-bit hashes), build and import times excluded. Computed inside
    DuckDB: fetching the million observation rows into Python to hash them took longer than
    the build itself."""
    con = duckdb.connect(str(path), read_only=True)
    fingerprint = {}
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
        where = "WHERE key NOT IN ('built_at', 'last_import')" if table == "meta" else ""
        columns = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]
        ).fetchall()
        rows = con.execute(
            f"SELECT count(*), sum(hash(t)::HUGEINT), bit_xor(hash(t)) FROM {table} AS t {where}"
        ).fetchone()
        fingerprint[table] = (columns, rows)
    con.close()
    return fingerprint


def test_build_is_deterministic(built_db, tmp_path):
    again = tmp_path / "again.duckdb"
    build_database(again, DATA)
    assert content_fingerprint(again) == content_fingerprint(built_db)


def test_a_failed_build_leaves_the_old_file_whole(built_db, tmp_path):
    target = tmp_path / "db.duckdb"
    target.write_bytes(built_db.read_bytes())
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    broken = tmp_path / "data"
    broken.mkdir()
    for f in DATA.glob("*.csv"):
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "indicators.csv").write_text("indicator_id,name_da\nx,\n", encoding="utf-8")
    with pytest.raises(Exception):
        build_database(target, broken)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob(".db.duckdb.*"))


def test_every_area_rate_is_its_unemployed_over_its_labour_force_and_plausible(built_con):
    """Outside the fully crossed areas too (a double-counted labour force once halved them)."""
    low, high = built_con.execute(
        """SELECT min(value), max(value) FROM observation
           WHERE indicator_id = 'ledighedsprocent' AND grain = 'month' AND year(period_start) = 2019
             AND group_code = 'alle' AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle' AND quality = 'demo'"""
    ).fetchone()
    assert 1.5 < low and high < 8.0
