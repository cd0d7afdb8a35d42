"""Jobs: a crawl of one or more sources into the store, recorded as crawl runs."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from twisted.internet.task import LoopingCall  # its reactor is looked up at construction

from crawler.collector import settle_after_start_up
from crawler.pipelines import StorageWriter
from crawler.settings import scrapy_settings
from crawler.sources import SOURCES
from crawler.spiders.baochinhphu import BaochinhphuSpider
from crawler.spiders.base import NewsSpider
from crawler.spiders.most import MostSpider
from crawler.spiders.vtcnews import VtcnewsSpider
from scheduler.common import CrawlRequestError
from scheduler.config import Settings
from storage.models import CrawlRun
from storage.repository import ArticleRepository, CrawlRunRepository

log = logging.getLogger(__name__)
SPIDERS: dict[str, type[NewsSpider]] = {
    "most": MostSpider,
    "baochinhphu": BaochinhphuSpider,
    "vtcnews": VtcnewsSpider,
}


@dataclass
class SourceResult:
    """What one source's crawl did, as `coopwatch crawl` prints it."""

    source: str
    pages: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    events_new: int = 0
    errors: list[str] = field(default_factory=list)
    section_links: dict[str, int] = field(default_factory=dict)
    missing_fields: dict[str, int] = field(default_factory=dict)
    articles_seen: int = 0

    listing_failures: int = 0
    stopped: bool = False  # cut short by a stop (SIGTERM/SIGINT): says nothing about the site; pages deeper next

    @property
    def outcome(self) -> str:
        """ok; partial (some articles failed); incomplete (a listing failed: next run pages deeper);
        failed; stopped (cut short before it could finish)."""
        if self.stopped:
            return "stopped"
        if self.failed:
            return "failed"
        if self.listing_failures:
            return "incomplete"
        return "partial" if self.errors else "ok"

    @property
    def failed(self) -> bool:
        """Nothing could be fetched at all: the site is down, unreachable or refused us."""
        return self.pages == 0 and bool(self.errors)


class CrawlProgress(Protocol):
    """Told as each source starts, while it runs (live figures) and as it ends."""

    def started(self, source: str, start_urls: int) -> None: ...

    def update(self, result: SourceResult) -> None: ...

    def finished(self, result: SourceResult, reason: str) -> None:
        """`reason` is Scrapy's close reason: 'finished', or 'shutdown' after Ctrl-C or SIGTERM."""


PROGRESS_INTERVAL = 0.25  # seconds between live figures


def plan_start_urls(sources: list[str], start_urls: list[str]) -> dict[str, list[str]]:
    """Assign --start-url values to sources: all to the one source, or each by its host."""
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise CrawlRequestError(f"unknown source {unknown[0]!r}; known: {', '.join(SOURCES)}")
    plan: dict[str, list[str]] = {s: [] for s in sources}
    for given in start_urls:
        name, _, rest = given.partition("=")
        if rest and name in SOURCES and "://" not in name:  # NAME=URL names the source outright
            if name not in plan:
                raise CrawlRequestError(f"--start-url {given!r}: source {name!r} is not being crawled")
            url = rest
        else:
            url = given
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CrawlRequestError(f"--start-url {url!r}: not an http(s) URL")
        if rest and name in SOURCES:
            plan[name].append(url)
            continue
        if len(sources) == 1:
            plan[sources[0]].append(url)
            continue
        owners = [s for s in sources if parts.hostname in SOURCES[s].hosts]
        if not owners:
            raise CrawlRequestError(f"--start-url {url!r}: which source? name it with --source or NAME=URL")
        plan[owners[0]].append(url)
    return plan


def source_urls(settings: Settings, source: str) -> list[str]:
    """The URLs a crawl of `source` starts from: configured ones, else the source's own."""
    configured = settings.source(source)
    urls = [*configured.start_urls, *(configured.feed_urls or [])]
    return urls or [*SOURCES[source].start_urls, *SOURCES[source].feed_urls]


