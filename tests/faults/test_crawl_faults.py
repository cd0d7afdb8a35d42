"""The crawl against a fault-injecting server: it ends, keeps what is healthy, says what failed
and where, and a later healthy run stores what was missed without duplicating anything."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from crawler.mirror.server import MirrorServer
from scheduler.demo import mirror_start_urls
from tests.conftest import Cli

ARTICLE = "/vkbia-ky-ket-hop-tac-voi-chungbuk-technopark-phat-trien-khcn-viet-han-ar648657.html"
PAGE_2 = "/the-gioi-30/trang-2.html"
FEED = "/rss/the-gioi.rss"
TOTAL = 36  # articles in the three fixture sites

Fault = Callable[[MirrorServer], None]


def answer(path: str, status: int, headers: dict[str, str], body: bytes) -> Fault:
    def install(server: MirrorServer) -> None:
        server.hook = lambda requested: (status, headers, body) if requested == path else None
    return install


def rewrite(path: str, change: Callable[[str], str], ctype: str | None = None) -> Fault:
    def install(server: MirrorServer) -> None:
        original_type, text = server.site[path]
        server.site[path] = (ctype or original_type, change(text))
    return install


def raw(path: str, content_type: str, body: bytes) -> Fault:
    return answer(path, 200, {"Content-Type": content_type}, body)


def redirect_loop(server: MirrorServer) -> None:
    server.hook = lambda p: (302, {"Location": ARTICLE}, b"") if p == ARTICLE else None


def redirect_elsewhere(server: MirrorServer) -> None:
    server.hook = lambda p: (302, {"Location": f"http://localhost:{server.port}{ARTICLE}?moved"}, b"") if p == ARTICLE else None


def big(server: MirrorServer) -> None:
    server.hook = lambda p: (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * (20 * 1024 * 1024)) if p == ARTICLE else None


SCENARIOS: dict[str, tuple[Fault, str]] = {
    "500 on a listing page": (answer(PAGE_2, 500, {}, b"oops"), "500"),
    "503 with Retry-After": (answer(ARTICLE, 503, {"Retry-After": "1"}, b"busy"), "503"),
    "no answer (timeout)": (answer(ARTICLE, 200, {"X-Mirror-Sleep": "5"}, b"late"), "timeout"),
    "body cut off mid-page": (answer(ARTICLE, 200, {"Content-Type": "text/html", "X-Mirror-Cut": "2000"}, b"<html>" + b" " * 9000), "lost"),
    "empty 200": (raw(ARTICLE, "text/html", b""), "title not found"),
    "listing without links": (rewrite(PAGE_2, lambda t: t.replace("-ar", "-xx")), ""),
    "redirect loop": (redirect_loop, "redirect"),
    "redirect to another host": (redirect_elsewhere, "ffsite"),
    "20 MB page": (big, "size"),
    "malformed RSS": (raw(FEED, "application/rss+xml", b"<?xml version='1.0'?><rss><channel><item><title>x"), "feed"),
    "title missing": (rewrite(ARTICLE, lambda t: re.sub(r"<h1.*?</h1>|<title>.*?</title>|<meta property=\"og:title\"[^>]*>", "", t)), "title not found"),
    "date missing": (rewrite(ARTICLE, lambda t: t.replace("time-update", "x")), "published date not found"),
}


def all_sources(mirror: dict[str, MirrorServer]) -> list[str]:
    plan = mirror_start_urls({name: server.url for name, server in mirror.items()})
    return [arg for source, urls in plan.items() for url in urls for arg in ("--start-url", f"{source}={url}")]


def runs(cli: Cli) -> dict[str, dict]:
    from sqlalchemy import create_engine, text

    engine = create_engine(cli.database_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT source, outcome, errors, error_messages FROM crawl_runs ORDER BY id")).all()
    engine.dispose()
    latest: dict[str, dict] = {}
    for source, outcome, errors, messages in rows:
        latest[source] = {"outcome": outcome, "errors": errors, "messages": json.loads(messages) if isinstance(messages, str) else messages}
    return latest


@pytest.fixture
def cli(sqlite_cli: Cli) -> Cli:
    """Fault runs use SQLite (PostgreSQL is covered by the other suites) and wait 3 s for an answer."""
    return Cli(sqlite_cli.database_url, {**sqlite_cli.env, "COOPWATCH_DOWNLOAD_TIMEOUT": "3"})


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_fault(name: str, mirror: dict[str, MirrorServer], cli: Cli) -> None:
    fault, reason = SCENARIOS[name]
    server = mirror["vtcnews"]
    pristine = dict(server.site)
    fault(server)
    args = ["crawl", "--source", "most", "--source", "baochinhphu", "--source", "vtcnews", *all_sources(mirror)]
    first = cli(*args, timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Traceback" not in first.stderr
    stored = cli.json("articles")
    by_source = {s: sum(a["source"] == s for a in stored) for s in ("most", "baochinhphu", "vtcnews")}
    assert by_source["most"] == 14 and by_source["baochinhphu"] == 11  # the other sources are whole
    assert by_source["vtcnews"] >= 8  # the healthy VTC pages are stored
    latest = runs(cli)
    assert latest["most"]["outcome"] == "ok" and latest["baochinhphu"]["outcome"] == "ok"
    if reason:
        assert latest["vtcnews"]["errors"] >= 1
        assert any(reason.lower() in m.lower() for m in latest["vtcnews"]["messages"]), latest["vtcnews"]["messages"]

    server.hook = None
    server.site.clear()
    server.site.update(pristine)
    second = cli(*args, timeout=300)
    assert second.returncode == 0
    stored = cli.json("articles")
    assert len(stored) == TOTAL, [a["title"] for a in stored if a["source"] == "vtcnews"]
    assert len({a["url"] for a in stored}) == TOTAL
    events = cli.json("items")
    keys = {(e["type"], e["date"], json.dumps(e["vn_parties"]), json.dumps(e["kr_parties"])) for e in events}
    assert len(keys) == len(events)  # no event stored twice


def test_refused_connection_then_recovery(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    server = mirror["vtcnews"]
    args = ["crawl", "--source", "most", "--source", "baochinhphu", "--source", "vtcnews", *all_sources(mirror)]
    server.stop()
    first = cli(*args, timeout=300)
    assert first.returncode == 0  # not every source failed
    assert "vtcnews" in first.stdout and "FAILED" in first.stdout
    assert runs(cli)["vtcnews"]["outcome"] == "failed"
    assert any("refused" in m.lower() for m in runs(cli)["vtcnews"]["messages"])
    revived = MirrorServer(server.site, port=server.port).start()
    try:
        assert cli(*args, timeout=300).returncode == 0
    finally:
        revived.stop()
        mirror["vtcnews"] = server
        server.stop = lambda: None  # already stopped
    stored = cli.json("articles")
    assert len(stored) == TOTAL and len({a["url"] for a in stored}) == TOTAL
