"""SIGKILL the daemon during crawls, between storing and digesting, and inside an SMTP conversation:
after restarts every article is stored once, the digest is delivered once, no event is skipped."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import create_engine, func, select

from storage.db import make_session_factory
from storage.models import Article, Digest, Event, Subscriber
from tests.conftest import Cli
from tests.daemon import make_digest_due, start_daemon, stop_daemon, wait_for
from tests.smtp import SmtpServer


def counts(url: str) -> tuple[int, int, int]:
    engine = create_engine(url)
    factory = make_session_factory(engine)
    with factory() as session:
        articles = session.scalar(select(func.count(Article.id))) or 0
        unique = session.scalar(select(func.count(func.distinct(Article.site_article_id)))) or 0
        events = session.scalar(select(func.count(Event.id))) or 0
    engine.dispose()
    return articles, unique, events


def test_kills_during_crawls_and_before_the_digest(daemon_env: dict[str, str], cli: Cli,
                                                   smtp_server: SmtpServer, tmp_path: Path) -> None:
    log = tmp_path / "daemon.log"
    for delay in (1.0, 2.5, 4.0, 5.5):  # the first crawl's child, storing, the next crawl, idle
        daemon = start_daemon(daemon_env, log)
        time.sleep(delay)
        daemon.kill()
        daemon.wait()
    daemon = start_daemon(daemon_env, log)
    try:
        wait_for(lambda: counts(cli.database_url)[0] >= 8, 60)
        make_digest_due(cli.database_url)
        wait_for(lambda: smtp_server.messages, 30)
        time.sleep(4)
        stop_daemon(daemon)
    finally:
        if daemon.poll() is None:
            daemon.kill()
    time.sleep(2)  # orphaned crawl children of killed daemons finish too
    articles, unique, _events = counts(cli.database_url)
    assert articles == unique == 8  # the two sections the daemon crawls
    assert len(smtp_server.messages) == 1
    engine = create_engine(cli.database_url)
    with make_session_factory(engine)() as session:
        subscriber = session.scalars(select(Subscriber)).one()
        assert subscriber.watermark_event_id == session.scalar(select(func.max(Event.id)))  # nothing skipped
    engine.dispose()


def test_a_kill_inside_the_smtp_conversation(daemon_env: dict[str, str], cli: Cli,
                                             smtp_server: SmtpServer, tmp_path: Path) -> None:
    log = tmp_path / "daemon.log"
    daemon = start_daemon(daemon_env, log)
    try:
        wait_for(lambda: counts(cli.database_url)[0] >= 8, 60)
        smtp_server.behaviour.mode, smtp_server.behaviour.delay = "slow", 3
        make_digest_due(cli.database_url)
        wait_for(lambda: smtp_server.behaviour.data_started, 30, step=0.1)
        daemon.kill()  # the message is on the wire; the server has not answered yet
        daemon.wait()
    finally:
        if daemon.poll() is None:
            daemon.kill()
    smtp_server.behaviour.mode = "accept"
    daemon = start_daemon(daemon_env, log)
    try:
        engine = create_engine(cli.database_url)
        factory = make_session_factory(engine)

        def digest_sent():
            with factory() as session:
                return session.scalars(select(Digest).where(Digest.status == "sent")).all()
        (digest,) = wait_for(digest_sent, 60)
        time.sleep(4)
        stop_daemon(daemon)
        engine.dispose()
    finally:
        if daemon.poll() is None:
            daemon.kill()
    ids = {m["Message-ID"] for m in smtp_server.messages}
    assert ids == {digest.message_id}  # one digest; a resend after the kill carries the same Message-ID
    assert 1 <= len(smtp_server.messages) <= 2
