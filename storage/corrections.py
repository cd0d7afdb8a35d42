"""Analysts' corrections and the corrected view of the events that every reader goes through.

The parser's rows (`events`, `event_parties`, `event_articles`) are never changed by a correction.
A correction is its own record (`Correction`); the corrected view is the parser's rows with the
active corrections applied, in order, by `CorrectedView`, the one place that does it. `items`,
`show`, the digests, the web pages, feeds and API read events through it.

How a correction stays attached when `reparse` or a later crawl recomputes the events: it names
the event by id (ids survive a re-parse wherever the parser still reads the same event), and each
event it names is anchored to the articles reporting it then, with the parser's party keys of the
event (`CorrectionAnchor`). After the parser has read an article again, `after_parse` keeps the
article's link to every anchored event (so a corrected event is neither dropped nor deleted), and
where the parser now reads something else (another type, date or parties than the value the
analyst corrected from, or a new event whose parties overlap the anchored key) it records a
`CorrectionConflict`; the correction wins, and a new event standing for the corrected one is
hidden while the conflict is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from crawler.items import CooperationEvent
from storage.models import Article, Correction, CorrectionAnchor, CorrectionConflict, Event, Party
from storage.organisations import ORG_KINDS, Organisations

KINDS = ("edit", "hide", "merge", "split", "add", "undo", *ORG_KINDS)
FIELDS = ("type", "date", "location", "vn_parties", "kr_parties")
EVENT_TYPES = ("mou", "letter_of_intent", "agreement", "meeting")
COUNTRY_OF = {"vn_parties": "VN", "kr_parties": "KR"}


if TYPE_CHECKING:
    from storage.listed import ListedEvent


class ReportingArticle(Protocol):
    """What the corrected view keeps of an article reporting an event: an `Article` row, or the
    plain `ListedArticle` that listings read (storage/listed.py)."""

    @property
    def id(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def sapo(self) -> str: ...
    @property
    def published_at(self) -> dt.datetime | None: ...
    @property
    def updated_at(self) -> dt.datetime | None: ...


class CorrectionError(ValueError):
    """A correction that cannot be made (no such event, a bad value); one line for the user."""


@dataclass
class CorrectedEvent:
    """An event as everyone reads it: the parser's row with the active corrections applied."""

    id: int
    type: str
    date: dt.date | None
    location: str | None
    topics: list[str]
    signatories: list[str]
    evidence: list[str]
    created_at: dt.datetime
    articles: list[ReportingArticle]
    party_lists: dict[str, list[Party]] = field(default_factory=dict)
    corrected: bool = False
    english_names: dict[int, str] = field(default_factory=dict)  # party id to its English name, where known
    corrected_at: dt.datetime | None = None  # the latest correction (or undo) that changed how it reads

    def parties(self, country: str) -> list[Party]:
        """This event's parties of one country ("VN" or "KR"), in text order."""
        return list(self.party_lists.get(country, []))

    def english_name(self, party: Party) -> str | None:
        """A party's English name: the analyst's, else the reference list's; None if neither knows it."""
        return self.english_names.get(party.id)


def _key(names: Iterable[tuple[str, str | None]]) -> list[str]:
    from storage.repository import party_key  # the repository imports this module

    keys = {party_key(name) for name, _ in names} | {party_key(a) for _, a in names if a}
    return sorted(k for k in keys if k)


def event_key(event: Event) -> dict[str, list[str]]:
    """The parser's party keys of a stored event, per side: what an anchor recognises it by."""
    return {c: _key((p.name, p.acronym) for p in event.parties(c)) for c in ("VN", "KR")}


def found_key(found: CooperationEvent) -> dict[str, list[str]]:
    return {"VN": _key((p.name, p.acronym) for p in found.vn_parties),
            "KR": _key((p.name, p.acronym) for p in found.kr_parties)}


def _keys_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return all(set(a.get(c, [])) & set(b.get(c, [])) for c in ("VN", "KR"))


def party_value(party: Party) -> dict[str, Any]:
    return {"id": party.id, "name": party.name, "acronym": party.acronym}


def undone_ids() -> Any:
    return select(Correction.undoes_id).where(Correction.undoes_id.is_not(None))


def active_query() -> Any:
    """The corrections in force: not undo records, and not undone, oldest first."""
    return (select(Correction).where(Correction.kind != "undo", Correction.id.not_in(undone_ids()))
            .order_by(Correction.id))


