"""The `coopwatch` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from crawler.cooperation import parse_article
from crawler.extract import ParseError, extract_article
from crawler.sources import SOURCES
from scheduler import service_cli
from scheduler.common import UsageError, format_results, session_factory
from scheduler.config import Settings, SettingsError, load_settings
from scheduler.demo import run_demo
from scheduler.reparse import reparse
from scheduler.jobs import CrawlRequestError, plan_start_urls, run_crawl
from scheduler.output import article_record, event_record, render
from storage.db import DatabaseError
from storage.repository import ArticleRepository, EventRepository

log = logging.getLogger("coopwatch")





def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """All subcommands and their options."""
    parser = argparse.ArgumentParser(prog="coopwatch", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    crawl = sub.add_parser("crawl", help="crawl the sources now and store what is new")
    crawl.add_argument("--source", action="append", choices=sorted(SOURCES), default=[])
    crawl.add_argument("--start-url", action="append", default=[], metavar="URL")
    crawl.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    crawl.add_argument("--refresh", action="store_true", help="download known articles again")

    articles = sub.add_parser("articles", help="list stored articles")
    articles.add_argument("--source", choices=sorted(SOURCES))
    articles.add_argument("--since", type=_date)
    articles.add_argument("--format", choices=["table", "json", "csv"], default="table")

    items = sub.add_parser("items", help="list stored cooperation events")
    items.add_argument("--source", choices=sorted(SOURCES))
    items.add_argument("--since", type=_date)
    items.add_argument("--type", choices=["mou", "letter_of_intent", "agreement", "meeting"])
    items.add_argument("--format", choices=["table", "json", "csv"], default="table")

    show = sub.add_parser("show", help="one event (ID or event:ID) or article (article:ID) in full")
    show.add_argument("id")

    extract = sub.add_parser("extract", help="run the cooperation parser on JSON lines or one page")
    extract.add_argument("--html", type=Path, help="an article page saved to a file")
    extract.add_argument("--url", help="the page's URL (picks the source's extractor)")

    reparse = sub.add_parser("reparse", help="parse stored articles again after a parser change")
    reparse.add_argument("--since", type=_date)

    sub.add_parser("demo", help="crawl the bundled offline mirror of the three sites")
    sub.add_parser("start", help="the main job: crawl every source; offline, run the demo")
    sub.add_parser("migrate", help="create or upgrade the database schema")
    service_cli.add_parsers(sub, _date)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `coopwatch` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        handler: Callable[[argparse.Namespace, Settings], int] = COMMANDS[args.command]
        return handler(args, settings)
    except (SettingsError, DatabaseError, UsageError, CrawlRequestError) as exc:
        print(f"coopwatch: error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"coopwatch: error: database: {exc.orig}", file=sys.stderr)
        return 2


class _NoTracebacks(logging.Filter):
    """Scrapy logs network failures with tracebacks; a user needs the one-line reason."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.levelno < logging.CRITICAL:
            reason = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(reason).__name__}: {reason}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def configure_logging(level: str) -> None:
    """Structured one-line logs on stderr; tracebacks only at DEBUG."""
    handler = logging.StreamHandler()
    handler.setLevel(level.upper())  # Scrapy resets the root logger's level when a crawl starts
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if level.upper() != "DEBUG":
        handler.addFilter(_NoTracebacks())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl …" on every command
    if level.upper() != "DEBUG":  # Scrapy's per-page lines and stats dumps: only when debugging
        for noisy in ("scrapy", "twisted", "apscheduler.executors", "apscheduler.scheduler"):
            logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level.upper())))





def cmd_crawl(args: argparse.Namespace, settings: Settings) -> int:
    sources = args.source or [s for s in SOURCES if settings.source(s).enabled]
    plan = plan_start_urls(sources, args.start_url)
    results = run_crawl(settings, session_factory(settings), plan, since=args.since, refresh=args.refresh)
    print(format_results(results))
    return 1 if results and all(r.failed for r in results) else 0





