"""Target status on the built database: what each target is measured on, and what it says when
there is nothing to measure (issue 16, section 6)."""

from datetime import date

import pandas as pd
import pytest

from dashboard.db import run_query


def targets(con, as_of):
    return run_query(
        con, "target_status", {"geo_code": "151", "as_of": as_of, "focus_area": None}, min_persons=5
    ).set_index("target_id")


@pytest.fixture(scope="module")
def latest(built_con):
    return targets(built_con, date(2022, 12, 31))


def test_a_target_on_a_group_the_database_lacks_has_no_data(latest):
    assert latest.loc["T16", "status"] == "ingen data"  # åbenlyst uddannelsesparate


def test_the_two_halves_of_maal_3_are_judged_apart(latest):
    assert latest.loc["T03", "indicator_id"] == "ordinaere_timer_andel"
    assert latest.loc["T03b", "indicator_id"] == "overgang_job_uddannelse"
    assert {latest.loc["T03", "group_code"], latest.loc["T03b", "group_code"]} == {"kontanthjaelp-aktivitetsparat"}


def test_ministerial_targets_and_the_2018_conversations_target_wait_for_data(latest):
    rows = latest.loc[["T24", "T25", "T26", "T27"]]
    assert set(rows["status"]) == {"ingen data"}
    assert rows.loc["T27", "direction"] == "på niveau med"


def test_planned_volumes_say_so_and_are_not_failed_for_exceeding(latest):
    volumes = latest[latest["direction"] == "planlagt omfang"]
    assert set(volumes.index) == {"T09", "T10", "T11", "T12", "T13", "T14", "T15"}
    above = volumes[volumes["value"] >= volumes["value_low"]]
    assert (above["status"] == "nået").all()


def test_a_plan_not_yet_begun_is_marked(built_con):
    before = targets(built_con, date(2020, 9, 1))
    assert before.loc["T01", "not_begun"] and not before.loc["T06", "not_begun"]
    assert before.loc["T01", "status"] == "ingen data"


@pytest.mark.parametrize("target_id", ["T18", "T28"])
def test_plan_2015s_cluster_targets_are_judged_against_the_cluster(built_con, latest, target_id):
    """"Mindst som klyngen" / "på niveau med klyngen": the reference is the cluster's own value for
    the month judged (December 2015), and lower long-term unemployment is the better side."""
    row = latest.loc[target_id]
    cluster = built_con.execute(
        """SELECT value FROM observation
           WHERE indicator_id = ? AND geo_code = 'KL151' AND grain = 'month' AND group_code = ?
             AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle' AND period_start = ?""",
        [row["indicator_id"], row["group_code"], row["period_start"]],
    ).fetchone()[0]
    assert row["period_start"].date() == date(2015, 12, 1)
    assert row["reference"] == cluster
    better = row["value"] >= cluster if target_id == "T18" else row["value"] <= cluster
    assert (row["status"] == "nået") == better


def test_the_long_term_target_is_measured_on_the_long_term_unemployed_share_of_the_labour_force(latest):
    assert latest.loc["T28", ["indicator_id", "group_code", "direction"]].tolist() == [
        "langtidsledige_af_arbejdsstyrken",
        "alle",
        "på niveau med",
    ]


def test_an_annual_target_is_judged_only_on_a_year_that_had_ended_by_the_month(built_con):
    """June 2018 knows no value of the year 2018; December 2018 does (issue 16 §2)."""
    june, december = targets(built_con, date(2018, 6, 1)), targets(built_con, date(2018, 12, 1))
    assert december.loc["T06", "grain"] == "year" and not pd.isna(december.loc["T06", "value"])
    assert pd.isna(june.loc["T06", "value"]) and june.loc["T06", "status"] == "ingen data"


@pytest.mark.parametrize("month", [date(2016, 6, 1), date(2018, 6, 1), date(2020, 9, 1)])
def test_no_target_uses_a_value_of_a_period_ending_after_the_month(built_con, month):
    rows = targets(built_con, month)
    grains = {"month": pd.offsets.MonthEnd(0), "year": pd.offsets.YearEnd(0)}
    measured = rows.dropna(subset=["period_start"])
    assert not measured.empty
    for row in measured.itertuples():
        assert pd.Timestamp(row.period_start) + grains[row.grain] <= pd.Timestamp(month) + pd.offsets.MonthEnd(0)


def test_a_target_knows_whether_its_document_was_published_after_the_month(built_con):
    june = targets(built_con, date(2016, 6, 1))
    assert set(june.index[june["published_later"]]) == {
        *(f"T{n:02d}" for n in range(1, 16)), "T03b", "T24", "T25", "T26", "T27"
    }
    september = targets(built_con, date(2020, 9, 1))
    assert set(september.loc[september["published_later"], "published"]) == {"2020-12-01", "2020-12-08"}
    assert not targets(built_con, date(2020, 12, 1))["published_later"].any()
