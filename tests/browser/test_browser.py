"""The app in Chromium: every page loads clean, links round-trip, filters write the URL,
the meeting view steps through the pages, a CSV download equals the chart's rows, and
each page is photographed at 1280×720 (test-output/screenshots/)."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.nav import existing_views
from dashboard.screenshots import ERROR_SELECTOR, open_page, page_url, wait_until_rendered

sys.path.insert(0, str(Path(__file__).parents[1] / "pages"))
from apptest import run_page

pytestmark = pytest.mark.browser
VIEWS = existing_views()
# Non-default values of the shared filters; each page uses those it has and carries the rest.
LINK = {"til": "2020-09", "gruppe": "dagpenge", "sammenlign": "gentofte"}


def labels(built_db) -> dict[str, dict[str, str]]:
    """What each widget shows for a slug: Danish labels from the database."""
    from dashboard import danish
    from dashboard.db import connect, run_query

    con = connect(built_db)
    out: dict[str, dict[str, str]] = {}
    for row in run_query(con, "dimension_labels", {}, min_persons=5).itertuples():
        out.setdefault(row.dimension, {})[row.code] = row.name_da
    areas = run_query(con, "comparison_areas", {"home_geo": "151"}, min_persons=5)
    out["sammenlign"] = dict(zip(areas["slug"], areas["name_da"], strict=True))
    con.close()
    out["til"] = out["fra"] = {LINK["til"]: danish.month_label(date(2020, 9, 1))}
    return out


def query_of(url: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(url).query).items()}


def texts(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def errors(page) -> list[str]:
    return page.locator(ERROR_SELECTOR).all_inner_texts()


def widget_text(page, key: str) -> str | None:
    """The option a selectbox (keyed by its parameter name) shows; None when absent."""
    box = page.locator(f".st-key-{key} input[role='combobox']")
    return box.first.input_value() if box.count() else None


def copied_link(page) -> str:
    """Open the sidebar's "Kopiér link" popover and read the link in its code box."""
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Kopiér link").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code')
    code.wait_for(state="visible", timeout=10_000)
    link = code.inner_text().strip()
    page.keyboard.press("Escape")
    return link


def choose(page, key: str, label: str) -> None:
    page.locator(f".st-key-{key} input[role='combobox']").click()
    page.get_by_role("option", name=label, exact=True).click()


@pytest.mark.parametrize("view", VIEWS, ids=[v.path for v in VIEWS])
def test_page_opens_clean_from_a_link_with_its_filters_and_numbers(page, app_url, app_db, view, screenshots, timings):
    seconds = open_page(page, app_url, view.path, LINK)
    timings.append((f"{view.path} (link)", seconds))
    assert errors(page) == []
    assert urlparse(page.url).path == f"/{view.path}"
    assert query_of(page.url) == LINK, "the link's filters stay in the URL"
    shown = labels(app_db)
    checked = 0
    for key, slug in LINK.items():
        text = widget_text(page, key)
        if text is not None:
            assert text == shown[key][slug], key
            checked += 1
    assert checked, "at least one of the link's filters is a widget on the page"
    expected = run_page(view.path, LINK)
    assert texts(page, '[data-testid="stMain"] h1')[0] == expected.title[0].value
    assert texts(page, '[data-testid="stMetricValue"]') == [m.value for m in expected.metric]
    assert texts(page, '[data-testid="stMain"] h3') == [" ".join(s.value.split()) for s in expected.subheader]
    assert texts(page, '[data-testid="stMetricValue"]') or texts(page, '[data-testid="stMain"] h3'), "a figure is shown"
    page.screenshot(path=str(screenshots / f"{view.path}.png"))


@pytest.mark.skipif(not any(v.path == "benchmark" for v in VIEWS), reason="no Benchmark page yet")
def test_a_pages_own_parameters_round_trip_as_well(page, app_url, app_db, timings):
    """Benchmark's `periode` and `ydelse` live in the URL like the shared filters."""
    from dashboard.db import connect, run_query
    from dashboard.views import benchmark

    con = connect(app_db)
    own = benchmark.choices(run_query(con, "benchmark_periods", {}, min_persons=5))
    con.close()
    params = {c.key: next(o for o in c.options if o != c.default) for c in own}
    timings.append(("benchmark (egne parametre)", open_page(page, app_url, "benchmark", params)))
    assert errors(page) == []
    assert query_of(page.url) == params
    for choice in own:
        assert widget_text(page, choice.key) == choice.label_of(params[choice.key])
    link = copied_link(page)
    assert query_of(link) == params


@pytest.mark.skipif(not any(v.path == "benchmark" for v in VIEWS), reason="no Benchmark page yet")
def test_the_home_municipality_is_the_one_highlighted_row_of_the_ranking_table(page, app_url, timings):
    timings.append(("benchmark (rangliste)", open_page(page, app_url, "benchmark", {"periode": "2019h2-2020h1"})))
    rows = page.eval_on_selector_all(
        '.st-key-afsnit-benchmark-placering [data-testid="stTable"] tbody tr',
        "rows => rows.map(r => [r.innerText, getComputedStyle(r.querySelector('td')).fontWeight])",
    )
    assert len(rows) == 98
    bold = [text.split()[1] for text, weight in rows if int(weight) >= 700]
    assert bold == ["Ballerup"]


