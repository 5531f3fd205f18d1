"""Every quantitative or directional statement of the documents (data/statements.csv) holds in
the built database, unless the table says why it cannot (issue 16, section 3)."""

import csv

import pytest

from dashboard.build import statements
from dashboard.settings import PROJECT_ROOT

PATH = PROJECT_ROOT / "data" / "statements.csv"
ROWS = statements.read(PATH)
# The examples issue 16 names; each must be checked, not merely listed.
ISSUE_EXAMPLES = [
    "S01",
    "S08",
    "S09",
    "S12",
    "S21",
    "S21c",
    "S24",
    "S24b",
    "S24c",
    "S43",
    "S43b",
    "S44",
    "S45",
    "S45b",
    "S54",
]


def sources():
    with (PROJECT_ROOT / "data" / "sources.csv").open(encoding="utf-8") as fh:
        return {r["source_id"] for r in csv.DictReader(fh)}


@pytest.mark.parametrize("row", [r for r in ROWS if r["status"] == "holds"], ids=lambda r: r["statement_id"])
def test_statement_holds_in_the_built_database(built_con, row):
    assert statements.check(built_con, row), f"{row['statement_id']}: {row['check']}"


def test_the_issues_examples_are_checked():
    status = {r["statement_id"]: r["status"] for r in ROWS}
    assert all(status[s] == "holds" for s in ISSUE_EXAMPLES)


def test_every_statement_names_its_document_place_and_check():
    known = sources()
    ids = [r["statement_id"] for r in ROWS]
    assert len(ids) == len(set(ids))
    for row in ROWS:
        assert row["document"] in known and row["locator"] and row["statement"] and row["check"], row["statement_id"]
        assert row["status"] in {"holds", "conflict", "open", "not_checkable"}, row["statement_id"]
        assert row["status"] == "holds" or row["note"], f"{row['statement_id']} says why it is not checked"
        assert row["status"] != "holds" or row["op"], row["statement_id"]


def test_a_reversed_statement_fails(built_con):
    above = next(r for r in ROWS if r["statement_id"] == "S01")
    assert not statements.check(built_con, above | {"op": "each<"})
    rising = next(r for r in ROWS if r["statement_id"] == "S47")
    assert not statements.check(built_con, rising | {"first": "2020-03", "last": "2020-05"})


def test_a_weekly_day_reads_as_its_iso_week():
    from datetime import date

    assert statements.bounds("2020-11-25", weekly=True) == (date(2020, 11, 23), date(2020, 11, 23))
    assert statements.bounds("2020-09", weekly=False) == (date(2020, 9, 1), date(2020, 9, 30))


def test_no_statement_is_left_open():
    """Every statement is checked, or the table says why it cannot be (conflict, not_checkable)."""
    assert [r["statement_id"] for r in ROWS if r["status"] == "open"] == []
