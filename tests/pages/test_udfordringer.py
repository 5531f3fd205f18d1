"""Borgere med udfordringer ud over ledighed through AppTest."""

import pytest
from apptest import run_page
from focus_checks import (
    BAD_PARAMS,
    assert_falls_back_with_notice,
    assert_renders_with_sources_and_downloads,
    table,
    titles,
)


def test_udfordringer_renders_return_duration_and_tools(app_db):
    at = run_page("udfordringer")
    assert at.title[0].value == "Borgere med udfordringer ud over ledighed"
    assert_renders_with_sources_and_downloads(at, sections=4)
    assert "landsgennemsnittet" in titles(at)[0]
    assert "har varet over 3 år" in titles(at)[1]
    assert "målinger" in titles(at)[2]


def test_choosing_an_origin_changes_the_duration_bands(app_db):
    at = run_page("udfordringer")
    before = titles(at)[1]
    at.selectbox(key="herkomst").set_value("ikke-vestlig").run()
    assert not at.exception
    assert titles(at)[1] != before


def test_ressourceforloeb_can_be_chosen_and_other_groups_fall_back(app_db):
    chosen = run_page("udfordringer", {"gruppe": "ressourceforloeb"})
    default = run_page("udfordringer")
    assert titles(chosen)[0] != titles(default)[0]
    other = run_page("udfordringer", {"gruppe": "dagpenge"})
    assert titles(other)[0] == titles(default)[0]
    assert any("kun for de to målgrupper" in c.value for c in other.caption)


def test_documented_duration_figures_are_exact(app_db):
    facts = table(run_page("udfordringer"), "Tal")
    assert facts["Værdi"].tolist() == ["32 %", "25,2 %", "12 personer", "38 personer"]
    assert facts["Tal"].tolist()[2:] == ["Visiterede til frikort", "Forventede visiterede til socialt frikort pr. år"]


@pytest.mark.parametrize("params", BAD_PARAMS)
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    assert_falls_back_with_notice(run_page("udfordringer", params), params)
