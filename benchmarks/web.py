"""The web view at 100,000 events: latency of the events page, CSV, feeds and API, and requests per second."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import text

from benchmarks.storage import bulk_fill, on_postgres
from scheduler.config import Settings
from scheduler.serve import WebServer, listen
from storage.db import make_engine, make_session_factory, migrate

PATHS = {
    "events_page": "/events",
    "events_page_filtered": "/events?type=mou&source=vtcnews&since=2024-01-01",
    "events_page_party": "/events?party=p7",
    "csv_filtered": "/events.csv?type=mou&since=2025-11-01",
    "atom_feed": "/feeds/events.atom?type=meeting",
    "json_feed": "/feeds/events.json",
    "api_events": "/api/events?since=2025-01-01",
}


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        return int(response.status)


def _median_ms(url: str, repeat: int = 9) -> float:
    _get(url)  # warm the caches once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        assert _get(url) == 200, url
        times.append(1000 * (time.perf_counter() - started))
    return round(statistics.median(times), 1)


def _throughput(url: str, clients: int = 4, seconds: float = 5.0, cap: int = 5000) -> float:
    """Requests per second that `clients` concurrent clients get, for a bounded time and count."""
    done: list[int] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < deadline and len(done) < cap:
            _get(url)
            with lock:
                done.append(1)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return round(len(done) / (time.perf_counter() - started), 1)


def run_backend(url: str, size: int) -> dict[str, Any]:
    engine = make_engine(url)
    migrate(engine)
    bulk_fill(engine, size, 0)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))  # as a database that has lived a while would be
    server = WebServer(Settings(database_url=url, log_level="WARNING"), make_session_factory(engine),
                       listen("127.0.0.1", 0)).start()
    while not server.server.started:
        time.sleep(0.05)
    try:
        out: dict[str, Any] = {f"{name}_ms": _median_ms(server.url + path) for name, path in PATHS.items()}
        out["events_page_requests_per_second_4_clients"] = _throughput(server.url + PATHS["events_page_filtered"])
    finally:
        server.stop()
        engine.dispose()
    return out


def run(size: int = 100_000) -> dict[str, Any]:
    results: dict[str, Any] = {"web_events": size}
    with tempfile.TemporaryDirectory() as tmp:
        results["web_sqlite"] = run_backend(f"sqlite:///{Path(tmp) / 'web.db'}", size)
    results["web_postgresql"] = on_postgres(lambda url: run_backend(url, size))
    return results


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000), indent=2))
