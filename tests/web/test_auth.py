"""Accounts, signing in and correcting on the web: the users CLI as a real process, the web view on a
real server (127.0.0.1) over a copy of the crawled SQLite file."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.db import make_engine, make_session_factory
from storage.models import AccountChange, Correction, Event, User
from tests.conftest import ROOT
from tests.web.client import Client
from tests.web.conftest import SECRET, start_server
from web.app import create_app
from web.auth import check_csrf
from web.deps import WebConfig

PASSWORD = "correct horse battery"
ANALYST = "analyst@example.org"
READER = "reader@example.org"


def coopwatch(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COOPWATCH_DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "scheduler", *args], input=stdin, check=False,
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=180)


@pytest.fixture(scope="module")
def accounts_database(web_database: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The crawled database with an analyst and a reader, added once by the real CLI."""
    path = tmp_path_factory.mktemp("auth") / "accounts.db"
    shutil.copy(web_database.removeprefix("sqlite:///"), path)
    for email, role in ((ANALYST, "analyst"), (READER, "reader")):
        done = coopwatch(f"sqlite:///{path}", "users", "add", email, "--role", role, stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def database(accounts_database: Path, tmp_path: Path) -> str:
    """A test's own copy of the database with the two accounts."""
    copy = tmp_path / "auth.db"
    shutil.copy(accounts_database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def site(database: str) -> Iterator[str]:
    server = start_server(database, secret_key=SECRET)
    yield server.url
    server.stop()


def first_event(database: str) -> int:
    engine = make_engine(database)
    with make_session_factory(engine)() as session:
        number = session.scalars(select(Event.id).order_by(Event.id)).first()
    engine.dispose()
    assert number is not None
    return number


def another_type(site: str, event: int) -> str:
    """An event type other than the event's own (which event comes first depends on the crawl's order)."""
    current = json.loads(Client(site).get(f"/api/events/{event}").text)["type"]
    return next(t for t in ("agreement", "meeting", "mou") if t != current)


def audit_list(database: str) -> list[dict[str, object]]:
    """`corrections list`: the corrections and the changes of accounts, oldest first."""
    done = coopwatch(database, "corrections", "list", "--format", "json")
    assert done.returncode == 0, done.stderr
    records: list[dict[str, object]] = json.loads(done.stdout)
    return records


def corrections(database: str) -> list[dict[str, object]]:
    return [c for c in audit_list(database) if c["account"] is None]


def test_users_are_added_listed_and_removed_from_the_command_line(database: str, tmp_path: Path) -> None:
    listed = coopwatch(database, "users", "list", "--format", "json")
    assert [(u["email"], u["role"]) for u in json.loads(listed.stdout)] == [(ANALYST, "analyst"), (READER, "reader")]
    secret = tmp_path / "password"
    secret.write_text("another long password\n", encoding="utf-8")
    added = coopwatch(database, "users", "add", "New@Example.org", "--role", "analyst", "--password-file", str(secret))
    assert added.returncode == 0 and added.stdout.strip() == "user new@example.org added (analyst)"
    assert "another long password" not in added.stdout + added.stderr
    engine = make_engine(database)
    with make_session_factory(engine)() as session:
        stored = session.scalars(select(User.password_hash).where(User.email == "new@example.org")).one()
    engine.dispose()
    assert stored.startswith("$argon2id$") and "another" not in stored

    for args, stdin, error in [
        (("add", ANALYST, "--role", "analyst"), PASSWORD, f"users add: there is already a user {ANALYST}"),
        (("add", "x@example.org", "--role", "analyst"), "short", "users add: the password must have at least 10 characters"),
        (("add", "not-an-address", "--role", "reader"), PASSWORD, "users add: not an email address: 'not-an-address'"),
        (("remove", "nobody@example.org"), "", "users remove: no user nobody@example.org"),
    ]:
        done = coopwatch(database, "users", *args, stdin=stdin + "\n")
        assert (done.returncode, done.stderr.strip()) == (2, f"coopwatch: error: {error}")
    removed = coopwatch(database, "users", "remove", "new@example.org")
    assert removed.returncode == 0 and removed.stdout.strip() == "user new@example.org removed"


def test_wrong_passwords_are_refused_then_rate_limited_per_address(
    site: str, database: str, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="coopwatch.web")
    browser = Client(site)
    for _ in range(5):
        wrong = browser.sign_in(ANALYST, "not the password")
        assert wrong.status == 401 and "Sai email hoặc mật khẩu." in wrong.text
    limited = browser.sign_in(ANALYST, PASSWORD)  # even the right password, while the limit holds
    assert limited.status == 429 and "Quá nhiều lần đăng nhập sai" in limited.text
    assert 'class="correct"' not in browser.get(f"/events/{first_event(database)}").text
    from_elsewhere = Client(site, source="127.0.0.2").sign_in(ANALYST, PASSWORD)
    assert from_elsewhere.status == 429  # the address is limited, from any client
    assert Client(site, source="127.0.0.2").sign_in(READER, PASSWORD).status == 303  # another address is not
    messages = [r.getMessage() for r in caplog.records]
    assert messages.count(f"failed sign-in for {ANALYST!r} from 127.0.0.1") == 5
    assert any("too many failures" in m for m in messages)


def test_one_client_guessing_many_addresses_is_rate_limited(site: str) -> None:
    guesser = Client(site, source="127.0.0.3")
    for n in range(5):
        assert guesser.sign_in(f"guess{n}@example.org", "password123").status == 401
    assert guesser.sign_in(READER, PASSWORD).status == 429
    assert Client(site).sign_in(READER, PASSWORD).status == 303


def test_the_session_cookie_is_signed_httponly_and_lax(site: str, database: str) -> None:
    browser = Client(site)
    signed = browser.sign_in(ANALYST, PASSWORD)
    assert signed.status == 303 and signed.location == "/events"
    cookie = next(c for c in signed.headers.get_all("Set-Cookie") or [] if c.startswith("coopwatch_session="))
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower() and "secure" not in cookie.lower()
    forged = Client(site, cookies={"coopwatch_session": browser.cookies["coopwatch_session"][:-3] + "abc"})
    event = first_event(database)
    assert 'class="correct"' in browser.get(f"/events/{event}").text
    assert 'class="correct"' not in forged.get(f"/events/{event}").text
    assert f"Đăng nhập: {ANALYST}" in browser.get("/events").text
    assert browser.post("/logout", {"csrf": browser.csrf(f"/events/{event}")}).status == 303
    assert 'class="correct"' not in browser.get(f"/events/{event}").text


def test_posts_without_the_csrf_token_are_refused(site: str, database: str) -> None:
    event = first_event(database)
    analyst = Client(site)
    assert analyst.sign_in(ANALYST, PASSWORD).status == 303
    form = {"action": "place", "place": "Thị trấn Thử", "why": "checked"}
    assert analyst.post(f"/events/{event}/correct", form).status == 403
    assert analyst.post(f"/events/{event}/correct", {**form, "csrf": "forged"}).status == 403
    assert Client(site).post("/login", {"email": ANALYST, "password": PASSWORD}).status == 403
    assert analyst.post("/logout", {}).status == 403
    assert corrections(database) == []
    token = analyst.csrf(f"/events/{event}")
    assert analyst.post(f"/events/{event}/correct", {**form, "csrf": token}).status == 303
    assert [c["after"] for c in corrections(database)] == ["Thị trấn Thử"]


def test_every_form_post_but_one_click_unsubscribe_checks_the_csrf_token() -> None:
    app = create_app(None, WebConfig(secret_key=SECRET))  # type: ignore[arg-type]
    routes = [r for entry in app.routes for r in getattr(getattr(entry, "original_router", None), "routes", [entry])]
    posts = {r.path: check_csrf in [d.call for d in r.dependant.dependencies]  # type: ignore[attr-defined]
             for r in routes if "POST" in (getattr(r, "methods", None) or ())}
    assert posts == {"/events/{event_id}/correct": True, "/parties/{party_id}/correct": True, "/login": True,
                     "/logout": True, "/unsubscribe": False}


def test_a_reader_not_signed_in_or_not_an_analyst_cannot_edit(site: str, database: str) -> None:
    event = first_event(database)
    anonymous = Client(site)
    page = anonymous.get(f"/events/{event}")
    assert page.status == 200 and 'class="correct"' not in page.text and 'href="/login' in page.text
    assert page.headers.get("Set-Cookie") is None  # reading gives no session cookie
    token = anonymous.csrf("/login")  # a valid token of an anonymous session
    refused = anonymous.post(f"/events/{event}/correct", {"csrf": token, "action": "hide", "why": "spam"})
    assert refused.status == 403 and "Only a signed-in analyst" not in refused.text  # Vietnamese by default
    assert "Chỉ người phân tích đã đăng nhập" in refused.text
    reader = Client(site)
    assert reader.sign_in(READER, PASSWORD).status == 303
    page = reader.get(f"/events/{event}")
    assert 'class="correct"' not in page.text and f"Đăng nhập: {READER}" in page.text
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # the sign-out form's
    assert reader.post(f"/events/{event}/correct", {"csrf": token, "action": "hide", "why": "x"}).status == 403
    assert corrections(database) == []


def test_an_analyst_corrects_type_date_place_and_parties_then_hides(site: str, database: str) -> None:
    event = first_event(database)
    analyst = Client(site)
    analyst.sign_in(ANALYST, PASSWORD)
    page = analyst.get(f"/events/{event}?lang=en")
    assert page.headers["Cache-Control"] == "private, no-store"
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    replace = re.search(r'<select name="replace"><option value="(KR:\d+)"', page.text) or \
        re.search(r'<option value="(KR:\d+)"', page.text)
    assert replace is not None

    def send(**form: str) -> str:
        done = analyst.post(f"/events/{event}/correct?lang=en", {"csrf": token, "why": "read the article", **form})
        assert done.status == 303, re.findall(r'class="error"[^<]*<|<p class="reason">[^<]*', done.text)
        return analyst.get(done.location).text

    wanted = another_type(site, event)
    send(action="type", type=wanted)
    assert json.loads(analyst.get(f"/api/events/{event}").text)["type"] == wanted
    shown = send(action="date", date="2001-02-03")
    assert 'value="2001-02-03"' in shown
    assert "Thị trấn Thử" in send(action="place", place="  Thị trấn   Thử ")
    shown = send(action="party", replace=replace.group(1), name="Quỹ Thử nghiệm Hàn Quốc", side="KR")
    assert "Quỹ Thử nghiệm Hàn Quốc" in shown
    assert "Viện Mới" in send(action="party", replace="", name="Viện Mới", side="VN")

    bad = analyst.post(f"/events/{event}/correct?lang=en", {"csrf": token, "action": "date", "date": "03/06/2024"})
    assert bad.status == 400 and bad.text.count('class="error"') == 1
    assert "not a date (YYYY-MM-DD): &#39;03/06/2024&#39;" in bad.text and "Traceback" not in bad.text
    same = analyst.post(f"/events/{event}/correct?lang=en", {"csrf": token, "action": "place", "place": "Thị trấn Thử"})
    assert same.status == 400 and "nothing to correct" in same.text

    hidden = analyst.post(f"/events/{event}/correct", {"csrf": token, "action": "hide", "why": "not an event"})
    assert hidden.status == 303 and hidden.location == "/events"
    assert analyst.get(f"/events/{event}").status == 404
    audit = corrections(database)
    assert [(c["kind"], c["field"]) for c in audit] == [
        ("edit", "type"), ("edit", "date"), ("edit", "location"), ("edit", "kr_parties"),
        ("edit", "vn_parties"), ("hide", None)]
    assert {c["by"] for c in audit} == {ANALYST} and audit[0]["why"] == "read the article"


def test_a_private_view_lets_only_signed_in_users_read(database: str) -> None:
    server = start_server(database, secret_key=SECRET, web_private=True)
    try:
        anonymous = Client(server.url)
        events = anonymous.get("/events?lang=en")
        assert events.status == 303 and events.location == "/login?next=/events%3Flang%3Den"
        assert anonymous.get("/api/events").status == 401
        assert anonymous.get("/feeds/events.atom").status == 303
        assert anonymous.get("/static/style.css").status == 200
        assert anonymous.get("/unsubscribe?token=bad").status == 404  # reachable, and the token is checked
        assert anonymous.get("/login").status == 200
        reader = Client(server.url)
        signed = reader.post("/login", {"csrf": reader.csrf(), "email": READER, "password": PASSWORD,
                                        "next": "/events?lang=en"})
        assert signed.status == 303 and signed.location == "/events?lang=en"
        assert reader.get("/events?lang=en").status == 200 and reader.get("/api/events").status == 200
        assert coopwatch(database, "users", "remove", READER).returncode == 0
        assert reader.get("/events").status == 303  # a removed account's cookie opens nothing
    finally:
        server.stop()


def test_a_public_https_url_makes_the_cookie_secure(database: str) -> None:
    server = start_server(database, secret_key=SECRET, public_url="https://coopwatch.example.org")
    try:
        signed = Client(server.url).sign_in(ANALYST, PASSWORD)
        cookie = next(c for c in signed.headers.get_all("Set-Cookie") or [] if c.startswith("coopwatch_session="))
        assert "; secure" in cookie.lower()
    finally:
        server.stop()


def test_a_private_view_needs_a_secret_key(database: str) -> None:
    env = {**os.environ, "COOPWATCH_DATABASE_URL": database, "COOPWATCH_WEB_PRIVATE": "1"}
    env.pop("COOPWATCH_SECRET_KEY", None)
    done = subprocess.run([sys.executable, "-m", "scheduler", "users", "list"], check=False, capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=180)
    assert done.returncode == 2 and "COOPWATCH_WEB_PRIVATE" in done.stderr and "Traceback" not in done.stderr


def test_the_removed_account_keeps_its_corrections(site: str, database: str) -> None:
    analyst = Client(site)
    analyst.sign_in(ANALYST, PASSWORD)
    event = first_event(database)
    token = analyst.csrf(f"/events/{event}")
    wanted = another_type(site, event)
    assert analyst.post(f"/events/{event}/correct", {"csrf": token, "action": "type", "type": wanted}).status == 303
    assert coopwatch(database, "users", "remove", ANALYST).returncode == 0
    again = another_type(site, event)
    assert analyst.post(f"/events/{event}/correct", {"csrf": token, "action": "type", "type": again}).status == 403
    engine = make_engine(database)
    with make_session_factory(engine)() as session:
        assert session.scalars(select(Correction.by)).all() == [ANALYST]
    engine.dispose()


def test_the_review_queue_puts_the_least_sure_events_first(site: str, database: str) -> None:
    listed = coopwatch(database, "review", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    queue = json.loads(listed.stdout)
    assert queue and [q["doubts"] for q in queue] == sorted((q["doubts"] for q in queue), reverse=True)
    first = queue[0]
    assert "party not in the reference list" in first["why"]  # the hostile story's made-up parties
    assert 'Viện "Độc hại" <b>XSS</b>' in first["vn_parties"]

    assert Client(site).get("/review").status == 403
    analyst = Client(site)
    analyst.sign_in(ANALYST, PASSWORD)
    page = analyst.get("/review?lang=en")
    assert page.status == 200 and f'href="/events/{first["id"]}?lang=en"' in page.text
    assert len(queue) > 1 and page.text.index(f'/events/{first["id"]}?') < page.text.index(f'/events/{queue[-1]["id"]}?')
    token = analyst.csrf(f"/events/{first['id']}")
    hidden = analyst.post(f"/events/{first['id']}/correct", {"csrf": token, "action": "hide", "why": "test story"})
    assert hidden.status == 303
    after = json.loads(coopwatch(database, "review", "--format", "json").stdout)
    assert first["id"] not in [q["id"] for q in after]  # a corrected event has been reviewed


def test_an_analyst_merges_splits_adds_and_undoes_events_and_corrects_an_organisation(site: str, database: str) -> None:
    analyst = Client(site)
    analyst.sign_in(ANALYST, PASSWORD)
    first, second = (e["id"] for e in json.loads(analyst.get("/api/events").text)["events"][:2])
    token = analyst.csrf(f"/events/{first}")

    def send(path: str, **form: str) -> str:
        done = analyst.post(f"{path}/correct?lang=en", {"csrf": token, "why": "read the articles", **form})
        assert done.status == 303, re.findall(r'class="error"[^<]*<', done.text)
        return done.location

    def api(event: int) -> dict:
        return json.loads(analyst.get(f"/api/events/{event}").text)

    reported = {a["id"] for e in (first, second) for a in api(e)["articles"]}
    assert send(f"/events/{first}", action="merge", other=str(second)) == f"/events/{first}?lang=en"
    assert {a["id"] for a in api(first)["articles"]} == reported and api(second)["id"] == first
    page = analyst.get(f"/events/{first}?lang=en").text
    merge_id = re.search(r'name="correction" value="(\d+)">.{0,300}?Undo', page, re.DOTALL)
    assert merge_id is not None and f"event {second} merged into event {first}" in page
    send(f"/events/{first}", action="undo", correction=merge_id.group(1))
    assert api(second)["id"] == second

    article = api(first)["articles"][0]["id"]
    added = send(f"/events/{first}", action="add", article=str(article), type="meeting", date="2024-05-06",
                 place="", vn="Viện Thêm Vào", kr="Quỹ Thêm Vào")
    new = json.loads(analyst.get("/api" + added.removesuffix("?lang=en")).text)
    assert new["type"] == "meeting" and [a["id"] for a in new["articles"]] == [article]
    split = send(f"/events/{first}", action="split", type="", date="", place="", vn="Viện Tách Ra",
                 kr=api(first)["kr_parties"][0]["name"])
    split_off = json.loads(analyst.get("/api" + split.removesuffix("?lang=en")).text)
    assert split_off["type"] == api(first)["type"] and split_off["vn_parties"][0]["name"] == "Viện Tách Ra"
    bad = analyst.post(f"/events/{first}/correct?lang=en", {"csrf": token, "action": "merge", "other": "abc"})
    assert bad.status == 400 and "not an event id: &#39;abc&#39;" in bad.text

    party = re.search(r'href="/parties/(\d+)', analyst.get(f"/events/{new['id']}").text).group(1)  # Viện Thêm Vào
    assert send(f"/parties/{party}", action="rename", name="Viện Đổi Tên", english="Renamed Institute") == \
        f"/parties/{party}?lang=en"
    send(f"/parties/{party}", action="merge", other="Viện Tách Ra")
    shown = analyst.get(f"/parties/{party}?lang=en").text
    assert "Renamed Institute" in shown and "Viện Tách Ra" in shown  # its other spellings
    assert api(split_off["id"])["vn_parties"][0]["name"] == "Viện Đổi Tên"
    assert "Viện Đổi Tên" in Client(site).get("/feeds/events.atom").text
    refused = Client(site).post(f"/parties/{party}/correct", {"csrf": token, "action": "rename", "name": "x"})
    assert refused.status == 403
    assert analyst.post(f"/parties/{party}/correct", {"action": "rename", "name": "x"}).status == 403
    merge = re.search(r'party \d+ \(Viện Tách Ra\) merged.{0,400}?name="correction" value="(\d+)"', shown, re.DOTALL)
    assert merge is not None
    send(f"/parties/{party}", action="undo", correction=merge.group(1))
    assert api(split_off["id"])["vn_parties"][0]["name"] == "Viện Tách Ra"
    kinds = ["merge", "undo", "add", "split", "org_rename", "org_merge", "undo"]
    assert [c["kind"] for c in corrections(database)] == kinds


def test_an_analyst_adds_a_missed_event_to_an_article_the_parser_found_none_in(site: str, database: str) -> None:
    listed = coopwatch(database, "articles", "--format", "json")
    article = next(a for a in json.loads(listed.stdout) if not a["event_ids"])
    analyst = Client(site)
    analyst.sign_in(ANALYST, PASSWORD)
    event = first_event(database)
    page = analyst.get(f"/events/{event}?lang=en").text
    assert 'name="article_url"' in page and "or the address of another stored article" in page
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = {"csrf": token, "action": "add", "article": "", "type": "mou", "date": "2024-05-06", "place": "",
            "vn": "Viện Bỏ Sót", "kr": "Quỹ Bỏ Sót", "why": "the parser missed it"}
    missing = analyst.post(f"/events/{event}/correct?lang=en", {**form, "article_url": "https://example.org/none"})
    assert missing.status == 400 and "no stored article at &#39;https://example.org/none&#39;" in missing.text
    added = analyst.post(f"/events/{event}/correct?lang=en", {**form, "article_url": article["url"]})
    assert added.status == 303, re.findall(r'class="error"[^<]*<', added.text)
    new = json.loads(analyst.get("/api" + added.location.removesuffix("?lang=en")).text)
    assert [a["id"] for a in new["articles"]] == [article["id"]] and new["vn_parties"][0]["name"] == "Viện Bỏ Sót"
    [made] = corrections(database)
    assert (made["kind"], made["event"], made["after"]["article_id"]) == ("add", new["id"], article["id"])
    now = next(a for a in json.loads(coopwatch(database, "articles", "--format", "json").stdout) if a["id"] == article["id"])
    assert now["event_ids"] == [new["id"]]


def row_counts(database: str) -> tuple[int, int]:
    engine = make_engine(database)
    with make_session_factory(engine)() as session:
        counts = (len(session.scalars(select(User.id)).all()), len(session.scalars(select(AccountChange.id)).all()))
    engine.dispose()
    return counts


def test_every_account_change_is_audited_and_a_removed_account_is_kept_but_shut_out(
    site: str, database: str, tmp_path: Path,
) -> None:
    new = "new@example.org"
    by = ("--by", "admin@example.org")
    assert coopwatch(database, "users", "add", new, "--role", "reader", *by, stdin=PASSWORD + "\n").returncode == 0
    role = coopwatch(database, "users", "role", new, "--role", "analyst", *by, "--why", "joins the analysts")
    assert role.stdout.strip() == f"user {new} is now analyst (was reader)"
    browser = Client(site)
    assert browser.sign_in(new, PASSWORD).status == 303
    event = first_event(database)
    token = browser.csrf(f"/events/{event}")
    assert browser.post(f"/events/{event}/correct", {"csrf": token, "action": "type",
                                                     "type": another_type(site, event)}).status == 303
    old_cookie = dict(browser.cookies)
    assert coopwatch(database, "users", "remove", new, *by).stdout.strip() == f"user {new} removed"

    assert browser.post(f"/events/{event}/correct", {"csrf": token, "action": "type",
                                                     "type": another_type(site, event)}).status == 403
    assert new not in browser.get("/events").text  # no page's header still shows the removed account
    assert Client(site).sign_in(new, PASSWORD).status == 401  # the right password opens nothing
    listed = json.loads(coopwatch(database, "users", "list", "--format", "json").stdout)
    assert [(u["email"], u["role"], u["removed_at"] is not None) for u in listed if u["email"] == new] == [
        (new, "analyst", True)]
    assert [c["by"] for c in corrections(database) if c["kind"] == "edit"] == [new]  # its correction keeps its email

    again = coopwatch(database, "users", "add", new, "--role", "reader", *by, stdin="another long password\n")
    assert again.stdout.strip() == f"user {new} added again (reader)"
    stale = Client(site, cookies=dict(old_cookie))
    assert stale.post(f"/events/{event}/correct", {"csrf": token, "action": "hide", "why": "x"}).status == 403
    assert Client(site).sign_in(new, PASSWORD).status == 401  # the old password is gone
    assert Client(site).sign_in(new, "another long password").status == 303

    audit = [c for c in audit_list(database) if c["account"] == new]
    assert [(c["kind"], c["field"], c["before"], c["after"]) for c in audit] == [
        ("user_add", None, None, {"role": "reader", "active": True}),
        ("user_role", "role", {"role": "reader", "active": True}, {"role": "analyst", "active": True}),
        ("user_remove", "active", {"role": "analyst", "active": True}, {"role": "analyst", "active": False}),
        ("user_reactivate", "role, active", {"role": "analyst", "active": False}, {"role": "reader", "active": True}),
    ]
    assert {c["by"] for c in audit} == {"admin@example.org"} and audit[1]["why"] == "joins the analysts"
    assert [c["at"] for c in audit] == sorted(c["at"] for c in audit)
    assert row_counts(database) == (3, 6)  # the fixture's two accounts and this one; nothing deleted


def test_bad_account_changes_give_one_line_and_write_nothing(database: str) -> None:
    before = row_counts(database)
    audit = audit_list(database)
    assert coopwatch(database, "users", "remove", READER).returncode == 0
    for args, error in [
        (("role", "nobody@example.org", "--role", "analyst"), "users role: no user nobody@example.org"),
        (("role", ANALYST, "--role", "boss"), "users role: unknown role 'boss' (one of analyst, reader)"),
        (("add", "x@example.org", "--role", "boss"), "users add: unknown role 'boss' (one of analyst, reader)"),
        (("role", ANALYST, "--role", "analyst"), f"users role: user {ANALYST} is already analyst: nothing to change"),
        (("role", READER, "--role", "analyst"), f"users role: user {READER} is removed (`users add` brings it back)"),
        (("remove", READER), f"users remove: user {READER} is already removed"),
        (("remove", "nobody@example.org"), "users remove: no user nobody@example.org"),
    ]:
        done = coopwatch(database, "users", *args, stdin=PASSWORD + "\n")
        assert (done.returncode, done.stderr.strip(), done.stdout) == (2, f"coopwatch: error: {error}", "")
    assert row_counts(database) == (before[0], before[1] + 1)  # the one good removal
    assert audit_list(database)[:-1] == audit
