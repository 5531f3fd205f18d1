"""`import csv FILE`: the jobcenter's own figures in the documented tidy format."""

from __future__ import annotations

import pytest

from tests.importers.conftest import query, sha256

GOOD = """indikator;omraade;periode;gruppe;alder;koen;herkomst;vaerdi;personer
samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1,12;412
samtaler_per_ledig;Ballerup;2020-08;dagpenge;;;;1,05;398
aktivt_tilbud_13_uger;151;2020-09;alle;alle;alle;alle;86,5;
samarbejdsgrad;ballerup;2020-09;;;;;19,4;
fuldtidsledige;151;2020-09;alle;16-24;kvinder;ikke-vestlig;1.021;1.021
"""


def write(tmp_path, text: str, name: str = "egne_tal.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_jobcenters_own_figures_import_as_official_rows(run, db, tmp_path):
    result = run("csv", write(tmp_path, GOOD), "--db", db)
    assert result.code == 0, result.err
    rows = query(
        db,
        """SELECT o.indicator_id, o.period_start::VARCHAR, o.group_code, o.age_band, o.gender, o.origin,
                               o.value, o.persons, o.quality, s.name_da, s.table_id
                        FROM observation o JOIN source s USING (source_id) WHERE s.kind = 'statistics' ORDER BY ALL""",
    )
    assert len(rows) == 5
    assert (
        "samtaler_per_ledig",
        "2020-09-01",
        "dagpenge",
        "alle",
        "alle",
        "alle",
        1.12,
        412,
        "official",
        "Jobcenter Ballerup (egne tal)",
        "egne_tal.csv",
    ) in rows
    assert (
        "fuldtidsledige",
        "2020-09-01",
        "alle",
        "16-24",
        "kvinder",
        "ikke-vestlig",
        1021.0,
        1021,
        "official",
        "Jobcenter Ballerup (egne tal)",
        "egne_tal.csv",
    ) in rows


def test_a_file_from_excel_on_windows_imports(run, db, tmp_path):
    path = tmp_path / "fra_excel.csv"
    path.write_bytes("\ufeff".encode() + GOOD.replace("\n", "\r\n").encode("utf-8"))
    result = run("csv", path, "--kilde", "Jobcenter Ballerup, KMD Momentum", "--db", db)
    assert result.code == 0, result.err
    assert query(db, "SELECT count(*) FROM source WHERE name_da = 'Jobcenter Ballerup, KMD Momentum'")[0][0] == 1


def test_danish_column_names_are_accepted(run, db, tmp_path):
    text = "Indikator;Område;Periode;Målgruppe;Værdi\nsamarbejdsgrad;151;2020-09;alle;19,4\n"
    assert run("csv", write(tmp_path, text), "--db", db).code == 0


BAD_ROWS = [
    ("samtaler_pr_ledig;151;2020-09;dagpenge;alle;alle;alle;1,1;", "indikator", "ukendt indikator"),
    ("samtaler_per_ledig;999;2020-09;dagpenge;alle;alle;alle;1,1;", "omraade", "ukendt område"),
    ("samtaler_per_ledig;151;2020K3;dagpenge;alle;alle;alle;1,1;", "periode", "pr. måned"),
    ("samtaler_per_ledig;151;2020-13;dagpenge;alle;alle;alle;1,1;", "periode", "findes ikke"),
    ("samtaler_per_ledig;151;2020-09;fleksjob;alle;alle;alle;1,1;", "gruppe", "ukendt værdi"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;65+;alle;alle;1,1;", "alder", "ukendt værdi"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;-1;", "vaerdi", "negativ"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1.1;", "vaerdi", "decimalkomma"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;;", "vaerdi", "mangler"),
    ("aktivt_tilbud_13_uger;151;2020-09;alle;alle;alle;alle;112;", "vaerdi", "over 100"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1,1;4,5", "personer", "helt tal"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1,1;-4", "personer", "negativt"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1,1;99999999999999999999", "personer", "for stort"),
    ("samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1,1;2147483648", "personer", "for stort"),
    ("modtagere;151;2020-09;ressourceforloeb;alle;alle;alle;20;3", "personer", "mindre end værdien"),
]


@pytest.mark.parametrize(("row", "column", "fragment"), BAD_ROWS)
def test_a_bad_row_is_reported_as_file_row_column_and_nothing_is_written(run, db, tmp_path, row, column, fragment):
    path = write(tmp_path, GOOD + row + "\n")
    before = sha256(db)
    result = run("csv", path, "--db", db)
    assert result.code == 1
    assert f"{path}:7:{column}: " in result.err and fragment in result.err, result.err
    assert "Traceback" not in result.text and len(result.err.strip().splitlines()) <= 3, result.err
    assert sha256(db) == before


def test_every_bad_row_is_listed(run, db, tmp_path):
    path = write(tmp_path, GOOD + "\n".join(r for r, _, _ in BAD_ROWS) + "\n")
    result = run("csv", path, "--db", db)
    assert result.code == 1
    assert all(f"{path}:{n}:" in result.err for n in range(7, 7 + len(BAD_ROWS)))


def test_a_duplicate_row_is_refused(run, db, tmp_path):
    path = write(tmp_path, GOOD + "samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1,2;\n")
    result = run("csv", path, "--db", db)
    assert result.code == 1 and f"{path}:7: " in result.err and "række 2" in result.err


def test_missing_and_unknown_columns_are_named(run, db, tmp_path):
    path = write(tmp_path, "indikator;omraade;maengde\nsamarbejdsgrad;151;4\n")
    result = run("csv", path, "--db", db)
    assert result.code == 1
    assert f"{path}:1:maengde: ukendt kolonne" in result.err
    assert f"{path}:1:periode: kolonnen mangler" in result.err and f"{path}:1:vaerdi: kolonnen mangler" in result.err
