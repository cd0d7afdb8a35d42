"""What coopwatch shows while it works: log lines (text or JSON) and, on a terminal, a live display.

Progress and logs go to stderr, results (the crawl table, listings) to stdout, so
`coopwatch crawl > runs.txt` still shows progress and keeps the file clean.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, TextIO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from crawler.sources import SOURCES

if TYPE_CHECKING:  # hints only: the crawl machinery is loaded by the commands that crawl
    from scheduler.jobs import SourceResult

LOG_FORMATS = ("text", "json")
OUR_PACKAGES = ("coopwatch", "scheduler", "crawler", "storage", "alerts")
# Loggers whose lines below WARNING are Scrapy's, Twisted's and APScheduler's own chatter
# (settings dumps, middleware lists, "Crawled N pages", "Running job"), or per-page detail of
# our spiders: shown with --verbose or at DEBUG only.
CHATTER = ("scrapy", "twisted", "apscheduler", "filelock", *SOURCES)
# Scrapy's retry middleware says "Gave up retrying" (ERROR) for what the spider reports as
# one warning in its own words.
REPEATS = ("scrapy.downloadermiddlewares.retry",)
# Fields a record may carry (logging's `extra`) that the JSON lines keep.
FIELDS = ("event", "reason", "outcome", "pages", "articles_new", "articles_updated", "articles_unchanged",
          "events_new", "errors", "start_urls", "seconds", "hosts", "unreachable")


@dataclass(frozen=True)
class ConsoleOptions:
    """How much to show and in which form; from the global flags and COOPWATCH_LOG_*."""

    level: str = "INFO"
    log_format: str = "text"
    quiet: bool = False
    verbose: bool = False

    @property
    def chatter(self) -> bool:
        """Show Scrapy's own log lines and Python warnings."""
        return self.verbose or self.level == "DEBUG"

    def flags(self) -> list[str]:
        """The same options as command-line flags, for a child `coopwatch` process."""
        return [*(["--quiet"] if self.quiet else []), *(["--verbose"] if self.verbose else []),
                "--log-format", self.log_format]


class _CurrentStderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to sys.stderr as it is at each line, so a live display can print lines above itself."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


class ConsoleFilter(logging.Filter):
    """Decides per line what reaches the console (Scrapy resets its loggers' levels at each crawl,
    so the choice is made here, at the handler)."""

    def __init__(self, options: ConsoleOptions) -> None:
        super().__init__()
        self.options = options
        self.threshold = logging.WARNING if options.quiet else logging.getLevelName(options.level)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.options.chatter and _is_chatter(record):
            return False
        if self.options.quiet and getattr(record, "event", None) == "source_end":
            return True
        if record.levelno < self.threshold:
            return False
        if record.exc_info and not self.options.chatter and record.levelno < logging.CRITICAL:
            _drop_traceback(record)
        return True


def _is_chatter(record: logging.LogRecord) -> bool:
    if record.name == "scrapy.crawler" and record.getMessage().startswith("Received SIG"):
        return False  # "Received SIGINT, shutting down gracefully": the answer to Ctrl-C
    if record.name == "py.warnings":  # library warnings are for developers, not for the console
        return True
    if record.name.startswith(REPEATS) and record.levelno < logging.CRITICAL:
        return True
    top = record.name.split(".", 1)[0]
    return top in CHATTER and record.levelno < logging.WARNING


def _drop_traceback(record: logging.LogRecord) -> None:
    """Scrapy logs network failures with tracebacks; a user needs the one-line reason."""
    assert record.exc_info is not None
    reason = record.exc_info[1]
    record.msg = f"{record.getMessage()}: {type(reason).__name__}: {reason}"
    record.args = ()
    record.exc_info = None
    record.exc_text = None


def _label(record: logging.LogRecord) -> str | None:
    """The source a line is about: given explicitly, the spider's logger, or Scrapy's spider extra."""
    source = getattr(record, "source", None)
    if isinstance(source, str):
        return source
    if record.name in SOURCES:
        return record.name
    spider = getattr(record, "spider", None)
    name = getattr(spider, "name", None)
    return name if isinstance(name, str) else None


