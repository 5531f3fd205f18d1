"""Nøgletal – the entry point routes and nothing else."""

import streamlit as st

from dashboard import meeting
from dashboard.auth import require_login
from dashboard.nav import build_pages, existing_views, footer, run_page, sidebar

st.set_page_config(
    page_title="Nøgletal – beskæftigelse",
    page_icon=":material/monitoring:",
    layout="wide",
    initial_sidebar_state="collapsed" if meeting.is_active() else "auto",
)
views = existing_views()
pages = build_pages(views)
navigation = st.navigation(list(pages.values()), position="hidden")
require_login()  # only when .streamlit/secrets.toml has [auth]
sidebar(views, pages, navigation)
run_page(navigation)
footer(views, pages, navigation)
