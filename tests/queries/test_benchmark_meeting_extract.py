"""The ranking query marks the short chart's rows (`in_meeting_extract`): the first 10 of the
rows returned, the home municipality and the two rows either side of it, nothing else; and
`left_out_before` counts the rows skipped before a row of the extract."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.build import SCHEMA
from dashboard.db import run_query

FIXTURES = Path(__file__).parents[1] / "fixtures"
PERIOD = "2019h2-2020h1"
GROUP = "kontanthjaelpsomraadet"  # no rows in the shared fixture: this module's 30 alone
OTHERS = range(1, 30)  # 29 municipalities 901…929, forskel +0.1 … +2.9 pct.-point
# Ballerup's forskel (+1.75 pct.-point) falls between the 17th and the 18th: rank 18 of 30.
BALLERUP_ACTUAL = 117.5


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for name in ("fixture.sql", "covid_benchmark.sql"):
        con.execute((FIXTURES / name).read_text(encoding="utf-8"))
    codes = [f"9{i:02d}" for i in OTHERS]
    con.executemany(
        "INSERT INTO geography VALUES (?, ?, ?, 'kommune', '084', NULL, NULL, ?)",
        [(c, f"kommune-{c}", f"Kommune {c}", 100 + i) for i, c in zip(OTHERS, codes, strict=True)],
    )
    con.execute("INSERT INTO geography VALUES ('TEST', 'test-omraade', 'Testområde', 'klynge', NULL, NULL, NULL, 99)")
    # The test area holds the 15 best of the others, not Ballerup.
    con.executemany(
        "INSERT INTO geography_member VALUES (?, ?)",
        [("000", c) for c in codes] + [("TEST", c) for c in codes[:15]],
    )
    con.executemany(
        "INSERT INTO benchmark VALUES (?, '2019-07-01', ?, ?, 100, ?, 1000, 'demo', 'demo')",
        [(PERIOD, GROUP, c, 100 + i) for i, c in zip(OTHERS, codes, strict=True)]
        + [(PERIOD, GROUP, "151", BALLERUP_ACTUAL)],
    )
    yield con
    con.close()


def ranking(con, area: str = "000", group: str = GROUP) -> pd.DataFrame:
    params = {"period": PERIOD, "benefit_group": group, "area": area, "home_geo": "151"}
    return run_query(con, "benchmark_ranking", params, min_persons=5)


def test_extract_is_the_top_10_and_ballerup_rank_18_with_ranks_16_to_20(con):
    rows = ranking(con)
    assert len(rows) == 30
    assert rows.loc[rows.is_home, "rank"].tolist() == [18]
    extract = rows[rows.in_meeting_extract.astype(bool)]
    assert extract["rank"].tolist() == [*range(1, 11), 16, 17, 18, 19, 20]
    assert extract.left_out_before.tolist() == [0] * 10 + [5, 0, 0, 0, 0]
    assert rows.loc[~rows.in_meeting_extract.astype(bool), "left_out_before"].isna().all()


def test_in_an_area_the_extract_is_taken_from_the_rows_returned(con):
    rows = ranking(con, area="TEST")
    assert len(rows) == 16  # the area's 15 and Ballerup
    extract = rows[rows.in_meeting_extract.astype(bool)]
    # Ballerup is 16th of the rows returned: the two above it (14th, 15th), none below.
    assert extract["rank"].tolist() == [*range(1, 11), 14, 15, 18]
    assert extract.left_out_before.tolist() == [0] * 10 + [3, 0, 0]


def test_a_home_in_the_top_10_adds_nothing_and_a_short_list_is_shown_whole(con):
    rows = ranking(con, group="i-alt")  # the shared fixture's 4, Ballerup 2nd
    assert rows.in_meeting_extract.all() and (rows.left_out_before == 0).all()
