"""Chart builders shared by the pages. Theme and locale are applied in `ui.section`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from dashboard.frames import distinct
from dashboard.theme import HOME_COLOR, PALETTE, TARGET_COLOR, memo_chart

UNIT_FORMAT = {"pct": ",.1f", "personer": ",.0f", "pct_point": "+,.1f"}


# The builders write their Vega-Lite as plain dicts inside Altair objects: the result is
# an ordinary Altair chart (it can be layered, configured and validated), but it costs
# well under a millisecond to make, where building it channel by channel costs ~15 ms a
# chart on this machine. `tests/test_charts_spec.py` holds the specs they must produce.


def dict_chart(frame: pd.DataFrame | None, mark: dict, encoding: dict, **extra: object) -> alt.Chart:
    """An Altair chart whose mark and encoding are plain Vega-Lite dicts (`extra`: e.g. `transform`)."""
    chart = alt.Chart(mark=mark, encoding=alt.FacetedEncoding(**encoding), **extra)
    if frame is not None:
        chart.data = frame
    return chart


def layer(*layers: alt.Chart | alt.LayerChart, data: pd.DataFrame | None = None, **props: object) -> alt.LayerChart:
    """`alt.LayerChart(layer=layers, data=data, **props)` without its deep copies.

    Altair's constructor deep-copies every layer two or three times to merge selection
    parameters and lift shared data (~3 ms a chart, most of a COVID-19 page's chart
    time). Our layers have no parameters and no size of their own, so only the data
    rule is kept: data every layer shares (the same frame) moves up to the chart, and
    layers drawing the chart's own frame drop their copy of it. Anything else goes
    through Altair.
    """
    parent = alt.Undefined if data is None else data
    if any(not isinstance(c, alt.Chart | alt.LayerChart) or c._kwds.get("params", alt.Undefined) is not alt.Undefined
           or any(c._kwds.get(p, alt.Undefined) is not alt.Undefined for p in ("height", "width", "view"))
           for c in layers):
        return alt.LayerChart(layer=list(layers), data=parent, **props)
    subcharts = list(layers)
    datas = [c._kwds.get("data", alt.Undefined) for c in subcharts]
    if parent is alt.Undefined:
        if subcharts and datas[0] is not alt.Undefined and all(d is datas[0] for d in datas):
            parent, subcharts = datas[0], [_without_data(c) for c in subcharts]
    elif all(d is alt.Undefined or d is parent for d in datas):
        subcharts = [_without_data(c) for c in subcharts]
    chart = alt.LayerChart.__new__(alt.LayerChart)
    alt.TopLevelLayerSpec.__init__(chart, data=parent, layer=subcharts, **props)
    return chart


def _without_data(chart: alt.Chart | alt.LayerChart) -> alt.Chart | alt.LayerChart:
    if chart._kwds.get("data", alt.Undefined) is alt.Undefined:
        return chart
    copy = type(chart).__new__(type(chart))
    object.__setattr__(copy, "_args", ())
    object.__setattr__(copy, "_kwds", {**chart._kwds, "data": alt.Undefined})
    return copy


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
    only the rows `where` is True, and without rows missing a value if `drop_missing`.

    What `pd.concat` of one filtered frame per series does, built once from numpy arrays
    (~0,3 ms instead of ~3 ms for a small frame).
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
    """The columns a chart draws, and nothing else: less to convert, send and parse.
    Built from the columns' arrays (no copy, a fresh row index): half the cost of `frame[cols]`."""
    return pd.DataFrame({c: frame[c].array for c in frame.columns if c in columns}, copy=False)


def _series_colors(frame: pd.DataFrame, series: str, home: str | None) -> tuple[list, list[str]]:
    names = distinct(frame[series])
    colors = [HOME_COLOR if n == home else PALETTE[1 + i % (len(PALETTE) - 1)] for i, n in enumerate(names)]
    return names, colors


