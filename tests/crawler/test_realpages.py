"""The extractors and link finders on pages captured from the live sites (shared/realpages/).

The pages are read where they lie, never copied into the project: shared/ is the sibling of the
repository root, or COOPWATCH_SHARED. SOURCES.md there says where each page came from.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from parsel import Selector
from scrapy.http import HtmlResponse, Request, XmlResponse

from crawler.extract import canonical_url, choose_layout, extract_article, extract_body
from crawler.items import NewsItem
from crawler.sources import BAOCHINHPHU, VTC, VTCNEWS
from crawler.spiders.baochinhphu import BaochinhphuSpider
from crawler.spiders.vtcnews import VtcnewsSpider

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("COOPWATCH_SHARED", ROOT.parent / "shared"))
VN = dt.timezone(dt.timedelta(hours=7))
FETCHED = dt.datetime(2026, 3, 8, 3, 0, tzinfo=dt.UTC)

BCP_ARTICLE = "article-chinh-sach-moi-co-hieu-luc-tu-thang-3-2026-102260228093004191.html"
BCP_ARTICLE_URL = "https://baochinhphu.vn/chinh-sach-moi-co-hieu-luc-tu-thang-3-2026-102260228093004191.htm"
BCP_LISTING = "listing-chinh-sach-va-cuoc-song-chinh-sach-moi-page1.html"
BCP_LISTING_URL = "https://baochinhphu.vn/chinh-sach-va-cuoc-song/chinh-sach-moi.htm"
BCP_FEED = "rss-kinh-te-2026-09-05.xml"
BCP_FEED_URL = "https://baochinhphu.vn/kinh-te.rss"
VTC_BODY = "article-body-fragment-ar957409-mira-murati-2025-08.derived.html"
VTC_ITEM = "rss-item-fragment-khoa-hoc-cong-nghe-ar850105-2024-01-27.xml"
VTC_ITEM_URL = "https://vtc.vn/vinuni-hop-tac-voi-dai-hoc-quoc-gia-singapore-ve-doi-moi-sang-tao-ar850105.html"
VTC_DESCRIPTION = "rss-description-fragment-ar800375-2023-06.txt"


@pytest.fixture(scope="module")
def realpages() -> Path:
    """The captured pages; their absence is a failure (CI has shared/ beside the clone)."""
    folder = SHARED / "realpages"
    if not (folder / "SOURCES.md").is_file():
        pytest.fail(
            f"real pages not found at {folder}: put shared/ beside the repository or set COOPWATCH_SHARED",
            pytrace=False,
        )
    return folder


def read(realpages: Path, site: str, name: str) -> str:
    return (realpages / site / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- baochinhphu.vn article


@pytest.fixture(scope="module")
def bcp_article(realpages: Path) -> NewsItem:
    return extract_article(read(realpages, "baochinhphu", BCP_ARTICLE), BCP_ARTICLE_URL, "baochinhphu", FETCHED)


def test_baochinhphu_article_fields(bcp_article: NewsItem) -> None:
    item = bcp_article
    assert item.site_article_id == "102260228093004191"
    assert item.url == BCP_ARTICLE_URL
    assert item.title == "Chính sách mới có hiệu lực từ tháng 3/2026"
    # article:published_time writes its '+' as '&#x2B;'; the id (2026-02-28 09:30) is creation time
    assert item.published_at == dt.datetime(2026, 3, 1, 9, 51, tzinfo=VN)
    assert item.sapo.startswith("Tháng 3/2026 có nhiều chính sách mới có hiệu lực")
    assert "Chinhphu.vn" not in item.sapo
    assert item.category == "Chính sách mới"
    assert item.author == ""  # the byline box is empty on this page
    assert item.tags == ()


def test_baochinhphu_article_body(bcp_article: NewsItem) -> None:
    body = bcp_article.body
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "3 hình thức khai thác, sử dụng thông tin về nhà ở và thị trường bất động sản"
    assert paragraphs[1].startswith("Chính phủ ban hành Nghị định số 357/2025/NĐ-CP ngày 31/12/2025")
    assert "Quy định mới về đăng ký cư trú cho người chưa thành niên từ 15/3" in paragraphs  # h2 > b
    assert paragraphs[-1] == (
        "- Đồng bào dân tộc thiểu số ở các xã đặc biệt khó khăn theo quy định của pháp luật."
    )
    # the related-news box and the CMS timestamp comment at the end of the body are left out
    assert "Chính sách mới có hiệu lực từ tháng 2/2026" not in body
    assert "Châu Âu: Nhiều chính sách mới có hiệu lực năm 2026" not in body
    assert "GMT+0700" not in body and "Indochina Time" not in body


def test_coopwatch_extract_reads_the_saved_page(realpages: Path) -> None:
    """What a user runs on a page saved from the site: the CLI prints the article as JSON."""
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", "extract",
         "--html", str(realpages / "baochinhphu" / BCP_ARTICLE), "--url", BCP_ARTICLE_URL],
        check=False, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    article = json.loads(done.stdout)["article"]
    assert article["title"] == "Chính sách mới có hiệu lực từ tháng 3/2026"
    assert article["published_at"] == "2026-03-01T09:51:00+07:00"


# ---------------------------------------------------------------- baochinhphu.vn listing and feed


@pytest.fixture(scope="module")
def bcp_listing(realpages: Path) -> HtmlResponse:
    body = read(realpages, "baochinhphu", BCP_LISTING).encode("utf-8")
    return HtmlResponse(BCP_LISTING_URL, body=body, encoding="utf-8", request=Request(BCP_LISTING_URL))


def test_baochinhphu_listing_finds_every_listed_article(bcp_listing: HtmlResponse) -> None:
    spider = BaochinhphuSpider(today=dt.date(2026, 3, 8))
    requested = [r.url for r in spider.parse_listing(bcp_listing, page=1)]
    listed = [
        "https://baochinhphu.vn" + href
        for href in bcp_listing.css("a.box-category-link-title::attr(href), a.box-stream-link-title::attr(href)").getall()
    ]
    assert len(listed) == 24  # the featured block and the two stream blocks of page 1
    assert requested[0] == "https://baochinhphu.vn/moi-giao-vien-mam-non-khong-kiem-nhiem-qua-2-nhiem-vu-102260305092012481.htm"
    assert set(listed) <= set(requested)
    # 17-digit ids occur next to 18-digit ones
    assert "https://baochinhphu.vn/danh-gia-dien-rong-cap-quoc-gia-chat-luong-giao-duc-pho-thong-10226030416274747.htm" in requested
    assert all(BAOCHINHPHU.article_id(url) for url in requested)
    assert len(requested) == len(set(requested)) == 34  # the rest are the page's side boxes
    assert spider.report.section_links == {BCP_LISTING_URL: 34}


def test_baochinhphu_listing_pages_on_through_timelinelist(bcp_listing: HtmlResponse) -> None:
    known = [BAOCHINHPHU.article_id(h) or "" for h in bcp_listing.css("a::attr(href)").getall()]
    spider = BaochinhphuSpider(known_ids=known, deep=True, today=dt.date(2026, 3, 8))
    requested = [r.url for r in spider.parse_listing(bcp_listing, page=1)]
    assert requested == ["https://baochinhphu.vn/timelinelist/1021119/2.htm"]  # #hdZoneId of the page


def test_baochinhphu_feed_links(realpages: Path) -> None:
    body = read(realpages, "baochinhphu", BCP_FEED).encode("utf-8")
    spider = BaochinhphuSpider()
    requested = [r.url for r in spider.parse_feed(XmlResponse(BCP_FEED_URL, body=body, request=Request(BCP_FEED_URL)))]
    assert len(requested) == 50
    assert requested[0] == "https://baochinhphu.vn/co-che-chinh-sach-xac-dinh-gia-san-pham-in-duc-tien-102260905122709839.htm"
    assert any(BAOCHINHPHU.article_id(url) == "10226090311303306" for url in requested)  # a 17-digit id
    assert spider.report.errors == []  # well-formed, though its dates are not RFC 822


def test_baochinhphu_feed_has_no_guid_and_a_month_first_pubdate(realpages: Path) -> None:
    """Why the spider takes links, not guids, and dates from the article page, not the feed."""
    feed = feedparser.parse(read(realpages, "baochinhphu", BCP_FEED))
    first = feed.entries[0]
    assert first.published == "9/5/2026 1:30:00 PM"  # 5 September, local time, no zone
    assert first.get("published_parsed") is None
    assert all("id" not in entry for entry in feed.entries)
    assert first.link.endswith("-102260905122709839.htm")


# ---------------------------------------------------------------- vtcnews.vn fragments


@pytest.fixture
def vtc_body(realpages: Path) -> Selector:
    """A fresh tree for each test: extract_body drops figures from the tree it reads."""
    return Selector(text=read(realpages, "vtcnews", VTC_BODY))


def test_vtc_fragment_is_read_with_the_vtc_layout(vtc_body: Selector) -> None:
    assert choose_layout(vtc_body, VTCNEWS) is VTC
    assert vtc_body.css(VTC.body)  # the class value has a trailing space: "... mt15 clearfix "


def test_vtc_body_paragraphs_without_figures_or_captions(vtc_body: Selector) -> None:
    paragraphs = extract_body(vtc_body, VTC).split("\n\n")
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Mira Murati từng là người đứng sau thành công của hàng loạt dự án AI")
    assert paragraphs[4].endswith(
        "Câu trả lời của Murati là một lời từ chối rõ ràng: 'Cho đến nay, chưa ai trong nhóm chấp nhận lời đề nghị đó.'"
    )
    assert paragraphs[-1].endswith("Đề cao đạo đức, minh bạch và sự tiếp cận rộng rãi của AI.")
    assert not any("Getty Images" in p for p in paragraphs)  # both figcaptions p.expEdit
    # the crawler's wrapper around the body is not VTC markup and is not read
    assert not any(p.startswith("Quyết định từ chối lời mời") for p in paragraphs)


def test_vtc_figures_are_lazy_images(vtc_body: Selector) -> None:
    """Images carry data-src only; what a figure selector would have to read."""
    figures = vtc_body.css(f"{VTC.body.split(',')[0]} > figure.expNoEdit")
    assert len(figures) == 2
    assert figures[0].css("img::attr(src)").get() is None
    assert figures[0].css("img::attr(data-src)").get() == (
        "https://cdn-i.vtcnews.vn/resize/th/upload/2025/08/01/123-14361951.jpeg"
    )
    assert figures[0].css("figcaption p.expEdit::text").get() == (
        "Mira Murati - người phụ nữ mang tầm nhìn AI vượt ra ngoài những con số tỷ USD. (Nguồn: Getty Images)"
    )


def test_vtc_feed_item_link_guid_and_pubdate(realpages: Path) -> None:
    text = read(realpages, "vtcnews", VTC_ITEM)
    entry = feedparser.parse(text).entries[0]
    assert entry.link == entry.id == VTC_ITEM_URL  # guid is the link
    published = dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC)
    assert published == dt.datetime(2024, 1, 27, 14, 28, 56, tzinfo=VN)  # RFC 822 with +0700

    feed_url = "https://vtcnews.vn/rss/khoa-hoc-cong-nghe.rss"
    spider = VtcnewsSpider()
    response = XmlResponse(feed_url, body=text.encode("utf-8"), request=Request(feed_url))
    assert [r.url for r in spider.parse_feed(response)] == [VTC_ITEM_URL]  # vtc.vn is one of VTC's hosts
    assert spider.report.errors == []


@pytest.mark.parametrize(
    ("name", "site_id", "canonical"),
    [
        (VTC_ITEM, "850105", "https://vtcnews.vn/vinuni-hop-tac-voi-dai-hoc-quoc-gia-singapore-ve-doi-moi-sang-tao-ar850105.html"),
        (VTC_DESCRIPTION, "800375", "https://vtcnews.vn/bo-quoc-phong-nga-dat-mua-them-he-thong-vu-khi-nhiet-ap-tos-ar800375.html"),
    ],
)
def test_vtc_feed_links_on_vtc_vn_are_one_article_on_vtcnews_vn(
    realpages: Path, name: str, site_id: str, canonical: str
) -> None:
    match = re.search(r'href="([^"]+)"', read(realpages, "vtcnews", name))  # inside the CDATA description
    assert match is not None
    href = match[1]
    assert href.startswith("https://vtc.vn/")
    assert VTCNEWS.article_id(href) == site_id
    assert canonical_url(href) == canonical
