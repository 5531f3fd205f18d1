"""`python -m dashboard load`: many users at once, over Streamlit's own websocket protocol.

Each simulated session opens a websocket to `/_stcore/stream` (subprotocol `streamlit`)
the way a browser tab does, and asks for script runs with serialized `BackMsg`s whose
`rerun_script` carries a query string and a page name. It reads the `ForwardMsg`s the
server answers with until `script_finished`; that interval is one run's latency. A
session opens a page, changes its filters (a new query string), then goes to the next
page, until the time is up. Cheap on the client: 20 sessions cost a fraction of a core,
where 20 Chromium tabs would measure mostly the browser.

`--compare-workers 1,2 --sessions 20,50` starts the app itself once per process count
(`serve --workers N`, HAProxy in front when N > 1) and measures each at each session count,
one after the other, so the figures stand side by side from one run on one machine.

Only loopback addresses are accepted: this is a measuring tool, not a way to load
someone else's server.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.cli import command

MAX_SESSIONS = 200
MAX_SECONDS = 3600
RUN_TIMEOUT_SECONDS = 60.0

# Filter changes a user makes: valid query strings (slugs of DESIGN.md). Pages ignore,
# with a notice, the parameters they do not use.
FILTER_CHANGES = (
    "gruppe=dagpenge",
    "alder=16-24&koen=kvinder",
    "fra=2019-01&til=2020-12",
    "herkomst=ikke-vestlig&sammenlign=region-hovedstaden",
    "gruppe=kontanthjaelp-aktivitetsparat&alder=25-29",
    "fra=2020-01&til=2021-06&sammenlign=hovedstadsomraadet",
    "periode=2019h2-2020h1",
    "koen=maend&herkomst=dansk",
)


class LoadError(ValueError):
    """A request the load tool refuses (e.g. an address that is not loopback)."""


def check_loopback(url: str) -> tuple[str, int, str]:
    """(host, port, base path) of an http(s)://… address on this machine; anything else is refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
        raise LoadError(f"Ugyldig adresse {url!r}: brug fx http://127.0.0.1:8501")
    host = parts.hostname
    loopback = host == "localhost"
    if not loopback:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
    if not loopback:
        raise LoadError(
            f"Adressen {host!r} er ikke denne maskine. Belastningstesten kører kun mod loopback "
            "(127.0.0.0/8, ::1 eller localhost)."
        )
    try:
        port = parts.port or (443 if parts.scheme in ("https", "wss") else 80)
    except ValueError as exc:
        raise LoadError(f"Ugyldig port i {url!r}") from exc
    return host, port, parts.path.strip("/")


def stream_url(url: str) -> str:
    host, port, base = check_loopback(url)
    scheme = "wss" if urlsplit(url).scheme in ("https", "wss") else "ws"
    netloc = f"[{host}]" if ":" in host else host
    return f"{scheme}://{netloc}:{port}/{base + '/' if base else ''}_stcore/stream"


# --- the server's resident memory -----------------------------------------------------


