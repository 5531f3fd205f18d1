"""CSV that Danish Excel opens directly: UTF-8 with BOM, `;`, decimal comma, a header.

The rows are exactly the rows a chart draws; only the columns are tidied for a reader:
internal codes are dropped, headers are Danish, quality and yes/no flags are words.

Text comes partly from imported data (source names, labels), so no cell may reach Excel as
a formula: a text cell or header starting with `=`, `+`, `-`, `@`, a tab or a carriage
return gets a leading `'` (OWASP's advice against CSV injection), and the comment lines
above the table are one cell each (no `;`, no line breaks).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

import pandas as pd

# Query result columns -> Danish headers. Every column a page exports is named here (a test
# runs every page and checks); a column not listed would keep its code name.
DANISH_HEADERS = {
    "month": "Måned",
    "direction": "Retning",
    "not_begun": "Planen er ikke begyndt",
    "published_later": "Planen er vedtaget efter måneden",
    "value_source": "Kilde til seneste værdi",
    "year": "År",
    "indicator": "Indikator",
    "stated_value": "Angivet i planen",
    "monthly_mean": "Gennemsnit af månedstallene",
    "monthly_persons": "Færreste personer i en måned",
    "week": "Uge",
    "iso_year": "Årstal (ISO-uge)",
    "iso_week": "Ugenummer",
    "period": "Periode",
    "period_start": "Periodens start",
    "period_label": "Periode",
    "published": "Offentliggjort",
    "geography": "Område",
    "area": "Område",
    "municipality": "Kommune",
    "region_name": "Region",
    "is_home": "Hjemkommune",
    "age_band_name": "Alder",
    "origin_name": "Herkomst",
    "gender_name": "Køn",
    "group_name": "Målgruppe",
    "benefit_group": "Ydelsesgruppe",
    "benefit_group_name": "Ydelsesgruppe",
    "indicator_name": "Indikator",
    "indicator_text": "Mål (som formuleret i planen)",
    "group_code": "Målgruppe (kode)",
    "origin": "Herkomst (kode)",
    "age_band": "Alder (kode)",
    "gender": "Køn (kode)",
    "series": "Serie",
    "series_label": "Serie",
    "band_name": "Varighed",
    "flow_name": "Bevægelse",
    "rate_pct": "Ledighed (%)",
    "ratio_pct": "Forsørgertryk (%)",
    "share_pct": "Andel (%)",
    "index": "Indeks",
    "index_pct": "Indeks (første uge = 100)",
    "value": "Værdi",
    "unit": "Enhed",
    "persons": "Personer",
    "signed_count": "Personer (afgang negativ)",
    "rank": "Placering",
    "area_rank": "Placering i det valgte område",
    "ranked_count": "Antal placerede",
    "municipalities": "Antal kommuner",
    "population": "Befolkning 16–64 år",
    "best_value": "Bedste kommunes værdi",
    "best_persons": "Bedste kommunes personer",
    "expected_persons": "Forventet (fuldtidspersoner)",
    "actual_persons": "Faktisk (fuldtidspersoner)",
    "difference_fte": "Forskel (fuldtidspersoner)",
    "difference_pct_point": "Forskel (pct.-point)",
    "difference": "Forskel",
    "national_value": "Hele landet",
    "national_persons": "Hele landet, personer",
    "better_than_national": "Bedre end hele landet",
    "higher_is_better": "Højere er bedre",
    "value_year_before": "Værdi året før",
    "year_before_persons": "Personer året før",
    "change": "Ændring fra året før",
    "home_minus_area": "Hjemkommunen minus området",
    "home_persons": "Hjemkommunens personer",
    "rate_ikke_vestlig_pct": "Ledighed, ikke-vestlig baggrund (%)",
    "rate_oevrige_pct": "Ledighed, øvrige borgere (%)",
    "gap_pct_point": "Forskel (pct.-point)",
    "gap_year_before": "Forskel året før (pct.-point)",
    "ikke_vestlig_persons": "Personer, ikke-vestlig baggrund",
    "oevrige_persons": "Personer, øvrige borgere",
    "year_before_ikke_vestlig_persons": "Personer året før, ikke-vestlig baggrund",
    "year_before_oevrige_persons": "Personer året før, øvrige borgere",
    "value_ikke_vestlig": "Ikke-vestlig baggrund",
    "value_oevrige": "Øvrige borgere",
    "gap": "Forskel",
    "target_id": "Mål-id",
    "fact_id": "Tal-id",
    "plan": "Plan",
    "focus_area": "Fokusområde",
    "topic": "Emne",
    "measure": "Mål for",
    "measure_name": "Tal",
    "target_group": "Målgruppe",
    "comparator": "Sammenligning",
    "value_text": "Målværdi",
    "value_low": "Målværdi, nedre",
    "value_high": "Målværdi, øvre",
    "applies_from": "Gælder fra",
    "applies_to": "Gælder til",
    "grain": "Periodetype",
    "value_before": "Værdi før",
    "reference": "Sammenligningsværdi",
    "reference_before": "Sammenligningsværdi før",
    "before_persons": "Personer før",
    "reference_persons": "Sammenligning, personer",
    "reference_before_persons": "Sammenligning før, personer",
    "table_name": "Tabel",
    "realised_2016": "Realiseret 2016",
    "expected_2017": "Forventet 2017",
    "target_2018": "Mål 2018",
    "measured_2018": "Målt 2018",
    "measured_from": "Målt 2018 foreligger fra",
    "target": "Mål",
    "status": "Status",
    "note": "Note",
    "locator": "Sted i kilden",
    "source_url": "Kildefil",
    "url": "Link",
    "quality": "Datakvalitet",
    "source": "Kilde",
    "preliminary": "Foreløbige tal",
    "suppressed": "Skjult (under grænsen for antal personer)",
}
QUALITY_DA = {"official": "officiel statistik", "document": "dokumenteret tal", "demo": "demodata"}
COMPARATOR_DA = {
    ">=": "mindst",
    "<=": "højst",
    ">": "over",
    "<": "under",
    "=": "lig med",
    "between": "mellem",
    "top": "blandt de bedste",
}
# Codes that repeat a name column beside them, and technical columns no reader needs.
INTERNAL = (
    "geo_code",
    "base_persons",
    "is_newest",
    "is_oldest",
    "is_compared",
    "is_newest_compared",
    "decimals",
    "band_order",
    "indicator_id",
    "in_meeting_extract",
    "left_out_before",
)
CODE_OF_NAME = {
    "age_band": "age_band_name",
    "origin": "origin_name",
    "gender": "gender_name",
    "group_code": "group_name",
    "indicator_id": "indicator_name",
    "series": "series_label",
    "flow": "flow_name",
    "band": "band_name",
    "benefit_group": "benefit_group_name",
    "period": "period_label",
    "measure": "measure_name",
}
# Columns of a breakdown that hold only "alle" say nothing the title does not.
ALL_ONLY = ("group_code", "origin")
# Flags that only carry information where at least one row is set.
FLAGS_IF_ANY = ("preliminary", "suppressed")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Columns counting persons: whole numbers, written without a decimal.
COUNTS = ("persons", "population", "municipalities", "ranked_count", "rank", "area_rank")
HALF_YEAR = re.compile(r"^(\d{4})h([12])$")
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


def half_year_label(code: object) -> object:
    """`2022h1-2022h2` -> `1. halvår 2022 – 2. halvår 2022` (other values as they are)."""
    if not isinstance(code, str):
        return code
    parts = [HALF_YEAR.match(part) for part in code.split("-")]
    if not all(parts):
        return code
    return " – ".join(f"{m.group(2)}. halvår {m.group(1)}" for m in parts if m)


def _is_count(column: str) -> bool:
    return column in COUNTS or column.endswith("_persons")


def _whole(series: pd.Series) -> pd.Series:
    """Counts as whole numbers (1021, not 1021,0); a column with a fraction stays as it is."""
    numbers = pd.to_numeric(series, errors="coerce")
    if numbers.notna().sum() == series.notna().sum() and (numbers.dropna() % 1 == 0).all():
        return numbers.round().astype("Int64")
    return series


def _danish_values(column: str, values: pd.Series) -> pd.Series:
    from dashboard.views.benchmark import GROUPS

    if column == "quality":
        return values.map(lambda q: QUALITY_DA.get(q, q))
    if column == "benefit_group":
        return values.map(lambda g: GROUPS.get(g, g))
    if column == "period":
        return values.map(half_year_label)
    if column == "comparator":
        return values.map(lambda c: COMPARATOR_DA.get(c, c))
    if pd.api.types.is_bool_dtype(values) or column in FLAGS_IF_ANY or column in ("is_home", "higher_is_better"):
        return values.map(_yes_no)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d")
    if _is_count(column):
        return _whole(values)
    return values


def export_frame(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows of `frame`, in order, with reader-friendly columns (see module docstring)."""
    out = frame[list(columns)].copy() if columns else frame.copy()
    drop = [c for c in INTERNAL if c in out.columns]
    drop += [code for code, name in CODE_OF_NAME.items() if code in out.columns and name in out.columns]
    drop += [c for c in FLAGS_IF_ANY if c in out.columns and not any(_yes_no(v) == "ja" for v in out[c])]
    drop += [c for c in ALL_ONLY if c in out.columns and set(out[c].dropna()) <= {"alle"}]
    out = out.drop(columns=list(dict.fromkeys(drop)))
    for col in out.columns:
        out[col] = _danish_values(col, out[col])
    return out.rename(columns=DANISH_HEADERS).reset_index(drop=True)


