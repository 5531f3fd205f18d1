"""Cached query results are shared by every session: each caller gets its own copy."""

import threading

import pandas as pd

from dashboard import data
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

    assert params_key({"a": date(2020, 9, 1), "b": ["151", "000"]}) == params_key(
        {"b": ["151", "000"], "a": date(2020, 9, 1)}
    )
    different = [{"a": "1"}, {"a": 1}, {"a": date(2020, 9, 1)}, {"a": "2020-09-01"}, {"a": ["1"]}, {"b": "1"}]
    assert len({params_key(p) for p in different}) == len(different)


def test_a_question_asked_by_several_sessions_at_once_runs_once(app_db, monkeypatch):
    import threading
    import time

    calls = []

    def slow(con, name, params, **kwargs):
        calls.append(name)
        time.sleep(0.05)
        return pd.DataFrame({"name": [name]})

    monkeypatch.setattr(data, "run_query", slow)
    data._result.clear()
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(data.fetch("dimension_labels"))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    data._result.clear()
    assert [a["name"].item() for a in answers] == ["dimension_labels"] * 6
    assert calls == ["dimension_labels"]


def test_fetch_all_answers_each_question_in_order_as_fetch_would(app_db):
    from dashboard.data import ask, fetch, fetch_all

    data._result.clear()
    areas, labels, home = fetch_all(
        ask("comparison_areas", home_geo="151"), ask("dimension_labels"), ask("home_area", home_geo="151")
    )
    data._result.clear()
    pd.testing.assert_frame_equal(areas, fetch("comparison_areas", home_geo="151"))
    pd.testing.assert_frame_equal(labels, fetch("dimension_labels"))
    pd.testing.assert_frame_equal(home, fetch("home_area", home_geo="151"))


def test_fetch_all_runs_the_questions_at_the_same_time(app_db, monkeypatch):
    """Each query waits at a barrier for the other: asked one after the other, it would break."""
    import threading

    both_running = threading.Barrier(2, timeout=10)
    threads = set()

    def query(con, name, params, **kwargs):
        threads.add(threading.current_thread().name)
        both_running.wait()
        return pd.DataFrame({"name": [name]})

    monkeypatch.setattr(data, "run_query", query)
    data._result.clear()
    first, second = data.fetch_all(data.ask("dimension_labels"), data.ask("home_area", home_geo="151"))
    data._result.clear()
    assert (first["name"].item(), second["name"].item()) == ("dimension_labels", "home_area")
    assert len(threads) == 2


def test_fetch_all_runs_a_question_once_and_leaves_cached_ones_alone(app_db, monkeypatch):

    calls = []
    original = data.run_query

    def counted(con, name, params, **kwargs):
        calls.append(name)
        return original(con, name, params, **kwargs)

    monkeypatch.setattr(data, "run_query", counted)
    data._result.clear()
    data.fetch("dimension_labels")
    data.fetch_all(
        data.ask("dimension_labels"), data.ask("home_area", home_geo="151"), data.ask("home_area", home_geo="151")
    )
    data._result.clear()
    assert sorted(calls) == ["dimension_labels", "home_area"]


def test_fetch_all_answers_itself_when_the_query_threads_are_busy(app_db, monkeypatch):
    """A busy server is never slower than asking one by one: nothing waits for a free thread."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    busy, release = ThreadPoolExecutor(max_workers=1), threading.Event()
    busy.submit(release.wait, 30)
    monkeypatch.setattr(data, "QUERY_THREADS", busy)
    data._result.clear()
    try:
        labels, home = data.fetch_all(data.ask("dimension_labels"), data.ask("home_area", home_geo="151"))
        assert not release.is_set()  # answered while the only query thread was still taken
        assert len(labels) > 0 and home["geo_code"].item() == "151"
    finally:
        release.set()
        busy.shutdown(wait=True)
        data._result.clear()


def test_a_failing_question_fails_in_the_page_thread_with_its_own_error_and_is_not_kept(app_db, monkeypatch):
    import pytest

    from dashboard.db import QueryError

    original = data.run_query

    def failing(con, name, params, **kwargs):
        if name == "home_area":
            raise QueryError("home_area gik galt")
        return original(con, name, params, **kwargs)

    # questions of earlier tests still running in the shared threads could put a real answer
    # back after the clear: wait until every thread is free (all at one barrier at once)
    barrier = threading.Barrier(data.QUERY_WORKERS)
    for done in [data.QUERY_THREADS.submit(barrier.wait) for _ in range(data.QUERY_WORKERS)]:
        done.result(timeout=60)
    monkeypatch.setattr(data, "run_query", failing)
    data._result.clear()
    with pytest.raises(QueryError, match="home_area gik galt"):
        data.fetch_all(data.ask("dimension_labels"), data.ask("home_area", home_geo="151"))
    monkeypatch.setattr(data, "run_query", original)
    assert data.fetch_all(data.ask("home_area", home_geo="151"))[0]["geo_code"].item() == "151"
    data._result.clear()
