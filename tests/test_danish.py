from datetime import date

import pytest

from dashboard import danish


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1021, 0, "1.021"),
        (333072, 0, "333.072"),
        (4.3, 1, "4,3"),
        (-186, 0, "−186"),
        (0.04, 1, "0,0"),
        (None, 0, "–"),
        (float("nan"), 1, "–"),
        (1234567.891, 2, "1.234.567,89"),
    ],
)
def test_number_uses_danish_separators(value, decimals, expected):
    assert danish.number(value, decimals) == expected


def test_percent_signed_and_pct_point():
    assert danish.percent(4.3) == "4,3 %"
    assert danish.signed(184) == "+184"
    assert danish.signed(-186) == "−186"
    assert danish.signed(0) == "0"
    assert danish.pct_point(-0.2) == "−0,2 pct.-point"
    assert danish.pct_point(0.8) == "+0,8 pct.-point"


def test_dates_in_danish():
    assert danish.month_label(date(2020, 9, 1)) == "september 2020"
    assert danish.date_label(date(2020, 11, 25)) == "25. november 2020"


def test_hidden_figure_names_the_configured_threshold(monkeypatch):
    from dashboard.settings import get_settings

    monkeypatch.setenv("DASHBOARD_MIN_PERSONS", "3")
    get_settings.cache_clear()
    try:
        assert danish.hidden() == "<3"
    finally:
        monkeypatch.delenv("DASHBOARD_MIN_PERSONS")
        get_settings.cache_clear()
    assert danish.hidden() == "<5"
