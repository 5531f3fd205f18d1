from datetime import date

import pytest

from dashboard import format as fmt


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(1021, 0, "1.021"), (333072, 0, "333.072"), (4.3, 1, "4,3"), (-186, 0, "−186"), (0.04, 1, "0,0"), (None, 0, "–"),
     (float("nan"), 1, "–"), (1234567.891, 2, "1.234.567,89")],
)
def test_number_uses_danish_separators(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_percent_signed_and_pct_point():
    assert fmt.percent(4.3) == "4,3 %"
    assert fmt.signed(184) == "+184"
    assert fmt.signed(-186) == "−186"
    assert fmt.signed(0) == "0"
    assert fmt.pct_point(-0.2) == "−0,2 pct.-point"
    assert fmt.pct_point(0.8) == "+0,8 pct.-point"


def test_dates_in_danish():
    assert fmt.month_label(date(2020, 9, 1)) == "september 2020"
    assert fmt.date_label(date(2020, 11, 25)) == "25. november 2020"


def test_hidden_figure_names_the_configured_threshold(monkeypatch):
    from dashboard.settings import get_settings

    monkeypatch.setenv("DASHBOARD_MIN_PERSONS", "3")
    get_settings.cache_clear()
    try:
        assert fmt.hidden() == "<3"
    finally:
        monkeypatch.delenv("DASHBOARD_MIN_PERSONS")
        get_settings.cache_clear()
    assert fmt.hidden() == "<5"
