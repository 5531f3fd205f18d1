"""Overblik: headline cards, the sentences that title its charts, its table (the page is pages/overblik.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard import danish, findings
from dashboard.content import Kpi
from dashboard.frames import records, rows_where

TITLE = "Overblik"
LEAD = "Ledighed og forsørgelse i Ballerup Kommune sammenlignet med region og land."
FILTERS = ("fra", "til", "sammenlign", "gruppe", "alder", "koen", "herkomst")

KPI_LABELS = {
    "ledighedsprocent": "Ledighedsprocent (alle ledige)",
    "fuldtidsledige": "Fuldtidsledige",
    "forsoergertryk": "Forsørgertryk",
    "modtagere": "Modtagere i målgruppen",
}


def _shown(row: dict | None, unit: str) -> str:
    if row is None:
        return danish.MISSING
    if row.get("suppressed"):
        return danish.hidden()
    return danish.percent(row["value"]) if unit == "pct" else danish.number(row["value"])


def kpi_rows(frame: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """The rows of `headline_kpis` by (kpi, area), area `home` or `compare`."""
    rows: dict[tuple[str, str], dict] = {}
    for row in records(frame):
        rows.setdefault((row["kpi"], row["area"]), row)
    return rows


def headline_cards(frame: pd.DataFrame, compare_name: str) -> list[Kpi]:
    """Four cards: value this month, change since the same month last year, the comparison."""
    cards = []
    rows = kpi_rows(frame)
    for kpi, label in KPI_LABELS.items():
        unit = "pct" if kpi in ("ledighedsprocent", "forsoergertryk") else "personer"
        home, other = rows.get((kpi, "home")), rows.get((kpi, "compare"))
        change = None if home is None else home["change"]
        if danish.is_missing(change):
            delta = None
        else:
            delta = danish.pct_point(change) if unit == "pct" else danish.signed(change)
        help_text = f"Ændring siden samme måned året før. {compare_name}: {_shown(other, unit)}"
        if home is not None and isinstance(home.get("source"), str):
            help_text += f" · Kilde: {home['source']}"
        cards.append(Kpi(label, _shown(home, unit), delta, delta_color="inverse", help=help_text))
    return cards


def rate_title(rates: pd.DataFrame, kpis: pd.DataFrame, home_name: str, month: date, compare_geo: str = "000") -> str:
    """E.g. `Ledigheden i Ballerup var 4,3 % i september 2020 – 0,2 pct.-point under hele landet`.

    The home figure is the headline card's (`headline_kpis`), so card and title cannot
    disagree; the area compared with («Sammenlign med», `compare_geo`; hele landet when it has no
    figure) is read from the chart's rows (`rates`) in the same month.
    """
    card = kpi_rows(kpis).get(("ledighedsprocent", "home"))
    if card is None or card.get("suppressed") or danish.is_missing(card["value"]):
        return f"Ledighedsprocent, {home_name} og sammenligningsområder"
    value = card["value"]
    text = f"Ledigheden i {home_name} var {danish.percent(value)} i {danish.month_label(month)}"
    others = [
        r
        for r in rows_where(rates, "month", pd.Timestamp(month), ["rate_pct", "geography", "geo_code", "is_home"])
        if not r["is_home"] and not danish.is_missing(r["rate_pct"])
    ]
    if not others:
        return text
    chosen = [r for r in others if r["geo_code"] == compare_geo] or [r for r in others if r["geo_code"] == "000"]
    ref = chosen[0] if chosen else others[-1]
    gap = round(value - ref["rate_pct"], 1)
    side = "under" if gap < 0 else "over" if gap > 0 else "på niveau med"
    where = ref["geography"].lower() if ref["geo_code"] == "000" else ref["geography"]
    return (
        f"{text} – {danish.number(abs(gap), 1)} pct.-point {side} {where}" if gap else f"{text} – på niveau med {where}"
    )


def age_title(frame: pd.DataFrame, home_name: str) -> str:
    home = [
        r
        for r in rows_where(frame, "is_home", True, ["rate_pct", "age_band_name"])
        if not danish.is_missing(r["rate_pct"])
    ]
    if not home:
        return f"Ledighed efter alder, {home_name}"
    top = max(home, key=lambda r: r["rate_pct"])  # the first of equals, as idxmax
    return f"Ledigheden er højest blandt de {top['age_band_name']}-årige ({danish.percent(top['rate_pct'])})".replace(
        " år-årige", "-årige"
    )


def origin_title(frame: pd.DataFrame, home_name: str) -> str:
    values = {
        r["origin"]: r["ratio_pct"]
        for r in rows_where(frame, "is_newest", True, ["origin", "ratio_pct"])
        if not danish.is_missing(r["ratio_pct"])
    }
    if {"dansk", "ikke-vestlig"} <= values.keys():
        gap = values["ikke-vestlig"] - values["dansk"]
        return (
            f"Forsørgertrykket for borgere med ikke-vestlig oprindelse er {danish.number(abs(gap), 1)} pct.-point "
            f"{'over' if gap >= 0 else 'under'} borgere med dansk oprindelse"
        )
    return f"Forsørgertryk efter oprindelse, {home_name}"


def recipients_title(frame: pd.DataFrame, group_name: str, home_name: str) -> str:
    """`3.618 modtagere (dagpenge) i Ballerup i september 2020 – 103 flere end et år før`, from the
    trend drawn (the change only when the month a year before is in it)."""
    what = f"modtagere ({group_name.lower()}) i {home_name}"
    newest = rows_where(frame, "is_newest", True, ["month", "value", "suppressed"])
    if not newest:
        return findings.count_change(what, None, None, "")
    month, value = pd.Timestamp(newest[0]["month"]), newest[0]["value"]
    if newest[0]["suppressed"]:
        return f"{what[:1].upper()}{what[1:]} i {danish.month_label(month.date())}: {danish.hidden()}"
    before = frame.loc[pd.to_datetime(frame["month"]) == month - pd.DateOffset(years=1), "value"]
    change = value - before.iloc[0] if len(before) and not danish.is_missing(before.iloc[0]) else None
    return findings.count_change(what, value, change, danish.month_label(month.date()))


def latest_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The newest month of each area as text: area, rate, source (documented figures show theirs)."""
    last = rows_where(frame, "is_newest", True, ["geography", "rate_pct", "suppressed", "source"])
    return pd.DataFrame(
        {
            "Område": [r["geography"] for r in last],
            "Ledighed": [danish.hidden() if r["suppressed"] else danish.percent(r["rate_pct"]) for r in last],
            "Kilde": [r["source"] for r in last],
        }
    )


