"""Watching the sources: incidents opened when a site seems to have changed or died, closed on recovery."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.compose import build_alert
from alerts.send import Sender, SendError
from storage.models import CrawlRun, Digest, Incident
from storage.subscriptions import IncidentRepository

log = logging.getLogger(__name__)


def problems(runs: list[CrawlRun], settings: Any) -> dict[str, str]:
    """What is wrong with a source, judged from its latest runs (newest first): kind -> detail."""
    found: dict[str, str] = {}
    if not runs:
        return found
    latest = runs[0]
    failing = 0
    for run in runs:
        if run.outcome not in ("failed", "timeout", "crashed"):
            break
        failing += 1
    if failing >= settings.incident_failed_runs:
        found["failing"] = (
            f"{failing} runs in a row failed; last error: {(latest.error_messages or ['?'])[0]}"
        )
    previous = next((r for r in runs[1:] if r.outcome in ("ok", "partial", "incomplete")), None)
    if previous is not None and latest.outcome in ("ok", "partial", "incomplete"):
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
    """Open an incident per new problem of a source; close those that went away."""
    with factory.begin() as session:
        repo = IncidentRepository(session)
        runs = list(repo.recent_runs(source, max(settings.incident_failed_runs, 2) + 1))
        found = problems(runs, settings)
        open_by_kind = {i.kind: i for i in repo.open(source)}
        for kind, detail in found.items():
            if kind not in open_by_kind:
                repo.start(source, kind, detail, now)
                log.warning("incident opened: source=%s kind=%s %s", source, kind, detail)
        if runs and runs[0].outcome in ("ok", "partial", "incomplete", "failed", "timeout", "crashed"):
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


def notify_operator(factory: sessionmaker[Session], sender: Sender, settings: Any, now: dt.datetime) -> None:
    """Mail the operator once per opened and once per closed incident (retried until it goes out)."""
    if not settings.operator_email:
        return
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
