"""The review queue: the events the parser was least sure of, first, for an analyst's minutes.

The parser stores no score of its own (the party model's `model.score` is used while parsing and
then dropped), so the queue ranks by cheap signals that are stored: a party found in neither side's
reference list of organisations (`crawler/cooperation/reference.py`), a single evidence sentence
(or none), and no date. Events an analyst has already corrected leave the queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

from crawler.cooperation import reference
from storage.corrections import CorrectedEvent, list_events
from storage.repository import party_key


@dataclass(frozen=True)
class Doubt:
    event: CorrectedEvent
    reasons: tuple[str, ...]


@cache
def _listed(country: str) -> frozenset[str]:
    orgs = reference.vn_orgs() if country == "VN" else reference.kr_orgs()
    return frozenset(party_key(n) for org in orgs for n in (org.name, *org.acronyms, *org.aliases))


def reasons_to_doubt(event: CorrectedEvent) -> tuple[str, ...]:
    found = [f"party not in the reference list: {p.name}" for country in ("VN", "KR")
             for p in event.parties(country)
             if party_key(p.name) not in _listed(country) and party_key(p.acronym or "") not in _listed(country)]
    if len(event.evidence) <= 1:
        found.append("read from one sentence" if event.evidence else "no evidence sentence")
    if event.date is None:
        found.append("no date")
    return tuple(found)


def review_queue(session: Session, limit: int = 50) -> list[Doubt]:
    """The uncorrected events with the most reasons to doubt them first, newest first among equals."""
    doubts = [Doubt(e, r) for e in list_events(session) if not e.corrected and (r := reasons_to_doubt(e))]
    doubts.sort(key=lambda d: -len(d.reasons))  # stable: list_events gives newest first
    return doubts[:limit]
