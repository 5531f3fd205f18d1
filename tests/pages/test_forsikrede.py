"""Forsikrede ledige through AppTest."""

import pytest
from apptest import run_page
from focus_checks import (
    BAD_PARAMS,
    assert_falls_back_with_notice,
    assert_renders_with_sources_and_downloads,
    table,
    titles,
)


def test_forsikrede_renders_rank_against_the_top_10_target(app_db):
    at = run_page("forsikrede")
    assert at.title[0].value == "Forsikrede ledige"
    assert_renders_with_sources_and_downloads(at, sections=6)
    rank_title = titles(at)[0]
    assert "af 29 kommuner i Region Hovedstaden" in rank_title and "top 10" in rank_title


def test_the_ranking_follows_the_chosen_month(app_db):
    early = run_page("forsikrede", {"fra": "2018-01", "til": "2019-01"})
    late = run_page("forsikrede")
    assert not early.info and not early.exception
    assert titles(early)[1] != titles(late)[1]
    assert "ingen data" not in titles(early)[0]


def test_choosing_a_target_group_changes_duration(app_db):
    at = run_page("forsikrede")
    before = table(at, "Varighed").set_index("Område").loc["Ballerup", "Varighed"]
    at.selectbox(key="gruppe").set_value("kontanthjaelp-jobparat").run()
    assert not at.exception
    assert table(at, "Varighed").set_index("Område").loc["Ballerup", "Varighed"] != before


def test_documented_long_term_unemployment_is_exact(app_db):
    facts = table(run_page("forsikrede"), "Tal")
    assert facts["Værdi"].tolist() == ["26,3 %"]


@pytest.mark.parametrize("params", BAD_PARAMS)
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    assert_falls_back_with_notice(run_page("forsikrede", params), params)


def test_a_rank_target_of_a_plan_not_begun_by_the_chosen_month_is_not_judged(app_db):
    title = titles(run_page("forsikrede", {"til": "2016-12"}))[0]
    assert title.endswith("– målet om top 10: planen gælder fra 2021 (vedtaget december 2020)"), title
    assert "inden for målet" not in title and "fra målet" not in title
