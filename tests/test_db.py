"""The registry's privacy rule and read-only connections."""

import duckdb
import pandas as pd
import pytest

from dashboard.db import DatabaseMissing, QueryError, connect, get_query, run_query, suppress_small


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


def test_queries_run_on_the_attached_file_and_a_failed_one_leaves_the_connection_working(fixture_db):
    con = connect(fixture_db)
    with pytest.raises(QueryError):
        run_query(con, "no_such_query", min_persons=5)
    with pytest.raises(duckdb.Error):
        con.cursor().execute("SELECT * FROM no_such_table")
    assert not run_query(con, "dimension_labels", min_persons=5).empty  # no catalog prefix needed
    con.close()


def test_threads_querying_one_connection_at_once_each_get_their_answer(fixture_db):
    import threading

    con = connect(fixture_db)
    inside, answers = threading.Barrier(3), []

    def query() -> None:
        inside.wait(timeout=10)  # all three start together
        answers.append(len(run_query(con, "dimension_labels", min_persons=5)))

    threads = [threading.Thread(target=query) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 3 and len(set(answers)) == 1 and answers[0] > 0
    con.close()
