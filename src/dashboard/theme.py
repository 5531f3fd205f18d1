"""The one chart theme: Danish locale, large type for screen sharing, calm colours.

Charts are Vega-Lite dicts (see `dashboard.charts`) whose data are DataFrames in place;
`vega_spec` names each frame as one of the spec's `datasets` and puts the theme on the
top level, where Streamlit reads the locale. Streamlit turns the frames into Arrow itself.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from dashboard.danish import DAYS_DA, DAYS_SHORT_DA, MONTHS_DA, MONTHS_SHORT_DA

# One colour per meaning on every page: red is the home municipality and nothing else; each
# kind of comparison area, origin group and other named series keeps its colour everywhere.
HOME_COLOR = "#c8102e"
TARGET_COLOR = "#2e7d32"
OTHER_MUNICIPALITIES_COLOR = "#a5a5a5"  # the bars of every other municipality in a ranking
COMPARISON_YEAR_COLOR = "#7f7f7f"  # the same weeks of an earlier year (COVID-19)
NEUTRAL_COLOR = "#555555"  # events, zero and reference lines
AREA_COLORS = {
    "land": "#3a3a3a",
    "region": "#1f4e79",
    "hovedstadsomraade": "#5b9bd5",
    "kommunegruppe": "#ed7d31",
    "landsdel": "#8c6d31",
    "kommune": "#8c564b",  # a municipality chosen under «Sammenlign med»
}
MUNICIPALITY_GROUPS = ("Hovedstadskommuner", "Storbykommuner", "Provinsbykommuner", "Oplandskommuner", "Landkommuner")
SERIES_COLORS = {
    # origin groups
    "Dansk oprindelse": "#17877b",
    "Vestlig oprindelse": "#b8860b",
    "Ikke-vestlig oprindelse": "#6a3d9a",
    "Ikke-vestlig baggrund": "#6a3d9a",
    "Øvrige borgere": "#17877b",
    # benefit groups (benchmark) and target groups (COVID-19)
    "Offentlig forsørgelse i alt": "#3a3a3a",
    "Alle målgrupper": "#3a3a3a",
    "Dagpenge": "#1f4e79",
    "Sygedagpenge og jobafklaring": "#17877b",
    "Kontanthjælpsområdet": "#ed7d31",
    "Kontanthjælp – jobparate": "#ed7d31",
    "Kontanthjælp – aktivitetsparate": "#b8860b",
    "Uddannelseshjælp": "#5b9bd5",
    "Sygedagpenge": "#17877b",
    "Jobafklaring": "#6a3d9a",
    "Ressourceforløb": "#8c564b",
    "Ledighedsydelse/fleksjob": "#bcbd22",
    "Integrationsydelse": "#e377c2",
    # flows, duration bands
    "Tilgang": "#1f4e79",
    "Afgang": "#5b9bd5",
    "Under 1 år": "#9ecae1",
    "1–3 år": "#4292c6",
    "Over 3 år": "#08306b",
}
# The theme's default category colours (no red: red is the home municipality's).
PALETTE = ["#1f4e79", "#5b9bd5", "#ed7d31", "#17877b", "#6a3d9a", "#b8860b", "#8c564b", "#3a3a3a", "#bcbd22", "#e377c2"]
VEGA_LITE_VERSION = "6.4.1"  # the version Streamlit 1.67 draws with
SCHEMA_URL = f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE_VERSION}.json"

DANISH_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "time": {
        "dateTime": "%A den %d. %B %Y %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": DAYS_DA,
        "shortDays": DAYS_SHORT_DA,
        "months": MONTHS_DA,
        "shortMonths": MONTHS_SHORT_DA,
    },
}


def area_level(name: str) -> str | None:
    """The kind of comparison area a series name is (`land`, `region`, …), None for other names."""
    if name == "Hele landet":
        return "land"
    if name == "Hovedstadsområdet":
        return "hovedstadsomraade"
    if name in MUNICIPALITY_GROUPS:
        return "kommunegruppe"
    for prefix, level in (("Region ", "region"), ("Landsdel ", "landsdel")):
        if name.startswith(prefix):
            return level
    return None


def is_municipality(name: str) -> bool:
    """Whether a series name can be a municipality (not an area kind nor a named group)."""
    return area_level(name) is None and name not in SERIES_COLORS


def series_color(name: str, home: str | None = None) -> str:
    """The colour of a named series on every chart: red for the home municipality only, the
    area kind's colour for a comparison area, the fixed colour of an origin group, benefit
    group, flow or band; any other name is a municipality chosen to compare with."""
    area, _, _ = name.partition(", ")  # «Ballerup, 16–24 år»: the area's colour
    if area != name:
        return series_color(area, home)
    if home is not None and name == home and is_municipality(home):
        return HOME_COLOR
    level = area_level(name)
    if level is not None:
        return AREA_COLORS[level]
    return SERIES_COLORS.get(name, AREA_COLORS["kommune"])


def color_scale(names: list, home: str | None = None) -> dict[str, list]:
    """A Vega-Lite colour scale giving each of `names` its fixed colour."""
    return {"domain": list(names), "range": [series_color(str(n), home) for n in names]}


def dash_scale(names: list) -> dict[str, list] | None:
    """For series named «area, detail» (two age bands per area): a solid line for the first
    detail and a dashed one for the others, so two series of one area's colour stay apart."""
    details = [str(n).partition(", ")[2] for n in names]
    if not all(details) or len(set(details)) < 2:
        return None
    first = details[0]
    return {"domain": list(names), "range": [[1, 0] if d == first else [6, 3] for d in details]}


