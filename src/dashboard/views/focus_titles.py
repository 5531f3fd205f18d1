"""The sentences that title the focus pages' sections: each picks its numbers out of a
query result and phrases them (through `dashboard.findings`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from dashboard import findings
from dashboard import danish
from dashboard.frames import first, records, rows_where
from dashboard.views.focus import period_text, plan_start_text, target_value
from dashboard.views.focus_tables import measure_label


def documented_title(facts: pd.DataFrame) -> str:
    if facts.empty:
        return "Tal fra planerne"
    first = facts.iloc[0]
    shown = findings.amount(first["value"], first["unit"], 0 if float(first["value"]).is_integer() else 1)
    return f"Tal fra planerne: {measure_label(first).lower()} var {shown} i {first['period']} ({first['source']})"


def count_categories(values: Iterable[bool | None]) -> tuple[int, int]:
    """(how many are True, how many are known)."""
    known = [bool(v) for v in values if v is not None and not pd.isna(v)]
    return sum(known), len(known)


def _home_value(frame: pd.DataFrame, last: list[dict], value: str) -> tuple[float | None, int, str]:
    """The home area's value among `last` (the newest period's rows), and the series' decimals and unit."""
    decimals = int(frame["decimals"].iloc[0]) if "decimals" in frame and not frame.empty else 1
    unit = str(frame["unit"].iloc[0]) if "unit" in frame and not frame.empty else "pct"
    own = first(last, is_home=True)
    shown = None if own is None or danish.is_missing(own[value]) else float(own[value])
    return shown, decimals, unit


def target_title(
    frame: pd.DataFrame, home_area: Mapping[str, str], label: str, row: Mapping | None, value: str = "value"
) -> str:
    """`Ballerup: 92,4 % i aktivt tilbud inden for 13 uger – målet på mindst 85 % er nået`; a
    target whose plan had not begun is not judged: `… – målet på mindst 85 %: planen gælder fra 2021 …`."""
    shown, decimals, unit = _home_value(frame, rows_where(frame, "is_newest", True, ["is_home", value]), value)
    measured = f"{home_area['name_da']}: {findings.amount(shown, unit, decimals)} {label}"
    if row is None:
        return measured
    if begins := plan_start_text(row):
        target = findings.target_label(row["comparator"], row["value_text"], row["unit"])
        return f"{measured} – målet på {target}: {begins}"
    text = findings.against_target(label, shown, row["comparator"], row["value_low"], row["value_high"], unit, decimals)
    return f"{home_area['name_da']}: {text}"


def reference_title(
    frame: pd.DataFrame,
    home_area: Mapping[str, str],
    label: str = "",
    reference: str = "000",
    reference_name: str = "landsgennemsnittet",
    value: str = "value",
) -> str:
    """`Ballerup: 1,32 samtaler pr. ledig – 0,02 samtaler over landsgennemsnittet`."""
    last = rows_where(frame, "is_newest", True, ["is_home", "geo_code", value])
    shown, decimals, unit = _home_value(frame, last, value)
    other = next((r[value] for r in last if r["geo_code"] == reference and not danish.is_missing(r[value])), None)
    return findings.against_reference(home_area["name_da"], shown, other, reference_name, unit, decimals, label)


def better_count_title(
    frame: pd.DataFrame, home_area: Mapping[str, str], reference_name: str = "landsgennemsnittet"
) -> str:
    """From `indicator_latest_by_geography` rows of several indicators: how many beat the country."""
    rows = records(frame, ["is_home", "geo_code", "indicator_name", "value", "decimals", "higher_is_better"])
    national: dict[str, float] = {}
    for row in rows:
        if row["geo_code"] == "000":
            national.setdefault(row["indicator_name"], row["value"])
    verdicts = []
    for row in (r for r in rows if r["is_home"]):
        other = national.get(row["indicator_name"])
        if other is None or danish.is_missing(row["value"]) or danish.is_missing(other):
            continue
        diff = round(row["value"] - other, int(row["decimals"]))
        verdicts.append(diff != 0 and (diff > 0) == bool(row["higher_is_better"]))
    better, known = count_categories(verdicts)
    return findings.count_better(better, known, reference_name, home_area["name_da"])


