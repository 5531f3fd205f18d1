"""The Ministry's benchmark (Jobindsats Y30R21, or a CSV/XLSX file with its columns).

Per area, benchmark period (one year of two half-years, `2019h2-2020h1`) and benefit
group: the expected and the actual number of full-time persons on public support and
the population they are shares of. When the file has no population column, it is
derived from a share column (population = count / share × 100), rounded to whole persons.

Jobindsats labels each measure `<topic>: <measure>` (`Forventet og faktisk antal
fuldtidspersoner på offentlig forsørgelse: Faktisk antal`); the measure after the colon
names the column. Where the file has the Ministry's forskel in pct.-point and its
placement, both are kept (`benchmark_published`): the ranking rule (the view
`benchmark_ranked`) orders by that forskel and, among equal rounded figures, keeps the
Ministry's order, which rests on unrounded figures the file does not hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from dashboard.importers.batch import Batch, SourceInfo
from dashboard.importers.errors import Problems, reject
from dashboard.importers.reference import Reference
from dashboard.importers.text import SemicolonCsv, check_size, column_key, norm, parse_number

NAME = "Beskæftigelsesministeriets benchmark"
GROUPS = {
    "i-alt": (
        "i alt",
        "ydelsesgrupper i alt",
        "offentlig forsørgelse i alt",
        "ydelser i alt",
        "alle ydelser",
        "samlet",
        "i-alt",
        "offentligt forsørgede i alt",
    ),
    "dagpenge": ("dagpenge", "a-dagpenge", "a-dagpenge mv.", "forsikrede ledige", "dagpengeområdet"),
    "sygedagpenge-jobafklaring": (
        "sygedagpenge og jobafklaring",
        "sygedagpenge, jobafklaring",
        "sygedagpenge-jobafklaring",
        "sygedagpenge og jobafklaringsforløb",
        "sygedagpengeområdet",
        "sygedagpenge mv.",
    ),
    "kontanthjaelpsomraadet": ("kontanthjælpsområdet", "kontanthjaelpsomraadet", "kontanthjælp mv.", "kontanthjælp"),
}
GROUP_ALIASES = {norm(alias): group for group, aliases in GROUPS.items() for alias in aliases}
HALVES = re.compile(r"(\d{4})\s*H([12])\s*[-–/]\s*(\d{4})\s*H([12])", re.IGNORECASE)
ROLLING = re.compile(r"(\d{4})\s*Q\s*MAT\s*0?([1-4])", re.IGNORECASE)


def benchmark_period(text: object) -> tuple[str, date]:
    """`2019H2-2020H1`, `2019h2-2020h1` or `2020QMAT02` (the year up to Q2 2020) -> (`2019h2-2020h1`, 2019-07-01)."""
    code = str(text).strip()
    if m := HALVES.fullmatch(code):
        y1, h1, y2, h2 = int(m[1]), int(m[2]), int(m[3]), int(m[4])
        if (y2, h2) != ((y1, 2) if h1 == 1 else (y1 + 1, 1)):
            raise ValueError(f"benchmarkperioden {text!r} skal være to halvår i træk (fx 2019H2-2020H1)")
    elif m := ROLLING.fullmatch(code):
        year, q = int(m[1]), int(m[2])
        if q not in (2, 4):
            raise ValueError(f"benchmarkperioden {text!r} slutter ikke med et halvår (kun Q2 og Q4)")
        y1, h1 = (year - 1, 2) if q == 2 else (year, 1)
        y2, h2 = (year, 1) if q == 2 else (year, 2)
    else:
        raise ValueError(f"ukendt benchmarkperiode {text!r}; brug fx 2019H2-2020H1 eller 2020QMAT02")
    if not 1990 <= y1 <= 2100:
        raise ValueError(f"året i benchmarkperioden {text!r} er uden for 1990–2100")
    return f"{y1}h{h1}-{y2}h{h2}", date(y1, 1 if h1 == 1 else 7, 1)


def _match(keys: list[str], test) -> int | None:
    return next((i for i, k in enumerate(keys) if test(k)), None)


def measure_key(label: object) -> str:
    """The column key of a header cell; for Jobindsats' `<topic>: <measure>` labels, of the measure."""
    return column_key(str(label).rsplit(":", 1)[-1])


