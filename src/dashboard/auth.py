"""Optional sign-in (OIDC through `st.login`, e.g. the municipality's Entra ID).

With an `[auth]` section in `.streamlit/secrets.toml` every page asks for sign-in before
it shows anything; without one the app is open, as befits public figures. See
docs/auth.md. `require_login()` is called by app.py after the pages are registered and
before any of them runs.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def auth_settings() -> Mapping | None:
    """The `[auth]` section of the secrets, or None when sign-in is not configured."""
    try:
        section = st.secrets.get("auth") if "auth" in st.secrets else None
    except Exception:  # noqa: BLE001 - no or unreadable secrets.toml: the app runs open
        return None
    return section if isinstance(section, Mapping) else None


def providers(section: Mapping) -> list[str | None]:
    """The providers to offer: the default one (settings directly under [auth]) and/or each
    named one ([auth.microsoft] …); None stands for the default."""
    named = [name for name, value in section.items() if isinstance(value, Mapping)]
    default = [None] if any(key in section for key in PROVIDER_KEYS) or not named else []
    return default + sorted(named)


def _login(provider: str | None) -> None:
    try:
        st.login(provider) if provider else st.login()
    except Exception:  # noqa: BLE001 - a configuration error: say so in Danish, no traceback
        st.session_state["_login_failed"] = True


def require_login() -> None:
    """Stop the run with a sign-in prompt unless sign-in is off or the user is signed in."""
    section = auth_settings()
    if section is None:
        return
    if st.user.get("is_logged_in"):
        with st.sidebar:
            st.button("Log ud", icon=":material/logout:", on_click=st.logout, key="_logout")
        return
    st.title("Nøgletal – beskæftigelsesområdet")
    st.markdown("Nøgletallene er kun for medarbejdere og politikere i kommunen. **Log ind for at fortsætte.**")
    for provider in providers(section):
        label = "Log ind" if provider is None else f"Log ind med {provider}"
        st.button(
            label,
            type="primary",
            icon=":material/login:",
            on_click=_login,
            args=(provider,),
            key=f"_login_{provider or 'default'}",
        )
    if st.session_state.pop("_login_failed", False):
        st.error(
            "Log-ind er ikke sat rigtigt op på serveren. Kontakt den, der driver dashboardet (se docs/auth.md).",
            icon=":material/error:",
        )
    st.stop()
