"""Unge borgere: kompetencegivende uddannelse mod landsniveau (Mål 4), ledighed for de
16–24- og 25–29-årige og modtagere af uddannelseshjælp."""

from dashboard import charts, ui
from dashboard.data import ask, fetch_all
from dashboard.views import focus, focus_tables, focus_titles

ui.page_title("Unge borgere", "Uddannelse og ledighed blandt de 16–29-årige.")
state = ui.filter_bar(["fra", "til", "koen", "herkomst", "sammenlign"])
home = ui.home_area()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
compare = ui.geo_code_of(state["sammenlign"])
areas = focus.comparison_areas(home, compare)

targets, education, youth, benefit, benefit_now, facts = fetch_all(
    ask("target_status", geo_code=home["geo_code"], as_of=last, focus_area="unge"),
    ask(
        "indicator_by_geography",
        indicator_id="kompetencegivende_uddannelse",
        geo_codes=areas,
        first_month=first,
        last_month=last,
        group_code="alle",
        origin=state["herkomst"],
    ),
    ask(
        "youth_unemployment_rate",
        geo_codes=list(dict.fromkeys([home["geo_code"], compare])),
        first_month=first,
        last_month=last,
        gender=state["koen"],
        origin=state["herkomst"],
    ),
    ask(
        "indicator_by_geography",
        indicator_id="modtagere",
        geo_codes=[home["geo_code"]],
        first_month=first,
        last_month=last,
        group_code="uddannelseshjaelp",
        origin=state["herkomst"],
    ),
    ask(
        "indicator_latest_by_geography",
        indicator_id="modtagere",
        geo_codes=[home["geo_code"]],
        month=last,
        group_code="uddannelseshjaelp",
        origin=state["herkomst"],
    ),
    ask("documented_figures", topics=["unge"], known_by_month=last),
)
focus.target_callouts(targets)

ui.section(
    focus_titles.reference_title(education, home, "i kompetencegivende uddannelse", reference_name="landsniveauet"),
    charts.line_over_time(
        education, y="value", y_title="Andel af de 16–29-årige, %", series="geography", home_series=home["name_da"]
    ),
    education,
    key="uddannelse",
    follows=focus.followed(("fra", "til", "herkomst", "sammenlign"), education, origin=state["herkomst"]),
    table=focus_tables.latest_table(education, label="Andel"),
    note=" ".join(
        filter(
            None, [focus.fallback_note(education, origin=state["herkomst"]), "Målet er landsniveauet (Hele landet)."]
        )
    ),
)

ui.section(
    focus_titles.youth_title(youth, home),
    charts.line_over_time(youth, y="rate_pct", y_title="Ledighed, %", series="series", home_series=home["name_da"]),
    youth,
    key="ledighed-unge",
    follows=("fra", "til", "koen", "herkomst", "sammenlign"),
    table=focus_tables.latest_table(youth, value="rate_pct", label="Ledighed", area="series"),
)

ui.section(
    focus_titles.count_title(benefit_now, f"modtagere af uddannelseshjælp i {home['name_da']}"),
    charts.line_over_time(
        benefit, y="value", y_title="Modtagere, personer", series="geography", fmt=",.0f", home_series=home["name_da"]
    ),
    benefit,
    key="uddannelseshjaelp",
    follows=focus.followed(("fra", "til", "herkomst"), benefit, origin=state["herkomst"]),
    table=focus_tables.latest_table(benefit, label="Modtagere"),
)

ui.section(
    focus_titles.documented_title(facts),
    None,
    facts,
    key="tal-fra-planerne",
    period_column=None,
    table=focus_tables.documented_table(facts),
)
