"""What a correction moves, seen as a user sees it: a corrected date moves the event in /events (and
in `coopwatch items`), counterpart counts on /parties/<id> and `coopwatch parties list` follow party
corrections, merges and hides, and the feeds say they changed. Corrections are made by the real
command line; the web view is a real server on 127.0.0.1 over a real SQLite file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from crawler.items import Extraction, NewsItem
from scheduler.serve import WebServer
from storage.correction_log import CorrectionLog, Who
from storage.db import make_engine, make_session_factory, migrate
from storage.repository import ArticleRepository, EventRepository
from tests.conftest import Cli, make_cli
from tests.web.conftest import fetch, start_server
from tests.web.test_corrections_web import ATOM, NOW, story

BY = ("--by", "analyst@example.org")


@dataclass
class Site:
    url: str
    cli: Cli
    events: list[int]  # the stories' events, in the order given

    def ok(self, *args: str) -> str:
        done = self.cli.here(*args)
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    def correction_ids(self) -> list[int]:
        return [c["id"] for c in json.loads(self.ok("corrections", "list", "--format", "json"))]


def stored(tmp_path: Path, stories: list[tuple[NewsItem, Extraction]]) -> tuple[str, list[int]]:
    url = f"sqlite:///{tmp_path / 'listing.db'}"
    engine = make_engine(url)
    migrate(engine)
    ids = []
    with make_session_factory(engine).begin() as session:
        for item, extraction in stories:
            _, article = ArticleRepository(session).save(item, NOW)
            EventRepository(session).save_extraction(article, extraction, NOW)
            ids.append(article.events[0].id)
    engine.dispose()
    return url, ids


@pytest.fixture
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    url, ids = stored(tmp_path, request.param)
    server: WebServer = start_server(url)
    yield Site(server.url, make_cli(tmp_path, url), ids)
    server.stop()


DATED = [story("2001", "Tin ngày 10", "Viện A", "Viện KIST", 10),
         story("2002", "Tin ngày 12", "Viện B", "Viện KRISS", 12),
         story("2003", "Tin ngày 14", "Viện C", "Viện KAIST", 14)]


def page_order(site: Site, query: str = "") -> list[int]:
    """The events of /events in the order the page lists them (each row links its event twice)."""
    page = fetch(f"{site.url}/events{query}").text
    table = page[page.index('<table class="events">'):]
    return [int(i) for i in dict.fromkeys(re.findall(r'href="/events/(\d+)', table))]


def every_order(site: Site) -> dict[str, list[int]]:
    rows = list(csv.reader(io.StringIO(fetch(f"{site.url}/events.csv").text.lstrip("\ufeff"))))
    return {
        "page": page_order(site), "costly page": page_order(site, "?source=vtcnews"),
        "api": [e["id"] for e in json.loads(fetch(f"{site.url}/api/events").body)["events"]],
        "csv": [int(r[0]) for r in rows[1:]],
        "items": [e["id"] for e in site.cli.json("items")],  # `coopwatch items`, a real process
    }


@pytest.mark.parametrize("site", [DATED], indirect=True)
def test_a_corrected_date_moves_the_event_on_the_events_page_and_in_items(site: Site) -> None:
    day10, day12, day14 = site.events
    newest_first = [day14, day12, day10]
    assert set(map(tuple, every_order(site).values())) == {tuple(newest_first)}

    site.ok("events", "edit", str(day10), "--date", "2026-11-30", "--why", "signed on the 30th", *BY)
    moved = every_order(site)
    assert moved == {key: [day10, day14, day12] for key in moved}
    page = fetch(f"{site.url}/events").text
    assert page.index("30/11/2026") < page.index("Tin ngày 14") < page.index("Tin ngày 12")

    site.ok("events", "edit", str(day14), "--date", "none", "--why", "the article gives no date", *BY)
    assert every_order(site)["page"] == [day10, day12, day14]  # an undated event comes last
    for correction in reversed(site.correction_ids()):
        site.ok("corrections", "undo", str(correction), *BY)
    restored = every_order(site)
    assert restored == {key: newest_first for key in restored}


SHARED = [story("3001", "A và KIST lần một", "Viện A", "Viện KIST", 10),
          story("3002", "A và KIST lần hai", "Viện A", "Viện KIST", 12),
          story("3003", "A và KIST lần ba", "Viện A", "Viện KIST", 14),
          story("3004", "A và Đại học E", "Viện A", "Đại học E", 16)]


def party_of(site: Site, event: int, country: str) -> int:
    [party] = json.loads(fetch(f"{site.url}/api/events/{event}").body)[f"{country.lower()}_parties"]
    links = re.findall(r'href="/parties/(\d+)[^"]*">([^<]+)</a>', fetch(f"{site.url}/events/{event}").text)
    return next(int(i) for i, name in links if name == party["name"])


def counterparts(site: Site, party: int) -> dict[str, int]:
    """The counterpart table of /parties/<id>: name and how many events, as the page shows them."""
    page = fetch(f"{site.url}/parties/{party}").text
    if '<table class="counterparts">' not in page:
        return {}
    table = page[page.index('<table class="counterparts">'):page.index("</table>", page.index("counterparts"))]
    return {name: int(n) for name, n in re.findall(r'">([^<]+)</a>.*?<td class="num">(\d+)</td>', table)}


def listed(site: Site, country: str) -> dict[str, int]:
    rows = json.loads(site.ok("parties", "list", "--country", country, "--format", "json"))
    return {r["name"]: r["events"] for r in rows}


@pytest.mark.parametrize("site", [SHARED], indirect=True)
def test_counterpart_counts_follow_a_party_correction_a_merge_and_a_hide(site: Site) -> None:
    first, second, third, fourth = site.events
    institute, kist, university = party_of(site, first, "VN"), party_of(site, first, "KR"), party_of(site, fourth, "KR")
    assert counterparts(site, institute) == {"Viện KIST": 3, "Đại học E": 1}
    assert listed(site, "KR") == {"Viện KIST": 3, "Đại học E": 1}

    site.ok("events", "edit", str(first), "--kr-party", "Đại học E", "--why", "the university signed", *BY)
    assert counterparts(site, institute) == {"Viện KIST": 2, "Đại học E": 2}
    assert counterparts(site, kist) == {"Viện A": 2}
    site.ok("events", "merge", str(second), str(third), "--why", "the same signing", *BY)
    assert counterparts(site, institute) == {"Đại học E": 2, "Viện KIST": 1}
    site.ok("events", "hide", str(fourth), "--why", "not a cooperation event", *BY)
    assert counterparts(site, institute) == {"Viện KIST": 1, "Đại học E": 1}
    assert counterparts(site, university) == {"Viện A": 1}
    assert listed(site, "KR") == {"Viện KIST": 1, "Đại học E": 1}
    assert listed(site, "VN") == {"Viện A": 2}

    site.ok("parties", "merge", str(kist), str(university), "--why", "one institute", *BY)
    assert counterparts(site, institute) == {"Viện KIST": 2}
    assert listed(site, "KR") == {"Viện KIST": 2}

    for correction in reversed(site.correction_ids()):
        site.ok("corrections", "undo", str(correction), *BY)
    assert counterparts(site, institute) == {"Viện KIST": 3, "Đại học E": 1}
    assert listed(site, "VN") == {"Viện A": 4}


def feed(site: Site, since: str | None = None) -> tuple[int, str, dict[str, str]]:
    """The Atom feed's status, Last-Modified and each entry's <updated>, asked If-Modified-Since `since`."""
    answer = fetch(f"{site.url}/feeds/events.atom", {"If-Modified-Since": since} if since else {})
    if answer.status == 304:
        return 304, since or "", {}
    root = ElementTree.fromstring(answer.body)
    updated = {e.findtext(f"{ATOM}id") or "": e.findtext(f"{ATOM}updated") or "" for e in root.iter(f"{ATOM}entry")}
    return answer.status, answer.headers["Last-Modified"], updated


@pytest.mark.parametrize("site", [DATED[:2]], indirect=True)
def test_a_correction_changes_the_feeds_so_a_reader_asking_if_modified_since_sees_it(site: Site) -> None:
    edited, hidden = site.events
    status, stored_at, updated = feed(site)
    assert status == 200 and feed(site, stored_at)[0] == 304
    engine = make_engine(site.cli.database_url)
    factory = make_session_factory(engine)
    try:
        day = dt.timedelta(days=1)
        with factory.begin() as session:
            CorrectionLog(session).edit(edited, {"type": "agreement"}, Who("analyst@example.org", NOW + day))
        status, edited_at, updated = feed(site, stored_at)
        assert (status, edited_at) == (200, format_datetime(NOW + day, usegmt=True))
        assert updated[f"urn:coopwatch:event:{edited}"] == (NOW + day).isoformat()
        assert updated[f"urn:coopwatch:event:{hidden}"] == NOW.isoformat()  # not corrected: as it was
        entries = json.loads(fetch(f"{site.url}/feeds/events.json").body)["items"]
        assert {i["id"]: i["date_modified"] for i in entries}[f"urn:coopwatch:event:{edited}"] == (NOW + day).isoformat()

        with factory.begin() as session:  # a hidden event leaves the feed: the feed has changed
            hide = CorrectionLog(session).hide(hidden, Who("analyst@example.org", NOW + 2 * day)).id
        status, hidden_at, updated = feed(site, edited_at)
        assert status == 200 and list(updated) == [f"urn:coopwatch:event:{edited}"]
        with factory.begin() as session:
            CorrectionLog(session).undo(hide, Who("analyst@example.org", NOW + 3 * day))
        status, _, updated = feed(site, hidden_at)
        assert status == 200 and updated[f"urn:coopwatch:event:{hidden}"] == (NOW + 3 * day).isoformat()
    finally:
        engine.dispose()


def snapshot(site: Site) -> tuple[list[dict], dict]:
    """What a reader sees: `coopwatch items` and the API's listing."""
    items = json.loads(site.ok("items", "--format", "json"))
    return items, json.loads(fetch(f"{site.url}/api/events").body)


