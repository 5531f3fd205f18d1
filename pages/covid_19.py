"""COVID-19: citizens in contact with the jobcentre week by week since the lockdown."""

import streamlit as st

from dashboard import ui
from dashboard.data import fetch, fetch_all
from dashboard.views import covid_19 as view

ui.page_title(
    "COVID-19",
    "Borgere i kontakt med jobcentret uge for uge fra nedlukningen 12. marts 2020, "
    "sammenlignet med de samme uger i 2019 og med resten af landet.",
)
months = fetch("covid_months", home_geo=ui.home_geo(), base_date=view.BASE_DATE)["month"].tolist()
state = ui.filter_bar(["fra", "til", "gruppe", "sammenlign"], extra=[view.TOPIC], months=months)
home = ui.home_area()
group = state["gruppe"]
group_name = ui.standard_choices(["gruppe"])[0].label_of(group)
first, last, notice = view.week_window(state["fra"], state["til"])
if notice:
    st.info(notice, icon=":material/info:")
compare = ui.geo_code_of(state["sammenlign"])
topics = view.shown_topics(state["emne"])

questions = view.questions(topics, home["geo_code"], compare, group, first, last)
answers = dict(zip(questions, fetch_all(*questions.values()), strict=True))

figures = view.figure_rows(answers["figures"])
cards = view.documented_cards(figures)
ui.kpi_row(cards[:2])
ui.kpi_row(cards[2:4])
ui.kpi_row(cards[4:])
events = answers["events"]

if "ledige" in topics:
    counts = answers["counts"]
    ui.section(
        view.count_title(counts, home["name_da"], group_name),
        view.count_chart(
            counts,
            events,
            view.documented_points(figures, home["geo_code"], group),
            area=home["name_da"],
            home=home["name_da"],
        ),
        counts,
        key="ledige-uge",
        follows=("fra", "til", "gruppe"),
        period_column="week",
        table=view.documented_table(figures, home["geo_code"], group),
        note=view.COUNT_NOTE,
    )
    ui.section(
        view.index_title(counts),
        view.index_chart(counts, events, area=home["name_da"], home=home["name_da"]),
        counts,
        key="ledige-indeks",
        follows=("fra", "til", "gruppe"),
        period_column="week",
        note=f"Indeks for {view.COMPARE_YEAR} er regnet fra samme uge i {view.COMPARE_YEAR} (uge 11 = 100).",
    )

if "maalgrupper" in topics:
    groups = answers["groups"]
    ui.section(
        view.groups_title(groups),
        view.groups_chart(groups, events),
        groups,
        key="maalgrupper-indeks",
        follows=("fra", "til"),
        period_column="week",
    )

    flow_name = ui.standard_choices(["gruppe"])[0].label_of(view.flow_group(group))
    flows = answers["flows"]
    ui.section(
        view.flows_title(flows, flow_name),
        view.flows_chart(flows, events),
        flows,
        key="tilgang-afgang",
        follows=("fra", "til", "gruppe"),
        shown={"gruppe": view.flow_group(group)},
        period_column="week",
        table=view.flow_table(figures, home["geo_code"], view.flow_group(group)),
        note=view.flows_note(figures, home["geo_code"], group),
    )

if "omraader" in topics:
    versus = answers["versus"]
    ui.section(
        view.areas_title(versus, home["name_da"]),
        view.areas_chart(versus, events, home["name_da"]),
        versus,
        key="omraader-indeks",
        follows=("fra", "til", "gruppe", "sammenlign"),
        period_column="week",
    )

    new = answers["new"]
    ui.section(
        view.new_title(new),
        view.count_chart(new, events, area="Hele landet"),
        new,
        key="nytilmeldte",
        follows=("fra", "til"),
        period_column="week",
    )
