"""A listing's events read as plain rows: the columns a page shows, then the parties and the
articles of the whole page in one query each.

Loading fifty events as ORM objects, with their party links and their articles through
`selectinload`, was the largest part of the web process's time on a page (half of it on
`/events`): instance state, collections and per-instance loaders for the article columns left
out, none of which a page uses. The parties stay `Party` rows (the corrected view shows them by
their organisation); an article is a `ListedArticle`, the fields a listing, feed or export shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, any_, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.models import Article, Event, EventParty, Party, event_articles

_COLUMNS = (Event.id, Event.type, Event.date, Event.location, Event.topics, Event.signatories, Event.evidence,
           Event.created_at)


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """An article as listings show it (storage/corrections.py, `ReportingArticle`)."""

    id: int
    source: str
    url: str
    title: str
    sapo: str
    published_at: dt.datetime | None
    updated_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ListedEvent:
    """A parser's event row as a listing reads it, in the shape `CorrectedView.apply` takes."""

    id: int
    type: str
    date: dt.date | None
    location: str | None
    topics: list[str]
    signatories: list[str]
    evidence: list[str]
    created_at: dt.datetime
    party_rows: list[Party]  # in text order
    articles: list[ListedArticle]

    def parties(self, country: str) -> list[Party]:
        """This event's parties of one country ("VN" or "KR"), in text order."""
        return [p for p in self.party_rows if p.country == country]


def among(column: ColumnElement[int] | InstrumentedAttribute[int], ids: Sequence[int],
          dialect: str) -> ColumnElement[bool]:
    """`column IN ids`; on PostgreSQL `= ANY` of one array parameter, not a parameter per id, which
    SQLAlchemy and psycopg build and convert one by one (a batch of 500 ids: 4 -> 2.5 ms a query)."""
    if dialect == "postgresql":
        return column == any_(literal(list(ids), ARRAY(Integer)))
    return column.in_(ids)


def listed(session: Session, where: Sequence[ColumnElement[bool]], order: Sequence[ColumnElement[Any]] = (),
           offset: int = 0, limit: int | None = None) -> list[ListedEvent]:
    """The events matching `where`, in this order, with their parties and articles."""
    query = select(*_COLUMNS).where(*where).order_by(*order).offset(offset).limit(limit)
    rows: Sequence[Any] = session.execute(query).all()
    ids = [row.id for row in rows]
    parties: dict[int, list[Party]] = {i: [] for i in ids}
    articles: dict[int, list[ListedArticle]] = {i: [] for i in ids}
    if ids:
        dialect = session.get_bind().dialect.name
        linked = (select(EventParty.event_id, Party).join(Party, Party.id == EventParty.party_id)
                  .where(among(EventParty.event_id, ids, dialect)).order_by(EventParty.event_id, EventParty.position))
        for event_id, party in session.execute(linked):
            parties[event_id].append(party)
        reports = (select(event_articles.c.event_id, Article.id, Article.source, Article.url, Article.title,
                          Article.sapo, Article.published_at, Article.updated_at)
                   .join(Article, Article.id == event_articles.c.article_id)
                   .where(among(event_articles.c.event_id, ids, dialect)).order_by(Article.id))
        for event_id, *fields in session.execute(reports):
            articles[event_id].append(ListedArticle(*fields))
    return [ListedEvent(r.id, r.type, r.date, r.location, list(r.topics or []), list(r.signatories or []),
                        list(r.evidence or []), r.created_at, parties[r.id], articles[r.id]) for r in rows]
