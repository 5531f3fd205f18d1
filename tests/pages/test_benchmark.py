"""Benchmark through AppTest: the documented placements, filters, bad links fall back."""

import pytest
from apptest import run_page
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

PERIOD = "2019h2-2020h1"


def run(params: dict[str, str] | None = None) -> AppTest:
    return run_page("benchmark", params)


def cards(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_the_published_placements_2019h2_2020h1_are_shown_as_official_text_without_demo_badge(app_db):
    at = run({"periode": PERIOD})
    assert not at.exception
    assert at.title[0].value == "Benchmark"
    shown = cards(at)
    assert shown["Offentlig forsørgelse i alt"] == ("7. plads af 98", "−160 (−0,54 pct.-point) i forhold til forventet")
    assert shown["Dagpenge"][0] == "28. plads af 98" and shown["Dagpenge"][1].startswith("−20 ")
    assert shown["Sygedagpenge og jobafklaring"][0] == "85. plads af 98" and shown["Sygedagpenge og jobafklaring"][
        1
    ].startswith("+90 ")
    assert shown["Kontanthjælpsområdet"][0] == "3. plads af 98"
    assert shown["Kontanthjælpsområdet"][1].startswith("−240 ")
    total = next(m for m in at.metric if m.label == "Offentlig forsørgelse i alt")
    assert "forventet 2.920, faktisk 2.760" in total.help
    assert all("Kilde: Jobindsats (STAR), Y30R21" in m.help for m in at.metric)
    badges = [m.value for m in at.markdown if "DEMODATA" in m.value]
    assert len(badges) == 1  # only the rank history, whose earlier periods are demo


def test_below_expected_is_green_and_above_red_without_a_time_arrow(app_db):
    at = run({"periode": PERIOD})
    by_label = {m.label: m.proto for m in at.metric}
    below, above = by_label["Offentlig forsørgelse i alt"], by_label["Sygedagpenge og jobafklaring"]
    assert (below.direction, below.color) == (MetricProto.MetricDirection.NONE, MetricProto.MetricColor.GREEN)
    assert (above.direction, above.color) == (MetricProto.MetricDirection.NONE, MetricProto.MetricColor.RED)
    assert all(m.delta.endswith("i forhold til forventet") for m in at.metric)


def test_the_page_explains_what_the_benchmark_measures_in_a_folded_box(app_db):
    at = run({"periode": PERIOD})
    box = next(e for e in at.expander if e.label == "Hvad måler benchmarket?")
    note = " ".join(m.value for m in box.markdown)
    assert "forvente" in note and "rammevilkår" in note and "Placering 1" in note


def test_ranking_lists_all_98_with_ballerup_highlighted_and_the_finding_in_the_title(app_db):
    at = run({"periode": PERIOD})
    table = at.table[0].value
    assert len(table) == 98 and table["Placering"].tolist() == list(range(1, 99))
    ballerup = table[table["Kommune"] == "Ballerup"].iloc[0]
    assert (ballerup["Placering"], ballerup["Forskel"]) == (7, "−160")
    title = next(s.value for s in at.subheader if s.value.startswith("Ballerup er nr."))
    assert "nr. 7 af 98" in title and "160 færre end forventet" in title
    styles = [e.proto.body for e in at.get("html") if "afsnit-benchmark-placering" in e.proto.body]
    assert len(styles) == 1 and "tbody tr:nth-child(7) td" in styles[0]  # Ballerup's row, 7th of 98
    assert styles[0].count("nth-child") == 1


def test_default_period_is_the_newest_and_the_period_filter_changes_the_numbers(app_db):
    at = run()
    assert at.selectbox(key="periode").value == "2022h1-2022h2"
    newest = cards(at)
    at.selectbox(key="periode").set_value(PERIOD).run()
    assert not at.exception
    assert cards(at) != newest and cards(at)["Offentlig forsørgelse i alt"][0] == "7. plads af 98"
    assert at.query_params["periode"] in (PERIOD, [PERIOD])


def test_region_filter_shows_its_municipalities_with_national_and_area_rank(app_db):
    at = run({"periode": PERIOD, "sammenlign": "region-hovedstaden"})
    assert not at.exception
    table = at.table[0].value
    assert len(table) == 29 and "Ballerup" in set(table["Kommune"])
    assert table["I området"].tolist() == list(range(1, 30))
    assert table["Placering"].is_monotonic_increasing and table["Placering"].max() <= 98
    ballerup = table[table["Kommune"] == "Ballerup"].iloc[0]
    assert ballerup["Placering"] == 7
    assert any(f"nr. {ballerup['I området']} af 29 i Region Hovedstaden" in s.value for s in at.subheader)


def test_benefit_group_filter_changes_the_ranking(app_db):
    at = run({"periode": PERIOD})
    at.selectbox(key="ydelse").set_value("kontanthjaelpsomraadet").run()
    assert not at.exception
    assert any("nr. 3 af 98 i kontanthjælpsområdet" in s.value for s in at.subheader)


def test_rank_history_and_cited_news_placements(app_db):
    at = run({"periode": PERIOD})
    assert any(s.value.startswith("Ballerups placering i alt er") for s in at.subheader)
    cited = at.table[-1].value
    assert {"nr. 5", "nr. 2", "nr. 6"} <= set(cited["Værdi"])
    assert any(src.startswith("Ballerup Bladet") for src in cited["Kilde"])
    assert not any("2019H2-2020H1" in p for p in cited["Periode"])


@pytest.mark.parametrize(
    "params",
    [
        {"periode": "2019H2-2020H1"},
        {"periode": "2030h1-2030h2"},
        {"ydelse": "ialt-xyz"},
        {"periode": "'; DROP TABLE benchmark; --"},
        {"sammenlign": "x" * 300},
    ],
)
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    at = run(params)
    assert not at.exception
    assert any("Ugyldig værdi" in n.value for n in at.info)
    assert all(v not in n.value for n in at.info for v in params.values())
    assert at.selectbox(key="periode").value == "2022h1-2022h2" and at.selectbox(key="ydelse").value == "i-alt"


def test_a_documented_card_credits_the_minutes_with_placement_and_forskel_only():
    import pandas as pd

    from dashboard.views.benchmark import placement_cards

    row = {
        "benefit_group_name": "Offentlig forsørgelse i alt",
        "rank": 7,
        "municipalities": 98,
        "difference_fte": -160.0,
        "difference_pct_point": -0.5,
        "expected_persons": 2911.0,
        "actual_persons": 2751.0,
        "quality": "document",
        "source": "Referat, Erhvervs- og Beskæftigelsesudvalget",
    }
    help_text = placement_cards(pd.DataFrame([row]))[0].help
    assert "Placering og forskel: Referat, Erhvervs- og Beskæftigelsesudvalget." in help_text
    assert "Demodata (genereret omkring referatets tal): forventet 2.911, faktisk 2.751" in help_text


def test_history_title_compares_the_periods_the_query_marks_oldest_and_newest_not_the_row_order():
    import pandas as pd

    from dashboard.views.benchmark import history_title

    frame = pd.DataFrame(
        {
            "benefit_group": ["i-alt", "i-alt", "i-alt", "dagpenge"],
            "rank": [12, 7, 20, 1],
            "period_label": ["b", "c", "a", "c"],
            "is_oldest": [False, False, True, True],
            "is_newest": [False, True, False, True],
        }
    )
    assert history_title(frame, "Ballerup") == "Ballerups placering i alt er forbedret fra nr. 20 (a) til nr. 7 (c)"
    one = frame[frame.benefit_group == "dagpenge"].assign(benefit_group="i-alt")
    assert history_title(one, "Ballerup") == "Ballerups placering over tid"


def test_the_meeting_note_says_what_the_short_chart_leaves_out_and_only_when_it_leaves_something_out():
    import pandas as pd

    from dashboard.views.benchmark import ranking_note

    trimmed = pd.DataFrame({"in_meeting_extract": [True] * 15 + [False] * 14})
    note = ranking_note(trimmed, True, "Ballerup", "Region Hovedstaden")
    assert note.startswith("Kun kommunerne i Region Hovedstaden og Ballerup vises")
    assert "de 10 bedste i Region Hovedstaden og Ballerup med de to kommuner over og under" in note
    assert note.endswith("tabellen viser alle 29.")
    assert ranking_note(trimmed, False, "Ballerup", None) is None
    assert ranking_note(trimmed.head(15), True, "Ballerup", None) is None
    # the report's table says itself which rows it leaves out
    assert ranking_note(trimmed, True, "Ballerup", None, whole_table=False) == (
        "Figuren viser de 10 bedste og Ballerup med de to kommuner over og under."
    )


def test_on_a_phone_the_ranking_table_keeps_placement_municipality_and_difference_and_says_where_the_rest_is():
    import pandas as pd

    from dashboard.views.benchmark import PHONE_TABLE_NOTE, ranking_note, ranking_table

    frame = pd.DataFrame(
        {
            "rank": [1, 2],
            "area_rank": [1, None],
            "municipality": ["Fanø", "Ballerup"],
            "expected_persons": [40.0, 1000.0],
            "actual_persons": [30.0, 1100.0],
            "difference_fte": [-10.0, 100.0],
            "difference_pct_point": [-0.48, 0.3],
            "in_meeting_extract": [True, True],
        }
    )
    wide = ranking_table(frame, with_area=False)
    assert list(wide.columns) == ["Placering", "Kommune", "Forventet", "Faktisk", "Forskel", "Forskel, pct.-point"]
    assert list(ranking_table(frame, with_area=False, phone=True).columns) == [
        "Placering",
        "Kommune",
        "Forskel, pct.-point",
    ]
    phone_area = ranking_table(frame, with_area=True, phone=True)
    assert list(phone_area.columns) == ["Placering", "I området", "Kommune", "Forskel, pct.-point"]
    assert phone_area["Forskel, pct.-point"].tolist() == ["−0,48", "+0,30"]
    assert ranking_note(frame, True, "Ballerup", None, phone=True) == PHONE_TABLE_NOTE
    assert ranking_note(frame, True, "Ballerup", None) is None
