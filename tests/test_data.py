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


def test_result_cache_computes_a_key_once_for_sessions_asking_at_the_same_time():
    import threading
    import time

    from dashboard.data import ResultCache

    cache, calls = ResultCache(max_entries=8, ttl=60), []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.05)
        return "svar"

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(cache.get("k", slow))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["svar"] * 6
    assert len(calls) == 1


def test_result_cache_forgets_the_least_recently_used_beyond_its_size():
    from dashboard.data import ResultCache

    cache = ResultCache(max_entries=2, ttl=60)
    cache.get("a", lambda: 1)
    cache.get("b", lambda: 2)
    cache.get("a", lambda: 99)  # a is now the most recently used
    cache.get("c", lambda: 3)
    assert cache.get("a", lambda: 99) == 1
    assert cache.get("b", lambda: 22) == 22


def test_result_cache_recomputes_after_ttl_and_does_not_keep_errors(monkeypatch):
    import pytest

    from dashboard import data

    clock = [1000.0]
    monkeypatch.setattr(data.time, "monotonic", lambda: clock[0])
    cache = data.ResultCache(max_entries=8, ttl=600)
    assert cache.get("k", lambda: "gammel") == "gammel"
    clock[0] += 599
    assert cache.get("k", lambda: "ny") == "gammel"
    clock[0] += 2
    assert cache.get("k", lambda: "ny") == "ny"

    def broken():
        raise RuntimeError("forbindelsen faldt")

    with pytest.raises(RuntimeError):
        cache.get("fejl", broken)
    assert cache.get("fejl", lambda: "virker") == "virker"

