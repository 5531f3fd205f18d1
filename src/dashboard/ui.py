"""Building blocks every page is made of: the filter bar, KPI cards and `section(...)`.

A section is one chart with everything the design asks of it: a title that says the
finding, the chart in the Danish theme, a source line with data-as-of, a demo marker
when any drawn value is demo, a note when small counts were hidden, and a CSV download
of exactly the rows drawn.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import threading
from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import danish
from dashboard.danish import month_start
from dashboard import access, filters, links, meeting
from dashboard.content import Kpi, PageContent, Section, recorder
from dashboard.data import Ask, FileIdentity, ask, database_identity, fetch, fetch_all
from dashboard.export import csv_bytes, filter_slug
from dashboard.filters import Choice, FilterState, read_state, widget
from dashboard.charts import Chart
from dashboard.frames import contains, records, rows_where, values_where
from dashboard.markup import plain
from dashboard.nav import route_through_app
from dashboard.settings import get_settings
from dashboard.theme import vega_spec

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
FILTER_HELP = {
    "sammenlign": "«Klyngen (antaget)» er kommuner med rammevilkår som hjemkommunens: omegnskommunerne. "
    "Dokumenterne nævner ikke medlemmerne, så de er en antagelse."
}
# A selectbox cannot wrap its value, so each filter is as wide as its longest option needs (see
# `text_px`) plus its padding and arrow; the filters fill each row and wrap where the screen is narrow.
NARROW_LETTERS = frozenset("iljtfrI.,:;'!|()-/ ")
WIDE_LETTERS = frozenset("mwMWæÆ")
SELECTBOX_PADDING_PX = 58
HELP_ICON_PX = 24
MIN_FILTER_PX = 120
# Fixed CSS (no user text in it). The filters grow to fill their row. On a wide screen the filter
# bar looks as it always did: the expander that folds it on a phone shows neither its label nor
# its frame (`on_phone` decides whether it starts folded; a narrow desktop window can fold it).
# The expander unfolds at once: Streamlit animates an expander's height for 0,5 s with its content
# clipped (`overflow: hidden` on <details>), and a tap on a filter in that time did not open its list
# (the browser scrolled the clipped box to show the filter, which jumped back when the clip went).
# An author `!important` rule outranks both the animation and the inline style.
FILTER_CSS = """<style>
.st-key-filterraekke > div { flex: 1 1 auto; }
.st-key-filtre details { height: auto !important; overflow: visible !important; }
</style>"""
WIDE_SCREEN_FILTER_CSS = """<style>
@media (min-width: 641px) {
  .st-key-filtre details[open] > summary { display: none; }
  .st-key-filtre details[open] { border: none; background: none; }
  .st-key-filtre details[open] > [data-testid="stExpanderDetails"] { padding: 0; border: none; }
}
</style>"""
# Section tables are static (st.table): small text tables need no grid, and the browser
# need not load Streamlit's data-grid code before a shared link's first chart
# (docs/performance.md). Longer ones (the 98 municipalities) scroll inside a box of this height.
TABLE_ROWS = 15
TABLE_HEIGHT = 560
DEMO_MARKER = "DEMODATA – genererede tal, ikke rigtige"
# This script run's page (one thread per run): its filters, for CSV downloads, and the
# sections drawn, for the line under the page.
_PAGE = threading.local()


def home_geo() -> str:
    return get_settings().home_geo


def home_area() -> dict[str, str]:
    return records(fetch("home_area", home_geo=home_geo()))[0]


def shared_choices() -> dict[str, Choice]:
    """Every shared filter with its options from the database (the default of «fra» aside,
    which follows the URL: see `standard_choices`)."""
    return _all_choices(database_identity(), home_geo())


def standard_choices(keys: Sequence[str], months: Sequence[str] | None = None) -> list[Choice]:
    """The shared filters, their options read from the database; `months` (a page's own data
    months) narrows «Fra» and «Til og med» to them."""
    choices = shared_choices()
    if months:
        labels = {m: danish.month_label(month_start(m)) for m in months}
        choices = choices | {
            k: dataclasses.replace(
                choices[k], options=tuple(months), labels=labels, default=months[-1] if k == "til" else months[0]
            )
            for k in ("fra", "til")
        }
    months = choices["til"].options
    # The default start is three years before the chosen end, so `?til=2020-09` alone
    # shows October 2017 to September 2020.
    asked_end = st.query_params.get("til")
    end_index = months.index(asked_end) if asked_end in months else len(months) - 1
    fra = dataclasses.replace(choices["fra"], default=months[max(0, end_index + 1 - DEFAULT_SPAN_MONTHS)])
    return [fra if k == "fra" else choices[k] for k in keys]


def shared_questions(home: str | None = None) -> list[Ask]:
    """What the filter bar asks the database, and the home area every page wants next. A
    page with a question of its own that needs no filter value asks it together with these
    (`fetch_all(ask(…), *ui.shared_questions())`), so they run at the same time."""
    home = home or home_geo()
    return [
        ask("dimension_labels"),
        ask("available_months", home_geo=home),
        ask("comparison_areas", home_geo=home),
        ask("home_area", home_geo=home),
    ]


@st.cache_resource(ttl=get_settings().cache_ttl_seconds, max_entries=8, show_spinner=False)
def _all_choices(identity: FileIdentity, home: str) -> dict[str, Choice]:
    """Every shared filter, worked out once per database file and home area (Choices are frozen)."""
    del identity  # part of the cache key only
    labels, months_frame, areas, _ = fetch_all(*shared_questions(home))
    months = months_frame["month"].tolist()
    month_labels = {m: danish.month_label(date(int(m[:4]), int(m[5:]), 1)) for m in months}
    last = months[-1]
    out = {  # the default of "fra" depends on the URL: see standard_choices
        "fra": Choice("fra", FILTER_LABELS["fra"], tuple(months), month_labels, months[0]),
        "til": Choice("til", FILTER_LABELS["til"], tuple(months), month_labels, last),
        "sammenlign": Choice(
            "sammenlign",
            FILTER_LABELS["sammenlign"],
            tuple(areas["slug"].tolist()),
            dict(zip(areas["slug"].tolist(), areas["name_da"].tolist(), strict=True)),
            "hele-landet",
        ),
    }
    by_dimension: dict[str, list[dict]] = {}
    for row in records(labels):
        by_dimension.setdefault(row["dimension"], []).append(row)
    for dim in ("gruppe", "alder", "koen", "herkomst"):
        rows = by_dimension.get(dim, [])
        out[dim] = Choice(
            dim, FILTER_LABELS[dim], tuple(r["code"] for r in rows), {r["code"]: r["name_da"] for r in rows}, "alle"
        )
    return out


def filter_bar(
    keys: Sequence[str], known: Sequence[str] = (), extra: Sequence[Choice] = (), months: Sequence[str] | None = None
) -> FilterState:
    """Read the URL, show any notices, draw the filters in one row; return the state.

    `extra` are a page's own filters (e.g. the benchmark period), drawn after the shared ones;
    `months` the months a page has data for (a period outside them is moved inside, with a notice).
    """
    if months:
        clamp_period(months)
    choices = [*standard_choices(keys, months), *extra]
    view_notice = meeting.drop_unknown_view()
    state = read_state(choices, known)
    _PAGE.filters = (choices, state)
    if (rec := recorder()) is not None:
        rec.values.update(state.values)
        return state
    for notice in state.notices + ([view_notice] if view_notice else []):
        st.info(notice, icon=":material/info:")
    if meeting.is_active():
        meeting.show_filter_line(choices, state)
        return state
    links.copy_link_control()
    phone = on_phone()
    st.html(FILTER_CSS if phone else FILTER_CSS + WIDE_SCREEN_FILTER_CSS)
    summary = plain(filter_summary(choices, state))
    with (
        st.expander(summary, expanded=not phone, key="filtre", icon=":material/filter_alt:"),
        st.container(horizontal=True, key="filterraekke"),
    ):
        for choice in choices:
            widget(choice, width=filter_width(choice), help=FILTER_HELP.get(choice.key))
    return state


def in_report() -> bool:
    """The page runs for the quarterly report (`content.recording`), not on a screen."""
    return recorder() is not None


def on_phone() -> bool:
    """A phone, as its browser says (`Sec-CH-UA-Mobile: ?1`, or «Mobi» in its user agent, as MDN
    advises): the server never sees the screen's width, so this is what decides to fold the filters.
    The quarterly report is never a phone."""
    if in_report():
        return False
    headers = st.context.headers
    return headers.get("Sec-CH-UA-Mobile") == "?1" or "Mobi" in (headers.get("User-Agent") or "")


def filter_summary(choices: Sequence[Choice], state: FilterState) -> str:
    """The folded filter bar's label: «Filtre: oktober 2017–september 2020 · Dagpenge · sammenlignet med Hele landet»."""
    keys = [c.key for c in choices]
    return "Filtre: " + " · ".join(
        shown_values(choices, state.values, keys) + [c.label_of(state[c.key]) for c in choices if c.key in VIEW_KEYS]
    )


