"""Accessibility (WCAG 2.1 AA, webtilgængelighedsloven): the chart text alternative, the
CSS every view gets (contrast, tables on a phone), and the accessibility statement.

What is tested and how is said in the statement itself (`STATEMENT`); the checks are
tests/browser/test_accessibility.py (axe-core on every page, in the meeting view and at
390×844, and a keyboard walk through the controls).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

PATH = "tilgaengelighed"
TITLE = "Tilgængelighedserklæring"

# Fixed CSS (no user text in it). On a narrow screen a table wraps its cells (the text inside
# them too: Streamlit's own rule kept it on one line, over the next cell) and shows all its rows
# instead of scrolling (a scrolling box with nothing focusable in it cannot be reached by
# keyboard); KPI labels and sidebar entries wrap instead of being cut; a row of KPI cards stands
# two by two instead of one under the other (four cards filled a phone's first screen), their
# figures and changes wrapping rather than cut («16. plads af 98»); a title
# does not leave its last word alone on a line («%)»).
CSS = """
<style>
@media (max-width: 640px) {
  .stTable > div { overflow: visible !important; height: auto !important; max-height: none !important; }
  .stTable table { width: 100% !important; table-layout: fixed; }
  .stTable th, .stTable td { white-space: normal !important;
    overflow-wrap: anywhere; padding: 0.25rem 0.35rem; font-size: 0.85rem; }
  .stTable td [data-testid="stMarkdownContainer"], .stTable th [data-testid="stMarkdownContainer"],
  .stTable th p, .stTable td p { max-width: 100% !important; overflow-wrap: anywhere !important; }
  [data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div { white-space: normal !important; }
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {
    flex-wrap: wrap !important; gap: 0.5rem !important; }
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) > [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 0.5rem) !important; min-width: calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important; }
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricDelta"],
  [data-testid="stMetricDelta"] * { white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important; }
  [data-testid="stMetricValue"] { font-size: 1.75rem !important; line-height: 1.2 !important; }
}
[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"] span { white-space: normal; overflow: visible;
  text-overflow: clip; }
[data-testid="stMetricLabel"] p { white-space: normal; overflow: visible; text-overflow: clip; }
[data-testid="stMain"] h1, [data-testid="stMain"] h3 { text-wrap: pretty; }
</style>
"""


def style() -> None:
    st.html(CSS)


def chart_description(title: str, *, has_table: bool) -> str:
    """What a screen reader says for a chart: its finding and where its numbers are."""
    where = "Tallene står i tabellen under grafen." if has_table else "Tallene kan hentes som CSV under grafen."
    return f"Graf: {title}. {where}"


def described(spec: dict[str, Any], description: str) -> dict[str, Any]:
    """A copy of a Vega-Lite spec that a screen reader reads as one image with `description`
    and its axes; the marks (hundreds of points, some with no data) are left out of the
    accessibility tree (`aria: false` on every mark). The legend lists its entries one under
    another, so that it fits a phone's width instead of running off the side (the meeting
    view's theme sets its own columns)."""
    config = spec.get("config", {})
    return {
        **spec,
        "description": description,
        "config": {
            **config,
            "mark": {**config.get("mark", {}), "aria": False},
            "legend": {"columns": 1, **config.get("legend", {})},
        },
    }


STATEMENT = """
Ballerup Kommune ønsker at gøre dashboardet **Nøgletal på beskæftigelsesområdet** tilgængeligt
i overensstemmelse med lov om tilgængelighed af offentlige organers websteder og mobilapplikationer
(webtilgængelighedsloven). Erklæringen gælder dashboardets sider og den kvartalsrapport, der kan
hentes fra det.

### Overholdelsesstatus
Dashboardet overholder **delvist** standarden WCAG 2.1 niveau AA på grund af de forhold, der er
nævnt nedenfor.

### Sådan er det testet
- **Automatisk test:** axe-core (Deque Systems) køres på hver side ved hver ændring af koden, i
  den almindelige visning (1280×720), i mødevisningen (1920×1080) og på en telefon (390×844).
  Testen kræver 0 fejl af typen «serious» eller «critical» i reglerne for WCAG 2.0/2.1 A og AA.
- **Tastatur:** en automatisk test går siden igennem med tabulatortasten og kontrollerer, at
  filtre, sidelinks og knapper til at hente data kan nås.
- Der er **ikke** gennemført test med brugere af skærmlæser eller forstørrelsesprogram, og
  ingen ekstern revision.

### Indhold, der ikke er tilgængeligt
- **Grafer** er billeder for en skærmlæser. Hver graf har en tekst med sin konklusion
  (overskriften), og de vigtigste tal står i en tabel under grafen; alle tal kan hentes som CSV.
  Enkelte grafer har ingen tabel, kun CSV.
- **Farver:** linjer skelnes med farve og forklaring (legend); de er ikke altid mærket direkte.
- **PDF-rapporten** er dannet automatisk og er ikke tagget som tilgængelig PDF; samme indhold
  kan hentes som HTML.
- **Filtrene** på en telefon ligger over indholdet og er ikke samlet i én foldbar boks endnu.

### Udarbejdelse af denne tilgængelighedserklæring
Erklæringen er udarbejdet af udviklerne på grundlag af en selvevaluering med de test, der er
beskrevet ovenfor. Den opdateres, når dashboardet ændres væsentligt.

### Feedback og kontaktoplysninger
Oplever du problemer med tilgængeligheden, så skriv til Jobcenter Ballerup via Ballerup
Kommunes hjemmeside, og nævn siden (adressen i browseren) og hvad der ikke virkede.

### Håndhævelsesprocedure
Du kan klage til Digitaliseringsstyrelsen, som fører tilsyn med webtilgængelighedsloven, hvis du
mener, at dit svar ikke er tilfredsstillende.
"""
