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


def test_wide_frames_give_the_same_rows_as_narrow_ones():
    wide = FRAME.assign(**{f"extra_{i}": [i, i + 1, None, i + 3] for i in range(8)})
    rows = records(wide, where=(wide["geo_code"] == "151").to_numpy())
    assert len(rows) == 3 and len(rows[0]) == len(wide.columns)
    narrow = records(wide, ["month", "value", "extra_0"], where=(wide["geo_code"] == "151").to_numpy())
    for full, part in zip(rows, narrow, strict=True):
        assert all(full[k] == part[k] or (missing(full[k]) and missing(part[k])) for k in part)


def test_contains_answers_for_arrow_text_numbers_and_empty_columns():
    from dashboard.frames import contains

    assert contains(pd.Series(["document", "demo"]), "demo")
    assert not contains(pd.Series(["document", None]), "demo")
    assert not contains(pd.Series([], dtype=str), "demo")
    assert contains(pd.Series([1.0, 2.0]), 2.0)
    assert contains(pd.Series(["demo"], dtype=object), "demo")
