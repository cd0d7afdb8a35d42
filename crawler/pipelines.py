"""The storage pipeline: each NewsItem is saved, parsed for cooperation events, and counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from twisted.internet import reactor
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

from crawler.cooperation import parse_article
from crawler.items import NewsItem
from storage.repository import ArticleRepository, EventRepository, SaveResult


class StoragePipeline:
    """Saves in one short transaction per article, so a crash loses at most the article in hand."""

    def __init__(self, session_factory: sessionmaker[Session], clock: Callable[[], dt.datetime]) -> None:
        self.session_factory = session_factory
        self.clock = clock
        self.report: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        # not a Scrapy setting: settings are deep-copied, a session factory cannot be
        factory = getattr(crawler, "coopwatch_session_factory", None)
        if factory is None:
            raise ValueError("the crawler needs a coopwatch_session_factory attribute")
        pipeline = cls(factory, lambda: dt.datetime.now(dt.UTC))
        pipeline.stats = crawler.stats  # type: ignore[attr-defined]
        pipeline.report = getattr(crawler.spider, "report", None)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        # one writer thread: parsing and storing overlap with downloading, writes stay serial
        self.pool = ThreadPool(minthreads=1, maxthreads=1, name="coopwatch-storage")
        self.pool.start()

    def close_spider(self, spider: Spider | None = None) -> None:
        self.pool.stop()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, NewsItem):
            return item
        deferred = deferToThreadPool(reactor, self.pool, self._store, item, self.clock())
        deferred.addCallback(self._count, item)
        return deferred

    def _store(self, item: NewsItem, now: dt.datetime) -> tuple[SaveResult | None, int, str | None]:
        try:
            result, new_events = self._save(item, now)
        except IntegrityError:
            # another crawl of the same source stored it a moment ago: nothing to add
            return SaveResult.UNCHANGED, 0, None
        except SQLAlchemyError as exc:
            # disk full, database gone: not stored now, so the next run fetches it again
            return None, 0, f"storage failed for {item.url}: {getattr(exc, 'orig', exc)}"
        return result, new_events, None

    def _count(self, outcome: tuple[SaveResult | None, int, str | None], item: NewsItem) -> NewsItem:
        result, new_events, error = outcome
        if error is not None:
            self.stats.inc_value("coopwatch/errors")  # type: ignore[attr-defined]
            if self.report is not None:
                self.report.errors.append(error)
            return item
        assert result is not None
        self.stats.inc_value(f"coopwatch/articles_{result.value}")  # type: ignore[attr-defined]
        self.stats.inc_value("coopwatch/events_new", new_events)  # type: ignore[attr-defined]
        return item

    def _save(self, item: NewsItem, now: dt.datetime) -> tuple[SaveResult, int]:
        with self.session_factory.begin() as session:
            result, article = ArticleRepository(session).save(item, now)
            new_events = 0
            if result is not SaveResult.UNCHANGED:
                extraction = parse_article(
                    title=item.title, sapo=item.sapo, body=item.body,
                    published_at=item.published_at, url=item.url, source=item.source,
                    captions=item.captions,
                )
                if extraction.events or result is SaveResult.UPDATED:
                    new_events = EventRepository(session).save_extraction(article, extraction, now)
                # a new article with no event has nothing to link: most articles stop here
        return result, new_events
