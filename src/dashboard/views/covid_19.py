"""COVID-19: the week window, headline cards, chart titles that state the finding, and the
weekly charts (events on the time axis, documented figures as annotated points)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import pandas as pd

from dashboard import danish
from dashboard.charts import Chart, axis_title, dict_chart, drawn_columns, layer
from dashboard.content import recorder
from dashboard.data import Ask, ask
from dashboard.frames import first, records, rows_where
from dashboard.filters import Choice
from dashboard.theme import COMPARISON_YEAR_COLOR, NEUTRAL_COLOR, color_scale, series_color
from dashboard.ui import Kpi

BASE_DATE = date(2020, 3, 12)  # the lockdown: index = 100 in the week that contains it
BASE_WEEK = BASE_DATE - timedelta(days=BASE_DATE.weekday())
COMPARE_YEAR = 2019
FLOW_GROUPS = ("alle", "dagpenge")  # groups with weekly tilgang/afgang
WEEK_FORMAT = "%b %Y"
WEEK_TOOLTIP = {"field": "week", "type": "temporal", "title": "Uge", "format": "uge %-V, %G (fra %-d. %B)"}
EVENT_COLOR = NEUTRAL_COLOR
COUNT_NOTE = (
    "Sort punkt med nummer: tal fra referat eller presse, tegnet i den uge det gælder; tallet står i tabellen "
    "under samme nummer. Stiplede lodrette linjer: nedlukning og genåbning."
)
# The page shows one topic at a time (two weekly charts), each topic a link: six charts at
# once kept a shared link waiting for its first chart (docs/performance.md).
TOPICS = {
    "ledige": "Ledige uge for uge",
    "maalgrupper": "Målgrupper, tilgang og afgang",
    "omraader": "Områder og nytilmeldte",
}
TOPIC = Choice("emne", "Vis", tuple(TOPICS), TOPICS, "ledige")


def shown_topics(chosen: str) -> tuple[str, ...]:
    """The chosen topic; every topic when the page is recorded for the quarterly report."""
    return tuple(TOPICS) if recorder() is not None else (chosen,)


def flow_group(group: str) -> str:
    """The target group whose weekly tilgang/afgang are shown: the chosen one, or dagpenge."""
    return group if group in FLOW_GROUPS else "dagpenge"


def questions(
    topics: tuple[str, ...], home_geo: str, compare_geo: str, group: str, first: date, last: date
) -> dict[str, Ask]:
    """The page's questions, by name: the documented figures and events always, and those of the
    topics shown."""
    weeks = {"first_week": first, "last_week": last}
    home_weeks = dict(geo_code=home_geo, base_date=BASE_DATE, **weeks)
    asked = {
        "figures": ask("covid_documented_figures", as_of=last),
        "events": ask("covid_events", first_day=first, last_day=last),
    }
    if "ledige" in topics:
        asked["counts"] = ask(
            "covid_weekly_count",
            indicator_id="ledige_i_kontakt",
            group_code=group,
            compare_year=COMPARE_YEAR,
            **home_weeks,
        )
    if "maalgrupper" in topics:
        asked["groups"] = ask("covid_index_by_group", **home_weeks)
        asked["flows"] = ask("covid_weekly_flows", geo_code=home_geo, group_code=flow_group(group), **weeks)
    if "omraader" in topics:
        areas = list(dict.fromkeys([home_geo, compare_geo, "000"]))
        asked["versus"] = ask("covid_index_vs_areas", geo_codes=areas, group_code=group, base_date=BASE_DATE, **weeks)
        asked["new"] = ask(
            "covid_weekly_count",
            indicator_id="nytilmeldte",
            geo_code="000",
            group_code="alle",
            base_date=BASE_DATE,
            compare_year=COMPARE_YEAR,
            **weeks,
        )
    return asked


# Documented figures shown as cards: the figure, and a second one shown as its change.
CARDS = (("F14", "F15"), ("F21", "F18"), ("F17", None), ("F12", "F13"), ("F19", None), ("F20", None), ("F22", None))
CARD_NAMES = {
    "ledige": "Dagpenge",
    "nytilmeldte_ledige": "Nytilmeldte ledige",
    "tilgang": "Tilgang til dagpenge",
    "afgang": "Afgang fra dagpenge",
    "share_men_of_new": "Mænd blandt nye dagpengemodtagere",
}


def week_window(fra: str, til: str) -> tuple[date, date, str | None]:
    """The weeks to show for the chosen months: from the lockdown week at the earliest."""
    first = danish.month_start(fra)
    last = (pd.Timestamp(f"{til}-01") + pd.offsets.MonthEnd(0)).date()
    if last < BASE_WEEK:
        notice = (
            f"COVID-19-visningen begynder {danish.date_label(BASE_DATE)}; perioden er sat til de tilgængelige uger."
        )
        return BASE_WEEK, date(2099, 12, 31), notice
    return max(first, BASE_WEEK), last, None


def short_date(day: date) -> str:
    return f"{day.day}. {danish.MONTHS_DA[day.month - 1]} {day.year}"


def _period_text(period: str) -> str:
    first, _, last = period.partition("..")
    start, end = date.fromisoformat(first), date.fromisoformat(last or first)
    if start == end:
        return short_date(start)
    head = f"{start.day}. {danish.MONTHS_DA[start.month - 1]}" + ("" if start.year == end.year else f" {start.year}")
    return f"{head}–{short_date(end)}"


def _value(row: Mapping[str, Any]) -> float:
    return row["stated_value"] if danish.is_missing(row["computed_value"]) else row["computed_value"]


Figures = list[dict[str, Any]]


def _as_stated(value: float, measure: str) -> str:
    """A documented figure in Danish: a change with its sign, a count without, a share as the minutes put it."""
    if measure == "share_men_of_new":
        return f"ca. {danish.number(value)} %"
    return danish.signed(value) if measure.startswith("change") else danish.number(value)


def figure_rows(figures: pd.DataFrame) -> Figures:
    """`covid_documented_figures` as plain rows, read once for the cards, points and table."""
    return records(figures)


def documented_cards(figures: Figures) -> list[Kpi]:
    """The minutes' key COVID-19 figures, each recomputed from the weekly series."""
    by_id = {r["fact_id"]: r for r in figures}
    cards = []
    for fact_id, second_id in CARDS:
        if fact_id not in by_id:
            continue
        row = by_id[fact_id]
        value = _value(row)
        what = CARD_NAMES.get(row["measure"], "Ledige i kontakt")
        where = "" if row["geo_code"] != "000" else ", hele landet"
        label = f"{what}{where}, {_period_text(row['period'])}"
        shown = _as_stated(value, row["measure"])
        delta = None
        if second_id in by_id:
            second = by_id[second_id]
            v2 = _value(second)
            if second["measure"].endswith("_pct"):
                delta = f"{danish.signed(v2, 1)} %"
            elif second["measure"].endswith("_vs_2019"):
                delta = f"{danish.signed(v2)} mod samme uger 2019"
            else:
                delta = f"{danish.signed(v2)} siden {_period_text(second['period']).split('–')[0]}"
        stated = _as_stated(row["stated_value"], row["measure"])
        help_text = f"Kilde: {row['source']} ({row['locator']}). Dokumenteret tal: {stated}."
        if row["measure"] == "share_men_of_new":
            help_text += f" {A_KASSER}"
        cards.append(Kpi(label, shown, delta, delta_color="inverse", help=help_text))
    return cards


