"""A focus page's goal card and the chart beneath it agree on the latest value (issue 16, section 6)."""

import re

import pytest
from apptest import run_page
from focus_checks import titles

# page -> (the card's target as shown, which of the cards with that target has a chart beneath:
# on udfordringer the second half of Mål 3, "vende tilbage", is the chart)
PAGES = {
    "samarbejde": ("mindst 85 %", 0),
    "forsikrede": ("placering top 10 af 29", 0),
    "unge": ("på niveau med landsniveauet", 0),
    "udfordringer": ("på niveau med landsgennemsnittet", -1),
}


def card_value(at, target: str, nth: int) -> tuple[str, str]:
    card = [m.value for m in at.markdown if f"Mål: **{target}**" in m.value and "Seneste værdi" in m.value][nth]
    value, month = re.search(r"Seneste værdi: \*\*(.+?)\*\* \((.+?)\)", card).groups()
    return value.split(" (")[0], month


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_goal_card_and_the_chart_title_show_the_same_latest_value(app_db, page):
    at = run_page(page, {"til": "2022-06"})
    value, month = card_value(at, *PAGES[page])
    assert month == "juni 2022"
    assert any(value in t for t in titles(at)), (value, titles(at))


@pytest.mark.parametrize("page", ["samarbejde", "forsikrede", "udfordringer", "unge", "ikke-vestlig"])
def test_a_goal_card_quotes_only_the_plans_own_words(app_db, page):
    """A card's »…« is the document's sentence (views.focus.QUOTES), never the catalogue's paraphrase."""
    from dashboard.views.focus import QUOTES

    quotes = [re.match(r"> »(.+?)«\n", m.value, re.S) for m in run_page(page, {"til": "2021-06"}).markdown]
    quoted = [q.group(1) for q in quotes if q]
    assert quoted and set(quoted) <= set(QUOTES.values())


def test_the_two_halves_of_maal_3_say_which_half_each_card_is(app_db):
    origins = [m.value for m in run_page("udfordringer").markdown if "Mål 3," in m.value]
    assert any("første del: deltage på arbejdsmarkedet" in o for o in origins)
    assert any("anden del: vende tilbage til arbejdsmarkedet" in o for o in origins)
