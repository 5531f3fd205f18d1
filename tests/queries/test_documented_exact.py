"""Every documented figure the focus pages and Mål og planer show is exactly as stated
in data/seed_facts.csv and data/seed_targets.csv (checked on the built database)."""

import csv
from datetime import date

import pytest

from dashboard.db import run_query
from dashboard.settings import PROJECT_ROOT

FOCUS_TOPICS = ["samarbejde", "forsikrede", "udfordringer", "unge"]


def seed(name):
    with (PROJECT_ROOT / "data" / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def q(con, name, **params):
    return run_query(con, name, params, min_persons=5)


def test_documented_figures_of_the_focus_pages_are_exact(built_con):
    rows = q(built_con, "documented_figures", topics=FOCUS_TOPICS, known_by_month=None)
    expected = {r["fact_id"]: float(r["value"]) for r in seed("seed_facts.csv") if r["topic"] in FOCUS_TOPICS}
    assert dict(zip(rows.fact_id, rows.value, strict=True)) == expected
    assert set(rows.quality) == {"document"}


def test_activation_table_2018_is_exactly_as_the_plan_states(built_con):
    rows = q(built_con, "activation_plan_2018", geo_code="151", as_of=date(2022, 12, 1)).set_index("target_id")
    facts = {(r["measure"], r["period"]): float(r["value"]) for r in seed("seed_facts.csv") if r["topic"] == "plan2018"}
    targets = {r["target_id"]: r for r in seed("seed_targets.csv") if r["focus_area"] == "aktivering"}
    assert sorted(rows.index) == sorted(targets)
    measures = [m for (m, p) in facts if p == "2016"]
    assert len(measures) == len(targets) == 10
    for target_id, target in targets.items():
        row = rows.loc[target_id]
        assert row.target_2018 == target["value"]
        assert row.indicator_text == target["indicator_text"]
    # Realised 2016 and expected 2017, pairwise as the plan's rows state them (plan order).
    realised = [facts[(m, "2016")] for m in measures]
    expected = [facts[(m, "2017")] for m in measures]
    assert rows.realised_2016.tolist() == realised
    assert rows.expected_2017.tolist() == expected


def test_every_seed_target_has_a_status_source_and_section(built_con):
    rows = q(built_con, "target_status", geo_code="151", as_of=date(2022, 12, 31), focus_area=None).set_index(
        "target_id"
    )
    targets = seed("seed_targets.csv")
    assert sorted(rows.index) == sorted(t["target_id"] for t in targets)
    for t in targets:
        row = rows.loc[t["target_id"]]
        assert (row.indicator_text, row.value_text, row.locator) == (t["indicator_text"], t["value"], t["locator"])
        assert row.source_url.startswith("documents/")
        assert row.status in {"nået", "på vej", "ikke nået", "ingen data"}


def test_targets_without_a_measuring_series_say_no_data(built_con):
    rows = q(built_con, "target_status", geo_code="151", as_of=date(2022, 12, 31), focus_area=None).set_index(
        "target_id"
    )
    unmeasured = [r["target_id"] for r in seed("target_indicators.csv") if not r["indicator_id"]]
    assert unmeasured and set(rows.loc[unmeasured, "status"]) == {"ingen data"}


@pytest.mark.parametrize("target_id", ["T06", "T07", "T08", "T09", "T10", "T11", "T12", "T13", "T14", "T15"])
def test_activation_table_status_agrees_with_the_target_list(built_con, target_id):
    table = q(built_con, "activation_plan_2018", geo_code="151", as_of=date(2022, 12, 1)).set_index("target_id")
    listing = q(built_con, "target_status", geo_code="151", as_of=date(2022, 12, 31), focus_area="aktivering")
    listing = listing.set_index("target_id")
    assert table.loc[target_id, "status"] == listing.loc[target_id, "status"]
    assert table.loc[target_id, "measured_2018"] == listing.loc[target_id, "value"]


def test_socialt_frikort_is_shown_against_the_expected_number(built_con):
    rows = q(built_con, "documented_figures", topics=["frikort"], known_by_month=None).set_index("fact_id")
    assert rows.loc["F59", "value"] == 12 and rows.loc["F59", "measure_name"] == "Visiterede til frikort"
    assert rows.loc["F69", "value"] == 38
    assert rows.loc["F69", "measure_name"] == "Forventede visiterede til socialt frikort pr. år"
    assert set(rows["source"]) == {"Referat, Erhvervs- og Beskæftigelsesudvalget 8. december 2020"}


def test_a_month_before_a_document_was_published_leaves_its_figures_out(built_con):
    """The frikort figures come from the minutes of 8 December 2020 (issue 16, section 2)."""
    september = q(built_con, "documented_figures", topics=["frikort"], known_by_month=date(2020, 9, 1))
    december = q(built_con, "documented_figures", topics=["frikort"], known_by_month=date(2020, 12, 1))
    assert september.empty
    assert set(december.fact_id) == {"F59", "F69"}
