"""Writing corrections (edit, hide, merge, split, add, undo; merging and renaming organisations)
and reading their audit list and conflicts.

Every method adds records and never changes or deletes a parser row; the caller's transaction
holds a correction and its anchors together (nothing here commits).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crawler.sources import VN_TZ
from storage.corrections import (
    COUNTRY_OF,
    EVENT_TYPES,
    FIELDS,
    CorrectedEvent,
    CorrectedView,
    CorrectionError,
    event_key,
    party_value,
    undone_ids,
)
from storage.models import (
    Article,
    Correction,
    CorrectionAnchor,
    CorrectionConflict,
    Event,
    EventParty,
    Party,
)
from storage.organisations import org_value
from storage.repository import party_key


@dataclass(frozen=True)
class Who:
    """Who makes a correction, when, and why."""

    by: str
    at: dt.datetime
    why: str = ""


@dataclass(frozen=True)
class AuditLine:
    correction: Correction
    undone_by: int | None


class CorrectionLog:
    """The corrections of one session's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _visible(self, event_id: int) -> tuple[CorrectedView, CorrectedEvent]:
        view = CorrectedView(self.session)
        corrected = view.by_id(event_id) if event_id not in view.merged_into else None
        if corrected is None:
            gone = "merged into another event" if event_id in view.merged_into else "hidden"
            exists = self.session.get(Event, event_id) is not None
            raise CorrectionError(f"event {event_id} is {gone}" if exists else f"no event with id {event_id}")
        return view, corrected

    def edit(self, event_id: int, changes: dict[str, Any], who: Who) -> list[Correction]:
        """One correction per changed field: type, date, location, vn_parties, kr_parties."""
        _, current = self._visible(event_id)
        made = []
        for name, wanted in changes.items():
            if name not in FIELDS:
                raise CorrectionError(f"cannot edit {name!r}; fields: {', '.join(FIELDS)}")
            before, after = self._value(current, name), self._encode(name, wanted)
            if before != after:
                made.append(self._record("edit", who, event_id=event_id, field=name, before=before, after=after))
        if not made:
            raise CorrectionError(f"event {event_id} already has these values: nothing to correct")
        return made

    def hide(self, event_id: int, who: Who) -> Correction:
        """Not a cooperation event: gone from every listing, kept in the database."""
        self._visible(event_id)
        return self._record("hide", who, event_id=event_id, before={"hidden": False}, after={"hidden": True})

    def merge(self, event_id: int, other_id: int, who: Who) -> Correction:
        """`other_id` is the same signing as `event_id`: shown once, with both events' articles."""
        if event_id == other_id:
            raise CorrectionError(f"cannot merge event {event_id} with itself")
        self._visible(event_id)
        self._visible(other_id)
        return self._record("merge", who, event_id=event_id, other_event_id=other_id,
                            before={"merged_into": None}, after={"merged_into": event_id})

    def add(self, article: Article, values: dict[str, Any], who: Who) -> Correction:
        """An event the parser missed, reported by `article`: a new row, marked as the analyst's."""
        if values.get("type") not in EVENT_TYPES:
            raise CorrectionError(f"add: --type must be one of {', '.join(EVENT_TYPES)}")
        event = self._new_event("add", values, [article], who)
        return self._record("add", who, event_id=event.id, before=None,
                            after={**self._added(event), "article_id": article.id})

    def split(self, event_id: int, values: dict[str, Any], who: Who) -> Correction:
        """Part of an event is another signing: a new event with `values` (the rest as the event's),
        reported by the same articles; the parties it names leave the event unless a side would be empty."""
        _, current = self._visible(event_id)
        values = {"type": current.type, "date": current.date, "location": current.location, **values}
        if values["type"] not in EVENT_TYPES:
            raise CorrectionError(f"not an event type: {values['type']!r} ({', '.join(EVENT_TYPES)})")
        reporting = self.session.scalars(select(Article).where(Article.id.in_([a.id for a in current.articles]))
                                         .order_by(Article.id))
        event = self._new_event("split", values, reporting.all(), who)
        before = {"event_id": event_id, **{n: self._value(current, n) for n in COUNTRY_OF}}
        return self._record("split", who, event_id=event.id, other_event_id=event_id, before=before,
                            after={**self._added(event), "article_ids": [a.id for a in current.articles]})

    def _new_event(self, action: str, values: dict[str, Any], articles: Sequence[Article], who: Who) -> Event:
        vn, kr = values.get("vn_parties") or [], values.get("kr_parties") or []
        if not vn or not kr:
            raise CorrectionError(f"{action}: an event needs at least one --vn-party and one --kr-party")
        event = Event(type=values["type"], date=values.get("date"), location=values.get("location"),
                      topics=[], signatories=[], evidence=[], created_at=who.at)
        for position, party in enumerate([*vn, *kr]):
            event.party_links.append(EventParty(party=self.session.get(Party, party.id), position=position))
        self.session.add(event)
        event.articles.extend(articles)
        self.session.flush()
        return event

    @staticmethod
    def _added(event: Event) -> dict[str, Any]:
        return {"type": event.type, "date": event.date.isoformat() if event.date else None,
                "location": event.location, "vn_parties": [party_value(p) for p in event.parties("VN")],
                "kr_parties": [party_value(p) for p in event.parties("KR")]}

    def merge_parties(self, party_id: int, into_id: int, who: Who) -> Correction:
        """Party `party_id` is another spelling of `into_id`: one organisation, shown as `into_id`."""
        if party_id == into_id:
            raise CorrectionError(f"cannot merge party {party_id} with itself")
        orgs = CorrectedView(self.session).orgs
        gone, into = self._org(party_id, orgs.root), self._org(into_id, orgs.root)
        if gone.country != into.country:
            raise CorrectionError(f"party {party_id} is {gone.country} and party {into_id} {into.country}: "
                                  "an organisation has one side")
        value = org_value(gone, orgs.shown(gone), orgs.english(gone))
        return self._record("org_merge", who, before={"party": value, "merged_into": None},
                            after={"party": value, "merged_into": org_value(into, orgs.shown(into), orgs.english(into))})

    def rename_party(self, party_id: int, name: str, english: str | None, who: Who) -> Correction:
        """The organisation's name as everyone reads it (and its English name, when given)."""
        orgs = CorrectedView(self.session).orgs
        party = self._org(party_id, orgs.root)
        name = " ".join(name.split())
        if not party_key(name):
            raise CorrectionError(f"not an organisation name: {name!r}")
        shown, known = orgs.shown(party), orgs.renamed.get(party.id)
        if english is None:  # not given: the analyst's English name so far stays
            english = known.english if known else None
        else:
            english = " ".join(english.split()) or None
        before = {"party": org_value(party, shown, orgs.english(party)), "name": shown.name,
                  "english": known.english if known else None}
        if (name, english) == (before["name"], before["english"]):
            raise CorrectionError(f"party {party_id} already has this name: nothing to correct")
        return self._record("org_rename", who, field="name", before=before,
                            after={"party": before["party"], "name": name, "english": english})

    def _org(self, party_id: int, root: Any) -> Party:
        party = self.session.get(Party, party_id)
        if party is None:
            raise CorrectionError(f"no party with id {party_id}")
        if root(party_id) != party_id:
            raise CorrectionError(f"party {party_id} is merged into party {root(party_id)}")
        return party

    def undo(self, correction_id: int, who: Who) -> Correction:
        """An undo record: the correction stops applying; both stay in the audit list."""
        target = self.session.get(Correction, correction_id)
        if target is None:
            raise CorrectionError(f"no correction with id {correction_id}")
        if target.kind == "undo":
            raise CorrectionError(f"correction {correction_id} is an undo; make the correction again instead")
        if self.session.scalar(select(Correction.id).where(Correction.undoes_id == correction_id)) is not None:
            raise CorrectionError(f"correction {correction_id} is already undone")
        return self._record("undo", who, event_id=target.event_id, undoes_id=target.id,
                            before={"undone": False}, after={"undone": True})

    def party(self, country: str, name: str) -> Party:
        """An organisation already known by that name or acronym on that side, or a new one."""
        name = " ".join(name.split())
        if not party_key(name):
            raise CorrectionError(f"not an organisation name: {name!r}")
        known = self.session.scalars(select(Party).where(Party.country == country, Party.key == party_key(name))).first()
        known = known or self.session.scalars(select(Party).where(
            Party.country == country, func.lower(Party.acronym) == name.lower())).first()
        if known is None:
            known = Party(country=country, key=party_key(name), name=name, acronym=None)
            self.session.add(known)
            self.session.flush()
        return known

    def audit(self) -> list[AuditLine]:
        """Every correction and undo, oldest first, with the undo that cancelled it."""
        undone = {u: i for i, u in self.session.execute(
            select(Correction.id, Correction.undoes_id).where(Correction.undoes_id.is_not(None)))}
        rows = self.session.scalars(select(Correction).order_by(Correction.id)).all()
        return [AuditLine(c, undone.get(c.id)) for c in rows]

    def conflicts(self) -> Sequence[CorrectionConflict]:
        """Open conflicts of corrections in force: the parser now reads otherwise, the correction wins."""
        return self.session.scalars(
            select(CorrectionConflict)
            .where(CorrectionConflict.resolved_at.is_(None),
                   CorrectionConflict.correction_id.not_in(undone_ids()))
            .order_by(CorrectionConflict.id)
        ).all()

    def _record(self, kind: str, who: Who, **values: Any) -> Correction:
        correction = Correction(kind=kind, by=who.by, at=who.at, why=who.why, **values)
        self.session.add(correction)
        self.session.flush()
        for event_id in {values.get("event_id"), values.get("other_event_id")} - {None}:
            self._anchor(correction, int(event_id))  # type: ignore[arg-type]
        return correction

    def _anchor(self, correction: Correction, event_id: int) -> None:
        event = self.session.get(Event, event_id)
        if event is None or correction.kind == "undo":
            return
        key = event_key(event)
        for article in event.articles:
            self.session.add(CorrectionAnchor(correction_id=correction.id, event_id=event_id,
                                              article_id=article.id, event_key=key))
        self.session.flush()

    @staticmethod
    def _value(event: CorrectedEvent, name: str) -> Any:
        if name in COUNTRY_OF:
            return [party_value(p) for p in event.parties(COUNTRY_OF[name])]
        if name == "date":
            return event.date.isoformat() if event.date else None
        return getattr(event, name)

    @staticmethod
    def _encode(name: str, value: Any) -> Any:
        if name in COUNTRY_OF:
            return [party_value(p) for p in value]
        if name == "date":
            return value.isoformat() if value else None
        if name == "type" and value not in EVENT_TYPES:
            raise CorrectionError(f"not an event type: {value!r} ({', '.join(EVENT_TYPES)})")
        return value or None


