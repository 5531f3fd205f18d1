"""Danish number and date formatting for text we write ourselves (`4,3 %`, `1.021`)."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

MONTHS_DA = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_SHORT_DA = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
DAYS_DA = ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"]
DAYS_SHORT_DA = ["søn.", "man.", "tirs.", "ons.", "tors.", "fre.", "lør."]
MISSING = "–"
_DANISH_SEPARATORS = str.maketrans({",": ".", ".": ","})


def is_missing(value: object) -> bool:
    """None, NaN, NaT or pandas' NA: a value with nothing to show."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def number(value: float | int | None, decimals: int = 0) -> str:
    """`1021` -> `1.021`, `4.3` with 1 decimal -> `4,3`; missing -> `–`."""
    if is_missing(value):
        return MISSING
    text = f"{abs(value):,.{decimals}f}".translate(_DANISH_SEPARATORS)
    return f"−{text}" if value < 0 and text.strip("0.,") else text  # no sign on what rounds to 0


def percent(value: float | None, decimals: int = 1) -> str:
    return MISSING if is_missing(value) else f"{number(value, decimals)} %"


def signed(value: float | int | None, decimals: int = 0) -> str:
    """`184` -> `+184`, `-186` -> `−186`."""
    if is_missing(value):
        return MISSING
    text = number(value, decimals)
    return text if text.startswith("−") or text.strip("0,") == "" else f"+{text}"


def pct_point(value: float | None, decimals: int = 1) -> str:
    return MISSING if is_missing(value) else f"{signed(value, decimals)} pct.-point"


def month_start(slug: str) -> date:
    """`2020-09` (a link's or a report's month) -> `2020-09-01`."""
    return date(int(slug[:4]), int(slug[5:7]), 1)


def month_label(day: date) -> str:
    """`2020-09-01` -> `september 2020`."""
    return f"{MONTHS_DA[day.month - 1]} {day.year}"


def date_label(day: date) -> str:
    """`2020-11-25` -> `25. november 2020`."""
    return f"{day.day}. {MONTHS_DA[day.month - 1]} {day.year}"


def hidden_limit() -> int:
    """The fewest persons a shown figure may be built on (`DASHBOARD_MIN_PERSONS`)."""
    from dashboard.settings import get_settings

    return get_settings().min_persons


def hidden() -> str:
    """What a figure built on too few persons shows instead: «<5» at the default threshold."""
    return f"<{hidden_limit()}"
