"""CSV, Atom, JSON Feed and the JSON API of a running web view: same filters, same rows, conditional GET."""

from __future__ import annotations

import csv
import io
import json
import time
import urllib.error
import urllib.request
from email.message import Message
from email.utils import formatdate

import feedparser

from scheduler.output import event_record
from storage.corrections import list_events
from storage.db import make_engine, make_session_factory
from tests.web.conftest import HOSTILE, fetch


def head(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    """A real HEAD request: the status, the headers and whatever body came (there should be none)."""
    request = urllib.request.Request(url, headers=headers or {}, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def api_ids(web: str, query: str = "") -> list[int]:
    return [e["id"] for e in json.loads(fetch(f"{web}/api/events?{query}").body)["events"]]


def test_csv_has_a_bom_vietnamese_text_and_the_rows_of_the_page(web: str) -> None:
    answer = fetch(f"{web}/events.csv?party=MOST")
    assert answer.status == 200 and answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(answer.body.decode("utf-8-sig"))))
    assert [int(r["id"]) for r in rows] == api_ids(web, "party=MOST")
    kist = next(r for r in rows if "KIST" in r["kr_parties"])
    assert kist["vn_parties"] == "Bộ Khoa học và Công nghệ Việt Nam (MOST)" and kist["date"] == "2024-07-01" and kist["type"] == "meeting"
    assert "Bước tiến quan trọng trong hợp tác" in kist["headlines"] and kist["urls"].startswith("http://127.0.0.1:")
    everything = list(csv.DictReader(io.StringIO(fetch(f"{web}/events.csv").body.decode("utf-8-sig"))))
    assert len(everything) == 8 and any(r["headlines"] == HOSTILE for r in everything)


def test_a_long_csv_is_streamed_whole_in_files_of_csv_rows(web: str, monkeypatch) -> None:
    """With batches of 4 rows and files of 5 (10,000 and 500 in use), the 8 events come in two files."""
    monkeypatch.setattr("web.events.EXPORT_BATCH", 4)
    monkeypatch.setattr("web.events.CSV_ROWS", 5)
    first = fetch(f"{web}/events.csv")
    assert first.status == 200 and first.body.startswith(b"\xef\xbb\xbf") and first.body.count(b"\xef\xbb\xbf") == 1
    assert first.headers["Link"] == '</events.csv?page=2>; rel="next"' and "ETag" not in first.headers
    second = fetch(f"{web}/events.csv?page=2")
    assert "Link" not in second.headers and second.headers["ETag"]  # 3 rows: one batch, answered whole
    rows = [r for answer in (first, second) for r in csv.DictReader(io.StringIO(answer.body.decode("utf-8-sig")))]
    assert [int(r["id"]) for r in rows] == api_ids(web) and len(rows) == 8


