"""`coopwatch serve` and `coopwatch run` with COOPWATCH_WEB_PORT, as real processes."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, make_cli
from tests.daemon import start_daemon, stop_daemon, wait_for
from tests.smtp import free_port
from tests.web.conftest import fetch, run_cli


def test_serve_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    cli = make_cli(tmp_path, f"sqlite:///{tmp_path / 'serve.db'}")
    process = subprocess.Popen([sys.executable, "-m", "scheduler", "serve", "--port", "0"], env=cli.env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith("coopwatch web view on http://127.0.0.1:"), process.stderr.read()
        url = line.split(" on ")[1].split()[0]
        answer = fetch(url)
        assert answer.status == 200 and "0 sự kiện" in answer.text
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    assert "Traceback" not in process.stderr.read()


def test_a_taken_port_is_one_line(tmp_path: Path) -> None:
    cli = make_cli(tmp_path, f"sqlite:///{tmp_path / 'serve.db'}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = cli("serve", "--port", str(port))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"coopwatch: error: serve: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_a_public_url_needs_a_secret_key(tmp_path: Path) -> None:
    cli = make_cli(tmp_path, f"sqlite:///{tmp_path / 'serve.db'}")
    done = run_cli("serve", env={**cli.env, "COOPWATCH_PUBLIC_URL": "https://cw.example.org"})
    assert done.returncode == 2
    assert done.stderr.strip() == ("coopwatch: error: COOPWATCH_SECRET_KEY: needed (16 characters or more, or "
                                   "COOPWATCH_SECRET_KEY_FILE) when COOPWATCH_PUBLIC_URL is set")
    key = tmp_path / "key"
    key.write_text("k" * 32 + "\n")
    done = run_cli("serve", "--port", "-1", env={**cli.env, "COOPWATCH_PUBLIC_URL": "https://cw.example.org",
                                                 "COOPWATCH_SECRET_KEY_FILE": str(key)})
    assert done.stderr.strip() == "coopwatch: error: serve: --port -1: not a port number"


def test_the_daemon_serves_the_web_view_when_a_port_is_set(tmp_path: Path) -> None:
    cli = make_cli(tmp_path, f"sqlite:///{tmp_path / 'daemon.db'}")
    port = free_port()
    env = {**cli.env, "COOPWATCH_WEB_PORT": str(port), "COOPWATCH_LOG_LEVEL": "INFO",
           **{f"COOPWATCH_SOURCES__{s}__ENABLED": "false" for s in ("MOST", "BAOCHINHPHU", "VTCNEWS")}}
    log = tmp_path / "daemon.log"
    daemon = start_daemon(env, log)
    try:
        def answers() -> bool:
            try:
                return fetch(f"http://127.0.0.1:{port}/sources").status == 200
            except OSError:
                return False
        wait_for(answers, timeout=60)
        assert f"web view on http://127.0.0.1:{port}" in log.read_text()
    finally:
        assert stop_daemon(daemon) < 15
    try:
        fetch(f"http://127.0.0.1:{port}/events")
        raise AssertionError("the web view still answers after the daemon stopped")
    except OSError:
        pass


def test_demo_serve_crawls_the_mirrors_then_serves_them(tmp_path: Path) -> None:
    cli = make_cli(tmp_path, f"sqlite:///{tmp_path / 'unused.db'}")
    env = {**cli.env, "COOPWATCH_WEB_PORT": str(free_port())}
    process = subprocess.Popen([sys.executable, "-m", "scheduler", "demo", "--serve"], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        while not (lines and lines[-1].startswith("coopwatch web view on ")):
            line = process.stdout.readline()
            assert line, "demo --serve ended without serving: " + process.stderr.read()
            lines.append(line)
        url = lines[-1].split(" on ")[1].split()[0]
        answer = fetch(url)
        assert answer.status == 200 and "KIST" in answer.text
        assert "cooperation events stored in" in "".join(lines)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
