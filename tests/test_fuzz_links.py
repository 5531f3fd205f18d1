"""Hostile links: unknown and repeated keys, SQL fragments, very long values, control and
non-ASCII characters, dates out of range.

- thousands of generated parameter sets through `filters.parse_params`: never raises,
  keeps a valid value, falls back to the default otherwise, says so in a notice exactly
  when something was wrong, and never repeats what the link said;
- a few hundred through every existing page in AppTest: no exception, a widget given a
  hostile value shows a valid option and a notice names it, the cleaned URL holds only known
  keys with slug values, and no injected text appears anywhere in the page;
- raw query strings (bad percent escapes, stray separators) sent to a real server over
  the websocket, as a browser would.

Every injected value carries CANARY (mixed case: never a slug), so "not rendered" is a
plain substring check over everything the page sends.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.filters import PAGE_KEYS, SHARED_KEYS, Choice, parse_params
from dashboard.nav import existing_views
from dashboard.settings import PROJECT_ROOT, using_database
from test_privacy import rendered

CANARY = "Zq7Xw"
# Streamlit ignores a whole query string past these limits (runtime/state/query_params.py).
MAX_QUERY_CHARS = 512 * 1024
MAX_QUERY_FIELDS = 1000
KNOWN = SHARED_KEYS + PAGE_KEYS
SLUG = re.compile(r"^[a-z0-9-]{1,40}$")

SQL = [
    "' OR '1'='1",
    "'; DROP TABLE observation; --",
    "1; SELECT * FROM meta",
    "alle' --",
    '" OR 1=1 /*',
    "$home_geo",
    "?;",
    "' UNION SELECT persons FROM observation --",
    "151') OR ('a'='a",
]
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**fed**",
    ":red[rød]",
    "[klik](javascript:alert(1))",
    "$$\\LaTeX$$",
    "`kode`",
    "# Overskrift",
    "{0}",
    "%s%n",
    "${jndi:x}",
    "\\u0000",
    "&amp;",
    "<!--",
]
DATES = [
    "0000-01",
    "9999-12",
    "2020-13",
    "2020-00",
    "1899-12",
    "2100-01",
    "2020-1",
    "2020-09-31",
    "2020/09",
    "20-09",
    "-2020-01",
    "2013-12",
    "2030-01",
    "2020-09-01",
    " 2020-09",
    "2020-09 ",
    "２０２０-０９",
]

control = st.text(alphabet=st.characters(categories=("Cc", "Cf", "Zl", "Zp")), min_size=1, max_size=12)
non_ascii = st.text(
    alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x10FFFF, exclude_categories=("Cs",)),
    min_size=1,
    max_size=24,
)
anything = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
short = st.one_of(st.sampled_from(SQL + MARKUP), control, non_ascii, anything)
long_text = st.builds(lambda part, n: (part or "x") * n, short, st.integers(100, 20_000)).map(lambda t: t[:20_000])
fragment = st.one_of(short, long_text)
hostile = st.builds(lambda a, b: f"{a}{CANARY}{b}", fragment, fragment)
bad_date = st.one_of(
    st.sampled_from(DATES), st.builds("{:04d}-{:02d}".format, st.integers(0, 9999), st.integers(0, 99))
)
unknown_key = st.one_of(
    st.builds(lambda a: f"{a}{CANARY}", st.one_of(fragment, st.just(""))),
    st.sampled_from(KNOWN).map(str.upper),
    st.sampled_from(KNOWN).map(lambda k: f"{k} "),
    st.sampled_from(KNOWN).map(lambda k: f"{k}[]"),
)


def query_strategy(valid: dict[str, list[str]]) -> st.SearchStrategy[dict[str, list[str]]]:
    """A link's parameters: known keys with valid, hostile or out-of-range values (sometimes
    repeated), plus unknown keys."""

    def values_for(key: str) -> st.SearchStrategy[list[str]]:
        one = (
            st.one_of(st.sampled_from(valid[key]), hostile, bad_date)
            if valid.get(key)
            else st.one_of(hostile, bad_date)
        )
        return st.lists(one, min_size=1, max_size=3)

    known = st.dictionaries(st.sampled_from(KNOWN), st.just(None), max_size=len(KNOWN)).flatmap(
        lambda keys: st.fixed_dictionaries({k: values_for(k) for k in keys})
    )
    unknown = st.dictionaries(unknown_key, st.lists(st.one_of(hostile, anything), min_size=1, max_size=2), max_size=4)
    return st.builds(lambda a, b: {**b, **a}, known, unknown)


def valid_values(choices: list[Choice]) -> dict[str, list[str]]:
    return {c.key: list(c.options) for c in choices}


def has_canary(text: str) -> bool:
    return CANARY in text


# --- the parsing layer ----------------------------------------------------------------


@pytest.fixture(scope="module")
def choices(built_db: Path) -> list[Choice]:
    """The shared filters' real options (from the built database), plus a page parameter."""
    from dashboard import ui

    with using_database(built_db):
        shared = ui.standard_choices(list(SHARED_KEYS))
    periods = ("2019h2-2020h1", "2020h1-2020h2")
    return [*shared, Choice("periode", "Periode", periods, {p: p for p in periods}, periods[0])]


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_parsing_never_raises_keeps_valid_values_and_never_echoes_the_link(data, choices):
    use = data.draw(st.lists(st.sampled_from(choices), unique_by=lambda c: c.key, min_size=1), label="page filters")
    raw = data.draw(query_strategy(valid_values(choices)), label="link")
    state = parse_params(raw, use)

    last = {k: v[-1] for k, v in raw.items()}
    expected = {c.key: (last[c.key] if last.get(c.key) in c.options else c.default) for c in use}
    swapped = "fra" in expected and "til" in expected and expected["fra"] > expected["til"]
    if swapped:
        expected["fra"], expected["til"] = (next(c.default for c in use if c.key == k) for k in ("fra", "til"))
    assert state.values == expected

    used = {c.key for c in use}
    wrong = (
        any(k not in KNOWN for k in raw)
        or any(len(v) > 1 for k, v in raw.items() if k in KNOWN)
        or any(k in used and last[k] not in next(c.options for c in use if c.key == k) for k in raw)
        or any(k in KNOWN and k not in used and not SLUG.match(last[k]) for k in raw)
        or swapped
    )
    assert bool(state.notices) == wrong, (raw, state.notices)
    assert len(state.notices) <= 2 * len(KNOWN) + 2
    for notice in state.notices:
        assert not has_canary(notice), notice


