"""One-click unsubscribe end to end: a digest to a real SMTP server, its header URL POSTed to the running web view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from alerts.tokens import unsubscribe_token
from scheduler.config import Settings
from scheduler.digests import run_digests
from storage.db import make_engine, make_session_factory, migrate
from storage.models import Subscriber
from tests.alerts.test_delivery import NOW, add_event, add_subscriber, smtp
from tests.smtp import SmtpServer
from tests.web.conftest import SECRET, fetch, start_server

ONE_CLICK = b"List-Unsubscribe=One-Click"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def store(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'mail.db'}"
    engine = make_engine(url)
    migrate(engine)
    yield url, make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def server(store):
    web = start_server(store[0], secret_key=SECRET)
    yield web
    web.stop()


def mail_settings(public_url: str = "") -> Settings:
    return Settings(mail_from="coopwatch <cw@example.org>", operator_email="ops@example.org",
                    public_url=public_url, secret_key=SECRET if public_url else "")


def subscribers(factory) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(Subscriber.email)))


def test_the_digest_header_url_posted_to_the_server_unsubscribes(store, server, smtp_server: SmtpServer) -> None:
    _, factory = store
    add_event(factory, 1)
    add_subscriber(factory, "an@example.org")
    add_subscriber(factory, "binh@example.org")
    settings = mail_settings(public_url=server.url)
    run_digests(factory, settings, smtp(smtp_server), NOW)
    message = next(m for m in smtp_server.messages if m["To"] == "an@example.org")

    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
    assert url.startswith(f"{server.url}/unsubscribe?token=")
    assert "mailto:ops@example.org" in message["List-Unsubscribe"]  # kept as a second way
    assert url in message.get_body(("plain",)).get_content()
    assert f'href="{url}"' in message.get_body(("html",)).get_content()
    assert "an@example.org" not in url  # the link does not carry the address

    confirm = fetch(url)  # a mail scanner following the link unsubscribes nobody
    assert confirm.status == 200 and "an@example.org" in confirm.text and "<form method=\"post\"" in confirm.text
    assert "an@example.org" in subscribers(factory)

    done = fetch(url, FORM, data=ONE_CLICK)
    assert done.status == 200 and "Đã hủy đăng ký: an@example.org" in done.text
    assert subscribers(factory) == ["binh@example.org"]

    add_event(factory, 2)
    sent = len(smtp_server.messages)
    outcome = run_digests(factory, settings, smtp(smtp_server), NOW.replace(day=NOW.day + 1))
    assert "an@example.org" not in outcome and outcome["binh@example.org"] == "sent"
    assert [m["To"] for m in smtp_server.messages[sent:]] == ["binh@example.org"]
    assert fetch(url, FORM, data=ONE_CLICK).status == 404  # used once: the address is gone


def test_the_confirm_button_posts_to_the_same_link(store, server) -> None:
    _, factory = store
    add_subscriber(factory, "an@example.org", lang="en")
    with factory() as session:
        subscriber = session.scalars(select(Subscriber)).one()
        token = unsubscribe_token(subscriber.id, subscriber.email, SECRET)
    page = fetch(f"{server.url}/unsubscribe?token={token}")
    assert "Stop sending coopwatch digests to an@example.org?" in page.text  # the subscriber's language
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert fetch(server.url + action, FORM, data=b"List-Unsubscribe=One-Click").status == 200
    assert subscribers(factory) == []


@pytest.mark.parametrize("token", ["", "abc", "1", "1.", "1.AAAAAAAAAAAAAAAAAAAAAAAA", "2.x", "x" * 300])
def test_forged_or_malformed_tokens_unsubscribe_nobody(store, server, token: str) -> None:
    _, factory = store
    add_subscriber(factory, "an@example.org")
    for answer in (fetch(f"{server.url}/unsubscribe?token={token}"),
                   fetch(f"{server.url}/unsubscribe?token={token}", FORM, data=ONE_CLICK)):
        assert answer.status in (400, 404) and "Traceback" not in answer.text
    assert subscribers(factory) == ["an@example.org"]


def test_a_token_signed_with_another_key_is_refused(store, server) -> None:
    _, factory = store
    add_subscriber(factory, "an@example.org")
    with factory() as session:
        subscriber = session.scalars(select(Subscriber)).one()
    forged = unsubscribe_token(subscriber.id, subscriber.email, "another-key-of-some-length")
    assert fetch(f"{server.url}/unsubscribe?token={forged}", FORM, data=ONE_CLICK).status == 404
    assert subscribers(factory) == ["an@example.org"]


def test_without_a_public_url_the_digest_keeps_its_mailto_footer(store, smtp_server: SmtpServer) -> None:
    _, factory = store
    add_event(factory, 1)
    add_subscriber(factory, "an@example.org")
    run_digests(factory, mail_settings(), smtp(smtp_server), NOW)
    (message,) = smtp_server.messages
    assert message["List-Unsubscribe"].strip().startswith("<mailto:ops@example.org")
    assert message["List-Unsubscribe-Post"] is None
    assert "coopwatch subscribers remove an@example.org" in message.get_body(("plain",)).get_content()
