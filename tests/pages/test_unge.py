"""Unge borgere through AppTest."""

import pytest
from apptest import run_page
from focus_checks import (
    BAD_PARAMS,
    assert_falls_back_with_notice,
    assert_renders_with_sources_and_downloads,
    table,
    titles,
)


def test_unge_renders_education_unemployment_and_benefit(app_db):
    at = run_page("unge")
    assert at.title[0].value == "Unge borgere"
    assert_renders_with_sources_and_downloads(at, sections=4)
    assert "landsniveauet" in titles(at)[0]
    assert "16–24-årige" in titles(at)[1] and "25–29-årige" in titles(at)[1]
    assert "modtagere af uddannelseshjælp" in titles(at)[2]


def test_choosing_a_gender_changes_youth_unemployment(app_db):
    at = run_page("unge")
    before = titles(at)[1]
    at.selectbox(key="koen").set_value("kvinder").run()
    assert not at.exception
    assert titles(at)[1] != before


def test_documented_youth_figures_are_exact(app_db):
    facts = table(run_page("unge"), "Tal").set_index("Tal")
    assert facts.loc["Ledighedsprocent (16–24-årige)", "Værdi"] == "5,4 %"
    assert facts.loc["Ledighedsprocent (25–29-årige)", "Værdi"] == "10,5 %"
    assert facts.loc["Modtagere af offentlig forsørgelse (uddannelseshjælp)", "Værdi"] == "460 personer"


@pytest.mark.parametrize("params", [{"koen": "mænd"}] + BAD_PARAMS[1:])
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    assert_falls_back_with_notice(run_page("unge", params), params)
