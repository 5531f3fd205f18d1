"""Shared pieces of the focus-area pages and Mål og planer.

Pure helpers pick the numbers out of query results and phrase them (through
`dashboard.findings`); the few render helpers draw a target call-out with its status
and the charts the shared chart module does not have (rank over time, a ranking,
duration bands). Pages stay thin: a title, the filter bar and `ui.section(...)` calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from dashboard import findings
from dashboard import format as fmt
from dashboard.content import recorder
from dashboard.charts import dict_chart, layer, long_form
from dashboard.frames import distinct, first, newest_records, records, rows_where
from dashboard.theme import HOME_COLOR, PALETTE, TARGET_COLOR, memo_chart
from dashboard.ui import demo_badge

STATUS_BADGE = {
    "nået": ":green-badge[:material/check_circle: nået]",
    "på vej": ":orange-badge[:material/trending_up: på vej]",
    "ikke nået": ":red-badge[:material/cancel: ikke nået]",
    "ingen data": ":gray-badge[:material/help: ingen data]",
}
STATUS_HELP = "Status efter reglen i «Sådan beregnes status» (docs/status.md): nået, på vej, ikke nået eller ingen data."
# The targets as the plans word them (OCR errors of the source files corrected).
QUOTES = {
    "T01": "Ministermål 2 er indarbejdet i strategien bl.a. igennem indikatoren om, at mindst 85 procent af "
           "borgerne skal være i aktivt tilbud inden for 13 uger.",
    "T02": "Mål 2: Ballerup Kommune skal være blandt de ti kommuner i Region Hovedstaden, som har den laveste "
           "andel af forsikrede ledige borgere.",
    "T03": "Mål 3: Aktivitetsparate kontanthjælpsmodtagere og borgere i ressourceforløb skal deltage på og vende "
           "tilbage til arbejdsmarkedet svarende til landsgennemsnittet.",
    "T04": "Mål 4: Andelen af unge i Ballerup Kommune, der tager en kompetencegivende uddannelse, skal op på "
           "nationalt niveau.",
    "T05": "Mål 5: Ledigheden for borgere med ikke-vestlig baggrund skal på niveau med ledigheden for andre "
           "borgere i Ballerup kommune.",
    "T16": "Længden af ledigheden for de åbenlyst uddannelsesparate: Maksimalt 4 måneder.",
    "T17": "Længden af ledigheden for uddannelsesparate: Maksimalt 13 måneder.",
    "T19": "40 pct. af de aktivitetsparate borgere, som har været ledige i 80 pct. af tiden i 1 år skal have et "
           "sammensat, tværgående tilbud. Dette svarer til ca. 200 borgere.",
    "T20": "20 pct. af de borgere, som får et tilbud, skal komme i job, uddannelse eller blive parate.",
    "T21": "25 pct. af de nyledige arbejdsmarkedsparate og forsikrede ledige skal tilbydes en tidlig indsats.",
    "T22": "Samarbejdsgraden mellem Jobcenter Ballerup og virksomheder i kommunen – skal minimum være på 20 pct.",
}
FALLBACK_NOTE = "Figuren findes ikke opdelt på {what}; den viser {shown}."


def comparison_areas(home: Mapping[str, str], compare: str) -> list[str]:
    """Home first, then hele landet, the home's region and municipality group, and the chosen area."""
    return list(dict.fromkeys([home["geo_code"], "000", home["region_code"], home["municipality_group_code"], compare]))


def fallback_note(frame: pd.DataFrame, group_code: str | None = None, origin: str | None = None) -> str | None:
    """A note when the query fell back to 'alle' for a breakdown the indicator does not have."""
    if frame.empty:
        return None
    notes = []
    if group_code and group_code != "alle" and "group_code" in frame and (frame["group_code"] != group_code).all():
        notes.append(FALLBACK_NOTE.format(what="den valgte målgruppe", shown="alle målgrupper"))
    if origin and origin != "alle" and "origin" in frame and (frame["origin"] != origin).all():
        notes.append(FALLBACK_NOTE.format(what="den valgte herkomst", shown="alle borgere"))
    return " ".join(notes) or None


