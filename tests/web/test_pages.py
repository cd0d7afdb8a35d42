"""The HTML pages of a running web view: lists, filters, an event, a party, the sources, errors, safety."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from tests.smtp import free_port
from tests.web.conftest import fetch, start_server


class Rows(HTMLParser):
    """The rows of the events table, as the text of their cells, and every link of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.alternates: dict[str, str] = {}
        self._in_body = self._cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "link" and values.get("rel") == "alternate":
            self.alternates[values.get("type") or ""] = values.get("href") or ""
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "td" and self._in_body:
            self.rows[-1].append("")
            self._cell = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        if tag == "td":
            self._cell = False

    def handle_data(self, data: str) -> None:
        if self._cell and self.rows:
            self.rows[-1][-1] += data


def parse(html: str) -> Rows:
    page = Rows()
    page.feed(html)
    return page


def test_events_page_lists_every_stored_event_newest_first(web: str) -> None:
    answer = fetch(f"{web}/events")
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/html")
    page = parse(answer.text)
    assert len(page.rows) == 8
    dates = [row[0].strip() for row in page.rows]
    assert dates[0] == "19/11/2026" and dates[1] == "02/07/2024"
    assert any("Bộ Khoa học và Công nghệ Việt Nam" in row[2] and "Viện KH&CN Hàn Quốc" in row[2] and "KIST" in row[2] for row in page.rows)
    assert "8 sự kiện" in answer.text and 'lang="vi"' in answer.text
    assert parse(fetch(f"{web}/").text).rows == page.rows


def test_pages_advertise_their_feeds_with_the_same_filter(web: str) -> None:
    page = parse(fetch(f"{web}/events?party=KIST&page=1").text)
    assert page.alternates["application/atom+xml"] == "/feeds/events.atom?party=KIST"
    assert page.alternates["application/feed+json"] == "/feeds/events.json?party=KIST"
    assert "/events.csv?party=KIST" in page.links


def test_event_and_party_pages_advertise_their_json_and_feeds(web: str) -> None:
    kist = parse(fetch(f"{web}/events?party=KIST").text).links
    event = next(link for link in kist if re.fullmatch(r"/events/\d+", link))
    party = next(link for link in parse(fetch(web + event).text).links if link.startswith("/parties/"))
    assert parse(fetch(web + event).text).alternates == {"application/json": "/api/" + event.removeprefix("/")}
    on_party = parse(fetch(web + party).text)
    assert on_party.alternates["application/atom+xml"].startswith("/feeds/events.atom?party=")
    query = on_party.alternates["application/atom+xml"].partition("?")[2]
    assert on_party.alternates["application/feed+json"] == f"/feeds/events.json?{query}"
    assert on_party.alternates["application/json"] == f"/api/events?{query}"
    assert f"/events?{query}" in on_party.links  # the feeds are of the events the page links to


@pytest.mark.parametrize(("query", "expected"), [
    ("type=mou", {"02/07/2024", "19/09/2022"}),
    ("party=KIST", {"01/07/2024"}),
    ("party=" + quote("Viện KH&CN Hàn Quốc"), {"01/07/2024"}),
    ("party=" + quote("vien kh&cn han quoc"), {"01/07/2024"}),  # accents and case do not matter
    ("q=" + quote("SATI KIAT"), {"22/06/2023"}),
    ("source=vtcnews&since=2026-01-01", {"19/11/2026"}),
    ("since=2024-07-01&until=2024-07-01", {"01/07/2024"}),
    ("q=" + quote("không có từ này"), set()),
])
def test_filters_select_the_matching_events(web: str, query: str, expected: set[str]) -> None:
    page = parse(fetch(f"{web}/events?{query}").text)
    assert {row[0].strip() for row in page.rows} == expected


def test_party_filter_matches_either_side(web: str) -> None:
    vietnamese = parse(fetch(f"{web}/events?party=MOST").text)
    korean = parse(fetch(f"{web}/events?party=MSS").text)
    assert vietnamese.rows and all("MOST" in row[2] for row in vietnamese.rows)
    assert [row[0] for row in korean.rows] == ["02/07/2024"]


def test_event_page_shows_the_event_in_full(web: str) -> None:
    listing = parse(fetch(f"{web}/events?party=MSS").text)
    event_link = next(link for link in listing.links if re.fullmatch(r"/events/\d+", link))
    answer = fetch(web + event_link)
    assert answer.status == 200
    for expected in ("Bộ Doanh nghiệp vừa và nhỏ và Khởi nghiệp Hàn Quốc", "(MSS)", "Seoul", "02/07/2024",
                     "Lưu lần đầu", "baochinhphu.vn", "Bộ KH&amp;CN"):
        assert expected in answer.text
    page = parse(answer.text)
    assert any(link.startswith("http") and "-102" in link for link in page.links)  # the baochinhphu story
    english = fetch(web + event_link + "?lang=en")
    assert 'lang="en"' in english.text and "First stored" in english.text and "Memoranda of understanding" in english.text