def _color(series: str, names: list, colors: list[str]) -> dict:
    return {"field": series, "type": "nominal", "title": None, "sort": names, "scale": {"domain": names, "range": colors}}


@memo_chart
def line_over_time(
    frame: pd.DataFrame,
    *,
    y: str,
    y_title: str,
    series: str,
    home: str | None = None,
    fmt: str = ",.1f",
    target: float | None = None,
    target_label: str | None = None,
    x: str = "month",
    time_format: str = "%b %Y",
) -> alt.LayerChart:
    """Lines over time, one per series; the home series drawn thick and red."""
    names, colors = _series_colors(frame, series, home)
    if home:
        test = f"(datum[{_js(series)}] === {_js(home)})"
        width: dict = {"condition": {"test": test, "value": 4}, "value": 2}
    else:
        width = {"value": 2.5}
    encoding = {
        "x": {"field": x, "type": "temporal", "title": None, "axis": {"format": time_format, "labelAngle": 0, "tickCount": 8}},
        "y": {"field": y, "type": "quantitative", "title": y_title, "axis": {"format": fmt}, "scale": {"zero": False}},
        "color": _color(series, names, colors),
        "tooltip": [
            {"field": series, "type": "nominal", "title": "Område"},
            {"field": x, "type": "temporal", "title": "Periode", "format": time_format},
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


def source_tooltip(frame: pd.DataFrame) -> list[alt.Tooltip]:
    """Each point says where it comes from (a documented figure names its document)."""
    return [alt.Tooltip("source:N", title="Kilde")] if "source" in frame.columns else []


def _source_tooltip(frame: pd.DataFrame) -> list[dict]:
    return [{"field": "source", "type": "nominal", "title": "Kilde"}] if "source" in frame.columns else []


def _js(value: object) -> str:
    """A value as Vega expression literal (as Altair writes it)."""
    return repr(value) if isinstance(value, str) else str(value)


def target_rule(value: float, label: str | None) -> alt.LayerChart:
    rule_frame = pd.DataFrame({"target": [value], "label": [label or "Mål"]})
    rule = dict_chart(None, {"type": "rule", "color": TARGET_COLOR, "strokeDash": [6, 4], "strokeWidth": 2},
                  {"y": {"field": "target", "type": "quantitative"}})
    text = dict_chart(None, {"type": "text", "align": "left", "dx": 4, "dy": -8, "color": TARGET_COLOR, "fontSize": 14},
                  {"y": {"field": "target", "type": "quantitative"}, "x": {"value": 0},
                   "text": {"field": "label", "type": "nominal"}})
    return layer(rule, text, data=rule_frame)


@memo_chart
def grouped_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    category_title: str,
    value: str,
    value_title: str,
    series: str,
    home: str | None = None,
    fmt: str = ",.1f",
    sort: list[str] | None = None,
) -> alt.LayerChart:
    """Horizontal bars per category, one bar per series (the home series in red)."""
    names, colors = _series_colors(frame, series, home)
    encoding = {
        "y": {"field": category, "type": "nominal", "title": category_title, "sort": sort},
        "yOffset": {"field": series, "type": "nominal", "sort": names},
        "x": {"field": value, "type": "quantitative", "title": value_title, "axis": {"format": fmt, "tickCount": 5}},
        "color": _color(series, names, colors),
        "tooltip": [
            {"field": series, "type": "nominal", "title": "Område"},
            {"field": category, "type": "nominal", "title": category_title},
            {"field": value, "type": "quantitative", "title": value_title, "format": fmt},
            *_source_tooltip(frame),
        ],
    }
    labels = encoding | {"text": {"field": value, "type": "quantitative", "format": fmt}}
    return layer(
        dict_chart(None, {"type": "bar"}, encoding), dict_chart(None, {"type": "text", "align": "left", "dx": 4, "fontSize": 14}, labels),
        data=drawn_columns(frame, category, series, value, "source"), height={"step": 22},
    )
