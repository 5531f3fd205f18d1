"""What the database knows: areas (by code, name or slug), indicators and breakdown values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from dashboard.importers.errors import reject
from dashboard.importers.text import norm


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    name_da: str
    unit: str
    grain: str


@dataclass
class Reference:
    areas: dict[str, str]
    area_names: dict[str, str]
    indicators: dict[str, Indicator]
    groups: set[str]
    ages: set[str]
    genders: set[str]
    origins: set[str]
    home_geo: str
    levels: dict[str, str]
    regions: dict[str, str]

    @classmethod
    def load(cls, db_path: Path, home_geo: str = "151") -> Reference:
        if not db_path.exists():
            raise reject(str(db_path), "databasen findes ikke – kør først `python -m dashboard build`")
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            geo = con.execute("SELECT geo_code, slug, name_da, level, region_code FROM geography").fetchall()
            indicators = {
                r[0]: Indicator(*r)
                for r in con.execute("SELECT indicator_id, name_da, unit, grain FROM indicator").fetchall()
            }

            def codes(table: str, column: str) -> set[str]:
                return {r[0] for r in con.execute(f"SELECT {column} FROM {table}").fetchall()}  # fixed table names

            groups, ages = codes("target_group", "group_code"), codes("age_band", "age_band")
            genders, origins = codes("gender", "gender"), codes("origin", "origin")
        except duckdb.Error as exc:
            raise reject(str(db_path), f"databasen kan ikke læses: {exc}") from None
        finally:
            con.close()
        areas: dict[str, str] = {}
        for code, slug, name, level, _ in geo:
            for alias in (code, slug, name):
                areas.setdefault(norm(alias), code)
            if level == "kommune":
                areas.setdefault(norm(f"{name} Kommune"), code)
            if level == "region":
                areas.setdefault(norm(name.removeprefix("Region ")), code)
        areas.setdefault("i alt", "000")
        areas.setdefault("danmark", "000")
        names = {r[0]: r[2] for r in geo}
        levels = {r[0]: r[3] for r in geo}
        regions = {r[0]: r[4] for r in geo if r[4]}
        return cls(areas, names, indicators, groups, ages, genders, origins, home_geo, levels, regions)

    def area(self, text: object) -> str | None:
        """The geo_code for a code (`151`, `84`), a name (`Ballerup`, `Hele landet`) or a slug."""
        key = norm(text)
        if key.isdigit() and len(key) < 3:
            key = key.zfill(3)
        return self.areas.get(key)

    def area_name(self, geo_code: str) -> str:
        return self.area_names.get(geo_code, geo_code)
