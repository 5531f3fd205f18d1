"""The one chart theme: Danish locale, large type for screen sharing, calm colours."""

from __future__ import annotations

import altair as alt

from dashboard.format import DAYS_DA, DAYS_SHORT_DA, MONTHS_DA, MONTHS_SHORT_DA

HOME_COLOR = "#c8102e"
PALETTE = ["#c8102e", "#1f4e79", "#5b9bd5", "#7f7f7f", "#a5a5a5", "#ed7d31", "#70ad47", "#ffc000", "#264478", "#9e480e"]
TARGET_COLOR = "#2e7d32"

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


def themed(chart: alt.TopLevelMixin, *, large: bool = False) -> alt.TopLevelMixin:
    """Put the Danish locale and our type sizes on the top-level chart (where Streamlit reads them)."""
    size = 17 if large else 14
    return (
        chart.configure(locale=DANISH_LOCALE, font="Source Sans Pro, Arial, sans-serif")
        .configure_axis(labelFontSize=size, titleFontSize=size, grid=True, gridColor="#e6e6e6")
        .configure_legend(labelFontSize=size, titleFontSize=size, orient="bottom", labelLimit=320)
        .configure_title(fontSize=size + 4, anchor="start")
        .configure_view(strokeWidth=0)
        .configure_range(category=PALETTE)
    )
