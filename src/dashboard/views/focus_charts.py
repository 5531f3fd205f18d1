"""The focus pages' charts the shared chart module does not have: rank over time, a
ranking, duration bands, bars comparing areas (Vega-Lite dicts, see `dashboard.charts`)."""

from __future__ import annotations

import textwrap

import pandas as pd

from dashboard.charts import Chart, dict_chart, layer
from dashboard.theme import HOME_COLOR, OTHER_MUNICIPALITIES_COLOR, TARGET_COLOR, color_scale


TOOLTIP_TITLES = {
    "geography": "Område",
    "origin": "Herkomst",
    "group_name": "Målgruppe",
    "indicator_name": "Tal",
    "measure": "Tal",
}


def rank_chart(frame: pd.DataFrame, limit: float | None, label: str | None) -> Chart:
    """Rank over time, 1 at the top, with the target limit as a line."""
    line = dict_chart(
        frame,
        {"type": "line", "color": HOME_COLOR, "strokeWidth": 4, "point": {"color": HOME_COLOR, "filled": True}},
        {
            "x": {
                "field": "month",
                "type": "temporal",
                "title": None,
                "axis": {"format": "%b %Y", "labelAngle": 0, "tickCount": 8},
            },
            "y": {
                "field": "rank",
                "type": "quantitative",
                "title": "Placering (1 = lavest andel)",
                "scale": {"reverse": True, "domainMin": 1},
                "axis": {"format": "d"},
            },
            "tooltip": [
                {"field": "month", "type": "temporal", "title": "Måned", "format": "%B %Y"},
                {"field": "rank", "type": "quantitative", "title": "Placering", "format": "d"},
                {"field": "value", "type": "quantitative", "title": "Andel, %", "format": ",.1f"},
            ],
        },
    )
    layers = [line]
    if limit is not None:
        rule = pd.DataFrame({"limit": [limit], "label": [label or "Mål"]})
        at = {"y": {"field": "limit", "type": "quantitative"}}
        layers.append(
            dict_chart(rule, {"type": "rule", "color": TARGET_COLOR, "strokeDash": [6, 4], "strokeWidth": 2}, at)
        )
        layers.append(
            dict_chart(
                rule,
                {"type": "text", "align": "left", "dx": 4, "dy": -8, "color": TARGET_COLOR, "fontSize": 14},
                {**at, "x": {"value": 0}, "text": {"field": "label", "type": "nominal"}},
            )
        )
    return layer(*layers, height=340)


def ranking_bars(frame: pd.DataFrame, limit: float | None) -> Chart:
    """All municipalities of the region, best first; the home municipality red; the top-N band shaded."""
    order = frame.sort_values(["rank", "geography"])["geography"].tolist()
    encoding = {
        "y": {
            "field": "geography",
            "type": "nominal",
            "title": None,
            "sort": order,
            "axis": {"labelOverlap": False, "labelLimit": 200},
        },
        "x": {
            "field": "value",
            "type": "quantitative",
            "title": "Forsikrede ledige, % af arbejdsstyrken",
            "axis": {"format": ",.1f"},
        },
        "color": {"condition": {"test": "datum.is_home", "value": HOME_COLOR}, "value": OTHER_MUNICIPALITIES_COLOR},
        "tooltip": [
            {"field": "geography", "type": "nominal", "title": "Kommune"},
            {"field": "rank", "type": "quantitative", "title": "Placering", "format": "d"},
            {"field": "value", "type": "quantitative", "title": "Andel, %", "format": ",.1f"},
        ],
    }
    layers = [
        dict_chart(frame, {"type": "bar"}, encoding),
        dict_chart(
            frame,
            {"type": "text", "align": "left", "dx": 4, "fontSize": 13},
            {
                **encoding,
                "text": {"field": "value", "type": "quantitative", "format": ",.1f"},
                "color": {"value": "#333"},
            },
        ),
    ]
    if limit is not None:
        inside = frame[frame["rank"].le(limit).fillna(False).astype(bool)]
        if not inside.empty:
            cut = pd.DataFrame({"value": [inside["value"].max()], "label": [f"Grænse for top {int(limit)}"]})
            layers.append(
                dict_chart(
                    cut,
                    {"type": "rule", "color": TARGET_COLOR, "strokeDash": [6, 4], "strokeWidth": 2},
                    {"x": {"field": "value", "type": "quantitative"}},
                )
            )
    return layer(*layers, height={"step": 24})


