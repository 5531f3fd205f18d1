"""Numbers, periods and category sums: the small rules every importer relies on."""

from datetime import date

import pytest

from dashboard.importers.benchmark import benchmark_period
from dashboard.importers.categories import age, origin
from dashboard.importers.cells import Aggregator
from dashboard.importers.periods import parse_period
from dashboard.importers.text import parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234", 1234.0),
        ("4,3", 4.3),
        ("1.234.567,25", 1234567.25),
        ("0", 0.0),
        ("-3", -3.0),
        (" 17 ", 17.0),
        (12, 12.0),
        (2.5, 2.5),
        ("..", None),
        ("-", None),
    ],
)
def test_danish_numbers_are_read_as_written(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("12.5", "decimalkomma"),
        ("abc", "ikke et tal"),
        ("1,2,3", "ikke et tal"),
        ("", "mangler"),
        ("nan", "ikke et tal"),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_number(text)


@pytest.mark.parametrize(
    ("code", "grain", "start", "end"),
    [
        ("2020M09", "month", date(2020, 9, 1), date(2020, 9, 30)),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29)),
        ("2020K3", "quarter", date(2020, 7, 1), date(2020, 9, 30)),
        ("2020Q1", "quarter", date(2020, 1, 1), date(2020, 3, 31)),
        ("2020H2", "half_year", date(2020, 7, 1), date(2020, 12, 31)),
        ("2020U12", "week", date(2020, 3, 16), date(2020, 3, 22)),
        ("2019", "year", date(2019, 1, 1), date(2019, 12, 31)),
    ],
)
def test_period_codes_become_first_and_last_day(code, grain, start, end):
    period = parse_period(code)
    assert (period.grain, period.start, period.end) == (grain, start, end)


@pytest.mark.parametrize("code", ["2020M13", "2020K5", "2020U54", "sept 2020", "20M09", "1850"])
def test_unknown_period_codes_are_refused(code):
    with pytest.raises(ValueError):
        parse_period(code)


@pytest.mark.parametrize(
    ("code", "period", "start"),
    [
        ("2019H2-2020H1", "2019h2-2020h1", date(2019, 7, 1)),
        ("2019h2 - 2020h1", "2019h2-2020h1", date(2019, 7, 1)),
        ("2020QMAT02", "2019h2-2020h1", date(2019, 7, 1)),
        ("2020QMAT04", "2020h1-2020h2", date(2020, 1, 1)),
    ],
)
def test_benchmark_periods_are_two_consecutive_half_years(code, period, start):
    assert benchmark_period(code) == (period, start)


@pytest.mark.parametrize("code", ["2020QMAT03", "2019H1-2020H1", "2020H1", "2020"])
def test_benchmark_periods_that_are_not_a_year_of_half_years_are_refused(code):
    with pytest.raises(ValueError):
        benchmark_period(code)


def _sum(dim, cells: dict[str, float | None]):
    agg = Aggregator([dim])
    for label, amount in cells.items():
        agg.add(("151",), (dim.code(label),), amount)
    return {b[dim.fills]: (v, status) for _, b, v, status in agg.results()}


def test_five_year_age_bands_add_up_to_the_ten_year_band():
    out = _sum(age("ALDER", sums=True), {"30-34 år": 10, "35-39 år": 5, "40-44": 7})
    assert out["30-39"] == (15.0, "ok")
    assert out["40-49"] == (None, "incomplete")


def test_a_missing_part_makes_the_sum_missing_not_smaller():
    out = _sum(age("ALDER", sums=True), {"30-34": 10, "35-39": None})
    assert out["30-39"] == (None, "missing")


def test_a_band_given_whole_is_used_as_is_and_not_added_to_its_parts():
    out = _sum(age("ALDER", sums=True), {"30-39": 40, "30-34": 10, "35-39": 5})
    assert out["30-39"] == (40.0, "ok")


def test_western_origin_is_immigrants_plus_descendants():
    out = _sum(
        origin("HERKOMST"), {"24": 100, "34": 20, "25": 300, "Efterkommere fra ikke-vestlige lande": 80, "1": 5000}
    )
    assert out["vestlig"] == (120.0, "ok")
    assert out["ikke-vestlig"] == (380.0, "ok")
    assert out["dansk"] == (5000.0, "ok")


def test_rate_ages_are_not_summed():
    dim = age("ALDER", sums=False)
    assert dim.code("30-34") is None
