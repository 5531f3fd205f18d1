"""Rows of (area, period, categories…, number) into observations, shared by the
StatBank and Jobindsats importers. Every row is checked; all problems are collected
and reported together before anything is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from dashboard.importers.batch import Batch
from dashboard.importers.cells import FIELDS, Aggregator, Dimension
from dashboard.importers.errors import Problems, reject
from dashboard.importers.periods import GRAIN_DA, Period, parse_period
from dashboard.importers.reference import Reference
from dashboard.importers.text import parse_number


@dataclass
class Layout:
    """Where each part of a row is, and what the rows mean.

    `area_of` reads an area cell (default: the database's codes, names and slugs);
    rows whose area `skip_area` accepts (an area the dashboard does not hold, such as
    Christiansø or abroad) are counted as skipped instead of rejected. A dimension that
    fills `series` names the indicator and group of each value (`indicator/group`).
    """

    indicator_id: str
    kind: str  # count | rate
    grains: tuple[str, ...]
    area: int
    period: int
    amount: int
    dims: list[tuple[Dimension, int]] = field(default_factory=list)
    filters: list[tuple[Dimension, int]] = field(default_factory=list)
    fixed: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    area_of: Callable[[object], str | None] | None = None
    skip_area: Callable[[object], bool] = lambda cell: False
    number: Callable[[object], float | None] = parse_number


def period_of(cell: object) -> Period:
    """A period cell; with codes and labels together (`2020K2 2020K2`) the code is read."""
    try:
        return parse_period(cell)
    except ValueError:
        text = str(cell).strip()
        if " " not in text:
            raise
        return parse_period(text.split(" ", 1)[0])


def add_rows(
    batch: Batch,
    rows: Iterable[tuple[int | str, list]],
    layout: Layout,
    ref: Reference,
    problems: Problems,
    first_day: date | None = None,
) -> None:
    """Validate `rows` and put the resulting observations in `batch` (unless there are problems)."""
    aggregator = Aggregator([d for d, _ in layout.dims])
    seen: dict[tuple, int | str] = {}
    col = layout.columns
    for label, cells in rows:
        batch.rows_read += 1
        ok = True
        geo = (layout.area_of or ref.area)(cells[layout.area])
        if geo is None and layout.skip_area(cells[layout.area]):
            batch.skipped["areas"] += 1
            continue
        if geo is None:
            problems.add(label, col[layout.area], f"ukendt område {cells[layout.area]!r}")
            ok = False
        try:
            period = period_of(cells[layout.period])
            if period.grain not in layout.grains:
                wanted = " eller ".join(GRAIN_DA[g] for g in layout.grains)
                problems.add(
                    label,
                    col[layout.period],
                    f"perioden {cells[layout.period]!r} er et {GRAIN_DA[period.grain]}; tabellen opgøres pr. {wanted}",
                )
                ok = False
        except ValueError as exc:
            problems.add(label, col[layout.period], str(exc))
            ok = False
            period = None
        codes: list[str] = []
        unused = False
        for dim, index in layout.dims:
            code = dim.code(cells[index])
            if code is None:
                if dim.strict:
                    problems.add(label, col[index], f"ukendt værdi {cells[index]!r}; kendte værdier: {dim.known()}")
                    ok = False
                else:
                    unused = True
                code = f"?{cells[index]}"
            codes.append(code)
        filter_codes = []
        for dim, index in layout.filters:
            code = dim.code(cells[index])
            filter_codes.append(code or str(cells[index]))
            if code not in dim.keep:
                unused = True
        try:
            amount = layout.number(cells[layout.amount])
            if amount is not None and amount < 0:
                problems.add(
                    label,
                    col[layout.amount],
                    f"negativt tal ({cells[layout.amount]}) – et antal eller en andel kan ikke være negativ",
                )
                ok = False
            if amount is not None and layout.kind == "rate" and amount > 100:
                problems.add(label, col[layout.amount], f"procenten {cells[layout.amount]} er over 100")
                ok = False
        except ValueError as exc:
            problems.add(label, col[layout.amount], str(exc))
            ok = False
            amount = None
        if not ok:
            continue
        key = (geo, period.start, tuple(codes), tuple(filter_codes))
        if key in seen:
            problems.add(label, None, f"samme område, periode og opdeling som række {seen[key]} (dublet)")
            continue
        seen[key] = label
        if first_day and period.start < first_day:
            batch.skipped["before"] += 1
            continue
        if unused or not aggregator.add((geo, period), tuple(codes), amount):
            batch.skipped["unused"] += 1
    problems.raise_if_any()
    for (geo, period), breakdown, amount, status in aggregator.results():
        if status != "ok":
            batch.skipped[status] += 1
            continue
        keys = {**layout.fixed, **breakdown}
        indicator = layout.indicator_id
        if "series" in keys:
            indicator, keys["group_code"] = keys["series"].split("/")
        group, age, gender, origin = (keys.get(f, "alle") for f in FIELDS)
        persons = None if layout.kind == "rate" else round(amount)
        batch.observations.append(
            (indicator, geo, period.grain, period.start, period.end, group, age, gender, origin, amount, persons)
        )
    if not batch.observations:
        raise reject(
            problems.file,
            "ingen tal at importere: alle celler mangler, er filtreret fra eller hører til "
            "kategorier som dashboardet ikke bruger",
        )
    batch.observations.sort(key=lambda r: (r[1], r[3], r[5], r[6], r[7], r[8]))
