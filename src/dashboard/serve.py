"""`python -m dashboard serve`: `streamlit run app.py`, with the app warmed up first;
`--workers N` runs N such processes behind HAProxy.

Streamlit imports a page's modules when the first visitor opens it, so the first shared
link after a start or a deploy would also wait for pandas, pyarrow, DuckDB and our package
to load (docs/performance.md has the figures). `serve` imports them, opens the database
and works out the shared filters in the server's own process before it starts listening;
the first visitor finds them ready, as every later one does. Once the server listens,
`serve` turns Nagle's algorithm off on its socket (`nagle_off`: ~300 ms on a shared link).

One Streamlit process runs its scripts under one Python lock, so it uses about one core.
`--workers N` (or `auto`, one per core) starts N app processes on consecutive loopback
ports after the public one and HAProxy on the public port, with the configuration rendered
from deploy/haproxy.cfg.template (round robin, a sticky cookie, websockets, health checks).
All processes share one `server.cookieSecret`; they read the same database file, so an
import's atomic swap reaches each of them at its next query (`data.database_identity`).
SIGTERM or Ctrl+C stops them all; a process that dies is marked down by HAProxy while the
others go on serving, and is started again.

Options after `serve` go to `streamlit run` unchanged (`--server.port 8502`, …).
"""

from __future__ import annotations

import argparse
import ctypes
import importlib
import logging
import os
import secrets
import shutil
import signal
import socket
import stat
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.cli import command
from dashboard.settings import PROJECT_ROOT, get_settings

LOG = logging.getLogger("dashboard")
# What the pages and app.py import, heaviest first.
MODULES = (
    "pandas",
    "pyarrow",
    "duckdb",
    "altair",
    "dashboard.ui",
    "dashboard.nav",
    "dashboard.report",
    "dashboard.auth",
    "dashboard.views.overblik",
    "dashboard.views.focus",
    "dashboard.views.covid_19",
    "dashboard.views.benchmark",
    "dashboard.views.maal",
)


def warm_up() -> bool:
    """Import every page's modules, open the database and work out the shared filters.

    False (with a warning in the log) when the database cannot be read yet: the server
    starts all the same, and the page says what is missing, as without a warm-up.
    """
    for module in MODULES:
        importlib.import_module(module)
    import duckdb

    from dashboard import ui
    from dashboard.db import DatabaseMissing

    try:
        ui.shared_choices()
    except (DatabaseMissing, duckdb.Error, OSError) as exc:
        LOG.warning("Opvarmning uden database: %s", exc)
        return False
    return True


FIRST_RUN_DONE = "Første kørsel af app.py er gjort"


def nagle_off(port: int) -> bool:
    """Set TCP_NODELAY on this process's listening socket on `port` (accepted connections
    inherit it); True if there was one.

    Streamlit binds its listening socket itself and without naming TCP as the protocol, so
    asyncio does not turn Nagle's algorithm off on the connections it accepts (uvicorn issue
    #3149 has the same cause). Every response after the first on a kept-alive connection
    then waits for the browser's delayed acknowledgement, 40 ms on Linux (200 ms on Windows):
    a shared link's page fetches ~120 script files over six connections, and the page's
    ~70 websocket messages trickle in. Measured in docs/performance.md.
    """
    try:
        descriptors = os.listdir("/dev/fd")
    except OSError:  # no /dev/fd (Windows): the connections keep Nagle's algorithm on
        return False
    if not hasattr(socket, "SO_ACCEPTCONN"):
        return False
    found = False
    for name in descriptors:
        try:
            descriptor = int(name)
            if not stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                continue
            with socket.socket(fileno=os.dup(descriptor)) as sock:
                if listens_on(sock, port):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    found = True
        except (ValueError, OSError):  # not a number, closed meanwhile, or not an inet socket
            continue
    return found


def listens_on(sock: socket.socket, port: int) -> bool:
    return (
        sock.family in (socket.AF_INET, socket.AF_INET6)
        and sock.type == socket.SOCK_STREAM
        and bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
        and sock.getsockname()[1] == port
    )


def when_listening(then: Callable[[str], None] | None = None, timeout: float = 120.0) -> threading.Thread:
    """Once this process's server answers its health check, turn Nagle's algorithm off on
    its listening socket (`nagle_off`), then call `then` with the server's URL."""

    def run() -> None:
        from streamlit import config

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            host = config.get_option("server.address") or "127.0.0.1"
            host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
            base = (config.get_option("server.baseUrlPath") or "").strip("/")
            port = int(config.get_option("server.port"))
            url = f"http://{host}:{port}" + (f"/{base}" if base else "")
            if answers_health(url):
                if not nagle_off(port):
                    LOG.warning("Fandt ikke serverens lyttesokkel; Nagles algoritme er ikke slået fra")
                if then is not None:
                    then(url)
                return
            time.sleep(0.2)
        LOG.warning("Serveren svarede ikke inden %.0f s", timeout)

    thread = threading.Thread(target=run, name="noegletal-when-listening", daemon=True)
    thread.start()
    return thread


