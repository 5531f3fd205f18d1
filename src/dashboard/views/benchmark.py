"""Benchmark: the page's own filters, placement cards, titles that state the finding,
the ranking bars and the rank history."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

import pandas as pd

from dashboard import danish
from dashboard.charts import Chart, dict_chart, drawn_columns, layer
from dashboard.filters import Choice
from dashboard.frames import records, rows_where
from dashboard.theme import HOME_COLOR, NEUTRAL_COLOR, OTHER_MUNICIPALITIES_COLOR, color_scale
from dashboard.ui import Kpi

GROUPS = {
    "i-alt": "Offentlig forsørgelse i alt",
    "dagpenge": "Dagpenge",
    "sygedagpenge-jobafklaring": "Sygedagpenge og jobafklaring",
    "kontanthjaelpsomraadet": "Kontanthjælpsområdet",
}
WHAT_IT_MEASURES = (
    "**Hvad måler benchmarket?** Beskæftigelsesministeriet sammenligner for hvert halvår det *faktiske* antal "
    "fuldtidspersoner på offentlig forsørgelse i kommunen med det antal, man kunne *forvente* ud fra kommunens "
    "rammevilkår (befolkningens alder, uddannelse, herkomst, det lokale arbejdsmarked m.m.). **Forskellen** viser, "
    "hvor mange færre (−) eller flere (+) borgere der er på ydelse end forventet. **Placering 1** er den kommune, "
    "der ligger længst under det forventede i forhold til befolkningen (forskel i pct.-point af de 16–64-årige); "
    "ved lige stor andel går den kommune forrest, der har den største forskel i personer, "
    "derefter laveste kommunekode."
)


VERSUS_EXPECTED = "i forhold til forventet"
# The rank history's height, its axes and legend (four groups, one a line on a phone) included.
HISTORY_HEIGHT = 460


def period_end(period: str) -> date:
    """The last day of a half-year pair: `2019h2-2020h1` ends 30 June 2020."""
    year, half = int(period[7:11]), period[12]
    return date(year, 6, 30) if half == "1" else date(year, 12, 31)


def known_by(til: str | None, months: Sequence[str]) -> date | None:
    """The last day of the month in `til` (a valid month of the filter bar), else no cut."""
    if til not in months:
        return None
    return (pd.Timestamp(f"{til}-01") + pd.offsets.MonthEnd(0)).date()


def choices(periods: pd.DataFrame, as_of: date | None = None) -> list[Choice]:
    """`periode` (half-year pair: by default the newest one ended by `as_of`) and `ydelse` (benefit group)."""
    options = tuple(periods["period"])
    labels = dict(zip(periods["period"], periods["label_da"], strict=True))
    ended = [p for p in options if as_of is None or period_end(p) <= as_of]
    default = ended[-1] if ended else (options[0] if options else "")
    return [
        Choice("periode", "Periode", options, labels, default),
        Choice("ydelse", "Ydelsesgruppe", tuple(GROUPS), GROUPS, "i-alt"),
    ]


def placement_cards(frame: pd.DataFrame) -> list[Kpi]:
    """One card per benefit group: placement, and forskel in persons and pct.-point."""
    cards = []
    for row in records(frame):
        if danish.is_missing(row["difference_fte"]):
            cards.append(Kpi(row["benefit_group_name"], f"{row['rank']}. plads af {row['municipalities']}"))
            continue
        side = "færre" if row["difference_fte"] < 0 else "flere"
        delta = f"{danish.signed(row['difference_fte'])} ({danish.pct_point(row['difference_pct_point'], 2)}) {VERSUS_EXPECTED}"
        counts = (
            f"forventet {danish.number(row['expected_persons'])}, "
            f"faktisk {danish.number(row['actual_persons'])} fuldtidspersoner"
        )
        if row.get("quality") == "document":  # the minutes state placement and forskel, not the counts
            help_text = (
                f"{danish.number(abs(row['difference_fte']))} {side} end forventet. Placering og forskel: "
                f"{row['source']}. Demodata (genereret omkring referatets tal): {counts}."
            )
        else:
            help_text = (
                f"{danish.number(abs(row['difference_fte']))} {side} end forventet: {counts}. Kilde: {row['source']}."
            )
        cards.append(
            Kpi(
                row["benefit_group_name"],
                f"{row['rank']}. plads af {row['municipalities']}",
                delta,
                delta_color="inverse",
                help=help_text,
                delta_arrow="off",  # a difference from the expected figure, not a change over time
            )
        )
    return cards


def ranking_title(frame: pd.DataFrame, home_name: str, group: str, period_label: str, area_name: str | None) -> str:
    rows = rows_where(frame, "is_home", True, ["rank", "municipalities", "difference_fte", "area_rank"])
    if not rows:
        return f"{GROUPS[group]}: placering {period_label}"
    row = rows[0]
    text = f"{home_name} er nr. {row['rank']} af {row['municipalities']} i {GROUPS[group].lower()} ({period_label})"
    if not danish.is_missing(row["difference_fte"]):
        side = "færre" if row["difference_fte"] < 0 else "flere"
        text += f": {danish.number(abs(row['difference_fte']))} {side} end forventet"
    if area_name and not danish.is_missing(row["area_rank"]):
        in_area = int(frame["area_rank"].notna().sum())
        text += f" – nr. {int(row['area_rank'])} af {in_area} i {area_name}"
    return text


# The short chart on the shared screen: 10 + 5 bars and a gap row in 64 % of 1080 px.
SHORT_HEIGHT = 480


def ranking_chart(frame: pd.DataFrame, short: bool = False) -> Chart:
    """Forskel in pct.-point per municipality, best first; the home municipality in red.

    `short` (the meeting view): only the rows the query marks `in_meeting_extract` (top 10,
    the home municipality and its neighbours), each named at the screen's axis size with its
    placement, and a gap row saying how many are left out. Otherwise all rows, one narrow bar
    each, whose names the axis thins; the home bar is always named beside the zero line.
    """
    rows = frame[frame["in_meeting_extract"].to_numpy(dtype=bool)] if short else frame
    drawn = drawn_columns(
        rows,
        "municipality",
        "difference_pct_point",
        "is_home",
        "rank",
        "expected_persons",
        "actual_persons",
        "difference_fte",
    )
    y: dict = {"field": "municipality", "type": "nominal", "sort": ranking_order(rows), "title": None}
    if short:
        y = {**y, "field": "placed", "scale": {"domain": short_domain(rows)}, "sort": None}
        home = [placed(r) for r in rows_where(rows, "is_home", True, ["rank", "municipality"])]
        if home:
            y["axis"] = {
                "labelFontWeight": {
                    "condition": {"test": f"datum.value === {json.dumps(home[0])}", "value": "bold"},
                    "value": "normal",
                },
                "labelLimit": 420,
            }
    else:
        y["axis"] = {"labelFontSize": 11}
    bars = dict_chart(
        drawn,
        {"type": "bar"},
        {
            "y": y,
            "x": {
                "field": "difference_pct_point",
                "type": "quantitative",
                # three short lines: centred under a phone's narrow plot, a long one ran off its edge
                "title": ["Forskel, pct.-point", "af de 16–64-årige", "(− = færre end forventet)"],
                "axis": {"format": "+,.1f", "tickMinStep": 0.1},  # no two ticks with the same label
            },
            "color": {"condition": {"test": "datum.is_home", "value": HOME_COLOR}, "value": OTHER_MUNICIPALITIES_COLOR},
            "tooltip": [
                {"field": "rank", "type": "quantitative", "title": "Placering", "format": "d"},
                {"field": "municipality", "type": "nominal", "title": "Kommune"},
                {"field": "expected_persons", "type": "quantitative", "title": "Forventet", "format": ",.0f"},
                {"field": "actual_persons", "type": "quantitative", "title": "Faktisk", "format": ",.0f"},
                {
                    "field": "difference_fte",
                    "type": "quantitative",
                    "title": "Forskel, fuldtidspersoner",
                    "format": "+,.0f",
                },
                {
                    "field": "difference_pct_point",
                    "type": "quantitative",
                    "title": "Forskel, pct.-point",
                    "format": "+,.2f",
                },
            ],
        },
        **({"transform": [{"calculate": PLACED, "as": "placed"}]} if short else {}),
    )
    zero = dict_chart(
        pd.DataFrame({"x": [0]}),
        {"type": "rule", "color": NEUTRAL_COLOR},
        {"x": {"field": "x", "type": "quantitative"}},
    )
    if short:
        return layer(bars, zero, height=SHORT_HEIGHT)
    # The home bar is always named, beside the zero line on the side its bar does not take
    # (axis labels of 98 bars can be thinned out on a small screen).
    order = y["sort"]
    names = [
        dict_chart(
            drawn,
            {"type": "text", "fontSize": 14, "fontWeight": "bold", "color": HOME_COLOR, "align": align, "dx": dx},
            {
                "y": {"field": "municipality", "type": "nominal", "sort": order},
                "x": {"datum": 0},
                "text": {"field": "home_label", "type": "nominal"},
            },
            transform=[
                {"filter": f"datum.is_home && datum.difference_pct_point {sign} 0"},
                {"calculate": "datum.municipality + ' (nr. ' + datum.rank + ')'", "as": "home_label"},
            ],
        )
        for sign, align, dx in (("<", "left", 6), (">=", "right", -6))
    ]
    return layer(bars, zero, *names, height={"step": 13 if len(frame) > 40 else 20})


# A bar's name in the short chart, its placement first («85. Ballerup»); `placed` writes the same.
PLACED = "datum.rank + '. ' + datum.municipality"


def placed(row: dict) -> str:
    return f"{row['rank']}. {row['municipality']}"


def ranking_order(frame: pd.DataFrame) -> list[str]:
    """The municipalities best first (stable, as sort_values)."""
    pairs = zip(frame["rank"].tolist(), frame["municipality"].tolist(), strict=True)
    return [m for _, m in sorted(pairs, key=lambda pair: pair[0])]


def gap_label(left_out: int) -> str:
    return f"⋮ {left_out} {'kommune' if left_out == 1 else 'kommuner'} ikke vist"


def short_domain(frame: pd.DataFrame) -> list[str]:
    """The short chart's rows top down: each shown bar, and a gap row where the query left rows out."""
    domain = []
    for row in records(frame, ["rank", "municipality", "left_out_before"]):
        if row["left_out_before"] > 0:
            domain.append(gap_label(int(row["left_out_before"])))
        domain.append(placed(row))
    return domain


