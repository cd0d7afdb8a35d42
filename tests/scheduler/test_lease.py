"""Renewing the schedule lease: a busy database is no takeover, another holder is."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from scheduler import daemon
from scheduler.config import Settings
from scheduler.leader import Leadership
from storage.db import make_session_factory, migrate
from tests.daemon import wait_for


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "lease.db"
    migrate(create_engine(f"sqlite:///{path}"))
    yield path
    daemon._stopping.clear()
    daemon._lost_lease.clear()


def _leadership(path: Path) -> Leadership:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0.05})  # a lock makes it fail at once
    return Leadership(make_session_factory(engine), lease_seconds=1.5)


def _keep(leadership: Leadership) -> threading.Thread:
    settings = Settings(leader_lease_seconds=1.5)
    thread = threading.Thread(target=daemon._keep_lease, args=(leadership, settings), daemon=True)
    thread.start()
    return thread


def test_a_locked_database_does_not_stop_the_holder(database: Path) -> None:
    ours = _leadership(database)
    assert ours.try_acquire()
    blocker = sqlite3.connect(database)
    blocker.execute("BEGIN EXCLUSIVE")  # a crawl's batch write holding the file, longer than the lease
    keeper = _keep(ours)
    keeper.join(2.5)  # several renewals fail on the lock
    blocker.rollback()
    blocker.close()
    assert keeper.is_alive() and not daemon._lost_lease.is_set()
    def renewed() -> bool:
        return ours.current_holder() == ours.holder
    wait_for(renewed, 10)
    daemon._stopping.set()
    keeper.join(5)


def test_another_holder_stops_the_schedule(database: Path) -> None:
    ours, theirs = _leadership(database), _leadership(database)
    assert ours.try_acquire()
    keeper = _keep(ours)
    daemon._stopping.wait(0.1)
    with theirs.factory.begin() as session:  # as if we had been frozen and the other daemon took over
        from storage.models import SchedulerLock

        lock = session.get(SchedulerLock, "daemon")
        assert lock is not None
        lock.holder = theirs.holder
        lock.expires_at = lock.expires_at.replace(year=lock.expires_at.year + 1)
    keeper.join(10)
    assert not keeper.is_alive() and daemon._lost_lease.is_set()

