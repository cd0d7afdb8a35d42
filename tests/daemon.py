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


_LOGS: dict[int, Path] = {}  # pid -> the daemon's log, for the failure message


def start_daemon(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-m", "scheduler", "run"], env=env, cwd=ROOT,
                               stdout=log.open("ab"), stderr=subprocess.STDOUT)
    _LOGS[process.pid] = log
    return process


def stop_daemon(process: subprocess.Popen[bytes]) -> float:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        code = process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the daemon still runs 15 s after SIGTERM; its log ends:\n{_tail(process)}") from None
    assert code == 0, f"the daemon ended with {code}; its log ends:\n{_tail(process)}"
    return time.monotonic() - started


def _tail(process: subprocess.Popen[bytes], lines: int = 30) -> str:
    log = _LOGS.get(process.pid)
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log and log.exists() else "(no log)"
