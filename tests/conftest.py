"""Shared fixtures: fixture-site servers on 127.0.0.1, a SQLite file, and the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
            input=stdin, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=timeout,
        )

    def json(self, *args: str) -> list[dict]:
        done = self(*args, "--format", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    url = f"sqlite:///{tmp_path / 'coopwatch.db'}"
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
