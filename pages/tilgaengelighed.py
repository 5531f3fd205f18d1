"""Tilgængelighedserklæring: the accessibility statement (linked in every page's footer)."""

import streamlit as st

from dashboard import access, ui

ui.page_title(access.TITLE, "Hvor godt dashboardet overholder WCAG 2.1 AA, hvordan det er testet, og hvad der mangler.")
st.markdown(access.STATEMENT)
