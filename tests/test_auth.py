"""Optional sign-in: open without an [auth] section; every page behind st.login with one."""

from __future__ import annotations

import pytest

from dashboard.auth import providers
from dashboard.nav import existing_views
from dashboard.settings import PROJECT_ROOT

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "en-lang-tilfaeldig-hemmelighed-til-test",
    "client_id": "noegletal-test",
    "client_secret": "hemmelig",
    "server_metadata_url": "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration",
}
VIEWS = existing_views()


def app(secrets: dict | None = None, user: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    return at


def login_buttons(at) -> list:
    return [b for b in at.button if b.label.startswith("Log ind")]


@pytest.mark.parametrize("view", VIEWS, ids=[v.path for v in VIEWS])
def test_without_an_auth_section_every_page_is_open(view, app_db):
    at = app().run()
    at.switch_page(view.file).run()
    assert not at.exception and not login_buttons(at)
    assert at.title[0].value == view.title.split(" – ")[0] or at.title[0].value
    assert not [b for b in at.button if b.label == "Log ud"]
    assert at.selectbox or at.metric or at.markdown  # the page's content is there


@pytest.mark.parametrize("view", VIEWS, ids=[v.path for v in VIEWS])
def test_with_an_auth_section_every_page_asks_for_sign_in_and_shows_nothing_else(view, app_db):
    at = app({"auth": AUTH}).run()
    at.switch_page(view.file).run()
    assert not at.exception
    assert [b.label for b in login_buttons(at)] == ["Log ind"]
    assert "Log ind for at fortsætte" in " ".join(m.value for m in at.markdown)
    assert not at.metric and not at.selectbox and not at.get("arrow_vega_lite_chart")
    assert not at.sidebar.get("page_link")


def test_the_sign_in_button_calls_st_login(app_db, monkeypatch):
    import streamlit

    calls = []
    monkeypatch.setattr(streamlit, "login", lambda *args: calls.append(args))
    at = app({"auth": AUTH}).run()
    login_buttons(at)[0].click().run()
    assert not at.exception and not at.error
    assert calls == [()]  # the default provider: the settings sit directly under [auth]


def test_a_broken_auth_section_gives_a_danish_message_not_a_traceback(app_db):
    at = app({"auth": {"redirect_uri": "http://localhost:8501/oauth2callback"}}).run()
    login_buttons(at)[0].click().run()
    assert not at.exception
    assert "ikke sat rigtigt op" in at.error[0].value


def test_a_signed_in_user_sees_the_page_and_can_sign_out(app_db):
    at = app({"auth": AUTH}, user={"is_logged_in": True, "email": "udvalg@ballerup.dk", "name": "Udvalg"}).run()
    assert not at.exception and not login_buttons(at)
    assert at.title[0].value == VIEWS[0].title and at.metric
    # beside the quarterly report's «Lav rapport for …», the sign-out is the sidebar's only button
    assert [b.label for b in at.sidebar.button if not b.label.startswith("Lav rapport")] == ["Log ud"]


def test_named_providers_each_get_a_button():
    assert providers(AUTH) == [None]
    section = {"redirect_uri": "x", "cookie_secret": "y", "microsoft": {"client_id": "a"}, "google": {"client_id": "b"}}
    assert providers(section) == ["google", "microsoft"]
    assert providers({**section, **{"client_id": "c"}}) == [None, "google", "microsoft"]


def test_a_deep_link_to_a_fresh_server_asks_for_sign_in_too(built_db, tmp_path):
    """Streamlit runs pages/<page>.py on its own until app.py has run once in the process;
    the very first link after a restart must not get past the gate that way."""
    import asyncio

    import websockets
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from dashboard.load import _rerun, stream_url
    from dashboard.local_app import serve

    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[auth]\n" + "".join(f'{k} = "{v}"\n' for k, v in AUTH.items()), encoding="utf-8")

    async def elements(url: str, page: str) -> list[str]:
        found = []
        async with websockets.connect(stream_url(url), subprotocols=["streamlit"], max_size=None) as ws:
            await ws.send(_rerun("gruppe=dagpenge", page))
            while True:
                msg = ForwardMsg()
                msg.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=60))
                if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    element = msg.delta.new_element
                    kind = element.WhichOneof("type")
                    found.append(f"button:{element.button.label}" if kind == "button" else kind)
                if (
                    msg.WhichOneof("type") == "script_finished"
                    and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
                ):
                    return found

    with serve(built_db, env={"STREAMLIT_SECRETS_FILES": str(secrets)}) as (url, _):
        for view in VIEWS:  # the first request of the process is a deep link
            shown = asyncio.run(elements(url, view.path))
            assert "button:Log ind" in shown, (view.path, shown)
            assert not {"metric", "selectbox", "vega_lite_chart", "page_link", "download_button"} & set(shown)
