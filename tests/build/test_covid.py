"""The weekly COVID-19 demo series in the built database pass exactly through the documents."""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from dashboard.build import covid, demo, read_csv
from dashboard.settings import PROJECT_ROOT

GROUP_OF = {"alle_i_kontakt_med_center_for_arbejdsmarked": "alle", "dagpenge": "dagpenge", "alle": "alle"}


def monday(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def weekly(con, indicator: str, geo: str, group: str) -> pd.Series:
    frame = con.execute(
        """SELECT period_start, value FROM observation
           WHERE indicator_id = ? AND geo_code = ? AND group_code = ? AND grain = 'week'
             AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'
           ORDER BY period_start""",
        [indicator, geo, group],
    ).df()
    return pd.Series(frame["value"].to_numpy(), index=pd.to_datetime(frame["period_start"]).dt.date)


def fact(con, fact_id: str) -> dict:
    row = con.execute("SELECT * FROM document_fact WHERE fact_id = ?", [fact_id]).df().iloc[0]
    return row.to_dict()


def span(period: str) -> tuple[date, date]:
    first, last = period.split("..")
    return monday(first), monday(last)


def test_every_documented_change_in_ledige_is_exact(built_con):
    facts = built_con.execute(
        "SELECT fact_id, geography, period, target_group, value FROM document_fact WHERE measure = 'change_in_ledige'"
    ).df()
    assert len(facts) >= 8
    for f in facts.itertuples():
        stock = weekly(built_con, "ledige_i_kontakt", f.geography, GROUP_OF[f.target_group])
        first, last = span(f.period)
        assert stock[last] - stock[first] == f.value, f.fact_id


@pytest.mark.parametrize(("change_fact", "pct_fact"), [("F14", "F15"), ("F62", None)])
def test_relative_changes_round_to_the_stated_percent(built_con, change_fact, pct_fact):
    change = fact(built_con, change_fact)
    first, _ = span(change["period"])
    level = weekly(built_con, "ledige_i_kontakt", "151", "alle")[first]
    stated = (
        fact(built_con, pct_fact)["value"]
        if pct_fact
        else float(re.search(r"\+(\d+\.\d) pct", change["note"]).group(1))
    )
    assert round(change["value"] / level * 100, 1) == stated


def test_dagpenge_on_25_november_2020_is_1021(built_con):
    stock = weekly(built_con, "ledige_i_kontakt", "151", "dagpenge")
    assert stock[monday("2020-11-25")] == fact(built_con, "F21")["value"] == 1021


@pytest.mark.parametrize(("fact_id", "indicator"), [("F19", "tilgang"), ("F20", "afgang")])
def test_dagpenge_flows_sum_to_the_stated_figures_and_the_span_row(built_con, fact_id, indicator):
    f = fact(built_con, fact_id)
    first, last = span(f["period"])
    flows = weekly(built_con, indicator, "151", "dagpenge")
    total = flows[(flows.index > first) & (flows.index <= last)].sum()
    span_row = built_con.execute(
        """SELECT value FROM observation
           WHERE indicator_id = ? AND geo_code = '151' AND grain = 'span' AND group_code = 'dagpenge'""",
        [indicator],
    ).fetchone()[0]
    assert total == f["value"] == span_row


def test_spring_inflow_and_outflow_of_all_groups_match_f60(built_con):
    first, last = span(fact(built_con, "F60")["period"])
    inflow = weekly(built_con, "tilgang", "151", "alle")
    outflow = weekly(built_con, "afgang", "151", "alle")
    window = (inflow.index > first) & (inflow.index <= last)
    assert (inflow[window].sum(), outflow[window].sum()) == (951, 529)


def test_national_new_registrations_match_f12_and_the_excess_over_2019_f13(built_con):
    f12, f13 = fact(built_con, "F12"), fact(built_con, "F13")
    first, last = span(f12["period"])
    new = weekly(built_con, "nytilmeldte", "000", "alle")
    in_2020 = new[(new.index >= first) & (new.index <= last)]
    same_2019 = new[(new.index >= first - timedelta(weeks=52)) & (new.index <= last - timedelta(weeks=52))]
    assert [d.isocalendar().week for d in same_2019.index] == [d.isocalendar().week for d in in_2020.index]
    assert in_2020.sum() == f12["value"]
    assert in_2020.sum() - same_2019.sum() == f13["value"]


@pytest.mark.parametrize("geo", ["151", "000", "084", "825"])
@pytest.mark.parametrize("group", ["alle", "dagpenge"])
def test_stock_moves_by_inflow_minus_outflow_and_flows_are_never_negative(built_con, geo, group):
    stock = weekly(built_con, "ledige_i_kontakt", geo, group)
    inflow = weekly(built_con, "tilgang", geo, group)
    outflow = weekly(built_con, "afgang", geo, group)
    assert len(stock) == len(inflow) == len(outflow) == len(covid.WEEKS)
    np.testing.assert_array_equal(np.diff(stock.to_numpy()), (inflow - outflow).to_numpy()[1:])
    assert inflow.min() >= 0 and outflow.min() >= 0 and stock.min() >= 0


def test_group_alle_is_the_sum_of_the_groups_and_areas_the_sum_of_municipalities(built_con):
    mismatches = built_con.execute(
        """
        WITH w AS (SELECT * FROM observation WHERE indicator_id = 'ledige_i_kontakt' AND grain = 'week'),
        groups AS (
            SELECT geo_code, period_start, sum(value) FILTER (WHERE group_code <> 'alle') AS summed,
                   max(value) FILTER (WHERE group_code = 'alle') AS total
            FROM w GROUP BY ALL),
        areas AS (
            SELECT gm.geo_code, w.period_start, w.group_code, sum(w.value) AS summed
            FROM w JOIN geography_member gm ON gm.member_code = w.geo_code
            JOIN geography g ON g.geo_code = w.geo_code AND g.level = 'kommune'
            GROUP BY ALL)
        SELECT (SELECT count(*) FROM groups WHERE summed <> total),
               (SELECT count(*) FROM areas a JOIN w USING (geo_code, period_start, group_code)
                WHERE a.summed <> w.value),
               (SELECT count(*) FROM areas)
        """
    ).fetchone()
    assert mismatches[:2] == (0, 0) and mismatches[2] > 0


def test_every_municipality_and_area_has_every_iso_week_2019_to_2021(built_con):
    rows = built_con.execute(
        """SELECT count(DISTINCT geo_code), count(DISTINCT period_start), min(period_start), max(period_start),
                  bool_and(isodow(period_start) = 1)
           FROM observation WHERE indicator_id = 'ledige_i_kontakt' AND grain = 'week' AND group_code = 'alle'"""
    ).fetchone()
    areas = built_con.execute("SELECT count(*) FROM geography").fetchone()[0]
    assert rows == (areas, 157, date(2018, 12, 31), date(2021, 12, 27), True)


def test_the_shape_is_flat_in_2019_jumps_in_spring_2020_and_recovers_in_2021(built_con):
    stock = weekly(built_con, "ledige_i_kontakt", "000", "alle")
    stock.index = pd.to_datetime(stock.index)
    y2019 = stock["2019"]
    assert y2019.max() / y2019.min() < 1.1
    before, spring = stock[pd.Timestamp("2020-03-09")], stock["2020-04-13":"2020-05-31"].max()
    assert spring / before > 1.1
    assert stock["2021-12"].mean() < spring


def test_weekly_cells_are_deterministic():
    munis = demo.municipalities(read_csv(PROJECT_ROOT / "data", "municipalities.csv"))
    cal = covid.Calibration(
        home_total={62: 4280, 99: 4464},
        home_dagpenge={62: 796, 99: 1021},
        dagpenge_flows=(63, 99, 1986, 1761),
        spring_flows=(63, 72, 951, 529),
        national_change=(62, 95, 49472),
        new_2020=(62, 99, 333072),
        new_2019=(10, 47, 282493),
    )
    first, second = covid.weekly_cells(munis, cal, "151"), covid.weekly_cells(munis, cal, "151")
    pd.testing.assert_frame_equal(first, second)


def test_conflicting_documented_changes_are_refused():
    with pytest.raises(ValueError, match="disagree"):
        covid.solve_levels(0, 100, [(0, 5, 10), (5, 9, 3), (0, 9, 20)])
