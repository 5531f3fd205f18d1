"""The quarterly "Nøgletal på beskæftigelsesområdet" as a PDF and HTML document.

`python -m dashboard report --period 2020-09 --out noegletal.pdf [--html noegletal.html]`
and the download in the app's sidebar build the same document: every page of the
dashboard in the order of the quarterly document (`nav.existing_views()`), for the
chosen month, each with its default filters and the three years up to that month.

Each page's content is taken from the page itself: its file is run with Streamlit's
elements inert (no script-run context: nothing is drawn, widgets give their defaults)
inside `content.recording()`, so what the page hands to `ui.page_title`, `ui.kpi_row` and
`ui.section` — KPI cards, finding titles, charts, drawn rows, tables, notes — is
collected, not drawn. A new page is in the report the day it exists, with no extra code.
A report is a report of its month: every page is opened with `til` = that month, and a
page shows only what was known by its end (series cut at the month; the benchmark period
that had ended by then and the press items published by then; COVID-19 figures of
periods that had ended by then; targets only of plans published by then, with one line
naming the later ones, `views.focus.reported_targets`).

Charts are rendered statically by vl-convert (Vega-Lite in an embedded engine, no
browser) with the same Danish theme and locale as the app. The HTML is self-contained
(charts inlined as SVG images); the PDF is that HTML laid out by WeasyPrint, so the two
never drift apart. On paper a view starts on a page of its own unless it fits in what the
view before leaves (`laid_out`), its half-width sections run in two columns, and its charts
are sized for A4 (`print_spec`): a summary page and about one to two pages per view.
"""

from __future__ import annotations

import argparse
import base64
import errno
import hashlib
import html
import itertools
import logging
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.cli import command
from dashboard.content import Recorded, Section, Values
from dashboard.findings import status_label
from dashboard.markup import plain

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import pandas as pd
    import weasyprint

    from dashboard.charts import Chart
    from dashboard.nav import View

CHART_WIDTH = 820  # px across the page (182 mm): the theme's 14 px type prints at about 8 pt
TITLE = "Nøgletal på beskæftigelsesområdet"
SUBTITLE = "Ballerup Kommune · Erhvervs- og Beskæftigelsesudvalget"
SPAN_MONTHS = 36
LOG = logging.getLogger("dashboard")
# Without a script-run context, st.query_params and st.session_state are one shared
# stand-in per process: one report at a time.
_PAGE_RUN = threading.Lock()


class ReportError(ValueError):
    """A report that cannot be made as asked (message in Danish, for the user)."""


@dataclass
class ReportPage:
    view: View
    lead: str | None
    values: dict[str, str]
    content: Recorded
    error: str | None = None
    absent: str | None = None  # why the page shows nothing for the month (`not_yet`)


@dataclass
class Report:
    period: str
    pages: list[ReportPage]
    built_at: str = ""
    data_as_of: str = ""

    @property
    def month(self) -> date:
        from dashboard.danish import month_start

        return month_start(self.period)


def link_params(period: str) -> dict[str, str]:
    """The URL parameters every page is opened with: the period ending in `period`."""
    from dashboard import ui

    months = list(ui.standard_choices(["til"])[0].options)
    if period not in months:
        raise ReportError(
            f"Måneden {period!r} findes ikke i databasen; vælg en måned fra {months[0]} til {months[-1]} (ÅÅÅÅ-MM)."
        )
    return {"fra": months[max(0, months.index(period) - (SPAN_MONTHS - 1))], "til": period}


def record_page(view: View, params: dict[str, str]) -> Recorded:
    """Run the page file as if opened with `params`; return what it drew."""
    import streamlit as st

    from dashboard.content import recording
    from dashboard.settings import PROJECT_ROOT

    with _PAGE_RUN:
        st.query_params.from_dict(params)
        try:
            with recording() as recorded:
                runpy.run_path(str(PROJECT_ROOT / view.file), run_name="__main__")
        finally:
            st.query_params.clear()
    return recorded


def build(period: str) -> Report:
    """Every page there is, for the month `period` (YYYY-MM)."""
    from dashboard.data import fetch
    from dashboard.nav import existing_views

    _quiet_streamlit()
    params = link_params(period)
    pages = []
    for view in existing_views():
        try:
            recorded = record_page(view, params)
            if absent := not_yet(recorded.values, period):
                recorded = Recorded(title=recorded.title, values=recorded.values)
            pages.append(ReportPage(view, recorded.lead, recorded.values, recorded, absent=absent))
        except Exception as exc:  # one failing page must not take the whole document
            LOG.exception("Rapporten kunne ikke danne siden %s", view.path)
            pages.append(ReportPage(view, None, {}, Recorded(), error=type(exc).__name__))
    fresh = fetch("data_freshness").iloc[0]
    return Report(period, pages, str(fresh["built_at"] or ""), str(fresh["data_as_of"] or ""))


def not_yet(values: Values, period: str) -> str | None:
    """Why a page has nothing for the month `period`, when its own period ends later (its
    first figures are from after the month, so it shows its whole span instead); else None."""
    from dashboard import danish

    til, fra = values.get("til"), values.get("fra")
    if not til or til <= period:
        return None
    begins = f"; dens tal begynder {danish.month_label(danish.month_start(fra))}" if fra else ""
    return f"Siden har ingen tal til og med {danish.month_label(danish.month_start(period))}{begins}."


