"""Subscribers, digests and incidents: the repository side of mailing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import CrawlRun, Digest, Event, Incident, Subscriber


class SubscriberRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, email: str) -> Subscriber | None:
        return self.session.scalars(select(Subscriber).where(Subscriber.email == email.lower())).first()

    def by_id(self, subscriber_id: int) -> Subscriber | None:
        return self.session.get(Subscriber, subscriber_id)

    def remove(self, subscriber: Subscriber) -> None:
        """Delete a subscriber; their digests go with them (ON DELETE CASCADE)."""
        self.session.delete(subscriber)
        self.session.flush()

    def all(self) -> Sequence[Subscriber]:
        return self.session.scalars(select(Subscriber).order_by(Subscriber.email)).all()

    def active(self, cadence: str | None = None) -> Sequence[Subscriber]:
        query = select(Subscriber).where(Subscriber.paused.is_(False))
        if cadence:
            query = query.where(Subscriber.cadence == cadence)
        return self.session.scalars(query.order_by(Subscriber.id)).all()


class DigestRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_for(self, subscriber_id: int) -> Digest | None:
        """The digest recorded for a subscriber and not yet accepted by the mail server."""
        return self.session.scalars(
            select(Digest)
            .where(Digest.subscriber_id == subscriber_id, Digest.status.in_(("pending", "held")))
            .order_by(Digest.id)
        ).first()

    def last_sent(self, subscriber_id: int) -> Digest | None:
        return self.session.scalars(
            select(Digest).where(Digest.subscriber_id == subscriber_id, Digest.status == "sent")
            .order_by(Digest.id.desc())
        ).first()

    def new_events(self, after_id: int, limit: int = 500) -> Sequence[Event]:
        """Events first stored after the watermark, oldest first (the index on id keeps this fast)."""
        return self.session.scalars(
            select(Event).where(Event.id > after_id).order_by(Event.id).limit(limit)
        ).all()



class IncidentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open(self, source: str | None = None) -> Sequence[Incident]:
        query = select(Incident).where(Incident.closed_at.is_(None))
        if source:
            query = query.where(Incident.source == source)
        return self.session.scalars(query.order_by(Incident.id)).all()

    def unmailed(self) -> Sequence[Incident]:
        """Incidents whose opening or closing the operator has not been told of yet."""
        return self.session.scalars(
            select(Incident).where(
                (Incident.open_mail_sent.is_(False))
                | (Incident.closed_at.is_not(None) & Incident.close_mail_sent.is_(False))
            ).order_by(Incident.id)
        ).all()

    def recent_runs(self, source: str, limit: int) -> Sequence[CrawlRun]:
        return self.session.scalars(
            select(CrawlRun).where(CrawlRun.source == source, CrawlRun.finished_at.is_not(None))
            .order_by(CrawlRun.id.desc()).limit(limit)
        ).all()

    def start(self, source: str, kind: str, detail: str, now: dt.datetime) -> Incident:
        incident = Incident(source=source, kind=kind, detail=detail, opened_at=now)
        self.session.add(incident)
        self.session.flush()
        return incident