A_KASSER = (
    "De primært repræsenterede a-kasser er 3F, Kristelig A-kasse, Det Faglige Hus, Akademikernes A-kasse, "
    "ASE samt HK (referatet)."
)


def flow_rows(figures: Figures, geo_code: str, group_code: str) -> Figures:
    """The documented tilgang and afgang of this area and group, each with the weekly series' sum."""
    return [
        r
        for r in figures
        if r["measure"] in ("tilgang", "afgang") and r["geo_code"] == geo_code and r["group_code"] == group_code
    ]


def flow_table(figures: Figures, geo_code: str, group_code: str) -> pd.DataFrame:
    """Documented flows beside the sum of the weekly flows over the same weeks."""
    rows = flow_rows(figures, geo_code, group_code)
    return pd.DataFrame(
        {
            "Periode": [_period_text(r["period"]) for r in rows],
            "Strøm": [CARD_NAMES[r["measure"]] for r in rows],
            "Dokumenteret": [danish.number(r["stated_value"]) for r in rows],
            "Ugeserien": [_as_stated(r["computed_value"], r["measure"]) for r in rows],
            "Kilde": [f"{r['source']} ({r['locator']})" for r in rows],
        },
        columns=["Periode", "Strøm", "Dokumenteret", "Ugeserien", "Kilde"],
    )


