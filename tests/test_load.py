"""`python -m dashboard load` against a real `streamlit run app.py` on a free loopback port,
and a few real Chromium sessions at once where Chromium is installed."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.load import LoadError, check_loopback, listening_pid, rss_mb, stream_url
from dashboard.local_app import serve
from dashboard.nav import existing_views
from dashboard.serve import haproxy_program

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def server(built_db: Path):
    with serve(built_db) as (url, process):
        yield url, process


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8501",
        "http://127.3.2.1:9",
        "http://localhost:8501",
        "http://[::1]:8501/app",
        "ws://127.0.0.1:8501",
    ],
)
def test_loopback_addresses_are_accepted(url):
    host, port, _ = check_loopback(url)
    assert port in (8501, 9) and stream_url(url).endswith("/_stcore/stream")


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1:8501",
        "http://example.org",
        "http://0.0.0.0:8501",
        "http://localhost.example.org:8501",
        "ftp://127.0.0.1/",
        "127.0.0.1:8501",
        "http://[2001:db8::1]:8501",
        "http://192.168.1.10",
    ],
)
def test_any_other_address_is_refused_with_a_clear_error(url, capsys):
    with pytest.raises(LoadError, match="loopback|Ugyldig"):
        check_loopback(url)
    assert main(["load", "--url", url, "--sessions", "1", "--seconds", "1"]) == 2
    assert "Fejl:" in capsys.readouterr().err


def test_counts_and_duration_are_bounded(capsys):
    assert main(["load", "--url", "http://127.0.0.1:9", "--sessions", "100000", "--seconds", "1"]) == 2
    assert main(["load", "--url", "http://127.0.0.1:9", "--sessions", "2", "--seconds", "999999"]) == 2
    assert "--s" in capsys.readouterr().err


def test_the_server_process_is_found_from_its_port(server):
    url, process = server
    _, port, _ = check_loopback(url)
    assert listening_pid(port) == process.pid
    assert rss_mb(process.pid) > 50


def test_three_sessions_for_five_seconds_run_every_page_without_errors(server, tmp_path, capsys):
    url, process = server
    out = tmp_path / "load.json"
    code = main(["load", "--url", url, "--sessions", "3", "--seconds", "5", "--json", str(out)])
    printed = capsys.readouterr().out
    result = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0, result["error_samples"]
    assert {"sessions", "runs", "errors", "p50_ms", "p95_ms", "server_rss_mb"} <= result.keys()
    assert result["sessions"] == 3 and result["errors"] == 0 and result["runs"] > 0
    assert result["p50_ms"] <= result["p95_ms"] and result["server_rss_mb"] > 0
    assert result["server_pid"] == process.pid
    assert "Kørsler" in printed and "p95" in printed
    assert set(result["pages"]) == {v.path for v in existing_views()}


def test_sessions_that_read_between_clicks_pause_after_every_run(server, tmp_path, capsys):
    url, _ = server
    out = tmp_path / "load.json"
    code = main(
        ["load", "--url", url, "--sessions", "2", "--seconds", "3", "--think", "1", "--pages", "overblik"]
        + ["--json", str(out)]
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0, result["error_samples"]
    assert result["think_seconds"] == 1.0 and "ca. 1 s læsning mellem klik" in capsys.readouterr().out
    # each pause is at least 0,5 s: no more than 3 s / 0,5 s = 6 runs per session (+1 for the last)
    assert 2 <= result["runs"] <= 14


def test_a_missing_page_is_counted_as_an_error(server, tmp_path):
    url, _ = server
    out = tmp_path / "load.json"
    assert (
        main(["load", "--url", url, "--sessions", "1", "--seconds", "2", "--pages", "findes-ikke", "--json", str(out)])
        == 1
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] > 0 and result["runs"] == 0 and "findes ikke" in result["error_samples"][0]


@pytest.mark.browser
def test_a_few_real_browser_sessions_at_once_render_every_page(server, tmp_path):
    """Three Chromium contexts open every page at the same time; each shows its title and no error."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium findes ikke i /usr/bin/chromium (apt-get install chromium)")
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="playwright er ikke installeret (pip install playwright)"
    )
    url, _ = server
    views = existing_views()
    problems: list[str] = []

    def one_user(index: int) -> None:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            )
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                for view in views[index:] + views[:index]:
                    page.goto(f"{url}/{view.path}?gruppe=dagpenge", timeout=120_000)
                    page.get_by_role("heading", name=view.title).first.wait_for(timeout=120_000)
                    page.wait_for_selector(
                        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000
                    )
                    if page.locator("[data-testid='stException']").count():
                        problems.append(f"bruger {index}: undtagelse på {view.path}")
                page.screenshot(path=str(tmp_path / f"bruger-{index}.png"))
            finally:
                browser.close()

    users = [threading.Thread(target=one_user, args=(i,)) for i in range(3)]
    for user in users:
        user.start()
    for user in users:
        user.join(timeout=600)
    assert not problems, problems
    assert len(list(tmp_path.glob("bruger-*.png"))) == 3


def test_several_session_counts_or_no_url_need_compare_workers(capsys):
    assert main(["load", "--url", "http://127.0.0.1:9", "--sessions", "20,50", "--seconds", "1"]) == 2
    assert main(["load", "--sessions", "2", "--seconds", "1"]) == 2
    assert "--compare-workers" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["load", "--compare-workers", "1,x", "--sessions", "2"])


@pytest.mark.skipif(haproxy_program() is None, reason="HAProxy findes ikke (apt-get install haproxy)")
def test_compare_workers_measures_one_and_two_processes_side_by_side(built_db, tmp_path, capsys):
    out = tmp_path / "compare.json"
    code = main(
        [
            "load",
            "--compare-workers",
            "1,2",
            "--sessions",
            "2,3",
            "--seconds",
            "3",
            "--db",
            str(built_db),
            "--pages",
            "overblik",
            "maal",
            "--json",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    comparison = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0, [r["error_samples"] for r in comparison["results"]]
    assert [(r["workers"], r["sessions"]) for r in comparison["results"]] == [(1, 2), (2, 2), (1, 3), (2, 3)]
    for row in comparison["results"]:
        assert {"sessions", "runs", "errors", "p50_ms", "p95_ms", "server_rss_mb", "runs_per_second"} <= row.keys()
        assert row["runs"] > 0 and row["errors"] == 0
    two, one = comparison["results"][1], comparison["results"][0]
    assert two["server_rss_mb"] > one["server_rss_mb"]  # two app processes (and HAProxy) counted together
    assert comparison["speedup"]["2"]["2"] == round(two["runs_per_second"] / one["runs_per_second"], 2)
    assert len(comparison["load_average_before"]) == 3
    assert "Kørsler/s" in printed and "Load average" in printed
