"""Article extraction plus normalisation, against trafilatura's extract alone, on the same pages."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from benchmarks.mirror import build
from crawler.cooperation import parse_article
from crawler.cooperation.parser import clear_caches
from crawler.extract import extract_article

FETCHED = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)


def pages(per_source: int) -> list[tuple[str, str, str]]:
    """(source, url, html) of every article page of a mirror."""
    out = []
    for source, site in build(per_source).items():
        for path, (_, text) in site.items():
            if any(m in path for m in ("-ar", "-102", "-197", "/vn/tin-tuc/")):
                out.append((source, f"https://{source}.example{path}", text.replace("{{BASE}}", "https://x.example")))
    return out


def ours(items: list[tuple[str, str, str]]) -> float:
    started = time.perf_counter()
    for source, url, html in items:
        clear_caches()  # the mirror reuses texts: make every article cost what a new one would
        item = extract_article(html, url, source, FETCHED)
        parse_article(
            item.title, item.sapo, item.body, item.published_at, item.url, source, captions=item.captions
        )
    return time.perf_counter() - started


def trafilatura_alone(items: list[tuple[str, str, str]]) -> float:
    import trafilatura

    started = time.perf_counter()
    for _, url, html in items:
        trafilatura.extract(html, url=url)
    return time.perf_counter() - started


def run(per_source: int) -> dict[str, Any]:
    items = pages(min(per_source, 300))
    ours(items[:20])  # warm caches (regexes, gazetteer) for both
    trafilatura_alone(items[:20])
    t_ours = min(ours(items) for _ in range(2))
    t_traf = min(trafilatura_alone(items) for _ in range(2))
    return {
        "extraction_pages": len(items),
        "extract_and_parse_ms_per_article": round(1000 * t_ours / len(items), 2),
        "trafilatura_extract_ms_per_article": round(1000 * t_traf / len(items), 2),
        "extract_speedup_vs_trafilatura": round(t_traf / t_ours, 2),
    }
