"""`python -m dashboard serve`: `streamlit run app.py`, with the app warmed up first.

Streamlit imports a page's modules when the first visitor opens it: pandas, pyarrow,
Altair, DuckDB and our package take ~0,9 s here, so the first shared link after a start or
a deploy took 2,5 s where every later one takes 1,7 s. `serve` imports them, opens the
database and works out the shared filters in the server's own process before it starts
listening; the first visitor finds them ready, as every later one does.

Options after `serve` go to `streamlit run` unchanged (`--server.port 8502`, …).
"""

from __future__ import annotations

import argparse
import importlib
import logging

from dashboard.cli import command
from dashboard.settings import PROJECT_ROOT

LOG = logging.getLogger("dashboard")
# What the pages and app.py import, heaviest first.
MODULES = (
    "pandas", "pyarrow", "duckdb", "altair",
    "dashboard.ui", "dashboard.nav", "dashboard.report", "dashboard.auth",
    "dashboard.views.overblik", "dashboard.views.focus", "dashboard.views.covid_19",
    "dashboard.views.benchmark", "dashboard.views.maal",
)


def warm_up() -> bool:
    """Import every page's modules, open the database and work out the shared filters.

    False (with a warning in the log) when the database cannot be read yet: the server
    starts all the same, and the page says what is missing, as without a warm-up.
    """
    for module in MODULES:
        importlib.import_module(module)
    import duckdb

    from dashboard import ui
    from dashboard.db import DatabaseMissing

    try:
        ui.shared_choices()
    except (DatabaseMissing, duckdb.Error, OSError) as exc:
        LOG.warning("Opvarmning uden database: %s", exc)
        return False
    return True


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = "python -m dashboard serve [STREAMLIT-RUN-OPTIONS …]"
    parser.set_defaults(passes_options_on=True)  # everything else goes to `streamlit run`


@command("serve", "start the app (streamlit run app.py) with imports, database and filters ready", _serve_arguments)
def run_serve(args: argparse.Namespace) -> int:
    from streamlit.web import cli as streamlit_cli

    warm_up()
    return streamlit_cli.main(
        args=["run", str(PROJECT_ROOT / "app.py"), *args.options_passed_on], prog_name="streamlit", standalone_mode=True
    )
