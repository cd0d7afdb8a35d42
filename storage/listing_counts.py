"""How many events a listing's filter matches, and the dated ones per month and type, for the chart."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Select, String, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.corrections import CorrectedView
from storage.event_filter import EventFilter, conditions, costly, counted_by_source
from storage.listing_merge import Split
from storage.models import Event, EventCount, EventMonthCount, EventSource

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


Month = tuple[int, int]  # (year, month)


def overview(session: Session, wanted: EventFilter, found: Split, view: CorrectedView) -> Overview:
    """The count and chart of a filter already split (corrected events by their corrected date and type).

    A cheap filter sums the day counts (storage/counts.py); a costly one makes one pass over the
    matching events, counted per month and type by the database (`_month_counts`).
    """
    if not costly(wanted):
        return _counted(session, wanted, found, view)
    counts, undated = _month_counts(session, wanted, found, view)
    return Overview(undated + sum(counts.values()), [MonthCount(y, m, k, n) for (y, m, k), n in sorted(counts.items())])


def _event_month(date: ColumnElement[Any] | InstrumentedAttribute[Any], dialect: str) -> ColumnElement[Any]:
    """The month of an event's date, NULL for none, in whatever form `_year_and_month` reads back.

    SQLite stores a date as 'YYYY-MM-DD' text, so its 'YYYY-MM' prefix is enough (its strftime costs
    twice as much per row); PostgreSQL truncates the date as a timestamp without time zone, which
    costs less per row than `to_char` or a date cast to `timestamptz` (a common `q` word groups
    20,000 rows: 40 -> 33 ms).
    """
    if dialect == "sqlite":
        return func.substr(date, 1, 7, type_=String)
    return func.date_trunc("month", cast(date, DateTime), type_=DateTime)


def _year_and_month(value: str | dt.datetime) -> Month:
    if isinstance(value, str):
        return int(value[:4]), int(value[5:7])
    return value.year, value.month


def _month_counts(session: Session, wanted: EventFilter, found: Split,
                  view: CorrectedView) -> tuple[Counter[tuple[int, int, str]], int]:
    """The matching events, dated ones per (year, month, type), and how many are undated.

    Grouped by month in SQL rather than by day: a common `q` word matches every day of ten years,
    and reading one row per day and type (14,600 at 100,000 events) cost more than the query.
    A source filter without a party or words is counted along `event_sources` alone.
    """
    dialect = session.get_bind().dialect.name
    if counted_by_source(wanted):
        query = _source_months(wanted, sorted(view.hidden | view.overlaid), dialect)
    else:
        month = _event_month(Event.date, dialect).label("month")
        query = select(month, Event.type, func.count()).where(*found.parser_rows).group_by(month, Event.type)
    counts: Counter[tuple[int, int, str]] = Counter()
    undated = 0
    for month_of, kind, n in session.execute(query):
        if month_of is None:
            undated += int(n)
        else:
            counts[(*_year_and_month(month_of), str(kind))] += int(n)
    for event in found.corrected:
        if event.date is None:
            undated += 1
        else:
            counts[(event.date.year, event.date.month, event.type)] += 1
    return counts, undated


def _source_months(wanted: EventFilter, left_out: list[int], dialect: str) -> Select[Any]:
    """Per month and type, the parser's events of `wanted.source` (of its type and dates) that no
    correction touches, from the index of `event_sources`."""
    kept = [EventSource.source == wanted.source]
    kept += [EventSource.type == wanted.type] if wanted.type else []
    kept += [EventSource.date >= wanted.since] if wanted.since else []
    kept += [EventSource.date <= wanted.until] if wanted.until else []
    kept += [EventSource.event_id.not_in(left_out)] if left_out else []
    month = _event_month(EventSource.date, dialect).label("month")
    return select(month, EventSource.type, func.count()).where(*kept).group_by(month, EventSource.type)


def _stored_counts(session: Session, wanted: EventFilter) -> Counter[tuple[int, int, str]]:
    """The parser's events of a type and dates per (year, month, type), from the stored counts: the
    whole months of the range from `event_month_counts`, the days of a month it cuts from `event_counts`."""
    first, last = _whole_months(wanted.since, wanted.until)
    per_month: Counter[tuple[int, int, str]] = Counter()
    if first is None or last is None or first <= last:
        months = select(EventMonthCount.month, EventMonthCount.type, EventMonthCount.events)
        months = months.where(EventMonthCount.type == wanted.type) if wanted.type else months
        months = months.where(EventMonthCount.month >= first) if first else months
        months = months.where(EventMonthCount.month <= last) if last else months
        for month, kind, n in session.execute(months):
            per_month[(month.year, month.month, str(kind))] += int(n)
    for low, high in _cut_days(wanted.since, wanted.until, first, last):
        days = select(EventCount.day, EventCount.type, EventCount.events).where(EventCount.day.between(low, high))
        days = days.where(EventCount.type == wanted.type) if wanted.type else days
        for day, kind, n in session.execute(days):
            per_month[(day.year, day.month, str(kind))] += int(n)
    return per_month


def _whole_months(since: dt.date | None, until: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The first days of the first and of the last month that the range holds whole (None: no bound)."""
    first = since if since is None or since.day == 1 else _next_month(since)
    last = None if until is None else until.replace(day=1)
    if until is not None and _next_month(until) - dt.timedelta(days=1) != until:
        last = (until.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return first, last


def _cut_days(since: dt.date | None, until: dt.date | None, first: dt.date | None,
              last: dt.date | None) -> list[tuple[dt.date, dt.date]]:
    """The day ranges of the range's months that it does not hold whole."""
    if first is not None and last is not None and first > last:  # no whole month: days alone
        return [(since or dt.date.min, until or dt.date.max)]
    ranges = []
    if since is not None and first is not None and since < first:
        ranges.append((since, first - dt.timedelta(days=1)))
    if until is not None and last is not None and _next_month(last) <= until:
        ranges.append((_next_month(last), until))
    return ranges


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _counted(session: Session, wanted: EventFilter, found: Split, view: CorrectedView) -> Overview:
    """`overview` of a type and dates from the day counts, corrected: less the parser rows that
    corrections hide or change, plus the corrected events that match, by their corrected date and type."""
    per_month = _stored_counts(session, wanted)
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


def per_month(session: Session, wanted: EventFilter, found: Split,
              view: CorrectedView) -> tuple[list[MonthCount], Counter[Month | None]]:
    """One pass over the matching events: the chart's months, and how many events each month has
    (None: undated), which tells a page the months it spans."""
    counts, undated = _month_counts(session, wanted, found, view)
    months: Counter[Month | None] = Counter()
    for (year, month, _), n in counts.items():
        months[(year, month)] += n
    if undated:
        months[None] = undated
    return [MonthCount(y, m, k, n) for (y, m, k), n in sorted(counts.items())], months