# --- rendering ---------------------------------------------------------------------------

# A section takes one of two columns (chart drawn this size) unless its table is wide or
# its chart is not a plain or layered one; then it spans the page at CHART_WIDTH.
HALF_WIDTH = 400
HALF_HEIGHT = 110
WIDE_HEIGHT = 240
WIDE_COLUMNS = 5
# Longer tables show their first rows (and the home municipality with its neighbours); the
# full table is in the app and its CSV. A half-width section must fit on one page; a
# table that marks the home municipality is a ranking, cut short whatever its width.
TABLE_ROWS = 10
WIDE_TABLE_ROWS = 20
KPI_COLUMNS = 4  # cards in a row; more go on a second row
DEMO_TAG = ' <span class="demo-tag">demodata</span>'


def is_single_view(chart: Chart) -> bool:
    """A plain or layered chart, which takes the width it is given (facets and concatenations
    lay themselves out)."""
    return "mark" in chart or "layer" in chart


def chart_svg(chart: Chart, width: int = CHART_WIDTH, height: int | None = None) -> str:
    """The chart as SVG, in the app's theme and Danish locale (`print_spec`)."""
    import vl_convert as vlc

    from dashboard.theme import DANISH_LOCALE, VEGA_LITE_VERSION

    return vlc.vegalite_to_svg(
        print_spec(chart, width, height),
        vl_version=VEGA_LITE_VERSION.rsplit(".", 1)[0],
        format_locale=DANISH_LOCALE["number"],
        time_format_locale=DANISH_LOCALE["time"],
    )


# On paper a chart is wider than high: the y axis's title goes above the plot, read
# across, instead of along an axis that is shorter than it.
PRINT_AXIS_Y = {"titleAngle": 0, "titleAlign": "left", "titleBaseline": "bottom", "titleX": -30, "titleY": -8}
TITLE_LINE = 17  # px between the lines of a title in two (14 px type)
LABEL_EM = 0.52  # a label's length per character, in font sizes (Liberation Sans, mixed case)
FACET_HEIGHT = 80
PRINT_STEP = 16  # px per bar at most: a ranking of 29 stays within a column, its names readable


def print_spec(chart: Chart, width: int = CHART_WIDTH, height: int | None = None) -> dict:
    """The chart's spec for paper. A plain or layered chart is `width` wide and, when its
    height is fixed, `height` high — or as high as its longest label drawn along a rule
    needs; with one step per bar, at most PRINT_STEP a bar. A facet's panels are
    FACET_HEIGHT high. Every y axis's title is read across, above the plot (`wrap_y_titles`)."""
    from dashboard.theme import inline_spec

    sizable = is_single_view(chart)
    spec = inline_spec(chart, width=width if sizable else None)
    config = spec.setdefault("config", {})
    config["axisY"] = config.get("axisY", {}) | PRINT_AXIS_Y
    view = spec if sizable else spec.get("spec") if "facet" in spec else None
    if view is None:
        return spec
    if sizable and height is not None and isinstance(spec.get("height"), int | float):
        spec["height"] = max(height, along_rules_height(spec))
    elif sizable and isinstance(spec.get("height"), dict) and spec["height"].get("step", 0) > PRINT_STEP:
        spec["height"] = {"step": PRINT_STEP}
    elif not sizable and isinstance(view.get("height"), int | float):
        view["height"] = min(view["height"], FACET_HEIGHT)
    if isinstance(view.get("width"), int | float):
        wrap_y_titles(view, view["width"], config.get("axis", {}).get("titleFontSize", 11))
    return spec


def wrap_y_titles(part: dict, width: float, font_size: float) -> None:
    """A y title wider than the plot, read across, goes on two lines, the last parenthesis
    («(aksen starter ikke ved 0)») on the second."""
    y = part.get("encoding", {}).get("y")
    title = y.get("title") if isinstance(y, dict) else None
    if (
        isinstance(title, str)
        and " (" in title
        and len(title) * font_size * LABEL_EM > width
        and y.get("axis", {}) is not None
    ):
        first, last = title.rsplit(" (", 1)
        y["title"] = [first, f"({last}"]
        y["axis"] = y.get("axis", {}) | {"titleY": PRINT_AXIS_Y["titleY"] - TITLE_LINE}
    for layer in part.get("layer", []):
        wrap_y_titles(layer, width, font_size)


