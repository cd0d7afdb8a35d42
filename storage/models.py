"""SQLAlchemy 2 typed models: articles, cooperation events, parties and crawl runs."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as UTC and gives them back aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}; coopwatch stores aware datetimes only")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        stored: dt.datetime = value  # the DateTime impl has already turned it into a datetime
        return stored.replace(tzinfo=dt.UTC) if stored.tzinfo is None else stored.astimezone(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


event_articles = Table(
    "event_articles",
    Base.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # events by source, the web view's filter: the event id too, so the index alone answers
    Index("ix_event_articles_article_event", "article_id", "event_id"),
)


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("source", "site_article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    url: Mapped[str] = mapped_column(String(1000), unique=True)
    site_article_id: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(Text)
    sapo: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    fetched_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime | None]
    content_hash: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(200), default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    captions: Mapped[list[str]] = mapped_column(default=list)  # photo captions, in page order
    is_cooperation: Mapped[bool] = mapped_column(default=False)

    events: Mapped[list[Event]] = relationship(secondary=event_articles, back_populates="articles")
    revisions: Mapped[list[ArticleRevision]] = relationship(
        back_populates="article", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, source={self.source!r}, title={self.title[:40]!r})"


class ArticleRevision(Base):
    """A change seen on refresh: the text before the update."""

    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    changed_at: Mapped[dt.datetime]
    old_hash: Mapped[str] = mapped_column(String(64))
    new_hash: Mapped[str] = mapped_column(String(64))
    old_title: Mapped[str] = mapped_column(Text)
    old_sapo: Mapped[str] = mapped_column(Text)
    old_body: Mapped[str] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="revisions")

    def __repr__(self) -> str:
        return f"ArticleRevision(article_id={self.article_id!r}, changed_at={self.changed_at!r})"


class Party(Base):
    __tablename__ = "parties"
    __table_args__ = (UniqueConstraint("country", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country: Mapped[str] = mapped_column(String(2))
    key: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(300))
    acronym: Mapped[str | None] = mapped_column(String(40))

    def __repr__(self) -> str:
        return f"Party(country={self.country!r}, name={self.name!r}, acronym={self.acronym!r})"


class EventParty(Base):
    __tablename__ = "event_parties"
    # a party's events, its counterparts: the event id too, so the index alone answers
    __table_args__ = (Index("ix_event_parties_party_event", "party_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    party: Mapped[Party] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"EventParty(event_id={self.event_id!r}, party_id={self.party_id!r})"


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_created_at", "created_at"),
        Index("ix_events_date_type", "date", "type"),  # the web view's chart (migration 0005)
        # the chart of one type; finding the same event (0008); PostgreSQL: with the id, index-only (0009)
        Index("ix_events_type_date", "type", "date", postgresql_include=["id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(20))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    location: Mapped[str | None] = mapped_column(String(200))
    topics: Mapped[list[str]] = mapped_column(default=list)
    signatories: Mapped[list[str]] = mapped_column(default=list)
    evidence: Mapped[list[str]] = mapped_column(default=list)  # sentences it was read from
    # the party model's probability for its least sure choice of a party, the lowest of the
    # readings (CooperationEvent.certainty); None when it chose nothing (migration 0010)
    certainty: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime]
    # what `q` searches, folded; written by storage/search.py after each flush, read only in SQL
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="", deferred=True)

    party_links: Mapped[list[EventParty]] = relationship(
        cascade="all, delete-orphan", order_by=EventParty.position, lazy="selectin"
    )
    articles: Mapped[list[Article]] = relationship(
        secondary=event_articles, back_populates="events", lazy="selectin"
    )

    def parties(self, country: str) -> list[Party]:
        """This event's parties of one country ("VN" or "KR"), in text order."""
        return [link.party for link in self.party_links if link.party.country == country]

    def __repr__(self) -> str:
        return f"Event(id={self.id!r}, type={self.type!r}, date={self.date!r})"


class EventCount(Base):
    """How many parser events fall on one day with one type: the unfiltered chart and count read
    these instead of every event (storage/counts.py keeps them; migration 0008)."""

    __tablename__ = "event_counts"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    events: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"EventCount(day={self.day!r}, type={self.type!r}, events={self.events!r})"


class EventMonthCount(Base):
    """The day counts of `EventCount` summed per month (`month`: its first day): a chart of ten years
    reads 480 of these instead of grouping 14,600 day rows (storage/counts.py; migration 0012)."""

    __tablename__ = "event_month_counts"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    events: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"EventMonthCount(month={self.month!r}, type={self.type!r}, events={self.events!r})"


