"""Overblik: overall unemployment, by age band, and forsørgertryk by origin."""

from dashboard import charts, ui
from dashboard.data import fetch
from dashboard.format import month_label
from dashboard.views import overblik as view

ui.page_title("Overblik", "Ledighed og forsørgelse i Ballerup Kommune sammenlignet med region og land.")
state = ui.filter_bar(["fra", "til", "sammenlign", "gruppe", "alder", "koen", "herkomst"])
home = ui.home_area()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
compare = ui.geo_code_of(state["sammenlign"])
breakdown = dict(age_band=state["alder"], gender=state["koen"], origin=state["herkomst"])

kpis = fetch("headline_kpis", home_geo=home["geo_code"], compare_geo=compare, month=last,
             group_code=state["gruppe"], **breakdown)
ui.kpi_row(view.headline_cards(kpis, ui.standard_choices(["sammenlign"])[0].label_of(state["sammenlign"])),
           demo=ui.is_demo(kpis))

areas = list(dict.fromkeys([home["geo_code"], home["region_code"], "hovedstadsomraadet", "000", compare]))
rates = fetch("unemployment_rate_by_geography", geo_codes=areas, first_month=first, last_month=last, **breakdown)
ui.section(
    view.rate_title(rates, home["name_da"], month_label(last)),
    charts.line_over_time(rates, y="rate_pct", y_title="Ledighed, %", series="geography", home=home["name_da"]),
    rates, key="ledighed-omraader", table=view.latest_table(rates),
)

ages = fetch("unemployment_rate_by_age_band", home_geo=home["geo_code"], compare_geo=compare, month=last,
             gender=state["koen"], origin=state["herkomst"])
ui.section(
    view.age_title(ages, home["name_da"]),
    charts.grouped_bars(ages, category="age_band_name", category_title="Alder", value="rate_pct",
                        value_title=f"Ledighed, % ({month_label(last)})", series="geography", home=home["name_da"]),
    ages, key="ledighed-alder",
)

origins = fetch("support_ratio_by_origin", geo_code=home["geo_code"], first_month=first, last_month=last)
ui.section(
    view.origin_title(origins, home["name_da"]),
    charts.line_over_time(origins, y="ratio_pct", y_title="Forsørgertryk, %", series="origin_name"),
    origins, key="forsoergertryk-oprindelse",
)