def referenced_event_ids() -> Any:
    """Events a correction, anchor or conflict names: never deleted as orphans."""
    return (select(Correction.event_id).where(Correction.event_id.is_not(None))
            .union(select(Correction.other_event_id).where(Correction.other_event_id.is_not(None)),
                   select(CorrectionAnchor.event_id)))


class CorrectedView:
    """The active corrections, folded once; applies them to parser rows and to SQL filters."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # every record in one query, active ones picked here: each page, feed and export builds a
        # view, and where nothing was ever corrected the other reads below are not needed at all
        recorded: Sequence[Correction] = session.scalars(select(Correction).order_by(Correction.id)).all()
        undone = {c.undoes_id for c in recorded if c.undoes_id is not None}
        active = [c for c in recorded if c.kind != "undo" and c.id not in undone]
        self.edits: dict[int, list[Correction]] = {}
        self.merged_into: dict[int, int] = {}
        self.hidden: set[int] = set()
        self.split_from: dict[int, list[Correction]] = {}  # an event, the splits that took parties off it
        self.orgs = Organisations(session, active)
        self.event_changed_at, self.party_changed_at = _change_times(recorded)
        for c in active:
            if c.kind == "edit" and c.event_id is not None:
                self.edits.setdefault(c.event_id, []).append(c)
            elif c.kind == "hide" and c.event_id is not None:
                self.hidden.add(c.event_id)
            elif c.kind == "merge" and c.event_id is not None and c.other_event_id is not None:
                self.merged_into[c.other_event_id] = c.event_id
            elif c.kind == "split" and c.other_event_id is not None:
                self.split_from.setdefault(c.other_event_id, []).append(c)
        self.hidden |= {c.event_id for c in recorded
                        if c.kind in ("add", "split") and c.id in undone and c.event_id is not None}
        if active:
            superseded = select(CorrectionConflict.superseded_event_id).where(
                CorrectionConflict.resolved_at.is_(None), CorrectionConflict.superseded_event_id.is_not(None),
                CorrectionConflict.correction_id.in_(select(Correction.id).where(
                    Correction.kind != "undo", Correction.id.not_in(undone_ids()))))
            self.hidden |= {i for i in session.scalars(superseded) if i is not None}
        self.hidden |= set(self.merged_into)
        if recorded:
            # kept for the record only: an event no article reports any more, which only corrections
            # that are undone now name (an active one keeps its event linked)
            stale = select(Event.id).where(~Event.articles.any(), Event.id.in_(referenced_event_ids()))
            self.hidden |= set(session.scalars(stale))
        self.absorbed: dict[int, list[int]] = {}
        for gone, into in self.merged_into.items():
            self.absorbed.setdefault(into, []).append(gone)

    @property
    def overlaid(self) -> set[int]:
        """Events whose fields or articles a correction changes."""
        return (set(self.edits) | set(self.absorbed) | set(self.split_from)) - self.hidden

    def target(self, event_id: int) -> int:
        """The event an id stands for now: itself, or the event it was merged into."""
        seen = {event_id}
        while event_id in self.merged_into and self.merged_into[event_id] not in seen:
            event_id = self.merged_into[event_id]
            seen.add(event_id)
        return event_id

    def apply(self, event: Event | ListedEvent) -> CorrectedEvent:
        """The corrected view of one parser row (hidden or not: callers use `visible`)."""
        values: dict[str, Any] = {"type": event.type, "date": event.date, "location": event.location,
                                  "vn_parties": event.parties("VN"), "kr_parties": event.parties("KR")}
        for correction in self.edits.get(event.id, []):
            values[correction.field or ""] = self._decode(correction.field or "", correction.after)
        values["vn_parties"] = self.orgs.shown_list(values["vn_parties"])
        values["kr_parties"] = self.orgs.shown_list(values["kr_parties"])
        for split in self.split_from.get(event.id, []):
            values.update(_without_moved(values, split.after, self.orgs.root))
        english = {p.id: name for p in [*values["vn_parties"], *values["kr_parties"]]
                   if (name := self.orgs.english(p)) is not None}
        party_ids = {p.id for p in [*event.parties("VN"), *event.parties("KR"), *values["vn_parties"],
                                    *values["kr_parties"]]}
        articles: dict[int, ReportingArticle] = {a.id: a for a in event.articles}
        topics, evidence = list(event.topics), list(event.evidence)
        for other in self._absorbed_events(event.id):
            articles.update((a.id, a) for a in other.articles)
            topics += [t for t in other.topics if t not in topics]
            evidence += [s for s in other.evidence if s not in evidence]
        return CorrectedEvent(
            id=event.id, type=values["type"], date=values["date"], location=values["location"],
            topics=topics, signatories=list(event.signatories), evidence=evidence,
            created_at=event.created_at, articles=sorted(articles.values(), key=lambda a: a.id),
            party_lists={"VN": values["vn_parties"], "KR": values["kr_parties"]},
            corrected=event.id in self.overlaid, english_names=english,
            corrected_at=self._changed_at(event.id, party_ids),
        )

    def _changed_at(self, event_id: int, party_ids: Iterable[int]) -> dt.datetime | None:
        times = [self.event_changed_at.get(i) for i in [event_id, *self.absorbed.get(event_id, [])]]
        times += [self.party_changed_at.get(i) for i in party_ids]
        return max((t for t in times if t is not None), default=None)

    def corrected_matching(self, conditions: Sequence[ColumnElement[bool]],
                           matches: Callable[[CorrectedEvent], bool]) -> tuple[list[ColumnElement[bool]],
                                                                                 list[CorrectedEvent]]:
        """The SQL conditions for the rows no correction touches, and the corrected events that match.

        For a listing that orders or counts by the corrected values (a corrected date moves the
        event): the parser's rows are read by SQL, the few corrected ones are judged here.
        """
        left_out = self.hidden | self.overlaid
        parser_rows = [Event.id.not_in(left_out), *conditions] if left_out else list(conditions)
        return parser_rows, [c for e in self.overlaid_rows() if matches(c := self.apply(e))]

    def overlaid_rows(self) -> list[Event]:
        """The parser's rows of the events a correction changes, read in one query."""
        if not self.overlaid:
            return []
        return list(self.session.scalars(select(Event).where(Event.id.in_(self.overlaid)).order_by(Event.id)))

    def _absorbed_events(self, event_id: int) -> list[Event]:
        found: list[Event] = []
        todo, seen = list(self.absorbed.get(event_id, [])), {event_id}
        while todo:
            other_id = todo.pop()
            if other_id in seen:
                continue
            seen.add(other_id)
            other = self.session.get(Event, other_id)
            if other is not None:
                found.append(other)
            todo += self.absorbed.get(other_id, [])
        return found

    def _decode(self, name: str, value: Any) -> Any:
        if name == "date":
            return dt.date.fromisoformat(value) if value else None
        if name in COUNTRY_OF:
            parties = [self.session.get(Party, int(p["id"])) for p in value or []]
            return [p for p in parties if p is not None]
        return value

    def event_ids_of(self, article: Article) -> list[int]:
        """The ids of an article's events in the corrected view (merged ones by the event they went into)."""
        ids = [self.target(e.id) for e in sorted(article.events, key=lambda e: e.id)]
        return [i for i in dict.fromkeys(ids) if i not in self.hidden]

    def visible(self, events: Iterable[Event | ListedEvent]) -> list[CorrectedEvent]:
        """The corrected view of these rows, hidden and merged-away ones left out."""
        return [self.apply(e) for e in events if e.id not in self.hidden]

    def by_id(self, event_id: int) -> CorrectedEvent | None:
        """The event an id names (a merged-away id names the event it went into), unless hidden."""
        event = self.session.get(Event, self.target(event_id))
        return None if event is None or event.id in self.hidden else self.apply(event)