def period_text(period: pd.Timestamp | date | None, grain: str | None) -> str:
    if period is None or pd.isna(period):
        return fmt.MISSING
    day = pd.Timestamp(period).date()
    return str(day.year) if grain == "year" else fmt.month_label(day)


def value_text(row: Mapping) -> str:
    """The value a target is judged on, as shown: `nr. 4 af 29`, `84,9 %`, `60,0 % (landsniveauet: 62,0 %)`."""
    value = row.get("value")
    if findings.missing(value) and bool(row.get("not_begun", False)):
        return f"planen gælder fra {row['applies_from']}"
    if findings.missing(value):
        return fmt.MISSING
    if row["comparator"] == "rank<=":
        return f"nr. {int(value)} af {int(row['ranked_count'])}"
    unit = str(row["unit"]).split()[0]
    shown = findings.amount(value, unit, int(row["decimals"]))
    if row["comparator"] == "level_with" and not findings.missing(row.get("reference")):
        reference = findings.amount(row["reference"], unit, int(row["decimals"]))
        name = ("øvrige borgere" if row.get("origin") == "ikke-vestlig"
                else "klyngen" if row.get("value_text") == "klyngen" else "hele landet")
        return f"{shown} ({name}: {reference})"
    return shown


def target_lines(rows: pd.DataFrame) -> list[dict[str, str]]:
    """One dict of display texts per target row of `target_status`."""
    out = []
    for row in rows.to_dict("records"):
        out.append({
            "target_id": row["target_id"],
            "quote": QUOTES.get(row["target_id"], row["indicator_text"]),
            "origin": f"{row['plan']}, {row['locator']}",
            "target": findings.target_label(row["comparator"], row["value_text"], row["unit"]),
            "status": row["status"],
            "value": value_text(row),
            "period": period_text(row.get("period_start"), row.get("grain")),
            "measure": row["indicator_name"] if isinstance(row.get("indicator_name"), str)
            else "ingen indikator i databasen endnu",
            "demo": row.get("quality") == "demo",
        })
    return out


def latest_text(line: Mapping, emphasis: tuple[str, str] = ("", "")) -> str:
    """`Seneste værdi: 84,9 % (december 2022)`, `Planen gælder fra 2021` or `Ingen tal at bedømme målet på`."""
    if line["period"] != fmt.MISSING:
        return f"Seneste værdi: {emphasis[0]}{line['value']}{emphasis[1]} ({line['period']})"
    if line["value"] != fmt.MISSING:
        return line["value"][:1].upper() + line["value"][1:]
    return "Ingen tal at bedømme målet på"


def target_callouts(rows: pd.DataFrame) -> None:
    """The area's targets, quoted, with status, latest value and what measures them."""
    if (rec := recorder()) is not None:  # the quarterly report collects them
        rec.targets.extend(target_lines(rows))
        return
    for line in target_lines(rows):
        with st.container(border=True):
            st.markdown(f"> »{line['quote']}«\n>\n> — {line['origin']}")
            st.markdown(
                f"{STATUS_BADGE.get(line['status'], line['status'])} &nbsp; Mål: **{line['target']}** · "
                + latest_text(line, ("**", "**")),
                help=STATUS_HELP,
            )
            st.caption(f"Måles på: {line['measure']}.")
            if line["demo"]:
                demo_badge()


def measure_label(fact: Mapping) -> str:
    group = GROUP_NAMES.get(fact["target_group"])
    return f"{fact['measure_name']} ({group})" if group else str(fact["measure_name"])


def documented_table(facts: pd.DataFrame) -> pd.DataFrame:
    """The documented figures as text, exactly as stated."""
    return pd.DataFrame({
        "Tal": [measure_label(r) for r in facts.to_dict("records")],
        "Periode": facts["period"],
        "Værdi": [findings.amount(v, u, 0 if float(v).is_integer() else 1)
                  for v, u in zip(facts["value"], facts["unit"], strict=True)],
        "Kilde": facts["source"] + ", " + facts["locator"],
    })


