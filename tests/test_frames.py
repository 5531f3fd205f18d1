"""Plain-row reading of small result frames: the same answers pandas would give."""

import math

import pandas as pd

from dashboard.danish import is_missing as missing
from dashboard.frames import first, records, rows_where

FRAME = pd.DataFrame(
    {
        "month": pd.to_datetime(["2020-08-01", "2020-09-01", "2020-09-01", None]),
        "geo_code": ["151", "151", "000", "151"],
        "value": [4.1, None, 4.4, 9.9],
    }
)


def test_records_reads_the_asked_columns_and_skips_absent_ones():
    rows = records(FRAME, ["geo_code", "value", "no_such_column"])
    assert [list(r) for r in rows] == [["geo_code", "value"]] * 4
    assert rows[2] == {"geo_code": "000", "value": 4.4}
    assert math.isnan(rows[1]["value"])
    assert records(FRAME.iloc[0:0]) == []


def test_rows_where_picks_rows_by_one_column():
    assert rows_where(FRAME, "geo_code", "000", ["value"]) == [{"value": 4.4}]
    assert [r["value"] for r in rows_where(FRAME, "geo_code", "151", ["value"]) if not missing(r["value"])] == [
        4.1,
        9.9,
    ]
    assert rows_where(FRAME, "geo_code", "101") == []


def test_first_finds_by_equal_columns_and_missing_knows_every_kind_of_missing():
    rows = records(FRAME)
    assert first(rows, geo_code="000")["value"] == 4.4
    assert first(rows, geo_code="101") is None
    assert all(missing(v) for v in (None, float("nan"), pd.NaT, pd.NA))
    assert not any(missing(v) for v in (0, 0.0, "", "alle"))


def test_records_where_picks_rows_by_a_mask_in_order():
    rows = records(FRAME, ["geo_code", "value"], where=(FRAME["geo_code"] == "151").to_numpy())
    assert [r["value"] for r in rows if not missing(r["value"])] == [4.1, 9.9] and len(rows) == 3


def test_contains_answers_for_arrow_text_numbers_and_empty_columns():
    from dashboard.frames import contains

    assert contains(pd.Series(["document", "demo"]), "demo")
    assert not contains(pd.Series(["document", None]), "demo")
    assert not contains(pd.Series([], dtype=str), "demo")
    assert contains(pd.Series([1.0, 2.0]), 2.0)
    assert contains(pd.Series(["demo"], dtype=object), "demo")


def test_values_where_gives_the_distinct_values_of_the_rows_with_a_key():
    from dashboard.frames import values_where

    frame = pd.DataFrame({"quality": ["demo", "official", "official", None], "source": ["D", "A", None, "B"]})
    assert values_where(frame, "source", "quality", "official") == {"A"}
    assert values_where(frame, "source", "quality", "demo") == {"D"}
    assert values_where(frame.iloc[0:0], "source", "quality", "demo") == set()
