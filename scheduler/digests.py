"""Digests, exactly once: recorded with their Message-ID before sending, the watermark moved on acceptance."""

from __future__ import annotations

import datetime as dt
import logging
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from alerts.compose import build_digest
from alerts.send import Sender, SendError
from alerts.tokens import unsubscribe_token
from scheduler.output import event_record
from storage.corrections import CorrectedEvent, CorrectedView
from storage.models import Digest, Subscriber
from storage.organisations import Organisations
from storage.subscriptions import DigestRepository, SubscriberRepository

log = logging.getLogger(__name__)
RETRY_BASE = dt.timedelta(minutes=5)
RETRY_MAX = dt.timedelta(hours=6)


def due(subscriber: Subscriber, now: dt.datetime, timezone: str) -> bool:
    """Whether the subscriber's latest digest slot (daily or weekly at HH:MM local) is unhandled."""
    local = now.astimezone(ZoneInfo(timezone))
    hour, minute = (int(x) for x in subscriber.at.split(":"))
    slot = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if subscriber.cadence == "weekly":
        slot -= dt.timedelta(days=(slot.weekday() - subscriber.weekday) % 7)
    if slot > local:
        slot -= dt.timedelta(days=7 if subscriber.cadence == "weekly" else 1)
    handled = subscriber.last_digest_at or subscriber.created_at
    return handled < slot


def matches(event: CorrectedEvent, subscriber: Subscriber, orgs: Organisations | None = None) -> bool:
    """The subscriber's filters: sources, types, keywords and parties (each empty = all); a party
    filter finds an organisation under any of its merged spellings (`orgs`)."""
    if subscriber.sources and not any(a.source in subscriber.sources for a in event.articles):
        return False
    if subscriber.types and event.type not in subscriber.types:
        return False
    parties = event.parties("VN") + event.parties("KR")
    spellings = [n for p in parties for n in orgs.spellings(p)] if orgs else []
    names = " ".join([*(f"{p.name} {p.acronym or ''}" for p in parties), *spellings]).casefold()
    if subscriber.parties and not any(p.casefold() in names for p in subscriber.parties):
        return False
    if subscriber.keywords:
        text = " ".join([names, *(f"{a.title} {a.sapo}" for a in event.articles), " ".join(event.topics)]).casefold()
        if not any(k.casefold() in text for k in subscriber.keywords):
            return False
    return True


def digest_events(session: Session, subscriber: Subscriber, since: dt.date | None = None) -> list[dict[str, Any]]:
    """The events a digest for this subscriber holds now, as records (with the first article's sapo)."""
    repo = DigestRepository(session)
    stored = repo.new_events(0 if since else subscriber.watermark_event_id, limit=100_000 if since else 500)
    view = CorrectedView(session)
    events = [e for e in view.visible(stored)
              if matches(e, subscriber, view.orgs) and (since is None or e.created_at.date() >= since)]
    records = []
    for event in events:
        record = event_record(event)
        record["sapo"] = next((a.sapo for a in sorted(event.articles, key=lambda a: a.id) if a.sapo), "")
        records.append(record)
    return records


def compose(subscriber: Subscriber, events: list[dict[str, Any]], settings: Any, now: dt.datetime) -> EmailMessage:
    """The digest message for a subscriber."""
    operator = settings.operator_email or _address(settings.mail_from)
    unsubscribe = f"<mailto:{operator}?subject=unsubscribe%20{subscriber.email}>"
    return build_digest(
        events, recipient=subscriber.email, sender=settings.mail_from, lang=subscriber.lang,
        now=now.astimezone(ZoneInfo(settings.timezone)), unsubscribe=unsubscribe,
        domain=_address(settings.mail_from).split("@")[-1] or "coopwatch.local",
        unsubscribe_url=unsubscribe_url(subscriber, settings),
    )


def unsubscribe_url(subscriber: Subscriber, settings: Any) -> str | None:
    """The subscriber's one-click unsubscribe link on the web view; None without a public URL."""
    if not settings.public_url:
        return None
    token = unsubscribe_token(subscriber.id, subscriber.email, settings.secret_key.get_secret_value())
    return f"{settings.public_url}/unsubscribe?token={token}"


