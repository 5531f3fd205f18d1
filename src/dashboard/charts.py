"""Chart builders shared by the pages. A chart is a Vega-Lite dict whose `data` are the
DataFrames drawn; `theme.vega_spec` names them as datasets and puts the theme on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from dashboard.theme import TARGET_COLOR, color_scale, dash_scale

UNIT_FORMAT = {"pct": ",.1f", "personer": ",.0f", "pct_point": "+,.1f"}
Chart = dict[str, Any]
SERIES_TITLES = {"origin_name": "Herkomst", "series": "Serie"}  # a tooltip's name for the series field


def dict_chart(frame: pd.DataFrame | None, mark: dict, encoding: dict, **extra: object) -> Chart:
    """One mark drawing `frame` (or its layer's data when None); `extra`: e.g. `transform`."""
    return {**({"data": frame} if frame is not None else {}), "mark": mark, "encoding": encoding, **extra}


def layer(*layers: Chart, data: pd.DataFrame | None = None, **props: object) -> Chart:
    """Layers drawn on top of each other. Data every layer shares (the same frame) is given
    once, on the layered chart; layers drawing the chart's own frame leave it out."""
    frames = [part.get("data") for part in layers]
    if data is None and layers and frames[0] is not None and all(f is frames[0] for f in frames):
        data = frames[0]
    if data is not None and all(f is None or f is data for f in frames):
        layers = tuple({k: v for k, v in part.items() if k != "data"} for part in layers)
    return {"layer": list(layers), **({"data": data} if data is not None else {}), **props}


def long_form(
    frame: pd.DataFrame,
    keep: Sequence[str],
    series: Mapping[str, str],
    *,
    name: str,
    value: str,
    where: np.ndarray | None = None,
    drop_missing: bool = False,
) -> pd.DataFrame:
    """Wide to long: for each `series` label -> column, the `keep` columns with the label in
    `name` and the column's values in `value`, one block per series in the given order;
    only the rows `where` is True, and without rows missing a value if `drop_missing`
    (what `pd.concat` of one filtered frame per series gives).
    """
    rows = np.ones(len(frame), dtype=bool) if where is None else np.asarray(where, dtype=bool)
    count, length = len(series), int(rows.sum())
    columns: dict[str, object] = {c: np.tile(frame[c].to_numpy()[rows], count) for c in keep}
    columns[name] = np.repeat(np.array(list(series), dtype=object), length)
    columns[value] = np.concatenate([frame[c].to_numpy(dtype=float, na_value=np.nan)[rows] for c in series.values()])
    out = pd.DataFrame(columns)
    for c in keep:  # keep each column's type (strings, dates), as concat would
        if out[c].dtype != frame[c].dtype:
            out[c] = out[c].astype(frame[c].dtype)
    if drop_missing:
        out = out[~np.isnan(columns[value])].reset_index(drop=True)
    return out


def drawn_columns(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The columns a chart draws, and nothing else: less to convert, send and parse
    (the columns' arrays, not copied, with a fresh row index)."""
    return pd.DataFrame({c: frame[c].array for c in frame.columns if c in columns}, copy=False)


def _color(series: str, names: list, home_series: str | None) -> dict:
    """Each series in its fixed colour (`theme.series_color`)."""
    return {"field": series, "type": "nominal", "title": None, "sort": names, "scale": color_scale(names, home_series)}


def line_over_time(
    frame: pd.DataFrame,
    *,
    y: str,
    y_title: str,
    series: str,
    home_series: str | None = None,
    fmt: str = ",.1f",
    target: float | None = None,
    target_label: str | None = None,
    x: str = "month",
    time_format: str = "%b %Y",
) -> Chart:
    """Lines over time, one per series; the home series drawn thick and red."""
    names = frame[series].unique().tolist()
    if home_series:
        test = f"(datum[{_js(series)}] === {_js(home_series)})"
        width: dict = {"condition": {"test": test, "value": 4}, "value": 2}
    else:
        width = {"value": 2.5}
    encoding = {
        "x": {
            "field": x,
            "type": "temporal",
            "title": None,
            "axis": {"format": time_format, "labelAngle": 0, "tickCount": 8},
        },
        "y": {
            "field": y,
            "type": "quantitative",
            "title": axis_title(frame[y], y_title),
            "axis": {"format": fmt},
            "scale": {"zero": False},
        },
        "color": _color(series, names, home_series),
        **(
            {"strokeDash": {"field": series, "type": "nominal", "sort": names, "scale": dashes, "title": None}}
            if (dashes := dash_scale(names))
            else {}
        ),
        "tooltip": [
            {"field": series, "type": "nominal", "title": SERIES_TITLES.get(series, "Område")},
            {"field": x, "type": "temporal", "title": "Periode", "format": "%Y" if time_format == "%Y" else "%B %Y"},
            {"field": y, "type": "quantitative", "title": y_title, "format": fmt},
            *_source_tooltip(frame),
        ],
        "strokeWidth": width,
    }
    data = drawn_columns(frame, x, y, series, "source")
    if target is None:
        return layer(dict_chart(None, {"type": "line", "point": False}, encoding), data=data, height=360)
    line = dict_chart(data, {"type": "line", "point": False}, encoding)
    return layer(line, target_rule(target, target_label), height=360)


FAR_FROM_ZERO = 0.25  # an axis whose lowest value is above this share of its highest starts far from 0


def axis_title(values: pd.Series, title: str) -> str | list[str]:
    """A value axis's title, saying so when the axis does not start at zero (its lowest value
    far above it), so a small change does not read as a large one. The remark is a second line:
    on one line with a long title it ran past the chart's height and was cut."""
    low, high = values.min(), values.max()
    if pd.isna(low) or low <= 0 or high <= 0 or low < FAR_FROM_ZERO * high:
        return title
    return [title, "(aksen starter ikke ved 0)"]


def _source_tooltip(frame: pd.DataFrame) -> list[dict]:
    """Each point says where it comes from (a documented figure names its document)."""
    return [{"field": "source", "type": "nominal", "title": "Kilde"}] if "source" in frame.columns else []


def _js(value: object) -> str:
    """A value as Vega expression literal (as Altair writes it)."""
    return repr(value) if isinstance(value, str) else str(value)


def target_rule(value: float, label: str | None) -> Chart:
    rule_frame = pd.DataFrame({"target": [value], "label": [label or "Mål"]})
    rule = dict_chart(
        None,
        {"type": "rule", "color": TARGET_COLOR, "strokeDash": [6, 4], "strokeWidth": 2},
        {"y": {"field": "target", "type": "quantitative"}},
    )
    text = dict_chart(
        None,
        {"type": "text", "align": "left", "dx": 4, "dy": -8, "color": TARGET_COLOR, "fontSize": 14},
        {
            "y": {"field": "target", "type": "quantitative"},
            "x": {"value": 0},
            "text": {"field": "label", "type": "nominal"},
        },
    )
    return layer(rule, text, data=rule_frame)


def grouped_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    category_title: str,
    value: str,
    value_title: str,
    series: str,
    home_series: str | None = None,
    fmt: str = ",.1f",
    sort: list[str] | None = None,
) -> Chart:
    """Horizontal bars per category, one bar per series (the home series in red)."""
    names = frame[series].unique().tolist()
    encoding = {
        "y": {"field": category, "type": "nominal", "title": category_title, "sort": sort},
        "yOffset": {"field": series, "type": "nominal", "sort": names},
        "x": {"field": value, "type": "quantitative", "title": value_title, "axis": {"format": fmt, "tickCount": 5}},
        "color": _color(series, names, home_series),
        "tooltip": [
            {"field": series, "type": "nominal", "title": "Område"},
            {"field": category, "type": "nominal", "title": category_title},
            {"field": value, "type": "quantitative", "title": value_title, "format": fmt},
            *_source_tooltip(frame),
        ],
    }
    labels = encoding | {"text": {"field": value, "type": "quantitative", "format": fmt}}
    return layer(
        dict_chart(None, {"type": "bar"}, encoding),
        dict_chart(None, {"type": "text", "align": "left", "dx": 4, "fontSize": 14}, labels),
        data=drawn_columns(frame, category, series, value, "source"),
        height={"step": 22},
    )
