"""The meeting view: filters as one line, steps in document order, no widgets, no sidebar."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dashboard import meeting
from dashboard.filters import Choice, FilterState
from dashboard.nav import VIEWS, existing_views

sys.path.insert(0, str(Path(__file__).parent / "pages"))
from apptest import run_page

MONTHS = {"2020-01": "januar 2020", "2020-09": "september 2020", "2022-12": "december 2022"}
CHOICES = [
    Choice("fra", "Fra", tuple(MONTHS), MONTHS, "2020-01"),
    Choice("til", "Til og med", tuple(MONTHS), MONTHS, "2022-12"),
    Choice(
        "sammenlign",
        "Sammenlign med",
        ("hele-landet", "gentofte"),
        {"hele-landet": "Hele landet", "gentofte": "Gentofte"},
        "hele-landet",
    ),
    Choice("gruppe", "Målgruppe", ("alle", "dagpenge"), {"alle": "Alle målgrupper", "dagpenge": "Dagpenge"}, "alle"),
]


def test_filter_line_names_period_comparison_and_only_changed_filters():
    state = FilterState({"fra": "2020-01", "til": "2020-09", "sammenlign": "gentofte", "gruppe": "dagpenge"})
    assert meeting.filter_line(CHOICES, state) == (
        "Periode: januar 2020 – september 2020 · Sammenlign med: Gentofte · Målgruppe: Dagpenge"
    )


def test_filter_line_says_all_citizens_when_no_breakdown_is_chosen():
    state = FilterState({"fra": "2020-01", "til": "2022-12", "sammenlign": "hele-landet", "gruppe": "alle"})
    assert meeting.filter_line(CHOICES, state).endswith("Sammenlign med: Hele landet · Alle borgere")


def test_filter_line_always_names_a_pages_own_choice_such_as_the_benchmark_period():
    periode = Choice(
        "periode",
        "Periode",
        ("2019h2-2020h1", "2020h1-2020h2"),
        {"2019h2-2020h1": "2. halvår 2019 – 1. halvår 2020"},
        "2019h2-2020h1",
    )
    assert meeting.filter_line([periode], FilterState({"periode": "2019h2-2020h1"})) == (
        "Periode: 2. halvår 2019 – 1. halvår 2020"
    )


def test_neighbours_follow_the_document_order_and_stop_at_the_ends():
    paths = [v.path for v in VIEWS]
    assert meeting.neighbours(paths, "overblik") == (None, "samarbejde")
    assert meeting.neighbours(paths, "unge") == ("udfordringer", "ikke-vestlig")
    assert meeting.neighbours(paths, "maal") == ("benchmark", None)
    assert meeting.neighbours(paths, "findes-ikke") == (None, None)


def test_step_labels_shorten_long_titles_at_a_word_boundary():
    assert meeting.short("Overblik") == "Overblik"
    shortened = meeting.short("Borgere med udfordringer ud over ledighed")
    assert shortened == "Borgere med udfordringer ud …" and len(shortened) <= 30


def test_unknown_view_value_gives_a_notice_that_does_not_repeat_it():
    assert meeting.notice({"visning": "<b>x</b>"}) == "Ukendt værdi for «visning»; den almindelige visning bruges."
    assert meeting.notice({"visning": "moede"}) is None and meeting.notice({}) is None


def test_meeting_view_shows_filters_as_text_and_step_links_carrying_them(app_db):
    at = run_page("overblik", {"til": "2020-09", "gruppe": "dagpenge", "visning": "moede"})
    assert not at.exception
    assert len(at.selectbox) == 0, "no filter widgets in the meeting view"
    line = next(m.value for m in at.markdown if "Periode:" in m.value)
    assert "september 2020" in line and "Dagpenge" in line
    assert len(at.metric) == 4
    assert len(at.get("download_button")) == 0
    links = [p.proto for p in at.get("page_link")]
    exit_link = next(p for p in links if p.label == "Afslut mødevisning")
    assert "visning" not in exit_link.query_string and "gruppe=dagpenge" in exit_link.query_string
    steps = [p for p in links if p.label.startswith(("Næste", "Forrige"))]
    assert all("visning=moede" in p.query_string and "til=2020-09" in p.query_string for p in steps)
    assert not any(p.label.startswith("Forrige") for p in links), "Overblik is the first page"


@pytest.mark.parametrize("value", ["praesentation", "MOEDE"])
def test_unknown_view_value_falls_back_to_the_normal_view_with_a_notice(app_db, value):
    at = run_page("overblik", {"visning": value})
    assert not at.exception
    assert any("visning" in n.value for n in at.info)
    assert len(at.selectbox) == 7
    assert "visning" not in at.query_params


@pytest.mark.parametrize("view", existing_views(), ids=lambda v: v.path)
def test_every_page_has_a_meeting_view_and_a_notice_for_a_bad_link(app_db, view):
    at = run_page(view.path, {"til": "2020-09", "visning": "moede", "gruppe": "kontanthjælp", "ukendt": "1"})
    assert not at.exception
    assert len(at.selectbox) == 0, "no filter widgets in the meeting view"
    assert at.info, "a notice for the bad value and the unknown parameter"
    assert all("kontanthjælp" not in n.value for n in at.info)
    assert "ukendt" not in at.query_params and "gruppe" not in at.query_params, "the URL is cleaned"
    labels = [p.proto.label for p in at.get("page_link")]
    paths = [v.path for v in existing_views()]
    i = paths.index(view.path)
    assert any(label.startswith("Næste") for label in labels) == (i + 1 < len(paths))
    assert any(label.startswith("Forrige") for label in labels) == (i > 0)


def test_beside_the_chart_a_source_or_period_shared_by_every_row_is_left_out():
    import pandas as pd

    from dashboard.ui import beside_chart

    same = pd.DataFrame(
        {
            "Område": ["Ballerup", "Hele landet"],
            "Andel": ["3,1 %", "3,3 %"],
            "Periode": ["september 2020"] * 2,
            "Kilde": ["Demodata"] * 2,
        }
    )
    assert list(beside_chart(same).columns) == ["Område", "Andel"]
    mixed = same.assign(Kilde=["Referat EBU 8. december 2020", "Demodata"])
    assert list(beside_chart(mixed).columns) == ["Område", "Andel", "Kilde"]
    assert list(beside_chart(same.head(1)).columns) == list(same.columns)  # one row: nothing to infer


def test_on_the_shared_screen_labels_drawn_in_a_chart_are_at_least_16_px():
    spec = {
        "layer": [
            {"mark": {"type": "line"}},
            {"mark": {"type": "text", "fontSize": 10, "angle": 270}},
            {"layer": [{"mark": {"type": "text"}}, {"mark": {"type": "text", "fontSize": 20}}]},
        ],
        "height": 300,
    }
    big = meeting.screen_spec(spec)
    assert big["layer"][0] == spec["layer"][0]
    assert big["layer"][1]["mark"] == {"type": "text", "fontSize": 16, "angle": 270}
    assert [part["mark"]["fontSize"] for part in big["layer"][2]["layer"]] == [16, 20]
    assert spec["layer"][1]["mark"]["fontSize"] == 10, "the normal view's spec is left as it was"
