"""The review queue: the events the parser was least sure of, first, for an analyst's minutes.

Each reason to doubt an event counts one: the party model unsure of one of its choices (its
probability for the least sure party kept or mention left out, `Event.certainty`, under
`UNSURE`), a party found in neither side's reference list of organisations
(`crawler/cooperation/reference.py`, so its side came from the sentence alone), a single
evidence sentence (or none), and no date. Most reasons first; among equals, the lowest model
score first. Events an analyst has already corrected leave the queue.

The ranking is one query with a limit: the parties in the reference lists are found first (one
pass over the parties, far fewer than the events), then each event's score is counted in SQL and
only the first `limit` events are read through the corrected view.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import BindParameter, bindparam, case, func, select
from sqlalchemy.orm import Session

from crawler.cooperation import reference
from storage.corrections import CorrectedEvent, CorrectedView
from storage.models import Event, EventParty, Party
from storage.repository import party_key

UNSURE = 0.7  # under this, the party model's choice is a reason to doubt (a quarter of the events it scores)


@dataclass(frozen=True)
class Doubt:
    event: CorrectedEvent
    reasons: tuple[str, ...]


@cache
def _listed(country: str) -> frozenset[str]:
    orgs = reference.vn_orgs() if country == "VN" else reference.kr_orgs()
    return frozenset(party_key(n) for org in orgs for n in (org.name, *org.acronyms, *org.aliases))


def reasons_to_doubt(event: CorrectedEvent, certainty: float | None = None) -> tuple[str, ...]:
    found = [f"party model unsure ({certainty:.2f})"] if certainty is not None and certainty < UNSURE else []
    found += [f"party not in the reference list: {p.name}" for country in ("VN", "KR")
             for p in event.parties(country)
             if party_key(p.name) not in _listed(country) and party_key(p.acronym or "") not in _listed(country)]
    if len(event.evidence) <= 1:
        found.append("read from one sentence" if event.evidence else "no evidence sentence")
    if event.date is None:
        found.append("no date")
    return tuple(found)


def _listed_party_ids(session: Session, view: CorrectedView) -> list[int]:
    """The party rows found in their side's reference list (under their own or their organisation's name)."""
    def listed(party: Party) -> bool:
        names = {party_key(party.name), party_key(party.acronym or "")} - {""}
        return bool(names & _listed(party.country))

    return [p.id for p in session.scalars(select(Party)) if listed(p) or listed(view.orgs.shown(p))]


def review_queue(session: Session, limit: int = 50) -> list[Doubt]:
    """The uncorrected events with the most reasons to doubt them first, newest first among equals."""
    view = CorrectedView(session)
    # inlined: the ids can outnumber what a statement may bind
    listed: BindParameter[list[int]] = bindparam("listed", _listed_party_ids(session, view), expanding=True, literal_execute=True)
    unlisted = (select(func.count()).select_from(EventParty)
                .where(EventParty.event_id == Event.id, EventParty.party_id.not_in(listed))
                .correlate(Event).scalar_subquery())
    few_sentences = case((func.coalesce(func.json_array_length(Event.evidence), 0) <= 1, 1), else_=0)
    unsure = case((Event.certainty < UNSURE, 1), else_=0)
    score = unsure + unlisted + few_sentences + case((Event.date.is_(None), 1), else_=0)
    query = (select(Event).where(Event.id.not_in(view.hidden | view.overlaid), score > 0)
             .order_by(score.desc(), Event.certainty.asc().nulls_last(), Event.date.desc().nulls_last(),
                       Event.id.desc()).limit(limit))
    rows = list(session.scalars(query))
    certainty = {e.id: e.certainty for e in rows}
    doubts = [Doubt(e, reasons_to_doubt(e, certainty[e.id])) for e in view.visible(rows)]
    return [d for d in doubts if d.reasons]
