"""The Ministry's benchmark, demo edition: actual vs expected full-time persons on public
support per municipality, benefit group and half-year period.

The benchmark compares how many citizens (16-64) a municipality has on public support
(`actual_persons`, full-time persons) with how many it would be expected to have given its
framework conditions (`expected_persons`). Ranks are not stored: queries compute them with
one rule, the view `benchmark_ranked` in schema.sql: rank 1 = furthest below expected
relative to the population.

Everything here is generated (quality `demo`) except what the committee minutes state: the
home municipality's forskel and rank per benefit group in a stated period (quality
`document`, with the minutes as source). Ranks a document states for a period are built
in deliberately: the other municipalities' values are placed so that the rule gives exactly
the stated rank. News figures whose period is not stated are not calibrated.
"""

from __future__ import annotations

import itertools
import re

import duckdb
import numpy as np
import pandas as pd

from dashboard.build import demo

SEED = demo.SEED + 31
FIRST_YEAR, LAST_YEAR = 2015, 2022
GROUPS = ["i-alt", "dagpenge", "sygedagpenge-jobafklaring", "kontanthjaelpsomraadet"]
COMPONENTS = GROUPS[1:]
FACT_GROUP = {
    "offentlig_forsoergelse_i_alt": "i-alt",
    "dagpenge": "dagpenge",
    "sygedagpenge_og_jobafklaring": "sygedagpenge-jobafklaring",
    "kontanthjaelpsomraadet": "kontanthjaelpsomraadet",
}
# Expected share of the 16-64-year-olds on each benefit (pct.) in a typical municipality,
# and the spread of forskel between municipalities (pct.-point).
EXPECTED_PCT = {"dagpenge": 2.4, "sygedagpenge-jobafklaring": 3.1, "kontanthjaelpsomraadet": 4.6, "other": 6.5}
SPREAD_PP = {"dagpenge": 0.11, "sygedagpenge-jobafklaring": 0.26, "kontanthjaelpsomraadet": 0.40, "other": 0.15}
TOTAL_DAMPING = 0.6
PERSISTENCE = 0.7  # how much of a municipality's forskel carries over to the next period
# The home municipality's i alt path (pct.-point), demo, before documented periods are pinned.
HOME_PATH_KNOTS = {
    "i-alt": [(0, -0.40), (5, -0.50), (9, -0.52), (11, -0.65), (13, -0.80), (14, -0.75)],
    "dagpenge": [(0, -0.02), (9, -0.06), (14, -0.08)],
    "sygedagpenge-jobafklaring": [(0, 0.20), (9, 0.29), (14, 0.22)],
    "kontanthjaelpsomraadet": [(0, -0.60), (9, -0.77), (14, -0.80)],
}
# A period stated in words rather than as half-years: F64 "summer 2017 - summer 2018".
WORDED_PERIODS = {"F64": "2017h2-2018h1"}
STATED_PERIOD = re.compile(r"^(\d{4})H([12])-(\d{4})H([12])$")
MARGIN_PP = 0.03  # keeps every other municipality clearly above or below a calibrated rank


def periods() -> list[tuple[str, pd.Timestamp]]:
    """Rolling pairs of half-years: 2015h1-2015h2, 2015h2-2016h1, …, 2022h1-2022h2."""
    halves = [(y, h) for y in range(FIRST_YEAR, LAST_YEAR + 1) for h in (1, 2)]
    return [
        (f"{a[0]}h{a[1]}-{b[0]}h{b[1]}", pd.Timestamp(a[0], 1 if a[1] == 1 else 7, 1))
        for a, b in itertools.pairwise(halves)
    ]


def place(values: np.ndarray, home: int, rank: int, rng: np.random.Generator) -> np.ndarray:
    """Move as few other municipalities as needed so that exactly `rank - 1` lie below home."""
    out = values.copy()
    target = out[home]
    others = np.array([i for i in range(len(out)) if i != home])
    below = [i for i in others if out[i] < target]
    above = [i for i in others if out[i] >= target]
    want = rank - 1
    if len(below) > want:  # the closest ones below move just above
        movers = sorted(below, key=lambda i: -out[i])[: len(below) - want]
        for i in movers:
            out[i] = target + rng.uniform(MARGIN_PP, 3 * MARGIN_PP)
    elif len(below) < want:
        movers = sorted(above, key=lambda i: out[i])[: want - len(below)]
        for i in movers:
            out[i] = target - rng.uniform(MARGIN_PP, 3 * MARGIN_PP)
    close = (np.abs(out - target) < MARGIN_PP) & (np.arange(len(out)) != home)
    out[close] = target + np.where(out[close] < target, -MARGIN_PP, MARGIN_PP)
    return out


def stated_figures(con: duckdb.DuckDBPyConnection, home: str) -> pd.DataFrame:
    """Home municipality's forskel and rank per stated period and group, with the source."""
    facts = con.execute(
        """SELECT fact_id, measure, period, target_group, value, source_id FROM document_fact
           WHERE topic = 'benchmark' AND geography = ? ORDER BY fact_id""",
        [home],
    ).df()
    rows = []
    for f in facts.itertuples():
        m = STATED_PERIOD.match(f.period)
        period = WORDED_PERIODS.get(f.fact_id) or (f"{m[1]}h{m[2]}-{m[3]}h{m[4]}" if m else None)
        if period and f.target_group in FACT_GROUP:
            rows.append((period, FACT_GROUP[f.target_group], f.measure, f.value, f.source_id))
    return pd.DataFrame(rows, columns=["period", "benefit_group", "measure", "value", "source_id"])


