"""Filters and their URL state.

Every filter is a query parameter with an ASCII slug as value (`gruppe=dagpenge`,
`fra=2019-01`). The URL is the source of truth: each run reads it, checks every value
against a fixed list of allowed options, falls back to the default with a notice for
anything unknown or malformed, and writes the widgets from it. A widget change writes
the URL back in its callback, before the rerun reads it. We sync by hand rather than with
`bind="query-params"` because bound widgets put the *label* (Danish, non-ASCII) in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import streamlit as st

from dashboard import danish

MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
SHARED_KEYS = ("fra", "til", "gruppe", "alder", "koen", "herkomst", "sammenlign")
PAGE_KEYS = ("periode", "ydelse", "dokument", "emne", "visning")


@dataclass(frozen=True)
class Choice:
    """One URL parameter: its allowed slugs (in display order), their labels, its default."""

    key: str
    label: str
    options: tuple[str, ...]
    labels: Mapping[str, str]
    default: str

    def label_of(self, slug: str) -> str:
        return self.labels.get(slug, slug)


@dataclass
class FilterState:
    values: dict[str, str]
    notices: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def shared(self) -> dict[str, str]:
        """The non-default values that travel with the user to another page."""
        return {k: v for k, v in self.values.items() if k in SHARED_KEYS + ("visning",)}


def _single(raw: Mapping[str, object], key: str) -> tuple[str | None, bool]:
    value = raw.get(key)
    if isinstance(value, list | tuple):
        return (value[-1] if value else None), len(value) > 1
    return (None if value is None else str(value)), False


def parse_params(raw: Mapping[str, object], choices: Sequence[Choice], known: Sequence[str] = ()) -> FilterState:
    """Check every parameter against its allowed options. Never raises.

    `known` names parameters that are valid elsewhere in the app (carried, not used here).
    Notices never repeat what the user typed: it is not ours to render.
    """
    values: dict[str, str] = {}
    notices: list[str] = []
    for choice in choices:
        value, repeated = _single(raw, choice.key)
        if repeated:
            notices.append(f"Parameteren «{choice.key}» var angivet flere gange; den sidste værdi bruges.")
        if value is None:
            values[choice.key] = choice.default
        elif value in choice.options:
            values[choice.key] = value
        else:
            values[choice.key] = choice.default
            notices.append(
                f"Ugyldig værdi for «{choice.key}» ({choice.label.lower()}); "
                f"standardvalget «{choice.label_of(choice.default)}» bruges."
            )
    if "fra" in values and "til" in values and values["fra"] > values["til"]:
        defaults = {c.key: c.default for c in choices}
        values["fra"], values["til"] = defaults["fra"], defaults["til"]
        notices.append("Perioden «fra» lå efter «til»; standardperioden bruges.")
    allowed = {c.key for c in choices} | set(known) | set(SHARED_KEYS) | set(PAGE_KEYS)
    for key in sorted(allowed - {c.key for c in choices}):
        # Parameters of other pages are carried along when they are slugs; say so when one is dropped.
        value, repeated = _single(raw, key)
        if repeated:
            notices.append(f"Parameteren «{key}» var angivet flere gange; den sidste værdi bruges.")
        if value is not None and not _is_slug(value):
            notices.append(f"Ugyldig værdi for «{key}» blev ignoreret.")
    unknown = [k for k in raw if k not in allowed]
    if unknown:
        notices.append(f"{len(unknown)} ukendt(e) parameter(e) i linket blev ignoreret.")
    return FilterState(values, notices)


def canonical_params(state: FilterState, choices: Sequence[Choice], carried: Mapping[str, str]) -> dict[str, str]:
    """The URL for a state: non-default values only, plus valid parameters of other pages."""
    out = {k: v for k, v in carried.items()}
    for choice in choices:
        value = state.values[choice.key]
        if value != choice.default:
            out[choice.key] = value
        else:
            out.pop(choice.key, None)
    return out


PERIOD_NOTICE = "_periode_flyttet"  # session key of a notice that the period had to move


def _keep_start(end: str) -> None:
    """Choosing «Til og med» leaves «Fra» where it is shown (by default it follows the end, three
    years back); only when «Fra» would come after the new end does it move, to the end's
    month, and the next run says so."""
    start = st.session_state["fra"]
    if start > end:
        start = end
        st.session_state[PERIOD_NOTICE] = (
            f"«Fra» er flyttet til {danish.month_label(danish.month_start(end))}, "
            "så perioden ikke begynder efter «Til og med»."
        )
    st.query_params["fra"] = start


def _write_url(key: str, default: str) -> None:
    value = st.session_state[key]
    if key == "til" and "fra" in st.session_state:
        _keep_start(value)
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = value


def read_state(choices: Sequence[Choice], known: Sequence[str] = ()) -> FilterState:
    """Read and clean the URL; put the cleaned version back if it differed."""
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    state = parse_params(raw, choices, known)
    if PERIOD_NOTICE in st.session_state:
        state.notices.append(st.session_state.pop(PERIOD_NOTICE))
    allowed = {c.key for c in choices}
    carried = {
        k: v[-1]
        for k, v in raw.items()
        if k not in allowed and k in set(SHARED_KEYS) | set(PAGE_KEYS) | set(known) and v and _is_slug(v[-1])
    }
    wanted = canonical_params(state, choices, carried)
    current = {k: v[-1] for k, v in raw.items() if v}
    if current != wanted or any(len(v) > 1 for v in raw.values()):
        st.query_params.from_dict(wanted)
    for choice in choices:
        st.session_state[choice.key] = state.values[choice.key]
    return state


def _is_slug(value: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9-]{1,40}", value))


def widget(choice: Choice, *, container=st, width: int | str = "stretch", help: str | None = None) -> str:
    """A selectbox for one parameter, keyed by the parameter name (tests find it by key)."""
    return container.selectbox(
        choice.label,
        choice.options,
        format_func=choice.label_of,
        key=choice.key,
        on_change=_write_url,
        args=(choice.key, choice.default),
        width=width,
        help=help,
    )
