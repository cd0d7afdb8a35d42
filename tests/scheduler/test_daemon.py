"""The daemon: its jobs, and a real `coopwatch run` process against the fixture sites and an SMTP server."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text

from crawler.mirror.server import MirrorServer
from scheduler.config import Settings
from scheduler.daemon import build_scheduler
from storage.db import make_session_factory
from storage.models import CrawlRun, Incident
from tests.conftest import Cli
from tests.daemon import make_digest_due, start_daemon, stop_daemon, wait_for
from tests.smtp import SmtpServer


def test_jobs_have_ids_limits_and_the_timezone(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
                        sources={"vtcnews": {"cron": "15 */2 * * *"}, "most": {"enabled": False}})
    scheduler = build_scheduler(settings)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"crawl:baochinhphu", "crawl:vtcnews", "digest:daily", "digest:weekly"}
    assert str(scheduler.timezone) == "Asia/Ho_Chi_Minh"
    assert scheduler._job_defaults == {"coalesce": True, "max_instances": 1, "misfire_grace_time": 900}
    assert jobs["crawl:baochinhphu"].trigger.interval == dt.timedelta(hours=1)
    assert jobs["crawl:baochinhphu"].trigger.jitter == 300
    assert "minute='15'" in str(jobs["crawl:vtcnews"].trigger)
    assert jobs["crawl:vtcnews"].args == ("vtcnews",)


def test_the_daemon_crawls_mails_once_survives_restart_and_reports_a_broken_source(
    daemon_env: dict[str, str], cli: Cli, mirror: dict[str, MirrorServer], smtp_server: SmtpServer, tmp_path: Path,
) -> None:
    factory = make_session_factory(create_engine(cli.database_url))
    log = tmp_path / "daemon.log"

    def operator_mail() -> list[Any]:
        return [m for m in smtp_server.messages if m["To"] == "ops@example.org"]

    daemon = start_daemon(daemon_env, log)
    try:
        def crawled_twice():
            with factory() as session:
                return len(session.scalars(select(CrawlRun).where(CrawlRun.outcome == "ok")).all()) >= 2
        wait_for(crawled_twice, 60)
        assert smtp_server.messages == []  # the subscriber's first slot is tomorrow 00:00

        def digest_arrived():
            return [m for m in smtp_server.messages if m["To"] == "an@example.org"]

        make_digest_due(cli.database_url)
        (digest,) = wait_for(digest_arrived, 30)
        body = digest.get_body(("plain",)).get_content()
        assert "VKBIA" in body and "1 sự kiện" in digest["Subject"]
        time.sleep(4)  # more crawls and digest ticks: nothing new, nothing sent
        assert len(digest_arrived()) == 1
        assert stop_daemon(daemon) < 10
        assert operator_mail() == [], _subjects(operator_mail(), log)  # the site worked: nothing to report
    finally:
        if daemon.poll() is None:
            daemon.kill()
    assert "Traceback" not in log.read_text()
    assert "job=crawl:vtcnews source=vtcnews" in log.read_text()

    # the site starts failing: a restarted daemon sends nothing twice and opens one incident
    mirror["vtcnews"].hook = lambda path: (503, {}, b"down")
    make_digest_due(cli.database_url)  # a digest slot passes while the daemon is down: nothing new to send
    daemon = start_daemon(daemon_env, log)
    try:
        alerts = wait_for(operator_mail, 120)
        assert [m["Subject"] for m in alerts] == ["coopwatch: vtcnews needs attention (failing)"], _subjects(alerts, log)
        time.sleep(5)
        assert len(operator_mail()) == 1, _subjects(operator_mail(), log)
        assert len([m for m in smtp_server.messages if m["To"] == "an@example.org"]) == 1
        stop_daemon(daemon)
    finally:
        if daemon.poll() is None:
            daemon.kill()
    with factory() as session:
        (incident,) = session.scalars(select(Incident)).all()
        assert (incident.source, incident.kind, incident.closed_at) == ("vtcnews", "failing", None)
    status = cli("status")
    assert "vtcnews" in status.stdout and "failing" in status.stdout


def test_two_daemons_one_schedule_and_a_takeover(postgres_url: str, mirror: dict[str, MirrorServer],
                                                  tmp_path: Path) -> None:
    import uuid

    name = "lead" + uuid.uuid4().hex[:8]
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    url = postgres_url.rsplit("/", 1)[0] + "/" + name
    env = {
        **os.environ, "COOPWATCH_DATABASE_URL": url, "COOPWATCH_DATA_DIR": str(tmp_path),
        "COOPWATCH_LEADER_LEASE_SECONDS": "6", "COOPWATCH_LOG_LEVEL": "INFO",
        "COOPWATCH_SOURCES__MOST__ENABLED": "false", "COOPWATCH_SOURCES__BAOCHINHPHU__ENABLED": "false",
        "COOPWATCH_SOURCES__VTCNEWS__START_URLS": f'["{mirror["vtcnews"].url}/the-gioi-30.html"]',
        "COOPWATCH_SOURCES__VTCNEWS__FEED_URLS": "[]", "COOPWATCH_SOURCES__VTCNEWS__INTERVAL_MINUTES": "60",
        "COOPWATCH_AUTOTHROTTLE": "false", "COOPWATCH_DOWNLOAD_DELAY": "0",
    }
    env.pop("COOPWATCH_CONFIG", None)
    engine = create_engine(url)

    def holder() -> str | None:
        from sqlalchemy.exc import ProgrammingError

        try:
            with engine.connect() as conn:
                row = conn.execute(text("SELECT holder FROM scheduler_locks WHERE name = 'daemon'")).first()
        except ProgrammingError:  # the first daemon has not created the tables yet
            return None
        return row[0] if row else None

    first = start_daemon(env, tmp_path / "first.log")
    try:
        wait_for(lambda: holder() and f":{first.pid}:" in holder(), 30)
        second = start_daemon(env, tmp_path / "second.log")
        try:
            wait_for(lambda: "standby" in (tmp_path / "second.log").read_text(), 30)
            time.sleep(8)  # more than a lease: the first daemon keeps renewing it
            assert f":{first.pid}:" in holder()
            first.kill()  # SIGKILL: no chance to release the lease
            first.wait()
            started = time.monotonic()
            wait_for(lambda: f":{second.pid}:" in (holder() or ""), 60)
            assert time.monotonic() - started < 60
            assert "took over the schedule" in (tmp_path / "second.log").read_text()
            stop_daemon(second)
        finally:
            if second.poll() is None:
                second.kill()
    finally:
        if first.poll() is None:
            first.kill()
        engine.dispose()


def _subjects(mails: list[Any], log: Path) -> str:
    """What an unexpected operator mail said, and what the daemon logged about it."""
    said = "\n".join(f"{m['Subject']}: {m.get_body(('plain',)).get_content()[:300]}" for m in mails)
    events = [line for line in log.read_text().splitlines() if "incident" in line or "outcome=" in line]
    return f"operator mails:\n{said}\ndaemon log (incidents, crawl outcomes):\n" + "\n".join(events[-40:])