# A phone's table: the placement, the municipality and the difference the chart draws; the
# expected and actual counts are in the CSV file and on a larger screen.
PHONE_COLUMNS = ("Placering", "I området", "Kommune", "Forskel, pct.-point")
PHONE_TABLE_NOTE = (
    "På en telefon viser tabellen placering, kommune og forskel i pct.-point; "
    "forventet, faktisk og forskel i personer står i CSV-filen."
)


def ranking_note(
    frame: pd.DataFrame,
    short: bool,
    home_name: str,
    area_name: str | None,
    *,
    phone: bool = False,
    whole_table: bool = True,
) -> str | None:
    """What the ranking chart leaves out: the municipalities outside the area, and in the short
    chart (the meeting view, a phone, the report) the rows the query left out of its extract,
    and that the table has them all (`whole_table`; the report's table says itself what it
    leaves out); on a phone also what the table leaves out."""
    parts = []
    if area_name is not None:
        parts.append(f"Kun kommunerne i {area_name} og {home_name} vises; placeringen er blandt alle 98.")
    if short and not frame["in_meeting_extract"].all():
        best = "de 10 bedste" + (f" i {area_name}" if area_name is not None else "")
        shown = f"Figuren viser {best} og {home_name} med de to kommuner over og under"
        parts.append(f"{shown}; tabellen viser alle {len(frame)}." if whole_table else f"{shown}.")
    if phone:
        parts.append(PHONE_TABLE_NOTE)
    return " ".join(parts) or None


