"""Borgere med udfordringer ud over ledighed: aktivitetsparate kontanthjælpsmodtagere og
borgere i ressourceforløb – overgang til job og uddannelse, varighed og redskaber."""

from dashboard import charts, ui
from dashboard.data import ask, fetch_all
from dashboard.views import focus

GROUPS = ("kontanthjaelp-aktivitetsparat", "ressourceforloeb")
TOOLS = ["virksomhedspraktik_andel", "loentilskud_andel", "ordinaere_timer_andel", "overgang_job_uddannelse"]

ui.page_title("Borgere med udfordringer ud over ledighed",
              "Aktivitetsparate kontanthjælpsmodtagere og borgere i ressourceforløb.")
state = ui.filter_bar(["fra", "til", "gruppe", "herkomst", "sammenlign"])
home = ui.home_area()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
compare = ui.geo_code_of(state["sammenlign"])
areas = focus.comparison_areas(home, compare)
group, group_note = focus.restrict(state["gruppe"], GROUPS)

targets, back, bands, tools, facts = fetch_all(
    ask("target_status", geo_code=home["geo_code"], as_of=last, focus_area="udfordringer"),
    ask("indicator_by_geography", indicator_id="overgang_job_uddannelse", geo_codes=areas, first_month=first,
        last_month=last, group_code=group, origin=state["herkomst"]),
    ask("duration_bands", geo_code=home["geo_code"], compare_geo=compare, origin=state["herkomst"], month=last),
    ask("indicators_vs_national", indicator_ids=TOOLS, group_codes=list(GROUPS), geo_code=home["geo_code"], month=last),
    ask("documented_figures", topics=["udfordringer", "frikort"]),
)
focus.target_callouts(targets)

ui.section(
    focus.reference_title(back, home, "går i job eller uddannelse pr. måned"),
    charts.line_over_time(back, y="value", y_title="Andel pr. måned, %", series="geography", home=home["name_da"]),
    back, key="overgang", table=focus.latest_table(back, label="Andel"),
    note=" ".join(filter(None, [
        group_note,
        focus.fallback_note(back, origin=state["herkomst"]), "Målet er landsgennemsnittet (Hele landet)."])),
)

ui.section(focus.bands_title(bands, home), focus.stacked_bands(bands), bands, key="varighed")

ui.section(
    focus.vs_national_title(tools, home),
    focus.comparison_bars(focus.vs_national_long(tools, home["name_da"]), category="measure", value="value",
                          value_title="Andel, %", series="geography", home=home["name_da"]),
    tools, key="redskaber",
)

ui.section(focus.documented_title(facts), None, facts, key="tal-fra-planerne", period_column=None,
           table=focus.documented_table(facts))
