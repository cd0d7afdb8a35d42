"""The reads behind the web view: filtered, paged events, a party and its counterparts, source health.

All SQL of the web view lives here; the handlers call these methods and render what they return.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    column,
    exists,
    extract,
    func,
    literal,
    or_,
    select,
    table,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased, selectinload

from storage.corrections import CorrectedEvent, CorrectedView
from storage.models import (
    Article,
    CrawlRun,
    Event,
    EventCount,
    EventParty,
    Incident,
    Party,
    event_articles,
)
from storage.repository import CrawlRunRepository, party_key
from storage.search import corrected_search_text
from storage.subscriptions import IncidentRepository

Order = Literal["date", "stored"]
_CHUNK = 1000  # event ids per IN list, well under SQLite's limit on bound parameters
EXPORT_BATCH = 500  # export rows read, and written out, at a time


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
# and an IN subquery once. A `narrow` query (other conditions leave a few days' events) checks each
# of its rows with EXISTS instead: gathering every event of a source for fifty rows costs more.
def _linked(ids: Select[Any], event_id: ColumnElement[int] | InstrumentedAttribute[int], narrow: bool) -> ColumnElement[bool]:
    return exists(ids.where(event_id == Event.id)) if narrow else Event.id.in_(ids)


def _with_party(condition: ColumnElement[bool], narrow: bool = False) -> ColumnElement[bool]:
    linked = select(EventParty.event_id).join(Party, Party.id == EventParty.party_id).where(condition)
    return _linked(linked, EventParty.event_id, narrow)


def _with_article(condition: ColumnElement[bool], narrow: bool = False) -> ColumnElement[bool]:
    linked = select(event_articles.c.event_id).join(Article, Article.id == event_articles.c.article_id)
    return _linked(linked.where(condition), event_articles.c.event_id, narrow)


def _party_matches(value: str, also: Collection[int] = (), narrow: bool = False) -> ColumnElement[bool]:
    """A party of the event is named `value`, or is one of `also` (the spellings of a merged organisation)."""
    by_acronym = func.lower(Party.acronym) == value.strip().lower()
    named = or_(_padded_key().contains(_word_key(value), autoescape=True), by_acronym)
    return _with_party(or_(named, Party.id.in_(also)) if also else named, narrow)


def _like_pattern(word: str) -> str:
    """`%word%` with LIKE's wildcards in the word escaped by '/'.

    One bound pattern rather than SQLAlchemy's `'%' || ? || '%'`, which SQLite builds anew on
    every row it scans.
    """
    escaped = word.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


# the FTS5 table of migration 0008 (SQLite), over events.search_text
_EVENTS_SEARCH = table("events_search", column("rowid"), column("search_text"))
_TRIGRAM = 3  # the shortest substring a trigram index finds


def _words_match(words: list[str], dialect: str, narrow: bool = False) -> list[ColumnElement[bool]]:
    """Each of `words`, folded, is in a headline, a party's name, the place or the evidence of the event.

    All of them are one folded text per event (storage/search.py). On SQLite the words of three
    letters or more are looked up together in its FTS5 trigram index, shorter ones read in the
    column; on PostgreSQL `LIKE '%word%'` uses the pg_trgm index where there is one. In a `narrow`
    query the column is read (the same answer): looking up every match costs more than a few rows.
    """
    folded = [party_key(w) for w in words]
    looked_up = [w for w in folded if dialect == "sqlite" and not narrow and len(w) >= _TRIGRAM]
    conditions: list[ColumnElement[bool]] = [
        Event.search_text.like(_like_pattern(w), escape="/") for w in folded if w not in looked_up]
    if looked_up:
        # each word one literal substring (a folded word holds no quote), all of them in the same text
        phrases = " AND ".join(f'"{w}"' for w in looked_up)
        found = select(_EVENTS_SEARCH.c.rowid).where(_EVENTS_SEARCH.c.search_text.op("MATCH")(phrases))
        conditions.append(Event.id.in_(found))
    return conditions


def _conditions(wanted: EventFilter, dialect: str = "sqlite", narrow: bool = False,
                party_rows: Collection[int] = ()) -> list[ColumnElement[bool]]:
    """The filter in SQL; `narrow`: for a query that its other conditions keep to a few rows;
    `party_rows`: the spellings of a merged organisation the party filter names."""
    conditions: list[ColumnElement[bool]] = []
    if wanted.type:
        conditions.append(Event.type == wanted.type)
    if wanted.source:
        conditions.append(_with_article(Article.source == wanted.source, narrow))
    if wanted.party and party_key(wanted.party):
        conditions.append(_party_matches(wanted.party, party_rows, narrow))
    if wanted.q:
        conditions += _words_match([word for word in wanted.q.split() if party_key(word)], dialect, narrow)
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
        return party_key(word) in corrected_search_text(event)

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


# what listings show of an event's articles: their bodies, captions and tags stay in the database
_LISTED = selectinload(Event.articles).load_only(
    Article.id, Article.source, Article.url, Article.title, Article.sapo, Article.published_at, Article.updated_at
)


def _ordering(order: Order) -> list[ColumnElement[Any]]:
    if order == "stored":
        return [Event.id.desc()]
    return [Event.date.desc().nulls_last(), Event.id.desc()]


def _newest_first(day_and_id: tuple[dt.date | None, int]) -> tuple[bool, dt.date, int]:
    day, event_id = day_and_id
    return (day is not None, day or dt.date.min, event_id)


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

    def _split(self, wanted: EventFilter, view: CorrectedView, narrow: bool = False) -> _Split:
        """The filter on the corrected view (storage/corrections.py); a merged organisation's
        spellings all match a party filter that names one of them."""
        also = view.orgs.matching(wanted.party) if wanted.party and view.orgs else set()
        conditions = _conditions(wanted, self._dialect, narrow, also)
        return _Split(*view.corrected_matching(conditions, _matcher(wanted, also)))

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
        """The events of `events()` as plain rows, with their parties and articles, for the CSV."""
        return [row for batch in self.export_batches(wanted, offset, limit) for row in batch]

    def export_batches(self, wanted: EventFilter, offset: int = 0, limit: int = 10_000,
                       batch: int = EXPORT_BATCH) -> Iterator[list[ExportedEvent]]:
        """`export()` a batch of rows at a time, read from one query as it goes (`yield_per`).

        Plain queries instead of ORM objects: loading a few thousand events with their parties and
        articles as objects cost more than the query that finds them.
        """
        columns = (Event.id, Event.date, Event.type, Event.location, Event.topics, Event.signatories, Event.created_at)
        view = CorrectedView(self.session)
        split = self._split(wanted, view)
        if split.corrected:  # the corrected events sort in by their corrected date: one batch of ids
            ids = self._merged_ids(split, offset, limit, "date")
            for low in range(0, len(ids), batch):
                chunk = ids[low : low + batch]
                found = {r.id: r for r in self.session.execute(select(*columns).where(Event.id.in_(chunk)))}
                yield self._export_rows([found[i] for i in chunk], view)
            return
        query = select(*columns).where(*split.parser_rows).order_by(*_ordering("date"))
        result = self.session.execute(query.offset(offset).limit(limit).execution_options(yield_per=batch))
        for rows in result.partitions():
            yield self._export_rows(rows, view)

    def _export_rows(self, rows: Sequence[Any], view: CorrectedView) -> list[ExportedEvent]:
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

    def has_more(self, wanted: EventFilter, offset: int) -> bool:
        """Whether more than `offset` events match the filter."""
        split = self._split(wanted, CorrectedView(self.session))
        if split.corrected:
            return bool(self._merged_ids(split, offset, 1, "date"))
        query = select(Event.id).where(*split.parser_rows).order_by(*_ordering("date"))
        return self.session.execute(query.offset(offset).limit(1)).first() is not None

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
        view = view or CorrectedView(self.session)
        return self._overview(wanted, self._split(wanted, view), view)

    def _overview(self, wanted: EventFilter, split: _Split, view: CorrectedView) -> Overview:
        """`overview` on a filter already split.

        A cheap filter sums the day counts (storage/counts.py); a costly one makes one pass over
        the matching events, grouped by day first: with the (date, type) index that is a walk along
        the index with no sort, and the outer grouping into months then reads one row per day and
        type, not per event.
        """
        if not _costly(wanted):
            return self._counted(wanted, split, view)
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

    def _counted(self, wanted: EventFilter, split: _Split, view: CorrectedView) -> Overview:
        """`overview` of a type and dates from the day counts, corrected: less the parser rows that
        corrections hide or change, plus the corrected events that match, by their corrected date and type."""
        kept = [EventCount.type == wanted.type] if wanted.type else []
        kept += [EventCount.day >= wanted.since] if wanted.since else []
        kept += [EventCount.day <= wanted.until] if wanted.until else []
        year, month = extract("year", EventCount.day), extract("month", EventCount.day)
        per_month: Counter[tuple[int, int, str]] = Counter()
        query = select(year, month, EventCount.type, func.sum(EventCount.events)).where(*kept)
        for y, m, kind, n in self.session.execute(query.group_by(year, month, EventCount.type)):
            per_month[(int(y), int(m), str(kind))] += int(n)
        undated = 0
        if not (wanted.since or wanted.until):  # an undated event is outside any date range
            missing = select(func.count()).select_from(Event).where(Event.date.is_(None), *_conditions(wanted))
            undated = int(self.session.scalar(missing) or 0)
        left_out = sorted(view.hidden | view.overlaid)
        for low in range(0, len(left_out), _CHUNK):
            rows = select(Event.date, Event.type).where(Event.id.in_(left_out[low : low + _CHUNK]), *_conditions(wanted))
            for day, kind in self.session.execute(rows):
                if day is None:
                    undated -= 1
                else:
                    per_month[(day.year, day.month, kind)] -= 1
        for event in split.corrected:
            if event.date is None:
                undated += 1
            else:
                per_month[(event.date.year, event.date.month, event.type)] += 1
        months = [MonthCount(y, m, k, n) for (y, m, k), n in sorted(per_month.items()) if n]
        return Overview(undated + sum(c.events for c in months), months)

    def page(self, wanted: EventFilter, offset: int = 0, limit: int = 50) -> EventPage:
        """One page of the listing (newest event date first), the count and the chart.

        A cheap filter (type, dates, or none) is counted along the (date, type) index and the page
        read along the date index. A costly one (source, party, words) is counted per day and type
        first; those counts tell which days the page spans, so the page is read from those days
        alone instead of sorting every matching event.
        """
        view = CorrectedView(self.session)  # the corrections are read once for the whole page
        split = self._split(wanted, view)
        if not _costly(wanted):
            overview = self._overview(wanted, split, view)
            rows = self._page_rows(split, view, offset, limit) if overview.total > offset else []
            return EventPage(overview.total, overview.months, rows)
        query = (select(Event.date, Event.type, func.count()).where(*split.parser_rows)
                 .group_by(Event.date, Event.type))
        per_month: Counter[tuple[int, int, str]] = Counter()
        per_day: Counter[dt.date | None] = Counter()
        for day, kind, n in self.session.execute(query):
            per_day[day] += n
            if day is not None:
                per_month[(day.year, day.month, kind)] += n
        for event in split.corrected:
            per_day[event.date] += 1
            if event.date is not None:
                per_month[(event.date.year, event.date.month, event.type)] += 1
        months = [MonthCount(y, m, k, n) for (y, m, k), n in sorted(per_month.items())]
        total = sum(per_day.values())
        if total <= offset:
            rows = []
        elif split.corrected:  # they sort in by their corrected dates, which the day counts cannot place
            rows = self._page_rows(split, view, offset, limit)
        else:
            rows = self._window(wanted, per_day, offset, limit, view)
        return EventPage(total, months, rows)

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

    def _window(self, wanted: EventFilter, per_day: Counter[dt.date | None], offset: int, limit: int,
                view: CorrectedView) -> list[CorrectedEvent]:
        """Events `offset` to `offset + limit` in listing order, read from the days they fall on
        (along the date index, each of those days' rows checked against the filter: `narrow`)."""
        days = sorted(per_day, key=lambda d: (d is not None, d or dt.date.min), reverse=True)  # undated last
        before, first = 0, 0
        while before + per_day[days[first]] <= offset:
            before += per_day[days[first]]
            first += 1
        last, through = first, before + per_day[days[first]]
        while through < offset + limit and last + 1 < len(days):
            last += 1
            through += per_day[days[last]]
        newest, oldest = days[first], days[last]
        span: ColumnElement[bool]
        if newest is None:
            span = Event.date.is_(None)
        elif oldest is None:
            span = or_(Event.date <= newest, Event.date.is_(None))
        else:
            span = Event.date.between(oldest, newest)
        narrow = self._split(wanted, view, narrow=True).parser_rows
        query = select(Event).where(*narrow, span).order_by(*_ordering("date"))
        return view.visible(self.session.scalars(query.options(_LISTED).offset(offset - before).limit(limit)).all())

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