def _change_times(rows: Sequence[Correction]) -> tuple[dict[int, dt.datetime], dict[int, dt.datetime]]:
    """When each event and each party row last changed in the corrected view: the latest correction
    naming it, or the latest undo of one (an undo changes the view as much as the correction did)."""
    by_id = {c.id: c for c in rows}
    events: dict[int, dt.datetime] = {}
    parties: dict[int, dt.datetime] = {}
    for c in rows:
        named = by_id.get(c.undoes_id or 0, c)
        for event_id in (named.event_id, named.other_event_id):
            if event_id is not None:
                events[event_id] = max(c.at, events.get(event_id, c.at))
        if named.kind in ORG_KINDS:
            for key in ("party", "merged_into"):
                if value := (named.after or {}).get(key):
                    parties[int(value["id"])] = max(c.at, parties.get(int(value["id"]), c.at))
    return events, parties


def _without_moved(values: dict[str, Any], moved: dict[str, Any],
                   root: Callable[[int], int]) -> dict[str, list[Party]]:
    """An event's party lists without those a split moved to the new event (never emptying a side)."""
    lists: dict[str, list[Party]] = {}
    for name in COUNTRY_OF:
        taken = {root(int(p["id"])) for p in moved.get(name) or []}
        kept = [p for p in values[name] if p.id not in taken]
        lists[name] = kept or values[name]
    return lists