def flows_note(figures: Figures, geo_code: str, group: str) -> str | None:
    """Under the flows chart: how the weekly series add up to the documented flows, and that
    the chosen group has no weekly flows of its own when it has none."""
    notes = (
        flow_note(figures, geo_code, flow_group(group)),
        None if group in FLOW_GROUPS else "Tilgang og afgang findes pr. uge for dagpenge og alle målgrupper.",
    )
    return " ".join(n for n in notes if n) or None


def flow_note(figures: Figures, geo_code: str, group_code: str) -> str | None:
    """How the weekly series add up to the documented flows: start + tilgang − afgang = end."""
    flows = {r["measure"]: r for r in flow_rows(figures, geo_code, group_code)}
    changes = [
        r
        for r in figures
        if r["measure"] == "change_in_ledige"
        and r["geo_code"] == geo_code
        and r["group_code"] == group_code
        and not danish.is_missing(r["end_persons"])
    ]
    if set(flows) != {"tilgang", "afgang"} or not changes:
        return None
    change = next((c for c in changes if c["period"] == flows["tilgang"]["period"]), None)
    if change is None or danish.is_missing(change["computed_value"]):
        return None
    end = change["end_persons"]
    start = end - change["computed_value"]
    inflow, outflow = flows["tilgang"]["computed_value"], flows["afgang"]["computed_value"]
    return (
        f"Ugeserien går op: {danish.number(start)} i ugen med {_period_text(change['period']).split('–')[0]} "
        f"+ {danish.number(inflow)} − {danish.number(outflow)} = {danish.number(start + inflow - outflow)} i ugen med "
        f"{_period_text(change['period']).split('–')[1]}; tilgang og afgang tælles i ugerne efter startugen."
    )


def documented_points(figures: Figures, geo_code: str, group_code: str) -> pd.DataFrame:
    """Documented figures that sit on the weekly count of this area and group, one label per week."""
    rows = _on_the_series(figures, geo_code, group_code)
    if not rows:
        return pd.DataFrame(columns=["week", "persons", "label", "source", "number", "side"])
    by_week: dict = {}
    for r in rows:
        text = (
            danish.number(r["stated_value"])
            if r["measure"] == "ledige"
            else f"{danish.signed(r['stated_value'])} siden {_period_text(r['period']).split('–')[0]}"
        )
        entry = by_week.setdefault(r["end_week"], (r["end_persons"], [], set()))
        entry[1].append(text)
        entry[2].add(r["source"])
    weeks = sorted(by_week)
    return pd.DataFrame(
        {
            "week": pd.to_datetime(pd.Series(weeks)),
            "persons": [by_week[w][0] for w in weeks],
            "label": ["; ".join(by_week[w][1]) for w in weeks],
            "source": ["; ".join(sorted(by_week[w][2])) for w in weeks],
            "number": [str(i) for i in range(1, len(weeks) + 1)],
            "side": ["above" if i % 2 == 0 else "below" for i in range(len(weeks))],
        }
    )


