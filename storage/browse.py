"""The reads behind the web view: filtered, paged events, a party and its counterparts, source health.

All SQL of the web view lives here; the handlers call these methods and render what they return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, extract, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from storage.corrections import CorrectedEvent, CorrectedView
from storage.models import Article, CrawlRun, Event, EventParty, Incident, Party, event_articles
from storage.repository import CrawlRunRepository, party_key
from storage.subscriptions import IncidentRepository

Order = Literal["date", "stored"]


@dataclass(frozen=True)
class EventFilter:
    """What a listing asks for; every field empty means every event."""

    type: str | None = None
    source: str | None = None
    party: str | None = None  # a name or an acronym, on either side
    q: str | None = None  # words in a headline, a party's name or the place, all of them
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    type: str
    events: int


@dataclass(frozen=True)
class Counterpart:
    party: Party
    events: int


@dataclass(frozen=True)
class SourceHealth:
    source: str
    last_run: CrawlRun | None
    incidents: Sequence[Incident]


def _word_key(text: str) -> str:
    """A party key padded with spaces, so a match starts and ends on word boundaries."""
    return f" {party_key(text)} "


def _padded_key() -> ColumnElement[str]:
    return literal(" ") + Party.key + literal(" ")


# Conditions on an event's parties and articles are `id IN (subquery)`, not EXISTS: SQLite runs a
# correlated EXISTS through the articles' source index once per event (minutes at 100,000 events),
# and an IN subquery once.
def _with_party(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return Event.id.in_(select(EventParty.event_id).join(Party, Party.id == EventParty.party_id).where(condition))


def _with_article(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    linked = select(event_articles.c.event_id).join(Article, Article.id == event_articles.c.article_id)
    return Event.id.in_(linked.where(condition))


def _party_matches(value: str) -> ColumnElement[bool]:
    by_acronym = func.lower(Party.acronym) == value.strip().lower()
    return _with_party(or_(_padded_key().contains(_word_key(value), autoescape=True), by_acronym))


def _word_matches(word: str) -> ColumnElement[bool]:
    return or_(
        _with_article(Article.title.icontains(word, autoescape=True)),
        _with_party(Party.key.contains(party_key(word), autoescape=True)),
        Event.location.icontains(word, autoescape=True),
    )


def _conditions(wanted: EventFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.type:
        conditions.append(Event.type == wanted.type)
    if wanted.source:
        conditions.append(_with_article(Article.source == wanted.source))
    if wanted.party and party_key(wanted.party):
        conditions.append(_party_matches(wanted.party))
    if wanted.q:
        conditions += [_word_matches(word) for word in wanted.q.split() if party_key(word)]
    if wanted.since:
        conditions.append(Event.date >= wanted.since)
    if wanted.until:
        conditions.append(Event.date <= wanted.until)
    return conditions


def _matcher(wanted: EventFilter) -> Callable[[CorrectedEvent], bool]:
    """The filter of `_conditions`, judged in Python on an event's corrected values."""
    def party_ok(event: CorrectedEvent, value: str) -> bool:
        parties = event.parties("VN") + event.parties("KR")
        return any(_word_key(value) in f" {p.key} " or (p.acronym or "").lower() == value.strip().lower()
                   for p in parties)

    def word_ok(event: CorrectedEvent, word: str) -> bool:
        parties = event.parties("VN") + event.parties("KR")
        return (any(word.casefold() in a.title.casefold() for a in event.articles)
                or any(party_key(word) in p.key for p in parties)
                or word.casefold() in (event.location or "").casefold())

    def matches(event: CorrectedEvent) -> bool:
        checks = [
            not wanted.type or event.type == wanted.type,
            not wanted.source or any(a.source == wanted.source for a in event.articles),
            not (wanted.party and party_key(wanted.party)) or party_ok(event, wanted.party or ""),
            all(word_ok(event, w) for w in (wanted.q or "").split() if party_key(w)),
            not wanted.since or (event.date is not None and event.date >= wanted.since),
            not wanted.until or (event.date is not None and event.date <= wanted.until),
        ]
        return all(checks)

    return matches


