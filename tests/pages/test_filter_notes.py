"""Filters a manager can trust (issue 18): every chart says under its title which of the page's
filters it follows, with the values shown, and which it ignores («Viser: … · Kvinder. Følger
ikke: målgruppe.»), on every page."""

import pytest
from apptest import run_page

from dashboard.nav import existing_views
from dashboard.report import record_page

CHOSEN = {"til": "2020-09", "gruppe": "dagpenge", "koen": "kvinder", "herkomst": "ikke-vestlig"}


@pytest.mark.parametrize("view", existing_views(), ids=lambda v: v.path)
def test_every_chart_section_on_every_page_says_which_filters_it_follows(app_db, view):
    recorded = record_page(view, CHOSEN)
    charts = [s for s in recorded.sections if s.chart is not None]
    assert charts
    unsaid = [s.key for s in charts if not (s.filters or "").startswith(("Viser:", "Følger ikke:"))]
    assert unsaid == []


def test_the_note_stands_under_the_title_of_each_chart_on_the_page(app_db):
    at = run_page("samarbejde", CHOSEN)
    assert not at.exception
    said = [c.value for c in at.caption if "Viser:" in c.value or "Følger ikke:" in c.value]
    assert len(said) == 4
    offer, talks, firm_offers, firms = said
    # aktivt tilbud has no breakdown by origin: the query fell back to all citizens, so it does not follow herkomst
    assert offer.endswith(
        "Viser: oktober 2017–september 2020 · Dagpenge · sammenlignet med Hele landet. Følger ikke: herkomst."
    )
    assert talks == offer
    assert firm_offers.endswith(
        "Viser: september 2020 · Dagpenge · Ikke-vestlig oprindelse · sammenlignet med Hele landet."
    )
    assert "Dagpenge" not in firms and firms.endswith("Følger ikke: målgruppe, herkomst.")


def test_a_chart_that_shows_another_group_than_the_chosen_one_names_the_one_it_shows(app_db):
    at = run_page("udfordringer", {"til": "2020-09"})
    said = next(c.value for c in at.caption if "Viser:" in c.value)
    assert "Kontanthjælp – aktivitetsparate" in said and "alle borgere" not in said
