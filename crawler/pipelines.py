"""The storage pipeline: articles are saved in short batches, parsed for cooperation events, counted."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NamedTuple

from scrapy.crawler import Crawler
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from crawler.cooperation import parse_article
from crawler.items import NewsItem
from storage.repository import ArticleRepository, EventRepository, SaveResult

# A batch is written when it holds BATCH_SIZE articles or is BATCH_SECONDS old, whichever comes
# first: a crash loses at most one batch per source, and those articles, not being stored, are
# not known to the next run, which fetches them again.
BATCH_SIZE = 50
BATCH_SECONDS = 0.5


class Outcome(NamedTuple):
    """What storing one article did: its result and new events, or why it was not stored."""

    result: SaveResult | None
    new_events: int = 0
    error: str | None = None


class StorageWriter:
    """The one thread that writes for every source of a crawl process: SQLite takes one writer at a
    time, so several would only wait for each other's locks."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self.session_factory = session_factory
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coopwatch-storage")

    def store(self, items: Sequence[NewsItem], now: dt.datetime) -> Future[list[Outcome]]:
        """Store `items` in the writer thread, in the order asked; one Outcome per item."""
        return self.pool.submit(store_batch, self.session_factory, items, now)

    def stop(self) -> None:
        """Wait for the batches asked for, then end the thread."""
        self.pool.shutdown(wait=True)


def store_batch(factory: sessionmaker[Session], items: Sequence[NewsItem], now: dt.datetime) -> list[Outcome]:
    """One transaction for the batch; if it fails, each article in its own, so one bad article
    (stored a moment ago by another crawl) does not cost the others."""
    try:
        with factory.begin() as session:
            return _save_all(session, items, now)
    except SQLAlchemyError:
        return [_store_one(factory, item, now) for item in items]


def _store_one(factory: sessionmaker[Session], item: NewsItem, now: dt.datetime) -> Outcome:
    try:
        with factory.begin() as session:
            return _save_all(session, [item], now)[0]
    except IntegrityError:
        # another crawl of the same source stored it a moment ago: nothing to add
        return Outcome(SaveResult.UNCHANGED)
    except SQLAlchemyError as exc:
        # disk full, database gone: not stored now, so the next run fetches it again
        return Outcome(None, 0, f"storage failed for {item.url}: {getattr(exc, 'orig', exc)}")


def _save_all(session: Session, items: Sequence[NewsItem], now: dt.datetime) -> list[Outcome]:
    outcomes = []
    events = EventRepository(session)
    for item, (result, article) in zip(items, ArticleRepository(session).save_many(items, now)):
        new_events = 0
        if result is not SaveResult.UNCHANGED:
            extraction = parse_article(
                title=item.title, sapo=item.sapo, body=item.body,
                published_at=item.published_at, url=item.url, source=item.source, captions=item.captions,
            )
            if extraction.events or result is SaveResult.UPDATED:
                new_events = events.save_extraction(article, extraction, now)
            # a new article with no event has nothing to link: most articles stop here
        outcomes.append(Outcome(result, new_events))
    return outcomes


class StoragePipeline:
    """Collects one source's articles into batches for the StorageWriter and counts what they did.

    Runs on Scrapy's asyncio reactor (its default): batches are timed and awaited on its loop.
    """

    def __init__(self, writer: StorageWriter, stats: Any, report: Any, clock: Callable[[], dt.datetime],
                 batch_size: int = BATCH_SIZE, batch_seconds: float = BATCH_SECONDS) -> None:
        self.writer = writer
        self.stats = stats
        self.report = report
        self.clock = clock
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._batch: list[tuple[NewsItem, asyncio.Future[Outcome]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._writing: set[asyncio.Future[list[Outcome]]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        # not a Scrapy setting: settings are deep-copied, a writer thread cannot be
        writer = getattr(crawler, "coopwatch_writer", None)
        if writer is None:
            raise ValueError("the crawler needs a coopwatch_writer attribute (a StorageWriter)")
        return cls(writer, crawler.stats, getattr(crawler.spider, "report", None),
                   lambda: dt.datetime.now(dt.UTC),
                   batch_size=crawler.settings.getint("COOPWATCH_BATCH_SIZE", BATCH_SIZE),
                   batch_seconds=crawler.settings.getfloat("COOPWATCH_BATCH_SECONDS", BATCH_SECONDS))

    async def process_item(self, item: Any) -> Any:
        """Queue a NewsItem for the next batch; done when its batch is committed."""
        if not isinstance(item, NewsItem):
            return item
        loop = asyncio.get_running_loop()
        stored: asyncio.Future[Outcome] = loop.create_future()
        self._batch.append((item, stored))
        if len(self._batch) >= self.batch_size:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.batch_seconds, self._flush)
        self._count(await stored)
        return item

    async def close_spider(self) -> None:
        """Write what is left (the spider closes at its end, on SIGTERM and on errors alike)."""
        self._flush()
        if self._writing:
            await asyncio.gather(*self._writing, return_exceptions=True)

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._batch = self._batch, []
        if not batch:
            return
        written = asyncio.wrap_future(self.writer.store([item for item, _ in batch], self.clock()))
        written.add_done_callback(lambda done: _deliver(done, batch))
        self._writing.add(written)
        written.add_done_callback(self._writing.discard)

    def _count(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.stats.inc_value("coopwatch/errors")
            if self.report is not None:
                self.report.errors.append(outcome.error)
            return
        assert outcome.result is not None
        self.stats.inc_value(f"coopwatch/articles_{outcome.result.value}")
        self.stats.inc_value("coopwatch/events_new", outcome.new_events)


def _deliver(written: asyncio.Future[list[Outcome]],
             batch: list[tuple[NewsItem, asyncio.Future[Outcome]]]) -> None:
    failure = written.exception()  # a bug, not a database error (those are outcomes)
    for n, (_, stored) in enumerate(batch):
        if failure is not None:
            stored.set_exception(failure)
        else:
            stored.set_result(written.result()[n])
