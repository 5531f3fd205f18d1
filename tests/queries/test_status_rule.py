"""The status rule (macro status_by_rule in src/dashboard/build/schema.sql) on a hand-made table of edge cases.

Each row: comparator, higher_is_better, decimals, value, low, high, value a year before,
low and high a year before (they differ only for level_with, where they are the
reference), and the status the rule must give. See docs/status.md.
"""

import duckdb
import pytest

from dashboard.build import SCHEMA

NULL = None
CASES = [
    # name, comparator, hib, dec, value, low, high, before, low_b, high_b, expected
    ("exactly on a >= target", ">=", True, 1, 85.0, 85, 85, 70.0, 85, 85, "nået"),
    ("above a >= target", ">=", True, 1, 90.0, 85, 85, NULL, 85, 85, "nået"),
    ("shown as the target after rounding", ">=", True, 1, 84.96, 85, 85, 80.0, 85, 85, "nået"),
    ("just below, closing, within 10 %", ">=", True, 1, 84.9, 85, 85, 80.0, 85, 85, "på vej"),
    ("exactly at the tolerance edge", ">=", True, 1, 76.5, 85, 85, 70.0, 85, 85, "på vej"),
    ("just outside the tolerance", ">=", True, 1, 76.4, 85, 85, 70.0, 85, 85, "ikke nået"),
    ("below and moving away", ">=", True, 1, 84.0, 85, 85, 84.5, 85, 85, "ikke nået"),
    ("below and not moving", ">=", True, 1, 84.0, 85, 85, 84.0, 85, 85, "ikke nået"),
    ("below, was reached a year ago", ">=", True, 1, 84.0, 85, 85, 86.0, 85, 85, "ikke nået"),
    ("below with no value a year before", ">=", True, 1, 84.9, 85, 85, NULL, 85, 85, "ikke nået"),
    ("missing value", ">=", True, 1, NULL, 85, 85, 80.0, 85, 85, "ingen data"),
    ("missing target bound", ">=", True, 1, 80.0, NULL, NULL, 70.0, NULL, NULL, "ingen data"),
    ("exactly on a <= target", "<=", False, 0, 4.0, 4, 4, 6.0, 4, 4, "nået"),
    ("just above a <= target, closing", "<=", False, 1, 4.1, 4, 4, 4.3, 4, 4, "på vej"),
    ("above a <= target beyond tolerance", "<=", False, 1, 4.5, 4, 4, 6.0, 4, 4, "ikke nået"),
    ("inside a range", "between", True, 0, 7.0, 6, 8, NULL, 6, 8, "nået"),
    ("on the low end of a range", "between", True, 0, 6.0, 6, 8, NULL, 6, 8, "nået"),
    ("on the high end of a range", "between", True, 0, 8.0, 6, 8, NULL, 6, 8, "nået"),
    (
        "below a range, closing, within 10 % of the low end",
        "between",
        True,
        0,
        295.0,
        300,
        320,
        250.0,
        300,
        320,
        "på vej",
    ),
    (
        "above a range, closing, within 10 % of the high end",
        "between",
        True,
        0,
        330.0,
        300,
        320,
        350.0,
        300,
        320,
        "på vej",
    ),
    ("below a range, beyond tolerance", "between", True, 0, 4.0, 6, 8, 3.0, 6, 8, "ikke nået"),
    ("exactly equal", "=", True, 0, 100.0, 100, 100, 90.0, 100, 100, "nået"),
    ("equal after rounding to the shown precision", "=", True, 0, 100.4, 100, 100, 90.0, 100, 100, "nået"),
    ("one off an equality target, closing", "=", True, 0, 101.0, 100, 100, 103.0, 100, 100, "på vej"),
    ("one off an equality target, moving away", "=", True, 0, 99.0, 100, 100, 100.0, 100, 100, "ikke nået"),
    ("rank exactly on the limit", "rank<=", False, 0, 10, NULL, 10, 12, NULL, 10, "nået"),
    ("rank just outside, improving", "rank<=", False, 0, 11, NULL, 10, 14, NULL, 10, "på vej"),
    ("rank three places outside, improving", "rank<=", False, 0, 13, NULL, 10, 20, NULL, 10, "på vej"),
    ("rank four places outside, improving", "rank<=", False, 0, 14, NULL, 10, 20, NULL, 10, "ikke nået"),
    ("rank outside, unchanged", "rank<=", False, 0, 11, NULL, 10, 11, NULL, 10, "ikke nået"),
    ("rank missing", "rank<=", False, 0, NULL, NULL, 10, 11, NULL, 10, "ingen data"),
    (
        "level with a higher-is-better reference, equal",
        "level_with",
        True,
        1,
        62.0,
        62.0,
        62.0,
        NULL,
        NULL,
        NULL,
        "nået",
    ),
    ("level with, better than the reference", "level_with", True, 1, 63.0, 62.0, 62.0, NULL, NULL, NULL, "nået"),
    (
        "level with, behind but gap narrowing far from it",
        "level_with",
        True,
        1,
        50.0,
        62.0,
        62.0,
        48.0,
        61.0,
        61.0,
        "på vej",
    ),
    ("level with, behind and gap widening", "level_with", True, 1, 60.0, 62.0, 62.0, 60.0, 61.5, 61.5, "ikke nået"),
    (
        "level with, lower is better, above the reference, gap narrowing",
        "level_with",
        False,
        1,
        12.0,
        5.0,
        5.0,
        13.0,
        5.4,
        5.4,
        "på vej",
    ),
    (
        "level with, lower is better, below the reference",
        "level_with",
        False,
        1,
        4.9,
        5.0,
        5.0,
        NULL,
        NULL,
        NULL,
        "nået",
    ),
    ("level with, equal after rounding", "level_with", False, 1, 5.04, 4.96, 4.96, NULL, NULL, NULL, "nået"),
    ("level with, reference missing", "level_with", True, 1, 60.0, NULL, NULL, 58.0, 61.0, 61.0, "ingen data"),
    (
        "level with, reference a year before missing",
        "level_with",
        True,
        1,
        60.0,
        62.0,
        62.0,
        58.0,
        NULL,
        NULL,
        "ikke nået",
    ),
    (
        "level with, no direction: distance either way",
        "level_with",
        NULL,
        1,
        63.0,
        62.0,
        62.0,
        65.0,
        62.0,
        62.0,
        "på vej",
    ),
]


