"""How the storage writer process is started: forked from a crawl process that has one thread, a new
interpreter otherwise (and always when a writer must be started again)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a process of its own: pytest's workers have threads of their own, so no fork would be tried here.
SCRIPT = textwrap.dedent("""
    import datetime as dt, os, signal, sys, threading
    from crawler.items import NewsItem
    from crawler.pipelines import StorageWriter
    from storage.db import make_engine, migrate

    url = sys.argv[1]
    migrate(make_engine(url))
    now = dt.datetime(2026, 12, 3, tzinfo=dt.UTC)

    def item(n):
        return NewsItem(source="vtcnews", url=f"https://vtcnews.vn/tin-ar{n}.html", site_article_id=str(n),
                        title=f"Tin {n}", body="Thân bài.", published_at=now, fetched_at=now)

    writer = StorageWriter(url)
    print(type(writer._process).__name__)
    print(*[o.result.value for o in writer.store([item(1), item(2)], now).result()])
    os.kill(writer._process.pid, signal.SIGKILL)  # the writer dies between two batches
    writer._process.wait()  # and is gone before the next batch (else the test would race the kill)
    print(*[o.error is not None for o in writer.store([item(3)], now).result()])  # a new writer stores it
    print(*[o.result.value for o in writer.store([item(3), item(1)], now).result()])
    print(type(writer._process).__name__)
    writer.stop()

    threading.Thread(target=threading.Event().wait, args=(60,), daemon=True).start()
    other = StorageWriter(url)  # a second thread runs: no fork
    outcomes = other.store([item(4)], now).result()
    print(type(other._process).__name__, *[o.result.value for o in outcomes])
    other.stop()
""")


def test_the_writer_is_forked_from_a_one_thread_process_and_started_anew_after_it_dies(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT, f"sqlite:///{tmp_path / 'store.db'}"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "ForkedWriter",
        "new new",
        "False",
        "unchanged unchanged",
        "Popen",
        "Popen new",
    ]


def test_a_forked_writer_ends_when_the_crawl_process_is_killed(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import os, signal, sys
        from crawler.pipelines import StorageWriter
        writer = StorageWriter(sys.argv[1])
        print(type(writer._process).__name__, writer._process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script, f"sqlite:///{tmp_path / 'store.db'}"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    kind, pid = done.stdout.split()
    assert kind == "ForkedWriter"
    stat = Path(f"/proc/{pid}/stat")
    for _ in range(600):  # the end of its request pipe: it stops at once, or after its start-up
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return
        time.sleep(0.1)
    raise AssertionError(f"the writer {pid} outlived its crawl process")
