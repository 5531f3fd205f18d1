"""A validated import, ready to apply: official rows plus the source they come from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

OBSERVATION_COLUMNS = (
    "indicator_id",
    "geo_code",
    "grain",
    "period_start",
    "period_end",
    "group_code",
    "age_band",
    "gender",
    "origin",
    "value",
    "persons",
)
BENCHMARK_COLUMNS = (
    "period",
    "period_start",
    "benefit_group",
    "geo_code",
    "expected_persons",
    "actual_persons",
    "population",
    "difference_pct_point",
    "rank",
)

# Why rows of an input were not imported (shown in the summary).
SKIP_REASONS = {
    "missing": "celler uden værdi ('..' eller '-')",
    "incomplete": "celler hvor en del af summen mangler i filen",
    "unused": "rækker med kategorier som dashboardet ikke bruger",
    "before": "rækker før --from",
    "areas": "rækker for områder som dashboardet ikke har (fx Christiansø, udlandet, uoplyst kommune)",
}


@dataclass
class SourceInfo:
    """The `source` row an import adds (kind `statistics`)."""

    prefix: str
    name_da: str
    table_id: str | None
    url: str | None
    fetched_at: datetime
    ref: str


@dataclass
class Batch:
    label: str
    source: SourceInfo
    observations: list[tuple] = field(default_factory=list)
    benchmark: list[tuple] = field(default_factory=list)
    rows_read: int = 0
    skipped: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    @property
    def data_as_of(self) -> date | None:
        ends = [r[4] for r in self.observations] + [_benchmark_end(r[1]) for r in self.benchmark]
        return max(ends) if ends else None

    def __len__(self) -> int:
        return len(self.observations) + len(self.benchmark)


def _benchmark_end(start: date) -> date:
    """A benchmark period is one year from its first day."""
    return date(start.year + 1, start.month, 1) - timedelta(days=1)
