"""The one settings object: environment variables (prefix COOPWATCH_) and an optional TOML file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from crawler.sources import SOURCES


class SettingsError(Exception):
    """A setting is missing or wrong; the message names it."""


class SourceSettings(BaseModel):
    """Per-source overrides; empty lists mean the source's defaults."""

    start_urls: list[str] = Field(default_factory=list)
    feed_urls: list[str] | None = None
    enabled: bool = True
    interval_minutes: int = 60
    cron: str | None = None


class Settings(BaseSettings):
    """Everything coopwatch can be told; see the README's Configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="COOPWATCH_", env_nested_delimiter="__", extra="forbid"
    )

    data_dir: Path = Path("data")
    database_url: str = ""
    contact_email: str = "coopwatch@example.org"
    timezone: str = "Asia/Ho_Chi_Minh"
    sources: dict[str, SourceSettings] = Field(default_factory=dict)
    # politeness; the tests and benchmarks turn these down for mirrors on 127.0.0.1
    obey_robots: bool = True
    autothrottle: bool = True
    download_delay: float = 1.0
    concurrent_per_site: int = 1
    download_timeout: float = 30.0
    retry_times: int = 3
    max_pages_per_section: int = 30
    log_level: str = "INFO"

    @field_validator("sources")
    @classmethod
    def _known_sources(cls, value: dict[str, SourceSettings]) -> dict[str, SourceSettings]:
        unknown = sorted(set(value) - set(SOURCES))
        if unknown:
            raise ValueError(f"unknown source {unknown[0]!r}; known: {', '.join(SOURCES)}")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get("COOPWATCH_CONFIG")
        if config_file:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config_file)))
        return tuple(sources)

    @property
    def resolved_database_url(self) -> str:
        """The configured database URL, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'coopwatch.db').resolve()}"

    def source(self, name: str) -> SourceSettings:
        """The settings of one source, defaults filled in."""
        return self.sources.get(name, SourceSettings())


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, turning validation failures into one clear SettingsError."""
    config_file = os.environ.get("COOPWATCH_CONFIG")
    if config_file and not Path(config_file).is_file():
        raise SettingsError(f"COOPWATCH_CONFIG: no such file {config_file}")
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "COOPWATCH_" + "__".join(str(p) for p in first["loc"]).upper()
        raise SettingsError(f"{where}: {first['msg']}") from None
