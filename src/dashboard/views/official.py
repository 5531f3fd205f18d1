"""Texts for official series: the finding of a quarterly count (StatBank AUK01)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import findings


def quarterly_count_title(frame: pd.DataFrame, what: str, home: Mapping[str, str]) -> str:
    """From `quarterly_count_by_geography`: `38 nettoledige kontanthjælpsmodtagere i Ballerup i
    2. kvartal 2022 – 65 færre end et år før` (the home municipality's newest quarter)."""
    subject = f"{what} i {home['name_da']}"
    own = frame[frame["geo_code"] == home["geo_code"]] if not frame.empty else frame
    if own.empty:
        return findings.count_change(subject, None, None, "")
    row = own.iloc[-1]
    return findings.count_change(subject, row["value"], row["change"], row["period_label"])


def quarterly_note(frame: pd.DataFrame, what: str) -> str | None:
    """`Seneste kvartal: 4. kvartal 2022. …`: the source line names months, a quarter says itself."""
    if frame.empty:
        return None
    return f"Seneste kvartal: {frame['period_label'].iloc[-1]}. {what}"
