"""Deterministic demo series for all 98 municipalities.

The numbers are generated, not real: every row they produce carries quality `demo`.
They are shaped like a real labour market (regional levels, seasonality, the COVID-19
jump in spring 2020) and calibrated so that they pass through the figures the plans
and minutes state (`anchors`). The same inputs give the same numbers, always.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

SEED = 20201208
AGES = ["16-24", "25-29", "30-39", "40-49", "50-59", "60-64"]
GENDERS = ["kvinder", "maend"]
ORIGINS = ["dansk", "vestlig", "ikke-vestlig"]
LEDIG_GROUPS = ["dagpenge", "kontanthjaelp-jobparat", "uddannelseshjaelp"]
BENEFIT_GROUPS = [
    "dagpenge",
    "kontanthjaelp-jobparat",
    "kontanthjaelp-aktivitetsparat",
    "uddannelseshjaelp",
    "sygedagpenge",
    "jobafklaring",
    "ressourceforloeb",
    "ledighedsydelse-fleksjob",
    "integrationsydelse",
]
# Share of the 16-64 population on each benefit (a typical Danish municipality).
BENEFIT_SHARE = np.array([0.023, 0.005, 0.016, 0.009, 0.024, 0.004, 0.006, 0.026, 0.004])
# Age profile of each benefit group (rows: groups, cols: AGES).
BENEFIT_AGE = np.array(
    [
        [0.06, 0.14, 0.24, 0.22, 0.24, 0.10],
        [0.10, 0.16, 0.26, 0.22, 0.20, 0.06],
        [0.04, 0.10, 0.26, 0.28, 0.26, 0.06],
        [0.78, 0.22, 0.00, 0.00, 0.00, 0.00],
        [0.06, 0.09, 0.20, 0.24, 0.28, 0.13],
        [0.02, 0.05, 0.18, 0.27, 0.36, 0.12],
        [0.05, 0.10, 0.22, 0.28, 0.30, 0.05],
        [0.02, 0.05, 0.15, 0.25, 0.38, 0.15],
        [0.18, 0.22, 0.30, 0.18, 0.10, 0.02],
    ]
)
# How much more often than their population share each origin is on each benefit.
BENEFIT_ORIGIN_MULT = np.array(
    [
        [0.9, 1.3, 1.8],
        [0.7, 1.6, 3.5],
        [0.7, 1.5, 3.8],
        [0.8, 1.3, 2.6],
        [1.0, 1.0, 1.2],
        [0.95, 1.1, 1.5],
        [0.8, 1.3, 2.8],
        [1.0, 0.9, 1.1],
        [0.0, 0.5, 12.0],
    ]
)
BENEFIT_WOMEN_SHARE = np.array([0.47, 0.45, 0.50, 0.47, 0.58, 0.57, 0.52, 0.55, 0.50])
LF_AGE = np.array([0.14, 0.11, 0.21, 0.22, 0.22, 0.10])
LEDIG_AGE_MULT = np.array([1.1, 2.1, 1.0, 0.8, 0.8, 1.0])
LEDIG_ORIGIN_MULT = np.array([0.85, 1.35, 2.3])
# Split of the unemployed into benefit groups by age band (rows: AGES).
LEDIG_GROUP_BY_AGE = np.array(
    [
        [0.35, 0.05, 0.60],
        [0.68, 0.12, 0.20],
        [0.80, 0.20, 0.0],
        [0.82, 0.18, 0.0],
        [0.84, 0.16, 0.0],
        [0.88, 0.12, 0.0],
    ]
)
# The country's level in 2014 is low enough for Ballerup, above it (S01), to fall about 20 % from
# April 2014 to its stated 3,7 % in April 2017 (S61, Ballerup Bladet).
NATIONAL_RATE_KNOTS = [
    ("2010-01", 6.0),
    ("2011-07", 6.0),
    ("2012-07", 5.8),
    ("2013-07", 5.2),
    ("2014-01", 4.7),
    ("2014-07", 4.45),
    ("2015-07", 4.35),
    ("2016-07", 4.2),
    ("2017-07", 4.3),
    ("2018-07", 3.9),
    ("2019-07", 3.7),
    ("2020-02", 3.7),
    ("2020-04", 5.6),
    ("2020-05", 5.6),
    ("2020-09", 4.6),
    ("2020-12", 4.6),
    ("2021-02", 4.7),
    ("2021-07", 3.6),
    ("2021-12", 2.8),
    ("2022-07", 2.5),
    ("2022-12", 2.7),
    ("2023-07", 2.8),
    ("2024-07", 2.9),
    ("2025-12", 3.0),
]
SEASON = np.array([1.08, 1.06, 1.02, 0.97, 0.95, 0.98, 1.05, 1.02, 0.97, 0.96, 0.97, 1.0])
COVID_KNOTS = {
    "2020-03": 0.3,
    "2020-04": 1.0,
    "2020-05": 1.0,
    "2020-06": 0.8,
    "2020-07": 0.65,
    "2020-08": 0.5,
    "2020-09": 0.35,
    "2020-10": 0.3,
    "2020-11": 0.3,
    "2020-12": 0.35,
    "2021-01": 0.4,
    "2021-02": 0.35,
    "2021-03": 0.25,
    "2021-04": 0.15,
    "2021-05": 0.05,
}
KNOWN_POPULATION_16_64 = {
    "101": 460_000,
    "751": 240_000,
    "461": 135_000,
    "851": 140_000,
    "147": 75_000,
    "561": 72_000,
    "151": 31_000,
    "825": 1_000,
    "563": 2_000,
    "741": 2_100,
    "492": 3_300,
}
KNOWN_RATE_LEVEL = {"151": 0.92, "157": 0.7, "230": 0.68, "223": 0.7, "183": 1.35, "165": 1.3}
# The home municipality's unemployment relative to the country over time (statements of
# data/statements.csv): below the rest of the country until 2013 and above it from 2013 (S02,
# S01, plan 2015), falling a little slower than the country through 2014 (S04), below it by
# 2017 (S21c, plan 2018); the stated rates are then hit exactly by the anchors.
HOME_RATE_LEVEL_KNOTS = [
    ("2010-01", 0.95),
    ("2012-12", 0.95),
    ("2013-06", 1.03),
    ("2014-01", 1.03),
    ("2014-12", 1.08),
    ("2016-06", 0.96),
    ("2017-06", 0.92),
]
# The home municipality's labour force in the young age bands, as plan 2015 implies it: 5,4 % of
# the 16–24-year-olds are 170 persons and 10,5 % of the 25–29-year-olds 153 (S11), as means of
# 2014. The other age bands share the rest in the usual proportions (LF_AGE).
HOME_YOUNG_LABOUR_FORCE = {"16-24": 170 / 0.054, "25-29": 153 / 0.105}
# Calibration of the home municipality's unemployed by age band (anchors as functions of the
# natural rate series and the band's labour force): 2014 means stated by plan 2015 (S08, S09);
# the 25–29-year-olds falling to 9,9 % in December 2014 from about 12 %, 33 persons more (S06,
# S07); a fall from September 2019 to September 2020 (minutes of 8 Dec 2020, S43b).
HOME_AGE_SHAPES = {
    "16-24": lambda rate, months, lf: [year_mean(2014, 5.4), fall_from_year_before(rate, months, "2020-09", 0.2)],
    "25-29": lambda rate, months, lf: [
        year_mean(2014, 10.5),
        month_anchor("2014-12", 9.9),
        persons_more(lf, months, "2014-01", "2014-12", 9.9, 33),
        fall_from_year_before(rate, months, "2020-09", 0.4),
    ],
}
# The home municipality's recipients by group: a level over time, then anchors (S12: about
# 460 on uddannelseshjælp in 2014, plan 2015; S43/S44: fewer young and fewer in
# jobafklaring in September 2020 than a year before, minutes of 8 Dec 2020; S53: the share on
# uddannelseshjælp above the country's in 2020, plan 2021).
HOME_GROUP_LEVEL_KNOTS = {
    "uddannelseshjaelp": [("2014-01", 1.75), ("2016-01", 1.5), ("2019-01", 1.35), ("2022-12", 1.25)],
}
HOME_GROUP_SHAPES = {
    "uddannelseshjaelp": lambda total, months: [year_mean(2014, 460), relative_fall(total, months, "2020-09", 0.95)],
    "jobafklaring": lambda total, months: [relative_fall(total, months, "2020-09", 0.95)],
}
KNOWN_NON_WESTERN_SHARE = {
    "183": 0.30,
    "153": 0.28,
    "165": 0.25,
    "169": 0.22,
    "101": 0.17,
    "151": 0.14,
    "157": 0.07,
    "230": 0.06,
    "223": 0.06,
}


def stable_unit(*parts: str) -> float:
    """A number in [-1, 1) fixed by its name, so a series never depends on build order."""
    return zlib.crc32("|".join(parts).encode()) / 2**31 - 1.0


def month_range(first: str, last: str) -> pd.DatetimeIndex:
    return pd.date_range(f"{first}-01", f"{last}-01", freq="MS")


def years_since_2014(periods: pd.DatetimeIndex) -> np.ndarray:
    return np.asarray(periods.year - 2014, dtype=float) + np.asarray(periods.month - 1, dtype=float) / 12


def month_number(periods: pd.DatetimeIndex) -> np.ndarray:
    return np.asarray(periods.month, dtype=int)


@dataclass(frozen=True)
class Municipalities:
    codes: list[str]
    region: np.ndarray
    group: np.ndarray
    population: np.ndarray
    origin_share: np.ndarray
    rate_level: np.ndarray

    def index(self, code: str) -> int:
        return self.codes.index(code)


def municipalities(frame: pd.DataFrame) -> Municipalities:
    """Size, origin mix and unemployment level of each municipality."""
    rng = np.random.default_rng(SEED)
    codes = frame["code"].tolist()
    group = frame["municipality_group_code"].astype(int).to_numpy()
    region = frame["region_code"].to_numpy()
    median_pop = {1: 40_000, 2: 150_000, 3: 45_000, 4: 28_000, 5: 22_000}
    population = np.array(
        [
            KNOWN_POPULATION_16_64.get(c, median_pop[g] * float(np.exp(rng.normal(0, 0.35))))
            for c, g in zip(codes, group, strict=True)
        ]
    )
    non_western_base = {1: (0.09, 0.20), 2: (0.10, 0.15), 3: (0.05, 0.10), 4: (0.03, 0.07), 5: (0.03, 0.07)}
    non_western = np.array(
        [KNOWN_NON_WESTERN_SHARE.get(c, rng.uniform(*non_western_base[g])) for c, g in zip(codes, group, strict=True)]
    )
    western = rng.uniform(0.04, 0.08, len(codes))
    origin_share = np.column_stack([1 - western - non_western, western, non_western])
    region_effect = {"081": 0.08, "082": -0.06, "083": 0.0, "084": 0.04, "085": 0.05}
    rate_level = np.array(
        [
            (1 + region_effect[r] + rng.normal(0, 0.08)) * (1 + 1.8 * (nw - 0.08))
            for r, nw in zip(region, non_western, strict=True)
        ]
    )
    rate_level = rate_level / np.average(rate_level, weights=population)
    for code, level in KNOWN_RATE_LEVEL.items():
        rate_level[codes.index(code)] = level
    return Municipalities(codes, region, group, population, origin_share, rate_level)


def knot_curve(months: pd.DatetimeIndex, knots: list[tuple[str, float]]) -> np.ndarray:
    x = np.array([np.datetime64(f"{k}-01", "D") for k, _ in knots]).astype(float)
    y = np.array([v for _, v in knots])
    return np.interp(months.to_numpy().astype("datetime64[D]").astype(float), x, y)


def covid_curve(months: pd.DatetimeIndex) -> np.ndarray:
    return np.array([COVID_KNOTS.get(m.strftime("%Y-%m"), 0.0) for m in months])


def ar_noise(rng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Multiplicative noise that wanders smoothly from month to month, like real series do."""
    eps = rng.normal(0, sigma, shape)
    out = np.empty(shape)
    out[:, 0] = eps[:, 0]
    for t in range(1, shape[1]):
        out[:, t] = 0.7 * out[:, t - 1] + eps[:, t]
    return 1 + out


