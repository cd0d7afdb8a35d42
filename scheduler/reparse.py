"""Re-parse stored articles after a parser change, keeping event ids where the event is the same."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from crawler.cooperation import parse_article
from storage.repository import ArticleRepository, EventRepository


def reparse(session_factory: sessionmaker[Session], since: dt.date | None) -> tuple[int, int, int]:
    """Returns (events new, events kept, events removed)."""
    now = dt.datetime.now(dt.UTC)
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC) if since else None
    with session_factory.begin() as session:
        articles = ArticleRepository(session).list(since=start)
        events = EventRepository(session)
        before = {e.id for e in events.list()}
        events.forget_evidence(articles)
        new = 0
        for article in articles:
            extraction = parse_article(
                article.title, article.sapo, article.body, article.published_at, article.url,
                article.source, captions=article.captions,
            )
            new += events.save_extraction(article, extraction, now)
        removed = events.delete_orphans()
        after = {e.id for e in events.list()}
    return new, len(before & after), removed
