"""The focus-area queries on the hand-made focus fixture (tests/queries/focus_fixture.py)."""

from datetime import date

import duckdb
import pandas as pd
import pytest
from focus_fixture import build_focus_fixture

from dashboard.db import run_query

DEC22 = date(2022, 12, 1)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = build_focus_fixture(tmp_path_factory.mktemp("focus") / "focus.duckdb")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def q(con, name, **params) -> pd.DataFrame:
    return run_query(con, name, params, min_persons=5)


def test_indicator_series_keeps_the_asked_area_order_and_period(con):
    rows = q(
        con,
        "indicator_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151", "000"],
        group_code="alle",
        origin="alle",
        first_month=date(2022, 11, 1),
        last_month=DEC22,
    )
    assert rows.geo_code.tolist() == ["151", "151", "000", "000"]
    assert rows.value.tolist() == [82.0, 84.9, 86.0, 86.0]


def test_indicator_series_marks_only_the_newest_period_of_the_whole_series_preliminary(con):
    rows = q(
        con,
        "indicator_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151"],
        group_code="alle",
        origin="alle",
        first_month=date(2022, 1, 1),
        last_month=date(2023, 1, 1),
    )
    assert rows.loc[rows.preliminary, "month"].tolist() == [pd.Timestamp("2023-01-01")]
    window = q(
        con,
        "indicator_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151"],
        group_code="alle",
        origin="alle",
        first_month=date(2022, 1, 1),
        last_month=DEC22,
    )
    assert not window.preliminary.any()


def test_indicator_series_marks_every_row_of_the_newest_month_shown_as_newest(con):
    window = q(
        con,
        "indicator_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151", "000"],
        group_code="alle",
        origin="alle",
        first_month=date(2022, 1, 1),
        last_month=DEC22,
    )
    assert window.loc[window.is_newest, "month"].tolist() == [pd.Timestamp(DEC22)] * 2  # not the newer 2023-01
    assert window.loc[window.is_newest, "geo_code"].tolist() == ["151", "000"]


def test_indicator_series_falls_back_to_all_for_a_breakdown_it_lacks(con):
    rows = q(
        con,
        "indicator_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151"],
        group_code="ressourceforloeb",
        origin="ikke-vestlig",
        first_month=DEC22,
        last_month=DEC22,
    )
    assert (rows.group_code.item(), rows.origin.item(), rows.value.item()) == ("alle", "alle", 84.9)
    chosen = q(
        con,
        "indicator_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151"],
        group_code="dagpenge",
        origin="alle",
        first_month=DEC22,
        last_month=DEC22,
    )
    assert (chosen.group_code.item(), chosen.value.item()) == ("dagpenge", 83.0)


def test_indicator_series_hides_values_built_on_fewer_than_5_persons(con):
    rows = q(
        con,
        "indicator_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151"],
        group_code="kontanthjaelp-aktivitetsparat",
        origin="alle",
        first_month=DEC22,
        last_month=DEC22,
    )
    assert rows.suppressed.item() and pd.isna(rows.value.item())


def test_latest_by_geography_gives_change_and_difference_to_home(con):
    rows = q(
        con,
        "indicator_latest_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151", "000", "084"],
        group_code="alle",
        origin="alle",
        month=date(2022, 12, 15),
    )
    rows = rows.set_index("geo_code")
    assert rows.index.tolist() == ["151", "000", "084"]
    assert rows.loc["151", "change"] == pytest.approx(4.9)
    assert rows.loc["000", "home_minus_area"] == pytest.approx(-1.1)
    assert rows.loc["151", "is_home"] and not rows.loc["000", "is_home"]


def test_latest_by_geography_takes_the_newest_period_up_to_the_month(con):
    rows = q(
        con,
        "indicator_latest_by_geography",
        indicator_id="aktivt_tilbud_13_uger",
        geo_codes=["151"],
        group_code="alle",
        origin="alle",
        month=date(2030, 1, 1),
    )
    assert (rows.month.item(), rows.value.item()) == (pd.Timestamp("2023-01-01"), 90.0)


def test_rank_over_time_ranks_lowest_share_first_with_ties(con):
    rows = q(
        con,
        "rank_in_region_over_time",
        indicator_id="andel_forsikrede_ledige",
        geo_code="151",
        first_month=date(2021, 1, 1),
        last_month=DEC22,
    )
    assert rows.month.tolist() == [pd.Timestamp("2021-12-01"), pd.Timestamp("2022-06-01"), pd.Timestamp("2022-12-01")]
    assert rows["rank"].tolist() == [4, 4, 2]
    assert rows.ranked_count.unique().tolist() == [4]
    assert rows.best_value.tolist() == [1.0, 1.0, 1.0]


def test_region_ranking_lists_every_municipality_with_shared_ranks(con):
    rows = q(con, "region_ranking", indicator_id="andel_forsikrede_ledige", geo_code="151", month=DEC22)
    assert rows["rank"].tolist() == [1, 2, 2, 4]
    assert rows.loc[rows.is_home, "geo_code"].item() == "151"


def test_duration_bands_sum_to_100_and_compare_with_the_country(con):
    rows = q(con, "duration_bands", geo_code="151", compare_geo="000", origin="alle", month=DEC22)
    home = rows[rows.geo_code == "151"]
    assert home.band.tolist() == ["under-1", "1-3", "over-3"]
    assert home.share_pct.sum() == pytest.approx(100)
    assert rows[rows.geo_code == "000"].share_pct.tolist() == [33.0, 44.0, 23.0]