def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    since = dt.datetime.combine(args.since, dt.time(), tzinfo=dt.UTC) if args.since else None
    with session_factory(settings)() as session:
        rows = ArticleRepository(session).list(source=args.source, since=since)
        records = [article_record(a, full=args.format != "table") for a in rows]
    print(render(records, args.format, ["id", "source", "published_at", "is_cooperation", "title"]))
    return 0


def cmd_items(args: argparse.Namespace, settings: Settings) -> int:
    with session_factory(settings)() as session:
        rows = EventRepository(session).list(source=args.source, since=args.since, event_type=args.type)
        records = [event_record(e) for e in rows]
    print(render(records, args.format, ["id", "type", "date", "location", "vn_parties", "kr_parties"]))
    return 0


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    kind, _, number = args.id.rpartition(":")
    if not number.isdigit() or kind not in ("", "event", "article"):
        raise UsageError(f"show: expected ID, event:ID or article:ID, got {args.id!r}")
    with session_factory(settings)() as session:
        record: dict[str, Any] | None
        if kind == "article":
            article = ArticleRepository(session).by_id(int(number))
            record = article_record(article) if article else None
        else:
            event = EventRepository(session).by_id(int(number))
            record = event_record(event) if event else None
    if record is None:
        print(f"coopwatch: no {kind or 'event'} with id {number}", file=sys.stderr)
        return 1
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    if args.html:
        return _extract_page(args.html, args.url)
    for line in sys.stdin:
        if not line.strip():
            continue
        row = json.loads(line)
        published = _published(row.get("published_at"))
        result = parse_article(row.get("title"), "", row.get("text") or "", published, row.get("url"))
        print(json.dumps({"id": row.get("id"), **_extraction_json(result)}, ensure_ascii=False), flush=True)
    return 0


def _published(value: str | None) -> dt.date | dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
    except ValueError:
        return None


def _extraction_json(result: Any) -> dict[str, Any]:
    return json.loads(result.model_dump_json())


def _extract_page(path: Path, url: str | None) -> int:
    if not url:
        raise UsageError("extract --html needs --url (it picks the site's extractor)")
    source = next((s.name for s in SOURCES.values() if s.article_id(url) and _host_of(url) in s.hosts), None)
    source = source or next((s.name for s in SOURCES.values() if s.article_id(url)), None)
    if source is None:
        raise UsageError(f"{url}: not an article URL of any source ({', '.join(SOURCES)})")
    try:
        item = extract_article(path.read_text(encoding="utf-8", errors="replace"), url, source, dt.datetime.now(dt.UTC))
    except ParseError as exc:
        raise UsageError(str(exc)) from None
    result = parse_article(
        item.title, item.sapo, item.body, item.published_at, item.url, source, captions=item.captions
    )
    print(json.dumps({"article": json.loads(item.model_dump_json()), **_extraction_json(result)}, ensure_ascii=False, indent=2))
    return 0


def _host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def cmd_reparse(args: argparse.Namespace, settings: Settings) -> int:
    new, kept, removed = reparse(session_factory(settings), args.since)
    print(f"re-parsed: events new {new}, kept {kept}, removed {removed}")
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    return run_demo(settings)


def cmd_start(args: argparse.Namespace, settings: Settings) -> int:
    sources = [s for s in SOURCES if settings.source(s).enabled]
    results = run_crawl(settings, session_factory(settings), {s: [] for s in sources})
    print(format_results(results))
    if results and all(r.failed for r in results):
        print(
            "\nNo source could be reached (no internet?). Running the offline demo instead;"
            " run `coopwatch crawl` again when the sites are reachable.\n"
        )
        return run_demo(settings, in_subprocess=True)
    return 0


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    session_factory(settings)
    print(f"database ready: {settings.resolved_database_url.split('@')[-1]}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "crawl": cmd_crawl,
    "articles": cmd_articles,
    "items": cmd_items,
    "show": cmd_show,
    "extract": cmd_extract,
    "reparse": cmd_reparse,
    "demo": cmd_demo,
    "start": cmd_start,
    "migrate": cmd_migrate,
    "run": service_cli.cmd_run,
    "status": service_cli.cmd_status,
    "subscribers": service_cli.cmd_subscribers,
    "digest": service_cli.cmd_digest,
    "check": service_cli.cmd_check,
}
