"""Storage: saving events, and the digest and `items --since` queries at 100,000 and 1,000,000 events."""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, text

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from crawler.pipelines import BATCH_SIZE
from storage.counts import rebuild as rebuild_event_counts
from storage.db import make_engine, make_session_factory, migrate
from storage.models import Article, Event, EventParty, Subscriber, event_articles
from storage.models import Party as PartyRow
from storage.repository import ArticleRepository, EventRepository
from storage.search import refresh as refresh_search_text

NOW = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
TYPES = ["mou", "agreement", "meeting", "letter_of_intent"]
BATCH = 20_000
# words only the evidence sentences have, so a `q` search must read them
EVIDENCE_TOPICS = ["bán dẫn", "khởi nghiệp", "năng lượng", "y tế", "vũ trụ"]


def orm_save_rate(engine: Engine, count: int) -> float:
    """Events per second through the crawl's own path: article + parse result + dedup, in the
    pipeline's batches (BATCH_SIZE articles a transaction)."""
    factory = make_session_factory(engine)
    started = time.perf_counter()
    for low in range(0, count, BATCH_SIZE):
        with factory.begin() as session:
            numbers = range(low, min(low + BATCH_SIZE, count))
            saved = ArticleRepository(session).save_many([_item(n) for n in numbers], NOW)
            events = EventRepository(session)
            for n, (_, article) in zip(numbers, saved):
                events.save_extraction(article, Extraction(relevant=True, events=(_event(n),)), NOW)
    return count / (time.perf_counter() - started)


def _item(n: int) -> NewsItem:
    return NewsItem(source="vtcnews", url=f"https://vtcnews.vn/o-ar{n}.html", site_article_id=f"o{n}",
                    title=f"Tin {n}", body="…", published_at=NOW, fetched_at=NOW)


def _event(n: int) -> CooperationEvent:
    return CooperationEvent(type=EventType.MOU, date=dt.date(2020, 1, 1) + dt.timedelta(days=n % 2000),
                            vn_parties=(Party(name=f"Viện Việt {n % 300}"),),
                            kr_parties=(Party(name=f"Viện Hàn Quốc {n % 200}", acronym=f"K{n % 200}"),))


def bulk_fill(engine: Engine, total: int, start: int) -> float:
    """Add events start+1 … total (with parties and an article each) by bulk insert; seconds taken."""
    started = time.perf_counter()
    with engine.begin() as conn:
        if start == 0:
            conn.execute(insert(PartyRow), [
                {"id": i + 1, "country": "VN" if i < 300 else "KR", "key": f"p{i}", "name": f"Party {i}", "acronym": None}
                for i in range(500)])
        for low in range(start, total, BATCH):
            ids = range(low + 1, min(low + BATCH, total) + 1)
            conn.execute(insert(Article), [{
                "id": i, "source": ("most", "baochinhphu", "vtcnews")[i % 3], "url": f"https://x.vn/a-{i}",
                "site_article_id": str(i), "title": f"Tin {i}", "sapo": "", "body": "", "published_at": NOW,
                "fetched_at": NOW, "content_hash": "h", "category": "", "author": "", "tags": [], "is_cooperation": True,
            } for i in ids])
            conn.execute(insert(Event), [{
                "id": i, "type": TYPES[i % 4], "date": dt.date(2016, 1, 1) + dt.timedelta(days=i * 3650 // total),
                "location": None, "topics": ["startups"], "signatories": [], "created_at": NOW,
                "evidence": [f"Hai bên ký kết hợp tác về {EVIDENCE_TOPICS[i % len(EVIDENCE_TOPICS)]} số {i}."],
            } for i in ids])
            conn.execute(insert(EventParty), [
                {"event_id": i, "party_id": 1 + i % 300, "position": 0} for i in ids] + [
                {"event_id": i, "party_id": 301 + i % 200, "position": 1} for i in ids])
            conn.execute(insert(event_articles), [{"event_id": i, "article_id": i} for i in ids])
            refresh_search_text(conn, ids)  # what the session hook writes for events saved through the ORM
            _keep_statistics(conn)
    with engine.begin() as conn:
        rebuild_event_counts(conn)  # as the session hook would have counted them
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("articles", "events", "parties"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


# the tables `refresh_search_text` reads by event id; event_parties' and event_articles' event ids
# are not unique, and without statistics PostgreSQL takes each 500-id chunk for most of the table
_LOADED = ("articles", "events", "event_articles", "event_parties", "event_sources")


def _keep_statistics(conn: Connection) -> None:
    """ANALYZE what this batch loaded, as a bulk import into PostgreSQL does: its rows are not
    committed yet, so autovacuum cannot count them, and every later batch's reads would be planned
    as whole-table scans (a 1,000,000-event load in one transaction ran over 30 minutes)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"ANALYZE {', '.join(_LOADED)}"))


def _median_ms(action: Any, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(1000 * (time.perf_counter() - started))
    return round(statistics.median(times), 2)


def query_times(engine: Engine, total: int) -> tuple[float, float]:
    """(digest query ms, items --since ms): the events a subscriber has not had yet (the last 200),
    and the events of the last three days."""
    factory = make_session_factory(engine)
    subscriber = Subscriber(email="s@example.org", watermark_event_id=total - 200, sources=[], types=[],
                            keywords=[], parties=[], created_at=NOW)
    from scheduler.digests import digest_events

    def digest() -> None:  # the digest's own path: new events, the corrected view, the subscriber's filters
        with factory() as session:
            digest_events(session, subscriber)

    last_day = dt.date(2016, 1, 1) + dt.timedelta(days=3650)

    def since() -> None:
        with factory() as session:
            EventRepository(session).list(since=last_day - dt.timedelta(days=3))

    return _median_ms(digest), _median_ms(since)


def run_backend(url: str, sizes: tuple[int, ...], orm_count: int) -> dict[str, Any]:
    engine = make_engine(url)
    migrate(engine)
    out: dict[str, Any] = {"orm_events_per_second": round(orm_save_rate(engine, orm_count), 1)}
    with engine.begin() as conn:  # start the bulk part from an empty store
        for table in ("event_articles", "event_parties", "events", "articles", "parties"):
            conn.execute(text(f"DELETE FROM {table}"))
    filled = 0
    for size in sizes:
        seconds = bulk_fill(engine, size, filled)
        out[f"bulk_insert_seconds_to_{size}"] = round(seconds, 1)
        filled = size
        digest_ms, since_ms = query_times(engine, size)
        out[f"digest_query_ms_at_{size}"] = digest_ms
        out[f"items_since_ms_at_{size}"] = since_ms
    engine.dispose()
    return out


def run(sizes: tuple[int, ...], orm_count: int) -> dict[str, Any]:
    results: dict[str, Any] = {"storage_sizes": list(sizes)}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run_backend(f"sqlite:///{Path(tmp) / 'bench.db'}", sizes, orm_count)
    results["postgresql"] = on_postgres(lambda url: run_backend(url, sizes, orm_count))
    return results


def on_postgres(work: Callable[[str], Any]) -> Any:
    """`work(url)` on a throwaway PostgreSQL server, or why it could not run."""
    try:
        from tests.pg import PostgresServer, pg_bin
    except ImportError:
        return "not run: PostgreSQL is not installed here"
    if pg_bin() is None:
        return "not run: PostgreSQL is not installed here"
    server = PostgresServer().start()
    try:
        return work(server.url)
    finally:
        server.stop()
