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


def test_cache_key_tells_different_parameters_apart():
    from datetime import date

    from dashboard.data import params_key

    assert params_key({"a": date(2020, 9, 1), "b": ["151", "000"]}) == params_key({"b": ["151", "000"], "a": date(2020, 9, 1)})
    different = [{"a": "1"}, {"a": 1}, {"a": date(2020, 9, 1)}, {"a": "2020-09-01"}, {"a": ["1"]}, {"b": "1"}]
    assert len({params_key(p) for p in different}) == len(different)