def theme_config(large: bool = False) -> dict[str, Any]:
    """The Vega-Lite `config` of every chart; `large` for the meeting view (type readable on
    a shared screen, and a legend of three columns, since four entries no longer fit in a line)."""
    size = 17 if large else 14
    return {
        "axis": {"grid": True, "gridColor": "#e6e6e6", "labelFontSize": size, "titleFontSize": size},
        "font": "Source Sans Pro, Arial, sans-serif",
        "legend": {
            "labelFontSize": size,
            "labelLimit": 320,
            "orient": "bottom",
            "titleFontSize": size,
            **({"columns": 3} if large else {}),
        },
        "locale": DANISH_LOCALE,
        "range": {"category": list(PALETTE)},
        "title": {"anchor": "start", "fontSize": size + 4},
        "view": {"strokeWidth": 0},
    }


def vega_spec(chart: dict[str, Any], *, large: bool = False) -> dict[str, Any]:
    """The chart as `st.vega_lite_chart` takes it: every DataFrame in it replaced by a named
    dataset (`data-0`, `data-1`, … in order of appearance; a frame used twice is one
    dataset), the frames under `datasets`, our theme as `config`."""
    datasets: dict[str, pd.DataFrame] = {}
    names: dict[int, str] = {}

    def named(value: Any) -> Any:
        if isinstance(value, pd.DataFrame):
            if id(value) not in names:
                names[id(value)] = f"data-{len(names)}"
                datasets[names[id(value)]] = value
            return {"name": names[id(value)]}
        if isinstance(value, dict):
            return {k: named(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [named(v) for v in value]
        return value

    spec = named(chart)
    return {"$schema": SCHEMA_URL, **spec, "config": theme_config(large), "datasets": datasets}


def inline_spec(chart: dict[str, Any], *, width: int | None = None) -> dict[str, Any]:
    """The themed spec with its datasets as JSON rows (dates as ISO text), for converters
    outside Streamlit (the quarterly report's SVGs)."""
    spec = vega_spec(chart)
    spec["datasets"] = {
        name: json.loads(frame.to_json(orient="records", date_format="iso")) for name, frame in spec["datasets"].items()
    }
    return spec | ({"width": width} if width else {})