def gold_records(session: Session) -> list[dict[str, Any]]:
    """The articles an active correction touches, with their corrected events, in the annotated-set
    schema of ../shared/gold/README.md (keys in its order), ready for `dev.py train --extra`."""
    view = CorrectedView(session)
    active = select(Correction.id).where(Correction.kind != "undo", Correction.id.not_in(undone_ids()))
    article_ids = session.scalars(select(CorrectionAnchor.article_id).where(
        CorrectionAnchor.correction_id.in_(active)).distinct().order_by(CorrectionAnchor.article_id)).all()
    records = []
    for article_id in article_ids:
        article = session.get(Article, article_id)
        if article is not None:
            records.append(_gold_record(article, view))
    return records


def parties_not_in_text(record: dict[str, Any]) -> list[str]:
    """The parties of a gold record none of whose names is in its title or text (case-insensitive,
    NFC): the annotated sets hold none such (../shared/gold/README.md), and training, which looks
    for each party's names in the text, learns nothing from one."""
    def folded(value: str) -> str:
        return unicodedata.normalize("NFC", value).casefold()

    haystack = folded(f"{record['title'] or ''}\n{record['text']}")
    return [party["name"] for event in record["events"] for side in ("vn_parties", "kr_parties")
            for party in event[side] if not any(folded(n) in haystack for n in [party["name"], *party["aliases"]])]


