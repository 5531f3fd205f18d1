"""Shared pieces of the focus-area pages and Mål og planer: the targets (quoted, with their
status) and the areas and notes every focus page uses. Titles, tables and charts of the
focus pages are in `focus_titles`, `focus_tables` and `focus_charts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd
import streamlit as st

from dashboard import findings
from dashboard import danish
from dashboard.content import recorder
from dashboard.frames import rows_where
from dashboard.ui import demo_badge


STATUS_BADGE = {
    "nået": ":green-badge[:material/check_circle: nået]",
    "på vej": ":orange-badge[:material/trending_up: på vej]",
    "ikke nået": ":red-badge[:material/cancel: ikke nået]",
    "ingen data": ":gray-badge[:material/help: ingen data]",
}


STATUS_HELP = (
    "Status efter reglen i «Sådan beregnes status» (docs/status.md): nået, på vej, ikke nået eller ingen data."
)


# Plan 2021's Mål 3 has two halves, each a target of its own (T03, T03b); both quote the whole goal.
MAAL_3 = (
    "Mål 3: Aktivitetsparate kontanthjælpsmodtagere og borgere i ressourceforløb skal deltage på og vende "
    "tilbage til arbejdsmarkedet svarende til landsgennemsnittet."
)
# The targets as the plans word them (OCR errors of the source files corrected).
QUOTES = {
    "T01": "Ministermål 2 er indarbejdet i strategien bl.a. igennem indikatoren om, at mindst 85 procent af "
    "borgerne skal være i aktivt tilbud inden for 13 uger.",
    "T02": "Mål 2: Ballerup Kommune skal være blandt de ti kommuner i Region Hovedstaden, som har den laveste "
    "andel af forsikrede ledige borgere.",
    "T03": MAAL_3,
    "T03b": MAAL_3,
    "T04": "Mål 4: Andelen af unge i Ballerup Kommune, der tager en kompetencegivende uddannelse, skal op på "
    "nationalt niveau.",
    "T05": "Mål 5: Ledigheden for borgere med ikke-vestlig baggrund skal på niveau med ledigheden for andre "
    "borgere i Ballerup kommune.",
    "T16": "Længden af ledigheden for de åbenlyst uddannelsesparate: Maksimalt 4 måneder.",
    "T17": "Længden af ledigheden for uddannelsesparate: Maksimalt 13 måneder.",
    "T18": "Udviklingen for aktivitetsparate, der bliver uddannelsesparate skal som minimum følge udviklingen i "
    "klyngen (kommuner med samme rammevilkår som Ballerup): Aktuelt er det 20 pct. af gruppen, der bliver "
    "uddannelsesparate.",
    "T19": "40 pct. af de aktivitetsparate borgere, som har været ledige i 80 pct. af tiden i 1 år skal have et "
    "sammensat, tværgående tilbud. Dette svarer til ca. 200 borgere.",
    "T20": "20 pct. af de borgere, som får et tilbud, skal komme i job, uddannelse eller blive parate.",
    "T21": "25 pct. af de nyledige arbejdsmarkedsparate og forsikrede ledige skal tilbydes en tidlig indsats.",
    "T22": "Samarbejdsgraden mellem Jobcenter Ballerup og virksomheder i kommunen – skal minimum være på 20 pct.",
    "T27": "Der er fokus på, at der minimum afholdes de antal samtaler pr. ledig borger, svarende til "
    "landsgennemsnittet.",
    "T28": "Udviklingen i andelen, som de langtidsledige jobparate udgør af arbejdsstyrken i Ballerup, skal være "
    "på niveau med klyngen.",
}


FALLBACK_NOTE = "Figuren findes ikke opdelt på {what}; den viser {shown}."


def comparison_areas(home_area: Mapping[str, str], compare: str) -> list[str]:
    """Home first, then hele landet, the home's region and municipality group, and the chosen area."""
    return list(
        dict.fromkeys(
            [home_area["geo_code"], "000", home_area["region_code"], home_area["municipality_group_code"], compare]
        )
    )


