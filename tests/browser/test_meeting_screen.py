"""The meeting view on a 1920×1080 shared screen: charts that fill the screen, type that
reads over a video call, tables below their chart, the benchmark's placements first."""

from __future__ import annotations

import re

import pytest

from dashboard.screenshots import open_page

pytestmark = pytest.mark.browser
SCREEN = {"width": 1920, "height": 1080}
MEETING = {"til": "2020-09", "visning": "moede"}
# The WCAG contrast of a colour against white, computed in the page.
GUIDE_TEXT = """els => els.map(e => {
    const [r, g, b] = getComputedStyle(e).fill.match(/\\d+/g).map(Number).map(c => c / 255)
        .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return [e.textContent, parseFloat(getComputedStyle(e).fontSize), 1.05 / (luminance + 0.05)];
})"""


@pytest.fixture()
def screen(chromium):
    context = chromium.new_context(viewport=SCREEN, locale="da-DK")
    yield context.new_page()
    context.close()


def test_the_first_chart_fills_most_of_the_screen_and_its_axis_and_legend_text_is_large_and_dark(screen, app_url):
    open_page(screen, app_url, "overblik", MEETING)
    chart = screen.locator('[data-testid="stVegaLiteChart"]').first
    assert chart.bounding_box()["height"] >= 0.6 * SCREEN["height"]
    guides = chart.locator(".role-axis text, .role-legend text")
    texts = guides.evaluate_all(GUIDE_TEXT)
    assert texts, "the chart has axis and legend labels"
    small = [(t, size) for t, size, _ in texts if size < 18]
    faint = [(t, round(contrast, 1)) for t, _, contrast in texts if contrast < 7]
    assert small == [] and faint == []


def test_tables_stand_below_their_chart(screen, app_url):
    open_page(screen, app_url, "overblik", MEETING)
    section = screen.locator(".st-key-afsnit-ledighed-omraader")
    chart = section.locator('[data-testid="stVegaLiteChart"]').bounding_box()
    table = section.locator(".stTable").bounding_box()
    assert table["y"] >= chart["y"] + chart["height"] - 1
    assert table["width"] >= 0.9 * chart["width"]


def test_benchmark_opens_on_its_placements_with_the_explanation_folded(screen, app_url):
    open_page(screen, app_url, "benchmark", MEETING)
    assert screen.locator('[data-testid="stExpander"] details').get_attribute("open") is None
    assert "Hvad måler benchmarket?" in screen.locator('[data-testid="stExpander"] summary').inner_text()
    values = screen.locator('[data-testid="stMetricValue"]')
    assert values.count() == 4
    last = values.nth(3).bounding_box()
    assert last["y"] + last["height"] <= SCREEN["height"], "all four placements on the first screen"


# Every text drawn in a chart: its text, size in px and weight.
CHART_TEXT = """els => els.map(e => [e.textContent, parseFloat(getComputedStyle(e).fontSize),
    getComputedStyle(e).fontWeight])"""


def test_benchmark_ranking_names_every_bar_it_draws_at_18_px_and_ballerup_among_them(screen, app_url):
    # Sygedagpenge og jobafklaring, 2. halvår 2019 – 1. halvår 2020: Ballerup is 85th of 98.
    open_page(screen, app_url, "benchmark", {**MEETING, "ydelse": "sygedagpenge-jobafklaring"})
    section = screen.locator(".st-key-afsnit-benchmark-placering")
    table = section.locator('[data-testid="stTable"] table')
    headers = table.locator("thead th").all_inner_texts()
    column = headers.index("Kommune") + 1
    municipalities = set(table.locator(f"tbody tr td:nth-child({column})").all_inner_texts())
    assert len(municipalities) == 98, "the full list stands in the table below the chart"
    chart = section.locator('[data-testid="stVegaLiteChart"]')
    texts = chart.locator("svg text").evaluate_all(CHART_TEXT)
    names = [(re.sub(r"^\d+\. ", "", t), size, weight) for t, size, weight in texts]
    drawn = [(name, size, weight) for name, size, weight in names if name in municipalities]
    bars = chart.locator("g.mark-rect path").count()
    assert 10 < bars < 98 and len({n for n, _, _ in drawn}) == bars, "every bar drawn is named"
    assert [(n, s) for n, s, _ in drawn if s < 18] == []
    assert any(n == "Ballerup" and s >= 18 and w == "700" for n, s, w in drawn), "Ballerup named, in bold"
    assert any("ikke vist" in t for t, _, _ in texts), "a gap row between the top 10 and Ballerup's block"
    box = chart.bounding_box()
    assert box["height"] <= SCREEN["height"], "the chart fits the shared screen"
