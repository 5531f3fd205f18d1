"""The benchmark table in the built database: complete, exact where the minutes speak, and
the Ministry's own figures (the real Y30R21 file in data/real/) where it publishes them."""

from __future__ import annotations

import csv

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.build import SCHEMA, benchmark
from dashboard.db import run_query
from dashboard.importers.benchmark import GROUP_ALIASES, benchmark_period
from dashboard.importers.text import norm
from dashboard.settings import PROJECT_ROOT

REAL_FILE = PROJECT_ROOT / "data" / "real" / "jobindsats_Y30R21_2020QMAT02-2022QMAT04.csv"

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


def published_placements() -> dict[tuple[str, str, str], int]:
    """(period, benefit group, municipality name) -> the placement printed in the real Y30R21 file."""
    with REAL_FILE.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    return {(benchmark_period(r[1])[0], GROUP_ALIASES[norm(r[2])], r[0]): int(r[-1]) for r in rows[1:]}


def test_the_computed_placement_is_the_published_one_for_every_row_of_the_real_file(built_con):
    published = published_placements()
    assert len(published) == 6 * 4 * 98
    computed = {}
    for period, group in {(p, g) for p, g, _ in published}:
        ranking = q(built_con, "benchmark_ranking", period=period, benefit_group=group, area="000", home_geo="151")
        computed |= {(period, group, r.municipality): r.rank for r in ranking.itertuples()}
    assert {k: computed.get(k) for k in published} == published


def test_ballerup_2019h2_2020h1_shows_the_published_counts_as_official(built_con):
    rows = q(built_con, "benchmark_home_placement", period=PERIOD, home_geo="151").set_index("benefit_group")
    assert rows.loc["i-alt", ["expected_persons", "actual_persons"]].tolist() == [2920, 2760]
    assert set(rows.quality) == {"official"} and rows.source.str.startswith("Jobindsats (STAR), Y30R21").all()


def test_the_six_published_periods_are_official_and_the_rest_demo(built_con):
    rows = built_con.execute("SELECT period, quality, count(*) AS n FROM benchmark GROUP BY ALL ORDER BY period").df()
    official = rows[rows.quality == "official"]
    assert official.period.tolist() == [
        "2019h2-2020h1",
        "2020h1-2020h2",
        "2020h2-2021h1",
        "2021h1-2021h2",
        "2021h2-2022h1",
        "2022h1-2022h2",
    ]
    assert set(official.n) == {4 * 98}
    assert set(rows[rows.quality != "official"].quality) == {"demo"}


def test_hk_rank_for_summer_2017_to_summer_2018_is_built_in(built_con):
    rows = q(built_con, "benchmark_ranking", period="2017h2-2018h1", benefit_group="i-alt", area="151", home_geo="151")
    assert rows["rank"].item() == 6


def test_demo_expected_persons_follow_framework_conditions_not_a_constant(built_con):
    shares = built_con.execute(
        """SELECT expected_persons / population * 100 AS pct FROM benchmark
           WHERE period = '2017h2-2018h1' AND benefit_group = 'i-alt'"""
    ).df()["pct"]
    assert 10 < shares.min() < shares.max() < 30 and shares.std() > 0.5


def test_place_moves_the_fewest_municipalities_to_reach_a_rank():
    rng = np.random.default_rng(0)
    values = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5])
    placed = benchmark.place(values, home=2, rank=5, rng=rng)
    assert int((placed < placed[2]).sum()) == 4
    assert int((np.sign(placed - placed[2]) != np.sign(values - values[2])).sum()) == 2
    assert np.abs(np.delete(placed, 2) - placed[2]).min() >= benchmark.MARGIN_PP


@pytest.fixture()
def ranking_con() -> duckdb.DuckDBPyConnection:
    """The schema (with the view `benchmark_ranked`) and four municipalities in one period."""
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute("INSERT INTO source (source_id, ref, kind, name_da) VALUES ('demo', 'demo', 'demo', 'Demo')")
    for code in ("101", "147", "151", "153"):
        con.execute("INSERT INTO geography VALUES (?, ?, ?, 'kommune', NULL, NULL, NULL, 0)", [code, f"k{code}", code])
    con.executemany(
        "INSERT INTO benchmark VALUES (?, '2019-07-01', 'i-alt', ?, ?, ?, ?, 'demo', 'demo')",
        [
            (PERIOD, "101", 100.0, 90.0, 1000),
            (PERIOD, "153", 100.0, 80.0, 2000),
            (PERIOD, "151", 100.0, 80.0, 2000),
            (PERIOD, "147", 100.0, 105.0, 500),
        ],
    )
    yield con
    con.close()


def ranks_of(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(con.execute("SELECT geo_code, rank FROM benchmark_ranked").fetchall())


def test_without_published_figures_ties_go_to_the_lower_forskel_in_persons_then_the_lower_code(ranking_con):
    assert ranks_of(ranking_con) == {"101": 3, "151": 1, "153": 2, "147": 4}


def test_the_published_forskel_ranks_and_equal_rounded_figures_keep_the_ministrys_order(ranking_con):
    ranking_con.executemany(
        "INSERT INTO benchmark_published VALUES (?, 'i-alt', ?, ?, ?)",
        [(PERIOD, "101", -1.0, 2), (PERIOD, "153", -1.0, 1), (PERIOD, "151", -0.5, 3), (PERIOD, "147", 1.0, 4)],
    )
    assert ranks_of(ranking_con) == {"153": 1, "101": 2, "151": 3, "147": 4}


def test_a_stated_rank_that_the_data_cannot_give_fails_the_build(ranking_con):
    stated = pd.DataFrame(
        [(PERIOD, "i-alt", "rank_of_98", 2.0, "x")],
        columns=["period", "benefit_group", "measure", "value", "source_id"],
    )
    with pytest.raises(ValueError, match="rank 1, stated 2"):
        benchmark.check_stated_ranks(ranking_con, stated, "151")