def text_px(text: str) -> float:
    """About how wide `text` is in a selectbox (Source Sans at 14,9 px, measured in Chromium)."""
    return sum(
        4.2 if ch in NARROW_LETTERS else 11.5 if ch in WIDE_LETTERS else 8.6 if ch.isupper() else 7.6 for ch in text
    )


def filter_width(choice: Choice) -> int:
    """A selectbox wide enough for its longest option (its value cannot wrap) and its label."""
    longest = max([text_px(choice.label_of(o)) for o in choice.options] + [text_px(choice.label) + HELP_ICON_PX])
    return max(MIN_FILTER_PX, math.ceil(longest * 1.08) + SELECTBOX_PADDING_PX)


def csv_filters() -> tuple[str, str]:
    """The running page's filters (set by filter_bar) as a line of text and as a file-name
    part: a CSV download names them in its first lines and its file name."""
    choices, state = getattr(_PAGE, "filters", None) or ((), None)
    if state is None:
        return "", ""
    return meeting.filter_line(choices, state), filter_slug(state.values, {c.key: c.default for c in choices})


OUTSIDE_MONTHS = (
    "Linkets {keys} ligger uden for sidens måneder: siden har tal fra {first} til {last}; "
    "perioden er flyttet ind i de måneder, der har tal."
)


