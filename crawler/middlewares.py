"""Retries with exponential backoff (and Retry-After) instead of Scrapy's immediate retries."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

BASE_DELAY = 2.0
MAX_DELAY = 120.0


class BackoffRetryMiddleware(RetryMiddleware):
    """Retries 5xx and timeouts after 2, 4, 8 … seconds, or what Retry-After asks (capped)."""

    base_delay = BASE_DELAY

    @classmethod
    def from_crawler(cls, crawler: Any) -> BackoffRetryMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.base_delay = crawler.settings.getfloat("COOPWATCH_RETRY_BASE_DELAY", BASE_DELAY)
        return middleware

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        delay = request.meta.get("backoff_delay")
        if delay:
            await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        retry = self._backoff(request, f"{response.status}", response.headers.get("Retry-After"))
        return retry or response

    def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None) -> Any:
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry"):
            return self._backoff(request, exception, None)
        return None

    def _backoff(self, request: Request, reason: Any, retry_after: bytes | None) -> Request | None:
        spider = self.crawler.spider
        if spider is None:  # not crawling: nothing to retry for
            return None
        retry = get_retry_request(request, spider=spider, reason=reason, max_retry_times=self.max_retry_times)
        if retry is None:
            return None
        attempt = retry.meta.get("retry_times", 1)
        delay = self.base_delay * 2 ** (attempt - 1)
        if retry_after and retry_after.strip().isdigit():
            delay = max(delay, float(retry_after.strip()))
        retry.meta["backoff_delay"] = min(delay, MAX_DELAY)
        return retry


class HostGuardMiddleware:
    """Keeps every request, redirects included, on the spider's hosts and on http(s).

    Scrapy's offsite filter lets dont_filter requests through, and the spiders set dont_filter
    on articles because they deduplicate by article id themselves.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> HostGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        allowed = getattr(spider or self.crawler.spider, "allowed_hosts", None)
        if allowed is None or request.url.endswith("/robots.txt"):
            return
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() not in allowed:
            raise IgnoreRequest(f"offsite: {parts.scheme}://{parts.netloc} is outside the crawled hosts")
        return
