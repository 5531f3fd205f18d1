"""The privacy rule cell by cell, on the app's connection (docs/privacy.md): a count
indicator's value is its count when none is given; no hidden count can be worked out by
subtraction from a total and its other parts; and the connection can read no other file and write none.
"""

from __future__ import annotations

import itertools
import shutil
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.db import connect, run_query
from tests.conftest import make_fixture_db

MONTH = date(2021, 3, 1)
GROUPS = ("alle", "dagpenge", "sygedagpenge")
AGES = ("alle", "16-24", "25-29")
GENDERS = ("alle", "kvinder", "maend")
ORIGINS = ("alle", "dansk", "vestlig", "ikke-vestlig")
BREAKDOWNS = (GROUPS, AGES, GENDERS, ORIGINS)
CELLS = list(itertools.product(*BREAKDOWNS))


def kpi_params(group: str, age: str, gender: str, origin: str, month: date = MONTH) -> dict:
    return {
        "month": month,
        "home_geo": "151",
        "compare_geo": "000",
        "group_code": group,
        "age_band": age,
        "gender": gender,
        "origin": origin,
    }


def shown_recipients(con, cell: tuple[str, str, str, str], month: date = MONTH) -> float | None:
    """Overblik's «Modtagere i målgruppen» for the home area with these filters: the number, or None if hidden."""
    frame = run_query(con, "headline_kpis", kpi_params(*cell, month), min_persons=5)
    row = frame[(frame.kpi == "modtagere") & (frame.area == "home")]
    return None if row.empty or bool(row.suppressed.iloc[0]) else float(row.value.iloc[0])


@pytest.fixture(scope="module")
def cube_template(tmp_path_factory) -> Path:
    return make_fixture_db(tmp_path_factory.mktemp("cube") / "template.duckdb")


def cube_db(template: Path, folder: Path, leaves: dict[tuple[str, ...], int], without_count: set) -> Path:
    """The fixture database with one month of recipients in every cell of the breakdowns: the
    leaves as given, every total (`alle`) the sum of its parts; `without_count` cells have no
    `persons` (the value is the count)."""
    path = folder / "cube.duckdb"
    shutil.copyfile(template, path)
    rows = []
    for cell in CELLS:
        value = sum(
            n for leaf, n in leaves.items() if all(c == "alle" or c == part for c, part in zip(cell, leaf, strict=True))
        )
        rows.append(
            (
                "modtagere",
                "151",
                "month",
                MONTH,
                MONTH.replace(day=31),
                *cell,
                float(value),
                None if cell in without_count else value,
                "demo",
                "demo",
            )
        )
    con = duckdb.connect(str(path))
    one_row = "(" + ", ".join("?" * len(rows[0])) + ")"
    con.execute(f"INSERT INTO observation (indicator_id, geo_code, grain, period_start, period_end, group_code, age_band, gender, origin, value, persons, source_id, quality) VALUES {', '.join([one_row] * len(rows))}", list(itertools.chain(*rows)))
    con.close()
    return path


def derivable(shown: dict[tuple, float | None]) -> list[tuple]:
    """The hidden cells whose count follows from the shown ones by the sums that hold between a
    total and its parts (any combination of them: linear algebra, not only one subtraction)."""
    hidden = [c for c, v in shown.items() if v is None]
    index = {c: i for i, c in enumerate(hidden)}
    equations = []
    for cell in CELLS:
        for d, values in enumerate(BREAKDOWNS):
            if cell[d] != "alle":
                continue
            parts = [cell[:d] + (v,) + cell[d + 1 :] for v in values[1:]]
            row = np.zeros(len(hidden))
            for member, sign in [(cell, 1.0), *((p, -1.0) for p in parts)]:
                if member in index:
                    row[index[member]] += sign
            if row.any():
                equations.append(row)
    if not equations:
        return hidden
    # A hidden cell follows from the sums exactly when its unit vector lies in their row space,
    # i.e. when its projection onto that space (spanned by the leading right singular vectors) has length 1.
    a = np.array(equations)
    _, singular, vt = np.linalg.svd(a)
    rank = int((singular > singular.max() * max(a.shape) * np.finfo(float).eps).sum())
    projected = (vt[:rank] ** 2).sum(axis=0)
    return [c for c in hidden if projected[index[c]] > 1 - 1e-10]