def run_crawl(
    settings: Settings,
    session_factory: sessionmaker[Session],
    plan: dict[str, list[str]],
    since: dt.date | None = None,
    refresh: bool = False,
    progress: CrawlProgress | None = None,
    writer: StorageWriter | None = None,
) -> list[SourceResult]:
    """Crawl each source of `plan` (source -> start URLs, empty for the configured ones), storing
    through `writer` (one the caller started early) or a writer of its own; stopped at the end.

    Runs in this process: Twisted allows one reactor per process, so call it once per process.
    """
    sources = list(plan)
    process = CrawlerProcess(
        {
            **scrapy_settings(
                contact_email=settings.contact_email,
                obey_robots=settings.obey_robots,
                autothrottle=settings.autothrottle,
                download_delay=settings.download_delay,
                concurrent_per_site=settings.concurrent_per_site,
                download_timeout=settings.download_timeout,
                retry_times=settings.retry_times,
                log_level=settings.log_level,
            ),
            "LOG_INSTALL_ROOT_HANDLER": False,  # coopwatch's own handler formats the lines
        },
    )
    writer = writer or StorageWriter(_database_url(session_factory))
    crawlers: dict[str, Crawler] = {}
    run_ids: dict[str, int] = {}
    seeds: dict[str, int] = {}
    for source in sources:
        with session_factory.begin() as session:
            known = ArticleRepository(session).known_ids(source)
            runs = CrawlRunRepository(session)
            previous = runs.latest(source)
            deep = previous is not None and previous.outcome not in ("ok", "partial")
            run_ids[source] = runs.start(source, _now()).id
        source_settings = settings.source(source)
        urls = plan[source] or [*source_settings.start_urls, *(source_settings.feed_urls or [])]
        crawler = process.create_crawler(SPIDERS[source])
        crawler.coopwatch_writer = writer  # type: ignore[attr-defined]
        crawlers[source] = crawler
        seeds[source] = len(urls or source_urls(settings, source))
        process.crawl(
            crawler, start_urls=urls, known_ids=known, since=since, refresh=refresh, deep=deep,
            max_pages=settings.max_pages_per_section,
        )
    if progress is not None:
        _report_progress(crawlers, seeds, progress)
    settle_after_start_up()
    try:
        process.start(stop_after_crawl=True)
    finally:
        writer.stop()
    results = [_result(source, crawler) for source, crawler in crawlers.items()]
    for result in results:
        _record(session_factory, run_ids[result.source], result)
    return results


def _database_url(session_factory: sessionmaker[Session]) -> str:
    """The URL the writer process connects to: the one `session_factory` is bound to."""
    engine = session_factory.kw["bind"]
    assert isinstance(engine, Engine)
    return engine.url.render_as_string(hide_password=False)


def _report_progress(crawlers: dict[str, Crawler], seeds: dict[str, int], progress: CrawlProgress) -> None:
    """Tell `progress` of each spider's start and end (signals) and its figures meanwhile (polled)."""
    running: set[str] = set()

    def poll() -> None:
        for source in running:
            progress.update(_result(source, crawlers[source]))

    poller = LoopingCall(poll)
    for source, crawler in crawlers.items():
        def opened(source: str = source) -> None:
            running.add(source)
            progress.started(source, seeds[source])
            if not poller.running:
                poller.start(PROGRESS_INTERVAL, now=False)

        def closed(reason: str, source: str = source, crawler: Crawler = crawler) -> None:
            running.discard(source)
            progress.finished(_result(source, crawler), reason)
            if not running and poller.running:
                poller.stop()

        # weak=False: the closures live only in the signal manager
        crawler.signals.connect(opened, signal=signals.spider_opened, weak=False)
        crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)


def _result(source: str, crawler: Crawler) -> SourceResult:
    spider = crawler.spider
    stats = crawler.stats
    assert isinstance(spider, NewsSpider) and stats is not None
    return SourceResult(
        source=source,
        pages=spider.report.pages,
        articles_new=int(stats.get_value("coopwatch/articles_new", 0)),
        articles_updated=int(stats.get_value("coopwatch/articles_updated", 0)),
        articles_unchanged=int(stats.get_value("coopwatch/articles_unchanged", 0)),
        events_new=int(stats.get_value("coopwatch/events_new", 0)),
        errors=list(spider.report.errors),
        section_links=dict(spider.report.section_links),
        missing_fields=dict(spider.report.missing_fields),
        articles_seen=spider.report.articles_seen,
        listing_failures=spider.report.listing_failures,
        stopped=stats.get_value("finish_reason") == "shutdown",
    )


def _record(session_factory: sessionmaker[Session], run_id: int, result: SourceResult) -> None:
    with session_factory.begin() as session:
        run = session.get(CrawlRun, run_id)
        if run is None:
            return
        run.finished_at = _now()
        run.outcome = result.outcome
        run.pages = result.pages
        run.articles_new = result.articles_new
        run.articles_updated = result.articles_updated
        run.articles_unchanged = result.articles_unchanged
        run.events_new = result.events_new
        run.errors = len(result.errors)
        run.error_messages = result.errors[:50]
        run.section_links = result.section_links
        run.missing_fields = result.missing_fields
        run.articles_seen = result.articles_seen


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
