"""Run every benchmark side by side and print the ratios: `python -m benchmarks [--quick] [--out FILE]`."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
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
    "memory_growth_10_to_50": ("<", 0.10),
    "digest_query_ms": ("<", 50.0),
}


def machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}


def big_crawl_peak_rss(per_source: int) -> dict[str, Any]:
    """Peak resident memory of one crawl process over a mirror of `per_source` VTC articles."""
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
                try:
                    peak = max(peak, memory.rss_mb(child.pid))
                except (OSError, RuntimeError):
                    pass
                stop.wait(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        out, _ = child.communicate()
        stop.set()
        watcher.join()
    return {"big_crawl_articles": crawl._stored(out), "big_crawl_seconds": round(time.perf_counter() - started, 1),
            "big_crawl_peak_rss_mb": round(peak, 1)}


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


def markdown(results: dict[str, Any]) -> str:
    lines = ["| figure | value | target | verdict |", "|---|---|---|---|"]
    lines += [f"| {k} | {v} | {t} | {r} |" for k, v, t, r in verdicts(results)]
    lines += ["", "| measure | value |", "|---|---|"]
    for key, value in results.items():
        if key not in TARGETS and not isinstance(value, dict):
            lines.append(f"| {key} | {value} |")
    for backend in ("sqlite", "postgresql"):
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
    parser.add_argument("--quick", action="store_true", help="N=200, smaller storage sizes, fewer daemon cycles")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    n = 200 if args.quick else 1000
    sizes = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    cycles = (1, 5, 10) if args.quick else (1, 10, 50)
    results: dict[str, Any] = {"mode": "quick" if args.quick else "full", "machine": machine(),
                               "articles_per_source": n}
    steps = [
        ("crawl", lambda: crawl.run(n)),
        ("extraction", lambda: extraction.run(n)),
        ("memory", lambda: memory.run(min(n, 200), cycles)),
    ]
    if not args.quick:
        steps.append(("big crawl", lambda: big_crawl_peak_rss(5000)))
    for name, step in steps:
        started = time.perf_counter()
        results.update(step())
        print(f"{name}: done in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    results["storage"] = storage.run(sizes, 300 if args.quick else 2000)
    print(f"storage: done in {time.perf_counter() - started:.0f} s", flush=True)
    largest = sizes[-1]
    results["digest_query_ms"] = max(
        results["storage"][b][f"digest_query_ms_at_{largest}"] for b in ("sqlite", "postgresql")
        if isinstance(results["storage"].get(b), dict)
    )
    results["digest_query_size"] = largest
    started = time.perf_counter()
    results["web"] = web.run(10_000 if args.quick else 100_000)
    print(f"web: done in {time.perf_counter() - started:.0f} s", flush=True)
    results.setdefault("memory_growth_10_to_50", None)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    table = markdown(results)
    args.out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(table)
    print(f"\nresults: {args.out} and {args.out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
