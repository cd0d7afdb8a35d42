"""The storage pipeline: articles are saved in short batches, parsed for cooperation events, counted."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import pickle
import signal
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, TYPE_CHECKING, Any, NoReturn

from crawler.items import NewsItem
from crawler.writer import Outcome

if TYPE_CHECKING:  # the crawl command starts the writer before it imports Scrapy
    from scrapy.crawler import Crawler

# A batch is written when it holds BATCH_SIZE articles or is BATCH_SECONDS old, whichever comes
# first: a crash loses at most one batch per source, and those articles, not being stored, are
# not known to the next run, which fetches them again.
BATCH_SIZE = 50
BATCH_SECONDS = 0.5
# not `-m crawler.writer`: the module would be __main__, and its Outcomes would not unpickle here
WRITER_MAIN = "import sys; from crawler.writer import main; sys.exit(main())"


class ForkedWriter:
    """A writer process forked from this one (see StorageWriter): what the StorageWriter uses of a
    Popen, for a child that is not another interpreter."""

    def __init__(self, pid: int, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self.pid = pid
        self.stdin: IO[bytes] | None = stdin
        self.stdout: IO[bytes] | None = stdout
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self._reap(os.WNOHANG)

    def wait(self) -> int:
        code = self._reap(0)
        assert code is not None
        return code

    def _reap(self, options: int) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, options)
            except ChildProcessError:  # reaped by someone else: gone, its status unknown (as Popen says)
                pid, status = self.pid, 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)


WriterProcess = subprocess.Popen[bytes] | ForkedWriter


class StorageWriterError(RuntimeError):
    """The writer process hit a bug (not a database error: those are outcomes)."""


class StorageWriter:
    """Parses and stores the batches of every source of a crawl in one writer process
    (crawler.writer), so the parser and the database work use another core than the crawl's
    downloads; one thread here sends the batches in the order asked and waits for each answer.
    One process for all sources: SQLite takes one writer at a time."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self._process: WriterProcess | None = None
        self._batches_asked = 0
        if _may_fork():
            # a child of this process has SQLAlchemy, pydantic and the storage modules loaded
            # already: a new interpreter spent about 0.3 s of CPU importing them again
            self._process = _fork_writer()
            self._send(self._process, self.database_url)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coopwatch-storage")
        if self._process is None:
            self.pool.submit(self._running)  # started now, its imports overlap the crawl's start-up

    def store(self, items: Sequence[NewsItem], now: dt.datetime) -> Future[list[Outcome]]:
        """Store `items` in the writer process, in the order asked; one Outcome per item."""
        self._batches_asked += 1
        return self.pool.submit(self._round_trip, list(items), now)

    def stop(self) -> None:
        """Wait for the batches asked for, then end the writer process."""
        self.pool.shutdown(wait=True)
        if self._process is None:
            return
        if self._batches_asked == 0:
            # given nothing to store (a crawl that found nothing new, or one that failed before it
            # began), it has nothing to finish: no need to wait for it to load the parser
            self._process.kill()
        self._end(self._process)

    def _running(self) -> WriterProcess:
        # a writer started again (the first one died) is a new interpreter: forking is safe only
        # while this process has one thread, and the crawl's threads run by now
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen([sys.executable, "-c", WRITER_MAIN],
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self._send(self._process, self.database_url)
        return self._process

    def _round_trip(self, items: list[NewsItem], now: dt.datetime) -> list[Outcome]:
        try:
            process = self._running()
            self._send(process, (items, now))
            assert process.stdout is not None
            answer: list[Outcome] | str = pickle.load(process.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            # the writer died (killed, out of memory): not stored, so the next run fetches them
            # again; the next batch starts a new writer
            if self._process is not None:
                self._end(self._process)
            return [Outcome(None, 0, f"storage failed for {item.url}: the storage writer process ended")
                    for item in items]
        if isinstance(answer, str):
            raise StorageWriterError(answer)
        return answer

    @staticmethod
    def _send(process: WriterProcess, message: object) -> None:
        assert process.stdin is not None
        pickle.dump(message, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        process.stdin.flush()

    def _end(self, process: WriterProcess) -> None:
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass
        process.wait()
        if self._process is process:
            self._process = None


def _may_fork() -> bool:
    """Whether the writer can be forked from here: a fork copies only the thread that calls it, so
    another thread's lock (logging's, an import's) could stay held for ever in the child."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _fork_writer() -> ForkedWriter:
    requests_read, requests_write = os.pipe()
    answers_read, answers_write = os.pipe()
    sys.stdout.flush()  # what is buffered here must not be written again by the child
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _be_the_writer(requests_read, answers_write, parent_ends=(requests_write, answers_read))
    os.close(requests_read)
    os.close(answers_write)
    return ForkedWriter(pid, os.fdopen(requests_write, "wb"), os.fdopen(answers_read, "rb"))


def _be_the_writer(requests: int, answers: int, parent_ends: tuple[int, int]) -> NoReturn:
    """The forked child: serve the batches, then leave without running this process's exit handlers."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # at once: Ctrl-C reaches the whole process group
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        for fd in parent_ends:  # or the child would never see the crawl close its end
            os.close(fd)
        from crawler.writer import main_forked

        code = main_forked(requests, answers)
    except BaseException:  # noqa: BLE001  # the child must never return into the crawl's code
        traceback.print_exc()
    finally:
        os._exit(code)


class StoragePipeline:
    """Collects one source's articles into batches for the StorageWriter and counts what they did.

    Runs on Scrapy's asyncio reactor (its default): batches are timed and awaited on its loop.
    """

    def __init__(self, writer: StorageWriter, stats: Any, report: Any, clock: Callable[[], dt.datetime],
                 batch_size: int = BATCH_SIZE, batch_seconds: float = BATCH_SECONDS) -> None:
        self.writer = writer
        self.stats = stats
        self.report = report
        self.clock = clock
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._batch: list[tuple[NewsItem, asyncio.Future[Outcome]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._writing: set[asyncio.Future[list[Outcome]]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        # not a Scrapy setting: settings are deep-copied, a writer thread cannot be
        writer = getattr(crawler, "coopwatch_writer", None)
        if writer is None:
            raise ValueError("the crawler needs a coopwatch_writer attribute (a StorageWriter)")
        return cls(writer, crawler.stats, getattr(crawler.spider, "report", None),
                   lambda: dt.datetime.now(dt.UTC),
                   batch_size=crawler.settings.getint("COOPWATCH_BATCH_SIZE", BATCH_SIZE),
                   batch_seconds=crawler.settings.getfloat("COOPWATCH_BATCH_SECONDS", BATCH_SECONDS))

    async def process_item(self, item: Any) -> Any:
        """Queue a NewsItem for the next batch; done when its batch is committed."""
        if not isinstance(item, NewsItem):
            return item
        loop = asyncio.get_running_loop()
        stored: asyncio.Future[Outcome] = loop.create_future()
        self._batch.append((item, stored))
        if len(self._batch) >= self.batch_size:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.batch_seconds, self._flush)
        self._count(await stored)
        return item

    async def close_spider(self) -> None:
        """Write what is left (the spider closes at its end, on SIGTERM and on errors alike)."""
        self._flush()
        if self._writing:
            await asyncio.gather(*self._writing, return_exceptions=True)

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._batch = self._batch, []
        if not batch:
            return
        written = asyncio.wrap_future(self.writer.store([item for item, _ in batch], self.clock()))
        written.add_done_callback(lambda done: _deliver(done, batch))
        self._writing.add(written)
        written.add_done_callback(self._writing.discard)

    def _count(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.stats.inc_value("coopwatch/errors")
            if self.report is not None:
                self.report.errors.append(outcome.error)
            return
        assert outcome.result is not None
        self.stats.inc_value(f"coopwatch/articles_{outcome.result.value}")
        self.stats.inc_value("coopwatch/events_new", outcome.new_events)


def _deliver(written: asyncio.Future[list[Outcome]],
             batch: list[tuple[NewsItem, asyncio.Future[Outcome]]]) -> None:
    failure = written.exception()  # a bug, not a database error (those are outcomes)
    for n, (_, stored) in enumerate(batch):
        if failure is not None:
            stored.set_exception(failure)
        else:
            stored.set_result(written.result()[n])
