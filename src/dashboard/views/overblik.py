"""Overblik: headline cards and the sentences that title its charts."""

from __future__ import annotations

import pandas as pd

from dashboard import charts, ui
from dashboard import format as fmt
from dashboard.content import Kpi, PageContent, Section, Values
from dashboard.data import ask, fetch_all
from dashboard.frames import newest_records, records, rows_where

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
        return fmt.MISSING
    if row.get("suppressed"):
        return fmt.hidden()
    return fmt.percent(row["value"]) if unit == "pct" else fmt.number(row["value"])


def headline_cards(frame: pd.DataFrame, compare_name: str) -> list[Kpi]:
    """Four cards: value this month, change since the same month last year, the comparison."""
    cards = []
    rows: dict[tuple[str, str], dict] = {}
    for row in records(frame):  # plain dicts: a pandas lookup per card costs ~1 ms
        rows.setdefault((row["kpi"], row["area"]), row)
    for kpi, label in KPI_LABELS.items():
        unit = "pct" if kpi in ("ledighedsprocent", "forsoergertryk") else "personer"
        home, other = rows.get((kpi, "home")), rows.get((kpi, "compare"))
        change = None if home is None else home["change"]
        if fmt.is_missing(change):
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
    last = [r for r in newest_records(frame, ["rate_pct", "geography", "geo_code"]) if not fmt.is_missing(r["rate_pct"])]
    home = [r for r in last if r["geography"] == home_name]
    if not home:
        return f"Ledighedsprocent, {home_name} og sammenligningsområder"
    value = home[0]["rate_pct"]
    others = [r for r in last if r["geography"] != home_name]
    text = f"Ledigheden i {home_name} var {fmt.percent(value)} i {month_label}"
    if not others:
        return text
    country = [r for r in others if r["geo_code"] == "000"]
    ref = country[0] if country else others[-1]
    gap = round(value - ref["rate_pct"], 1)
    side = "under" if gap < 0 else "over" if gap > 0 else "på niveau med"
    where = ref["geography"].lower() if ref["geo_code"] == "000" else ref["geography"]
    return f"{text} – {fmt.number(abs(gap), 1)} pct.-point {side} {where}" if gap else f"{text} – på niveau med {where}"


def age_title(frame: pd.DataFrame, home_name: str) -> str:
    home = [r for r in rows_where(frame, "geography", home_name, ["rate_pct", "age_band_name"]) if not fmt.is_missing(r["rate_pct"])]
    if not home:
        return f"Ledighed efter alder, {home_name}"
    top = max(home, key=lambda r: r["rate_pct"])  # the first of equals, as idxmax
    return f"Ledigheden er højest blandt de {top['age_band_name']}-årige ({fmt.percent(top['rate_pct'])})".replace(" år-årige", "-årige")


def origin_title(frame: pd.DataFrame, home_name: str) -> str:
    values = {r["origin"]: r["ratio_pct"] for r in newest_records(frame, ["origin", "ratio_pct"]) if not fmt.is_missing(r["ratio_pct"])}
    if {"dansk", "ikke-vestlig"} <= values.keys():
        gap = values["ikke-vestlig"] - values["dansk"]
        return (
            f"Forsørgertrykket for borgere med ikke-vestlig oprindelse er {fmt.number(abs(gap), 1)} pct.-point "
            f"{'over' if gap >= 0 else 'under'} borgere med dansk oprindelse"
        )
    return f"Forsørgertryk efter oprindelse, {home_name}"


def latest_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The newest month of each area as text: area, rate, source (documented figures show theirs)."""
    last = newest_records(frame, ["geography", "rate_pct", "suppressed", "source"])
    return pd.DataFrame(
        {
            "Område": [r["geography"] for r in last],
            "Ledighed": [fmt.hidden() if r["suppressed"] else fmt.percent(r["rate_pct"]) for r in last],
            "Kilde": [r["source"] for r in last],
        }
    )


ANNUAL_INDICATORS = ["ledighedsprocent", "forsoergertryk"]


def as_stated(value: float) -> str:
    """A plan's percentage with the decimals it was written with: `27 %`, `3,9 %`."""
    return fmt.percent(value, 0 if float(value).is_integer() else 1)


