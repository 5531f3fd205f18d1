"""The one chart theme: Danish locale, large type for screen sharing, calm colours."""

from __future__ import annotations

import copy
import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import nullcontext
from functools import cache
from typing import Any, TypeVar

import altair as alt
import pandas as pd

from dashboard.format import DAYS_DA, DAYS_SHORT_DA, MONTHS_DA, MONTHS_SHORT_DA
from dashboard.frames import NOT_ARROW, arrow_table

HOME_COLOR = "#c8102e"
PALETTE = ["#c8102e", "#1f4e79", "#5b9bd5", "#7f7f7f", "#a5a5a5", "#ed7d31", "#70ad47", "#ffc000", "#264478", "#9e480e"]
TARGET_COLOR = "#2e7d32"

DANISH_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "time": {
        "dateTime": "%A den %d. %B %Y %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": DAYS_DA,
        "shortDays": DAYS_SHORT_DA,
        "months": MONTHS_DA,
        "shortMonths": MONTHS_SHORT_DA,
    },
}


def themed(chart: alt.TopLevelMixin, *, large: bool = False) -> alt.TopLevelMixin:
    """Put the Danish locale and our type sizes on the top-level chart (where Streamlit reads them)."""
    size = 17 if large else 14
    return (
        chart.configure(locale=DANISH_LOCALE, font="Source Sans Pro, Arial, sans-serif")
        .configure_axis(labelFontSize=size, titleFontSize=size, grid=True, gridColor="#e6e6e6")
        .configure_legend(labelFontSize=size, titleFontSize=size, orient="bottom", labelLimit=320,
                          # large type beside a table: four entries no longer fit on one line
                          **({"columns": 3} if large else {}))
        .configure_title(fontSize=size + 4, anchor="start")
        .configure_view(strokeWidth=0)
        .configure_range(category=PALETTE)
    )


def _share_altair_class_table() -> None:
    """Build Altair's table of schema classes once instead of for every channel.

    Altair 6 turns each channel it wraps (`alt.X("month:T")`, `alt.Tooltip(...)`, …) into
    its class through `_FromDict`, whose constructor hashes the JSON schema of all ~600
    schema classes — about 5 ms per channel, most of the cost of building a chart. The
    table depends only on the classes, so it is built once per set of classes and shared
    (`tests/test_charts_spec.py` checks the charts come out the same).
    """
    from altair.utils import schemapi

    table_class = getattr(schemapi, "_FromDict", None)
    if table_class is None or getattr(table_class, "_noegletal_shared", False):
        return
    tables: dict[tuple, Any] = {}
    original = table_class.__init__

    def __init__(self: Any, wrapper_classes: Any, /) -> None:
        classes = tuple(wrapper_classes)
        table = tables.get(classes)
        if table is None:
            original(self, classes)
            tables[classes] = self.class_dict
        else:
            self.class_dict = table

    table_class.__init__ = __init__
    table_class._noegletal_shared = True


_share_altair_class_table()


@cache
def theme_config(large: bool = False) -> dict[str, Any]:
    """The theme's Vega-Lite `config`, worked out once."""
    return themed(alt.Chart(), large=large).config.to_dict(validate=False)


def _globals_lock() -> Any:
    try:  # the lock Streamlit holds while it switches Altair's global theme and transformer
        from streamlit.elements.vega_charts import _altair_globals_lock

        return _altair_globals_lock
    except ImportError:  # pragma: no cover - another Streamlit version
        return _LOCK


_LOCK = threading.Lock()


def vega_spec(chart: alt.TopLevelMixin, *, large: bool = False) -> dict[str, Any]:
    """The chart as a Vega-Lite dict in our theme, for `st.vega_lite_chart`.

    The same spec `st.altair_chart(themed(chart))` draws, at a fraction of the cost: the
    theme's config is put on as a ready dict (each `configure_*` call deep-copies the
    whole chart), and the spec is not validated against the Vega-Lite JSON schema again
    (Altair checks each channel as it is built). The data travel as Arrow, named by a
    hash of their content, exactly as Streamlit's own Altair path sends them. A chart
    object seen before (see `memo_chart`) gets its spec from memory.
    """
    with _MEMO_LOCK:
        hit = _SPECS.get((id(chart), large))
    if hit is not None and hit[0] is chart:
        return dict(hit[1])
    from streamlit.elements.vega_charts import _to_arrow_dataset

    datasets: dict[str, Any] = {}
    spec = dict_spec(chart, datasets)
    if spec is None:  # channel objects, shorthands, params: Altair works those out
        datasets = {}
        alt.data_transformers.register("noegletal_arrow", _to_arrow_dataset)
        with _globals_lock():
            theme = alt.theme.enable("none") if alt.theme.active == "default" else nullcontext()
            with theme, alt.data_transformers.enable("noegletal_arrow", datasets=datasets):
                spec = chart.to_dict(validate=False)
    spec["config"] = copy.deepcopy(theme_config(large))
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    with _MEMO_LOCK:
        _SPECS[(id(chart), large)] = (chart, spec)
        while len(_SPECS) > MEMO_SIZE:
            _SPECS.popitem(last=False)
    return dict(spec)


