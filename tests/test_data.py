"""Cached query results are shared by every session: each caller gets its own copy."""

import pandas as pd

from dashboard.data import fetch


def test_changing_a_fetched_frame_leaves_the_cache_untouched(app_db):
    first = fetch("comparison_areas", home_geo="151")
    expected = first.copy(deep=True)
    first["name_da"] = "ændret"
    first.loc[first.index[0], "slug"] = "ændret"
    del first["level"]
    pd.testing.assert_frame_equal(fetch("comparison_areas", home_geo="151"), expected)