def documented_title(facts: pd.DataFrame) -> str:
    if facts.empty:
        return "Tal fra planerne"
    first = facts.iloc[0]
    shown = findings.amount(first["value"], first["unit"], 0 if float(first["value"]).is_integer() else 1)
    return f"Tal fra planerne: {measure_label(first).lower()} var {shown} i {first['period']} ({first['source']})"


@memo_chart
def rank_chart(frame: pd.DataFrame, limit: float | None, label: str | None) -> alt.LayerChart:
    """Rank over time, 1 at the top, with the target limit as a line."""
    line = dict_chart(frame, {"type": "line", "color": HOME_COLOR, "strokeWidth": 4, "point": True}, {
        "x": {"field": "month", "type": "temporal", "title": None, "axis": {"format": "%b %Y", "labelAngle": 0, "tickCount": 8}},
        "y": {"field": "rank", "type": "quantitative", "title": "Placering (1 = lavest andel)",
              "scale": {"reverse": True, "domainMin": 1}, "axis": {"format": "d"}},
        "tooltip": [{"field": "month", "type": "temporal", "title": "Måned", "format": "%B %Y"},
                    {"field": "rank", "type": "quantitative", "title": "Placering"},
                    {"field": "value", "type": "quantitative", "title": "Andel, %", "format": ",.1f"}],
    })
    layers = [line]
    if limit is not None:
        rule = pd.DataFrame({"limit": [limit], "label": [label or "Mål"]})
        at = {"y": {"field": "limit", "type": "quantitative"}}
        layers.append(dict_chart(rule, {"type": "rule", "color": TARGET_COLOR, "strokeDash": [6, 4], "strokeWidth": 2}, at))
        layers.append(dict_chart(rule, {"type": "text", "align": "left", "dx": 4, "dy": -8, "color": TARGET_COLOR, "fontSize": 14},
                                 {**at, "x": {"value": 0}, "text": {"field": "label", "type": "nominal"}}))
    return layer(*layers, height=340)


@memo_chart
def ranking_bars(frame: pd.DataFrame, limit: float | None) -> alt.LayerChart:
    """All municipalities of the region, best first; the home municipality red; the top-N band shaded."""
    order = frame.sort_values(["rank", "geography"])["geography"].tolist()
    encoding = {
        "y": {"field": "geography", "type": "nominal", "title": None, "sort": order,
              "axis": {"labelOverlap": False, "labelLimit": 200}},
        "x": {"field": "value", "type": "quantitative", "title": "Forsikrede ledige, % af arbejdsstyrken",
              "axis": {"format": ",.1f"}},
        "color": {"condition": {"test": "datum.is_home", "value": HOME_COLOR}, "value": PALETTE[2]},
        "tooltip": [{"field": "geography", "type": "nominal", "title": "Kommune"},
                    {"field": "rank", "type": "quantitative", "title": "Placering"},
                    {"field": "value", "type": "quantitative", "title": "Andel, %", "format": ",.1f"}],
    }
    layers = [
        dict_chart(frame, {"type": "bar"}, encoding),
        dict_chart(frame, {"type": "text", "align": "left", "dx": 4, "fontSize": 13},
                   {**encoding, "text": {"field": "value", "type": "quantitative", "format": ",.1f"}, "color": {"value": "#333"}}),
    ]
    if limit is not None:
        inside = frame[frame["rank"] <= limit]
        if not inside.empty:
            cut = pd.DataFrame({"value": [inside["value"].max()], "label": [f"Grænse for top {int(limit)}"]})
            layers.append(dict_chart(cut, {"type": "rule", "color": TARGET_COLOR, "strokeDash": [6, 4], "strokeWidth": 2},
                                     {"x": {"field": "value", "type": "quantitative"}}))
    return layer(*layers, height={"step": 24})


