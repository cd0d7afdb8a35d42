"""A crawl opens no server of its own: no telnet console, no RemoteControl HTTP endpoint, no token file."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from crawler.mirror.server import MirrorServer
from tests.conftest import ROOT, Cli
from tests.crawler.test_crawl import start_args
from tests.daemon import wait_for

LISTEN = "0A"  # the TCP state in /proc/net/tcp


def listening_ports(pid: int) -> set[int]:
    """Ports of the TCP sockets process `pid` holds in the LISTEN state (IPv4 and IPv6)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    ports = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == LISTEN and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def test_a_running_crawl_listens_on_no_port_and_writes_no_token_file(mirror: dict[str, MirrorServer],
                                                                      sqlite_cli: Cli, tmp_path: Path) -> None:
    assert mirror["vtcnews"].port in listening_ports(os.getpid())  # the check sees a real listener
    release = threading.Event()
    slow = "/the-gioi-30.html"

    def hold(path: str) -> None:  # keeps the crawl running until the sockets have been looked at
        if path == slow:
            release.wait(120)

    mirror["vtcnews"].hook = hold  # type: ignore[assignment]
    state, home = tmp_path / "state", tmp_path / "home"
    env = {**sqlite_cli.env, "XDG_STATE_HOME": str(state), "HOME": str(home), "COOPWATCH_LOG_LEVEL": "INFO"}
    crawl = subprocess.Popen([sys.executable, "-m", "scheduler", "crawl", *start_args(mirror, "vtcnews")],
                             env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: slow in mirror["vtcnews"].requests, 120)  # the spider and its extensions are up
        assert listening_ports(crawl.pid) == set()
    finally:
        release.set()
    _, err = crawl.communicate(timeout=120)
    assert crawl.returncode == 0, err
    assert "vtcnews: done, ok" in err and "Remote control" not in err
    written = [p for p in (state, home) if p.exists() for p in p.rglob("*") if p.is_file()]
    assert written == []  # Scrapy would put a job file with the bearer token under scrapy/job_files
