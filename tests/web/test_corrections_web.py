"""The web view reads the corrected events: pages, CSV, feeds and API on a real server."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from xml.etree import ElementTree

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from storage.correction_log import CorrectionLog, Who
from storage.db import make_engine, make_session_factory, migrate
from storage.repository import ArticleRepository, EventRepository
from tests.web.conftest import fetch, start_server

NOW = dt.datetime(2026, 11, 20, 3, tzinfo=dt.UTC)
WHO = Who(by="analyst@example.org", at=NOW, why="checked")
ATOM = "{http://www.w3.org/2005/Atom}"


def story(site_id: str, title: str, vn: str, kr: str, day: int) -> tuple[NewsItem, Extraction]:
    item = NewsItem(source="vtcnews", url=f"https://vtcnews.vn/s-ar{site_id}.html", site_article_id=site_id,
                    title=title, body="…", published_at=NOW, fetched_at=NOW)
    event = CooperationEvent(type=EventType.MOU, date=dt.date(2026, 11, day), vn_parties=(Party(name=vn),),
                             kr_parties=(Party(name=kr),), location="Hà Nội")
    return item, Extraction(relevant=True, events=(event,))


def test_hidden_merged_and_edited_events_as_every_page_shows_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    engine = make_engine(url)
    migrate(engine)
    factory = make_session_factory(engine)
    stories = [story("1001", "Viện A ký với KIST", "Viện A", "Viện KIST", 10),
               story("1002", "Viện A và KIST ký bản ghi nhớ", "Viện A Việt Nam", "KIST Hàn Quốc", 12),
               story("1003", "Tin không phải hợp tác", "Sở B", "Công ty C", 14)]
    ids = []
    with factory.begin() as session:
        for item, extraction in stories:
            _, article = ArticleRepository(session).save(item, NOW)
            EventRepository(session).save_extraction(article, extraction, NOW)
            ids.append(article.events[0].id)
        kept, gone, hidden = ids
        log = CorrectionLog(session)
        log.merge(kept, gone, WHO)
        log.hide(hidden, WHO)
        log.edit(kept, {"type": "agreement", "kr_parties": [log.party("KR", "Viện Khoa học và Công nghệ Hàn Quốc")]}, WHO)
    engine.dispose()

    server = start_server(url)
    try:
        base = server.url
        api = json.loads(fetch(f"{base}/api/events").body)
        assert api["total"] == 1 and [e["id"] for e in api["events"]] == [kept]
        [event] = api["events"]
        assert event["type"] == "agreement"
        assert event["kr_parties"] == [{"name": "Viện Khoa học và Công nghệ Hàn Quốc", "acronym": None}]
        assert [a["title"] for a in event["articles"]] == [stories[0][0].title, stories[1][0].title]
        assert json.loads(fetch(f"{base}/api/events?type=agreement").body)["total"] == 1
        assert json.loads(fetch(f"{base}/api/events?type=mou").body)["total"] == 0

        assert fetch(f"{base}/events/{hidden}").status == 404
        assert fetch(f"{base}/api/events/{hidden}").status == 404
        merged_page = fetch(f"{base}/events/{gone}")  # the old id shows the event it went into
        assert merged_page.status == 200 and "Viện Khoa học và Công nghệ Hàn Quốc" in merged_page.text
        listing = fetch(f"{base}/events").text
        assert "Tin không phải hợp tác" not in listing and "Viện Khoa học và Công nghệ Hàn Quốc" in listing

        rows = list(csv.reader(io.StringIO(fetch(f"{base}/events.csv").text.lstrip("\ufeff"))))
        assert [r[0] for r in rows[1:]] == [str(kept)] and rows[1][2] == "agreement"
        feed = ElementTree.fromstring(fetch(f"{base}/feeds/events.atom").body)
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}id") for e in entries] == [f"urn:coopwatch:event:{kept}"]
        items = json.loads(fetch(f"{base}/feeds/events.json").body)["items"]
        assert len(items) == 1 and "Viện Khoa học và Công nghệ Hàn Quốc" in items[0]["title"] + json.dumps(items[0], ensure_ascii=False)
    finally:
        server.stop()
