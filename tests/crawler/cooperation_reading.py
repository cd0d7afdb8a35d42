"""How the parser's table tests read an article: one publication day for all, and the sides of each event."""

from __future__ import annotations

import datetime as dt

from crawler.cooperation import parse_article
from crawler.items import Extraction

PUBLISHED = dt.date(2025, 6, 20)


def read(title: str, text: str, published: dt.date | None = PUBLISHED) -> Extraction:
    return parse_article(title, "", text, published)


def sides(result: Extraction) -> list[tuple[str, list[str], list[str]]]:
    return [(e.type.value, [p.name for p in e.vn_parties], [p.name for p in e.kr_parties]) for e in result.events]