def knot_path(knots: list[tuple[int, float]], n: int) -> np.ndarray:
    return np.interp(np.arange(n), [k for k, _ in knots], [v for _, v in knots])


def generate(munis: demo.Municipalities, stated: pd.DataFrame, home: str) -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    spans = periods()
    n, p = len(munis.codes), len(spans)
    h = munis.index(home)
    population = np.rint(munis.population[:, None] * 1.003 ** np.arange(p)[None, :]).astype(np.int64)
    framework = munis.rate_level  # municipalities with harder framework conditions expect more support
    expected_pct, diff_pp = {}, {}
    for g in [*COMPONENTS, "other"]:
        tilt = 1 + 0.08 * np.array([demo.stable_unit("benchmark", g, c) for c in munis.codes])
        expected_pct[g] = EXPECTED_PCT[g] * framework[:, None] ** 0.8 * tilt[:, None] * np.ones((1, p))
        sigma = SPREAD_PP[g]
        persistent = rng.normal(0, sigma * 0.75, n)
        wander = np.zeros((n, p))
        wander[:, 0] = rng.normal(0, sigma * 0.45, n)
        for t in range(1, p):
            wander[:, t] = PERSISTENCE * wander[:, t - 1] + rng.normal(0, sigma * 0.45, n)
        diff_pp[g] = persistent[:, None] + wander
    expected_pct["i-alt"] = sum(expected_pct[g] for g in [*COMPONENTS, "other"])
    # Over- and under-shoots in the groups partly offset each other in the total.
    diff_pp["i-alt"] = TOTAL_DAMPING * sum(diff_pp[g] for g in COMPONENTS) + diff_pp["other"]
    for g in GROUPS:
        diff_pp[g][h] = knot_path(HOME_PATH_KNOTS[g], p) + rng.normal(0, SPREAD_PP.get(g, 0.2) * 0.1, p)

    labels = [s for s, _ in spans]
    pinned: dict[tuple[int, str], float] = {}  # exact forskel in persons for the home
    for r in stated[stated.measure == "actual_minus_expected"].itertuples():
        if r.period in labels:
            t = labels.index(r.period)
            pinned[(t, r.benefit_group)] = r.value
            diff_pp[r.benefit_group][h, t] = r.value / population[h, t] * 100
    for r in stated[stated.measure == "rank_of_98"].itertuples():
        if r.period in labels:
            t = labels.index(r.period)
            diff_pp[r.benefit_group][:, t] = place(diff_pp[r.benefit_group][:, t], h, int(r.value), rng)

    rows = []
    for g in GROUPS:
        expected = np.round(expected_pct[g] / 100 * population, 1)
        actual = np.round(expected + diff_pp[g] / 100 * population, 1)
        for (t, group), value in pinned.items():
            if group == g:
                expected[h, t] = np.round(expected[h, t])
                actual[h, t] = expected[h, t] + value
        for t, (label, start) in enumerate(spans):
            rows.append(
                pd.DataFrame(
                    {
                        "period": label,
                        "period_start": start,
                        "benefit_group": g,
                        "geo_code": munis.codes,
                        "expected_persons": expected[:, t],
                        "actual_persons": actual[:, t],
                        "population": population[:, t],
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def check_stated_ranks(con: duckdb.DuckDBPyConnection, stated: pd.DataFrame, home: str) -> None:
    """Fail the build if the ranking rule (the view `benchmark_ranked`) does not give a stated rank exactly."""
    for r in stated[stated.measure == "rank_of_98"].itertuples():
        got = con.execute(
            "SELECT rank FROM benchmark_ranked WHERE period = ? AND benefit_group = ? AND geo_code = ?",
            [r.period, r.benefit_group, home],
        ).fetchall()
        if got and got[0][0] != int(r.value):
            raise ValueError(f"benchmark {r.period} {r.benefit_group}: rank {got[0][0]}, stated {int(r.value)}")


def stage(con: duckdb.DuckDBPyConnection, munis: demo.Municipalities, home: str) -> None:
    """Fill the `benchmark` table."""
    stated = stated_figures(con, home)
    frame = generate(munis, stated, home)
    documented = stated[stated.measure == "actual_minus_expected"][["period", "benefit_group", "source_id"]]
    frame = frame.merge(
        documented.drop_duplicates(["period", "benefit_group"]), on=["period", "benefit_group"], how="left"
    )
    is_doc = frame.source_id.notna() & (frame.geo_code == home)
    frame["source_id"] = np.where(is_doc, frame.source_id, "demo")
    frame["quality"] = np.where(is_doc, "document", "demo")
    con.register("benchmark_rows", frame)
    con.execute(
        """INSERT INTO benchmark
           SELECT period, period_start::DATE, benefit_group, geo_code, expected_persons, actual_persons,
                  population::INTEGER, source_id, quality
           FROM benchmark_rows ORDER BY period_start, benefit_group, geo_code"""
    )
    con.unregister("benchmark_rows")
    check_stated_ranks(con, stated, home)
