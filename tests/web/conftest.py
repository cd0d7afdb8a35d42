"""The web view on a real server: uvicorn on 127.0.0.1 (a free port), a SQLite file filled by a real crawl."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from crawler.mirror.server import MirrorServer, load_site
from scheduler.config import Settings
from scheduler.demo import mirror_start_urls
from scheduler.serve import WebServer, listen
from storage.db import make_engine, make_session_factory, migrate
from storage.repository import ArticleRepository, EventRepository
from tests.conftest import FIXTURES, ROOT, make_cli

SECRET = "test-secret-key-0123456789"
HOSTILE = '<script>alert("x")</script> Ký kết <img src=x onerror=alert(1)>'


@dataclass
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> Answer:
    """One real HTTP request; 4xx and 5xx are answers too, not exceptions."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def crawl_fixture_sites(database_url: str, tmp: Path) -> None:
    """The three fixture sites, served on 127.0.0.1 and crawled into the database by the real CLI."""
    cli = make_cli(tmp, database_url)
    with ExitStack() as stack:
        servers = {n: stack.enter_context(MirrorServer(load_site(FIXTURES / n))) for n in ("most", "baochinhphu", "vtcnews")}
        plan = mirror_start_urls({n: s.url for n, s in servers.items()})
        args = [arg for name, urls in plan.items() for url in urls for arg in ("--start-url", f"{name}={url}")]
        done = cli("crawl", *args)
    assert done.returncode == 0, done.stderr


def add_hostile_event(factory) -> None:
    """A story whose scraped headline and party names carry markup."""
    now = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
    item = NewsItem(source="vtcnews", url="https://vtcnews.vn/ky-ket-ar999001.html", site_article_id="999001",
                    title=HOSTILE, sapo="Tóm tắt <b>đậm</b>", body="…", published_at=now, fetched_at=now)
    extraction = Extraction(relevant=True, events=(CooperationEvent(
        type=EventType.AGREEMENT, date=dt.date(2026, 11, 19), location="Hà Nội",
        vn_parties=(Party(name='Viện "Độc hại" <b>XSS</b>'),), kr_parties=(Party(name="Công ty <i>K</i>"),)),))
    with factory.begin() as session:
        _, article = ArticleRepository(session).save(item, now)
        EventRepository(session).save_extraction(article, extraction, now)


@pytest.fixture(scope="session")
def web_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite file for the web tests: the fixture crawl plus one hostile story."""
    tmp = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{tmp / 'web.db'}"
    crawl_fixture_sites(url, tmp)
    engine = make_engine(url)
    migrate(engine)
    add_hostile_event(make_session_factory(engine))
    engine.dispose()
    return url


def start_server(database_url: str, **settings: object) -> WebServer:
    """The web view in a thread of this process, on a free port of 127.0.0.1, ready to answer."""
    engine = make_engine(database_url)
    server = WebServer(Settings(database_url=database_url, **settings), make_session_factory(engine),
                       listen("127.0.0.1", 0)).start()
    deadline = time.monotonic() + 60
    while not server.server.started:
        assert time.monotonic() < deadline, "the web server did not start"
        assert server.thread is not None and server.thread.is_alive(), "the web server thread died"
        time.sleep(0.05)
    return server


@pytest.fixture(scope="session")
def web(web_database: str) -> Iterator[str]:
    """The base URL of a running web view on the shared database."""
    server = start_server(web_database)
    yield server.url
    server.stop()


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scheduler", *args], check=False, capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)
