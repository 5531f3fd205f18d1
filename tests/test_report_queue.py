"""The report download in the app (issue 14, item 3): built once per month and database, one
build at a time in a process of its own, the place in the queue shown while waiting."""

from __future__ import annotations

import threading
import time

import pytest

from dashboard import report
from dashboard.data import database_identity
from dashboard.report import ReportError, ReportQueue, build_in_process, is_built, report_files, report_key
from dashboard.settings import get_settings
from tests.pages.apptest import run_page


@pytest.fixture()
def report_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_REPORT_DIR", str(tmp_path / "rapporter"))
    get_settings.cache_clear()
    yield tmp_path / "rapporter"
    get_settings.cache_clear()


def write_report(key: str) -> None:
    pdf, html = report_files(key)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.7 " + key.encode())
    html.write_text("<html></html>", encoding="utf-8")


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_builds_run_one_at_a_time_in_the_order_asked_and_each_key_once(report_dir):
    release, built = threading.Event(), []

    def build(key, period, identity):
        release.wait(10)
        built.append(key)
        write_report(key)

    queue = ReportQueue(1, build=build)
    for key in ("a-2020-09", "a-2020-06", "a-2020-09", "a-2020-03"):
        queue.request(key, key[2:], ("db", 1, 1))
    wait_for(lambda: queue.status("a-2020-09") == (0, None))
    assert [queue.status(k)[0] for k in ("a-2020-09", "a-2020-06", "a-2020-03")] == [0, 1, 2]
    release.set()
    wait_for(lambda: len(built) == 3)
    assert built == ["a-2020-09", "a-2020-06", "a-2020-03"]
    wait_for(lambda: queue.status("a-2020-03") == (None, None))
    assert all(is_built(k) for k in built)


def test_a_failed_build_is_one_line_and_can_be_asked_for_again(report_dir):
    attempts = []

    def build(key, period, identity):
        attempts.append(key)
        if len(attempts) == 1:
            raise ReportError("Måneden findes ikke.")
        write_report(key)

    queue = ReportQueue(1, build=build)
    queue.request("k", "2020-09", ("db", 1, 1))
    wait_for(lambda: queue.status("k")[1] is not None)
    assert queue.status("k") == (None, "Måneden findes ikke.")
    queue.request("k", "2020-09", ("db", 1, 1))
    wait_for(lambda: is_built("k"))
    assert len(attempts) == 2


def test_the_key_is_the_month_and_the_database_file():
    one = report_key(("/data/noegletal.duckdb", 10, 1), "2020-09")
    assert one.endswith("-2020-09") and one == report_key(("/data/noegletal.duckdb", 10, 1), "2020-09")
    assert one != report_key(("/data/noegletal.duckdb", 11, 2), "2020-09")  # an import swapped the file


def test_the_sidebar_asks_shows_the_queue_and_then_offers_the_files(app_db, report_dir, monkeypatch):
    release = threading.Event()

    def build(key, period, identity):
        release.wait(30)
        write_report(key)

    monkeypatch.setattr(report, "REPORTS", ReportQueue(1, build=build))
    at = run_page("overblik", {"til": "2020-09"})
    assert not at.get("download_button") or not any(b.key.startswith("rapport") for b in at.get("download_button"))
    at.button(key="rapport-lav").click().run()
    assert not at.exception
    assert any("laves nu" in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]
    release.set()
    wait_for(lambda: is_built(report_key(database_identity(), "2020-09")))
    at.run()
    buttons = {b.key: b for b in at.get("download_button")}
    assert {"rapport-pdf", "rapport-html"} <= buttons.keys()
    assert buttons["rapport-pdf"].proto.ignore_rerun and buttons["rapport-html"].proto.ignore_rerun


def test_a_report_is_built_in_a_process_of_its_own_into_both_files(app_db, report_dir):
    identity = database_identity()
    key = report_key(identity, "2020-09")
    build_in_process(key, "2020-09", identity)
    pdf, html = report_files(key)
    assert pdf.read_bytes().startswith(b"%PDF-") and "september 2020" in html.read_text(encoding="utf-8")
    assert not list(report_dir.glob("*.part"))
