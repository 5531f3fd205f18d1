"""Shareable links: the full URL of the current view, and a "Kopiér link" control.

By the time these run, `filters.read_state` has put the cleaned, canonical parameters
back into `st.query_params`, so the link holds exactly the state on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st


def share_url(base: str | None, params: Mapping[str, str]) -> str:
    """`base` (scheme, host, port, page path) plus the query string; relative when unknown."""
    query = urlencode(dict(params))
    root = (base or "").rstrip("/")
    if not root:
        return f"?{query}" if query else "/"
    return f"{root}?{query}" if query else root


def current_url() -> str:
    """The link to what this session shows now: page and every non-default filter."""
    return share_url(st.context.url, st.query_params.to_dict())


def copy_link_control(container=None) -> None:
    """A "Kopiér link" button that opens the link in a code box, whose copy button puts it
    on the clipboard. No HTML: the host part comes from the browser, so it is shown as
    plain text only.

    The code box sits in a popover because a closed popover's content is not drawn: the
    browser loads Streamlit's code highlighter only when someone opens it, not before the
    first chart of every shared link (docs/performance.md).
    """
    target = container if container is not None else st.sidebar
    with target:
        with st.popover(
            "Kopiér link", icon=":material/link:", help="Linket åbner samme side med samme filtre hos modtageren."
        ):
            st.code(current_url(), language=None, wrap_lines=True)
