"""National scale: every breakdown crossed for every area, 2010-01..2025-12, monthly and weekly.

`python -m dashboard build --scale national` writes a database of the same shape as the
bundled one, but as large as the real data for all of Denmark would be (~40 million
observations), to measure the dashboard against (`python -m dashboard bench`).

What it holds (all quality `demo`, except the documented figures, which win at their keys
exactly as in the bundled build):
- monthly counts (fuldtidsledige, modtagere, arbejdsstyrke when the catalogue has it) and
  ledighedsprocent for all 122 areas (98 municipalities and every area made of them) with
  target group × age band × gender × origin fully crossed, "alle" included on every axis;
- andel forsikrede ledige, and every catalogue indicator (the `level` model) for all areas,
  by target group and origin;
- weekly: ledige i kontakt med jobcentret by target group, crossed with each breakdown in
  turn (age band, gender, origin), and the weekly flows (tilgang, afgang, nytilmeldte).

The bundled build stages everything in SQL and sorts it once; at this size that takes
minutes and ~20 GB. Here the crossed cubes are computed in numpy (municipality cells,
summed into areas by a membership matrix, totals added per axis) and written as Arrow
chunks, already in the order the table is stored in: indicator, target group, age band,
gender, origin, area, period. A query for one indicator and one breakdown then reads one
contiguous block, and DuckDB's zone maps skip the rest of the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard import build
from dashboard.build import benchmark, covid, demo

FIRST_MONTH, LAST_MONTH = "2010-01", "2025-12"
CHUNK_ROWS = 2_000_000
# Weekly stock and flow rates (share of the stock per week), and their COVID-19 jump.
INFLOW_RATE = {"dagpenge": 0.052, "alle": 0.03, "nytilmeldte": 0.045}
WEEKLY_SIGMA = 0.01
WEEKLY_COVID_AMP = {"dagpenge": 0.3, "kontanthjaelp-jobparat": 0.08, "uddannelseshjaelp": 0.1}
STAGE_COLUMNS = """indicator_id VARCHAR, geo_code VARCHAR, period_start TIMESTAMP, group_code VARCHAR,
    age_band VARCHAR, gender VARCHAR, origin VARCHAR, value DOUBLE, persons BIGINT"""
BREAKDOWN = {"age_band": demo.AGES, "gender": demo.GENDERS, "origin": demo.ORIGINS}
REFERENCES = {
    "indicator_id": "indicator",
    "geo_code": "geography",
    "group_code": "target_group",
    "age_band": "age_band",
    "gender": "gender",
    "origin": "origin",
    "source_id": "source",
}
AXES = ("group_code", "age_band", "gender", "origin", "geo_code", "period_start")


def schema(ddl: str) -> str:
    """The schema with the observation table's foreign keys checked once, after loading.

    DuckDB checks a foreign key row by row through the parent's index: for 46 million rows
    and seven keys that is twelve times the cost of the insert itself (about five minutes
    here). `check_references` proves the same thing with one anti-join per dimension.
    """
    start = ddl.index("CREATE TABLE observation")
    end = ddl.index(");", start)
    table = re.sub(r"\s+REFERENCES \w+ \(\w+\)", "", ddl[start:end])
    return ddl[:start] + table + ddl[end:]


def check_references(con: duckdb.DuckDBPyConnection) -> None:
    """Every code in `observation` exists in its dimension table (what the foreign keys say)."""
    for column, table in REFERENCES.items():
        orphans = con.execute(
            f"SELECT DISTINCT o.{column} FROM observation o ANTI JOIN {table} d ON d.{column} = o.{column} LIMIT 5"
        ).fetchall()
        if orphans:
            raise ValueError(f"observation.{column} har koder uden række i {table}: {[r[0] for r in orphans]}")


@dataclass(frozen=True)
class Grid:
    """One indicator on a full cartesian grid, axes in `AXES` order, each sorted."""

    indicator_id: str
    grain: str
    labels: dict[str, list[str]]
    periods: np.ndarray  # datetime64[D], the period_start axis
    value: np.ndarray
    persons: np.ndarray | None

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(self.labels[a]) for a in AXES[:-1]) + (len(self.periods),)


def stage_and_finish(con: duckdb.DuckDBPyConnection, data_dir: Path, home: str) -> None:
    """Write every observation of the national data set into `observation`."""
    munis = demo.municipalities(build.read_csv(data_dir, "municipalities.csv"))
    months = demo.month_range(FIRST_MONTH, LAST_MONTH)
    known = set(con.execute("SELECT indicator_id FROM indicator").fetchnumpy()["indicator_id"].tolist())
    areas, membership = area_matrix(con, munis.codes)

    con.execute(f"CREATE TEMP TABLE stage_observation ({STAGE_COLUMNS})")
    anchors = build.anchors_from_facts(data_dir)
    monthly_anchors = anchors[anchors.grain.isin(["month", "year"])]
    levels = build.level_frames(data_dir, munis, monthly_anchors, home, FIRST_MONTH, LAST_MONTH)
    con.register("level_cells", levels)
    con.register("full_cube_geo", pd.DataFrame({"geo_code": areas}))
    con.execute(build.STAGE_LEVELS.read_text(encoding="utf-8"))
    con.unregister("level_cells")
    del levels
    # The weekly COVID-19 series of 2019-2021 and the benchmark table, as in the bundled
    # build: calibrated to the documented figures. Their rows win at their keys (below).
    covid.stage(con, munis, home)
    benchmark.stage(con, munis, home)
    for stage in build.EXTRA_STAGES:
        stage(con, munis, home)

    taken = document_keys(con, data_dir)
    lf, rate = build.labour_market(con, data_dir, munis, months, home)
    recipients = cube(
        demo.recipient_cells(munis, months, rate, home),
        {"g": demo.BENEFIT_GROUPS} | BREAKDOWN,
        len(months),
        len(munis.codes),
    )
    for grid in monthly_grids(munis, months, lf, rate, recipients, areas, membership, known, home):
        insert_grid(con, grid, taken)
    weekly_groups = (
        [
            g
            for g in build.read_csv(data_dir, "indicators.csv")
            .set_index("indicator_id")
            .loc["ledige_i_kontakt", "groups"]
            .split("|")
            if g
        ]
        if "ledige_i_kontakt" in known
        else []
    )
    for grid in weekly_grids(munis, months, recipients, weekly_groups, areas, membership, known):
        insert_grid(con, grid, taken)
    build.finish_observations(con, data_dir)
    check_references(con)


def area_matrix(con: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Every area (sorted by code) and its 0/1 membership row over the municipalities."""
    members = con.execute("SELECT geo_code, member_code FROM geography_member").df()
    areas = sorted(members["geo_code"].unique())
    col = {c: i for i, c in enumerate(codes)}
    row = {a: i for i, a in enumerate(areas)}
    matrix = np.zeros((len(areas), len(codes)))
    matrix[members["geo_code"].map(row).to_numpy(), members["member_code"].map(col).to_numpy()] = 1.0
    return areas, matrix


