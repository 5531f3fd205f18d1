"""The jobcenter's own figures as a tidy CSV: one figure per row (see docs/import.md).

    indikator;omraade;periode;gruppe;alder;koen;herkomst;vaerdi;personer
    samtaler_per_ledig;151;2020-09;dagpenge;alle;alle;alle;1,12;412

Required columns: indikator, omraade, periode, vaerdi. The breakdown columns (gruppe,
alder, koen, herkomst) default to `alle`; personer (a count of persons) is optional. For a
count of persons (unit `personer`) the value is the count when personer is empty, and a
personer smaller than the value is refused (the app would judge the figure by it).
Every row is validated by a pydantic model; problems are listed as
`file:row:column: message`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from dashboard.db import COUNT_UNITS
from dashboard.importers.batch import Batch, SourceInfo
from dashboard.importers.errors import Problems, reject
from dashboard.importers.periods import GRAIN_DA, Period, parse_period
from dashboard.importers.reference import Reference
from dashboard.importers.text import SemicolonCsv, column_key, norm, parse_number

COLUMNS = {
    "indikator": ("indikator", "indicator", "indicatorid", "indikatorid"),
    "omraade": ("omraade", "omrade", "geocode", "kommune"),
    "periode": ("periode", "period", "maaned", "tid"),
    "gruppe": ("gruppe", "maalgruppe", "malgruppe", "groupcode", "ydelsesgruppe"),
    "alder": ("alder", "ageband", "aldersgruppe"),
    "koen": ("koen", "kon", "gender"),
    "herkomst": ("herkomst", "origin", "oprindelse"),
    "vaerdi": ("vaerdi", "value", "tal"),
    "personer": ("personer", "persons", "antalpersoner"),
}
REQUIRED = ("indikator", "omraade", "periode", "vaerdi")
NO_MISSING: frozenset[str] = frozenset()
MAX_PERSONS = 2**31 - 1  # the database's INTEGER


class TidyRow(BaseModel):
    """One row of the tidy CSV; validated against what the database knows (`context['ref']`)."""

    model_config = ConfigDict(frozen=True)

    indikator: str
    omraade: str
    periode: Period
    gruppe: str = "alle"
    alder: str = "alle"
    koen: str = "alle"
    herkomst: str = "alle"
    vaerdi: float
    personer: int | None = None

    @staticmethod
    def _ref(info: ValidationInfo) -> Reference:
        return info.context["ref"]

    @field_validator("indikator", mode="before")
    @classmethod
    def _indicator(cls, v: str, info: ValidationInfo) -> str:
        key = str(v).strip()
        indicators = cls._ref(info).indicators
        if key not in indicators:
            close = [i for i in indicators if key.lower()[:6] and key.lower()[:6] in i]
            hint = f"; mente du {', '.join(sorted(close)[:3])}?" if close else "; se listen i docs/import.md"
            raise ValueError(f"ukendt indikator {key!r}{hint}")
        return key

    @field_validator("omraade", mode="before")
    @classmethod
    def _area(cls, v: str, info: ValidationInfo) -> str:
        code = cls._ref(info).area(v)
        if code is None:
            raise ValueError(f"ukendt område {v!r}; brug en kode (151), et navn (Ballerup) eller et slug")
        return code

    @field_validator("periode", mode="before")
    @classmethod
    def _period(cls, v: str) -> Period:
        return parse_period(v)

    @field_validator("gruppe", "alder", "koen", "herkomst", mode="before")
    @classmethod
    def _breakdown(cls, v: str, info: ValidationInfo) -> str:
        ref = cls._ref(info)
        allowed = {"gruppe": ref.groups, "alder": ref.ages, "koen": ref.genders, "herkomst": ref.origins}[
            info.field_name
        ]
        key = norm(v).replace(" ", "-").replace("–", "-") or "alle"
        if key not in allowed:
            raise ValueError(f"ukendt værdi {v!r}; brug en af: {', '.join(sorted(allowed))}")
        return key

    @field_validator("vaerdi", mode="before")
    @classmethod
    def _value(cls, v: str) -> float:
        number = parse_number(v, missing=NO_MISSING)
        if number < 0:
            raise ValueError(f"værdien {v!r} er negativ")
        return number

    @field_validator("personer", mode="before")
    @classmethod
    def _persons(cls, v: str) -> int | None:
        if v is None or not str(v).strip():
            return None
        number = parse_number(v, missing=NO_MISSING)
        if number != int(number):
            raise ValueError(f"antal personer skal være et helt tal, ikke {v!r}")
        if number < 0:
            raise ValueError(f"antal personer kan ikke være negativt ({v!r})")
        if number > MAX_PERSONS:
            raise ValueError(f"antal personer er for stort ({v!r}); højst {MAX_PERSONS}")
        return int(number)

    @model_validator(mode="after")
    def _grain_matches(self, info: ValidationInfo) -> TidyRow:
        indicator = self._ref(info).indicators[self.indikator]
        if self.periode.grain != indicator.grain:
            raise ValueError(
                f"periode: {self.indikator} opgøres pr. {GRAIN_DA.get(indicator.grain, indicator.grain)}, "
                f"men perioden er et {GRAIN_DA[self.periode.grain]}"
            )
        if indicator.unit == "pct" and self.vaerdi > 100:
            raise ValueError(f"vaerdi: {self.indikator} er en procent, og {self.vaerdi:g} er over 100")
        if indicator.unit in COUNT_UNITS and self.personer is not None and self.personer < self.vaerdi:
            raise ValueError(
                f"personer: {self.indikator} er et antal personer, og personer ({self.personer}) er mindre end "
                f"værdien ({self.vaerdi:g}); lad personer stå tom eller angiv mindst værdien"
            )
        return self


def source_info(name: str, file_name: str, fetched_at, ref: str) -> SourceInfo:
    return SourceInfo("egne-tal", name, file_name, None, fetched_at, ref)


def parse_file(path: Path, display: str, ref: Reference, source: SourceInfo, *, max_bytes: int) -> Batch:
    csv_file = SemicolonCsv(path, display, max_bytes)
    index: dict[str, int] = {}
    unknown = []
    for i, h in enumerate(csv_file.header):
        name = next((c for c, aliases in COLUMNS.items() if column_key(h) in aliases), None)
        if name is None:
            unknown.append(h)
        elif name in index:
            raise reject(display, f"kolonnen {h!r} står to gange", row=csv_file.header_line)
        else:
            index[name] = i
    problems = Problems(display)
    if unknown:
        problems.add(csv_file.header_line, unknown[0], f"ukendt kolonne; tilladte kolonner: {', '.join(COLUMNS)}")
    for name in REQUIRED:
        if name not in index:
            problems.add(csv_file.header_line, name, "kolonnen mangler")
    problems.raise_if_any()
    header = csv_file.header
    batch = Batch(path.name, source)
    seen: dict[tuple, int] = {}
    for row in csv_file.rows():
        batch.rows_read += 1
        raw = {name: row.cells[i] for name, i in index.items()}
        try:
            item = TidyRow.model_validate(raw, context={"ref": ref})
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else None
                message = str(error["msg"]).removeprefix("Value error, ")
                if field is None and ": " in message:
                    field, message = message.split(": ", 1)
                column = header[index[field]] if field in index else field
                problems.add(row.line, column, message)
            continue
        key = (
            item.indikator,
            item.omraade,
            item.periode.grain,
            item.periode.start,
            item.gruppe,
            item.alder,
            item.koen,
            item.herkomst,
        )
        if key in seen:
            problems.add(row.line, None, f"samme indikator, område, periode og opdeling som række {seen[key]} (dublet)")
            continue
        seen[key] = row.line
        batch.observations.append(
            (
                item.indikator,
                item.omraade,
                item.periode.grain,
                item.periode.start,
                item.periode.end,
                item.gruppe,
                item.alder,
                item.koen,
                item.herkomst,
                item.vaerdi,
                item.personer,
            )
        )
    problems.raise_if_any()
    return batch
