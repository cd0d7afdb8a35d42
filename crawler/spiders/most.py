"""The most spider: all site knowledge is in crawler.sources.MOST."""

from __future__ import annotations

from crawler.sources import MOST
from crawler.spiders.base import NewsSpider


class MostSpider(NewsSpider):
    name = "most"
    source = MOST
