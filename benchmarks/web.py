"""The web view at 100,000 events: latency of the events page, CSV, feeds and API, requests per second
under concurrent clients, and Datasette's table page with the same filter on the same SQLite file."""

from __future__ import annotations

import http.client
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any, Self

from sqlalchemy import text

from benchmarks.storage import bulk_fill, on_postgres
from scheduler.config import Settings
from scheduler.serve import WebServer, listen
from storage.db import make_engine, make_session_factory, migrate
from tests.smtp import free_port

Q = urllib.parse.quote("bán dẫn")  # two words only evidence sentences hold, in a fifth of the events
PATHS = {
    "events_page": "/events",
    "events_page_type": "/events?type=mou",
    "events_page_since": "/events?since=2025-06-01",
    "events_page_filtered": "/events?type=mou&source=vtcnews&since=2024-01-01",
    "events_page_source": "/events?source=vtcnews",  # a third of the events
    "events_page_party": "/events?party=p7",
    "events_page_q": f"/events?q={Q}",
    "events_page_q_rare": "/events?q=12345",  # in one headline and one evidence sentence
    "csv_filtered": "/events.csv?type=mou&since=2025-11-01",
    "csv_10000": "/events.csv",  # a full file: the newest 10,000 events, streamed
    "atom_feed": "/feeds/events.atom?type=meeting",
    "json_feed": "/feeds/events.json",
    "api_events": "/api/events?since=2025-01-01",
}
# the pages the issue holds to 100 ms ("the events page, the CSV and the feeds"); the API is measured
# only; the full 10,000-row file is streamed, so what it is held to is its first byte
TARGET_PAGES = [name for name in PATHS if name not in ("api_events", "csv_10000")] + ["csv_10000_first_byte"]
# Datasette's table page for the same filter: its own filter syntax, 50 rows, newest date first
DATASETTE = {
    "events_page": "/web/events?_sort_desc=date&_size=50",
    "events_page_type": "/web/events?type=mou&_sort_desc=date&_size=50",
    "events_page_since": "/web/events?date__gte=2025-06-01&_sort_desc=date&_size=50",
    "csv_filtered": "/web/events.csv?type=mou&date__gte=2025-11-01&_sort_desc=date&_size=max",
}
CLIENTS = 4


def timed_get(base: str, path: str) -> tuple[float, float]:
    """(ms to the first byte of the body, ms to the last) of one GET, checked to be a 200."""
    host, port = urllib.parse.urlsplit(base).netloc.rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read(1)
        first = time.perf_counter()
        response.read()
        assert response.status == 200, (path, response.status)
        return 1000 * (first - started), 1000 * (time.perf_counter() - started)
    finally:
        connection.close()


def median_ms(base: str, path: str, repeat: int) -> dict[str, float]:
    """Median time to first byte and in total over `repeat` requests, after one to warm the caches."""
    timed_get(base, path)
    times = [timed_get(base, path) for _ in range(repeat)]
    return {"first_byte": round(statistics.median(t[0] for t in times), 1),
            "total": round(statistics.median(t[1] for t in times), 1)}


def throughput(base: str, path: str, clients: int = CLIENTS, seconds: float = 5.0, cap: int = 5000) -> float:
    """Requests per second that `clients` concurrent clients get, for a bounded time and count."""
    done: list[int] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        while time.perf_counter() < deadline and len(done) < cap:
            timed_get(base, path)
            with lock:
                done.append(1)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return round(len(done) / (time.perf_counter() - started), 1)


def latencies(base: str, paths: dict[str, str], repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, path in paths.items():
        measured = median_ms(base, path, repeat)
        out[f"{name}_ms"] = measured["total"]
        if name.startswith("csv"):
            out[f"{name}_first_byte_ms"] = measured["first_byte"]
    return out


def run_backend(url: str, size: int, repeat: int) -> dict[str, Any]:
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
        out = latencies(server.url, PATHS, repeat)
        for name in ("events_page", "events_page_filtered"):
            out[f"{name}_requests_per_second_{CLIENTS}_clients"] = throughput(server.url, PATHS[name])
    finally:
        server.stop()
        engine.dispose()
    return out


class Datasette:
    """`datasette serve` on a SQLite file, in its own process on a free port of 127.0.0.1."""

    def __init__(self, database: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", str(database), "--host", "127.0.0.1",
             "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def __enter__(self) -> Self:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"datasette stopped: {self.process.stderr.read() if self.process.stderr else ''}")
            try:
                timed_get(self.url, "/web")
                return self
            except (OSError, AssertionError):
                time.sleep(0.2)
        raise RuntimeError("datasette did not answer in 120 s")

    def __exit__(self, *_: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def run_datasette(database: Path, ours: dict[str, Any], repeat: int) -> dict[str, Any]:
    """Datasette's table page with the same filters on the same file, and its time over ours."""
    if importlib.util.find_spec("datasette") is None:
        return {"datasette": "not run: datasette is not installed (pip install -e '.[bench]')"}
    with Datasette(database) as server:
        theirs = latencies(server.url, DATASETTE, repeat)
        theirs[f"events_page_requests_per_second_{CLIENTS}_clients"] = throughput(server.url, DATASETTE["events_page"])
    out: dict[str, Any] = {f"datasette_{k}": v for k, v in theirs.items()}
    for key, value in theirs.items():
        if ours.get(key):
            ratio = value / ours[key]
            out[f"datasette_over_coopwatch_{key.removesuffix('_ms')}"] = round(
                1 / ratio if "per_second" in key else ratio, 2)
    return out


def run(size: int = 100_000, repeat: int = 9) -> dict[str, Any]:
    results: dict[str, Any] = {"web_events": size, "web_repeats": repeat, "web_clients": CLIENTS}
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "web.db"
        results["web_sqlite"] = run_backend(f"sqlite:///{database}", size, repeat)
        results["web_datasette"] = run_datasette(database, results["web_sqlite"], repeat)
    results["web_postgresql"] = on_postgres(lambda url: run_backend(url, size, repeat))
    return results


def slowest(results: dict[str, Any], page: str) -> float | None:
    """A page's median on the slower of the two databases: what the 100 ms target is held to."""
    figures = [results[f"web_{b}"].get(f"{page}_ms") for b in ("sqlite", "postgresql")
               if isinstance(results.get(f"web_{b}"), dict)]
    return max((f for f in figures if f is not None), default=None)


if __name__ == "__main__":
    import json

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000), indent=2))
