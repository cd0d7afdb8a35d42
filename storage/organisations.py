"""Parties as organisations: the spellings an analyst merged are one entry, under the name it gave.

The parser stores one `Party` row per spelling it meets ('Bộ KH&CN', 'Bộ Khoa học và Công nghệ' and
'MOST' can be three rows). An analyst merges such rows (`org_merge`: the merged row's events belong
to the row it went into, the root) and renames a root (`org_rename`: a new name, an English name).
Both are correction records like any other; `Organisations` folds the active ones, and the
corrected view shows every party as its root, renamed, so pages, feeds, CSV and `items` follow.
The parser's rows stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from crawler.cooperation import reference
from storage.models import Correction, Party

if TYPE_CHECKING:
    from storage.corrections import CorrectedView

ORG_KINDS = ("org_merge", "org_rename")


def _party_key(name: str) -> str:
    from storage.repository import party_key  # the repository imports the corrections module

    return party_key(name)


@dataclass(frozen=True)
class Renaming:
    name: str
    english: str | None


class Organisations:
    """The active organisation corrections, folded: which party stands for which, under which name."""

    def __init__(self, session: Session, active: Iterable[Correction]) -> None:
        self.session = session
        self.merged_into: dict[int, int] = {}
        self.renamed: dict[int, Renaming] = {}
        for c in active:
            if c.kind == "org_merge":
                self.merged_into[int(c.after["party"]["id"])] = int(c.after["merged_into"]["id"])
            elif c.kind == "org_rename":  # oldest first: the latest renaming wins
                self.renamed[int(c.after["party"]["id"])] = Renaming(c.after["name"], c.after.get("english"))
        self._shown: dict[int, Party] = {}
        self._english: dict[tuple[int, str], str | None] = {}  # by the row's id and name: a renamed copy is another
        self._names: dict[int, list[str]] | None = None

    def __bool__(self) -> bool:
        return bool(self.merged_into or self.renamed)

    def root(self, party_id: int) -> int:
        """The party an id stands for now: itself, or the one it was merged into."""
        seen = {party_id}
        while party_id in self.merged_into and self.merged_into[party_id] not in seen:
            party_id = self.merged_into[party_id]
            seen.add(party_id)
        return party_id

    def affects(self, party_id: int) -> bool:
        """Whether a correction changes how this party row is shown."""
        return party_id in self.merged_into or party_id in self.renamed

    def members(self, party_id: int) -> list[int]:
        """Every party row of the organisation `party_id` belongs to, its root first."""
        root = self.root(party_id)
        return [root, *sorted(i for i in self.merged_into if self.root(i) == root)]

    def shown(self, party: Party) -> Party:
        """The party as everyone reads it: its root, under the analyst's name if renamed.

        A renamed root is a copy that is never added to the session, so the parser's row keeps
        its name.
        """
        root_id = self.root(party.id)
        if root_id == party.id and root_id not in self.renamed:
            return party
        if root_id not in self._shown:
            root = party if root_id == party.id else self.session.get(Party, root_id)
            if root is None:
                return party
            renaming = self.renamed.get(root_id)
            self._shown[root_id] = root if renaming is None else Party(
                id=root.id, country=root.country, key=_party_key(renaming.name), name=renaming.name,
                acronym=root.acronym)
        return self._shown[root_id]

    def shown_list(self, parties: Iterable[Party]) -> list[Party]:
        """A list of parties as shown, each organisation once, in order."""
        found: dict[int, Party] = {}
        for party in parties:
            shown = self.shown(party)
            found.setdefault(shown.id, shown)
        return list(found.values())

    def english(self, party: Party) -> str | None:
        """The English name: the analyst's, else the reference list's for any spelling of it."""
        known = (party.id, party.name)
        if known not in self._english:
            self._english[known] = self._find_english(party)
        return self._english[known]

    def _find_english(self, party: Party) -> str | None:
        root = self.root(party.id)
        if root in self.renamed and self.renamed[root].english:
            return self.renamed[root].english
        for member in self.members(root):
            row = party if member == party.id else self.session.get(Party, member)
            for spelling in (row.name, row.acronym) if row is not None else ():
                org = reference.lookup_org(spelling) if spelling else None
                if org is not None and org.country == party.country and org.english_name:
                    return org.english_name
        return None

    def spellings(self, party: Party) -> list[str]:
        """The names under which the parser met this organisation (its merged rows'), but the shown one."""
        shown = self.shown(party).name
        rows = [self.session.get(Party, i) for i in self.members(party.id)]
        return list(dict.fromkeys(r.name for r in rows if r is not None and r.name != shown))

    def matching(self, value: str) -> set[int]:
        """The rows of every corrected organisation one of whose names or acronyms is `value`.

        What a party filter adds to the parser's rows: 'MOST' finds the events of 'Bộ KH&CN' once
        the two are merged.
        """
        wanted, lowered = f" {_party_key(value)} ", value.strip().lower()
        found: set[int] = set()
        for root in {self.root(i) for i in [*self.merged_into, *self.renamed]}:
            members = self.members(root)
            rows = [r for r in (self.session.get(Party, i) for i in members) if r is not None]
            names = [r.key for r in rows] + ([_party_key(self.renamed[root].name)] if root in self.renamed else [])
            if any(wanted in f" {k} " for k in names) or any((r.acronym or "").lower() == lowered for r in rows):
                found.update(members)
        return found


    def rows_named(self, word: str) -> set[int]:
        """The rows of every corrected organisation one of whose names holds `word` (folded).

        What `q` adds to the parser's search text, which has only the spellings the parser met in
        each event: the name and English name an analyst gave, and every spelling merged into the
        organisation, find all of its events.
        """
        if self._names is None:
            self._names = {root: self._folded_names(root)
                           for root in {self.root(i) for i in [*self.merged_into, *self.renamed]}}
        return {i for root, names in self._names.items() if any(word in n for n in names) for i in self.members(root)}

    def _folded_names(self, root: int) -> list[str]:
        rows = [r for r in (self.session.get(Party, i) for i in self.members(root)) if r is not None]
        names = [r.name for r in rows] + [r.acronym for r in rows if r.acronym]
        if root in self.renamed:
            names += [self.renamed[root].name, self.renamed[root].english or ""]
        return [key for key in map(_party_key, names) if key]


def org_value(party: Party, shown: Party, english: str | None) -> dict[str, Any]:
    """A party as an organisation correction records it."""
    return {"id": party.id, "country": party.country, "name": shown.name, "acronym": shown.acronym,
            "english": english}


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation as `coopwatch parties list` shows it."""

    party: Party  # as shown: the root, under the analyst's name
    english: str | None
    spellings: list[str]
    events: int  # events it takes part in, in the corrected view (hidden ones not, merged ones once)


def list_organisations(view: CorrectedView, country: str | None = None, name: str | None = None) -> list[OrganisationRow]:
    """The organisations (merged spellings once, under their root), most events first."""
    from sqlalchemy import select

    orgs = view.orgs
    query = select(Party).order_by(Party.id)
    if country:
        query = query.where(Party.country == country)
    rows = [p for p in orgs.session.scalars(query) if orgs.root(p.id) == p.id]
    counts = event_counts(view)
    found = [OrganisationRow(orgs.shown(p), orgs.english(p), orgs.spellings(p), counts.get(p.id, 0)) for p in rows]
    if name:
        wanted = f" {_party_key(name)} "
        found = [r for r in found if any(wanted in f" {_party_key(n)} " for n in (r.party.name, *r.spellings))
                 or (r.party.acronym or "").lower() == name.strip().lower()]
    return sorted(found, key=lambda r: (-r.events, r.party.name))


def event_counts(view: CorrectedView) -> dict[int, int]:
    """How many corrected events each organisation (by its root's id) takes part in.

    The parser's rows no correction touches are counted by SQL (per row when no organisation is
    merged; else as pairs, so that two spellings of one organisation in an event count once); the
    events a correction changes are counted by their corrected parties.
    """
    from sqlalchemy import func, select

    from storage.models import EventParty

    orgs, left_out = view.orgs, view.hidden | view.overlaid
    untouched = [EventParty.event_id.not_in(left_out)] if left_out else []
    counts: dict[int, int] = {}
    if orgs.merged_into:
        per_root: dict[int, set[int]] = {}
        for party_id, event_id in orgs.session.execute(select(EventParty.party_id, EventParty.event_id).where(*untouched)):
            per_root.setdefault(orgs.root(party_id), set()).add(event_id)
        counts = {root: len(events) for root, events in per_root.items()}
    else:
        query = select(EventParty.party_id, func.count(EventParty.event_id)).where(*untouched).group_by(EventParty.party_id)
        counts = {int(i): int(n) for i, n in orgs.session.execute(query)}
    for event in map(view.apply, view.overlaid_rows()):
        for party_id in {p.id for p in event.parties("VN") + event.parties("KR")}:
            counts[party_id] = counts.get(party_id, 0) + 1
    return counts
