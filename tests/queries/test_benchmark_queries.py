"""The Benchmark queries against a hand-made fixture (tests/fixtures/covid_benchmark.sql)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.db import run_query

PERIOD = "2019h2-2020h1"


@pytest.fixture(scope="module")
def con(covid_benchmark_con):
    return covid_benchmark_con


def q(con, name, **params) -> pd.DataFrame:
    return run_query(con, name, params, min_persons=5)


def ranking(con, **overrides) -> pd.DataFrame:
    params = {"period": PERIOD, "benefit_group": "i-alt", "area": "000", "home_geo": "151"}
    return q(con, "benchmark_ranking", **(params | overrides))


def test_tie_on_pct_point_goes_to_the_lower_forskel_in_persons(con):
    rows = ranking(con).set_index("geo_code")
    assert rows.loc["153", "difference_pct_point"] == rows.loc["151", "difference_pct_point"] == -1.0
    assert (rows.loc["153", "rank"], rows.loc["151", "rank"]) == (1, 2)


def test_full_tie_goes_to_the_lower_municipality_code(con):
    rows = ranking(con).set_index("geo_code")
    assert rows.loc["147", "difference_fte"] == rows.loc["851", "difference_fte"] == 5.0
    assert (rows.loc["147", "rank"], rows.loc["851", "rank"]) == (3, 4)
    assert ranking(con)["rank"].tolist() == [1, 2, 3, 4]


def test_forskel_is_actual_minus_expected_in_persons_and_pct_point_of_population(con):
    row = ranking(con, benefit_group="dagpenge").set_index("geo_code").loc["151"]
    assert (row.expected_persons, row.actual_persons, row.difference_fte, row.difference_pct_point) == (20, 24, 4, 0.4)
    assert row["rank"] == 4 and row.is_home


def test_area_filter_keeps_national_rank_adds_area_rank_and_always_shows_home(con):
    rows = ranking(con, area="081").set_index("geo_code")
    assert sorted(rows.index) == ["151", "851"]
    assert rows.loc["851", "rank"] == 4 and rows.loc["851", "area_rank"] == 1
    assert pd.isna(rows.loc["151", "area_rank"])
    kg1 = ranking(con, area="KG1").set_index("geo_code")
    assert kg1.loc["151", "area_rank"] == 2 and kg1.loc["147", "area_rank"] == 3


def test_ranks_depend_on_the_period(con):
    rows = ranking(con, period="2019h1-2019h2").set_index("geo_code")
    assert rows.loc["153", "rank"] == 1 and rows.loc["151", "rank"] == 4


def test_home_placement_one_row_per_group_in_fixed_order(con):
    rows = q(con, "benchmark_home_placement", period=PERIOD, home_geo="151")
    assert rows.benefit_group.tolist() == ["i-alt", "dagpenge"]
    assert rows["rank"].tolist() == [2, 4] and rows.municipalities.tolist() == [4, 4]
    assert rows.benefit_group_name.iloc[0] == "Offentlig forsørgelse i alt"
    assert set(rows.quality) == {"document"}


def test_rank_history_per_period(con):
    rows = q(con, "benchmark_rank_history", home_geo="151", as_of=None)
    i_alt = rows[rows.benefit_group == "i-alt"]
    assert i_alt.period.tolist() == ["2019h1-2019h2", PERIOD]
    assert i_alt["rank"].tolist() == [4, 2]
    assert i_alt.period_label.tolist()[-1] == "2. halvår 2019 – 1. halvår 2020"


def test_periods_with_danish_label(con):
    rows = q(con, "benchmark_periods")
    assert rows.period.tolist() == ["2019h1-2019h2", PERIOD]
    assert rows.label_da.tolist() == ["1. halvår 2019 – 2. halvår 2019", "2. halvår 2019 – 1. halvår 2020"]
    assert rows.municipalities.tolist() == [4, 4]


def test_cited_figures_are_those_whose_period_is_not_in_the_table(con):
    rows = q(con, "benchmark_cited_figures", home_geo="151", as_of=None).set_index("fact_id")
    assert list(rows.index) == ["B2"]  # B1 (2019H2-2020H1) is a period of the table
    assert rows.loc["B2", "source"] == "Ballerup Bladet juni 2021" and rows.loc["B2", "value"] == 5


def test_rank_history_as_of_a_month_has_only_the_periods_ended_by_then(con):
    rows = q(con, "benchmark_rank_history", home_geo="151", as_of=date(2020, 3, 31))
    assert set(rows.period) == {"2019h1-2019h2"}
    assert set(q(con, "benchmark_rank_history", home_geo="151", as_of=date(2020, 6, 30)).period) == {
        "2019h1-2019h2",
        PERIOD,
    }


def test_cited_figures_as_of_a_month_leave_out_later_articles(con):
    assert q(con, "benchmark_cited_figures", home_geo="151", as_of=date(2021, 5, 31)).empty
    assert list(q(con, "benchmark_cited_figures", home_geo="151", as_of=date(2021, 6, 1)).fact_id) == ["B2"]


def test_rank_history_marks_the_oldest_and_the_newest_period_of_each_group(con):
    rows = q(con, "benchmark_rank_history", home_geo="151", as_of=None)
    i_alt = rows[rows.benefit_group == "i-alt"].set_index("period")
    assert i_alt.is_oldest.tolist() == [True, False] and i_alt.is_newest.tolist() == [False, True]
    dagpenge = rows[rows.benefit_group == "dagpenge"]  # one period only: both
    assert dagpenge.period.tolist() == [PERIOD] and dagpenge.is_oldest.all() and dagpenge.is_newest.all()
