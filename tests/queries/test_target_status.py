"""target_status.sql on the hand-made focus fixture (tests/queries/focus_fixture.py)."""

from datetime import date

import duckdb
import pandas as pd
import pytest
from focus_fixture import build_focus_fixture

from dashboard.db import run_query


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_focus_fixture(tmp_path_factory.mktemp("focus") / "focus.duckdb")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def status(con, as_of=date(2023, 1, 31), focus_area=None) -> pd.DataFrame:
    rows = run_query(con, "target_status", {"geo_code": "151", "as_of": as_of, "focus_area": focus_area}, min_persons=5)
    return rows.set_index("target_id")


def test_every_target_is_listed_once_with_its_source_and_section(con):
    rows = status(con)
    assert sorted(rows.index) == ["TA", "TB", "TC", "TD", "TE", "TF", "TG"]
    assert rows.loc["TA", "source"] == "Beskæftigelsesplan 2021"
    assert rows.loc["TA", "source_url"] == "documents/000.txt"
    assert rows.loc["TA", "locator"] == "Ministermål 2"


def test_a_finished_plan_is_judged_on_its_last_year_not_later_data(con):
    rows = status(con)
    assert rows.loc["TA", "period_start"] == pd.Timestamp("2022-12-01")
    assert rows.loc["TA", "value"] == 84.9
    assert rows.loc["TE", "period_start"] == pd.Timestamp("2018-01-01")
    assert rows.loc["TE", "value"] == 39.0 and rows.loc["TE", "status"] == "nået"


def test_just_below_target_closing_in_is_on_the_way(con):
    row = status(con).loc["TA"]
    assert (row.value_before, row.status) == (80.0, "på vej")


def test_as_of_date_limits_the_period_judged(con):
    row = status(con, as_of=date(2022, 6, 30)).loc["TA"]
    assert row.period_start == pd.Timestamp("2022-06-01")
    assert row.status == "ikke nået"


def test_rank_ties_share_the_best_rank_and_reach_the_target(con):
    row = status(con).loc["TB"]
    assert (row.value, row.ranked_count, row.status) == (2.0, 4, "nået")
    assert row.value_before == 4.0


def test_rank_without_a_year_before_is_not_on_the_way(con):
    row = status(con, as_of=date(2022, 6, 30)).loc["TB"]
    assert (row.value, row.status) == (4.0, "ikke nået")


def test_level_with_the_national_level_uses_the_national_value_as_reference(con):
    row = status(con).loc["TC"]
    assert (row.reference, row.reference_before) == (62.0, 61.0)
    assert row.status == "på vej"


def test_level_with_other_citizens_uses_their_rate_from_counts(con):
    row = status(con).loc["TD"]
    assert row.origin == "ikke-vestlig"
    assert row.value == 12.0
    assert row.reference == pytest.approx(5.0)
    assert row.reference_before == pytest.approx(5.4)
    assert row.status == "på vej"


def test_missing_indicator_or_no_data_in_the_plan_years_gives_no_data(con):
    rows = status(con)
    assert rows.loc["TF", "status"] == "ingen data" and pd.isna(rows.loc["TF", "value"])
    assert rows.loc["TG", "status"] == "ingen data"


def test_focus_area_filter(con):
    rows = status(con, focus_area="samarbejde")
    assert sorted(rows.index) == ["TA", "TG"]
