"""Downloads never rerun the page (issue 14, item 6): clicking «Hent data (CSV)» during the
rerun of an earlier click lost that file («Deferred file … not found»). The report's own
buttons are checked in tests/test_report_queue.py."""

from __future__ import annotations

import pytest

from dashboard.nav import existing_views
from tests.pages.apptest import run_page

VIEWS = existing_views()


@pytest.mark.parametrize("path", [v.path for v in VIEWS])
def test_every_download_button_on_every_page_leaves_the_page_as_it_is(path, app_db):
    at = run_page(path, {"til": "2020-09"})
    assert not at.exception
    buttons = at.get("download_button")
    assert any(b.key.startswith("csv-") for b in buttons) or path == "maal"
    assert all(b.proto.ignore_rerun for b in buttons), [b.key for b in buttons if not b.proto.ignore_rerun]
