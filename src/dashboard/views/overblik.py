"""Overblik: headline cards and the sentences that title its charts."""

from __future__ import annotations

import pandas as pd

from dashboard import format as fmt
from dashboard.ui import Kpi

KPI_LABELS = {
    "ledighedsprocent": "Ledighedsprocent (alle ledige)",
    "fuldtidsledige": "Fuldtidsledige",
    "forsoergertryk": "Forsørgertryk",
    "modtagere": "Modtagere i målgruppen",
}


def _row(frame: pd.DataFrame, kpi: str, area: str) -> pd.Series | None:
    rows = frame[(frame["kpi"] == kpi) & (frame["area"] == area)]
    return None if rows.empty else rows.iloc[0]


def _shown(row: pd.Series | None, unit: str) -> str:
    if row is None:
        return fmt.MISSING
    if row.get("suppressed"):
        return "<5"
    return fmt.percent(row["value"]) if unit == "pct" else fmt.number(row["value"])


def headline_cards(frame: pd.DataFrame, compare_name: str) -> list[Kpi]:
    """Four cards: value this month, change since the same month last year, the comparison."""
    cards = []
    for kpi, label in KPI_LABELS.items():
        unit = "pct" if kpi in ("ledighedsprocent", "forsoergertryk") else "personer"
        home, other = _row(frame, kpi, "home"), _row(frame, kpi, "compare")
        change = None if home is None else home["change"]
        if fmt.is_missing(change) or pd.isna(change):
            delta = None
        else:
            # st.metric reads the arrow from a leading ASCII minus.
            delta = (fmt.pct_point(change) if unit == "pct" else fmt.signed(change)).replace("−", "-")
        help_text = f"Ændring siden samme måned året før. {compare_name}: {_shown(other, unit)}"
        if home is not None and isinstance(home.get("source"), str):
            help_text += f" · Kilde: {home['source']}"
        cards.append(Kpi(label, _shown(home, unit), delta, delta_color="inverse", help=help_text))
    return cards


def rate_title(frame: pd.DataFrame, home_name: str, month_label: str) -> str:
    """E.g. `Ledigheden i Ballerup var 4,3 % i september 2020 – 0,2 pct.-point under hele landet`."""
    last = frame[frame["month"] == frame["month"].max()].dropna(subset=["rate_pct"])
    home = last[last["geography"] == home_name]
    if home.empty:
        return f"Ledighedsprocent, {home_name} og sammenligningsområder"
    value = home["rate_pct"].iloc[0]
    others = last[last["geography"] != home_name]
    text = f"Ledigheden i {home_name} var {fmt.percent(value)} i {month_label}"
    if others.empty:
        return text
    country = others[others["geo_code"] == "000"]
    ref = country.iloc[0] if not country.empty else others.iloc[-1]
    gap = round(value - ref["rate_pct"], 1)
    side = "under" if gap < 0 else "over" if gap > 0 else "på niveau med"
    where = ref["geography"].lower() if ref["geo_code"] == "000" else ref["geography"]
    return f"{text} – {fmt.number(abs(gap), 1)} pct.-point {side} {where}" if gap else f"{text} – på niveau med {where}"


def age_title(frame: pd.DataFrame, home_name: str) -> str:
    home = frame[(frame["geography"] == home_name)].dropna(subset=["rate_pct"])
    if home.empty:
        return f"Ledighed efter alder, {home_name}"
    top = home.loc[home["rate_pct"].idxmax()]
    return f"Ledigheden er højest blandt de {top['age_band_name']}-årige ({fmt.percent(top['rate_pct'])})".replace(" år-årige", "-årige")


def origin_title(frame: pd.DataFrame, home_name: str) -> str:
    last = frame[frame["month"] == frame["month"].max()].dropna(subset=["ratio_pct"])
    values = dict(zip(last["origin"], last["ratio_pct"], strict=False))
    if {"dansk", "ikke-vestlig"} <= values.keys():
        gap = values["ikke-vestlig"] - values["dansk"]
        return (
            f"Forsørgertrykket for borgere med ikke-vestlig oprindelse er {fmt.number(abs(gap), 1)} pct.-point "
            f"{'over' if gap >= 0 else 'under'} borgere med dansk oprindelse"
        )
    return f"Forsørgertryk efter oprindelse, {home_name}"


def latest_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The newest month of each area as text: area, rate, source (documented figures show theirs)."""
    last = frame[frame["month"] == frame["month"].max()]
    return pd.DataFrame(
        {
            "Område": last["geography"],
            "Ledighed": ["<5" if s else fmt.percent(v) for v, s in zip(last["rate_pct"], last["suppressed"], strict=True)],
            "Kilde": last["source"],
        }
    )