def _on_the_series(figures: Figures, geo_code: str, group_code: str) -> Figures:
    """The documented figures of this area and group that sit on its weekly count."""
    return [
        r
        for r in figures
        if r["geo_code"] == geo_code and r["group_code"] == group_code and not danish.is_missing(r["end_persons"])
    ]


def documented_table(figures: Figures, geo_code: str, group_code: str) -> pd.DataFrame:
    """The documented figures on the chart, each with the number of its point."""
    rows = _on_the_series(figures, geo_code, group_code)
    numbers = {week: str(i) for i, week in enumerate(sorted({r["end_week"] for r in rows}), start=1)}
    return pd.DataFrame(
        {
            "Nr.": [numbers[r["end_week"]] for r in rows],
            "Periode": [_period_text(r["period"]) for r in rows],
            "Dokumenteret": [_as_stated(r["stated_value"], r["measure"]) for r in rows],
            "Ugeserien": [_as_stated(r["computed_value"], r["measure"]) for r in rows],
            "Kilde": [r["source"] for r in rows],
        },
        columns=["Nr.", "Periode", "Dokumenteret", "Ugeserien", "Kilde"],
    )


def _x() -> dict:
    return {
        "field": "week",
        "type": "temporal",
        "title": None,
        "axis": {"format": WEEK_FORMAT, "labelAngle": 0, "tickCount": 8},
    }


def _week_of(field: str = "week") -> dict:
    return {"field": field, "type": "temporal"}


def event_layer(events: pd.DataFrame) -> Chart:
    """Lockdowns and reopenings as dashed rules on the time axis, labelled at the top."""
    rule = dict_chart(
        None,
        {"type": "rule", "color": EVENT_COLOR, "strokeDash": [4, 4], "strokeWidth": 1.5},
        {
            "x": _week_of(),
            "tooltip": [
                {"field": "label_da", "type": "nominal", "title": "Begivenhed"},
                {"field": "week", "type": "temporal", "title": "Dato", "format": "%-d. %B %Y"},
            ],
        },
    )
    text = dict_chart(
        None,
        {
            "type": "text",
            "align": "right",
            "baseline": "bottom",
            "dx": -4,
            "dy": -2,
            "angle": 270,
            "fontSize": 11,
            "color": EVENT_COLOR,
        },
        {"x": _week_of(), "y": {"value": 0}, "text": {"field": "label_da", "type": "nominal"}},
    )
    return layer(
        rule,
        text,
        data=pd.DataFrame({"week": events["event_date"].array, "label_da": events["label_da"].array}, copy=False),
    )


def _series_lines(
    frame: pd.DataFrame, y: str, y_title: str, series: str, colors: Mapping[str, str], fmt_str: str, series_title: str
) -> Chart:
    """One line per series in the given colours (a comparison year dashed)."""
    names = frame[series].unique().tolist()
    encoding = {
        "x": _x(),
        "y": {
            "field": y,
            "type": "quantitative",
            "title": axis_title(frame[y], y_title),
            "axis": {"format": fmt_str},
            "scale": {"zero": False},
        },
        "color": {
            "field": series,
            "type": "nominal",
            "title": None,
            "sort": names,
            "scale": {"domain": names, "range": [colors[n] for n in names]},
            "legend": {"columns": min(len(names), 4)},
        },
        "strokeDash": {"condition": {"test": "(datum.series === 'sammenligning')", "value": [6, 3]}, "value": [1, 0]},
        "tooltip": [
            {"field": series, "type": "nominal", "title": series_title},
            WEEK_TOOLTIP,
            {"field": y, "type": "quantitative", "title": y_title, "format": fmt_str},
        ],
    }
    return dict_chart(drawn_columns(frame, "week", y, series, "series"), {"type": "line", "strokeWidth": 2.5}, encoding)


