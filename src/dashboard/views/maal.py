"""Mål og planer: every target with its status, the 2018 activation table as the plan
states it, and the source documents (opened in the page with `?dokument=<source_id>`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import findings
from dashboard import danish
from dashboard.charts import Chart, dict_chart
from dashboard.content import recorder
from dashboard.theme import TARGET_COLOR
from dashboard.ui import Kpi
from dashboard.views.focus import STATUS_BADGE, adoption_text, period_text, reported_targets, value_text

FOCUS_NAMES = {
    "samarbejde": "Samarbejde i øjenhøjde",
    "forsikrede": "Forsikrede ledige",
    "udfordringer": "Borgere med udfordringer ud over ledighed",
    "unge": "Unge borgere",
    "ikke_vestlig": "Borgere med ikke-vestlig baggrund",
    "aktivering": "Aktivering",
    "sygedagpenge": "Sygedagpenge",
    "ministermaal": "Ministermål 2021",
}
FOCUS_PAGES = {
    "samarbejde": "samarbejde",
    "forsikrede": "forsikrede",
    "udfordringer": "udfordringer",
    "unge": "unge",
    "ikke_vestlig": "ikke-vestlig",
}
# Red is the home municipality's colour: «ikke nået» is dark brown (and every status has its word).
STATUS_COLORS = {"nået": TARGET_COLOR, "på vej": "#e0a100", "ikke nået": "#7a3b0c", "ingen data": "#a5a5a5"}


def status_counts(targets: pd.DataFrame) -> dict[str, int]:
    counts = targets["status"].value_counts().to_dict() if not targets.empty else {}
    return {s: int(counts.get(s, 0)) for s in findings.STATUS_ORDER}


def status_cards(targets: pd.DataFrame) -> list[Kpi]:
    counts = status_counts(targets)
    total = sum(counts.values())
    return [
        Kpi(status.capitalize(), danish.number(n), None, help=f"{n} af {total} mål") for status, n in counts.items()
    ]


# On a phone the plans are named by their years («Plan 2021/2022»), so the bars get the width.
PHONE_PLAN_LABEL = "replace(datum.label, 'Beskæftigelsesplan ', 'Plan ')"


def status_chart(targets: pd.DataFrame, *, phone: bool = False) -> Chart:
    """How many targets of each plan have each status (stacked bars); each status named by its
    word and symbol (`✓ nået`), never by its colour alone."""
    counts = targets.groupby(["plan", "status"], as_index=False).size() if not targets.empty else targets
    counts = counts.assign(status_label=counts["status"].map(findings.status_label)) if not counts.empty else counts
    order = list(findings.STATUS_ORDER)
    labels = [findings.status_label(s) for s in order]
    plan_axis = {"labelLimit": 320} | ({"labelExpr": PHONE_PLAN_LABEL} if phone else {})
    return dict_chart(
        counts,
        {"type": "bar"},
        {
            "y": {
                "field": "plan",
                "type": "nominal",
                "title": None,
                "sort": sorted(targets["plan"].unique(), reverse=True),
                "axis": plan_axis,
            },
            "x": {
                "field": "size",
                "type": "quantitative",
                "title": "Antal mål",
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "color": {
                "field": "status_label",
                "type": "nominal",
                "title": "Status",
                "sort": labels,
                "scale": {"domain": labels, "range": [STATUS_COLORS[s] for s in order]},
                **({"legend": {"columns": 2}} if phone else {}),
            },
            "order": {"field": "status_order", "type": "quantitative"},
            "tooltip": [
                {"field": "plan", "type": "nominal", "title": "Plan"},
                {"field": "status_label", "type": "nominal", "title": "Status"},
                {"field": "size", "type": "quantitative", "title": "Antal mål", "format": "d"},
            ],
        },
        transform=[{"calculate": f"indexof({order}, datum.status)", "as": "status_order"}],
        height={"step": 40},
    )


# A phone shows what a target is, its target, its latest value and its status; the plan is
# named in the target's cell and the sources are in the CSV file and on a larger screen.
PHONE_COLUMNS = ("Mål", "Målværdi", "Seneste værdi", "Status")
TARGET_NOTE = "En plan, hvis år er forbi, bedømmes på værdien i planens sidste år. Se «Sådan beregnes status» nedenfor."
PHONE_TABLE_NOTE = "På en telefon viser tabellen mål, målværdi, seneste værdi og status; kilderne står i CSV-filen."


def target_note(*, phone: bool = False) -> str:
    return f"{TARGET_NOTE} {PHONE_TABLE_NOTE}" if phone else TARGET_NOTE


def target_table(targets: pd.DataFrame, *, phone: bool = False) -> pd.DataFrame:
    """One row per target, as text: plan, focus area, target, status (word and symbol, beside the
    target so that a screen that must scroll the table sideways shows it), value, and two
    sources: the plan (and section) that sets the target, and where the latest value comes
    from (demo data is named as such, never credited to the plan). On a phone four columns."""
    rows = []
    for row in targets.to_dict("records"):
        rows.append(
            {
                "Plan": row["plan"],
                "Fokusområde": FOCUS_NAMES.get(row["focus_area"], row["focus_area"]),
                "Mål": row["indicator_text"],
                "Status": findings.status_label(row["status"]),
                "Målværdi": findings.target_label(row["comparator"], row["value_text"], row["unit"]),
                "Seneste værdi": value_text(row),
                "Periode": period_text(row.get("period_start"), row.get("grain")),
                "Retning": row["direction"],
                "Målets kilde": f"{row['source']}, {row['locator']}",
                "Kilde til seneste værdi": value_source_text(row),
            }
        )
    table = pd.DataFrame(rows)
    if not phone or table.empty:
        return table
    plans = table["Plan"].str.replace("Beskæftigelsesplan ", "plan ", regex=False)
    return table.assign(Mål=table["Mål"] + " (" + plans + ")")[list(PHONE_COLUMNS)]


def value_source_text(row: dict) -> str:
    """Where the latest value comes from; nothing when there is no value."""
    source = row.get("value_source")
    return source if isinstance(source, str) and not findings.missing(row.get("value")) else danish.MISSING


def plan_amount(value: float | None, unit: str) -> str:
    """A figure the way the 2018 plan writes it: `40 pct.`, `320`."""
    if findings.missing(value):
        return danish.MISSING
    text = danish.number(value, 0 if float(value).is_integer() else 1)
    return f"{text} pct." if unit == "pct" else text


# A phone shows each tool's target, what was measured and the status (six columns of 59 px
# broke «Redskab» letter by letter); 2016 and 2017 are in the CSV file and on a larger screen.
PHONE_ACTIVATION_COLUMNS = ("Redskab", "Mål 2018", "Målt 2018", "Status")


def activation_table(rows: pd.DataFrame, *, phone: bool = False) -> pd.DataFrame:
    """The plan's table: realised 2016, expected 2017, target 2018 – then what was measured;
    on a phone `PHONE_ACTIVATION_COLUMNS`."""
    table = pd.DataFrame(
        {
            "Redskab": rows["indicator_text"],
            "Realiseret 2016": [plan_amount(v, u) for v, u in zip(rows["realised_2016"], rows["unit"], strict=True)],
            "Forventet 2017": [plan_amount(v, u) for v, u in zip(rows["expected_2017"], rows["unit"], strict=True)],
            "Mål 2018": [
                f"{t} pct." if u == "pct" else t for t, u in zip(rows["target_2018"], rows["unit"], strict=True)
            ],
            "Målt 2018": [plan_amount(v, u) for v, u in zip(rows["measured_2018"], rows["unit"], strict=True)],
            "Status": rows["status"].map(findings.status_label),
        }
    )
    return table[list(PHONE_ACTIVATION_COLUMNS)] if phone else table


def activation_parts(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The two tables of the plan, in its order: Aktiveringsomfang, Den virksomhedsrettede aktivering."""
    return [(name, part.reset_index(drop=True)) for name, part in frame.groupby("table_name", sort=False)]


