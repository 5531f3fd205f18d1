"""The meeting view (`visning=moede`): for a screen shared in a video meeting.

Larger type, no sidebar, the filters as one line of text instead of widgets, one section
per screen, and "forrige / næste" links that step through the pages in the order of the
quarterly document, carrying the filters. The hooks sit in `ui` (title, filter bar,
sections) and `nav` (sidebar and step links); page files need nothing of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from dashboard.filters import Choice, FilterState
from dashboard.markup import plain

PARAM = "visning"
MEETING = "moede"
SEPARATOR = " · "
EXIT = "Afslut mødevisning"

# Fixed CSS (no user text in it): hide the sidebar and header, scale the type up, and make
# every section at least one screen high so scrolling moves one story at a time.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
html { font-size: 21px; }
[data-testid="stMain"] { scroll-snap-type: y proximity; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.2rem 2rem 2.2rem; max-width: 100%; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.1rem; padding-top: 0.2rem; }
[data-testid="stMainBlockContainer"] h3 { font-size: 1.45rem; line-height: 1.3; }
[data-testid="stMetricValue"] { font-size: 2.6rem; }
[class*="st-key-afsnit-"] { min-height: calc(100vh - 1.5rem); scroll-snap-align: start; padding-top: 0.5rem; }
[class*="st-key-moede-graf-"] { flex: 0 0 64vh !important; height: 64vh !important; }
[class*="st-key-moede-graf-"] [data-testid="stElementContainer"] { flex: 1 1 auto; height: 100% !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #3d3f45; opacity: 1; }
.st-key-moede-filtre p { font-size: 1.05rem; }
.st-key-moede-trin, .st-key-moede-trin-bund { scroll-snap-align: start; }
</style>
"""


# On the shared screen a chart of fixed height fills 64 % of the screen height (its box
# `.st-key-moede-graf-…` is sized in CSS and the chart stretches to it); axis and legend text
# is at least 18 px and dark enough to read over a video call.
SCREEN_TEXT = {"labelFontSize": 19, "titleFontSize": 19, "labelColor": "#262730", "titleColor": "#262730"}


def stretches(spec: Mapping) -> bool:
    """Charts of a fixed height stretch; a bar chart one step per bar keeps its height."""
    return isinstance(spec.get("height"), int | float)


SCREEN_MARK_TEXT = 16  # labels drawn in the chart (events, documented figures, the home bar's name)


def _larger_text(part: object) -> object:
    """A copy of a spec part whose text marks are at least `SCREEN_MARK_TEXT` px (the COVID-19
    event labels were 10 px on the shared screen)."""
    if isinstance(part, list):
        return [_larger_text(p) for p in part]
    if not isinstance(part, dict):
        return part
    out = {k: _larger_text(v) if k in ("layer", "spec") else v for k, v in part.items()}
    mark = out.get("mark")
    if isinstance(mark, dict) and mark.get("type") == "text":
        out["mark"] = {**mark, "fontSize": max(mark.get("fontSize", 11), SCREEN_MARK_TEXT)}
    return out


def screen_spec(spec: dict) -> dict:
    """A copy of a chart's Vega-Lite spec for the shared screen (see `SCREEN_TEXT`)."""
    config = spec.get("config", {})
    out = {
        **_larger_text(spec),
        "config": {
            **config,
            "axis": {**config.get("axis", {}), **SCREEN_TEXT},
            "legend": {**config.get("legend", {}), **SCREEN_TEXT, "symbolSize": 220},
        },
    }
    if stretches(spec):
        out["height"] = "container"
    return out


def is_active(params: Mapping[str, str] | None = None) -> bool:
    params = st.query_params if params is None else params
    return params.get(PARAM) == MEETING


def notice(params: Mapping[str, str] | None = None) -> str | None:
    """A notice for a `visning` value we do not know (its text is not repeated)."""
    params = st.query_params if params is None else params
    value = params.get(PARAM)
    if value is not None and value != MEETING:
        return "Ukendt værdi for «visning»; den almindelige visning bruges."
    return None


def drop_unknown_view() -> str | None:
    """Remove an unknown `visning` from the URL, returning the notice to show."""
    text = notice()
    if text:
        del st.query_params[PARAM]
    return text


def style() -> None:
    st.html(CSS)


BREAKDOWNS = ("gruppe", "alder", "koen", "herkomst")


def filter_line(choices: Sequence[Choice], state: FilterState) -> str:
    """The filter state as one readable line: the period and comparison (always), and the
    breakdowns chosen (`Periode: oktober 2017 – september 2020 · Målgruppe: Dagpenge`)."""
    by_key = {c.key: c for c in choices}
    parts = []
    span = "fra" in by_key and "til" in by_key
    if span:
        parts.append(f"Periode: {by_key['fra'].label_of(state['fra'])} – {by_key['til'].label_of(state['til'])}")
    for choice in choices:
        if span and choice.key in ("fra", "til"):
            continue
        value = state[choice.key]
        if choice.key not in BREAKDOWNS or value != choice.default:
            parts.append(f"{choice.label}: {choice.label_of(value)}")
    breakdowns = [c for c in choices if c.key in BREAKDOWNS]
    if breakdowns and all(state[c.key] == c.default for c in breakdowns):
        parts.append("Alle borgere")
    return SEPARATOR.join(parts)


def show_filter_line(choices: Sequence[Choice], state: FilterState) -> None:
    with st.container(key="moede-filtre"):
        st.markdown(":material/filter_alt: " + plain(filter_line(choices, state)))


def short(title: str, limit: int = 30) -> str:
    """A page title short enough for one line of step links at 1280 px."""
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + " …"


def neighbours(paths: Sequence[str], current: str) -> tuple[str | None, str | None]:
    """The page before and after `current` in document order (None at either end)."""
    if current not in paths:
        return None, None
    i = paths.index(current)
    return (paths[i - 1] if i > 0 else None), (paths[i + 1] if i + 1 < len(paths) else None)


def step_bar(
    views: Sequence, current: str, page_of: Callable[[str], st.Page], params: Mapping[str, str], *, key: str
) -> None:
    """`← Forrige: …  ·  side n af N  ·  Næste: … →` and a way back to the normal view."""
    paths = [v.path for v in views]
    titles = {v.path: short(v.title) for v in views}
    before, after = neighbours(paths, current)
    with st.container(key=key, horizontal=True, vertical_alignment="center", gap="medium"):
        if before:
            st.page_link(
                page_of(before),
                label=f"Forrige: {titles[before]}",
                icon=":material/arrow_back:",
                query_params=dict(params),
            )
        if current in paths:
            st.caption(f"Side {paths.index(current) + 1} af {len(paths)}")
        if after:
            st.page_link(
                page_of(after),
                label=f"Næste: {titles[after]}",
                icon=":material/arrow_forward:",
                query_params=dict(params),
            )
        normal = {k: v for k, v in params.items() if k != PARAM}
        st.page_link(
            page_of(current),
            label=EXIT,
            icon=":material/close_fullscreen:",
            query_params=normal,
            help="Tilbage til den almindelige visning med de samme filtre.",
        )
