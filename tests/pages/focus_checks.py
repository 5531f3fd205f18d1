"""Checks every focus-area page and Mål og planer shares (used by their AppTest files)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

BAD_PARAMS = [
    {"gruppe": "kontanthjælp"},
    {"til": "2099-01"},
    {"fra": "'; DROP TABLE observation; --"},
    {"sammenlign": "x" * 5000},
    {"ukendt": "zzz"},
]


def titles(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def table(at: AppTest, column: str, nth: int = 0):
    """The nth text table on the page that has this column."""
    return [d.value for d in at.table if column in d.value.columns][nth]


def sources(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("Kilde:")]


def assert_renders_with_sources_and_downloads(at: AppTest, sections: int) -> None:
    assert not at.exception
    assert len(sources(at)) == sections
    assert len([b for b in at.get("download_button") if b.key.startswith("csv-")]) == sections
    assert any("DEMODATA" in m.value for m in at.markdown)


def assert_falls_back_with_notice(at: AppTest, params: dict[str, str]) -> None:
    assert not at.exception
    assert at.info, "expected a notice"
    assert all(v not in n.value for n in at.info for v in params.values())


def run_started(path: str, params: dict[str, str] | None = None, timeout: float = 60) -> AppTest:
    """The page at `path` with these parameters (apptest.run_page runs the app first)."""
    from apptest import run_page

    return run_page(path, params, timeout)
