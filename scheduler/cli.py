"""The `coopwatch` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import OperationalError

from crawler.cooperation.learn import model as parser_models
from crawler.cooperation.learn.model import ModelError
from crawler.sources import SOURCES
from scheduler import corrections_cli, parties_cli, review_cli, serve_cli, service_cli, users_cli
from scheduler.common import CrawlRequestError, UsageError, format_results, session_factory
from scheduler.config import Settings, SettingsError, load_settings
from scheduler.console import LOG_FORMATS, ConsoleOptions, configure_logging, crawl_progress
from scheduler.output import article_record, event_record, render
from storage.corrections import CorrectedView, list_events
from storage.db import DatabaseError
from storage.repository import ArticleRepository

# The crawl machinery (Scrapy, Twisted, the parser) is imported inside the commands that crawl or
# parse, so that reading commands (items, show, status, corrections …) answer in well under a second.
PARSING_COMMANDS = frozenset({"crawl", "extract", "reparse", "demo", "start", "run"})

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

    demo = sub.add_parser("demo", help="crawl the bundled offline mirror of the three sites")
    demo.add_argument("--serve", action="store_true", help="then serve the demo database's web view")
    sub.add_parser("start", help="the main job: crawl every source; offline, run the demo")
    sub.add_parser("migrate", help="create or upgrade the database schema")
    service_cli.add_parsers(sub, _date)
    serve_cli.add_parser(sub)
    corrections_cli.add_parsers(sub)
    parties_cli.add_parser(sub)
    users_cli.add_parser(sub)
    review_cli.add_parser(sub)
    add_console_flags(parser, top=True)
    for command in sub.choices.values():
        add_console_flags(command, top=False)
    return parser


def add_console_flags(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--quiet, --verbose, --log-format: before the command, or right after its name."""
    # after the command, an absent flag must not reset one given before it
    switch: Any = False if top else argparse.SUPPRESS
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", default=switch,
                          help="only each source's end line, warnings and errors")
    loudness.add_argument("-v", "--verbose", action="store_true", default=switch,
                          help="also Scrapy's own log lines and Python warnings")
    parser.add_argument("--log-format", choices=LOG_FORMATS, default=None if top else argparse.SUPPRESS,
                       help="text lines (default), or one JSON object a line for log collectors"
                            " (also COOPWATCH_LOG_FORMAT)")


