"""What the correction forms on the web pages read: the corrections naming an event or an
organisation (oldest first, each with whether an undo cancelled it), and the party names an analyst
can pick from. The web view reads them here, not with its own SQL."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.correction_values import describe
from storage.corrections import undone_ids
from storage.models import Correction, Party
from storage.organisations import ORG_KINDS
from storage.repository import party_key


@dataclass(frozen=True)
class HistoryLine:
    """One correction as a page lists it."""

    id: int
    line: str
    by: str
    why: str
    undone: bool


def _lines(session: Session, corrections: Iterable[Correction]) -> list[HistoryLine]:
    undone = set(session.scalars(undone_ids()))
    return [HistoryLine(c.id, describe(c), c.by, c.why, c.id in undone) for c in corrections]


def event_history(session: Session, event_id: int) -> list[HistoryLine]:
    """The corrections of this event, or merging another into it (undo records left out)."""
    named = or_(Correction.event_id == event_id, Correction.other_event_id == event_id)
    return _lines(session, session.scalars(
        select(Correction).where(named, Correction.kind != "undo").order_by(Correction.id)))


def organisation_history(session: Session, members: Collection[int]) -> list[HistoryLine]:
    """The merges and renamings naming one of these party rows (an organisation's spellings)."""
    rows = session.scalars(select(Correction).where(Correction.kind.in_(ORG_KINDS)).order_by(Correction.id))
    return _lines(session, [c for c in rows
                            if {c.after["party"]["id"], (c.after.get("merged_into") or {}).get("id")} & set(members)])


def known_party_names(session: Session, countries: Iterable[str]) -> dict[str, list[str]]:
    """Every name and acronym stored for a party of each side, sorted: the form's suggestions."""
    return {country: sorted({n for row in session.execute(
        select(Party.name, Party.acronym).where(Party.country == country)) for n in row if n})
        for country in countries}


def party_named(session: Session, country: str, value: str) -> int | None:
    """The id of a party of this side stored under this name or acronym (case and accents as the key)."""
    key, acronym = party_key(value), value.strip().lower()
    if not key:
        return None
    return session.scalars(select(Party.id).where(
        Party.country == country, (Party.key == key) | (func.lower(Party.acronym) == acronym))).first()
