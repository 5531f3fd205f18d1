"""`python -m dashboard bench` on the session's bundled database, with tiny repeat counts.

Timing is never asserted here: these tests check that the command measures every page,
records the queries it runs and writes the figures in the agreed shape.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import bench
from dashboard.cli import main
from dashboard.nav import existing_views

PAGE_KEYS = {"warm_p50_ms", "warm_p95_ms", "cold_ms", "raw_query_ms", "overhead_ratio"}
TOP_KEYS = {
    "scale",
    "observations",
    "floor_ms",
    "link_to_chart_ms",
    "link_to_chart_floor_ms",
    "link_ratio",
    "load_ratio",
    "rss_mb",
    "pandas_overblik_ms",
    "pages",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, built_db: Path) -> dict:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    code = main(
        [
            "bench",
            "--db",
            str(built_db),
            "--repeat",
            "2",
            "--cold",
            "1",
            "--no-browser",
            "--no-load",
            "--no-pandas",
            "--json",
            str(out),
        ]
    )
    assert code == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_report_has_the_agreed_keys_for_every_existing_page(report):
    assert TOP_KEYS <= report.keys()
    assert set(report["pages"]) == {v.path for v in existing_views()}
    for path, page in report["pages"].items():
        assert page["error"] is None, path
        assert PAGE_KEYS <= page.keys()
        assert all(isinstance(page[k], float | int) and page[k] >= 0 for k in PAGE_KEYS), path


def test_report_counts_the_observations_and_says_what_was_not_measured(report, built_con):
    assert report["observations"] == built_con.execute("SELECT count(*) FROM observation").fetchall()[0][0]
    assert report["scale"] == "bundled"
    assert report["link_to_chart_ms"] is None and "ikke målt" in report["link_error"]
    assert report["pandas_overblik_ms"] is None
    assert report["load_ratio"] is None and "ikke målt" in report["load"]["error"]


def test_link_ratio_is_the_link_time_over_the_minimal_apps():
    page = bench.PageResult("overblik", "Overblik", link={"median_ms": 2600.0, "p95_ms": 2700.0, "first_ms": 2900.0})
    assert page.summary(floor_ms=2.0, link_floor_ms=2000.0)["link_ratio"] == 1.3
    assert page.summary(floor_ms=2.0)["link_ratio"] is None


def test_load_ratio_drives_the_app_and_the_minimal_app_with_the_same_sessions(built_db):
    overblik = [v for v in existing_views() if v.path == "overblik"]
    result = bench.load_ratio(built_db, overblik, seconds=3, sessions=2, think=0.1)
    app, minimal = result["app"], result["minimal_app"]
    assert app["sessions"] == minimal["sessions"] == 2
    assert app["think_seconds"] == minimal["think_seconds"] == 0.1
    assert app["runs"] > 0 and minimal["runs"] > 0 and app["errors"] == minimal["errors"] == 0
    assert result["load_ratio"] == pytest.approx(app["p95_ms"] / minimal["p95_ms"], abs=0.01)
    assert app["server_memory_mb"]["VmHWM"] > 0


def test_overhead_ratio_is_the_cold_run_over_raw_queries_plus_floor(report):
    page = report["pages"]["overblik"]
    expected = page["cold_ms"] / (page["raw_query_ms"] + report["floor_ms"])
    assert page["overhead_ratio"] == pytest.approx(expected, abs=0.01)
    assert page["raw_query_ms"] == pytest.approx(sum(q["ms"] for q in page["queries"]), abs=0.2)


def test_the_queries_of_overblik_are_recorded_from_its_run(report):
    names = [q["name"] for q in report["pages"]["overblik"]["queries"]]
    assert {
        "headline_kpis",
        "unemployment_rate_by_geography",
        "unemployment_rate_by_age_band",
        "support_ratio_by_origin",
    } <= set(names)


def test_query_log_records_calls_and_puts_run_query_back(fixture_con):
    import dashboard.data
    import dashboard.db

    before = dashboard.db.run_query, dashboard.data.run_query
    log = bench.QueryLog()
    with log.recording():
        dashboard.db.run_query(fixture_con, "home_area", {"home_geo": "151"}, min_persons=5)
    assert [(name, params) for name, params, _ in log.calls] == [("home_area", {"home_geo": "151"})]
    assert (dashboard.db.run_query, dashboard.data.run_query) == before


def test_percentile_interpolates_between_ranks():
    assert bench.percentile([10, 20, 30, 40, 50], 50) == 30
    assert bench.percentile([10, 20], 95) == pytest.approx(19.5)
    assert bench.percentile([7], 95) == 7


def test_table_names_pages_and_budget_verdicts(report):
    text = bench.render_table(report)
    assert "overblik" in text and "budget" in text
    assert "Tom side (gulv)" in text


def test_pandas_overblik_finds_the_same_rows_as_duckdb(built_db):
    result = bench.pandas_overblik(built_db, repeat=1)
    assert "error" not in result, result.get("error")
    assert result["rows"] > 1_000_000
    assert all(result["same_row_counts"].values()), result["same_row_counts"]


def test_a_missing_database_is_a_clear_danish_error(tmp_path, capsys):
    assert main(["bench", "--db", str(tmp_path / "mangler.duckdb"), "--no-browser"]) == 2
    assert "findes ikke" in capsys.readouterr().err


@pytest.mark.browser
def test_a_shared_link_draws_its_first_chart_in_chromium(built_db):
    if not bench.CHROMIUM.exists():
        pytest.skip(f"Chromium mangler ({bench.CHROMIUM})")
    pytest.importorskip("playwright")
    overblik = [v for v in existing_views() if v.path == "overblik"]
    result = bench.link_to_chart(built_db, overblik, opens=1)
    assert "error" not in result, result.get("error")
    assert result["pages"]["overblik"]["first_ms"] is not None  # a chart was drawn
    assert result["server_memory_mb"]["VmHWM"] > 0