def _ordering(order: Order) -> list[ColumnElement[Any]]:
    if order == "stored":
        return [Event.id.desc()]
    return [Event.date.desc().nulls_last(), Event.id.desc()]


class BrowseRepository:
    """Read-only queries for the web view."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def events(
        self, wanted: EventFilter, offset: int = 0, limit: int = 50, order: Order = "date"
    ) -> list[CorrectedEvent]:
        """One page of the events matching the filter, newest event date (or newest stored) first."""
        view = CorrectedView(self.session)
        query = select(Event).where(*view.where(_conditions(wanted), _matcher(wanted))).order_by(*_ordering(order))
        return view.visible(self.session.scalars(query.offset(offset).limit(limit)).all())

    def _corrected(self, wanted: EventFilter) -> list[ColumnElement[bool]]:
        """The filter's conditions on the corrected view (storage/corrections.py)."""
        return CorrectedView(self.session).where(_conditions(wanted), _matcher(wanted))

    def count(self, wanted: EventFilter) -> int:
        """How many events match the filter."""
        query = select(func.count(Event.id)).where(*self._corrected(wanted))
        return int(self.session.scalar(query) or 0)

    def per_month(self, wanted: EventFilter) -> list[MonthCount]:
        """Dated events matching the filter, counted per month and type."""
        year = extract("year", Event.date)
        month = extract("month", Event.date)
        query = (
            select(year, month, Event.type, func.count(Event.id))
            .where(Event.date.is_not(None), *self._corrected(wanted))
            .group_by(year, month, Event.type)
            .order_by(year, month)
        )
        return [MonthCount(int(y), int(m), str(t), int(n)) for y, m, t, n in self.session.execute(query)]

    def event(self, event_id: int) -> CorrectedEvent | None:
        """One event as corrected; a merged-away id gives the event it went into, a hidden one None."""
        return CorrectedView(self.session).by_id(event_id)

    def party(self, party_id: int) -> Party | None:
        return self.session.get(Party, party_id)

    def party_events(self, party_id: int, limit: int = 500) -> list[CorrectedEvent]:
        """The events one organisation took part in, newest first."""
        view = CorrectedView(self.session)
        took_part = Event.id.in_(select(EventParty.event_id).where(EventParty.party_id == party_id))
        def matches(event: CorrectedEvent) -> bool:
            return any(p.id == party_id for p in event.parties("VN") + event.parties("KR"))
        query = (
            select(Event)
            .where(*view.where([took_part], matches))
            .order_by(Event.date.desc().nulls_last(), Event.id.desc())
            .limit(limit)
        )
        return view.visible(self.session.scalars(query).all())

    def counterparts(self, party: Party) -> list[Counterpart]:
        """The organisations of the other country in this party's events, most frequent first."""
        mine, theirs = aliased(EventParty), aliased(EventParty)
        shared = func.count(func.distinct(mine.event_id))
        query = (
            select(Party, shared)
            .join(theirs, theirs.party_id == Party.id)
            .join(mine, and_(mine.event_id == theirs.event_id, mine.party_id == party.id))
            .where(Party.country != party.country, mine.event_id.not_in(CorrectedView(self.session).hidden))
            .group_by(Party.id)
            .order_by(shared.desc(), Party.name)
        )
        return [Counterpart(p, int(n)) for p, n in self.session.execute(query)]

    def source_health(self, sources: Iterable[str]) -> list[SourceHealth]:
        """Each source's latest run and its open incidents, as `coopwatch status` shows them."""
        runs, incidents = CrawlRunRepository(self.session), IncidentRepository(self.session)
        return [SourceHealth(s, runs.latest(s), incidents.open(s)) for s in sources]