def test_english_pages_and_feeds_give_each_party_its_english_name_where_one_is_known(web: str) -> None:
    most, kist = "Ministry of Science and Technology", "Korea Institute of Science and Technology"
    [row] = parse(fetch(f"{web}/events?party=KIST&lang=en").text).rows
    assert most in row[2] and kist in row[2]
    assert most not in fetch(f"{web}/events?party=KIST").text  # the Vietnamese page keeps to the Vietnamese names
    listing = parse(fetch(f"{web}/events?party=MSS&lang=en").text)
    event = next(link for link in listing.links if re.fullmatch(r"/events/\d+\?lang=en", link))
    assert "Ministry of SMEs and Startups" in fetch(web + event).text
    [entry] = json.loads(fetch(f"{web}/feeds/events.json?party=KIST&lang=en").body)["items"]
    assert most in entry["content_html"] and kist in entry["content_html"]
    hostile = fetch(f"{web}/events?source=vtcnews&lang=en").text  # a party no list knows: its name alone
    assert 'Viện &#34;Độc hại&#34; &lt;b&gt;XSS&lt;/b&gt;</a> <span class="arrow">' in hostile


def test_party_page_shows_its_events_and_counterparts(web: str) -> None:
    listing = parse(fetch(f"{web}/events?party=KIST").text)
    most = next(link for link in listing.links if link.startswith("/parties/"))
    answer = fetch(web + most)
    assert answer.status == 200 and "Bộ KH&amp;CN" in answer.text
    page = parse(answer.text)
    counterparts = {row[0].strip(): row[1].strip() for row in page.rows if len(row) == 2}
    assert counterparts["Viện KH&CN Hàn Quốc (KIST)"] == "1"
    assert "Bộ Doanh nghiệp vừa và nhỏ và Khởi nghiệp Hàn Quốc (MSS)" in counterparts
    assert fetch(f"{web}/parties/999999").status == 404


def test_sources_page_shows_each_source_last_run(web: str) -> None:
    answer = fetch(f"{web}/sources?lang=en")
    page = parse(answer.text)
    assert [row[0] for row in page.rows] == ["Bộ KH&CN", "baochinhphu.vn", "VTC News"]
    assert all(row[2].startswith("ok") for row in page.rows), page.rows
    assert "No open incident." in answer.text


def test_english_labels_with_lang_en(web: str) -> None:
    answer = fetch(f"{web}/events?type=meeting&lang=en")
    assert "Cooperation events" in answer.text and "Meetings" in answer.text and "events" in answer.text
    page = parse(answer.text)
    assert "/events?type=meeting" in page.links  # the switch back to Vietnamese keeps the filter


def test_paging_beyond_the_last_page_is_empty_not_an_error(web: str) -> None:
    answer = fetch(f"{web}/events?page=9")
    assert answer.status == 200 and not parse(answer.text).rows


@pytest.mark.parametrize(("query", "reason"), [
    ("type=treaty", "type: không có giá trị &#39;treaty&#39;"),
    ("source=nytimes", "source: không có giá trị"),
    ("since=yesterday", "since: &#39;yesterday&#39; không phải ngày YYYY-MM-DD"),
    ("since=2024-13-01", "since: &#39;2024-13-01&#39; không phải ngày"),
    ("since=2025-01-01&until=2024-01-01", "since: phải trước hoặc bằng until"),
    ("page=0", "page: &#39;0&#39; không phải số trang"),
    ("page=-1", "page:"),
    ("lang=fr", "lang: không có giá trị"),
    ("q=" + "x" * 201, "q: tối đa 200 ký tự"),
])
def test_bad_parameters_are_a_400_page_with_the_reason(web: str, query: str, reason: str) -> None:
    answer = fetch(f"{web}/events?{query}")
    assert answer.status == 400, answer.text
    assert reason in answer.text and "Traceback" not in answer.text
    api = fetch(f"{web}/api/events?{query}")
    assert api.status == 400 and api.headers["Content-Type"] == "application/json"


def test_bad_parameter_reason_in_english(web: str) -> None:
    answer = fetch(f"{web}/events?type=treaty&lang=en")
    assert answer.status == 400 and "type: unknown value &#39;treaty&#39;; known: mou" in answer.text