def stacked_bands(frame: pd.DataFrame) -> Chart:
    """Duration bands as 100 % bars, one bar per target group and area."""

    def label(group: str, area: str) -> str:
        short = group.replace("Kontanthjælp – ", "")
        return f"{short[:1].upper()}{short[1:]} · {area}"

    ordered = frame.sort_values(["group_name", "band_order"], kind="stable") if not frame.empty else frame
    rows = list(dict.fromkeys(label(g, a) for g, a in zip(ordered["group_name"], ordered["geography"], strict=True)))
    return dict_chart(
        frame,
        {"type": "bar"},
        {
            "y": {"field": "row", "type": "nominal", "title": None, "sort": rows, "axis": {"labelLimit": 320}},
            "x": {
                "field": "share_pct",
                "type": "quantitative",
                "title": "Andel af forløbene, %",
                "stack": "zero",
                "axis": {"format": ",.0f"},
            },
            "color": {
                "field": "band_name",
                "type": "nominal",
                "title": "Varighed",
                "sort": ["Under 1 år", "1–3 år", "Over 3 år"],
                "scale": color_scale(["Under 1 år", "1–3 år", "Over 3 år"]),
            },
            "order": {"field": "band_order", "type": "quantitative"},
            "tooltip": [
                {"field": "geography", "type": "nominal", "title": "Område"},
                {"field": "group_name", "type": "nominal", "title": "Målgruppe"},
                {"field": "band_name", "type": "nominal", "title": "Varighed"},
                {"field": "share_pct", "type": "quantitative", "title": "Andel, %", "format": ",.1f"},
            ],
        },
        transform=[
            {"calculate": "replace(datum.group_name, 'Kontanthjælp – ', '') + ' · ' + datum.geography", "as": "row"},
            {"calculate": "upper(slice(datum.row, 0, 1)) + slice(datum.row, 1)", "as": "row"},
        ],
        height={"step": 34},
    )


# A category name on lines of 14 letters or more, broken at spaces («Kontanthjælp –» over
# «aktivitetsparate»).
WRAPPED_LABEL = "split(replace(datum.label, regexp('(.{14,}?) ', 'g'), '$1\\n'), '\\n')"
TITLE_LINE = 30


def comparison_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    value: str,
    value_title: str,
    series: str,
    home_series: str | None = None,
    fmt_: str = ",.1f",
) -> Chart:
    """Horizontal bars per category, one bar per series (home red). Long category names and the
    value axis's title wrap, and the axis leaves room for the figure after the longest bar, so the
    chart, its legend and its figures fit a phone's width."""
    names = frame[series].unique().tolist() if not frame.empty else []
    highest = frame[value].max() if not frame.empty else None
    encoding = {
        "y": {
            "field": category,
            "type": "nominal",
            "title": None,
            "sort": frame[category].unique().tolist() if not frame.empty else None,
            "axis": {"labelLimit": 360, "labelOverlap": False, "labelExpr": WRAPPED_LABEL},
        },
        "yOffset": {"field": series, "type": "nominal", "sort": names},
        "x": {
            "field": value,
            "type": "quantitative",
            "title": textwrap.wrap(value_title, TITLE_LINE),
            "axis": {"format": fmt_},
            **({"scale": {"domainMax": float(highest) * 1.15}} if highest is not None and highest > 0 else {}),
        },
        "color": {
            "field": series,
            "type": "nominal",
            "title": None,
            "sort": names,
            "scale": color_scale(names, home_series),
        },
        "tooltip": [
            {"field": series, "type": "nominal", "title": TOOLTIP_TITLES.get(series, "Serie")},
            {"field": category, "type": "nominal", "title": TOOLTIP_TITLES.get(category, "Tal")},
            {"field": value, "type": "quantitative", "title": value_title, "format": fmt_},
        ],
    }
    labels = {**encoding, "text": {"field": value, "type": "quantitative", "format": fmt_}}
    return layer(
        dict_chart(None, {"type": "bar"}, encoding),
        dict_chart(None, {"type": "text", "align": "left", "dx": 4, "fontSize": 14}, labels),
        data=frame,
        height={"step": 22},
    )
