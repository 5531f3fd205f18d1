"""`import jobindsats`: benefit tables become `modtagere` by target group, Y30R21 the benchmark."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse

import pytest

from tests.importers.conftest import fixture, query, sha256

SECRET = "hemmelig-nøgle-123"
GROUPS = {
    "Y01A02": ["dagpenge"],
    "Y36A02": ["kontanthjaelp-aktivitetsparat", "kontanthjaelp-jobparat"],
    "Y38A02": ["uddannelseshjaelp"],
    "Y07A02": ["sygedagpenge"],
    "Y12A02": ["jobafklaring"],
    "Y11A02": ["ressourceforloeb"],
    "PTVA02": ["alle"],
}


def answer(table: str) -> list:
    return json.loads(fixture(f"jobindsats_{table}.json").read_text(encoding="utf-8"))


def cell(table: str, area: str, month: str, *labels: str, column: str = "Antal personer"):
    body = answer(table)[0]
    names = [v["Label"] for v in body["Variables"]]
    for row in body["Data"]:
        if row[0] == area and row[1] == month and list(row[2 : 2 + len(labels)]) == list(labels):
            return row[names.index(column)]
    raise KeyError(labels)


@pytest.mark.parametrize("table", sorted(GROUPS))
def test_each_benefit_table_imports_into_its_target_groups(run, db, table):
    result = run("jobindsats", "--table", table, "--file", fixture(f"jobindsats_{table}.json"), "--db", db)
    assert result.code == 0, result.err
    rows = query(
        db,
        """SELECT DISTINCT o.indicator_id, o.group_code, o.quality, s.name_da, s.table_id, s.kind
                        FROM observation o JOIN source s USING (source_id) WHERE s.table_id = ? ORDER BY 2""",
        [table],
    )
    assert rows == [
        ("modtagere", g, "official", f"Jobindsats (STAR), {table}", table, "statistics") for g in GROUPS[table]
    ]


def test_persons_not_full_time_persons_are_imported(run, db):
    assert run("jobindsats", "--table", "Y01A02", "--file", fixture("jobindsats_Y01A02.json"), "--db", db).code == 0
    expected = cell("Y01A02", "Ballerup", "2020M09", "Mænd", "25-29 år", "I alt")
    got = query(
        db,
        """SELECT value, persons FROM observation WHERE indicator_id = 'modtagere' AND geo_code = '151'
                       AND period_start = '2020-09-01' AND group_code = 'dagpenge' AND gender = 'maend'
                       AND age_band = '25-29' AND origin = 'alle'""",
    )
    assert got == [(float(expected), expected)]


def test_danish_number_strings_and_discretion_dashes_are_understood(run, db):
    result = run("jobindsats", "--table", "Y07A02", "--file", fixture("jobindsats_Y07A02.json"), "--db", db)
    assert result.code == 0 and "1 celler uden værdi" in result.out
    text = cell("Y07A02", "Ballerup", "2020M08", "I alt", "I alt", "I alt")
    got = query(
        db,
        """SELECT value FROM observation WHERE indicator_id = 'modtagere' AND geo_code = '151'
                       AND period_start = '2020-08-01' AND group_code = 'sygedagpenge' AND gender = 'alle'
                       AND age_band = 'alle' AND origin = 'alle'""",
    )
    assert got == [(float(text.replace(".", "")),)]


def test_immigrants_and_descendants_are_summed_into_origin_groups(run, db):
    assert run("jobindsats", "--table", "PTVA02", "--file", fixture("jobindsats_PTVA02.json"), "--db", db).code == 0
    parts = [
        cell("PTVA02", "Hele landet", "2020M09", "Kvinder", "I alt", label)
        for label in ("Indvandrere fra ikke-vestlige lande", "Efterkommere fra ikke-vestlige lande")
    ]
    got = query(
        db,
        """SELECT value FROM observation WHERE indicator_id = 'modtagere' AND geo_code = '000'
                       AND period_start = '2020-09-01' AND group_code = 'alle' AND gender = 'kvinder'
                       AND age_band = 'alle' AND origin = 'ikke-vestlig'""",
    )
    assert got == [(float(sum(parts)),)]


def test_fleksjob_and_ledighedsydelse_are_added_into_one_target_group(run, db):
    result = run(
        "jobindsats",
        "--table",
        "Y08A02",
        "--table",
        "Y09A02",
        "--file",
        fixture("jobindsats_Y08A02.json"),
        "--file",
        fixture("jobindsats_Y09A02.json"),
        "--db",
        db,
    )
    assert result.code == 0, result.err
    both = sum(cell(t, "Ballerup", "2020M09", "I alt", "I alt", "I alt") for t in ("Y08A02", "Y09A02"))
    got = query(
        db,
        """SELECT o.value, s.table_id FROM observation o JOIN source s USING (source_id)
                       WHERE indicator_id = 'modtagere' AND geo_code = '151' AND period_start = '2020-09-01'
                       AND group_code = 'ledighedsydelse-fleksjob' AND gender = 'alle' AND age_band = 'alle' AND origin = 'alle'""",
    )
    assert got == [(float(both), "Y08A02+Y09A02")]


def test_fleksjob_alone_is_refused_because_the_target_group_needs_both_tables(run, db):
    before = sha256(db)
    result = run("jobindsats", "--table", "Y08A02", "--file", fixture("jobindsats_Y08A02.json"), "--db", db)
    assert result.code == 1 and "--table Y08A02 --table Y09A02" in result.err
    assert sha256(db) == before


def test_y30r21_fills_the_benchmark_table_for_all_98_municipalities(run, db):
    result = run("jobindsats", "--table", "Y30R21", "--file", fixture("jobindsats_Y30R21.json"), "--db", db)
    assert result.code == 0, result.err
    counts = query(
        db,
        "SELECT period, benefit_group, count(*), min(quality), max(quality) FROM benchmark "
        "WHERE quality <> 'demo' GROUP BY ALL ORDER BY 1, 2",
    )
    assert {(p, n) for p, _, n, _, _ in counts} == {("2019h2-2020h1", 98), ("2020h1-2020h2", 98)}
    assert len(counts) == 8 and {q for *_, q in counts} == {"official"}
    # Official figures replace the minutes' calibrated row too (the statement itself stays in document_fact).
    assert query(db, "SELECT count(*) FROM benchmark WHERE quality = 'document'") == [(0,)]
    assert query(db, "SELECT count(*) FROM document_fact WHERE topic = 'benchmark'")[0][0] > 0
    ballerup = dict(
        query(
            db,
            """SELECT benefit_group, actual_persons - expected_persons FROM benchmark
                                 WHERE geo_code = '151' AND period = '2019h2-2020h1'""",
        )
    )
    assert {g: round(d) for g, d in ballerup.items()} == {
        "i-alt": -160,
        "dagpenge": -20,
        "sygedagpenge-jobafklaring": 90,
        "kontanthjaelpsomraadet": -240,
    }


def test_benchmark_population_is_derived_from_the_shares_when_not_given(run, db):
    assert run("jobindsats", "--table", "Y30R21", "--file", fixture("jobindsats_Y30R21.json"), "--db", db).code == 0
    (population,) = query(
        db,
        "SELECT DISTINCT population FROM benchmark WHERE geo_code = '151' AND period = '2020h1-2020h2' AND benefit_group = 'i-alt'",
    )[0]
    assert abs(population - 31200) < 100  # the fixture's population, through shares rounded to 0.01 %


def test_ballerups_rank_from_the_imported_shares_is_the_one_the_minutes_state(run, db):
    assert run("jobindsats", "--table", "Y30R21", "--file", fixture("jobindsats_Y30R21.json"), "--db", db).code == 0
    ranks = dict(
        query(
            db,
            """SELECT benefit_group, rank FROM (
                                SELECT benefit_group, geo_code,
                                       rank() OVER (PARTITION BY benefit_group ORDER BY (actual_persons - expected_persons) / population) AS rank
                                FROM benchmark WHERE period = '2019h2-2020h1') WHERE geo_code = '151'""",
        )
    )
    assert ranks == {"i-alt": 7, "dagpenge": 28, "sygedagpenge-jobafklaring": 85, "kontanthjaelpsomraadet": 3}


def test_a_missing_api_key_is_a_clear_error_and_nothing_is_fetched(run, db, network):
    result = run("jobindsats", "--table", "Y01A02", "--db", db)
    assert result.code == 1 and "DASHBOARD_JOBINDSATS_API_KEY" in result.err
    assert network.requests == []


def test_the_key_is_sent_as_is_and_never_printed(run, db, network, monkeypatch):
    from dashboard.settings import get_settings

    monkeypatch.setenv("DASHBOARD_JOBINDSATS_API_KEY", SECRET)
    get_settings.cache_clear()
    network.script = [(200, fixture("jobindsats_Y01A02.json").read_bytes())]
    result = run("jobindsats", "--table", "Y01A02", "--db", db)
    assert result.code == 0, result.err
    (request,) = network.requests
    assert request.headers["Authorization"] == SECRET
    url = urllib.parse.urlsplit(request.url)
    assert (url.netloc, url.path) == ("api.jobindsats.dk", "/v2/data/Y01A02/json/")
    assert urllib.parse.parse_qs(url.query)["area"] == ["Ballerup,Region Hovedstaden,Hele landet"]
    assert SECRET not in result.text and SECRET not in repr(request) and SECRET not in repr(get_settings())


@pytest.mark.parametrize(
    "failure",
    [
        (200, {"Forkert nøgle eller nøglen er udløbet.": ""}),
        (401, b'{"message": "unauthorized"}'),
        urllib.error.URLError(f"proxy refused {SECRET}"),
    ],
)
def test_a_rejected_key_or_a_failure_says_so_without_showing_the_key(run, db, network, monkeypatch, failure):
    from dashboard.settings import get_settings

    monkeypatch.setenv("DASHBOARD_JOBINDSATS_API_KEY", SECRET)
    get_settings.cache_clear()
    before = sha256(db)
    network.script = [failure] * 4
    result = run("jobindsats", "--table", "Y01A02", "--db", db)
    assert result.code == 1
    assert SECRET not in result.text
    assert ("API-nøglen" in result.err) or ("efter 4 forsøg" in result.err and "***" in result.err)
    assert sha256(db) == before


def test_several_tables_are_applied_in_one_swap(run, db):
    result = run(
        "jobindsats",
        "--table",
        "Y01A02",
        "--table",
        "Y30R21",
        "--file",
        fixture("jobindsats_Y01A02.json"),
        "--file",
        fixture("jobindsats_Y30R21.json"),
        "--db",
        db,
    )
    assert result.code == 0, result.err
    assert query(db, "SELECT count(*) FROM source WHERE table_id IN ('Y01A02', 'Y30R21')")[0][0] == 2


def test_one_file_per_table_is_required(run, db):
    result = run(
        "jobindsats", "--table", "Y01A02", "--table", "Y07A02", "--file", fixture("jobindsats_Y01A02.json"), "--db", db
    )
    assert result.code == 1 and "én --file pr. --table" in result.err


def csv_answer(table: str, path) -> object:
    """The recorded JSON answer written as the API's CSV answer: labels as header, `;`,
    decimal comma, UTF-8 with BOM."""
    body = answer(table)[0]
    lines = [";".join(v["Label"] for v in body["Variables"])]
    for row in body["Data"]:
        lines.append(";".join(str(c).replace(".", ",") if isinstance(c, float) else str(c) for c in row))
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


OBSERVATIONS = """SELECT o.indicator_id, o.geo_code, o.period_start, o.group_code, o.age_band, o.gender, o.origin,
                         o.value, o.persons FROM observation o JOIN source s USING (source_id)
                  WHERE s.table_id = ? ORDER BY ALL"""


@pytest.mark.parametrize("table", ["Y01A02", "Y36A02"])
def test_a_csv_answer_imports_the_same_rows_as_the_json_answer(run, db, tmp_path, table):
    assert run("jobindsats", "--table", table, "--file", fixture(f"jobindsats_{table}.json"), "--db", db).code == 0
    from_json = query(db, OBSERVATIONS, [table])
    result = run("jobindsats", "--table", table, "--file", csv_answer(table, tmp_path / f"{table}.csv"), "--db", db)
    assert result.code == 0, result.err
    assert query(db, OBSERVATIONS, [table]) == from_json and from_json


def test_a_csv_benchmark_answer_fills_the_benchmark_table(run, db, tmp_path):
    result = run("jobindsats", "--table", "Y30R21", "--file", csv_answer("Y30R21", tmp_path / "Y30R21.csv"), "--db", db)
    assert result.code == 0, result.err
    assert (
        query(
            db,
            "SELECT count(DISTINCT geo_code) FROM benchmark b JOIN source s USING (source_id) "
            "WHERE s.table_id = 'Y30R21'",
        )[0][0]
        == 98
    )


def test_a_broken_csv_answer_names_the_file_and_line_and_changes_nothing(run, db, tmp_path):
    path = csv_answer("Y01A02", tmp_path / "Y01A02.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(";", 1)[0]  # a row with one field too few
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = sha256(db)
    result = run("jobindsats", "--table", "Y01A02", "--file", path, "--db", db)
    assert result.code != 0 and "Y01A02.csv" in result.err and ":4" in result.err
    assert sha256(db) == before