def _fell_back(frame: pd.DataFrame, column: str, chosen: str | None) -> bool:
    return bool(chosen and chosen != "alle" and column in frame and (frame[column] != chosen).all())


def fallback_note(frame: pd.DataFrame, group_code: str | None = None, origin: str | None = None) -> str | None:
    """A note when the query fell back to 'alle' for a breakdown the indicator does not have."""
    if frame.empty:
        return None
    notes = []
    if _fell_back(frame, "group_code", group_code):
        notes.append(FALLBACK_NOTE.format(what="den valgte målgruppe", shown="alle målgrupper"))
    if _fell_back(frame, "origin", origin):
        notes.append(FALLBACK_NOTE.format(what="den valgte herkomst", shown="alle borgere"))
    return " ".join(notes) or None


def followed(
    keys: Sequence[str], frame: pd.DataFrame, group_code: str | None = None, origin: str | None = None
) -> tuple[str, ...]:
    """The filters (`keys`) a chart's question uses, less a breakdown its indicator does not
    have: the query fell back to «alle» (`fallback_note` says so), so the chart does not follow it."""
    fell = {"gruppe": not frame.empty and _fell_back(frame, "group_code", group_code)}
    fell["herkomst"] = not frame.empty and _fell_back(frame, "origin", origin)
    return tuple(k for k in keys if not fell.get(k))


def period_text(period: pd.Timestamp | date | None, grain: str | None) -> str:
    if period is None or pd.isna(period):
        return danish.MISSING
    day = pd.Timestamp(period).date()
    return str(day.year) if grain == "year" else danish.month_label(day)


def value_text(row: Mapping) -> str:
    """The value a target is judged on, as shown: `nr. 4 af 29`, `84,9 %`, `60,0 % (landsniveauet: 62,0 %)`."""
    value = row.get("value")
    if findings.missing(value) and (begins := plan_start_text(row)):
        return begins
    if findings.missing(value):
        return danish.MISSING
    if row["comparator"] == "rank<=":
        return f"nr. {int(value)} af {int(row['ranked_count'])}"
    unit = str(row["unit"]).split()[0]
    shown = findings.amount(value, unit, int(row["decimals"]))
    if row["comparator"] == "level_with" and not findings.missing(row.get("reference")):
        reference = findings.amount(row["reference"], unit, int(row["decimals"]))
        name = (
            "øvrige borgere"
            if row.get("origin") == "ikke-vestlig"
            else "klyngen"
            if row.get("value_text") == "klyngen"
            else "hele landet"
        )
        return f"{shown} ({name}: {reference})"
    return shown


def plan_start_text(row: Mapping) -> str | None:
    """`planen gælder fra 2021 (vedtaget december 2020)` for a target whose plan had not begun by
    the chosen month (`not_begun` of `target_status`): such a target is not judged; None once it has begun."""
    if not bool(row.get("not_begun", False)):
        return None
    adopted = adoption_text(row.get("published")) if bool(row.get("published_later", False)) else None
    return f"planen gælder fra {row['applies_from']}" + (f" (vedtaget {adopted})" if adopted else "")


def adoption_text(published: object) -> str | None:
    """When a document was published, as precisely as the source table knows it: `2017`, `december 2020`."""
    if not isinstance(published, str) or len(published) < 4:
        return None
    if len(published) == 4:
        return published
    return danish.month_label(danish.month_start(published))


