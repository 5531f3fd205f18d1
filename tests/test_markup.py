"""Text from data reaches Markdown escaped (issue 14, item 5): an imported source name such as
`![t](http://127.0.0.1:9999/track.png)` is shown as written, never as an image every visitor's
browser fetches."""

from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from dashboard.markup import plain
from dashboard.settings import get_settings
from tests.pages.apptest import run_page
from tests.test_privacy import rendered

TRACKER = "![t](http://127.0.0.1:9999/track.png)"
UNESCAPED = re.compile(r"(?<!\\)[\[\]<>`*_$|]")


@pytest.mark.parametrize(
    "text",
    [
        TRACKER,
        "[klik](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        ":red[rød] $x^2$ **fed** `kode` # overskrift",
        "a\\[b",
    ],
)
def test_plain_escapes_every_markdown_character(text):
    escaped = plain(text)
    assert not UNESCAPED.search(escaped.replace("\\\\", "")), escaped
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # what Markdown shows is the text itself


@pytest.fixture()
def tracked_db(built_db, tmp_path, monkeypatch):
    """The built database with a tracker in every source name and in the target groups' names."""
    path = tmp_path / "noegletal.duckdb"
    shutil.copyfile(built_db, path)
    con = duckdb.connect(str(path))
    con.execute(f"UPDATE source SET name_da = name_da || ' {TRACKER}'")
    con.execute(f"UPDATE target_group SET name_da = name_da || ' {TRACKER}'")
    con.close()
    monkeypatch.setenv("DASHBOARD_DB_PATH", str(path))
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


@pytest.mark.parametrize("page", ["overblik", "unge"])
def test_imported_text_reaches_no_markdown_unescaped(page, tracked_db):
    at = run_page(page, {"til": "2020-09", "gruppe": "dagpenge"})
    assert not at.exception
    markdown = [e.value for e in (*at.caption, *at.subheader, *at.markdown)]
    markdown += [m.proto.label for m in at.metric] + [m.proto.help for m in at.metric]
    markdown += [v for table in at.table for v in table.value.to_numpy().ravel() if isinstance(v, str)]
    tracked = [text for text in markdown if "track.png" in text]
    assert tracked, "the tracker should be on the page, escaped"
    for text in tracked:
        assert "!\\[t\\](http" in text and "![t](" not in text, text
    texts, _ = rendered(at)
    assert any("track.png" in t for t in texts)


def test_a_table_cell_from_data_is_escaped_like_any_other_text():
    from dashboard.ui import as_text
    import pandas as pd

    shown = as_text(pd.DataFrame({"Kilde": [TRACKER, "9. marts–19. maj 2020"], "Tal": [1, 2]}))
    assert list(shown["Kilde"]) == [plain(TRACKER), "9\\. marts–19. maj 2020"]
    assert "![t](" not in shown.loc[0, "Kilde"] and list(shown["Tal"]) == [1, 2]
