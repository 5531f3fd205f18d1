"""The Overblik queries against the hand-made fixture database."""

from datetime import date

import pandas as pd
import pytest

from dashboard.db import QueryError, run_query

SEPT = date(2020, 9, 1)
ALL = dict(age_band="alle", gender="alle", origin="alle")


def q(con, name, **params) -> pd.DataFrame:
    return run_query(con, name, params, min_persons=5)


def test_rate_by_geography_returns_documented_september_2020_values(fixture_con):
    rows = q(
        fixture_con,
        "unemployment_rate_by_geography",
        geo_codes=["151", "hovedstadsomraadet", "000"],
        first_month=SEPT,
        last_month=SEPT,
        **ALL,
    )
    assert dict(zip(rows.geo_code, rows.rate_pct, strict=True)) == {"151": 4.3, "hovedstadsomraadet": 4.9, "000": 4.5}
    assert set(rows.source) == {"Referat EBU 8. december 2020"}


def test_rate_by_geography_orders_areas_as_asked_and_respects_the_period(fixture_con):
    rows = q(
        fixture_con,
        "unemployment_rate_by_geography",
        geo_codes=["000", "151"],
        first_month=date(2020, 8, 1),
        last_month=date(2020, 10, 1),
        **ALL,
    )
    assert rows.geo_code.tolist() == ["000", "151", "151", "151"]
    assert rows.month.min() == pd.Timestamp("2020-08-01")


def test_newest_month_of_a_series_is_marked_preliminary(fixture_con):
    rows = q(
        fixture_con,
        "unemployment_rate_by_geography",
        geo_codes=["151"],
        first_month=date(2019, 1, 1),
        last_month=date(2020, 12, 1),
        **ALL,
    )
    assert rows.loc[rows.preliminary, "month"].tolist() == [pd.Timestamp("2020-10-01")]


def test_headline_kpis_change_is_value_minus_same_month_last_year(fixture_con):
    rows = q(fixture_con, "headline_kpis", home_geo="151", compare_geo="000", month=SEPT, group_code="alle", **ALL)
    home = rows[rows.area == "home"].set_index("kpi")
    assert home.loc["ledighedsprocent", "value"] == 4.3
    assert home.loc["ledighedsprocent", "change"] == pytest.approx(0.8)
    assert home.loc["fuldtidsledige", "change"] == 150
    assert rows[(rows.area == "compare") & (rows.kpi == "ledighedsprocent")]["value"].item() == 4.5


def test_headline_kpis_hide_a_group_with_fewer_than_5_persons(fixture_con):
    rows = q(fixture_con, "headline_kpis", home_geo="151", compare_geo="000", month=SEPT, group_code="dagpenge", **ALL)
    row = rows[(rows.kpi == "fuldtidsledige") & (rows.area == "home")].iloc[0]
    assert row.suppressed and pd.isna(row.value) and pd.isna(row.persons)


def test_age_band_rate_hides_cells_under_5_persons_and_their_rate(fixture_con):
    rows = q(
        fixture_con,
        "unemployment_rate_by_age_band",
        home_geo="151",
        compare_geo="000",
        month=SEPT,
        gender="alle",
        origin="alle",
    )
    home = rows[rows.geo_code == "151"].set_index("age_band")
    assert home.loc["16-24", "rate_pct"] == 6.0
    assert pd.isna(home.loc["25-29", "rate_pct"]) and home.loc["25-29", "suppressed"]


def test_support_ratio_by_origin_excludes_the_total_and_hides_small_cells(fixture_con):
    rows = q(fixture_con, "support_ratio_by_origin", geo_code="151", first_month=SEPT, last_month=SEPT).set_index(
        "origin"
    )
    assert list(rows.index) == ["dansk", "vestlig", "ikke-vestlig"]
    assert rows.loc["vestlig", "ratio_pct"] == 25.0
    assert pd.isna(rows.loc["ikke-vestlig", "ratio_pct"])


def test_dimension_labels_and_comparison_areas(fixture_con):
    labels = q(fixture_con, "dimension_labels")
    assert labels[labels.dimension == "alder"].code.tolist() == ["alle", "16-24", "25-29"]
    areas = q(fixture_con, "comparison_areas", home_geo="151")
    assert areas.slug.tolist()[:2] == ["hele-landet", "region-hovedstaden"] and "ballerup" not in set(areas.slug)


def test_home_area_names_region_and_group(fixture_con):
    row = q(fixture_con, "home_area", home_geo="151").iloc[0]
    assert (row.region_name, row.municipality_group_name) == ("Region Hovedstaden", "Hovedstadskommuner")


def test_available_months_and_freshness(fixture_con):
    assert q(fixture_con, "available_months", home_geo="151").month.tolist() == [
        "2019-09",
        "2020-08",
        "2020-09",
        "2020-10",
    ]
    assert q(fixture_con, "data_freshness").data_as_of.item() == "2020-09-30"


def test_registry_refuses_unknown_queries_and_wrong_parameters(fixture_con):
    with pytest.raises(QueryError):
        q(fixture_con, "drop_everything")
    with pytest.raises(QueryError, match="mangler"):
        q(fixture_con, "home_area")
    with pytest.raises(QueryError, match="ukendte"):
        q(fixture_con, "data_freshness", home_geo="151")