def versus_year(frame: pd.DataFrame, area: str) -> pd.DataFrame:
    """The weekly series with `serie` naming the area's weeks («Ballerup 2020–2021») apart from
    the comparison year («Samme uge 2019»), so the legend and tooltips say which area is drawn."""
    labels = [
        f"{area} {label}" if s == "valgt" else label
        for s, label in zip(frame["series"].tolist(), frame["series_label"].tolist(), strict=True)
    ]
    return frame.assign(serie=labels)


def _year_colors(frame: pd.DataFrame, area: str, home: str | None) -> dict[str, str]:
    """The area's colour (red for the home municipality) for its weeks, grey for the comparison year."""
    return {
        n: series_color(area, home) if s == "valgt" else COMPARISON_YEAR_COLOR
        for n, s in zip(frame["serie"].tolist(), frame["series"].tolist(), strict=True)
    }


def _point_labels(points: pd.DataFrame) -> list[Chart]:
    """The documented figures as black dots with their number (the figures are in the table
    under the same number): a number is one or two characters, so neighbouring points'
    numbers, alternately above and below their dot, do not run into each other or into the
    event labels along the top; the figure itself is in the dot's tooltip."""
    at = {"x": _week_of(), "y": {"field": "persons", "type": "quantitative"}}
    dots = dict_chart(
        points,
        {"type": "point", "size": 110, "filled": True, "color": "black"},
        {
            **at,
            "tooltip": [
                {"field": "number", "type": "nominal", "title": "Nr."},
                {"field": "label", "type": "nominal", "title": "Dokumenteret"},
                {"field": "source", "type": "nominal", "title": "Kilde"},
            ],
        },
    )
    labels = [
        dict_chart(
            points,
            {"type": "text", "align": "center", "baseline": baseline, "dy": dy, "fontSize": 14, "fontWeight": "bold"},
            {**at, "text": {"field": "number", "type": "nominal"}},
            transform=[{"filter": f"(datum.side === '{side}')"}],
        )
        for side, baseline, dy in (("above", "bottom", -9), ("below", "top", 9))
    ]
    return [dots, *labels]


def count_chart(
    frame: pd.DataFrame, events: pd.DataFrame, points: pd.DataFrame | None = None, *, area: str, home: str | None = None
) -> Chart:
    """Weekly count of `area` against the same weeks of the comparison year, with documented points."""
    drawn = versus_year(frame, area)
    layers = [_series_lines(drawn, "persons", "Personer", "serie", _year_colors(drawn, area, home), ",.0f", "Serie")]
    if points is not None and not points.empty:
        layers.extend(_point_labels(points))
    layers.append(event_layer(events))
    return layer(*layers, height=380)


INDEX_TITLE = "Indeks (12. marts 2020 = 100)"


def _base_rule() -> Chart:
    return dict_chart(
        pd.DataFrame({"y": [100]}), {"type": "rule", "color": "#999999"}, {"y": {"field": "y", "type": "quantitative"}}
    )


def index_chart(frame: pd.DataFrame, events: pd.DataFrame, *, area: str, home: str | None = None) -> Chart:
    """The index of `area` against the same weeks of the comparison year."""
    drawn = versus_year(frame, area)
    lines = _series_lines(drawn, "index_pct", INDEX_TITLE, "serie", _year_colors(drawn, area, home), ",.0f", "Serie")
    return layer(_base_rule(), lines, event_layer(events), height=360)


def areas_chart(frame: pd.DataFrame, events: pd.DataFrame, home: str) -> Chart:
    """The index of the home municipality and the areas it is compared with, each in its colour."""
    names = frame["geography"].unique().tolist()
    colors = {n: series_color(n, home) for n in names}
    lines = _series_lines(frame, "index_pct", INDEX_TITLE, "geography", colors, ",.0f", "Område")
    return layer(_base_rule(), lines, event_layer(events), height=360)