class EventSource(Base):
    """A source that reports an event, with the event's date and type: the source filter counts and
    charts a source's events along this table's index instead of joining every matching event to
    its articles (migration 0011). storage/search.py rewrites an event's rows with its search text."""

    __tablename__ = "event_sources"
    __table_args__ = (Index("ix_event_sources_source_date", "source", "date", "type", "event_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(40), primary_key=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    type: Mapped[str] = mapped_column(String(20))

    def __repr__(self) -> str:
        return f"EventSource(event_id={self.event_id!r}, source={self.source!r})"


class CrawlRun(Base):
    """One run of one source: what it fetched, stored and what went wrong."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    pages: Mapped[int] = mapped_column(default=0)
    articles_new: Mapped[int] = mapped_column(default=0)
    articles_updated: Mapped[int] = mapped_column(default=0)
    articles_unchanged: Mapped[int] = mapped_column(default=0)
    events_new: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    error_messages: Mapped[list[str]] = mapped_column(default=list)
    # per listing URL, how many article links it yielded; per field, articles missing it
    section_links: Mapped[dict[str, Any]] = mapped_column(default=dict)
    missing_fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    articles_seen: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"CrawlRun(source={self.source!r}, outcome={self.outcome!r})"


class Subscriber(Base):
    """Someone who gets digests: when, of what, in which language."""

    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    cadence: Mapped[str] = mapped_column(String(10), default="daily")  # daily | weekly
    at: Mapped[str] = mapped_column(String(5), default="07:00")  # HH:MM, local time
    weekday: Mapped[int] = mapped_column(default=0)  # Monday = 0, for weekly digests
    sources: Mapped[list[str]] = mapped_column(default=list)
    types: Mapped[list[str]] = mapped_column(default=list)
    keywords: Mapped[list[str]] = mapped_column(default=list)
    parties: Mapped[list[str]] = mapped_column(default=list)
    lang: Mapped[str] = mapped_column(String(2), default="vi")
    paused: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime]
    # the newest event id delivered: the next digest holds events stored after it
    watermark_event_id: Mapped[int] = mapped_column(default=0)
    last_digest_at: Mapped[dt.datetime | None]

    def __repr__(self) -> str:
        return f"Subscriber(email={self.email!r}, cadence={self.cadence!r})"


class Digest(Base):
    """A digest recorded before it is sent, so a retry sends the same message, never a second one."""

    __tablename__ = "digests"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending | sent | held
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime | None]
    sent_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    event_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text)
    message: Mapped[bytes] = mapped_column(LargeBinary)

    def __repr__(self) -> str:
        return f"Digest(id={self.id!r}, status={self.status!r}, message_id={self.message_id!r})"


class Incident(Base):
    """A source (or the mail server) that stopped working: opened once, closed on recovery."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[dt.datetime]
    closed_at: Mapped[dt.datetime | None]
    open_mail_sent: Mapped[bool] = mapped_column(default=False)
    close_mail_sent: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"Incident(source={self.source!r}, kind={self.kind!r}, closed_at={self.closed_at!r})"


class SchedulerLock(Base):
    """Which daemon runs the schedule; renewed while it lives (one row per lock name)."""

    __tablename__ = "scheduler_locks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[dt.datetime]

    def __repr__(self) -> str:
        return f"SchedulerLock(name={self.name!r}, holder={self.holder!r})"


class Correction(Base):
    """An analyst's correction of the events: its own record, never a change to the parser's rows.

    `kind` is edit (of one `field`), hide, merge (`other_event_id` goes into `event_id`), split, add
    (`event_id` is the event the analyst added) or undo (of `undoes_id`). `before` and `after` are
    the values in the corrected view before and after it. A correction is undone when an undo
    record names it; nothing here is ever updated or deleted.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(20))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    other_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"), unique=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    why: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(320))
    at: Mapped[dt.datetime]

    def __repr__(self) -> str:
        return f"Correction(id={self.id!r}, kind={self.kind!r}, event_id={self.event_id!r})"


class CorrectionAnchor(Base):
    """Where a correction holds on: an event it names, an article that reported it, and the
    parser's party keys for that event then (`event_key`: {"VN": [...], "KR": [...]}).

    Re-parsing an article keeps its link to every event an active correction anchors there, so a
    corrected event is never dropped nor deleted; a new parser event of the same article whose
    parties overlap the key on both sides is the parser's new reading of it (a conflict).
    """

    __tablename__ = "correction_anchors"

    correction_id: Mapped[int] = mapped_column(ForeignKey("corrections.id"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True, index=True)
    event_key: Mapped[dict[str, Any]] = mapped_column(default=dict)

    def __repr__(self) -> str:
        return f"CorrectionAnchor(correction_id={self.correction_id!r}, article_id={self.article_id!r})"


class CorrectionConflict(Base):
    """Where the parser, re-reading an article, disagrees with an active correction (it wins)."""

    __tablename__ = "correction_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    correction_id: Mapped[int] = mapped_column(ForeignKey("corrections.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    found_at: Mapped[dt.datetime]
    detail: Mapped[str] = mapped_column(Text)
    parser_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    # a new parser event standing for the corrected one: hidden while the conflict is open. No
    # foreign key: once the parser reads the article as before, that event is an orphan and goes
    superseded_event_id: Mapped[int | None]
    resolved_at: Mapped[dt.datetime | None]  # the next parse of the article no longer found it

    def __repr__(self) -> str:
        return f"CorrectionConflict(correction_id={self.correction_id!r}, detail={self.detail[:40]!r})"


class User(Base):
    """Someone who signs in to the web view: a reader (of a private view) or an analyst (who corrects).

    A removed account keeps its row (`removed_at` set): it cannot sign in and its corrections keep
    its email. A session holds the account's `session_key`, renewed on removal and on adding the
    account again, so a cookie from before either opens nothing.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime]
    removed_at: Mapped[dt.datetime | None]
    session_key: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, email={self.email!r}, role={self.role!r})"


class AccountChange(Base):
    """An account added, given another role, removed or added again: who did it, when, and the
    account's role and state before and after (`before` is None for a new account). Never updated
    or deleted; shown in the audit list with the corrections."""

    __tablename__ = "account_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(20))  # add | role | remove | reactivate
    email: Mapped[str] = mapped_column(String(320), index=True)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON)
    why: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(320))
    at: Mapped[dt.datetime]

    def __repr__(self) -> str:
        return f"AccountChange(id={self.id!r}, action={self.action!r}, email={self.email!r})"


class LoginFailure(Base):
    """A failed sign-in, counted per address and per client for the rate limit (kept for the log)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
