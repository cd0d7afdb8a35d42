"""The reads behind the web view: filtered, paged events, a party and its counterparts, source health.

All SQL of the web view lives here; the handlers call these methods and render what they return.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased, selectinload

from storage.corrections import CorrectedEvent, CorrectedView
from storage.models import Article, CrawlRun, Event, EventParty, Incident, Party, event_articles
from storage.repository import CrawlRunRepository, party_key
from storage.subscriptions import IncidentRepository

Order = Literal["date", "stored"]
_CHUNK = 1000  # event ids per IN list, well under SQLite's limit on bound parameters


@dataclass(frozen=True)
class EventFilter:
    """What a listing asks for; every field empty means every event."""

    type: str | None = None
    source: str | None = None
    party: str | None = None  # a name or an acronym, on either side
    q: str | None = None  # words in a headline, a party's name, the place or the evidence, all of them
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    type: str
    events: int


@dataclass(frozen=True)
class Overview:
    """What a listing shows above its rows: how many events match, and the dated ones per month."""

    total: int
    months: list[MonthCount]


@dataclass(frozen=True)
class EventPage:
    """One page of a listing, with its count and chart."""

    total: int
    months: list[MonthCount]
    events: Sequence[CorrectedEvent]


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


def _party_matches(value: str, also: Collection[int] = ()) -> ColumnElement[bool]:
    """A party of the event is named `value`, or is one of `also` (the spellings of a merged organisation)."""
    by_acronym = func.lower(Party.acronym) == value.strip().lower()
    named = or_(_padded_key().contains(_word_key(value), autoescape=True), by_acronym)
    return _with_party(or_(named, Party.id.in_(also)) if also else named)


def _like_pattern(word: str) -> str:
    """`%word%` with LIKE's wildcards in the word escaped by '/'.

    One bound pattern rather than SQLAlchemy's `'%' || ? || '%'`, which SQLite builds anew on
    every row it scans.
    """
    escaped = word.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def _contains(column: ColumnElement[Any] | InstrumentedAttribute[Any], word: str, dialect: str) -> ColumnElement[bool]:
    """`column` holds `word`, case ignored as far as the database's lower() goes.

    SQLite's LIKE already ignores ASCII case, which is all its lower() folds, so lower() calls
    would only double the cost of a scan over every headline; on PostgreSQL lower() + LIKE scans
    faster than ILIKE.
    """
    if dialect == "sqlite":
        return column.like(_like_pattern(word), escape="/")
    return func.lower(column).like(_like_pattern(word.lower()), escape="/")


def _evidence_matches(event: type[Event], word: str, dialect: str) -> ColumnElement[bool]:
    """The event's evidence sentences hold `word`.

    They are stored as JSON text, whose non-ASCII letters are \\u escapes, so the word is looked
    for in that form; lowered first, as no database lowers a letter inside an escape ("BÁN" finds
    "bán", though not the other way round).
    """
    return _contains(cast(event.evidence, Text), json.dumps(word.lower())[1:-1], dialect)


def _word_matches(word: str, dialect: str) -> ColumnElement[bool]:
    """`word` is in a headline, a party's name, the place or the evidence of the event.

    One list of event ids per word, gathered field by field, so each text is read once (an OR of
    the fields on every event row took twice as long at 100,000 events) and, on PostgreSQL, each
    field's trigram index (migration 0005) can answer its part.
    """
    titled = select(Article.id).where(_contains(Article.title, word, dialect))
    inner = aliased(Event)  # not correlated with the outer query's events
    return Event.id.in_(union_all(
        select(event_articles.c.event_id).where(event_articles.c.article_id.in_(titled)),
        select(EventParty.event_id).join(Party, Party.id == EventParty.party_id)
        .where(Party.key.like(_like_pattern(party_key(word)), escape="/")),
        select(inner.id).where(_contains(inner.location, word, dialect)),
        select(inner.id).where(_evidence_matches(inner, word, dialect)),
    ))


def _conditions(wanted: EventFilter, dialect: str = "sqlite", party_rows: Collection[int] = ()) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.type:
        conditions.append(Event.type == wanted.type)
    if wanted.source:
        conditions.append(_with_article(Article.source == wanted.source))
    if wanted.party and party_key(wanted.party):
        conditions.append(_party_matches(wanted.party, party_rows))
    if wanted.q:
        conditions += [_word_matches(word, dialect) for word in wanted.q.split() if party_key(word)]
    if wanted.since:
        conditions.append(Event.date >= wanted.since)
    if wanted.until:
        conditions.append(Event.date <= wanted.until)
    return conditions


def _matcher(wanted: EventFilter, party_rows: Collection[int] = ()) -> Callable[[CorrectedEvent], bool]:
    """The filter of `_conditions`, judged in Python on an event's corrected values."""
    def party_ok(event: CorrectedEvent, value: str) -> bool:
        parties = event.parties("VN") + event.parties("KR")
        return any(_word_key(value) in f" {p.key} " or (p.acronym or "").lower() == value.strip().lower()
                   or p.id in party_rows for p in parties)

    def word_ok(event: CorrectedEvent, word: str) -> bool:
        parties = event.parties("VN") + event.parties("KR")
        return (any(word.casefold() in a.title.casefold() for a in event.articles)
                or any(party_key(word) in p.key for p in parties)
                or word.casefold() in (event.location or "").casefold()
                or any(word.casefold() in sentence.casefold() for sentence in event.evidence))

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