def first_run(url: str, timeout: float = 120.0) -> None:
    """Run app.py once over Streamlit's own protocol.

    A fresh Streamlit process is in its `pages/` directory mode until app.py has called
    `st.navigation`; until then the first visitor of a page whose file name differs from its
    path (covid_19.py, /covid-19) gets a «Page not found» notice on top of the page.
    """
    import asyncio

    from dashboard.load import run_start_page

    asyncio.run(run_start_page(url, timeout))
    print(FIRST_RUN_DONE, flush=True)


# --- many processes behind HAProxy -----------------------------------------------------

HAPROXY_TEMPLATE = PROJECT_ROOT / "deploy" / "haproxy.cfg.template"
HAPROXY_CANDIDATES = ("haproxy", "/usr/sbin/haproxy")
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
COOKIE_SECRET_FILE = ".cookie-secret"  # beside the database file
DEFAULT_PORT = 8501
STARTUP_SECONDS = 120.0
STOP_SECONDS = 15.0
# A process that died is started again after this long: HAProxy has taken it out of the
# rotation by then, and a process that cannot run costs one start per interval, not a busy loop.
RESTART_SECONDS = 5.0
# Debian's haproxy.service (deploy/haproxy.cfg): syslog, chroot, its own user, the admin socket.
SYSTEMD_GLOBAL = """\
    log /dev/log local0
    chroot /var/lib/haproxy
    stats socket /run/haproxy/admin.sock mode 660 level admin
    user haproxy
    group haproxy
    daemon"""
SYSTEMD_PORTS = (8502, 8503)


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def worker_count(value: str) -> int:
    """`--workers`: a whole number from 1, or `auto` (one per core)."""
    if value == "auto":
        return cores()
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise argparse.ArgumentTypeError(f"--workers skal være et helt tal fra 1 eller 'auto', ikke {value!r}")


def take_option(options: Sequence[str], name: str) -> tuple[str | None, list[str]]:
    """The value of a `streamlit run` option (`--name value` or `--name=value`), and the
    options without it. The last one given wins, as in Streamlit."""
    value, rest, items = None, [], list(options)
    while items:
        item = items.pop(0)
        if item == name and items:
            value = items.pop(0)
        elif item.startswith(name + "="):
            value = item.split("=", 1)[1]
        else:
            rest.append(item)
    return value, rest


