"""`coopwatch serve`, and the web view in a thread of `coopwatch run`: uvicorn on the configured address."""

from __future__ import annotations

import datetime as dt
import logging
import socket
import threading
from collections.abc import Callable, Mapping

import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from crawler.sources import SOURCES
from scheduler.common import UsageError
from scheduler.config import Settings
from web.app import create_app
from web.deps import WebConfig

log = logging.getLogger("coopwatch.web")


NextRuns = Callable[[], Mapping[str, dt.datetime | None]]


def web_config(settings: Settings, next_runs: NextRuns | None = None) -> WebConfig:
    """What the web view is told of the settings (and where the schedule's next runs come from)."""
    return WebConfig(
        public_url=settings.public_url, secret_key=settings.secret_key.get_secret_value(),
        private=settings.web_private,
        sources=tuple(SOURCES), next_runs=next_runs,
    )


def listen(host: str, port: int) -> socket.socket:
    """A listening socket, bound here so a taken port is one clear error (port 0: any free port)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"serve: cannot resolve host {host!r}: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(f"serve: cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    return sock


class WebServer:
    """uvicorn serving the web view on one socket; run() in the foreground or start() a thread."""

    def __init__(
        self, settings: Settings, factory: sessionmaker[Session], sock: socket.socket, next_runs: NextRuns | None = None
    ) -> None:
        app = create_app(factory, web_config(settings, next_runs))
        level = "info" if settings.log_level == "DEBUG" else "warning"
        config = uvicorn.Config(app, log_config=None, log_level=level, access_log=settings.log_level == "DEBUG",
                                lifespan="off", server_header=False)
        self.server = uvicorn.Server(config)
        self.sock = sock
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.sock.getsockname()[:2]
        return f"http://{host if ':' not in host else f'[{host}]'}:{port}"

    def run(self) -> None:
        self.server.run(sockets=[self.sock])

    def start(self) -> WebServer:
        self.thread = threading.Thread(target=self.run, name="web", daemon=True)
        self.thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout)
        self.sock.close()


def start_in_daemon(
    settings: Settings, factory: sessionmaker[Session], next_runs: NextRuns
) -> WebServer | None:
    """The daemon's web view when COOPWATCH_WEB_PORT is set; None otherwise."""
    if not settings.web_port:
        return None
    server = WebServer(settings, factory, listen(settings.web_host, settings.web_port), next_runs).start()
    log.info("web view on %s", server.url)
    return server
