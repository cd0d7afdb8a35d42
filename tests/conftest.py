"""Shared fixtures: fixture-site servers on 127.0.0.1, a SQLite file, and the CLI as a subprocess."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.mirror.server import MirrorServer, load_site

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def mirror() -> Iterator[dict[str, MirrorServer]]:
    """The three fixture sites, each on its own port of 127.0.0.1."""
    servers = {name: MirrorServer(load_site(FIXTURES / name)).start() for name in ("most", "baochinhphu", "vtcnews")}
    yield servers
    for server in servers.values():
        server.stop()


@dataclass
class Cli:
    """Runs `coopwatch` as a real process against one SQLite file."""

    database_url: str
    env: dict[str, str]

    def __call__(self, *args: str, stdin: str | None = None, timeout: int = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "scheduler", *args],
            input=stdin, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=timeout, check=False,
        )

    def json(self, *args: str) -> list[dict]:
        done = self(*args, "--format", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def here(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The same command run by `main` inside this process, for tables of one-line errors where a process
        per case only costs start-up time; the logging and environment it changes are put back."""
        from scheduler.cli import main

        out, err = io.StringIO(), io.StringIO()
        saved_env, root = dict(os.environ), logging.getLogger()
        saved_handlers, saved_level = list(root.handlers), root.level
        os.environ.clear()
        os.environ.update(self.env)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:  # argparse's usage errors
                    code = exc.code if isinstance(exc.code, int) else 1
        finally:
            os.environ.clear()
            os.environ.update(saved_env)
            root.handlers[:], root.level = saved_handlers, saved_level
            logging.captureWarnings(False)
        return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(tmp_path: Path, database_url: str) -> Cli:
    """The CLI on a fresh database: each test using it runs on SQLite and on PostgreSQL."""
    return make_cli(tmp_path, database_url)


@pytest.fixture
def cli_each_database(tmp_path: Path, database_url: str) -> Cli:
    """The same, under its own name for modules whose `cli` runs on SQLite only."""
    return make_cli(tmp_path, database_url)


@pytest.fixture
def sqlite_cli(tmp_path: Path) -> Cli:
    """The CLI on a SQLite file only (for the long fault runs)."""
    return make_cli(tmp_path, f"sqlite:///{tmp_path / 'coopwatch.db'}")


def make_cli(tmp_path: Path, url: str) -> Cli:
    env = {
        **os.environ,
        "COOPWATCH_DATABASE_URL": url,
        "COOPWATCH_DATA_DIR": str(tmp_path / "data"),
        "COOPWATCH_AUTOTHROTTLE": "false",
        "COOPWATCH_DOWNLOAD_DELAY": "0",
        "COOPWATCH_RETRY_TIMES": "1",
        "COOPWATCH_DOWNLOAD_TIMEOUT": "10",
        "COOPWATCH_LOG_LEVEL": "WARNING",
    }
    env.pop("COOPWATCH_CONFIG", None)
    return Cli(url, env)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL server for the session (the test command installs PostgreSQL in CI)."""
    from tests.pg import PostgresServer, pg_bin

    if pg_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL must be installed in CI (.ci/run installs it)")
        pytest.skip("PostgreSQL is not installed here; `apt-get install postgresql` to run these tests")
    server = PostgresServer().start()
    yield server.url
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each storage test runs on a SQLite file and on PostgreSQL (a fresh database each time)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    import uuid

    from sqlalchemy import create_engine, text

    base = request.getfixturevalue("postgres_url")
    name = "t" + uuid.uuid4().hex[:12]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def smtp_server() -> Iterator[Any]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it accepts."""
    from tests.smtp import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def factory(database_url: str):
    """A migrated store (SQLite file, then PostgreSQL) and its session factory."""
    from storage.db import make_engine, make_session_factory, migrate

    engine = make_engine(database_url)
    migrate(engine)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def daemon_env(cli: Cli, mirror: dict[str, MirrorServer], smtp_server: Any, tmp_path: Path) -> dict[str, str]:
    """Settings for a daemon crawling the VTC fixture site every 3 s and mailing the test SMTP server."""
    vtc = mirror["vtcnews"].url
    env = {
        **cli.env,
        "COOPWATCH_SOURCES__MOST__ENABLED": "false",
        "COOPWATCH_SOURCES__BAOCHINHPHU__ENABLED": "false",
        "COOPWATCH_SOURCES__VTCNEWS__START_URLS": f'["{vtc}/thoi-su-quoc-te-53.html", "{vtc}/the-gioi-30.html"]',
        "COOPWATCH_SOURCES__VTCNEWS__FEED_URLS": "[]",
        "COOPWATCH_SOURCES__VTCNEWS__INTERVAL_MINUTES": "0.05",
        "COOPWATCH_CRAWL_JITTER_SECONDS": "0",
        "COOPWATCH_DIGEST_CHECK_MINUTES": "0.05",
        "COOPWATCH_INCIDENT_FAILED_RUNS": "2",
        "COOPWATCH_LEADER_LEASE_SECONDS": "3",  # a killed daemon's lease expires quickly
        # the fixture site answers at once; on a loaded machine a 10 s limit could make it look down
        "COOPWATCH_DOWNLOAD_TIMEOUT": "60",
        "COOPWATCH_SMTP_HOST": "127.0.0.1",
        "COOPWATCH_SMTP_PORT": str(smtp_server.port),
        "COOPWATCH_SMTP_SECURITY": "none",
        "COOPWATCH_MAIL_FROM": "coopwatch <cw@example.org>",
        "COOPWATCH_OPERATOR_EMAIL": "ops@example.org",
        "COOPWATCH_LOG_LEVEL": "INFO",
    }
    done = subprocess.run([sys.executable, "-m", "scheduler", "subscribers", "add", "an@example.org", "--at", "00:00"],
                          env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return env
