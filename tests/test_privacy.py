"""Small numbers: no count of persons below DASHBOARD_MIN_PERSONS reaches any output.

Three layers:
- the registry check: every query over the fact tables exposes its counts as
  `persons`/`*_persons` and names every other numeric column `@private` or `@public`;
- a property test over random filters and periods on a copy of the built database in
  which a quarter of the cells are made small, with values that betray themselves: a
  cell with p < 5 persons gets the value 10^(9 + 3p) × (1 + j/10⁴), a number no real figure
  comes near, so any output (query result, CSV, KPI card, chart, text) that contains one
  shows a figure built on a small cell (and on how many persons: sums and differences of
  such values keep the order of magnitude of the largest, and three decades a person leave
  room for a mean over a year's months or a share in per cent);
- the same over whole pages in AppTest, for 3 and for 5 as the threshold.
"""

from __future__ import annotations

import io
import math
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.db import QueryError, get_query, person_columns, registry, run_query
from dashboard.export import csv_bytes
from dashboard.nav import existing_views
from dashboard.settings import PROJECT_ROOT, get_settings

# The fact tables, and what build/schema.sql reads of them for queries (view benchmark_ranked,
# table macro indicator_rows).
SENSITIVE_TABLES = re.compile(r"\b(observation|indicator_rows|benchmark|benchmark_ranked)\b", re.IGNORECASE)
SENTINEL = 1e9
SMALL = 5  # the perturbed cells have 0..SMALL-1 persons

# A valid value for each query parameter name on the built database. A new parameter
# name needs a line here (or a name the heuristics in `sample_value` understand).
SAMPLES: dict[str, Any] = {
    "home_geo": "151",
    "geo_code": "151",
    "compare_geo": "000",
    "area": "000",
    "geo_codes": ["151", "084", "hovedstadsomraadet", "000"],
    "month": date(2020, 9, 1),
    "first_month": date(2019, 1, 1),
    "last_month": date(2020, 12, 1),
    "first_week": date(2020, 1, 6),
    "last_week": date(2020, 12, 28),
    "base_date": date(2020, 3, 12),
    "first_day": date(2020, 1, 1),
    "last_day": date(2020, 12, 31),
    "compare_year": 2019,
    "as_of": date(2020, 12, 31),
    "group_code": "alle",
    "group_codes": ["alle", "dagpenge", "kontanthjaelp-aktivitetsparat"],
    "age_band": "alle",
    "gender": "alle",
    "origin": "alle",
    "indicator_id": "ledighedsprocent",
    "indicator_ids": ["ledighedsprocent", "fuldtidsledige"],
    "period": "2019h2-2020h1",
    "benefit_group": "i-alt",
    "focus_area": None,
    "topics": ["forsikrede", "samarbejde"],
}


def sample_value(name: str) -> Any:
    """A valid value for a parameter: SAMPLES, or by the name's pattern for a new one."""
    if name in SAMPLES:
        return SAMPLES[name]
    if name.endswith("_codes") and "geo" in name:
        return SAMPLES["geo_codes"]
    if "geo" in name:
        return "151"
    if name.endswith(("_month", "_week", "_day", "_date")) or name in ("month", "week", "day", "date"):
        return date(2020, 9, 1)
    if name.endswith("_year"):
        return 2020
    if "period" in name:
        return SAMPLES["period"]
    return "alle"


def sample_params(name: str) -> dict[str, Any]:
    return {p: sample_value(p) for p in sorted(get_query(name).params)}


def reads_fact_tables(sql: str) -> bool:
    return bool(SENSITIVE_TABLES.search(re.sub(r"--[^\n]*", "", sql)))


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    return [
        c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]


# --- registry check -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(registry()))
def test_every_numeric_column_of_a_fact_query_is_a_count_private_or_public(name, built_con):
    query = get_query(name)
    frame = run_query(built_con, name, sample_params(name), min_persons=5)
    if not reads_fact_tables(query.sql):
        assert not query.derived, f"{name}: @private without a fact table to protect"
        return
    counts = person_columns(frame)
    figures = [c for c in numeric_columns(frame) if c not in counts and c not in query.public]
    uncovered = [c for c in figures if c not in query.derived]
    assert not uncovered, (
        f"{name}: numeric column(s) {uncovered} are neither a count (`persons`, `*_persons`), nor "
        "`-- @private:` (derived from a count: hidden with it), nor `-- @public:` (not about persons)"
    )
    assert counts or not figures, (
        f"{name} shows figures {figures} from the fact tables but no count of persons to judge them by"
    )
    missing_public = [c for c in query.public if c not in frame.columns]
    assert not missing_public, f"{name}: @public names columns the result lacks: {missing_public}"


