"""How many events a listing's filter matches, and the dated ones per month and type, for the chart."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from storage.corrections import CorrectedView
from storage.event_filter import EventFilter, conditions, costly
from storage.listing_merge import Split
from storage.models import Event, EventCount

_CHUNK = 1000  # event ids per IN list, well under SQLite's limit on bound parameters


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


def overview(session: Session, wanted: EventFilter, found: Split, view: CorrectedView) -> Overview:
    """The count and chart of a filter already split (corrected events by their corrected date and type).

    A cheap filter sums the day counts (storage/counts.py); a costly one makes one pass over
    the matching events, grouped by day first: with the (date, type) index that is a walk along
    the index with no sort, and the outer grouping into months then reads one row per day and
    type, not per event.
    """
    if not costly(wanted):
        return _counted(session, wanted, found, view)
    per_day = (
        select(Event.date.label("day"), Event.type.label("kind"), func.count().label("n"))
        .where(*found.parser_rows)
        .group_by(Event.date, Event.type)
        .subquery()
    )
    year, month = extract("year", per_day.c.day), extract("month", per_day.c.day)
    query = select(year, month, per_day.c.kind, func.sum(per_day.c.n)).group_by(year, month, per_day.c.kind)
    counts: Counter[tuple[int, int, str]] = Counter()
    total = len(found.corrected)
    for y, m, kind, n in session.execute(query):
        total += int(n)
        if y is not None:
            counts[(int(y), int(m), str(kind))] += int(n)
    counts.update((e.date.year, e.date.month, e.type) for e in found.corrected if e.date is not None)
    return Overview(total, [MonthCount(y, m, k, n) for (y, m, k), n in sorted(counts.items())])


def _counted(session: Session, wanted: EventFilter, found: Split, view: CorrectedView) -> Overview:
    """`overview` of a type and dates from the day counts, corrected: less the parser rows that
    corrections hide or change, plus the corrected events that match, by their corrected date and type."""
    kept = [EventCount.type == wanted.type] if wanted.type else []
    kept += [EventCount.day >= wanted.since] if wanted.since else []
    kept += [EventCount.day <= wanted.until] if wanted.until else []
    year, month = extract("year", EventCount.day), extract("month", EventCount.day)
    per_month: Counter[tuple[int, int, str]] = Counter()
    query = select(year, month, EventCount.type, func.sum(EventCount.events)).where(*kept)
    for y, m, kind, n in session.execute(query.group_by(year, month, EventCount.type)):
        per_month[(int(y), int(m), str(kind))] += int(n)
    undated = 0
    if not (wanted.since or wanted.until):  # an undated event is outside any date range
        missing = select(func.count()).select_from(Event).where(Event.date.is_(None), *conditions(wanted))
        undated = int(session.scalar(missing) or 0)
    left_out = sorted(view.hidden | view.overlaid)
    for low in range(0, len(left_out), _CHUNK):
        rows = select(Event.date, Event.type).where(Event.id.in_(left_out[low : low + _CHUNK]), *conditions(wanted))
        for day, kind in session.execute(rows):
            if day is None:
                undated -= 1
            else:
                per_month[(day.year, day.month, kind)] -= 1
    for event in found.corrected:
        if event.date is None:
            undated += 1
        else:
            per_month[(event.date.year, event.date.month, event.type)] += 1
    months = [MonthCount(y, m, k, n) for (y, m, k), n in sorted(per_month.items()) if n]
    return Overview(undated + sum(c.events for c in months), months)


def per_day(session: Session, found: Split) -> tuple[list[MonthCount], Counter[dt.date | None]]:
    """One pass over the matching events: the chart's months, and how many events each day has
    (which tells a page the days it spans)."""
    query = (select(Event.date, Event.type, func.count()).where(*found.parser_rows)
             .group_by(Event.date, Event.type))
    per_month: Counter[tuple[int, int, str]] = Counter()
    days: Counter[dt.date | None] = Counter()
    for day, kind, n in session.execute(query):
        days[day] += n
        if day is not None:
            per_month[(day.year, day.month, kind)] += n
    for event in found.corrected:
        days[event.date] += 1
        if event.date is not None:
            per_month[(event.date.year, event.date.month, event.type)] += 1
    return [MonthCount(y, m, k, n) for (y, m, k), n in sorted(per_month.items())], days
