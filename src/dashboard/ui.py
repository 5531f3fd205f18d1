"""Building blocks every page is made of: the filter bar, KPI cards and `section(...)`.

A section is one chart with everything the design asks of it: a title that says the
finding, the chart in the Danish theme, a source line with data-as-of, a demo marker
when any drawn value is demo, a note when small counts were hidden, and a CSV download
of exactly the rows drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard import format as fmt
from dashboard.data import fetch
from dashboard.export import csv_bytes
from dashboard.filters import Choice, FilterState, read_state, widget
from dashboard.settings import get_settings
from dashboard.theme import themed

FILTER_LABELS = {
    "fra": "Fra",
    "til": "Til og med",
    "gruppe": "Målgruppe",
    "alder": "Alder",
    "koen": "Køn",
    "herkomst": "Herkomst",
    "sammenlign": "Sammenlign med",
}
DEFAULT_SPAN_MONTHS = 36
FILTERS_PER_ROW = 4
DEMO_MARKER = "DEMODATA – genererede tal, ikke rigtige"


def home_geo() -> str:
    return get_settings().home_geo


def home_area() -> dict[str, str]:
    return fetch("home_area", home_geo=home_geo()).iloc[0].to_dict()


def standard_choices(keys: Sequence[str]) -> list[Choice]:
    """The shared filters, their options read from the database."""
    labels = fetch("dimension_labels")
    months = fetch("available_months", home_geo=home_geo())["month"].tolist()
    areas = fetch("comparison_areas", home_geo=home_geo())
    month_labels = {m: fmt.month_label(date(int(m[:4]), int(m[5:]), 1)) for m in months}
    last = months[-1]
    # The default start is three years before the chosen end, so `?til=2020-09` alone
    # shows October 2017 to September 2020.
    asked_end = st.query_params.get("til")
    end_index = months.index(asked_end) if asked_end in months else len(months) - 1
    first = months[max(0, end_index + 1 - DEFAULT_SPAN_MONTHS)]
    out = {
        "fra": Choice("fra", FILTER_LABELS["fra"], tuple(months), month_labels, first),
        "til": Choice("til", FILTER_LABELS["til"], tuple(months), month_labels, last),
        "sammenlign": Choice(
            "sammenlign", FILTER_LABELS["sammenlign"], tuple(areas["slug"]),
            dict(zip(areas["slug"], areas["name_da"], strict=True)), "hele-landet",
        ),
    }
    for dim in ("gruppe", "alder", "koen", "herkomst"):
        rows = labels[labels["dimension"] == dim]
        out[dim] = Choice(dim, FILTER_LABELS[dim], tuple(rows["code"]), dict(zip(rows["code"], rows["name_da"], strict=True)), "alle")
    return [out[k] for k in keys]


def filter_bar(keys: Sequence[str], known: Sequence[str] = (), extra: Sequence[Choice] = ()) -> FilterState:
    """Read the URL, show any notices, draw the filters in one row; return the state.

    `extra` are a page's own filters (e.g. the benchmark period), drawn after the shared ones.
    """
    choices = [*standard_choices(keys), *extra]
    state = read_state(choices, known)
    for notice in state.notices:
        st.info(notice, icon=":material/info:")
    for row_start in range(0, len(choices), FILTERS_PER_ROW):
        row = choices[row_start : row_start + FILTERS_PER_ROW]
        for column, choice in zip(st.columns(FILTERS_PER_ROW), row, strict=False):
            widget(choice, container=column)
    return state


def month_start(slug: str) -> date:
    return date(int(slug[:4]), int(slug[5:7]), 1)


def geo_code_of(slug: str) -> str:
    areas = fetch("comparison_areas", home_geo=home_geo())
    return areas.loc[areas["slug"] == slug, "geo_code"].iloc[0]


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"
    help: str | None = None


def kpi_row(kpis: Sequence[Kpi], *, demo: bool = False) -> None:
    """A row of big numbers; `demo` puts the demo marker above them."""
    if demo:
        demo_badge()
    if not kpis:  # e.g. every card hidden for small numbers
        return
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        # Streamlit reads a delta as negative only from an ASCII "-"; ours start with "−".
        negative = bool(kpi.delta) and kpi.delta.lstrip().startswith(("−", "-"))
        color = kpi.delta_color
        if negative and color in ("normal", "inverse"):
            color = "red" if color == "normal" else "green"
        column.metric(kpi.label, kpi.value, kpi.delta, delta_color=color, delta_arrow="down" if negative else "auto",
                      help=kpi.help, border=True)


def source_line(frame: pd.DataFrame, period_column: str | None = None) -> str:
    """`Kilde: …, data til og med …` from the rows drawn (their sources and newest period)."""
    sources = sorted(set(frame["source"].dropna())) if "source" in frame.columns else []
    text = "Kilde: " + ("; ".join(sources) if sources else "–")
    if period_column and period_column in frame.columns and frame[period_column].notna().any():
        newest = pd.Timestamp(frame[period_column].max()).date()
        text += f", data til og med {fmt.month_label(newest)}"
    if "preliminary" in frame.columns and frame["preliminary"].fillna(False).any():
        text += ". Seneste måned er foreløbige tal"
    return text + "."


def is_demo(frame: pd.DataFrame) -> bool:
    return "quality" in frame.columns and bool((frame["quality"] == "demo").any())


def demo_badge() -> None:
    st.markdown(f":orange-badge[:material/science: {DEMO_MARKER}]")


def section(
    title: str,
    chart: alt.TopLevelMixin | None,
    frame: pd.DataFrame,
    *,
    key: str,
    period_column: str | None = "month",
    note: str | None = None,
    export_columns: Sequence[str] | None = None,
    table: pd.DataFrame | Styler | None = None,
) -> None:
    """One chart with its finding, source, demo marker, privacy note and CSV download.

    `table` is an optional small text table of the key numbers (already formatted in
    Danish), readable without the chart.
    """
    with st.container(border=False):
        st.subheader(title)
        if is_demo(frame):
            demo_badge()
        if chart is not None and not frame.empty:
            st.altair_chart(themed(chart), width="stretch", key=f"chart-{key}")
        elif frame.empty:
            st.info("Ingen data for det valgte udsnit.", icon=":material/filter_alt_off:")
        rows = table.data if isinstance(table, Styler) else table  # a Styler may highlight rows
        if rows is not None and not rows.empty:
            st.dataframe(table, hide_index=True, key=f"table-{key}")
        line = source_line(frame, period_column)
        st.caption(line)
        if "suppressed" in frame.columns and frame["suppressed"].fillna(False).any():
            limit = get_settings().min_persons
            st.caption(f"Tal bygget på under {limit} personer er skjult (vises som «<{limit}»).")
        if note:
            st.caption(note)
        if not frame.empty:
            drawn = frame[list(export_columns)] if export_columns else frame
            st.download_button(
                "Hent data (CSV)",
                csv_bytes(drawn, title=title, source_line=line),
                file_name=f"noegletal-{key}.csv",
                mime="text/csv",
                key=f"csv-{key}",
                icon=":material/download:",
            )


def _route_through_app() -> None:
    """Make sure app.py (navigation, sidebar, page config) wraps this page.

    Because a `pages/` folder sits beside app.py, Streamlit starts each server process in
    its old multipage mode and, for the first session that lands on a page URL such as
    `/overblik`, runs the page file alone. app.py's st.navigation switches the process
    over for good; until it has run once, flip the switch ourselves and rerun.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_title(title: str, lead: str | None = None) -> None:
    _route_through_app()  # never a page without app.py's navigation and sign-in gate
    st.title(title)
    if lead:
        st.markdown(lead)
