"""The storage writer process: parses and stores a crawl's batches beside the crawl process.

crawler.pipelines.StorageWriter starts it (main(), or main_forked() in a child forked from the
crawl), never by hand. It reads pickled requests on stdin (or a pipe), the database URL first, then
(items, now) batches, and answers each batch on stdout (or a pipe) with one Outcome per item (or a traceback, for a bug). The cooperation parser and
the database work run here rather than in the crawl, so that on a second core they do not hold the
crawl's GIL while it downloads.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Sequence
from typing import BinaryIO, NamedTuple

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from crawler import cooperation
from crawler.collector import settle_after_start_up
from crawler.items import NewsItem
from storage.db import make_engine, make_session_factory
from storage.repository import ArticleRepository, EventRepository, SaveResult


class Outcome(NamedTuple):
    """What storing one article did: its result and new events, or why it was not stored."""

    result: SaveResult | None
    new_events: int = 0
    error: str | None = None


def store_batch(factory: sessionmaker[Session], items: Sequence[NewsItem], now: dt.datetime) -> list[Outcome]:
    """One transaction for the batch; if it fails, each article in its own, so one bad article
    (stored a moment ago by another crawl) does not cost the others."""
    try:
        with factory.begin() as session:
            return _save_all(session, items, now)
    except SQLAlchemyError:
        return [_store_one(factory, item, now) for item in items]


def _store_one(factory: sessionmaker[Session], item: NewsItem, now: dt.datetime) -> Outcome:
    try:
        with factory.begin() as session:
            return _save_all(session, [item], now)[0]
    except IntegrityError:
        # another crawl of the same source stored it a moment ago: nothing to add
        return Outcome(SaveResult.UNCHANGED)
    except SQLAlchemyError as exc:
        # disk full, database gone: not stored now, so the next run fetches it again
        return Outcome(None, 0, f"storage failed for {item.url}: {getattr(exc, 'orig', exc)}")


def _save_all(session: Session, items: Sequence[NewsItem], now: dt.datetime) -> list[Outcome]:
    outcomes = []
    events = EventRepository(session)
    for item, (result, article) in zip(items, ArticleRepository(session).save_many(items, now)):
        new_events = 0
        if result is not SaveResult.UNCHANGED:
            extraction = cooperation.parse_article(
                title=item.title, sapo=item.sapo, body=item.body,
                published_at=item.published_at, url=item.url, source=item.source, captions=item.captions,
            )
            if extraction.events or result is SaveResult.UPDATED:
                new_events = events.save_extraction(article, extraction, now)
            # a new article with no event has nothing to link: most articles stop here
        outcomes.append(Outcome(result, new_events))
    return outcomes


def warm_up() -> None:
    """Load the parser's reference lists and patterns now, while the crawl is still starting up,
    rather than while the first batch waits."""
    cooperation.parse_article(
        "Việt Nam và Hàn Quốc ký biên bản ghi nhớ", "",
        "Bộ Khoa học và Công nghệ Việt Nam và Bộ Khoa học và ICT Hàn Quốc đã ký biên bản ghi nhớ hợp tác.", None,
    )


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer batches until the crawl process closes its end (its last batch is then answered)."""
    warm_up()
    settle_after_start_up()  # the parser's reference data stays to the end
    factory = make_session_factory(make_engine(pickle.load(requests)))
    while True:
        try:
            items, now = pickle.load(requests)
        except EOFError:
            return
        answer: list[Outcome] | str
        try:
            answer = store_batch(factory, items, now)
        except Exception:  # noqa: BLE001  # a bug, not a database error (those are outcomes): the crawl reports it
            answer = traceback.format_exc()
        try:
            pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
            answers.flush()
        except BrokenPipeError:  # the crawl process is gone (killed): nobody to answer
            return


def main() -> int:
    """The writer started as its own interpreter: batches on stdin, answers on stdout."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt the answers
    return run(sys.stdin.buffer, answers)


def main_forked(requests: int, answers: int) -> int:
    """The writer forked from the crawl process (crawler.pipelines): batches and answers on these
    pipe ends. The crawl's stdout is let go (it may be a pipe its caller reads to the end); stray
    prints go to stderr, as in main()."""
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    logging.root.handlers.clear()  # the crawl's console handler: the writer says its own name
    return run(os.fdopen(requests, "rb"), os.fdopen(answers, "wb"))


def run(requests: BinaryIO, answers: BinaryIO) -> int:
    # Ctrl-C reaches the whole process group and a service manager may SIGTERM every process of
    # the crawl: the crawl process stops cleanly and sends its last batch, so this one stays for it
    # and ends when the crawl closes the pipe (or dies).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="coopwatch storage writer: %(levelname)s %(message)s")
    logging.captureWarnings(True)
    serve(requests, answers)
    return 0
