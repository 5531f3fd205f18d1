"""KPI cards: one minus sign, no arrow or colour for no change, the arrow only for a change over time.
A chart's filter note: the filters it follows with their values, and those it ignores."""

import pytest

from dashboard.content import Kpi
from dashboard.filters import Choice
from dashboard.ui import delta_style, follows_text

MONTHS = {"2020-01": "januar 2020", "2020-09": "september 2020"}
CHOICES = [
    Choice("fra", "Fra", tuple(MONTHS), MONTHS, "2020-01"),
    Choice("til", "Til og med", tuple(MONTHS), MONTHS, "2020-09"),
    Choice("sammenlign", "Sammenlign med", ("hele-landet",), {"hele-landet": "Hele landet"}, "hele-landet"),
    Choice("gruppe", "Målgruppe", ("alle", "dagpenge"), {"alle": "Alle målgrupper", "dagpenge": "Dagpenge"}, "alle"),
    Choice("koen", "Køn", ("alle", "kvinder"), {"alle": "Alle", "kvinder": "Kvinder"}, "alle"),
    Choice("emne", "Vis", ("ledige",), {"ledige": "Ledige uge for uge"}, "ledige"),
]
VALUES = {
    "fra": "2020-01",
    "til": "2020-09",
    "sammenlign": "hele-landet",
    "gruppe": "dagpenge",
    "koen": "alle",
    "emne": "ledige",
}


@pytest.mark.parametrize("delta", ["0,0 pct.-point", "0", "+0", "−0,0 %", "0 mod samme uger 2019"])
def test_a_change_of_zero_has_no_arrow_and_no_colour(delta):
    assert delta_style(Kpi("Ledighed", "2,5 %", delta, delta_color="inverse"))[1:] == ("off", "off")


@pytest.mark.parametrize("delta", ["0,05 pct.-point", "+4,3 %", "−186", "10"])
def test_a_change_that_is_not_zero_keeps_its_arrow(delta):
    assert delta_style(Kpi("Ledighed", "2,5 %", delta, delta_color="inverse"))[2] in ("up", "down")


def test_an_ascii_minus_becomes_the_one_minus_sign_and_points_down_in_green_when_lower_is_better():
    assert delta_style(Kpi("Forsørgertryk", "20,0 %", "-1,1 pct.-point", delta_color="inverse")) == (
        "−1,1 pct.-point",
        "green",
        "down",
    )
    assert delta_style(Kpi("Modtagere", "3.599", "+19", delta_color="inverse")) == ("+19", "red", "up")


def test_a_delta_that_is_not_a_change_over_time_has_no_arrow():
    kpi = Kpi(
        "Dagpenge",
        "16. plads af 98",
        "−31 (−0,09 pct.-point) i forhold til forventet",
        delta_color="inverse",
        delta_arrow="off",
    )
    assert delta_style(kpi) == (kpi.delta, "green", "off")


def test_a_filter_note_names_the_chosen_values_and_the_filters_the_chart_ignores():
    assert follows_text(CHOICES, VALUES, ("fra", "til", "gruppe", "koen", "sammenlign")) == (
        "Viser: januar 2020–september 2020 · Dagpenge · sammenlignet med Hele landet."
    )
    assert follows_text(CHOICES, VALUES, ("til", "koen")) == (
        "Viser: september 2020 · alle borgere. Følger ikke: sammenlign med, målgruppe."
    )


def test_a_chart_that_follows_no_filter_says_only_what_it_ignores():
    assert follows_text(CHOICES, VALUES, ()) == "Følger ikke: fra, til og med, sammenlign med, målgruppe, køn."
