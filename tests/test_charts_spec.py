"""The chart builders write Vega-Lite as plain dicts for speed: they must draw exactly what
the Altair-built charts drew (tests/fixtures/chart_specs.json was written by those), and
the fast spec path must equal Streamlit's own conversion of the themed chart."""

from __future__ import annotations

import json
from pathlib import Path

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from dashboard import charts, theme

EXPECTED = json.loads((Path(__file__).parent / "fixtures" / "chart_specs.json").read_text(encoding="utf-8"))
LINES = pd.DataFrame({"month": pd.date_range("2020-01-01", periods=3, freq="MS").repeat(2),
                      "rate_pct": [1.0, 2, 3, 4, 5, 6], "geography": ["A", "B"] * 3})
BARS = pd.DataFrame({"age_band_name": ["16–24 år", "25–29 år"] * 2, "rate_pct": [1.0, 2, 3, 4],
                     "geography": ["A", "A", "B", "B"]})
WITH_SOURCE = LINES.assign(source=["Demo", "Referat EBU 8. december 2020"] * 3, persons=1.0, quality="demo")


def case_builders(module=charts) -> list:
    """The cases, built with `module`'s builders (the fixture was written with the Altair ones)."""
    return [
        lambda: module.line_over_time(LINES, y="rate_pct", y_title="Ledighed, %", series="geography", home="A"),
        lambda: module.line_over_time(LINES, y="rate_pct", y_title="Ledighed, %", series="geography"),
        lambda: module.line_over_time(LINES, y="rate_pct", y_title="Ledighed, %", series="geography", home="B",
                                      target=3.0, target_label="Mål 2022", fmt=",.0f"),
        lambda: module.line_over_time(LINES, y="rate_pct", y_title="Ledighed, %", series="geography", home="A", target=2.5),
        lambda: module.grouped_bars(BARS, category="age_band_name", category_title="Alder", value="rate_pct",
                                    value_title="Ledighed, %", series="geography", home="A"),
        lambda: module.grouped_bars(BARS, category="age_band_name", category_title="Alder", value="rate_pct",
                                    value_title="V", series="geography", sort=["25–29 år", "16–24 år"], fmt=",.0f"),
        lambda: module.line_over_time(WITH_SOURCE[["month", "rate_pct", "geography", "source"]], y="rate_pct",
                                      y_title="Ledighed, %", series="geography", home="A"),
        lambda: module.grouped_bars(BARS.assign(source="Demo"), category="age_band_name", category_title="Alder",
                                    value="rate_pct", value_title="Ledighed, %", series="geography", home="A"),
    ]


CASES = case_builders()


def normalized(spec: dict) -> dict:
    """Dataset names (content hashes) replaced by their order, Arrow datasets by their rows."""
    datasets = spec["datasets"]
    names = {name: f"data-{i}" for i, name in enumerate(datasets)}
    text = json.dumps({k: v for k, v in spec.items() if k not in ("datasets", "config", "$schema")})
    for old, new in names.items():
        text = text.replace(old, new)
    out = json.loads(text)
    out["datasets"] = {
        names[name]: [{k: (v if v is None or isinstance(v, int | float | str | bool) else str(v)) for k, v in row.items()}
                      for row in pa.ipc.open_stream(raw).read_all().to_pylist()]
        for name, raw in datasets.items()
    }
    return out


@pytest.fixture(autouse=True)
def _fresh_memos():
    theme.clear_memos()
    yield
    theme.clear_memos()


@pytest.mark.parametrize("case", range(len(CASES)))
def test_builders_draw_what_the_altair_built_charts_drew(case):
    assert normalized(theme.vega_spec(CASES[case]())) == EXPECTED[case]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_fast_spec_equals_streamlits_conversion_of_the_themed_chart(case):
    """Same spec, theme and rows; the datasets' bytes differ only by Streamlit's pandas metadata."""
    chart = CASES[case]()
    fast, streamlits = theme.vega_spec(chart), _convert_altair_to_vega_lite_spec(theme.themed(chart))
    assert fast["config"] == streamlits["config"]
    assert normalized(fast) == normalized(streamlits)
    types = lambda spec: [pa.ipc.open_stream(raw).read_all().schema.remove_metadata() for raw in spec["datasets"].values()]
    assert types(fast) == types(streamlits)


@pytest.mark.parametrize("case", range(len(CASES)))
def test_built_charts_are_valid_vega_lite_and_still_altair(case):
    chart = CASES[case]()
    chart.to_dict(validate=True)
    (chart + alt.Chart(LINES).mark_rule().encode(y="rate_pct:Q")).to_dict(validate=True)


def test_only_the_drawn_columns_travel_with_the_chart():
    spec = theme.vega_spec(charts.line_over_time(WITH_SOURCE, y="rate_pct", y_title="x", series="geography"))
    (rows,) = normalized(spec)["datasets"].values()
    assert set(rows[0]) == {"month", "rate_pct", "geography", "source"}  # source: the tooltip


def test_a_chart_is_built_once_per_input_and_forgotten_on_clear():
    first = CASES[0]()
    assert CASES[0]() is first
    assert charts.line_over_time(LINES.assign(rate_pct=LINES.rate_pct + 1), y="rate_pct", y_title="Ledighed, %",
                                 series="geography", home="A") is not first
    theme.clear_memos()
    assert CASES[0]() is not first


@pytest.mark.parametrize("case", range(len(CASES)))
def test_dict_built_charts_take_the_fast_path(case):
    datasets: dict = {}
    spec = theme.dict_spec(CASES[case](), datasets)
    assert spec is not None and spec["datasets"] == datasets and datasets


def test_a_chart_built_from_altair_channels_is_left_to_altair():
    chart = alt.Chart(LINES).mark_line().encode(x="month:T", y="rate_pct:Q")
    assert theme.dict_spec(chart, {}) is None
    assert theme.vega_spec(chart) == _convert_altair_to_vega_lite_spec(theme.themed(chart))


def test_long_form_equals_one_filtered_frame_per_series_concatenated():
    wide = pd.DataFrame({
        "group": ["alle", "dagpenge", "sygedagpenge"],
        "month": pd.to_datetime(["2020-01-01"] * 3),
        "a": [1.0, None, 3.0],
        "b": [4.0, 5.0, None],
    })
    keep_rows = (wide["group"] != "alle").to_numpy()
    rows = wide[keep_rows]
    expected = pd.concat([
        pd.DataFrame({"group": rows["group"], "month": rows["month"], "series": "A", "value": rows["a"]}),
        pd.DataFrame({"group": rows["group"], "month": rows["month"], "series": "B", "value": rows["b"]}),
    ], ignore_index=True)
    got = charts.long_form(wide, ["group", "month"], {"A": "a", "B": "b"}, name="series", value="value", where=keep_rows)
    pd.testing.assert_frame_equal(got, expected)
    dropped = charts.long_form(wide, ["group", "month"], {"A": "a", "B": "b"}, name="series", value="value",
                               where=keep_rows, drop_missing=True)
    assert dropped[["group", "series"]].values.tolist() == [["sygedagpenge", "A"], ["dagpenge", "B"]]
    assert list(dropped.index) == [0, 1]