ANNUAL_INDICATORS = ["ledighedsprocent", "forsoergertryk"]


def as_stated(value: float) -> str:
    """A plan's percentage with the decimals it was written with: `27 %`, `3,9 %`."""
    return danish.percent(value, 0 if float(value).is_integer() else 1)


def annual_title(frame: pd.DataFrame) -> str:
    """E.g. `Årstal fra planerne: ledighedsprocent 3,9 % i Ballerup i 2017 (Beskæftigelsesplan 2018)`."""
    if frame.empty:
        return "Årstal fra planerne"
    row = records(frame)[0]
    return (
        f"Årstal fra planerne: {row['indicator'].lower()} {as_stated(row['stated_value'])} i "
        f"{row['geography']} i {row['year']} ({row['source']})"
    )


def annual_table(frame: pd.DataFrame, *, phone: bool = False) -> pd.DataFrame:
    """The plans' yearly figures exactly as stated, beside the mean of the monthly series for
    that year. On a phone three columns: the figure, its area and year in one, as stated, and
    its source (six columns of 59 px broke «Ballerup» letter by letter)."""
    rows = records(frame)
    table = pd.DataFrame(
        {
            "Tal": [r["indicator"] for r in rows],
            "Område": [r["geography"] for r in rows],
            "År": [str(r["year"]) for r in rows],
            "Angivet": [as_stated(r["stated_value"]) for r in rows],
            "Gennemsnit af månedstallene": [
                danish.hidden() if r.get("suppressed") else danish.percent(r["monthly_mean"]) for r in rows
            ],
            "Kilde": [f"{r['source']}, {r['locator']}" for r in rows],
        },
        columns=["Tal", "Område", "År", "Angivet", "Gennemsnit af månedstallene", "Kilde"],
    )
    if not phone:
        return table
    return table.assign(Tal=table["Tal"] + ", " + table["Område"] + " " + table["År"])[["Tal", "Angivet", "Kilde"]]


ANNUAL_NOTE = (
    "Årstallene er vist som planen angiver dem; gennemsnittet af månedstallene ved siden af er demodata, "
    "kalibreret til at ramme dem."
)
PHONE_ANNUAL_NOTE = (
    "Årstallene er vist som planen angiver dem. Gennemsnittet af månedstallene (demodata, kalibreret "
    "til at ramme dem) står i CSV-filen og på en større skærm."
)


def annual_note(*, phone: bool = False) -> str:
    return PHONE_ANNUAL_NOTE if phone else ANNUAL_NOTE
