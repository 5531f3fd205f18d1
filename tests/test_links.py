"""Shareable links: the URL holds the page and every non-default filter."""

import sys
from pathlib import Path

from dashboard.links import share_url

sys.path.insert(0, str(Path(__file__).parent / "pages"))
from apptest import run_page


def test_share_url_appends_the_query_string_to_the_page_url():
    assert share_url("http://host:8501/overblik", {"til": "2020-09", "gruppe": "dagpenge"}) == (
        "http://host:8501/overblik?til=2020-09&gruppe=dagpenge"
    )
    assert share_url("http://host:8501/unge/", {}) == "http://host:8501/unge"
    assert share_url(None, {"til": "2020-09"}) == "?til=2020-09"


def test_copy_link_holds_the_cleaned_parameters_not_the_typed_ones(app_db):
    at = run_page("overblik", {"til": "2020-09", "gruppe": "dagpenge", "alder": "ukendt", "x": "1"})
    assert not at.exception
    link = at.sidebar.code[0].value
    assert link == "?til=2020-09&gruppe=dagpenge"
