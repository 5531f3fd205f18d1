"""The line under each page: how fresh the official figures are, how much of the page is demo."""

import pandas as pd

from dashboard.views.official import page_status, shown_section

SOURCES = pd.DataFrame(
    {
        "source": ["Danmarks Statistik, AUK01"],
        "data_as_of": [pd.Timestamp("2025-12-31")],
        "fetched_at": [pd.Timestamp("2026-01-05 03:15")],
    }
)


def frame(*qualities: str) -> pd.DataFrame:
    sources = {"official": "Danmarks Statistik, AUK01", "demo": "Demodata", "document": "Referat"}
    return pd.DataFrame({"quality": list(qualities), "source": [sources[q] for q in qualities]})


def test_official_and_documented_sections_only_say_there_is_no_demo():
    text = page_status([shown_section(frame("official")), shown_section(frame("document"))], SOURCES)
    assert text == (
        "Officielle tal på siden – Danmarks Statistik, AUK01: data til og med december 2025, hentet "
        "5. januar 2026. Alle 2 afsnit viser officielle eller dokumenterede tal – ingen demodata."
    )


def test_a_section_mixing_demo_and_official_counts_as_demo():
    sections = [shown_section(frame("official", "demo")), shown_section(frame("official")), shown_section(frame())]
    text = page_status(sections, SOURCES)
    assert text.endswith("1 af 2 afsnit bygger helt eller delvis på demodata (genererede tal).")


def test_a_page_without_drawn_figures_says_nothing():
    assert page_status([shown_section(pd.DataFrame())], SOURCES) is None


def test_a_saved_file_has_no_fetch_time_to_show():
    saved = SOURCES.assign(fetched_at=[pd.NaT])
    text = page_status([shown_section(frame("official"))], saved)
    assert text.startswith("Officielle tal på siden – Danmarks Statistik, AUK01: data til og med december 2025. ")
