"""The text `q` searches: each event's headlines, party names, place and evidence, folded once on write;
and beside it the event's sources (`event_sources`, which the source filter counts along).

`events.search_text` holds that text folded as party keys are (no case, no accents, đ as d,
punctuation as spaces), one field per line, so a folded query word is found wherever it is in a
field, with or without diacritics, and never across two fields. It is indexed for substring search:
on SQLite by the FTS5 table `events_search` (trigram tokenizer, kept in step with the column by
triggers), on PostgreSQL by a pg_trgm GIN index (migration 0008).

The column, and the event's `event_sources` rows (one per source of its articles, with its date and
type), are kept in step by session hooks rather than by each writer: every flush notes the
events whose own fields, parties or reporting articles (their headlines) changed in it, and before
the transaction commits those events are read back and their text rewritten, whichever code
changed them (the crawl, `reparse`, an analyst's added event). Once per transaction, not per
flush: a crawl batch flushes once or more per article, and an event reported by many of them
would be rewritten each time. Corrections never change the parser's rows; the corrected view judges
the few events they touch in Python on the same folded text (`corrected_search_text`). The names
analysts give organisations are not in this text either: a `q` word that holds one of them matches
the events of that organisation's party rows as well (storage/event_filter.py, `rows_named`), so an
organisation correction or its undo rewrites nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, delete, event, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, UOWTransaction, attributes
from sqlalchemy.orm.base import PASSIVE_NO_INITIALIZE

from storage.corrections import CorrectedEvent
from storage.models import Article, Event, EventParty, EventSource, Party, event_articles
from storage.repository import party_key

_CHUNK = 500  # event ids per IN list
_PENDING = "search_text_pending"


def search_text(titles: Iterable[str], keys: Iterable[str], location: str | None, evidence: Iterable[str]) -> str:
    """The folded text of one event: a line per headline, party key, place and evidence sentence."""
    lines = [party_key(t) for t in titles] + list(keys) + [party_key(location or "")] + [party_key(s) for s in evidence]
    return "\n".join(line for line in lines if line)


def corrected_search_text(event: CorrectedEvent) -> str:
    """`search_text` of an event as the corrected view shows it."""
    parties = event.parties("VN") + event.parties("KR")
    return search_text((a.title for a in event.articles), (p.key for p in parties), event.location, event.evidence)


def refresh(connection: Connection, event_ids: Iterable[int], sources: bool = True) -> None:
    """Rewrite the search text of these events from what is stored now, and their `event_sources`
    rows (`sources`: False in migration 0008, which comes before that table)."""
    ids = sorted(set(event_ids))
    for low in range(0, len(ids), _CHUNK):
        chunk = ids[low : low + _CHUNK]
        titles: dict[int, list[str]] = {i: [] for i in chunk}
        outlets: dict[int, set[str]] = {i: set() for i in chunk}
        keys: dict[int, list[str]] = {i: [] for i in chunk}
        reports = (select(event_articles.c.event_id, Article.title, Article.source)
                   .join(Article, Article.id == event_articles.c.article_id)
                   .where(event_articles.c.event_id.in_(chunk)).order_by(Article.id))
        for event_id, title, source in connection.execute(reports):
            titles[event_id].append(title)
            outlets[event_id].add(source)
        parties = (select(EventParty.event_id, Party.key).join(Party, Party.id == EventParty.party_id)
                   .where(EventParty.event_id.in_(chunk)).order_by(EventParty.position))
        for event_id, key in connection.execute(parties):
            keys[event_id].append(key)
        events = connection.execute(select(Event.id, Event.location, Event.evidence, Event.date, Event.type)
                                    .where(Event.id.in_(chunk))).all()
        values = [{"event_id": i, "text": search_text(titles[i], keys[i], location, evidence or [])}
                  for i, location, evidence, _, _ in events]
        if values:
            statement = update(Event).where(Event.id == bindparam("event_id"))
            connection.execute(statement.values(search_text=bindparam("text")), values)
        if sources:
            _refresh_sources(connection, chunk, [{"event_id": i, "source": source, "date": date, "type": kind}
                                                 for i, _, _, date, kind in events for source in sorted(outlets[i])])


def _refresh_sources(connection: Connection, event_ids: list[int], rows: list[dict[str, object]]) -> None:
    """Rewrite the `event_sources` rows of these events with `rows` (each source of their articles,
    with their date and type), built from what `refresh` read: a list of values, so no join is
    left to the planner, which picks whole-table scans for tables filled in the same transaction
    (no statistics yet) and made a 1,000,000-event bulk load quadratic."""
    connection.execute(delete(EventSource).where(EventSource.event_id.in_(event_ids)))
    if not rows:
        return
    dialect_insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    # another transaction rewriting the same event may have committed its rows since the delete
    connection.execute(dialect_insert(EventSource).on_conflict_do_nothing(), rows)


def refresh_all(connection: Connection) -> None:
    """Rewrite every event's search text (migration 0008)."""
    refresh(connection, connection.scalars(select(Event.id)), sources=False)