def later_plans_line(later: pd.DataFrame, month: str) -> str:
    """`Målene fra Beskæftigelsesplan 2018 (vedtaget 2017) og … er ikke med: de var ikke vedtaget i juni 2016.`"""
    plans = later[["plan", "published"]].drop_duplicates().sort_values(["published", "plan"])
    named = []
    for plan, group in plans.groupby("plan", sort=False):
        texts = list(dict.fromkeys(t for t in map(adoption_text, group["published"]) if t))
        named.append(f"{plan} (vedtaget {' og '.join(texts)})" if texts else plan)
    listed = " og ".join([", ".join(named[:-1]), named[-1]]) if len(named) > 1 else named[0]
    when = danish.month_label(danish.month_start(month))
    return f"Målene fra {listed} er ikke med: {'de' if len(named) > 1 else 'den'} var ikke vedtaget i {when}."


def reported_targets(rows: pd.DataFrame) -> pd.DataFrame:
    """The targets a page shows. The quarterly report is a report of its month: a target set by
    a document published after the month is left out there, and one page note names those
    plans. The app shows every target (one not begun says when it applies and was adopted)."""
    rec = recorder()
    if rec is None or rows.empty or "published_later" not in rows.columns or not rec.values.get("til"):
        return rows
    later = rows["published_later"].astype(bool)
    if later.any() and (line := later_plans_line(rows[later], rec.values["til"])) not in rec.notes:
        rec.notes.append(line)
    return rows[~later].reset_index(drop=True)


def target_lines(rows: pd.DataFrame) -> list[dict[str, str]]:
    """One dict of display texts per target row of `target_status`."""
    out = []
    for row in rows.to_dict("records"):
        out.append(
            {
                "target_id": row["target_id"],
                "quote": QUOTES.get(row["target_id"], row["indicator_text"]),
                "origin": f"{row['plan']}, {row['locator']}",
                "target": findings.target_label(row["comparator"], row["value_text"], row["unit"]),
                "status": row["status"],
                "value": value_text(row),
                "period": period_text(row.get("period_start"), row.get("grain")),
                "measure": row["indicator_name"]
                if isinstance(row.get("indicator_name"), str)
                else "ingen indikator i databasen endnu",
                "demo": row.get("quality") == "demo",
            }
        )
    return out


def latest_text(line: Mapping, emphasis: tuple[str, str] = ("", "")) -> str:
    """`Seneste værdi: 84,9 % (december 2022)`, `Planen gælder fra 2021` or `Ingen tal at bedømme målet på`."""
    if line["period"] != danish.MISSING:
        return f"Seneste værdi: {emphasis[0]}{line['value']}{emphasis[1]} ({line['period']})"
    if line["value"] != danish.MISSING:
        return line["value"][:1].upper() + line["value"][1:]
    return "Ingen tal at bedømme målet på"


def target_callouts(rows: pd.DataFrame) -> None:
    """The area's targets, quoted, with status, latest value and what measures them."""
    if (rec := recorder()) is not None:  # the quarterly report collects them
        rec.targets.extend(target_lines(reported_targets(rows)))
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


def target_row(targets: pd.DataFrame, target_id: str) -> dict | None:
    """The target drawn as a rule in a chart (none in a report of a month before its plan)."""
    return next(iter(rows_where(reported_targets(targets), "target_id", target_id)), None)


def target_value(row: Mapping | None) -> float | None:
    """The number a target line is drawn at (None for level_with: its reference is a series)."""
    if row is None or row["comparator"] == "level_with":
        return None
    return row["value_high"] if row["comparator"] in ("<=", "rank<=") else row["value_low"]


def target_rule_label(row: Mapping | None) -> str | None:
    if row is None:
        return None
    current = row["applies_to"] >= 2021 and not bool(row.get("not_begun", False))
    plan = "" if current else f" (plan {row['applies_from']})"
    return f"Mål{plan}: {findings.target_label(row['comparator'], row['value_text'], row['unit'])}"


def restrict(value: str, allowed: tuple[str, ...]) -> tuple[str, str | None]:
    """The chosen target group if the view has it, else the view's first group (with a note)."""
    if value in allowed:
        return value, None
    note = None if value == "alle" else "Figuren findes kun for de to målgrupper på siden; den viser den første."
    return allowed[0], note