def _address(value: str) -> str:
    return parseaddr(value)[1]


def prepare(factory: sessionmaker[Session], subscriber_id: int, settings: Any, now: dt.datetime) -> int | None:
    """Record the next digest for a subscriber (or return the one still unsent); None when nothing is new."""
    with factory.begin() as session:
        subscriber = session.get(Subscriber, subscriber_id)
        if subscriber is None:
            return None
        repo = DigestRepository(session)
        waiting = repo.open_for(subscriber.id)
        if waiting is not None:
            return waiting.id
        events = digest_events(session, subscriber)
        subscriber.last_digest_at = now
        if not events:
            return None
        message = compose(subscriber, events, settings, now)
        digest = Digest(
            subscriber_id=subscriber.id, message_id=str(message["Message-ID"]), created_at=now,
            status="pending", next_attempt_at=now, event_ids=[e["id"] for e in events],
            subject=str(message["Subject"]), message=message.as_bytes(policy=policy.SMTP),
        )
        session.add(digest)
        session.flush()
        return digest.id


def deliver(factory: sessionmaker[Session], digest_id: int, sender: Sender, now: dt.datetime) -> str:
    """Send a recorded digest; on acceptance mark it sent and move the watermark in one transaction."""
    with factory() as session:
        digest = session.get(Digest, digest_id)
        if digest is None or digest.status == "sent":
            return "sent"
        if digest.next_attempt_at and digest.next_attempt_at > now:
            return "waiting"
        message = message_from_bytes(digest.message, policy=policy.default)
    try:
        sender.send(message)
    except SendError as exc:
        return _failed(factory, digest_id, exc, now)
    with factory.begin() as session:
        digest = session.get(Digest, digest_id)
        assert digest is not None
        subscriber = session.get(Subscriber, digest.subscriber_id)
        digest.status, digest.sent_at, digest.attempts = "sent", now, digest.attempts + 1
        digest.last_error = None
        if subscriber is not None:
            subscriber.watermark_event_id = max([subscriber.watermark_event_id, *digest.event_ids])
    log.info("digest %s sent to subscriber %s (%d events)", digest.message_id, digest.subscriber_id, len(digest.event_ids))
    return "sent"


def _failed(factory: sessionmaker[Session], digest_id: int, exc: SendError, now: dt.datetime) -> str:
    with factory.begin() as session:
        digest = session.get(Digest, digest_id)
        assert digest is not None
        digest.attempts += 1
        digest.last_error = str(exc)
        delay = min(RETRY_BASE * 2 ** (digest.attempts - 1), RETRY_MAX)
        digest.next_attempt_at = now + delay
        if not exc.temporary:
            digest.status = "held"  # kept, and sent again once the operator has fixed the cause
    log.warning("digest %s not sent (attempt %d): %s", digest_id, digest.attempts, exc)
    return "temporary" if exc.temporary else "permanent"


def run_digests(
    factory: sessionmaker[Session], settings: Any, sender: Sender, now: dt.datetime,
    cadence: str | None = None, email: str | None = None, force: bool = False,
) -> dict[str, str]:
    """Prepare and deliver the digests that are due (or, with force, all of them now)."""
    outcome: dict[str, str] = {}
    with factory() as session:
        repo = SubscriberRepository(session)
        subscribers = [repo.get(email)] if email else list(repo.active(cadence))
        digests = DigestRepository(session)
        todo = [
            (s.id, s.email) for s in subscribers
            if s is not None and (force or due(s, now, settings.timezone) or digests.open_for(s.id) is not None)
        ]
    for subscriber_id, address in todo:
        digest_id = prepare(factory, subscriber_id, settings, now)
        if digest_id is None:
            outcome[address] = "nothing new"
            continue
        if force:
            _release(factory, digest_id, now)
        outcome[address] = deliver(factory, digest_id, sender, now)
    return outcome


def _release(factory: sessionmaker[Session], digest_id: int, now: dt.datetime) -> None:
    """`digest --send` tries a waiting or held digest now."""
    with factory.begin() as session:
        digest = session.get(Digest, digest_id)
        if digest is not None and digest.status != "sent":
            digest.status, digest.next_attempt_at = "pending", now
