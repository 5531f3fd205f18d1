"""CSV downloads: what Danish Excel opens, the rows a chart draws, tidy Danish columns."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd
import pytest

from dashboard.export import (
    DANISH_HEADERS,
    DEMO_LINE,
    chart_rows,
    csv_bytes,
    export_frame,
    filter_slug,
    half_year_label,
)


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "geography": ["Ballerup", "Hele landet", "Ballerup"],
            "month": [date(2020, 8, 1), date(2020, 8, 1), date(2020, 9, 1)],
            "rate_pct": [4.8, 5.0, 4.25],
            "persons": [1021.0, None, 990.0],
            "quality": ["document", "demo", "demo"],
            "source": ["Referat", "Demodata", "Demodata"],
            "preliminary": [False, False, False],
            "suppressed": [False, True, False],
            "geo_code": ["151", "000", "151"],
        }
    )


def read(data: bytes) -> tuple[list[str], pd.DataFrame]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text[1:].split("\r\n")
    comments = [line for line in lines if line.startswith("#")]
    body = "\r\n".join(line for line in lines if not line.startswith("#"))
    return comments, pd.read_csv(io.StringIO(body), sep=";", decimal=",", dtype=str, keep_default_na=False)


def test_csv_is_bom_semicolon_decimal_comma_with_title_and_source_header():
    source = "Kilde: X, data til og med september 2020."
    comments, table = read(csv_bytes(frame(), title="Ledigheden i Ballerup", source_line=source))
    assert comments[:2] == ["# Ledigheden i Ballerup", "# Kilde: X, data til og med september 2020."]
    assert table.loc[2, "Ledighed (%)"] == "4,25"
    assert table.loc[0, "Personer"] == "1021", "a count has no decimal"
    assert table.loc[1, "Personer"] == ""


def test_demo_rows_add_a_demo_line_to_the_header_and_documented_only_do_not():
    assert f"# {DEMO_LINE}" in read(csv_bytes(frame(), title="t", source_line="s"))[0]
    documented = frame().iloc[[0]]
    assert not any("DEMODATA" in c for c in read(csv_bytes(documented, title="t", source_line="s"))[0])


def test_export_keeps_every_row_in_order_and_renames_columns_to_danish():
    out = export_frame(frame())
    assert len(out) == 3
    assert list(out["Område"]) == ["Ballerup", "Hele landet", "Ballerup"]
    assert list(out["Måned"]) == [date(2020, 8, 1), date(2020, 8, 1), date(2020, 9, 1)]
    assert list(out["Datakvalitet"]) == ["dokumenteret tal", "demodata", "demodata"]
    assert "geo_code" not in out.columns


def test_flags_are_kept_only_when_some_row_is_set():
    out = export_frame(frame())
    assert "Foreløbige tal" not in out.columns
    assert list(out["Skjult (under grænsen for antal personer)"]) == ["nej", "ja", "nej"]


def test_missing_flags_are_read_as_not_set():
    flags = pd.DataFrame({"rate_pct": [1.0, None, 2.0], "suppressed": pd.array([False, pd.NA, True], dtype="boolean")})
    assert list(export_frame(flags)["Skjult (under grænsen for antal personer)"]) == ["nej", "nej", "ja"]
    assert "suppressed" not in [c for c in export_frame(flags.iloc[:2]).columns]


def test_a_code_column_is_dropped_only_beside_its_name_column():
    both = pd.DataFrame({"age_band": ["16-24"], "age_band_name": ["16–24 år"], "rate_pct": [4.5]})
    assert list(export_frame(both).columns) == ["Alder", "Ledighed (%)"]
    alone = pd.DataFrame({"age_band": ["16-24"], "rate_pct": [4.5]})
    assert "Alder (kode)" in export_frame(alone).columns


def test_export_columns_select_what_the_chart_uses():
    out = export_frame(frame(), ["geography", "rate_pct"])
    assert list(out.columns) == ["Område", "Ledighed (%)"]


@pytest.fixture(scope="module")
def overblik_content(built_db):
    from dashboard.nav import existing_views
    from dashboard.report import record_page
    from dashboard.settings import using_database

    values = {
        "fra": "2019-10",
        "til": "2020-09",
        "sammenlign": "gentofte",
        "gruppe": "dagpenge",
        "alder": "alle",
        "koen": "alle",
        "herkomst": "alle",
    }
    with using_database(built_db):
        yield record_page(next(v for v in existing_views() if v.path == "overblik"), values)


def test_each_overblik_csv_holds_exactly_the_rows_its_chart_draws(overblik_content):
    """With a målgruppe chosen Overblik draws four charts: rates, age bands, origin, and the
    group's recipients over time (counts: whole numbers, no «,0»)."""
    assert len(overblik_content.sections) == 4
    for section in overblik_content.sections:
        drawn = chart_rows(section.chart)
        exported = read(csv_bytes(section.frame, title=section.title, source_line="Kilde: x."))[1]
        assert len(exported) == len(drawn) > 0, section.key
        value_column = next(c for c in ("rate_pct", "ratio_pct", "value") if c in drawn.columns)
        if value_column == "value":
            expected = ["" if pd.isna(v) else f"{v:.0f}" for v in drawn[value_column]]
            assert expected in [list(exported[c]) for c in exported.columns], section.key
            continue
        header = {"rate_pct": "Ledighed (%)", "ratio_pct": "Forsørgertryk (%)"}[value_column]
        expected = ["" if pd.isna(v) else f"{v}".replace(".", ",") for v in drawn[value_column]]
        assert list(exported[header]) == expected, section.key


ATTACK = "cmd|' /C calc'!A0"


