"""The COVID-19 titles read the weeks the query marks (`is_newest`, `is_newest_compared`,
`is_compared`) from the hand-made weekly rows (tests/fixtures/covid_benchmark.sql)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.db import connect, run_query
from dashboard.views import covid_19


def weekly(con, group_code: str = "alle") -> pd.DataFrame:
    """Ballerup's weekly count of one target group from March 2020, beside 2019."""
    params = {
        "indicator_id": "ledige_i_kontakt",
        "geo_code": "151",
        "group_code": group_code,
        "base_date": covid_19.BASE_DATE,
        "compare_year": covid_19.COMPARE_YEAR,
        "first_week": date(2020, 3, 1),
        "last_week": date(2020, 12, 31),
    }
    return run_query(con, "covid_weekly_count", params, min_persons=5)


def test_count_title_runs_from_the_lockdown_week_to_the_newest_week(covid_benchmark_con):
    title = covid_19.count_title(weekly(covid_benchmark_con), "Ballerup", "Alle målgrupper")
    assert title == (
        "Antallet i kontakt med jobcentret i Ballerup steg med 100 (+20,0 %) fra 12. marts 2020 til uge 13 i 2020"
    )


def test_count_title_ends_in_the_newest_week_the_privacy_view_shows(covid_benchmark_db):
    rows = weekly(connect(covid_benchmark_db), "sygedagpenge")
    title = covid_19.count_title(rows, "Ballerup", "Sygedagpenge")
    assert title == "Sygedagpenge: antallet i Ballerup var uændret fra 12. marts 2020 til uge 11 i 2020"


def test_index_title_is_the_newest_week_both_years_have(covid_benchmark_con):
    assert covid_19.index_title(weekly(covid_benchmark_con)) == (
        "Indeks 110 i ugen fra 16. marts 2020 (12. marts 2020 = 100) – samme uge i 2019: 101"
    )


def test_index_title_without_a_week_both_years_have_says_so(covid_benchmark_db):
    rows = weekly(connect(covid_benchmark_db), "sygedagpenge")
    assert covid_19.index_title(rows) == "Indeks (12. marts 2020 = 100) mod samme uger i 2019"


def test_new_title_sums_only_the_weeks_both_years_have(covid_benchmark_con):
    rows = weekly(covid_benchmark_con)
    compared = rows[rows.is_compared]
    now, before = (int(compared[compared.series == s].persons.sum()) for s in ("valgt", "sammenligning"))
    assert (now, before) == (495 + 500 + 550, 390 + 400 + 404)
    assert covid_19.new_title(rows) == (
        "1.545 nytilmeldte ledige i hele landet i de viste uger – +351 mod samme uger i 2019"
    )
