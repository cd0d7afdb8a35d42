"""How many parser events fall on each day and type (`event_counts`), and on each month and type
(`event_month_counts`, the same sums per month), kept in step on every flush.

The listing's chart and count of all events, or of a type and a date range, are sums over these
rows (a few per day) instead of a pass over every event. Like the search text (storage/search.py),
a session hook keeps them: after each flush, the events inserted, deleted or given another date or
type in it change their day's count. Events without a date are not counted here (the listing
counts them along the date index). Bulk loads that bypass the ORM call `rebuild`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import Connection, delete, event, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, UOWTransaction, attributes
from sqlalchemy.orm.base import PASSIVE_NO_INITIALIZE

from storage.models import Event, EventCount, EventMonthCount

_PENDING = "event_counts_pending"
Deltas = Counter[tuple[dt.date, str]]


def rebuild(connection: Connection, months: bool = True) -> None:
    """Count every stored event again (migrations 0008 and 0012, bulk loads); `months`: the month
    counts too (False in 0008, which comes before their table)."""
    connection.execute(delete(EventCount))
    per_day = (select(Event.date, Event.type, func.count()).where(Event.date.is_not(None))
               .group_by(Event.date, Event.type))
    connection.execute(insert(EventCount).from_select(["day", "type", "events"], per_day))
    if months:
        rebuild_months(connection)


def rebuild_months(connection: Connection) -> None:
    """The month counts again, from the day counts (migration 0012, `rebuild`)."""
    connection.execute(delete(EventMonthCount))
    per_month: Deltas = Counter()
    for day, kind, n in connection.execute(select(EventCount.day, EventCount.type, EventCount.events)):
        per_month[(day.replace(day=1), kind)] += n
    rows = [{"month": month, "type": kind, "events": n} for (month, kind), n in per_month.items()]
    if rows:
        connection.execute(insert(EventMonthCount), rows)


def _stored(obj: object, name: str) -> Any:
    """An attribute's value as the database had it before this flush."""
    history = attributes.get_history(obj, name, passive=PASSIVE_NO_INITIALIZE)
    old = [*history.deleted, *history.unchanged]
    return old[0] if old else None


def _deltas(session: Session) -> Deltas:
    deltas: Deltas = Counter()
    for obj in session.new:
        if isinstance(obj, Event) and obj.date is not None:
            deltas[(obj.date, obj.type)] += 1
    for obj in session.deleted:
        if isinstance(obj, Event) and (day := _stored(obj, "date")) is not None:
            deltas[(day, _stored(obj, "type"))] -= 1
    for obj in session.dirty:
        if isinstance(obj, Event) and obj not in session.deleted and _moved(obj):
            if (day := _stored(obj, "date")) is not None:
                deltas[(day, _stored(obj, "type"))] -= 1
            if obj.date is not None:
                deltas[(obj.date, obj.type)] += 1
    return deltas


def _moved(obj: Event) -> bool:
    return any(attributes.get_history(obj, n, passive=PASSIVE_NO_INITIALIZE).has_changes() for n in ("date", "type"))


def apply(connection: Connection, deltas: Deltas) -> None:
    """Add these changes to the day and month counts (a day's or month's first event makes its row)."""
    per_month: Deltas = Counter()
    for (day, kind), n in deltas.items():
        per_month[(day.replace(day=1), kind)] += n
    _add(connection, EventCount, "day", deltas)
    _add(connection, EventMonthCount, "month", per_month)


def _add(connection: Connection, table: type[EventCount | EventMonthCount], key: str, deltas: Deltas) -> None:
    changed = [{key: day, "type": kind, "events": n} for (day, kind), n in deltas.items() if n]
    if not changed:
        return
    dialect_insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=[key, "type"], set_={"events": table.events + statement.excluded.events})
    connection.execute(statement, changed)


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: UOWTransaction) -> None:
    session.info.setdefault(_PENDING, Counter()).update(_deltas(session))


@event.listens_for(Session, "after_flush_postexec")
def _count(session: Session, _context: UOWTransaction) -> None:
    deltas: Deltas | None = session.info.pop(_PENDING, None)
    if deltas:
        apply(session.connection(), deltas)
