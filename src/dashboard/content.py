"""What a page shows, as plain data: KPI cards and sections (title, chart, drawn rows).

Pages hand their KPI cards and sections to `ui.kpi_row` / `ui.section` (or build a whole
`PageContent` in their view module and pass it to `ui.show`). While a `recording()` is
active in the current thread, those calls collect the content instead of drawing it:
that is how the quarterly report (`dashboard.report`) gets exactly what each page shows,
by running the page file. Nothing here imports Streamlit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from dashboard.charts import Chart


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    delta: str | None = None
    delta_color: str = "normal"
    help: str | None = None
    delta_arrow: str = "auto"  # "off" for a delta that is not a change over time


@dataclass(frozen=True)
class Section:
    """One chart with the rows it draws. `table` is an optional small text table of the key
    numbers (already formatted in Danish), readable without the chart; `highlight` are the
    positions of its rows to emphasise (the home municipality among 98)."""

    title: str
    chart: Chart | None  # a Vega-Lite dict (see dashboard.charts)
    frame: pd.DataFrame
    key: str
    period_column: str | None = "month"
    note: str | None = None
    export_columns: Sequence[str] | None = None
    table: pd.DataFrame | None = None
    highlight: tuple[int, ...] = ()
    filters: str | None = None  # which filters the chart follows, with their values (ui.filter_note)


@dataclass
class PageContent:
    kpis: list[Kpi] = field(default_factory=list)
    kpis_demo: bool = False  # any KPI figure is demo data (the marker goes above the cards)
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# The filter values a view is built from: parameter name -> slug (see dashboard.filters).
Values = Mapping[str, str]


@dataclass
class Recorded(PageContent):
    """What one run of a page drew: its title and lead, its filter values, its content."""

    title: str | None = None
    lead: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    # The page's targets with their status, as display texts (see views.focus.target_lines).
    targets: list[dict[str, object]] = field(default_factory=list)


_local = threading.local()


@contextmanager
def recording() -> Iterator[Recorded]:
    """Collect (instead of draw) what the page run in this thread passes to `ui`."""
    previous = getattr(_local, "current", None)
    _local.current = Recorded()
    try:
        yield _local.current
    finally:
        _local.current = previous


def recorder() -> Recorded | None:
    return getattr(_local, "current", None)
