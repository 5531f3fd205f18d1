"""Overblik: headline cards, unemployment by area and by age band, forsørgertryk by origin, the
recipients of the chosen target group over time."""

from dashboard import charts, ui
from dashboard import danish
from dashboard.data import ask, fetch_all
from dashboard.views import focus
from dashboard.views import overblik as view

ui.page_title(view.TITLE, view.LEAD)
state = ui.filter_bar(view.FILTERS)
home = ui.home_area()
phone = ui.on_phone()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
compare = ui.geo_code_of(state["sammenlign"])
compare_name = ui.standard_choices(["sammenlign"])[0].label_of(state["sammenlign"])
group_name = ui.standard_choices(["gruppe"])[0].label_of(state["gruppe"])
breakdown = {"age_band": state["alder"], "gender": state["koen"], "origin": state["herkomst"]}
areas = list(dict.fromkeys([home["geo_code"], home["region_code"], "hovedstadsomraadet", "000", compare]))

kpis, rates, ages, origins, recipients, annual = fetch_all(
    ask(
        "headline_kpis",
        home_geo=home["geo_code"],
        compare_geo=compare,
        month=last,
        group_code=state["gruppe"],
        **breakdown,
    ),
    ask("unemployment_rate_by_geography", geo_codes=areas, first_month=first, last_month=last, **breakdown),
    ask(
        "unemployment_rate_by_age_band",
        home_geo=home["geo_code"],
        compare_geo=compare,
        month=last,
        gender=state["koen"],
        origin=state["herkomst"],
    ),
    ask("support_ratio_by_origin", geo_code=home["geo_code"], first_month=first, last_month=last),
    ask(
        "indicator_by_geography",
        indicator_id="modtagere",
        geo_codes=[home["geo_code"]],
        first_month=first,
        last_month=last,
        group_code=state["gruppe"],
        origin=state["herkomst"],
    ),
    ask("annual_documented_figures", indicator_ids=view.ANNUAL_INDICATORS, first_month=first, last_month=last),
)
month = danish.month_label(last)

ui.kpi_row(view.headline_cards(kpis, compare_name), demo=ui.is_demo(kpis))

ui.section(
    view.rate_title(rates, kpis, home["name_da"], last, compare),
    charts.line_over_time(rates, y="rate_pct", y_title="Ledighed, %", series="geography", home_series=home["name_da"]),
    rates,
    key="ledighed-omraader",
    follows=("fra", "til", "sammenlign", "alder", "koen", "herkomst"),
    table=view.latest_table(rates),
)

ui.section(
    view.age_title(ages, home["name_da"]),
    charts.grouped_bars(
        ages,
        category="age_band_name",
        category_title="Alder",
        value="rate_pct",
        value_title=f"Ledighed, % ({month})",
        series="geography",
        home_series=home["name_da"],
    ),
    ages,
    key="ledighed-alder",
    follows=("til", "sammenlign", "koen", "herkomst"),
)

ui.section(
    view.origin_title(origins, home["name_da"]),
    charts.line_over_time(origins, y="ratio_pct", y_title="Forsørgertryk, %", series="origin_name"),
    origins,
    key="forsoergertryk-oprindelse",
    follows=("fra", "til"),
)

if state["gruppe"] != "alle":  # the chosen målgruppe's trend; for all groups the cards and charts above say it
    ui.section(
        view.recipients_title(recipients, group_name, home["name_da"]),
        charts.line_over_time(
            recipients,
            y="value",
            y_title="Modtagere, personer",
            series="geography",
            fmt=",.0f",
            home_series=home["name_da"],
        ),
        recipients,
        key="modtagere-maalgruppe",
        follows=focus.followed(
            ("fra", "til", "gruppe", "herkomst"), recipients, group_code=state["gruppe"], origin=state["herkomst"]
        ),
        note=focus.fallback_note(recipients, state["gruppe"], state["herkomst"]),
    )

if not annual.empty:
    ui.section(
        view.annual_title(annual),
        None,
        annual,
        key="aarstal-fra-planerne",
        follows=("fra", "til"),
        period_column=None,
        table=view.annual_table(annual, phone=phone),
        note=view.annual_note(phone=phone),
    )
