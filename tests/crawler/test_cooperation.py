"""The cooperation parser: seeds, date forms, normalisation, and that it never raises."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.cooperation import parse_article
from crawler.cooperation.dates import parse_date
from crawler.cooperation.normalize import fold, normalize
from crawler.cooperation.parties import classify

CORPUS = json.loads((Path(__file__).resolve().parents[2] / "crawler" / "mirror" / "corpus.json").read_text("utf-8"))


def seed(title_part: str, source: str) -> dict:
    return next(a for a in CORPUS if title_part in a["title"] and a["source"] == source)


def parse(article: dict):
    return parse_article(
        article["title"], article["sapo"], "\n\n".join(article["body"]),
        dt.datetime.fromisoformat(article["published"]),
    )


def test_seed_000_mou_vistip_kosme() -> None:
    result = parse(seed("VISTIP và KOSME", "most"))
    assert result.relevant
    (event,) = result.events
    assert event.type == "mou" and event.date == dt.date(2022, 9, 19) and event.location == "Hà Nội"
    assert [p.acronym for p in event.vn_parties] == ["VISTIP"]
    assert [p.acronym for p in event.kr_parties] == ["KOSME"]  # its parent ministry is not a party


def test_seed_002_online_agreement() -> None:
    (event,) = parse(seed("VKBIA", "vtcnews")).events
    assert (event.type, event.date, event.location) == ("agreement", dt.date(2021, 11, 26), "trực tuyến")
    assert event.vn_parties[0].acronym == "VKBIA"
    assert "Chungbuk" in event.kr_parties[0].name


def test_seed_004_two_korean_institutes_are_two_events() -> None:
    events = parse(seed("SATI", "most")).events
    krs = sorted(p.acronym for e in events for p in e.kr_parties)
    assert krs == ["KEIT", "KIAT"]
    assert {e.type for e in events} == {"agreement"}
    assert dt.date(2023, 6, 22) in {e.date for e in events}


def test_seed_001_letter_of_intent_is_background() -> None:
    events = parse(seed("Bước tiến", "baochinhphu")).events
    assert "letter_of_intent" not in {e.type for e in events}
    mou = next(e for e in events if e.type == "mou")
    assert mou.date == dt.date(2024, 7, 2) and mou.location == "Seoul"
    assert any(p.acronym == "KIST" for e in events if e.type == "meeting" for p in e.kr_parties)


@pytest.mark.parametrize("title_part", ["Nhật Bản", "Hàn Quốc công bố", "Ca sĩ Hàn Quốc", "Triều Tiên",
                                        "Hàn Quốc và Trung Quốc", "Australia"])
def test_ordinary_news_is_not_cooperation(title_part: str) -> None:
    for article in CORPUS:
        if title_part in article["title"]:
            assert not parse(article).relevant, article["title"]


PUB = dt.date(2024, 7, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 19/9/2022 tại Hà Nội", dt.date(2022, 9, 19)),
        ("Chiều 2/7, tại Seoul", dt.date(2024, 7, 2)),
        ("Hôm 26/11, hai bên", dt.date(2023, 11, 26)),  # a missing year does not land months after publication
        ("Sáng 4/7, hai bên", dt.date(2024, 7, 4)),  # a page dated a day or two early: the same year
        ("Chiều ngày 17/4/2020 hai bên", dt.date(2020, 4, 17)),
        ("sáng 22-6, tại Hà Nội", dt.date(2024, 6, 22)),
        ("Tháng 6/2023, hai bên", None),  # month only: no day to store
        ("Thứ Sáu, 26/11/2021 18:02", dt.date(2021, 11, 26)),
        ("(thứ Hai) 1/7, tại", dt.date(2024, 7, 1)),
        ("ngày 5 tháng 3 năm 2026", dt.date(2026, 3, 5)),
        ("tăng 11,4% so với 2/3 số dự án", None),
        ("giai đoạn 2024-2026", None),
    ],
)
def test_date_forms(text: str, expected: dt.date | None) -> None:
    assert parse_date(text, PUB) == expected


def test_missing_year_without_publication_date_is_unknown() -> None:
    assert parse_date("Chiều 2/7, tại Seoul", None) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thoả thuận hợp tác", "Thỏa thuận hợp tác"),
        ("hoà bình, Uỷ ban", "hòa bình, Ủy ban"),
        ("quý vị", "quý vị"),
        ("Bộ KHCN và Sở KH và CN", "Bộ KH&CN và Sở KH&CN"),
        ("“MoU” – ký\u00a0kết", '"MoU" - ký kết'),
        ("Ho\u0300a Bi\u0300nh", "Hòa Bình"),
    ],
)
def test_normalisation(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_fold_ignores_case_diacritics_and_ampersand() -> None:
    assert fold("Bộ KH&CN") == fold("bo kh va cn")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Viện Bê tông Hàn Quốc", "KR"),
        ("Hiệp hội Doanh nhân và Đầu tư Việt Nam - Hàn Quốc", "VN"),
        ("tỉnh Gyeongsangbuk", "KR"),
        ("Đại học Jeonnam", "KR"),
        ("UBND thành phố Đà Nẵng", "VN"),
        ("Đại học Hiroshima (Nhật Bản)", "XX"),
        ("KOSME", "KR"),
    ],
)
def test_nationality(name: str, country: str) -> None:
    assert classify(name) == country


def test_pattern_finds_organisation_missing_from_gazetteer() -> None:
    text = "Ngày 3/5/2024, Trường Đại học Thủy lợi đã ký biên bản ghi nhớ hợp tác với Đại học Quốc gia Chungnam (Hàn Quốc)."
    (event,) = parse_article("", "", text, dt.date(2024, 5, 4)).events
    assert event.vn_parties[0].name == "Trường Đại học Thủy lợi"
    assert event.kr_parties[0].name == "Đại học Quốc gia Chungnam"
    assert event.type == "mou" and event.date == dt.date(2024, 5, 3)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.text(max_size=80), st.one_of(st.none(), st.dates()))
def test_parser_never_raises_and_events_have_both_sides(body: str, title: str, published: dt.date | None) -> None:
    result = parse_article(title, "", body + " ký biên bản ghi nhớ giữa Bộ Khoa học và Công nghệ và KOSME", published)
    for event in result.events:
        assert event.vn_parties and event.kr_parties
    assert result.relevant == bool(result.events)


@pytest.mark.parametrize(
    ("sentence", "vn", "kr"),
    [
        # giữa A và B
        ("Ngày 3/5, lễ ký biên bản ghi nhớ giữa Viện Cơ khí Năng lượng và Mỏ và Viện Máy và Thiết bị Hàn Quốc (KIMM) đã diễn ra.",
         "Viện Cơ khí Năng lượng và Mỏ", "KIMM"),
        # A ký với B
        ("Ngày 3/5, Trường Đại học Cần Thơ ký thỏa thuận hợp tác với Đại học Quốc gia Chonnam.",
         "Trường Đại học Cần Thơ", "Đại học Quốc gia Chonnam"),
        # A (ACRONYM) thuộc B: the parent is not a party
        ("Ngày 3/5, Trung tâm Ươm tạo (BIC) thuộc Bộ Khoa học và Công nghệ đã ký biên bản ghi nhớ với Quỹ Nghiên cứu Quốc gia Hàn Quốc (NRF).",
         "Trung tâm Ươm tạo", "NRF"),
        # Cơ quan X Hàn Quốc (ACRONYM)
        ("Ngày 3/5, Sở Công Thương Bình Dương đã làm việc với Cơ quan Năng lượng Hàn Quốc (KEA).",
         "Sở Công Thương Bình Dương", "KEA"),
        # Name – ACRONYM
        ("Ngày 3/5, Cục Công tác phía Nam đã có buổi làm việc với Seoul Business Agency - SBA tại TP.HCM.",
         "Cục Công tác phía Nam", "SBA"),
    ],
)
def test_party_patterns(sentence: str, vn: str, kr: str) -> None:
    (event,) = parse_article("", "", sentence, dt.date(2024, 5, 4)).events
    assert [p.name for p in event.vn_parties] == [vn]
    assert kr in {event.kr_parties[0].name, event.kr_parties[0].acronym}
    assert len(event.kr_parties) == 1


def test_signatories_with_their_titles() -> None:
    article = seed("VKBIA", "vtcnews")
    result = parse_article(article["title"], article["sapo"], "\n\n".join(article["body"] + article["body_after"]), None)
    assert result.events[0].signatories == (
        "Lee Hyeonse, Giám đốc hỗ trợ phát triển kinh doanh và hợp tác toàn cầu của Chungbuk Technopark",
    )
    (event,) = parse(seed("VISTIP và KOSME", "most")).events
    assert event.signatories == ("Bùi Thị Huy Hợp, Phó Giám đốc phụ trách VISTIP", "Kim Moon Hwan, Phó Chủ tịch KOSME")


def test_witnesses_and_venues_are_not_parties() -> None:
    text = ("Ngày 22/6, tại trụ sở Bộ Khoa học và Công nghệ, dưới sự chứng kiến của Đại sứ quán Hàn Quốc, "
            "Cục Sở hữu trí tuệ đã ký biên bản ghi nhớ với Cơ quan Sở hữu trí tuệ Hàn Quốc (KIPO).")
    (event,) = parse_article("", "", text, dt.date(2023, 6, 23)).events
    assert [p.name for p in event.vn_parties] == ["Cục Sở hữu trí tuệ"]
    assert [p.acronym for p in event.kr_parties] == ["KIPO"]


def test_a_utc_publication_time_is_read_as_the_vietnamese_day() -> None:
    published = dt.datetime(2024, 7, 1, 17, 0, tzinfo=dt.UTC)  # 2 July, 00:00 in Hà Nội
    (event,) = parse_article("", "", "Chiều 2/7, Bộ KH&CN và KOSME đã ký biên bản ghi nhớ.", published).events
    assert event.date == dt.date(2024, 7, 2)
