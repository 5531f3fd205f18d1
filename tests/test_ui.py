"""KPI cards: one minus sign, no arrow or colour for no change, the arrow only for a change over time."""

import pytest

from dashboard.content import Kpi
from dashboard.ui import delta_style


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
