"""A listing's filter, as SQL conditions on the parser's rows and as the same test in Python on a
corrected event (storage/listing_merge.py puts the two together)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, column, exists, func, literal, or_, select, table
from sqlalchemy.orm import InstrumentedAttribute

from storage.corrections import CorrectedEvent
from storage.models import Event, EventParty, EventSource, Party
from storage.repository import party_key
from storage.search import corrected_search_text


@dataclass(frozen=True)
class EventFilter:
    """What a listing asks for; every field empty means every event."""

    type: str | None = None
    source: str | None = None
    party: str | None = None  # a name or an acronym, on either side
    q: str | None = None  # words in a headline, a party's name, the place or the evidence, all of them
    since: dt.date | None = None
    until: dt.date | None = None


def costly(wanted: EventFilter) -> bool:
    """Conditions read through the link tables or by scanning text: worth reading only once a page."""
    return bool(wanted.source or wanted.party or wanted.q)


def counted_by_source(wanted: EventFilter) -> bool:
    """A source filter without a party or words: `event_sources` alone counts and charts it."""
    words = [w for w in (wanted.q or "").split() if party_key(w)]
    return bool(wanted.source) and not (wanted.party and party_key(wanted.party)) and not words


def _word_key(text: str) -> str:
    """A party key padded with spaces, so a match starts and ends on word boundaries."""
    return f" {party_key(text)} "


def _padded_key() -> ColumnElement[str]:
    return literal(" ") + Party.key + literal(" ")


# How a condition on an event's parties, articles or words reads the ids that satisfy it:
# * "list": `id IN (subquery)`, not EXISTS: SQLite runs a correlated EXISTS through the articles'
#   source index once per event (minutes at 100,000 events), and an IN subquery once;
# * "walk": the same list, as `id + 0 IN (subquery)`: SQLite takes a subquery's list for a short
#   one and looks each of its ids up in the events (20,000 look-ups for a common word or a
#   source), where walking the (type, date) index that a type or date range names, and checking
#   each id in the list, reads fewer entries (a source filter with a type and a date: 55 -> 34 ms);
# * "each": a `narrow` query (other conditions leave a few months' events) checks each of its
#   rows with EXISTS, and reads the search text: gathering every match for fifty rows costs more.
Reading = Literal["list", "walk", "each"]


def _ids_in(ids: Select[Any], reading: Reading) -> ColumnElement[bool]:
    return (Event.id + 0).in_(ids) if reading == "walk" else Event.id.in_(ids)


def _linked(ids: Select[Any], event_id: ColumnElement[int] | InstrumentedAttribute[int], reading: Reading) -> ColumnElement[bool]:
    return exists(ids.where(event_id == Event.id)) if reading == "each" else _ids_in(ids, reading)


def _with_party(condition: ColumnElement[bool], reading: Reading) -> ColumnElement[bool]:
    linked = select(EventParty.event_id).join(Party, Party.id == EventParty.party_id).where(condition)
    return _linked(linked, EventParty.event_id, reading)


def _from_source(source: str, reading: Reading) -> ColumnElement[bool]:
    """An article of the event is from this source (`event_sources`, kept by storage/search.py)."""
    reported = select(EventSource.event_id).where(EventSource.source == source)
    return _linked(reported, EventSource.event_id, reading)


def _party_matches(value: str, also: Collection[int], reading: Reading) -> ColumnElement[bool]:
    """A party of the event is named `value`, or is one of `also` (the spellings of a merged organisation)."""
    by_acronym = func.lower(Party.acronym) == value.strip().lower()
    named = or_(_padded_key().contains(_word_key(value), autoescape=True), by_acronym)
    return _with_party(or_(named, Party.id.in_(also)) if also else named, reading)


def _like_pattern(word: str) -> str:
    """`%word%` with LIKE's wildcards in the word escaped by '/'.

    One bound pattern rather than SQLAlchemy's `'%' || ? || '%'`, which SQLite builds anew on
    every row it scans.
    """
    escaped = word.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


# the FTS5 table of migration 0008 (SQLite), over events.search_text
_EVENTS_SEARCH = table("events_search", column("rowid"), column("search_text"))
_TRIGRAM = 3  # the shortest substring a trigram index finds


RowsNamed = Callable[[str], Collection[int]]  # a folded word to the party rows of the organisations named so


def no_rows(_word: str) -> Collection[int]:
    return ()


def _in_text(folded: list[str], dialect: str, reading: Reading) -> list[ColumnElement[bool]]:
    """Each of these folded words is in the event's search text.

    On SQLite the words of three letters or more are looked up together in its FTS5 trigram index,
    shorter ones read in the column; on PostgreSQL `LIKE '%word%'` uses the pg_trgm index where
    there is one. A query that reads "each" row reads the column (the same answer): looking up
    every match costs more than a few rows.
    """
    looked_up = [w for w in folded if dialect == "sqlite" and reading != "each" and len(w) >= _TRIGRAM]
    found: list[ColumnElement[bool]] = [
        Event.search_text.like(_like_pattern(w), escape="/") for w in folded if w not in looked_up]
    if looked_up:
        # each word one literal substring (a folded word holds no quote), all of them in the same text
        phrases = " AND ".join(f'"{w}"' for w in looked_up)
        matched = select(_EVENTS_SEARCH.c.rowid).where(_EVENTS_SEARCH.c.search_text.op("MATCH")(phrases))
        found.append(_ids_in(matched, reading))
    return found


def _words_match(words: list[str], dialect: str, reading: Reading, rows_named: RowsNamed) -> list[ColumnElement[bool]]:
    """Each of `words`, folded, is in a headline, a party's name, the place or the evidence of the event.

    All of them are one folded text per event (storage/search.py), the parser's. A word that also
    names a corrected organisation (`rows_named`: the analyst's name for it, or a spelling merged
    into it) finds the events of every party row of that organisation too.
    """
    folded = [party_key(w) for w in words]
    named = {w: rows_named(w) for w in folded}
    found = _in_text([w for w in folded if not named[w]], dialect, reading)
    for word in (w for w in folded if named[w]):
        of_rows = select(EventParty.event_id).where(EventParty.party_id.in_(sorted(named[word])))
        found.append(or_(*_in_text([word], dialect, reading), _linked(of_rows, EventParty.event_id, reading)))
    return found


def conditions(wanted: EventFilter, dialect: str = "sqlite", narrow: bool = False,
               party_rows: Collection[int] = (), rows_named: RowsNamed = no_rows) -> list[ColumnElement[bool]]:
    """The filter in SQL; `narrow`: for a query that its other conditions keep to a few rows;
    `party_rows`: the spellings of a merged organisation the party filter names; `rows_named`:
    the rows of the corrected organisations a `q` word names."""
    walk = dialect == "sqlite" and bool(wanted.type or wanted.since or wanted.until)
    reading: Reading = "each" if narrow else "walk" if walk else "list"
    found: list[ColumnElement[bool]] = []
    if wanted.type:
        found.append(Event.type == wanted.type)
    if wanted.source:
        found.append(_from_source(wanted.source, reading))
    if wanted.party and party_key(wanted.party):
        found.append(_party_matches(wanted.party, party_rows, reading))
    if wanted.q:
        found += _words_match([word for word in wanted.q.split() if party_key(word)], dialect, reading, rows_named)
    if wanted.since:
        found.append(Event.date >= wanted.since)
    if wanted.until:
        found.append(Event.date <= wanted.until)
    return found


def matcher(wanted: EventFilter, party_rows: Collection[int] = (),
            rows_named: RowsNamed = no_rows) -> Callable[[CorrectedEvent], bool]:
    """The filter of `conditions`, judged in Python on an event's corrected values."""
    def party_ok(event: CorrectedEvent, value: str) -> bool:
        parties = event.parties("VN") + event.parties("KR")
        return any(_word_key(value) in f" {p.key} " or (p.acronym or "").lower() == value.strip().lower()
                   or p.id in party_rows for p in parties)

    def word_ok(event: CorrectedEvent, word: str) -> bool:
        folded = party_key(word)
        parties = event.parties("VN") + event.parties("KR")
        return folded in corrected_search_text(event) or any(p.id in rows_named(folded) for p in parties)

    def matches(event: CorrectedEvent) -> bool:
        checks = [
            not wanted.type or event.type == wanted.type,
            not wanted.source or any(a.source == wanted.source for a in event.articles),
            not (wanted.party and party_key(wanted.party)) or party_ok(event, wanted.party or ""),
            all(word_ok(event, w) for w in (wanted.q or "").split() if party_key(w)),
            not wanted.since or (event.date is not None and event.date >= wanted.since),
            not wanted.until or (event.date is not None and event.date <= wanted.until),
        ]
        return all(checks)

    return matches
