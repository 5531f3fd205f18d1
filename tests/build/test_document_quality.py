"""Quality `document` is given only to a value a document states (issue 16, section 1).

Every observation of quality `document` in the built database must match a row of
data/seed_facts.csv on value, unit, period, area and group, read from the seed row
itself (not through data/fact_series.csv, which is how the build places them). The
benchmark table is left out here: its rows are replaced by the published Y30R21 file
and checked by the benchmark's own tests (tests/build/test_benchmark_table.py).
"""

import csv
import re
from datetime import date, timedelta

import pytest

from dashboard.settings import PROJECT_ROOT

# The catalogue's units in the words of seed_facts.csv.
UNIT_OF_INDICATOR = {"pct": "pct", "personer": "personer", "forloeb": "loebende_forloeb", "job": "job"}
# Seed groups that name the whole population an indicator is defined on (group "alle"):
# all citizens in contact with the jobcentre (the minutes' count), the jobparate (the
# langtidsledige share is a share of the ledige, who are the jobparate), the firms of the
# municipality (samarbejdsgrad) and the socially marginalised (socialt frikort).
WHOLE_POPULATION = {
    "alle",
    "alle_i_kontakt_med_center_for_arbejdsmarked",
    "jobparate",
    "virksomheder",
    "socialt_udsatte",
}


def seed_facts():
    with (PROJECT_ROOT / "data" / "seed_facts.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def bound(text: str, end: bool) -> date | None:
    """The first (or last) day of `2017`, `2020-09` or `2020-03-12`."""
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        first = date(int(text[:4]), int(text[5:]), 1)
        return month_end(first) if end else first
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    return None


def period_matches(seed_period: str, start: date, end: date) -> bool:
    """A stated period is the observation's period; a stated day lies inside it (a week's count)."""
    first, _, last = seed_period.partition("..")
    if not last and re.fullmatch(r"\d{4}-\d{2}-\d{2}", first):
        return start <= date.fromisoformat(first) <= end
    return (bound(first, False), bound(last or first, True)) == (start, end)


def group_matches(seed_group: str, group_code: str, age_band: str) -> bool:
    if m := re.fullmatch(r"unge_(\d+)_(\d+)", seed_group):
        return (group_code, age_band) == ("alle", f"{m[1]}-{m[2]}")
    if seed_group in WHOLE_POPULATION:
        return (group_code, age_band) == ("alle", "alle")
    return (group_code, age_band) == (seed_group.replace("_", "-"), "alle")


def matches(fact: dict, row: tuple) -> bool:
    geo, start, end, group_code, age_band, gender, origin, value, unit = row
    return (
        float(fact["value"]) == value
        and fact["unit"] == UNIT_OF_INDICATOR.get(unit, unit)
        and fact["geography"] == geo
        and (gender, origin) == ("alle", "alle")
        and period_matches(fact["period"], start, end)
        and group_matches(fact["target_group"], group_code, age_band)
    )


@pytest.fixture(scope="module")
def document_rows(built_con):
    return built_con.execute(
        """SELECT o.geo_code, o.period_start, o.period_end, o.group_code, o.age_band, o.gender, o.origin, o.value,
                  i.unit
           FROM observation o JOIN indicator i USING (indicator_id)
           WHERE o.quality = 'document' ORDER BY ALL"""
    ).fetchall()


def test_every_document_row_is_a_stated_figure(document_rows):
    facts = seed_facts()
    unmatched = [row for row in document_rows if not any(matches(f, row) for f in facts)]
    assert document_rows and not unmatched


def test_no_stated_figure_is_credited_twice(document_rows):
    """Rows that only the same stated figures fit are no more than those figures."""
    facts = seed_facts()
    fits: dict[frozenset, int] = {}
    for row in document_rows:
        ids = frozenset(f["fact_id"] for f in facts if matches(f, row))
        fits[ids] = fits.get(ids, 0) + 1
    assert all(count <= len(ids) for ids, count in fits.items()), fits


def test_a_document_row_carries_its_documents_source(built_con):
    wrong = built_con.execute(
        """SELECT count(*) FROM observation o JOIN source s USING (source_id)
           WHERE (o.quality = 'document') <> (s.kind IN ('document', 'news', 'reference'))"""
    ).fetchone()[0]
    assert wrong == 0


def test_the_period_reader_tells_a_year_from_a_month():
    assert period_matches("2017", date(2017, 1, 1), date(2017, 12, 31))
    assert not period_matches("2017", date(2017, 1, 1), date(2017, 1, 31))
    assert period_matches("2020-11-25", date(2020, 11, 23), date(2020, 11, 29))
    assert period_matches("2019..2020", date(2019, 1, 1), date(2020, 12, 31))
    assert not group_matches("unge_16_24", "alle", "alle")
