"""`coopwatch run`: the APScheduler daemon. Crawls run in child processes; digests and alerts in threads."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from functools import lru_cache
from typing import TYPE_CHECKING, Any

# APScheduler 3 ships no type hints (no py.typed, no stubs)
from apscheduler.events import EVENT_JOB_ERROR, JobExecutionEvent  # type: ignore[import-untyped]
from apscheduler.executors.pool import ThreadPoolExecutor  # type: ignore[import-untyped]
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore  # type: ignore[import-untyped]
from apscheduler.schedulers.background import BackgroundScheduler  # type: ignore[import-untyped]
from apscheduler.triggers.cron import CronTrigger  # type: ignore[import-untyped]
from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from alerts.send import Sender, make_sender
from crawler.sources import SOURCES
from scheduler.config import Settings, load_settings
from scheduler.digests import run_digests
from scheduler.leader import Leadership
from scheduler.watch import evaluate_mail, evaluate_source, notify_operator
from storage.db import make_engine, make_session_factory, migrate
from storage.models import CrawlRun

if TYPE_CHECKING:
    from scheduler.serve import WebServer

log = logging.getLogger("coopwatch.daemon")
_children: set[subprocess.Popen[bytes]] = set()
_children_lock = threading.Lock()
_stopping = threading.Event()


def build_scheduler(settings: Settings) -> BackgroundScheduler:
    """The scheduler with its jobs; inspect it with get_jobs() before start()."""
    url = settings.resolved_database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=url, tablename="apscheduler_jobs")},
        executors={"default": ThreadPoolExecutor(max_workers=len(SOURCES) + 2)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": settings.misfire_grace_seconds},
        timezone=settings.timezone,
    )
    for name in SOURCES:
        source = settings.source(name)
        if not source.enabled:
            continue
        trigger = (
            CronTrigger.from_crontab(source.cron, timezone=settings.timezone)
            if source.cron
            else IntervalTrigger(minutes=source.interval_minutes, jitter=settings.crawl_jitter_seconds,
                                 timezone=settings.timezone)
        )
        scheduler.add_job("scheduler.daemon:crawl_job", trigger, args=[name], id=f"crawl:{name}",
                          name=f"crawl {name}", replace_existing=True)
    for cadence in ("daily", "weekly"):
        scheduler.add_job("scheduler.daemon:digest_job", IntervalTrigger(minutes=settings.digest_check_minutes,
                          timezone=settings.timezone), args=[cadence], id=f"digest:{cadence}",
                          name=f"digests {cadence}", replace_existing=True)
    scheduler.add_listener(_on_job_error, EVENT_JOB_ERROR)
    return scheduler


def wanted_job_ids(settings: Settings) -> set[str]:
    return {f"crawl:{n}" for n in SOURCES if settings.source(n).enabled} | {"digest:daily", "digest:weekly"}


def prune_stored_jobs(settings: Settings) -> None:
    """Drop stored jobs this configuration no longer has (a source disabled since the last start)."""
    engine = _engine(settings)
    if "apscheduler_jobs" not in inspect(engine).get_table_names():
        return
    wanted = wanted_job_ids(settings)
    with engine.begin() as conn:
        for (job_id,) in conn.execute(text("SELECT id FROM apscheduler_jobs")).all():
            if job_id not in wanted:
                conn.execute(text("DELETE FROM apscheduler_jobs WHERE id = :id"), {"id": job_id})


def next_runs(settings: Settings) -> dict[str, dt.datetime | None]:
    """job id -> next run time, as the running (or last) daemon stored it."""
    engine = _engine(settings)
    if "apscheduler_jobs" not in inspect(engine).get_table_names():
        return {}
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, next_run_time FROM apscheduler_jobs")).all()
    return {job_id: dt.datetime.fromtimestamp(ts, dt.UTC) if ts else None for job_id, ts in rows}


def _on_job_error(event: JobExecutionEvent) -> None:
    log.error("job=%s failed: %s: %s", event.job_id, type(event.exception).__name__, event.exception)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@lru_cache(maxsize=4)
def _engine_for(url: str) -> Engine:
    """One engine (and connection pool) per database for the process's lifetime, not one per job."""
    return make_engine(url)


def _engine(settings: Settings) -> Engine:
    return _engine_for(settings.resolved_database_url)