def _exported(event: CorrectedEvent) -> ExportedEvent:
    """An export row of a corrected event."""
    parties = [ExportedParty(p.country, p.name, p.acronym) for c in ("VN", "KR") for p in event.parties(c)]
    articles = [ExportedArticle(a.source, a.url, a.title) for a in event.articles]
    return ExportedEvent(event.id, event.date, event.type, event.location, list(event.topics),
                         list(event.signatories), event.created_at, parties, articles)


def _costly(wanted: EventFilter) -> bool:
    """Conditions read through the link tables or by scanning text: worth reading only once a page."""
    return bool(wanted.source or wanted.party or wanted.q)


def _newest_first(day_and_id: tuple[dt.date | None, int]) -> tuple[bool, dt.date, int]:
    day, event_id = day_and_id
    return (day is not None, day or dt.date.min, event_id)


# what listings show of an event's articles: their bodies, captions and tags stay in the database
_LISTED = selectinload(Event.articles).load_only(
    Article.id, Article.source, Article.url, Article.title, Article.sapo, Article.published_at, Article.updated_at
)


def _ordering(order: Order) -> list[ColumnElement[Any]]:
    if order == "stored":
        return [Event.id.desc()]
    return [Event.date.desc().nulls_last(), Event.id.desc()]


def _sort_key(order: Order) -> Callable[[tuple[dt.date | None, int]], Any]:
    """`_ordering` in Python, for (date, id) pairs sorted in reverse."""
    return _newest_first if order == "date" else lambda day_and_id: day_and_id[1]


@dataclass(frozen=True)
class _Split:
    """A filter on the corrected view: SQL for the rows no correction touches, and the corrected
    events that match, judged in Python (they sort and count by their corrected date and type)."""

    parser_rows: list[ColumnElement[bool]]
    corrected: list[CorrectedEvent]


