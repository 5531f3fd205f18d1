"""Forsørgertryk computed from official recipients (PTVA02, AUK01) and population (FOLK1E)."""

from __future__ import annotations

from tests.importers.conftest import fixture, query


def import_population_and_recipients(run, db) -> None:
    assert run("statbank", "--table", "FOLK1E", "--file", fixture("statbank_FOLK1E.csv"), "--db", db).code == 0
    result = run("jobindsats", "--table", "PTVA02", "--file", fixture("jobindsats_PTVA02.json"), "--db", db)
    assert result.code == 0 and "Forsørgertryk beregnet" in result.out


def value(db, indicator: str, grain: str, start: str, origin: str) -> tuple:
    return query(
        db,
        """SELECT value, persons FROM observation WHERE indicator_id = ? AND geo_code = '151' AND grain = ?
                        AND period_start = ? AND group_code = 'alle' AND age_band = 'alle' AND gender = 'alle'
                        AND origin = ?""",
        [indicator, grain, start, origin],
    )[0]


def test_support_ratio_by_origin_is_recipients_over_the_quarters_population(run, db):
    import_population_and_recipients(run, db)
    recipients, persons = value(db, "modtagere", "month", "2020-09-01", "ikke-vestlig")
    population, _ = value(db, "befolkning_16_64", "quarter", "2020-07-01", "ikke-vestlig")
    ratio = query(
        db,
        """SELECT o.value, o.persons, o.quality, s.name_da FROM observation o JOIN source s USING (source_id)
                         WHERE indicator_id = 'forsoergertryk' AND geo_code = '151' AND grain = 'month'
                         AND period_start = '2020-09-01' AND age_band = 'alle' AND gender = 'alle' AND origin = 'ikke-vestlig'""",
    )
    assert ratio == [
        (
            round(100 * recipients / population, 1),
            persons,
            "official",
            "Jobindsats (STAR), PTVA02 / Danmarks Statistik, FOLK1E",
        )
    ]


def test_demo_support_ratios_outside_the_imported_months_stay(run, db):
    import_population_and_recipients(run, db)
    rows = query(
        db,
        """SELECT DISTINCT quality FROM observation WHERE indicator_id = 'forsoergertryk' AND geo_code = '151'
                        AND grain = 'month' AND period_start = '2020-06-01'""",
    )
    assert rows == [("demo",)]


def test_a_later_import_recomputes_the_ratio_and_leaves_no_stale_sources(run, db):
    import_population_and_recipients(run, db)
    assert run("statbank", "--table", "FOLK1E", "--file", fixture("statbank_FOLK1E.csv"), "--db", db).code == 0
    sources = query(db, "SELECT count(*) FROM source WHERE table_id = 'forsørgertryk'")[0][0]
    assert sources == 1
    assert (
        query(
            db,
            """SELECT count(*) FROM observation o WHERE indicator_id = 'forsoergertryk' AND quality = 'official'
                        AND NOT EXISTS (SELECT 1 FROM source s WHERE s.source_id = o.source_id)""",
        )[0][0]
        == 0
    )


def test_quarterly_recipients_give_a_quarterly_ratio(run, db):
    assert run("statbank", "--table", "FOLK1E", "--file", fixture("statbank_FOLK1E.csv"), "--db", db).code == 0
    assert run("statbank", "--table", "AUK01", "--file", fixture("statbank_AUK01.csv"), "--db", db).code == 0
    recipients, _ = value(db, "modtagere", "quarter", "2020-07-01", "alle")
    population, _ = value(db, "befolkning_16_64", "quarter", "2020-07-01", "alle")
    ratio, _ = value(db, "forsoergertryk", "quarter", "2020-07-01", "alle")
    assert ratio == round(100 * recipients / population, 1)
