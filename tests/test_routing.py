"""A fresh server process starts in Streamlit's `pages/` directory mode; the first session
that lands on a page URL must still get app.py around the page (sidebar, sign-in gate)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from dashboard.load import _rerun, stream_url
from dashboard.local_app import serve
from dashboard.settings import PROJECT_ROOT


async def first_run_markdown(url: str, page: str) -> list[str]:
    """The Markdown bodies of the first script run a new session asks for on `page`."""
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
    elements = [
        m.delta.new_element for m in msgs if m.WhichOneof("type") == "delta" and m.delta.HasField("new_element")
    ]
    return [e.markdown.body for e in elements if e.WhichOneof("type") == "markdown"]


def test_the_first_session_on_a_page_url_of_a_fresh_server_gets_app_py_around_it(built_db: Path):
    # `streamlit run app.py` with no warm-up: the page URL is the process's very first request.
    with serve(built_db, script=PROJECT_ROOT / "app.py") as (url, _):
        bodies = asyncio.run(first_run_markdown(url, "samarbejde"))
    assert "### Nøgletal" in bodies  # app.py's sidebar
