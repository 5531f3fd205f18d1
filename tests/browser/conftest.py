"""One app server and one Chromium for the browser tests, against the session's built
database. Without Chromium they skip with a message, except in CI, where .ci/run
installs it and a missing browser is a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard.screenshots import VIEWPORT, chromium_path
from dashboard.settings import PROJECT_ROOT

OUTPUT = PROJECT_ROOT / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"


def _require_browser() -> None:
    problem = None
    if chromium_path() is None:
        problem = "Chromium findes ikke (/usr/bin/chromium); installér med `apt-get install chromium`"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ModuleNotFoundError:
            problem = "Playwright er ikke installeret (pip install -e '.[test]')"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} – i CI skal browser-testene køre (.ci/run installerer Chromium).")
        pytest.skip(f"Browser-test sprunget over: {problem}.")


@pytest.fixture(scope="package")
def chromium():
    """Package scope: Playwright's sync API keeps an asyncio loop running in this thread
    while it is open, which would break later tests that call asyncio.run()."""
    _require_browser()
    from dashboard.screenshots import browser

    with browser() as instance:
        yield instance


@pytest.fixture(scope="package")
def app_url(chromium, built_db: Path) -> str:
    from dashboard.local_app import serve

    OUTPUT.mkdir(exist_ok=True)
    with serve(built_db, log=OUTPUT / "streamlit-browser-tests.log", startup_seconds=90) as (url, _):
        yield url


@pytest.fixture()
def page(chromium):
    context = chromium.new_context(viewport=VIEWPORT, locale="da-DK", accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def timings():
    """Page-load times, written to test-output/browser-timings.txt (measured, never asserted)."""
    seen: list[tuple[str, float]] = []
    yield seen
    if seen:
        OUTPUT.mkdir(exist_ok=True)
        lines = [f"{name}\t{seconds:.2f} s" for name, seconds in seen]
        (OUTPUT / "browser-timings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


AXE_VERSION = "4.14.1"
AXE_CACHE = OUTPUT / f"axe-core-{AXE_VERSION}" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core's axe.min.js (MPL-2.0, Deque Systems) from the npm registry, fetched once
    with `npm pack` into test-output/ (not committed: 650 kB)."""
    import shutil
    import subprocess
    import tarfile

    if not AXE_CACHE.exists():
        npm = shutil.which("npm")
        if npm is None:
            problem = "npm findes ikke; axe-core hentes med `npm pack axe-core`"
            if os.environ.get("CI"):
                pytest.fail(problem)
            pytest.skip(problem)
        AXE_CACHE.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "pack", f"axe-core@{AXE_VERSION}", "--silent"],
            cwd=AXE_CACHE.parent,
            check=True,
            capture_output=True,
            timeout=300,
        )
        with tarfile.open(AXE_CACHE.parent / f"axe-core-{AXE_VERSION}.tgz") as archive:
            AXE_CACHE.write_bytes(archive.extractfile("package/axe.min.js").read())
    return AXE_CACHE.read_text(encoding="utf-8")
