"""Resident memory of a real `coopwatch run` daemon after 1, 10 and 50 crawl cycles."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select

from benchmarks.mirror import build, start_urls
from crawler.mirror.server import MirrorServer
from storage.models import CrawlRun

ROOT = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def run(per_source: int, cycles: tuple[int, ...] = (1, 10, 50)) -> dict[str, Any]:
    site = build(per_source)["vtcnews"]
    with tempfile.TemporaryDirectory() as tmp, MirrorServer(site) as server:
        db = f"sqlite:///{Path(tmp) / 'mem.db'}"
        urls = start_urls({"vtcnews": server.url, "most": "", "baochinhphu": ""})["vtcnews"]
        env = {**os.environ, "COOPWATCH_DATABASE_URL": db, "COOPWATCH_DATA_DIR": tmp,
               "COOPWATCH_SOURCES__MOST__ENABLED": "false", "COOPWATCH_SOURCES__BAOCHINHPHU__ENABLED": "false",
               "COOPWATCH_SOURCES__VTCNEWS__START_URLS": str(urls).replace("'", '"'),
               "COOPWATCH_SOURCES__VTCNEWS__FEED_URLS": "[]",
               "COOPWATCH_SOURCES__VTCNEWS__INTERVAL_MINUTES": "0.01", "COOPWATCH_CRAWL_JITTER_SECONDS": "0",
               "COOPWATCH_DIGEST_CHECK_MINUTES": "0.05", "COOPWATCH_OBEY_ROBOTS": "false",
               "COOPWATCH_AUTOTHROTTLE": "false", "COOPWATCH_DOWNLOAD_DELAY": "0",
               "COOPWATCH_MAX_PAGES_PER_SECTION": "100000", "COOPWATCH_LOG_LEVEL": "WARNING"}
        env.pop("COOPWATCH_CONFIG", None)
        daemon = subprocess.Popen([sys.executable, "-m", "scheduler", "run"], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        engine = create_engine(db)
        figures: dict[str, Any] = {}
        try:
            for target in cycles:
                while _finished(engine) < target:
                    if daemon.poll() is not None:
                        raise RuntimeError("the daemon died")
                    time.sleep(0.2)
                figures[f"daemon_rss_mb_after_{target}_cycles"] = round(rss_mb(daemon.pid), 1)
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=30)
            engine.dispose()
    _, mid, last = (figures[f"daemon_rss_mb_after_{c}_cycles"] for c in cycles)
    figures["memory_cycles"] = list(cycles)
    figures["memory_growth"] = round((last - mid) / mid, 4)  # RSS growth from the middle to the last count
    figures["memory_growth_span"] = f"{cycles[1]} to {cycles[2]} cycles"
    return figures


def _finished(engine: Any) -> int:
    from sqlalchemy.exc import OperationalError

    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count(CrawlRun.id)).where(CrawlRun.finished_at.is_not(None))) or 0)
    except OperationalError:
        return 0