def document_keys(con: duckdb.DuckDBPyConnection, data_dir: Path) -> pd.DataFrame:
    """Keys a generated row must not take: documented figures, and rows other stages made."""
    con.register("fact_rows", build.anchors_from_facts(data_dir))
    keys = con.execute(
        """SELECT indicator_id, grain, geo_code, period_start::DATE AS period_start, group_code, age_band, gender, origin
           FROM fact_rows
           UNION ALL
           SELECT s.indicator_id, i.grain, s.geo_code, s.period_start::DATE, s.group_code, s.age_band, s.gender, s.origin
           FROM stage_observation s JOIN indicator i USING (indicator_id)
           WHERE s.indicator_id IN (SELECT indicator_id FROM indicator WHERE grain = 'week')
              OR s.indicator_id IN ('fuldtidsledige', 'modtagere', 'arbejdsstyrke', 'ledighedsprocent', 'andel_forsikrede_ledige')"""
    ).df()
    con.unregister("fact_rows")
    return keys


# ---------------------------------------------------------------------------------------
# Monthly cubes


def cube(frame: pd.DataFrame, dims: dict[str, list[str]], n_periods: int, n_munis: int) -> np.ndarray:
    """The integer persons of a generated cell frame as an array (municipality, period, *dims)."""
    shape = (n_munis, n_periods, *(len(v) for v in dims.values()))
    return frame["persons"].to_numpy().reshape(shape).astype(np.float64)