def arrow_dataset(frame: pd.DataFrame, datasets: dict[str, Any]) -> dict[str, str]:
    """The frame as one of the spec's datasets: Arrow IPC bytes named by their hash, as
    Streamlit's own Altair path stores them, but built column by column from the frame's
    arrays (Arrow text passes as it is) rather than through `pa.Table.from_pandas` and its
    pandas metadata (~0,4 of ~0,5 ms a dataset). The rows and types are the same.
    Anything Arrow cannot take that way goes through Streamlit's conversion."""
    from streamlit.dataframe_util import convert_arrow_table_to_arrow_bytes
    from streamlit.elements.vega_charts import _to_arrow_dataset
    from streamlit.util import calc_hash

    try:
        table = arrow_table(frame)
    except NOT_ARROW:
        return _to_arrow_dataset(frame, datasets)
    data = convert_arrow_table_to_arrow_bytes(table)
    name = calc_hash(data)
    datasets[name] = data
    return {"name": name}


class _NotPlain(Exception):
    """The chart holds something only Altair's own to_dict can turn into Vega-Lite."""


_PLAIN_CLASSES = ("Chart", "LayerChart", "FacetedEncoding")


def dict_spec(chart: alt.TopLevelMixin, datasets: dict[str, Any]) -> dict[str, Any] | None:
    """The Vega-Lite of a chart whose marks and encodings are plain dicts (`charts.dict_chart`),
    or None for any other chart.

    Altair's to_dict deep-copies the chart at every level of layering (~20.000 copies for
    the COVID-19 page, ~12 ms a chart); a chart made of dicts only needs its dicts read
    out. The data frames become Arrow datasets named by content, as Streamlit's Altair
    path names them. `tests/test_charts_spec.py` holds the result equal to Altair's.
    """
    converted: dict[int, tuple[pd.DataFrame, dict[str, str]]] = {}  # the frame is kept: its id stays its own

    def plain(value: Any) -> Any:
        if isinstance(value, alt.SchemaBase):
            if type(value).__name__ not in _PLAIN_CLASSES:
                raise _NotPlain
            out = {}
            for key, item in value._kwds.items():
                if item is alt.Undefined:
                    continue
                if key == "data" and isinstance(item, pd.DataFrame):
                    if id(item) not in converted:  # layers sharing one frame share its dataset
                        converted[id(item)] = (item, arrow_dataset(item, datasets))
                    out[key] = dict(converted[id(item)][1])
                else:
                    out[key] = plain(item)
            return out
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if v is not alt.Undefined}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, str | int | float | bool) or value is None:
            return value
        raise _NotPlain

    try:
        spec = plain(chart)
    except _NotPlain:
        return None
    return {"$schema": alt.SCHEMA_URL, **spec, "datasets": dict(datasets)}


# ---------------------------------------------------------------------------------------
# Charts built once per distinct input: a rerun with the same (cached) data gets the same
# chart object back, and with it the spec worked out the first time.

MEMO_SIZE = 512
_MEMO_LOCK = threading.Lock()
_CHARTS: OrderedDict[tuple, alt.TopLevelMixin] = OrderedDict()
_SPECS: OrderedDict[tuple[int, bool], tuple[alt.TopLevelMixin, dict[str, Any]]] = OrderedDict()
F = TypeVar("F", bound=Callable[..., alt.TopLevelMixin])


def clear_memos() -> None:
    """Forget every remembered chart and spec (a cold start, for the benchmark)."""
    with _MEMO_LOCK:
        _CHARTS.clear()
        _SPECS.clear()


def frame_fingerprint(frame: pd.DataFrame) -> str:
    """A hash of the pickled frame: equal hashes mean equal frames (columns, types, values,
    index). Equal frames laid out differently in memory may differ: then it only misses."""
    return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).hexdigest()


def _key_part(value: Any) -> Any:
    return ("frame", frame_fingerprint(value)) if isinstance(value, pd.DataFrame) else repr(value)


def memo_chart(builder: F) -> F:
    """Remember the charts a builder made, keyed by its arguments (frames by content)."""

    @functools.wraps(builder)
    def wrapper(*args: Any, **kwargs: Any) -> alt.TopLevelMixin:
        key = (builder.__qualname__, tuple(_key_part(a) for a in args),
               tuple(sorted((k, _key_part(v)) for k, v in kwargs.items())))
        with _MEMO_LOCK:
            chart = _CHARTS.get(key)
            if chart is not None:
                _CHARTS.move_to_end(key)
                return chart
        chart = builder(*args, **kwargs)
        with _MEMO_LOCK:
            _CHARTS[key] = chart
            while len(_CHARTS) > MEMO_SIZE:
                _CHARTS.popitem(last=False)
        return chart

    return wrapper  # type: ignore[return-value]