def along_rules_height(spec: dict) -> int:
    """The plot height that the longest label written along a vertical rule (text at 90° or
    270°, from the top of the plot) needs to stay inside the plot; 0 without such labels."""
    datasets = spec.get("datasets", {})

    def need(part: dict, rows: list) -> int:
        rows = datasets.get(part.get("data", {}).get("name"), rows)
        mark = part.get("mark")
        field = part.get("encoding", {}).get("text", {}).get("field")
        own = 0
        if isinstance(mark, dict) and mark.get("type") == "text" and mark.get("angle") in (90, 270) and field:
            longest = max((len(str(row.get(field, ""))) for row in rows), default=0)
            own = round(longest * mark.get("fontSize", 11) * LABEL_EM + abs(mark.get("dx", 0))) if longest else 0
        return max([own, *(need(layer, rows) for layer in part.get("layer", []))])

    return need(spec, [])


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _kpis_html(page: ReportPage, demo_marker: str) -> str:
    """The KPI cards, KPI_COLUMNS to a row (a table: WeasyPrint's grid and wrapping flex
    boxes break across pages badly)."""
    cards = []
    for kpi in page.content.kpis:
        delta = f'<div class="delta">{_e(kpi.delta)}</div>' if kpi.delta else ""
        note = f'<div class="help">{_e(kpi.help)}</div>' if kpi.help else ""
        cards.append(
            f'<td class="kpi"><div class="label">{_e(kpi.label)}</div>'
            f'<div class="value">{_e(kpi.value)}</div>{delta}{note}</td>'
        )
    if not cards:
        return ""
    marker = f'<p class="demo">{_e(demo_marker)}</p>' if page.content.kpis_demo else ""
    columns = min(len(cards), KPI_COLUMNS)
    rows = "".join(f"<tr>{''.join(cards[i : i + columns])}</tr>" for i in range(0, len(cards), columns))
    return f'{marker}<table class="kpis">{rows}</table>'


def _targets_html(page: ReportPage, demo_marker: str) -> str:
    """The page's targets: quoted with their origin, status as a word and a symbol, the
    latest value and what measures it."""
    from dashboard.views.focus import latest_text

    if not page.content.targets:
        return ""
    parts = ["<h3>Mål og status</h3>"]
    for line in page.content.targets:
        status = str(line.get("status", ""))
        latest = latest_text({k: _e(v) for k, v in line.items()}, ("<strong>", "</strong>"))
        demo = f' <span class="demo">{_e(demo_marker)}</span>' if line.get("demo") else ""
        parts.append(
            f'<div class="target"><p class="quote">»{_e(line.get("quote", ""))}« '
            f'<span class="origin">— {_e(line.get("origin", ""))}</span></p>'
            f'<p><span class="status status-{_e(status.replace(" ", "-"))}">{_e(status_label(status))}</span> '
            f"Mål: <strong>{_e(line.get('target', ''))}</strong> · {latest} · "
            f"måles på: {_e(line.get('measure', ''))}.{demo}</p></div>"
        )
    return f'<section class="targets">{"".join(parts)}</section>'


def shown_rows(length: int, highlight: Sequence[int], limit: int) -> list[int]:
    """Positions of the rows a table shows: all when at most `limit`, else the first
    `limit` and each highlighted row with its neighbours."""
    if length <= limit:
        return list(range(length))
    keep = set(range(limit))
    for position in highlight:
        keep.update(p for p in (position - 1, position, position + 1) if 0 <= p < length)
    return sorted(keep)


def _table_html(table: pd.DataFrame, highlight: Sequence[int], limit: int, place: str = "dashboardet") -> str:
    """The section's table, cut to `shown_rows` with «…» where rows are left out, the
    highlighted rows emphasised, and a note saying where the whole table is (`place`: the
    page of the dashboard and its link)."""
    import pandas as pd

    rows = shown_rows(len(table), highlight, limit)
    head = "".join(f"<th>{_e(c)}</th>" for c in table.columns)
    body, previous = [], -1
    for position in rows:
        if position != previous + 1:
            body.append(f'<tr class="gap"><td colspan="{len(table.columns)}">…</td></tr>')
        cells = "".join(f"<td>{'–' if pd.isna(v) else _e(v)}</td>" for v in table.iloc[position])
        body.append(f'<tr class="home">{cells}</tr>' if position in highlight else f"<tr>{cells}</tr>")
        previous = position
    out = f'<table class="numbers"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    if len(rows) < len(table):
        out += (
            f'<p class="note">Tabellen viser {len(rows)} af {len(table)} rækker. Hele tabellen findes i '
            f"{_e(place)} og i sidens CSV-fil («Hent data (CSV)»).</p>"
        )
    return out


def _is_wide(item: Section, table: pd.DataFrame | None) -> bool:
    wide_table = table is not None and len(table.columns) >= WIDE_COLUMNS
    own_layout = item.chart is not None and not is_single_view(item.chart)
    return wide_table or own_layout