def with_totals(values: np.ndarray, axes: Sequence[int]) -> np.ndarray:
    """Prepend the total ("alle") on each of `axes`."""
    for axis in axes:
        values = np.concatenate([values.sum(axis=axis, keepdims=True), values], axis=axis)
    return values


def to_areas(values: np.ndarray, membership: np.ndarray) -> np.ndarray:
    """Sum municipality cells (first axis) into areas (exact: integers well below 2**53)."""
    flat = values.reshape(values.shape[0], -1)
    return np.rint(membership @ flat).reshape((membership.shape[0], *values.shape[1:]))


def round_half_up(values: np.ndarray, decimals: int) -> np.ndarray:
    """DuckDB's round(): halves away from zero (numpy rounds them to even)."""
    scale = 10.0**decimals
    return np.floor(np.abs(values) * scale + 0.5) / scale * np.sign(values)


def make_grid(
    indicator_id: str,
    grain: str,
    values: np.ndarray,
    persons: np.ndarray | None,
    areas: list[str],
    periods: pd.DatetimeIndex,
    dims: dict[str, list[str]],
) -> Grid:
    """Arrange an (area, period, group, age, gender, origin) array in storage order, each axis sorted."""
    labels = {"group_code": ["alle"], "age_band": ["alle"], "gender": ["alle"], "origin": ["alle"]} | dims
    full = (len(areas), len(periods), *(len(labels[a]) for a in AXES[:4]))
    order = (2, 3, 4, 5, 0, 1)
    values = values.reshape(full).transpose(order)
    persons = None if persons is None else persons.reshape(full).transpose(order)
    labels = labels | {"geo_code": list(areas)}
    sorted_labels = {}
    for axis, name in enumerate(AXES[:-1]):
        perm = np.argsort(np.array(labels[name], dtype=object), kind="stable")
        sorted_labels[name] = [labels[name][i] for i in perm]
        values = np.take(values, perm, axis=axis)
        if persons is not None:
            persons = np.take(persons, perm, axis=axis)
    return Grid(
        indicator_id,
        grain,
        sorted_labels,
        periods.values.astype("datetime64[D]"),
        np.ascontiguousarray(values),
        None if persons is None else np.ascontiguousarray(persons),
    )


def monthly_grids(
    munis: demo.Municipalities,
    months: pd.DatetimeIndex,
    lf: np.ndarray,
    rate: np.ndarray,
    recipients: np.ndarray,
    areas: list[str],
    membership: np.ndarray,
    known: set[str],
    home: str | None = None,
) -> Iterator[Grid]:
    """Counts and rates with target group × age band × gender × origin crossed, for every area."""
    n, t = len(munis.codes), len(months)
    breakdown = BREAKDOWN

    def every(groups: list[str]) -> dict[str, list[str]]:
        return {"group_code": ["alle", *groups]} | {k: ["alle", *v] for k, v in breakdown.items()}

    lf_cube = to_areas(cube(demo.labour_force_cells(munis, months, lf, home), breakdown, t, n), membership)
    lf_cube = with_totals(lf_cube, (2, 3, 4))[:, :, None]  # area, month, group(alle), age, gender, origin
    ledige = to_areas(
        cube(demo.unemployed_cells(munis, months, lf, rate, home), {"g": demo.LEDIG_GROUPS} | breakdown, t, n),
        membership,
    )
    ledige = with_totals(ledige, (2, 3, 4, 5))
    if "arbejdsstyrke" in known:
        yield make_grid("arbejdsstyrke", "month", lf_cube, lf_cube, areas, months, every([]) | {"group_code": ["alle"]})
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_cube = round_half_up(100 * ledige[:, :, :1] / lf_cube, 1)
        insured = round_half_up(100 * ledige[:, :, 1:2, :1, :1, :1] / lf_cube[:, :, :, :1, :1, :1], 1)
    # A cell without anyone in the labour force has no rate: such rows are left out.
    yield make_grid(
        "ledighedsprocent", "month", rate_cube, ledige[:, :, :1], areas, months, every([]) | {"group_code": ["alle"]}
    )
    yield make_grid("andel_forsikrede_ledige", "month", insured, ledige[:, :, 1:2, :1, :1, :1], areas, months, {})
    yield make_grid("fuldtidsledige", "month", ledige, ledige, areas, months, every(demo.LEDIG_GROUPS))
    del ledige, lf_cube, rate_cube
    modtagere = to_areas(recipients, membership)
    modtagere = with_totals(modtagere, (2, 3, 4, 5))
    yield make_grid("modtagere", "month", modtagere, modtagere, areas, months, every(demo.BENEFIT_GROUPS))


