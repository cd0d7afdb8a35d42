"""Article extraction on the fixture pages: every field of every seed article."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.cooperation import parse_article
from crawler.extract import (
    ParseError,
    canonical_url,
    clean_text,
    extract_article,
    parse_vn_datetime,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
FETCHED = dt.datetime(2026, 11, 22, 5, 0, tzinfo=dt.UTC)
VN = dt.timezone(dt.timedelta(hours=7))


def page(source: str, path: str) -> str:
    index = json.loads((FIXTURES / source / "urls.json").read_text(encoding="utf-8"))
    return (FIXTURES / source / index[path]["file"]).read_text(encoding="utf-8").replace("{{BASE}}", f"https://{source}.test")


def test_baochinhphu_seed_001_every_field() -> None:
    path = "/buoc-tien-quan-trong-trong-hop-tac-thuc-day-he-sinh-thai-khoi-nghiep-viet-nam-han-quoc-102240702173012345.htm"
    item = extract_article(page("baochinhphu", path), "https://baochinhphu.vn" + path, "baochinhphu", FETCHED)
    assert item.site_article_id == "102240702173012345"
    assert item.url == "https://baochinhphu.vn" + path
    assert item.title == "Bước tiến quan trọng trong hợp tác thúc đẩy hệ sinh thái khởi nghiệp Việt Nam - Hàn Quốc"
    assert item.sapo.startswith("Bản ghi nhớ hợp tác giữa Bộ KH&CN và Bộ Doanh nghiệp vừa và nhỏ")
    assert "(Chinhphu.vn)" not in item.sapo
    assert item.published_at == dt.datetime(2024, 7, 2, 17, 45, tzinfo=VN)
    assert item.author == "Thu Trang"
    assert item.category == "Đối ngoại"
    assert item.tags == ("Hàn Quốc", "khởi nghiệp", "Bộ KH&CN")
    assert item.body.startswith("Chiều 2/7, tại Seoul, Hàn Quốc")
    assert item.body.endswith("như kỳ vọng của hai Chính phủ.")
    assert "chứng kiến trao Bản ghi nhớ" not in item.body  # the photo caption, kept apart:
    assert item.captions == (
        (
            "Thủ tướng Phạm Minh Chính và Thủ tướng Hàn Quốc Han Duck Soo chứng kiến trao Bản ghi nhớ về hợp tác"
            " phát triển và trao đổi hệ sinh thái khởi nghiệp giữa Bộ Khoa học và Công nghệ Việt Nam và Bộ Doanh"
            " nghiệp nhỏ và vừa và khởi nghiệp Hàn Quốc - Ảnh: VGP/Nhật Bắc"
        ),
    )
    assert "Thủ tướng chủ trì phiên họp" not in item.body  # the related-news box
    assert "Thu Trang" not in item.body  # the byline paragraph


def test_vtc_seed_002_every_field() -> None:
    path = "/vkbia-ky-ket-hop-tac-voi-chungbuk-technopark-phat-trien-khcn-viet-han-ar648657.html"
    item = extract_article(page("vtcnews", path), "https://vtc.vn" + path, "vtcnews", FETCHED)
    assert item.site_article_id == "648657"
    assert item.url == "https://vtcnews.vn" + path  # vtc.vn folded into vtcnews.vn
    assert item.title == "VKBIA ký kết hợp tác với Chungbuk Technopark phát triển KHCN Việt - Hàn"
    assert item.sapo.startswith("Lễ ký kết thúc đẩy hợp tác về khoa học công nghệ")
    assert "VTC News" not in item.sapo
    assert item.published_at == dt.datetime(2021, 11, 26, 18, 2, tzinfo=VN)
    assert item.author == "Song Hy"
    assert item.category == "Thời sự quốc tế"
    assert item.tags == ("VKBIA", "Hàn Quốc")
    assert item.body.startswith("Hôm 26/11, Hiệp hội Doanh nhân & Đầu tư Việt Nam - Hàn Quốc (VKBIA)")
    assert item.body.endswith("ông Linh khẳng định.")
    assert "Quang cảnh buổi lễ ký kết" not in item.body
    assert item.captions == ("Quang cảnh buổi lễ ký kết.",)
    assert "Tin liên quan" not in item.body and "Bình luận" not in item.body


@pytest.mark.parametrize(
    ("path", "title", "published", "first", "last", "author"),
    [
        (
            "/vn/tin-tuc/20945/le-ky-ket-bien-ban-ghi-nho-hop-tac-giua-vistip-va-kosme.aspx",
            "Lễ ký kết biên bản ghi nhớ hợp tác giữa VISTIP và KOSME",
            dt.date(2022, 9, 20),
            "Ngày 19/9/2022 tại Hà Nội đã diễn ra Lễ ký kết",
            "ở Việt Nam và Hàn Quốc lên tầm cao mới.",
            "Bộ Khoa học và Công nghệ (MOST).",
        ),
        (
            "/vn/tin-tuc/26312/buoc-tien-quan-trong-trong-hop-tac-thuc-day-he-sinh-thai-khoi-nghiep-viet-nam-han-quoc.aspx",
            "Bước tiến quan trọng trong hợp tác thúc đẩy hệ sinh thái khởi nghiệp Việt Nam - Hàn Quốc",
            dt.date(2024, 7, 2),
            "Chiều 2/7, tại Seoul",
            "như kỳ vọng của hai Chính phủ.",
            "baochinhphu.vn",
        ),
        (
            "/vn/tin-tuc/17321/phien-hop-lan-thu-nhat-giua-cuc-cong-tac-phia-nam-asa-va-cuc-thuong-mai-thanh-pho-seoul-han-quoc-sba.aspx",
            "Phiên họp lần thứ nhất giữa Cục Công tác phía Nam (ASA) và Cục Thương mại thành phố Seoul Hàn Quốc (SBA)",
            dt.date(2020, 4, 20),
            "Thúc đẩy phát triển tiềm lực công nghệ",
            "những thành công mới của Chương trình.",
            "Phòng Hợp tác và Phát triển tiềm lực KH&CN - Cục Công tác phía Nam, Bộ KH&CN",
        ),
    ],
)
def test_legacy_most_seeds(path: str, title: str, published: dt.date, first: str, last: str, author: str) -> None:
    item = extract_article(page("most", path), "https://www.most.gov.vn" + path, "most", FETCHED)
    assert item.title == title
    assert item.site_article_id.startswith("legacy-")
    assert item.published_at is not None and item.published_at.date() == published
    assert item.published_at.utcoffset() == dt.timedelta(hours=7)
    assert item.body.startswith(first) and item.body.endswith(last)
    assert item.author == author
    assert item.category == "Hợp tác quốc tế"
    assert "Số lượt đọc" not in item.body and "Về trang trước" not in item.body


def test_mst_seed_004() -> None:
    path = "/sati-ky-hop-tac-voi-kiat-va-keit-thuc-day-cong-nghe-cong-nghiep-viet-nam-han-quoc-197230623101512345.htm"
    item = extract_article(page("most", path), "https://mst.gov.vn" + path, "most", FETCHED)
    assert item.site_article_id == "197230623101512345"
    assert item.title == "SATI ký hợp tác với KIAT và KEIT thúc đẩy công nghệ công nghiệp Việt Nam - Hàn Quốc"
    assert item.published_at == dt.datetime(2023, 6, 23, 10, 15, tzinfo=VN)
    assert item.body.startswith("Ngày 22/6 tại trụ sở Bộ Khoa học và Công nghệ")
    assert item.body.endswith("tăng 11,4% so với năm 2021.")
    assert item.category == "Khoa học và Công nghệ"


@pytest.mark.parametrize(
    ("html", "field"),
    [
        ("<html><body><p>no title</p></body></html>", "title"),
        ('<html><body><h1 class="detail-title">T</h1><div class="detail-content afcbc-body"><p>x</p></div></body></html>', "published date"),
        (('<html><head><meta property="article:published_time" content="2024-01-01T08:00:00+07:00"></head>'
          '<body><h1 class="detail-title">T</h1><div class="detail-content afcbc-body"></div></body></html>'), "body"),
    ],
)
def test_missing_required_field_is_a_parse_error(html: str, field: str) -> None:
    with pytest.raises(ParseError) as info:
        extract_article(html, "https://baochinhphu.vn/a-102240101000000000.htm", "baochinhphu", FETCHED)
    assert info.value.field == field


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01T09:51:00+07:00", dt.datetime(2026, 3, 1, 9, 51, tzinfo=VN)),
        ("Thứ Sáu, 26/11/2021 18:02:00 +07:00", dt.datetime(2021, 11, 26, 18, 2, tzinfo=VN)),
        ("01/03/2026 09:51", dt.datetime(2026, 3, 1, 9, 51, tzinfo=VN)),
        ("(02/07/2024)", dt.datetime(2024, 7, 2, tzinfo=VN)),
        ("", None),
        ("không có ngày", None),
    ],
)
def test_parse_vn_datetime(text: str, expected: dt.datetime | None) -> None:
    value = parse_vn_datetime(text)
    assert value == expected
    if value is not None:
        assert value.utcoffset() == dt.timedelta(hours=7)


def test_canonical_url_and_clean_text() -> None:
    assert canonical_url("http://vtc.vn/a-ar1.html?utm=x#c") == "https://vtcnews.vn/a-ar1.html"
    assert canonical_url("https://baochinhphu.vn/a-1021.htm?x=1") == "https://baochinhphu.vn/a-1021.htm"
    assert clean_text("Ho\u0300a\u00a0 &amp; b ") == "Hòa & b"


# Page shells and photo blocks in each site's markup as shared/realpages and sites.md show it
# (baochinhphu: the 2026 article; VTC: the 2025 body; mst.gov.vn: the same CMS as baochinhphu,
# inferred; www.most.gov.vn: no real page exists, the shell follows sites.md 1.3).
DETAIL_PAGE = """<html><head><meta property="article:published_time" content="2024-06-13T09:30:00&#x2B;07:00">
</head><body><div class="detail-mcontent"><h1 class="detail-title" data-role="title">Thúc đẩy chuyển giao công nghệ</h1>
<h2 class="detail-sapo" data-role="sapo">(Chinhphu.vn) - Nhiều doanh nghiệp tham dự hội nghị.</h2>
<div class="detail-content afcbc-body clearfix" data-role="content">{body}</div></div></body></html>"""
VTC_PAGE = """<html><body><section class="nd-detail"><span class="time-update mr10">Thứ Năm, 13/06/2024 09:30:00 +07:00</span>
<header class="mb5"><h1 class="font28 bold lh-1-3">Thúc đẩy chuyển giao công nghệ</h1></header>
<h2 class="font18 bold inline-nb">(VTC News) - Nhiều doanh nghiệp tham dự hội nghị.</h2>
<div class="edittor-content box-cont mt15 clearfix " itemprop="articleBody">{body}</div></section></body></html>"""
LEGACY_PAGE = """<html><body><div class="News_Detail"><div id="divArticleDescription3">
<h1 class="News_Detail_Title">Thúc đẩy chuyển giao công nghệ</h1><span class="News_Time_Post">(13/06/2024)</span></div>
<div id="divArticleDescription1"><p>Nhiều doanh nghiệp tham dự hội nghị.</p></div>
<div id="divArticleDescription2"><div>{body}</div></div></div></body></html>"""
PAGES = {
    "baochinhphu": (DETAIL_PAGE, "https://baochinhphu.vn/thuc-day-chuyen-giao-cong-nghe-102240613093000001.htm"),
    "mst": (DETAIL_PAGE, "https://mst.gov.vn/thuc-day-chuyen-giao-cong-nghe-197240613093000001.htm"),
    "vtcnews": (VTC_PAGE, "https://vtcnews.vn/thuc-day-chuyen-giao-cong-nghe-ar870001.html"),
    "legacy": (LEGACY_PAGE, "https://www.most.gov.vn/vn/tin-tuc/27001/thuc-day-chuyen-giao-cong-nghe.aspx"),
}


def bcp_figure(caption: str) -> str:
    placeholder = "" if caption else ' class="NLPlaceholderShow"'
    return (
        '<figure class="VCSortableInPreviewMode alignCenter" type="Photo" data-style="align-center" style=""><div>'
        '<img data-author="" src="https://bcp.cdnchinhphu.vn/thumb_w/777/334894974524682240/2024/6/13/a.jpg"'
        ' alt="Thúc đẩy chuyển giao công nghệ- Ảnh 1." rel="lightbox" photoid="95202616631349"'
        ' data-original="https://bcp.cdnchinhphu.vn/334894974524682240/2024/6/13/a.jpg" type="photo" loading="lazy">'
        f'</div><figcaption class="PhotoCMS_Caption"><p data-placeholder="Nhập chú thích ảnh"{placeholder}>{caption}</p>'
        "</figcaption></figure>"
    )


def vtc_figure(caption: str) -> str:
    return (
        '<figure class="expNoEdit"><img alt="Thúc đẩy chuyển giao công nghệ - 1" height="440" data-id="2634993"'
        ' data-detail="1" data-width="660" data-height="440"'
        ' data-src="https://cdn-i.vtcnews.vn/resize/th/upload/2024/06/13/a.jpeg" class=" lazy" data-index="1">'
        f'<figcaption><p class="expEdit">{caption}</p></figcaption></figure>'
    )


def legacy_figure(caption: str) -> str:
    return (
        '<table class="image"><tr><td><img src="/Images/Tintuc/m1.jpg"></td></tr>'
        f'<tr><td class="caption"><p>{caption}</p></td></tr></table>'
    )


RELATED = (
    '<!-- bonewsrelation --><div class="VCSortableInPreviewMode" type="RelatedNewsBox"><div class="kbwscwl-relatedbox">'
    '<ul class="kbwscwlr-list"><li class="kbwscwlrl" data-date="30/11/2025 07:55" data-id="1" data-url="/x.htm"'
    ' data-title="Tin khác"><a href="/x.htm">Tin khác</a></li></ul></div></div><!-- eonewsrelation -->'
)
FIRST = "Hội nghị thu hút đông đảo doanh nghiệp tham dự."
SECOND = "Các đại biểu trao đổi về chuyển giao công nghệ và đổi mới sáng tạo."
SIGNING = (
    "Ngày 12/6/2024, Bộ Khoa học và Công nghệ và Viện Xúc tiến Công nghệ và Công nghiệp Hàn Quốc (KIAT)"
    " ký biên bản ghi nhớ hợp tác - Ảnh: VGP"
)


@pytest.mark.parametrize(
    ("site", "body", "captions"),
    [
        ("baochinhphu", f"<p>{FIRST}</p>{bcp_figure('Quang cảnh hội nghị. Ảnh: <b>VGP</b>')}<p>{SECOND}</p>{RELATED}",
         ("Quang cảnh hội nghị. Ảnh: VGP",)),
        ("baochinhphu", f"<p>{FIRST}</p>{bcp_figure('')}<p>{SECOND}</p>", ()),  # the CMS's empty placeholder
        ("baochinhphu", f"{bcp_figure('Ảnh 1')}<p>{FIRST}</p>{bcp_figure('Ảnh 2')}<p>{SECOND}</p>{bcp_figure('Ảnh 1')}",
         ("Ảnh 1", "Ảnh 2")),  # page order, a repeated caption once
        ("mst", f"<p>{FIRST}</p>{bcp_figure('Toàn cảnh lễ ký')}<p>{SECOND}</p>", ("Toàn cảnh lễ ký",)),
        ("vtcnews", f"<p>{FIRST}</p>{vtc_figure('Quang cảnh hội nghị. (Ảnh: VTC News)')}<p>{SECOND}</p>",
         ("Quang cảnh hội nghị. (Ảnh: VTC News)",)),
        ("vtcnews", f"<p>{FIRST}</p><p>{SECOND}</p>", ()),
        ("legacy", f"<p>{FIRST}</p>{legacy_figure('Các đại biểu chụp ảnh lưu niệm')}<p>{SECOND}</p>",
         ("Các đại biểu chụp ảnh lưu niệm",)),
    ],
)
def test_captions_are_a_block_of_their_own(site: str, body: str, captions: tuple[str, ...]) -> None:
    shell, url = PAGES[site]
    source = "most" if site in ("mst", "legacy") else site
    item = extract_article(shell.format(body=body), url, source, FETCHED)
    assert item.captions == captions
    assert item.body == f"{FIRST}\n\n{SECOND}"  # paragraphs only
    assert item.sapo == "Nhiều doanh nghiệp tham dự hội nghị."


@pytest.mark.parametrize(
    ("site", "figure"),
    [("baochinhphu", bcp_figure), ("mst", bcp_figure), ("vtcnews", vtc_figure), ("legacy", legacy_figure)],
)
def test_an_event_named_only_in_a_caption_reaches_the_parser(site: str, figure: Callable[[str], str]) -> None:
    shell, url = PAGES[site]
    page_html = shell.format(body=f"<p>{FIRST}</p>{figure(SIGNING)}<p>{SECOND}</p>")
    item = extract_article(page_html, url, "most" if site in ("mst", "legacy") else site, FETCHED)
    assert not parse_article(item.title, item.sapo, item.body, item.published_at).relevant
    found = parse_article(item.title, item.sapo, item.body, item.published_at, captions=item.captions)
    (event,) = found.events
    assert event.date == dt.date(2024, 6, 12)
    assert [p.acronym for p in event.kr_parties] == ["KIAT"]
    assert event.evidence == (SIGNING,)


def test_captions_change_the_hash_only_when_there_are_some() -> None:
    path = "/vkbia-ky-ket-hop-tac-voi-chungbuk-technopark-phat-trien-khcn-viet-han-ar648657.html"
    item = extract_article(page("vtcnews", path), "https://vtcnews.vn" + path, "vtcnews", FETCHED)
    without = item.model_copy(update={"captions": ()})
    # the hash articles were stored under before captions were extracted
    old_text = f"{item.title}\x1f{item.sapo}\x1f{item.body}"
    assert without.content_hash == hashlib.sha256(old_text.encode("utf-8")).hexdigest()
    assert item.content_hash != without.content_hash
    assert item.model_copy(update={"captions": ("Ảnh khác",)}).content_hash != item.content_hash
