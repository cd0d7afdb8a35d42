"""The one settings object: environment variables (prefix COOPWATCH_) and an optional TOML file."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]  # APScheduler 3: no hints
from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from crawler.sources import SOURCES

EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class SettingsError(Exception):
    """A setting is missing or wrong; the message names it."""


class SourceSettings(BaseModel):
    """Per-source overrides; empty lists mean the source's defaults."""

    model_config = {"extra": "forbid"}

    start_urls: list[str] = Field(default_factory=list)
    feed_urls: list[str] | None = None
    enabled: bool = True
    interval_minutes: float = Field(default=60, gt=0)
    cron: str | None = None  # a crontab line ("0 */2 * * *"); replaces the interval

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                CronTrigger.from_crontab(value)
            except ValueError as exc:
                raise ValueError(f"bad cron expression {value!r}: {exc}") from None
        return value


class Settings(BaseSettings):
    """Everything coopwatch can be told; see the README's Configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="COOPWATCH_", env_nested_delimiter="__", extra="forbid"
    )

    data_dir: Path = Path("data")
    database_url: str = ""
    contact_email: str = "coopwatch@example.org"
    analyst: str = ""  # who makes corrections from this account (`--by` overrides; empty: the OS user)
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
    log_format: Literal["text", "json"] = "text"

    # the daemon
    crawl_jitter_seconds: int = 300
    crawl_timeout_minutes: float = 30
    digest_check_minutes: float = 5
    misfire_grace_seconds: int = 900
    leader_lease_seconds: float = Field(default=30, gt=1)
    # mail
    smtp_host: str = ""
    smtp_port: int = 0
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_password_file: Path | None = None
    smtp_timeout: float = 30
    mail_from: str = "coopwatch <coopwatch@localhost>"
    operator_email: str = ""
    outbox: Path = Path("outbox")
    # watching the sources
    incident_failed_runs: int = 3
    incident_missing_field_share: float = 0.3
    # the web view (`coopwatch serve`, or `coopwatch run` when web_port is set)
    web_host: str = "127.0.0.1"
    web_port: int | None = Field(default=None, ge=1, le=65535)
    public_url: str = ""  # where readers reach the web view; digests then link to one-click unsubscribe
    secret_key: SecretStr = SecretStr("")
    secret_key_file: Path | None = None
    web_private: bool = False  # every page but /login, /static and /unsubscribe needs a signed-in user

    @field_validator("log_level")
    @classmethod
    def _valid_level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"unknown log level {value!r}")
        return value.upper()

    @field_validator("timezone")
    @classmethod
    def _valid_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("operator_email", "contact_email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        if value and not EMAIL.match(value):
            raise ValueError(f"not an email address: {value!r}")
        return value

    @model_validator(mode="after")
    def _password_from_file(self) -> Settings:
        if self.smtp_password_file is not None and not self.smtp_password.get_secret_value():
            try:
                secret = self.smtp_password_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ValueError(f"smtp_password_file: cannot read {self.smtp_password_file}: {exc.strerror}") from None
            self.smtp_password = SecretStr(secret)
        return self

    @field_validator("public_url")
    @classmethod
    def _valid_public_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if value and (parts.scheme not in ("http", "https") or not parts.netloc or parts.query):
            raise ValueError(f"not an http(s) URL without a query: {value!r}")
        return value.strip().rstrip("/")

    @model_validator(mode="after")
    def _secret_key(self) -> Settings:
        if self.secret_key_file is not None and not self.secret_key.get_secret_value():
            try:
                secret = self.secret_key_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ValueError(
                    f"COOPWATCH_SECRET_KEY_FILE: cannot read {self.secret_key_file}: {exc.strerror}"
                ) from None
            self.secret_key = SecretStr(secret)
        if self.public_url and len(self.secret_key.get_secret_value()) < 16:
            # the key signs unsubscribe links: without it anyone could unsubscribe anyone
            raise ValueError(
                "COOPWATCH_SECRET_KEY: needed (16 characters or more, or COOPWATCH_SECRET_KEY_FILE)"
                " when COOPWATCH_PUBLIC_URL is set"
            )
        if self.web_private and len(self.secret_key.get_secret_value()) < 16:
            # the key signs the session cookies: without it nobody could sign in to a private view
            raise ValueError(
                "COOPWATCH_SECRET_KEY: needed (16 characters or more, or COOPWATCH_SECRET_KEY_FILE)"
                " when COOPWATCH_WEB_PRIVATE is set"
            )
        return self

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
    if config_file and os.name == "posix" and Path(config_file).stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
        import logging

        logging.getLogger(__name__).warning(
            "settings file %s is readable by other users; it may hold passwords (chmod 600 it)", config_file
        )
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "COOPWATCH_" + "__".join(str(p) for p in first["loc"] if not str(p).startswith("function")).upper()
        message = str(first["msg"]).removeprefix("Value error, ")
        if not first["loc"]:  # a check across settings names them itself
            raise SettingsError(message) from None
        raise SettingsError(f"{where}: {message}") from None
