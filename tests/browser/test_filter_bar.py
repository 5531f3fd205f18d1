"""The filter bar in Chromium (issue 18): on a phone the filters fold into one expander named
after the choices, on a desktop they stand open as before, and no filter cuts off any of its
values at 1280×720, 1920×1080 or on a phone (a selectbox cannot wrap its value)."""

from __future__ import annotations

import pytest

from dashboard import ui
from dashboard.data import fetch
from dashboard.screenshots import MEETING_VIEWPORT, PHONE_CONTEXT, VIEWPORT, open_page
from dashboard.views import benchmark, covid_19

pytestmark = pytest.mark.browser
# The pages whose filters have the longest options: between them every filter there is.
PAGES = ("overblik", "covid-19", "benchmark")
SCREENS = {
    "1280x720": {"viewport": VIEWPORT},
    "1920x1080": {"viewport": MEETING_VIEWPORT},
    "telefon": PHONE_CONTEXT,
}
FILTER_INPUTS = '[data-testid="stMain"] .st-key-filtre input[role="combobox"]'
# Every label shown in place of the selected value in turn: the labels wider than their box.
TOO_WIDE = """(labels) => [...document.querySelectorAll('FILTERS')].flatMap(input => {
    const shown = input.value, wide = [];
    for (const label of labels[input.getAttribute('aria-label')] || []) {
        input.value = label;
        if (input.scrollWidth > input.clientWidth) wide.push(`${input.getAttribute('aria-label')}: ${label}`);
    }
    input.value = shown;
    return wide;
})""".replace("FILTERS", FILTER_INPUTS)
CUT_NOW = """() => [...document.querySelectorAll('FILTERS')]
    .filter(e => e.scrollWidth > e.clientWidth).map(e => `${e.getAttribute('aria-label')}: ${e.value}`)""".replace(
    "FILTERS", FILTER_INPUTS
)


def every_choice() -> list:
    """Every filter there is, its options from the database the app reads."""
    return [*ui.shared_choices().values(), covid_19.TOPIC, *benchmark.choices(fetch("benchmark_periods"))]


def every_label() -> dict[str, list[str]]:
    """Each filter's label and the labels of all its options."""
    return {c.label: [c.label_of(o) for o in c.options] for c in every_choice()}


def longest() -> dict[str, str]:
    """A link choosing the longest option of every filter (one month: all month names are short)."""
    chosen = {c.key: max(c.options, key=lambda o: len(c.label_of(o))) for c in every_choice()}
    return {**chosen, "fra": "2020-09", "til": "2020-09"}


# Two frames after the tap that unfolds the bar, every filter lies inside it, not clipped by a
# <details> still growing (Streamlit animates an expander's height; ui.FILTER_CSS stops that).
UNFOLDED = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
    const bar = document.querySelector('.st-key-filtre details').getBoundingClientRect();
    const boxes = [...document.querySelectorAll('FILTERS')].map(e => e.getBoundingClientRect());
    done(boxes.length > 0 && boxes.every(box => box.bottom <= bar.bottom + 1));
})))""".replace("FILTERS", FILTER_INPUTS)


def unfold(page) -> bool:
    """Open the folded filter bar (a phone) with one tap; True when it was folded and its filters
    stood whole two frames after the tap."""
    if page.locator(".st-key-filtre details").evaluate("d => d.open"):
        return True
    page.locator(".st-key-filtre summary").click()
    return page.evaluate(UNFOLDED)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the selectbox `label` with one tap on the box and one on the option."""
    page.locator(f'input[aria-label="{label}"]').click()
    page.get_by_role("option", name=option).click(timeout=5_000)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_filter_cuts_off_any_of_its_values(chromium, app_url, app_db, screen):
    context = chromium.new_context(locale="da-DK", **SCREENS[screen])
    page = context.new_page()
    labels, link = every_label(), longest()
    cut, too_wide = {}, {}
    for path in PAGES:
        open_page(page, app_url, path, link)
        unfold(page)
        assert page.locator(FILTER_INPUTS).count() >= 3
        cut[path] = page.evaluate(CUT_NOW)
        too_wide[path] = page.evaluate(TOO_WIDE, labels)
    context.close()
    assert cut == {p: [] for p in PAGES}, "the value chosen in the link is cut off"
    assert too_wide == {p: [] for p in PAGES}, "an option would be cut off if chosen"


def test_on_a_phone_the_filters_fold_into_one_expander_that_names_the_choices(chromium, app_url):
    context = chromium.new_context(locale="da-DK", **PHONE_CONTEXT)
    page = context.new_page()
    open_page(page, app_url, "overblik", {"til": "2020-09", "gruppe": "dagpenge"})
    summary = page.locator(".st-key-filtre summary")
    assert summary.is_visible() and "Filtre: oktober 2017–september 2020 · Dagpenge" in summary.inner_text()
    assert not page.locator(".st-key-filtre details").evaluate("d => d.open")
    assert not page.locator(FILTER_INPUTS).first.is_visible()
    assert unfold(page), "the filters are whole at once, not clipped while the bar grows"
    choose(page, "Køn", "Kvinder")  # the first tap right after unfolding opens the list
    page.wait_for_url(lambda url: "koen=kvinder" in url, timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('.st-key-filtre summary').innerText.includes('Kvinder')", timeout=30_000
    )
    assert "gruppe=dagpenge" in page.url
    assert page.locator(".st-key-filtre details").evaluate("d => d.open"), "the filters stay open while choosing"
    context.close()


def test_on_a_desktop_the_filters_stand_open_without_the_expanders_label(page, app_url):
    open_page(page, app_url, "overblik", {"til": "2020-09"})
    assert page.locator(FILTER_INPUTS).count() == 7
    assert all(page.locator(FILTER_INPUTS).nth(i).is_visible() for i in range(7))
    assert not page.locator(".st-key-filtre summary").is_visible()
    top = page.locator(FILTER_INPUTS).first.bounding_box()["y"]
    assert top < 330, "the filters sit right under the lead, as before"


def test_the_meeting_view_shows_the_filters_as_a_line_not_as_widgets(page, app_url):
    open_page(page, app_url, "overblik", {"til": "2020-09", "visning": "moede"})
    assert page.locator(".st-key-filtre").count() == 0
    assert "Periode: oktober 2017 – september 2020" in page.locator(".st-key-moede-filtre").inner_text()
