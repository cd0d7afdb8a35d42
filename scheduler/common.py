"""What the command-line modules share: the usage error, the session factory, the crawl summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from scheduler.config import Settings
from storage.db import make_engine, make_session_factory, migrate

if TYPE_CHECKING:  # the crawl machinery (Scrapy, Twisted) is loaded only by the commands that crawl
    from scheduler.jobs import SourceResult


class UsageError(Exception):
    """A bad argument; printed as one line."""


class CrawlRequestError(ValueError):
    """The crawl was asked for something that cannot be done (unknown source, bad URL)."""


def session_factory(settings: Settings) -> sessionmaker[Session]:
    """A session factory on a migrated database."""
    engine = make_engine(settings.resolved_database_url)
    migrate(engine)
    return make_session_factory(engine)


def format_results(results: list[SourceResult]) -> str:
    """The per-source summary `coopwatch crawl` prints."""
    lines = [f"{'source':<12} {'pages':>5} {'new':>5} {'updated':>7} {'unchanged':>9} {'events':>6} {'errors':>6}"]
    for r in results:
        lines.append(
            f"{r.source:<12} {r.pages:>5} {r.articles_new:>5} {r.articles_updated:>7} "
            f"{r.articles_unchanged:>9} {r.events_new:>6} {len(r.errors):>6}"
            + ("  FAILED" if r.failed else "")
        )
        lines += [f"  ! {e}" for e in r.errors[:10]]
        if len(r.errors) > 10:
            lines.append(f"  ! … and {len(r.errors) - 10} more")
    return "\n".join(lines)
