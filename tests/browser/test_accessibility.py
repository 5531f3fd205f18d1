"""WCAG 2.1 AA in Chromium: axe-core on every page in the normal view (1280×720), the
meeting view (1920×1080) and on a phone (390×844); charts with a text alternative; the
keyboard reaching every control; nothing cut off; the statement linked from every page."""

from __future__ import annotations

import pytest

from dashboard import access
from dashboard.nav import existing_views
from dashboard.screenshots import PHONE_CONTEXT, open_page

pytestmark = pytest.mark.browser
PATHS = [v.path for v in existing_views()] + [access.PATH]
VIEWPORTS = {
    "normal": ({"viewport": {"width": 1280, "height": 720}}, {}),
    "moede": ({"viewport": {"width": 1920, "height": 1080}}, {"visning": "moede"}),
    "telefon": (PHONE_CONTEXT, {}),  # a phone's user agent too: the filters start folded
}
AXE_RUN = """async () => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.nodes[0].target.join(' ')}`);
}"""


@pytest.fixture()
def sized(chromium, request):
    screen, extra = VIEWPORTS[request.param]
    context = chromium.new_context(locale="da-DK", **screen)
    yield context.new_page(), extra
    context.close()


@pytest.mark.parametrize("sized", list(VIEWPORTS), indirect=True)
def test_axe_finds_no_serious_or_critical_violation_on_any_page(sized, app_url, axe_script):
    page, extra = sized
    found = {}
    for path in PATHS:
        open_page(page, app_url, path, {"til": "2020-09", **extra})
        page.add_script_tag(content=axe_script)
        if violations := page.evaluate(AXE_RUN):
            found[path] = violations
    assert found == {}


def test_every_chart_is_announced_with_its_finding_and_where_its_numbers_are(page, app_url):
    open_page(page, app_url, "overblik", {"til": "2020-09"})
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    titles = page.locator('[data-testid="stMain"] h3').all_inner_texts()
    labels = [charts.nth(i).get_attribute("aria-label") for i in range(charts.count())]
    assert len(labels) == 3
    for label, title in zip(labels, titles, strict=False):
        assert label.startswith(f"Graf: {title.strip()}.")
        assert "tabellen under grafen" in label or "CSV" in label


def test_the_keyboard_reaches_every_filter_page_link_and_download(page, app_url):
    open_page(page, app_url, "overblik", {"til": "2020-09"})
    wanted = set(
        page.eval_on_selector_all(
            '[data-testid="stMain"] input[role="combobox"], [data-testid="stMain"] [data-testid="stDownloadButton"] button,'
            ' [data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"], .st-key-sidefod a',
            "els => els.map((e, i) => { e.dataset.a11y = 'k' + i; return e.dataset.a11y; })",
        )
    )
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    reached = set()
    for _ in range(3 * len(wanted) + 40):
        page.keyboard.press("Tab")
        marker = page.evaluate("() => document.activeElement && document.activeElement.dataset.a11y")
        if marker:
            reached.add(marker)
        if reached == wanted:
            break
    assert wanted and wanted <= reached, f"{len(wanted - reached)} kontroller nås ikke med Tab"


def test_sidebar_entries_and_kpi_labels_are_not_cut_off(page, app_url):
    open_page(page, app_url, "overblik", {"til": "2020-09"})
    cut = page.eval_on_selector_all(
        '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"] span, [data-testid="stMetricLabel"] p',
        "els => els.filter(e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis'"
        " && e.scrollWidth > e.clientWidth).map(e => e.innerText)",
    )
    assert cut == []
    widths = page.eval_on_selector_all(
        '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"] span',
        "els => els.map(e => getComputedStyle(e).whiteSpace)",
    )
    assert "nowrap" not in widths, "long page names wrap instead of ending in «…»"


def test_on_a_phone_tables_and_legends_fit_the_screen_and_nothing_scrolls_sideways(chromium, app_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
    page = context.new_page()
    for path, params in (("overblik", {"fra": "2015-01"}), ("benchmark", {}), ("ikke-vestlig", {})):
        open_page(page, app_url, path, {"til": "2020-09", **params})
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        wide = page.eval_on_selector_all(
            ".stTable table, .stTable td", "els => els.filter(e => e.getBoundingClientRect().right > 391).length"
        )
        assert wide == 0, path
        spilling = page.eval_on_selector_all(
            ".stTable td, .stTable th",
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)",
        )
        assert spilling == [], f"{path}: text runs out of its table cell"
        legends = page.eval_on_selector_all(
            '[data-testid="stVegaLiteChart"] .role-legend',
            "els => els.filter(e => e.getBoundingClientRect().right > e.closest('svg').getBoundingClientRect().right + 1)"
            ".length",
        )
        assert legends == 0, f"{path}: a legend runs off the chart"
    context.close()


