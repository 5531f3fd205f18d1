"""The one chart theme: Danish locale, large type for screen sharing, calm colours.

Charts are Vega-Lite dicts (see `dashboard.charts`) whose data are DataFrames in place;
`vega_spec` names each frame as one of the spec's `datasets` and puts the theme on the
top level, where Streamlit reads the locale. Streamlit turns the frames into Arrow itself.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from dashboard.format import DAYS_DA, DAYS_SHORT_DA, MONTHS_DA, MONTHS_SHORT_DA

HOME_COLOR = "#c8102e"
PALETTE = ["#c8102e", "#1f4e79", "#5b9bd5", "#7f7f7f", "#a5a5a5", "#ed7d31", "#70ad47", "#ffc000", "#264478", "#9e480e"]
TARGET_COLOR = "#2e7d32"
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


def theme_config(large: bool = False) -> dict[str, Any]:
    """The Vega-Lite `config` of every chart; `large` for the meeting view (type readable on
    a shared screen, and a legend of three columns, since four entries no longer fit in a line)."""
    size = 17 if large else 14
    return {
        "axis": {"grid": True, "gridColor": "#e6e6e6", "labelFontSize": size, "titleFontSize": size},
        "font": "Source Sans Pro, Arial, sans-serif",
        "legend": {"labelFontSize": size, "labelLimit": 320, "orient": "bottom", "titleFontSize": size,
                   **({"columns": 3} if large else {})},
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
    spec["datasets"] = {name: json.loads(frame.to_json(orient="records", date_format="iso"))
                        for name, frame in spec["datasets"].items()}
    return spec | ({"width": width} if width else {})
