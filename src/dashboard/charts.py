"""Chart builders shared by the pages. Theme and locale are applied in `ui.section`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.theme import HOME_COLOR, PALETTE, TARGET_COLOR

UNIT_FORMAT = {"pct": ",.1f", "personer": ",.0f", "pct_point": "+,.1f"}


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
    names = list(dict.fromkeys(frame[series]))
    colors = [HOME_COLOR if n == home else PALETTE[1 + i % (len(PALETTE) - 1)] for i, n in enumerate(names)]
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:T", title=None, axis=alt.Axis(format=time_format, labelAngle=0, tickCount=8)),
        y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
        color=alt.Color(f"{series}:N", title=None, sort=names, scale=alt.Scale(domain=names, range=colors)),
        tooltip=[
            alt.Tooltip(f"{series}:N", title="Område"),
            alt.Tooltip(f"{x}:T", title="Periode", format=time_format),
            alt.Tooltip(f"{y}:Q", title=y_title, format=fmt),
            *source_tooltip(frame),
        ],
    )
    width = alt.condition(alt.datum[series] == home, alt.value(4), alt.value(2)) if home else alt.value(2.5)
    layers: list[alt.Chart] = [base.mark_line(point=False).encode(strokeWidth=width)]
    if target is not None:
        layers.append(target_rule(target, target_label))
    return alt.layer(*layers).properties(height=360)


def source_tooltip(frame: pd.DataFrame) -> list[alt.Tooltip]:
    """Each point says where it comes from (a documented figure names its document)."""
    return [alt.Tooltip("source:N", title="Kilde")] if "source" in frame.columns else []


def target_rule(value: float, label: str | None) -> alt.LayerChart:
    rule_frame = pd.DataFrame({"target": [value], "label": [label or "Mål"]})
    rule = alt.Chart(rule_frame).mark_rule(color=TARGET_COLOR, strokeDash=[6, 4], strokeWidth=2).encode(y="target:Q")
    text = alt.Chart(rule_frame).mark_text(align="left", dx=4, dy=-8, color=TARGET_COLOR, fontSize=14).encode(
        y="target:Q", x=alt.value(0), text="label:N"
    )
    return alt.layer(rule, text)


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
) -> alt.Chart:
    """Horizontal bars per category, one bar per series (the home series in red)."""
    names = list(dict.fromkeys(frame[series]))
    colors = [HOME_COLOR if n == home else PALETTE[1 + i % (len(PALETTE) - 1)] for i, n in enumerate(names)]
    bars = alt.Chart(frame).encode(
        y=alt.Y(f"{category}:N", title=category_title, sort=sort),
        yOffset=alt.YOffset(f"{series}:N", sort=names),
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=fmt, tickCount=5)),
        color=alt.Color(f"{series}:N", title=None, sort=names, scale=alt.Scale(domain=names, range=colors)),
        tooltip=[
            alt.Tooltip(f"{series}:N", title="Område"),
            alt.Tooltip(f"{category}:N", title=category_title),
            alt.Tooltip(f"{value}:Q", title=value_title, format=fmt),
            *source_tooltip(frame),
        ],
    )
    labels = bars.mark_text(align="left", dx=4, fontSize=14).encode(text=alt.Text(f"{value}:Q", format=fmt))
    return alt.layer(bars.mark_bar(), labels).properties(height=alt.Step(22))
