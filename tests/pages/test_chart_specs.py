"""Every page draws the charts pinned in tests/fixtures/page_chart_specs.json: each chart's
spec on the bundled database with its datasets replaced by their row counts (the rows come
from the queries, not the builders). The fixture was first written by the Altair builders;
a change made on purpose to what a chart draws is written into it with

    UPDATE_CHART_SPECS=1 .venv/bin/python -m pytest tests/pages/test_chart_specs.py

and the diff of the fixture reviewed before it is committed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dashboard import ui

from apptest import run_page

FIXTURE = Path(__file__).parents[1] / "fixtures" / "page_chart_specs.json"
EXPECTED = json.loads(FIXTURE.read_text(encoding="utf-8"))
UPDATE = os.environ.get("UPDATE_CHART_SPECS") == "1"


def update_fixture(case: str, specs: list[dict]) -> None:
    """Write one case's specs into the fixture (the other cases as they are)."""
    pinned = json.loads(FIXTURE.read_text(encoding="utf-8"))
    pinned[case] = specs
    FIXTURE.write_text(json.dumps(pinned, ensure_ascii=False, indent=0), encoding="utf-8")


def shape(spec: dict) -> dict:
    """The spec without theme, with each dataset named by its order and given as its row count."""
    datasets = spec["datasets"]
    names = {name: f"data-{i}" for i, name in enumerate(datasets)}
    text = json.dumps({k: v for k, v in spec.items() if k not in ("datasets", "config", "$schema")}, ensure_ascii=False)
    for old, new in names.items():
        text = text.replace(old, new)
    out = json.loads(text)
    out["datasets"] = {names[n]: len(frame) for n, frame in datasets.items()}
    return out


def drawn_specs(monkeypatch, path: str, params: dict[str, str]) -> list[dict]:
    seen: list[dict] = []
    original = ui.vega_spec

    def recording(chart, *, large=False):
        spec = original(chart, large=large)
        seen.append(shape(spec))
        return spec

    monkeypatch.setattr(ui, "vega_spec", recording)
    at = run_page(path, params)
    assert not at.exception
    return seen


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_page_draws_the_charts_the_altair_builders_drew(case, app_db, monkeypatch):
    path, _, query = case.partition("?")
    params = json.loads(query)
    if path != "covid-19":
        drawn = drawn_specs(monkeypatch, path, params)
        if UPDATE:
            update_fixture(case, drawn)
        assert drawn == EXPECTED[case] or UPDATE
        return
    # COVID-19 shows one topic (two charts) at a time; the fixture holds all six, after
    # the charts of the Overblik run that run_page opens first.
    opened = drawn_specs(monkeypatch, "overblik", {})
    opening = len(opened)
    topics = [
        drawn_specs(monkeypatch, path, params | {"emne": t})[opening:] for t in ("ledige", "maalgrupper", "omraader")
    ]
    drawn = [spec for specs in topics for spec in specs]
    if UPDATE:
        update_fixture(case, opened[:opening] + drawn)  # later runs record into `opened` too
    assert drawn == EXPECTED[case][opening:] or UPDATE