# ---------------------------------------------------------------------------------------
# Weekly series


def week_range(months: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Every week (starting Monday) that starts inside the month range."""
    last_day = months[-1] + pd.offsets.MonthEnd(0)
    return pd.date_range(months[0], last_day, freq="W-MON")


def to_weeks(values: np.ndarray, months: pd.DatetimeIndex, weeks: pd.DatetimeIndex) -> np.ndarray:
    """Linear interpolation along axis 1 from mid-month to mid-week."""
    x = (months + pd.Timedelta(days=14)).asi8.astype(float)
    xw = (weeks + pd.Timedelta(days=3)).asi8.astype(float)
    right = np.clip(np.searchsorted(x, xw), 1, len(x) - 1)
    left = right - 1
    span = x[right] - x[left]
    w = np.clip(np.divide(xw - x[left], span, out=np.zeros_like(xw), where=span > 0), 0.0, 1.0)
    shape = (1, len(weeks)) + (1,) * (values.ndim - 2)
    return values[:, left] * (1 - w).reshape(shape) + values[:, right] * w.reshape(shape)


def weekly_covid(weeks: pd.DatetimeIndex) -> np.ndarray:
    month_starts = weeks.to_period("M").to_timestamp()
    return demo.covid_curve(pd.DatetimeIndex(month_starts))


def weekly_grids(
    munis: demo.Municipalities,
    months: pd.DatetimeIndex,
    recipients: np.ndarray,
    groups: list[str],
    areas: list[str],
    membership: np.ndarray,
    known: set[str],
) -> Iterator[Grid]:
    """Ledige i kontakt by target group (× each breakdown in turn) and the weekly flows."""
    if not groups:
        return
    weeks = week_range(months)
    cells = recipients[:, :, [demo.BENEFIT_GROUPS.index(g) for g in groups]]
    rng = np.random.default_rng(demo.SEED + 9)
    noise = 1 + rng.normal(0, WEEKLY_SIGMA, (len(munis.codes), len(weeks), len(groups)))
    amp = np.array([WEEKLY_COVID_AMP.get(g, 0.0) for g in groups])
    noise = (noise * (1 + amp[None, None, :] * weekly_covid(weeks)[None, :, None]))[..., None, None, None]
    stock = np.rint(to_weeks(cells, months, weeks) * noise)  # muni, week, group, age, gender, origin
    del cells, noise
    kontakt = with_totals(to_areas(stock, membership), (2,))  # area, week, group (alle first), age, gender, origin
    group_labels = ["alle", *groups]
    total = kontakt.sum(axis=(3, 4, 5))
    yield make_grid("ledige_i_kontakt", "week", total, total, areas, weeks, {"group_code": group_labels})
    for axis, name in ((3, "age_band"), (4, "gender"), (5, "origin")):
        part = kontakt.sum(axis=tuple(a for a in (3, 4, 5) if a != axis))
        yield make_grid(
            "ledige_i_kontakt", "week", part, part, areas, weeks, {"group_code": group_labels, name: BREAKDOWN[name]}
        )
    del kontakt
    by_group = stock.sum(axis=(3, 4, 5))  # muni, week, group
    del stock
    covid = 1 + weekly_covid(weeks)[None, :]
    dagpenge = by_group[:, :, groups.index("dagpenge")] if "dagpenge" in groups else by_group[:, :, 0]
    flows = {}
    for group, series in (("alle", by_group.sum(axis=2)), ("dagpenge", dagpenge)):
        inflow = np.rint(series * INFLOW_RATE[group] * covid)
        outflow = np.maximum(inflow - np.diff(series, axis=1, prepend=series[:, :1]), 0)
        flows[group] = (inflow, outflow)
    for name, pick in (("tilgang", 0), ("afgang", 1)):
        if name in known:
            both = np.stack(
                [to_areas(flows["alle"][pick], membership), to_areas(flows["dagpenge"][pick], membership)], axis=2
            )
            yield make_grid(name, "week", both, both, areas, weeks, {"group_code": ["alle", "dagpenge"]})
    if "nytilmeldte" in known:
        new = to_areas(np.rint(dagpenge * INFLOW_RATE["nytilmeldte"] * covid), membership)
        yield make_grid("nytilmeldte", "week", new, new, areas, weeks, {})


# ---------------------------------------------------------------------------------------
# Writing


def grid_positions(grid: Grid, keys: pd.DataFrame) -> np.ndarray:
    """Flat positions in `grid` of the keys that fall on it."""
    keys = keys[(keys.indicator_id == grid.indicator_id) & (keys.grain == grid.grain)]
    if keys.empty:
        return np.empty(0, dtype=np.int64)
    index = []
    ok = np.ones(len(keys), dtype=bool)
    for name in AXES[:-1]:
        pos = keys[name].map({v: i for i, v in enumerate(grid.labels[name])})
        ok &= pos.notna().to_numpy()
        index.append(pos.fillna(0).astype(np.int64).to_numpy())
    days = pd.Series(pd.DatetimeIndex(keys["period_start"]).values.astype("datetime64[D]").astype(np.int64))
    pos = days.map({int(v): i for i, v in enumerate(grid.periods.astype(np.int64))})
    ok &= pos.notna().to_numpy()
    index.append(pos.fillna(0).astype(np.int64).to_numpy())
    return np.ravel_multi_index(tuple(i[ok] for i in index), grid.shape)


def period_ends(grain: str, starts: np.ndarray) -> np.ndarray:
    if grain == "week":
        return starts + np.timedelta64(6, "D")
    months = starts.astype("datetime64[M]")
    return (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")


def constant(value: str, n: int) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int8)), pa.array([value]))


def chunks(grid: Grid, keep: np.ndarray) -> Iterator[pa.Table]:
    """The grid as Arrow tables in storage order, `CHUNK_ROWS` at most, dropping `keep == False`."""
    shape = grid.shape
    strides = np.cumprod((shape[1:] + (1,))[::-1])[::-1]
    total = int(np.prod(shape))
    values = grid.value.ravel()
    persons = None if grid.persons is None else grid.persons.ravel()
    ends = period_ends(grid.grain, grid.periods)
    dictionaries = {name: pa.array(grid.labels[name]) for name in AXES[:-1]}
    for start in range(0, total, CHUNK_ROWS):
        flat = np.arange(start, min(start + CHUNK_ROWS, total), dtype=np.int64)
        flat = flat[keep[flat] & np.isfinite(values[flat])]
        n = len(flat)
        position = {name: (flat // strides[i]) % shape[i] for i, name in enumerate(AXES)}
        columns = {
            "indicator_id": constant(grid.indicator_id, n),
            "geo_code": pa.DictionaryArray.from_arrays(
                pa.array(position["geo_code"].astype(np.int16)), dictionaries["geo_code"]
            ),
            "grain": constant(grid.grain, n),
            "period_start": pa.array(grid.periods[position["period_start"]]),
            "period_end": pa.array(ends[position["period_start"]]),
        }
        for name in AXES[:4]:
            columns[name] = pa.DictionaryArray.from_arrays(pa.array(position[name].astype(np.int8)), dictionaries[name])
        columns["value"] = pa.array(values[flat])
        columns["persons"] = (
            pa.array(persons[flat].astype(np.int32)) if persons is not None else pa.nulls(n, pa.int32())
        )
        columns["source_id"] = constant("demo", n)
        columns["quality"] = constant("demo", n)
        yield pa.table(columns)


def insert_grid(con: duckdb.DuckDBPyConnection, grid: Grid, taken: pd.DataFrame) -> None:
    keep = np.ones(int(np.prod(grid.shape)), dtype=bool)
    keep[grid_positions(grid, taken)] = False
    for table in chunks(grid, keep):
        con.register("grid_chunk", table)
        con.execute("INSERT INTO observation BY NAME SELECT * FROM grid_chunk")
        con.unregister("grid_chunk")