def after_parse(session: Session, article: Article, parsed: Sequence[tuple[CooperationEvent, Event]],
                now: dt.datetime) -> None:
    """Keep the article's corrected events linked after the parser read it again; record conflicts."""
    active_ids = select(Correction.id).where(Correction.kind != "undo", Correction.id.not_in(undone_ids()))
    anchors = session.scalars(select(CorrectionAnchor).where(
        CorrectionAnchor.article_id == article.id, CorrectionAnchor.correction_id.in_(active_ids))).all()
    if not anchors:
        return
    for open_conflict in session.scalars(select(CorrectionConflict).where(
            CorrectionConflict.article_id == article.id, CorrectionConflict.resolved_at.is_(None))):
        open_conflict.resolved_at = now
    anchored = {a.event_id for a in anchors}
    read_now = {event.id: found for found, event in parsed}
    reported: set[int] = set()  # one "no longer reads" per event, however many corrections it has
    for anchor in anchors:
        correction = session.get(Correction, anchor.correction_id)
        event = session.get(Event, anchor.event_id)
        if correction is None or event is None:
            continue
        if event not in article.events:
            article.events.append(event)
        if event.id in read_now:
            _compare(session, correction, article, read_now[event.id], now)
            continue
        successor = next((e for f, e in parsed if e.id not in anchored and _keys_overlap(anchor.event_key, found_key(f))),
                         None)
        if (correction.kind in ("hide", "add", "split") and successor is None) or event.id in reported:
            continue  # it no longer reads the event the analyst hid, nor the one it never read: they agree
        reported.add(event.id)
        detail = f"the parser no longer reads event {event.id} from this article"
        if successor is not None:
            detail += (f"; it reads event {successor.id} instead ({successor.type}, "
                       f"{successor.date.isoformat() if successor.date else 'no date'}), hidden while the correction stands")
        _conflict(session, correction, article, detail, None, successor, now)
    session.flush()


def _compare(session: Session, correction: Correction, article: Article, found: CooperationEvent,
             now: dt.datetime) -> None:
    if correction.kind != "edit" or correction.field not in FIELDS:
        return
    parser_now = found_value(found, correction.field)
    if _same(correction.field, parser_now, correction.before) or _same(correction.field, parser_now, correction.after):
        return
    detail = (f"the parser now reads {correction.field} = {_show(parser_now)}; "
              f"the correction keeps {_show(correction.after)}")
    _conflict(session, correction, article, detail, parser_now, None, now)


def found_value(found: CooperationEvent, name: str) -> Any:
    if name == "type":
        return found.type.value
    if name == "date":
        return found.date.isoformat() if found.date else None
    if name == "location":
        return found.location
    parties = found.vn_parties if name == "vn_parties" else found.kr_parties
    return [{"name": p.name, "acronym": p.acronym} for p in parties]


def _same(name: str, a: Any, b: Any) -> bool:
    if name in COUNTRY_OF:
        return _key((p["name"], p.get("acronym")) for p in a or []) == _key((p["name"], p.get("acronym")) for p in b or [])
    return bool(a == b)


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(p.get("name")) for p in value) + "]"
    return "none" if value is None else str(value)


def _conflict(session: Session, correction: Correction, article: Article, detail: str, parser_value: Any,
              successor: Event | None, now: dt.datetime) -> None:
    session.add(CorrectionConflict(
        correction_id=correction.id, article_id=article.id, found_at=now, detail=detail,
        parser_value=parser_value, superseded_event_id=successor.id if successor else None))




def list_events(session: Session, source: str | None = None, since: dt.date | None = None,
                event_type: str | None = None) -> list[CorrectedEvent]:
    """The corrected events, newest first: what `coopwatch items` lists."""
    conditions: list[ColumnElement[bool]] = []
    if since:
        conditions.append(Event.date >= since)
    if event_type:
        conditions.append(Event.type == event_type)
    if source:
        conditions.append(Event.articles.any(Article.source == source))

    def matches(event: CorrectedEvent) -> bool:
        return ((not since or (event.date is not None and event.date >= since))
                and (not event_type or event.type == event_type)
                and (not source or any(a.source == source for a in event.articles)))

    view = CorrectedView(session)
    parser_rows, corrected = view.corrected_matching(conditions, matches)
    query = select(Event).where(*parser_rows).order_by(Event.date.desc().nulls_last(), Event.id.desc())
    found = view.visible(session.scalars(query).all()) + corrected
    # the SQL order, with the corrected events sorted in by their corrected date
    return sorted(found, key=lambda e: (e.date is not None, e.date or dt.date.min, e.id), reverse=True)