def _gold_record(article: Article, view: CorrectedView) -> dict[str, Any]:
    text = "\n\n".join(part for part in [article.sapo, article.body, *article.captions] if part.strip())
    haystack = f"{article.title}\n{text}".casefold()
    events: dict[int, CorrectedEvent] = {}
    for stored in sorted(article.events, key=lambda e: e.id):
        corrected = view.by_id(stored.id)
        if corrected is not None:
            events.setdefault(corrected.id, corrected)

    def written(party: Party) -> str:
        """The organisation's spelling that this article uses (a merged or renamed one's shown name
        may be in no article): the training data must name what the text says."""
        spellings = [party.name, *view.orgs.spellings(party)]
        return next((n for n in spellings if n.casefold() in haystack), party.name)

    def parties(event: CorrectedEvent, country: str) -> list[dict[str, Any]]:
        return [{"name": written(p), "aliases": [p.acronym] if p.acronym and p.acronym.casefold() in haystack else []}
                for p in event.parties(country)]

    published = article.published_at.astimezone(VN_TZ).date().isoformat() if article.published_at else None
    return {
        "id": f"coopwatch-{article.id}", "url": article.url, "title": article.title or None,
        "published_at": published, "text": text, "relevant": bool(events),
        "events": [{"type": e.type, "date": e.date.isoformat() if e.date else None,
                    "vn_parties": parties(e, "VN"), "kr_parties": parties(e, "KR"), "location": e.location}
                   for e in events.values()],
    }