def _query_dir(tmp_path: Path, sql: str) -> Path:
    (tmp_path / "q.sql").write_text(sql, encoding="utf-8")
    return tmp_path


def test_a_misspelt_private_column_is_refused_not_shown(tmp_path):
    con = duckdb.connect()
    qdir = _query_dir(tmp_path, "-- Doc.\n-- @private: rate_pc\nSELECT 3 AS persons, 9.5 AS rate_pct\n")
    with pytest.raises(QueryError, match="rate_pc"):
        run_query(con, "q", {}, min_persons=5, query_dir=qdir)


def test_private_columns_without_a_count_are_refused(tmp_path):
    con = duckdb.connect()
    qdir = _query_dir(tmp_path, "-- Doc.\n-- @private: rate_pct\nSELECT 9.5 AS rate_pct\n")
    with pytest.raises(QueryError, match="persons"):
        run_query(con, "q", {}, min_persons=5, query_dir=qdir)


def test_every_private_line_counts_and_public_is_read(tmp_path):
    con = duckdb.connect()
    qdir = _query_dir(
        tmp_path,
        "-- Doc.\n-- @private: share\n-- @private: change\n-- @public: target\n"
        "SELECT 2 AS persons, 40.0 AS share, 1.5 AS change, 85.0 AS target\n",
    )
    row = run_query(con, "q", {}, min_persons=5, query_dir=qdir).iloc[0]
    assert row.suppressed and pd.isna(row.persons) and pd.isna(row.share) and pd.isna(row.change)
    assert row.target == 85.0
    assert get_query("q", qdir).public == ("target",) and get_query("q", qdir).doc == "Doc."


# --- a database full of small cells --------------------------------------------------

KEY = "indicator_id, geo_code, grain, period_start, group_code, age_band, gender, origin"
# Cells that views and queries add up into larger groups (weekly flows over a period;
# dansk + vestlig into "øvrige borgere") are made small but keep their values: a sum that
# includes a small cell is not a small number, and a sentinel in it would be a false alarm.
NOT_SUMMED = "grain <> 'week' AND origin NOT IN ('dansk', 'vestlig')"


