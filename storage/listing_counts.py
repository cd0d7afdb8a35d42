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
from storage.models import Event, EventCount, EventSource

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


def _counted(session: Session, wanted: EventFilter, found: Split, view: CorrectedView) -> Overview:
    """`overview` of a type and dates from the day counts, corrected: less the parser rows that
    corrections hide or change, plus the corrected events that match, by their corrected date and type."""
    kept = [EventCount.type == wanted.type] if wanted.type else []
    kept += [EventCount.day >= wanted.since] if wanted.since else []
    kept += [EventCount.day <= wanted.until] if wanted.until else []
    # the month as `_month_counts` groups it: EXTRACT of the year and the month (numeric on
    # PostgreSQL, strftime on SQLite) cost several times as much over ten years of day counts
    month = _event_month(EventCount.day, session.get_bind().dialect.name).label("month")
    per_month: Counter[tuple[int, int, str]] = Counter()
    query = select(month, EventCount.type, func.sum(EventCount.events)).where(*kept)
    for month_of, kind, n in session.execute(query.group_by(month, EventCount.type)):
        per_month[(*_year_and_month(month_of), str(kind))] += int(n)
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
