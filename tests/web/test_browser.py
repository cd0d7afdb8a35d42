"""A real browser on the web view: Debian's headless Chromium renders the pages, under the strict CSP."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from tests.web.conftest import fetch


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("chromium must be installed in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed here; `apt-get install chromium` to run the browser tests")
    return binary


def browse(chromium: str, tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """One headless Chromium run on a URL, logging the page's console to stderr."""
    profile = tmp_path / "profile"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--window-size=1280,1000",
               *args, url]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def console_errors(stderr: str) -> list[str]:
    """What the page itself complained of: console messages, CSP refusals, script errors."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Refused to" in line or "Uncaught" in line]


def test_events_page_renders_its_table_and_chart(chromium: str, web: str, tmp_path: Path) -> None:
    shot = tmp_path / "events.png"
    done = browse(chromium, tmp_path, f"{web}/events", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert console_errors(done.stderr) == []
    dom = browse(chromium, tmp_path, f"{web}/events", "--dump-dom").stdout
    assert len(re.findall(r"<tr>", dom)) == 9  # the header row and the eight events
    assert "<rect class=\"bar" in dom and "Số sự kiện theo tháng" in dom
    assert "<script" not in dom  # the hostile headline stayed text


def test_filter_by_party_open_an_event_and_follow_its_feed(chromium: str, web: str, tmp_path: Path) -> None:
    done = browse(chromium, tmp_path, f"{web}/events?party=KIST", "--dump-dom")
    assert console_errors(done.stderr) == []
    rows = re.findall(r"<tr>.*?</tr>", done.stdout, flags=re.DOTALL)
    assert len(rows) == 2 and "KIST" in rows[1]
    event = re.search(r'href="(/events/\d+)"', rows[1]).group(1)
    page = browse(chromium, tmp_path, web + event, "--dump-dom")
    assert console_errors(page.stderr) == []
    assert "Viện KH&amp;CN Hàn Quốc" in page.stdout and "Lưu lần đầu" in page.stdout
    feed_link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="Atom" href="([^"]+)"',
                          done.stdout).group(1).replace("&amp;", "&")
    feed = feedparser.parse(fetch(web + feed_link).body)
    assert [e.title for e in feed.entries] == ["Hội đàm, làm việc: MOST ↔ KIST"]


def test_a_phone_sized_window_shows_the_events_too(chromium: str, web: str, tmp_path: Path) -> None:
    shot = tmp_path / "phone.png"
    done = browse(chromium, tmp_path, f"{web}/events", f"--screenshot={shot}", "--window-size=390,844")
    assert shot.stat().st_size > 10_000 and console_errors(done.stderr) == []
