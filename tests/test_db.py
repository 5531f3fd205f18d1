"""The registry's privacy rule and read-only connections."""

import duckdb
import pandas as pd
import pytest

from dashboard.db import DatabaseMissing, connect, get_query, suppress_small


def test_counts_below_threshold_are_blanked_with_their_derived_columns():
    frame = pd.DataFrame({"persons": [3, 5, None], "rate_pct": [9.0, 6.0, 4.3], "label": ["a", "b", "c"]})
    out = suppress_small(frame, 5, ("rate_pct",))
    assert out["persons"].isna().tolist() == [True, False, True]
    assert out["rate_pct"].isna().tolist() == [True, False, False]
    assert out["suppressed"].tolist() == [True, False, False]
    assert out["label"].tolist() == ["a", "b", "c"]


def test_any_column_ending_in_persons_counts():
    out = suppress_small(pd.DataFrame({"last_year_persons": [2], "change": [1.0]}), 5, ("change",))
    assert out["change"].isna().all()


def test_threshold_is_a_parameter():
    frame = pd.DataFrame({"persons": [3, 4]})
    assert suppress_small(frame, 3, ())["persons"].isna().tolist() == [False, False]


def test_queries_document_themselves_and_declare_their_parameters():
    query = get_query("headline_kpis")
    assert query.doc.startswith("The Overblik headline figures")
    assert query.params == {"age_band", "gender", "origin", "group_code", "home_geo", "compare_geo", "month"}
    assert "value" in query.derived


def test_connection_is_read_only(fixture_db):
    con = connect(fixture_db)
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM observation")
    con.close()


def test_missing_database_says_how_to_build_it(tmp_path):
    with pytest.raises(DatabaseMissing, match="python -m dashboard build"):
        connect(tmp_path / "nope.duckdb")


def test_a_cursor_is_kept_for_the_next_query_on_the_attached_file(fixture_db):
    from dashboard.db import cursor_of, run_query

    con = connect(fixture_db)
    with cursor_of(con) as first:
        pass
    with cursor_of(con) as again:
        assert again is first
        assert again.execute("SELECT count(*) FROM observation").fetchone()[0] > 0  # no catalog prefix needed
    assert not run_query(con, "dimension_labels", min_persons=5).empty
    con.close()


def test_a_cursor_that_failed_is_closed_not_kept(fixture_db):
    from dashboard.db import cursor_of

    con = connect(fixture_db)
    with pytest.raises(duckdb.Error), cursor_of(con) as broken:
        broken.execute("SELECT * FROM no_such_table")
    with pytest.raises(duckdb.Error):  # closed
        broken.execute("SELECT 1")
    with cursor_of(con) as fresh:
        assert fresh is not broken
        assert fresh.execute("SELECT 1").fetchone() == (1,)
    con.close()


def test_threads_querying_at_once_each_get_a_cursor_of_their_own(fixture_db):
    import threading

    from dashboard.db import cursor_of

    con = connect(fixture_db)
    inside, seen = threading.Barrier(3), []

    def query() -> None:
        with cursor_of(con) as cursor:
            seen.append(cursor)
            inside.wait(timeout=10)  # all three hold a cursor at the same time
            cursor.execute("SELECT count(*) FROM observation").fetchone()

    threads = [threading.Thread(target=query) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in seen}) == 3
    con.close()