def neutralised(cell: object) -> object:
    """A text cell that Excel would read as a formula, with a leading `'`; anything else as it is."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell


def comment_line(text: object) -> str:
    """One `# …` line that is a single cell: white space (tabs, line breaks) and `;` made harmless."""
    return "# " + " ".join(str(text).replace(";", ",").split()) + "\r\n"


def filter_slug(values: Mapping[str, str], defaults: Mapping[str, str]) -> str:
    """The filters for a file name, in the order of the filter bar (`defaults`): the period
    always, other filters where not default (`2017-10-til-2020-09-dagpenge-gentofte`).
    Values are slugs already."""
    parts = [f"{values['fra']}-til-{values['til']}"] if "fra" in values and "til" in values else []
    parts += [values[k] for k in defaults if k in values and k not in ("fra", "til") and values[k] != defaults[k]]
    return "-".join(parts)


def csv_bytes(frame: pd.DataFrame, *, title: str, source_line: str, filters: str = "", tidy: bool = True) -> bytes:
    """Exactly the rows drawn, preceded by comment lines naming the chart, the filters it
    was drawn with, and its source."""
    buffer = io.StringIO()
    for line in filter(None, [title, f"Filtre: {filters}" if filters else None, source_line]):
        buffer.write(comment_line(line))
    if "quality" in frame.columns and (frame["quality"] == "demo").any():
        buffer.write(comment_line(DEMO_LINE))
    out = export_frame(frame) if tidy else frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].map(neutralised)
    out.columns = [neutralised(str(c)) for c in out.columns]
    out.to_csv(buffer, sep=";", decimal=",", index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
