"""Forsikrede ledige: Ballerups placering blandt Region Hovedstadens 29 kommuner (Mål 2:
top 10), andelen af forsikrede ledige, ledighedens varighed og langtidsledighed."""

from dashboard import charts, ui
from dashboard.data import ask, fetch_all
from dashboard.danish import month_label
from dashboard.views import focus, focus_charts, focus_tables, focus_titles

ui.page_title("Forsikrede ledige", "Dagpengemodtagere: placering i regionen, varighed og langtidsledighed.")
state = ui.filter_bar(["fra", "til", "gruppe", "herkomst", "sammenlign"])
home = ui.home_area()
first, last = ui.month_start(state["fra"]), ui.month_start(state["til"])
areas = focus.comparison_areas(home, ui.geo_code_of(state["sammenlign"]))
pick = {"group_code": state["gruppe"], "origin": state["herkomst"]}
span = {"geo_codes": areas, "first_month": first, "last_month": last}

targets, ranks, ranking, insured, duration, long_term, facts = fetch_all(
    ask("target_status", geo_code=home["geo_code"], as_of=last, focus_area="forsikrede"),
    ask(
        "rank_in_region_over_time",
        indicator_id="andel_forsikrede_ledige",
        geo_code=home["geo_code"],
        first_month=first,
        last_month=last,
    ),
    ask("region_ranking", indicator_id="andel_forsikrede_ledige", geo_code=home["geo_code"], month=last),
    ask("indicator_by_geography", indicator_id="andel_forsikrede_ledige", group_code="alle", origin="alle", **span),
    ask("indicator_by_geography", indicator_id="ledighedens_varighed", **span, **pick),
    ask("indicator_by_geography", indicator_id="langtidsledige_andel", **span, **pick),
    ask("documented_figures", topics=["forsikrede"], known_by_month=last),
)
focus.target_callouts(targets)

goal = focus.target_row(targets, "T02")
ui.section(
    focus_titles.rank_title(ranks, home, goal),
    focus_charts.rank_chart(ranks, focus.target_value(goal), focus.target_rule_label(goal)),
    ranks,
    key="placering",
    follows=("fra", "til"),
)

ui.section(
    focus_titles.best_title(ranking, home),
    focus_charts.ranking_bars(ranking, focus.target_value(goal)),
    ranking,
    key="kommuner",
    follows=("til",),
    note=f"Andel forsikrede ledige i {month_label(last)}; nr. 1 har den laveste andel.",
)

ui.section(
    focus_titles.reference_title(insured, home, "forsikrede ledige"),
    charts.line_over_time(
        insured,
        y="value",
        y_title="Forsikrede ledige, % af arbejdsstyrken",
        series="geography",
        home_series=home["name_da"],
    ),
    insured,
    key="andel",
    follows=("fra", "til", "sammenlign"),
    table=focus_tables.latest_table(insured, label="Andel"),
)

ui.section(
    focus_titles.reference_title(duration, home, "i gennemsnit pr. ledighedsforløb"),
    charts.line_over_time(
        duration, y="value", y_title="Varighed, uger", series="geography", home_series=home["name_da"]
    ),
    duration,
    key="varighed",
    follows=focus.followed(("fra", "til", "gruppe", "herkomst", "sammenlign"), duration, **pick),
    note=focus.fallback_note(duration, **pick),
    table=focus_tables.latest_table(duration, label="Varighed"),
)

ui.section(
    focus_titles.reference_title(long_term, home, "langtidsledige"),
    charts.line_over_time(
        long_term, y="value", y_title="Langtidsledige, % af de ledige", series="geography", home_series=home["name_da"]
    ),
    long_term,
    key="langtidsledige",
    follows=focus.followed(("fra", "til", "gruppe", "herkomst", "sammenlign"), long_term, **pick),
    table=focus_tables.latest_table(long_term, label="Andel"),
    note=" ".join(
        filter(
            None, [focus.fallback_note(long_term, **pick), "Langtidsledig: ledig mindst 80 % af tiden det seneste år."]
        )
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
