"""The baochinhphu spider: all site knowledge is in crawler.sources.BAOCHINHPHU."""

from __future__ import annotations

from crawler.sources import BAOCHINHPHU
from crawler.spiders.base import NewsSpider


class BaochinhphuSpider(NewsSpider):
    name = "baochinhphu"
    source = BAOCHINHPHU
