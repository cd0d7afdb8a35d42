"""The rows of one page of a listing, as corrected: by offset, by ids, or from the days the page spans."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from storage.corrections import CorrectedEvent, CorrectedView
from storage.event_filter import EventFilter
from storage.listed import listed
from storage.listing_counts import Month
from storage.listing_merge import Order, Split, merged_ids, ordering, split
from storage.models import Event, EventCount


def page_rows(session: Session, found: Split, view: CorrectedView, offset: int, limit: int,
              order: Order = "date") -> list[CorrectedEvent]:
    """Rows `offset` to `offset + limit` of a split filter, in listing order."""
    if found.corrected:
        return by_ids(session, merged_ids(session, found, offset, limit, order), view)
    return view.visible(listed(session, found.parser_rows, ordering(order), offset, limit))


def by_ids(session: Session, ids: list[int], view: CorrectedView) -> list[CorrectedEvent]:
    """These events, in this order, as corrected."""
    if not ids:
        return []
    loaded = {e.id: e for e in listed(session, [Event.id.in_(ids)])}
    return view.visible(loaded[i] for i in ids)


def window(session: Session, wanted: EventFilter, per_month: Counter[Month | None], offset: int, limit: int,
           view: CorrectedView) -> list[CorrectedEvent]:
    """Events `offset` to `offset + limit` in listing order, read from the months they fall in:
    along the date index, each of those months' rows checked against the filter (`narrow`), or,
    where the filter matches few of those months' events, its matches gathered first.
    """
    months = sorted(per_month, key=lambda m: (m is not None, m or (0, 0)), reverse=True)  # undated last
    before, first = 0, 0
    while before + per_month[months[first]] <= offset:
        before += per_month[months[first]]
        first += 1
    last, through = first, before + per_month[months[first]]
    while through < offset + limit and last + 1 < len(months):
        last += 1
        through += per_month[months[last]]
    newest, oldest = months[first], months[last]
    span: ColumnElement[bool]
    if newest is None:
        span = Event.date.is_(None)
    elif oldest is None:
        span = or_(Event.date <= _last_day(newest), Event.date.is_(None))
    else:
        span = Event.date.between(dt.date(*oldest, 1), _last_day(newest))
    sparse = newest is not None and oldest is not None and _sparse(session, wanted, oldest, newest, through - before)
    found = split(session, wanted, view, narrow=not sparse).parser_rows
    return view.visible(listed(session, [*found, span], ordering("date"), offset - before, limit))


# Checking each event of the span against the filter reads span / matches rows per match: cheap
# for a common word (a fifth of the events), not for one party's events (1 in 300: fifty rows
# spread over 17 months, 14,000 events checked). Under 1 match in this many events, the matches
# are gathered first (`id IN (…)`, a short list) and sorted.
SPARSE = 20


def _sparse(session: Session, wanted: EventFilter, oldest: Month, newest: Month, matches: int) -> bool:
    """Whether the filter matches fewer than 1 in SPARSE of the parser's events (of its type) in these months."""
    in_span = select(func.sum(EventCount.events)).where(EventCount.day.between(dt.date(*oldest, 1), _last_day(newest)))
    if wanted.type:
        in_span = in_span.where(EventCount.type == wanted.type)
    return int(session.scalar(in_span) or 0) > SPARSE * matches


def _last_day(month: Month) -> dt.date:
    following = dt.date(*month, 28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)
