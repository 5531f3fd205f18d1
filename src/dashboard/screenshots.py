"""Run the app in a real browser: start a server, open pages in Chromium, take screenshots.

`python -m dashboard screenshots [--out docs/screenshots] [--period 2020-09]` saves a PNG
of every page at 1280×720 and of its meeting view at 1920×1080, the shared screen. The browser
tests (tests/browser) use the same helpers. Chromium is Debian's (/usr/bin/chromium),
driven by Playwright (the `test` extra); Playwright's own browser download is not used.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from dashboard.cli import command
from dashboard.local_app import serve
from dashboard.settings import get_settings

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 720}
MEETING_VIEWPORT = {"width": 1920, "height": 1080}
# A phone as the server sees it (the user agent of Safari on an iPhone) and as it draws (390×844).
PHONE_CONTEXT = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    "is_mobile": True,
    "has_touch": True,
}
# Elements that mean something went wrong on a page.
ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def chromium_path() -> str | None:
    """Debian's Chromium, or any `chromium` on PATH; None when there is none."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@contextmanager
def browser() -> Iterator[object]:
    """A headless Chromium through Playwright."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium mangler (Debian: apt-get install chromium).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def page_url(base_url: str, path: str, params: Mapping[str, str] | None = None) -> str:
    query = urlencode(dict(params or {}))
    return f"{base_url}/{path}" + (f"?{query}" if query else "")


def wait_until_rendered(page, timeout_ms: int = 90_000) -> None:
    """Until the script has finished, the page has its title, nothing is stale and no
    placeholder waits for a lazily loaded part of the front end; then give the charts a
    moment to draw."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && document.querySelector('[data-testid="stMain"] h1')
                && !document.querySelector('[data-stale="true"]')
                && !document.querySelector('[data-testid^="stSkeleton"]');
        }""",
        timeout=timeout_ms,
        polling=200,
    )
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for i in range(charts.count()):
        charts.nth(i).locator("canvas, svg").first.wait_for(state="attached", timeout=timeout_ms)
    page.wait_for_timeout(400)


def open_page(page, base_url: str, path: str, params: Mapping[str, str] | None = None) -> float:
    """Open one page, wait until it is drawn; return the seconds it took."""
    start = time.monotonic()
    page.goto(page_url(base_url, path, params))
    wait_until_rendered(page)
    return time.monotonic() - start


def shoot_all(base_url: str, out_dir: Path, params: Mapping[str, str], *, meeting: bool = True) -> list[Path]:
    """A 1280×720 PNG of each page (`<path>.png`) and a 1920×1080 PNG of its meeting view
    (`moede-<path>.png`, the shared screen)."""
    from dashboard.nav import existing_views

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    variants = [("", {}, VIEWPORT)] + ([("moede-", {"visning": "moede"}, MEETING_VIEWPORT)] if meeting else [])
    with browser() as chromium:
        for variant, extra, viewport in variants:
            context = chromium.new_context(viewport=viewport, locale="da-DK")
            page = context.new_page()
            for view in existing_views():
                seconds = open_page(page, base_url, view.path, {**params, **extra})
                target = out_dir / f"{variant}{view.path}.png"
                page.screenshot(path=str(target))
                written.append(target)
                print(f"{target} ({seconds:.1f} s)")
            context.close()
    return written


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", default="docs/screenshots", help="folder for the PNG files (default: docs/screenshots)"
    )
    parser.add_argument("--period", default="2020-09", metavar="ÅÅÅÅ-MM", help="the month shown (default: 2020-09)")
    parser.add_argument("--url", help="a running app to use instead of starting one (e.g. http://localhost:8501)")
    parser.add_argument("--port", type=int, help="port for the app this command starts (default: a free one)")


@command("screenshots", "save a 1280×720 PNG of every page and a 1920×1080 PNG of its meeting view", _arguments)
def run_screenshots(args: argparse.Namespace) -> int:
    if chromium_path() is None:
        print("Chromium mangler (Debian: apt-get install chromium).", file=sys.stderr)
        return 2
    try:
        import playwright  # noqa: F401
    except ModuleNotFoundError:
        print("Playwright mangler: pip install -e '.[test]'.", file=sys.stderr)
        return 2
    out_dir = Path(args.out)
    params = {"til": args.period}
    if args.url:
        shoot_all(args.url.rstrip("/"), out_dir, params)
    else:
        with serve(get_settings().db_path, port=args.port, startup_seconds=90) as (base_url, _):
            shoot_all(base_url, out_dir, params)
    return 0