def clamp_period(months: Sequence[str]) -> None:
    """A «fra»/«til» in the URL outside the page's months (e.g. carried from another page)
    moved to the nearest month with data; the notice is shown by the filter bar."""
    asked = {k: v for k in ("fra", "til") if (v := st.query_params.get(k)) and filters.MONTH.match(v)}
    moved = [k for k, v in asked.items() if v not in months]
    if asked.get("til", months[-1]) < months[0] or asked.get("fra", months[0]) > months[-1]:
        for key in asked:  # the whole period outside: every month with data
            del st.query_params[key]
    else:
        for key, value in asked.items():
            if value not in months:
                st.query_params[key] = months[0] if value < months[0] else months[-1]
    if moved:
        first, last = (danish.month_label(month_start(m)) for m in (months[0], months[-1]))
        keys = " og ".join(f"«{key}»" for key in moved)
        st.session_state[filters.PERIOD_NOTICE] = OUTSIDE_MONTHS.format(keys=keys, first=first, last=last)


# Filters that choose which charts a page shows, not what a chart shows (a chart's note leaves them out).
VIEW_KEYS = ("emne",)


def shown_values(choices: Sequence[Choice], values: Mapping[str, str], follows: Sequence[str]) -> list[str]:
    """The values of the followed filters, as read: the period, the breakdowns chosen (or «alle
    borgere»), a page's own filters, the comparison area."""
    by_key = {c.key: c for c in choices if c.key not in VIEW_KEYS}
    shown = []
    if "fra" in follows and "til" in follows and "fra" in by_key:
        shown.append(f"{by_key['fra'].label_of(values['fra'])}–{by_key['til'].label_of(values['til'])}")
    elif "til" in follows and "til" in by_key:
        shown.append(by_key["til"].label_of(values["til"]))
    breakdowns = [k for k in meeting.BREAKDOWNS if k in follows and k in by_key]
    chosen = [by_key[k].label_of(values[k]) for k in breakdowns if values[k] != by_key[k].default]
    shown += chosen or (["alle borgere"] if breakdowns else [])
    own = [k for k in by_key if k in follows and k not in ("fra", "til", "sammenlign", *meeting.BREAKDOWNS)]
    shown += [by_key[k].label_of(values[k]) for k in own]
    if "sammenlign" in follows and "sammenlign" in by_key:
        shown.append(f"sammenlignet med {by_key['sammenlign'].label_of(values['sammenlign'])}")
    return shown