@memo_chart
def stacked_bands(frame: pd.DataFrame) -> alt.Chart:
    """Duration bands as 100 % bars, one bar per target group and area."""
    def label(group: str, area: str) -> str:
        short = group.replace("Kontanthjælp – ", "")
        return f"{short[:1].upper()}{short[1:]} · {area}"

    ordered = frame.sort_values(["group_name", "band_order"], kind="stable") if not frame.empty else frame
    rows = list(dict.fromkeys(label(g, a) for g, a in zip(ordered["group_name"], ordered["geography"], strict=True)))
    return dict_chart(
        frame, {"type": "bar"},
        {
            "y": {"field": "row", "type": "nominal", "title": None, "sort": rows, "axis": {"labelLimit": 320}},
            "x": {"field": "share_pct", "type": "quantitative", "title": "Andel af forløbene, %", "stack": "zero",
                  "axis": {"format": ",.0f"}},
            "color": {"field": "band_name", "type": "nominal", "title": "Varighed", "sort": ["Under 1 år", "1–3 år", "Over 3 år"],
                      "scale": {"range": [PALETTE[2], PALETTE[1], HOME_COLOR]}},
            "order": {"field": "band_order", "type": "quantitative"},
            "tooltip": [{"field": "geography", "type": "nominal", "title": "Område"},
                        {"field": "group_name", "type": "nominal", "title": "Målgruppe"},
                        {"field": "band_name", "type": "nominal", "title": "Varighed"},
                        {"field": "share_pct", "type": "quantitative", "title": "Andel, %", "format": ",.1f"}],
        },
        transform=[
            {"calculate": "replace(datum.group_name, 'Kontanthjælp – ', '') + ' · ' + datum.geography", "as": "row"},
            {"calculate": "upper(slice(datum.row, 0, 1)) + slice(datum.row, 1)", "as": "row"},
        ],
        height={"step": 34},
    )


def count_categories(values: Iterable[bool | None]) -> tuple[int, int]:
    """(how many are True, how many are known)."""
    known = [bool(v) for v in values if v is not None and not pd.isna(v)]
    return sum(known), len(known)


def target_row(targets: pd.DataFrame, target_id: str) -> dict | None:
    return next(iter(rows_where(targets, "target_id", target_id)), None)


def target_value(row: Mapping | None) -> float | None:
    """The number a target line is drawn at (None for level_with: its reference is a series)."""
    if row is None or row["comparator"] == "level_with":
        return None
    return row["value_high"] if row["comparator"] in ("<=", "rank<=") else row["value_low"]


def target_rule_label(row: Mapping | None) -> str | None:
    if row is None:
        return None
    plan = "" if row["applies_to"] >= 2021 else f" (plan {row['applies_from']})"
    return f"Mål{plan}: {findings.target_label(row['comparator'], row['value_text'], row['unit'])}"


def _home_value(frame: pd.DataFrame, last: list[dict], home: Mapping[str, str], value: str) -> tuple[float | None, int, str]:
    """The home area's value among `last` (the newest period's rows), and the series' decimals and unit."""
    decimals = int(frame["decimals"].iloc[0]) if "decimals" in frame and not frame.empty else 1
    unit = str(frame["unit"].iloc[0]) if "unit" in frame and not frame.empty else "pct"
    own = first(last, geo_code=home["geo_code"])
    shown = None if own is None or fmt.is_missing(own[value]) else float(own[value])
    return shown, decimals, unit


def target_title(frame: pd.DataFrame, home: Mapping[str, str], label: str, row: Mapping | None,
                 value: str = "value") -> str:
    """`Ballerup: 92,4 % i aktivt tilbud inden for 13 uger – målet på mindst 85 % er nået`."""
    shown, decimals, unit = _home_value(frame, newest_records(frame, ["geo_code", value]), home, value)
    if row is None:
        return f"{home['name_da']}: {findings.amount(shown, unit, decimals)} {label}"
    text = findings.against_target(label, shown, row["comparator"], row["value_low"], row["value_high"], unit, decimals)
    return f"{home['name_da']}: {text}"