class TextFormatter(logging.Formatter):
    """`2026-06-01 07:30:00 INFO    vtcnews: done …`: the source, or the logger, names the line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(label)s: %(message)s", "%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        ours = record.name.split(".", 1)[0] in OUR_PACKAGES
        record.label = _label(record) or ("coopwatch" if ours else record.name)
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object a line for log collectors: time, level, logger, source, message, figures."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "source": _label(record),
            "message": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(options: ConsoleOptions) -> None:
    """One handler on stderr, in the chosen format, filtered by ConsoleFilter."""
    handler = _CurrentStderrHandler()
    handler.setFormatter(JsonFormatter() if options.log_format == "json" else TextFormatter())
    handler.addFilter(ConsoleFilter(options))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(min(logging.INFO, logging.getLevelName(options.level)))  # end lines show when quiet
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl …" on every command
    logging.captureWarnings(True)  # warnings become py.warnings lines, which the filter judges


log = logging.getLogger("coopwatch.crawl")


class LogProgress:
    """A crawl as log lines: one per source as it starts, one as it ends with its figures."""

    def __init__(self) -> None:
        self.started_at: dict[str, float] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def started(self, source: str, start_urls: int) -> None:
        self.started_at[source] = time.monotonic()
        log.info("started: %d start URLs", start_urls,
                 extra={"source": source, "event": "source_start", "start_urls": start_urls})

    def update(self, result: SourceResult) -> None:
        return None

    def finished(self, result: SourceResult, reason: str) -> None:
        seconds = round(time.monotonic() - self.started_at.get(result.source, time.monotonic()), 1)
        level = logging.WARNING if result.failed else logging.INFO
        ended = "done" if reason == "finished" else f"stopped ({reason})"
        log.log(level, "%s, %s: %s (%.1f s)", ended, result.outcome, summary(result), seconds, extra={
            "source": result.source, "event": "source_end", "reason": reason, "outcome": result.outcome,
            "pages": result.pages,
            "articles_new": result.articles_new, "articles_updated": result.articles_updated,
            "articles_unchanged": result.articles_unchanged, "events_new": result.events_new,
            "errors": len(result.errors), "seconds": seconds,
        })


def summary(result: SourceResult) -> str:
    """`21 pages, 11 articles new, 0 updated, 1 event found, 0 errors`."""
    events = "event" if result.events_new == 1 else "events"
    return (f"{result.pages} pages, {result.articles_new} articles new, {result.articles_updated} updated, "
            f"{result.events_new} {events} found, {len(result.errors)} errors")


class _MarkColumn(SpinnerColumn):
    """A spinner while the source is crawled, then a tick or a cross."""

    def render(self, task: Task) -> Any:
        if not task.finished:
            return super().render(task)
        failed = task.fields.get("outcome") == "failed"
        return Text("✗" if failed else "✓", style="bold red" if failed else "bold green")


class LiveProgress:
    """On a terminal: a row per source with pages fetched, articles new, events found, errors."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            _MarkColumn(),
            TextColumn("{task.description:<12}", style="bold"),
            TextColumn("pages [bold]{task.fields[pages]:>4}[/]"),
            TextColumn("articles new [bold]{task.fields[new]:>4}[/]"),
            TextColumn("events found [bold]{task.fields[events]:>3}[/]"),
            TextColumn("errors [bold]{task.fields[errors]:>3}[/]"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[status]}"),
            console=console, refresh_per_second=8,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def started(self, source: str, start_urls: int) -> None:
        self.tasks[source] = self.progress.add_task(source, total=None, pages=0, new=0, events=0, errors=0,
                                                    status="[cyan]crawling", outcome="")

    def update(self, result: SourceResult) -> None:
        task = self.tasks.get(result.source)
        if task is not None:
            self.progress.update(task, pages=result.pages, new=result.articles_new, events=result.events_new,
                                 errors=len(result.errors))

    def finished(self, result: SourceResult, reason: str) -> None:
        if result.source not in self.tasks:
            self.started(result.source, 0)
        style = {"ok": "green", "failed": "bold red"}.get(result.outcome, "yellow")
        stopped = "" if reason == "finished" else f" [yellow](stopped: {reason})"
        self.update(result)
        self.progress.update(self.tasks[result.source], total=1, completed=1, outcome=result.outcome,
                             status=f"[{style}]{result.outcome}{stopped}")


def crawl_progress(options: ConsoleOptions) -> LiveProgress | LogProgress:
    """The live display on an interactive terminal at the default level, plain lines otherwise."""
    console = Console(stderr=True)
    interactive = console.is_terminal and not console.is_dumb_terminal
    if interactive and options.log_format == "text" and not options.quiet and options.level == "INFO":
        return LiveProgress(console)
    return LogProgress()
