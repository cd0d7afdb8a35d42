"""What handlers are given: the web view's settings and a database session per request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker


@dataclass(frozen=True)
class WebConfig:
    """The settings the web view needs, passed in by the composition root (scheduler/serve.py)."""

    public_url: str = ""  # empty: links are built from the request's own address
    secret_key: str = ""  # signs unsubscribe links; empty: unsubscribing is off
    private: bool = False  # COOPWATCH_WEB_PRIVATE: reading needs a signed-in user too
    sources: tuple[str, ...] = ()
    next_runs: Callable[[], Mapping[str, dt.datetime | None]] | None = None

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

    def base_url(self, request: Request) -> str:
        """Where readers reach this server, without a trailing slash."""
        return self.public_url or str(request.base_url).rstrip("/")


def config(request: Request) -> WebConfig:
    value: WebConfig = request.app.state.config
    return value


def session(request: Request) -> Iterator[Session]:
    """A session per request, closed (what was not committed rolled back) after it.

    Only unsubscribing writes, and it commits itself before answering: a dependency's teardown may
    run after the response is sent, and the reader must not be told "done" before it is.
    """
    factory: sessionmaker[Session] = request.app.state.factory
    with factory() as db:
        yield db


DbSession = Annotated[Session, Depends(session)]
Config = Annotated[WebConfig, Depends(config)]
