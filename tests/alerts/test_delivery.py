"""Digests delivered exactly once to a real SMTP server that accepts, refuses, stalls and drops."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from alerts.send import OutboxSender, SmtpSender
from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from scheduler.config import Settings
from scheduler.digests import due, run_digests
from scheduler.watch import evaluate_mail, notify_operator
from storage.models import Digest, Incident, Subscriber
from storage.repository import ArticleRepository, EventRepository
from tests.smtp import SmtpServer, free_port

NOW = dt.datetime(2026, 11, 22, 1, 0, tzinfo=dt.UTC)  # 08:00 in Hà Nội


def settings(**extra) -> Settings:
    return Settings(mail_from="coopwatch <cw@example.org>", operator_email="ops@example.org", **extra)


def add_event(factory, n: int, kind: EventType = EventType.MOU, source: str = "vtcnews") -> None:
    item = NewsItem(source=source, url=f"https://vtcnews.vn/a-ar{n}.html", site_article_id=str(n),
                    title=f"Tin {n}", sapo=f"Tóm tắt {n}", body="…", published_at=NOW, fetched_at=NOW)
    extraction = Extraction(relevant=True, events=(CooperationEvent(
        type=kind, date=dt.date(2026, 11, n % 28 + 1),
        vn_parties=(Party(name=f"Viện Việt {n}"),), kr_parties=(Party(name=f"Viện Hàn Quốc {n}"),),
        evidence=(f"Hôm qua, Viện Việt {n} và Viện Hàn Quốc {n} đã ký <thỏa thuận> hợp tác.",)),))
    with factory.begin() as session:
        _, article = ArticleRepository(session).save(item, NOW)
        EventRepository(session).save_extraction(article, extraction, NOW)


def add_subscriber(factory, email: str = "an@example.org", **fields) -> None:
    values = {"cadence": "daily", "at": "07:00", "weekday": 0, "sources": [], "types": [], "keywords": [],
              "parties": [], "lang": "vi", **fields}
    with factory.begin() as session:
        session.add(Subscriber(email=email, created_at=NOW - dt.timedelta(days=2), **values))


def smtp(server: SmtpServer, **kw) -> SmtpSender:
    return SmtpSender("127.0.0.1", server.port, "none", kw.get("user", ""), kw.get("password", ""), timeout=kw.get("timeout", 5))


def digests(factory) -> list[Digest]:
    with factory() as session:
        return list(session.scalars(select(Digest).order_by(Digest.id)))


def test_a_digest_is_sent_once_and_nothing_new_sends_nothing(factory, smtp_server: SmtpServer) -> None:
    add_event(factory, 1)
    add_event(factory, 2, EventType.MEETING)
    add_subscriber(factory)
    assert run_digests(factory, settings(), smtp(smtp_server), NOW) == {"an@example.org": "sent"}
    (message,) = smtp_server.messages
    assert "2 sự kiện" in message["Subject"]
    assert "Viện Việt 1 ↔ Viện Hàn Quốc 1" in message.get_body(("plain",)).get_content()
    # each event quotes the sentence it was read from, escaped in the HTML part
    plain, html_part = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html_part is not None
    assert "“Hôm qua, Viện Việt 1 và Viện Hàn Quốc 1 đã ký <thỏa thuận> hợp tác.”" in plain.get_content()
    html = html_part.get_content()
    assert "Viện Việt 2 và Viện Hàn Quốc 2 đã ký &lt;thỏa thuận&gt; hợp tác." in html and "<thỏa" not in html
    assert run_digests(factory, settings(), smtp(smtp_server), NOW + dt.timedelta(days=1)) == {"an@example.org": "nothing new"}
    add_event(factory, 3)
    run_digests(factory, settings(), smtp(smtp_server), NOW + dt.timedelta(days=2))
    assert len(smtp_server.messages) == 2
    assert "Viện Việt 3" in smtp_server.messages[1].get_body(("plain",)).get_content()
    assert "Viện Việt 1 " not in smtp_server.messages[1].get_body(("plain",)).get_content()


def test_temporary_refusals_are_retried_with_the_same_message_id(factory, smtp_server: SmtpServer) -> None:
    add_event(factory, 1)
    add_subscriber(factory)
    for mode in ("451", "421"):
        smtp_server.behaviour.mode = mode
        outcome = run_digests(factory, settings(), smtp(smtp_server), NOW)
        assert outcome == {"an@example.org": "temporary"} or outcome == {"an@example.org": "waiting"}
    (digest,) = digests(factory)
    assert digest.status == "pending" and digest.attempts == 1 and "451" in digest.last_error
    with factory() as session:
        assert session.scalars(select(Subscriber)).one().watermark_event_id == 0
    smtp_server.behaviour.mode = "accept"
    assert run_digests(factory, settings(), smtp(smtp_server), NOW + dt.timedelta(hours=1)) == {"an@example.org": "sent"}
    (message,) = smtp_server.messages
    assert message["Message-ID"] == digest.message_id
    assert [d.status for d in digests(factory)] == ["sent"]


def test_refused_connection_loses_nothing(factory, tmp_path: Path) -> None:
    add_event(factory, 1)
    add_subscriber(factory)
    dead = SmtpSender("127.0.0.1", free_port(), "none", "", "", timeout=2)
    assert run_digests(factory, settings(), dead, NOW) == {"an@example.org": "temporary"}
    assert "cannot reach" in digests(factory)[0].last_error
    outbox = OutboxSender(tmp_path / "outbox")
    assert run_digests(factory, settings(), outbox, NOW + dt.timedelta(hours=1)) == {"an@example.org": "sent"}
    (eml,) = (tmp_path / "outbox").glob("*.eml")
    assert digests(factory)[0].message_id.strip("<>").split("@")[0] in eml.name


def test_a_timeout_after_data_is_retried_with_the_same_message_id(factory, smtp_server: SmtpServer) -> None:
    add_event(factory, 1)
    add_subscriber(factory)
    smtp_server.behaviour.mode, smtp_server.behaviour.delay = "slow", 3
    assert run_digests(factory, settings(), smtp(smtp_server, timeout=1), NOW) == {"an@example.org": "temporary"}
    assert "DATA interrupted" in digests(factory)[0].last_error
    smtp_server.behaviour.mode = "accept"
    run_digests(factory, settings(), smtp(smtp_server), NOW + dt.timedelta(hours=1))
    # the server kept the first copy too: both carry one Message-ID, so mail clients show one message
    assert {m["Message-ID"] for m in smtp_server.messages} == {digests(factory)[0].message_id}
    assert [d.status for d in digests(factory)] == ["sent"]


def test_a_disconnect_during_data_loses_nothing(factory, smtp_server: SmtpServer) -> None:
    add_event(factory, 1)
    add_subscriber(factory)
    smtp_server.behaviour.mode = "drop"
    assert run_digests(factory, settings(), smtp(smtp_server), NOW) == {"an@example.org": "temporary"}
    smtp_server.behaviour.mode = "accept"
    assert run_digests(factory, settings(), smtp(smtp_server), NOW + dt.timedelta(hours=1)) == {"an@example.org": "sent"}
    assert len(smtp_server.messages) == 1


def test_bad_login_holds_the_digest_opens_an_incident_and_tells_the_operator(factory) -> None:
    server = SmtpServer(auth=True).start()
    try:
        add_event(factory, 1)
        add_subscriber(factory)
        wrong = smtp(server, user="cw", password="wrong")
        assert run_digests(factory, settings(), wrong, NOW) == {"an@example.org": "permanent"}
        assert digests(factory)[0].status == "held"
        assert "535" in digests(factory)[0].last_error and "wrong" not in digests(factory)[0].last_error
        evaluate_mail(factory, NOW)
        with factory() as session:
            (incident,) = session.scalars(select(Incident)).all()
            assert incident.kind == "smtp" and incident.closed_at is None
        right = smtp(server, user="cw", password="s3cret-pw")
        assert run_digests(factory, settings(), right, NOW + dt.timedelta(days=1)) == {"an@example.org": "sent"}
        assert len(server.messages) == 1
        evaluate_mail(factory, NOW + dt.timedelta(days=1))
        with factory() as session:
            assert session.scalars(select(Incident)).one().closed_at is not None
    finally:
        server.stop()


def test_operator_is_mailed_once_per_incident_opened_and_closed(factory, smtp_server: SmtpServer) -> None:
    with factory.begin() as session:
        session.add(Incident(source="vtcnews", kind="failing", detail="3 runs failed", opened_at=NOW))
    sender = smtp(smtp_server)
    notify_operator(factory, sender, settings(), NOW)
    notify_operator(factory, sender, settings(), NOW)
    assert [m["Subject"] for m in smtp_server.messages] == ["coopwatch: vtcnews needs attention (failing)"]
    with factory.begin() as session:
        session.scalars(select(Incident)).one().closed_at = NOW
    notify_operator(factory, sender, settings(), NOW)
    notify_operator(factory, sender, settings(), NOW)
    assert [m["Subject"] for m in smtp_server.messages][1:] == ["coopwatch: vtcnews recovered (failing)"]
    assert all(m["To"] == "ops@example.org" for m in smtp_server.messages)


def test_jobs_telling_the_operator_at_the_same_moment_send_one_mail(factory, smtp_server: SmtpServer) -> None:
    # the daemon tells the operator after each source's crawl and after each digest round, in its own
    # threads: an incident opened while both run must still be one mail
    with factory.begin() as session:
        session.add(Incident(source="vtcnews", kind="failing", detail="3 runs failed", opened_at=NOW))
    start = threading.Barrier(4)

    def tell() -> None:
        start.wait()
        notify_operator(factory, smtp(smtp_server), settings(), NOW)

    threads = [threading.Thread(target=tell) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [m["Subject"] for m in smtp_server.messages] == ["coopwatch: vtcnews needs attention (failing)"]


def test_filters(factory, smtp_server: SmtpServer) -> None:
    add_event(factory, 1, EventType.MOU)
    add_event(factory, 2, EventType.MEETING)
    add_event(factory, 3, EventType.MOU, source="baochinhphu")
    add_subscriber(factory, "types@example.org", types=["meeting"])
    add_subscriber(factory, "src@example.org", sources=["baochinhphu"])
    add_subscriber(factory, "party@example.org", parties=["Hàn Quốc 1"])
    add_subscriber(factory, "kw@example.org", keywords=["tóm tắt 2"])
    run_digests(factory, settings(), smtp(smtp_server), NOW)
    got = {m["To"]: m.get_body(("plain",)).get_content() for m in smtp_server.messages}
    assert "Viện Việt 2" in got["types@example.org"] and "Viện Việt 1 " not in got["types@example.org"]
    assert "Viện Việt 3" in got["src@example.org"] and "Viện Việt 2" not in got["src@example.org"]
    assert "Viện Việt 1 " in got["party@example.org"] and "Viện Việt 3" not in got["party@example.org"]
    assert "Viện Việt 2" in got["kw@example.org"] and "Viện Việt 3" not in got["kw@example.org"]


@pytest.mark.parametrize(
    ("cadence", "at", "weekday", "last", "now", "expected"),
    [
        ("daily", "07:00", 0, None, "2026-11-22T00:30+00:00", True),   # 07:30 local, created 2 days ago
        ("daily", "07:00", 0, "2026-11-22T00:10+00:00", "2026-11-22T00:30+00:00", False),  # handled at 07:10
        ("daily", "09:00", 0, "2026-11-21T02:10+00:00", "2026-11-22T00:30+00:00", False),  # 09:00 not yet
        ("weekly", "07:00", 6, "2026-11-16T00:00+00:00", "2026-11-22T00:30+00:00", True),  # Sunday 22/11
        ("weekly", "07:00", 0, "2026-11-16T00:30+00:00", "2026-11-22T00:30+00:00", False),  # next Monday
    ],
)
def test_due(cadence: str, at: str, weekday: int, last: str | None, now: str, expected: bool) -> None:
    subscriber = Subscriber(email="x@example.org", cadence=cadence, at=at, weekday=weekday,
                            created_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
                            last_digest_at=dt.datetime.fromisoformat(last) if last else None)
    assert due(subscriber, dt.datetime.fromisoformat(now), "Asia/Ho_Chi_Minh") is expected


def test_a_permanent_refusal_of_the_message_holds_it_for_the_operator(factory, smtp_server: SmtpServer) -> None:
    add_event(factory, 1)
    add_subscriber(factory)
    smtp_server.behaviour.mode = "554"
    assert run_digests(factory, settings(), smtp(smtp_server), NOW) == {"an@example.org": "permanent"}
    assert digests(factory)[0].status == "held"
    evaluate_mail(factory, NOW)
    with factory() as session:
        assert session.scalars(select(Incident)).one().kind == "smtp"
    smtp_server.behaviour.mode = "accept"
    assert run_digests(factory, settings(), smtp(smtp_server), NOW + dt.timedelta(days=1)) == {"an@example.org": "sent"}
    assert len(smtp_server.messages) == 1


def test_the_mailed_digest_is_the_corrected_view(factory, smtp_server: SmtpServer) -> None:
    """A subscriber's mail shows what the analysts corrected: a corrected type and party (found by the
    subscriber's filter on the corrected party), an organisation's new name, and no hidden event."""
    from storage.correction_log import CorrectionLog, Who
    from storage.models import Event

    for n in (1, 2, 3):
        add_event(factory, n)
    add_subscriber(factory, "meetings@example.org", types=["meeting"])
    add_subscriber(factory, "party@example.org", parties=["Quỹ Đổi Mới"])
    add_subscriber(factory)
    with factory.begin() as session:
        first, second, third = session.scalars(select(Event).order_by(Event.id)).all()
        log, who = CorrectionLog(session), Who("analyst@example.org", NOW, "read the article")
        log.edit(first.id, {"type": "meeting", "kr_parties": [log.party("KR", "Quỹ Đổi Mới")]}, who)
        log.hide(second.id, who)
        log.rename_party(third.parties("VN")[0].id, "Viện Khoa học Ba", "Institute Three", who)
    run_digests(factory, settings(), smtp(smtp_server), NOW)
    got = {m["To"]: m.get_body(("plain",)).get_content() for m in smtp_server.messages}
    assert set(got) == {"meetings@example.org", "party@example.org", "an@example.org"}
    for text in got.values():  # (the quoted evidence sentence is the article's, as it was written)
        assert "Viện Việt 1 ↔ Quỹ Đổi Mới" in text and "↔ Viện Hàn Quốc 1" not in text
    everything = got["an@example.org"]
    assert {m["To"]: m["Subject"] for m in smtp_server.messages}["an@example.org"].count("2 sự kiện") == 1
    assert "Viện Việt 2" not in everything  # hidden
    assert "Viện Khoa học Ba ↔ Viện Hàn Quốc 3" in everything and "Viện Việt 3 ↔" not in everything
    assert "Viện Hàn Quốc 3" not in got["meetings@example.org"]  # a mou: the corrected meeting alone
