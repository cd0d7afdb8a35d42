"""Article pages to NewsItems: pure functions over HTML strings, no Scrapy, no clock."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from crawler.cooperation.normalize import SPACES
from crawler.items import NewsItem
from crawler.sources import SOURCES, VN_TZ, Source, SourceSelectors

_DMY = re.compile(
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:[^\d]{1,40}?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"(?:\s*(?P<tz>[+-]\d{2}:?\d{2}))?"
)
VTC_HOSTS = {"vtc.vn", "www.vtc.vn", "www.vtcnews.vn"}
_CSS = HTMLTranslator()
Node = Any  # an lxml.html element of the page's tree


@cache
def _compiled(query: str) -> Any:
    """A CSS query (parsel's dialect, ::text and ::attr included) as an XPath compiled once.

    The queries run on the lxml tree of parsel's Selector as parsel would run them, but without a
    Selector made for every match of every query: those were about half of extraction's CPU.
    """
    return etree.XPath(_CSS.css_to_xpath(query), smart_strings=False)


def _select(node: Node, query: str) -> list[Any]:
    """Elements, or strings for ::text and ::attr queries, in document order."""
    return list(_compiled(query)(node))


def _text(node: Node) -> str:
    """Every text node inside `node`, joined by spaces."""
    return " ".join(_select(node, "::text"))


class ParseError(ValueError):
    """A required field is missing from an article page."""

    def __init__(self, field: str, url: str) -> None:
        super().__init__(f"{field} not found in {url}")
        self.field = field
        self.url = url


def clean_text(text: str) -> str:
    """NFC, HTML entities decoded, every kind of space folded to one, trimmed."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    return SPACES.sub(" ", text).strip()


def canonical_url(url: str) -> str:
    """One URL per article: no query or fragment; vtc.vn folded into vtcnews.vn."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    scheme = parts.scheme.lower()
    if host in VTC_HOSTS:
        host, scheme = "vtcnews.vn", "https"
    return urlunsplit((scheme, host, parts.path, "", ""))


def parse_vn_datetime(text: str) -> dt.datetime | None:
    """Dates as these sites print them: ISO 8601, or day-first D/M/YYYY [H:MM[:SS]] [+07:00]."""
    text = clean_text(text)
    if not text:
        return None
    value: dt.datetime | None
    try:
        value = dt.datetime.fromisoformat(text)  # reads a trailing Z since Python 3.11
    except ValueError:
        value = _parse_day_first(text)
    if value is None:
        return None
    return value.replace(tzinfo=VN_TZ) if value.tzinfo is None else value


def _parse_day_first(text: str) -> dt.datetime | None:
    match = _DMY.search(text)
    if not match:
        return None
    g = match.groupdict()
    try:
        value = dt.datetime(
            int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"] or 0), int(g["M"] or 0), int(g["S"] or 0)
        )
    except ValueError:
        return None
    if g["tz"]:
        offset = g["tz"].replace(":", "")
        minutes = int(offset[1:3]) * 60 + int(offset[3:5])
        sign = -1 if offset[0] == "-" else 1
        value = value.replace(tzinfo=dt.timezone(sign * dt.timedelta(minutes=minutes)))
    return value


def _first(root: Node, queries: tuple[str, ...]) -> str:
    """Text of the first query that yields non-empty text (a `::text`/`::attr` query or an element)."""
    for query in queries:
        for value in _values(root, query):
            if value:
                return value
    return ""


def _values(root: Node, query: str) -> Iterator[str]:
    if "::" in query:
        return (clean_text(v) for v in _select(root, query))
    return (clean_text(_text(n)) for n in _select(root, query))


def choose_layout(sel: Selector, source: Source) -> SourceSelectors:
    """The layout of this page among the source's known layouts."""
    for layout in source.layouts:
        if _select(sel.root, layout.detect):
            return layout
    return source.layouts[0]


def extract_captions(sel: Selector, layout: SourceSelectors) -> tuple[str, ...]:
    """Photo captions inside the body, in page order; empty placeholders and repeats left out."""
    containers = _select(sel.root, layout.body)
    if not containers or not layout.captions:
        return ()
    texts = (clean_text(_text(node)) for node in _select(containers[0], layout.captions))
    return tuple(dict.fromkeys(text for text in texts if text))


def extract_body(sel: Selector, layout: SourceSelectors) -> str:
    """Body paragraphs, without captions, related-news boxes, scripts or share bars."""
    containers = _select(sel.root, layout.body)
    if not containers:
        return ""
    container = containers[0]
    for query in layout.body_drop:
        for node in _select(container, query):
            node.drop_tree()  # as parsel's drop() does: the node goes, the text after it stays
    blocks = [clean_text(_text(b)) for b in _select(container, layout.body_blocks)]
    if not any(blocks):  # bodies written as bare text with <br>s
        blocks = [clean_text(t) for t in _select(container, "::text")]
    return "\n\n".join(_dedupe_nested(b for b in blocks if b))


def _dedupe_nested(blocks: object) -> list[str]:
    """Drop a block repeated right after itself (li inside td, nested p)."""
    out: list[str] = []
    for block in blocks:  # type: ignore[attr-defined]
        if not out or block != out[-1]:
            out.append(block)
    return out


def extract_article(html_text: str, url: str, source: str, fetched_at: dt.datetime) -> NewsItem:
    """Extract one article page of a source; raises ParseError when title, date or body is missing."""
    src = SOURCES[source]
    sel = Selector(text=html_text or "<html></html>")
    root = sel.root
    layout = choose_layout(sel, src)
    site_id = src.article_id(url)
    if site_id is None:
        raise ParseError("article id", url)
    title = _first(root, layout.title)
    if not title:
        raise ParseError("title", url)
    published = None
    for query in layout.published:
        published = parse_vn_datetime(_first(root, (query,)))
        if published:
            break
    if published is None:
        raise ParseError("published date", url)
    author = re.sub(r"^Nguồn:\s*", "", _first(root, layout.author)).rstrip(" -–")
    captions = extract_captions(sel, layout)  # before extract_body drops the figures from the tree
    body = extract_body(sel, layout)  # drops captions, bylines and boxes from the tree
    if not body:
        raise ParseError("body", url)
    sapo = re.sub(layout.sapo_prefix, "", _first(root, layout.sapo)) if layout.sapo_prefix else _first(root, layout.sapo)
    return NewsItem(
        source=source,
        url=canonical_url(url),
        site_article_id=site_id,
        title=title,
        sapo=sapo.strip(),
        body=body,
        published_at=published,
        fetched_at=fetched_at,
        author=author,
        category=_first(root, layout.category),
        tags=tuple(dict.fromkeys(t for t in (clean_text(x) for x in _select(root, layout.tags)) if t))
        if layout.tags
        else (),
        captions=captions,
    )