@pytest.fixture(scope="module")
def small_db(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built database with a quarter of its cells made small (0-4 persons) and every
    small cell's value replaced by a sentinel that encodes its count."""
    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    shutil.copyfile(built_db, path)
    con = duckdb.connect(str(path))
    con.execute(
        f"UPDATE observation SET persons = (hash({KEY}, 'p') % {SMALL})::INTEGER "
        f"WHERE quality <> 'document' AND hash({KEY}, 's') % 4 = 0"
    )
    con.execute(
        f"UPDATE observation SET value = power(10, 9 + 3 * persons) * (1 + (hash({KEY}, 'v') % 1000) / 1e4) "
        f"WHERE persons < {SMALL} AND {NOT_SUMMED}"
    )
    con.execute(
        f"UPDATE benchmark SET actual_persons = (hash(period, benefit_group, geo_code) % {SMALL})::DOUBLE "
        "WHERE hash(period, benefit_group, geo_code, 's') % 4 = 0"
    )
    con.close()
    return path


@pytest.fixture(scope="module")
def small_con(small_db: Path):
    con = duckdb.connect(str(small_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def dims(small_con) -> dict[str, list]:
    def column(sql: str) -> list:
        return [r[0] for r in small_con.execute(sql).fetchall()]

    months = [date(y, m, 1) for y in range(2012, 2025) for m in range(1, 13)]  # wider than the data
    return {
        "geo": column("SELECT geo_code FROM geography ORDER BY geo_code"),
        "municipality": column("SELECT geo_code FROM geography WHERE level = 'kommune' ORDER BY geo_code"),
        "group_code": column("SELECT group_code FROM target_group ORDER BY sort_order"),
        "age_band": column("SELECT age_band FROM age_band ORDER BY sort_order"),
        "gender": column("SELECT gender FROM gender ORDER BY sort_order"),
        "origin": column("SELECT origin FROM origin ORDER BY sort_order"),
        "period": column("SELECT DISTINCT period FROM benchmark ORDER BY period") or [SAMPLES["period"]],
        "indicator_id": column("SELECT indicator_id FROM indicator ORDER BY indicator_id"),
        "area": column("SELECT geo_code FROM geography WHERE level IN ('land', 'region', 'landsdel', 'kommunegruppe')"),
        "benefit_group": column("SELECT DISTINCT benefit_group FROM benchmark ORDER BY 1") or ["i-alt"],
        "focus_area": [None, *column("SELECT DISTINCT focus_area FROM target ORDER BY 1")],
        "month": months,
        "week": [date(2019, 1, 7) + timedelta(weeks=i) for i in range(0, 160, 3)],
    }


def param_strategy(name: str, dims: dict[str, list]) -> st.SearchStrategy:
    sample = sample_value(name)
    if name in ("geo_codes",) or (name.endswith("_codes") and "geo" in name):
        return st.lists(st.sampled_from(dims["geo"]), min_size=1, max_size=6, unique=True)
    if name == "group_codes":
        return st.lists(st.sampled_from(dims["group_code"]), min_size=1, max_size=4, unique=True)
    if name == "indicator_ids":
        return st.lists(st.sampled_from(dims["indicator_id"]), min_size=1, max_size=4, unique=True)
    if isinstance(sample, date):
        return st.sampled_from(dims["week"] if "week" in name else dims["month"])
    if name.endswith("_year"):
        return st.integers(2013, 2023)
    if name == "home_geo":
        return st.sampled_from(dims["municipality"])
    if name == "area":
        return st.sampled_from(dims["area"])
    if "geo" in name:
        return st.sampled_from(dims["geo"])
    if name in dims:
        return st.sampled_from(dims[name])
    if "period" in name:
        return st.sampled_from(dims["period"])
    return st.just(sample)


# --- what counts as a leak ---------------------------------------------------------


def persons_of_sentinel(value: float) -> int | None:
    """The count of persons a sentinel value encodes, or None for an ordinary figure."""
    if value is None or not math.isfinite(value) or abs(value) < SENTINEL / 2:
        return None
    return int(round((math.log10(abs(value)) - 9) / 3))


NUMBER = re.compile(r"(?<![A-Za-z0-9_])\d[\d.,]*(?:[eE][+-]?\d+)?(?![A-Za-z0-9_])")  # not digits inside ids
EXPONENT = re.compile(r"\d+(?:[.,]\d+)?[eE][+-]?\d+")
DANISH_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def sentinel_counts(text: str) -> list[int]:
    """Counts encoded by sentinel numbers written anywhere in a text, in Danish format
    (`3.000.000.123,0`), CSV (`3000000123,0`) or JSON (`3000000123.0`, `1.2e+18`)."""
    found = []
    for token in NUMBER.findall(text.replace("\u2212", "-")):
        token = token.rstrip(".,")
        if EXPONENT.fullmatch(token):
            integer = str(int(float(token.replace(",", "."))))
        elif DANISH_THOUSANDS.fullmatch(token):
            integer = token.split(",")[0].replace(".", "")
        else:
            integer = re.split(r"[.,]", token)[0]
        if len(integer) >= 9:
            count = persons_of_sentinel(float(integer))
            if count is not None:
                found.append(count)
    return found


def frame_leaks(frame: pd.DataFrame, min_persons: int, derived: tuple[str, ...] = ()) -> list[str]:
    problems = []
    for col in person_columns(frame):
        values = pd.to_numeric(frame[col], errors="coerce")
        small = values.notna() & (values < min_persons)
        if small.any():
            problems.append(f"{col} shows {values[small].min()} persons")
    if "suppressed" in frame.columns:
        hidden = frame["suppressed"].fillna(False).astype(bool)
        for col in derived:
            if col in frame.columns and frame.loc[hidden, col].notna().any():
                problems.append(f"{col} is shown in a suppressed row")
    for col in numeric_columns(frame):
        counts = [persons_of_sentinel(v) for v in pd.to_numeric(frame[col], errors="coerce").astype(float)]
        small = [c for c in counts if c is not None and c < min_persons]
        if small:
            problems.append(f"{col} shows a figure built on {min(small)} persons")
    return problems


def csv_leaks(data: bytes, min_persons: int) -> list[str]:
    text = data.decode("utf-8-sig")
    problems = [f"CSV text holds a figure built on {c} persons" for c in sentinel_counts(text) if c < min_persons]
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    if body.strip():
        parsed = pd.read_csv(io.StringIO(body), sep=";", decimal=",")
        problems += [f"CSV: {p}" for p in frame_leaks(parsed, min_persons)]
    return problems


# --- property: random filters and periods, every query ------------------------------

QUERY_NAMES = sorted(registry())


@pytest.mark.parametrize("min_persons", [3, 5])
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_figure_from_a_small_cell_reaches_a_result_or_its_csv(data, min_persons, small_con, dims):
    name = data.draw(st.sampled_from(QUERY_NAMES), label="query")
    query = get_query(name)
    params = {p: data.draw(param_strategy(p, dims), label=p) for p in sorted(query.params)}
    frame = run_query(small_con, name, params, min_persons=min_persons)
    assert not frame_leaks(frame, min_persons, query.derived), (
        name,
        params,
        frame_leaks(frame, min_persons, query.derived),
    )
    if not frame.empty:
        exported = csv_bytes(frame, title="Titel", source_line="Kilde: test.")
        assert not csv_leaks(exported, min_persons), (name, params, csv_leaks(exported, min_persons))


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_overblik_kpi_cards_never_show_a_small_cell(data, small_con, dims):
    from dashboard.views.overblik import headline_cards

    params = {p: data.draw(param_strategy(p, dims), label=p) for p in sorted(get_query("headline_kpis").params)}
    params["month"] = data.draw(st.sampled_from(dims["month"][84:132]), label="month")  # 2019-2022: mostly data
    frame = run_query(small_con, "headline_kpis", params, min_persons=5)
    assert not frame_leaks(frame, 5, get_query("headline_kpis").derived)
    for card in headline_cards(frame, "Sammenligning"):
        for text in (card.value, card.delta or "", card.help or ""):
            assert not sentinel_counts(text), (params, card)
    for kpi, card in zip(
        ["ledighedsprocent", "fuldtidsledige", "forsoergertryk", "modtagere"], headline_cards(frame, "X"), strict=True
    ):
        home = frame[(frame.kpi == kpi) & (frame.area == "home")]
        if not home.empty and bool(home.suppressed.iloc[0]):
            assert card.value in ("<5", "–") and card.delta is None, (params, card)


@pytest.mark.parametrize("min_persons", [3, 5])
def test_the_threshold_setting_is_what_the_app_applies(min_persons, small_db, monkeypatch):
    """DASHBOARD_MIN_PERSONS=3 shows cells of 3 and 4 persons (as Jobindsats does) and hides 0-2;
    the default 5 hides all of them."""
    from dashboard.data import fetch

    monkeypatch.setenv("DASHBOARD_DB_PATH", str(small_db))
    monkeypatch.setenv("DASHBOARD_MIN_PERSONS", str(min_persons))
    get_settings.cache_clear()
    try:
        assert get_settings().min_persons == min_persons
        con = duckdb.connect(str(small_db), read_only=True)
        geos = [r[0] for r in con.execute("SELECT geo_code FROM geography").fetchall()]
        con.close()
        frame = fetch(
            "unemployment_rate_by_geography",
            geo_codes=geos,
            first_month=date(2014, 1, 1),
            last_month=date(2022, 12, 1),
            age_band="alle",
            gender="alle",
            origin="alle",
        )
    finally:
        get_settings.cache_clear()
    shown = frame.loc[~frame.suppressed, "persons"].dropna()
    assert shown.min() == min_persons if min_persons < SMALL else shown.min() >= min_persons
    assert frame.suppressed.sum() > 0 and frame.loc[frame.suppressed, "rate_pct"].isna().all()
    assert not frame_leaks(frame, min_persons, ("rate_pct",))


# --- whole pages --------------------------------------------------------------------


def _walk(message, texts: list[str], tables: list[pd.DataFrame]) -> None:
    from google.protobuf.descriptor import FieldDescriptor

    for field, value in message.ListFields():
        repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == FieldDescriptor.LABEL_REPEATED
        is_map = field.message_type is not None and field.message_type.GetOptions().map_entry
        if is_map:
            for key, item in value.items():
                texts.append(str(key))
                if hasattr(item, "ListFields"):
                    _walk(item, texts, tables)
                else:
                    texts.append(str(item))
            continue
        items = list(value) if repeated else [value]
        for item in items:
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                _walk(item, texts, tables)
            elif field.type == FieldDescriptor.TYPE_STRING:
                texts.append(item)
            elif field.type == FieldDescriptor.TYPE_BYTES and item:
                table = _arrow(item)
                if table is not None:
                    tables.append(table)


def _arrow(data: bytes) -> pd.DataFrame | None:
    import pyarrow as pa

    try:
        return pa.ipc.open_stream(pa.py_buffer(data)).read_all().to_pandas()
    except Exception:  # noqa: BLE001 - not an Arrow stream: some other bytes field
        return None


def rendered(at) -> tuple[list[str], list[pd.DataFrame]]:
    """Every string and every Arrow table (chart and table data) in an AppTest's output."""
    texts: list[str] = []
    tables: list[pd.DataFrame] = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            _walk(proto, texts, tables)
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(at._tree)
    return texts, tables


VIEWS = existing_views()
_APPS: dict[tuple[str, int], Any] = {}


def open_page(view_file: str, key: Any = None):
    """One AppTest per page (and key), reused across examples: reruns are fast."""
    from streamlit.testing.v1 import AppTest

    if (view_file, key) not in _APPS:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
        _APPS[(view_file, key)] = at.switch_page(view_file)
    return _APPS[(view_file, key)]


def month_slugs(dims) -> list[str]:
    return [m.strftime("%Y-%m") for m in dims["month"]]


@pytest.mark.parametrize("min_persons", [3, 5])
@pytest.mark.parametrize("view", VIEWS, ids=[v.path for v in VIEWS])
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_no_page_shows_a_figure_from_a_small_cell(data, view, min_persons, small_db, dims, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB_PATH", str(small_db))
    monkeypatch.setenv("DASHBOARD_MIN_PERSONS", str(min_persons))
    get_settings.cache_clear()
    con = duckdb.connect(str(small_db), read_only=True)
    slugs = [r[0] for r in con.execute("SELECT slug FROM geography").fetchall()]
    con.close()
    months = month_slugs(dims)[24:132]
    fra, til = sorted([data.draw(st.sampled_from(months)), data.draw(st.sampled_from(months))])
    params = {
        "fra": fra,
        "til": til,
        "gruppe": data.draw(st.sampled_from(dims["group_code"])),
        "alder": data.draw(st.sampled_from(dims["age_band"])),
        "koen": data.draw(st.sampled_from(dims["gender"])),
        "herkomst": data.draw(st.sampled_from(dims["origin"])),
        "sammenlign": data.draw(st.sampled_from(slugs)),
        "periode": data.draw(st.sampled_from(dims["period"])),
    }
    at = open_page(view.file, min_persons)
    at.query_params = params
    at.run()
    get_settings.cache_clear()
    assert not at.exception, [e.value for e in at.exception]
    texts, tables = rendered(at)
    small = [c for t in texts for c in sentinel_counts(t) if c < min_persons]
    assert not small, (view.path, params, [t for t in texts if sentinel_counts(t)][:3])
    for table in tables:
        assert not frame_leaks(table, min_persons), (view.path, params, frame_leaks(table, min_persons))


@pytest.mark.parametrize("name", ["region_ranking", "rank_in_region_over_time"])
def test_the_placement_of_a_row_whose_count_is_hidden_is_hidden_too(name, small_con):
    """A placement among the region's municipalities is derived from the row's own figure:
    where that row's count is hidden, so is its placement (docs/privacy.md)."""
    wanted = {
        "indicator_id": "andel_forsikrede_ledige",
        "first_month": date(2014, 1, 1),
        "last_month": date(2022, 12, 1),
        "month": date(2020, 9, 1),
    }
    params = sample_params(name) | {k: v for k, v in wanted.items() if k in get_query(name).params}
    frame = run_query(small_con, name, params, min_persons=5)
    hidden = frame["suppressed"].to_numpy(dtype=bool)
    assert hidden.any() and not hidden.all(), "the fixture must hide some rows and show others"
    assert frame.loc[hidden, "rank"].isna().all()
    assert frame.loc[~hidden, "rank"].notna().all()
