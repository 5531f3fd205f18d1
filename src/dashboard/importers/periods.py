"""Period codes of the sources (`2020M09`, `2020K3`, `2020Q3`, `2020H1`, `2020U12`, `2020`,
`2020-09`) as observation periods: grain, first day and last day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

GRAIN_DA = {"week": "uge", "month": "måned", "quarter": "kvartal", "half_year": "halvår", "year": "år"}
FIRST_YEAR, LAST_YEAR = 1980, 2100


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    grain: str

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"


def month(year: int, m: int) -> Period:
    return Period(date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]), "month")


def quarter(year: int, q: int) -> Period:
    last = q * 3
    return Period(date(year, last - 2, 1), date(year, last, calendar.monthrange(year, last)[1]), "quarter")


def half_year(year: int, h: int) -> Period:
    return (
        Period(date(year, 1, 1), date(year, 6, 30), "half_year")
        if h == 1
        else Period(date(year, 7, 1), date(year, 12, 31), "half_year")
    )


PATTERNS = [
    (re.compile(r"(\d{4})M(\d{2})"), "month"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-?[KQ]([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-?H([12])"), "half_year"),
    (re.compile(r"(\d{4})-?[UW](\d{2})"), "week"),
    (re.compile(r"(\d{4})"), "year"),
]


def parse_period(text: str) -> Period:
    """The period a code stands for; ValueError with a Danish message if it is not one."""
    code = str(text).strip().upper()
    for pattern, grain in PATTERNS:
        match = pattern.fullmatch(code)
        if not match:
            continue
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"året i perioden {text!r} er uden for {FIRST_YEAR}–{LAST_YEAR}")
        n = int(match.group(2)) if match.lastindex and match.lastindex >= 2 else 0
        if grain == "month":
            if not 1 <= n <= 12:
                raise ValueError(f"måneden i perioden {text!r} findes ikke")
            return month(year, n)
        if grain == "quarter":
            return quarter(year, n)
        if grain == "half_year":
            return half_year(year, n)
        if grain == "week":
            try:
                start = date.fromisocalendar(year, n, 1)
            except ValueError:
                raise ValueError(f"uge {n} findes ikke i {year}") from None
            return Period(start, start + timedelta(days=6), "week")
        return Period(date(year, 1, 1), date(year, 12, 31), "year")
    raise ValueError(
        f"ukendt periode {text!r}; brug fx 2020M09 eller 2020-09 (måned), 2020K3 (kvartal), 2020H1 (halvår), "
        "2020U12 (uge) eller 2020 (år)"
    )
