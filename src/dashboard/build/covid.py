"""Weekly COVID-19 demo series: citizens in contact with the jobcentre, inflow, outflow.

Generated, not real (quality `demo`), for ISO weeks 2019-W01..2021-W52 (period_start is
the Monday, the first one 2018-12-31). Every municipality gets a weekly stock per target
group and integer inflows/outflows with `stock[w] = stock[w-1] + tilgang[w] - afgang[w]`;
areas are sums of their municipalities, and group `alle` is the sum of the groups.

The series pass exactly through the figures the committee minutes and the news state
(read from `document_fact`, which the build loads first). A date maps to the ISO week
containing it, and a stock is read at the end of its week:
- `change_in_ledige` over `a..b` = stock[week(b)] - stock[week(a)] (home and country);
- `ledige` on a date = stock[week(date)];
- `tilgang`/`afgang` over `a..b` = sum of the weekly flows of weeks week(a)+1 .. week(b)
  (the flows that take the stock from week(a) to week(b));
- `nytilmeldte_ledige` over `a..b` = sum of weeks week(a) .. week(b) (country only), and
  `nytilmeldte_ledige_vs_2019` the excess over the same ISO weeks of 2019.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from dashboard.build import demo

SEED = demo.SEED + 19
WEEKS = pd.date_range("2018-12-31", "2021-12-27", freq="7D")  # Mondays of ISO weeks 2019-W01..2021-W52
# The benefit groups of the monthly series without ledighedsydelse-fleksjob, which has no
# weekly series; in the same order, so the seeded draws are unchanged.
GROUPS = [g for g in demo.BENEFIT_GROUPS if g != "ledighedsydelse-fleksjob"]
DAGPENGE = GROUPS.index("dagpenge")
# Share of the 16-64-year-olds in contact with the jobcentre, per group (typical municipality).
SHARE = np.array([0.026, 0.008, 0.020, 0.010, 0.036, 0.006, 0.008, 0.005])
# How strongly each group follows the COVID-19 curve (dagpenge = 1).
COVID_AMP = np.array([1.0, 0.45, 0.08, 0.35, 0.12, 0.05, 0.0, 0.10])
WINTER_AMP = np.array([0.05, 0.02, 0.0, 0.02, 0.07, 0.0, 0.0, 0.0])
SUMMER_AMP = np.array([0.06, 0.02, 0.0, 0.10, -0.05, 0.0, 0.0, 0.0])
TREND = np.array([-0.04, -0.05, -0.03, -0.06, 0.0, 0.06, 0.05, -0.2])  # per year
# Weekly exit rate, and how much a lockdown slows it (1 = fully, 0 = not at all): the
# minutes imply a slow turnover outside dagpenge (951 came in during ten spring weeks).
EXIT_RATE = np.array([0.045, 0.02, 0.004, 0.012, 0.012, 0.006, 0.004, 0.006])
LOCKDOWN_EXIT = np.array([1.0, 1.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.3])
# Extra dagpenge (share of the pre-COVID level) through the pandemic: the spring jump,
# partial recovery, the second wave in winter 2020/21 and recovery through 2021.
COVID_KNOTS = [
    ("2018-12-31", 0.0),
    ("2020-03-02", 0.0),
    ("2020-03-16", 0.12),
    ("2020-03-30", 0.28),
    ("2020-04-13", 0.36),
    ("2020-05-18", 0.40),
    ("2020-06-15", 0.36),
    ("2020-08-17", 0.30),
    ("2020-10-26", 0.24),
    ("2020-11-23", 0.27),
    ("2020-12-28", 0.33),
    ("2021-01-25", 0.36),
    ("2021-03-01", 0.33),
    ("2021-04-26", 0.22),
    ("2021-06-21", 0.10),
    ("2021-09-06", 0.02),
    ("2021-12-27", -0.04),
]
# The home municipality's sygedagpenge weight among the groups other than dagpenge rises in
# November 2020: the minutes (point 4, statement S32 of data/statements.csv) put the net rise
# of 71 from 10 to 25 November down to the seasonal rise in sygedagpenge and a smaller rise in
# dagpenge. (week of the rise's start, week it is reached, relative rise)
SYGEDAGPENGE_AUTUMN = ("2020-11-09", "2020-11-23", 0.035)
# Exits slow down while the country is locked down (fewer hires).
EXIT_KNOTS = [
    ("2018-12-31", 1.0),
    ("2020-03-09", 1.0),
    ("2020-03-16", 0.45),
    ("2020-05-11", 0.5),
    ("2020-06-15", 1.05),
    ("2020-12-14", 1.0),
    ("2020-12-28", 0.7),
    ("2021-02-22", 0.7),
    ("2021-04-12", 1.05),
    ("2021-12-27", 1.0),
]
# The level the home municipality starts from on 12 March 2020 (demo): 184 / 4280 rounds to
# the stated +4,3 % (F15) and 113 / 4280 to +2,6 % (F62).
HOME_LEVEL_AT_START = 4280
HOME_COVID_SENSITIVITY = 1.0
NATIONAL_COVID_SENSITIVITY = 2.2
# F60's note: "951 came in and 529 left" between 9 March and 19 May 2020.
SPRING_FACT, SPRING_INFLOW, SPRING_OUTFLOW = "F60", 951, 529
# Newly registered unemployed in the whole country (demo), per week before seasonality.
NEW_BASE = 7450.0
NEW_KNOTS = [
    ("2018-12-31", 1.0),
    ("2020-03-02", 1.0),
    ("2020-03-09", 1.05),
    ("2020-03-16", 3.0),
    ("2020-03-23", 2.2),
    ("2020-03-30", 1.6),
    ("2020-04-06", 1.3),
    ("2020-05-11", 1.12),
    ("2020-06-15", 1.05),
    ("2020-11-30", 1.05),
    ("2020-12-21", 1.2),
    ("2021-02-01", 1.1),
    ("2021-05-03", 0.95),
    ("2021-12-27", 0.9),
]
FLOW_GROUPS = ("alle", "dagpenge")  # the groups data/indicators.csv publishes flows for
HOME_GROUP = "alle_i_kontakt_med_center_for_arbejdsmarked"
PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$")


def week_index(day: date) -> int:
    """Position in WEEKS of the ISO week that contains `day`."""
    monday = day - timedelta(days=day.weekday())
    return (pd.Timestamp(monday) - WEEKS[0]).days // 7


def days(stamps: pd.DatetimeIndex) -> np.ndarray:
    """Days since 1970 (independent of pandas' datetime resolution)."""
    return np.asarray((stamps - pd.Timestamp("1970-01-01")).days, dtype=float)


def knot_curve(knots: list[tuple[str, float]]) -> np.ndarray:
    x = days(pd.DatetimeIndex([k for k, _ in knots]))
    return np.interp(days(WEEKS), x, np.array([v for _, v in knots]))


def seasonality() -> np.ndarray:
    """Group × week: higher in winter (sygedagpenge, dagpenge), a summer bump for the young."""
    doy = np.asarray(WEEKS.day_of_year, dtype=float) + 3
    winter = np.cos(2 * np.pi * (doy - 20) / 365.25)
    summer = np.exp(-0.5 * ((doy - 205) / 18) ** 2)
    return 1 + WINTER_AMP[:, None] * winter[None, :] + SUMMER_AMP[:, None] * summer[None, :]


def ar_noise(rng: np.random.Generator, shape: tuple[int, ...], sigma: float, rho: float = 0.9) -> np.ndarray:
    eps = rng.normal(0, sigma, shape)
    out = np.empty(shape)
    out[..., 0] = eps[..., 0]
    for t in range(1, shape[-1]):
        out[..., t] = rho * out[..., t - 1] + eps[..., t]
    return 1 + out


def round_to_total(values: np.ndarray, total: int) -> np.ndarray:
    """Non-negative integers proportional to `values` that sum exactly to `total`."""
    values = np.clip(np.asarray(values, dtype=float), 0, None)
    if total < 0:
        raise ValueError(f"cannot spread a negative total {total}")
    if values.sum() <= 0:
        values = np.ones_like(values)
    scaled = values * total / values.sum()
    out = np.floor(scaled).astype(np.int64)
    rest = int(total - out.sum())
    order = np.argsort(-(scaled - out), kind="stable")
    out[order[:rest]] += 1
    return out


def split_rows(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split each week's integer total (week axis last) over groups by weights, exactly."""
    out = np.empty(weights.shape, dtype=np.int64)
    for t in range(totals.shape[0]):
        out[:, t] = round_to_total(weights[:, t], int(totals[t]))
    return out


def bend_through(series: np.ndarray, knots: dict[int, int], taper: float = 8.0) -> np.ndarray:
    """Add a piecewise-linear correction so the series hits every knot exactly; the
    correction is zero before the first knot and fades out after the last."""
    idx = sorted(knots)
    residual = np.array([knots[i] - series[i] for i in idx])
    pos = np.arange(len(series), dtype=float)
    corr = np.interp(pos, idx, residual)
    corr[pos < idx[0]] = 0.0
    after = pos > idx[-1]
    corr[after] = residual[-1] * np.exp(-0.5 * ((pos[after] - idx[-1]) / taper) ** 2)
    out = np.rint(series + corr).astype(np.int64)
    for i, v in knots.items():
        out[i] = v
    return out


@dataclass(frozen=True)
class Calibration:
    """The documented figures the weekly series must pass through."""

    home_total: dict[int, int]  # week -> stock of all groups (home)
    home_dagpenge: dict[int, int]  # week -> dagpenge stock (home)
    dagpenge_flows: tuple[int, int, int, int]  # first week, last week, tilgang, afgang
    spring_flows: tuple[int, int, int, int]  # the same for all groups (F60)
    national_change: tuple[int, int, int]  # from week, to week, change of all groups
    new_2020: tuple[int, int, int]  # first week, last week, sum of nytilmeldte
    new_2019: tuple[int, int, int]


def _span(period: str) -> tuple[int, int]:
    m = PERIOD.match(period)
    if not m:
        raise ValueError(f"unreadable period {period!r}")
    first = date.fromisoformat(m.group(1))
    last = date.fromisoformat(m.group(2) or m.group(1))
    return week_index(first), week_index(last)


def solve_levels(start: int, level: int, changes: list[tuple[int, int, int]]) -> dict[int, int]:
    """Stock at every week named by a change, from one known level (changes must agree)."""
    known = {start: level}
    queue = deque([start])
    while queue:
        w = queue.popleft()
        for a, b, v in changes:
            for src, dst, sign in ((a, b, 1), (b, a, -1)):
                if src == w:
                    value = known[w] + sign * v
                    if dst in known and known[dst] != value:
                        raise ValueError(f"documented changes disagree at week {WEEKS[dst].date()}")
                    if dst not in known:
                        known[dst] = value
                        queue.append(dst)
    missing = {w for a, b, _ in changes for w in (a, b)} - known.keys()
    if missing:
        raise ValueError("documented changes are not connected to the start level")
    return known


def calibration(con: duckdb.DuckDBPyConnection, home: str) -> Calibration:
    facts = con.execute(
        "SELECT fact_id, measure, geography, period, target_group, value FROM document_fact WHERE topic = 'covid'"
    ).df()
    home_changes, dagpenge_changes, national = [], [], None
    dagpenge_level = new_total = new_excess = spring = None
    stated_flows: dict[str, tuple[int, int, int]] = {}
    for f in facts.itertuples():
        value = round(float(f.value))
        if f.measure == "change_in_ledige":
            a, b = _span(f.period)
            if f.geography == home and f.target_group == HOME_GROUP:
                home_changes.append((a, b, value))
                if f.fact_id == SPRING_FACT:
                    spring = (a + 1, b, SPRING_INFLOW, SPRING_OUTFLOW)
                    if SPRING_INFLOW - SPRING_OUTFLOW != value:
                        raise ValueError("F60's inflow and outflow do not match its change")
            elif f.geography == home and f.target_group == "dagpenge":
                dagpenge_changes.append((a, b, value))
            elif f.geography == "000":
                national = (a, b, value)
        elif f.measure == "ledige" and f.geography == home and f.target_group == "dagpenge":
            dagpenge_level = (_span(f.period)[0], value)
        elif f.measure in ("tilgang", "afgang") and f.geography == home and f.target_group == "dagpenge":
            a, b = _span(f.period)
            stated_flows[f.measure] = (a + 1, b, value)
        elif f.measure == "nytilmeldte_ledige":
            new_total = (*_span(f.period), value)
        elif f.measure == "nytilmeldte_ledige_vs_2019":
            new_excess = value
    start = min(a for a, _, _ in home_changes)
    home_total = solve_levels(start, HOME_LEVEL_AT_START, home_changes)
    home_dagpenge = solve_levels(dagpenge_level[0], dagpenge_level[1], dagpenge_changes)
    (t_first, t_last, inflow), (_, _, outflow) = stated_flows["tilgang"], stated_flows["afgang"]
    first, last, total = new_total
    # The same ISO weeks one year earlier (2019 and 2020 both have week 1 in WEEKS).
    weeks_2019 = (first - 52, last - 52)
    assert WEEKS[weeks_2019[0]].isocalendar().week == WEEKS[first].isocalendar().week
    return Calibration(
        home_total,
        home_dagpenge,
        (t_first, t_last, inflow, outflow),
        spring,
        national,
        (first, last, total),
        (*weeks_2019, total - new_excess),
    )


def natural_stock(munis: demo.Municipalities, home: str) -> np.ndarray:
    """Municipality × group × week stock (float), before calibration."""
    rng = np.random.default_rng(SEED)
    n = len(munis.codes)
    years = np.asarray((WEEKS - pd.Timestamp("2019-01-01")).days, dtype=float) / 365.25
    trend = (1 + TREND[:, None]) ** years[None, :]
    covid = knot_curve(COVID_KNOTS)
    sensitivity = NATIONAL_COVID_SENSITIVITY * np.array(
        [1 + 0.3 * demo.stable_unit("covid-weekly", c) for c in munis.codes]
    )
    sensitivity[munis.index(home)] = HOME_COVID_SENSITIVITY
    ledig = np.array([1.0, 1.0, 0.5, 1.0, 0.3, 0.3, 0.3, 0.5])  # how much a group follows the rate level
    level = 1 + ledig[None, :] * (munis.rate_level[:, None] - 1)
    group_factor = np.array([[1 + 0.15 * demo.stable_unit("kontakt", g, c) for g in GROUPS] for c in munis.codes])
    base = munis.population[:, None] * SHARE[None, :] * level * group_factor
    path = trend * seasonality()
    bump = 1 + COVID_AMP[None, :, None] * sensitivity[:, None, None] * covid[None, None, :]
    return base[:, :, None] * path[None] * bump * ar_noise(rng, (n, len(GROUPS), len(WEEKS)), 0.004)


def calibrate_home(stock: np.ndarray, cal: Calibration) -> np.ndarray:
    """Integer stock of the home municipality (group × week) through the documented levels."""
    dag = stock[DAGPENGE] * (cal.home_dagpenge[min(cal.home_dagpenge)] / stock[DAGPENGE, min(cal.home_dagpenge)])
    dag_int = bend_through(dag, cal.home_dagpenge)
    others = np.delete(stock, DAGPENGE, axis=0)
    start = min(cal.home_total)
    others = others * ((cal.home_total[start] - dag_int[start]) / others[:, start].sum())
    other_knots = {w: v - int(dag_int[w]) for w, v in cal.home_total.items()}
    other_total = bend_through(others.sum(axis=0), other_knots)
    out = np.empty(stock.shape, dtype=np.int64)
    out[DAGPENGE] = dag_int
    out[np.arange(len(GROUPS)) != DAGPENGE] = split_rows(other_total, others * autumn_weights())
    return out


def autumn_weights() -> np.ndarray:
    """Group (other than dagpenge) × week weights: sygedagpenge's SYGEDAGPENGE_AUTUMN rise, fading after."""
    start, end, rise = SYGEDAGPENGE_AUTUMN
    pos = np.arange(len(WEEKS), dtype=float)
    a, b = WEEKS.get_loc(pd.Timestamp(start)), WEEKS.get_loc(pd.Timestamp(end))
    ramp = np.clip((pos - a) / (b - a), 0, 1)
    ramp[pos > b] = np.exp(-0.5 * ((pos[pos > b] - b) / 8.0) ** 2)
    weights = np.ones((len(GROUPS) - 1, len(WEEKS)))
    weights[[g for g in GROUPS if g != "dagpenge"].index("sygedagpenge")] += rise * ramp
    return weights


def national_bump(stock: np.ndarray, free: np.ndarray, cal: Calibration) -> np.ndarray:
    """Add to the free municipalities' dagpenge so the country's change is the stated one."""
    a, b, target = cal.national_change
    current = int(stock[:, :, b].sum() - stock[:, :, a].sum())
    diff = target - current
    pos = np.arange(len(WEEKS), dtype=float)
    rise = np.clip((pos - a) / 8.0, 0, 1)
    shape = np.where(pos <= b, 0.5 - 0.5 * np.cos(np.pi * rise), np.exp(-0.5 * ((pos - b) / 15.0) ** 2))
    shape[a] = 0.0
    shape[b] = 1.0
    weights = np.where(free, stock[:, DAGPENGE, b], 0).astype(float)
    share = round_to_total(weights, abs(diff)) * (1 if diff >= 0 else -1)
    out = stock.copy()
    out[:, DAGPENGE] += np.rint(share[:, None] * shape[None, :]).astype(np.int64)
    if (out < 0).any():
        raise ValueError("the national calibration made a stock negative")
    return out


def turnover_and_change(stock: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Base turnover `u` (exits replaced by entries) and the stock change, both integer."""
    exit_mult = 1 + LOCKDOWN_EXIT[:, None] * (knot_curve(EXIT_KNOTS)[None, :] - 1)
    previous = np.concatenate([stock[..., :1], stock[..., :-1]], axis=-1)
    u = EXIT_RATE[None, :, None] * exit_mult[None] * previous * np.exp(rng.normal(0, 0.08, stock.shape))
    delta = stock - previous
    return u, delta, previous


def calibrate_home_flows(u: np.ndarray, delta: np.ndarray, cal: Calibration) -> np.ndarray:
    """Integer turnover for the home municipality (group × week) that gives the stated flows."""
    out = np.rint(u).astype(np.int64)
    first, last, inflow, outflow = cal.dagpenge_flows
    window = slice(first, last + 1)
    ups = np.clip(delta[DAGPENGE, window], 0, None).sum()
    if inflow - outflow != delta[DAGPENGE, window].sum():
        raise ValueError("dagpenge inflow and outflow do not match the stated change in the stock")
    out[DAGPENGE, window] = round_to_total(u[DAGPENGE, window], int(inflow - ups))
    first, last, inflow, outflow = cal.spring_flows
    window = slice(first, last + 1)
    dag_in = (out[DAGPENGE, window] + np.clip(delta[DAGPENGE, window], 0, None)).sum()
    others = np.arange(len(GROUPS)) != DAGPENGE
    others_ups = np.clip(delta[others, window], 0, None).sum()
    needed = int(inflow - dag_in - others_ups)
    spread = round_to_total(u[others, window].ravel(), needed).reshape(u[others, window].shape)
    out[others, window] = spread
    return out


def weekly_cells(munis: demo.Municipalities, cal: Calibration, home: str) -> pd.DataFrame:
    stock = natural_stock(munis, home)
    h = munis.index(home)
    stock_int = np.rint(stock).astype(np.int64)
    stock_int[h] = calibrate_home(stock[h], cal)
    free = np.arange(len(munis.codes)) != h
    stock_int = national_bump(stock_int, free, cal)
    rng = np.random.default_rng(SEED + 1)
    u, delta, _ = turnover_and_change(stock_int.astype(float), rng)
    delta = delta.astype(np.int64)
    turnover = np.rint(u).astype(np.int64)
    turnover[h] = calibrate_home_flows(u[h], delta[h], cal)
    inflow = turnover + np.clip(delta, 0, None)
    outflow = turnover + np.clip(-delta, 0, None)
    if (stock_int < 0).any() or (inflow < 0).any() or (outflow < 0).any():
        raise ValueError("negative weekly count in the COVID-19 demo")
    frames = []
    for indicator, values in (("ledige_i_kontakt", stock_int), ("tilgang", inflow), ("afgang", outflow)):
        cells = demo._cells_frame(values.transpose(0, 2, 1), munis.codes, WEEKS, {"group_code": GROUPS})
        frames.append(cells.assign(indicator_id=indicator))
    return pd.concat(frames, ignore_index=True)


def new_registrations(cal: Calibration) -> pd.DataFrame:
    """Newly registered unemployed per week in the whole country, through F12 and F13."""
    rng = np.random.default_rng(SEED + 2)
    doy = np.asarray(WEEKS.day_of_year, dtype=float) + 3
    season = (
        1
        + 0.35 * np.exp(-0.5 * ((doy - 6) / 6) ** 2)
        + 0.35 * np.exp(-0.5 * ((doy - 371) / 6) ** 2)
        + 0.22 * np.exp(-0.5 * ((doy - 200) / 22) ** 2)
        - 0.3 * np.exp(-0.5 * ((doy - 360) / 4) ** 2)
    )
    values = NEW_BASE * season * knot_curve(NEW_KNOTS) * ar_noise(rng, (len(WEEKS),), 0.02, 0.5)
    out = np.rint(values).astype(np.int64)
    for first, last, total in (cal.new_2019, cal.new_2020):
        out[first : last + 1] = round_to_total(values[first : last + 1], total)
    return pd.DataFrame(
        {
            "indicator_id": "nytilmeldte",
            "geo_code": "000",
            "period_start": WEEKS.values,
            "group_code": "alle",
            "persons": out,
        }
    )


def stage(con: duckdb.DuckDBPyConnection, munis: demo.Municipalities, home: str) -> None:
    """Stage the weekly series into `stage_observation` (areas summed from municipalities)."""
    cal = calibration(con, home)
    cells = weekly_cells(munis, cal, home)
    news = new_registrations(cal)
    con.register("covid_cells", cells)
    con.register("covid_new", news)
    con.execute(
        """
        INSERT INTO stage_observation
        WITH summed AS (
            SELECT c.indicator_id, gm.geo_code, c.period_start,
                   coalesce(c.group_code::VARCHAR, 'alle') AS group_code, sum(c.persons) AS persons
            FROM covid_cells c
            JOIN geography_member gm ON gm.member_code = c.geo_code::VARCHAR
            GROUP BY GROUPING SETS ((c.indicator_id, gm.geo_code, c.period_start, c.group_code),
                                    (c.indicator_id, gm.geo_code, c.period_start))
        )
        SELECT indicator_id, geo_code, period_start, group_code, 'alle', 'alle', 'alle', persons::DOUBLE, persons
        FROM summed
        WHERE indicator_id = 'ledige_i_kontakt' OR list_contains($flow_groups, group_code)
        UNION ALL
        SELECT indicator_id, geo_code, period_start, group_code, 'alle', 'alle', 'alle', persons::DOUBLE, persons
        FROM covid_new
        """,
        {"flow_groups": list(FLOW_GROUPS)},
    )
    con.unregister("covid_cells")
    con.unregister("covid_new")
