"""Every chart of every page, as the browser gets it: one colour per series name on every
page (red for the home municipality only), and tooltips in Danish."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dashboard import theme, ui

from apptest import run_page

PAGES = [
    ("overblik", {}),
    ("forsikrede", {}),
    ("forsikrede", {"sammenlign": "gentofte"}),
    ("samarbejde", {}),
    ("udfordringer", {}),
    ("unge", {}),
    ("ikke-vestlig", {}),
    ("maal", {}),
    ("benchmark", {}),
    *[("covid-19", {"emne": topic}) for topic in ("ledige", "maalgrupper", "omraader")],
]
HOME = "Ballerup"


@pytest.fixture(scope="module")
def page_specs(built_db) -> list[tuple[str, dict]]:
    """(page, spec) for every chart drawn on every page."""
    seen: list[tuple[str, dict]] = []
    original = ui.vega_spec
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_DB_PATH", str(built_db))
        ui.get_settings.cache_clear()
        for path, params in PAGES:

            def recording(chart, *, large=False, page=path):
                spec = original(chart, large=large)
                seen.append((page, spec))
                return spec

            patch.setattr(ui, "vega_spec", recording)
            assert not run_page(path, params).exception
    ui.get_settings.cache_clear()
    return seen


def units(spec: dict) -> Iterator[dict]:
    """Every single-mark part of a (layered, faceted) spec."""
    if "mark" in spec:
        yield spec
    for part in spec.get("layer", []):
        yield from units(part)
    if "spec" in spec:
        yield from units(spec["spec"])


def is_home_series(name: str) -> bool:
    return name == HOME or name.startswith((f"{HOME} ", f"{HOME},"))


def test_every_series_name_has_one_colour_on_every_page_and_red_is_the_home_municipality(page_specs):
    colours: dict[str, set[tuple[str, str]]] = {}
    for page, spec in page_specs:
        for unit in units(spec):
            colour = unit.get("encoding", {}).get("color", {})
            if "condition" in colour:
                assert (
                    colour["condition"]["value"] != theme.HOME_COLOR or colour["condition"]["test"] == "datum.is_home"
                )
                assert colour.get("value") != theme.HOME_COLOR, page
            scale = colour.get("scale", {})
            for name, value in zip(scale.get("domain", []), scale.get("range", []), strict=True):
                colours.setdefault(name, set()).add((value, page))
    assert colours
    wrong = {name: used for name, used in colours.items() if len({c for c, _ in used}) > 1}
    assert not wrong, wrong
    red = sorted(name for name, used in colours.items() if theme.HOME_COLOR in {c for c, _ in used})
    assert red and all(is_home_series(name) for name in red), red
    assert theme.HOME_COLOR not in theme.PALETTE


def test_comparison_areas_and_origin_groups_keep_their_colours_on_every_chart(page_specs):
    wanted = {
        "Hele landet": theme.AREA_COLORS["land"],
        "Region Hovedstaden": theme.AREA_COLORS["region"],
        "Gentofte": theme.AREA_COLORS["kommune"],
        "Ikke-vestlig oprindelse": theme.SERIES_COLORS["Ikke-vestlig oprindelse"],
    }
    found = {}
    for _, spec in page_specs:
        for unit in units(spec):
            scale = unit.get("encoding", {}).get("color", {}).get("scale", {})
            found.update(
                {n: c for n, c in zip(scale.get("domain", []), scale.get("range", []), strict=True) if n in wanted}
            )
    assert found == wanted
    assert theme.TARGET_COLOR not in set(theme.AREA_COLORS.values()) | set(theme.SERIES_COLORS.values())


def test_every_tooltip_entry_has_a_danish_title_and_a_danish_format(page_specs):
    entries = 0
    for page, spec in page_specs:
        for unit in units(spec):
            for entry in unit.get("encoding", {}).get("tooltip", []):
                entries += 1
                title = (entry.get("title") or "").strip()
                assert title and title != entry["field"], (page, entry)
                if entry["type"] in ("quantitative", "temporal"):
                    assert entry.get("format"), (page, entry)
                if entry["type"] == "temporal":
                    assert "%b" not in entry["format"] and "%d" not in entry["format"], (page, entry)
    assert entries > 100


def test_no_chart_is_drawn_without_rows(page_specs):
    empty = [
        (page, name)
        for page, spec in page_specs
        for name, rows in spec["datasets"].items()
        if rows.empty and name == next(iter(spec["datasets"]))
    ]
    assert not empty
