"""The documents' quantitative and directional statements (data/statements.csv), checked
against a built database.

Each row names one or two *terms*: the values of an indicator for one area, target group,
age band and origin (gender "alle") over a period, read as what the dashboard shows (the
observation at each key, documented rows included). `first`/`last` are `YYYY`, `YYYY-MM`
or a day; a day of a weekly indicator means the ISO week that contains it. The `b_*`
columns give the second term (blank: as the first); a `|` in a column makes one check per
value. `op` says how the terms are compared:

- `<`, `>`: mean of A against mean of B (or the constant `expect`);
- `=`: mean of A within `tolerance` of `expect` (or of mean of B);
- `each<`, `each>`: period by period against B;
- `rising`: every value above the one before;
- `diff=`, `pct_change=`: last value minus (in % of) the first, within `tolerance` of `expect`;
- `rise>`: A's change from first to last period above B's (or above `expect`);
- `sum=`: the sum of A within `tolerance` of `expect`;
- `share>`, `ratio<`: sum (mean) of A over sum (mean) of B against `expect`;
- `most>`: for more than half of A's groups, A over the `b_first`..`b_last` period's mean;
- `max_rise_in`: the largest rise from one period to the next lies in `b_first`..`b_last`;
- `min_at`: the smallest value lies at `b_first`;
- `falls_slower`: A falls fewer points than B from first to last period.

An indicator written `num/den` is the mean of `num` over the mean of `den` (group "alle").
Rows with a status other than `holds` are not checked: `conflict` (cannot hold together
with a figure shown exactly as stated), `open` (could hold, not calibrated) and
`not_checkable` (no series covers it); their `note` says why.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product
from pathlib import Path

import duckdb

AXES = ("indicator_id", "geo_code", "group_code", "age_band", "origin", "first", "last")


@dataclass(frozen=True)
class Term:
    indicator_id: str
    geo_code: str
    group_code: str
    age_band: str
    origin: str
    first: str
    last: str


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def bounds(text: str, weekly: bool) -> tuple[date, date]:
    """The first and last day a period text covers (a day of a weekly series: its Monday)."""
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1), date(int(text), 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        year, month = int(text[:4]), int(text[5:])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date.fromisoformat(text)
    if weekly:
        day -= timedelta(days=day.weekday())
    return day, day


def values(con: duckdb.DuckDBPyConnection, term: Term) -> list[float]:
    """The term's values, one per period, oldest first (a `num/den` term: their ratio)."""
    if "/" in term.indicator_id:
        num, den = term.indicator_id.split("/")
        top = values(con, Term(num, *_rest(term)))
        bottom = values(con, Term(den, term.geo_code, "alle", term.age_band, term.origin, term.first, term.last))
        return [a / b for a, b in zip(top, bottom, strict=True)]
    grain = con.execute("SELECT grain FROM indicator WHERE indicator_id = ?", [term.indicator_id]).fetchone()[0]
    first = bounds(term.first, grain == "week")[0]
    last = bounds(term.last, grain == "week")[1]
    rows = con.execute(
        """SELECT value FROM observation
           WHERE indicator_id = ? AND grain = ? AND geo_code = ? AND group_code = ? AND age_band = ?
             AND origin = ? AND gender = 'alle' AND period_start BETWEEN ? AND ?
           ORDER BY period_start""",
        [term.indicator_id, grain, term.geo_code, term.group_code, term.age_band, term.origin, first, last],
    ).fetchall()
    if not rows:
        raise LookupError(f"ingen observationer for {term}")
    return [r[0] for r in rows]


def _rest(term: Term) -> tuple[str, ...]:
    return (term.geo_code, term.group_code, term.age_band, term.origin, term.first, term.last)


def terms(row: dict[str, str], prefix: str = "") -> Iterator[Term]:
    """Every term a row names: one per combination of `|`-separated values."""
    parts = []
    for axis in AXES:
        own = row.get(f"{prefix}{axis}", "") if prefix else ""
        parts.append((own or row[axis]).split("|"))
    for combo in product(*parts):
        yield Term(*combo)


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def _has_b(row: dict[str, str]) -> bool:
    return any(row[f"b_{axis}"] for axis in AXES)


def check(con: duckdb.DuckDBPyConnection, row: dict[str, str]) -> bool:
    """Whether the statement's check holds in the database (for every term it names)."""
    op = row["op"]
    expect = float(row["expect"]) if row["expect"] else None
    tol = float(row["tolerance"] or 0)
    if op == "most>":
        groups = row["group_code"].split("|")
        higher = 0
        for group in groups:
            a = next(terms(row | {"group_code": group}))
            b = next(terms(row | {"group_code": group}, "b_"))
            higher += mean(values(con, a)) > mean(values(con, b))
        return higher > len(groups) / 2
    results = []
    for a in terms(row):
        a_values = values(con, a)
        bs = (
            list(terms(row | {k: v for k, v in zip(AXES, a.__dict__.values(), strict=True)}, "b_"))
            if _has_b(row)
            else [None]
        )
        for b in bs:
            b_values = values(con, b) if b is not None else None
            results.append(_compare(op, a_values, b_values, expect, tol, row))
    return all(results)


def _compare(
    op: str, a: list[float], b: list[float] | None, expect: float | None, tol: float, row: dict[str, str]
) -> bool:
    other = mean(b) if b is not None else expect
    if op == "<":
        return mean(a) < other
    if op == ">":
        return mean(a) > other
    if op == "=":
        return abs(mean(a) - other) <= tol + 1e-9
    if op in ("each<", "each>"):
        pairs = zip(a, b, strict=True)
        return all(x < y for x, y in pairs) if op == "each<" else all(x > y for x, y in pairs)
    if op == "rising":
        return all(y > x for x, y in zip(a, a[1:], strict=False))
    if op == "diff=":
        return abs(a[-1] - a[0] - expect) <= tol + 1e-9
    if op == "pct_change=":
        return abs(100 * (a[-1] / a[0] - 1) - expect) <= tol + 1e-9
    if op == "rise>":
        return a[-1] - a[0] > (b[-1] - b[0] if b is not None else expect)
    if op == "sum=":
        return abs(sum(a) - expect) <= tol + 1e-9
    if op == "share>":
        return sum(a) / sum(b) > expect
    if op == "ratio<":
        return mean(a) / mean(b) < expect
    if op == "falls_slower":
        return a[0] - a[-1] < b[0] - b[-1]
    if op == "max_rise_in":
        return _index_in(a, row, max(range(1, len(a)), key=lambda i: a[i] - a[i - 1]))
    if op == "min_at":
        return _index_in(a, row, min(range(len(a)), key=lambda i: a[i]), last=row["b_first"])
    raise ValueError(f"ukendt op {op!r} i {row['statement_id']}")


def _index_in(a: list[float], row: dict[str, str], index: int, last: str | None = None) -> bool:
    """Whether the `index`-th month after `first` lies in b_first..b_last (monthly series)."""
    start = bounds(row["first"], False)[0]
    month = date(start.year + (start.month - 1 + index) // 12, (start.month - 1 + index) % 12 + 1, 1)
    low = bounds(row["b_first"], False)[0]
    high = bounds(last or row["b_last"], False)[1]
    return low <= month <= high


def failures(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The statements marked `holds` whose check does not hold (empty when all do)."""
    return [r["statement_id"] for r in read(path) if r["status"] == "holds" and not check(con, r)]