def listening_pid(port: int) -> int | None:
    """The process that listens on a TCP port, found through /proc (Linux)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{inode}]")
    if not inodes:
        return None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in inodes:
                    return int(proc.name)
        except OSError:
            continue
    return None


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it (`serve --workers N`: the app processes and HAProxy)."""
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(proc.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _own_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of the server: the process and the processes it started, together."""
    if pid is None:
        return None
    top = _own_rss_mb(pid)
    if top is None:
        return None
    return top + sum(_own_rss_mb(child) or 0.0 for child in process_tree(pid)[1:])


# --- one session ----------------------------------------------------------------------


@dataclass
class Run:
    page: str
    query: str
    ms: float


@dataclass
class Tally:
    runs: list[Run] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def session_steps(pages: Sequence[str], rng: random.Random) -> Iterator[tuple[str, str]]:
    """Open a page, change its filters, go to the next page; round and round."""
    order = list(pages)
    rng.shuffle(order)
    changes = list(FILTER_CHANGES)
    while True:
        for page in order:
            yield page, ""
            yield page, rng.choice(changes)
            yield page, "&".join(sorted({rng.choice(changes), rng.choice(changes)}))


def _rerun(query: str, page: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


async def _one_run(ws, page: str, query: str, timeout: float, seen: list | None = None) -> tuple[float, str | None]:
    """Send one rerun request; read until the script has finished. (ms, error or None).
    Every `ForwardMsg` read is added to `seen` when given."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    started = time.perf_counter()
    await ws.send(_rerun(query, page))
    deadline = started + timeout
    error = None
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError
        data = await asyncio.wait_for(ws.recv(), timeout=remaining)
        if isinstance(data, str):
            continue
        msg = ForwardMsg()
        msg.ParseFromString(data)
        if seen is not None:
            seen.append(msg)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            if msg.delta.new_element.WhichOneof("type") == "exception" and error is None:
                exc = msg.delta.new_element.exception
                error = f"undtagelse på {page}?{query}: {exc.type}: {exc.message[:200]}"
        elif kind == "page_not_found":
            error = error or f"siden {page!r} findes ikke"
        elif kind == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the script asked for a rerun itself: wait for that one
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                error = error or f"kompileringsfejl på {page}"
            return (time.perf_counter() - started) * 1000, error


async def run_session(
    url: str,
    pages: Sequence[str],
    stop_at: float,
    tally: Tally,
    seed: int,
    timeout: float = RUN_TIMEOUT_SECONDS,
    think: float = 0.0,
) -> None:
    """One user: the steps of `session_steps`, each after the last has finished, with a pause
    of 0,5-1,5 × `think` seconds between them (reading the page; 0: none, the server is
    kept busy)."""
    import websockets

    rng = random.Random(seed)
    steps = session_steps(pages, rng)
    while time.monotonic() < stop_at:
        try:
            async with websockets.connect(
                stream_url(url), subprotocols=["streamlit"], max_size=None, open_timeout=timeout, ping_interval=None
            ) as ws:
                while time.monotonic() < stop_at:
                    page, query = next(steps)
                    try:
                        ms, error = await _one_run(ws, page, query, timeout)
                    except TimeoutError:
                        tally.errors.append(f"intet svar inden {timeout:.0f} s på {page}?{query}")
                        break  # the connection's state is unknown: open a new one
                    if error:
                        tally.errors.append(error)
                    else:
                        tally.runs.append(Run(page, query, ms))
                    if think:
                        await asyncio.sleep(min(rng.uniform(0.5, 1.5) * think, max(0.0, stop_at - time.monotonic())))
        except Exception as exc:  # noqa: BLE001 - every failure is counted, then the session reconnects
            tally.errors.append(f"forbindelsesfejl: {type(exc).__name__}: {str(exc)[:200]}")
            await asyncio.sleep(0.5)


# --- report requests (--reports N) ------------------------------------------------------

# The months the report requests ask for, in turn: several users asking for the same
# quarter is the usual case (one build serves them all), a second month makes a second build.
REPORT_MONTHS = ("2020-09", "2020-06")
REPORT_TIMEOUT_SECONDS = 900.0
REPORT_POLL_SECONDS = 2.0


def _new_elements(msg) -> Iterator[tuple[str, object, str]]:
    """(type, element, fragment id or "") of an element a ForwardMsg draws."""
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        yield element.WhichOneof("type"), getattr(element, element.WhichOneof("type")), msg.delta.fragment_id


async def _run_collecting(ws, back: bytes, timeout: float) -> list[tuple[str, object, str]]:
    """Send one BackMsg; the elements drawn until the script has finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await ws.send(back)
    elements = []
    deadline = time.perf_counter() + timeout
    while True:
        data = await asyncio.wait_for(ws.recv(), timeout=max(0.1, deadline - time.perf_counter()))
        if isinstance(data, str):
            continue
        msg = ForwardMsg()
        msg.ParseFromString(data)
        elements.extend(_new_elements(msg))
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return elements


def _click(query: str, page: str, widget_id: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    widget = msg.rerun_script.widget_states.widgets.add()
    widget.id, widget.trigger_value = widget_id, True
    return msg.SerializeToString()


def _fragment_rerun(query: str, page: str, fragment_id: str) -> bytes:
    """What a browser sends every 2 s for the sidebar's waiting fragment (`run_every`): a rerun of it alone."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    msg.rerun_script.fragment_id = fragment_id
    msg.rerun_script.is_auto_rerun = True
    return msg.SerializeToString()


def _report_ready(elements) -> bool:
    return any(kind == "download_button" and element.label.startswith("Rapport for") for kind, element, _ in elements)


async def request_report(
    url: str, month: str, reports: list[float], errors: list[str], timeout: float = REPORT_TIMEOUT_SECONDS
) -> None:
    """One user asking for the report of `month` in the sidebar, as a browser does: open Overblik,
    click «Lav rapport», then look again every 2 s until the download is there (seconds: `reports`)."""
    import websockets

    query, page = f"til={month}", "overblik"
    started = time.perf_counter()
    try:
        async with websockets.connect(
            stream_url(url), subprotocols=["streamlit"], max_size=None, open_timeout=60, ping_interval=None
        ) as ws:
            elements = await _run_collecting(ws, _rerun(query, page), 60)
            while not _report_ready(elements):
                button = next(
                    (e.id for kind, e, _ in elements if kind == "button" and e.id.endswith("rapport-lav")), None
                )
                waiting = next((f for _, _, f in elements if f), None)
                if time.perf_counter() - started > timeout:
                    raise TimeoutError
                if button is not None:
                    elements = await _run_collecting(ws, _click(query, page, button), 60)
                    continue
                await asyncio.sleep(REPORT_POLL_SECONDS)
                again = _fragment_rerun(query, page, waiting) if waiting else _rerun(query, page)
                elements = await _run_collecting(ws, again, 60)
        reports.append(time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - counted as a failed report request
        errors.append(f"rapport for {month}: {type(exc).__name__}: {str(exc)[:200]}")


def report_summary(seconds: list[float], errors: list[str], asked: int) -> dict:
    return {
        "asked": asked,
        "built": len(seconds),
        "errors": len(errors),
        "p50_s": _round(percentile(seconds, 50)),
        "max_s": _round(max(seconds) if seconds else None),
        "error_samples": sorted(set(errors))[:5],
    }


# --- all sessions ---------------------------------------------------------------------


async def run_start_page(url: str, timeout: float) -> None:
    """One uncounted run of the start page. A freshly started server is in Streamlit's
    `pages/` directory mode until app.py has run once; a first request for a page whose
    file name differs from its URL path (ikke_vestlig.py, /ikke-vestlig) gets a "page not
    found" notice. Measuring is about the steady state, so the first run is the start page."""
    import websockets

    try:
        async with websockets.connect(
            stream_url(url), subprotocols=["streamlit"], max_size=None, open_timeout=timeout, ping_interval=None
        ) as ws:
            await _one_run(ws, "", "", timeout)
    except Exception:  # noqa: BLE001 - the measured sessions will count the failure
        pass


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    return float(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1])


async def _measure(
    url: str,
    sessions: int,
    seconds: float,
    pages: Sequence[str],
    pid: int | None,
    timeout: float,
    reports: int = 0,
    think: float = 0.0,
) -> dict:
    tally = Tally()
    start_rss = rss_mb(pid)
    peak = [start_rss or 0.0]

    async def sample() -> None:
        while True:
            value = rss_mb(pid)
            if value:
                peak[0] = max(peak[0], value)
            await asyncio.sleep(0.5)

    await run_start_page(url, timeout)
    sampler = asyncio.create_task(sample())
    stop_at = time.monotonic() + seconds
    started = time.perf_counter()
    report_seconds: list[float] = []
    report_errors: list[str] = []
    report_tasks = [
        asyncio.create_task(request_report(url, REPORT_MONTHS[i % len(REPORT_MONTHS)], report_seconds, report_errors))
        for i in range(reports)
    ]
    await asyncio.gather(
        *(run_session(url, pages, stop_at, tally, seed=i, timeout=timeout, think=think) for i in range(sessions))
    )
    elapsed = time.perf_counter() - started
    if report_tasks:
        await asyncio.gather(*report_tasks)  # the page figures stop at --seconds; the reports are waited for
        await asyncio.sleep(5)  # the build process has exited; the server's memory after it
    sampler.cancel()
    end_rss = rss_mb(pid)
    if end_rss:
        peak[0] = max(peak[0], end_rss)
    latencies = [r.ms for r in tally.runs]
    per_page = {}
    for page in pages:
        values = [r.ms for r in tally.runs if r.page == page]
        per_page[page] = {
            "runs": len(values),
            "p50_ms": _round(percentile(values, 50)),
            "p95_ms": _round(percentile(values, 95)),
        }
    return {
        "url": url,
        "sessions": sessions,
        "think_seconds": think,
        "seconds": round(elapsed, 1),
        "runs": len(tally.runs),
        "errors": len(tally.errors),
        "p50_ms": _round(percentile(latencies, 50)),
        "p95_ms": _round(percentile(latencies, 95)),
        "max_ms": _round(max(latencies) if latencies else None),
        "runs_per_second": round(len(tally.runs) / elapsed, 2) if elapsed else None,
        "server_pid": pid,
        "server_rss_mb": _round(peak[0] if pid and peak[0] else None),
        "server_rss_start_mb": _round(start_rss),
        "server_rss_end_mb": _round(end_rss),
        "pages": per_page,
        "error_samples": sorted(set(tally.errors))[:10],
        **(
            {
                "reports": report_summary(report_seconds, report_errors, reports),
                "server_rss_after_reports_mb": _round(rss_mb(pid)),
            }
            if reports
            else {}
        ),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def measure(
    url: str,
    *,
    sessions: int,
    seconds: float,
    pages: Sequence[str],
    pid: int | None = None,
    timeout: float = RUN_TIMEOUT_SECONDS,
    reports: int = 0,
    think: float = 0.0,
) -> dict:
    """Drive `sessions` sessions for `seconds` seconds, pausing about `think` seconds between
    runs; the figures as a dict (see the JSON keys)."""
    _, port, _ = check_loopback(url)
    if not 1 <= sessions <= MAX_SESSIONS:
        raise LoadError(f"--sessions skal være mellem 1 og {MAX_SESSIONS}")
    if not 0 < seconds <= MAX_SECONDS:
        raise LoadError(f"--seconds skal være mellem 1 og {MAX_SECONDS}")
    if pid is None:
        pid = listening_pid(port)
    if not 0 <= reports <= MAX_SESSIONS:
        raise LoadError(f"--reports skal være mellem 0 og {MAX_SESSIONS}")
    if not 0 <= think <= MAX_SECONDS:
        raise LoadError(f"--think skal være mellem 0 og {MAX_SECONDS} s")
    return asyncio.run(_measure(url, sessions, seconds, pages, pid, timeout, reports, think))


def table(result: dict) -> str:
    def ms(value: float | None) -> str:
        return "–" if value is None else f"{value:,.0f} ms".replace(",", ".")

    def mb(value: float | None) -> str:
        return "– (serverens proces ikke fundet; brug --pid)" if value is None else f"{value:,.0f} MB".replace(",", ".")

    lines = [
        f"Belastning af {result['url']}: {result['sessions']} sessioner i {result['seconds']:.0f} s"
        + (
            ", ca. " + f"{result['think_seconds']:g}".replace(".", ",") + " s læsning mellem klik"
            if result.get("think_seconds")
            else ""
        ),
        "",
        f"{'Kørsler':<22}{result['runs']:>10}",
        f"{'Fejl':<22}{result['errors']:>10}",
        f"{'p50 (bestilt → færdig)':<22}{ms(result['p50_ms']):>10}",
        f"{'p95':<22}{ms(result['p95_ms']):>10}",
        f"{'Længste':<22}{ms(result['max_ms']):>10}",
        f"{'Server RSS (maks.)':<22}{mb(result['server_rss_mb']):>10}",
        "",
        f"{'Side':<16}{'Kørsler':>9}{'p50':>10}{'p95':>10}",
    ]
    for page, row in result["pages"].items():
        lines.append(f"{page:<16}{row['runs']:>9}{ms(row['p50_ms']):>10}{ms(row['p95_ms']):>10}")
    for sample in result["error_samples"]:
        lines.append(f"Fejl: {sample}")
    if "reports" in result:
        r = result["reports"]
        seconds = "–" if r["p50_s"] is None else f"p50 {r['p50_s']:.0f} s, længste {r['max_s']:.0f} s".replace(".", ",")
        lines += [
            "",
            f"Rapporter: {r['built']} af {r['asked']} hentet ({seconds}), {r['errors']} fejl; "
            f"server RSS bagefter {mb(result['server_rss_after_reports_mb'])}",
        ]
        lines += [f"Fejl: {sample}" for sample in r["error_samples"]]
    return "\n".join(lines)


def default_pages() -> list[str]:
    from dashboard.nav import existing_views

    return [v.path for v in existing_views()]


# --- one process against N, side by side -----------------------------------------------


def counts(value: str) -> list[int]:
    """`20,50` -> [20, 50]: the values of `--sessions` and `--compare-workers`."""
    try:
        numbers = [int(part) for part in value.split(",")]
    except ValueError:
        numbers = []
    if not numbers or min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"ventede hele tal fra 1, adskilt af komma (fx 20,50), ikke {value!r}")
    return numbers


def compare_workers(
    db_path: Path,
    workers: Sequence[int],
    sessions: Sequence[int],
    *,
    seconds: float,
    pages: Sequence[str],
    timeout: float = RUN_TIMEOUT_SECONDS,
    **measure_options,
) -> dict:
    """Start the app once per process count (`serve --workers N` on loopback against `db_path`),
    then measure each count at each number of sessions. The servers all run from the start, and
    the measurements alternate between them, so a change in the machine's other load falls on
    all of them alike; an idle server costs next to nothing. `measure_options` go to `measure`."""
    from contextlib import ExitStack

    from dashboard.local_app import serve
    from dashboard.serve import cores

    for count in sessions:
        if not 1 <= count <= MAX_SESSIONS:
            raise LoadError(f"--sessions skal være mellem 1 og {MAX_SESSIONS}")
    load_before = os.getloadavg()
    results = []
    with ExitStack() as stack:
        # each server its own report folder, so no count is served reports another one built
        servers = {
            count: stack.enter_context(
                serve(
                    db_path,
                    workers=count,
                    startup_seconds=300,
                    env={
                        "DASHBOARD_REPORT_DIR": stack.enter_context(
                            tempfile.TemporaryDirectory(prefix="noegletal-load-")
                        )
                    },
                )
            )
            for count in workers
        }
        for count, (url, _) in servers.items():
            for _ in range(count):  # round robin: one uncounted start-page run on each process (see run_start_page)
                asyncio.run(run_start_page(url, timeout))
        for session_count in sessions:
            for count, (url, process) in servers.items():
                result = measure(
                    url,
                    sessions=session_count,
                    seconds=seconds,
                    pages=pages,
                    pid=process.pid,
                    timeout=timeout,
                    **measure_options,
                )
                results.append({"workers": count, **result})
    base = workers[0]
    speedup = {}
    for session_count in sessions:
        rates = {r["workers"]: r["runs_per_second"] or 0.0 for r in results if r["sessions"] == session_count}
        if rates[base]:
            speedup[str(session_count)] = {str(n): round(rate / rates[base], 2) for n, rate in rates.items()}
    return {
        "db": str(db_path),
        "seconds": seconds,
        "cores": cores(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "results": results,
        "speedup": speedup,
    }


def comparison_table(comparison: dict) -> str:
    from dashboard import danish

    def ms(value: float | None) -> str:
        return "–" if value is None else f"{danish.number(value)} ms"

    def load(averages: Sequence[float]) -> str:
        return " / ".join(danish.number(value, 2) for value in averages)

    base = comparison["results"][0]["workers"]
    process_counts = " og ".join(str(n) for n in dict.fromkeys(r["workers"] for r in comparison["results"]))
    lines = [
        f"Belastning med {process_counts} appprocesser: {danish.number(comparison['seconds'])} s pr. måling, "
        f"{comparison['cores']} kerner, {comparison['db']}",
        f"Load average (1/5/15 min) før: {load(comparison['load_average_before'])}, "
        f"efter: {load(comparison['load_average_after'])}",
        "",
        f"{'Sessioner':>9}{'Processer':>11}{'Kørsler/s':>11}{'× ' + str(base) + ' proc.':>11}{'p50':>11}{'p95':>11}"
        f"{'Fejl':>7}{'RSS':>10}",
    ]
    for row in comparison["results"]:
        ratio = comparison["speedup"].get(str(row["sessions"]), {}).get(str(row["workers"]))
        rss = "–" if row["server_rss_mb"] is None else f"{danish.number(row['server_rss_mb'])} MB"
        lines.append(
            f"{row['sessions']:>9}{row['workers']:>11}{danish.number(row['runs_per_second'], 1):>11}"
            f"{danish.number(ratio, 2):>11}{ms(row['p50_ms']):>11}{ms(row['p95_ms']):>11}{row['errors']:>7}{rss:>10}"
        )
    for row in comparison["results"]:
        for sample in row["error_samples"]:
            lines.append(f"Fejl ({row['workers']} proc., {row['sessions']} sessioner): {sample}")
    return "\n".join(lines)


def _compare(args: argparse.Namespace, pages: Sequence[str]) -> dict:
    from dashboard.settings import get_settings

    db_path = Path(args.db) if args.db else get_settings().db_path
    if not db_path.exists():
        raise LoadError(f"databasen {db_path} findes ikke (byg den med python -m dashboard build)")
    return compare_workers(
        db_path,
        args.compare_workers,
        args.sessions,
        seconds=args.seconds,
        pages=pages,
        timeout=args.timeout,
        reports=args.reports,
    )


# --- command line ----------------------------------------------------------------------


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url", help="the running app, e.g. http://127.0.0.1:8501 (loopback only; not with --compare-workers)"
    )
    parser.add_argument(
        "--sessions",
        type=counts,
        default=[20],
        help=f"concurrent sessions (1-{MAX_SESSIONS}, default 20); with --compare-workers a list, e.g. 20,50",
    )
    parser.add_argument("--seconds", type=float, default=60, help=f"duration (1-{MAX_SECONDS} s, default 60)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--pages", nargs="+", metavar="PAGE", help="page paths to visit (default: every page)")
    parser.add_argument("--pid", type=int, help="the server's process id (default: found from the port via /proc)")
    parser.add_argument(
        "--reports",
        type=int,
        default=0,
        metavar="N",
        help="also N users asking for the quarterly report in the sidebar (months "
        f"{', '.join(REPORT_MONTHS)} in turn), waited for after --seconds",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="S",
        help="seconds each session reads a page before its next click (0,5-1,5 × S; default 0: no pause)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=RUN_TIMEOUT_SECONDS,
        help="seconds before one run counts as an error (default 60)",
    )
    parser.add_argument(
        "--compare-workers",
        type=counts,
        metavar="N,M",
        help="start the app itself with each number of processes (e.g. 1,2) and measure them side by side",
    )
    parser.add_argument("--db", help="with --compare-workers: the database to serve (default: DASHBOARD_DB_PATH)")


@command(
    "load",
    "drive N concurrent sessions against a running app (loopback), or 1 and N processes side by side, "
    "and report throughput and latency",
    _arguments,
)
def run_load(args: argparse.Namespace) -> int:
    pages = args.pages or default_pages()
    try:
        if args.compare_workers:
            figures = _compare(args, pages)
            text, rows = comparison_table(figures), figures["results"]
        else:
            if not args.url or len(args.sessions) > 1:
                raise LoadError(
                    "angiv --url og ét antal --sessions (flere antal sammenlignes med --compare-workers 1,2)"
                )
            figures = measure(
                args.url,
                sessions=args.sessions[0],
                seconds=args.seconds,
                pages=pages,
                pid=args.pid,
                timeout=args.timeout,
                reports=args.reports,
                think=args.think,
            )
            text, rows = table(figures), [figures]
    except LoadError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 2
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed_reports = sum(row.get("reports", {}).get("errors", 0) for row in rows)
    return 0 if all(row["errors"] == 0 and row["runs"] > 0 for row in rows) and not failed_reports else 1
