"""`python -m dashboard bench`: how fast every page is, measured. A command, not a test.

What is measured, per page (every page `dashboard.nav.existing_views()` offers, so pages
are picked up as they land), all times in milliseconds, wall clock unless named `cpu`:

- **warm** (`warm_p50_ms`, `warm_p95_ms`): the server-side script run of the page, opened
  through `app.py` as a browser session opens it (navigation, sidebar, filter bar,
  sections), with every cache filled. Run in-process with `streamlit.testing.v1.AppTest`;
  the time is that of `AppTest.run()` — the script run and the collection of its output,
  not the websocket or the browser. Compiled scripts are kept between runs, as
  Streamlit's runtime keeps them (AppTest alone would recompile on every run).
- **cold** (`cold_ms` median, `cold_max_ms`): the same run right after emptying every
  result cache (query results, filter choices, the charts remembered in-process, and
  Streamlit's own caches): all
  queries run, as for the first link to a filter combination nobody has opened yet. The
  database connection stays open, as in a running server, which opens it once per
  database file. **cold start** (`cold_start_ms`) empties the connection cache too: a new
  DuckDB instance (~11 ms here) and the file attached again, as on the first request
  after the server started or after an import swapped in a new file.
- **raw queries** (`raw_query_ms`, `queries`): the queries the page ran in its cold run,
  recorded by wrapping `dashboard.db.run_query`, then executed alone on a ready cursor of
  the app's own connection — the registry's SQL, the page's bound parameters, DuckDB's own
  DataFrame as result: nothing of ours in between (not even making the cursor). Interleaved
  with the cold runs (same machine load), median per query.
- **overhead ratio** (`overhead_ratio`, `overhead_ratio_cpu`): `cold_ms / (raw_query_ms +
  floor_ms)`, with wall and with CPU times — what our Python adds to DuckDB's own work.
  Shown to find where time goes; not a budget (users do not wait for CPU ratios).
  `in_app_query_ms` adds up each query's time as the page ran it, in whichever thread.
- **floor** (`floor_ms`): the run time of an empty Streamlit page (`import streamlit`).
- **link to chart** (`link_to_chart_ms`, per page and for Overblik at the top): headless
  Chromium against the app started as `make run` starts it (`python -m dashboard serve`:
  `streamlit run app.py` after a warm-up) on the same database, from starting to open a
  shared link (filters in the URL) to the first chart drawn (a Vega canvas or svg with a
  size), timed in the page with `performance.now()` (0 = navigation start). Every open is
  a new browser context (empty browser cache, new session) with a filter combination the
  server has not seen, so the page's queries run too; median of the opens after the first.
  The first open after the server started is reported apart (`first_link_to_chart_ms`:
  whatever the warm-up left for the first session), and the same measurement for a minimal Streamlit app — a
  title and one tiny chart — as `link_to_chart_floor_ms`: what the framework and the
  browser need on this machine before any of our work. The minimal app runs on the same
  kind of server as the app (`serve --script`: Nagle's algorithm off, see `serve.nagle_off`);
  `link_to_chart_stock_floor_ms` is the same app under a plain `streamlit run`, to show what
  that server set-up is worth. `link_ratio` (per page, and at the
  top for Overblik) is a page's link time over that floor.
- **under load** (`load_ratio`, `load`): 20 sessions at once over Streamlit's websocket
  protocol (`dashboard.load`'s client: open a page, change its filters, next page) for
  `--load-seconds`, first against the app, then the same against the minimal app;
  `load_ratio` is the app's page-run p95 over the minimal app's p95 under the same load.
  The sessions do not pause, so the server is kept busy and the ratio is in effect that of
  the CPU time per run. `load.reading` is the same with each session reading for
  2,5-7,5 s between clicks (`READING_SECONDS`): what a committee in a meeting makes.
- **memory** (`rss_mb`): peak resident memory (VmHWM) of the server process after
  every page was opened, or under the 20 sessions if that was higher; without Chromium
  and load, the peak of this process (AppTest).
- **pandas** (`pandas_overblik_ms`, `pandas_ratio`): the usual way of writing such an app —
  the fact table loaded once into a pandas DataFrame (text columns as categoricals; as
  Python strings it would need ~20 GB at national scale) and the Overblik figures
  computed from it with boolean masks and merges, median of repeats; the ratio is to
  Overblik's raw DuckDB time. Run in a child process: its memory is not the app's.

The budgets (`BUDGETS`) are what a user waits for: a shared link's first chart at most
1,3 × the minimal app's, warm page run p95 ≤ 100 ms, cold ≤ 300 ms (worst run), page-run
p95 under 20 sessions at most 1,2 × the minimal app's, server memory ≤ 600 MB.

The machine's load average is recorded with the figures: on a shared 2-core machine wall
times swing with what else runs; the CPU figures show the work itself.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from dashboard.cli import command
from dashboard.local_app import serve
from dashboard.screenshots import CHROMIUM_ARGS
from dashboard.settings import PROJECT_ROOT, get_settings, using_database

BUDGETS = {"link_ratio": 1.3, "warm_p95_ms": 100.0, "cold_ms": 300.0, "load_ratio": 1.2, "rss_mb": 600.0}
LOAD_SESSIONS = 20
# The second load: each session reads the page for 2,5-7,5 s before its next click (a
# committee member in a meeting), so the server is not kept busy all the time.
READING_SECONDS = 5.0
CHROMIUM = Path("/usr/bin/chromium")
FIRST_CHART_JS = """
(() => {
  window.__firstChart = null;
  const seen = () => {
    for (const el of document.querySelectorAll('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg.marks')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) return true;
    }
    return false;
  };
  const check = () => {
    if (window.__firstChart === null && seen()) window.__firstChart = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
  const poll = () => { check(); if (window.__firstChart === null) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})();
"""
# Filter combinations for repeated link opens: each one new to the server's caches.
LINK_VARIANTS = [
    {},
    {"gruppe": "dagpenge"},
    {"alder": "25-29", "koen": "kvinder"},
    {"herkomst": "ikke-vestlig", "sammenlign": "region-hovedstaden"},
    {"gruppe": "sygedagpenge", "alder": "50-59"},
    {"koen": "maend", "herkomst": "dansk"},
    {"gruppe": "uddannelseshjaelp", "alder": "16-24"},
    {"alder": "40-49", "herkomst": "vestlig"},
]


# ---------------------------------------------------------------------------------------
# Small helpers


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def ratio(value: float | None, floor: float | None) -> float | None:
    """value ÷ floor to two decimals; None when either is missing."""
    return round(value / floor, 2) if value is not None and floor else None


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def process_memory_mb(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, from /proc."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(rest.split()[0]) / 1024, 1)
    return out


@dataclass
class QueryLog:
    """The queries run through `dashboard.db.run_query` while it is installed."""

    calls: list[tuple[str, dict[str, Any], float]] = field(default_factory=list)

    @contextlib.contextmanager
    def recording(self) -> Iterator[QueryLog]:
        import dashboard.data
        import dashboard.db

        original = dashboard.db.run_query

        def recorded(con, name, params=None, **kwargs):
            started = time.perf_counter()
            try:
                return original(con, name, params, **kwargs)
            finally:
                self.calls.append((name, dict(params or {}), time.perf_counter() - started))

        targets = [m for m in (dashboard.db, dashboard.data) if getattr(m, "run_query", None) is original]
        for module in targets:
            module.run_query = recorded
        try:
            yield self
        finally:
            for module in targets:
                module.run_query = original


@contextlib.contextmanager
def shared_script_cache() -> Iterator[None]:
    """Let AppTest keep compiled scripts between runs, as Streamlit's runtime does.

    AppTest builds a fresh `ScriptCache` for every run, so each run would parse, rewrite
    ("magic") and compile `app.py` and the page again (~4 ms here) — work a server does
    once per script.
    """
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = app_test.ScriptCache()
    saved = app_test.ScriptCache, local_script_runner.ScriptCache
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    try:
        yield
    finally:
        app_test.ScriptCache, local_script_runner.ScriptCache = saved


def clear_streamlit_caches(*, keep_connection: bool = False) -> None:
    """Empty every cache a page run can hit: query results and filter choices. With
    `keep_connection` the open database connection stays (a cold run, not a cold start)."""
    import streamlit as st

    from dashboard import data, ui

    st.cache_data.clear()
    data._result.clear()
    ui._all_choices.clear()
    if not keep_connection:
        st.cache_resource.clear()


# ---------------------------------------------------------------------------------------
# Server-side page runs (AppTest)


@dataclass
class PageResult:
    path: str
    title: str
    warm: list[float] = field(default_factory=list)
    warm_cpu: list[float] = field(default_factory=list)
    cold: list[float] = field(default_factory=list)
    cold_cpu: list[float] = field(default_factory=list)
    cold_start: list[float] = field(default_factory=list)
    queries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    in_app_query_ms: float = 0.0
    raw: list[tuple[str, float, float]] = field(default_factory=list)
    error: str | None = None
    link: dict[str, Any] | None = None

    def summary(self, floor_ms: float, link_floor_ms: float | None = None) -> dict[str, Any]:
        def median(values: list[float]) -> float | None:
            return round(statistics.median(values), 1) if values else None

        raw_total = round(sum(t for _, t, _ in self.raw), 1)
        cold = median(self.cold)
        return {
            "title": self.title,
            "warm_p50_ms": median(self.warm),
            "warm_p95_ms": round(percentile(self.warm, 95), 1) if self.warm else None,
            "cold_ms": cold,
            "cold_max_ms": round(max(self.cold), 1) if self.cold else None,
            "cold_start_ms": median(self.cold_start),
            "raw_query_ms": raw_total,
            "overhead_ratio": round(cold / (raw_total + floor_ms), 2) if cold is not None else None,
            "overhead_ratio_cpu": (
                round(statistics.median(self.cold_cpu) / (sum(c for _, _, c in self.raw) + floor_ms), 2)
                if self.cold_cpu
                else None
            ),
            "warm_cpu_ms": median(self.warm_cpu),
            "cold_cpu_ms": median(self.cold_cpu),
            "raw_query_cpu_ms": round(sum(c for _, _, c in self.raw), 1),
            "in_app_query_ms": round(self.in_app_query_ms, 1),
            "queries": [{"name": n, "ms": t, "cpu_ms": c} for n, t, c in self.raw],
            "link_to_chart_ms": None if self.link is None else self.link.get("median_ms"),
            "link_to_chart_p95_ms": None if self.link is None else self.link.get("p95_ms"),
            "link_ratio": ratio(None if self.link is None else self.link.get("median_ms"), link_floor_ms),
            "first_link_to_chart_ms": None if self.link is None else self.link.get("first_ms"),
            "error": self.error,
        }


def timed_run(at) -> tuple[float, float]:
    """Wall and CPU milliseconds of one script run (CPU: every thread of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    at.run()
    return ms(time.perf_counter() - wall), ms(time.process_time() - cpu)


def empty_page_floor(repeat: int) -> float:
    """Median run time of an empty Streamlit page."""
    from streamlit.testing.v1 import AppTest

    with shared_script_cache():
        at = AppTest.from_string("import streamlit as st\n", default_timeout=60)
        at.run()
        return round(statistics.median(timed_run(at)[0] for _ in range(max(repeat, 3))), 1)


def run_pages(db_path: Path, views: Sequence, repeat: int, cold_repeat: int, raw_repeat: int) -> list[PageResult]:
    """Cold-start, cold and warm runs of every page through app.py; its queries timed raw
    on the app's own open connection (same DuckDB instance, same buffer pool)."""
    from streamlit.testing.v1 import AppTest

    from dashboard.data import _connection, database_identity

    results = []
    with using_database(db_path), shared_script_cache():
        clear_streamlit_caches()
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=300)
        at.run()
        for view in views:
            result = PageResult(view.path, view.title)
            results.append(result)
            at.switch_page(view.file)
            try:
                for _ in range(min(2, max(cold_repeat, 1))):
                    clear_streamlit_caches()
                    result.cold_start.append(timed_run(at)[0])
                    raise_page_error(at)
                raw: dict[int, list[tuple[float, float]]] = {}
                for i in range(max(cold_repeat, 1)):
                    clear_streamlit_caches(keep_connection=True)
                    log = QueryLog()
                    with log.recording():
                        wall, cpu = timed_run(at)
                    raise_page_error(at)
                    result.cold.append(wall)
                    result.cold_cpu.append(cpu)
                    if i == 0:
                        result.queries = [(name, params) for name, params, _ in log.calls]
                        result.in_app_query_ms = sum(t for _, _, t in log.calls) * 1000
                    # Raw query times interleaved with the cold runs, so that both see the
                    # same load on a shared machine.
                    con = _connection(database_identity())
                    for j, (name, params) in enumerate(result.queries):
                        raw.setdefault(j, []).extend(
                            time_query(con, name, params, repeat=max(1, raw_repeat // cold_repeat))
                        )
                result.raw = [
                    (name, ms(statistics.median(w for w, _ in raw[j])), ms(statistics.median(c for _, c in raw[j])))
                    for j, (name, _) in enumerate(result.queries)
                ]
                timed_run(at)  # fill the caches
                for _ in range(repeat):
                    wall, cpu = timed_run(at)
                    result.warm.append(wall)
                    result.warm_cpu.append(cpu)
            except Exception as exc:  # noqa: BLE001 - a failing page is reported, the others still measured
                result.error = f"{type(exc).__name__}: {exc}"
                continue
        clear_streamlit_caches()
    return results


def raise_page_error(at) -> None:
    if len(at.exception):
        raise RuntimeError(at.exception[0].message)


def time_query(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any], repeat: int
) -> list[tuple[float, float]]:
    """A query in DuckDB alone: the registry's SQL with the page's parameters, executed on a
    ready cursor of the open connection and handed back as the DataFrame DuckDB builds
    (what `run_query` gets before anything of ours runs). Wall and CPU seconds of each of
    `repeat` runs."""
    from dashboard.db import ATTACHED, get_query

    sql = get_query(name).sql
    out = []
    with con.cursor() as cursor:
        cursor.execute(f"USE {ATTACHED}")
        for _ in range(repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            (cursor.execute(sql, params) if params else cursor.execute(sql)).df()
            out.append((time.perf_counter() - wall, time.process_time() - cpu))
    return out


# ---------------------------------------------------------------------------------------
# Browser: shared link to first chart, and the app process's memory


def link_to_chart(db_path: Path, views: Sequence, opens: int) -> dict[str, Any]:
    """Open shared links in headless Chromium; time to the first chart drawn, per page."""
    if not CHROMIUM.exists():
        return {"error": f"Chromium findes ikke ({CHROMIUM}); installér med `apt-get install -y chromium`."}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "Playwright mangler; installér med `pip install -e '.[bench]'`."}
    from urllib.parse import urlencode

    pages: dict[str, dict[str, Any]] = {}
    with serve(db_path) as (base, proc), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            for n, view in enumerate(views):
                samples = []
                first = None
                for i in range(opens):
                    variant = LINK_VARIANTS[(i + n) % len(LINK_VARIANTS)] if i else {}
                    query = f"?{urlencode(variant)}" if variant else ""
                    elapsed = open_link(browser, f"{base}/{view.path}{query}")
                    if i == 0:
                        first = elapsed
                    else:
                        samples.append(elapsed)
                valid = [s for s in samples if s is not None]
                pages[view.path] = {
                    "first_ms": first,
                    "median_ms": round(statistics.median(valid), 1) if valid else first,
                    "p95_ms": round(percentile(valid, 95), 1) if valid else first,
                    "samples": samples,
                }
        finally:
            browser.close()
        memory = process_memory_mb(proc.pid)
    return {"pages": pages, "server_memory_mb": memory}


MINIMAL_APP = """import pandas as pd
import streamlit as st

st.title("Gulv")
st.vega_lite_chart(pd.DataFrame({"x": [1, 2, 3], "y": [1, 3, 2]}),
                   {"mark": "line", "encoding": {"x": {"field": "x", "type": "quantitative"},
                                                 "y": {"field": "y", "type": "quantitative"}}})
"""


def link_floor(db_path: Path, opens: int, *, stock: bool = False) -> dict[str, Any]:
    """The same measurement for a minimal Streamlit app (a title and one tiny chart): what
    the framework and the browser need on this machine before any of our work. Served as
    `serve` serves the app (Nagle's algorithm off), or with `stock` by a plain `streamlit run`."""
    if not CHROMIUM.exists():
        return {"error": f"Chromium findes ikke ({CHROMIUM})."}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "gulv.py"
        script.write_text(MINIMAL_APP, encoding="utf-8")
        with serve(db_path, script=script, stock=stock) as (base, _), sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                samples = [open_link(browser, f"{base}/") for _ in range(max(opens, 2))]
            finally:
                browser.close()
    valid = [x for x in samples[1:] if x is not None]
    return {"first_ms": samples[0], "median_ms": round(statistics.median(valid), 1) if valid else None}


def open_link(browser, url: str, timeout_ms: int = 30_000) -> float | None:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(FIRST_CHART_JS)
        page.goto(url, wait_until="commit")
        try:
            page.wait_for_function("window.__firstChart !== null", timeout=timeout_ms, polling=50)
        except Exception:  # noqa: BLE001 - a page without charts, or one that failed
            return None
        return round(page.evaluate("window.__firstChart"), 1)
    finally:
        context.close()


# ---------------------------------------------------------------------------------------
# Many sessions at once: the app against the minimal app under the same load


def load_ratio(
    db_path: Path, views: Sequence, seconds: float, sessions: int = LOAD_SESSIONS, think: float = 0.0
) -> dict[str, Any]:
    """`sessions` protocol-level sessions (`dashboard.load`) for `seconds` against the app,
    then the same against the minimal app; the ratio of their page-run p95. With `think`,
    each session reads for about that many seconds between clicks."""
    from dashboard import load

    with serve(db_path) as (base, proc):
        app = load.measure(
            base, sessions=sessions, seconds=seconds, pages=[v.path for v in views], pid=proc.pid, think=think
        )
        app["server_memory_mb"] = process_memory_mb(proc.pid)
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "gulv.py"
        script.write_text(MINIMAL_APP, encoding="utf-8")
        with serve(db_path, script=script) as (base, proc):
            floor = load.measure(base, sessions=sessions, seconds=seconds, pages=[""], pid=proc.pid, think=think)
    keep = (
        "sessions",
        "think_seconds",
        "seconds",
        "runs",
        "errors",
        "p50_ms",
        "p95_ms",
        "runs_per_second",
        "server_rss_mb",
    )
    return {
        "load_ratio": ratio(app["p95_ms"], floor["p95_ms"]),
        "app": {k: app.get(k) for k in (*keep, "pages", "server_memory_mb", "error_samples")},
        "minimal_app": {k: floor.get(k) for k in (*keep, "error_samples")},
    }


# ---------------------------------------------------------------------------------------
# pandas comparison (in a child process)


def pandas_overblik(db_path: Path, repeat: int) -> dict[str, Any]:
    code = f"import json, sys; from dashboard.bench import pandas_worker; print(json.dumps(pandas_worker({str(db_path)!r}, {repeat})))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def overblik_params(con: duckdb.DuckDBPyConnection, home: str) -> dict[str, Any]:
    """The default Overblik state: the newest month, three years back, everything 'alle', vs hele landet."""
    months = con.execute(
        "SELECT DISTINCT period_start FROM observation WHERE indicator_id = 'ledighedsprocent' AND grain = 'month' "
        "AND geo_code = ? ORDER BY 1",
        [home],
    ).fetchall()
    last = months[-1][0]
    first = months[max(0, len(months) - 36)][0]
    region = con.execute("SELECT region_code FROM geography WHERE geo_code = ?", [home]).fetchall()[0][0]
    return {
        "home": home,
        "compare": "000",
        "region": region,
        "first": first,
        "last": last,
        "group": "alle",
        "age": "alle",
        "gender": "alle",
        "origin": "alle",
    }


def pandas_worker(db_path: str, repeat: int) -> dict[str, Any]:
    """Load the fact table into pandas once, then compute the Overblik figures from it."""
    import pandas as pd

    from dashboard.db import run_query

    con = duckdb.connect()
    con.execute("ATTACH ? AS src (READ_ONLY)", [db_path])
    con.execute("USE src")
    p = overblik_params(con, get_settings().home_geo)
    started = time.perf_counter()
    # Text columns arrive as pandas categoricals (DuckDB ENUMs): as Python strings the fact
    # table would need ~20 GB at national scale.
    columns = []
    for name, kind in con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = 'src' AND table_name = 'observation' ORDER BY column_index"
    ).fetchall():
        if kind == "VARCHAR":
            con.execute(
                f"CREATE TYPE memory.main.enum_{name} AS ENUM (SELECT DISTINCT {name} FROM observation WHERE {name} IS NOT NULL)"
            )
            columns.append(f"{name}::memory.main.enum_{name} AS {name}")
        else:
            columns.append(name)
    facts = con.sql(f"SELECT {', '.join(columns)} FROM observation").df()
    dims = {t: con.sql(f"SELECT * FROM {t}").df() for t in ("geography", "source", "age_band", "origin")}
    load_s = time.perf_counter() - started

    def compute() -> dict[str, pd.DataFrame]:
        f = facts
        month = pd.Timestamp(p["last"])
        first = pd.Timestamp(p["first"])
        source = dims["source"][["source_id", "name_da"]].rename(columns={"name_da": "source"})
        # Headline KPIs: four indicators for home and comparison, this month and a year before.
        wanted = [
            ("ledighedsprocent", "alle", p["age"], p["gender"], p["origin"]),
            ("fuldtidsledige", p["group"], p["age"], p["gender"], p["origin"]),
            ("forsoergertryk", "alle", "alle", "alle", p["origin"]),
            ("modtagere", p["group"], p["age"], p["gender"], p["origin"]),
        ]
        base = f[
            (f.grain == "month")
            & f.geo_code.isin([p["home"], p["compare"]])
            & f.period_start.isin([month, month - pd.DateOffset(months=12)])
        ]
        parts = []
        for ind, grp, age, gender, origin in wanted:
            parts.append(
                base[
                    (base.indicator_id == ind)
                    & (base.group_code == grp)
                    & (base.age_band == age)
                    & (base.gender == gender)
                    & (base.origin == origin)
                ]
            )
        rows = pd.concat(parts).merge(source, on="source_id")
        now = rows[rows.period_start == month].set_index(["indicator_id", "geo_code"])
        before = rows[rows.period_start < month].set_index(["indicator_id", "geo_code"])
        kpis = now[["value", "persons", "quality"]].join(before[["value", "persons"]], rsuffix="_last_year")
        kpis["change"] = kpis["value"] - kpis["value_last_year"]
        # Ledighedsprocent over time for the areas.
        areas = list(dict.fromkeys([p["home"], p["region"], "hovedstadsomraadet", "000", p["compare"]]))
        rate = f[(f.indicator_id == "ledighedsprocent") & (f.grain == "month")]
        newest = rate[rate.quality != "document"].groupby("geo_code", observed=True)["period_start"].max()
        series = rate[
            (rate.group_code == "alle")
            & (rate.age_band == p["age"])
            & (rate.gender == p["gender"])
            & (rate.origin == p["origin"])
            & rate.geo_code.isin(areas)
            & rate.period_start.between(first, month)
        ]
        series = series.merge(dims["geography"][["geo_code", "name_da"]], on="geo_code").merge(source, on="source_id")
        series["preliminary"] = series.period_start == series.geo_code.map(newest)
        # By age band, this month.
        ages = rate[
            (rate.group_code == "alle")
            & (rate.age_band != "alle")
            & (rate.gender == p["gender"])
            & (rate.origin == p["origin"])
            & rate.geo_code.isin([p["home"], p["compare"]])
            & (rate.period_start == month)
        ]
        ages = ages.merge(dims["age_band"][["age_band", "name_da", "sort_order"]], on="age_band").sort_values(
            "sort_order"
        )
        # Forsørgertryk by origin.
        ratio = f[
            (f.indicator_id == "forsoergertryk")
            & (f.grain == "month")
            & (f.group_code == "alle")
            & (f.origin != "alle")
            & (f.geo_code == p["home"])
            & f.period_start.between(first, month)
        ]
        ratio = ratio.merge(dims["origin"][["origin", "name_da", "sort_order"]], on="origin").merge(
            source, on="source_id"
        )
        return {
            "headline_kpis": kpis,
            "unemployment_rate_by_geography": series,
            "unemployment_rate_by_age_band": ages,
            "support_ratio_by_origin": ratio,
        }

    times = []
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        frames = compute()
        times.append(time.perf_counter() - started)
    # The same figures from DuckDB through the registry, to check like is compared with like.
    con.close()
    con = duckdb.connect(db_path, read_only=True)
    common = {"age_band": p["age"], "gender": p["gender"], "origin": p["origin"]}
    duck = {
        "headline_kpis": run_query(
            con,
            "headline_kpis",
            {
                "home_geo": p["home"],
                "compare_geo": p["compare"],
                "month": p["last"],
                "group_code": p["group"],
                **common,
            },
            min_persons=1,
        ),
        "unemployment_rate_by_geography": run_query(
            con,
            "unemployment_rate_by_geography",
            {
                "geo_codes": list(dict.fromkeys([p["home"], p["region"], "hovedstadsomraadet", "000", p["compare"]])),
                "first_month": p["first"],
                "last_month": p["last"],
                **common,
            },
            min_persons=1,
        ),
        "unemployment_rate_by_age_band": run_query(
            con,
            "unemployment_rate_by_age_band",
            {
                "home_geo": p["home"],
                "compare_geo": p["compare"],
                "month": p["last"],
                "gender": p["gender"],
                "origin": p["origin"],
            },
            min_persons=1,
        ),
        "support_ratio_by_origin": run_query(
            con,
            "support_ratio_by_origin",
            {"geo_code": p["home"], "first_month": p["first"], "last_month": p["last"]},
            min_persons=1,
        ),
    }
    same_rows = {name: len(frames[name]) == len(duck[name]) for name in frames}
    con.close()
    return {
        "overblik_ms": ms(statistics.median(times)),
        "load_s": round(load_s, 1),
        "rows": len(facts),
        "rss_mb": peak_rss_mb(),
        "same_row_counts": same_rows,
    }


# ---------------------------------------------------------------------------------------
# The command


def database_facts(db_path: Path) -> dict[str, Any]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute("SELECT count(*) FROM observation").fetchall()[0][0]
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()
    return {"observations": rows, "meta_scale": meta.get("scale"), "bytes": db_path.stat().st_size}


def measure(
    db_path: Path,
    *,
    scale: str,
    repeat: int = 20,
    cold_repeat: int = 5,
    raw_repeat: int = 5,
    link_opens: int = 5,
    load_seconds: float = 30.0,
    browser: bool = True,
    load: bool = True,
    pandas: bool = True,
    only: Sequence[str] = (),
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    from dashboard.nav import existing_views

    views = [v for v in existing_views() if not only or v.path in only]
    facts = database_facts(db_path)
    progress(f"{facts['observations']:,} observationer i {db_path}".replace(",", "."))
    progress("Tom side (gulv) …")
    floor = empty_page_floor(repeat)
    progress(f"Sider: {', '.join(v.path for v in views)} …")
    results = run_pages(db_path, views, repeat, cold_repeat, raw_repeat)
    apptest_rss = peak_rss_mb()
    link: dict[str, Any] = {"error": "ikke målt (--no-browser)"}
    if browser:
        progress("Chromium: delt link → første graf …")
        try:
            link = link_to_chart(db_path, views, link_opens)
            if "error" not in link:
                link["floor"] = link_floor(db_path, link_opens)
                link["stock_floor"] = link_floor(db_path, link_opens, stock=True)
        except Exception as exc:  # noqa: BLE001 - report, don't lose the other figures
            link = {"error": f"{type(exc).__name__}: {exc}"}
    for result in results:
        result.link = (link.get("pages") or {}).get(result.path)
    under_load: dict[str, Any] = {"error": "ikke målt (--no-load)"}
    if load:
        progress(f"{LOAD_SESSIONS} sessioner i {load_seconds:.0f} s mod appen og mod den minimale app …")
        try:
            under_load = load_ratio(db_path, views, load_seconds)
            progress(f"… og med ca. {READING_SECONDS:g} s læsning mellem klik …")
            under_load["reading"] = load_ratio(db_path, views, load_seconds, think=READING_SECONDS)
        except Exception as exc:  # noqa: BLE001 - report, don't lose the other figures
            under_load = {"error": f"{type(exc).__name__}: {exc}"}
    pandas_result: dict[str, Any] = {"error": "ikke målt (--no-pandas)"}
    overblik = next((r for r in results if r.path == "overblik"), None)
    if pandas and overblik is not None:
        progress("pandas-sammenligning …")
        pandas_result = pandas_overblik(db_path, max(3, min(repeat, 10)))
    link_floor_ms = (link.get("floor") or {}).get("median_ms")
    pages = {r.path: r.summary(floor, link_floor_ms) for r in results}
    overblik_summary = pages.get("overblik", {})
    pandas_ms = pandas_result.get("overblik_ms")
    overblik_raw = overblik_summary.get("raw_query_ms")
    server_peaks = [
        m["VmHWM"]
        for m in (link.get("server_memory_mb"), (under_load.get("app") or {}).get("server_memory_mb"))
        if m and "VmHWM" in m
    ]
    return {
        "scale": scale,
        "db": str(db_path),
        "db_mb": round(facts["bytes"] / 1e6, 1),
        "observations": facts["observations"],
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)},
        "method": {
            "repeat": repeat,
            "cold_repeat": cold_repeat,
            "raw_repeat": raw_repeat,
            "link_opens": link_opens,
            "load_sessions": LOAD_SESSIONS,
            "load_seconds": load_seconds,
        },
        "floor_ms": floor,
        "link_to_chart_ms": overblik_summary.get("link_to_chart_ms"),
        "first_link_to_chart_ms": overblik_summary.get("first_link_to_chart_ms"),
        "link_to_chart_floor_ms": link_floor_ms,
        "link_to_chart_stock_floor_ms": (link.get("stock_floor") or {}).get("median_ms"),
        "link_ratio": overblik_summary.get("link_ratio"),
        "link_error": link.get("error"),
        "load_ratio": under_load.get("load_ratio"),
        "load": under_load,
        "rss_mb": max(server_peaks) if server_peaks else apptest_rss,
        "rss_source": "streamlit-server VmHWM" if server_peaks else "bench process (AppTest) peak",
        "apptest_process_rss_mb": apptest_rss,
        "pandas_overblik_ms": pandas_ms,
        "pandas_ratio": round(pandas_ms / overblik_raw, 1) if pandas_ms and overblik_raw else None,
        "pandas": pandas_result,
        "budgets": BUDGETS,
        "pages": pages,
    }


