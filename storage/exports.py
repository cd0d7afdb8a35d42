"""Export rows for the CSV: the events of a listing as plain values, read without building ORM objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.corrections import CorrectedEvent, CorrectedView
from storage.event_filter import EventFilter
from storage.listed import among
from storage.listing_merge import merged_ids, ordering, split
from storage.models import Article, Event, EventParty, Party, event_articles

_CHUNK = 1000  # event ids per IN list, well under SQLite's limit on bound parameters
EXPORT_BATCH = 500  # export rows read, and written out, at a time


@dataclass(frozen=True)
class ExportedParty:
    country: str
    name: str
    acronym: str | None


@dataclass(frozen=True)
class ExportedArticle:
    source: str
    url: str
    title: str


@dataclass(frozen=True)
class ExportedEvent:
    """An event as an export row needs it: plain values, read without building ORM objects."""

    id: int
    date: dt.date | None
    type: str
    location: str | None
    topics: list[str]
    signatories: list[str]
    created_at: dt.datetime
    parties: list[ExportedParty]
    articles: list[ExportedArticle]


_COLUMNS = (Event.id, Event.date, Event.type, Event.location, Event.topics, Event.signatories, Event.created_at)


def export_batches(session: Session, wanted: EventFilter, offset: int, limit: int, batch: int,
                   view: CorrectedView) -> Iterator[list[ExportedEvent]]:
    """The listing's events as export rows, a batch at a time, read from one query as it goes (`yield_per`).

    Plain queries instead of ORM objects: loading a few thousand events with their parties and
    articles as objects cost more than the query that finds them.
    """
    found = split(session, wanted, view)
    if found.corrected:  # the corrected events sort in by their corrected date: one batch of ids
        ids = merged_ids(session, found, offset, limit, "date")
        for low in range(0, len(ids), batch):
            chunk = ids[low : low + batch]
            by_id = {r.id: r for r in session.execute(select(*_COLUMNS).where(Event.id.in_(chunk)))}
            yield _export_rows(session, [by_id[i] for i in chunk], view)
        return
    query = select(*_COLUMNS).where(*found.parser_rows).order_by(*ordering("date"))
    result = session.execute(query.offset(offset).limit(limit).execution_options(yield_per=batch))
    for rows in result.partitions():
        yield _export_rows(session, rows, view)


def _export_rows(session: Session, rows: Sequence[Any], view: CorrectedView) -> list[ExportedEvent]:
    parties: dict[int, list[ExportedParty]] = {r.id: [] for r in rows}
    articles: dict[int, list[ExportedArticle]] = {r.id: [] for r in rows}
    ids, dialect = list(parties), session.get_bind().dialect.name
    for low in range(0, len(ids), _CHUNK):
        chunk = ids[low : low + _CHUNK]
        linked = (
            select(EventParty.event_id, Party.id, Party.country, Party.name, Party.acronym)
            .join(Party, Party.id == EventParty.party_id)
            .where(among(EventParty.event_id, chunk, dialect))
            .order_by(EventParty.event_id, EventParty.position)
        )
        for event_id, party_id, country, name, acronym in session.execute(linked):
            parties[event_id].append(_shown_party(session, view, party_id, ExportedParty(country, name, acronym)))
        reports = (
            select(event_articles.c.event_id, Article.source, Article.url, Article.title)
            .join(Article, Article.id == event_articles.c.article_id)
            .where(among(event_articles.c.event_id, chunk, dialect))
            .order_by(event_articles.c.event_id, Article.id)
        )
        for event_id, source, url, title in session.execute(reports):
            articles[event_id].append(ExportedArticle(source, url, title))
    return [_exported(view.apply(event)) if (event := _overlaid(session, view, r.id)) is not None else
            ExportedEvent(r.id, r.date, r.type, r.location, list(r.topics or []), list(r.signatories or []),
                          r.created_at, list(dict.fromkeys(parties[r.id])), articles[r.id]) for r in rows]


def _shown_party(session: Session, view: CorrectedView, party_id: int, row: ExportedParty) -> ExportedParty:
    """A party of an export row as everyone reads it: its organisation's name."""
    if not view.orgs.affects(party_id):
        return row
    party = session.get(Party, party_id)
    shown = view.orgs.shown(party) if party is not None else None
    return row if shown is None else ExportedParty(shown.country, shown.name, shown.acronym)


def _overlaid(session: Session, view: CorrectedView, event_id: int) -> Event | None:
    """The parser's row of an event a correction changes (its export is built from the corrected view)."""
    return session.get(Event, event_id) if event_id in view.overlaid else None


def _exported(event: CorrectedEvent) -> ExportedEvent:
    """An export row of a corrected event."""
    parties = [ExportedParty(p.country, p.name, p.acronym) for c in ("VN", "KR") for p in event.parties(c)]
    articles = [ExportedArticle(a.source, a.url, a.title) for a in event.articles]
    return ExportedEvent(event.id, event.date, event.type, event.location, list(event.topics),
                         list(event.signatories), event.created_at, parties, articles)
