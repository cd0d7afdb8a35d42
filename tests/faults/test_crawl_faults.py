"""The crawl against a fault-injecting server: it ends, keeps what is healthy, says what failed
and where, and a later healthy run stores what was missed without duplicating anything."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from crawler.mirror.server import MirrorServer
from tests.conftest import ROOT, Cli
from tests.crawler.test_crawl import sources_args
from tests.daemon import wait_for

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
    args = ["crawl", *sources_args(mirror)]
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
    second = cli("crawl", *sources_args(mirror, "vtcnews"), timeout=300)  # the others are whole
    assert second.returncode == 0
    stored = cli.json("articles")
    assert len(stored) == TOTAL, [a["title"] for a in stored if a["source"] == "vtcnews"]
    assert len({a["url"] for a in stored}) == TOTAL
    events = cli.json("items")
    keys = {(e["type"], e["date"], json.dumps(e["vn_parties"]), json.dumps(e["kr_parties"])) for e in events}
    assert len(keys) == len(events)  # no event stored twice


def test_refused_connection_then_recovery(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    server = mirror["vtcnews"]
    args = ["crawl", *sources_args(mirror)]
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


def test_sigterm_mid_crawl_loses_nothing_it_counted_and_the_next_run_stores_the_rest(
        mirror: dict[str, MirrorServer], sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    answered: list[str] = []

    def slow_after_six(path: str) -> None:
        if re.search(r"-ar\d+|-102\d+|-197\d+|/vn/tin-tuc/", path):
            answered.append(path)
            if len(answered) > 6:
                time.sleep(2)  # the crawl is still fetching when SIGTERM comes

    for server in mirror.values():
        server.hook = slow_after_six
    args = ["crawl", *sources_args(mirror)]
    child = subprocess.Popen([sys.executable, "-m", "scheduler", *args], env=cli.env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(lambda: len(answered) > 8, 120)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=120)
    rows = [line.split() for line in out.splitlines()]
    counted = sum(int(row[2]) for row in rows if row and row[0] in ("most", "baochinhphu", "vtcnews"))
    stored = len(cli.json("articles"))
    assert 0 < stored < TOTAL, out + err
    assert stored >= counted  # every article the run reported as new is in the store
    for server in mirror.values():
        server.hook = None
    assert cli(*args, timeout=300).returncode == 0
    after = cli.json("articles")
    assert len(after) == TOTAL and len({a["url"] for a in after}) == TOTAL
