"""COVID-19 through AppTest: renders, documented figures exact, filters change numbers, bad links fall back."""

import pytest
from apptest import run_page
from streamlit.testing.v1 import AppTest


def run(params: dict[str, str] | None = None) -> AppTest:
    return run_page("covid-19", params)


def cards(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_covid_page_renders_the_documented_figures_computed_from_the_weekly_series(app_db):
    at = run()
    assert not at.exception
    assert at.title[0].value == "COVID-19"
    shown = cards(at)
    assert shown["Ledige i kontakt, 12. marts–25. november 2020"] == ("+184", "+4,3 %")
    assert shown["Dagpenge, 25. november 2020"] == ("1.021", "+225 siden 12. marts")
    assert shown["Ledige i kontakt, 5. maj–25. november 2020"][0] == "−186"
    assert shown["Nytilmeldte ledige, hele landet, 9. marts–29. november 2020"] == (
        "333.072",
        "+50.579 mod samme uger 2019",
    )


def test_documented_points_table_shows_stated_and_recomputed_values_with_source(app_db):
    at = run()
    table = at.table[0].value.set_index("Periode")
    # st.table reads cells as Markdown: the period is sent escaped, so «9. marts» is not a numbered list
    row = table.loc["12\\. marts–25. november 2020"]
    assert (row["Dokumenteret"], row["Ugeserien"]) == ("+184", "+184")
    assert row["Kilde"].startswith("Referat, Erhvervs- og Beskæftigelsesudvalget")
    assert table.loc["9\\. marts–19. maj 2020", "Ugeserien"] == "+422"


def test_changing_the_target_group_changes_the_numbers(app_db):
    at = run()
    before = [s.value for s in at.subheader]
    at.selectbox(key="gruppe").set_value("dagpenge").run()
    assert not at.exception
    after = [s.value for s in at.subheader]
    assert after[0] != before[0] and after[0].startswith("Dagpenge")
    assert "1.021" in set(at.table[0].value["Dokumenteret"])


def test_a_shorter_period_changes_the_finding(app_db):
    full = run().subheader[0].value
    at = run({"til": "2020-11"})
    assert not at.exception
    assert at.subheader[0].value != full and "i 2020" in at.subheader[0].value


def test_a_period_before_the_lockdown_falls_back_to_the_covid_weeks_with_a_notice(app_db):
    at = run({"fra": "2018-01", "til": "2019-06"})
    assert not at.exception
    assert any("«fra» og «til»" in n.value and "siden har tal fra marts 2020 til december 2021" in n.value for n in at.info)
    assert "uge 52 i 2021" in at.subheader[0].value


def test_the_period_filter_offers_only_months_with_covid_figures_and_ends_at_the_newest(app_db):
    at = run()
    for key in ("fra", "til"):
        assert at.selectbox(key=key).options[0] == "marts 2020" and at.selectbox(key=key).options[-1] == "december 2021"
    assert (at.selectbox(key="fra").value, at.selectbox(key="til").value) == ("2020-03", "2021-12")
    moved = run({"til": "2022-06"})
    assert moved.selectbox(key="til").value == "2021-12"
    assert any(n.value.startswith("Linkets «til» ligger uden for") for n in moved.info)


@pytest.mark.parametrize(
    "params",
    [{"gruppe": "kontanthjælp"}, {"sammenlign": "atlantis"}, {"til": "2020-13"}, {"fra": "<script>alert(1)</script>"}],
)
def test_bad_parameters_fall_back_with_a_notice(app_db, params):
    at = run(params)
    assert not at.exception
    assert any("Ugyldig værdi" in n.value for n in at.info)
    assert all(v not in n.value for n in at.info for v in params.values())
    assert at.selectbox(key="gruppe").value == "alle" and at.selectbox(key="sammenlign").value == "hele-landet"


@pytest.mark.parametrize("topic", ["ledige", "maalgrupper", "omraader"])
def test_every_chart_has_a_source_line_a_demo_marker_and_a_download(app_db, topic):
    at = run({"emne": topic})
    sections = len(at.subheader)
    sources = [c.value for c in at.caption if c.value.startswith("Kilde:")]
    assert sections == 2 and len(sources) == sections
    assert all("data til og med" in s for s in sources)
    assert sum("DEMODATA" in m.value for m in at.markdown) == sections
    assert len([b for b in at.get("download_button") if b.key.startswith("csv-")]) == sections


SECTIONS = {
    "ledige": ["ledige-uge", "ledige-indeks"],
    "maalgrupper": ["maalgrupper-indeks", "tilgang-afgang"],
    "omraader": ["omraader-indeks", "nytilmeldte"],
}


def section_keys(at: AppTest) -> list[str]:
    """The sections drawn, in order (each has its CSV download keyed `csv-<section>`)."""
    return [b.key.removeprefix("csv-") for b in at.get("download_button") if b.key.startswith("csv-")]


def test_the_default_topic_is_the_weekly_count_and_each_topic_shows_its_own_two_charts(app_db):
    assert section_keys(run()) == SECTIONS["ledige"]
    for topic, keys in SECTIONS.items():
        at = run({"emne": topic})
        assert section_keys(at) == keys
        assert at.selectbox(key="emne").value == topic


def test_the_topic_lives_in_the_url_and_a_bad_topic_falls_back_with_a_notice(app_db):
    at = run()
    at.selectbox(key="emne").set_value("omraader").run()
    assert not at.exception
    assert at.query_params["emne"] in ("omraader", ["omraader"])
    bad = run({"emne": "alt"})
    assert any("Ugyldig værdi" in n.value for n in bad.info)
    assert bad.selectbox(key="emne").value == "ledige"


def test_the_quarterly_report_records_every_topic(app_db):
    from dashboard.nav import existing_views
    from dashboard.report import record_page

    view = next(v for v in existing_views() if v.path == "covid-19")
    recorded = record_page(view, {})
    assert [s.key for s in recorded.sections] == [key for keys in SECTIONS.values() for key in keys]


def test_the_minutes_dagpenge_flows_and_split_are_shown_as_stated_with_their_source(app_db):
    at = run()
    shown = cards(at)
    assert shown["Tilgang til dagpenge, 12. marts–25. november 2020"][0] == "1.986"
    assert shown["Afgang fra dagpenge, 12. marts–25. november 2020"][0] == "1.761"
    assert shown["Mænd blandt nye dagpengemodtagere, 12. marts–25. november 2020"][0] == "ca. 60 %"
    split = next(m for m in at.metric if m.label.startswith("Mænd blandt"))
    assert "Referat" in split.help and "3F" in split.help and "Akademikernes A-kasse" in split.help


def test_the_weekly_flows_add_up_to_the_documented_ones(app_db):
    at = run({"emne": "maalgrupper", "gruppe": "dagpenge"})
    assert not at.exception
    flows = next(t.value for t in at.table if "Strøm" in t.value.columns).set_index("Strøm")
    assert flows.loc["Tilgang til dagpenge", ["Dokumenteret", "Ugeserien"]].tolist() == ["1.986", "1.986"]
    assert flows.loc["Afgang fra dagpenge", ["Dokumenteret", "Ugeserien"]].tolist() == ["1.761", "1.761"]
    assert any("796" in c.value and "+ 1.986 − 1.761 = 1.021" in c.value for c in at.caption)


def test_a_month_before_the_minutes_shows_none_of_their_figures(app_db):
    at = run({"til": "2020-09"})
    assert not at.exception
    assert not [label for label in cards(at) if "25. november" in label]


def test_documented_points_carry_a_number_not_their_text_so_labels_cannot_pile_up(app_db, monkeypatch):
    from dashboard import ui

    drawn = []
    original = ui.vega_spec
    monkeypatch.setattr(
        ui, "vega_spec", lambda chart, *, large=False: drawn.append(chart) or original(chart, large=large)
    )
    at = run()
    numbers = at.table[0].value["Nr."]
    assert sorted(set(numbers), key=int) == [str(i) for i in range(1, numbers.nunique() + 1)]
    texts = [
        part
        for chart in drawn
        for part in chart.get("layer", [])
        if isinstance(part.get("mark"), dict)
        and part["mark"]["type"] == "text"
        and "data" in part
        and "number" in part["data"].columns
    ]
    assert texts and all(part["encoding"]["text"]["field"] == "number" for part in texts)
    assert all(len(n) <= 2 for part in texts for n in part["data"]["number"])