def _section_html(item: Section, demo_marker: str, place: str) -> tuple[str, bool]:
    """The section as HTML, and whether it spans the page. A chart higher than wide (a
    ranking of 98) with a table stands beside its table."""
    from dashboard.ui import beside_chart, is_demo, nothing_drawn, privacy_note, source_line

    table = beside_chart(item.table) if item.table is not None and not item.table.empty else None
    wide = _is_wide(item, table)
    head = [f"<h3>{_e(item.title)}</h3>"]
    if is_demo(item.frame):
        head.append(f'<p class="demo">{_e(demo_marker)}</p>')
    drawing, tall = "", False
    if item.frame.empty:
        drawing = '<p class="empty">Ingen data for det valgte udsnit.</p>'
    elif item.chart is not None and (empty := nothing_drawn(item.chart, item.frame)):
        drawing = f'<p class="empty">{_e(empty)}</p>'
    elif item.chart is not None:
        svg = chart_svg(item.chart, height=WIDE_HEIGHT) if wide else chart_svg(item.chart, HALF_WIDTH, HALF_HEIGHT)
        width, height = svg_size(svg)
        tall = wide and table is not None and height > width
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        drawing = f'<img class="chart" alt="{_e(item.title)}" src="data:image/svg+xml;base64,{data}">'
    limit = WIDE_TABLE_ROWS if wide and not item.highlight else TABLE_ROWS
    rest = [_table_html(table, item.highlight, limit, place)] if table is not None else []
    rest.append(f'<p class="source">{_e(source_line(item.frame, item.period_column))}</p>')
    rest.extend(f'<p class="note">{_e(extra)}</p>' for extra in (privacy_note(item.frame), item.note) if extra)
    if tall:
        pair = f'<table class="pair"><tr><td class="drawing">{drawing}</td><td>{"".join(rest)}</td></tr></table>'
        body = f'<div class="figure">{"".join(head)}{pair}</div>'
        return f'<section class="chart-section wide">{body}</section>', wide
    figure = f'<div class="figure">{"".join(head)}{drawing}</div>'
    kind = "wide" if wide else "half"
    return f'<section class="chart-section {kind}">{figure}{"".join(rest)}</section>', wide


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height an SVG document states on its root element (0 when it does not)."""
    import re

    root = re.search(r"<svg\b[^>]*>", svg)
    sizes = {k: float(v) for k, v in re.findall(r'\b(width|height)="([\d.]+)"', root.group(0) if root else "")}
    return sizes.get("width", 0.0), sizes.get("height", 0.0)


def _sections_html(sections: Sequence[Section], demo_marker: str, place: str) -> list[str]:
    """The sections in order, each run of half-width ones set in two columns (a short
    section fills the space under a short one beside a tall one), and a half-width section
    alone between two wide ones set beside the half-width ones after the second
    (`beside_each_other`)."""
    drawn = [_section_html(item, demo_marker, place) for item in sections]
    return [
        f'<div class="columns">{"".join(block)}</div>' if isinstance(block, list) else block
        for block in beside_each_other(drawn)
    ]


def beside_each_other(sections: Sequence[tuple[str, bool]]) -> list[str | list[str]]:
    """(content, wide) in order as blocks: a wide one alone, half-width ones in runs (a
    list). A run of one half-width section followed by one wide section and another run
    joins that run: one column would stand empty beside it."""
    blocks: list[str | list[str]] = []
    for content, wide in sections:
        if wide:
            blocks.append(content)
        elif blocks and isinstance(blocks[-1], list):
            blocks[-1].append(content)
        else:
            blocks.append([content])
    position = 0
    while position < len(blocks) - 2:
        lone, _, run = blocks[position : position + 3]
        if isinstance(lone, list) and len(lone) == 1 and isinstance(run, list):
            run.insert(0, lone[0])
            del blocks[position]
        position += 1
    return blocks


def _sources(report: Report) -> list[str]:
    names: set[str] = set()
    for page in report.pages:
        for item in page.content.sections:
            if "source" in item.frame.columns:
                for value in item.frame["source"].dropna():
                    names.update(s.strip() for s in str(value).split(";") if s.strip())
    return sorted(names)


def _any_demo(report: Report) -> bool:
    from dashboard.ui import is_demo

    return any(
        page.content.kpis_demo or any(is_demo(item.frame) for item in page.content.sections) for page in report.pages
    )


def _filter_summary(values: Values) -> str:
    from dashboard import meeting, ui
    from dashboard.filters import FilterState

    choices = ui.standard_choices([k for k in values if k in ui.FILTER_LABELS])
    return meeting.filter_line(choices, FilterState(dict(values))) if choices else ""


def findings_of(page: ReportPage) -> list[tuple[str, bool]]:
    """The page's findings for the summary: the titles of its drawn charts (each title
    states what the chart shows, with the figure), and whether it rests on demo data."""
    from dashboard.ui import is_demo

    return [
        (item.title, is_demo(item.frame))
        for item in page.content.sections
        if item.chart is not None and not item.frame.empty
    ]


def _summary_html(report: Report) -> str:
    """«Hovedbudskaber»: per page its findings, with the page number it starts on."""
    parts = ['<section class="summary"><h2>Hovedbudskaber</h2>']
    for page in report.pages:
        title = page.content.title or page.view.title
        parts.append(f'<h3><a class="ref" href="#{_e(page.view.path)}">{_e(title)}</a></h3>')
        items = [f"<li>{_e(text)}{DEMO_TAG if demo else ''}</li>" for text, demo in findings_of(page)]
        if page.error:
            items = ["<li>Siden kunne ikke dannes til rapporten; se den i dashboardet.</li>"]
        if page.absent:
            items = [f"<li>{_e(page.absent)}</li>"]
        parts.append(f"<ul>{''.join(items)}</ul>" if items else "")
    parts.append("</section>")
    return "".join(parts)


CSS = """
@page { size: A4; margin: 14mm 14mm 18mm 14mm;
        @bottom-left { content: "Nøgletal på beskæftigelsesområdet · PERIOD"; font: 8pt "Liberation Sans", sans-serif;
                       color: #555; }
        @bottom-right { content: "Side " counter(page) " af " counter(pages); font: 8pt "Liberation Sans", sans-serif;
                        color: #555; } }
body { font-family: "Source Sans Pro", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a;
       font-size: 9.5pt; line-height: 1.3; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2pt 0; color: #a50e26; }
h2 { font-size: 15pt; margin: 0 0 3pt 0; border-bottom: 2px solid #c8102e; padding-bottom: 2pt; }
h3 { font-size: 10.5pt; margin: 8pt 0 3pt 0; break-after: avoid; }
* { box-sizing: border-box; }
.page { break-before: page; orphans: 1; widows: 1; }
.page.follows { break-before: auto; margin-top: 14pt; }
h2, .lead { break-after: avoid; }
.cover p { margin: 1pt 0; }
.cover .meta { color: #444; font-size: 8.5pt; }
.lead { color: #333; margin: 2pt 0 4pt 0; }
.lead .filters { color: #555; font-size: 8.5pt; }
.kpis { width: 100%; table-layout: fixed; border-collapse: separate; border-spacing: 4pt 3pt; margin: 0 0 2pt 0; }
.kpi { vertical-align: top; border: 1px solid #d0d5dd; border-radius: 3pt; padding: 3pt 6pt; }
.kpi .label { font-size: 8pt; color: #444; }
.kpi .value { font-size: 15pt; font-weight: bold; }
.kpi .delta { font-size: 8.5pt; }
.kpi .help { font-size: 7pt; color: #555; margin-top: 2pt; }
.chart-section { margin: 0 0 6pt 0; }
.columns { columns: 2; column-gap: 6mm; }
.chart-section.half { break-inside: avoid; }
.chart-section.wide .figure { break-inside: avoid; }
table.pair { width: 100%; border-collapse: collapse; }
table.pair > tbody > tr > td { vertical-align: top; padding: 0; }
table.pair td.drawing { width: 40%; padding-right: 5mm; }
.chart-section h3 { font-size: 9.5pt; margin: 6pt 0 2pt 0; }
img.chart { display: block; width: 100%; height: auto; max-height: 62mm; object-fit: contain;
            object-position: left top; margin: 2pt 0; }
.chart-section.wide img.chart { width: auto; max-width: 100%; max-height: 110mm; }
table.numbers { border-collapse: collapse; font-size: 7pt; line-height: 1.2; margin: 2pt 0; width: 100%;
                table-layout: auto; }
table.numbers th, table.numbers td { border-bottom: 1px solid #ddd; padding: 0.5pt 3pt; text-align: left;
                                     overflow-wrap: break-word; hyphens: auto; vertical-align: top;
                                     hyphenate-limit-chars: 10 4 4; }
table.numbers thead { display: table-header-group; }
table.numbers tr { break-inside: avoid; }
table.numbers tr.home td { background: #fde8eb; font-weight: bold; }
table.numbers tr.gap td { color: #555; text-align: center; padding: 0; }
.source, .note { font-size: 7.5pt; color: #444; margin: 1pt 0; overflow-wrap: break-word; }
.demo { display: inline-block; background: #fff1e0; color: #7a4200; border: 1px solid #f0b060; border-radius: 3pt;
        padding: 0 4pt; font-size: 7.5pt; margin: 0 0 2pt 0; }
.demo-tag { font-size: 7pt; color: #7a4200; background: #fff1e0; padding: 0 3pt; border-radius: 2pt; }
.notice { background: #fff1e0; border-left: 4px solid #f08c00; padding: 4pt 8pt; margin: 6pt 0; font-size: 8.5pt; }
.summary h2 { margin-top: 8pt; }
.summary h3 { font-size: 9.5pt; margin: 4pt 0 0 0; }
.summary a.ref { color: inherit; text-decoration: none; }
.summary a.ref::after { content: " · side " target-counter(attr(href), page); font-weight: normal; color: #555; }
.summary ul { margin: 0; padding-left: 12pt; }
.summary li { margin: 0; font-size: 8.5pt; line-height: 1.25; }
.sources { margin-top: 10pt; break-inside: avoid; }
.sources h2 { font-size: 12pt; }
.sources ul { font-size: 7.5pt; padding-left: 12pt; columns: 2; column-gap: 8mm; margin: 0; }
.targets h3 { margin-top: 4pt; }
.target { display: inline-block; vertical-align: top; width: 48%; margin: 2pt 1% 2pt 0;
          border-left: 3px solid #d0d5dd; padding: 1pt 0 1pt 5pt; }
.target p { margin: 0; font-size: 8pt; }
.target .quote { font-style: italic; color: #333; }
.target .origin { font-style: normal; color: #555; }
.status { font-weight: bold; padding: 0 3pt; border-radius: 2pt; background: #eee; }
.status-nået { background: #e3f4e5; color: #1b5e20; }
.status-på-vej { background: #fff1e0; color: #7a4200; }
.status-ikke-nået { background: #fde7e9; color: #a4001d; }
"""


def _cover_html(report: Report, month: str, demo_marker: str) -> str:
    parts = [
        '<div class="cover">',
        f"<h1>{_e(TITLE)}</h1>",
        f"<p><strong>{_e(SUBTITLE)}</strong> · {_e(month)}</p>",
        (
            f"<p>Hver side viser de seneste {SPAN_MONTHS} måneder frem til og med {_e(month)} med sidens "
            "standardfiltre. Tallene i overskrifterne er sidernes egne konklusioner.</p>"
        ),
        (
            f'<p class="meta">Dannet {_e(datetime.now().strftime("%d.%m.%Y %H:%M"))} fra dashboardets database '
            f"(bygget {_e(report.built_at[:10])}, data til og med {_e(report.data_as_of)}).</p>"
        ),
    ]
    if _any_demo(report):
        parts.append(
            '<p class="notice"><strong>Demodata.</strong> Tal markeret «'
            + _e(demo_marker)
            + "» eller «demodata» er genererede og ikke rigtige; kun tal med en kilde som et referat eller en plan "
            "er dokumenterede.</p>"
        )
    parts.append("</div>")
    return "".join(parts)


def page_link(page: ReportPage) -> str:
    """The page's address in the dashboard with the filter values the report shows it with."""
    from urllib.parse import urlencode

    return f"/{page.view.path}" + (f"?{urlencode(page.values)}" if page.values else "")


def _page_html(page: ReportPage, demo_marker: str) -> str:
    title = page.content.title or page.view.title
    parts = [f'<div class="page" id="{_e(page.view.path)}"><h2>{_e(title)}</h2>']
    if page.error:
        parts.append('<p class="notice">Siden kunne ikke dannes til rapporten; se den i dashboardet.</p></div>')
        return "".join(parts)
    if page.absent:
        return "".join([*parts, f'<p class="notice">{_e(page.absent)}</p></div>'])
    summary = _filter_summary(page.values)
    lead = _e(page.lead or "") + (f' <span class="filters">({_e(summary)})</span>' if summary else "")
    if lead:
        parts.append(f'<p class="lead">{lead}</p>')
    parts.append(_kpis_html(page, demo_marker))
    parts.append(_targets_html(page, demo_marker))
    parts.extend(f'<p class="note">{_e(note)}</p>' for note in page.content.notes)
    place = f"dashboardet på siden «{title}» ({page_link(page)})"
    parts.extend(_sections_html(page.content.sections, demo_marker, place))
    parts.append("</div>")
    return "".join(parts)


def to_html(report: Report) -> str:
    """The whole document as one self-contained HTML page: a first page of the main
    findings, then each page of the dashboard, then the sources."""
    from dashboard import danish
    from dashboard.ui import DEMO_MARKER

    month = danish.month_label(report.month)
    body = [_cover_html(report, month, DEMO_MARKER), _summary_html(report)]
    body.extend(_page_html(page, DEMO_MARKER) for page in report.pages)
    body.append('<section class="sources"><h2>Kilder</h2><ul>')
    body.extend(f"<li>{_e(name)}</li>" for name in _sources(report))
    body.append("</ul></section>")
    css = CSS.replace("PERIOD", _e(month))
    return (
        '<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
        f"<title>{_e(TITLE)} – {_e(month)}</title><style>{css}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def to_pdf(document: str) -> bytes:
    """Lay the HTML out as an A4 PDF (`laid_out`)."""
    return laid_out(document)[1].write_pdf()


# A view starts on a page of its own, except where the rest of its own last page fits in
# what the view before it leaves on its last page, and either that page is filled less
# than FOLLOW_BELOW (the new view starts in its upper half) or the new view fits there
# whole: then it follows on that page, one page less.
FOLLOW_BELOW = 0.5
FITS_IN = 0.95  # of a page, the two part-filled pages together (blocks do not break)


def laid_out(document: str) -> tuple[str, weasyprint.Document]:
    """The document laid out by WeasyPrint (needs the system's Pango library) as A4 pages,
    and the document as laid out, in which the views that follow on the page before
    (`views_to_follow`) are marked `follows`. Each round of marks is kept only if it makes
    the document shorter."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # the shared library is missing
        raise ReportError(
            "PDF kræver systembiblioteket Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0); "
            "brug --html i stedet."
        ) from exc
    layout = HTML(string=document).render()
    while follow := views_to_follow(layout):
        marked = document
        for view in follow:
            marked = marked.replace(f'<div class="page" id="{view}">', f'<div class="page follows" id="{view}">', 1)
        tried = HTML(string=marked).render()
        if len(tried.pages) >= len(layout.pages):
            break
        document, layout = marked, tried
    return document, layout


def views_to_follow(layout: weasyprint.Document) -> list[str]:
    """The views (ids) to set on the last page of the view before them (see FOLLOW_BELOW);
    not a view after one that moves in the same round (where that one ends is not known yet)."""
    ends: dict[str, tuple[float, bool, int]] = {}  # view -> filled share of its last page, follows, pages
    for page in layout.pages:
        box = page._page_box  # WeasyPrint's laid-out boxes, read only
        for fragment in _view_fragments(box):
            view = fragment.element.get("id")
            filled = (fragment.position_y + fragment.height - box.margin_top) / box.height
            pages = ends[view][2] + 1 if view in ends else 1
            ends[view] = (filled, "follows" in fragment.element.get("class", ""), pages)
    follow: list[str] = []
    views = list(ends)
    for before, view in itertools.pairwise(views):
        (filled, _, _), (own, follows, pages) = ends[before], ends[view]
        fits = filled + own <= FITS_IN and (filled < FOLLOW_BELOW or pages == 1)
        if before not in follow and not follows and fits:
            follow.append(view)
    return follow


def _view_fragments(box: object) -> Iterator[object]:
    """The parts of the views' `.page` blocks laid out on one page."""
    element = getattr(box, "element", None)
    if element is not None and "page" in (element.get("class") or "").split() and element.tag == "div":
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _view_fragments(child)


# Streamlit's warnings that a call runs without a script-run context or a runtime: true,
# and intended, while a page is recorded or the report runs from the command line.
NOISY = (
    "missing ScriptRunContext",
    "No runtime found",
    "Session state does not function",
    "to view this Streamlit app",
)
NOISY_LOGGERS = (
    "streamlit",
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.state.session_state_proxy",
    "streamlit.runtime.caching.cache_data_api",
)


def _not_noisy(record: logging.LogRecord) -> bool:
    return not any(text in str(record.msg) for text in NOISY)


def _quiet_streamlit() -> None:
    """A filter, not a level: Streamlit resets its loggers' levels when it reads its config."""
    from streamlit.logger import get_logger

    for name in NOISY_LOGGERS:
        logger = get_logger("root" if name == "streamlit" else name)
        if _not_noisy not in logger.filters:
            logger.addFilter(_not_noisy)


def report_bytes(period: str, kind: str = "pdf") -> bytes:
    document = to_html(build(period))
    return to_pdf(document) if kind == "pdf" else document.encode("utf-8")


# --- command line and the app's download -------------------------------------------------


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", required=True, metavar="ÅÅÅÅ-MM", help="the month the report ends with, e.g. 2020-09"
    )
    parser.add_argument("--out", help="PDF file to write, e.g. noegletal.pdf")
    parser.add_argument("--html", help="HTML file to write as well (self-contained)")


def writable_target(path: Path) -> None:
    """Refuse, before a report is built, a file that cannot be written where asked."""
    if path.is_dir():
        raise ReportError(f"{path} er en mappe; angiv et filnavn, fx {path / 'noegletal.pdf'}.")
    if not path.parent.is_dir():
        raise ReportError(f"Mappen {path.parent} findes ikke; opret den først, eller skriv filen et andet sted.")


def write_file(path: Path, data: bytes) -> None:
    """Write the file; an operating-system error becomes one Danish line (ReportError)."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        reason = {
            errno.ENOSPC: "der er ikke plads på disken",
            errno.EACCES: "ingen adgang til at skrive der",
            errno.EROFS: "filsystemet er skrivebeskyttet",
            errno.EISDIR: "det er en mappe",
            errno.ENOENT: "mappen findes ikke",
        }.get(exc.errno, exc.strerror or type(exc).__name__)
        raise ReportError(f"Kunne ikke skrive {path}: {reason}.") from None


@command(
    "report", "write the quarterly 'Nøgletal på beskæftigelsesområdet' for one month as PDF and/or HTML", _arguments
)
def run_report(args: argparse.Namespace) -> int:
    from dashboard.db import DatabaseMissing

    if not args.out and not args.html:
        print("Angiv mindst én af --out FIL.pdf og --html FIL.html.", file=sys.stderr)
        return 2
    _quiet_streamlit()
    try:
        for target in (args.html, args.out):
            if target:
                writable_target(Path(target))
        report = build(args.period)
        document, layout = laid_out(to_html(report)) if args.out else (to_html(report), None)
        if args.html:
            write_file(Path(args.html), document.encode("utf-8"))
            print(f"Skrev {args.html}")
        if args.out:
            write_file(Path(args.out), layout.write_pdf())
            print(f"Skrev {args.out}")
    except (ReportError, DatabaseMissing) as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2
    print("Sider i rapporten: " + ", ".join(p.view.title for p in report.pages))
    failed = [p.view.title for p in report.pages if p.error]
    if failed:
        print("Fejl: disse sider kunne ikke dannes og mangler i rapporten: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


def period_for_download() -> str:
    """The month the user is looking at (`til` in the URL when valid), else the newest."""
    import streamlit as st

    from dashboard import ui

    til = ui.standard_choices(["til"])[0]
    value = st.query_params.get("til")
    return value if value in til.options else til.default


# --- the app's download: built once per month and database, in a process of its own --

REPORT_BUILDS = 1  # reports built at the same time; a build takes most of a core for ~30-90 s
REPORT_TIMEOUT_SECONDS = 900
KEEP_REPORTS = 24  # months × databases kept on disk (two files each)
POLL_SECONDS = 2.0


def report_dir() -> Path:
    from dashboard.settings import get_settings

    return get_settings().report_dir or Path(tempfile.gettempdir()) / "noegletal-rapporter"


def report_key(identity: tuple, period: str) -> str:
    """The month and the database file (path, inode, modification time): a new import is a new key."""
    return f"{hashlib.sha256(repr(tuple(identity)).encode()).hexdigest()[:16]}-{period}"


def report_files(key: str) -> tuple[Path, Path]:
    folder = report_dir()
    return folder / f"noegletal-{key}.pdf", folder / f"noegletal-{key}.html"


def is_built(key: str) -> bool:
    return all(f.exists() for f in report_files(key))


def build_in_process(key: str, period: str, identity: tuple) -> None:
    """Build the PDF and the HTML with `python -m dashboard report` in a process of its own, at
    low priority: the server's memory stays where it was, and its pages keep the CPU first.
    Raises ReportError (one Danish line) if it fails or the database was swapped meanwhile."""
    pdf, html = report_files(key)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    parts = pdf.with_suffix(".pdf.part"), html.with_suffix(".html.part")
    nice = [found, "-n", "10"] if (found := shutil.which("nice")) else []
    command = [
        *nice,
        sys.executable,
        "-m",
        "dashboard",
        "report",
        "--period",
        period,
        "--out",
        str(parts[0]),
        "--html",
        str(parts[1]),
    ]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=REPORT_TIMEOUT_SECONDS,
            env={**os.environ, "DASHBOARD_DB_PATH": str(identity[0])},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ReportError(f"Rapporten tog over {REPORT_TIMEOUT_SECONDS // 60} minutter og blev stoppet.") from None
    stat = os.stat(identity[0])
    if (stat.st_ino, stat.st_mtime_ns) != tuple(identity[1:]):
        raise ReportError("Databasen blev skiftet ud, mens rapporten blev lavet; prøv igen.")
    if not all(p.exists() for p in parts):
        lines = done.stderr.strip().splitlines()
        raise ReportError(lines[-1].removeprefix("Fejl: ") if lines else "Rapporten kunne ikke laves.")
    for part, final in zip(parts, (pdf, html), strict=True):
        os.replace(part, final)
    _prune(pdf.parent)


def _prune(folder: Path) -> None:
    """Keep the newest KEEP_REPORTS reports (the disk stays bounded; memory holds none)."""
    built = sorted(folder.glob("noegletal-*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in built[KEEP_REPORTS:]:
        for path in (old, old.with_suffix(".html")):
            path.unlink(missing_ok=True)


@dataclass
class ReportJob:
    period: str
    started: bool = False
    error: str | None = None


class ReportQueue:
    """Report builds, `builds` at a time, in the order asked; the same key asked twice is built once."""

    def __init__(self, builds: int, build=build_in_process) -> None:
        self._pool = ThreadPoolExecutor(max_workers=builds, thread_name_prefix="noegletal-rapport")
        self._build = build
        self._lock = threading.Lock()
        self._jobs: dict[str, ReportJob] = {}
        self._waiting: list[str] = []

    def request(self, key: str, period: str, identity: tuple) -> None:
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.error is None:
                return
            self._jobs[key] = ReportJob(period)
            self._waiting.append(key)
        self._pool.submit(self._run, key, identity)

    def _run(self, key: str, identity: tuple) -> None:
        with self._lock:
            self._waiting.remove(key)
            job = self._jobs[key]
            job.started = True
        try:
            self._build(key, job.period, identity)
        except ReportError as exc:
            job.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - told to the user as one line, logged in full
            LOG.exception("Rapporten %s kunne ikke laves", key)
            job.error = f"Rapporten kunne ikke laves ({type(exc).__name__})."
        finally:
            with self._lock:
                if job.error is None:
                    self._jobs.pop(key, None)  # built: the files on disk say so from now on

    def status(self, key: str) -> tuple[int | None, str | None]:
        """(place, error): place 0 while being built, n while n-th in the queue, None if not asked."""
        with self._lock:
            job = self._jobs.get(key)
            if job is None:
                return None, None
            if job.error is not None:
                return None, job.error
            return (0 if job.started else self._waiting.index(key) + 1), None


REPORTS = ReportQueue(REPORT_BUILDS)


def download_control() -> None:
    """Sidebar: the report for the month in view. Built on request, once per month and
    database, in a process of its own (`REPORTS`); while it waits, its place in the queue."""
    import streamlit as st

    from dashboard import danish
    from dashboard.data import database_identity

    period = period_for_download()
    month = danish.month_label(danish.month_start(period))
    identity = database_identity()
    key = report_key(identity, period)
    st.markdown("**Kvartalsrapport**", help=f"{TITLE} for {month}: alle sider med standardfiltre.")
    if is_built(key):
        pdf, html = report_files(key)
        st.download_button(
            f"Rapport for {month} (PDF)",
            data=pdf.read_bytes,
            file_name=f"noegletal-{period}.pdf",
            mime="application/pdf",
            key="rapport-pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
        )
        st.download_button(
            "Samme som HTML",
            data=html.read_bytes,
            file_name=f"noegletal-{period}.html",
            mime="text/html",
            key="rapport-html",
            on_click="ignore",
            icon=":material/html:",
            type="tertiary",
        )
        return
    place, _ = REPORTS.status(key)
    st.fragment(run_every=POLL_SECONDS if place is not None else None)(_report_status)(key, period, month, identity)


def _report_status(key: str, period: str, month: str, identity: tuple) -> None:
    """The button that asks for the report, then its place in the queue until it is built."""
    import streamlit as st

    place, error = REPORTS.status(key)
    if is_built(key) or (place is None and error is None and st.session_state.get("rapport-bestilt") == key):
        st.session_state.pop("rapport-bestilt", None)
        st.rerun()  # the whole page: the download buttons replace this
    if place == 0:
        st.caption(f":material/hourglass_top: Rapporten for {month} laves nu (typisk 1–2 minutter).")
    elif place is not None:
        st.caption(f":material/hourglass_top: Rapporten for {month} er nr. {place} i køen.")
    else:
        if error:
            st.caption(f":material/error: {plain(error)}")
        if st.button(f"Lav rapport for {month}", key="rapport-lav", icon=":material/picture_as_pdf:"):
            REPORTS.request(key, period, identity)
            st.session_state["rapport-bestilt"] = key
            st.rerun()
