"""What a user sees on the console while coopwatch crawls: plain lines, quiet, JSON, a live display."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from crawler.mirror.server import MirrorServer
from tests.conftest import ROOT, Cli
from tests.crawler.test_crawl import start_args
from tests.daemon import stop_daemon, wait_for


@pytest.fixture
def cli(sqlite_cli: Cli) -> Cli:
    """What the console shows does not depend on the database; the daemon tests run on both."""
    return sqlite_cli

SCRAPY_DUMP = ("Overridden settings", "Enabled extensions", "Enabled downloader middlewares", "Telnet",
               "Remote control", "Crawled 0 pages", "Dumping Scrapy stats", "Scrapy 2.")


def user_cli(cli: Cli, **env: str) -> Cli:
    """The CLI as a user runs it: the default log level, not the suite's WARNING."""
    settings = {k: v for k, v in cli.env.items() if k not in ("COOPWATCH_LOG_LEVEL", "COOPWATCH_LOG_FORMAT")}
    return Cli(cli.database_url, {**settings, **env})


def two_sources(mirror: dict[str, MirrorServer]) -> list[str]:
    args = []
    for source in ("vtcnews", "baochinhphu"):
        named = start_args(mirror, source)
        args += ["--source", source, *(f"{source}={a}" if a.startswith("http") else a for a in named[2:])]
    return args


def assert_no_dump(text: str) -> None:
    for marker in (*SCRAPY_DUMP, "Warning", "Traceback"):
        assert marker not in text, text


def test_a_crawl_shows_one_line_per_source_as_it_starts_and_ends(mirror: dict[str, MirrorServer],
                                                                  sqlite_cli: Cli) -> None:
    done = user_cli(sqlite_cli)("crawl", *two_sources(mirror))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 4, done.stderr
    for source in ("vtcnews", "baochinhphu"):
        mine = [line for line in lines if f" {source}: " in line]
        assert "started" in mine[0] and "start URLs" in mine[0]
        assert "done, ok: " in mine[1] and "articles new, 0 updated" in mine[1] and "0 errors" in mine[1]
    assert "11 articles new" in next(line for line in lines if "vtcnews: done" in line)
    assert_no_dump(done.stderr + done.stdout)
    assert [line.split()[0] for line in done.stdout.splitlines()] == ["source", "vtcnews", "baochinhphu"]


def test_quiet_shows_only_the_end_lines_before_or_after_the_command(mirror: dict[str, MirrorServer],
                                                                     sqlite_cli: Cli) -> None:
    cli = user_cli(sqlite_cli)
    for args in (["--quiet", "crawl", *two_sources(mirror)], ["crawl", "-q", *two_sources(mirror)]):
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        assert len(lines) == 2 and all(" done, ok: " in line for line in lines), done.stderr
        assert_no_dump(done.stderr)


def test_json_log_lines_for_log_collectors(mirror: dict[str, MirrorServer], sqlite_cli: Cli) -> None:
    done = user_cli(sqlite_cli)("--log-format", "json", "crawl", *two_sources(mirror))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stderr.splitlines()]
    assert len(records) == 4
    assert all({"time", "level", "message", "source"} <= set(r) for r in records)
    ends = {r["source"]: r for r in records if r.get("event") == "source_end"}
    assert set(ends) == {"vtcnews", "baochinhphu"}
    assert ends["vtcnews"]["articles_new"] == 11 and ends["vtcnews"]["outcome"] == "ok"
    assert ends["vtcnews"]["reason"] == "finished"
    assert ends["vtcnews"]["pages"] > 11 and ends["vtcnews"]["errors"] == 0
    assert_no_dump(done.stderr)


def test_verbose_and_debug_show_scrapys_own_lines(mirror: dict[str, MirrorServer], sqlite_cli: Cli) -> None:
    verbose = user_cli(sqlite_cli)("crawl", "--verbose", *start_args(mirror, "vtcnews"))
    assert verbose.returncode == 0, verbose.stderr
    assert "Enabled extensions" in verbose.stderr and "Dumping Scrapy stats" in verbose.stderr
    debug = user_cli(sqlite_cli, COOPWATCH_LOG_LEVEL="DEBUG")("crawl", *start_args(mirror, "vtcnews"), "--refresh")
    assert debug.returncode == 0 and "Overridden settings" in debug.stderr
    assert "RemoteControl" not in verbose.stderr + debug.stderr  # the extension is not even loaded


def test_the_daemon_logs_json_lines_with_its_crawls_figures(daemon_env: dict[str, str], tmp_path: Path) -> None:
    log = tmp_path / "daemon.log"
    daemon = subprocess.Popen([sys.executable, "-m", "scheduler", "--log-format", "json", "run"], env=daemon_env,
                              cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "job=crawl:vtcnews source=vtcnews end" in log.read_text(), 120)
    finally:
        stop_daemon(daemon)
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert all({"level", "message", "source"} <= set(r) for r in records)
    crawl_end = next(r for r in records if "job=crawl:vtcnews source=vtcnews end" in r["message"])
    assert crawl_end["source"] == "vtcnews" and crawl_end["outcome"] == "ok"
    child_end = next(r for r in records if r.get("event") == "source_end")  # the crawl process's own line
    assert child_end["source"] == "vtcnews" and child_end["articles_new"] > 0
    assert not any("Scrapy" in r["message"] or "Warning" in r["message"] for r in records)


def run_on_a_terminal(cli: Cli, *args: str) -> tuple[int, str]:
    """Run the CLI with stdout and stderr on a pseudo-terminal (100x30), as in a terminal window."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**cli.env, "TERM": "xterm-256color"}
    for name in ("NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES"):
        env.pop(name, None)
    child = subprocess.Popen([sys.executable, "-m", "scheduler", *args], stdin=terminal, stdout=terminal,
                             stderr=terminal, env=env, cwd=ROOT, close_fds=True)
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: every writer of the terminal has closed it
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return child.wait(timeout=60), b"".join(chunks).decode("utf-8", errors="replace")


def test_on_a_terminal_a_live_display_shows_each_sources_figures(mirror: dict[str, MirrorServer],
                                                                 sqlite_cli: Cli) -> None:
    code, screen = run_on_a_terminal(user_cli(sqlite_cli), "crawl", *two_sources(mirror))
    assert code == 0, screen
    hide, show = "\x1b[?25l", "\x1b[?25h"  # rich hides the cursor while live and shows it at the end
    assert hide in screen and screen.rindex(show) > screen.rindex(hide), screen
    final = screen[screen.rindex(hide):]
    for source in ("vtcnews", "baochinhphu"):
        assert source in final
    assert "✓" in final and "pages" in final and "articles new" in final and "events found" in final
    table = screen[screen.rindex(show) + len(show):].splitlines()
    assert [line.split()[0] for line in table if line.strip()][-3:] == ["source", "vtcnews", "baochinhphu"]
    assert " INFO " not in screen  # the display replaces the start and end lines
    assert_no_dump(screen)