def test_filter_change_writes_the_url_and_the_copied_link_opens_the_same_view(page, chromium, app_url):
    open_page(page, app_url, "overblik", {"til": "2020-09"})
    before = texts(page, '[data-testid="stMetricValue"]')
    choose(page, "gruppe", "Dagpenge")
    page.wait_for_url(lambda url: query_of(url).get("gruppe") == "dagpenge", timeout=30_000)
    wait_until_rendered(page)
    after = texts(page, '[data-testid="stMetricValue"]')
    assert after != before
    link = copied_link(page)
    assert query_of(link) == {"til": "2020-09", "gruppe": "dagpenge"}

    fresh = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="da-DK")
    other = fresh.new_page()
    other.goto(link)
    wait_until_rendered(other)
    assert widget_text(other, "gruppe") == "Dagpenge"
    assert widget_text(other, "til") == "september 2020"
    assert texts(other, '[data-testid="stMetricValue"]') == after
    fresh.close()


def test_sidebar_links_carry_the_filters_to_the_next_page(page, app_url):
    open_page(page, app_url, "overblik", LINK)
    target = VIEWS[1] if len(VIEWS) > 1 else VIEWS[0]
    page.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]', has_text=target.title).first.click()
    page.wait_for_url(lambda url: urlparse(url).path == f"/{target.path}", timeout=30_000)
    wait_until_rendered(page)
    assert query_of(page.url) == LINK
    assert errors(page) == []


def test_meeting_view_steps_through_every_page_in_document_order(page, app_url, screenshots, timings):
    params = {**LINK, "visning": "moede"}
    timings.append(("overblik (mødevisning)", open_page(page, app_url, "overblik", params)))
    for i, view in enumerate(VIEWS):
        assert urlparse(page.url).path in (f"/{view.path}", "/") and query_of(page.url) == params
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert page.locator("input[role='combobox']").count() == 0, "filters are text, not widgets"
        line = texts(page, ".st-key-moede-filtre")
        assert len(line) == 1 and line[0], "the filters as one line of text"
        if i == 0:
            assert "september 2020" in line[0] and "Dagpenge" in line[0] and "Gentofte" in line[0]
        assert errors(page) == []
        page.screenshot(path=str(screenshots / f"moede-{view.path}.png"))
        following = page.locator(".st-key-moede-trin a", has_text="Næste:")
        if i + 1 == len(VIEWS):
            assert following.count() == 0
            break
        following.click()
        page.wait_for_url(lambda url, nxt=VIEWS[i + 1].path: urlparse(url).path == f"/{nxt}", timeout=30_000)
        wait_until_rendered(page)


def test_csv_download_holds_exactly_the_rows_the_chart_draws(page, app_url, app_db):
    from dashboard import meeting, ui
    from dashboard.export import chart_rows, csv_bytes
    from dashboard.filters import FilterState
    from dashboard.report import record_page
    from dashboard.views import overblik

    open_page(page, app_url, "overblik", LINK)
    with page.expect_download() as download:
        page.locator(".st-key-csv-ledighed-omraader button").click()
    downloaded = Path(download.value.path()).read_bytes()

    # the app starts the period three years before `til` (see ui.standard_choices)
    choices = ui.standard_choices(overblik.FILTERS)
    values = {c.key: c.default for c in choices} | LINK | {"fra": "2017-10"}
    view = next(v for v in existing_views() if v.path == "overblik")
    section = next(s for s in record_page(view, values).sections if s.key == "ledighed-omraader")
    filters = meeting.filter_line(choices, FilterState(values))
    expected = csv_bytes(
        section.frame, title=section.title, source_line=ui.source_line(section.frame, "month"), filters=filters
    )
    assert downloaded == expected
    assert "Målgruppe: Dagpenge" in filters and "Gentofte" in filters
    assert download.value.suggested_filename == "noegletal-ledighed-omraader-2017-10-til-2020-09-gentofte-dagpenge.csv"
    rows = [line for line in downloaded.decode("utf-8-sig").split("\r\n") if line and not line.startswith("#")]
    drawn = chart_rows(section.chart)
    assert len(rows) - 1 == len(drawn) == len(section.frame) > 0, "header line + one line per drawn row"


def test_report_download_in_the_sidebar_is_a_pdf(page, app_url, timings):
    open_page(page, app_url, "overblik", {"til": "2020-09"})
    start = time.monotonic()
    ask = page.locator(".st-key-rapport-lav button")
    assert "september 2020" in ask.inner_text()
    ask.click()  # queued, built in a process of its own; the sidebar shows its place until the files are there
    button = page.locator(".st-key-rapport-pdf button")
    button.wait_for(timeout=300_000)
    assert "september 2020" in button.inner_text()
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename == "noegletal-2020-09.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    timings.append(("rapport (PDF-download)", time.monotonic() - start))
    assert query_of(page.url) == {"til": "2020-09"}, "building the report leaves the user's link alone"
    assert errors(page) == []


def test_unknown_page_parameters_fall_back_with_a_notice_in_the_browser(page, app_url):
    open_page(page, app_url, "overblik", {"gruppe": "kontanthjælp", "x": "<b>1</b>"})
    assert errors(page) == []
    notices = texts(page, '[data-testid="stAlertContentInfo"]')
    assert notices and not any("<b>" in n or "kontanthjælp" in n for n in notices)
    assert query_of(page.url) == {}
    assert page_url(app_url, "overblik") in page.url
