"""The download limit: a bare Scrapy spider that only downloads a given list of URLs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess


class DownloadOnly(scrapy.Spider):
    name = "download_only"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self) -> Any:
        for url in self.urls:
            # a slot per mirror (host and port), as each of the pipeline's crawlers has its own: Scrapy
            # keys slots by host alone, which gave the three mirrors on 127.0.0.1 one slot between them
            yield scrapy.Request(url, callback=self.parse, dont_filter=True,
                                 meta={"download_slot": urlsplit(url).netloc})

    def parse(self, response: Any) -> None:
        return None


if __name__ == "__main__":
    urls = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    concurrency = int(sys.argv[2])
    process = CrawlerProcess({
        "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "CONCURRENT_REQUESTS": concurrency * 3,
        "TELNETCONSOLE_ENABLED": False, "COOKIES_ENABLED": False,
    })
    process.crawl(DownloadOnly, urls=urls)
    process.start()
