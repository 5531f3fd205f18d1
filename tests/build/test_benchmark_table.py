"""The benchmark table in the built database: complete, and exact where the minutes speak."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.build import benchmark
from dashboard.db import run_query

PERIOD = "2019h2-2020h1"
STATED = {  # benefit group -> (rank, forskel in persons), Punkt 1.3 of the minutes of 8 Dec 2020
    "i-alt": (7, -160),
    "dagpenge": (28, -20),
    "sygedagpenge-jobafklaring": (85, 90),
    "kontanthjaelpsomraadet": (3, -240),
}


def q(con, name, **params) -> pd.DataFrame:
    return run_query(con, name, params, min_persons=5)


def test_every_period_and_group_has_all_98_municipalities_once(built_con):
    counts = built_con.execute(
        """SELECT period, benefit_group, count(*) AS n, count(DISTINCT geo_code) AS distinct_n
           FROM benchmark GROUP BY ALL"""
    ).df()
    assert len(counts) == len(benchmark.periods()) * 4
    assert set(counts.n) == {98} and set(counts.distinct_n) == {98}
    munis = built_con.execute(
        "SELECT count(*) FROM geography WHERE level = 'kommune' AND geo_code NOT IN (SELECT geo_code FROM benchmark)"
    ).fetchone()[0]
    assert munis == 0


def test_periods_are_rolling_half_year_pairs_from_2015_to_2022(built_con):
    periods = q(built_con, "benchmark_periods")
    assert periods.period.iloc[0] == "2015h1-2015h2" and periods.period.iloc[-1] == "2022h1-2022h2"
    assert "2019h2-2020h1" in set(periods.period) and len(periods) == 15
    assert periods.label_da[periods.period == PERIOD].item() == "2. halvår 2019 – 1. halvår 2020"


def test_documented_placements_2019h2_2020h1_come_out_of_the_ranking_rule(built_con):
    for group, (rank, forskel) in STATED.items():
        rows = q(built_con, "benchmark_ranking", period=PERIOD, benefit_group=group, area="000", home_geo="151")
        home = rows[rows.is_home].iloc[0]
        assert (home["rank"], home["difference_fte"]) == (rank, forskel), group
        assert rows["rank"].tolist() == list(range(1, 99))


def test_home_placement_and_history_agree_with_the_ranking(built_con):
    placement = q(built_con, "benchmark_home_placement", period=PERIOD, home_geo="151").set_index("benefit_group")
    history = q(built_con, "benchmark_rank_history", home_geo="151", as_of=None)
    for group, (rank, forskel) in STATED.items():
        assert placement.loc[group, "rank"] == rank and placement.loc[group, "difference_fte"] == forskel
        row = history[(history.period == PERIOD) & (history.benefit_group == group)].iloc[0]
        assert row["rank"] == rank
    for period in history.period.unique()[::4]:
        for group in STATED:
            ranking = q(built_con, "benchmark_ranking", period=period, benefit_group=group, area="000", home_geo="151")
            from_history = history[(history.period == period) & (history.benefit_group == group)]["rank"].item()
            assert ranking.loc[ranking.is_home, "rank"].item() == from_history


def test_documented_rows_carry_the_minutes_as_source_and_the_rest_is_demo(built_con):
    rows = built_con.execute(
        "SELECT period, geo_code, quality, source_id, count(*) AS n FROM benchmark GROUP BY ALL"
    ).df()
    documented = rows[rows.quality == "document"]
    assert documented[["period", "geo_code", "source_id", "n"]].values.tolist() == [
        [PERIOD, "151", "ebu-2020-12-08", 4]
    ]
    assert set(rows[rows.quality != "document"].source_id) == {"demo"}


def test_hk_rank_for_summer_2017_to_summer_2018_is_built_in(built_con):
    rows = q(built_con, "benchmark_ranking", period="2017h2-2018h1", benefit_group="i-alt", area="151", home_geo="151")
    assert rows["rank"].item() == 6


def test_expected_persons_follow_framework_conditions_not_a_constant(built_con):
    shares = built_con.execute(
        """SELECT expected_persons / population * 100 AS pct FROM benchmark
           WHERE period = ? AND benefit_group = 'i-alt'""",
        [PERIOD],
    ).df()["pct"]
    assert 10 < shares.min() < shares.max() < 30 and shares.std() > 0.5


def test_place_moves_the_fewest_municipalities_to_reach_a_rank():
    rng = np.random.default_rng(0)
    values = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5])
    placed = benchmark.place(values, home=2, rank=5, rng=rng)
    assert int((placed < placed[2]).sum()) == 4
    assert int((np.sign(placed - placed[2]) != np.sign(values - values[2])).sum()) == 2
    assert np.abs(np.delete(placed, 2) - placed[2]).min() >= benchmark.MARGIN_PP


def test_python_rank_check_uses_the_same_tie_rule_as_the_sql():
    diff = np.array([-10.0, -20.0, -20.0, 5.0])
    population = np.array([1000, 2000, 2000, 500])
    assert benchmark.ranks(diff, population, ["101", "153", "151", "147"]).tolist() == [3, 2, 1, 4]


def test_a_stated_rank_that_the_data_cannot_give_fails_the_build():
    frame = pd.DataFrame(
        {
            "period": PERIOD,
            "benefit_group": "i-alt",
            "geo_code": ["151", "153"],
            "expected_persons": [100.0, 100.0],
            "actual_persons": [90.0, 95.0],
            "population": [1000, 1000],
        }
    )
    stated = pd.DataFrame(
        [(PERIOD, "i-alt", "rank_of_98", 2.0, "x")],
        columns=["period", "benefit_group", "measure", "value", "source_id"],
    )
    with pytest.raises(ValueError, match="rank 1, stated 2"):
        benchmark.check_stated_ranks(frame, stated, ["151", "153"], "151")