def console_options(args: argparse.Namespace, settings: Settings) -> ConsoleOptions:
    """The console flags, COOPWATCH_LOG_FORMAT and COOPWATCH_LOG_LEVEL combined."""
    level = "INFO" if args.verbose and settings.log_level != "DEBUG" else settings.log_level
    return ConsoleOptions(level=level, log_format=args.log_format or settings.log_format,
                          quiet=args.quiet, verbose=args.verbose)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `coopwatch` console script."""
    args = build_parser().parse_args(argv)
    # the flags' choice until the settings are read: their own warnings come out in the same form
    early_format = args.log_format or os.environ.get("COOPWATCH_LOG_FORMAT", "text")
    configure_logging(ConsoleOptions(log_format=early_format if early_format in LOG_FORMATS else "text",
                                     quiet=args.quiet, verbose=args.verbose))
    try:
        settings = load_settings()
        if args.log_format:  # children (the daemon's crawls) and later load_settings() see it too
            os.environ["COOPWATCH_LOG_FORMAT"] = args.log_format
            settings = settings.model_copy(update={"log_format": args.log_format})
        args.console = console_options(args, settings)
        configure_logging(args.console)
        if args.command in PARSING_COMMANDS:
            parser_models.check()  # a broken model file is one error now, not a traceback per article
        handler: Callable[[argparse.Namespace, Settings], int] = COMMANDS[args.command]
        return handler(args, settings)
    except (SettingsError, DatabaseError, UsageError, CrawlRequestError, ModelError) as exc:
        print(f"coopwatch: error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        print(f"coopwatch: error: database: {exc.orig}", file=sys.stderr)
        return 2


def cmd_crawl(args: argparse.Namespace, settings: Settings) -> int:
    from crawler.pipelines import StorageWriter

    # started first: the writer process loads the parser (about 2 s of CPU) while this one loads
    # Scrapy and starts the crawl, rather than while the first pages come in
    writer = StorageWriter(settings.resolved_database_url)
    try:
        from scheduler.jobs import plan_start_urls, run_crawl

        sources = args.source or [s for s in SOURCES if settings.source(s).enabled]
        plan = plan_start_urls(sources, args.start_url)
        with crawl_progress(args.console) as progress:
            results = run_crawl(settings, session_factory(settings), plan, since=args.since, refresh=args.refresh,
                                progress=progress, writer=writer)
    finally:
        writer.stop()  # ends it at once if the crawl failed before it began
    print(format_results(results))
    return 1 if results and all(r.failed for r in results) else 0





def cmd_articles(args: argparse.Namespace, settings: Settings) -> int:
    since = dt.datetime.combine(args.since, dt.time(), tzinfo=dt.UTC) if args.since else None
    with session_factory(settings)() as session:
        rows = ArticleRepository(session).list(source=args.source, since=since)
        view = CorrectedView(session)
        records = [article_record(a, full=args.format != "table", event_ids=view.event_ids_of(a)) for a in rows]
    print(render(records, args.format, ["id", "source", "published_at", "is_cooperation", "title"]))
    return 0


def cmd_items(args: argparse.Namespace, settings: Settings) -> int:
    with session_factory(settings)() as session:
        rows = list_events(session, source=args.source, since=args.since, event_type=args.type)
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
            record = article_record(article, event_ids=CorrectedView(session).event_ids_of(article)) if article else None
        else:
            event = CorrectedView(session).by_id(int(number))
            record = event_record(event) if event else None
    if record is None:
        print(f"coopwatch: no {kind or 'event'} with id {number}", file=sys.stderr)
        return 1
    print(json.dumps(record, ensure_ascii=False, indent=2))
    return 0


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from crawler.cooperation import parse_article

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
    record: dict[str, Any] = json.loads(result.model_dump_json())
    return record


def _extract_page(path: Path, url: str | None) -> int:
    from crawler.cooperation import parse_article
    from crawler.extract import ParseError, extract_article

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
    from scheduler.reparse import reparse

    new, kept, removed = reparse(session_factory(settings), args.since)
    print(f"re-parsed: events new {new}, kept {kept}, removed {removed}")
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from scheduler.demo import run_demo

    code = run_demo(settings, args.console)
    return serve_cli.serve_demo(settings) if code == 0 and args.serve else code


def cmd_start(args: argparse.Namespace, settings: Settings) -> int:
    """Crawl the sources that answer; with none reachable (offline), run the demo instead."""
    from scheduler.demo import run_demo
    from scheduler.jobs import run_crawl, source_urls
    from scheduler.reach import reachable_sources

    enabled = [s for s in SOURCES if settings.source(s).enabled]
    sources = reachable_sources({s: source_urls(settings, s) for s in enabled})
    if not sources:
        log.warning(OFFLINE)
        return run_demo(settings, args.console)
    with crawl_progress(args.console) as progress:
        results = run_crawl(settings, session_factory(settings), {s: [] for s in sources}, progress=progress)
    print(format_results(results))
    if results and all(r.failed for r in results):
        log.warning(OFFLINE)  # the hosts answered, yet no page could be fetched
        return run_demo(settings, args.console, in_subprocess=True)
    return 0


OFFLINE = ("no source could be reached (no internet?): running the offline demo instead;"
           " run `coopwatch crawl` again when the sites are reachable")


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
    "users": users_cli.cmd_users,
    "review": review_cli.cmd_review,
    "status": service_cli.cmd_status,
    "subscribers": service_cli.cmd_subscribers,
    "digest": service_cli.cmd_digest,
    "check": service_cli.cmd_check,
    "serve": serve_cli.cmd_serve,
    "events": corrections_cli.cmd_events,
    "corrections": corrections_cli.cmd_corrections,
    "parties": parties_cli.cmd_parties,
}
