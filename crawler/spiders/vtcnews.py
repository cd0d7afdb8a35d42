"""The vtcnews spider: all site knowledge is in crawler.sources.VTCNEWS."""

from __future__ import annotations

from crawler.sources import VTCNEWS
from crawler.spiders.base import NewsSpider


class VtcnewsSpider(NewsSpider):
    name = "vtcnews"
    source = VTCNEWS