def groups_chart(frame: pd.DataFrame, events: pd.DataFrame) -> Chart:
    """Small multiples: one panel per target group (nine lines in one chart cannot be told
    apart), each with the index line at 100 and the lockdowns and reopenings."""
    names = frame["group_name"].unique().tolist()
    line = dict_chart(
        None,
        {"type": "line", "strokeWidth": 2.5},
        {
            "x": {**_x(), "axis": {"format": "%b %y", "labelAngle": 0, "tickCount": 4}},
            "y": {
                "field": "index_pct",
                "type": "quantitative",
                "title": axis_title(frame["index_pct"], INDEX_TITLE),
                "axis": {"format": ",.0f"},
                "scale": {"zero": False},
            },
            "color": {
                "field": "group_name",
                "type": "nominal",
                "title": None,
                "sort": names,
                "scale": color_scale(names),
                "legend": None,
            },
            "tooltip": [
                {"field": "group_name", "type": "nominal", "title": "Målgruppe"},
                WEEK_TOOLTIP,
                {"field": "index_pct", "type": "quantitative", "title": INDEX_TITLE, "format": ",.0f"},
            ],
        },
    )
    base = dict_chart(None, {"type": "rule", "color": "#999999"}, {"y": {"datum": 100}})
    rules = dict_chart(
        pd.DataFrame({"week": events["event_date"].array, "label_da": events["label_da"].array}, copy=False),
        {"type": "rule", "color": EVENT_COLOR, "strokeDash": [4, 4], "strokeWidth": 1},
        {
            "x": _week_of(),
            "tooltip": [
                {"field": "label_da", "type": "nominal", "title": "Begivenhed"},
                {"field": "week", "type": "temporal", "title": "Dato", "format": "%-d. %B %Y"},
            ],
        },
    )
    return {
        "data": drawn_columns(frame, "week", "index_pct", "group_name"),
        "facet": {
            "field": "group_name",
            "type": "nominal",
            "title": None,
            "sort": names,
            "header": {"labelFontSize": 14, "labelFontWeight": "bold"},
        },
        "columns": 3,
        "spec": {"layer": [base, rules, line], "height": 140, "width": 220},
        "resolve": {"scale": {"y": "independent"}},
    }


def flows_chart(frame: pd.DataFrame, events: pd.DataFrame) -> Chart:
    """Tilgang up, afgang down, week by week."""
    bars = dict_chart(
        drawn_columns(frame, "week", "signed_count", "flow_name", "persons"),
        {"type": "bar", "opacity": 0.85},
        {
            "x": _x(),
            "y": {
                "field": "signed_count",
                "type": "quantitative",
                "title": "Personer pr. uge (afgang under nul)",
                "axis": {"format": ",.0f"},
            },
            "color": {
                "field": "flow_name",
                "type": "nominal",
                "title": None,
                "sort": ["Tilgang", "Afgang"],
                "scale": color_scale(["Tilgang", "Afgang"]),
            },
            "tooltip": [
                {"field": "flow_name", "type": "nominal", "title": "Strøm"},
                WEEK_TOOLTIP,
                {"field": "persons", "type": "quantitative", "title": "Personer", "format": ",.0f"},
            ],
        },
    )
    return layer(bars, event_layer(events), height=320)


def count_title(frame: pd.DataFrame, home_name: str, group_name: str) -> str:
    """The change in the chosen weeks from the lockdown week to the newest week with a count (`is_newest`)."""
    newest = first(rows_where(frame, "is_newest", True, ["persons", "iso_week", "iso_year", "week"]))
    if newest is None or danish.is_missing(newest["persons"]):
        return f"{group_name} i kontakt med jobcentret, {home_name}"
    base = first(rows_where(frame, "week", pd.Timestamp(BASE_WEEK), ["series", "persons"]), series="valgt")
    who = "Antallet i kontakt med jobcentret" if group_name == "Alle målgrupper" else f"{group_name}: antallet"
    if base is None or danish.is_missing(base["persons"]):
        return (
            f"{who} i {home_name} var {danish.number(newest['persons'])} i ugen fra {short_date(newest['week'].date())}"
        )
    change = newest["persons"] - base["persons"]
    verb = "steg" if change > 0 else "faldt" if change < 0 else "var uændret"
    pct = change / base["persons"] * 100
    amount = f" med {danish.number(abs(change))} ({danish.signed(pct, 1)} %)" if change else ""
    return (
        f"{who} i {home_name} {verb}{amount} fra {short_date(BASE_DATE)} "
        f"til uge {newest['iso_week']} i {newest['iso_year']}"
    )


