"""The pages, in the order of the quarterly document, and the navigation between them.

Switching page clears the URL's query parameters unless they are passed on, so the
sidebar links carry the shared filters explicitly.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import streamlit as st

from dashboard import access, meeting
from dashboard.filters import SHARED_KEYS
from dashboard.settings import PROJECT_ROOT, SettingsError, get_settings


@dataclass(frozen=True)
class View:
    path: str
    title: str
    file: str
    icon: str


VIEWS = (
    View("overblik", "Overblik", "pages/overblik.py", ":material/dashboard:"),
    View("samarbejde", "Samarbejde i øjenhøjde", "pages/samarbejde.py", ":material/handshake:"),
    View("forsikrede", "Forsikrede ledige", "pages/forsikrede.py", ":material/badge:"),
    View(
        "udfordringer", "Borgere med udfordringer ud over ledighed", "pages/udfordringer.py", ":material/diversity_1:"
    ),
    View("unge", "Unge borgere", "pages/unge.py", ":material/school:"),
    View("ikke-vestlig", "Borgere med ikke-vestlig baggrund", "pages/ikke_vestlig.py", ":material/public:"),
    View("covid-19", "COVID-19", "pages/covid_19.py", ":material/coronavirus:"),
    View("benchmark", "Benchmark", "pages/benchmark.py", ":material/leaderboard:"),
    View("maal", "Mål og planer", "pages/maal.py", ":material/flag:"),
)
SLUG = re.compile(r"^[a-z0-9-]{1,40}$")
LOG = logging.getLogger("dashboard")


def existing_views() -> list[View]:
    """Only pages that really exist are offered."""
    return [v for v in VIEWS if (PROJECT_ROOT / v.file).exists()]


def build_pages(views: list[View]) -> dict[str, st.Page]:
    """One st.Page per view. Overblik is served at `/` and, as a hidden twin, at `/overblik`
    (the default page of st.navigation ignores its own url_path)."""
    pages = {}
    for i, view in enumerate(views):
        pages[view.path] = st.Page(
            str(PROJECT_ROOT / view.file),
            title=view.title,
            icon=view.icon,
            url_path=view.path if i else "start",
            default=(i == 0),
        )
    first = views[0]
    pages[f"{first.path}-link"] = st.Page(
        str(PROJECT_ROOT / first.file), title=first.title, icon=first.icon, url_path=first.path, visibility="hidden"
    )
    pages[access.PATH] = st.Page(
        str(PROJECT_ROOT / "pages" / f"{access.PATH}.py"),
        title=access.TITLE,
        icon=":material/accessibility_new:",
        url_path=access.PATH,
    )
    return pages


def carried_params() -> dict[str, str]:
    """The shared filters in the current URL that travel to the next page (slugs only)."""
    out = {}
    for key in (*SHARED_KEYS, "visning"):
        value = st.query_params.get(key)
        if value and SLUG.match(value):
            out[key] = value
    return out


def current_path(pages: dict[str, st.Page], page: st.Page) -> str:
    """The view path of the page st.navigation chose (both Overblik twins -> `overblik`)."""
    key = next((k for k, p in pages.items() if p is page), "")
    return key.removesuffix("-link")


def _page_of(views: list[View], pages: dict[str, st.Page]):
    return lambda path: pages[f"{path}-link"] if path == views[0].path else pages[path]


def sidebar(views: list[View], pages: dict[str, st.Page], page: st.Page | None = None) -> None:
    """The page links, carrying the shared filters; in the meeting view, instead of a
    sidebar, a bar of forrige / næste links above the page."""
    params = carried_params()
    if page is not None and meeting.is_active(params):
        meeting.style()
        meeting.step_bar(views, current_path(pages, page), _page_of(views, pages), params, key="moede-trin")
        return
    with st.sidebar:
        st.markdown("### Nøgletal")
        st.caption("Beskæftigelsesområdet · Ballerup Kommune")
        for view in views:
            st.page_link(_page_of(views, pages)(view.path), label=view.title, icon=view.icon, query_params=params)


def footer(views: list[View], pages: dict[str, st.Page], page: st.Page) -> None:
    """Below the page: the report download, or in the meeting view the step links again;
    always the link to the accessibility statement."""
    access.style()
    params = carried_params()
    if meeting.is_active(params):
        meeting.step_bar(views, current_path(pages, page), _page_of(views, pages), params, key="moede-trin-bund")
    else:
        from dashboard.report import download_control

        with st.sidebar, shown_errors("rapportknappen", where_told=False):
            download_control()
    with st.container(key="sidefod"):
        st.page_link(pages[access.PATH], label=access.TITLE, icon=":material/accessibility_new:")


_ROUTING = threading.local()  # `active` while app.py runs the chosen page (per script thread)


def route_through_app() -> None:
    """Make sure app.py (navigation, sidebar, sign-in gate, page config) wraps this page.

    Because a `pages/` folder sits beside app.py, Streamlit starts each server process in
    its first multipage mode, where the first session to land on a page URL such as
    `/overblik` gets the page file run alone. Calling `st.navigation` is Streamlit's public
    way to leave that mode for the process (its documentation: it disables the `pages/`
    directory behaviour); a page that finds itself run without app.py calls it and reruns,
    and app.py routes that and every later run.
    """
    if not getattr(_ROUTING, "active", False):
        st.navigation(list(build_pages(existing_views()).values()), position="hidden")
        st.rerun()


NO_DATA = "Der er ingen data endnu."


@contextlib.contextmanager
def shown_errors(what: str, *, where_told: bool = True) -> Iterator[None]:
    """Run a part of the page; an error becomes a short Danish message, never a traceback.

    A missing database and a bad setting are told once, by the page (`where_told`); the
    other parts of the page (the sidebar's report control) then show nothing.
    """
    from dashboard.db import DatabaseMissing

    try:
        yield
    except DatabaseMissing as exc:
        if where_told:
            st.info(f"{NO_DATA} {exc}", icon=":material/database:")
    except SettingsError as exc:
        if where_told:
            st.error(str(exc), icon=":material/settings:")
    except Exception:
        if get_settings().raise_errors:
            raise
        LOG.exception("%s fejlede", what)
        st.error(
            "Siden kunne ikke vises på grund af en fejl. Prøv at genindlæse siden eller at nulstille filtrene."
            if where_told
            else "Rapporten kan ikke hentes lige nu.",
            icon=":material/error:",
        )


def run_page(page: st.Page) -> None:
    """Run the page inside `shown_errors`, with the page status line under it."""
    from dashboard import ui

    _ROUTING.active = True
    try:
        with shown_errors(f"Siden {page.url_path}"):
            ui.start_page()
            page.run()
            ui.page_status()
    finally:
        _ROUTING.active = False