def verdict(value: float | None, budget: float) -> str:
    if value is None:
        return "–"
    return "ok" if value <= budget else "OVER"


def render_table(report: dict[str, Any]) -> str:
    def num(v: Any, digits: int = 0) -> str:
        if v is None:
            return "–"
        text = f"{v:,.{digits}f}"
        return text.replace(",", "_").replace(".", ",").replace("_", ".")

    head = ["side", "varm p50", "varm p95", "kold", "koldstart", "rå SQL", "overhead (CPU)", "link→graf", "÷ gulv"]
    rows = []
    for path, p in report["pages"].items():
        if p.get("error"):
            rows.append([path, "FEJL", p["error"][:60], "", "", "", "", "", ""])
            continue
        rows.append(
            [
                path,
                num(p["warm_p50_ms"]),
                f"{num(p['warm_p95_ms'])} {verdict(p['warm_p95_ms'], BUDGETS['warm_p95_ms'])}",
                f"{num(p['cold_ms'])} {verdict(p['cold_max_ms'], BUDGETS['cold_ms'])}",
                f"{num(p['cold_start_ms'])} {verdict(p['cold_start_ms'], BUDGETS['cold_ms'])}",
                num(p["raw_query_ms"], 1),
                f"{num(p['overhead_ratio'], 2)} ({num(p['overhead_ratio_cpu'], 2)})",
                num(p["link_to_chart_ms"]),
                f"{num(p.get('link_ratio'), 2)} {verdict(p.get('link_ratio'), BUDGETS['link_ratio'])}",
            ]
        )
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    header = (
        f"Skala: {report['scale']} · {num(report['observations'])} observationer · {num(report['db_mb'])} MB · "
        f"belastning {num(report['machine']['load_avg_1m'], 1)} på {report['machine']['cpus']} kerner"
    )
    lines = [
        header,
        "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)),
    ]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(
        "(ms; budget: varm p95 ≤ 100, kold ≤ 300 (værste kørsel), link→graf ÷ minimal app ≤ 1,3, "
        "p95 under 20 sessioner ÷ minimal app ≤ 1,2, hukommelse ≤ 600 MB)"
    )
    lines.append(f"Tom side (gulv): {num(report['floor_ms'], 1)} ms")
    lines.append(
        f"Delt link → første graf (Overblik): {num(report['link_to_chart_ms'])} ms, første efter serverstart "
        f"{num(report['first_link_to_chart_ms'])} ms; minimal Streamlit-app (titel + én lille graf): "
        f"{num(report['link_to_chart_floor_ms'])} ms (som `streamlit run` uden `serve`: "
        f"{num(report.get('link_to_chart_stock_floor_ms'))} ms); forhold {num(report['link_ratio'], 2)} "
        f"{verdict(report['link_ratio'], BUDGETS['link_ratio'])}"
        + (f" · {report['link_error']}" if report.get("link_error") else "")
    )
    under_load = report["load"]
    if under_load.get("error"):
        lines.append(f"Under belastning: {under_load['error'][:200]}")
    else:
        app, minimal = under_load["app"], under_load["minimal_app"]
        lines.append(
            f"{app['sessions']} sessioner på én gang: sidekørsel p95 {num(app['p95_ms'])} ms ({num(app['runs'])} kørsler, "
            f"{num(app['errors'])} fejl) mod minimal app {num(minimal['p95_ms'])} ms ({num(minimal['runs'])} kørsler): "
            f"forhold {num(report['load_ratio'], 2)} {verdict(report['load_ratio'], BUDGETS['load_ratio'])}"
        )
        if reading := under_load.get("reading"):
            app, minimal = reading["app"], reading["minimal_app"]
            lines.append(
                f"Samme med ca. {READING_SECONDS:g} s læsning mellem klik: sidekørsel p50 {num(app['p50_ms'])} / "
                f"p95 {num(app['p95_ms'])} ms ({num(app['runs'])} kørsler, {num(app['errors'])} fejl) mod minimal app "
                f"{num(minimal['p50_ms'])} / {num(minimal['p95_ms'])} ms: forhold (p95) {num(reading['load_ratio'], 2)}"
            )
    lines.append(
        f"Hukommelse ({report['rss_source']}): {num(report['rss_mb'])} MB "
        f"{verdict(report['rss_mb'], BUDGETS['rss_mb'])}"
    )
    if report["pandas_overblik_ms"] is not None:
        lines.append(
            f"pandas (samme Overblik fra en DataFrame af faktatabellen): {num(report['pandas_overblik_ms'], 1)} ms "
            f"= {num(report['pandas_ratio'], 1)} × DuckDB · indlæsning {num(report['pandas'].get('load_s'), 1)} s, "
            f"{num(report['pandas'].get('rss_mb'))} MB"
        )
    elif report["pandas"].get("error"):
        lines.append(f"pandas: {report['pandas']['error'][:200]}")
    return "\n".join(lines)


