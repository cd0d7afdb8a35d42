"""A `coopwatch reparse` SIGKILLed in the middle of its transaction leaves every correction and the
corrected view as they were; the next reparse keeps them too."""

from __future__ import annotations

import datetime as dt
import signal
import sqlite3
import subprocess
import sys
import time

from crawler.items import NewsItem
from storage.correction_log import CorrectionLog, Who
from storage.db import make_engine, make_session_factory, migrate
from storage.models import Article
from storage.repository import ArticleRepository, EventRepository
from tests.conftest import ROOT, Cli
from tests.test_corrections_teach import STORIES, story

NOW = dt.datetime(2025, 4, 20, 3, tzinfo=dt.UTC)
FILLER = 1500  # articles the reparse reads, so that it is still in its transaction when killed


def fill(database_url: str) -> int:
    """The seven stories (parsed) and many plain articles (not yet parsed); one story corrected."""
    from crawler.cooperation import parse_article

    engine = make_engine(database_url)
    migrate(engine)
    factory = make_session_factory(engine)
    with factory.begin() as session:
        items = []
        for number, (province, board, partner) in enumerate(STORIES):
            title, body = story(number, province, board, partner)
            items.append(NewsItem(source="vtcnews", url=f"https://vtcnews.vn/s-ar{900000 + number}.html",
                                  site_article_id=str(900000 + number), title=title, body=body,
                                  published_at=NOW, fetched_at=NOW))
        items += [NewsItem(source="vtcnews", url=f"https://vtcnews.vn/t-ar{100000 + n}.html",
                           site_article_id=str(100000 + n), title=f"Tin thời tiết số {n}",
                           body="Trời mưa rào và dông vài nơi. " * 20, published_at=NOW, fetched_at=NOW)
                  for n in range(FILLER)]
        saved = ArticleRepository(session).save_many(items, NOW)
        for _, article in saved[:len(STORIES)]:
            extraction = parse_article(article.title, "", article.body, NOW, article.url, "vtcnews")
            EventRepository(session).save_extraction(article, extraction, NOW)
        first: Article = saved[0][1]
        log = CorrectionLog(session)
        who = Who(by="analyst@example.org", at=NOW, why="the board signs too")
        event_id = first.events[0].id
        log.edit(event_id, {"type": "mou", "vn_parties": [
            *first.events[0].parties("VN"), log.party("VN", f"{STORIES[0][1]} tỉnh {STORIES[0][0]}")]}, who)
        log.hide(saved[1][1].events[0].id, who)
    engine.dispose()
    return event_id


def write_locked(path: str) -> bool:
    """Whether another connection holds the database's write lock (a transaction that has written)."""
    connection = sqlite3.connect(path, timeout=0)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def test_sigkill_mid_reparse_keeps_corrections_and_the_corrected_view(sqlite_cli: Cli) -> None:
    event_id = fill(sqlite_cli.database_url)
    before_view = sqlite_cli.json("items")
    before_audit = sqlite_cli.json("corrections", "list")
    assert len(before_view) == len(STORIES) - 1  # one hidden
    assert next(e for e in before_view if e["id"] == event_id)["type"] == "mou"
    path = sqlite_cli.database_url.removeprefix("sqlite:///")

    process = subprocess.Popen([sys.executable, "-m", "scheduler", "reparse"], env=sqlite_cli.env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while not write_locked(path):
        assert process.poll() is None, "reparse ended before it could be killed: raise FILLER"
        assert time.monotonic() < deadline, "reparse never started writing"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL

    assert sqlite_cli.json("corrections", "list") == before_audit
    assert sqlite_cli.json("items") == before_view
    done = sqlite_cli("reparse", timeout=600)
    assert done.returncode == 0, done.stderr
    after = {e["id"]: e for e in sqlite_cli.json("items")}
    assert {e["id"] for e in before_view} == set(after)
    assert after[event_id]["type"] == "mou" and len(after[event_id]["vn_parties"]) == 2
    assert sqlite_cli.json("corrections", "list") == before_audit
