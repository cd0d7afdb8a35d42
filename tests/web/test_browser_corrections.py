"""A real browser corrects an event: headless Chromium signs in, changes a party on the event page,
and the event's feed then names the corrected party; a reader who is not signed in sees no forms and
a form it forges is refused, as is the analyst's form once its CSRF token is gone. The pages run no
script under the strict CSP."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from tests.web.cdp import Chromium
from tests.web.conftest import SECRET, fetch, start_server
from tests.web.test_auth import ANALYST, PASSWORD, accounts_database, corrections, database  # noqa: F401 -- the fixtures
from tests.web.test_browser import chromium  # noqa: F401 -- the fixture that finds (or requires) chromium

REFUSED = "Biểu mẫu đã hết hạn hoặc không hợp lệ"  # the CSRF check's page


def forge(browser: Chromium, action: str, fields: dict[str, str]) -> None:
    """Put a form the page never had (no CSRF token) on it, and submit it with a real click."""
    inputs = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in fields.items())
    html = f'<form id="forged" method="post" action="{action}">{inputs}<button type="submit">go</button></form>'
    browser.evaluate(f"document.body.insertAdjacentHTML('afterbegin', {json.dumps(html)})")
    browser.click("#forged button")


@pytest.fixture
def browser(chromium: str, tmp_path: Path) -> Iterator[Chromium]:  # noqa: F811
    driven = Chromium(chromium, tmp_path / "profile")
    yield driven
    driven.close()


def test_an_analyst_signs_in_corrects_a_party_and_the_feed_shows_it(
    browser: Chromium, database: str, tmp_path: Path,  # noqa: F811
) -> None:
    server = start_server(database, secret_key=SECRET)
    try:
        web = server.url
        browser.open(f"{web}/events?party=KIST&lang=en")
        event = re.search(r"/events/(\d+)", browser.evaluate(
            "document.querySelector('table.events a[href^=\"/events/\"]').getAttribute('href')")).group(1)
        feed_url = f"{web}/feeds/events.atom?party=KIST"
        assert [e.title for e in feedparser.parse(fetch(feed_url).body).entries] == ["Hội đàm, làm việc: MOST ↔ KIST"]

        browser.open(f"{web}/events/{event}")  # a reader who is not signed in: no forms, and a forged one is refused
        assert browser.evaluate("document.querySelectorAll('form.correct').length") == 0
        assert browser.evaluate("!!document.querySelector('a[href^=\"/login\"]')")
        assert browser.problems() == []
        forge(browser, f"/events/{event}/correct", {"action": "hide", "why": "spam"})
        assert REFUSED in browser.evaluate("document.body.innerText")
        assert corrections(database) == []
        browser.events.clear()  # the console may name the refused POST's 403: wanted here, not a problem

        browser.open(f"{web}/login?next=/events/{event}")
        browser.type_into("input[name=email]", ANALYST)
        browser.type_into("input[name=password]", PASSWORD)
        browser.click("form.login button")
        assert browser.evaluate("location.pathname") == f"/events/{event}"
        assert browser.evaluate("document.querySelectorAll('form.correct').length") == 8  # type … hide, merge, split, add

        vn_party = browser.evaluate("[...document.querySelectorAll('select[name=replace] option')]"
                                    ".find(o => o.value.startsWith('VN:')).value")
        party_form = "form.correct:nth-of-type(4)"
        browser.choose(f"{party_form} select[name=replace]", vn_party)
        browser.type_into(f"{party_form} input[name=name]", "Bộ Khoa học và Công nghệ")
        browser.choose(f"{party_form} select[name=side]", "VN")
        browser.type_into(f"{party_form} input[name=why]", "the article names the ministry in full")
        browser.click(f"{party_form} button")
        assert browser.evaluate("location.pathname") == f"/events/{event}"
        status = browser.evaluate("document.querySelector('p.done').textContent")
        assert "vn_parties" in status and "Bộ Khoa học và Công nghệ" in browser.evaluate("document.body.innerText")
        assert browser.problems() == []

        entries = feedparser.parse(fetch(f"{web}/feeds/events.atom?party=KIST").body).entries
        assert len(entries) == 1 and "Bộ Khoa học và Công nghệ" in entries[0].title + entries[0].summary
        assert "MOST ↔" not in entries[0].title
        [made] = corrections(database)
        assert (made["by"], made["field"], made["why"]) == (ANALYST, "vn_parties", "the article names the ministry in full")

        browser.open(f"{web}/events/{event}")  # signed in, but the form has lost its CSRF token: refused
        browser.evaluate("document.querySelector('form.correct input[name=csrf]').remove()")
        browser.click("form.correct button")
        assert REFUSED in browser.evaluate("document.body.innerText")
        assert corrections(database) == [made]
    finally:
        server.stop()
