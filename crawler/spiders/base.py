"""NewsSpider: listings, feeds and day archives to article pages, incremental and host-bound."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser  # type: ignore[import-untyped]  # feedparser ships no type hints
import scrapy
from scrapy.exceptions import ResponseDataLossError
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.internet.error import TimeoutError as DNSTimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed
from twisted.web.http import PotentialDataLoss

from crawler.extract import ParseError, extract_article
from crawler.sources import VN_TZ, Source

DAY_PAGE = re.compile(r"xem-theo-ngay-(\d{2})-(\d{2})-(\d{4})\.htm$")
VTC_SECTION = re.compile(r"^(?P<base>/[a-z0-9-]+-\d+)(?:/trang-(?P<n>\d+))?\.html$")
TIMELINE = re.compile(r"^/timelinelist/(?P<zone>\d+)/(?P<n>\d+)\.htm$")
FEED = re.compile(r"\.(rss|xml)$|/rss/|/feed/?$")


def page_text(response: Response) -> str:
    """The page as text. The three sites are UTF-8 (sites.md), so valid UTF-8 wins over a wrong
    charset header; invalid bytes become U+FFFD instead of failing the page."""
    try:
        return response.body.decode("utf-8")
    except UnicodeDecodeError:
        if isinstance(response, TextResponse) and response.encoding.lower().replace("-", "") != "utf8":
            return response.text
        return response.body.decode("utf-8", errors="replace")


def failure_reason(failure: Failure) -> str:
    """A failed request's reason, in words an operator can act on."""
    error = failure.value  # isinstance, not Failure.check: that one is untyped
    if isinstance(error, HttpError):
        return f"HTTP {error.response.status}"
    if isinstance(error, (TimeoutError, TCPTimedOutError, DNSTimeoutError)):
        return "timeout: no answer in time"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, (ResponseFailed, ConnectionLost, PotentialDataLoss, ResponseDataLossError)):
        return "connection lost mid-page (body cut off)"
    if isinstance(error, DNSLookupError):
        return "DNS lookup failed"
    message = failure.getErrorMessage()
    name = type(error).__name__
    return f"{name}: {message}" if message else name


@dataclass
class PageState:
    """Articles a listing page sent for; paging goes on only when one of them was new and recent."""

    next_page: Request | None
    pending: int = 0
    recent: bool = False
    done: bool = False


@dataclass
class RunReport:
    """What one crawl of one source saw; the pipeline adds what it stored."""

    pages: int = 0
    errors: list[str] = field(default_factory=list)
    listing_failures: int = 0  # listing or feed pages that could not be fetched: paging was cut short
    section_links: dict[str, int] = field(default_factory=dict)  # start URL -> article links found
    missing_fields: dict[str, int] = field(default_factory=dict)  # field -> articles without it
    articles_seen: int = 0