def _factory(settings: Settings) -> sessionmaker[Session]:
    return make_session_factory(_engine(settings))


def crawl_job(source: str) -> None:
    """One scheduled crawl: a child process with a time limit, then the source's health is judged."""
    if _stopping.is_set():
        return
    settings = load_settings()
    factory = _factory(settings)
    started = _now()
    log.info("job=crawl:%s source=%s start", source, source, extra={"source": source})
    # --quiet: the child adds the source's end line (its figures) and its warnings to our log
    quiet = [] if settings.log_level == "DEBUG" else ["--quiet"]
    command = [sys.executable, "-m", "scheduler", *quiet, "crawl", "--source", source]
    outcome = _run_child(command, settings.crawl_timeout_minutes * 60, settings.log_level)
    if outcome != "ok":
        _mark_unfinished_runs(factory, source, started, outcome)
    evaluate_source(factory, source, settings, _now())
    if not _stopping.is_set():  # a mail server that hangs must not hold up a stop; the next start sends it
        notify_operator(factory, make_sender_for(settings), settings, _now())
    log.info("job=crawl:%s source=%s end outcome=%s seconds=%.1f", source, source, outcome,
             (_now() - started).total_seconds(), extra={"source": source, "outcome": outcome})


def _run_child(command: list[str], timeout: float, log_level: str) -> str:
    """Run a crawl child; 'ok', 'failed' (exit 1: every source failed), 'crashed', 'timeout' or 'stopped'."""
    env = {**os.environ, "COOPWATCH_LOG_LEVEL": "DEBUG" if log_level == "DEBUG" else "WARNING"}
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=None, start_new_session=True, env=env)
    with _children_lock:
        _children.add(child)
    if _stopping.is_set():  # the stop came while this crawl was starting: it was not among those stopped
        child.terminate()
    try:
        code = child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _terminate(child)
        return "timeout"
    finally:
        with _children_lock:
            _children.discard(child)
    if _stopping.is_set() and code != 0:
        return "stopped"
    return {0: "ok", 1: "failed"}.get(code, "crashed")


