"""`coopwatch demo`: the bundled offline mirrors served on 127.0.0.1 and crawled into a fresh database."""

from __future__ import annotations

import logging
import subprocess
import sys
from contextlib import ExitStack

from crawler.mirror.server import MirrorServer
from crawler.mirror.sitegen import (
    BCP_SECTIONS,
    MST_SECTIONS,
    VTC_SECTIONS,
    build_sites,
    load_corpus,
)
from scheduler.common import format_results
from scheduler.config import Settings
from scheduler.console import ConsoleOptions, crawl_progress
from scheduler.jobs import run_crawl
from scheduler.output import event_record, render
from storage.corrections import list_events
from storage.db import make_engine, make_session_factory, migrate

log = logging.getLogger("coopwatch.demo")


def mirror_start_urls(base: dict[str, str]) -> dict[str, list[str]]:
    """Start URLs of each mirror: its sections, a day archive, the legacy listing and a feed."""
    return {
        "most": [
            *(f"{base['most']}/{s}.htm" for s in MST_SECTIONS),
            f"{base['most']}/tin-tuc-su-kien/xem-theo-ngay-23-06-2023.htm",
            f"{base['most']}/vn/chuyen-muc/493/Tin-tong-hop.aspx",
            f"{base['most']}/rss/tin-tuc-su-kien.rss",
        ],
        "baochinhphu": [f"{base['baochinhphu']}/{s}.htm" for s in BCP_SECTIONS]
        + [f"{base['baochinhphu']}/quoc-te.rss"],
        "vtcnews": [f"{base['vtcnews']}/{s}.html" for s in VTC_SECTIONS] + [f"{base['vtcnews']}/rss/the-gioi.rss"],
    }


def run_demo(settings: Settings, console: ConsoleOptions, in_subprocess: bool = False) -> int:
    """Serve the mirrors, crawl them into data_dir/demo.db and print the events found."""
    if in_subprocess:  # the caller's process has used its one Twisted reactor already
        command = [sys.executable, "-m", "scheduler", *console.flags(), "demo"]
        return subprocess.run(command, check=False).returncode
    db_path = (settings.data_dir / "demo.db").resolve()
    for suffix in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    demo_settings = settings.model_copy(
        update={"database_url": f"sqlite:///{db_path}", "autothrottle": False, "download_delay": 0.0,
                "concurrent_per_site": 4, "log_level": "WARNING"}
    )
    engine = make_engine(demo_settings.resolved_database_url)
    migrate(engine)
    factory = make_session_factory(engine)
    sites = build_sites(load_corpus())
    with ExitStack() as stack:
        servers = {name: stack.enter_context(MirrorServer(site)) for name, site in sites.items()}
        log.info("serving the offline mirrors: %s", ", ".join(f"{n} {s.url}" for n, s in servers.items()))
        with crawl_progress(console) as progress:
            results = run_crawl(demo_settings, factory, mirror_start_urls({n: s.url for n, s in servers.items()}),
                                progress=progress)
    print(format_results(results))
    with factory() as session:
        events = [event_record(e) for e in list_events(session)]
    print(f"\n{len(events)} cooperation events stored in {db_path}:")
    print(render(events, "table", ["id", "type", "date", "location", "vn_parties", "kr_parties"]))
    print(f"\nexplore them: COOPWATCH_DATABASE_URL=sqlite:///{db_path} coopwatch items --format json")
    return 0