@pytest.mark.parametrize("site", [SHARED], indirect=True)
def test_every_kind_of_correction_is_undone_back_to_what_was_read(site: Site) -> None:
    first, second, _, fourth = site.events
    kist, university = party_of(site, first, "KR"), party_of(site, fourth, "KR")
    article = json.loads(fetch(f"{site.url}/api/events/{first}").body)["articles"][0]["id"]
    kinds = {
        "edit": ("events", "edit", str(first), "--type", "agreement", "--date", "2026-12-01", "--place", "Busan"),
        "hide": ("events", "hide", str(fourth), "--why", "not one"),
        "merge": ("events", "merge", str(first), str(second)),
        "split": ("events", "split", str(first), "--vn-party", "Viện Tách Ra", "--kr-party", "Viện KIST"),
        "add": ("events", "add", "--article", str(article), "--type", "meeting", "--vn-party", "Viện Thêm",
                "--kr-party", "Quỹ Thêm"),
        "org_merge": ("parties", "merge", str(kist), str(university)),
        "org_rename": ("parties", "rename", str(kist), "Viện Khoa học Hàn Quốc", "--english", "Korea Institute"),
    }
    read = snapshot(site)
    for kind, command in kinds.items():
        made = site.correction_ids()
        site.ok(*command, *BY)
        corrections = site.correction_ids()[len(made):]
        assert snapshot(site) != read, kind
        for correction in reversed(corrections):
            site.ok("corrections", "undo", str(correction), *BY)
        assert snapshot(site) == read, kind

    audit = json.loads(site.ok("corrections", "list", "--format", "json"))
    done = [c for c in audit if c["kind"] != "undo"]
    assert {c["kind"] for c in done} == set(kinds) and all(c["undone_by"] is not None for c in done)
    undo = next(c for c in audit if c["kind"] == "undo")
    for again, message in ((undo["id"], "is an undo; make the correction again instead"),
                           (undo["undoes"], "is already undone")):
        refused = site.cli.here("corrections", "undo", str(again), *BY)
        assert refused.returncode == 2 and message in refused.stderr and refused.stderr.count("\n") == 1
    assert json.loads(site.ok("corrections", "list", "--format", "json")) == audit  # a refusal writes nothing
