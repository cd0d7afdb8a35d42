"""Watching the sources: incidents opened when a site seems to have changed or died, closed on recovery."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.compose import build_alert
from alerts.send import Sender, SendError
from storage.models import CrawlRun, Digest, Incident
from storage.subscriptions import IncidentRepository

log = logging.getLogger(__name__)


FAILED = ("failed", "timeout", "crashed")
HEALTHY = ("ok", "partial", "incomplete")


def is_recovery(run: CrawlRun) -> bool:
    """A run that shows the site working: it ended on its own and fetched at least one page.

    A run cut short by the daemon's stop ('stopped') or one that fetched nothing (every answer an
    error page, or nothing asked) says nothing about the site, so it neither fails nor recovers.
    """
    return run.outcome in HEALTHY and (run.pages or 0) > 0


def judged_runs(runs: list[CrawlRun]) -> list[CrawlRun]:
    """The runs that tell something about a source's health, newest first."""
    return [r for r in runs if r.outcome in FAILED or is_recovery(r)]


def problems(runs: list[CrawlRun], settings: Any) -> dict[str, str]:
    """What is wrong with a source, judged from its latest runs (newest first): kind -> detail."""
    found: dict[str, str] = {}
    runs = judged_runs(runs)
    if not runs:
        return found
    latest = runs[0]
    failing = 0
    for run in runs:
        if run.outcome not in FAILED:
            break
        failing += 1
    if failing >= settings.incident_failed_runs:
        found["failing"] = (
            f"{failing} runs in a row failed; last error: {(latest.error_messages or ['?'])[0]}"
        )
    previous = next((r for r in runs[1:] if is_recovery(r)), None)
    if previous is not None and is_recovery(latest):
        emptied = [url for url, n in latest.section_links.items() if not n and previous.section_links.get(url)]
        if emptied:
            found["empty_section"] = "listing pages that used to yield article links yield none: " + ", ".join(emptied)
    if latest.articles_seen:
        missing = sum(latest.missing_fields.values())
        share = missing / latest.articles_seen
        before = (sum(previous.missing_fields.values()) / previous.articles_seen) if previous and previous.articles_seen else 0.0
        if share >= settings.incident_missing_field_share and share > before:
            fields = ", ".join(f"{k} ({v})" for k, v in sorted(latest.missing_fields.items()))
            found["missing_fields"] = f"{share:.0%} of articles lack a required field: {fields}"
    return found


def evaluate_source(factory: sessionmaker[Session], source: str, settings: Any, now: dt.datetime) -> None:
    """Open an incident per new problem of a source; close those that a real recovery shows gone."""
    with factory.begin() as session:
        repo = IncidentRepository(session)
        # stopped and empty runs are passed over, so look further back than the rules need
        runs = list(repo.recent_runs(source, 3 * (max(settings.incident_failed_runs, 2) + 1)))
        found = problems(runs, settings)
        open_by_kind = {i.kind: i for i in repo.open(source)}
        for kind, detail in found.items():
            if kind not in open_by_kind:
                repo.start(source, kind, detail, now)
                log.warning("incident opened: source=%s kind=%s %s", source, kind, detail)
        judged = judged_runs(runs)
        if judged and is_recovery(judged[0]):
            for kind, incident in open_by_kind.items():
                if kind not in found and kind != "smtp":
                    incident.closed_at = now
                    log.info("incident closed: source=%s kind=%s", source, kind)


def evaluate_mail(factory: sessionmaker[Session], now: dt.datetime) -> None:
    """A digest the mail server refused for good opens an 'smtp' incident; a later success closes it."""
    with factory.begin() as session:
        held = session.scalars(select(Digest).where(Digest.status == "held")).first()
        repo = IncidentRepository(session)
        current = [i for i in repo.open("mail") if i.kind == "smtp"]
        if held is not None and not current:
            repo.start("mail", "smtp", f"the mail server refused a digest for good: {held.last_error}", now)
        elif held is None:
            for incident in current:
                incident.closed_at = now


# The daemon tells the operator from each crawl job's thread and from the digest job's: one at a time,
# or two of them read the same untold incident before either records its mail, and both send it.
_telling = threading.Lock()


def notify_operator(factory: sessionmaker[Session], sender: Sender, settings: Any, now: dt.datetime) -> None:
    """Mail the operator once per opened and once per closed incident (retried until it goes out)."""
    if not settings.operator_email:
        return
    with _telling:
        _tell_operator(factory, sender, settings, now)


def _tell_operator(factory: sessionmaker[Session], sender: Sender, settings: Any, now: dt.datetime) -> None:
    with factory() as session:
        pending = [(i.id, i.source, i.kind, i.detail, i.opened_at, i.closed_at, i.open_mail_sent)
                   for i in IncidentRepository(session).unmailed()]
    for incident_id, source, kind, detail, opened, closed, opened_told in pending:
        closing = opened_told and closed is not None
        subject = (f"coopwatch: {source} recovered ({kind})" if closing
                   else f"coopwatch: {source} needs attention ({kind})")
        body = (f"Source: {source}\nProblem: {kind}\nOpened: {opened:%Y-%m-%d %H:%M} UTC\n"
                + (f"Closed: {closed:%Y-%m-%d %H:%M} UTC\n" if closing else "")
                + f"\n{detail}\n\nSee `coopwatch status` and `coopwatch check --source {source}`.\n")
        message = build_alert(subject=subject, body=body, recipient=settings.operator_email,
                              sender=settings.mail_from, now=now)
        try:
            sender.send(message)
        except SendError as exc:
            log.warning("operator alert not sent (will retry): %s", exc)
            return
        with factory.begin() as session:
            incident = session.get(Incident, incident_id)
            if incident is not None:
                if closing:
                    incident.close_mail_sent = True
                else:
                    incident.open_mail_sent = True
