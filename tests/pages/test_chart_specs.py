"""The COVID-19 and benchmark charts are written as Vega-Lite dicts for speed: they must
draw exactly what the Altair-built charts drew. tests/fixtures/page_chart_specs.json was
written by the Altair versions on the bundled database: each chart's spec with its
datasets replaced by their row counts (the rows come from the queries, not the builders)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard import ui

from apptest import run_page

EXPECTED = json.loads((Path(__file__).parents[1] / "fixtures" / "page_chart_specs.json").read_text(encoding="utf-8"))


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
        assert drawn_specs(monkeypatch, path, params) == EXPECTED[case]
        return
    # COVID-19 now shows one topic (two charts) at a time; the fixture holds all six, after
    # the charts of the Overblik run that run_page opens first.
    opening = len(drawn_specs(monkeypatch, "overblik", {}))
    topics = [drawn_specs(monkeypatch, path, params | {"emne": t})[opening:] for t in ("ledige", "maalgrupper", "omraader")]
    assert [spec for specs in topics for spec in specs] == EXPECTED[case][opening:]
