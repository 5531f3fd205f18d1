"""All settings in one typed class, read once from the environment and `.env`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DASHBOARD_", env_file=PROJECT_ROOT / ".env", extra="ignore")

    db_path: Path = Path("data/noegletal.duckdb")
    data_dir: Path = Path("data")
    min_persons: int = Field(default=5, ge=1, le=100)
    jobindsats_api_key: SecretStr | None = None
    home_geo: str = Field(default="151", pattern=r"^[0-9]{3}$")
    cache_ttl_seconds: int = Field(default=600, ge=0)
    # Tests set this so a failing page surfaces as an exception instead of a message.
    raise_errors: bool = False
    # Imports refuse input files (and API answers) larger than this many megabytes.
    import_max_mb: int = Field(default=50, ge=1, le=10_000)
    # Where the app keeps the reports it has built (default: a folder in the system's temp dir).
    report_dir: Path | None = None

    @field_validator("db_path", "data_dir")
    @classmethod
    def _relative_to_project(cls, path: Path) -> Path:
        """Relative paths are taken from the project root, wherever the app is started."""
        return path if path.is_absolute() else PROJECT_ROOT / path


class SettingsError(ValueError):
    """A setting with a value it cannot have (message: one Danish line naming the variable)."""


# Pydantic's error types -> what the value must be, in Danish.
RULES_DA = {
    "greater_than_equal": "skal være mindst {ge}",
    "less_than_equal": "må højst være {le}",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "bool_parsing": "skal være true eller false",
    "string_pattern_mismatch": "skal have formen {pattern}",
}


def settings_error(exc: ValidationError) -> SettingsError:
    """The first problem of a ValidationError as one Danish line naming the environment variable."""
    error = exc.errors()[0]
    name = "DASHBOARD_" + "_".join(str(part) for part in error["loc"]).upper()
    rule = RULES_DA.get(error["type"], error["msg"]).format(**error.get("ctx", {}))
    return SettingsError(f"Indstillingen {name}={error.get('input')!s} er ugyldig: {rule} (miljøvariabel eller .env).")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise settings_error(exc) from None


@contextmanager
def using_database(db_path: Path) -> Iterator[None]:
    """Point the settings at `db_path` for the duration (`DASHBOARD_DB_PATH`), then back."""
    before = os.environ.get("DASHBOARD_DB_PATH")
    os.environ["DASHBOARD_DB_PATH"] = str(db_path)
    get_settings.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DASHBOARD_DB_PATH", None)
        else:
            os.environ["DASHBOARD_DB_PATH"] = before
        get_settings.cache_clear()
