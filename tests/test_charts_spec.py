"""The chart builders write Vega-Lite as plain dicts: they must draw the specs pinned in
tests/fixtures/chart_specs.json (first written by the Altair builders), in the same theme,
as valid Vega-Lite. A change made on purpose is written into the fixture with
`UPDATE_CHART_SPECS=1 .venv/bin/python -m pytest tests/test_charts_spec.py`, its diff reviewed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest

from dashboard import charts, theme

FIXTURE = Path(__file__).parent / "fixtures" / "chart_specs.json"
EXPECTED = json.loads(FIXTURE.read_text(encoding="utf-8"))
UPDATE = os.environ.get("UPDATE_CHART_SPECS") == "1"
LINES = pd.DataFrame(
    {
        "month": pd.date_range("2020-01-01", periods=3, freq="MS").repeat(2),
        "rate_pct": [1.0, 2, 3, 4, 5, 6],
        "geography": ["Ballerup", "Hele landet"] * 3,
    }
)
BARS = pd.DataFrame(
    {
        "age_band_name": ["16–24 år", "25–29 år"] * 2,
        "rate_pct": [1.0, 2, 3, 4],
        "geography": ["Ballerup", "Ballerup", "Hele landet", "Hele landet"],
    }
)
WITH_SOURCE = LINES.assign(source=["Demo", "Referat EBU 8. december 2020"] * 3, persons=1.0, quality="demo")


def case_builders(module=charts) -> list:
    """The cases, built with `module`'s builders (the fixture was written with the Altair ones)."""
    return [
        lambda: module.line_over_time(
            LINES, y="rate_pct", y_title="Ledighed, %", series="geography", home_series="Ballerup"
        ),
        lambda: module.line_over_time(LINES, y="rate_pct", y_title="Ledighed, %", series="geography"),
        lambda: module.line_over_time(
            LINES,
            y="rate_pct",
            y_title="Ledighed, %",
            series="geography",
            home_series="Hele landet",
            target=3.0,
            target_label="Mål 2022",
            fmt=",.0f",
        ),
        lambda: module.line_over_time(
            LINES, y="rate_pct", y_title="Ledighed, %", series="geography", home_series="Ballerup", target=2.5
        ),
        lambda: module.grouped_bars(
            BARS,
            category="age_band_name",
            category_title="Alder",
            value="rate_pct",
            value_title="Ledighed, %",
            series="geography",
            home_series="Ballerup",
        ),
        lambda: module.grouped_bars(
            BARS,
            category="age_band_name",
            category_title="Alder",
            value="rate_pct",
            value_title="V",
            series="geography",
            sort=["25–29 år", "16–24 år"],
            fmt=",.0f",
        ),
        lambda: module.line_over_time(
            WITH_SOURCE[["month", "rate_pct", "geography", "source"]],
            y="rate_pct",
            y_title="Ledighed, %",
            series="geography",
            home_series="Ballerup",
        ),
        lambda: module.grouped_bars(
            BARS.assign(source="Demo"),
            category="age_band_name",
            category_title="Alder",
            value="rate_pct",
            value_title="Ledighed, %",
            series="geography",
            home_series="Ballerup",
        ),
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
        names[name]: [
            {k: (v if v is None or isinstance(v, int | float | str | bool) else str(v)) for k, v in row.items()}
            for row in pa.Table.from_pandas(frame, preserve_index=False).to_pylist()
        ]
        for name, frame in datasets.items()
    }
    return out


@pytest.mark.parametrize("case", range(len(CASES)))
def test_builders_draw_the_pinned_specs(case):
    drawn = normalized(theme.vega_spec(CASES[case]()))
    if UPDATE:
        pinned = json.loads(FIXTURE.read_text(encoding="utf-8"))
        pinned[case] = drawn
        FIXTURE.write_text(json.dumps(pinned, indent=1), encoding="utf-8")
    assert drawn == EXPECTED[case] or UPDATE


def test_theme_config_is_what_altairs_configure_calls_gave():
    for large in (False, True):
        size = 17 if large else 14
        chart = (
            alt.Chart()
            .configure(locale=theme.DANISH_LOCALE, font="Source Sans Pro, Arial, sans-serif")
            .configure_axis(labelFontSize=size, titleFontSize=size, grid=True, gridColor="#e6e6e6")
            .configure_legend(
                labelFontSize=size,
                titleFontSize=size,
                orient="bottom",
                labelLimit=320,
                **({"columns": 3} if large else {}),
            )
            .configure_title(fontSize=size + 4, anchor="start")
            .configure_view(strokeWidth=0)
            .configure_range(category=theme.PALETTE)
        )
        assert theme.theme_config(large) == chart.config.to_dict()


@pytest.mark.parametrize("case", range(len(CASES)))
def test_built_charts_are_valid_vega_lite(case):
    spec = theme.inline_spec(CASES[case](), width=640)
    assert spec["$schema"] == alt.SCHEMA_URL
    alt.LayerChart.from_dict(spec, validate=True)


def test_a_frame_drawn_by_two_layers_travels_once():
    chart = charts.layer(
        charts.dict_chart(LINES, {"type": "line"}, {}), charts.dict_chart(LINES, {"type": "point"}, {})
    )
    spec = theme.vega_spec(chart)
    assert spec["data"] == {"name": "data-0"} and list(spec["datasets"]) == ["data-0"]
    assert all("data" not in part for part in spec["layer"])


def test_only_the_drawn_columns_travel_with_the_chart():
    spec = theme.vega_spec(charts.line_over_time(WITH_SOURCE, y="rate_pct", y_title="x", series="geography"))
    (rows,) = normalized(spec)["datasets"].values()
    assert set(rows[0]) == {"month", "rate_pct", "geography", "source"}  # source: the tooltip


def test_long_form_equals_one_filtered_frame_per_series_concatenated():
    wide = pd.DataFrame(
        {
            "group": ["alle", "dagpenge", "sygedagpenge"],
            "month": pd.to_datetime(["2020-01-01"] * 3),
            "a": [1.0, None, 3.0],
            "b": [4.0, 5.0, None],
        }
    )
    keep_rows = (wide["group"] != "alle").to_numpy()
    rows = wide[keep_rows]
    expected = pd.concat(
        [
            pd.DataFrame({"group": rows["group"], "month": rows["month"], "series": "A", "value": rows["a"]}),
            pd.DataFrame({"group": rows["group"], "month": rows["month"], "series": "B", "value": rows["b"]}),
        ],
        ignore_index=True,
    )
    got = charts.long_form(
        wide, ["group", "month"], {"A": "a", "B": "b"}, name="series", value="value", where=keep_rows
    )
    pd.testing.assert_frame_equal(got, expected)
    dropped = charts.long_form(
        wide, ["group", "month"], {"A": "a", "B": "b"}, name="series", value="value", where=keep_rows, drop_missing=True
    )
    assert dropped[["group", "series"]].values.tolist() == [["sygedagpenge", "A"], ["dagpenge", "B"]]
    assert list(dropped.index) == [0, 1]


def test_an_axis_that_does_not_start_at_zero_says_so_on_a_second_line_of_its_title():
    far = LINES.assign(rate_pct=[90.0, 95, 100, 105, 110, 120])
    title = charts.line_over_time(far, y="rate_pct", y_title="Indeks", series="geography")["layer"][0]["encoding"]["y"][
        "title"
    ]
    assert title == ["Indeks", "(aksen starter ikke ved 0)"]
    near = charts.line_over_time(LINES, y="rate_pct", y_title="Ledighed, %", series="geography")
    assert near["layer"][0]["encoding"]["y"]["title"] == "Ledighed, %"
