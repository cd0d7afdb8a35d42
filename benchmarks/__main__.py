"""Run every benchmark side by side and print the ratios: `python -m benchmarks [--quick] [--out FILE]`."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import crawl, extraction, memory, storage, web
from benchmarks.mirror import build, start_urls
from crawler.mirror.server import MirrorServer

HERE = Path(__file__).resolve().parent
TARGETS = {
    "pipeline_vs_download_ratio": (">=", 0.8),
    "extract_speedup_vs_trafilatura": (">=", 3.0),
    "second_crawl_article_fetches": ("==", 0),
    "memory_growth": ("<", 0.10),
    "digest_query_ms": ("<", 50.0),
    # each page at 100,000 events, its median on the slower of SQLite and PostgreSQL
    **{f"web_{page}_ms": ("<", 100.0) for page in web.TARGET_PAGES},
}


def machine() -> dict[str, Any]:
    """What the figures came from, load included: the machine may be shared."""
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "cpu_model": _cpu_model(),
            "platform": platform.platform(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "sqlite": sqlite3.sqlite_version, "postgresql": _postgres_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor() or "unknown"
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "unknown")


def _postgres_version() -> str:
    try:
        from tests.pg import pg_bin
    except ImportError:
        return "not found"
    folder = pg_bin()
    if folder is None:
        return "not installed"
    done = subprocess.run([str(folder / "postgres"), "--version"], check=False, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def big_crawl_peak_rss(per_source: int) -> dict[str, Any]:
    """Peak resident memory of one crawl (its process and storage writer together) over a mirror
    of `per_source` VTC articles."""
    site = build(per_source)["vtcnews"]
    with tempfile.TemporaryDirectory() as tmp, MirrorServer(site) as server:
        env = crawl._env(f"sqlite:///{Path(tmp) / 'big.db'}", Path(tmp))
        urls = start_urls({"vtcnews": server.url, "most": "", "baochinhphu": ""})["vtcnews"]
        args = [a for u in urls for a in ("--start-url", u)]
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "scheduler", "crawl", "--source", "vtcnews", *args],
                                 env=env, cwd=crawl.ROOT, stdout=subprocess.PIPE, text=True)
        peak = 0.0
        stop = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, _tree_rss_mb(child.pid))
                stop.wait(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        out, _ = child.communicate()
        stop.set()
        watcher.join()
    return {"big_crawl_articles": crawl._stored(out), "big_crawl_seconds": round(time.perf_counter() - started, 1),
            "big_crawl_peak_rss_mb": round(peak, 1)}


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the crawl and its storage writer)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return memory.rss_mb(pid) + sum(_tree_rss_mb(int(c)) for c in children)
    except (OSError, RuntimeError):  # ended meanwhile
        return 0.0


def verdicts(results: dict[str, Any]) -> list[tuple[str, Any, str, str]]:
    rows = []
    for key, (op, target) in TARGETS.items():
        value = results.get(key)
        if value is None:
            rows.append((key, "-", f"{op} {target}", "not measured in this run"))
            continue
        ok = {">=": value >= target, "==": value == target, "<": value < target}[op]
        rows.append((key, value, f"{op} {target}", "met" if ok else "MISSED"))
    return rows


def shown(value: Any) -> Any:
    """A figure for the table: a spread of runs as 'median (min–max, n runs)'."""
    if isinstance(value, dict) and "median" in value:
        return f"{value['median']} ({value['min']}–{value['max']}, {len(value['runs'])} runs)"
    return value


def markdown(results: dict[str, Any]) -> str:
    lines = ["| figure | value | target | verdict |", "|---|---|---|---|"]
    lines += [f"| {k} | {v} | {t} | {r} |" for k, v, t, r in verdicts(results)]
    lines += ["", "| measure | value |", "|---|---|"]
    for key, value in results.items():
        if key not in TARGETS and key not in ("machine", "storage"):
            lines.append(f"| {key} | {shown(value)} |")
    lines += [f"| machine: {k} | {v} |" for k, v in results["machine"].items()]
    for backend in ("sqlite", "postgresql", "datasette"):
        data = results.get("web", {}).get(f"web_{backend}")
        if isinstance(data, dict):
            lines += [f"| web at {results['web']['web_events']} events, {backend}: {k} | {v} |" for k, v in data.items()]
    for backend in ("sqlite", "postgresql"):
        data = results.get("storage", {}).get(backend)
        if isinstance(data, dict):
            lines += [f"| {backend}: {k} | {v} |" for k, v in data.items()]
        elif data:
            lines.append(f"| {backend} | {data} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="the same figures on less: N=200, 5 crawl runs of each kind, 1/5/10 daemon cycles, smaller stores, "
                             "5 requests a web page (still at 100,000 events)")
    parser.add_argument("--out", type=Path, help="default: benchmarks/results.json (results-quick.json with --quick)")
    args = parser.parse_args()
    begun = time.perf_counter()
    out = args.out or HERE / ("results-quick.json" if args.quick else "results.json")
    n = 200 if args.quick else 1000
    runs = 5  # interleaved pairs: on a shared 2-core machine the median of 3 moved with the load
    sizes = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    cycles = (1, 5, 10) if args.quick else (1, 10, 50)
    results: dict[str, Any] = {"mode": "quick" if args.quick else "full", "machine": machine(),
                               "articles_per_source": n}
    steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("crawl", lambda: crawl.run(n, runs)),
        ("extraction", lambda: extraction.run(n)),
        ("memory", lambda: memory.run(min(n, 200), cycles)),
    ]
    steps.append(("big crawl", lambda: big_crawl_peak_rss(1000 if args.quick else 5000)))
    for name, step in steps:
        started = time.perf_counter()
        results.update(step())
        print(f"{name}: done in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    results["storage"] = storage.run(sizes, 500 if args.quick else 2000)
    print(f"storage: done in {time.perf_counter() - started:.0f} s", flush=True)
    largest = sizes[-1]
    results["digest_query_ms"] = max(
        results["storage"][b][f"digest_query_ms_at_{largest}"] for b in ("sqlite", "postgresql")
        if isinstance(results["storage"].get(b), dict)
    )
    results["digest_query_size"] = largest
    started = time.perf_counter()
    results["web"] = web.run(100_000, 5 if args.quick else 9)
    for page in web.TARGET_PAGES:
        results[f"web_{page}_ms"] = web.slowest(results["web"], page)
    print(f"web: done in {time.perf_counter() - started:.0f} s", flush=True)
    results["seconds_taken"] = round(time.perf_counter() - begun)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    table = markdown(results)
    out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(table)
    print(f"\nresults: {out} and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
