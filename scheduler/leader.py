"""One daemon runs the schedule: a lease in the database, renewed while the holder lives."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from storage.models import SchedulerLock

log = logging.getLogger("coopwatch.leader")


class Leadership:
    """try_acquire() takes the lease if it is free or expired, or renews it if it is ours."""

    def __init__(self, factory: sessionmaker[Session], lease_seconds: float, name: str = "daemon") -> None:
        self.factory = factory
        self.lease = dt.timedelta(seconds=lease_seconds)
        self.name = name
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def current_holder(self) -> str | None:
        with self.factory() as session:
            lock = session.get(SchedulerLock, self.name)
            return lock.holder if lock else None

    def try_acquire(self, now: dt.datetime | None = None) -> bool:
        now = now or dt.datetime.now(dt.UTC)
        try:
            with self.factory.begin() as session:
                lock = session.get(SchedulerLock, self.name, with_for_update=True)
                if lock is None:
                    session.add(SchedulerLock(name=self.name, holder=self.holder, expires_at=now + self.lease))
                    return True
                if lock.holder != self.holder and lock.expires_at > now:
                    return False
                lock.holder, lock.expires_at = self.holder, now + self.lease
                return True
        except (IntegrityError, OperationalError) as exc:  # another daemon won the race, or the DB is away
            log.debug("lease not taken: %s", exc)
            return False

    def release(self) -> None:
        """Give the lease up at a clean stop, so a standby daemon takes over at once."""
        try:
            with self.factory.begin() as session:
                lock = session.get(SchedulerLock, self.name, with_for_update=True)
                if lock is not None and lock.holder == self.holder:
                    session.delete(lock)
        except OperationalError as exc:
            log.warning("could not release the schedule lease: %s", exc)