def reference_title(frame: pd.DataFrame, home: Mapping[str, str], label: str = "", reference: str = "000",
                    reference_name: str = "landsgennemsnittet", value: str = "value") -> str:
    """`Ballerup: 1,32 samtaler pr. ledig – 0,02 samtaler over landsgennemsnittet`."""
    last = newest_records(frame, ["geo_code", value])
    shown, decimals, unit = _home_value(frame, last, home, value)
    other = next((r[value] for r in last if r["geo_code"] == reference and not fmt.is_missing(r[value])), None)
    return findings.against_reference(home["name_da"], shown, other, reference_name, unit, decimals, label)


def latest_table(frame: pd.DataFrame, value: str = "value", label: str = "Værdi", area: str = "geography") -> pd.DataFrame:
    """The newest period of each area as text: area, value (or «<5»), period, source."""
    last = newest_records(frame, ["month", area, value, "suppressed", "source", "unit", "decimals"])
    if not last:
        return pd.DataFrame()
    unit = str(last[0]["unit"]) if "unit" in frame else "pct"
    decimals = int(last[0]["decimals"]) if "decimals" in frame else 1
    return pd.DataFrame({
        "Område": [r[area] for r in last],
        label: [fmt.hidden() if r.get("suppressed") else findings.amount(r[value], unit, decimals) for r in last],
        "Periode": [period_text(r["month"], "month") for r in last],
        "Kilde": [r["source"] for r in last],
    })