def test_on_a_phone_maal_gives_the_status_bars_the_width_and_its_table_four_readable_columns(chromium, app_url):
    context = chromium.new_context(locale="da-DK", **PHONE_CONTEXT)
    page = context.new_page()
    open_page(page, app_url, "maal", {"til": "2020-09"})
    section = page.locator(".st-key-afsnit-maal")
    chart = section.locator('[data-testid="stVegaLiteChart"] svg').first
    width = chart.bounding_box()["width"]
    plan_labels = chart.locator(".role-axis-label text", has_text="Plan")
    assert plan_labels.count() == 3
    label_share = max(plan_labels.nth(i).bounding_box()["width"] for i in range(3)) / width
    assert label_share < 0.35, f"the plans' names take {label_share:.0%} of the chart's width"
    legend = chart.locator(".role-legend-label text").evaluate_all("els => els.map(e => e.textContent)")
    assert {"✓ nået", "✗ ikke nået"} <= set(legend), "each status has its word and a symbol"
    headers = section.locator(".stTable th").all_inner_texts()
    assert headers == ["Mål", "Målværdi", "Seneste værdi", "Status"]
    narrowest = min(b["width"] for b in (h.bounding_box() for h in section.locator(".stTable th").all()))
    assert narrowest >= 70, "no column is so narrow that its words break letter by letter"
    assert section.locator(".stTable td", has_text="✓ nået").count() > 0
    context.close()


def test_on_a_phone_benchmark_draws_the_top_10_and_ballerups_block_and_a_three_column_table_of_all_98(
    chromium, app_url
):
    context = chromium.new_context(locale="da-DK", **PHONE_CONTEXT)
    page = context.new_page()
    # Sygedagpenge og jobafklaring, 2. halvår 2019 – 1. halvår 2020: Ballerup is 85th of 98.
    open_page(page, app_url, "benchmark", {"periode": "2019h2-2020h1", "ydelse": "sygedagpenge-jobafklaring"})
    section = page.locator(".st-key-afsnit-benchmark-placering")
    chart = section.locator('[data-testid="stVegaLiteChart"]')
    bars = chart.locator("g.mark-rect path").count()
    assert 10 < bars < 98, f"{bars} bars: the short chart, not all 98"
    labels = chart.locator(".role-axis-label text").evaluate_all("els => els.map(e => e.textContent)")
    assert "85. Ballerup" in labels and any("ikke vist" in t for t in labels)
    headers = section.locator(".stTable th").all_inner_texts()
    assert headers == ["Placering", "Kommune", "Forskel, pct.-point"]
    assert section.locator(".stTable tbody tr").count() == 98, "all 98 stand in the table"
    narrowest = min(b["width"] for b in (h.bounding_box() for h in section.locator(".stTable th").all()))
    assert narrowest >= 70, "no column is so narrow that its words break letter by letter"
    title = chart.locator(".role-axis-title").last.bounding_box()
    svg = chart.locator("svg").first.bounding_box()
    assert title["x"] + title["width"] <= svg["x"] + svg["width"] + 1, "the axis title stays on the chart"
    context.close()


def test_on_a_phone_no_table_on_any_page_has_a_column_so_narrow_that_words_break_letter_by_letter(chromium, app_url):
    context = chromium.new_context(locale="da-DK", **PHONE_CONTEXT)
    page = context.new_page()
    narrow = {}
    for path in PATHS:
        open_page(page, app_url, path, {"til": "2020-09"})
        widths = page.eval_on_selector_all(
            ".stTable th", "els => els.map(e => [e.innerText, Math.round(e.getBoundingClientRect().width)])"
        )
        if cut := [(text, width) for text, width in widths if width < 70]:
            narrow[path] = cut
    assert narrow == {}
    context.close()


@pytest.mark.parametrize("path", ["maal", "benchmark"])
def test_on_a_phone_kpi_cards_stand_two_by_two_with_nothing_cut(chromium, app_url, path):
    context = chromium.new_context(locale="da-DK", **PHONE_CONTEXT)
    page = context.new_page()
    open_page(page, app_url, path, {})
    cards = [m.bounding_box() for m in page.locator('[data-testid="stMetric"]').all()][:4]
    assert len(cards) == 4
    assert len({round(c["y"]) for c in cards}) == 2 and len({round(c["x"]) for c in cards}) == 2
    cut = page.locator('[data-testid="stMetricValue"], [data-testid="stMetricDelta"]').evaluate_all(
        "els => els.filter(e => [e, ...e.querySelectorAll('*')].some(x => x.scrollWidth > x.clientWidth + 1)).length"
    )
    assert cut == 0, "a figure or change is cut"
    context.close()


def test_at_1280_the_maal_table_shows_each_targets_status_without_scrolling_sideways(page, app_url):
    open_page(page, app_url, "maal", {"til": "2020-09"})
    table = page.locator(".st-key-afsnit-maal .stTable").first
    status = table.locator("th", has_text="Status").first.bounding_box()
    assert status["x"] + status["width"] <= min(table.bounding_box()["x"] + table.bounding_box()["width"], 1280)


def test_every_page_links_to_the_accessibility_statement_which_follows_the_template(page, app_url):
    open_page(page, app_url, "benchmark", {})
    page.locator(".st-key-sidefod a", has_text=access.TITLE).click()
    page.wait_for_url(lambda url: f"/{access.PATH}" in url, timeout=30_000)
    page.locator('[data-testid="stMain"] h1', has_text=access.TITLE).wait_for(timeout=30_000)
    headings = [h.strip() for h in page.locator('[data-testid="stMain"] h3').all_inner_texts()]
    for heading in (
        "Overholdelsesstatus",
        "Indhold, der ikke er tilgængeligt",
        "Udarbejdelse af denne tilgængelighedserklæring",
        "Feedback og kontaktoplysninger",
        "Håndhævelsesprocedure",
    ):
        assert heading in headings
    assert "axe-core" in page.locator('[data-testid="stMain"]').inner_text()