def test_indicators_vs_national_difference_and_direction(con):
    rows = q(
        con,
        "indicators_vs_national",
        indicator_ids=["loentilskud_andel"],
        group_codes=["kontanthjaelp-aktivitetsparat", "ressourceforloeb"],
        geo_code="151",
        month=DEC22,
    )
    rows = rows.set_index("group_code")
    assert rows.loc["kontanthjaelp-aktivitetsparat", "difference"] == pytest.approx(0.5)
    assert bool(rows.loc["kontanthjaelp-aktivitetsparat", "better_than_national"]) is True
    assert rows.loc["ressourceforloeb", "difference"] == 0
    assert pd.isna(rows.loc["ressourceforloeb", "better_than_national"])


def test_gap_by_origin_uses_counts_for_other_citizens(con):
    rows = q(
        con,
        "unemployment_gap_by_origin",
        geo_codes=["151"],
        first_month=date(2021, 12, 1),
        last_month=DEC22,
        age_band="alle",
        gender="alle",
    )
    assert rows.rate_oevrige_pct.tolist() == [5.4, 5.0]
    assert rows.rate_ikke_vestlig_pct.tolist() == [13.0, 12.0]
    assert rows.gap_pct_point.tolist() == [7.6, 7.0]
    assert pd.isna(rows.gap_year_before.iloc[0]) and rows.gap_year_before.iloc[1] == 7.6


def test_gap_by_origin_finds_the_year_before_outside_the_window(con):
    rows = q(
        con,
        "unemployment_gap_by_origin",
        geo_codes=["151"],
        first_month=DEC22,
        last_month=DEC22,
        age_band="alle",
        gender="alle",
    )
    assert (rows.month.tolist(), rows.gap_year_before.tolist()) == ([pd.Timestamp("2022-12-01")], [7.6])


def test_gap_by_origin_hides_rates_of_a_small_group(con):
    rows = q(
        con,
        "unemployment_gap_by_origin",
        geo_codes=["153"],
        first_month=DEC22,
        last_month=DEC22,
        age_band="alle",
        gender="alle",
    )
    row = rows.iloc[0]
    assert row.suppressed and pd.isna(row.rate_ikke_vestlig_pct) and pd.isna(row.gap_pct_point)


def test_gap_by_origin_agrees_with_the_target_status_reference(con):
    gap = q(
        con,
        "unemployment_gap_by_origin",
        geo_codes=["151"],
        first_month=DEC22,
        last_month=DEC22,
        age_band="alle",
        gender="alle",
    )
    target = q(con, "target_status", geo_code="151", as_of=date(2023, 1, 31), focus_area="ikke_vestlig")
    assert gap.rate_oevrige_pct.item() == pytest.approx(round(target.reference.item(), 1))


def test_group_by_origin_weights_other_citizens_by_cases_for_durations(con):
    rows = q(con, "indicator_by_group_and_origin", indicator_id="sagsvarighed", geo_code="151", month=DEC22)
    rows = rows.set_index("group_code")
    assert rows.loc["dagpenge", "value_oevrige"] == pytest.approx(21.0)
    assert rows.loc["dagpenge", "gap"] == pytest.approx(9.0)
    # 4 ikke-vestlige cases: hidden, with the gap derived from them.
    assert rows.loc["kontanthjaelp-aktivitetsparat", "suppressed"]
    assert pd.isna(rows.loc["kontanthjaelp-aktivitetsparat", "gap"])


def test_group_by_origin_weights_shares_by_their_base(con):
    rows = q(con, "indicator_by_group_and_origin", indicator_id="loentilskud_andel", geo_code="151", month=DEC22)
    row = rows.set_index("group_code").loc["dagpenge"]
    assert row.value_oevrige == pytest.approx(11.7)
    assert row.gap == pytest.approx(-6.7)


def test_activation_table_has_realised_expected_target_and_status(con):
    rows = q(con, "activation_plan_2018", geo_code="151", as_of=date(2022, 12, 1)).set_index("target_id")
    row = rows.loc["TE"]
    assert (row.realised_2016, row.expected_2017, row.target_2018) == (40.0, 38.0, "38-40")
    assert (row.measured_2018, row.status) == (39.0, "nået")
    assert row.table_name == "Aktiveringsomfang"


def test_documented_figures_by_topic(con):
    rows = q(con, "documented_figures", topics=["plan2018"], known_by_month=None)
    assert rows.fact_id.tolist() == ["F39", "F40"]
    assert rows.measure_name.tolist() == ["Andel aktiverede borgere", "andel_aktiverede"]
    assert set(rows.quality) == {"document"}


def test_youth_unemployment_gives_both_young_bands_and_hides_small_cells(con):
    rows = q(
        con,
        "youth_unemployment_rate",
        geo_codes=["151", "000"],
        first_month=DEC22,
        last_month=DEC22,
        gender="alle",
        origin="alle",
    )
    assert rows[["geo_code", "age_band"]].values.tolist() == [["151", "16-24"], ["151", "25-29"], ["000", "16-24"]]
    assert rows.rate_pct.tolist()[0] == 6.0
    assert pd.isna(rows.rate_pct.tolist()[1]) and rows.suppressed.tolist()[1]
    assert rows.series.tolist()[0] == "Ballerup, 16–24 år"


def test_the_2018_activation_value_is_measured_only_once_2018_is_over(con):
    """A month before the end of 2018 has no 2018 figure (the year's value came later)."""
    june = q(con, "activation_plan_2018", geo_code="151", as_of=date(2018, 6, 1)).set_index("target_id")
    december = q(con, "activation_plan_2018", geo_code="151", as_of=date(2018, 12, 1)).set_index("target_id")
    assert pd.isna(june.loc["TE", "measured_2018"]) and june.loc["TE", "status"] == "ingen data"
    assert str(june.loc["TE", "measured_from"])[:10] == "2018-12-31"
    assert december.loc["TE", "measured_2018"] == 39.0
