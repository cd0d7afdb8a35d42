"""All SQL lives here. Callers own the session and its transaction; nothing here commits."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from crawler.items import CooperationEvent, Extraction, NewsItem
from crawler.items import Party as PartyRef
from storage.corrections import active_query, after_parse, referenced_event_ids
from storage.models import Article, ArticleRevision, Correction, CrawlRun, Event, EventParty, Party
from storage.organisations import Organisations


class SaveResult(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def party_key(name: str) -> str:
    """Case-, accent- and punctuation-free key under which one organisation is stored once."""
    text = unicodedata.normalize("NFD", name).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text.replace("&", " va ")).split())


class ArticleRepository:
    """Articles and their revisions."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def known_ids(self, source: str) -> set[str]:
        """Site article ids already stored for a source."""
        rows = self.session.scalars(select(Article.site_article_id).where(Article.source == source))
        return set(rows)

    def get(self, source: str, site_article_id: str) -> Article | None:
        return self.session.scalars(
            select(Article).where(
                Article.source == source, Article.site_article_id == site_article_id
            )
        ).first()

    def get_many(self, source: str, site_article_ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles of a source among `site_article_ids`, by site article id."""
        query = select(Article).where(
            Article.source == source, Article.site_article_id.in_(set(site_article_ids))
        )
        return {a.site_article_id: a for a in self.session.scalars(query)}

    def save(self, item: NewsItem, now: dt.datetime) -> tuple[SaveResult, Article]:
        """Insert a new article, or update a changed one and record the old text."""
        result = self._save(item, now, self.get(item.source, item.site_article_id))
        self.session.flush()
        return result

    def save_many(self, items: Sequence[NewsItem], now: dt.datetime) -> list[tuple[SaveResult, Article]]:
        """`save` for a batch: one query finds the stored ones, one flush inserts the new ones."""
        stored: dict[tuple[str, str], Article] = {}
        for source in {i.source for i in items}:
            ids = [i.site_article_id for i in items if i.source == source]
            stored.update(((source, k), a) for k, a in self.get_many(source, ids).items())
        results = []
        for item in items:
            key = (item.source, item.site_article_id)
            result, stored[key] = self._save(item, now, stored.get(key))
            results.append((result, stored[key]))
        self.session.flush()
        return results

    def _save(self, item: NewsItem, now: dt.datetime, article: Article | None) -> tuple[SaveResult, Article]:
        if article is None:
            article = Article(
                source=item.source,
                url=item.url,
                site_article_id=item.site_article_id,
                fetched_at=item.fetched_at,
                content_hash=item.content_hash,
                events=[],  # known to be none: linking its events need not load them first
            )
            _copy_fields(article, item)
            self.session.add(article)
            return SaveResult.NEW, article
        if article.content_hash == item.content_hash:
            article.fetched_at = item.fetched_at
            return SaveResult.UNCHANGED, article
        article.revisions.append(
            ArticleRevision(
                changed_at=now,
                old_hash=article.content_hash,
                new_hash=item.content_hash,
                old_title=article.title,
                old_sapo=article.sapo,
                old_body=article.body,
            )
        )
        _copy_fields(article, item)
        article.content_hash = item.content_hash
        article.fetched_at = item.fetched_at
        article.updated_at = now
        return SaveResult.UPDATED, article

    def list(
        self, source: str | None = None, since: dt.datetime | None = None, limit: int | None = None
    ) -> Sequence[Article]:
        """Stored articles, newest first."""
        query = select(Article).order_by(Article.published_at.desc(), Article.id.desc())
        if source:
            query = query.where(Article.source == source)
        if since:
            query = query.where(Article.published_at >= since)
        return self.session.scalars(query.limit(limit)).all()

    def by_id(self, article_id: int) -> Article | None:
        return self.session.get(Article, article_id)

    def by_url(self, url: str) -> Article | None:
        """The stored article at this address, as the crawl stored it."""
        return self.session.scalars(select(Article).where(Article.url == url.strip())).first()


def _copy_fields(article: Article, item: NewsItem) -> None:
    article.title = item.title
    article.sapo = item.sapo
    article.body = item.body
    article.published_at = item.published_at
    article.author = item.author
    article.category = item.category
    article.tags = list(item.tags)
    article.captions = list(item.captions)


class EventRepository:
    """Cooperation events, their parties and the articles reporting them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._spellings: dict[tuple[str, str], set[str]] | None = None

    def save_extraction(self, article: Article, extraction: Extraction, now: dt.datetime) -> int:
        """Link the article to its events, creating those not yet stored; returns how many are new.

        An event already stored from another article (same type, date within a day, a shared
        party on each side) is the same event: the article is linked to it instead.
        """
        article.is_cooperation = extraction.relevant
        keep: list[Event] = []
        created = 0
        for found in extraction.events:
            event = self.find_same(found)
            if event is None:
                event = self._create(found, now)
                created += 1
            else:
                self._merge(event, found)
            keep.append(event)
        article.events = list(dict.fromkeys(keep))
        self.session.flush()
        after_parse(self.session, article, list(zip(extraction.events, keep, strict=True)), now)
        return created

    def forget_evidence(self, articles: Sequence[Article]) -> None:
        """Empty the evidence (and the party model's certainty) of these articles' events, so that a
        re-parse keeps only what the parser reads now (a changed parser splits and picks sentences
        differently, and a retrained model is surer or less sure)."""
        for article in articles:
            for event in article.events:
                event.evidence = []
                event.certainty = None

    def find_same(self, found: CooperationEvent) -> Event | None:
        """A stored event that is the same signing or meeting as `found`."""
        # not the reporting articles (selectin by default): a much-reported event would load them all
        query = select(Event).options(lazyload(Event.articles)).where(Event.type == found.type.value)
        if found.date is None:
            query = query.where(Event.date.is_(None))
        else:
            day = dt.timedelta(days=1)
            query = query.where(Event.date.between(found.date - day, found.date + day))
        vn = self._with_spellings("VN", {party_key(p.name) for p in found.vn_parties} | _acronyms(found.vn_parties))
        kr = self._with_spellings("KR", {party_key(p.name) for p in found.kr_parties} | _acronyms(found.kr_parties))
        # no flush first: what is pending (the article's flag, a merged event's evidence) changes no
        # event's type, date or parties, and new events are flushed as they are made
        with self.session.no_autoflush:
            for event in self.session.scalars(query):
                if _overlaps(event.parties("VN"), vn) and _overlaps(event.parties("KR"), kr):
                    return event
        return None

    def _with_spellings(self, country: str, keys: set[str]) -> set[str]:
        """The keys and, for an organisation an analyst merged, the keys of all its spellings."""
        if self._spellings is None:
            self._spellings = self._merged_spellings()
        return keys.union(*(self._spellings.get((country, k), set()) for k in keys))

    def _merged_spellings(self) -> dict[tuple[str, str], set[str]]:
        """Per (country, key) of a merged spelling, the keys of every spelling of its organisation."""
        merges = self.session.scalars(active_query().where(Correction.kind == "org_merge")).all()
        orgs = Organisations(self.session, merges)
        found: dict[tuple[str, str], set[str]] = {}
        for root in {orgs.root(i) for i in orgs.merged_into}:
            rows = [r for r in (self.session.get(Party, i) for i in orgs.members(root)) if r is not None]
            keys = {party_key(r.name) for r in rows} | {party_key(r.acronym) for r in rows if r.acronym}
            for row in rows:
                found[(row.country, party_key(row.name))] = keys
                if row.acronym:
                    found[(row.country, party_key(row.acronym))] = keys
        return found

    def _create(self, found: CooperationEvent, now: dt.datetime) -> Event:
        event = Event(
            type=found.type.value,
            date=found.date,
            location=found.location,
            topics=list(found.topics),
            signatories=list(found.signatories),
            evidence=list(found.evidence),
            certainty=found.certainty,
            created_at=now,
        )
        position = 0
        for country, parties in (("VN", found.vn_parties), ("KR", found.kr_parties)):
            for ref in parties:
                event.party_links.append(EventParty(party=self._party(country, ref), position=position))
                position += 1
        self.session.add(event)
        self.session.flush()
        return event

    def _merge(self, event: Event, found: CooperationEvent) -> None:
        event.topics = sorted(set(event.topics) | set(found.topics))
        event.location = event.location or found.location
        # a new list, not an in-place change: the JSON column sees only assignments
        event.evidence = list(dict.fromkeys([*event.evidence, *found.evidence]))
        if found.certainty is not None:
            event.certainty = min(found.certainty, event.certainty if event.certainty is not None else 1.0)

    def _party(self, country: str, ref: PartyRef) -> Party:
        """One row per organisation: found by its name's key, or by its acronym."""
        key = party_key(ref.name)
        party = self.session.scalars(
            select(Party).where(Party.country == country, Party.key == key)
        ).first()
        if party is None and ref.acronym:
            party = self.session.scalars(
                select(Party).where(Party.country == country, Party.acronym == ref.acronym)
            ).first()
        if party is None:
            party = Party(country=country, key=key, name=ref.name, acronym=ref.acronym)
            self.session.add(party)
            self.session.flush()
        elif ref.acronym and not party.acronym:
            party.acronym = ref.acronym
        return party

    def list(
        self,
        source: str | None = None,
        since: dt.date | None = None,
        event_type: str | None = None,
        limit: int | None = None,
    ) -> Sequence[Event]:
        """Stored events, newest first."""
        query = select(Event).order_by(Event.date.desc().nulls_last(), Event.id.desc())
        if since:
            query = query.where(Event.date >= since)
        if event_type:
            query = query.where(Event.type == event_type)
        if source:
            query = query.where(Event.articles.any(Article.source == source))
        return self.session.scalars(query.limit(limit)).all()

    def by_id(self, event_id: int) -> Event | None:
        return self.session.get(Event, event_id)

    def count(self) -> int:
        return int(self.session.scalar(select(func.count(Event.id))) or 0)

    def delete_orphans(self) -> int:
        """Remove events no article reports any more (after a re-parse), unless a correction names them."""
        orphans = self.session.scalars(
            select(Event).where(~Event.articles.any(), Event.id.not_in(referenced_event_ids()))
        ).all()
        for event in orphans:
            self.session.delete(event)
        return len(orphans)


def _acronyms(parties: tuple[PartyRef, ...]) -> set[str]:
    return {party_key(p.acronym) for p in parties if p.acronym}


def _overlaps(stored: list[Party], keys: set[str]) -> bool:
    return any(
        party_key(p.name) in keys or (p.acronym and party_key(p.acronym) in keys) for p in stored
    )


class CrawlRunRepository:
    """The record of each crawl of each source."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def start(self, source: str, now: dt.datetime) -> CrawlRun:
        run = CrawlRun(source=source, started_at=now, error_messages=[])
        self.session.add(run)
        self.session.flush()
        return run

    def latest(self, source: str) -> CrawlRun | None:
        return self.session.scalars(
            select(CrawlRun).where(CrawlRun.source == source).order_by(CrawlRun.id.desc())
        ).first()
