"""Article extraction on the fixture pages: every field of every seed article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

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
    assert "chứng kiến trao Bản ghi nhớ" not in item.body  # the photo caption
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
