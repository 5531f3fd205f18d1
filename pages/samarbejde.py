"""Samarbejde i øjenhøjde: aktivt tilbud inden for 13 uger, samtaler, virksomhedsrettede
tilbud og overgang til selvforsørgelse, samarbejdsgrad med virksomhederne."""

from dashboard import charts, ui
from dashboard.data import ask, fetch_all
from dashboard.views import focus, focus_charts, focus_tables, focus_titles

ui.page_title(
    "Samarbejde i øjenhøjde – relationer og resultater",
    "Borgernes aktive forløb og jobcentrets samarbejde med virksomhederne.",
)
state = ui.filter_bar(["fra", "til", "gruppe", "herkomst", "sammenlign"])
home = ui.home_area()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
areas = focus.comparison_areas(home, ui.geo_code_of(state["sammenlign"]))
pick = {"group_code": state["gruppe"], "origin": state["herkomst"]}
span = dict(geo_codes=areas, first_month=first, last_month=last, **pick)

targets, offer, talks, firm_offers, self_support, firms, facts = fetch_all(
    ask("target_status", geo_code=home["geo_code"], as_of=last, focus_area="samarbejde"),
    ask("indicator_by_geography", indicator_id="aktivt_tilbud_13_uger", **span),
    ask("indicator_by_geography", indicator_id="samtaler_per_ledig", **span),
    ask("indicator_latest_by_geography", indicator_id="virksomhedsrettet_tilbud", geo_codes=areas, month=last, **pick),
    ask("indicator_latest_by_geography", indicator_id="overgang_selvforsoergelse", geo_codes=areas, month=last, **pick),
    ask("indicator_by_geography", indicator_id="samarbejdsgrad", **dict(span, group_code="alle", origin="alle")),
    ask("documented_figures", topics=["samarbejde"], known_by_month=last),
)
latest = focus_tables.combined({"virksomhedsrettet_tilbud": firm_offers, "overgang_selvforsoergelse": self_support})
focus.target_callouts(targets)

goal = focus.target_row(targets, "T01")
ui.section(
    focus_titles.target_title(offer, home, "i aktivt tilbud inden for 13 uger", goal),
    charts.line_over_time(
        offer,
        y="value",
        y_title="Andel af nye forløb, %",
        series="geography",
        home_series=home["name_da"],
        target=focus.target_value(goal),
        target_label=focus.target_rule_label(goal),
    ),
    offer,
    key="aktivt-tilbud",
    follows=focus.followed(("fra", "til", "gruppe", "herkomst", "sammenlign"), offer, **pick),
    note=focus.fallback_note(offer, **pick),
    table=focus_tables.latest_table(offer, label="Andel"),
)

ui.section(
    focus_titles.reference_title(talks, home, "pr. ledig"),
    charts.line_over_time(
        talks,
        y="value",
        y_title="Jobsamtaler pr. ledig pr. måned",
        series="geography",
        home_series=home["name_da"],
        fmt=",.2f",
    ),
    talks,
    key="samtaler",
    follows=focus.followed(("fra", "til", "gruppe", "herkomst", "sammenlign"), talks, **pick),
    note=focus.fallback_note(talks, **pick),
    table=focus_tables.latest_table(talks, label="Samtaler"),
)

ui.section(
    focus_titles.better_count_title(latest, home),
    focus_charts.comparison_bars(
        latest,
        category="indicator_name",
        value="value",
        value_title="Andel af de ledige, %",
        series="geography",
        home_series=home["name_da"],
    ),
    latest,
    key="virksomhedsrettet",
    follows=focus.followed(("til", "gruppe", "herkomst", "sammenlign"), latest, **pick),
    note=focus.fallback_note(latest, **pick),
)

firm_goal = focus.target_row(targets, "T22")
ui.section(
    focus_titles.target_title(firms, home, "af virksomhederne samarbejder med jobcentret", firm_goal),
    charts.line_over_time(
        firms,
        y="value",
        y_title="Samarbejdsgrad, %",
        series="geography",
        home_series=home["name_da"],
        target=focus.target_value(firm_goal),
        target_label=focus.target_rule_label(firm_goal),
    ),
    firms,
    key="samarbejdsgrad",
    follows=("fra", "til", "sammenlign"),
    table=focus_tables.latest_table(firms, label="Samarbejdsgrad"),
)

ui.section(
    focus_titles.documented_title(facts),
    None,
    facts,
    key="tal-fra-planerne",
    period_column=None,
    table=focus_tables.documented_table(facts),
)
