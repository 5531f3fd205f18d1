"""CSV that Danish Excel opens directly: UTF-8 with BOM, `;`, decimal comma, a header.

The rows are exactly the rows a chart draws; only the columns are tidied for a reader:
internal codes are dropped, headers are Danish, quality and yes/no flags are words.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd

# Query result columns -> Danish headers. Columns not listed keep their name.
DANISH_HEADERS = {
    "month": "Måned",
    "week": "Uge",
    "period": "Periode",
    "period_start": "Periode",
    "geography": "Område",
    "area": "Område",
    "age_band_name": "Alder",
    "origin_name": "Herkomst",
    "gender_name": "Køn",
    "group_name": "Målgruppe",
    "indicator_name": "Indikator",
    "rate_pct": "Ledighed (%)",
    "ratio_pct": "Forsørgertryk (%)",
    "share_pct": "Andel (%)",
    "index": "Indeks",
    "value": "Værdi",
    "persons": "Personer",
    "rank": "Placering",
    "target": "Mål",
    "status": "Status",
    "quality": "Datakvalitet",
    "source": "Kilde",
    "preliminary": "Foreløbige tal",
    "suppressed": "Skjult (under grænsen for antal personer)",
}
QUALITY_DA = {"official": "officiel statistik", "document": "dokumenteret tal", "demo": "demodata"}
# Codes that repeat a name column beside them, and technical columns no reader needs.
INTERNAL = ("geo_code", "is_newest")
CODE_OF_NAME = {"age_band": "age_band_name", "origin": "origin_name", "gender": "gender_name",
                "group_code": "group_name", "indicator_id": "indicator_name"}
# Flags that only carry information where at least one row is set.
FLAGS_IF_ANY = ("preliminary", "suppressed")
DEMO_LINE = "DEMODATA: rækker med datakvalitet «demodata» er genererede tal, ikke rigtige."


def chart_rows(chart: dict) -> pd.DataFrame | None:
    """The rows a chart (a Vega-Lite dict, see `dashboard.charts`) draws: its own data frame,
    or its first layer's that has one."""
    data = chart.get("data")
    if isinstance(data, pd.DataFrame):
        return data
    for part in chart.get("layer", []):
        found = chart_rows(part)
        if found is not None:
            return found
    return None


def _yes_no(value: object) -> str:
    """A flag as a word; missing (None, NaN, pd.NA) counts as not set."""
    return "nej" if value is None or pd.isna(value) or not bool(value) else "ja"


def export_frame(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows of `frame`, in order, with reader-friendly columns (see module docstring)."""
    out = frame[list(columns)].copy() if columns else frame.copy()
    drop = [c for c in INTERNAL if c in out.columns]
    drop += [code for code, name in CODE_OF_NAME.items() if code in out.columns and name in out.columns]
    drop += [c for c in FLAGS_IF_ANY if c in out.columns and not any(_yes_no(v) == "ja" for v in out[c])]
    out = out.drop(columns=drop)
    for col in out.columns:
        if col == "quality":
            out[col] = out[col].map(lambda q: QUALITY_DA.get(q, q))
        elif pd.api.types.is_bool_dtype(out[col]) or col in FLAGS_IF_ANY:
            out[col] = out[col].map(_yes_no)
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out.rename(columns=DANISH_HEADERS).reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame, *, title: str, source_line: str, tidy: bool = True) -> bytes:
    """Exactly the rows drawn, preceded by comment lines naming the chart and its source."""
    buffer = io.StringIO()
    for line in (title, source_line):
        buffer.write("# " + " ".join(str(line).split()) + "\r\n")
    if "quality" in frame.columns and (frame["quality"] == "demo").any():
        buffer.write(f"# {DEMO_LINE}\r\n")
    out = export_frame(frame) if tidy else frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    out.to_csv(buffer, sep=";", decimal=",", index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
