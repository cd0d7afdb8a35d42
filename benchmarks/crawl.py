"""Crawl throughput (full pipeline vs download only, interleaved runs) and the cost of a second crawl."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
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


@dataclass
class Timing:
    """One crawl process: wall time from launch to exit, the crawl itself (first request to last
    request, as the mirror saw them), the start-up before it, and the CPU time the process used."""

    wall: float
    crawl: float
    startup: float
    cpu: float


class RequestClock:
    """Notes when the mirrors see each request, to split a run into start-up and crawl."""

    def __init__(self, servers: dict[str, MirrorServer]) -> None:
        self.times: list[float] = []
        for server in servers.values():
            server.hook = self._note

    def _note(self, path: str) -> None:
        self.times.append(time.perf_counter())

    def timed(self, command: list[str], env: dict[str, str]) -> tuple[Timing, str]:
        """Run `command` to its end and time it."""
        self.times.clear()
        cpu_before = _children_cpu()
        started = time.perf_counter()
        done = subprocess.run(command, check=False, env=env, cwd=ROOT, capture_output=True, text=True)
        ended = time.perf_counter()
        if done.returncode != 0:
            raise RuntimeError(done.stdout + done.stderr)
        first, last = (min(self.times), max(self.times)) if self.times else (started, ended)
        return Timing(ended - started, last - first, first - started, _children_cpu() - cpu_before), done.stdout


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _crawl_command(servers: dict[str, MirrorServer]) -> list[str]:
    urls = start_urls({n: s.url for n, s in servers.items()})
    args = [a for source, items in urls.items() for u in items for a in ("--start-url", f"{source}={u}")]
    sources = [a for s in urls for a in ("--source", s)]
    return [sys.executable, "-m", "scheduler", "crawl", *sources, *args]


def _stored(stdout: str) -> int:
    return sum(int(line.split()[2]) for line in stdout.splitlines()[1:] if line and not line.startswith("  "))


def _article_requests(paths: list[str]) -> int:
    return sum(1 for p in paths if any(m in p for m in ("-ar", "-102", "-197", "/vn/tin-tuc/")))


def spread(values: list[float], digits: int = 3) -> dict[str, Any]:
    """Median, min and max of several runs."""
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits), "runs": [round(v, digits) for v in values]}


def run(per_source: int, runs: int = 3) -> dict[str, Any]:
    """`runs` pipeline crawls interleaved with `runs` download-only crawls of the same URLs
    (pipeline, download, pipeline, …), each pipeline crawl on a fresh database; then a second,
    incremental crawl of the last database."""
    sites = build(per_source)
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        workdir = Path(tmp)
        servers = {name: stack.enter_context(MirrorServer(site)) for name, site in sites.items()}
        clock = RequestClock(servers)
        url_file = workdir / "urls.json"
        bare = [sys.executable, "-m", "benchmarks.bare_spider", str(url_file), str(CONCURRENCY)]
        pipeline: list[Timing] = []
        download: list[Timing] = []
        articles = first_requests = 0
        for n in range(runs):
            env = _env(f"sqlite:///{workdir / f'bench-{n}.db'}", workdir)
            for server in servers.values():
                server.requests.clear()
            timing, out = clock.timed(_crawl_command(servers), env)
            pipeline.append(timing)
            articles = _stored(out)
            fetched = [f"{s.url}{p}" for s in servers.values() for p in s.requests]
            first_requests = len(fetched)
            url_file.write_text(json.dumps(fetched))
            download.append(clock.timed(bare, env)[0])
            print(f"  crawl run {n + 1}/{runs}: pipeline {timing.crawl:.1f} s, download only "
                  f"{download[-1].crawl:.1f} s (+ start-up {timing.startup:.1f} / {download[-1].startup:.1f} s)",
                  flush=True)
        for server in servers.values():
            server.requests.clear()
        second, _ = clock.timed(_crawl_command(servers), env)
        second_paths = [p for s in servers.values() for p in s.requests]
        sections = sum(len(v) for v in start_urls({n: s.url for n, s in servers.items()}).values())
    crawl_ratio = [d.crawl / p.crawl for p, d in zip(pipeline, download)]
    wall_ratio = [d.wall / p.wall for p, d in zip(pipeline, download)]
    return {
        "articles_per_source": per_source,
        "articles_stored": articles,
        "first_crawl_requests": first_requests,
        "crawl_runs": runs,
        "pipeline_vs_download_ratio": round(statistics.median(crawl_ratio), 3),
        "pipeline_vs_download_ratio_spread": spread(crawl_ratio),
        "pipeline_vs_download_ratio_with_startup": spread(wall_ratio),
        "pipeline_articles_per_second": spread([articles / p.crawl for p in pipeline], 1),
        "download_only_articles_per_second": spread([articles / d.crawl for d in download], 1),
        "pipeline_startup_seconds": spread([p.startup for p in pipeline], 2),
        "download_only_startup_seconds": spread([d.startup for d in download], 2),
        "pipeline_cpu_ms_per_article": spread([1000 * p.cpu / articles for p in pipeline], 2),
        "download_only_cpu_ms_per_article": spread([1000 * d.cpu / articles for d in download], 2),
        "second_crawl_requests": len(second_paths),
        "second_crawl_article_fetches": _article_requests(second_paths),
        "second_crawl_sections": sections,
        "second_crawl_seconds": round(second.wall, 2),
    }


if __name__ == "__main__":  # the crawl figures alone: python -m benchmarks.crawl [--quick]
    quick = "--quick" in sys.argv[1:]
    load = os.getloadavg()
    figures = run(200 if quick else 1000, 5)
    print(json.dumps({**figures, "load_average_at_start": load, "load_average_at_end": os.getloadavg()}, indent=2))