def ranking_table(frame: pd.DataFrame, with_area: bool, *, phone: bool = False) -> pd.DataFrame:
    """The grid as text (`home_rows` says which row to highlight); on a phone three or four
    columns (`PHONE_COLUMNS`), so that no word breaks letter by letter."""
    table = pd.DataFrame(
        {
            "Placering": frame["rank"].astype(int),
            **({"I området": frame["area_rank"].astype("Int64")} if with_area else {}),
            "Kommune": frame["municipality"],
            "Forventet": [danish.number(v) for v in frame["expected_persons"]],
            "Faktisk": [danish.number(v) for v in frame["actual_persons"]],
            "Forskel": [danish.signed(v) for v in frame["difference_fte"]],
            "Forskel, pct.-point": [danish.signed(v, 2) for v in frame["difference_pct_point"]],
        }
    )
    return table[[c for c in table.columns if c in PHONE_COLUMNS]] if phone else table


def home_rows(frame: pd.DataFrame) -> tuple[int, ...]:
    """Positions of the home municipality's row in the ranking."""
    return tuple(int(i) for i in frame["is_home"].to_numpy(dtype=bool).nonzero()[0])


def history_title(frame: pd.DataFrame, home_name: str) -> str:
    """The home municipality's placement i alt in the first and the last period shown (the
    query marks them `is_oldest` and `is_newest`)."""
    total = rows_where(frame, "benefit_group", "i-alt", ["rank", "period_label", "is_oldest", "is_newest"])
    first = next((r for r in total if r["is_oldest"]), None)
    last = next((r for r in total if r["is_newest"]), None)
    if first is None or last is None or first is last:
        return f"{home_name}s placering over tid"
    verb = "forbedret" if last["rank"] < first["rank"] else "forværret" if last["rank"] > first["rank"] else "uændret"
    return (
        f"{home_name}s placering i alt er {verb} fra nr. {first['rank']} ({first['period_label']}) "
        f"til nr. {last['rank']} ({last['period_label']})"
    )


