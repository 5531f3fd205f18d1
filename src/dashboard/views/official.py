"""Texts for official series: the finding of a quarterly count (StatBank AUK01)."""

from __future__ import annotations

import pandas as pd

from dashboard import danish, findings
from dashboard.frames import first, rows_where, values_where


def quarterly_count_title(frame: pd.DataFrame, what: str, home_name: str) -> str:
    """From `quarterly_count_by_geography`: `38 nettoledige kontanthjælpsmodtagere i Ballerup i
    2. kvartal 2022 – 65 færre end et år før` (the home municipality's newest quarter)."""
    subject = f"{what} i {home_name}"
    row = first(rows_where(frame, "is_newest", True, ["is_home", "value", "change", "period_label"]), is_home=True)
    if row is None:
        return findings.count_change(subject, None, None, "")
    return findings.count_change(subject, row["value"], row["change"], row["period_label"])


def quarterly_note(frame: pd.DataFrame, what: str) -> str | None:
    """`Seneste kvartal: 4. kvartal 2022. …`: the source line names months, a quarter says itself."""
    newest = rows_where(frame, "is_newest", True, ["period_label"])
    if not newest:
        return None
    return f"Seneste kvartal: {newest[0]['period_label']}. {what}"


QUALITY_WORDS = {"official": "officielle tal", "document": "tal fra planer og referater", "demo": "demodata"}


def shown_section(frame: pd.DataFrame) -> dict[str, object]:
    """What one drawn section shows: its kinds of figures and the sources of its official ones."""
    if frame.empty or "quality" not in frame.columns:
        return {"qualities": set(), "official": set()}
    qualities = set(frame["quality"].dropna().astype(str))
    official = values_where(frame, "source", "quality", "official") if "source" in frame.columns else set()
    return {"qualities": qualities, "official": official}


def freshness_text(sources: pd.DataFrame, names: set[str]) -> str:
    """`Danmarks Statistik, AUK01: data til og med december 2025, hentet 4. december 2026`."""
    parts = []
    for row in sources[sources["source"].isin(names)].to_dict("records"):
        text = str(row["source"])
        if not findings.missing(row["data_as_of"]):
            text += f": data til og med {danish.month_label(pd.Timestamp(row['data_as_of']).date())}"
        if not findings.missing(row["fetched_at"]):
            text += f", hentet {danish.date_label(pd.Timestamp(row['fetched_at']).date())}"
        parts.append(text)
    return "; ".join(parts)


def page_status(sections: list[dict[str, object]], sources: pd.DataFrame) -> str | None:
    """One line under a page: how fresh its official figures are and how many of its sections
    show demo data (`2 af 5 afsnit bygger helt eller delvis på demodata`)."""
    shown = [s for s in sections if s["qualities"]]
    if not shown:
        return None
    demo = sum("demo" in s["qualities"] for s in shown)
    names = set().union(*(s["official"] for s in shown))
    lines = []
    if names:
        lines.append(f"Officielle tal på siden – {freshness_text(sources, names)}.")
    if demo:
        lines.append(f"{demo} af {len(shown)} afsnit bygger helt eller delvis på demodata (genererede tal).")
    else:
        lines.append(f"Alle {len(shown)} afsnit viser officielle eller dokumenterede tal – ingen demodata.")
    return " ".join(lines)
