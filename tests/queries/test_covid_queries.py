"""The COVID-19 queries against a hand-made fixture (tests/fixtures/covid_benchmark.sql)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.db import connect, run_query

BASE = date(2020, 3, 12)


@pytest.fixture(scope="module")
def con(covid_benchmark_con):
    return covid_benchmark_con


def q(con, name, **params) -> pd.DataFrame:
    return run_query(con, name, params, min_persons=5)


def weekly(con, **overrides) -> pd.DataFrame:
    params = {
        "indicator_id": "ledige_i_kontakt",
        "geo_code": "151",
        "group_code": "alle",
        "base_date": BASE,
        "compare_year": 2019,
        "first_week": date(2020, 3, 1),
        "last_week": date(2020, 12, 31),
    }
    return q(con, "covid_weekly_count", **(params | overrides))


def test_weekly_count_indexes_the_week_of_12_march_2020_at_100(con):
    rows = weekly(con)
    chosen = rows[rows.series == "valgt"].set_index("week")
    assert chosen.loc[pd.Timestamp("2020-03-09"), "index_pct"] == 100.0
    assert chosen.loc[pd.Timestamp("2020-03-16"), "index_pct"] == 110.0
    assert chosen.loc[pd.Timestamp("2020-03-23"), "persons"] == 600  # the document row counts too
    assert set(chosen.series_label) == {"2020"}


def test_weekly_count_compares_with_the_same_iso_weeks_of_2019_on_their_own_base(con):
    rows = weekly(con)
    compare = rows[rows.series == "sammenligning"].set_index("week")
    assert compare.loc[pd.Timestamp("2020-03-09"), "persons"] == 400  # 2019 week 11
    assert compare.loc[pd.Timestamp("2020-03-16"), "index_pct"] == 101.0  # 404 / 400
    assert pd.Timestamp("2020-03-23") not in compare.index  # no 2019 week 13 in the fixture
    assert set(compare.iso_year) == {2019} and set(compare.series_label) == {"Samme uge 2019"}


def test_weekly_count_respects_the_chosen_weeks(con):
    rows = weekly(con, first_week=date(2020, 3, 18), last_week=date(2020, 3, 18))
    assert rows[rows.series == "valgt"].week.tolist() == [pd.Timestamp("2020-03-16")]


def flagged(rows: pd.DataFrame, flag: str) -> list[tuple[str, pd.Timestamp]]:
    return list(zip(rows[rows[flag]].series, rows[rows[flag]].week, strict=True))


def test_weekly_count_marks_the_newest_week_and_the_newest_week_both_years_have(con):
    rows = weekly(con)
    assert flagged(rows, "is_newest") == [("valgt", pd.Timestamp("2020-03-23"))]  # 2019 has no week 13
    assert sorted(set(rows[rows.is_compared].week)) == [pd.Timestamp(f"2020-03-{d:02}") for d in (2, 9, 16)]
    assert sorted(flagged(rows, "is_newest_compared")) == [
        ("sammenligning", pd.Timestamp("2020-03-16")),
        ("valgt", pd.Timestamp("2020-03-16")),
    ]


def test_weekly_count_newest_week_is_one_the_privacy_view_shows(covid_benchmark_db):
    con = connect(covid_benchmark_db)
    rows = run_query(
        con,
        "covid_weekly_count",
        {
            "indicator_id": "ledige_i_kontakt",
            "geo_code": "151",
            "group_code": "sygedagpenge",
            "base_date": BASE,
            "compare_year": 2019,
            "first_week": date(2020, 3, 1),
            "last_week": date(2020, 12, 31),
        },
        min_persons=5,
    )
    assert rows.set_index("week").loc[pd.Timestamp("2020-03-16"), "suppressed"]  # 4 persons
    assert flagged(rows, "is_newest") == [("valgt", pd.Timestamp("2020-03-09"))]
    assert not rows.is_compared.any() and not rows.is_newest_compared.any()


def test_weekly_count_serves_national_new_registrations(con):
    rows = weekly(con, indicator_id="nytilmeldte", geo_code="000")
    chosen = rows[rows.series == "valgt"].set_index("week")
    assert chosen.loc[pd.Timestamp("2020-03-16"), "index_pct"] == 250.0


def test_index_by_group_hides_small_groups_and_their_index(con):
    rows = q(
        con,
        "covid_index_by_group",
        geo_code="151",
        base_date=BASE,
        first_week=date(2020, 3, 9),
        last_week=date(2020, 3, 22),
    )
    syge = rows[rows.group_code == "sygedagpenge"].set_index("week")
    assert syge.loc[pd.Timestamp("2020-03-09"), "index_pct"] == 100.0
    assert (
        pd.isna(syge.loc[pd.Timestamp("2020-03-16"), "index_pct"])
        and syge.loc[pd.Timestamp("2020-03-16"), "suppressed"]
    )
    dag = rows[rows.group_code == "dagpenge"].set_index("week")
    assert dag.loc[pd.Timestamp("2020-03-16"), "index_pct"] == 120.0
    assert rows.group_code.drop_duplicates().tolist() == ["alle", "dagpenge", "sygedagpenge"]


def test_flows_sign_afgang_and_hide_small_flows(con):
    rows = q(
        con,
        "covid_weekly_flows",
        geo_code="151",
        group_code="dagpenge",
        first_week=date(2020, 3, 9),
        last_week=date(2020, 3, 29),
    )
    week = rows[rows.week == pd.Timestamp("2020-03-16")].set_index("flow")
    assert week.loc["tilgang", "signed_count"] == 30 and week.loc["afgang", "signed_count"] == -10
    assert "net_count" not in rows.columns
    small = rows[rows.week == pd.Timestamp("2020-03-23")].set_index("flow")
    assert pd.isna(small.loc["afgang", "persons"]) and small.loc["afgang", "suppressed"]
    assert pd.isna(small.loc["afgang", "signed_count"]) and small.loc["tilgang", "persons"] == 13


def test_index_vs_areas_keeps_the_order_asked_for(con):
    rows = q(
        con,
        "covid_index_vs_areas",
        geo_codes=["000", "151"],
        group_code="alle",
        base_date=BASE,
        first_week=date(2020, 3, 9),
        last_week=date(2020, 3, 16),
    )
    assert rows.geo_code.tolist() == ["000", "000", "151", "151"]
    assert rows[rows.geo_code == "000"].index_pct.tolist() == [100.0, 120.0]


def test_events_between_two_dates(con):
    rows = q(con, "covid_events", first_day=date(2020, 3, 1), last_day=date(2020, 5, 1))
    assert rows.label_da.tolist() == ["Nedlukning"]
    assert rows.source.item() == "Tidslinje"


def test_documented_figures_as_of_a_day_leave_out_periods_not_ended_by_then(con):
    assert set(q(con, "covid_documented_figures", as_of=date(2020, 3, 24)).fact_id) == {"C4"}
    assert len(q(con, "covid_documented_figures", as_of=date(2020, 3, 25))) == 5


def test_documented_figures_are_recomputed_from_the_weekly_series(con):
    rows = q(con, "covid_documented_figures", as_of=None).set_index("fact_id")
    assert rows.loc["C1", "computed_value"] == 100  # 600 (week 13) - 500 (week 11)
    assert rows.loc["C1", "end_persons"] == 600
    assert rows.loc["C2", "computed_value"] == 43  # tilgang weeks 12 and 13
    assert rows.loc["C3", "computed_value"] == 130
    assert rows.loc["C4", "computed_value"] == (8000 + 20000) - (7000 + 7100)
    assert rows.loc["C5", "computed_value"] == 20.0
    assert set(rows.quality) == {"document"} and rows.loc["C1", "group_code"] == "alle"


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("covid_index_by_group", {"geo_code": "151"}),
        ("covid_index_vs_areas", {"group_code": "dagpenge", "geo_codes": ["151"]}),
        ("covid_weekly_count", {"indicator_id": "ledige_i_kontakt", "geo_code": "151", "group_code": "dagpenge",
                                "compare_year": 2019}),
    ],
)
def test_an_index_is_hidden_when_its_base_week_is(covid_benchmark_db, name, params):
    """Dagpenge: 100 in the base week, 130 two weeks later; at a threshold of 110 the base is
    hidden, and an index of 130,0 beside a shown 130 would give it away."""
    rows = run_query(
        connect(covid_benchmark_db),
        name,
        {"base_date": BASE, "first_week": date(2020, 3, 9), "last_week": date(2020, 3, 29), **params},
        min_persons=110,
    )
    week = rows[rows.get("group_code", pd.Series("dagpenge", index=rows.index)).eq("dagpenge")]
    week = week[(week.week == pd.Timestamp("2020-03-23")) & (week.get("series", "valgt") == "valgt")]
    assert len(week) == 1 and week.persons.iloc[0] == 130
    assert pd.isna(week.index_pct.iloc[0])
