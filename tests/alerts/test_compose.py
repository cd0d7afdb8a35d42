"""Digest and alert messages: grouping, both parts, headers, and scraped text kept inert."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy

from alerts.compose import build_alert, build_digest, safe_url

NOW = dt.datetime(2026, 11, 22, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def event(kind: str, title: str, url: str = "https://vtcnews.vn/a-ar1.html", **extra) -> dict:
    return {
        "id": 1, "type": kind, "date": "2021-11-26", "location": "trực tuyến",
        "vn_parties": [{"name": "Hiệp hội Doanh nhân và Đầu tư Việt Nam - Hàn Quốc", "acronym": "VKBIA"}],
        "kr_parties": [{"name": "Chungbuk Technopark", "acronym": None}],
        "topics": ["startups"], "sapo": "Lễ ký kết thúc đẩy hợp tác.",
        "articles": [{"title": title, "url": url, "source": "vtcnews"}], **extra,
    }


def digest(events: list[dict], lang: str = "vi"):
    return build_digest(events, recipient="an@example.org", sender="coopwatch <cw@example.org>", lang=lang,
                        now=NOW, unsubscribe="<mailto:ops@example.org?subject=unsubscribe>")


def test_digest_has_subject_parts_grouping_and_unsubscribe() -> None:
    message = digest([event("agreement", "VKBIA ký kết"), event("mou", "Ký MoU"), event("meeting", "Làm việc")])
    assert message["Subject"] == "coopwatch: 3 sự kiện hợp tác Việt – Hàn mới (22/11/2026)"
    assert message["List-Unsubscribe"] == "<mailto:ops@example.org?subject=unsubscribe>"
    assert message["Message-ID"].endswith("@coopwatch.local>")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert text.index("Biên bản ghi nhớ") < text.index("Thỏa thuận") < text.index("Hội đàm")
    assert "26/11/2021: Hiệp hội Doanh nhân và Đầu tư Việt Nam - Hàn Quốc (VKBIA) ↔ Chungbuk Technopark" in text
    assert "coopwatch subscribers remove an@example.org" in text and "an@example.org" in html
    assert 'href="https://vtcnews.vn/a-ar1.html"' in html
    assert "Lĩnh vực: khởi nghiệp" in text and "(VTC News)" in text  # labels in the reader's language
    assert "<link" not in html and "src=" not in html  # no external assets
    assert 'style="' in html  # inline styles only


def test_english_labels() -> None:
    message = digest([event("mou", "MoU")], lang="en")
    assert message["Subject"] == "coopwatch: 1 new Vietnam–Korea cooperation event (22/11/2026)"
    text = message.get_body(("plain",)).get_content()
    assert "Memoranda of understanding (1)" in text and "Topics: startups" in text


def test_an_english_digest_gives_each_party_its_english_name_where_one_is_known() -> None:
    known = event("mou", "MoU", vn_parties=[{"name": "Bộ Khoa học và Công nghệ", "acronym": "MOST",
                                             "english_name": "Ministry of Science and Technology"}])
    english = digest([known], lang="en")
    text, html = english.get_body(("plain",)).get_content(), english.get_body(("html",)).get_content()
    line = "Bộ Khoa học và Công nghệ (MOST) · Ministry of Science and Technology ↔ Chungbuk Technopark"
    assert line in text and "Ministry of Science and Technology" in html
    assert "Ministry of Science and Technology" not in digest([known]).get_body(("plain",)).get_content()


def test_scraped_text_is_escaped_inert_and_cannot_add_headers() -> None:
    hostile = 'Tin <script>alert(1)</script> <img src=x onerror="alert(2)">\r\nBcc: victim@example.org'
    message = digest([event("mou", hostile, url="javascript:alert(3)")])
    raw = message.as_bytes(policy=policy.SMTP)
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    html = parsed.get_body(("html",)).get_content()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html
    text = parsed.get_body(("plain",)).get_content()
    assert "\nBcc:" not in text


def test_each_event_quotes_its_first_evidence_sentence_short_and_inert() -> None:
    first = "Chiều 26/11, VKBIA và Chungbuk Technopark đã ký kết thỏa thuận hợp tác."
    long = "Hai bên <b>nhất trí</b>\r\nBcc: victim@example.org " + "hợp tác " * 60
    message = digest([event("agreement", "VKBIA ký kết", evidence=[first, "Câu thứ hai."]),
                      event("mou", "Ký MoU", evidence=[long]), event("meeting", "Làm việc", evidence=[])])
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"  “{first}”" in text and "Câu thứ hai" not in text
    assert text.index("VKBIA ký kết") > text.index(first) > text.index("Chungbuk Technopark\n")
    (quoted,) = [line for line in text.splitlines() if line.startswith("  “Hai bên")]
    assert len(quoted) <= 2 + 302 and quoted.endswith("…”") and "\nBcc:" not in text
    assert "&lt;b&gt;nhất trí&lt;/b&gt;" in html and "<b>" not in html
    assert html.count("<blockquote") == 2  # no empty quote for an event without evidence


def test_only_http_urls_are_linked() -> None:
    assert safe_url("https://baochinhphu.vn/a-102.htm") == "https://baochinhphu.vn/a-102.htm"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("//evil.example/x") is None


def test_alert_is_one_plain_part() -> None:
    message = build_alert(subject="coopwatch: vtcnews needs attention\r\nX: y", body="3 runs failed",
                          recipient="ops@example.org", sender="cw@example.org", now=NOW)
    assert message["Subject"] == "coopwatch: vtcnews needs attention X: y"
    assert message.get_content_type() == "text/plain"
