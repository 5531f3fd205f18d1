"""`python -m dashboard serve --workers 2`: two app processes behind a real HAProxy, driven
through the proxy over HTTP and over Streamlit's websocket protocol (dashboard.load), with
sign-in on (an `[auth]` section, docs/auth.md), as a municipality would run it.

One server for the module; the tests run in file order, the last three kill one app process,
see it come back, and stop the whole server."""

from __future__ import annotations

import asyncio
import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dashboard.load import _one_run, process_tree, stream_url
from dashboard.local_app import serve
from dashboard.nav import existing_views
from dashboard.serve import COOKIE_SECRET_FILE, backend_states, haproxy_program

pytestmark = pytest.mark.skipif(haproxy_program() is None, reason="HAProxy findes ikke (apt-get install haproxy)")

COOKIE = "noegletal-proces"
IMPORTED_SOURCE = "Prøveimport 19"
SIGN_IN_SECRET = "faelles-hemmelighed-for-log-ind-paa-alle-processer"
SIGN_IN = f"""[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "{SIGN_IN_SECRET}"
client_id = "noegletal-test"
client_secret = "hemmelig"
server_metadata_url = "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration"
"""


@pytest.fixture(scope="module")
def fleet(built_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """`serve --workers 2` against a copy of the built database; yields (url, supervisor, runtime dir, db)."""
    folder = tmp_path_factory.mktemp("workers")
    db = folder / "noegletal.duckdb"
    shutil.copyfile(built_db, db)
    runtime = folder / "runtime"
    secrets = folder / "secrets.toml"
    secrets.write_text(SIGN_IN, encoding="utf-8")
    with serve(
        db,
        workers=2,
        options=["--runtime-dir", str(runtime)],
        startup_seconds=180,
        env={"STREAMLIT_SECRETS_FILES": str(secrets)},
        log=folder / "serve.log",
    ) as (url, process):
        yield url, process, runtime, db


def _opener(cookie: str | None = None) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    if cookie:
        opener.addheaders = [("Cookie", f"{COOKIE}={cookie}")]
    opener.jar = jar
    return opener


def _status(opener: urllib.request.OpenerDirector, url: str) -> int:
    try:
        with opener.open(url, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def _signed_in(url: str, secret: str = SIGN_IN_SECRET) -> str:
    """The sign-in cookie Streamlit sets after st.login (signed with the [auth] cookie secret)."""
    from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

    user = json.dumps({"origin": url, "is_logged_in": True, "email": "udvalg@ballerup.dk"})
    return "_streamlit_user=" + create_signed_value(secret, "_streamlit_user", user).decode()


def _connect(url: str, process_cookie: str, sign_in: str | None = None):
    """A websocket to the app through the proxy, as a signed-in browser tab on `process_cookie`'s
    process: Streamlit reads the sign-in cookie only with a matching XSRF token and cookie."""
    import websockets
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    xsrf = generate_xsrf_token_string()
    cookies = f"{COOKIE}={process_cookie}; _streamlit_xsrf={xsrf}; {sign_in or _signed_in(url)}"
    return websockets.connect(
        stream_url(url),
        subprotocols=["streamlit", xsrf],
        max_size=None,
        origin=url,
        additional_headers={"Cookie": cookies},
    )


def _page_run(
    url: str, process_cookie: str, page: str, queries: list[str], sign_in: str | None = None
) -> tuple[list, str]:
    """Run `page` once per query string over one websocket sent with the sticky cookie;
    every ForwardMsg of the last run, and the session id."""

    async def run() -> tuple[list, str]:
        async with _connect(url, process_cookie, sign_in) as ws:
            seen: list = []
            for query in queries:
                seen = []
                _, error = await _one_run(ws, page, query, timeout=90, seen=seen)
                assert error is None, error
            session = next(m.new_session.initialize.session_id for m in seen if m.WhichOneof("type") == "new_session")
            return seen, session

    return asyncio.run(run())


def _text(messages: list) -> str:
    return b"".join(m.SerializeToString() for m in messages).decode("utf-8", errors="replace")


def _states(runtime: Path) -> dict[str, str]:
    """UP or DOWN per process ('UP 1/3', one failed check, is still UP)."""
    return {name: state.split()[0] for name, state in backend_states(runtime / "haproxy.sock").items()}


def _worker_pids(supervisor: subprocess.Popen) -> dict[str, int]:
    """app1/app2 -> pid of the app process on the first/second port after the public one."""
    pids = {}
    for pid in process_tree(supervisor.pid)[1:]:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--server.port" in command:
            pids[int(command[command.index(b"--server.port") + 1])] = pid
    return {f"app{i}": pid for i, (_, pid) in enumerate(sorted(pids.items()), start=1)}


def test_every_page_answers_through_the_proxy_and_new_visitors_are_spread_over_both_processes(fleet):
    url, *_ = fleet
    given = set()
    for view in existing_views():
        opener = _opener()
        assert _status(opener, f"{url}/{view.path}") == 200, view.path
        given |= {c.value for c in opener.jar if c.name == COOKIE}
    assert _status(_opener(), f"{url}/") == 200
    assert given == {"app1", "app2"}


def test_haproxy_checks_both_processes_and_they_share_the_kept_cookie_secret(fleet):
    url, supervisor, runtime, db = fleet
    assert _states(runtime) == {"app1": "UP", "app2": "UP"}
    kept = (db.parent / COOKIE_SECRET_FILE).read_text().strip()
    assert len(kept) == 64 and (db.parent / COOKIE_SECRET_FILE).stat().st_mode & 0o077 == 0
    for name, pid in _worker_pids(supervisor).items():
        environ = dict(item.split(b"=", 1) for item in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0") if item)
        assert environ[b"STREAMLIT_SERVER_COOKIE_SECRET"].decode() == kept, name


def test_one_sign_in_is_valid_on_every_process_and_none_without_the_shared_secret(fleet):
    """Every process reads the same [auth] cookie secret: a user signed in on one process is
    signed in on the other (after a restart moves them); a cookie signed otherwise is not."""
    url, *_ = fleet
    for process_cookie in ("app1", "app2"):
        signed_in = _text(_page_run(url, process_cookie, "overblik", [""])[0])
        assert "Log ud" in signed_in and "Log ind" not in signed_in, process_cookie
        for other in (_signed_in(url, secret="en-anden-hemmelighed"), "_streamlit_user=ingen"):
            refused = _text(_page_run(url, process_cookie, "overblik", [""], sign_in=other)[0])
            assert "Log ind" in refused and "Ledigheden i Ballerup" not in refused, process_cookie


def test_a_page_runs_over_the_proxys_websocket_on_each_process(fleet):
    url, *_ = fleet
    for process_cookie in ("app1", "app2"):
        seen, _ = _page_run(url, process_cookie, "benchmark", ["periode=2019h2-2020h1"])
        assert any(m.WhichOneof("type") == "script_finished" for m in seen)
        assert "Benchmark" in _text(seen)


def test_a_download_after_a_rerun_arrives_from_the_process_that_made_it(fleet):
    """Streamlit keeps a download in the memory of the process that made it: the sticky cookie
    sends the browser's request there. Without the cookie, round robin sends some elsewhere."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    url, *_ = fleet
    visitor = _opener()
    assert _status(visitor, f"{url}/overblik") == 200
    (process_cookie,) = [c.value for c in visitor.jar if c.name == COOKIE]

    async def download_url() -> str:
        async with _connect(url, process_cookie) as ws:
            seen: list = []
            for query in ("", "fra=2019-01&til=2020-12"):  # a first run, then a rerun with other filters
                seen = []
                await _one_run(ws, "overblik", query, timeout=90, seen=seen)
            session = next(m.new_session.initialize.session_id for m in seen if m.WhichOneof("type") == "new_session")
            buttons = [
                m.delta.new_element.download_button
                for m in seen
                if m.WhichOneof("type") == "delta" and m.delta.new_element.WhichOneof("type") == "download_button"
            ]
            request = BackMsg()
            request.backend_operation_request.request_id = "hent-csv"
            request.backend_operation_request.session_id = session
            request.backend_operation_request.deferred_file.file_id = buttons[0].deferred_file_id
            await ws.send(request.SerializeToString())
            while True:
                answer = ForwardMsg()
                answer.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=60))
                if answer.WhichOneof("type") == "backend_operation_response":
                    assert not answer.backend_operation_response.error_msg
                    return answer.backend_operation_response.deferred_file.url

    media = asyncio.run(download_url())
    assert media.endswith(".csv")
    for _ in range(4):
        with visitor.open(f"{url}{media}", timeout=30) as answer:
            assert answer.status == 200 and "Ledighed".encode() in answer.read()
    without_cookie = [_status(urllib.request.build_opener(), f"{url}{media}") for _ in range(4)]
    assert 404 in without_cookie and 200 in without_cookie


def test_an_import_while_serving_is_seen_by_every_process(fleet, tmp_path):
    url, _, _, db = fleet
    before = {name: _text(_page_run(url, name, "overblik", [""])[0]) for name in ("app1", "app2")}
    assert all("Ledigheden i Ballerup var" in text and "9,7 %" not in text for text in before.values())
    tidy = tmp_path / "egne_tal.csv"
    tidy.write_text(
        "indikator;omraade;periode;gruppe;alder;koen;herkomst;vaerdi;personer\n"
        "ledighedsprocent;151;2022-12;alle;alle;alle;alle;9,7;\n",
        encoding="utf-8",
    )
    imported = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", "csv", str(tidy), "--db", str(db), "--kilde", IMPORTED_SOURCE],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    for name in ("app1", "app2"):
        text = _text(_page_run(url, name, "overblik", [""])[0])
        assert "Ledigheden i Ballerup var 9,7 % i december 2022" in text, name
        assert IMPORTED_SOURCE in text, name


def test_a_killed_process_is_marked_down_and_the_other_keeps_serving(fleet):
    url, supervisor, runtime, _ = fleet
    os.kill(_worker_pids(supervisor)["app2"], signal.SIGKILL)
    deadline = time.monotonic() + 30
    while _states(runtime)["app2"] != "DOWN":
        assert time.monotonic() < deadline, "HAProxy markerede ikke den dræbte proces som nede"
        assert _status(_opener("app2"), f"{url}/overblik") == 200  # sent on to app1 meanwhile
        time.sleep(0.5)
    assert _states(runtime) == {"app1": "UP", "app2": "DOWN"}
    for view in existing_views():
        assert _status(_opener("app2"), f"{url}/{view.path}") == 200, view.path
    seen, _ = _page_run(url, "app2", "maal", [""])
    assert any(m.WhichOneof("type") == "script_finished" for m in seen)
    assert supervisor.poll() is None


def test_the_killed_process_is_started_again_and_taken_back_into_the_rotation(fleet):
    url, supervisor, runtime, db = fleet
    deadline = time.monotonic() + 120
    while _states(runtime)["app2"] != "UP":
        assert time.monotonic() < deadline, "den dræbte proces kom ikke tilbage"
        time.sleep(0.5)
    assert "Appproces 2 (port" in (db.parent / "serve.log").read_text().split("stoppede uventet", 1)[1]
    seen, _ = _page_run(url, "app2", "unge", [""])
    assert any(m.WhichOneof("type") == "script_finished" for m in seen)
    assert _worker_pids(supervisor).keys() == {"app1", "app2"}


def test_sigterm_stops_haproxy_and_every_app_process(fleet):
    url, supervisor, _, _ = fleet
    tree = process_tree(supervisor.pid)
    assert len(tree) >= 3  # the supervisor, the app process left and HAProxy
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(timeout=30) == 0
    time.sleep(0.5)
    assert [pid for pid in tree if Path(f"/proc/{pid}").exists()] == []
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