def follows_text(choices: Sequence[Choice], values: Mapping[str, str], follows: Sequence[str]) -> str:
    """Which of the page's filters (`choices`) a chart follows, with the values it shows, and
    which it does not: «Viser: januar 2020–december 2022 · Kvinder · sammenlignet med Hele landet.
    Følger ikke: målgruppe, alder.» Breakdowns left at «alle» read as «alle borgere»."""
    shown = shown_values(choices, values, follows)
    ignored = [
        c.label.lower()
        for c in choices
        if c.key not in VIEW_KEYS and c.key not in follows and not (c.key == "fra" and "til" in follows)
    ]
    text = f"Viser: {' · '.join(shown)}." if shown else ""
    return " ".join(filter(None, [text, f"Følger ikke: {', '.join(ignored)}." if ignored else ""]))


def filter_note(follows: Sequence[str], shown: Mapping[str, str] | None = None) -> str | None:
    """`follows_text` for the running page's filters (set by `filter_bar`); `shown` the value a
    chart shows where it is not the chosen one (a page that has a figure for some groups only)."""
    choices, state = getattr(_PAGE, "filters", None) or ((), None)
    if state is None:
        return None
    return follows_text(choices, {**state.values, **(shown or {})}, follows)


def geo_code_of(slug: str) -> str:
    return rows_where(fetch("comparison_areas", home_geo=home_geo()), "slug", slug, ["geo_code"])[0]["geo_code"]


def kpi_row(kpis: Sequence[Kpi], *, demo: bool = False) -> None:
    """A row of big numbers; `demo` puts the demo marker above them."""
    if (rec := recorder()) is not None:
        rec.kpis.extend(kpis)
        rec.kpis_demo = rec.kpis_demo or demo
        return
    if demo:
        demo_badge()
    if not kpis:  # e.g. every card hidden for small numbers
        return
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        delta, color, arrow = delta_style(kpi)
        column.metric(
            plain(kpi.label),
            kpi.value,
            delta,
            delta_color=color,
            delta_arrow=arrow,
            help=plain(kpi.help) if kpi.help else None,
            border=True,
        )


ZERO_CHANGE = re.compile(r"^[+−-]?0(?:,0+)?(?![\d.,])")


def delta_style(kpi: Kpi) -> tuple[str | None, str, str]:
    """The card's delta text (one minus sign, U+2212), colour and arrow. Streamlit reads a
    delta as negative only from an ASCII "-", so the direction is set here; a change of zero
    gets neither arrow nor colour."""
    if not kpi.delta:
        return kpi.delta, kpi.delta_color, kpi.delta_arrow
    text = kpi.delta.strip()
    text = f"−{text[1:]}" if text.startswith("-") else text
    if ZERO_CHANGE.match(text):
        return text, "off", "off"
    negative = text.startswith("−")
    color = kpi.delta_color
    if color in ("normal", "inverse"):
        color = ("red" if color == "normal" else "green") if negative else ("green" if color == "normal" else "red")
    arrow = kpi.delta_arrow if kpi.delta_arrow != "auto" else "down" if negative else "up"
    return text, color, arrow


def source_line(frame: pd.DataFrame, period_column: str | None = None) -> str:
    """`Kilde: …, data til og med …` from the rows drawn (their sources and newest period)."""
    sources = sorted(s for s in frame["source"].unique() if isinstance(s, str)) if "source" in frame.columns else []
    text = "Kilde: " + ("; ".join(sources) if sources else "–")
    newest = frame[period_column].max() if period_column and period_column in frame.columns else None
    if newest is not None and not pd.isna(newest):
        text += f", data til og med {danish.month_label(pd.Timestamp(newest).date())}"
    if "preliminary" in frame.columns and frame["preliminary"].fillna(False).any():
        text += ". Seneste måned er foreløbige tal"
    return text + "."


