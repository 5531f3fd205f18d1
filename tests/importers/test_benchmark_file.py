"""`import benchmark FILE`: the Ministry's benchmark from a CSV or XLSX file."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from tests.importers.conftest import query, sha256

HEADER = [
    "Område",
    "Periode",
    "Ydelsesgruppe",
    "Forventet antal",
    "Faktisk antal",
    "Befolkning 16-64 år",
    "Placering på benchmarkranglisten",
]
# 2020H1-2020H2: a period without documented rows (the build keeps Ballerup 2019H2-2020H1
# as the minutes state it, and documented figures are never replaced).
ROWS = [
    ["Ballerup", "2020H1-2020H2", "I alt", 5101.5, 4941.5, 31200, 7],
    ["Ballerup", "2020H1-2020H2", "Dagpenge", 820, 800, 31200, 28],
    ["Brøndby", "2020H1-2020H2", "I alt", 5600, 5700.25, 24000, 80],
    ["Hele landet", "2020H1-2020H2", "Kontanthjælpsområdet", 150000, 150000, 3700000, None],
]


def da(value) -> str:
    return "" if value is None else str(value).replace(".", ",")


def write_csv(path, rows=ROWS, header=HEADER) -> None:
    lines = [";".join(header)] + [";".join(da(v) for v in row) for row in rows]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")


def write_xlsx(path, rows=ROWS) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Benchmark – offentlig forsørgelse (Beskæftigelsesministeriet)"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_benchmark_file_fills_the_benchmark_table(run, db, tmp_path, kind):
    path = tmp_path / f"benchmark.{kind}"
    (write_csv if kind == "csv" else write_xlsx)(path)
    result = run("benchmark", path, "--db", db)
    assert result.code == 0, result.err
    rows = query(
        db,
        """SELECT b.period, b.benefit_group, b.geo_code, b.expected_persons, b.actual_persons, b.population,
                               b.quality, s.table_id, s.kind FROM benchmark b JOIN source s USING (source_id)
                               WHERE b.quality = 'official' ORDER BY ALL""",
    )
    assert rows[0] == ("2020h1-2020h2", "dagpenge", "151", 820.0, 800.0, 31200, "official", "Y30R21", "statistics")
    assert ("2020h1-2020h2", "i-alt", "153", 5600.0, 5700.25, 24000, "official", "Y30R21", "statistics") in rows
    assert len(rows) == 4
    assert "færre end 98 kommuner" in result.out


def test_the_source_name_can_be_given(run, db, tmp_path):
    path = tmp_path / "benchmark.csv"
    write_csv(path)
    assert run("benchmark", path, "--kilde", "STAR, benchmark juni 2021", "--db", db).code == 0
    assert query(
        db, "SELECT DISTINCT s.name_da FROM benchmark JOIN source s USING (source_id) WHERE quality = 'official'"
    ) == [("STAR, benchmark juni 2021",)]


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        ((0, 2, "Ledighedsydelse"), [":2:Ydelsesgruppe: ", "ukendt ydelsesgruppe"]),
        ((1, 0, "Atlantis"), [":3:Område: ", "ukendt område"]),
        ((1, 1, "2019H1-2020H1"), [":3:Periode: ", "to halvår i træk"]),
        ((2, 4, "-5"), [":4:Faktisk antal: ", "negativt"]),
        ((2, 3, "mange"), [":4:Forventet antal: ", "ikke et tal"]),
        ((3, 5, "0"), [":5:Befolkning 16-64 år: ", "befolkningen mangler eller er 0"]),
        ((3, 0, "Ballerup"), [":5: ", "dublet"]),
    ],
)
def test_bad_benchmark_rows_are_rejected_with_their_place(run, db, tmp_path, change, fragments):
    rows = [list(r) for r in ROWS]
    i, j, v = change
    rows[i][j] = v
    if change == (3, 0, "Ballerup"):
        rows[3] = list(ROWS[0])
    path = tmp_path / "benchmark.csv"
    write_csv(path, rows)
    before = sha256(db)
    result = run("benchmark", path, "--db", db)
    assert result.code == 1
    for fragment in fragments:
        assert fragment in result.err, result.err
    assert sha256(db) == before


def test_a_file_without_the_needed_columns_names_what_is_missing(run, db, tmp_path):
    path = tmp_path / "benchmark.csv"
    write_csv(path, [r[:3] for r in ROWS], HEADER[:3])
    result = run("benchmark", path, "--db", db)
    assert result.code == 1 and "forventet antal" in result.err and "faktisk antal" in result.err


def test_a_broken_spreadsheet_is_rejected(run, db, tmp_path):
    path = tmp_path / "benchmark.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    before = sha256(db)
    result = run("benchmark", path, "--db", db)
    assert result.code == 1 and "Excel-regneark" in result.err
    assert sha256(db) == before


def test_a_reimport_replaces_the_earlier_official_rows(run, db, tmp_path):
    path = tmp_path / "benchmark.csv"
    write_csv(path)
    assert run("benchmark", path, "--db", db).code == 0
    rows = [list(r) for r in ROWS]
    rows[0][4] = 4900
    write_csv(path, rows)
    assert run("benchmark", path, "--db", db).code == 0
    got = query(
        db,
        "SELECT actual_persons FROM benchmark WHERE geo_code = '151' AND benefit_group = 'i-alt' AND period = '2020h1-2020h2'",
    )
    assert got == [(4900.0,)]
    assert (
        query(db, "SELECT count(*) FROM source WHERE kind = 'statistics'")[0][0] == 1
    )  # the first source is unused now
