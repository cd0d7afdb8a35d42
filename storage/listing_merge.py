"""A listing on the corrected view: the parser's rows that no correction touches are read by SQL,
the few corrected events are judged in Python (storage/corrections.py), and the two sorted together
by their corrected dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from storage.corrections import CorrectedEvent, CorrectedView
from storage.event_filter import EventFilter, conditions, matcher, no_rows
from storage.models import Event

Order = Literal["date", "stored"]


def ordering(order: Order) -> list[ColumnElement[Any]]:
    if order == "stored":
        return [Event.id.desc()]
    return [Event.date.desc().nulls_last(), Event.id.desc()]


def _newest_first(day_and_id: tuple[dt.date | None, int]) -> tuple[bool, dt.date, int]:
    day, event_id = day_and_id
    return (day is not None, day or dt.date.min, event_id)


def sort_key(order: Order) -> Callable[[tuple[dt.date | None, int]], Any]:
    """`ordering` in Python, for (date, id) pairs sorted in reverse."""
    return _newest_first if order == "date" else lambda day_and_id: day_and_id[1]


@dataclass(frozen=True)
class Split:
    """A filter on the corrected view: SQL for the rows no correction touches, and the corrected
    events that match, judged in Python (they sort and count by their corrected date and type)."""

    parser_rows: list[ColumnElement[bool]]
    corrected: list[CorrectedEvent]


def split(session: Session, wanted: EventFilter, view: CorrectedView, narrow: bool = False) -> Split:
    """The filter on the corrected view; a merged organisation's spellings all match a party filter
    that names one of them, and its names (the analyst's and every spelling) a `q` word."""
    also = view.orgs.matching(wanted.party) if wanted.party and view.orgs else set()
    named = view.orgs.rows_named if wanted.q and view.orgs else no_rows
    found = conditions(wanted, session.get_bind().dialect.name, narrow, also, named)
    return Split(*view.corrected_matching(found, matcher(wanted, also, named)))


def merged_ids(session: Session, split: Split, offset: int, limit: int, order: Order) -> list[int]:
    """The ids of one page, the corrected events sorted among the parser's rows by their corrected date."""
    query = select(Event.date, Event.id).where(*split.parser_rows).order_by(*ordering(order))
    rows = [(day, int(i)) for day, i in session.execute(query.limit(offset + limit))]
    rows += [(e.date, e.id) for e in split.corrected]
    rows.sort(key=sort_key(order), reverse=True)
    return [i for _, i in rows[offset : offset + limit]]
