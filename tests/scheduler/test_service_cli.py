"""The service commands as a user runs them: subscribers, digest preview, status, check, bad settings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from crawler.mirror.server import MirrorServer
from tests.conftest import Cli
from tests.crawler.test_crawl import start_args


@pytest.fixture
def cli(sqlite_cli: Cli) -> Cli:
    """Service commands on SQLite; the daemon and delivery tests add subscribers and send digests on PostgreSQL too."""
    return sqlite_cli


def test_subscribers_add_list_pause_remove(cli: Cli) -> None:
    assert cli("subscribers", "add", "An@Example.org", "--cadence", "weekly", "--day", "fri", "--at", "08:30",
               "--type", "mou", "--keyword", "bán dẫn", "--lang", "en").returncode == 0
    (record,) = json.loads(cli("subscribers", "list", "--format", "json").stdout)
    assert record == {"email": "an@example.org", "cadence": "weekly", "at": "08:30", "day": "fri", "lang": "en",
                      "paused": False, "sources": [], "types": ["mou"], "keywords": ["bán dẫn"], "parties": []}
    assert cli("subscribers", "pause", "an@example.org").returncode == 0
    assert "paused" in cli("subscribers", "list").stdout
    assert cli("subscribers", "remove", "an@example.org").returncode == 0
    assert "(0 subscribers)" in cli("subscribers", "list").stdout
    bad = cli("subscribers", "add", "not-an-email")
    assert bad.returncode == 2 and bad.stderr.strip() == "coopwatch: error: not an email address: 'not-an-email'"
    bad = cli("subscribers", "add", "a@example.org", "--at", "25:00")
    assert bad.returncode == 2 and "--at: expected HH:MM" in bad.stderr
    assert cli("subscribers", "remove", "nobody@example.org").returncode == 1


def test_digest_preview_and_send_to_the_outbox(mirror: dict[str, MirrorServer], cli: Cli, tmp_path: Path) -> None:
    assert cli("crawl", *start_args(mirror, "vtcnews")).returncode == 0
    cli("subscribers", "add", "an@example.org")
    preview = cli("digest", "--preview", "--subscriber", "an@example.org")
    assert preview.returncode == 0 and "VKBIA" in preview.stdout and "1 sự kiện" in preview.stdout
    out = tmp_path / "digest.html"
    assert cli("digest", "--preview", "--out", str(out)).returncode == 0
    assert "Chungbuk" in out.read_text(encoding="utf-8")
    outbox = tmp_path / "data" / "outbox"
    env_cli = Cli(cli.database_url, {**cli.env, "COOPWATCH_OUTBOX": str(outbox)})
    sent = env_cli("digest", "--send")
    assert sent.returncode == 0 and "an@example.org: sent" in sent.stdout
    (eml,) = outbox.glob("*.eml")
    assert b"List-Unsubscribe" in eml.read_bytes()
    assert "an@example.org: nothing new" in env_cli("digest", "--send").stdout
    assert len(list(outbox.glob("*.eml"))) == 1


def test_status_shows_runs_subscribers_and_no_secrets(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    assert cli("crawl", *start_args(mirror, "vtcnews")).returncode == 0
    cli("subscribers", "add", "an@example.org")
    env_cli = Cli(cli.database_url, {**cli.env, "COOPWATCH_SMTP_PASSWORD": "hunter2-secret"})
    done = env_cli("status")
    assert done.returncode == 0
    line = next(l for l in done.stdout.splitlines() if l.strip().startswith("vtcnews"))
    assert " ok " in line and " 11 " in line
    assert "an@example.org" in done.stdout and "1 events waiting" in done.stdout
    data = json.loads(env_cli("status", "--format", "json").stdout)
    assert data["sources"][2]["source"] == "vtcnews" and data["incidents"] == []
    assert "hunter2" not in done.stdout + done.stderr + json.dumps(data)


def test_check_reports_each_section(mirror: dict[str, MirrorServer], cli: Cli) -> None:
    url = mirror["vtcnews"].url
    env = {**cli.env, "COOPWATCH_SOURCES__VTCNEWS__START_URLS": json.dumps([f"{url}/the-gioi-30.html", f"{url}/nope.html"]),
           "COOPWATCH_SOURCES__VTCNEWS__FEED_URLS": json.dumps([f"{url}/rss/the-gioi.rss"])}
    done = Cli(cli.database_url, env)("check", "--source", "vtcnews")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "vtcnews:"
    assert lines[1].startswith("  ok   ") and "links; title, date" in lines[1]
    assert lines[2].startswith("  FAIL ") and "unreachable" in lines[2]
    assert lines[3].startswith("  ok   ") and "the-gioi.rss" in lines[3]


def test_bad_settings_stop_with_one_line_naming_the_setting(cli: Cli, tmp_path: Path) -> None:
    cases = {
        "COOPWATCH_SOURCES__NOPE__ENABLED": ("true", "COOPWATCH_SOURCES: unknown source 'nope'"),
        "COOPWATCH_SOURCES__VTCNEWS__CRON": ("61 * * * *", "COOPWATCH_SOURCES__VTCNEWS__CRON: bad cron expression"),
        "COOPWATCH_DATABASE_URL": ("oops", "COOPWATCH_DATABASE_URL: not a database URL"),
        "COOPWATCH_OPERATOR_EMAIL": ("ops", "COOPWATCH_OPERATOR_EMAIL: not an email address"),
        "COOPWATCH_TIMEZONE": ("Mars/Base", "COOPWATCH_TIMEZONE: unknown time zone"),
    }
    for name, (value, message) in cases.items():
        done = Cli(cli.database_url, {**cli.env, name: value})("run")
        assert done.returncode == 2, name
        assert done.stderr.startswith(f"coopwatch: error: {message}"), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_a_settings_file_is_read_and_a_readable_one_warned_about(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "coopwatch.toml"
    config.write_text('contact_email = "analyst@example.org"\nsmtp_password = "pw-in-file"\n', encoding="utf-8")
    os.chmod(config, 0o644)
    env = {k: v for k, v in cli.env.items()}
    env["COOPWATCH_CONFIG"] = str(config)
    done = Cli(cli.database_url, env)("status")
    assert done.returncode == 0
    assert "readable by other users" in done.stderr and "pw-in-file" not in done.stderr + done.stdout
    os.chmod(config, 0o600)
    assert "readable by other users" not in Cli(cli.database_url, env)("status").stderr
