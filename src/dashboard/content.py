"""What a page shows, as plain data: KPI cards and sections (title, chart, drawn rows).

A view module (`dashboard.views.<page>`) builds a `PageContent` from the filter values;
the page draws it with `ui.show`, and the quarterly report (`dashboard.report`) renders
the very same content to HTML and PDF. Nothing here imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"
    help: str | None = None


@dataclass(frozen=True)
class Section:
    """One chart with the rows it draws. `table` is an optional small text table of the key
    numbers (already formatted in Danish), readable without the chart."""

    title: str
    chart: alt.TopLevelMixin | None
    frame: pd.DataFrame
    key: str
    period_column: str | None = "month"
    note: str | None = None
    export_columns: Sequence[str] | None = None
    table: pd.DataFrame | None = None


@dataclass
class PageContent:
    kpis: list[Kpi] = field(default_factory=list)
    kpis_demo: bool = False  # any KPI figure is demo data (the marker goes above the cards)
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# The filter values a view is built from: parameter name -> slug (see dashboard.filters).
Values = Mapping[str, str]