def haproxy_program() -> str | None:
    """HAProxy's program: on the PATH, or where Debian puts it (/usr/sbin is not on every user's PATH)."""
    for candidate in HAPROXY_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def shared_cookie_secret(folder: Path) -> str:
    """The `server.cookieSecret` every process gets: STREAMLIT_SERVER_COOKIE_SECRET when set
    (the way to give several machines the same one), else the one kept in `folder`, made the
    first time (readable by its owner only). Without a shared secret a session that moves to
    another process after a restart would not be recognised there."""
    given = os.environ.get(COOKIE_SECRET_ENV)
    if given:
        return given
    path = folder / COOKIE_SECRET_FILE
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        kept = path.read_text(encoding="ascii").strip()
        if kept:
            return kept
        raise OSError(f"{path} er tom; slet den, så laves en ny") from None
    made = secrets.token_hex(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(made + "\n")
    return made


def haproxy_config(bind: str, ports: Sequence[int], *, global_settings: str, host: str = "127.0.0.1") -> str:
    """deploy/haproxy.cfg.template with the public address, one server line per app process
    (its cookie value is its name) and the `global` settings of where it runs."""
    servers = "\n".join(f"    server app{i} {host}:{port} cookie app{i}" for i, port in enumerate(ports, start=1))
    template = string.Template(HAPROXY_TEMPLATE.read_text(encoding="utf-8"))
    return template.substitute(global_settings=global_settings, bind=bind, servers=servers)


def runtime_global_settings(runtime_dir: Path) -> str:
    """`global` for HAProxy run by `serve`: state changes (a process down or up) on stderr,
    not every request; a socket to ask for the servers' state (`show stat`)."""
    return (
        f"    log stderr format raw local0 notice\n    stats socket {runtime_dir / 'haproxy.sock'} mode 600 level user"
    )


def backend_states(socket_path: Path) -> dict[str, str]:
    """Each app process's state as HAProxy sees it ({'app1': 'UP', 'app2': 'DOWN', …})."""
    import csv

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(5)
        conn.connect(str(socket_path))
        conn.sendall(b"show stat\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    rows = csv.DictReader(answer.decode().lstrip("# ").splitlines())
    return {row["svname"]: row["status"] for row in rows if row["svname"] not in ("FRONTEND", "BACKEND")}


def answers_health(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None
PR_SET_PDEATHSIG = 1


def _die_with_supervisor() -> None:
    """In a child, before it runs: SIGTERM when `serve` ends, however it ends (Linux's
    PR_SET_PDEATHSIG), so a killed supervisor leaves no app process or HAProxy behind."""
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _start(command_line: Sequence[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(command_line, env=env, start_new_session=True, preexec_fn=_die_with_supervisor)


@dataclass
class Worker:
    number: int
    port: int
    command_line: list[str]
    env: dict[str, str]
    process: subprocess.Popen | None = None
    died_at: float | None = None

    def start(self) -> None:
        self.process, self.died_at = _start(self.command_line, self.env), None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Fleet:
    """N app processes and the HAProxy in front of them, started, watched and stopped together."""

    workers: list[Worker] = field(default_factory=list)
    proxy: subprocess.Popen | None = None

    def processes(self) -> list[subprocess.Popen]:
        return [w.process for w in self.workers] + ([self.proxy] if self.proxy else [])

    def stop(self) -> None:
        """HAProxy stops taking connections (soft stop), the app processes end as on Ctrl+C;
        whatever has not ended after STOP_SECONDS is killed."""
        for process in self.processes():
            if process.poll() is None:
                process.send_signal(signal.SIGUSR1 if process is self.proxy else signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for process in self.processes():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _wait_until_healthy(fleet: Fleet, deadline: float, stop: threading.Event) -> str | None:
    """None when every app process answers its health check (or a stop signal came first);
    otherwise what went wrong."""
    waiting = list(fleet.workers)
    while waiting and not stop.is_set():
        for worker in list(waiting):
            if worker.process.poll() is not None:
                code = worker.process.returncode
                return f"appprocessen på port {worker.port} stoppede under opstarten (kode {code})"
            if answers_health(worker.url):
                waiting.remove(worker)
        if waiting and time.monotonic() > deadline:
            return f"appprocessen på port {waiting[0].port} svarede ikke inden {STARTUP_SECONDS:.0f} s"
        time.sleep(0.2)
    return None


def _wait_for_proxy(fleet: Fleet, url: str, deadline: float) -> str | None:
    while not answers_health(url):
        if fleet.proxy.poll() is not None:
            return f"HAProxy stoppede under opstarten (kode {fleet.proxy.returncode}; se dens besked ovenfor)"
        if time.monotonic() > deadline:
            return f"HAProxy svarede ikke på {url} inden {STARTUP_SECONDS:.0f} s"
        time.sleep(0.2)
    return None


def _watch(fleet: Fleet, stop: threading.Event) -> int:
    """Until a stop signal (0), or until HAProxy dies (1). An app process that dies is
    reported and started again after RESTART_SECONDS; meanwhile HAProxy's health check has
    taken it out of the rotation, and puts it back when it answers again."""
    while not stop.wait(0.5):
        if fleet.proxy.poll() is not None:
            _say(f"Fejl: HAProxy stoppede uventet (kode {fleet.proxy.returncode}); stopper appprocesserne.")
            return 1
        for worker in fleet.workers:
            if worker.died_at is None and worker.process.poll() is not None:
                worker.died_at = time.monotonic()
                _say(
                    f"Advarsel: appproces {worker.number} (port {worker.port}) stoppede uventet "
                    f"(kode {worker.process.returncode}); HAProxy sender brugerne til de andre, "
                    f"og den startes igen om {RESTART_SECONDS:.0f} s."
                )
            elif worker.died_at is not None and time.monotonic() - worker.died_at >= RESTART_SECONDS:
                worker.start()
                _say(f"Appproces {worker.number} (port {worker.port}) er startet igen.")
    return 0


def serve_many(
    count: int, options: Sequence[str], *, first_port: int | None = None, runtime_dir: Path | None = None
) -> int:
    """`serve --workers N`: N app processes on loopback ports after the public port, HAProxy
    on the public port; runs until SIGTERM/SIGINT, then stops them all."""
    program = haproxy_program()
    if program is None:
        _say(
            f"Fejl: --workers {count} kræver HAProxy, men programmet haproxy findes ikke "
            "(installér Debian-pakken haproxy: apt-get install haproxy)."
        )
        return 1
    port_value, options = take_option(options, "--server.port")
    address, options = take_option(options, "--server.address")
    try:
        public_port = int(port_value or os.environ.get("STREAMLIT_SERVER_PORT") or DEFAULT_PORT)
    except ValueError:
        _say(f"Fejl: --server.port skal være et portnummer, ikke {port_value!r}.")
        return 2
    ports = [(first_port or public_port + 1) + i for i in range(count)]
    own_runtime = runtime_dir is None
    runtime = Path(tempfile.mkdtemp(prefix="noegletal-serve-")) if own_runtime else runtime_dir
    runtime.mkdir(parents=True, exist_ok=True)
    try:
        db_folder = get_settings().db_path.parent
        try:
            secret = shared_cookie_secret(db_folder)
        except OSError as exc:
            secret = secrets.token_hex(32)
            _say(
                f"Advarsel: kunne ikke gemme en fælles cookie-hemmelighed i {db_folder} ({exc}); "
                "bruger én, der kun gælder denne kørsel."
            )
        env = {**os.environ, COOKIE_SECRET_ENV: secret}
        config = runtime / "haproxy.cfg"
        rendered = haproxy_config(
            f"{address or ''}:{public_port}", ports, global_settings=runtime_global_settings(runtime)
        )
        config.write_text(rendered, encoding="utf-8")
        return _run_fleet(program, config, ports, options, env, address, public_port)
    finally:
        if own_runtime:
            shutil.rmtree(runtime, ignore_errors=True)


def _run_fleet(
    program: str,
    config: Path,
    ports: Sequence[int],
    options: Sequence[str],
    env: dict[str, str],
    address: str | None,
    public_port: int,
) -> int:
    stop = threading.Event()
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    }
    fleet = Fleet()
    try:
        _say(f"Starter {len(ports)} appprocesser på 127.0.0.1, porte {ports[0]}–{ports[-1]} …")
        for number, port in enumerate(ports, start=1):
            command_line = [
                sys.executable,
                "-m",
                "dashboard",
                "serve",
                *options,
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
            ]
            worker = Worker(number, port, command_line, env)
            worker.start()
            fleet.workers.append(worker)
        deadline = time.monotonic() + STARTUP_SECONDS
        problem = _wait_until_healthy(fleet, deadline, stop)
        if problem is None and not stop.is_set():
            fleet.proxy = _start([program, "-db", "-f", str(config)], env)
            local = address if address and address not in ("0.0.0.0", "::") else "127.0.0.1"
            host = f"[{local}]" if ":" in local else local
            problem = _wait_for_proxy(fleet, f"http://{host}:{public_port}", deadline)
        if problem:
            _say(f"Fejl: {problem}; stopper.")
            return 1
        if stop.is_set():
            return 0
        _say(
            f"Nøgletal kører på http://{address or 'localhost'}:{public_port} med {len(ports)} appprocesser "
            "bag HAProxy. Stop med Ctrl+C."
        )
        return _watch(fleet, stop)
    finally:
        fleet.stop()
        _say("Nøgletal: HAProxy og appprocesserne er stoppet.")
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# --- command line ----------------------------------------------------------------------


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = "python -m dashboard serve [--workers N|auto] [STREAMLIT-RUN-OPTIONS …]"
    parser.add_argument(
        "--workers",
        type=worker_count,
        default=1,
        metavar="N|auto",
        help="app processes behind HAProxy on the public port (default 1: one process, no proxy; auto: one per core)",
    )
    parser.add_argument(
        "--first-worker-port",
        type=int,
        metavar="PORT",
        help="the app processes' loopback ports start here (default: the public port + 1)",
    )
    parser.add_argument(
        "--runtime-dir",
        type=Path,
        metavar="DIR",
        help="where HAProxy's configuration and state socket go (default: a temporary folder)",
    )
    parser.add_argument(
        "--script",
        type=Path,
        metavar="FILE",
        help="another Streamlit script on the same kind of server, without the app's warm-up (bench's minimal app)",
    )
    parser.set_defaults(passes_options_on=True)  # everything else goes to `streamlit run`


@command("serve", "start the app (streamlit run app.py) with imports, database and filters ready", _serve_arguments)
def run_serve(args: argparse.Namespace) -> int:
    if args.workers > 1 and args.script is not None:
        _say("Fejl: --script kører ét script i én proces; det kan ikke bruges med --workers.")
        return 2
    if args.workers > 1:
        return serve_many(
            args.workers, args.options_passed_on, first_port=args.first_worker_port, runtime_dir=args.runtime_dir
        )
    from streamlit.web import cli as streamlit_cli

    if args.script is None:
        warm_up()
    when_listening(first_run if args.script is None else None)
    script = args.script or PROJECT_ROOT / "app.py"
    return streamlit_cli.main(
        args=["run", str(script), *args.options_passed_on], prog_name="streamlit", standalone_mode=True
    )