class BrowseRepository:
    """Read-only queries for the web view."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def _split(self, wanted: EventFilter, view: CorrectedView) -> _Split:
        """The filter on the corrected view (storage/corrections.py); a merged organisation's
        spellings all match a party filter that names one of them."""
        also = view.orgs.matching(wanted.party) if wanted.party and view.orgs else set()
        return _Split(*view.corrected_matching(_conditions(wanted, self._dialect, also), _matcher(wanted, also)))

    def _merged_ids(self, split: _Split, offset: int, limit: int, order: Order) -> list[int]:
        """The ids of one page, the corrected events sorted among the parser's rows by their corrected date."""
        query = select(Event.date, Event.id).where(*split.parser_rows).order_by(*_ordering(order))
        rows = [(day, int(i)) for day, i in self.session.execute(query.limit(offset + limit))]
        rows += [(e.date, e.id) for e in split.corrected]
        rows.sort(key=_sort_key(order), reverse=True)
        return [i for _, i in rows[offset : offset + limit]]

    def events(
        self, wanted: EventFilter, offset: int = 0, limit: int = 50, order: Order = "date",
        view: CorrectedView | None = None,
    ) -> list[CorrectedEvent]:
        """One page of the events matching the filter, newest event date (or newest stored) first."""
        view = view or CorrectedView(self.session)
        return self._page_rows(self._split(wanted, view), view, offset, limit, order)

    def export(self, wanted: EventFilter, offset: int = 0, limit: int = 10_000) -> list[ExportedEvent]:
        """The events of `events()` as plain rows, with their parties and articles, for the CSV.

        Three plain queries instead of ORM objects: loading a few thousand events with their
        parties and articles as objects cost more than the query that finds them.
        """
        columns = (Event.id, Event.date, Event.type, Event.location, Event.topics, Event.signatories, Event.created_at)
        view = CorrectedView(self.session)
        split = self._split(wanted, view)
        if split.corrected:
            ids = self._merged_ids(split, offset, limit, "date")
            found = {r.id: r for low in range(0, len(ids), _CHUNK)
                     for r in self.session.execute(select(*columns).where(Event.id.in_(ids[low : low + _CHUNK])))}
            rows = [found[i] for i in ids]
        else:
            query = select(*columns).where(*split.parser_rows).order_by(*_ordering("date"))
            rows = list(self.session.execute(query.offset(offset).limit(limit)).all())
        parties: dict[int, list[ExportedParty]] = {r.id: [] for r in rows}
        articles: dict[int, list[ExportedArticle]] = {r.id: [] for r in rows}
        ids = list(parties)
        for low in range(0, len(ids), _CHUNK):
            chunk = ids[low : low + _CHUNK]
            linked = (
                select(EventParty.event_id, Party.id, Party.country, Party.name, Party.acronym)
                .join(Party, Party.id == EventParty.party_id)
                .where(EventParty.event_id.in_(chunk))
                .order_by(EventParty.event_id, EventParty.position)
            )
            for event_id, party_id, country, name, acronym in self.session.execute(linked):
                parties[event_id].append(self._shown_party(view, party_id, ExportedParty(country, name, acronym)))
            reports = (
                select(event_articles.c.event_id, Article.source, Article.url, Article.title)
                .join(Article, Article.id == event_articles.c.article_id)
                .where(event_articles.c.event_id.in_(chunk))
                .order_by(event_articles.c.event_id, Article.id)
            )
            for event_id, source, url, title in self.session.execute(reports):
                articles[event_id].append(ExportedArticle(source, url, title))
        return [_exported(view.apply(event)) if (event := self._overlaid(view, r.id)) is not None else
                ExportedEvent(r.id, r.date, r.type, r.location, list(r.topics or []), list(r.signatories or []),
                              r.created_at, list(dict.fromkeys(parties[r.id])), articles[r.id]) for r in rows]

    def _shown_party(self, view: CorrectedView, party_id: int, row: ExportedParty) -> ExportedParty:
        """A party of an export row as everyone reads it: its organisation's name."""
        if not view.orgs.affects(party_id):
            return row
        party = self.session.get(Party, party_id)
        shown = view.orgs.shown(party) if party is not None else None
        return row if shown is None else ExportedParty(shown.country, shown.name, shown.acronym)

    def _overlaid(self, view: CorrectedView, event_id: int) -> Event | None:
        """The parser's row of an event a correction changes (its export is built from the corrected view)."""
        return self.session.get(Event, event_id) if event_id in view.overlaid else None

    def count(self, wanted: EventFilter) -> int:
        """How many events match the filter."""
        split = self._split(wanted, CorrectedView(self.session))
        query = select(func.count()).select_from(Event).where(*split.parser_rows)
        return int(self.session.scalar(query) or 0) + len(split.corrected)

    def overview(self, wanted: EventFilter, view: CorrectedView | None = None) -> Overview:
        """The count and the per-month chart of a filter (corrected events by their corrected date and type)."""
        return self._overview(self._split(wanted, view or CorrectedView(self.session)))

    def _overview(self, split: _Split) -> Overview:
        """The count and the per-month chart of a filter, from one pass over the matching events.

        Grouped by day first: with the (date, type) index that is a walk along the index with no
        sort, and the outer grouping into months then reads one row per day and type, not per event.
        """
        per_day = (
            select(Event.date.label("day"), Event.type.label("kind"), func.count().label("n"))
            .where(*split.parser_rows)
            .group_by(Event.date, Event.type)
            .subquery()
        )
        year, month = extract("year", per_day.c.day), extract("month", per_day.c.day)
        query = select(year, month, per_day.c.kind, func.sum(per_day.c.n)).group_by(year, month, per_day.c.kind)
        counts: Counter[tuple[int, int, str]] = Counter()
        total = len(split.corrected)
        for y, m, kind, n in self.session.execute(query):
            total += int(n)
            if y is not None:
                counts[(int(y), int(m), str(kind))] += int(n)
        counts.update((e.date.year, e.date.month, e.type) for e in split.corrected if e.date is not None)
        return Overview(total, [MonthCount(y, m, k, n) for (y, m, k), n in sorted(counts.items())])

    def page(self, wanted: EventFilter, offset: int = 0, limit: int = 50) -> EventPage:
        """One page of the listing (newest event date first), the count and the chart.

        A costly filter (source, party, words) is read once: the same grouped pass that counts
        also gathers the matching ids, and the page is cut from them; a cheap one (type, dates, or
        none) is counted along the (date, type) index and the page read along the date index.
        """
        view = CorrectedView(self.session)  # the corrections are read once for the whole page
        split = self._split(wanted, view)
        if not _costly(wanted):
            overview = self._overview(split)
            rows = self._page_rows(split, view, offset, limit) if overview.total > offset else []
            return EventPage(overview.total, overview.months, rows)
        ids = func.aggregate_strings(cast(Event.id, Text), ",")
        query = (
            select(Event.date, Event.type, func.count(), ids)
            .where(*split.parser_rows)
            .group_by(Event.date, Event.type)
        )
        per_month: Counter[tuple[int, int, str]] = Counter()
        found: list[tuple[dt.date | None, int]] = []
        for day, kind, n, joined in self.session.execute(query):
            if day is not None:
                per_month[(day.year, day.month, kind)] += n
            found += [(day, int(i)) for i in joined.split(",")]
        for event in split.corrected:
            if event.date is not None:
                per_month[(event.date.year, event.date.month, event.type)] += 1
            found.append((event.date, event.id))
        found.sort(key=_newest_first, reverse=True)
        months = [MonthCount(y, m, k, n) for (y, m, k), n in sorted(per_month.items())]
        return EventPage(len(found), months, self._by_ids([i for _, i in found[offset : offset + limit]], view))

    def _page_rows(self, split: _Split, view: CorrectedView, offset: int, limit: int,
                   order: Order = "date") -> list[CorrectedEvent]:
        if split.corrected:
            return self._by_ids(self._merged_ids(split, offset, limit, order), view)
        query = select(Event).where(*split.parser_rows).order_by(*_ordering(order))
        return view.visible(self.session.scalars(query.options(_LISTED).offset(offset).limit(limit)).all())

    def _by_ids(self, ids: list[int], view: CorrectedView) -> list[CorrectedEvent]:
        """These events, in this order, as corrected."""
        if not ids:
            return []
        loaded = {e.id: e for e in self.session.scalars(select(Event).where(Event.id.in_(ids)).options(_LISTED))}
        return view.visible(loaded[i] for i in ids)

    def per_month(self, wanted: EventFilter) -> list[MonthCount]:
        """Dated events matching the filter, counted per month and type."""
        return self.overview(wanted).months

    def event(self, event_id: int) -> CorrectedEvent | None:
        """One event as corrected; a merged-away id gives the event it went into, a hidden one None."""
        return CorrectedView(self.session).by_id(event_id)

    def party(self, party_id: int) -> Party | None:
        """A party's organisation row: itself, or the row a merged spelling went into."""
        party = self.session.get(Party, party_id)
        root = CorrectedView(self.session).orgs.root(party_id) if party is not None else party_id
        return party if root == party_id else self.session.get(Party, root)

    def party_events(self, party_id: int, limit: int = 500) -> list[CorrectedEvent]:
        """The events one organisation (any of its spellings) took part in, newest first."""
        view = CorrectedView(self.session)
        root = view.orgs.root(party_id)
        took_part = Event.id.in_(select(EventParty.event_id).where(EventParty.party_id.in_(view.orgs.members(root))))
        def matches(event: CorrectedEvent) -> bool:
            return any(p.id == root for p in event.parties("VN") + event.parties("KR"))
        split = _Split(*view.corrected_matching([took_part], matches))
        return self._page_rows(split, view, 0, limit)

    def counterparts(self, party: Party) -> list[Counterpart]:
        """The organisations of the other country in this party's corrected events, most frequent first."""
        view = CorrectedView(self.session)
        root, other = view.orgs.root(party.id), "KR" if party.country == "VN" else "VN"
        mine, theirs = aliased(EventParty), aliased(EventParty)
        pairs = (
            select(theirs.event_id, theirs.party_id).distinct()
            .join(mine, and_(mine.event_id == theirs.event_id, mine.party_id.in_(view.orgs.members(root))))
            .join(Party, Party.id == theirs.party_id)
            .where(Party.country == other, mine.event_id.not_in(view.hidden | view.overlaid))
        )
        shared: dict[int, set[int]] = {}
        for event_id, party_id in self.session.execute(pairs):
            shared.setdefault(view.orgs.root(party_id), set()).add(event_id)
        for event in map(view.apply, view.overlaid_rows()):
            if any(p.id == root for p in event.parties(party.country)):
                for counterpart in event.parties(other):
                    shared.setdefault(counterpart.id, set()).add(event.id)
        found = [Counterpart(view.orgs.shown(p), len(shared[i])) for i in shared
                 if (p := self.session.get(Party, i)) is not None]
        return sorted(found, key=lambda c: (-c.events, c.party.name))

    def source_health(self, sources: Iterable[str]) -> list[SourceHealth]:
        """Each source's latest run and its open incidents, as `coopwatch status` shows them."""
        runs, incidents = CrawlRunRepository(self.session), IncidentRepository(self.session)
        return [SourceHealth(s, runs.latest(s), incidents.open(s)) for s in sources]
