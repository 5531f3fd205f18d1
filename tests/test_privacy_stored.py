"""The privacy rule's hidden cells stored in the database file (`observation.hidden` and its
`privacy_stamp`): written by every writer, used by the app only while they still hold."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from dashboard import db

KEY = "indicator_id, geo_code, grain, period_start, group_code, age_band, gender, origin"


def hidden_keys_seen_by_the_app(con: duckdb.DuckDBPyConnection, min_persons: int) -> set[tuple]:
    """The keys of the cells the app's privacy view hides at this threshold."""
    with db.cursor_of(con, min_persons) as cursor:
        return set(cursor.execute(f"SELECT {KEY} FROM observation WHERE persons = {db.HIDDEN_COUNT}").fetchall())


def hidden_keys_by_the_rule(con: duckdb.DuckDBPyConnection, min_persons: int) -> set[tuple]:
    """The keys of the cells the rule hides, computed now from the file's rows."""
    rids = db.hidden_cells(con, min_persons).tolist()
    with db.cursor_of(con) as cursor:
        return set(
            cursor.execute(
                f"SELECT {KEY} FROM {db.ATTACHED}.main.observation WHERE rowid IN (SELECT unnest($rids))",
                {"rids": rids},
            ).fetchall()
        )


@pytest.fixture()
def copy_of_built(built_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "noegletal.duckdb"
    shutil.copyfile(built_db, target)
    return target


def test_a_built_database_marks_exactly_the_cells_the_rule_hides(built_db: Path) -> None:
    """The bundled build imports the real files after it is written, so this also holds only
    if each import marked the cells anew."""
    con = db.connect(built_db)
    assert db.stored_hidden_cells_hold(con, 5)
    with db.cursor_of(con) as cursor:
        marked = cursor.execute(f"SELECT count(*) FROM {db.ATTACHED}.main.observation WHERE hidden").fetchone()[0]
    assert marked > 1000
    assert hidden_keys_seen_by_the_app(con, 5) == hidden_keys_by_the_rule(con, 5)


def test_the_app_uses_the_stored_marks_without_computing_the_rule(
    built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("hidden_cells was computed although the file stores them")

    monkeypatch.setattr(db, "hidden_cells", refuse)
    con = db.connect(built_db)
    with db.cursor_of(con, 5) as cursor:
        assert cursor.execute(f"SELECT count(*) FROM observation WHERE persons = {db.HIDDEN_COUNT}").fetchone()[0] > 0


def test_another_threshold_is_computed_by_the_app(built_db: Path) -> None:
    con = db.connect(built_db)
    assert not db.stored_hidden_cells_hold(con, 7)
    assert hidden_keys_seen_by_the_app(con, 7) == hidden_keys_by_the_rule(con, 7)
    assert hidden_keys_seen_by_the_app(con, 7) != hidden_keys_seen_by_the_app(con, 5)


def shown_modtagere_made_small(con: duckdb.DuckDBPyConnection) -> None:
    """A shown count in a line of target groups becomes 2, so its siblings' secondary
    suppression changes: stale marks would leave the 2 to be worked out by subtraction."""
    con.execute(
        """UPDATE observation SET persons = 2, value = 2 WHERE rowid = (
               SELECT min(rowid) FROM observation WHERE indicator_id = 'modtagere' AND grain = 'month'
                 AND geo_code = '151' AND group_code = 'dagpenge' AND age_band = 'alle' AND gender = 'alle'
                 AND origin = 'alle' AND NOT hidden)"""
    )


def a_hidden_cell_unmarked(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE observation SET hidden = false WHERE rowid = (SELECT min(rowid) FROM observation WHERE hidden)")


def two_equal_small_rows_added(con: duckdb.DuckDBPyConnection) -> None:
    """Two equal rows: a checksum that xors row hashes would not see them."""
    for _ in range(2):
        con.execute(
            """INSERT INTO observation SELECT * REPLACE (3 AS persons, 3.0 AS value, false AS hidden, 'dagpenge' AS group_code)
               FROM observation WHERE indicator_id = 'modtagere' AND grain = 'month' AND geo_code = '151'
                 AND group_code = 'alle' AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'
               ORDER BY period_start DESC LIMIT 1"""
        )


def a_unit_changed(con: duckdb.DuckDBPyConnection) -> None:
    """A rate becomes a count of persons: its values are now judged as counts."""
    con.execute("UPDATE indicator SET unit = 'personer' WHERE indicator_id = 'ledighedsprocent'")


@pytest.mark.parametrize(
    "change", [shown_modtagere_made_small, a_hidden_cell_unmarked, two_equal_small_rows_added, a_unit_changed]
)
def test_a_change_made_without_marking_anew_is_noticed_and_the_rule_computed(
    copy_of_built: Path, change: Callable[[duckdb.DuckDBPyConnection], None]
) -> None:
    with duckdb.connect(str(copy_of_built)) as con:
        change(con)
    app = db.connect(copy_of_built)
    assert not db.stored_hidden_cells_hold(app, 5)
    assert hidden_keys_seen_by_the_app(app, 5) == hidden_keys_by_the_rule(app, 5)


def test_marks_made_by_other_code_of_the_rule_are_stale(built_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "rule_version", lambda: "another rule")
    assert not db.stored_hidden_cells_hold(db.connect(built_db), 5)


def test_a_change_marked_anew_by_a_writer_holds_again(copy_of_built: Path) -> None:
    with duckdb.connect(str(copy_of_built)) as con:
        shown_modtagere_made_small(con)
        assert db.store_hidden_cells(con, 5) > 0
    app = db.connect(copy_of_built)
    assert db.stored_hidden_cells_hold(app, 5)
    assert hidden_keys_seen_by_the_app(app, 5) == hidden_keys_by_the_rule(app, 5)


def test_a_file_made_before_the_column_is_served_by_computing_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE indicator (indicator_id VARCHAR, unit VARCHAR)")
        con.execute("INSERT INTO indicator VALUES ('modtagere', 'personer')")
        con.execute(
            """CREATE TABLE observation (indicator_id VARCHAR, geo_code VARCHAR, grain VARCHAR, period_start DATE,
                 period_end DATE, group_code VARCHAR, age_band VARCHAR, gender VARCHAR, origin VARCHAR,
                 value DOUBLE, persons INTEGER, source_id VARCHAR, quality VARCHAR)"""
        )
        assert db.store_hidden_cells(con, 5) == 0
    assert not db.stored_hidden_cells_hold(db.connect(path), 5)


def test_the_stamp_is_checked_on_the_file_the_app_reads_even_after_a_swap(copy_of_built: Path, built_db: Path) -> None:
    """The checksum is computed on an instance of its own opened by path; once an import has
    swapped in another file the path names that file, so the check is made on the app's own."""
    with duckdb.connect(str(copy_of_built)) as con:
        shown_modtagere_made_small(con)
    app = db.connect(copy_of_built)
    swapped_in = copy_of_built.with_name("valid.duckdb")
    shutil.copyfile(built_db, swapped_in)
    swapped_in.replace(copy_of_built)
    assert not db.stored_hidden_cells_hold(app, 5)
    assert db.stored_hidden_cells_hold(db.connect(copy_of_built), 5)