@pytest.fixture(scope="module")
def rule():
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute(
        """CREATE TABLE cases (name VARCHAR, comparator VARCHAR, hib BOOLEAN, decimals INTEGER, value DOUBLE,
                               low DOUBLE, high DOUBLE, before DOUBLE, low_b DOUBLE, high_b DOUBLE, expected VARCHAR)"""
    )
    con.executemany("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", CASES)
    yield con
    con.close()


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_status_rule_case(rule, case):
    status, expected = rule.execute(
        """SELECT status_by_rule(comparator, hib, decimals, value, low, high, before, low_b, high_b), expected
           FROM cases WHERE name = ?""",
        [case],
    ).fetchone()
    assert status == expected


def test_status_rule_gives_only_the_four_documented_statuses(rule):
    statuses = {
        r[0]
        for r in rule.execute(
            "SELECT status_by_rule(comparator, hib, decimals, value, low, high, before, low_b, high_b) FROM cases"
        ).fetchall()
    }
    assert statuses == {"nået", "på vej", "ikke nået", "ingen data"}


def test_shortfall_is_zero_only_when_reached(rule):
    rows = rule.execute(
        """SELECT name, target_shortfall(comparator, hib, decimals, value, low, high), expected FROM cases
           WHERE expected <> 'ingen data'"""
    ).fetchall()
    for name, shortfall, expected in rows:
        assert (shortfall == 0) == (expected == "nået"), name


@pytest.mark.parametrize(
    ("comparator", "unit", "value", "before", "expected"),
    [
        ("=", "forløb", 103.0, 90.0, "nået"),  # more forløb than planned is no shortfall
        ("between", "forløb", 330.0, 250.0, "nået"),
        ("=", "forløb", 95.0, 90.0, "på vej"),
        ("=", "pct", 115.0, 110.0, "ikke nået"),  # not a planned volume: exactly 100 is the target
    ],
)
def test_a_planned_volume_is_reached_at_or_above_the_plan(rule, comparator, unit, value, before, expected):
    low, high = (300.0, 320.0) if comparator == "between" else (100.0, 100.0)
    status = rule.execute(
        "SELECT status_by_rule(judged_comparator(?, ?), true, 0, ?, ?, ?, ?, ?, ?)",
        [comparator, unit, value, low, high, before, low, high],
    ).fetchone()[0]
    assert status == expected


def test_each_comparator_has_a_direction(rule):
    rows = rule.execute(
        """SELECT target_direction(c, u) FROM (VALUES ('>=', 'pct'), ('<=', 'måneder'), ('=', 'forløb'),
           ('between', 'pct'), ('rank<=', 'rank of 29'), ('level_with', 'pct'), ('increase', 'personer')) v(c, u)"""
    ).fetchall()
    assert [r[0] for r in rows] == [
        "mindst",
        "højst",
        "planlagt omfang",
        "interval",
        "placering",
        "på niveau med",
        "flere",
    ]
