"""The answers as StatBank and Jobindsats really send them (../shared/reference/real/FORMATS.md):
the two real files shipped in data/real/, and small files in each real shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.settings import PROJECT_ROOT
from tests.importers.conftest import query, sha256

REAL = PROJECT_ROOT / "data" / "real"
Y30R21 = REAL / "jobindsats_Y30R21_2020QMAT02-2022QMAT04.csv"
AUK01 = REAL / "statbank_AUK01_en.csv"
CRLF_BOM = "\ufeff"


def write(tmp_path: Path, name: str, lines: list[str], *, bom: bool = True) -> Path:
    path = tmp_path / name
    path.write_bytes(((CRLF_BOM if bom else "") + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def official(db: Path, indicator: str, geo: str, period: str, **keys: str) -> list[tuple]:
    where = "".join(f" AND {k} = '{v}'" for k, v in keys.items())  # fixed names from the tests
    return query(
        db,
        f"""SELECT value FROM observation WHERE quality = 'official' AND indicator_id = ?
                         AND geo_code = ? AND period_start = ?{where}""",
        [indicator, geo, period],
    )


def content(db: Path) -> tuple[list, list, int]:
    observations = query(
        db,
        """SELECT indicator_id, geo_code, period_start, group_code, age_band, gender, origin,
                                       value, quality FROM observation WHERE quality = 'official' ORDER BY ALL""",
    )
    bench = query(db, "SELECT * EXCLUDE (source_id) FROM benchmark ORDER BY ALL")
    return observations, bench, query(db, "SELECT count(*) FROM source")[0][0]


# --- the real files -------------------------------------------------------------------------------


def test_the_real_y30r21_answer_imports_with_area_ydelsesgrupper_and_long_measure_labels(run, db):
    result = run("jobindsats", "--table", "Y30R21", "--file", Y30R21, "--db", db)
    assert result.code == 0, result.err
    rows = query(
        db,
        """SELECT b.expected_persons, b.actual_persons, p.difference_pct_point, p.rank, b.quality
                        FROM benchmark b JOIN benchmark_published p USING (period, benefit_group, geo_code)
                        WHERE b.period = '2019h2-2020h1' AND b.geo_code = '151' ORDER BY b.benefit_group""",
    )
    assert rows == [
        (720.0, 700.0, -0.05, 28, "official"),
        (2920.0, 2760.0, -0.54, 7, "official"),
        (1450.0, 1210.0, -0.76, 3, "official"),
        (760.0, 850.0, 0.27, 85, "official"),
    ]
    assert query(db, "SELECT count(*) FROM benchmark_published")[0][0] == 2352


def test_the_real_y30r21_file_imports_the_same_as_a_benchmark_file(run, db, tmp_path):
    assert run("benchmark", Y30R21, "--db", db).code == 0
    assert query(db, "SELECT count(*) FROM benchmark WHERE quality = 'official'")[0][0] == 2352


def test_the_real_auk01_answer_in_english_with_bom_and_crlf_imports_every_area_and_quarter(run, db):
    result = run("statbank", "--table", "AUK01", "--from", "2007K1", "--file", AUK01, "--db", db)
    assert result.code == 0, result.err
    assert "152 rækker for områder som dashboardet ikke har" in result.out
    assert official(db, "kontanthjaelp_nettoledige", "000", "2007-01-01") == [(19206.0,)]
    rows = query(
        db,
        """SELECT count(DISTINCT geo_code), count(DISTINCT period_start), min(period_start)::VARCHAR,
                               max(period_end)::VARCHAR
                        FROM observation WHERE indicator_id = 'kontanthjaelp_nettoledige'""",
    )
    assert rows == [(115, 76, "2007-01-01", "2025-12-31")]
    landsdele = query(
        db,
        """SELECT count(DISTINCT geo_code) FROM observation
                             WHERE indicator_id = 'kontanthjaelp_nettoledige' AND geo_code LIKE 'LD%'""",
    )
    assert landsdele == [(11,)]


def test_re_importing_the_real_files_changes_no_figure(run, db):
    for _ in range(2):
        assert run("jobindsats", "--table", "Y30R21", "--file", Y30R21, "--db", db).code == 0
        assert run("statbank", "--table", "AUK01", "--from", "2007K1", "--file", AUK01, "--db", db).code == 0
        if _ == 0:
            first = content(db)
    assert content(db) == first


def test_the_default_build_imports_both_real_files_as_official_with_their_source(built_con):
    sources = built_con.execute(
        """SELECT s.table_id, s.name_da, s.ref, count(*) FROM observation o JOIN source s USING (source_id)
           WHERE o.quality = 'official' GROUP BY ALL ORDER BY 1"""
    ).fetchall()
    assert [(t, n) for t, n, _, _ in sources][:1] == [("AUK01", "Danmarks Statistik, AUK01")]
    assert sources[0][2].startswith("file:statbank_AUK01_en.csv#") and sources[0][3] == 8740
    bench = built_con.execute(
        """SELECT s.ref, count(*) FROM benchmark b JOIN source s USING (source_id) WHERE b.quality = 'official'
           GROUP BY ALL"""
    ).fetchall()
    assert bench == [(bench[0][0], 2352)] and bench[0][0].startswith("file:jobindsats_Y30R21_2020QMAT02-2022QMAT04.csv")


# --- StatBank shapes --------------------------------------------------------------------------------

AUP02_HEADER = "OMRÅDE;ALDER;KØN;TID;INDHOLD"


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("codes", [AUP02_HEADER, "151;TOT;TOT;2019M09;3,7"]),
        ("danish_labels", [AUP02_HEADER, "Ballerup;Alder i alt;I alt;2019M09;3,7"]),
        ("english_labels", [AUP02_HEADER, "Ballerup;Age, total;Total;2019M09;3.7"]),
        ("code_and_value", [AUP02_HEADER, "151 Ballerup;TOT Alder i alt;TOT I alt;2019M09;3,7"]),
        ("other_column_order", ["TID;KØN;OMRÅDE;INDHOLD;ALDER", "2019M09;TOT;151;3,7;TOT"]),
    ],
)
def test_a_statbank_answer_in_each_value_presentation_imports_the_same_figure(run, db, tmp_path, name, lines):
    result = run("statbank", "--table", "AUP02", "--file", write(tmp_path, f"{name}.csv", lines), "--db", db)
    assert result.code == 0, result.err
    assert official(db, "ledighedsprocent", "151", "2019-09-01", gender="alle", age_band="alle") == [(3.7,)]


def test_an_all_areas_answer_maps_landsdele_and_skips_christiansoe_and_abroad(run, db, tmp_path):
    lines = [
        AUP02_HEADER,
        "000;TOT;TOT;2019M09;3,9",
        "084;TOT;TOT;2019M09;4,1",
        "02;TOT;TOT;2019M09;4,0",
        "Province Fyn;TOT;TOT;2019M09;4,4",
        "411;TOT;TOT;2019M09;1,0",
        "Abroad;TOT;TOT;2019M09;2,0",
        "151;TOT;TOT;2019M09;3,7",
    ]
    result = run("statbank", "--table", "AUP02", "--file", write(tmp_path, "alle.csv", lines), "--db", db)
    assert result.code == 0, result.err
    assert "sprunget over: 2 rækker for områder som dashboardet ikke har" in result.out
    assert official(db, "ledighedsprocent", "LD02", "2019-09-01", gender="alle", age_band="alle") == [(4.0,)]
    assert official(db, "ledighedsprocent", "LD07", "2019-09-01", gender="alle", age_band="alle") == [(4.4,)]


def test_a_json_stat_answer_is_refused_by_name_with_how_to_ask_for_csv(run, db, tmp_path):
    path = tmp_path / "aup02.json"
    path.write_text(json.dumps({"dataset": {"dimension": {}, "value": [3.7]}}), encoding="utf-8")
    before = sha256(db)
    result = run("statbank", "--table", "AUP02", "--file", path, "--db", db)
    assert result.code == 1 and "JSON-stat" in result.err and '"format": "CSV"' in result.err
    assert "svarede med en fejl" not in result.err and sha256(db) == before


def test_a_statistikbanken_web_download_is_refused_as_such(run, db, tmp_path):
    lines = [
        "Fuldtidsledige i pct. af arbejdsstyrken efter område, alder, køn og tid",
        "",
        ";;;2019M09;2019M10",
        "Ballerup;Alder i alt;I alt;3,7;3,6",
    ]
    before = sha256(db)
    result = run("statbank", "--table", "AUP02", "--file", write(tmp_path, "web.csv", lines, bom=False), "--db", db)
    assert result.code == 1 and "download fra statistikbanken.dk" in result.err and "format" in result.err
    assert "Traceback" not in result.err and sha256(db) == before


# --- Jobindsats shapes ------------------------------------------------------------------------------

PTVA02_HEADER = "Area;Periode;Køn;Alder;Oprindelse;Antal personer"


def test_a_jobindsats_csv_answer_with_area_and_spelled_out_totals_imports(run, db, tmp_path):
    lines = [
        PTVA02_HEADER,
        "Ballerup;2020M09;Køn i alt;Alder i alt;Oprindelse i alt;4.210",
        "Ballerup;2020M09;Mænd;Alder i alt;Oprindelse i alt;2.100",
        "Ballerup;2020M09;Kvinder;Alder i alt;Oprindelse i alt;2.110",
    ]
    result = run("jobindsats", "--table", "PTVA02", "--file", write(tmp_path, "ptva02.csv", lines), "--db", db)
    assert result.code == 0, result.err
    assert official(
        db, "modtagere", "151", "2020-09-01", gender="alle", age_band="alle", origin="alle", group_code="alle"
    ) == [(4210.0,)]


def test_an_unused_dimension_is_reduced_to_its_total(run, db, tmp_path):
    header = "Area;Periode;Køn;Fleksjobtype;Antal personer"
    rows = ["Ballerup;2020M09;Køn i alt;Fleksjob i alt;600", "Ballerup;2020M09;Køn i alt;Fleksjob, ny ordning;450"]
    y08 = write(tmp_path, "y08.csv", [header, *rows])
    y09 = write(tmp_path, "y09.csv", ["Area;Periode;Køn;Antal personer", "Ballerup;2020M09;Køn i alt;90"])
    result = run("jobindsats", "--table", "Y08A02", "--table", "Y09A02", "--file", y08, "--file", y09, "--db", db)
    assert result.code == 0, result.err
    assert official(
        db,
        "modtagere",
        "151",
        "2020-09-01",
        gender="alle",
        age_band="alle",
        origin="alle",
        group_code="ledighedsydelse-fleksjob",
    ) == [(690.0,)]


def test_an_unused_dimension_without_a_total_is_refused_by_name(run, db, tmp_path):
    lines = [
        "Area;Periode;Køn;Fleksjobtype;Antal personer",
        "Ballerup;2020M09;Køn i alt;Fleksjob, ny ordning;450",
        "Ballerup;2020M09;Køn i alt;Fleksjob, gammel ordning;150",
    ]
    before = sha256(db)
    result = run("jobindsats", "--table", "PTVA02", "--file", write(tmp_path, "p.csv", lines), "--db", db)
    assert result.code == 1 and "'Fleksjobtype'" in result.err and "dublet" not in result.err
    assert sha256(db) == before