def columns(header: list[str]) -> dict[str, int | None]:
    keys = [measure_key(h) for h in header]
    return {
        "area": _match(keys, lambda k: k in ("omraade", "omrade", "area", "kommune", "jobcenter", "geocode")),
        "period": _match(keys, lambda k: k in ("periode", "period", "tid", "benchmarkperiode")),
        "group": _match(keys, lambda k: k.startswith(("ydelsesgruppe", "ygrp", "benefitgroup", "ydelse"))),
        "expected": _match(
            keys, lambda k: k in ("expectedpersons", "forventet") or (k.startswith("forventet") and "antal" in k)
        ),
        "actual": _match(
            keys, lambda k: k in ("actualpersons", "faktisk") or (k.startswith("faktisk") and "antal" in k)
        ),
        "expected_share": _match(keys, lambda k: k.startswith("forventet") and "andel" in k),
        "actual_share": _match(keys, lambda k: k.startswith("faktisk") and "andel" in k),
        "population": _match(keys, lambda k: k.startswith(("befolkning", "population", "indbyggere"))),
        "difference_share": _match(keys, lambda k: k.startswith("forskel") and "andel" in k),
        "rank": _match(keys, lambda k: k.startswith(("placering", "rank"))),
    }


def add_benchmark_rows(
    batch: Batch,
    header: list[str],
    rows: Iterable[tuple[int | str, list]],
    ref: Reference,
    problems: Problems,
    header_row: int | None = None,
) -> None:
    cols = columns(header)
    missing = [
        name
        for name, what in (
            ("område", "area"),
            ("periode", "period"),
            ("ydelsesgruppe", "group"),
            ("forventet antal", "expected"),
            ("faktisk antal", "actual"),
        )
        if cols[what] is None
    ]
    if cols["population"] is None and cols["actual_share"] is None and cols["expected_share"] is None:
        missing.append("befolkning eller faktisk/forventet andel")
    if missing:
        raise reject(
            problems.file,
            f"kolonne mangler: {', '.join(missing)}; overskriften er: {'; '.join(map(str, header))}",
            row=header_row,
        )
    seen: dict[tuple, int | str] = {}
    for label, cells in rows:
        batch.rows_read += 1

        def cell(what: str, cells: list = cells):
            i = cols[what]
            return None if i is None else cells[i]

        def col(what: str) -> str:
            return str(header[cols[what]])

        ok = True
        geo = ref.area(cell("area"))
        if geo is None:
            problems.add(label, col("area"), f"ukendt område {cell('area')!r}")
            ok = False
        try:
            period, start = benchmark_period(cell("period"))
        except ValueError as exc:
            problems.add(label, col("period"), str(exc))
            ok, period, start = False, None, None
        group = GROUP_ALIASES.get(norm(cell("group")))
        if group is None:
            problems.add(
                label,
                col("group"),
                f"ukendt ydelsesgruppe {cell('group')!r}; kendte: i alt, dagpenge, "
                "sygedagpenge og jobafklaring, kontanthjælpsområdet",
            )
            ok = False
        numbers: dict[str, float | None] = {}
        for what in ("expected", "actual", "population", "actual_share", "expected_share", "difference_share", "rank"):
            if cols[what] is None:
                numbers[what] = None
                continue
            if what in ("difference_share", "rank") and not str(cell(what)).strip():
                numbers[what] = None
                continue
            try:
                number = parse_number(cell(what))
            except ValueError as exc:
                problems.add(label, col(what), str(exc))
                ok = False
                continue
            if number is not None and number < 0 and what != "difference_share":
                problems.add(label, col(what), f"negativt tal ({cell(what)})")
                ok = False
            numbers[what] = number
        if not ok:
            continue
        if numbers["expected"] is None or numbers["actual"] is None:
            problems.add(label, col("actual" if numbers["actual"] is None else "expected"), "værdien mangler")
            continue
        population = numbers["population"]
        if population is None:
            for count, share in (("actual", "actual_share"), ("expected", "expected_share")):
                if numbers.get(share) and numbers[count]:
                    population = numbers[count] / numbers[share] * 100
                    break
        if population is None or round(population) <= 0:
            problems.add(
                label,
                col("population") if cols["population"] is not None else None,
                "befolkningen mangler eller er 0, og kan ikke beregnes af andelene",
            )
            continue
        key = (period, group, geo)
        if key in seen:
            problems.add(label, None, f"samme område, periode og ydelsesgruppe som række {seen[key]} (dublet)")
            continue
        seen[key] = label
        published = numbers["difference_share"] is not None and numbers["rank"] is not None
        if numbers["rank"] is not None and (numbers["rank"] < 1 or numbers["rank"] != int(numbers["rank"])):
            problems.add(label, col("rank"), f"placeringen {cell('rank')!r} er ikke et helt tal fra 1")
            continue
        batch.benchmark.append(
            (
                period,
                start,
                group,
                geo,
                numbers["expected"],
                numbers["actual"],
                round(population),
                numbers["difference_share"] if published else None,
                int(numbers["rank"]) if published else None,
            )
        )
    problems.raise_if_any()
    if not batch.benchmark:
        raise reject(problems.file, "ingen benchmarkrækker at importere")
    batch.benchmark.sort(key=lambda r: (r[0], r[2], r[3]))
    per_period = {}
    for period, _, group, geo, *_ in batch.benchmark:
        per_period.setdefault((period, group), set()).add(geo)
    few = sorted(k for k, geos in per_period.items() if len([g for g in geos if ref.levels.get(g) == "kommune"]) < 98)
    if few:
        batch.warnings.append(
            f"{len(few)} kombinationer af periode og ydelsesgruppe har færre end 98 kommuner; placeringen beregnes "
            "blandt de kommuner der er i databasen for perioden"
        )