@pytest.mark.parametrize("starter", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_excel_would_read_as_a_formula_gets_a_leading_quote(starter):
    """OWASP's advice against CSV injection: a source name or label imported as `=cmd|…` stays text."""
    rows = frame().assign(
        source=[starter + ATTACK, "Demodata", "Demodata"], geography=["Ballerup", starter + "1+1", "Ballerup"]
    )
    data = csv_bytes(rows, title="Titel", source_line="Kilde: x.")
    table = pd.read_csv(
        io.StringIO(data.decode("utf-8-sig")), sep=";", decimal=",", dtype=str, comment="#", keep_default_na=False
    )
    assert table.loc[0, "Kilde"] == "'" + starter + ATTACK
    assert table.loc[1, "Område"] == "'" + starter + "1+1"
    assert table.loc[0, "Område"] == "Ballerup" and table.loc[0, "Ledighed (%)"] == "4,8"  # the rest untouched


def test_negative_numbers_stay_numbers_and_headers_from_data_are_neutralised():
    rows = pd.DataFrame({"change": [-1.5, 2.0], '=HYPERLINK("x")': ["a", "b"]})
    comments, table = read(csv_bytes(rows, title="t", source_line="s", tidy=False))
    assert list(table["change"]) == ["-1,5", "2,0"]
    assert '\'=HYPERLINK("x")' in table.columns


def test_the_source_line_above_the_table_is_one_cell_however_the_source_is_named():
    data = csv_bytes(frame(), title="Titel\r=1+1", source_line=f"Kilde: x;={ATTACK}\t@SUM(A1).").decode("utf-8-sig")
    lines = data.split("\r\n")
    assert lines[0] == "# Titel =1+1" and ";" not in lines[1] and "\t" not in lines[1]
    assert lines[1].startswith("# Kilde: x,=")


def test_the_active_filters_are_the_second_line_of_the_file():
    filters = "Periode: oktober 2017 – september 2020 · Målgruppe: Dagpenge"
    comments, _ = read(csv_bytes(frame(), title="Ledigheden", source_line="Kilde: X.", filters=filters))
    assert comments[:3] == ["# Ledigheden", f"# Filtre: {filters}", "# Kilde: X."]


def test_file_name_part_names_the_period_and_each_filter_that_is_not_the_default():
    defaults = {"fra": "2017-10", "til": "2022-12", "gruppe": "alle", "sammenlign": "hele-landet"}
    values = {"fra": "2017-10", "til": "2020-09", "gruppe": "dagpenge", "sammenlign": "hele-landet"}
    assert filter_slug(values, defaults) == "2017-10-til-2020-09-dagpenge"
    assert filter_slug({"periode": "2022h1-2022h2"}, {"periode": "2022h1-2022h2"}) == ""


def test_benchmark_rows_say_half_years_and_benefit_groups_in_danish():
    ranking = pd.DataFrame(
        {
            "rank": [1, 2],
            "area_rank": [None, 1],
            "municipality": ["Vordingborg", "Ballerup"],
            "is_home": [False, True],
            "period": ["2022h1-2022h2"] * 2,
            "benefit_group": ["i-alt"] * 2,
            "expected_persons": [4180.9, 4990.2],
            "population": [24619.0, 31000.0],
        }
    )
    out = export_frame(ranking)
    assert list(out.columns) == [
        "Placering",
        "Placering i det valgte område",
        "Kommune",
        "Hjemkommune",
        "Periode",
        "Ydelsesgruppe",
        "Forventet (fuldtidspersoner)",
        "Befolkning 16–64 år",
    ]
    assert list(out["Periode"]) == ["1. halvår 2022 – 2. halvår 2022"] * 2
    assert list(out["Ydelsesgruppe"]) == ["Offentlig forsørgelse i alt"] * 2
    assert list(out["Hjemkommune"]) == ["nej", "ja"]
    text = csv_bytes(ranking, title="t", source_line="s").decode("utf-8-sig")
    assert ";4180,9;24619\r\n" in text, "counts whole, fractions with a decimal comma"
    assert half_year_label("2019h2") == "2. halvår 2019" and half_year_label("2019-05") == "2019-05"


def test_weekly_series_drop_their_codes_for_the_danish_label():
    weekly = pd.DataFrame(
        {
            "week": [date(2020, 3, 9)],
            "iso_year": [2020],
            "iso_week": [11],
            "series": ["valgt"],
            "series_label": ["2020"],
            "persons": [4280.0],
            "index_pct": [100.0],
        }
    )
    assert list(export_frame(weekly).columns) == [
        "Uge",
        "Årstal (ISO-uge)",
        "Ugenummer",
        "Serie",
        "Personer",
        "Indeks (første uge = 100)",
    ]
    assert export_frame(weekly).loc[0, "Serie"] == "2020"


@pytest.fixture(scope="module")
def every_section(built_db):
    from dashboard import report
    from dashboard.settings import using_database

    with using_database(built_db):
        built = report.build("2020-09")
    return [(p.view.path, s) for p in built.pages for s in p.content.sections]


def test_every_column_every_page_exports_has_a_danish_name_and_no_code_values(every_section):
    danish = set(DANISH_HEADERS.values())
    for path, section in every_section:
        drawn = section.frame[list(section.export_columns)] if section.export_columns else section.frame
        out = export_frame(drawn)
        assert set(out.columns) <= danish, (path, section.key, set(out.columns) - danish)
        text = out.to_csv(sep=";", decimal=",", index=False)
        assert "i-alt" not in text and not re.search(r"\b\d{4}h[12]\b", text), (path, section.key)
        for column in ("Personer", "Placering", "Antal kommuner"):
            if column in out.columns:
                assert not re.search(r";\d+,0\b", out[[column]].to_csv(sep=";", decimal=",")), (path, column)
