"""The focus pages' small text tables and the reshaped frames their charts draw."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import findings
from dashboard import danish
from dashboard.charts import long_form
from dashboard.frames import rows_where
from dashboard.views.focus import period_text


def measure_label(fact: Mapping) -> str:
    group = GROUP_NAMES.get(fact["target_group"])
    return f"{fact['measure_name']} ({group})" if group else str(fact["measure_name"])


def documented_table(facts: pd.DataFrame) -> pd.DataFrame:
    """The documented figures as text, exactly as stated."""
    return pd.DataFrame(
        {
            "Tal": [measure_label(r) for r in facts.to_dict("records")],
            "Periode": facts["period"],
            "Værdi": [
                findings.amount(v, u, 0 if float(v).is_integer() else 1)
                for v, u in zip(facts["value"], facts["unit"], strict=True)
            ],
            "Kilde": facts["source"] + ", " + facts["locator"],
        }
    )


def latest_table(
    frame: pd.DataFrame, value: str = "value", label: str = "Værdi", area: str = "geography"
) -> pd.DataFrame:
    """The newest period of each area as text: area, value (or «<5»), period, source."""
    last = rows_where(frame, "is_newest", True, ["month", area, value, "suppressed", "source", "unit", "decimals"])
    if not last:
        return pd.DataFrame()
    unit = str(last[0]["unit"]) if "unit" in frame else "pct"
    decimals = int(last[0]["decimals"]) if "decimals" in frame else 1
    return pd.DataFrame(
        {
            "Område": [r[area] for r in last],
            label: [
                danish.hidden() if r.get("suppressed") else findings.amount(r[value], unit, decimals) for r in last
            ],
            "Periode": [period_text(r["month"], "month") for r in last],
            "Kilde": [r["source"] for r in last],
        }
    )


def combined(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Several indicators' latest values side by side (for one grouped bar chart)."""
    parts = [f for f in frames.values() if not f.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def vs_national_long(frame: pd.DataFrame, home_name: str) -> pd.DataFrame:
    """`indicators_vs_national` rows as one bar per (indicator × group) and area."""
    if frame.empty:
        return frame
    label = frame["indicator_name"] + " – " + frame["group_name"].str.replace("Kontanthjælp – ", "", regex=False)
    common = {"measure": label, "month": frame["month"], "quality": frame["quality"], "source": frame["source"]}
    home_area = pd.DataFrame(common | {"geography": home_name, "value": frame["value"]})
    country = pd.DataFrame(common | {"geography": "Hele landet", "value": frame["national_value"]})
    return pd.concat([home_area, country], ignore_index=True)


GROUP_NAMES = {
    "unge_16_24": "16–24-årige",
    "unge_25_29": "25–29-årige",
    "uddannelseshjaelp": "uddannelseshjælp",
    "kontanthjaelp_aktivitetsparat": "aktivitetsparate kontanthjælpsmodtagere",
    "jobparate": "jobparate",
}


def origin_rates_long(gap: pd.DataFrame) -> pd.DataFrame:
    """The home municipality's two rates (ikke-vestlig, øvrige) as one line each."""
    keep = ["month", "quality", "source", *(["suppressed"] if "suppressed" in gap.columns else [])]
    out = long_form(
        gap,
        keep,
        {"Ikke-vestlig baggrund": "rate_ikke_vestlig_pct", "Øvrige borgere": "rate_oevrige_pct"},
        name="series",
        value="rate_pct",
        where=gap["is_home"].to_numpy(dtype=bool),
    )
    return out if "suppressed" in out.columns else out.assign(suppressed=False)


def by_origin_long(frame: pd.DataFrame) -> pd.DataFrame:
    """`indicator_by_group_and_origin` as one bar per group and origin (hidden cells left out)."""
    return long_form(
        frame,
        ["group_name", "month", "quality", "source"],
        {"Ikke-vestlig baggrund": "value_ikke_vestlig", "Øvrige borgere": "value_oevrige"},
        name="origin",
        value="value",
        where=(frame["group_code"] != "alle").to_numpy(dtype=bool),
        drop_missing=True,
    )


def by_origin_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per target group: ikke-vestlig, øvrige and the gap as text («<5» where hidden)."""
    if frame.empty:
        return pd.DataFrame()
    unit, decimals = str(frame["unit"].iloc[0]), int(frame["decimals"].iloc[0])
    gap_unit = "pct_point" if unit == "pct" else unit

    def shown(value, hidden, unit_name):
        return danish.hidden() if hidden else findings.amount(value, unit_name, decimals)

    hidden = frame["suppressed"] if "suppressed" in frame else pd.Series(False, index=frame.index)
    return pd.DataFrame(
        {
            "Målgruppe": frame["group_name"],
            "Ikke-vestlig baggrund": [
                shown(v, h, unit) for v, h in zip(frame["value_ikke_vestlig"], hidden, strict=True)
            ],
            "Øvrige borgere": [shown(v, h, unit) for v, h in zip(frame["value_oevrige"], hidden, strict=True)],
            "Forskel": [shown(v, h, gap_unit) for v, h in zip(frame["gap"], hidden, strict=True)],
        }
    ).reset_index(drop=True)