def history_chart(frame: pd.DataFrame, chosen_period: str) -> Chart:
    """Placement per period and benefit group, 1 at the top; the chosen period marked. The
    periods are named in words («2. halvår 2019 – 1. halvår 2020»)."""
    order = [
        label
        for _, label in sorted(set(zip(frame["period_start"].tolist(), frame["period_label"].tolist(), strict=True)))
    ]
    chosen = [
        label
        for p, label in zip(frame["period"].tolist(), frame["period_label"].tolist(), strict=True)
        if p == chosen_period
    ][:1] or [period_words(chosen_period)]
    names = list(GROUPS.values())
    x = {
        "field": "period_label",
        "type": "ordinal",
        "sort": order,
        "title": None,
        # «2. halvår 2019 –» over «1. halvår 2020»: on one slanted line the labels took half the chart's height
        "axis": {
            "labelAngle": -45,
            "labelFontSize": 11,
            "labelOverlap": "greedy",  # a phone shows every other period
            "labelLimit": 220,
            "labelExpr": "split(datum.label, ' – ')",
        },
    }
    drawn = drawn_columns(frame, "period_label", "rank", "benefit_group_name", "difference_fte")
    lines = dict_chart(
        drawn,
        {"type": "line", "point": True, "strokeWidth": 2.5},
        {
            "x": x,
            "y": {
                "field": "rank",
                "type": "quantitative",
                "title": "Placering (1 = bedst)",
                "scale": {"domain": [1, 98], "reverse": True, "nice": False},
                "axis": {"values": [1, 25, 50, 75, 98], "labelOverlap": False},
            },
            "color": {
                "field": "benefit_group_name",
                "type": "nominal",
                "title": None,
                "sort": names,
                "scale": color_scale(names),
            },
            "tooltip": [
                {"field": "period_label", "type": "nominal", "title": "Periode"},
                {"field": "benefit_group_name", "type": "nominal", "title": "Ydelsesgruppe"},
                {"field": "rank", "type": "quantitative", "title": "Placering", "format": "d"},
                {
                    "field": "difference_fte",
                    "type": "quantitative",
                    "title": "Forskel, fuldtidspersoner",
                    "format": "+,.0f",
                },
            ],
        },
    )
    marker = dict_chart(
        pd.DataFrame({"period_label": chosen}), {"type": "rule", "color": "#999999", "strokeDash": [4, 4]}, {"x": x}
    )
    return layer(marker, lines, height=HISTORY_HEIGHT)


HALF_YEARS = re.compile(r"(\d{4})[Hh]([12])\s*-\s*(\d{4})[Hh]([12])")
PUBLISHED = re.compile(r"published (\d{4})-(\d{2})")


def period_words(text: str) -> str:
    """A period as the press states it, in Danish words: `2023H1-2023H2` -> `1. halvår 2023 – 2. halvår 2023`,
    `published 2019-05` -> `offentliggjort maj 2019`, `summer 2017 - summer 2018` -> `sommer 2017 – sommer 2018`."""
    text = HALF_YEARS.sub(lambda m: f"{m[2]}. halvår {m[1]} – {m[4]}. halvår {m[3]}", text)
    text = PUBLISHED.sub(lambda m: f"offentliggjort {danish.MONTHS_DA[int(m[2]) - 1]} {m[1]}", text)
    for english, word in (("period", "periode"), ("summer", "sommer")):
        text = text.replace(english, word)
    return text.replace(" - ", " – ")


def cited_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Placements and forskel stated in the press for periods not in the table, as text."""
    rows = frame
    what = {"rank_of_98": "Placering", "actual_minus_expected": "Forskel, fuldtidspersoner"}
    return pd.DataFrame(
        {
            "Periode": [period_words(p) for p in rows["period"]],
            "Tal": [what.get(m, m) for m in rows["measure"]],
            "Værdi": [
                f"nr. {danish.number(v)}" if m == "rank_of_98" else danish.signed(v)
                for v, m in zip(rows["value"], rows["measure"], strict=True)
            ],
            "Kilde": rows["source"],
        }
    )