# --- whole pages ----------------------------------------------------------------------

VIEWS = existing_views()
PER_PAGE = max(15, 150 // max(1, len(VIEWS)))
_APPS: dict[str, Any] = {}


def widgets(at) -> dict[str, Any]:
    """Every keyed widget on the page and its value."""
    found: dict[str, Any] = {}

    def visit(node) -> None:
        key = getattr(node, "key", None)
        if isinstance(key, str) and hasattr(node, "value"):
            found[key] = node.value
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(at._tree)
    return found


def page_app(view) -> tuple[Any, dict[str, Any], dict[str, list[str]]]:
    """The page in an AppTest, its widgets' defaults and their valid options (from a clean link)."""
    from streamlit.testing.v1 import AppTest

    if view.file not in _APPS:
        at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
        at.switch_page(view.file).run()
        assert not at.exception, [e.value for e in at.exception]
        defaults = widgets(at)
        options = {}
        for box in at.selectbox:
            if box.key in defaults:
                options[box.key] = [v for v in _slugs_of(box)]
        _APPS[view.file] = (at, defaults, options)
    return _APPS[view.file]


def _slugs_of(box) -> list[str]:
    """A selectbox's values (slugs): its labels mapped back through its format function."""
    labels = list(box.options)
    candidates = [box.value, *KNOWN_SLUGS]
    by_label = {str(box.format_func(s)): s for s in candidates if isinstance(s, str)}
    return [by_label[label] for label in labels if label in by_label]


KNOWN_SLUGS: list[str] = []
# Slugs for the parameters a page has no widget for (it carries them to other pages).
PLAUSIBLE = {k: ["alle", "dagpenge", "2020-01", "2019h2-2020h1", "hele-landet", "moede"] for k in KNOWN}


@pytest.fixture(scope="module")
def slugs(built_db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(built_db), read_only=True)
    values = [
        r[0]
        for r in con.execute(
            "SELECT group_code FROM target_group UNION ALL SELECT age_band FROM age_band UNION ALL SELECT gender FROM gender "
            "UNION ALL SELECT origin FROM origin UNION ALL SELECT slug FROM geography "
            "UNION ALL SELECT DISTINCT strftime(period_start, '%Y-%m') FROM observation WHERE grain = 'month' "
            "UNION ALL SELECT DISTINCT period FROM benchmark"
        ).fetchall()
    ]
    con.close()
    KNOWN_SLUGS[:] = values
    return values


@pytest.mark.parametrize("view", VIEWS, ids=[v.path for v in VIEWS])
@settings(max_examples=PER_PAGE, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_page_survives_hostile_links(data, view, app_db, slugs):
    at, defaults, options = page_app(view)
    raw = data.draw(query_strategy({**PLAUSIBLE, **options}), label="link")
    at.query_params = {k: v if len(v) > 1 else v[0] for k, v in raw.items()}
    encoded = urlencode(at.query_params, doseq=True)
    at.run()

    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    texts, _ = rendered(at)
    assert not [t for t in texts if has_canary(t)], [t[:80] for t in texts if has_canary(t)][:3]

    shown = widgets(at)
    if len(encoded) > MAX_QUERY_CHARS or encoded.count("&") + 1 > MAX_QUERY_FIELDS:
        # Streamlit drops such a query string before the app sees it: the page shows its defaults.
        assert shown == defaults
        return
    cleaned = {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}
    assert set(cleaned) <= set(KNOWN), cleaned.keys()
    assert all(SLUG.match(v) for vs in cleaned.values() for v in vs), cleaned
    assert all(len(vs) == 1 for vs in cleaned.values()), cleaned

    last = {k: v[-1] for k, v in raw.items()}
    hostile_keys = [
        k for k in defaults if k in last and (has_canary(last[k]) or last[k] not in options.get(k, [last[k]]))
    ]
    notices = [n.value for n in at.info]
    for key in hostile_keys:  # a default (which may depend on the other filters), named in a notice
        if key in shown:  # the meeting view (visning=moede) shows the filters as text, not widgets
            assert shown[key] != last[key] and shown[key] in options.get(key, [shown[key]]), (key, last[key][:60])
        assert any(f"«{key}»" in n for n in notices), (key, notices)
    wrong = (
        any(k not in KNOWN for k in raw)
        or any(len(v) > 1 for k, v in raw.items() if k in KNOWN)
        or any(has_canary(v) for v in last.values())
        or bool(hostile_keys)
    )
    if wrong:
        assert at.info, raw
    for notice in at.info:
        assert not has_canary(notice.value)


# --- raw query strings at a real server ------------------------------------------------

RAW = [
    "%",
    "%%",
    "%ZZ",
    "%FF%FE",
    "gruppe=%E6",
    "gruppe=%C3",
    "fra=%00",
    "&&&",
    "=",
    "==",
    "=x",
    "a=b=c",
    ";;",
    "gruppe",
    "gruppe=",
    "gruppe&gruppe",
    "gruppe=alle&gruppe=%27%3B%20DROP%20TABLE%20observation%3B--",
    "fra=2020-13&til=0000-00",
    "sammenlign=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "x" * 70_000 + "=1",
    "gruppe=" + "%41" * 30_000,
    "&".join(f"k{i}=v" for i in range(900)),
    "embed=true&embed_options=dark_theme",
    "#gruppe=dagpenge",
    "?gruppe=dagpenge",
    "gruppe=dagpenge#frag",
    "%2F..%2F..%2Fetc%2Fpasswd=1",
    "gruppe=+%2B+",
    "koen=m%C3%A6nd",
    "herkomst=ikke%E2%80%AEvestlig",
    "alder=16-24\r\nSet-Cookie:x=y",
]


@pytest.fixture(scope="module")
def server(built_db: Path):
    from dashboard.local_app import serve

    with serve(built_db) as (url, _):
        yield url


def test_raw_query_strings_over_the_websocket_never_raise(server):
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from dashboard.load import _rerun, stream_url

    async def drive() -> list[str]:
        import websockets

        problems = []
        async with websockets.connect(stream_url(server), subprotocols=["streamlit"], max_size=None) as ws:
            for query in RAW:
                for page in [v.path for v in VIEWS]:
                    await ws.send(_rerun(query, page))
                    while True:
                        msg = ForwardMsg()
                        msg.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=60))
                        kind = msg.WhichOneof("type")
                        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                            element = msg.delta.new_element
                            if element.WhichOneof("type") == "exception":
                                problems.append(f"{page}?{query[:40]}: {element.exception.message[:100]}")
                            if "alert(1)" in str(element) or "DROP TABLE" in str(element):
                                problems.append(f"{page}?{query[:40]}: the link's text is on the page")
                        if kind == "page_not_found":
                            problems.append(f"{page}: not found")
                        if kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                            break
        return problems

    assert asyncio.run(drive()) == []