@pytest.mark.parametrize("path", ["/events/999999", "/events/abc", "/events/1x", "/nowhere", "/parties/x"])
def test_unknown_ids_and_pages_are_a_404_page(web: str, path: str) -> None:
    answer = fetch(web + path)
    assert answer.status == 404 and "404" in answer.text and "<html" in answer.text


def test_scraped_markup_is_shown_as_text_never_run(web: str) -> None:
    answer = fetch(f"{web}/events?source=vtcnews")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Ký kết &lt;img src=x onerror=alert(1)&gt;" in answer.text
    assert "Viện &#34;Độc hại&#34; &lt;b&gt;XSS&lt;/b&gt;" in answer.text
    for path in ("/events", "/events?source=vtcnews", "/sources"):
        html = fetch(web + path).text
        assert "<script" not in html and "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
        assert "style=" not in html  # the CSP forbids inline styles: the page must not need them


def test_every_page_carries_a_strict_content_security_policy(web: str) -> None:
    for path in ("/events", "/events/1", "/feeds/events.atom", "/api/events", "/events?type=bad", "/nowhere"):
        csp = fetch(web + path).headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
    html = fetch(f"{web}/events").text
    assert not re.search(r'(src|href)="(https?:)?//', html.split("<body>")[0])  # no external asset in <head>


def test_a_database_that_is_down_is_a_503_and_the_server_keeps_running() -> None:
    server = start_server(f"postgresql://coopwatch:pw@127.0.0.1:{free_port()}/nothing")
    try:
        for path in ("/events", "/api/events", "/events/1"):
            answer = fetch(server.url + path)
            assert answer.status == 503 and "Traceback" not in answer.text
        assert "Cơ sở dữ liệu tạm thời không truy cập được" in fetch(server.url + "/events").text
        assert fetch(server.url + "/static/style.css").status == 200  # still serving
    finally:
        server.stop()


def test_q_finds_an_event_by_a_word_only_its_evidence_has(tmp_path) -> None:
    import datetime as dt
    import json

    from crawler.items import CooperationEvent, EventType, Extraction, NewsItem, Party
    from storage.db import make_engine, make_session_factory, migrate
    from storage.repository import ArticleRepository, EventRepository

    url = f"sqlite:///{tmp_path / 'evidence.db'}"
    engine = make_engine(url)
    migrate(engine)
    now = dt.datetime(2026, 11, 20, 3, tzinfo=dt.UTC)
    with make_session_factory(engine).begin() as session:
        for n, sentence in enumerate(["Hai bên hợp tác nghiên cứu chất bán dẫn thế hệ mới.", "Hai bên trao đổi."]):
            item = NewsItem(source="vtcnews", url=f"https://vtcnews.vn/tin-ar{n + 1}.html", site_article_id=str(n + 1),
                            title=f"Lễ ký kết số {n + 1}", body="…", published_at=now, fetched_at=now)
            _, article = ArticleRepository(session).save(item, now)
            event = CooperationEvent(type=EventType.MOU, date=dt.date(2026, 11, 19 - n), evidence=(sentence,),
                                     vn_parties=(Party(name="Viện Hàn lâm KH&CN Việt Nam"),),
                                     kr_parties=(Party(name=("KAIST", "KIST")[n]),))
            EventRepository(session).save_extraction(article, Extraction(relevant=True, events=(event,)), now)
    engine.dispose()
    server = start_server(url)
    try:
        words = quote("bán dẫn")
        page = parse(fetch(f"{server.url}/events?q={words}").text)
        assert [row[0].strip() for row in page.rows] == ["19/11/2026"]
        assert "Lễ ký kết số 1" in page.rows[0][-1]
        assert "Lễ ký kết số 1" in fetch(f"{server.url}/events.csv?q={words}").text
        assert "Lễ ký kết số 2" not in fetch(f"{server.url}/events.csv?q={words}").text
        api = json.loads(fetch(f"{server.url}/api/events?q={words}").text)
        assert api["total"] == 1 and api["events"][0]["evidence"] == ["Hai bên hợp tác nghiên cứu chất bán dẫn thế hệ mới."]
        feed = json.loads(fetch(f"{server.url}/feeds/events.json?q={words}").text)
        assert [item["summary"] for item in feed["items"]] == ["Hai bên hợp tác nghiên cứu chất bán dẫn thế hệ mới."]
        assert len(parse(fetch(f"{server.url}/events?q={quote('ký kết')}").text).rows) == 2  # headlines still count
    finally:
        server.stop()