def default_db(scale: str) -> Path:
    settings = get_settings()
    if scale == "bundled":
        return settings.db_path
    return Path(tempfile.gettempdir()) / "noegletal-national.duckdb"


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scale",
        choices=["bundled", "national"],
        default="bundled",
        help="which data set to measure (national: built first if missing)",
    )
    parser.add_argument(
        "--db",
        help="the database to measure (default: DASHBOARD_DB_PATH, or for national "
        f"{Path(tempfile.gettempdir()) / 'noegletal-national.duckdb'})",
    )
    parser.add_argument("--json", help="write the figures as JSON to this file")
    parser.add_argument("--repeat", type=int, default=20, help="warm runs per page (default 20)")
    parser.add_argument("--cold", type=int, default=5, help="cold runs per page (default 5)")
    parser.add_argument("--link-opens", type=int, default=5, help="browser opens per page (default 5)")
    parser.add_argument("--pages", help="only these pages (URL paths, comma separated)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurement")
    parser.add_argument(
        "--load-seconds",
        type=float,
        default=30,
        help=f"seconds of {LOAD_SESSIONS} sessions against the app and again against the minimal app (default 30)",
    )
    parser.add_argument("--no-load", action="store_true", help="skip the measurement under load")
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas comparison")


@command("bench", "measure page and query latency, memory and link-to-chart time (a command, not a test)", _arguments)
def run_bench(args: argparse.Namespace) -> int:
    from dashboard.build import build_database

    db_path = Path(args.db) if args.db else default_db(args.scale)
    if not db_path.exists():
        if args.scale != "national":
            print(f"Databasen {db_path} findes ikke. Kør `python -m dashboard build`.", file=sys.stderr)
            return 2
        print(f"Bygger den nationale database i {db_path} (det tager nogle minutter) …", file=sys.stderr)
        built = build_database(db_path, get_settings().data_dir, scale="national", home=get_settings().home_geo)
        print(
            f"  {built['observations']:,} observationer på {built['seconds']:.0f} s".replace(",", "."), file=sys.stderr
        )
    facts = database_facts(db_path)
    if facts["meta_scale"] and facts["meta_scale"] != args.scale:
        print(f"Bemærk: {db_path} er bygget med --scale {facts['meta_scale']}, ikke {args.scale}.", file=sys.stderr)
    report = measure(
        db_path,
        scale=facts["meta_scale"] or args.scale,
        repeat=args.repeat,
        cold_repeat=args.cold,
        raw_repeat=max(args.cold, 7),
        link_opens=args.link_opens,
        load_seconds=args.load_seconds,
        browser=not args.no_browser,
        load=not args.no_load,
        pandas=not args.no_pandas,
        only=[p.strip() for p in args.pages.split(",")] if args.pages else (),
        progress=lambda text: print(text, file=sys.stderr, flush=True),
    )
    print(render_table(report))
    if args.json:
        Path(args.json).write_text(
            json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
        print(f"Skrev {args.json}")
    return 0
