"""Borgere med ikke-vestlig baggrund through AppTest."""

import re

import pytest
from apptest import run_page
from focus_checks import (
    BAD_PARAMS,
    assert_falls_back_with_notice,
    assert_renders_with_sources_and_downloads,
    run_started,
    table,
    titles,
)


def test_ikke_vestlig_renders_the_gap_and_comparisons_within_groups(app_db):
    at = run_started("ikke-vestlig")
    assert at.title[0].value == "Borgere med ikke-vestlig baggrund"
    assert_renders_with_sources_and_downloads(at, sections=5)
    assert re.match(
        r"Ledigheden for borgere med ikke-vestlig baggrund er \d+,\d pct\.-point (over|under)", titles(at)[0]
    )
    assert titles(at)[2].startswith("Sagsvarighed:")


def test_the_gap_in_the_title_is_the_gap_in_the_table(app_db):
    at = run_started("ikke-vestlig")
    gap = table(at, "Forskel").set_index("Område").loc["Ballerup", "Forskel"]
    assert gap.replace(" pct.-point", "") in titles(at)[0] and gap.replace(" pct.-point", "") in titles(at)[1]


def test_choosing_an_age_band_changes_the_gap(app_db):
    at = run_started("ikke-vestlig")
    before = titles(at)[0]
    at.selectbox(key="alder").set_value("25-29").run()
    assert not at.exception
    assert titles(at)[0] != before


def test_small_groups_show_as_under_5(app_db):
    at = run_started("ikke-vestlig")
    sanctions = table(at, "Ikke-vestlig baggrund", nth=2)
    assert "<5" in set(sanctions["Ikke-vestlig baggrund"])


@pytest.mark.parametrize("params", [{"alder": "16-99"}] + BAD_PARAMS[1:])
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    assert_falls_back_with_notice(run_started("ikke-vestlig", params), params)


def test_a_chart_with_every_figure_hidden_is_a_sentence_saying_why_not_an_empty_axis(app_db):
    texts = [i.value for i in run_page("ikke-vestlig").info]
    assert any(t.startswith("Intet at tegne: alle tal i figuren bygger på under 5 personer") for t in texts), texts