leaf_counts = st.dictionaries(
    st.sampled_from(list(itertools.product(*(values[1:] for values in BREAKDOWNS)))),
    st.integers(0, 30),
    min_size=1,
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(leaves=leaf_counts, without_count=st.sets(st.sampled_from(CELLS), max_size=20))
def test_no_hidden_count_can_be_worked_out_from_the_shown_ones(leaves, without_count, cube_template, tmp_path_factory):
    """Every filter combination of Overblik (gruppe × alder × køn × herkomst) on a random cube."""
    con = connect(cube_db(cube_template, tmp_path_factory.mktemp("c"), leaves, without_count))
    shown = {cell: shown_recipients(con, cell) for cell in CELLS}
    con.close()
    assert all(v is None or v >= 5 for v in shown.values())
    assert not derivable(shown), derivable(shown)


def test_the_issues_line_hides_a_second_part_and_keeps_what_can_be_shown(cube_template, tmp_path):
    leaves = dict.fromkeys(itertools.product(*(values[1:] for values in BREAKDOWNS)), 20)
    leaves |= {("dagpenge", "16-24", "kvinder", "dansk"): 6, ("dagpenge", "16-24", "maend", "dansk"): 4}
    con = connect(cube_db(cube_template, tmp_path, leaves, set()))
    line = [shown_recipients(con, ("dagpenge", "16-24", g, "dansk")) for g in GENDERS]
    assert line[2] is None and [v is None for v in line].count(True) >= 2, line  # 10 and «<5» would give 6 away
    assert shown_recipients(con, ("sygedagpenge", "alle", "alle", "alle")) == 20 * 2 * 2 * 3
    shown = {cell: shown_recipients(con, cell) for cell in CELLS}
    assert not derivable(shown) and sum(v is None for v in shown.values()) < len(CELLS) / 4
    con.close()


def test_a_count_indicator_without_persons_is_judged_by_its_value(cube_template, tmp_path):
    """Issue 14, item 1: an imported count with `personer` empty is its own count of persons."""
    leaves = {("dagpenge", "16-24", "kvinder", "dansk"): 2, ("dagpenge", "16-24", "kvinder", "vestlig"): 30}
    con = connect(cube_db(cube_template, tmp_path, leaves, set(CELLS)))
    assert shown_recipients(con, ("dagpenge", "16-24", "kvinder", "dansk")) is None
    assert shown_recipients(con, ("dagpenge", "16-24", "kvinder", "alle")) is None  # 32 − 30 = 2
    assert shown_recipients(con, ("alle", "alle", "alle", "alle")) == 32


def test_the_indicator_pages_read_their_rows_through_the_privacy_view(cube_template, tmp_path):
    """Both indicator queries take their rows from the table macro `indicator_rows`
    (build/schema.sql). DuckDB binds a macro's `observation` where it is called, so on the app's
    connection the macro reads the privacy view; a view in the file would read the raw table.
    A cell hidden only by secondary suppression (6 dagpenge beside 4 sygedagpenge in a total
    of 10) must stay hidden through both queries."""
    leaves = {("dagpenge", "16-24", "kvinder", "dansk"): 6, ("sygedagpenge", "16-24", "kvinder", "dansk"): 4}
    db = cube_db(cube_template, tmp_path, leaves, set())
    asked = {"indicator_id": "modtagere", "group_code": "dagpenge", "origin": "alle", "geo_codes": ["151"]}
    questions = {
        "indicator_by_geography": asked | {"first_month": MONTH, "last_month": MONTH},
        "indicator_latest_by_geography": asked | {"month": MONTH},
    }
    raw = duckdb.connect(str(db), read_only=True)  # the table itself: 6 persons, shown
    assert [run_query(raw, n, p, min_persons=5)["persons"].tolist() for n, p in questions.items()] == [[6], [6]]
    raw.close()
    con = connect(db)
    for name, params in questions.items():
        frame = run_query(con, name, params, min_persons=5)
        assert frame["suppressed"].tolist() == [True] and frame["value"].isna().all(), (name, frame)
    con.close()


def test_the_reported_subtraction_on_the_shipped_database_no_longer_works(built_db):
    """Issue 14, item 2: /overblik?til=2020-09&gruppe=sygedagpenge&alder=30-39&herkomst=vestlig showed 10,
    with &koen=kvinder 6 and with &koen=maend «<5»."""
    con = connect(built_db)
    line = [shown_recipients(con, ("sygedagpenge", "30-39", g, "vestlig"), date(2020, 9, 1)) for g in GENDERS]
    con.close()
    assert [v is None for v in line].count(True) != 1, line
    assert None in line[1:]


def test_an_imported_count_without_persons_is_hidden_on_overblik(built_db, tmp_path, monkeypatch, capsys):
    """The issue's import: `modtagere;151;2020-09;ressourceforloeb;alle;alle;alle;2;` showed
    «Modtagere i målgruppen 2»."""
    from dashboard.cli import main
    from dashboard.settings import get_settings

    db = tmp_path / "noegletal.duckdb"
    shutil.copyfile(built_db, db)
    csv = tmp_path / "egne.csv"
    csv.write_text(
        "indikator;omraade;periode;gruppe;alder;koen;herkomst;vaerdi;personer\n"
        "modtagere;151;2020-09;ressourceforloeb;alle;alle;alle;2;\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DASHBOARD_HOME_GEO", "151")
    get_settings.cache_clear()
    assert main(["import", "csv", str(csv), "--db", str(db)]) == 0, capsys.readouterr().err
    con = connect(db)
    assert shown_recipients(con, ("ressourceforloeb", "alle", "alle", "alle"), date(2020, 9, 1)) is None
    con.close()


# --- item 9: the app's connection reads its database and nothing else -------------------


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1 AS a) TO '{tmp}/ud.csv'",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "ATTACH '{tmp}/andet.duckdb' AS andet",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
    ],
)
def test_the_apps_connection_can_neither_read_nor_write_other_files(statement, built_db, tmp_path):
    con = connect(built_db)
    for target in (con, con.cursor()):
        with pytest.raises(duckdb.Error):
            target.execute(statement.format(tmp=tmp_path))
    assert not (tmp_path / "ud.csv").exists() and not (tmp_path / "andet.duckdb").exists()
    assert run_query(con, "available_months", {"home_geo": "151"}, min_persons=5)["month"].size > 12
    con.close()
