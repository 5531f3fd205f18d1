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
    assert_renders_with_sources_and_downloads(at, sections=5)
    assert "landsgennemsnittet" in titles(at)[0]
    assert "har varet over 3 år" in titles(at)[1]
    assert "målinger" in titles(at)[2]


def section_texts(at, title_start: str) -> list[str]:
    """The markdown and captions between the subheader starting with `title_start` and the next one."""
    texts, inside = [], False

    def walk(node) -> None:
        nonlocal inside
        for child in getattr(node, "children", {}).values():
            kind = type(child).__name__
            if kind == "Subheader":
                inside = str(child.value).startswith(title_start)
            elif inside and kind in ("Markdown", "Caption"):
                texts.append(str(child.value))
            walk(child)

    walk(at.main)
    return texts


def test_net_unemployed_kontanthjaelp_recipients_are_official_auk01_quarters_without_a_demo_badge(app_db):
    at = run_page("udfordringer")
    title = "54 nettoledige kontanthjælpsmodtagere i Ballerup i 4. kvartal 2022 – 4 flere end et år før"
    assert title in titles(at)
    texts = section_texts(at, title)
    assert "Kilde: Danmarks Statistik, AUK01." in texts and not any("DEMODATA" in t for t in texts)
    assert any(t.startswith("Seneste kvartal: 4. kvartal 2022.") for t in texts)


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


def test_the_page_says_how_fresh_its_official_figures_are_and_how_much_is_demo(app_db):
    at = run_page("udfordringer")
    status = [c.value for c in at.caption if c.value.startswith("Officielle tal på siden")]
    assert len(status) == 1
    assert "Danmarks Statistik, AUK01: data til og med december 2025" in status[0]
    assert "3 af 5 afsnit bygger helt eller delvis på demodata" in status[0]