def start_page() -> None:
    """Forget the previous run's sections and filters (this thread runs a new page)."""
    _PAGE.sections, _PAGE.filters = [], None


def page_status() -> None:
    """Under the page: how fresh its official figures are and how many sections show demo data."""
    from dashboard.views.official import page_status as status_text

    text = status_text(getattr(_PAGE, "sections", []), fetch("official_sources"))
    if text:
        st.caption(text)


def is_demo(frame: pd.DataFrame) -> bool:
    return "quality" in frame.columns and contains(frame["quality"], "demo")


def demo_badge() -> None:
    st.markdown(f":orange-badge[:material/science: {DEMO_MARKER}]")


def section(
    title: str,
    chart: Chart | None,
    frame: pd.DataFrame,
    *,
    key: str,
    period_column: str | None = "month",
    note: str | None = None,
    export_columns: Sequence[str] | None = None,
    table: pd.DataFrame | None = None,
    highlight: Sequence[int] = (),
    follows: Sequence[str] | None = None,
    shown: Mapping[str, str] | None = None,
) -> None:
    """One chart with its finding, source, demo marker, privacy note and CSV download.

    `table` is an optional small text table of the key numbers (already formatted in
    Danish), readable without the chart; the rows at the positions in `highlight` are
    emphasised. `follows` names the page's filters the chart's question uses (see
    `filter_note`), said under its title; `shown` a value it shows instead of the chosen one.
    """
    filters = None if follows is None else filter_note(follows, shown)
    draw(
        Section(title, chart, frame, key, period_column, note, export_columns, table, tuple(highlight), filters=filters)
    )


def privacy_note(frame: pd.DataFrame) -> str | None:
    if "suppressed" in frame.columns and frame["suppressed"].fillna(False).any():
        return f"Tal bygget på under {danish.hidden_limit()} personer er skjult (vises som «{danish.hidden()}»)."
    return None


SHARED_COLUMNS = ("Periode", "Kilde")


def beside_chart(table: pd.DataFrame) -> pd.DataFrame:
    """The table under a chart in the meeting view: a period or source that is the same on
    every row is left out (the source line under the chart says it)."""
    same = [c for c in SHARED_COLUMNS if c in table.columns and len(table) > 1 and table[c].nunique(dropna=False) == 1]
    return table.drop(columns=same) if same else table


