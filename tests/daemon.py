"""Running `coopwatch run` as a real process in tests: start, stop, wait, make a digest due."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, update

from storage.models import Subscriber
from tests.conftest import ROOT


def wait_for(predicate, timeout: float, step: float = 0.5):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout}s waiting for {predicate.__name__}")


def make_digest_due(database_url: str) -> None:
    """As if the subscriber's last digest slot were yesterday's: today's 00:00 digest is due now."""
    engine = create_engine(database_url)
    with engine.begin() as conn:
        yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        conn.execute(update(Subscriber).values(created_at=yesterday, last_digest_at=yesterday))
    engine.dispose()


def start_daemon(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "scheduler", "run"], env=env, cwd=ROOT,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def stop_daemon(process: subprocess.Popen[bytes]) -> float:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    return time.monotonic() - started