@dataclass
class _Touched:
    """What a flush changed that the search text is made of."""

    events: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)  # headline or source changed: all its events
    parties: set[int] = field(default_factory=set)  # key changed: all its events

    def add(self, session: Session) -> None:
        for obj in [*session.new, *session.dirty, *session.deleted]:
            if isinstance(obj, Event) and obj not in session.deleted:
                self.events.add(obj.id)
            elif isinstance(obj, EventParty):
                self.events.add(obj.event_id)
            elif isinstance(obj, Article):
                self.events |= _ids(obj, "events")
                if _changed(obj, "title") or _changed(obj, "source"):
                    self.articles.add(obj.id)
            elif isinstance(obj, Party) and _changed(obj, "key"):
                self.parties.add(obj.id)

    def event_ids(self, connection: Connection) -> set[int]:
        ids = set(self.events)
        if self.articles:
            ids |= set(connection.scalars(select(event_articles.c.event_id).where(
                event_articles.c.article_id.in_(self.articles))))
        if self.parties:
            ids |= set(connection.scalars(select(EventParty.event_id).where(EventParty.party_id.in_(self.parties))))
        return {i for i in ids if i is not None}


def _ids(obj: object, collection: str) -> set[int]:
    """Ids of the objects added to or removed from a collection in this flush."""
    history = attributes.get_history(obj, collection, passive=PASSIVE_NO_INITIALIZE)
    return {o.id for o in (*history.added, *history.deleted)}


def _changed(obj: object, name: str) -> bool:
    return attributes.get_history(obj, name, passive=PASSIVE_NO_INITIALIZE).has_changes()


@event.listens_for(Session, "before_flush")
def _collect_deleted_articles(session: Session, _context: UOWTransaction, _instances: object) -> None:
    """The events of the articles this flush deletes, read while their links are still stored (the
    ORM removes the links without loading them, so no history names those events afterwards)."""
    gone = sorted(obj.id for obj in session.deleted if isinstance(obj, Article) and obj.id is not None)
    if not gone:
        return
    touched = session.info.setdefault(_PENDING, _Touched())
    connection = session.connection()
    for low in range(0, len(gone), _CHUNK):
        reported = select(event_articles.c.event_id).where(event_articles.c.article_id.in_(gone[low : low + _CHUNK]))
        touched.events |= set(connection.scalars(reported))


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: UOWTransaction) -> None:
    session.info.setdefault(_PENDING, _Touched()).add(session)


@event.listens_for(Session, "before_commit")
def _rewrite(session: Session) -> None:
    session.flush()  # the commit's own flush comes after this hook: its changes must be noted now
    touched: _Touched | None = session.info.pop(_PENDING, None)
    if touched is not None:
        connection = session.connection()
        refresh(connection, touched.event_ids(connection))
