"""A fresh server process starts in Streamlit's `pages/` directory mode; the first session
that lands on a page URL must still get app.py around the page (sidebar, sign-in gate)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from dashboard.load import _rerun, stream_url
from dashboard.local_app import serve
from dashboard.serve import FIRST_RUN_DONE
from dashboard.settings import PROJECT_ROOT


async def first_run_messages(url: str, page: str) -> list:
    """The messages of the first script run a new session asks for on `page`."""
    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msgs: list[ForwardMsg] = []
    async with websockets.connect(stream_url(url), subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
        await ws.send(_rerun("", page))
        while not (
            msgs
            and msgs[-1].WhichOneof("type") == "script_finished"
            and msgs[-1].script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            raw = await asyncio.wait_for(ws.recv(), timeout=120)
            if not isinstance(raw, str):
                msgs.append(ForwardMsg.FromString(raw))
    return msgs


async def first_run_markdown(url: str, page: str) -> list[str]:
    """The Markdown bodies of the first script run a new session asks for on `page`."""
    msgs = await first_run_messages(url, page)
    elements = [
        m.delta.new_element for m in msgs if m.WhichOneof("type") == "delta" and m.delta.HasField("new_element")
    ]
    return [e.markdown.body for e in elements if e.WhichOneof("type") == "markdown"]


def test_the_first_session_on_a_page_url_of_a_fresh_server_gets_app_py_around_it(built_db: Path):
    # `streamlit run app.py` with no warm-up: the page URL is the process's very first request.
    with serve(built_db, script=PROJECT_ROOT / "app.py") as (url, _):
        bodies = asyncio.run(first_run_markdown(url, "samarbejde"))
    assert "### Nøgletal" in bodies  # app.py's sidebar


def kinds(msgs: list) -> set[str]:
    return {m.WhichOneof("type") for m in msgs}


def test_the_first_visitor_of_a_page_after_a_start_gets_no_page_not_found_notice(built_db: Path, tmp_path: Path):
    # Without serve's first run, a fresh process answers the first /covid-19 with «Page not found» …
    with serve(built_db, script=PROJECT_ROOT / "app.py") as (url, _):
        assert "page_not_found" in kinds(asyncio.run(first_run_messages(url, "covid-19")))
    # … `python -m dashboard serve` (make run) runs app.py once as soon as it listens.
    log = tmp_path / "serve.log"
    with serve(built_db, log=log) as (url, _):
        deadline = time.monotonic() + 60
        while FIRST_RUN_DONE not in log.read_text(errors="replace") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert FIRST_RUN_DONE in log.read_text(errors="replace")
        assert "page_not_found" not in kinds(asyncio.run(first_run_messages(url, "covid-19")))
