"""Borgere med ikke-vestlig baggrund: forskellen i ledighed til øvrige borgere (Mål 5)
over tid, og sagsvarighed og brug af redskaber sammenlignet inden for hver målgruppe."""

from dashboard import charts, ui
from dashboard.data import ask, fetch_all
from dashboard.views import focus, focus_charts, focus_tables, focus_titles

BY_ORIGIN = (  # indicator, section key, value axis
    ("sagsvarighed", "sagsvarighed", "Sagsvarighed, uger"),
    ("virksomhedsrettet_indsats", "virksomhedsrettet", "Andel med virksomhedsrettet indsats, %"),
    ("sanktioner_andel", "sanktioner", "Andel med sanktion i måneden, %"),
)

ui.page_title(
    "Borgere med ikke-vestlig baggrund", "Ledighed, sagsvarighed og brug af redskaber sammenlignet med øvrige borgere."
)
state = ui.filter_bar(["fra", "til", "alder", "koen", "sammenlign"])
home = ui.home_area()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
areas = focus.comparison_areas(home, ui.geo_code_of(state["sammenlign"]))

targets, gap, *by_origin = fetch_all(
    ask("target_status", geo_code=home["geo_code"], as_of=last, focus_area="ikke_vestlig"),
    ask(
        "unemployment_gap_by_origin",
        geo_codes=areas,
        first_month=first,
        last_month=last,
        age_band=state["alder"],
        gender=state["koen"],
    ),
    *(
        ask("indicator_by_group_and_origin", indicator_id=indicator, geo_code=home["geo_code"], month=last)
        for indicator, _, _ in BY_ORIGIN
    ),
)
focus.target_callouts(targets)

rates = focus_tables.origin_rates_long(gap)
ui.section(
    focus_titles.gap_title(gap),
    charts.line_over_time(
        rates,
        y="rate_pct",
        y_title=f"Ledighed i {home['name_da']}, %",
        series="series",
        home_series="Ikke-vestlig baggrund",
    ),
    rates,
    key="ledighed-herkomst",
    follows=("fra", "til", "alder", "koen"),
    note="Øvrige borgere: dansk og vestlig oprindelse tilsammen. Målet er samme ledighed som øvrige borgere.",
)
ui.section(
    focus_titles.gap_area_title(gap, home),
    charts.line_over_time(
        gap, y="gap_pct_point", y_title="Forskel, pct.-point", series="geography", home_series=home["name_da"]
    ),
    gap,
    key="forskel-omraader",
    follows=("fra", "til", "alder", "koen", "sammenlign"),
    table=focus_tables.latest_table(gap.assign(unit="pct_point", decimals=1), value="gap_pct_point", label="Forskel"),
    note="Områder uden opdeling på herkomst er ikke med.",
)

for (_, key, unit_title), groups in zip(BY_ORIGIN, by_origin, strict=True):
    bars = focus_tables.by_origin_long(groups)
    ui.section(
        focus_titles.by_origin_title(groups),
        focus_charts.comparison_bars(
            bars,
            category="group_name",
            value="value",
            value_title=unit_title,
            series="origin",
            home_series="Ikke-vestlig baggrund",
        ),
        groups,
        key=key,
        follows=("til",),
        table=focus_tables.by_origin_table(groups),
        note=f"{home['name_da']}, {focus.period_text(last, 'month')}.",  # ui says when figures are hidden
    )