def _terminate_children(grace: float = 5.0) -> None:
    """SIGTERM every running crawl at once, SIGKILL those still there after `grace` seconds."""
    with _children_lock:
        children = [c for c in _children if c.poll() is None]
    for child in children:
        child.terminate()
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _terminate(child: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """SIGTERM the crawl (Scrapy closes cleanly), SIGKILL it if it does not end in `grace` seconds."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _mark_unfinished_runs(factory: sessionmaker[Session], source: str, started: dt.datetime, outcome: str) -> None:
    """Record how a child that did not end on its own ended.

    A killed or crashed child leaves its run 'running'. A child stopped for its time limit records
    its run as 'stopped' (SIGTERM is a shutdown to Scrapy), but for the source's health that is a
    timeout, and it counts as a failure.
    """
    with factory.begin() as session:
        runs = session.scalars(
            select(CrawlRun).where(CrawlRun.source == source, CrawlRun.started_at >= started - dt.timedelta(seconds=5))
        ).all()
        marked = [r for r in runs if r.finished_at is None or (outcome == "timeout" and r.outcome == "stopped")]
        for run in marked:
            run.finished_at = run.finished_at or _now()
            run.outcome = outcome
            run.error_messages = [*run.error_messages, f"crawl process {outcome}"]
            run.errors += 1
        if not runs and outcome in ("timeout", "crashed"):
            session.add(CrawlRun(source=source, started_at=started, finished_at=_now(), outcome=outcome,
                                 errors=1, error_messages=[f"crawl process {outcome}"]))


def make_sender_for(settings: Settings) -> Sender:
    """The mail sender the settings describe: SMTP, or the outbox folder."""
    return make_sender(
        host=settings.smtp_host, port=settings.smtp_port, security=settings.smtp_security, user=settings.smtp_user,
        password=settings.smtp_password.get_secret_value(), timeout=settings.smtp_timeout, outbox=settings.outbox,
    )


def digest_job(cadence: str) -> None:
    """Send the digests of one cadence that are due, and retry those not yet accepted."""
    if _stopping.is_set():
        return
    settings = load_settings()
    factory = _factory(settings)
    sender = make_sender_for(settings)
    outcome = run_digests(factory, settings, sender, _now(), cadence=cadence)
    for email, result in outcome.items():
        log.info("job=digest:%s subscriber=%s %s", cadence, _mask(email), result)
    evaluate_mail(factory, _now())
    notify_operator(factory, sender, settings, _now())


def _mask(email: str) -> str:
    name, _, domain = email.partition("@")
    return f"{name[:2]}…@{domain}"


def run(settings: Settings) -> int:
    """Start the daemon; SIGTERM or SIGINT stops it within seconds.

    Several daemons may share one database: one holds the schedule lease and runs the jobs, the
    others wait and take over within a lease period when it dies.
    """
    migrate(_engine(settings))
    leadership = Leadership(_factory(settings), settings.leader_lease_seconds)
    # the web stack is imported only by the commands that serve: a crawl child starts without it
    from scheduler.serve import start_in_daemon

    web = start_in_daemon(settings, _factory(settings), lambda: next_runs(settings))

    def stop(signum: int, _frame: Any) -> None:
        log.info("signal %s: stopping", signal.Signals(signum).name)
        _stopping.set()
        # no waiting inside the handler: the crawls are stopped together, in the background
        threading.Thread(target=_terminate_children, daemon=True).start()
        if web is not None:
            web.server.should_exit = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if not _wait_for_lease(leadership, settings):
        _stop_web(web)
        log.info("coopwatch daemon stopped (standby)")
        return 0
    prune_stored_jobs(settings)
    scheduler = build_scheduler(settings)
    threading.Thread(target=_keep_lease, args=(leadership, settings), daemon=True).start()
    log.info("coopwatch daemon started on %s (pid %d), holding the schedule; jobs: %s", socket.gethostname(),
             os.getpid(), ", ".join(j.id for j in scheduler.get_jobs()))
    # The scheduler runs in its own threads and the main thread only waits for the stop flag, so a
    # stop that comes while the scheduler is still starting cannot be missed.
    if not _stopping.is_set():
        scheduler.start()
    _sleep_until_stopping()
    if scheduler.running:
        scheduler.shutdown(wait=True)  # the running crawls were terminated by the stop
    leadership.release()
    _stop_web(web)
    log.info("coopwatch daemon stopped")
    return 3 if _lost_lease.is_set() else 0


def _sleep_until_stopping(seconds: float | None = None) -> None:
    """Wait in the main thread for the stop flag (or `seconds`).

    A plain sleep, not Event.wait: the signal handler runs in this thread and sets the flag, and
    setting it while this thread holds the event's internal lock would deadlock.
    """
    deadline = None if seconds is None else time.monotonic() + seconds
    while not _stopping.is_set() and (deadline is None or time.monotonic() < deadline):
        time.sleep(0.2)


_lost_lease = threading.Event()


def _stop_web(web: WebServer | None) -> None:
    if web is not None:
        web.stop()


def _wait_for_lease(leadership: Any, settings: Settings) -> bool:
    """Standby until the schedule lease is ours; False when asked to stop first."""
    announced: str | None = None  # the holder we wait for, once said
    while not _stopping.is_set():
        if leadership.try_acquire():
            if announced:
                log.warning("took over the schedule from %s", announced)
            return True
        if not announced:
            announced = leadership.current_holder() or "another daemon"
            log.info("standby: the schedule is held by %s; waiting to take over", announced)
        _sleep_until_stopping(settings.leader_lease_seconds / 3)
    return False


def _holder_or_none(leadership: Any) -> str | None:
    try:
        holder: str | None = leadership.current_holder()
    except OperationalError:
        return None
    return holder


def _keep_lease(leadership: Any, settings: Settings) -> None:
    """Renew the lease; if another daemon took it (we were frozen too long), stop scheduling."""
    while not _stopping.wait(settings.leader_lease_seconds / 3):
        if leadership.try_acquire():
            continue
        holder = _holder_or_none(leadership)
        if holder is None or holder == leadership.holder:
            # the database was busy or away (SQLite locked by a crawl's batch write): not a takeover;
            # try again at the next tick, and stop only when another daemon really holds the lease
            log.warning("could not renew the schedule lease; retrying")
            continue
        log.error("lost the schedule lease to %s; stopping", holder)
        _lost_lease.set()
        _stopping.set()
        threading.Thread(target=_terminate_children, daemon=True).start()
        return
