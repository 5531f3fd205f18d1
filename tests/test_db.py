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
