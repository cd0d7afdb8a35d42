"""Crawl throughput (full pipeline vs download only) and the cost of a second, incremental crawl."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from benchmarks.mirror import build, start_urls
from crawler.mirror.server import MirrorServer

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = 8


def _env(db_url: str, workdir: Path) -> dict[str, str]:
    env = {**os.environ, "COOPWATCH_DATABASE_URL": db_url, "COOPWATCH_DATA_DIR": str(workdir),
           "COOPWATCH_OBEY_ROBOTS": "false", "COOPWATCH_AUTOTHROTTLE": "false", "COOPWATCH_DOWNLOAD_DELAY": "0",
           "COOPWATCH_CONCURRENT_PER_SITE": str(CONCURRENCY), "COOPWATCH_MAX_PAGES_PER_SECTION": "100000",
           "COOPWATCH_LOG_LEVEL": "ERROR"}
    env.pop("COOPWATCH_CONFIG", None)
    return env


def _crawl(servers: dict[str, MirrorServer], env: dict[str, str]) -> tuple[float, str]:
    urls = start_urls({n: s.url for n, s in servers.items()})
    args = [a for source, items in urls.items() for u in items for a in ("--start-url", f"{source}={u}")]
    sources = [a for s in urls for a in ("--source", s)]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "scheduler", "crawl", *sources, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stdout + done.stderr)
    return elapsed, done.stdout


def _stored(stdout: str) -> int:
    return sum(int(line.split()[2]) for line in stdout.splitlines()[1:] if line and not line.startswith("  "))


def _article_requests(paths: list[str]) -> int:
    return sum(1 for p in paths if any(m in p for m in ("-ar", "-102", "-197", "/vn/tin-tuc/")))


def run(per_source: int) -> dict[str, Any]:
    sites = build(per_source)
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        servers = {name: stack.enter_context(MirrorServer(site)) for name, site in sites.items()}
        env = _env(f"sqlite:///{workdir / 'bench.db'}", workdir)
        pipeline_seconds, out = _crawl(servers, env)
        articles = _stored(out)
        fetched = [f"{s.url}{p}" for s in servers.values() for p in s.requests]
        first_requests = len(fetched)
        url_file = workdir / "urls.json"
        url_file.write_text(json.dumps(fetched))
        for server in servers.values():
            server.requests.clear()
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "benchmarks.bare_spider", str(url_file), str(CONCURRENCY)],
                       cwd=ROOT, check=True, env=env)
        download_seconds = time.perf_counter() - started
        for server in servers.values():
            server.requests.clear()
        second_seconds, _ = _crawl(servers, env)
        second = [p for s in servers.values() for p in s.requests]
        sections = sum(len(v) for v in start_urls({n: s.url for n, s in servers.items()}).values())
    return {
        "articles_per_source": per_source,
        "articles_stored": articles,
        "first_crawl_requests": first_requests,
        "pipeline_seconds": round(pipeline_seconds, 2),
        "download_only_seconds": round(download_seconds, 2),
        "pipeline_articles_per_second": round(articles / pipeline_seconds, 1),
        "download_only_articles_per_second": round(articles / download_seconds, 1),
        "pipeline_vs_download_ratio": round(download_seconds / pipeline_seconds, 3),
        "second_crawl_requests": len(second),
        "second_crawl_article_fetches": _article_requests(second),
        "second_crawl_sections": sections,
        "second_crawl_seconds": round(second_seconds, 2),
    }
