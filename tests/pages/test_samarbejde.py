"""Samarbejde i øjenhøjde through AppTest."""

import pytest
from apptest import run_page
from focus_checks import (
    BAD_PARAMS,
    assert_falls_back_with_notice,
    assert_renders_with_sources_and_downloads,
    table,
    titles,
)


def test_samarbejde_renders_targets_charts_sources_and_downloads(app_db):
    at = run_page("samarbejde")
    assert at.title[0].value.startswith("Samarbejde i øjenhøjde")
    assert_renders_with_sources_and_downloads(at, sections=5)
    assert any("mindst 85 procent" in m.value for m in at.markdown), "the plan's target is quoted"
    assert "i aktivt tilbud inden for 13 uger" in titles(at)[0]


def test_documented_cooperation_figures_are_shown_exactly(app_db):
    at = run_page("samarbejde")
    facts = table(at, "Tal").set_index("Tal")
    assert facts.loc["Samarbejdsgrad med virksomheder", "Værdi"] == "16,6 %"
    assert facts.loc["Virksomheders samarbejde med et jobcenter", "Værdi"] == "33,4 %"


def test_choosing_a_target_group_changes_the_numbers(app_db):
    at = run_page("samarbejde")
    before = table(at, "Andel").set_index("Område").loc["Ballerup", "Andel"]
    at.selectbox(key="gruppe").set_value("dagpenge").run()
    assert not at.exception
    assert table(at, "Andel").set_index("Område").loc["Ballerup", "Andel"] != before


def test_a_group_the_indicator_lacks_falls_back_with_a_note(app_db):
    at = run_page("samarbejde", {"gruppe": "sygedagpenge"})
    assert not at.exception
    assert any("viser alle målgrupper" in c.value for c in at.caption)


@pytest.mark.parametrize("params", BAD_PARAMS)
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    assert_falls_back_with_notice(run_page("samarbejde", params), params)


def test_the_demo_marker_is_shown_once_per_chart_not_once_per_table_row(app_db):
    at = run_page("samarbejde")
    badges = sum("DEMODATA" in (md.value or "") for md in at.markdown)
    per_row = sum(
        t.value.astype(str).apply(lambda column: column.str.startswith("Demodata")).to_numpy().sum() for t in at.table
    )
    assert per_row == 0
    assert badges <= 1 + sum(c.value.startswith("Kilde:") for c in at.caption)


def test_a_target_of_a_plan_not_begun_by_the_chosen_month_is_not_judged(app_db):
    title = titles(run_page("samarbejde", {"til": "2016-12"}))[0]
    assert title.endswith("– målet på mindst 85 %: planen gælder fra 2021 (vedtaget december 2020)"), title
    assert "nået" not in title and "under målet" not in title and "over målet" not in title


def test_a_target_of_a_plan_in_force_is_judged(app_db):
    title = titles(run_page("samarbejde", {"til": "2022-12"}))[0]
    assert "målet på 85 %" in title or "målet på mindst 85 % er nået" in title, title