def window(months: pd.DatetimeIndex, first: pd.Timestamp, last: pd.Timestamp, taper: float = 3.0) -> np.ndarray:
    """1 inside [first, last], fading out over a few months either side."""
    pos = np.arange(len(months), dtype=float)
    inside = (months >= first) & (months <= last)
    if not inside.any():
        return np.zeros(len(months))
    lo, hi = pos[inside].min(), pos[inside].max()
    dist = np.where(pos < lo, lo - pos, np.where(pos > hi, pos - hi, 0.0))
    return np.exp(-0.5 * (dist / taper) ** 2)


@dataclass(frozen=True)
class Anchor:
    """A documented value the demo series must pass through: one month, or a year's mean."""

    first: pd.Timestamp
    last: pd.Timestamp
    target: float


def anchor_series(series: np.ndarray, months: pd.DatetimeIndex, anchors: list[Anchor]) -> np.ndarray:
    """Bend a series smoothly so it hits every anchor (a month's value or a year's mean)."""
    out = series.astype(float).copy()
    anchors = [a for a in anchors if ((months >= a.first) & (months <= a.last)).any()]
    for _ in range(60):
        worst = 0.0
        for a in anchors:
            sel = (months >= a.first) & (months <= a.last)
            current = out[sel].mean()
            k = a.target / current
            out = out * (1 + (k - 1) * window(months, a.first, a.last))
            worst = max(worst, abs(k - 1))
        if worst < 1e-12:
            break
    return out