def annual_title(frame: pd.DataFrame) -> str:
    """E.g. `Årstal fra planerne: ledighedsprocent 3,9 % i Ballerup i 2017 (Beskæftigelsesplan 2018)`."""
    if frame.empty:
        return "Årstal fra planerne"
    row = records(frame)[0]
    return (f"Årstal fra planerne: {row['indicator'].lower()} {as_stated(row['stated_value'])} i "
            f"{row['geography']} i {row['year']} ({row['source']})")


def annual_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The plans' yearly figures exactly as stated, beside the mean of the monthly series for that year."""
    rows = records(frame)
    return pd.DataFrame(
        {
            "Tal": [r["indicator"] for r in rows],
            "Område": [r["geography"] for r in rows],
            "År": [str(r["year"]) for r in rows],
            "Angivet": [as_stated(r["stated_value"]) for r in rows],
            "Gennemsnit af månedstallene": [fmt.percent(r["monthly_mean"]) for r in rows],
            "Kilde": [f"{r['source']}, {r['locator']}" for r in rows],
        },
        columns=["Tal", "Område", "År", "Angivet", "Gennemsnit af månedstallene", "Kilde"],
    )


def annual_section(annual: pd.DataFrame) -> Section:
    """The plans' yearly figures in the chosen years (only when there are any)."""
    return Section(
        annual_title(annual), None, annual, key="aarstal-fra-planerne", period_column=None, table=annual_table(annual),
        note="Årstallene er vist som planen angiver dem; gennemsnittet af månedstallene ved siden af er demodata, "
             "kalibreret til at ramme dem.",
    )


def content(values: Values) -> PageContent:
    """KPI cards and the three charts for one set of filter values."""
    home = ui.home_area()
    first, last = ui.month_start(values["fra"]), ui.month_start(values["til"])
    compare = ui.geo_code_of(values["sammenlign"])
    compare_name = ui.standard_choices(["sammenlign"])[0].label_of(values["sammenlign"])
    breakdown = {"age_band": values["alder"], "gender": values["koen"], "origin": values["herkomst"]}

    areas = list(dict.fromkeys([home["geo_code"], home["region_code"], "hovedstadsomraadet", "000", compare]))
    kpis, rates, ages, origins, annual = fetch_all(
        ask("headline_kpis", home_geo=home["geo_code"], compare_geo=compare, month=last, group_code=values["gruppe"],
            **breakdown),
        ask("unemployment_rate_by_geography", geo_codes=areas, first_month=first, last_month=last, **breakdown),
        ask("unemployment_rate_by_age_band", home_geo=home["geo_code"], compare_geo=compare, month=last,
            gender=values["koen"], origin=values["herkomst"]),
        ask("support_ratio_by_origin", geo_code=home["geo_code"], first_month=first, last_month=last),
        ask("annual_documented_figures", indicator_ids=ANNUAL_INDICATORS, first_month=first, last_month=last),
    )
    month = fmt.month_label(last)
    return PageContent(
        kpis=headline_cards(kpis, compare_name),
        kpis_demo=ui.is_demo(kpis),
        sections=[
            Section(
                rate_title(rates, home["name_da"], month),
                charts.line_over_time(rates, y="rate_pct", y_title="Ledighed, %", series="geography",
                                      home=home["name_da"]),
                rates, key="ledighed-omraader", table=latest_table(rates),
            ),
            Section(
                age_title(ages, home["name_da"]),
                charts.grouped_bars(ages, category="age_band_name", category_title="Alder", value="rate_pct",
                                    value_title=f"Ledighed, % ({month})", series="geography", home=home["name_da"]),
                ages, key="ledighed-alder",
            ),
            Section(
                origin_title(origins, home["name_da"]),
                charts.line_over_time(origins, y="ratio_pct", y_title="Forsørgertryk, %", series="origin_name"),
                origins, key="forsoergertryk-oprindelse",
            ),
        ] + ([] if annual.empty else [annual_section(annual)]),
    )
