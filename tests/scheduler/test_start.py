"""`coopwatch start`: a quick reachability check of every host first, then a crawl of those that
answer, or the offline demo when none does."""

from __future__ import annotations

import socket

from crawler.mirror.server import MirrorServer
from tests.conftest import Cli
from tests.test_console import assert_no_dump, user_cli


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sources_env(**urls: str | None) -> dict[str, str]:
    """Each source's start URL (no feeds), or the source disabled for None."""
    env = {}
    for source, url in urls.items():
        key = f"COOPWATCH_SOURCES__{source.upper()}__"
        if url is None:
            env[key + "ENABLED"] = "false"
        else:
            env[key + "START_URLS"] = f'["{url}"]'
            env[key + "FEED_URLS"] = "[]"
    return env


def test_with_no_host_reachable_start_says_so_and_runs_the_demo(sqlite_cli: Cli) -> None:
    port = closed_port()
    env = sources_env(most=f"http://127.0.0.1:{port}/tin-tuc-su-kien/khoa-hoc-va-cong-nghe.htm",
                      baochinhphu="https://baochinhphu.invalid/quoc-te.htm", vtcnews=None)
    done = user_cli(sqlite_cli, **env)("start")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert f"checking 127.0.0.1:{port}, baochinhphu.invalid …" in lines[0]
    assert f"cannot reach 127.0.0.1:{port} (connection refused), baochinhphu.invalid (DNS lookup failed)" in lines[1]
    assert "no source could be reached (no internet?): running the offline demo instead" in lines[2]
    assert "serving the offline mirrors" in lines[3]  # no crawl of the unreachable hosts first
    assert "cooperation events stored" in done.stdout and "VKBIA" in done.stdout
    assert_no_dump(done.stderr + done.stdout)


def test_start_crawls_only_the_sources_that_answer(mirror: dict[str, MirrorServer], sqlite_cli: Cli) -> None:
    env = sources_env(most=None, baochinhphu="https://baochinhphu.invalid/quoc-te.htm",
                      vtcnews=f"{mirror['vtcnews'].url}/the-gioi-30.html")
    done = user_cli(sqlite_cli, **env)("--quiet", "start")
    assert done.returncode == 0, done.stderr
    assert "cannot reach baochinhphu.invalid (DNS lookup failed); not crawling baochinhphu" in done.stderr
    assert "vtcnews: done, ok" in done.stderr and "offline demo" not in done.stderr
    table = [line.split()[0] for line in done.stdout.splitlines()]
    assert table == ["source", "vtcnews"]
