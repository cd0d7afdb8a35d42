"""The web view reads the corrected events: pages, CSV, feeds and API on a real server."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
from storage.correction_log import CorrectionLog, Who
from storage.db import make_engine, make_session_factory, migrate
from storage.models import Event
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
               story("1003", "Tin không phải hợp tác", "Sở B", "Công ty C", 14),
               story("1004", "Hợp tác về y tế", "Sở KH&CN Hà Nam", "Đại học E", 16),
               story("1005", "Hợp tác về giáo dục", "Sở Khoa học Hà Nam", "Đại học F", 18)]
    ids = []
    with factory.begin() as session:
        for item, extraction in stories:
            _, article = ArticleRepository(session).save(item, NOW)
            EventRepository(session).save_extraction(article, extraction, NOW)
            ids.append(article.events[0].id)
        kept, gone, hidden, short, full = ids
        log = CorrectionLog(session)
        log.merge(kept, gone, WHO)
        log.hide(hidden, WHO)
        log.edit(kept, {"type": "agreement", "kr_parties": [log.party("KR", "Viện Khoa học và Công nghệ Hàn Quốc")]}, WHO)
        spelling, organisation = (session.get_one(Event, i).parties("VN")[0].id for i in (short, full))
        merged = log.merge_parties(spelling, organisation, WHO).id
        log.rename_party(organisation, "Sở Khoa học và Công nghệ tỉnh Hà Nam", "Hanam Department of Science", WHO)

    server = start_server(url)
    try:
        base = server.url
        api = json.loads(fetch(f"{base}/api/events").body)
        assert api["total"] == 3 and [e["id"] for e in api["events"]] == [full, short, kept]
        event = api["events"][2]
        assert event["type"] == "agreement"
        assert event["kr_parties"] == [{"name": "Viện Khoa học và Công nghệ Hàn Quốc", "acronym": None,
                                        "english_name": "Korea Institute of Science and Technology"}]
        assert api["events"][1]["vn_parties"] == [{"name": "Sở Khoa học và Công nghệ tỉnh Hà Nam", "acronym": None,
                                                   "english_name": "Hanam Department of Science"}]
        assert api["events"][1]["kr_parties"][0]["english_name"] is None
        assert [a["title"] for a in event["articles"]] == [stories[0][0].title, stories[1][0].title]
        assert json.loads(fetch(f"{base}/api/events?type=agreement").body)["total"] == 1
        assert json.loads(fetch(f"{base}/api/events?type=mou").body)["total"] == 2

        assert fetch(f"{base}/events/{hidden}").status == 404
        assert fetch(f"{base}/api/events/{hidden}").status == 404
        merged_page = fetch(f"{base}/events/{gone}")  # the old id shows the event it went into
        assert merged_page.status == 200 and "Viện Khoa học và Công nghệ Hàn Quốc" in merged_page.text
        listing = fetch(f"{base}/events").text
        assert "Tin không phải hợp tác" not in listing and "Viện Khoa học và Công nghệ Hàn Quốc" in listing

        rows = list(csv.reader(io.StringIO(fetch(f"{base}/events.csv").text.lstrip("\ufeff"))))
        assert [r[0] for r in rows[1:]] == [str(full), str(short), str(kept)] and rows[3][2] == "agreement"
        feed = ElementTree.fromstring(fetch(f"{base}/feeds/events.atom").body)
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}id") for e in entries] == [f"urn:coopwatch:event:{i}" for i in (full, short, kept)]
        items = json.loads(fetch(f"{base}/feeds/events.json").body)["items"]
        assert len(items) == 3 and "Viện Khoa học và Công nghệ Hàn Quốc" in items[2]["title"] + json.dumps(items[2], ensure_ascii=False)

        # q finds the names an analyst gave: the organisation's new name and English name, every
        # spelling merged into it, and a party put on an event in place of the parser's
        def found(words: str) -> list[int]:
            return [e["id"] for e in json.loads(fetch(f"{base}/api/events?q={quote(words)}").body)["events"]]
        for words in ("tỉnh Hà Nam", "department", "KH&CN", "Sở Khoa học"):
            assert found(words) == [full, short], words
        assert found("Khoa học Hàn Quốc") == [kept]
        page = fetch(f"{base}/events?q={quote('tỉnh')}").text  # the page reads the same events its own way
        assert all(text in page for text in ("Hợp tác về y tế", "Hợp tác về giáo dục", "Sở Khoa học và Công nghệ tỉnh"))
        with factory.begin() as session:
            CorrectionLog(session).undo(merged, WHO)
        assert found("KH&CN") == [short] and found("tỉnh") == [full]
    finally:
        server.stop()
        engine.dispose()
