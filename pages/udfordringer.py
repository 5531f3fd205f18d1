"""Borgere med udfordringer ud over ledighed: aktivitetsparate kontanthjælpsmodtagere og
borgere i ressourceforløb – overgang til job og uddannelse, varighed og redskaber – and the
net unemployed recipients of kontanthjælp (official, Danmarks Statistik AUK01)."""

from dashboard import charts, ui
from dashboard.data import ask, fetch_all
from dashboard.views import focus, focus_charts, focus_tables, focus_titles, official

GROUPS = ("kontanthjaelp-aktivitetsparat", "ressourceforloeb")
TOOLS = ["virksomhedspraktik_andel", "loentilskud_andel", "ordinaere_timer_andel", "overgang_job_uddannelse"]

ui.page_title(
    "Borgere med udfordringer ud over ledighed", "Aktivitetsparate kontanthjælpsmodtagere og borgere i ressourceforløb."
)
state = ui.filter_bar(["fra", "til", "gruppe", "herkomst", "sammenlign"])
home = ui.home_area()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
compare = ui.geo_code_of(state["sammenlign"])
areas = focus.comparison_areas(home, compare)
group, group_note = focus.restrict(state["gruppe"], GROUPS)

targets, back, bands, tools, net, facts = fetch_all(
    ask("target_status", geo_code=home["geo_code"], as_of=last, focus_area="udfordringer"),
    ask(
        "indicator_by_geography",
        indicator_id="overgang_job_uddannelse",
        geo_codes=areas,
        first_month=first,
        last_month=last,
        group_code=group,
        origin=state["herkomst"],
    ),
    ask("duration_bands", geo_code=home["geo_code"], compare_geo=compare, origin=state["herkomst"], month=last),
    ask("indicators_vs_national", indicator_ids=TOOLS, group_codes=list(GROUPS), geo_code=home["geo_code"], month=last),
    ask(
        "quarterly_count_by_geography",
        indicator_id="kontanthjaelp_nettoledige",
        geo_codes=[home["geo_code"]],
        first_month=first,
        last_month=last,
    ),
    ask("documented_figures", topics=["udfordringer", "frikort"], known_by_month=last),
)
focus.target_callouts(targets)

ui.section(
    focus_titles.reference_title(back, home, "går i job eller uddannelse pr. måned"),
    charts.line_over_time(
        back, y="value", y_title="Andel pr. måned, %", series="geography", home_series=home["name_da"]
    ),
    back,
    key="overgang",
    follows=focus.followed(
        ("fra", "til", "gruppe", "herkomst", "sammenlign"), back, group_code=group, origin=state["herkomst"]
    ),
    shown={"gruppe": group},
    table=focus_tables.latest_table(back, label="Andel"),
    note=" ".join(
        filter(
            None,
            [
                group_note,
                focus.fallback_note(back, origin=state["herkomst"]),
                "Målet er landsgennemsnittet (Hele landet).",
            ],
        )
    ),
)

ui.section(
    focus_titles.bands_title(bands),
    focus_charts.stacked_bands(bands),
    bands,
    key="varighed",
    follows=focus.followed(("til", "herkomst", "sammenlign"), bands, origin=state["herkomst"]),
)

ui.section(
    focus_titles.vs_national_title(tools, home),
    focus_charts.comparison_bars(
        focus_tables.vs_national_long(tools, home["name_da"]),
        category="measure",
        value="value",
        value_title="Andel, %",
        series="geography",
        home_series=home["name_da"],
    ),
    tools,
    key="redskaber",
    follows=("til",),
)

ui.section(
    official.quarterly_count_title(net, "nettoledige kontanthjælpsmodtagere", home["name_da"]),
    charts.line_over_time(
        net,
        y="value",
        y_title="Fuldtidspersoner pr. kvartal",
        series="geography",
        home_series=home["name_da"],
        fmt=",.0f",
    ),
    net,
    key="nettoledige-kontanthjaelp",
    follows=("fra", "til"),
    period_column=None,
    note=official.quarterly_note(
        net, "Kontanthjælpsmodtagere der er nettoledige (ikke i aktivering), omregnet til fuldtidspersoner pr. kvartal."
    ),
)

ui.section(
    focus_titles.documented_title(facts),
    None,
    facts,
    key="tal-fra-planerne",
    period_column=None,
    table=focus_tables.documented_table(facts),
)