def rank_title(ranks: pd.DataFrame, home_area: Mapping[str, str], row: Mapping | None) -> str:
    """From `rank_in_region_over_time`: the newest rank, against the rank target (not judged
    against a target whose plan had not begun: `… – målet om top 10: planen gælder fra 2021 …`)."""
    last = rows_where(ranks, "is_newest", True, ["rank", "ranked_count", "region_name"])
    if not last:
        return findings.rank_in_region(home_area["name_da"], None, None, home_area["region_name"])
    r = last[0]
    limit = target_value(row)
    begins = plan_start_text(row) if row is not None else None
    text = findings.rank_in_region(
        home_area["name_da"],
        r["rank"],
        r["ranked_count"],
        r["region_name"],
        None if limit is None or begins else int(limit),
    )
    return f"{text} – målet om top {int(limit)}: {begins}" if begins and limit is not None else text


def best_title(ranking: pd.DataFrame, home_area: Mapping[str, str]) -> str:
    """From `region_ranking`: the home value against the municipality with the lowest share."""
    if ranking.empty or not ranking["is_home"].any():
        return f"Forsikrede ledige i {home_area['region_name']}: ingen data"
    own = ranking[ranking["is_home"]].iloc[0]
    best = ranking.iloc[0]
    if not danish.is_missing(own["rank"]) and own["rank"] == 1:
        return f"{home_area['name_da']} har den laveste andel forsikrede ledige i {home_area['region_name']}: {danish.percent(own['value'])}"
    return findings.against_reference(
        home_area["name_da"],
        own["value"],
        best["value"],
        f"{best['geography']}, der har den laveste andel",
        "pct",
        1,
        "forsikrede ledige",
    )


def vs_national_title(frame: pd.DataFrame, home_area: Mapping[str, str]) -> str:
    """Ties and hidden values count as not better; hidden values are not counted at all."""
    shown = frame[frame["value"].notna() & frame["national_value"].notna()] if not frame.empty else frame
    better = int(shown["better_than_national"].fillna(False).astype(bool).sum()) if not shown.empty else 0
    known = len(shown)
    return findings.count_better(better, known, "landsgennemsnittet", home_area["name_da"])


def bands_title(bands: pd.DataFrame, group: str = "kontanthjaelp-aktivitetsparat") -> str:
    rows = bands[(bands["group_code"] == group) & (bands["band"] == "over-3")]
    own = rows.loc[rows["is_home"], "share_pct"].tolist()
    other = rows[~rows["is_home"]]
    return findings.long_cases(
        own[0] if own else None,
        other["share_pct"].iloc[0] if not other.empty else None,
        "aktivitetsparate kontanthjælpsmodtagere",
        other["geography"].iloc[0].lower() if not other.empty else "",
    )


def youth_title(youth: pd.DataFrame, home_area: Mapping[str, str]) -> str:
    own: dict[str, float] = {}
    for r in rows_where(youth, "is_newest", True, ["is_home", "age_band", "rate_pct"]):
        if r["is_home"]:
            own[r["age_band"]] = r["rate_pct"]
    return findings.youth_rates(own.get("16-24"), own.get("25-29"), home_area["name_da"])


def count_title(latest: pd.DataFrame, what: str) -> str:
    """From `indicator_latest_by_geography`: the home area's count (`is_home`) and its change over a year."""
    row = first(rows_where(latest, "is_home", True, ["value", "change", "month"]))
    if row is None:
        return findings.count_change(what, None, None, "")
    return findings.count_change(what, row["value"], row["change"], period_text(row["month"], "month"))


def gap_title(gap: pd.DataFrame) -> str:
    own = first(rows_where(gap, "is_newest", True, ["is_home", "gap_pct_point", "gap_year_before"]), is_home=True)
    if own is None:
        return findings.origin_gap(None)
    return findings.origin_gap(own["gap_pct_point"], own["gap_year_before"])


def gap_area_title(gap: pd.DataFrame, home_area: Mapping[str, str]) -> str:
    last = rows_where(gap, "is_newest", True, ["is_home", "geo_code", "gap_pct_point"])
    own, country = first(last, is_home=True), first(last, geo_code="000")
    return findings.gap_versus_area(
        own and own["gap_pct_point"], country and country["gap_pct_point"], home_area["name_da"], "hele landet"
    )


def by_origin_title(frame: pd.DataFrame) -> str:
    if frame.empty:
        return findings.origin_by_group("Indikator", 0, 0)
    gaps = frame["gap"].to_numpy(dtype=float, na_value=np.nan)[(frame["group_code"] != "alle").to_numpy(dtype=bool)]
    gaps = gaps[~np.isnan(gaps)]
    return findings.origin_by_group(frame["indicator_name"].iloc[0], int((gaps > 0).sum()), len(gaps))