def source_info(table_id: str, name: str, url: str | None, fetched_at, ref: str) -> SourceInfo:
    return SourceInfo("benchmark", name, table_id, url, fetched_at, ref)


def read_xlsx(path: Path, display: str, max_bytes: int) -> tuple[list[str], list[tuple[int, list]], int]:
    """Header and rows of the first sheet; the header is the first row naming an area and a period."""
    import zipfile

    from openpyxl import load_workbook

    check_size(path, display, max_bytes)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise reject(display, f"kan ikke læses som et Excel-regneark (.xlsx): {exc}") from None
    try:
        sheet = book.worksheets[0]
        header: list[str] | None = None
        header_row = 0
        rows: list[tuple[int, list]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else v for v in values]
            if header is None:
                found = columns([str(c) for c in cells])
                if found["area"] is not None and found["period"] is not None:
                    header, header_row = [str(c).strip() for c in cells], number
                continue
            if not any(str(c).strip() for c in cells):
                continue
            rows.append((number, (cells + [""] * len(header))[: len(header)]))
    finally:
        book.close()
    if header is None:
        raise reject(display, "fandt ingen overskriftsrække med område og periode i første ark")
    if not rows:
        raise reject(display, "regnearket har kun overskriftsrækken og ingen data", row=header_row)
    return header, rows, header_row


def parse_file(path: Path, display: str, ref: Reference, source: SourceInfo, *, max_bytes: int) -> Batch:
    batch = Batch(source.table_id or "benchmark", source)
    problems = Problems(display)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, rows, header_row = read_xlsx(path, display, max_bytes)
        add_benchmark_rows(batch, header, rows, ref, problems, header_row)
    else:
        csv_file = SemicolonCsv(path, display, max_bytes)
        add_benchmark_rows(
            batch, csv_file.header, ((r.line, r.cells) for r in csv_file.rows()), ref, problems, csv_file.header_line
        )
    return batch
