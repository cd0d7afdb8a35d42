"""The reads behind the web view: filtered, paged events, a party and its counterparts, source health.

All SQL of the web view lives in `storage/`; the handlers call these methods and render what they
return. The listing's parts each have their module: the filter as SQL and in Python
(event_filter), the corrected view merged into it (listing_merge), the count and chart
(listing_counts), a page's rows (paging) and the CSV's rows (exports).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from storage.corrections import CorrectedEvent, CorrectedView
from storage.event_filter import EventFilter, costly
from storage.exports import (
    EXPORT_BATCH,
    ExportedArticle,
    ExportedEvent,
    ExportedParty,
    export_batches,
)
from storage.listing_counts import MonthCount, Overview, overview, per_month
from storage.listing_merge import Order, Split, merged_ids, ordering, split
from storage.models import Correction, CrawlRun, Event, EventParty, Incident, Party
from storage.paging import page_rows, window
from storage.repository import CrawlRunRepository
from storage.subscriptions import IncidentRepository

__all__ = [
    "EXPORT_BATCH", "BrowseRepository", "Counterpart", "EventFilter", "EventPage", "ExportedArticle",
    "ExportedEvent", "ExportedParty", "MonthCount", "Order", "Overview", "SourceHealth",
]


@dataclass(frozen=True)
class EventPage:
    """One page of a listing, with its count and chart."""

    total: int
    months: list[MonthCount]
    events: Sequence[CorrectedEvent]


@dataclass(frozen=True)
class Counterpart:
    party: Party
    events: int


@dataclass(frozen=True)
class SourceHealth:
    source: str
    last_run: CrawlRun | None
    incidents: Sequence[Incident]


class BrowseRepository:
    """Read-only queries for the web view."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def events(
        self, wanted: EventFilter, offset: int = 0, limit: int = 50, order: Order = "date",
        view: CorrectedView | None = None,
    ) -> list[CorrectedEvent]:
        """One page of the events matching the filter, newest event date (or newest stored) first."""
        view = view or CorrectedView(self.session)
        return page_rows(self.session, split(self.session, wanted, view), view, offset, limit, order)

    def export(self, wanted: EventFilter, offset: int = 0, limit: int = 10_000) -> list[ExportedEvent]:
        """The events of `events()` as plain rows, with their parties and articles, for the CSV."""
        return [row for batch in self.export_batches(wanted, offset, limit) for row in batch]

    def export_batches(self, wanted: EventFilter, offset: int = 0, limit: int = 10_000,
                       batch: int = EXPORT_BATCH, view: CorrectedView | None = None) -> Iterator[list[ExportedEvent]]:
        """`export()` a batch of rows at a time (storage/exports.py)."""
        return export_batches(self.session, wanted, offset, limit, batch, view or CorrectedView(self.session))

    def has_more(self, wanted: EventFilter, offset: int, view: CorrectedView | None = None) -> bool:
        """Whether more than `offset` events match the filter (`view`: the one the caller read with)."""
        found = split(self.session, wanted, view or CorrectedView(self.session))
        if found.corrected:
            return bool(merged_ids(self.session, found, offset, 1, "date"))
        query = select(Event.id).where(*found.parser_rows).order_by(*ordering("date"))
        return self.session.execute(query.offset(offset).limit(1)).first() is not None

    def corrected_view(self) -> CorrectedView:
        """The corrections as they stand, read once for several reads of the same request."""
        return CorrectedView(self.session)

    def count(self, wanted: EventFilter) -> int:
        """How many events match the filter."""
        found = split(self.session, wanted, CorrectedView(self.session))
        query = select(func.count()).select_from(Event).where(*found.parser_rows)
        return int(self.session.scalar(query) or 0) + len(found.corrected)

    def overview(self, wanted: EventFilter, view: CorrectedView | None = None) -> Overview:
        """The count and the per-month chart of a filter (corrected events by their corrected date and type)."""
        view = view or CorrectedView(self.session)
        return overview(self.session, wanted, split(self.session, wanted, view), view)

    def page(self, wanted: EventFilter, offset: int = 0, limit: int = 50) -> EventPage:
        """One page of the listing (newest event date first), the count and the chart.

        A cheap filter (type, dates, or none) is counted along the (date, type) index and the page
        read along the date index. A costly one (source, party, words) is counted per month and type
        first; those counts tell which months the page spans, so the page is read from those months
        alone instead of sorting every matching event.
        """
        view = CorrectedView(self.session)  # the corrections are read once for the whole page
        found = split(self.session, wanted, view)
        if not costly(wanted):
            counted = overview(self.session, wanted, found, view)
            rows = page_rows(self.session, found, view, offset, limit) if counted.total > offset else []
            return EventPage(counted.total, counted.months, rows)
        months, in_month = per_month(self.session, wanted, found, view)
        total = sum(in_month.values())
        if total <= offset:
            rows = []
        elif found.corrected:  # they sort in by their corrected dates, which the day counts cannot place
            rows = page_rows(self.session, found, view, offset, limit)
        else:
            rows = window(self.session, wanted, in_month, offset, limit, view)
        return EventPage(total, months, rows)

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
        found = Split(*view.corrected_matching([took_part], matches))
        return page_rows(self.session, found, view, 0, limit)

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

    def last_correction_at(self) -> dt.datetime | None:
        """When the latest correction or undo was made: any of them may change what a listing shows."""
        return self.session.scalar(select(func.max(Correction.at)))

    def source_health(self, sources: Iterable[str]) -> list[SourceHealth]:
        """Each source's latest run and its open incidents, as `coopwatch status` shows them."""
        runs, incidents = CrawlRunRepository(self.session), IncidentRepository(self.session)
        return [SourceHealth(s, runs.latest(s), incidents.open(s)) for s in sources]