def test_atom_feed_parses_back_with_one_entry_per_event(web: str) -> None:
    answer = fetch(f"{web}/feeds/events.atom?party=MOST")
    assert answer.headers["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.links[0].href == f"{web}/events?party=MOST"
    ids = api_ids(web, "party=MOST")
    assert sorted(e.id for e in feed.entries) == sorted(f"urn:coopwatch:event:{i}" for i in ids)
    kist = next(e for e in feed.entries if "KIST" in e.title)
    assert kist.title == "Hội đàm, làm việc: MOST ↔ KIST"
    assert kist.link.startswith(f"{web}/events/")
    related = [link.href for link in kist.links if link.rel == "related"]
    assert related and all(href.startswith("http://127.0.0.1:") for href in related)
    assert kist.published_parsed and kist.updated_parsed
    assert "Bộ KH&amp;CN" in kist.content[0].value or "Bộ KH&CN" in kist.content[0].value


def test_atom_feed_of_a_hostile_story_stays_well_formed(web: str) -> None:
    feed = feedparser.parse(fetch(f"{web}/feeds/events.atom?source=vtcnews").body)
    assert not feed.bozo
    entry = next(e for e in feed.entries if "XSS" in e.title)
    assert "<script" not in entry.content[0].value  # escaped inside the HTML content


def test_json_feed_follows_the_json_feed_1_1_rules(web: str) -> None:
    answer = fetch(f"{web}/feeds/events.json?type=mou&lang=en")
    assert answer.headers["Content-Type"].startswith("application/feed+json")
    feed = json.loads(answer.body)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"] == f"{web}/feeds/events.json?type=mou&lang=en"
    assert feed["home_page_url"] == f"{web}/events?type=mou&lang=en" and feed["language"] == "en"
    assert len(feed["items"]) == 2
    ids = set()
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"] not in ids
        ids.add(item["id"])
        assert item["content_html"] and item["url"].startswith(f"{web}/events/")
        assert item["title"].startswith("Memoranda of understanding: ")
        time.strptime(item["date_published"][:19], "%Y-%m-%dT%H:%M:%S")  # RFC 3339
        assert set(item) <= {"id", "url", "external_url", "title", "content_html", "content_text", "summary",
                             "image", "banner_image", "date_published", "date_modified", "authors", "tags",
                             "language", "attachments"}


def test_api_gives_the_records_of_coopwatch_items(web: str, web_database: str) -> None:
    engine = make_engine(web_database)
    with make_session_factory(engine)() as session:
        expected = [event_record(e) for e in list_events(session)]  # what `coopwatch items` prints
    engine.dispose()
    answer = json.loads(fetch(f"{web}/api/events").body)
    assert answer["total"] == 8 and answer["page"] == 1 and answer["next"] is None
    assert answer["events"] == expected
    english = {p["acronym"] or p["name"]: p["english_name"] for e in expected for p in e["vn_parties"] + e["kr_parties"]}
    assert english["MOST"] == "Ministry of Science and Technology" and english['Viện "Độc hại" <b>XSS</b>'] is None
    one = json.loads(fetch(f"{web}/api/events/{expected[1]['id']}").body)
    assert one == expected[1]
    missing = fetch(f"{web}/api/events/999999")
    assert missing.status == 404 and json.loads(missing.body)["error"] == "No event '999999'"


def test_openapi_documents_the_api_and_its_filters(web: str) -> None:
    spec = json.loads(fetch(f"{web}/api/openapi.json").body)
    parameters = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"type", "source", "party", "q", "since", "until", "page"} <= parameters
    assert "/api/events/{event_id}" in spec["paths"]
    assert "ApiEvent" in spec["components"]["schemas"]


def test_conditional_get_answers_304_without_a_body(web: str) -> None:
    for path in ("/feeds/events.atom", "/feeds/events.json?party=KIST", "/events.csv", "/api/events", "/events"):
        first = fetch(web + path)
        etag = first.headers["ETag"]
        assert etag and fetch(web + path).headers["ETag"] == etag  # stable while nothing changes
        again = fetch(web + path, {"If-None-Match": etag})
        assert again.status == 304 and again.body == b"", path
        assert fetch(web + path, {"If-None-Match": '"something-else"'}).status == 200
    feed = fetch(f"{web}/feeds/events.atom")
    modified = feed.headers["Last-Modified"]
    assert fetch(f"{web}/feeds/events.atom", {"If-Modified-Since": modified}).status == 304
    assert fetch(f"{web}/feeds/events.atom", {"If-Modified-Since": formatdate(0, usegmt=True)}).status == 200


def test_head_is_answered_like_get_without_a_body(web: str) -> None:
    """Feed readers and link checkers ask HEAD first; FastAPI routes answer only GET on their own."""
    for path in ("/events", "/events/1", "/parties/1", "/sources", "/events.csv", "/feeds/events.atom",
                 "/feeds/events.json", "/api/events", "/api/events/1", "/static/style.css"):
        got = fetch(web + path)
        status, headers, body = head(web + path)
        assert (status, body) == (200, b""), path
        assert headers["ETag"] == got.headers["ETag"] and headers["Content-Type"] == got.headers["Content-Type"], path
        assert headers["Content-Security-Policy"] == got.headers["Content-Security-Policy"]
        assert head(web + path, {"If-None-Match": got.headers["ETag"]})[0] == 304, path
    assert head(f"{web}/events?type=treaty")[0] == 400 and head(f"{web}/events/999999")[0] == 404