def _compared(rows: list[dict[str, Any]], column: str) -> tuple[float, float] | None:
    """(chosen, comparison) of `column` from the rows of one week, if both have a value."""
    now, before = first(rows, series="valgt"), first(rows, series="sammenligning")
    if now is None or before is None or danish.is_missing(now[column]) or danish.is_missing(before[column]):
        return None
    return now[column], before[column]


def index_title(frame: pd.DataFrame) -> str:
    """The index in the newest week both series have (`is_newest_compared`), against the comparison year."""
    rows = rows_where(frame, "is_newest_compared", True, ["series", "week", "index_pct"])
    both = _compared(rows, "index_pct")
    if both is None:
        return "Indeks (12. marts 2020 = 100) mod samme uger i 2019"
    now, before = both
    return (
        f"Indeks {danish.number(now)} i ugen fra {short_date(rows[0]['week'].date())} (12. marts 2020 = 100) – "
        f"samme uge i {COMPARE_YEAR}: {danish.number(before)}"
    )


def groups_title(frame: pd.DataFrame) -> str:
    rows = frame[frame["group_code"] != "alle"].dropna(subset=["index_pct"])
    if rows.empty:
        return "Målgrupper, indeks (12. marts 2020 = 100)"
    top = rows.loc[rows["index_pct"].idxmax()]
    when = short_date(top["week"].date())
    return f"{top['group_name']} steg mest: indeks {danish.number(top['index_pct'])} i ugen fra {when}"


def flows_title(frame: pd.DataFrame, group_name: str) -> str:
    sums = frame.groupby("flow")["persons"].sum()
    if frame.empty:
        return f"Tilgang og afgang, {group_name.lower()}"
    inflow, outflow = sums.get("tilgang", 0), sums.get("afgang", 0)
    weeks = frame["week"]
    return (
        f"{group_name}: {danish.number(inflow)} kom til og {danish.number(outflow)} gik fra "
        f"i ugerne {short_date(weeks.min().date())}–{short_date((weeks.max() + pd.Timedelta(days=6)).date())}"
    )


def areas_title(frame: pd.DataFrame, home_name: str) -> str:
    last = [
        r
        for r in rows_where(frame, "is_newest", True, ["geography", "index_pct", "is_home", "week"])
        if not danish.is_missing(r["index_pct"])
    ]
    if not last:
        return f"{home_name} og sammenligningsområder, indeks"
    own = first(last, is_home=True)
    others = [
        f"{r['geography'].lower() if r['geography'] == 'Hele landet' else r['geography']} {danish.number(r['index_pct'])}"
        for r in last
        if not r["is_home"]
    ]
    head = f"{home_name}: indeks {danish.number(own['index_pct'])}" if own else "Indeks"
    return f"{head} mod {', '.join(others)} i ugen fra {short_date(last[0]['week'].date())}"


def new_title(frame: pd.DataFrame) -> str:
    """The chosen weeks' sum against the comparison year's, over the weeks both have (`is_compared`)."""
    weeks = frame[frame["is_compared"].to_numpy(dtype=bool)] if not frame.empty else frame
    sums = weeks.groupby("series")["persons"].sum(min_count=1)
    now, before = sums.get("valgt"), sums.get("sammenligning")
    if weeks.empty or danish.is_missing(now) or danish.is_missing(before):
        return "Nytilmeldte ledige i hele landet"
    return (
        f"{danish.number(now)} nytilmeldte ledige i hele landet i de viste uger – "
        f"{danish.signed(now - before)} mod samme uger i {COMPARE_YEAR}"
    )
