"""Focus titles read the home row the query marks (`is_home`), wherever it is in the frame."""

import pandas as pd

from dashboard.views import focus_titles


def test_count_title_is_the_home_rows_count_and_change():
    latest = pd.DataFrame(
        {
            "geo_code": ["000", "151"],
            "is_home": [False, True],
            "month": pd.to_datetime(["2021-12-01", "2021-12-01"]),
            "value": [27147.0, 248.0],
            "change": [-2113.0, -18.0],
        }
    )
    assert focus_titles.count_title(latest, "modtagere") == "248 modtagere i december 2021 – 18 færre end et år før"


def test_count_title_without_a_home_row_says_there_is_no_figure():
    empty = pd.DataFrame(columns=["is_home", "month", "value", "change"])
    assert focus_titles.count_title(empty, "modtagere") == focus_titles.findings.count_change(
        "modtagere", None, None, ""
    )