class NewsSpider(scrapy.Spider):
    """Crawls one source. Subclasses only name their Source."""

    source: Source

    def __init__(
        self,
        start_urls: Iterable[str] = (),
        known_ids: Iterable[str] = (),
        since: dt.date | None = None,
        refresh: bool = False,
        deep: bool = False,
        max_pages: int = 30,
        day_pages: int = 7,
        today: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        override = list(start_urls)
        self.today = today or dt.datetime.now(VN_TZ).date()
        urls = override or [*self.source.start_urls, *self.source.feed_urls]
        self.seeds = [u.replace("{today}", f"{self.today:%d-%m-%Y}") for u in urls]
        self.allowed_hosts = (
            {urlsplit(u).netloc.lower() for u in override} if override else set(self.source.hosts)
        )
        self.allowed_domains = sorted({h.split(":")[0] for h in self.allowed_hosts})
        self.known = set(known_ids)
        self.seen: set[str] = set()
        self.since = since
        self.refresh = refresh
        self.deep = deep  # the last run was cut short: page on past known articles this time
        self.max_pages = max_pages
        self.day_pages = max(day_pages, (self.today - since).days + 1 if since else 0)
        self.report = RunReport()

    # ------------------------------------------------------------------ entry points

    async def start(self) -> Any:  # Scrapy >= 2.13
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Request]:
        for url in self.seeds:
            if FEED.search(urlsplit(url).path):
                yield Request(url, callback=self.parse_feed, errback=self.on_error, dont_filter=True)
            else:
                yield Request(
                    url, callback=self.parse_listing, errback=self.on_error, dont_filter=True,
                    cb_kwargs={"page": 1},
                )

    # ------------------------------------------------------------------ listings

    def parse_listing(self, response: Response, page: int) -> Iterator[Request]:
        """A section page, a timelinelist fragment, a /trang-N page or a day archive."""
        self.report.pages += 1
        if not isinstance(response, TextResponse):
            self._error(f"{response.url}: not an HTML page")
            return
        links = self._article_links(response, response.css("a::attr(href)").getall())
        if page == 1:
            self.report.section_links[response.request.url if response.request else response.url] = len(links)
        state = PageState(next_page=self._next_page(response, page, bool(links)))
        yield from self._article_requests(links, state)
        if not links and self._is_day_page(response.url):
            yield from self._follow_next(state)  # empty days (weekends) do not end the walk
        elif state.pending == 0 and (state.recent or (self.deep and links)):
            yield from self._follow_next(state)
        elif state.pending == 0:
            self.logger.info("stop paging at %s: nothing new", response.url)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """An RSS feed: its item links are treated like a listing without pages."""
        self.report.pages += 1
        feed = feedparser.parse(response.body)
        if feed.bozo:  # VTC's feed is known to break at times: use what parses, say what did not
            self._error(f"{response.url}: malformed feed ({feed.get('bozo_exception')})")
            if not feed.entries:
                return
        hrefs = [e.get("link") or e.get("id") or "" for e in feed.entries]
        links = self._article_links(response, hrefs)
        self.report.section_links[response.url] = len(links)
        yield from self._article_requests(links, PageState(next_page=None))

    def _article_links(self, response: Response, hrefs: Iterable[str]) -> list[tuple[str, str]]:
        out: dict[str, str] = {}
        for href in hrefs:
            url = urljoin(response.url, href.strip())
            site_id = self.source.article_id(url)
            if site_id and site_id not in out and self._allowed(url):
                out[site_id] = url
        return list(out.items())

    def _article_requests(self, links: list[tuple[str, str]], state: PageState) -> Iterator[Request]:
        for site_id, url in links:
            if site_id in self.known and not self.refresh:
                continue
            if site_id in self.seen:  # new, but already asked for by another listing or feed
                state.recent = True
                continue
            self.seen.add(site_id)
            state.pending += 1
            yield Request(
                url, callback=self.parse_article, errback=self.on_error, dont_filter=True,
                priority=10, meta={"page_state": state},
            )

    def _next_page(self, response: Response, page: int, has_links: bool) -> Request | None:
        if page >= self.max_pages and not self._is_day_page(response.url):
            return None
        url = self._next_page_url(response, page, has_links)
        if url is None or not self._allowed(url):
            return None
        return Request(
            url, callback=self.parse_listing, errback=self.on_error, dont_filter=True,
            cb_kwargs={"page": page + 1}, headers={"Referer": response.url},
        )

    def _next_page_url(self, response: Response, page: int, has_links: bool) -> str | None:
        path = urlsplit(response.url).path
        day = DAY_PAGE.search(path)
        if day:
            date = dt.date(int(day[3]), int(day[2]), int(day[1]))
            if page >= self.day_pages:
                return None
            previous = date - dt.timedelta(days=1)
            return urljoin(response.url, path.replace(day[0], f"xem-theo-ngay-{previous:%d-%m-%Y}.htm"))
        if not has_links:
            return None  # an empty listing ends the section
        timeline = TIMELINE.match(path)
        if timeline:
            return urljoin(response.url, f"/timelinelist/{timeline['zone']}/{int(timeline['n']) + 1}.htm")
        zone = response.css("#hdZoneId::attr(value)").get()
        if zone:
            return urljoin(response.url, f"/timelinelist/{zone}/{page + 1}.htm")
        options = response.css(".Paging select option::attr(value)").getall()
        if options:
            return urljoin(response.url, options[page]) if page < len(options) else None
        vtc = VTC_SECTION.match(path)
        if vtc and self.source.name == "vtcnews":
            return urljoin(response.url, f"{vtc['base']}/trang-{page + 1}.html")
        return None

    def _follow_next(self, state: PageState) -> Iterator[Request]:
        if state.next_page is not None and not state.done:
            state.done = True
            yield state.next_page

    # ------------------------------------------------------------------ articles

    def parse_article(self, response: Response) -> Iterator[Any]:
        """An article page: extract it, then decide whether its listing pages on."""
        self.report.pages += 1
        state: PageState = response.meta["page_state"]
        state.pending -= 1
        try:
            item = extract_article(page_text(response), response.url, self.source.name, dt.datetime.now(dt.UTC))
        except ParseError as exc:
            self._error(str(exc))
            self.report.missing_fields[exc.field] = self.report.missing_fields.get(exc.field, 0) + 1
            item = None
        self.report.articles_seen += 1
        if item is not None:
            recent = self.since is None or (
                item.published_at is not None and item.published_at.astimezone(VN_TZ).date() >= self.since
            )
            state.recent = state.recent or recent
            if recent:
                yield item
        # one new, recent article is enough to page on: ask for the next page now rather than
        # after the page's last article, so paging never drains the downloader
        if state.recent or (state.pending == 0 and self.deep):
            yield from self._follow_next(state)

    def on_error(self, failure: Failure) -> Iterator[Request]:
        """Any failed request: record why; an article's failure still lets its listing page on."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        self._error(f"{url}: {failure_reason(failure)}")
        state = request.meta.get("page_state") if request is not None else None
        if state is None:
            self.report.listing_failures += 1
        if state is not None:
            state.pending -= 1
            if state.pending == 0 and (state.recent or self.deep):
                yield from self._follow_next(state)

    # ------------------------------------------------------------------ helpers

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc.lower() in self.allowed_hosts

    def _is_day_page(self, url: str) -> bool:
        return bool(DAY_PAGE.search(urlsplit(url).path))

    def _error(self, message: str) -> None:
        self.logger.warning("%s", message)
        self.report.errors.append(message)
        self.crawler.stats.inc_value("coopwatch/errors")