def combined(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Several indicators' latest values side by side (for one grouped bar chart)."""
    parts = [f for f in frames.values() if not f.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def better_count_title(frame: pd.DataFrame, home: Mapping[str, str], reference_name: str = "landsgennemsnittet") -> str:
    """From `indicator_latest_by_geography` rows of several indicators: how many beat the country."""
    rows = records(frame, ["is_home", "geo_code", "indicator_name", "value", "decimals", "higher_is_better"])
    national: dict[str, float] = {}
    for row in rows:
        if row["geo_code"] == "000":
            national.setdefault(row["indicator_name"], row["value"])
    verdicts = []
    for row in (r for r in rows if r["is_home"]):
        other = national.get(row["indicator_name"])
        if other is None or fmt.is_missing(row["value"]) or fmt.is_missing(other):
            continue
        diff = round(row["value"] - other, int(row["decimals"]))
        verdicts.append(diff != 0 and (diff > 0) == bool(row["higher_is_better"]))
    better, known = count_categories(verdicts)
    return findings.count_better(better, known, reference_name, home["name_da"])


def rank_title(ranks: pd.DataFrame, home: Mapping[str, str], row: Mapping | None) -> str:
    """From `rank_in_region_over_time`: the newest rank, against the rank target."""
    last = newest_records(ranks, ["rank", "ranked_count", "region_name"])
    if not last:
        return findings.rank_in_region(home["name_da"], None, None, home["region_name"])
    r = last[0]
    limit = target_value(row)
    return findings.rank_in_region(home["name_da"], int(r["rank"]), int(r["ranked_count"]), r["region_name"],
                                   None if limit is None else int(limit))


def best_title(ranking: pd.DataFrame, home: Mapping[str, str]) -> str:
    """From `region_ranking`: the home value against the municipality with the lowest share."""
    if ranking.empty or not ranking["is_home"].any():
        return f"Forsikrede ledige i {home['region_name']}: ingen data"
    own = ranking[ranking["is_home"]].iloc[0]
    best = ranking.iloc[0]
    if own["rank"] == 1:
        return f"{home['name_da']} har den laveste andel forsikrede ledige i {home['region_name']}: {fmt.percent(own['value'])}"
    return findings.against_reference(home["name_da"], own["value"], best["value"],
                                      f"{best['geography']}, der har den laveste andel", "pct", 1, "forsikrede ledige")


def restrict(value: str, allowed: tuple[str, ...]) -> tuple[str, str | None]:
    """The chosen target group if the view has it, else the view's first group (with a note)."""
    if value in allowed:
        return value, None
    note = None if value == "alle" else "Figuren findes kun for de to målgrupper på siden; den viser den første."
    return allowed[0], note


def vs_national_long(frame: pd.DataFrame, home_name: str) -> pd.DataFrame:
    """`indicators_vs_national` rows as one bar per (indicator × group) and area."""
    if frame.empty:
        return frame
    label = frame["indicator_name"] + " – " + frame["group_name"].str.replace("Kontanthjælp – ", "", regex=False)
    common = {"measure": label, "month": frame["month"], "quality": frame["quality"], "source": frame["source"]}
    home = pd.DataFrame(common | {"geography": home_name, "value": frame["value"]})
    country = pd.DataFrame(common | {"geography": "Hele landet", "value": frame["national_value"]})
    return pd.concat([home, country], ignore_index=True)


def vs_national_title(frame: pd.DataFrame, home: Mapping[str, str]) -> str:
    """Ties and hidden values count as not better; hidden values are not counted at all."""
    shown = frame[frame["value"].notna() & frame["national_value"].notna()] if not frame.empty else frame
    better = int(shown["better_than_national"].fillna(False).astype(bool).sum()) if not shown.empty else 0
    known = len(shown)
    return findings.count_better(better, known, "landsgennemsnittet", home["name_da"])


def bands_title(bands: pd.DataFrame, home: Mapping[str, str], group: str = "kontanthjaelp-aktivitetsparat") -> str:
    rows = bands[(bands["group_code"] == group) & (bands["band"] == "over-3")]
    own = rows.loc[rows["geo_code"] == home["geo_code"], "share_pct"].tolist()
    other = rows[rows["geo_code"] != home["geo_code"]]
    return findings.long_cases(own[0] if own else None, other["share_pct"].iloc[0] if not other.empty else None,
                               "aktivitetsparate kontanthjælpsmodtagere",
                               other["geography"].iloc[0].lower() if not other.empty else "")


def youth_title(youth: pd.DataFrame, home: Mapping[str, str]) -> str:
    own: dict[str, float] = {}
    for r in newest_records(youth, ["geo_code", "age_band", "rate_pct"]):
        if r["geo_code"] == home["geo_code"]:
            own[r["age_band"]] = r["rate_pct"]
    return findings.youth_rates(own.get("16-24"), own.get("25-29"), home["name_da"])


def count_title(latest: pd.DataFrame, what: str) -> str:
    """From `indicator_latest_by_geography` for one area: the count and its change over a year."""
    if latest.empty:
        return findings.count_change(what, None, None, "")
    row = latest.iloc[0]
    return findings.count_change(what, row["value"], row["change"], period_text(row["month"], "month"))

GROUP_NAMES = {
    "unge_16_24": "16–24-årige", "unge_25_29": "25–29-årige", "uddannelseshjaelp": "uddannelseshjælp",
    "kontanthjaelp_aktivitetsparat": "aktivitetsparate kontanthjælpsmodtagere", "jobparate": "jobparate",
}


def origin_rates_long(gap: pd.DataFrame, home: Mapping[str, str]) -> pd.DataFrame:
    """The home municipality's two rates (ikke-vestlig, øvrige) as one line each."""
    keep = ["month", "quality", "source", *(["suppressed"] if "suppressed" in gap.columns else [])]
    out = long_form(gap, keep, {"Ikke-vestlig baggrund": "rate_ikke_vestlig_pct", "Øvrige borgere": "rate_oevrige_pct"},
                    name="series", value="rate_pct", where=(gap["geo_code"] == home["geo_code"]).to_numpy(dtype=bool))
    return out if "suppressed" in out.columns else out.assign(suppressed=False)


def gap_title(gap: pd.DataFrame, home: Mapping[str, str]) -> str:
    own = first(newest_records(gap, ["geo_code", "gap_pct_point", "gap_year_before"]), geo_code=home["geo_code"])
    if own is None:
        return findings.origin_gap(None)
    return findings.origin_gap(own["gap_pct_point"], own["gap_year_before"])


def gap_area_title(gap: pd.DataFrame, home: Mapping[str, str]) -> str:
    last = newest_records(gap, ["geo_code", "gap_pct_point"])
    own, country = first(last, geo_code=home["geo_code"]), first(last, geo_code="000")
    return findings.gap_versus_area(own and own["gap_pct_point"], country and country["gap_pct_point"], home["name_da"],
                                    "hele landet")


def by_origin_long(frame: pd.DataFrame) -> pd.DataFrame:
    """`indicator_by_group_and_origin` as one bar per group and origin (hidden cells left out)."""
    return long_form(frame, ["group_name", "month", "quality", "source"],
                     {"Ikke-vestlig baggrund": "value_ikke_vestlig", "Øvrige borgere": "value_oevrige"},
                     name="origin", value="value", where=(frame["group_code"] != "alle").to_numpy(dtype=bool),
                     drop_missing=True)


def by_origin_title(frame: pd.DataFrame) -> str:
    if frame.empty:
        return findings.origin_by_group("Indikator", 0, 0)
    gaps = frame["gap"].to_numpy(dtype=float, na_value=np.nan)[(frame["group_code"] != "alle").to_numpy(dtype=bool)]
    gaps = gaps[~np.isnan(gaps)]
    return findings.origin_by_group(frame["indicator_name"].iloc[0], int((gaps > 0).sum()), len(gaps))


def by_origin_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per target group: ikke-vestlig, øvrige and the gap as text («<5» where hidden)."""
    if frame.empty:
        return pd.DataFrame()
    unit, decimals = str(frame["unit"].iloc[0]), int(frame["decimals"].iloc[0])
    gap_unit = "pct_point" if unit == "pct" else unit

    def shown(value, hidden, unit_name):
        return fmt.hidden() if hidden else findings.amount(value, unit_name, decimals)

    hidden = frame["suppressed"] if "suppressed" in frame else pd.Series(False, index=frame.index)
    return pd.DataFrame({
        "Målgruppe": frame["group_name"],
        "Ikke-vestlig baggrund": [shown(v, h, unit) for v, h in zip(frame["value_ikke_vestlig"], hidden, strict=True)],
        "Øvrige borgere": [shown(v, h, unit) for v, h in zip(frame["value_oevrige"], hidden, strict=True)],
        "Forskel": [shown(v, h, gap_unit) for v, h in zip(frame["gap"], hidden, strict=True)],
    }).reset_index(drop=True)


@memo_chart
def comparison_bars(frame: pd.DataFrame, *, category: str, value: str, value_title: str, series: str,
                    home: str | None = None, fmt_: str = ",.1f") -> alt.LayerChart:
    """Horizontal bars per category, one bar per series (home red), with room for long labels."""
    names = distinct(frame[series]) if not frame.empty else []
    colors = [HOME_COLOR if n == home else PALETTE[2 + i % (len(PALETTE) - 2)] for i, n in enumerate(names)]
    encoding = {
        "y": {"field": category, "type": "nominal", "title": None,
              "sort": distinct(frame[category]) if not frame.empty else None,
              "axis": {"labelLimit": 360, "labelOverlap": False}},
        "yOffset": {"field": series, "type": "nominal", "sort": names},
        "x": {"field": value, "type": "quantitative", "title": value_title, "axis": {"format": fmt_}},
        "color": {"field": series, "type": "nominal", "title": None, "sort": names, "scale": {"domain": names, "range": colors}},
        "tooltip": [{"field": series, "type": "nominal", "title": " "}, {"field": category, "type": "nominal", "title": " "},
                    {"field": value, "type": "quantitative", "title": value_title, "format": fmt_}],
    }
    labels = {**encoding, "text": {"field": value, "type": "quantitative", "format": fmt_}}
    return layer(
        dict_chart(None, {"type": "bar"}, encoding),
        dict_chart(None, {"type": "text", "align": "left", "dx": 4, "fontSize": 14}, labels),
        data=frame, height={"step": 22},
    )
