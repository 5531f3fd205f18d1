"""Run the app (or one page of it) in AppTest with a query string."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.nav import VIEWS
from dashboard.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


def run_page(path: str = "overblik", params: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """Open the page with URL path `path` (see dashboard.nav.VIEWS) and the given parameters."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    view = next(v for v in VIEWS if v.path == path)
    if path != VIEWS[0].path:
        # Run once so st.navigation registers the pages; before that AppTest knows a page
        # only by its file name, and ui.page_title's switch to app.py's navigation would
        # rerun into the default page (see AppTest.switch_page).
        at.run()
        for key in list(at.query_params):
            del at.query_params[key]
        at.switch_page(str(PROJECT_ROOT / view.file))
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)