def year_mean(year: int, target: float) -> Anchor:
    return Anchor(pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-01"), target)


def month_anchor(month: str, target: float) -> Anchor:
    return Anchor(pd.Timestamp(f"{month}-01"), pd.Timestamp(f"{month}-01"), target)


def value_at(series: np.ndarray, months: pd.DatetimeIndex, month: str) -> float | None:
    """The series' value in `month`, or None when the series does not reach it."""
    stamp = pd.Timestamp(f"{month}-01")
    return float(series[months.get_loc(stamp)]) if stamp in months else None


def year_before(month: str) -> str:
    return f"{int(month[:4]) - 1}{month[4:]}"


def fall_from_year_before(series: np.ndarray, months: pd.DatetimeIndex, month: str, by: float) -> Anchor | None:
    """`month` below the same month a year before by `by` (in the series' unit)."""
    before = value_at(series, months, year_before(month))
    return None if before is None else month_anchor(month, before - by)


def persons_more(
    lf: np.ndarray, months: pd.DatetimeIndex, month: str, other: str, other_rate: float, persons: float
) -> Anchor | None:
    """`month` at the rate that gives `persons` more unemployed than `other` has at `other_rate`
    (`lf`: the labour force the rates are of)."""
    here, there = value_at(lf, months, month), value_at(lf, months, other)
    if here is None or there is None:
        return None
    return month_anchor(month, 100 * (other_rate / 100 * there + persons) / here)


def relative_fall(series: np.ndarray, months: pd.DatetimeIndex, month: str, ratio: float) -> Anchor | None:
    """`month` at `ratio` times the same month a year before."""
    before = value_at(series, months, year_before(month))
    return None if before is None else month_anchor(month, before * ratio)


def rising_to(
    series: np.ndarray, months: pd.DatetimeIndex, pinned: list[str], rising: list[str], step: float
) -> list[Anchor]:
    """Keep `pinned` months as they are; `rising` months climb above the highest of them by `step` each
    (nothing when the series does not cover them all)."""
    kept = [value_at(series, months, m) for m in pinned + rising]
    if any(v is None for v in kept):
        return []
    top = max(kept[: len(pinned)])
    return [month_anchor(m, v) for m, v in zip(pinned, kept, strict=False)] + [
        month_anchor(m, top * (1 + step * (k + 1))) for k, m in enumerate(rising)
    ]


def in_range(anchors: list[Anchor | None], months: pd.DatetimeIndex) -> list[Anchor]:
    """The anchors that exist and fall inside the months."""
    return [a for a in anchors if a is not None and ((months >= a.first) & (months <= a.last)).any()]


def anchor_area(
    rate: np.ndarray,
    weight: np.ndarray,
    months: pd.DatetimeIndex,
    members: np.ndarray,
    pinned: np.ndarray,
    anchor: Anchor,
) -> np.ndarray:
    """Scale the free members of an area so its weighted mean rate hits the anchor."""
    free = members & ~pinned
    sel = (months >= anchor.first) & (months <= anchor.last)
    w = weight[members][:, sel].sum(axis=0)
    pinned_part = (rate[pinned & members][:, sel] * weight[pinned & members][:, sel]).sum(axis=0) / w
    free_part = (rate[free][:, sel] * weight[free][:, sel]).sum(axis=0) / w
    k = (anchor.target * sel.sum() - pinned_part.sum()) / free_part.sum()
    out = rate.copy()
    out[free] = rate[free] * (1 + (k - 1) * window(months, anchor.first, anchor.last))
    return out


def unemployment_rate(
    munis: Municipalities,
    months: pd.DatetimeIndex,
    home: str,
    home_anchors: list[Anchor],
    area_anchors: list[tuple[np.ndarray, np.ndarray, Anchor]],
    labour_force: np.ndarray,
) -> np.ndarray:
    """Unemployment rate (%) by municipality and month, passing through the anchors."""
    rng = np.random.default_rng(SEED + 1)
    national = knot_curve(months, NATIONAL_RATE_KNOTS) * SEASON[month_number(months) - 1]
    rate = munis.rate_level[:, None] * national[None, :] * ar_noise(rng, (len(munis.codes), len(months)), 0.012)
    i = munis.index(home)
    rate[i] = rate[i] * knot_curve(months, HOME_RATE_LEVEL_KNOTS) / munis.rate_level[i]
    rate[i] = anchor_series(rate[i], months, home_anchors)
    for members, pinned, anchor in area_anchors:
        rate = anchor_area(rate, labour_force, months, members, pinned, anchor)
    return rate


def labour_force(munis: Municipalities, months: pd.DatetimeIndex) -> np.ndarray:
    years = years_since_2014(months)
    growth = (1.004**years)[None, :]
    return munis.population[:, None] * 0.78 * growth


def _cells_frame(
    values: np.ndarray, codes: list[str], months: pd.DatetimeIndex, dims: dict[str, list[str]]
) -> pd.DataFrame:
    """Flatten an array (municipality, month, *dims) into a long frame of integer persons."""
    persons = np.rint(values).astype(np.int32).ravel()
    grids = np.meshgrid(
        np.arange(len(codes)), np.arange(len(months)), *[np.arange(len(v)) for v in dims.values()], indexing="ij"
    )
    frame = {
        "geo_code": pd.Categorical.from_codes(grids[0].ravel(), categories=codes),
        "period_start": months.values[grids[1].ravel()],
    }
    for (name, labels), grid in zip(dims.items(), grids[2:], strict=True):
        frame[name] = pd.Categorical.from_codes(grid.ravel(), categories=labels)
    frame["persons"] = persons
    return pd.DataFrame(frame)


def age_profile(munis: Municipalities, months: pd.DatetimeIndex, lf: np.ndarray, home: str | None) -> np.ndarray:
    """Each municipality's labour force by age band (rows: municipalities, cols: AGES, summing to 1):
    LF_AGE, except the home municipality's young bands (HOME_YOUNG_LABOUR_FORCE, in 2014)."""
    profile = np.tile(LF_AGE, (len(munis.codes), 1))
    if home is None:
        return profile
    i = munis.index(home)
    in_2014 = months.year == 2014
    size = lf[i][in_2014].mean() if in_2014.any() else lf[i].mean()
    young = [AGES.index(a) for a in HOME_YOUNG_LABOUR_FORCE]
    profile[i, young] = [n / size for n in HOME_YOUNG_LABOUR_FORCE.values()]
    others = [k for k in range(len(AGES)) if k not in young]
    profile[i, others] = LF_AGE[others] / LF_AGE[others].sum() * (1 - profile[i, young].sum())
    return profile


def labour_force_cells(
    munis: Municipalities, months: pd.DatetimeIndex, lf: np.ndarray, home: str | None = None
) -> pd.DataFrame:
    gender = np.array([0.47, 0.53])
    share = age_profile(munis, months, lf, home)[:, :, None] * gender[None, None, :]  # m,a,s
    cells = lf[:, :, None, None, None] * share[:, None, :, :, None] * munis.origin_share[:, None, None, None, :]
    return _cells_frame(cells, munis.codes, months, {"age_band": AGES, "gender": GENDERS, "origin": ORIGINS})


def unemployed_cells(
    munis: Municipalities, months: pd.DatetimeIndex, lf: np.ndarray, rate: np.ndarray, home: str | None = None
) -> pd.DataFrame:
    """Full-time unemployed by municipality × month × group × age × gender × origin."""
    gender_mult = np.array([0.96, 1.04])
    gender_share = np.array([0.47, 0.53])
    # Unemployment rate of each (age, gender, origin) cell relative to the municipality's.
    mult = LEDIG_AGE_MULT[:, None] * gender_mult[None, :]
    profile = age_profile(munis, months, lf, home)
    lf_share = profile[:, :, None] * gender_share[None, None, :]  # m,a,s
    origin_mult = LEDIG_ORIGIN_MULT[None, :] * np.ones((len(munis.codes), 1))
    cell_share = lf_share[:, :, :, None] * munis.origin_share[:, None, None, :]  # m,a,s,o
    cell_mult = mult[None, :, :, None] * origin_mult[:, None, None, :]
    norm = (cell_share * cell_mult).sum(axis=(1, 2, 3), keepdims=True)
    ledig_share = cell_share * cell_mult / norm  # share of the municipality's unemployed
    total = rate / 100 * lf  # m,t
    cells = (
        total[:, :, None, None, None, None]
        * ledig_share[:, None, None, :, :, :]
        * LEDIG_GROUP_BY_AGE.T[None, None, :, :, None, None]
    )
    if home is not None:
        i = munis.index(home)
        calibrate_home_ages(cells[i], lf[i], profile[i], months)
    return _cells_frame(
        cells, munis.codes, months, {"group_code": LEDIG_GROUPS, "age_band": AGES, "gender": GENDERS, "origin": ORIGINS}
    )


def calibrate_home_ages(cells: np.ndarray, lf: np.ndarray, profile: np.ndarray, months: pd.DatetimeIndex) -> None:
    """Bend the home municipality's unemployed (month, group, age, gender, origin) in place so each
    age band's rate meets HOME_AGE_SHAPES, keeping each month's total (the other ages take the rest)."""
    total = cells.sum(axis=(1, 2, 3, 4))
    for age, shape in HOME_AGE_SHAPES.items():
        a = AGES.index(age)
        count = cells[:, :, a].sum(axis=(1, 2, 3))
        band = lf * profile[a]
        rate = 100 * count / band
        bent = anchor_series(rate, months, in_range(shape(rate, months, band), months))
        cells[:, :, a] *= (bent / rate)[:, None, None, None]
    youth = [AGES.index(a) for a in HOME_AGE_SHAPES]
    others = [i for i in range(len(AGES)) if i not in youth]
    rest = cells[:, :, others].sum(axis=(1, 2, 3, 4))
    wanted = total - cells[:, :, youth].sum(axis=(1, 2, 3, 4))
    cells[:, :, others] *= (wanted / rest)[:, None, None, None, None]


def calibrate_home_groups(totals: np.ndarray, months: pd.DatetimeIndex) -> None:
    """Bend the home municipality's recipients (group, month) in place: HOME_GROUP_LEVEL_KNOTS, then
    HOME_GROUP_SHAPES."""
    for group, knots in HOME_GROUP_LEVEL_KNOTS.items():
        totals[BENEFIT_GROUPS.index(group)] *= knot_curve(months, knots)
    for group, shape in HOME_GROUP_SHAPES.items():
        g = BENEFIT_GROUPS.index(group)
        totals[g] = anchor_series(totals[g], months, in_range(shape(totals[g], months), months))


def recipient_cells(
    munis: Municipalities, months: pd.DatetimeIndex, rate: np.ndarray, home: str | None = None
) -> pd.DataFrame:
    """Persons on each benefit by municipality × month × group × age × gender × origin."""
    rng = np.random.default_rng(SEED + 2)
    national = knot_curve(months, NATIONAL_RATE_KNOTS)
    years = years_since_2014(months)
    covid = covid_curve(months)
    # Each group follows its own path: unemployment groups follow the rate, others trend.
    trend = np.array([0.0, -0.03, -0.02, -0.04, 0.0, 0.05, 0.06, 0.02, -0.12])
    seasonal = np.array([1, 0.5, 0, 0.4, 0.6, 0, 0, 0, 0])
    covid_amp = np.array([0, 0.15, 0.02, 0.1, 0.12, 0.02, 0.0, 0.0, 0.0])
    follows_rate = np.array([1, 0.6, 0.2, 0.5, 0.1, 0, 0, 0, 0])
    path = (
        (1 + trend[:, None]) ** years[None, :]
        * (1 + seasonal[:, None] * (SEASON[month_number(months) - 1][None, :] - 1))
        * (1 + covid_amp[:, None] * covid[None, :])
    )
    rel_rate = rate / national[None, :]  # m,t
    level = BENEFIT_SHARE[None, :, None] * (1 + follows_rate[None, :, None] * (rel_rate[:, None, :] - 1)) * path[None]
    level = level * ar_noise(rng, (len(munis.codes) * len(BENEFIT_GROUPS), len(months)), 0.01).reshape(level.shape)
    totals = munis.population[:, None, None] * level  # m,g,t
    if home is not None:
        calibrate_home_groups(totals[munis.index(home)], months)
    origin = munis.origin_share[:, None, :] * BENEFIT_ORIGIN_MULT[None]  # m,g,o
    origin = origin / origin.sum(axis=2, keepdims=True)
    gender = np.stack([BENEFIT_WOMEN_SHARE, 1 - BENEFIT_WOMEN_SHARE], axis=1)  # g,s
    cells = (
        totals.transpose(0, 2, 1)[:, :, :, None, None, None]
        * BENEFIT_AGE[None, None, :, :, None, None]
        * gender[None, None, :, None, :, None]
        * origin[:, None, :, None, None, :]
    )
    return _cells_frame(
        cells,
        munis.codes,
        months,
        {"group_code": BENEFIT_GROUPS, "age_band": AGES, "gender": GENDERS, "origin": ORIGINS},
    )


ORIGIN_FACTOR = {
    "true": np.array([1.05, 0.95, 0.78]),
    "false": np.array([0.92, 1.05, 1.45]),
    "": np.array([0.97, 1.0, 1.2]),
}
GROUP_POP_SHARE = dict(zip(BENEFIT_GROUPS, BENEFIT_SHARE, strict=True)) | {"alle": 0.045}
COUNT_UNITS = {"personer", "forloeb", "job"}
# The home municipality's level of an indicator relative to the country (instead of its
# generated spread): S54, young people in qualifying education below the national share
# (plan 2021); S13, about 20 % of the activity-ready young becoming education-ready (plan 2015).
HOME_LEVEL_FACTOR = {"kompetencegivende_uddannelse": 0.93, "aktivitetsparate_bliver_parate": 1.5}
# Shapes the statements ask of the home municipality's series (group "alle" unless named),
# as anchors computed from the natural series: S45/S46, company-directed offers and
# transitions to self-support rose in Q3 2020 to the year's highest (minutes, point 5);
# S47, conversations per unemployed rising over the last three months, across groups; S51,
# the duration of unemployment of the insured rising through 2019 (plan 2021).
SPRING_2020 = ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05", "2020-06"]
Q3_2020 = ["2020-07", "2020-08", "2020-09"]


def _q3_highest(values: np.ndarray, months: pd.DatetimeIndex) -> list[Anchor]:
    return rising_to(values, months, SPRING_2020, Q3_2020, 0.03)


def _rising_2019(values: np.ndarray, months: pd.DatetimeIndex) -> list[Anchor]:
    return rising_to(values, months, ["2019-01"], ["2019-12"], 0.1)


def _twenty_in_2014(values: np.ndarray, months: pd.DatetimeIndex) -> list[Anchor]:
    return [year_mean(2014, 20)]


HOME_LEVEL_SHAPES = {
    ("aktivitetsparate_bliver_parate", "uddannelseshjaelp"): _twenty_in_2014,
    ("virksomhedsrettet_tilbud", "alle"): _q3_highest,
    ("overgang_selvforsoergelse", "alle"): _q3_highest,
    ("ledighedens_varighed", "alle"): _rising_2019,
    ("ledighedens_varighed", "dagpenge"): _rising_2019,
} | {
    ("samtaler_per_ledig", g): _q3_highest
    for g in ("alle", "dagpenge", "kontanthjaelp-jobparat", "kontanthjaelp-aktivitetsparat", "uddannelseshjaelp")
}
# The home municipality's level for one group of an indicator, relative to its generated one:
# S17, long-term unemployment a little lower among kontanthjælp recipients than in the
# country (plan 2015).
HOME_GROUP_FACTOR = {("langtidsledige_andel", "kontanthjaelp-jobparat"): 0.82}
# A target group's level relative to the indicator's base, in every municipality (instead of its
# generated spread): S15, long-term unemployment among the activity-ready "as in the country",
# Ballerup's stated 25,2 % over 3 years (plan 2015).
GROUP_LEVEL_FACTOR = {("varighed_over_3_aar", "kontanthjaelp-aktivitetsparat"): 0.96}
# A home series bent through stated figures keeps this share of its month-to-month noise, so
# a month shown alone (the last month of a year) stays close to the year's stated figure.
ANCHORED_NOISE = 0.3


def level_indicator(
    spec: dict[str, str],
    munis: Municipalities,
    periods: pd.DatetimeIndex,
    anchors: dict[tuple[str, str, str], list[Anchor]],
    home: str,
) -> pd.DataFrame:
    """One catalogue indicator for every municipality, by group and origin.

    Columns: geo_code, period_start, group_code, origin, value, weight (the persons the
    value is about, used to combine municipalities into areas).
    """
    ind = spec["indicator_id"]
    base, spread = float(spec["base"]), float(spec["spread"])
    season_amp, covid_amp, trend = float(spec["season"]), float(spec["covid"]), float(spec["trend"])
    groups = ["alle"] + [g for g in spec["groups"].split("|") if g]
    origins = ["alle"] + (ORIGINS if spec["by_origin"] == "true" else [])
    rng = np.random.default_rng(zlib.crc32(ind.encode()))
    years = years_since_2014(periods)
    season = (
        1 + season_amp * np.sin(2 * np.pi * (month_number(periods) - 3) / 12)
        if spec["grain"] == "month"
        else np.ones(len(periods))
    )
    path = (1 + trend) ** years * season * (1 + covid_amp * covid_curve(periods))
    geo_factor = 1 + spread * np.array([stable_unit(ind, c) for c in munis.codes])
    i = munis.index(home)
    geo_factor[i] = HOME_LEVEL_FACTOR.get(ind, geo_factor[i])
    scale = munis.population / 31_000 if spec["unit"] in COUNT_UNITS else np.ones(len(munis.codes))
    frames = []
    for g in groups:
        g_factor = 1.0 if g == "alle" else GROUP_LEVEL_FACTOR.get((ind, g), 1 + 0.25 * stable_unit(ind, g))
        for oi, o in enumerate(origins):
            o_factor = 1.0 if o == "alle" else ORIGIN_FACTOR[spec["higher_is_better"]][oi - 1]
            noise = ar_noise(rng, (len(munis.codes), len(periods)), 0.015)
            values = base * g_factor * o_factor * geo_factor[:, None] * scale[:, None] * path[None, :] * noise
            key = (ind, g, o)
            values[i] *= HOME_GROUP_FACTOR.get((ind, g), 1.0)
            if key in anchors:
                values[i] = values[i] / noise[i] * (1 + ANCHORED_NOISE * (noise[i] - 1))
            shape = HOME_LEVEL_SHAPES.get((ind, g)) if o == "alle" else None
            wanted = anchors.get(key, []) + (in_range(shape(values[i], periods), periods) if shape else [])
            if wanted:
                values[i] = anchor_series(values[i], periods, wanted)
            if spec["unit"] == "pct":
                values = np.clip(values, 0.1, 99.0)
            o_share = 1.0 if o == "alle" else munis.origin_share[:, oi - 1]
            weight = munis.population * GROUP_POP_SHARE[g] * o_share
            frames.append(
                pd.DataFrame(
                    {
                        "geo_code": np.repeat(munis.codes, len(periods)),
                        "period_start": np.tile(periods.values, len(munis.codes)),
                        "group_code": g,
                        "origin": o,
                        "value": values.ravel(),
                        "weight": np.repeat(weight, len(periods)),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)
