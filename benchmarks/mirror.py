"""A mirror of N articles per source in each site's real markup, built from the seed and ordinary texts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from crawler.mirror.sitegen import (
    BCP_SECTIONS,
    MST_SECTIONS,
    VTC_SECTIONS,
    Site,
    build_sites,
    load_corpus,
)

BASE_TIME = dt.datetime(2026, 11, 1, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def synthetic_corpus(per_source: int) -> list[dict[str, Any]]:
    """`per_source` articles per source: the bundled texts reused with new ids, slugs and dates."""
    base = load_corpus()
    by_layout: dict[str, list[dict[str, Any]]] = {}
    for article in base:
        by_layout.setdefault(article["layout"], []).append(article)
    out: list[dict[str, Any]] = []
    for source, layouts, sections in (
        ("baochinhphu", ["baochinhphu"], list(BCP_SECTIONS)),
        ("vtcnews", ["vtcnews"], list(VTC_SECTIONS)),
        ("most", ["mst", "legacy"], list(MST_SECTIONS)),
    ):
        texts = [a for layout in layouts for a in by_layout[layout]]
        for n in range(per_source):
            template = texts[n % len(texts)]
            when = BASE_TIME - dt.timedelta(hours=3 * n)
            article = json.loads(json.dumps(template))
            article["published"] = when.isoformat()
            article["title"] = f"{template['title']} ({n})"
            article["slug"] = f"{template.get('slug') or 'bai-viet'}-{n}"
            stamp = when.strftime("%y%m%d%H%M%S")
            if article["layout"] == "legacy":
                article["legacy_id"] = 100000 + n
            elif article["layout"] == "vtcnews":
                article["article_id"] = str(900000 + n)
            else:
                article["article_id"] = ("102" if source == "baochinhphu" else "197") + stamp + f"{n % 1000:03d}"
            if article["layout"] != "legacy":
                article["section"] = sections[n % len(sections)]
            out.append(article)
    return out


def build(per_source: int, per_page: int = 20) -> dict[str, Site]:
    return build_sites(synthetic_corpus(per_source), per_page=per_page)


def start_urls(bases: dict[str, str]) -> dict[str, list[str]]:
    """Every listing, the legacy pages and the feeds: what reaches each article of the mirror."""
    return {
        "most": [f"{bases['most']}/{s}.htm" for s in MST_SECTIONS]
        + [f"{bases['most']}/vn/chuyen-muc/493/Tin-tong-hop.aspx", f"{bases['most']}/rss/tin-tuc-su-kien.rss"],
        "baochinhphu": [f"{bases['baochinhphu']}/{s}.htm" for s in BCP_SECTIONS],
        "vtcnews": [f"{bases['vtcnews']}/{s}.html" for s in VTC_SECTIONS],
    }
