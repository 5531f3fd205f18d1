"""Overblik through AppTest: it renders, filters change the numbers, bad links fall back."""

import pytest
from apptest import metric, run_page
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest


def run(params: dict[str, str] | None = None) -> AppTest:
    return run_page("overblik", params)


def test_overblik_renders_without_exception(app_db):
    at = run()
    assert not at.exception
    assert at.title[0].value == "Overblik"
    assert len(at.metric) == 4


def test_september_2020_shows_the_documented_rates_with_the_minutes_as_source(app_db):
    at = run({"til": "2020-09"})
    assert metric(at, "Ledighedsprocent (alle ledige)") == "4,3 %"
    table = at.table[0].value.set_index("Område")
    assert table.loc["Ballerup", "Ledighed"] == "4,3 %"
    assert table.loc["Hovedstadsområdet", "Ledighed"] == "4,9 %"
    assert table.loc["Hele landet", "Ledighed"] == "4,5 %"
    documented = table.loc[["Ballerup", "Hovedstadsområdet", "Hele landet"], "Kilde"]
    assert set(documented) == {"Referat, Erhvervs- og Beskæftigelsesudvalget 8. december 2020"}
    assert table.loc["Region Hovedstaden", "Kilde"].startswith("Demodata")
    assert "4,3 %" in at.subheader[0].value


def test_changing_the_target_group_changes_the_numbers(app_db):
    at = run({"til": "2020-09"})
    before = metric(at, "Fuldtidsledige")
    at.selectbox(key="gruppe").set_value("dagpenge").run()
    assert not at.exception
    assert metric(at, "Fuldtidsledige") != before
    assert at.query_params["gruppe"] in ("dagpenge", ["dagpenge"])


def test_changing_the_comparison_area_changes_the_chart_areas(app_db):
    at = run({"til": "2020-09", "sammenlign": "gentofte"})
    assert "Gentofte" in set(at.table[0].value["Område"])


@pytest.mark.parametrize(
    "params",
    [
        {"gruppe": "kontanthjælp"},
        {"til": "2099-01"},
        {"fra": "'; DROP TABLE observation; --"},
        {"alder": "x" * 5000},
        {"ukendt": "zzz"},
    ],
)
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    at = run(params)
    assert not at.exception
    assert at.info, "expected a notice"
    assert all(v not in n.value for n in at.info for v in params.values())
    assert at.selectbox(key="gruppe").value == "alle"


def test_every_chart_has_a_source_line_a_demo_marker_and_a_download(app_db):
    at = run()
    sources = [c.value for c in at.caption if c.value.startswith("Kilde:")]
    assert len(sources) == 3 and all("data til og med" in s for s in sources)
    assert sum("DEMODATA" in m.value for m in at.markdown) == 4  # three charts and the KPI row


def test_period_defaults_to_three_years_ending_at_the_chosen_month(app_db):
    at = run({"til": "2020-09"})
    assert at.selectbox(key="fra").value == "2017-10"
    assert "fra" not in at.query_params


def test_a_failing_page_shows_a_danish_message_not_a_traceback(app_db, monkeypatch):
    monkeypatch.setenv("DASHBOARD_RAISE_ERRORS", "0")
    monkeypatch.setenv("DASHBOARD_MIN_PERSONS", "5")
    from dashboard import ui
    from dashboard.settings import get_settings

    get_settings.cache_clear()
    monkeypatch.setattr(ui, "home_area", lambda: 1 / 0)
    at = run({"til": "2020-09"})
    assert not at.exception
    assert at.error and "kunne ikke vises" in at.error[0].value


def test_a_card_whose_change_is_zero_has_no_arrow_and_no_colour(app_db):
    at = run_page("overblik")
    zero = [m.proto for m in at.metric if m.delta.split(" ")[0] in ("0", "0,0")]
    assert zero and all(
        (p.direction, p.color) == (MetricProto.MetricDirection.NONE, MetricProto.MetricColor.GRAY) for p in zero
    )
    assert not any("-" in (m.delta or "").split(" ")[0] for m in at.metric)


def test_the_headline_compares_with_the_area_chosen_under_sammenlign_med(app_db):
    title = run({"sammenlign": "region-hovedstaden"}).subheader[0].value
    assert title.endswith("Region Hovedstaden") and "hele landet" not in title
    assert run().subheader[0].value.endswith("hele landet")


def test_choosing_til_og_med_leaves_fra_where_it_was_and_says_so_when_it_must_move(app_db):
    at = run()
    start = at.selectbox(key="fra").value
    at.selectbox(key="til").set_value("2021-06").run()
    assert at.selectbox(key="fra").value == start and at.query_params["fra"] == start
    assert not [i for i in at.info if i.value.startswith("«Fra» er flyttet")]
    at.selectbox(key="til").set_value("2019-06").run()
    assert at.selectbox(key="fra").value == "2019-06"
    assert [i.value for i in at.info if i.value.startswith("«Fra» er flyttet")] == [
        "«Fra» er flyttet til juni 2019, så perioden ikke begynder efter «Til og med»."
    ]


def test_each_chart_says_which_filters_it_follows_with_their_values_and_which_it_ignores(app_db):
    at = run({"gruppe": "dagpenge", "koen": "kvinder"})
    notes = [c.value for c in at.caption if "Viser:" in c.value]
    assert len(notes) == 4
    rates, ages, origins, recipients = notes
    assert "Dagpenge" in recipients and recipients.endswith("Følger ikke: sammenlign med, alder, køn.")
    assert "Kvinder" in rates and rates.endswith("Følger ikke: målgruppe.")
    assert "Kvinder" in ages and ages.endswith("Følger ikke: målgruppe, alder.")
    assert "Kvinder" not in origins and origins.endswith(
        "Følger ikke: sammenlign med, målgruppe, alder, køn, herkomst."
    )


@pytest.mark.parametrize(
    "params",
    [
        {"til": "2020-09"},
        {"til": "2021-03", "alder": "25-29"},
        {"til": "2019-12", "koen": "kvinder", "herkomst": "dansk"},
    ],
)
def test_the_rate_title_states_the_figure_of_the_card(app_db, params):
    """Card and title read Ballerup's rate from one query (headline_kpis), so they cannot disagree."""
    at = run(params)
    card = metric(at, "Ledighedsprocent (alle ledige)")
    assert card[0].isdigit(), card
    assert at.subheader[0].value.startswith(f"Ledigheden i Ballerup var {card} i "), (card, at.subheader[0].value)


def test_the_recipients_of_the_chosen_target_group_are_shown_over_time_with_the_cards_figure(app_db):
    at = run({"til": "2020-09", "gruppe": "dagpenge"})
    assert not at.exception
    title = next(h.value for h in at.subheader if "modtagere (dagpenge) i Ballerup" in h.value)
    assert title.startswith(f"{metric(at, 'Modtagere i målgruppen')} modtagere (dagpenge) i Ballerup i september 2020")
    every_group = run({"til": "2020-09"})
    assert not [h for h in every_group.subheader if "modtagere (" in h.value], "no målgruppe chosen: no trend of one"
