"""Mål og planer: every target of the employment plans 2015–2022 with its latest value and
status, the 2018 activation table exactly as the plan states it, and the source documents."""

import streamlit as st

from dashboard import ui
from dashboard.data import ask, fetch_all
from dashboard.findings import status_summary
from dashboard.settings import PROJECT_ROOT, get_settings
from dashboard.views import maal as view

ui.page_title("Mål og planer", "Alle mål fra beskæftigelsesplanerne med seneste værdi, status og kilde.")
asked = st.query_params.get("dokument")  # read before the filter bar drops a malformed value
state = ui.filter_bar(["til"], known=["dokument"])
home = ui.home_area()
last = ui.month_start(state["til"])
docs, targets, activation = fetch_all(
    ask("source_documents"),
    ask("target_status", geo_code=home["geo_code"], as_of=last, focus_area=None),
    ask("activation_plan_2018", geo_code=home["geo_code"], as_of=last),
)
targets, activation = view.reported_targets(targets), view.reported_activation(activation)
document, notice = view.chosen_document(asked, docs)
if notice:
    st.info(notice, icon=":material/info:")

phone = ui.on_phone()
ui.kpi_row(view.status_cards(targets))
ui.section(
    status_summary(view.status_counts(targets)),
    view.status_chart(targets, phone=phone),
    targets,
    key="maal",
    follows=("til",),
    period_column="period_start",
    table=view.target_table(targets, phone=phone),
    note=view.target_note(phone=phone),
)
with st.expander("Sådan beregnes status"):
    st.markdown(view.status_rule_text(PROJECT_ROOT))

for name, part in view.activation_parts(activation):
    ui.section(
        view.activation_title(name, part, last),
        None,
        part,
        key=f"plan-2018-{name}",
        period_column=None,
        table=view.activation_table(part, phone=phone),
        note=view.activation_note(part, phone=phone),
    )

st.subheader("Kildedokumenter")
st.markdown(view.document_links(docs))
if document:
    with st.expander(document["source"], expanded=True):
        st.text(view.document_text(get_settings().data_dir, document["source_url"]) or "Dokumentet findes ikke.")
