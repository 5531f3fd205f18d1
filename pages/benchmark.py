"""Benchmark: the Ministry's ranking of actual vs expected public support, Ballerup among 98."""

import streamlit as st

from dashboard import meeting, ui
from dashboard.data import ask, fetch_all
from dashboard.views import benchmark as view

ui.page_title(
    "Benchmark",
    "Beskæftigelsesministeriets benchmark: hvor mange borgere er på offentlig forsørgelse "
    "i forhold til det forventede ud fra kommunens rammevilkår?",
)
periods, *_ = fetch_all(ask("benchmark_periods"), *ui.shared_questions())
# A link (or the quarterly report) with `til` shows only what was published by that month.
as_of = view.known_by(st.query_params.get("til"), ui.standard_choices(["til"])[0].options)
extra = view.choices(periods, as_of)
state = ui.filter_bar(["sammenlign"], extra=extra)
home = ui.home_area()
period, group = state["periode"], state["ydelse"]
period_label = extra[0].label_of(period)
area_choice = ui.standard_choices(["sammenlign"])[0]
area = "000" if state["sammenlign"] == area_choice.default else ui.geo_code_of(state["sammenlign"])
area_name = None if area == "000" else area_choice.label_of(state["sammenlign"])
with st.expander("Hvad måler benchmarket?", icon=":material/help:"):  # folded: the placements come first
    st.markdown(view.WHAT_IT_MEASURES)

placement, ranking, history, cited = fetch_all(
    ask("benchmark_home_placement", period=period, home_geo=home["geo_code"]),
    ask("benchmark_ranking", period=period, benefit_group=group, area=area, home_geo=home["geo_code"]),
    ask("benchmark_rank_history", home_geo=home["geo_code"], as_of=as_of),
    ask("benchmark_cited_figures", home_geo=home["geo_code"], as_of=as_of),
)
phone, report = ui.on_phone(), ui.in_report()
short = meeting.is_active() or phone or report  # not a full screen: top 10 and Ballerup's block
st.subheader(f"{home['name_da']}s placering, {period_label}")
cards = view.placement_cards(placement)
ui.kpi_row(cards[:2], demo=ui.is_demo(placement))
ui.kpi_row(cards[2:])

ui.section(
    view.ranking_title(ranking, home["name_da"], group, period_label, area_name),
    view.ranking_chart(ranking, short=short),
    ranking,
    key="benchmark-placering",
    follows=("periode", "ydelse", "sammenlign"),
    period_column=None,
    table=view.ranking_table(ranking, with_area=area_name is not None, phone=phone),
    highlight=view.home_rows(ranking),
    note=view.ranking_note(ranking, short, home["name_da"], area_name, phone=phone, whole_table=not report),
)

ui.section(
    view.history_title(history, home["name_da"]),
    view.history_chart(history, period),
    history,
    key="benchmark-historik",
    follows=(),
    period_column=None,
)

ui.section(
    "Placeringer nævnt i pressen, hvor perioden ikke fremgår af tabellen",
    None,
    cited,
    key="benchmark-citater",
    period_column=None,
    table=view.cited_table(cited),
    note="Citeret som skrevet; perioden er ikke kalibreret i demodata, medmindre den er angivet som halvår.",
)
