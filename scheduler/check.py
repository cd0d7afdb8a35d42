"""`coopwatch check`: fetch the first listing page and one article of each section; say what still parses."""

from __future__ import annotations

import datetime as dt
import urllib.request
from dataclasses import dataclass
from urllib.error import URLError
from urllib.parse import urljoin, urlsplit

import feedparser  # type: ignore[import-untyped]  # feedparser ships no type hints
from parsel import Selector

from crawler.extract import ParseError, extract_article
from crawler.sources import SOURCES
from crawler.spiders.base import FEED
from scheduler.config import Settings


@dataclass
class CheckReport:
    text: str
    ok: bool


def _fetch(url: str, settings: Settings) -> bytes:
    request = urllib.request.Request(url, headers={
        "User-Agent": f"coopwatch/0.1 (+mailto:{settings.contact_email}; smoke test)",
        "Accept-Language": "vi-VN,vi;q=0.9",
    })
    with urllib.request.urlopen(request, timeout=settings.download_timeout) as response:
        return bytes(response.read(16 * 1024 * 1024))


def _links(url: str, body: bytes, source_name: str) -> list[str]:
    source = SOURCES[source_name]
    if FEED.search(urlsplit(url).path):
        hrefs = [e.get("link", "") for e in feedparser.parse(body).entries]
    else:
        hrefs = Selector(text=body.decode("utf-8", errors="replace")).css("a::attr(href)").getall()
    found = [urljoin(url, h) for h in hrefs]
    return list(dict.fromkeys(u for u in found if source.article_id(u)))


def check_section(url: str, source_name: str, settings: Settings) -> tuple[bool, str]:
    """One section: (healthy, one line of findings)."""
    if urlsplit(url).scheme not in ("http", "https"):
        return False, f"{url}: not an http(s) URL"
    try:
        links = _links(url, _fetch(url, settings), source_name)
    except (URLError, OSError, ValueError) as exc:
        return False, f"{url}: listing unreachable ({getattr(exc, 'reason', exc)})"
    if not links:
        return False, f"{url}: listing fetched but no article links found (layout changed?)"
    try:
        item = extract_article(_fetch(links[0], settings).decode("utf-8", errors="replace"), links[0], source_name,
                               dt.datetime.now(dt.UTC))
    except ParseError as exc:
        return False, f"{url}: {len(links)} links; article {links[0]}: {exc.field} does not parse"
    except (URLError, OSError, ValueError) as exc:
        return False, f"{url}: {len(links)} links; article {links[0]} unreachable ({getattr(exc, 'reason', exc)})"
    return True, (f"{url}: {len(links)} links; title, date ({item.published_at:%Y-%m-%d}) and body "
                  f"({len(item.body)} chars) parse")


def check_sources(settings: Settings, names: list[str]) -> CheckReport:
    """Every section of the named sources."""
    lines: list[str] = []
    healthy = True
    today = dt.date.today()
    for name in names:
        source = SOURCES[name]
        configured = settings.source(name)
        urls = [*configured.start_urls, *(configured.feed_urls or [])] or [*source.start_urls, *source.feed_urls]
        lines.append(f"{name}:")
        for url in urls:
            ok, line = check_section(url.replace("{today}", f"{today:%d-%m-%Y}"), name, settings)
            healthy = healthy and ok
            lines.append(f"  {'ok  ' if ok else 'FAIL'} {line}")
    return CheckReport("\n".join(lines), healthy)