def activation_title(name: str, part: pd.DataFrame, month: date) -> str:
    """How many targets were reached in 2018 or, before 2018 is over, that there are no
    measured figures up to the chosen month and when they come."""
    if part["measured_2018"].isna().all():
        ready = danish.month_label(pd.Timestamp(part["measured_from"].iloc[0]).date())
        return (
            f"{name} 2018: ingen målte tal til og med {danish.month_label(month)}; "
            f"tallene for hele 2018 foreligger fra {ready}"
        )
    reached = int((part["status"] == "nået").sum())
    return f"{name} 2018: {reached} af {len(part)} mål nået i 2018"


def activation_note(part: pd.DataFrame, *, phone: bool = False) -> str:
    """Where the table's figures come from, and when the plan was adopted if that was after the
    month; on a phone also where the columns it leaves out are."""
    adopted = adoption_text(part["published"].iloc[0]) if bool(part["published_later"].iloc[0]) else None
    plan = "Beskæftigelsesplan 2018" + (f" (vedtaget {adopted})" if adopted else "")
    if phone:
        return (
            f"Mål 2018 som i {plan}; «Målt 2018» er den målte værdi. "
            "Realiseret 2016 og forventet 2017 står i CSV-filen og på en større skærm."
        )
    return f"Realiseret 2016, forventet 2017 og mål 2018 som i {plan}; «Målt 2018» er den målte værdi."


def reported_activation(activation: pd.DataFrame) -> pd.DataFrame:
    """The 2018 activation table; left out of a quarterly report of a month before the plan was
    adopted (the page note of `reported_targets` names the plan)."""
    if recorder() is None or activation.empty or not activation["published_later"].astype(bool).any():
        return activation
    return activation.iloc[0:0]


def document_links(docs: pd.DataFrame) -> str:
    """Markdown links that open each document in this page (`?dokument=<source_id>`)."""
    return "\n".join(f"- [{row.source}](/maal?dokument={row.source_id})" for row in docs.itertuples())


def status_rule_text(root: Path) -> str:
    """docs/status.md without its top heading (shown under «Sådan beregnes status»)."""
    path = root / "docs" / "status.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return "\n".join(line for line in text.splitlines() if not line.startswith("# "))


def document_text(data_dir: Path, url: str) -> str | None:
    """The text of a bundled source document, only from data/documents (never a path from the URL)."""
    folder = (data_dir / "documents").resolve()
    path = (data_dir / url).resolve()
    if path.parent != folder or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def status_badge(status: str) -> str:
    return STATUS_BADGE.get(status, status)


def chosen_document(value: str | None, docs: pd.DataFrame) -> tuple[dict | None, str | None]:
    """The document a link asks for (`?dokument=<source_id>`), or a notice if it is unknown."""
    if not value:
        return None, None
    rows = docs[docs["source_id"] == value]
    if rows.empty:
        return None, "Ukendt dokument i linket; vælg et af kildedokumenterne nedenfor."
    return rows.iloc[0].to_dict(), None
