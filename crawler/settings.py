"""Scrapy settings. Polite by default; every tunable comes from coopwatch's Settings (scrapy_settings)."""

from __future__ import annotations

from typing import Any

from scrapy.settings import default_settings

BOT_NAME = "coopwatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
CLOSESPIDER_ERRORCOUNT = 200
# No control endpoints in a long-running service: the telnet console, and Scrapy 2.19's
# RemoteControl (an HTTP server on localhost that runs posted Python code, its bearer token
# written to a job file in the user's state directory) stay off.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
COOKIES_ENABLED = False
# Components coopwatch does not use are left out of Scrapy's base lists, not only switched off:
# Scrapy imports every component named in EXTENSIONS(_BASE) and DOWNLOADER_MIDDLEWARES(_BASE), a
# None included, before it asks whether one is enabled, and these imports were about 0.7 s of each
# crawl's start-up (RemoteControl pulls in aiohttp, the cookies middleware tldextract).
_UNUSED = frozenset({
    "scrapy.extensions.telnet.TelnetConsole",
    "scrapy.extensions.remote_control.RemoteControl",
    "scrapy.extensions.feedexport.FeedExporter",  # articles go to the store, not to feeds
    "scrapy.extensions.memdebug.MemoryDebugger",
    "scrapy.extensions.spiderstate.SpiderState",  # no JOBDIR: the store is the state
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware",  # COOKIES_ENABLED is off
})
EXTENSIONS_BASE = {k: v for k, v in default_settings.EXTENSIONS_BASE.items() if k not in _UNUSED}
DOWNLOADER_MIDDLEWARES_BASE = {
    k: v for k, v in default_settings.DOWNLOADER_MIDDLEWARES_BASE.items() if k not in _UNUSED
}
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/rss+xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5",
}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.middlewares.HostGuardMiddleware": 45,
}
ITEM_PIPELINES = {"crawler.pipelines.StoragePipeline": 300}
# Scrapy starts this many tasks for the output of every response (default 100); an article page
# yields one item and at most one next-page request, a listing its links: a few keep the next-page
# request from waiting on the item's batch, and the other ~96 tasks per page were pure CPU.
CONCURRENT_ITEMS = 4
LOG_LEVEL = "INFO"


def scrapy_settings(
    *,
    contact_email: str,
    obey_robots: bool = True,
    autothrottle: bool = True,
    download_delay: float = 1.0,
    concurrent_per_site: int = 1,
    download_timeout: float = 30.0,
    retry_times: int = 3,
    log_level: str = "INFO",
) -> dict[str, Any]:
    """Scrapy settings for one run, derived from coopwatch's settings."""
    names = {k: v for k, v in globals().items() if k.isupper()}
    names.update(
        USER_AGENT=f"coopwatch/0.1 (+mailto:{contact_email}; Vietnam-Korea cooperation monitor)",
        ROBOTSTXT_OBEY=obey_robots,
        AUTOTHROTTLE_ENABLED=autothrottle,
        DOWNLOAD_DELAY=download_delay,
        CONCURRENT_REQUESTS_PER_DOMAIN=concurrent_per_site,
        DOWNLOAD_TIMEOUT=download_timeout,
        RETRY_TIMES=retry_times,
        LOG_LEVEL=log_level,
    )
    return names
