"""A local run of the app for measurements, screenshots and tests: a free
loopback port, the app against a chosen database, started and stopped cleanly; with
`workers=N`, N app processes behind HAProxy (`serve --workers N`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from dashboard.settings import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_block(count: int, attempts: int = 50) -> int:
    """The first of `count` consecutive free loopback ports (the public port and the app
    processes' ports after it, as `serve --workers` wants them)."""
    for _ in range(attempts):
        first = free_port()
        try:
            for port in range(first + 1, first + count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first
    raise RuntimeError(f"fandt ikke {count} ledige porte i træk")


def _output_tail(out: IO[bytes], log: Path | None) -> str:
    if log is not None:
        out.flush()
        data = log.read_bytes()
    else:
        out.seek(0)
        data = out.read()
    return data.decode(errors="replace")[-2000:]


def wait_for_health(url: str, process: subprocess.Popen, out: IO[bytes], log: Path | None, timeout: float) -> None:
    """Until `/_stcore/health` answers; a clear error with the server's last output otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit stoppede (kode {process.returncode}): {_output_tail(out, log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit svarede ikke på {url} inden {timeout:.0f} s: {_output_tail(out, log)}")
        time.sleep(0.2)


@contextmanager
def serve(
    db_path: Path,
    *,
    port: int | None = None,
    script: Path | None = None,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    startup_seconds: float = 60.0,
    workers: int = 1,
    options: Sequence[str] = (),
    stock: bool = False,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start the app as `make run` does (`python -m dashboard serve`: `streamlit run app.py`
    after a warm-up), or `script` on the same kind of server without the warm-up (`serve
    --script`; with `stock`, plain `streamlit run script`), on a loopback port against
    `db_path`; yield (base URL, process). The server's output goes to `log`, or to a temporary file
    whose end is shown if it does not start. With `workers` > 1 the process is
    `serve --workers N` (HAProxy on the port, the app processes on the ports after it);
    `options` go to `serve` as well."""
    port = port or (free_port_block(workers + 1) if workers > 1 else free_port())
    url = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "DASHBOARD_DB_PATH": str(db_path), **(env or {})}
    if script is None:
        start = [sys.executable, "-m", "dashboard", "serve"]
    elif stock:
        start = [sys.executable, "-m", "streamlit", "run", str(script)]
    else:
        start = [sys.executable, "-m", "dashboard", "serve", "--script", str(script)]
    if workers > 1:
        start = [*start, "--workers", str(workers)]
    command = [
        *start,
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--server.runOnSave",
        "false",
        *options,
    ]
    with open(log, "wb") if log else tempfile.TemporaryFile() as out:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_for_health(url, process, out, log, startup_seconds)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