def as_text(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell safe from Markdown (st.table renders cells as Markdown)."""
    text = [c for c in table.columns if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]
    return (
        table.assign(**{c: [plain(v) if isinstance(v, str) else v for v in table[c]] for c in text}) if text else table
    )


def without_demo_sources(table: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """The table without its «Kilde» column when every row names the demo data: the section's
    demo marker and source line say it once, instead of once per row. A column naming documents
    stays (each figure's citation)."""
    if "Kilde" not in table.columns or not is_demo(frame) or "source" not in frame.columns:
        return table
    demo_sources = values_where(frame, "source", "quality", "demo")
    return table.drop(columns="Kilde") if set(table["Kilde"].dropna()) <= demo_sources else table


HIGHLIGHT_STYLE = "background-color: #fde8eb; font-weight: 700;"


def highlight_css(key: str, positions: Sequence[int]) -> str:
    """CSS that emphasises rows of the table in section `key` (0-based positions).

    A style rule rather than a pandas Styler, which Streamlit renders cell by cell in Python.
    """
    selectors = ", ".join(
        f'.st-key-afsnit-{key} [data-testid="stTable"] tbody tr:nth-child({p + 1}) td' for p in positions
    )
    return f"<style>{selectors} {{ {HIGHLIGHT_STYLE} }}</style>"


def first_frame(chart: object) -> pd.DataFrame | None:
    """The chart's main data: the first frame in it (reference lines come after their chart's data)."""
    if isinstance(chart, pd.DataFrame):
        return chart
    parts = chart.values() if isinstance(chart, dict) else chart if isinstance(chart, list) else ()
    return next((f for f in map(first_frame, parts) if f is not None), None)


def nothing_drawn(chart: Chart, frame: pd.DataFrame) -> str | None:
    """Why a chart over rows that exist draws nothing (every figure hidden, or none to draw),
    said in a sentence instead of an empty axis; None when it draws something."""
    drawn = first_frame(chart)
    if drawn is None or not drawn.empty:
        return None
    if "suppressed" in frame.columns and frame["suppressed"].fillna(False).any():
        return (
            f"Intet at tegne: alle tal i figuren bygger på under {danish.hidden_limit()} personer og er skjult "
            "af hensyn til borgernes anonymitet."
        )
    return "Intet at tegne: der er ingen tal for det valgte udsnit."


def draw(item: Section) -> None:
    """Draw one section; in the meeting view larger, one screen high, the table below the chart."""
    if (rec := recorder()) is not None:
        rec.sections.append(item)
        return
    large = meeting.is_active()
    frame = item.frame
    if hasattr(_PAGE, "sections"):
        from dashboard.views.official import shown_section

        _PAGE.sections.append(shown_section(frame))
    with st.container(key=f"afsnit-{item.key}"):
        st.subheader(plain(item.title))
        if item.filters:
            st.caption(f":material/filter_alt: {plain(item.filters)}")
        if is_demo(frame):
            demo_badge()
        table = item.table
        if frame.empty:
            st.info("Ingen data for det valgte udsnit.", icon=":material/filter_alt_off:")
        elif item.chart is not None and (empty := nothing_drawn(item.chart, frame)):
            st.info(empty, icon=":material/visibility_off:")
        elif item.chart is not None:
            text = access.chart_description(item.title, has_table=table is not None and not table.empty)
            spec = access.described(vega_spec(item.chart, large=large), text)
            if large and meeting.stretches(spec):  # the chart fills its box, sized in CSS to the screen
                with st.container(key=f"moede-graf-{item.key}"):
                    st.vega_lite_chart(
                        meeting.screen_spec(spec), width="stretch", height="stretch", key=f"chart-{item.key}"
                    )
            else:
                st.vega_lite_chart(
                    meeting.screen_spec(spec) if large else spec, width="stretch", key=f"chart-{item.key}"
                )
        if table is not None and not table.empty:
            shown = as_text(beside_chart(table) if large else without_demo_sources(table, frame))
            st.table(shown, hide_index=True, height=TABLE_HEIGHT if len(table) > TABLE_ROWS else "content")
            if item.highlight:
                st.html(highlight_css(item.key, item.highlight))
        line = source_line(frame, item.period_column)
        st.caption(plain(line))
        for extra in (privacy_note(frame), item.note):
            if extra:
                st.caption(plain(extra))
        if not frame.empty and not large:
            drawn = frame[list(item.export_columns)] if item.export_columns else frame
            filter_text, slug = csv_filters()
            st.download_button(
                "Hent data (CSV)",
                functools.partial(csv_bytes, drawn, title=item.title, source_line=line, filters=filter_text),
                file_name=f"noegletal-{item.key}{'-' + slug if slug else ''}.csv",
                mime="text/csv",
                key=f"csv-{item.key}",
                on_click="ignore",  # no rerun: a second click during it would lose the first file
                icon=":material/download:",
            )


def show(content: PageContent) -> None:
    """A page's KPI cards, notes and sections, in order."""
    if content.kpis:
        kpi_row(content.kpis, demo=content.kpis_demo)
    if (rec := recorder()) is not None:
        rec.notes.extend(content.notes)
    else:
        for note in content.notes:
            st.caption(plain(note))
    for item in content.sections:
        draw(item)


def page_title(title: str, lead: str | None = None) -> None:
    if (rec := recorder()) is not None:
        rec.title, rec.lead = title, lead
        return
    route_through_app()  # never a page without app.py's navigation and sign-in gate
    st.title(title)
    if lead:
        st.markdown(lead)
