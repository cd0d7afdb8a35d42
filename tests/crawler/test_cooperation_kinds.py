"""The kinds of story the parser must read, one table each, on sentences written for these tests
in the style of the Vietnamese press (none is taken from an annotated article)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.crawler.cooperation_reading import PUBLISHED, read, sides


# 1. organisations named through their officials
@pytest.mark.parametrize(
    ("text", "vn", "kr"),
    [
        (("Chiều 5/3, Chủ tịch UBND tỉnh Nghệ An Lê Văn Bình tiếp và làm việc với Thị trưởng thành phố Gimhae "
         "Hong Tae Yong cùng đoàn công tác."), "UBND tỉnh Nghệ An", "thành phố Gimhae"),
        (("Sáng 12/6, tại trụ sở UBND tỉnh, Phó Chủ tịch UBND tỉnh Quảng Ninh Trần Văn Hải đã tiếp Đại sứ Hàn Quốc "
         "tại Việt Nam Park Jin Woo."), "UBND tỉnh Quảng Ninh", "Đại sứ quán Hàn Quốc tại Việt Nam"),
        (("Ngày 9/6, Bí thư Thành ủy Cần Thơ Nguyễn Văn Lâm đã có buổi làm việc với Tổng Lãnh sự Hàn Quốc tại "
         "TP.HCM Kim Sung Ho."), "Thành ủy Cần Thơ", "Tổng Lãnh sự quán Hàn Quốc tại TP.HCM"),
        (("Ngày 2/6, Tỉnh trưởng tỉnh Chungcheongnam Choi Min Ho đã hội đàm với Chủ tịch UBND tỉnh Thanh Hóa "
         "Đỗ Văn Tâm."), "UBND tỉnh Thanh Hóa", "tỉnh Chungcheongnam"),
        # the mayor's own name after the title is no city: the city is the delegation's
        (("Ngày 4/6, Phó Chủ tịch UBND tỉnh Thanh Hóa Lê Đức Giang tiếp đoàn công tác thành phố Changwon "
          "(Hàn Quốc) do Thị trưởng Hong Nam Pyo dẫn đầu."), "UBND tỉnh Thanh Hóa", "thành phố Changwon"),
        (("Chiều 8/6, Chủ tịch UBND thành phố Hải Phòng tiếp đoàn thành phố Gimhae do Phó Thị trưởng Kim Sung "
          "Ho dẫn đầu."), "UBND thành phố Hải Phòng", "thành phố Gimhae"),
    ],
)
def test_an_official_stands_for_the_organisation(text: str, vn: str, kr: str) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.vn_parties] == [vn]
    assert [p.name for p in event.kr_parties] == [kr]
    assert event.type.value == "meeting"


# a province's own paper writes 'Bí thư Tỉnh ủy' and 'Thường trực Tỉnh ủy' without naming the province
@pytest.mark.parametrize(
    ("title", "text", "vn"),
    [
        ("Bí thư Tỉnh ủy tiếp Tổng Lãnh sự Hàn Quốc",
         ("Sáng 27/5, Bí thư Tỉnh ủy Nguyễn Văn An đã tiếp ông Park Jin Ho, Tổng Lãnh sự Hàn Quốc tại TP. Hồ Chí "
          "Minh. Ông An cho biết Đồng Nai luôn đồng hành cùng doanh nghiệp Hàn Quốc đầu tư tại Đồng Nai."),
         "Tỉnh ủy Đồng Nai"),
        ("Bắc Ninh: Thường trực Tỉnh ủy tiếp đoàn tỉnh Gyeongsangbuk",
         "Chiều 3/6, Thường trực Tỉnh ủy tiếp đoàn công tác tỉnh Gyeongsangbuk (Hàn Quốc).", "Tỉnh ủy Bắc Ninh"),
        ("Tiếp Đại sứ Hàn Quốc",
         "Sáng 27/5, Phó Bí thư Thường trực Tỉnh ủy Lê Văn Hiếu đã tiếp Đại sứ Hàn Quốc Choi Young Sam.", "Tỉnh ủy"),
    ],
)
def test_an_unnamed_party_committee_is_the_papers_province(title: str, text: str, vn: str) -> None:
    (event,) = read(title, text).events
    assert [p.name for p in event.vn_parties] == [vn]


def test_an_official_with_two_posts_stands_for_the_body_of_the_last() -> None:
    result = read("", "Chiều 18/6, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Bình Dương Võ Văn Minh đã tiếp Tổng Lãnh "
                      "sự Hàn Quốc tại TP.HCM Kang Myong Il.")
    assert [[p.name for p in e.vn_parties] for e in result.events] == [["UBND tỉnh Bình Dương"]]


# 2. Korean organisations without a country word: nationality from evidence
@pytest.mark.parametrize(
    ("title", "text", "kr"),
    [
        ("Trường Đại học Cần Thơ hợp tác với Đại học Sungkyunkwan",
         "Ngày 10/6, Trường Đại học Cần Thơ và Đại học Sungkyunkwan ký biên bản ghi nhớ hợp tác đào tạo.",
         "Đại học Sungkyunkwan"),
        ("", ("Sáng 11/6, Sở Khoa học và Công nghệ tỉnh Bình Định đã làm việc với Viện Nghiên cứu Gyeongnam "
         "(Hàn Quốc) về chuyển giao công nghệ."), "Viện Nghiên cứu Gyeongnam"),
        ("", "Ngày 14/6, UBND tỉnh Hải Dương và quận Seocho ký thỏa thuận hợp tác hữu nghị.", "quận Seocho"),
    ],
)
def test_a_korean_body_is_known_by_its_romanised_name_or_a_bracket(title: str, text: str, kr: str) -> None:
    result = read(title, text)
    assert result.relevant
    assert kr in [p.name for e in result.events for p in e.kr_parties]


def test_a_japanese_name_is_not_korean_by_its_spelling() -> None:
    result = read("Trường Đại học Đà Lạt hợp tác với Đại học Osaka (Nhật Bản)",
                  "Ngày 10/6, Trường Đại học Đà Lạt và Đại học Osaka ký biên bản ghi nhớ hợp tác.")
    assert not result.relevant


# 3. several documents in one story
def test_each_document_of_a_list_is_its_own_event() -> None:
    result = read("", "Ngày 11/6, tại Seoul, các văn kiện hợp tác đã được ký kết, gồm: Bản ghi nhớ giữa Bộ Xây dựng "
                      "Việt Nam và Bộ Đất đai, Hạ tầng và Giao thông Hàn Quốc về đô thị thông minh; Thỏa thuận hợp tác "
                      "giữa Bộ Tài chính Việt Nam và Bộ Kinh tế và Tài chính Hàn Quốc về đầu tư.")
    assert [(e.type.value, e.date, e.location) for e in result.events] == [
        ("mou", dt.date(2025, 6, 11), "Seoul"), ("agreement", dt.date(2025, 6, 11), "Seoul")]


def test_two_korean_institutes_signing_with_one_agency_are_two_events() -> None:
    result = read("", "Ngày 16/6, Viện Hàn lâm Khoa học và Công nghệ Việt Nam đã ký biên bản ghi nhớ với Viện Nghiên "
                      "cứu Điện tử và Viễn thông Hàn Quốc (ETRI) và Viện Khoa học và Công nghệ Hàn Quốc (KIST).")
    assert len(result.events) == 2
    assert {p.acronym for e in result.events for p in e.kr_parties} == {"ETRI", "KIST"}


# 4. events told across sentences
def test_parties_in_the_headline_and_the_meeting_further_down() -> None:
    result = read("Tỉnh Long An thúc đẩy hợp tác với thành phố Changwon (Hàn Quốc)",
                  "Sáng 18/6, đoàn công tác thành phố Changwon đã đến thăm tỉnh Long An.\n\n"
                  "Tại buổi làm việc, hai bên đã trao đổi về hợp tác trong lĩnh vực nông nghiệp công nghệ cao.")
    assert result.relevant
    (event,) = result.events
    assert event.type.value == "meeting"
    assert [p.name for p in event.kr_parties] == ["thành phố Changwon"]


# 5. meeting verbs and receptions
@pytest.mark.parametrize(
    "verb", ["tiếp", "hội kiến", "làm việc với", "hội đàm với", "có buổi làm việc với", "gặp gỡ"],
)
def test_meeting_verbs(verb: str) -> None:
    result = read("", f"Chiều 17/6, tại Hà Nội, Bộ Giáo dục và Đào tạo đã {verb} Bộ Giáo dục Hàn Quốc.")
    assert sides(result) == [("meeting", ["Bộ Giáo dục và Đào tạo"], ["Bộ Giáo dục Hàn Quốc"])]
    assert result.events[0].date == dt.date(2025, 6, 17)


# 6. party boundaries
@pytest.mark.parametrize(
    ("text", "vn", "kr"),
    [
        ("Ngày 3/6, Bộ Nội vụ Phạm Văn Tùng đã tiếp Cơ quan Phát triển nguồn nhân lực Hàn Quốc.",
         "Bộ Nội vụ", "Cơ quan Phát triển nguồn nhân lực Hàn Quốc"),
        ("Ngày 4/6, Cục An toàn bức xạ và hạt nhân và Ủy ban An toàn hạt nhân Hàn Quốc ký biên bản ghi nhớ.",
         "Cục An toàn bức xạ và hạt nhân", "Ủy ban An toàn hạt nhân Hàn Quốc"),
        ("Ngày 5/6, Trường ĐH Vinh hợp tác Đại học Gachon đào tạo điều dưỡng và ký thỏa thuận hợp tác.",
         "Trường ĐH Vinh", "Đại học Gachon"),
        ("Chiều 6/6, Bộ trưởng Bộ Khoa học và ICT Hàn Quốc Park Sung-min đã làm việc với Bộ Công Thương.",
         "Bộ Công Thương", "Bộ Khoa học và ICT Hàn Quốc"),
        ("Ngày 7/6, Viện Địa chất và Môi trường và TS Kim Min-jae của Viện Địa chất Hàn Quốc ký thỏa thuận.",
         "Viện Địa chất và Môi trường", "Viện Địa chất Hàn Quốc"),
        (("Ngày 8/6, Chủ tịch Viện Hàn lâm Khoa học và Công nghệ Việt Nam Châu Văn Minh tiếp đoàn Quỹ Nghiên cứu Quốc gia "
         "Hàn Quốc."), "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Quỹ Nghiên cứu Quốc gia Hàn Quốc"),
        (("Ngày 9/6, tại trụ sở Viện Hàn lâm Khoa học và Công nghệ Việt Nam, Chủ tịch Viện Hàn lâm Châu Văn Minh tiếp đoàn "
         "Quỹ Nghiên cứu Quốc gia Hàn Quốc."), "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
         "Quỹ Nghiên cứu Quốc gia Hàn Quốc"),
        ("Ngày 10/6, Giám đốc Sở Lê Văn Hùng tiếp Công ty Posco Holdings (Hàn Quốc) tại Sở Công Thương tỉnh Quảng Ninh.",
         "Sở Công Thương tỉnh Quảng Ninh", "Công ty Posco Holdings"),
    ],
)
def test_names_end_where_the_organisation_ends(text: str, vn: str, kr: str) -> None:
    result = read("", text)
    assert [p.name for e in result.events for p in e.vn_parties] == [vn]
    assert [p.name for e in result.events for p in e.kr_parties] == [kr]


# 7. dates
@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("Chiều 2/6,", dt.date(2025, 6, 2)),
        ("Sáng nay (19/6),", dt.date(2025, 6, 19)),
        ("Hôm 26/5,", dt.date(2025, 5, 26)),
        ("Từ ngày 10 đến ngày 12/6,", None),
        ("Mới đây,", None),
        ("Ngày mùng 5/6,", dt.date(2025, 6, 5)),
        ("Sáng mồng 3/6,", dt.date(2025, 6, 3)),
        ("Ngày 14 tháng Năm,", dt.date(2025, 5, 14)),
        ("Ngày 2 tháng Sáu năm 2025,", dt.date(2025, 6, 2)),
    ],
)
def test_the_day_of_the_event(opening: str, day: dt.date | None) -> None:
    (event,) = read("", f"{opening} Sở Công Thương tỉnh Bình Dương đã làm việc với KOTRA.").events
    assert event.date == day


def test_a_year_from_the_text_beats_the_publication_year() -> None:
    text = "Ngày 28/12/2024, Bộ Khoa học và Công nghệ và KOSME đã ký biên bản ghi nhớ."
    (event,) = read("", text, published=dt.date(2025, 1, 6)).events
    assert event.date == dt.date(2024, 12, 28)


def test_a_fully_dated_signing_long_before_the_story_is_background() -> None:
    text = "Ngày 3/11/2023, Bộ Khoa học và Công nghệ và KOSME đã ký biên bản ghi nhớ."
    assert not read("", text, published=dt.date(2025, 6, 20)).relevant


# 7. stories with two sides named that hold no event of their own
@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Thủ tướng Trần Văn Nam tiếp Bộ trưởng Bộ Đất đai Hàn Quốc",  # rule 4a: a top leader's reception
         ("Chiều 4/6, tại Hà Nội, tiếp Bộ trưởng Bộ Đất đai Hàn Quốc Kim Min Soo, Thủ tướng Trần Văn Nam đánh giá cao "
         "hợp tác giữa Bộ Xây dựng Việt Nam và Bộ Đất đai Hàn Quốc.")),
        ("Lãnh đạo tỉnh Long An tiếp đoàn doanh nghiệp tỉnh Gyeonggi (Hàn Quốc)",  # 4f: the companies go unnamed
         "Sáng 10/6, Phó Chủ tịch UBND tỉnh Long An Nguyễn Văn Út tiếp đoàn doanh nghiệp tỉnh Gyeonggi."),
        ("Cục Sở hữu trí tuệ dự cuộc họp cơ quan SHTT các nước ASEAN và Hàn Quốc",  # multilateral
         ("Ngày 8/6, tại Seoul, Cơ quan Sở hữu trí tuệ các nước ASEAN và Cơ quan Sở hữu trí tuệ Hàn Quốc đã họp "
         "thường niên, với sự tham dự của Ban Thư ký ASEAN.")),
        ("Hàn Quốc và Anh hợp tác về pin",  # a Korea–third-country story never says Vietnam
         "Ngày 9/6, Bộ Năng lượng cùng Bộ Thương mại Hàn Quốc đã ký biên bản ghi nhớ với Bộ Kinh doanh Anh."),
        ("Mở trung tâm hợp tác phần mềm Việt Nam - Hàn Quốc",  # the MoU is background ('từ tháng 5/2019')
         ("Trung tâm ra đời sau khi Bộ Thông tin và Truyền thông và Cơ quan Công nghiệp phần mềm Hàn Quốc ký biên bản "
         "ghi nhớ từ tháng 5/2019.")),
        ("Thành lập tổ công tác hợp tác với Viện KIST",  # a minister signs a decision, no cooperation document
         ("Ngày 10/6, Bộ trưởng Bộ Khoa học và Công nghệ đã ký Quyết định thành lập Tổ công tác hợp tác với Viện "
          "Khoa học và Công nghệ Hàn Quốc (KIST).")),
    ],
)
def test_no_event_of_its_own(title: str, text: str) -> None:
    assert sides(read(title, text)) == []


def test_a_secretary_signs_nothing() -> None:
    text = "Ngày 11/6, Tổng Thư ký Hội Hữu nghị Hàn Quốc Lee Jin gặp gỡ và trao đổi với Sở Ngoại vụ tỉnh Bắc Ninh."
    assert [e.type.value for e in read("", text).events] == ["meeting"]


def test_the_same_city_spelled_two_ways_is_one_event() -> None:
    title = "Tỉnh Nam Định ký bản ghi nhớ với TP Gunsan, Hàn Quốc"
    text = "Ngày 14/6, UBND tỉnh Nam Định và thành phố Gunsan (Hàn Quốc) đã ký kết bản ghi nhớ hợp tác hữu nghị."
    assert len(read(title, text).events) == 1


def test_a_signing_months_before_the_story_s_own_event_is_background() -> None:
    text = ("Sáng 16/6/2025, Trường Đại học Vinh tiếp và làm việc với đoàn Trường Đại học Hanseo (Hàn Quốc). "
            "Ngày 2/8/2024, Trường Đại học Vinh và Trường Đại học Hanseo đã ký thỏa thuận hợp tác.")
    assert [(e.type.value, e.date) for e in read("", text, published=None).events] == [
        ("meeting", dt.date(2025, 6, 16))]


def test_both_sides_signing_after_their_meeting_is_one_event_typed_as_the_signing() -> None:
    text = ("Chiều 18/6, UBND tỉnh Bến Tre tiếp và làm việc với đoàn thành phố Gimpo (Hàn Quốc). "
            "Tại buổi làm việc, 2 bên đã ký kết biên bản ghi nhớ hợp tác hữu nghị.")
    assert [(e.type.value, e.date) for e in read("", text).events] == [("mou", dt.date(2025, 6, 18))]


def test_who_witnesses_a_signing_is_no_party_of_it() -> None:
    text = ("Ngày 12/6, tại Hà Nội, Thứ trưởng Bộ Công Thương Nguyễn Văn Hòa và Đại sứ Hàn Quốc tại Việt Nam Park Jin "
            "Woo chứng kiến lễ ký kết biên bản ghi nhớ giữa Trường Đại học Điện lực và Tập đoàn Điện lực Hàn Quốc.")
    assert sides(read("", text)) == [("mou", ["Trường Đại học Điện lực"], ["Tập đoàn Điện lực Hàn Quốc"])]


@pytest.mark.parametrize("province", ["Hà Nam", "Quảng Nam"])
def test_a_province_ending_in_a_korean_surname_keeps_its_name(province: str) -> None:
    text = f"Chiều 5/6, Chủ tịch UBND tỉnh {province} Lê Văn Dũng tiếp Thị trưởng thành phố Iksan Kim Jae Ho."
    assert sides(read("", text)) == [("meeting", [f"UBND tỉnh {province}"], ["thành phố Iksan"])]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        (("Chiều 14/6, Chủ tịch UBND tỉnh Hà Nam Trần Văn Tâm đã tiếp Thị trưởng thành phố Iksan Kim Jae Ho. "
          "Tại buổi tiếp, UBND tỉnh Hà Nam và thành phố Iksan đã ký biên bản ghi nhớ hợp tác hữu nghị."), [("mou", 14)]),
        (("Chiều 14/6, Chủ tịch UBND tỉnh Hà Nam Trần Văn Tâm đã có buổi tiếp Thị trưởng thành phố Iksan Kim Jae Ho "
          "tại lễ ký kết. Tỉnh Hà Nam và thành phố Iksan đã ký biên bản ghi nhớ hợp tác hữu nghị."), [("mou", 14)]),
        (("Chiều 14/6, Chủ tịch UBND tỉnh Hà Nam Trần Văn Tâm đã tiếp Thị trưởng thành phố Iksan Kim Jae Ho. "
          "Tại buổi tiếp, hai bên đã trao đổi về khả năng ký kết hợp tác."), [("meeting", 14)]),
        (("Ngày 15/6, Viện Hàn lâm Khoa học Việt Nam tiếp đoàn Viện Khoa học và Công nghệ Biển Hàn Quốc. Phía Hàn "
          "Quốc muốn ký biên bản ghi nhớ với Viện Hàn lâm Khoa học Việt Nam trong năm tới."), [("meeting", 15)]),
    ],
)
def test_a_signing_at_the_meeting_is_the_one_event_and_a_wish_is_none(text: str, events: list[tuple[str, int]]) -> None:
    assert [(e.type.value, e.date) for e in read("", text).events] == [
        (kind, dt.date(2025, 6, day)) for kind, day in events]


def test_an_english_name_in_brackets_gives_the_organisation_its_country() -> None:
    text = ("Ngày 12/6, Trường Đại học Cần Thơ đã ký kết thỏa thuận hợp tác với Hiệp hội KOSIA (Korea Semiconductor "
            "Industry Association).")
    assert sides(read("", text)) == [("agreement", ["Trường Đại học Cần Thơ"], ["Hiệp hội KOSIA"])]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        (("Từ ngày 8 đến 12/6, đoàn công tác của tỉnh Phú Thọ đã thăm và làm việc tại Hàn Quốc. Ngày 9/6, đoàn làm "
          "việc với tỉnh Chungcheongbuk. Ngày 11/6, đoàn làm việc với thành phố Gangneung."),
         [("tỉnh Phú Thọ", "tỉnh Chungcheongbuk", 9), ("tỉnh Phú Thọ", "thành phố Gangneung", 11)]),
        (("Ngày 9/6, Trường Đại học Quy Nhơn tiếp đoàn Trường Đại học Dong-A (Hàn Quốc). Ngày 10/6, Trường tiếp tục làm việc "
          "với Đại học Silla (Hàn Quốc)."),
         [("Trường Đại học Quy Nhơn", "Trường Đại học Dong-A", 9), ("Trường Đại học Quy Nhơn", "Đại học Silla", 10)]),
    ],
)
def test_a_later_day_of_a_trip_refers_back_to_the_side_already_named(
    text: str, events: list[tuple[str, str, int]]
) -> None:
    assert [(e.vn_parties[0].name, e.kr_parties[0].name, e.date) for e in read("", text).events] == [
        (vn, kr, dt.date(2025, 6, day)) for vn, kr, day in events]


def test_an_official_of_the_institute_is_no_reference_back_to_it() -> None:
    text = ("Ngày 9/6, Viện Cơ khí và Viện Máy Hàn Quốc đã ký biên bản ghi nhớ. Viện trưởng Trần Văn An cho rằng "
            "việc ký kết sẽ giúp Viện Cơ khí làm việc với các đối tác.")
    assert len(read("", text).events) == 1


def test_the_locality_in_the_headline_and_its_party_committee_in_the_text_are_one_side() -> None:
    title = "Lãnh đạo tỉnh Bắc Giang làm việc với Tập đoàn Hanwha"
    text = "Chiều 9/6, Bí thư Tỉnh ủy Bắc Giang Nguyễn Văn Gấu đã có buổi làm việc với Tập đoàn Hanwha (Hàn Quốc)."
    assert sides(read(title, text)) == [("meeting", ["Tỉnh ủy Bắc Giang"], ["Tập đoàn Hanwha"])]


@pytest.mark.parametrize("place", ["tỉnh Lâm Đồng", "tỉnh Cao Bằng", "TP Hồ Chí Minh"])
def test_a_place_whose_first_word_is_a_surname_is_a_place(place: str) -> None:
    text = f"Ngày 9/6, UBND {place} đã tiếp đoàn thành phố Jinju (Hàn Quốc)."
    assert sides(read("", text)) == [("meeting", [f"UBND {place}"], ["thành phố Jinju"])]


def test_an_online_working_meeting_is_a_meeting() -> None:
    text = "Ngày 9/6, Bộ Giáo dục và Đào tạo đã làm việc trực tuyến với Bộ Giáo dục Hàn Quốc về đào tạo nghề."
    assert sides(read("", text)) == [("meeting", ["Bộ Giáo dục và Đào tạo"], ["Bộ Giáo dục Hàn Quốc"])]


def test_the_counterpart_of_a_minister_is_his_country_s_ministry() -> None:
    text = ("Ngày 9/6, Thứ trưởng Bộ Ngoại giao Hàn Quốc Park Min-soo và người đồng cấp Việt Nam Lê Văn Hùng "
            "đã hội đàm tại Hà Nội.")
    assert sides(read("", text)) == [("meeting", ["Bộ Ngoại giao Việt Nam"], ["Bộ Ngoại giao Hàn Quốc"])]


def test_a_korean_name_written_like_a_vietnamese_one_without_its_marks_is_korean() -> None:
    text = "Ngày 9/6, Trường Đại học Vinh ký biên bản ghi nhớ với Trường Đại học Dong-A (Hàn Quốc)."
    assert sides(read("", text)) == [("mou", ["Trường Đại học Vinh"], ["Trường Đại học Dong-A"])]


@pytest.mark.parametrize("purpose", ["nhằm triển khai biên bản ghi nhớ đã ký", "để thực hiện thỏa thuận hợp tác đã được ký kết"])
def test_a_meeting_to_carry_out_a_document_signed_before_is_a_meeting(purpose: str) -> None:
    text = f"Chiều 9/6, UBND tỉnh Hà Tĩnh làm việc với Tập đoàn Doosan (Hàn Quốc) {purpose}."
    assert sides(read("", text)) == [("meeting", ["UBND tỉnh Hà Tĩnh"], ["Tập đoàn Doosan"])]


def test_a_handover_under_an_agreement_signed_years_ago_is_no_event() -> None:
    text = ("Ngày 9/6, KOICA bàn giao Trung tâm đào tạo nghề cho UBND tỉnh Quảng Ngãi. Dự án được triển khai theo "
            "Hiệp định ký năm 2019.")
    assert not read("", text).relevant


def test_the_unnamed_people_s_committee_of_a_province_s_own_paper_is_a_party() -> None:
    title = "Chủ tịch UBND tỉnh tiếp Tổng Lãnh sự Hàn Quốc"
    text = ("Sáng 9/6, Chủ tịch UBND tỉnh Bình Dương Nguyễn Văn Lộc tiếp Tổng Lãnh sự Hàn Quốc tại TP.HCM Shin "
            "Choong Il. Chủ tịch UBND tỉnh cảm ơn Tổng Lãnh sự quán đã hỗ trợ doanh nghiệp.")
    assert sides(read(title, text)) == [
        ("meeting", ["UBND tỉnh Bình Dương"], ["Tổng Lãnh sự quán Hàn Quốc tại TP.HCM"])]
    text = "Sáng 9/6, Chủ tịch UBND tỉnh đã tiếp và làm việc với Đại sứ Hàn Quốc tại Việt Nam Park Jin Woo."
    assert sides(read("", text)) == [("meeting", ["UBND tỉnh"], ["Đại sứ quán Hàn Quốc tại Việt Nam"])]


@pytest.mark.parametrize("title", ["Đà Nẵng tiếp đoàn công tác tỉnh Jeollanam",
                                   "ĐÀ NẴNG TIẾP ĐOÀN CÔNG TÁC TỈNH JEOLLANAM"])
def test_the_city_of_a_headline_in_capitals_names_the_unnamed_people_s_committee(title: str) -> None:
    text = "Sáng 14/6, Chủ tịch UBND thành phố Lương Nguyễn Minh Triết tiếp đoàn công tác tỉnh Jeollanam (Hàn Quốc)."
    assert sides(read(title, text)) == [("meeting", ["UBND thành phố Đà Nẵng"], ["tỉnh Jeollanam"])]


def test_a_delegation_of_a_body_without_a_head_word_is_named_by_its_country_and_acronym() -> None:
    text = "Sáng 9/6, Viện Khoa học Thống kê đã tiếp và làm việc với Đoàn Thống kê Hàn Quốc (KOSTAT)."
    assert sides(read("", text)) == [("meeting", ["Viện Khoa học Thống kê"], ["Thống kê Hàn Quốc"])]


def test_a_headline_s_abbreviated_names_are_the_text_s_full_ones() -> None:
    result = read("Sở KH&CN Bắc Giang làm việc với Viện KIMM",
                  "Ngày 9/6, Sở Khoa học và Công nghệ tỉnh Bắc Giang đã có buổi làm việc với Viện Máy móc và Vật liệu "
                  "Hàn Quốc (KIMM) về chuyển giao công nghệ.")
    (event,) = result.events
    assert event.date == dt.date(2025, 6, 9)


@pytest.mark.parametrize(
    ("text", "vn", "kr"),
    [
        ("Ngày 12/6, Sở Công Thương và Hyundai đã ký biên bản ghi nhớ về công nghiệp hỗ trợ.", "Sở Công Thương", "Hyundai"),
        ("Ngày 12/6, Sở Văn hóa, Thể thao và Du lịch và KOICA đã ký biên bản ghi nhớ.",
         "Sở Văn hóa, Thể thao và Du lịch", "Cơ quan Hợp tác Quốc tế Hàn Quốc"),
    ],
)
def test_a_foreign_name_after_and_starts_a_second_organisation(text: str, vn: str, kr: str) -> None:
    assert sides(read("", text)) == [("mou", [vn], [kr])]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("", "Ngày 3/6, Bộ Kế hoạch và Đầu tư và Công ty TNHH LG Electronics Việt Nam ký biên bản ghi nhớ về đào tạo."),
        ("Ngân hàng Woori hợp tác với Bộ Khoa học và Công nghệ",
         "Ngày 3/6, Bộ Khoa học và Công nghệ và Ngân hàng Woori Việt Nam ký thỏa thuận hỗ trợ khởi nghiệp."),
    ],
)
def test_a_korean_firm_s_company_incorporated_in_vietnam_is_vietnamese(title: str, text: str) -> None:
    assert not read(title, text).relevant


def test_an_academy_is_no_korean_body() -> None:
    result = read("Ký kết hợp tác giữa Viện Hàn lâm KHCNVN và Viện KIGAM",
                  "Ngày 7/6, Viện Hàn lâm Khoa học và Công nghệ Việt Nam và Viện Địa chất và Tài nguyên khoáng sản "
                  "Hàn Quốc (KIGAM) đã ký biên bản ghi nhớ tại Hà Nội.")
    (event,) = result.events
    assert event.date == dt.date(2025, 6, 7)
    assert [p.name for p in event.vn_parties] == ["Viện Hàn lâm Khoa học và Công nghệ Việt Nam"]


@pytest.mark.parametrize("signers", ["hai Bộ trưởng", "hai bộ", "lãnh đạo hai bên"])
def test_the_two_ministers_signing_after_their_talks_is_the_one_event(signers: str) -> None:
    result = read("Bộ Tư pháp hội đàm với Bộ Tư pháp Hàn Quốc",
                  f"Chiều 4/6, tại Seoul, Bộ trưởng Bộ Tư pháp Nguyễn Văn An đã hội đàm với Bộ trưởng Bộ Tư pháp Hàn "
                  f"Quốc Park Sung-jae. Sau hội đàm, {signers} đã ký Bản ghi nhớ hợp tác về pháp luật.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 4))]


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        (("Ngày 16/6, tại Seoul, Cục An toàn bức xạ và hạt nhân và Ủy ban An toàn hạt nhân Hàn Quốc (NSSC) đã tổ "
         "chức cuộc họp thường niên lần thứ 8."), True),
        (("Ngày 16/6, Cục An toàn bức xạ và hạt nhân tham dự cuộc họp của các cơ quan an toàn hạt nhân ASEAN – Hàn "
         "Quốc."), False),
        ("Trong cuộc họp, Seoul và Tokyo đã thảo luận về an ninh mạng.", False),
    ],
)
def test_an_annual_meeting_of_two_named_bodies_is_a_meeting(text: str, relevant: bool) -> None:
    assert read("", text).relevant is relevant


def test_a_generic_name_glossed_by_a_known_english_name_is_that_organisation() -> None:
    result = read("", "Ngày 8/6, đoàn công tác Trường Đại học Thủy lợi đã làm việc với Đại học Hàn Quốc "
                      "(Korea University) về trao đổi giảng viên.")
    assert sides(result) == [("meeting", ["Trường Đại học Thủy lợi"], ["Korea University"])]


def test_what_a_project_builds_is_no_party() -> None:
    result = read("", "Ngày 5/6, Bộ Giáo dục và Đào tạo và KOICA đã ký biên bản thảo luận về dự án hỗ trợ xây dựng "
                      "Trường Cao đẳng Kỹ thuật Quảng Trị.")
    assert sides(result) == [("agreement", ["Bộ Giáo dục và Đào tạo"], ["Cơ quan Hợp tác Quốc tế Hàn Quốc"])]


def test_a_bilateral_body_whose_acronym_puts_korea_first_is_korean() -> None:
    result = read("", "Ngày 14/6, Trường Cao đẳng Công nghệ Thủ Đức và Hội Hữu nghị Việt Nam – Hàn Quốc (KOVEA) đã ký "
                      "thỏa thuận hợp tác đào tạo tiếng Hàn.")
    assert sides(result) == [("agreement", ["Trường Cao đẳng Công nghệ Thủ Đức"], ["Hội Hữu nghị Việt Nam - Hàn Quốc"])]


def test_a_korean_official_s_name_is_evidence_that_his_company_is_korean() -> None:
    result = read("Lãnh đạo tỉnh Thái Nguyên tiếp Chủ tịch Tập đoàn Seojin",
                  "Chiều 11/6, Chủ tịch UBND tỉnh Thái Nguyên tiếp ông Park Ji-hoon, Chủ tịch Tập đoàn Seojin System.")
    assert [(e.type.value, [p.name for p in e.kr_parties]) for e in result.events] == [
        ("meeting", ["Tập đoàn Seojin System"])]


def test_a_romanised_name_with_a_vietnamese_surname_is_no_such_evidence() -> None:
    assert not read("Lãnh đạo tỉnh Thái Nguyên tiếp Giám đốc Công ty Gentis",
                    "Chiều 11/6, Chủ tịch UBND tỉnh Thái Nguyên tiếp bà Kim Long, Giám đốc Công ty Gentis.").relevant


@pytest.mark.parametrize("name", ["Trung tâm Khởi nghiệp sáng tạo Gangwon", "Viện Nghiên cứu thực phẩm Gyeonggi"])
def test_a_stop_word_inside_a_name_does_not_cut_it(name: str) -> None:
    result = read("", f"Ngày 3/6, Sở Khoa học và Công nghệ tỉnh Hà Nam và {name} đã ký biên bản ghi nhớ.")
    assert [p.name for e in result.events for p in e.kr_parties] == [name]


def test_the_body_whose_seat_hosts_the_reception_is_the_host() -> None:
    result = read("", "Sáng 3/6, tại trụ sở Bộ Nội vụ, Thứ trưởng Trần Văn Lâm đã tiếp ông Lee Sang-min, Thứ trưởng "
                      "Bộ Hành chính và An ninh Hàn Quốc.")
    assert [[p.name for p in e.vn_parties] for e in result.events] == [["Bộ Nội vụ"]]


def test_a_meeting_told_inside_a_framing_clause_is_a_meeting() -> None:
    result = read("", "Nhân dịp tham dự Hội nghị APEC tại Lima, ngày 9/6, Bộ trưởng Bộ Công Thương đã có cuộc gặp song "
                      "phương với Bộ trưởng Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc.")
    assert [(e.type.value, e.date) for e in result.events] == [("meeting", dt.date(2025, 6, 9))]


@pytest.mark.parametrize(
    ("title", "text", "event"),
    [
        ("Hội thảo quốc tế về vật liệu",
         ("Ngày 15/5, Trường Đại học Mỏ - Địa chất phối hợp với Đại học Hanyang tổ chức Hội thảo quốc tế về "
         "vật liệu mới. Bên lề hội thảo, hai trường đã ký kết thỏa thuận hợp tác đào tạo."),
         ("agreement", dt.date(2025, 5, 15))),
        ("Hội nghị ASEAN - Hàn Quốc về chuyển đổi số",
         ("Ngày 15/6, tại Seoul, Thứ trưởng Bộ Nội vụ Lê Văn An dự Hội nghị Bộ trưởng ASEAN - Hàn Quốc. Bên lề hội "
         "nghị, Thứ trưởng Lê Văn An đã có cuộc gặp song phương với Thứ trưởng Bộ Hành chính và An toàn Hàn Quốc."),
         ("meeting", dt.date(2025, 6, 15))),
    ],
)
def test_a_signing_or_meeting_on_the_sidelines_takes_the_day_of_the_lead(
        title: str, text: str, event: tuple[str, dt.date]) -> None:
    result = read(title, text)
    assert [(e.type.value, e.date) for e in result.events] == [event]


def test_a_partner_of_an_earlier_signing_in_the_lead_is_no_partner_of_this_one() -> None:
    assert not read("Nhật Bản hỗ trợ Việt Nam về y tế",
                    "Ngày 3/5, Bộ Y tế và Cơ quan Hợp tác Quốc tế Nhật Bản (JICA) đã ký biên bản ghi nhớ. Trước đó, Bộ "
                    "cũng đã ký thỏa thuận với KOICA năm 2020.").relevant


def test_the_building_of_a_meeting_is_no_party() -> None:
    result = read("", "Chiều 9/6, tại Trung tâm Hành chính thành phố, Phó Chủ tịch UBND thành phố Hải Phòng Lê Văn Tâm "
                      "tiếp Phó Thị trưởng thành phố Ulsan Kim Du-gyeom.")
    assert sides(result) == [("meeting", ["UBND thành phố Hải Phòng"], ["thành phố Ulsan"])]


def test_a_governor_at_the_end_of_a_sentence_names_his_province_without_the_full_stop() -> None:
    result = read("", "Sáng 12/6, Chủ tịch UBND tỉnh Ninh Bình đã hội đàm với Tỉnh trưởng tỉnh Jeollanam.")
    assert sides(result) == [("meeting", ["UBND tỉnh Ninh Bình"], ["tỉnh Jeollanam"])]


@pytest.mark.parametrize(
    ("title", "host", "named"),
    [
        ("Thúc đẩy hợp tác giữa Quảng Ngãi và thành phố Daegu", "UBND tỉnh", "UBND tỉnh Quảng Ngãi"),
        ("Cần Thơ và Daegu tăng cường hợp tác", "UBND thành phố", "UBND thành phố Cần Thơ"),
    ],
)
def test_the_unnamed_people_s_committee_takes_the_one_locality_of_the_headline(title: str, host: str, named: str) -> None:
    result = read(title, f"Chiều 14/6, Phó Chủ tịch {host} Nguyễn Văn An tiếp đoàn công tác của thành phố Daegu "
                         "(Hàn Quốc).")
    assert [[p.name for p in e.vn_parties] for e in result.events] == [[named]]


def test_a_listed_korean_name_inside_a_longer_one_makes_it_korean() -> None:
    result = read("", "Ngày 5/6, Sở Y tế tỉnh Nghệ An và Bệnh viện Đại học Yonsei ký văn bản hợp tác về đào tạo bác sĩ.")
    assert sides(result) == [("agreement", ["Sở Y tế tỉnh Nghệ An"], ["Bệnh viện Đại học Yonsei"])]


@pytest.mark.parametrize(
    ("opening", "day"),
    [("Sáng nay", PUBLISHED), ("Chiều qua", PUBLISHED - dt.timedelta(days=1)), ("Mới đây", None), ("Tuần qua", None)],
)
def test_today_and_yesterday_are_days_of_the_publication(opening: str, day: dt.date | None) -> None:
    result = read("", f"{opening}, Trường Đại học Quy Nhơn và Đại học Dongseo ký biên bản ghi nhớ hợp tác.")
    assert [e.date for e in result.events] == [day]


@pytest.mark.parametrize("support", ["với sự hỗ trợ của", "dưới sự bảo trợ của", "với sự tham dự của"])
def test_a_sponsor_or_guest_of_a_signing_is_no_party(support: str) -> None:
    result = read("", f"Ngày 5/6, Trường Đại học Thủy lợi và Đại học Woosuk đã ký biên bản ghi nhớ {support} Quỹ Phát "
                      "triển Khoa học và Công nghệ Quốc gia.")
    assert sides(result) == [("mou", ["Trường Đại học Thủy lợi"], ["Đại học Woosuk"])]


def test_the_delegation_of_a_trip_s_first_sentence_is_the_side_of_its_later_days() -> None:
    result = read("Đoàn công tác Bộ Y tế làm việc tại Hàn Quốc",
                  "Từ ngày 3 đến 7/6, đoàn công tác Bộ Y tế do Thứ trưởng Trần Văn Thuấn dẫn đầu đã có chuyến công tác "
                  "tại Hàn Quốc. Ngày 4/6, đoàn đã làm việc với Viện Sức khỏe và Xã hội Hàn Quốc (KIHASA). Ngày 5/6, "
                  "Thứ trưởng Trần Văn Thuấn đã làm việc với Bộ Y tế và Phúc lợi Hàn Quốc.")
    assert [(e.date, [p.name for p in e.vn_parties]) for e in result.events] == [
        (dt.date(2025, 6, 4), ["Bộ Y tế"]), (dt.date(2025, 6, 5), ["Bộ Y tế"])]


def test_a_listed_ministry_does_not_run_on_into_its_official_s_surname() -> None:
    result = read("", "Chiều 9/6, Thứ trưởng Bộ Tư pháp Mai Lương Khôi đã tiếp Chủ tịch Hiệp hội Luật sư Hàn Quốc.")
    assert [[p.name for p in e.vn_parties] for e in result.events] == [["Bộ Tư pháp"]]


def test_a_long_agency_name_keeps_its_country_word() -> None:
    result = read("", "Ngày 5/6, Sở Thông tin và Truyền thông tỉnh Bình Định và Cơ quan Xúc tiến Công nghiệp Công nghệ thông "
                      "tin và Truyền thông Hàn Quốc ký biên bản ghi nhớ.")
    assert [p.name for e in result.events for p in e.kr_parties] == [
        "Cơ quan Xúc tiến Công nghiệp Công nghệ thông tin và Truyền thông Hàn Quốc"]


def test_an_agency_s_country_office_and_the_agency_are_one_side_of_one_signing() -> None:
    result = read("KOICA và tỉnh Điện Biên ký biên bản thảo luận dự án",
                  "Biên bản được ký giữa ông Park Jin-woo, Giám đốc Văn phòng KOICA Việt Nam và ông Lê Thành Đô, Chủ "
                  "tịch UBND tỉnh Điện Biên ngày 12/6.")
    assert [(e.type.value, e.date) for e in result.events] == [("agreement", dt.date(2025, 6, 12))]


@pytest.mark.parametrize("verb", ["đã thăm xã giao", "đã chào xã giao", "đã có cuộc gặp mặt với"])
def test_a_courtesy_call_is_a_meeting(verb: str) -> None:
    result = read("", f"Ngày 5/6, Tổng Lãnh sự Hàn Quốc tại Đà Nẵng {verb} Chủ tịch UBND tỉnh Quảng Trị.")
    assert [(e.type.value, [p.name for p in e.vn_parties]) for e in result.events] == [("meeting", ["UBND tỉnh Quảng Trị"])]


def test_talks_held_online_are_an_online_meeting() -> None:
    (event,) = read("", "Ngày 5/6, UBND tỉnh Quảng Trị và tỉnh Gangwon đã trao đổi trực tuyến về hợp tác.").events
    assert (event.type.value, event.location) == ("meeting", "trực tuyến")


@pytest.mark.parametrize(
    "text",
    [
        ("Ngày 5/6, Viện Hàn lâm Khoa học và Công nghệ Việt Nam, Đại học Quốc gia Hà Nội và Đại học Đà Nẵng đã lần "
         "lượt ký biên bản ghi nhớ với Viện Khoa học và Công nghệ Hàn Quốc (KIST)."),
        ("Tại sự kiện ngày 5/6, KOICA đã ký biên bản ghi nhớ với Bộ Y tế, với Đại học Quốc gia Hà Nội và với Đại học "
         "Đà Nẵng."),
    ],
)
def test_bodies_signing_in_turn_with_one_partner_sign_one_document_each(text: str) -> None:
    result = read("", text)
    assert len(result.events) == 3
    assert all(len(e.vn_parties) == 1 for e in result.events)


def test_the_korean_side_named_in_the_next_sentence_completes_the_reception() -> None:
    result = read("", "Sáng 10/6, Sở Công Thương Hải Phòng tiếp đoàn công tác Hàn Quốc. Về phía Hàn Quốc có đại diện Hiệp "
                      "hội Doanh nghiệp vừa và nhỏ Gyeonggi.")
    assert sides(result) == [("meeting", ["Sở Công Thương Hải Phòng"], ["Hiệp hội Doanh nghiệp vừa và nhỏ Gyeonggi"])]


def test_a_certification_centre_keeps_the_word_phu_hop_of_its_name() -> None:
    result = read("", "Ngày 10/6, Trung tâm Chứng nhận Phù hợp và Viện Thử nghiệm Hóa học Hàn Quốc ký biên bản ghi nhớ.")
    assert [p.name for e in result.events for p in e.vn_parties] == ["Trung tâm Chứng nhận Phù hợp"]


def test_an_english_name_keeps_its_of_part() -> None:
    result = read("", "Ngày 5/6, Viện Công nghệ Sinh học làm việc với Korea Research Institute of Bioscience and "
                      "Biotechnology (KRIBB).")
    assert [p.name for e in result.events for p in e.kr_parties] == [
        "Korea Research Institute of Bioscience and Biotechnology"]


def test_an_english_word_that_splits_into_korean_syllables_makes_no_name_korean() -> None:
    result = read("", "Ngày 5/6, Viện Công nghệ xạ hiếm (Institute for Technology of Radioactive and Rare Elements) và "
                      "Trường Đại học Mỏ - Địa chất ký biên bản ghi nhớ.")
    assert not result.relevant


def test_a_port_company_of_a_korean_city_is_korean() -> None:
    result = read("", "Chiều 9/6, Phó Chủ tịch UBND thành phố Đà Nẵng tiếp đoàn công tác Tổng công ty Cảng Busan (BPA).")
    assert [p.name for e in result.events for p in e.kr_parties] == ["Tổng công ty Cảng Busan"]


def test_a_caption_that_opens_with_the_signers_names_them() -> None:
    result = read("Hợp tác đào tạo nhân lực điện hạt nhân",
                  "Chương trình hướng tới đào tạo 1.000 kỹ sư. Ảnh: Lãnh đạo Trường Đại học Điện lực và Tập đoàn KHNP "
                  "ký kết biên bản ghi nhớ hợp tác.")
    assert sides(result) == [("mou", ["Trường Đại học Điện lực"], ["Tập đoàn KHNP"])]


def test_a_photo_credit_names_no_party() -> None:
    result = read("", "Ngày 5/6, Trường Đại học Điện lực và Tập đoàn KHNP ký biên bản ghi nhớ. Ảnh: Trung tâm Truyền thông")
    assert sides(result) == [("mou", ["Trường Đại học Điện lực"], ["Tập đoàn KHNP"])]


@pytest.mark.parametrize(
    ("short", "full"),
    [("Sở GD&ĐT Bắc Kạn", "Sở Giáo dục và Đào tạo Bắc Kạn"), ("Viện Hàn lâm KHXHVN", "Viện Hàn lâm Khoa học xã hội Việt Nam")],
)
def test_a_headline_s_initials_name_the_text_s_organisation(short: str, full: str) -> None:
    result = read(f"{short} ký kết hợp tác với Đại học Kangwon",
                  f"Ngày 5/6, {full} và Đại học Quốc gia Kangwon đã ký biên bản ghi nhớ.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 5))]


def test_a_signing_abroad_is_no_third_country_story() -> None:
    result = read("", "Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT) và Tập đoàn LG Uplus đã ký biên bản ghi nhớ ngày 4/3 "
                      "tại Barcelona, Tây Ban Nha, bên lề MWC.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 3, 4))]
    assert all(p.name != "Ban Nha" for e in result.events for p in e.vn_parties)


def test_a_third_country_s_body_still_makes_bodies_prove_their_side() -> None:
    assert not read("", "Ngày 4/3, Bộ Công nghiệp và Cơ quan Năng lượng Tây Ban Nha ký biên bản ghi nhớ tại Madrid.").relevant


def test_an_agency_s_city_office_and_the_agency_of_the_headline_are_one_meeting() -> None:
    result = read("Sở Ngoại vụ Đồng Nai làm việc với Văn phòng đại diện KOTRA",
                  "Ngày 9/6, Sở Ngoại vụ tỉnh Đồng Nai làm việc với Văn phòng đại diện KOTRA tại TP.HCM.")
    assert [(e.type.value, e.date) for e in result.events] == [("meeting", dt.date(2025, 6, 9))]


def test_a_tally_of_past_signings_in_a_speech_is_no_event() -> None:
    result = read("Khai mạc Tuần lễ văn hóa Hàn Quốc tại Bình Định",
                  "Tối 14/6, UBND tỉnh Bình Định phối hợp với Đại sứ quán Hàn Quốc tổ chức lễ khai mạc Tuần lễ văn hóa. "
                  "Phát biểu tại lễ khai mạc, Phó Chủ tịch UBND tỉnh cho biết, tỉnh và các địa phương Hàn Quốc đã ký kết "
                  "nhiều thỏa thuận hợp tác.")
    assert not result.relevant


@pytest.mark.parametrize("province", ["Bà Rịa - Vũng Tàu", "Thừa Thiên - Huế"])
def test_a_hyphenated_province_is_one_name(province: str) -> None:
    result = read("", f"Sáng 9/6, ông Lê Văn An, Chủ tịch UBND tỉnh {province} đã tiếp và làm việc với ông Cho Min-ho, "
                      "Chủ tịch Tập đoàn Hyosung.")
    assert sides(result) == [("meeting", [f"UBND tỉnh {province}"], ["Tập đoàn Hyosung"])]


def test_a_guest_s_city_office_is_not_where_a_province_receives_it() -> None:
    (event,) = read("", "Ngày 11/6, Phó Chủ tịch UBND tỉnh Phú Thọ tiếp ông Park Jae-hong, Tổng Giám đốc Cơ quan Xúc tiến "
                        "Thương mại và Đầu tư Hàn Quốc (KOTRA) tại Hà Nội.").events
    assert event.location == "Phú Thọ"


def test_a_headline_that_describes_the_partner_tells_the_body_s_signing() -> None:
    result = read("Agribank và Ngân hàng Nông nghiệp Hàn Quốc ký MOU",
                  "Ngày 5/6, tại Hà Nội, Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam (Agribank) và Ngân hàng "
                  "NongHyup (Hàn Quốc) đã ký kết biên bản ghi nhớ hợp tác. Theo biên bản, hai bên sẽ hợp tác về chuyển tiền.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 5))]


@pytest.mark.parametrize("company", ["Công ty Điện tử Samsung Vina", "Công ty Samsung Electronics Việt Nam Thái Nguyên"])
def test_a_korean_firm_s_company_in_vietnam_is_vietnamese(company: str) -> None:
    assert not read("Samsung hợp tác đào tạo với Trường Đại học Công nghiệp",
                    f"Ngày 13/6, Trường Đại học Công nghiệp và {company} ký kết thỏa thuận hợp tác.").relevant


def test_a_second_document_signed_by_the_official_named_before_is_its_own_event() -> None:
    result = read("Bộ Y tế ký kết hai văn kiện với Hàn Quốc",
                  "Ngày 16/6, tại Seoul, Bộ trưởng Bộ Y tế Lê Văn An đã ký Bản ghi nhớ hợp tác về dược phẩm với Bộ An toàn "
                  "Thực phẩm và Dược phẩm Hàn Quốc. Cùng ngày, Bộ trưởng Lê Văn An và Bộ trưởng Bộ Y tế và Phúc lợi Hàn "
                  "Quốc đã ký Kế hoạch hành động hợp tác y tế giai đoạn 2025-2027.")
    assert sides(result) == [
        ("mou", ["Bộ Y tế"], ["Bộ An toàn Thực phẩm và Dược phẩm Hàn Quốc"]),
        ("agreement", ["Bộ Y tế"], ["Bộ Y tế và Phúc lợi Hàn Quốc"]),  # an action plan is no memorandum
    ]


@pytest.mark.parametrize(
    "text",
    [
        ("Từ ngày 9 đến 13/6, đoàn công tác Bộ Công Thương đã thăm và làm việc tại Hàn Quốc. Trong chuyến công tác, "
         "đoàn đã làm việc với Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc và Viện Kinh tế Công nghiệp Hàn Quốc."),
        ("Ngày 12/6, Bộ Công Thương đã lần lượt làm việc với Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc và "
         "Viện Kinh tế Công nghiệp Hàn Quốc."),
    ],
)
def test_a_trip_s_meetings_with_several_hosts_are_one_event_each(text: str) -> None:
    result = read("", text)
    assert [kr for _, _, kr in sides(result)] == [
        ["Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc"], ["Viện Kinh tế Công nghiệp Hàn Quốc"]]


def test_a_mayor_s_city_keeps_the_head_word_the_text_writes() -> None:
    result = read("", "Trưa 11/6, Chủ tịch UBND TP Cần Thơ tiếp ông Lee Min-ho, Thị trưởng TP Suwon, Hàn Quốc.")
    assert sides(result) == [("meeting", ["UBND TP Cần Thơ"], ["TP Suwon"])]


def test_a_signing_told_as_part_of_a_past_moment_is_background() -> None:
    result = read("Mười năm hợp tác y tế Việt - Hàn",
                  "Quan hệ hai bên chính thức bắt đầu vào năm 2012 khi KOFIH mở văn phòng tại Bệnh viện Bạch Mai.\n\n"
                  "Tại sự kiện quan trọng này, KOFIH đã ký bản ghi nhớ đầu tiên với Bệnh viện Bạch Mai.", published=None)
    assert not result.relevant


def test_a_lead_that_opens_with_a_frame_gives_the_day_after_it() -> None:
    result = read("Ký kết hợp tác giữa Tập đoàn Dầu khí Việt Nam và Tập đoàn KOGAS",
                  "Trong khuôn khổ chuyến thăm chính thức Hàn Quốc, chiều 11/6, lãnh đạo cấp cao hai nước chứng kiến lễ "
                  "trao các văn kiện hợp tác.\n\nẢnh: Lễ trao bản ghi nhớ hợp tác giữa Tập đoàn Dầu khí Việt Nam và Tập "
                  "đoàn KOGAS.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 11))]


def test_a_document_signed_on_a_day_gives_the_story_its_date() -> None:
    result = read("Công ty Sao Mai hợp tác với Hiệp hội Doanh nghiệp Hàn Quốc",
                  "Công ty Sao Mai cùng Hiệp hội Thương mại Hàn Quốc tại Việt Nam (Kocham) ký hợp tác kết nối đầu tư.\n\n"
                  "Biên bản ghi nhớ được ký ngày 12/6, bởi ông Kim Min-su, Chủ tịch Kocham và bà Lê Thu Hà, Tổng giám đốc "
                  "Công ty Sao Mai.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 12))]


@pytest.mark.parametrize(("caption", "day"), [("ngày 17/6", dt.date(2025, 6, 17)), ("ngày 17/6/2019", None)])
def test_a_caption_s_day_dates_the_one_undated_meeting(caption: str, day: dt.date | None) -> None:
    result = read("Bến Tre thúc đẩy hợp tác với huyện Yangpyeong (Hàn Quốc)",
                  "Tại buổi làm việc, lãnh đạo tỉnh Bến Tre và huyện Yangpyeong trao đổi về hợp tác nông nghiệp.\n\n"
                  f"Phó Chủ tịch UBND tỉnh Bến Tre phát biểu chào mừng Đoàn công tác, {caption}. Ảnh: Báo Đồng Khởi.")
    assert [e.date for e in result.events] == [day]


def test_a_signing_at_a_conference_takes_the_conference_s_day() -> None:
    result = read("Hội nghị xúc tiến đầu tư vào Nghệ An tại Hàn Quốc",
                  "Chiều 12/6, tại Seoul, UBND tỉnh Nghệ An tổ chức Hội nghị xúc tiến đầu tư với sự tham gia của hơn 100 "
                  "doanh nghiệp. Tại hội nghị, UBND tỉnh Nghệ An đã trao giấy chứng nhận đầu tư cho 3 dự án và ký biên bản "
                  "ghi nhớ với Tập đoàn Lotte về dự án trung tâm thương mại.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 12))]


def test_a_conference_s_talk_is_no_event() -> None:
    assert not read("Hội thảo hợp tác đầu tư", "Chiều 12/6, UBND tỉnh Nghệ An tổ chức hội thảo. Tại hội thảo, đại diện "
                                               "Tập đoàn Lotte làm việc với các sở ngành về thủ tục đầu tư.").relevant


def test_a_school_s_students_visiting_are_no_working_meeting() -> None:
    assert not read("Sinh viên Đại học Dongguk thăm Trường Đại học Mở",
                    "Sáng 11/6, đoàn 25 sinh viên Đại học Dongguk (Hàn Quốc) đã đến thăm và giao lưu với sinh viên Trường "
                    "Đại học Mở. Tiếp đoàn, Phó Hiệu trưởng Trường Đại học Mở giới thiệu về nhà trường.").relevant


def test_the_signed_minutes_of_a_session_keep_it_a_meeting() -> None:
    result = read("Phiên họp Ủy ban hỗn hợp", "Ngày 12/6, tại Hà Nội, Bộ Y tế và Bộ Y tế và Phúc lợi Hàn Quốc tổ chức Phiên họp "
                                          "lần thứ 5 Ủy ban hỗn hợp. Kết thúc phiên họp, hai bên đã ký Biên bản phiên họp.")
    assert [(e.type.value, e.date) for e in result.events] == [("meeting", dt.date(2025, 6, 12))]


@pytest.mark.parametrize(("company", "relevant"), [("Tập đoàn Hana Micron", True), ("Công ty Hana Micron Vina", False)])
def test_a_listed_korean_manufacturer_needs_no_country_word(company: str, relevant: bool) -> None:
    result = read("", f"Sáng 8/6, lãnh đạo UBND tỉnh Bắc Giang đã làm việc với {company}. Sau buổi làm việc, hai bên "
                      "đã ký kết biên bản ghi nhớ về mở rộng đầu tư.")
    assert result.relevant is relevant


@pytest.mark.parametrize(
    "text",
    [
        ("Phát biểu tại lễ tổng kết ngày 12/6, Giám đốc Sở Ngoại vụ tỉnh Thái Bình cho biết, thời gian qua, tỉnh Thái "
         "Bình và tỉnh Gyeongsangnam đã ký kết thỏa thuận hợp tác và triển khai nhiều hoạt động."),
        ("Năm ngoái, Trường Đại học Giao thông vận tải và Đại học Quốc gia Pusan đã ký kết biên bản ghi nhớ. Ngày 15/6, "
         "hai trường tổ chức hội thảo khoa học chung."),
    ],
)
def test_a_signing_in_a_span_of_the_past_is_background(text: str) -> None:
    assert not read("", text).relevant


def test_a_reception_that_praises_the_past_is_still_a_meeting() -> None:
    result = read("", "Ngày 12/6, Chủ tịch UBND tỉnh Hà Nam tiếp Đại sứ Hàn Quốc, người có nhiều đóng góp cho quan hệ hai nước "
                      "từ trước đến nay.")
    assert [(e.type.value, e.date) for e in result.events] == [("meeting", dt.date(2025, 6, 12))]


def test_a_place_qualifier_completes_an_association_s_name() -> None:
    result = read("", "Ngày 11/6, Hội Hữu nghị Việt Nam - Hàn Quốc TP Cần Thơ và Hội Hữu nghị Hàn Quốc - Việt Nam thành phố "
                      "Changwon đã ký kết thỏa thuận hợp tác.")
    assert sides(result) == [("agreement", ["Hội Hữu nghị Việt Nam - Hàn Quốc TP Cần Thơ"],
                              ["Hội Hữu nghị Hàn Quốc - Việt Nam thành phố Changwon"])]


def test_a_korean_programme_s_centre_in_vietnam_is_korean() -> None:
    result = read("", "Ngày 14/6, ông Trần Văn Nam, Giám đốc Sở Nông nghiệp và Môi trường tỉnh Long An và ông Park Sung-jin, "
                      "Giám đốc Trung tâm KOPIA Việt Nam đã ký kết biên bản hợp tác.")
    assert sides(result) == [("agreement", ["Sở Nông nghiệp và Môi trường tỉnh Long An"], ["Trung tâm KOPIA Việt Nam"])]


@pytest.mark.parametrize("board", ["Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh",
                                   "Ban Quản lý các Khu chế xuất và công nghiệp TP.HCM"])
def test_an_industrial_zone_board_keeps_its_whole_name(board: str) -> None:
    result = read("", f"Ngày 12/6, {board} và Tập đoàn Samsung ký biên bản ghi nhớ về dự án mở rộng nhà máy.")
    assert sides(result) == [("mou", [board], ["Tập đoàn Samsung"])]


@pytest.mark.parametrize(
    ("text", "vn", "kr"),
    [
        ("Ngày 12/6, Bộ trưởng Quốc phòng Phan Văn Giang hội đàm với Bộ trưởng Quốc phòng Hàn Quốc Shin Won-sik.",
         "Bộ Quốc phòng", "Bộ Quốc phòng Hàn Quốc"),
        ("Ngày 12/6, Bộ trưởng Kế hoạch và Đầu tư Nguyễn Chí Dũng tiếp Bộ trưởng Bộ Kinh tế và Tài chính Hàn Quốc.",
         "Bộ Kế hoạch và Đầu tư", "Bộ Kinh tế và Tài chính Hàn Quốc"),
        ("Ngày 12/6, Bộ trưởng Bộ Công Thương và Bộ trưởng Thương mại Hàn Quốc Ahn Duk-geun đồng chủ trì phiên họp.",
         "Bộ Công Thương", "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc"),
        ("Ngày 12/6, Thứ trưởng Ngoại giao Lê Thị Thu Hằng tiếp Thứ trưởng Ngoại giao Park Yoon-joo.",
         "Bộ Ngoại giao", "Bộ Ngoại giao Hàn Quốc"),
        ("Ngày 12/6, Ngoại trưởng Việt Nam Bùi Thanh Sơn hội đàm với Ngoại trưởng Hàn Quốc Cho Tae-yul.",
         "Bộ Ngoại giao", "Bộ Ngoại giao Hàn Quốc"),
    ],
)
def test_a_minister_named_by_the_ministry_s_field_stands_for_the_ministry(text: str, vn: str, kr: str) -> None:
    assert sides(read("", text)) == [("meeting", [vn], [kr])]


def test_a_korean_minister_meeting_a_third_country_is_no_story() -> None:
    assert not read("", "Bộ Ngoại giao Hàn Quốc cho biết Thứ trưởng Ngoại giao Park Yoon-joo ngày 12/6 đã có buổi gặp gỡ "
                        "với tân Đại sứ Indonesia tại Hàn Quốc.").relevant


@pytest.mark.parametrize("unnamed", ["các đơn vị du lịch của thành phố Gwangju", "liên minh 5 công ty lữ hành của thành phố Gwangju"])
def test_some_firms_of_a_korean_city_are_no_named_party(unnamed: str) -> None:
    assert not read("", f"Tối 24/9, tại Nha Trang, Công ty Du lịch Biển Xanh đã ký kết hợp tác với {unnamed}.").relevant


@pytest.mark.parametrize(("office", "name"), [
    ("Văn phòng đại diện thành phố Daegu (Hàn Quốc) tại TP.HCM", "Văn phòng đại diện thành phố Daegu"),
    ("Văn phòng đại diện KOTRA tại TP.HCM", "Văn phòng đại diện KOTRA tại TP.HCM"),
])
def test_a_representative_office_is_named_whole_and_korean(office: str, name: str) -> None:
    result = read("", f"Chiều 9/6, Liên hiệp các Hội Văn học - Nghệ thuật thành phố Đà Nẵng tổ chức gặp mặt Đoàn {office}.")
    assert sides(result) == [("meeting", ["Liên hiệp các Hội Văn học - Nghệ thuật thành phố Đà Nẵng"], [name])]


def test_each_meeting_of_a_trip_told_at_the_meeting_with_a_body_is_an_event() -> None:
    result = read("", "Từ ngày 1-2/8, Đoàn công tác của Bộ Nội vụ do Bộ trưởng dẫn đầu đã làm việc với các cơ quan của Hàn Quốc. "
                      "Tại buổi làm việc với Bộ trưởng Bộ Việc làm và Lao động Hàn Quốc, hai bên đã chia sẻ thông tin. Tại "
                      "buổi làm việc với Cơ quan phát triển nguồn nhân lực Hàn Quốc (HRDK), hai bên trao đổi về chương trình EPS.")
    assert sides(result) == [("meeting", ["Bộ Nội vụ"], ["Bộ Việc làm và Lao động Hàn Quốc"]),
                             ("meeting", ["Bộ Nội vụ"], ["Cơ quan phát triển nguồn nhân lực Hàn Quốc"])]


def test_a_letter_expressing_intent_is_a_letter_of_intent() -> None:
    result = read("", "Ngày 5/6, UBND tỉnh Quảng Ninh và tỉnh Gyeongsangbuk đã ký Thư bày tỏ ý định về trao đổi hữu nghị.")
    assert [(e.type.value, e.date) for e in result.events] == [("letter_of_intent", dt.date(2025, 6, 5))]


def test_a_signing_by_both_sides_named_back_on_this_occasion_is_the_meeting_s_signing() -> None:
    result = read("Hà Nam và tập đoàn Hàn Quốc",
                  "Ngày 8/6, Phó Chủ tịch UBND tỉnh Hà Nam Trần Xuân Dưỡng làm việc với lãnh đạo Tập đoàn Seoul Semitech "
                  "(Hàn Quốc) về tiến độ dự án.\n\nDịp này, UBND tỉnh và Tập đoàn đã ký biên bản ghi nhớ đầu tư dự án mở rộng.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 8))]


def test_a_body_signing_with_the_partner_called_back_by_its_head_word_is_its_own_event() -> None:
    result = read("Hà Nam và tập đoàn Hàn Quốc",
                  "Ngày 8/6, Phó Chủ tịch UBND tỉnh Hà Nam Trần Xuân Dưỡng làm việc với lãnh đạo Tập đoàn Seoul Semitech "
                  "(Hàn Quốc) về tiến độ dự án.\n\nDịp này, Sở Tài chính và Tập đoàn đã ký biên bản ghi nhớ.")
    assert [(e.type.value, e.date, [p.name for p in e.vn_parties]) for e in result.events] == [
        ("meeting", dt.date(2025, 6, 8), ["UBND tỉnh Hà Nam"]), ("mou", dt.date(2025, 6, 8), ["Sở Tài chính"])]


@pytest.mark.parametrize("witnesses", ["hai nhà lãnh đạo", "Thủ tướng hai nước", "Phó Thủ tướng Trần Hồng Hà và Bộ trưởng Kim Min-seok"])
def test_the_bodies_leaders_watch_sign_are_the_parties(witnesses: str) -> None:
    result = read("Chủ tịch nước hội đàm với Tổng thống Hàn Quốc",
                  f"Chiều 11/6, sau hội đàm, {witnesses} chứng kiến Bộ Y tế và Bộ Y tế và Phúc lợi Hàn Quốc ký bản ghi "
                  "nhớ hợp tác về dược phẩm.")
    assert sides(result) == [("mou", ["Bộ Y tế"], ["Bộ Y tế và Phúc lợi Hàn Quốc"])]


@pytest.mark.parametrize("opening", ["Năm 2019, ", "Cuối năm 2022, ", "Trong năm 2023, "])
def test_a_signing_in_a_past_year_is_background(opening: str) -> None:
    result = read("Tiếp tục triển khai hợp tác với đại học Hàn Quốc",
                  f"{opening}Trường Đại học Vinh và Đại học Quốc gia Pusan (Hàn Quốc) đã ký biên bản ghi nhớ hợp tác. "
                  "Hiện nay, hai bên đang triển khai nhiều chương trình trao đổi giảng viên.")
    assert result.events == ()


def test_a_signing_this_year_is_news() -> None:
    result = read("", "Đầu năm 2025, Trường Đại học Vinh và Đại học Quốc gia Pusan (Hàn Quốc) đã ký biên bản ghi nhớ hợp tác.")
    assert sides(result) == [("mou", ["Trường Đại học Vinh"], ["Đại học Quốc gia Pusan"])]


@pytest.mark.parametrize("body", ["Trung tâm Dữ liệu lớn của thành phố Seoul", "Trung tâm Dữ liệu lớn thành phố Seoul"])
def test_a_name_that_ends_its_sentence_with_a_place_leaves_the_full_stop_out(body: str) -> None:
    result = read("", f"Ngày 13/6, đoàn công tác Sở Thông tin và Truyền thông TP Hồ Chí Minh đã làm việc với {body}.")
    assert sides(result) == [("meeting", ["Sở Thông tin và Truyền thông TP Hồ Chí Minh"], [body])]


@pytest.mark.parametrize("body", ["Bảo tàng Mỹ thuật Việt Nam", "Trường Đại học Mỹ thuật Công nghiệp", "UBND thành phố Mỹ Tho"])
def test_a_vietnamese_name_with_the_word_for_america_in_it_stays_vietnamese(body: str) -> None:
    result = read("", f"Ngày 6/6, Trung tâm Văn hóa Hàn Quốc tại Việt Nam và {body} đã ký thỏa thuận hợp tác tổ chức triển lãm.")
    assert sides(result) == [("agreement", [body], ["Trung tâm Văn hóa Hàn Quốc tại Việt Nam"])]


@pytest.mark.parametrize("firm", ["Tổ hợp Samsung Thái Nguyên", "Công ty LG Hải Phòng"])
def test_a_korean_firm_s_company_named_by_a_vietnamese_province_is_vietnamese(firm: str) -> None:
    assert read("", f"Ngày 9/6, Chủ tịch UBND tỉnh Thái Nguyên tiếp Tổng Giám đốc {firm}.").events == ()


def test_a_name_goes_on_over_the_world_in_it() -> None:
    result = read("", "Ngày 5/6, Trung tâm Bảo tồn Di sản Thế giới Hội An làm việc với Viện Di sản Hàn Quốc.")
    assert sides(result) == [("meeting", ["Trung tâm Bảo tồn Di sản Thế giới Hội An"], ["Viện Di sản Hàn Quốc"])]
    assert read("", "Ngày 5/6, Ngân hàng Thế giới và Cơ quan Hợp tác Quốc tế Hàn Quốc đã ký thỏa thuận hợp tác.").events == ()


@pytest.mark.parametrize("told", ["Buổi lễ diễn ra sáng 9/6 tại hội trường nhà trường.", "Lễ ký kết được tổ chức vào chiều ngày 9/6."])
def test_the_day_a_later_sentence_says_the_ceremony_was_held_dates_the_one_event(told: str) -> None:
    result = read("", "Trường Đại học Đà Lạt vừa tổ chức lễ ký kết biên bản ghi nhớ hợp tác với Đại học Jeonju (Hàn Quốc). "
                      f"{told}")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 9))]


@pytest.mark.parametrize("text", [
    "Chủ tịch UBND tỉnh giao Sở Kế hoạch và Đầu tư chủ động làm việc với Tập đoàn Samsung (Hàn Quốc) để thúc đẩy dự án.",
    "Thủ tướng đề nghị Bộ Công Thương làm việc với Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc để sớm hoàn tất đàm phán.",
    "UBND tỉnh chỉ đạo Sở Ngoại vụ tỉnh Bình Dương phối hợp, làm việc với tỉnh Gyeonggi (Hàn Quốc) để xây dựng kế hoạch.",
    "Ông đề xuất Trường Đại học Cần Thơ ký biên bản ghi nhớ với Đại học Chonnam (Hàn Quốc).",
])
def test_a_meeting_or_signing_only_asked_for_is_no_event(text: str) -> None:
    assert read("", text).events == ()


@pytest.mark.parametrize(("text", "vn"), [
    ("Chiều 5/6, Chủ tịch UBND tỉnh Nghệ An tiếp Đại sứ Hàn Quốc và đề nghị Đại sứ quán làm việc với các bộ Hàn Quốc.",
     "UBND tỉnh Nghệ An"),
    ("Theo đề nghị của Bộ Y tế, ngày 5/6, Bộ Y tế và Bộ Y tế và Phúc lợi Hàn Quốc đã ký bản ghi nhớ.", "Bộ Y tế"),
    ("Ngày 5/6, Bộ Ngoại giao tiếp Đoàn đại biểu Bộ Ngoại giao Hàn Quốc.", "Bộ Ngoại giao"),
])
def test_a_request_after_the_meeting_or_before_the_signer_leaves_the_event(text: str, vn: str) -> None:
    assert [[p.name for p in e.vn_parties] for e in read("", text).events] == [[vn]]


def test_an_unnamed_place_ends_a_name_before_the_verb() -> None:
    result = read("", "Ngày 5/6, UBND tỉnh nhiệt liệt chào đón và làm việc với Tập đoàn Samsung (Hàn Quốc).")
    assert sides(result) == [("meeting", ["UBND tỉnh"], ["Tập đoàn Samsung"])]


@pytest.mark.parametrize(("text", "vn", "kr"), [
    (("Sáng 9/6, tại Hà Nội, Tổng Kiểm toán Nhà nước Ngô Văn Tuấn đã hội đàm với Chủ tịch Ủy ban Kiểm toán và Thanh tra "
     "Hàn Quốc Choe Jae-hae."), "Kiểm toán Nhà nước", "Ủy ban Kiểm toán và Thanh tra Hàn Quốc"),
    ("Ngày 4/6, Thanh tra Chính phủ đã có buổi làm việc với Ủy ban Chống tham nhũng và Quyền công dân Hàn Quốc (ACRC).",
     "Thanh tra Chính phủ", "Ủy ban Chống tham nhũng và Quyền công dân Hàn Quốc"),
    ("Ngày 7/6, Tòa án nhân dân tối cao và Tòa án tối cao Hàn Quốc đã ký bản ghi nhớ hợp tác tư pháp.",
     "Tòa án nhân dân tối cao", "Tòa án tối cao Hàn Quốc"),
])
def test_the_state_s_audit_inspection_and_courts_are_parties(text: str, vn: str, kr: str) -> None:
    assert [([p.name for p in e.vn_parties], [p.name for p in e.kr_parties]) for e in read("", text).events] == [([vn], [kr])]


def test_each_document_of_a_list_told_after_the_signing_is_an_event() -> None:
    result = read("", "Ngày 11/6, tại Seoul, các bộ, ngành hai nước đã ký kết 3 văn kiện hợp tác, gồm: Bản ghi nhớ giữa Bộ Khoa "
                      "học và Công nghệ và Bộ Khoa học và ICT Hàn Quốc về bán dẫn; Thỏa thuận giữa Bộ Tài chính và Bộ Kinh tế "
                      "và Tài chính Hàn Quốc về vốn vay; Bản ghi nhớ giữa Bộ Y tế và Bộ Y tế và Phúc lợi Hàn Quốc.")
    assert sides(result) == [("mou", ["Bộ Khoa học và Công nghệ"], ["Bộ Khoa học và ICT Hàn Quốc"]),
                             ("agreement", ["Bộ Tài chính"], ["Bộ Kinh tế và Tài chính Hàn Quốc"]),
                             ("mou", ["Bộ Y tế"], ["Bộ Y tế và Phúc lợi Hàn Quốc"])]
    assert {e.date for e in result.events} == {dt.date(2025, 6, 11)}


def test_both_sides_signing_a_memorandum_date_the_headline_s_signing() -> None:
    result = read("Trường Đại học Thủy lợi và Đại học Quốc gia Changwon ký kết hợp tác",
                  "Nhằm tăng cường hợp tác đào tạo, hai trường đã ký biên bản ghi nhớ vào sáng 6/6.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 6))]


def test_the_day_the_reception_was_held_dates_the_headline_s_meeting() -> None:
    result = read("Bộ trưởng Bộ Nội vụ tiếp Bộ trưởng Bộ Hành chính và An ninh Hàn Quốc",
                  "Bộ trưởng đánh giá cao kết quả hợp tác giữa hai bộ. Cuộc tiếp diễn ra chiều 12/6 tại trụ sở Bộ Nội vụ.")
    assert [(e.type.value, e.date) for e in result.events] == [("meeting", dt.date(2025, 6, 12))]


@pytest.mark.parametrize("text", [
    "Ngày 5/6, UBND tỉnh Bắc Ninh làm việc với Sở Công Thương về tiến độ dự án của Tập đoàn Samsung (Hàn Quốc).",
    "Ngày 5/6, Bộ Tài chính làm việc với Ban Quản lý các khu công nghiệp tỉnh Bắc Giang về dự án mở rộng nhà máy của LG Innotek.",
])
def test_a_korean_firm_whose_project_two_vietnamese_bodies_discuss_is_no_party(text: str) -> None:
    assert read("", text).events == ()


def test_the_two_ministers_signing_after_their_talks_make_the_talks_the_signing() -> None:
    result = read("", "Chiều 9/6, Bộ trưởng Bộ Công an hội đàm với Bộ trưởng Bộ Tư pháp Hàn Quốc. Sau hội đàm, hai bộ trưởng ký "
                      "Bản ghi nhớ hợp tác phòng, chống tội phạm.")
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 9))]


@pytest.mark.parametrize("text", [
    "Ngày 10/6, đoàn công tác tỉnh Lâm Đồng đã đến thăm và làm việc với chính quyền tỉnh Chungcheongbuk.",
    ("Từ ngày 8 đến 12/6, đoàn công tác tỉnh Lâm Đồng đã thăm Hàn Quốc.\n\nNgày 10/6, đoàn làm việc với chính quyền tỉnh "
    "Chungcheongbuk."),
])
def test_a_province_s_delegation_abroad_does_not_make_its_province_the_venue(text: str) -> None:
    assert [e.location for e in read("", text).events] == [None]


def test_a_province_receiving_a_delegation_is_the_venue() -> None:
    result = read("", "Ngày 5/6, đoàn công tác thành phố Gimhae đến thăm và làm việc với UBND tỉnh Nghệ An.")
    assert [e.location for e in result.events] == ["Nghệ An"]


# 'ký' is a syllable of other words than 'sign'
@pytest.mark.parametrize("text", [
    "Chiều 12/6, Ban Quản lý các KCN tỉnh Bắc Ninh trao giấy chứng nhận đăng ký đầu tư cho Công ty Điện tử Hana (Hàn Quốc).",
    "Ngày 12/6, Đại học Huế đã đăng ký tham gia chương trình học bổng của Viện Giáo dục Quốc tế Quốc gia Hàn Quốc (NIIED).",
    ("Ngày 12/6, Trung tâm Chứng thực điện tử quốc gia giới thiệu giải pháp chữ ký số với Cơ quan Internet và An ninh "
     "Hàn Quốc (KISA)."),
    "Ngày 12/6, Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) khởi công ký túc xá cho Đại học Huế.",
    "Ngày 12/6, Viện Sốt rét - Ký sinh trùng Quy Nhơn giới thiệu kết quả với Bệnh viện Đại học Quốc gia Seoul.",
])
def test_a_word_that_holds_the_syllable_for_signing_signs_nothing(text: str) -> None:
    assert sides(read("", text)) == []


def test_signing_a_document_is_still_a_signing_after_those_words() -> None:
    text = ("Ngày 12/6, sau khi trao giấy chứng nhận đăng ký đầu tư, UBND tỉnh Bắc Ninh và Tập đoàn Hana Micron "
            "(Hàn Quốc) đã ký biên bản ghi nhớ hợp tác.")
    assert sides(read("", text)) == [("mou", ["UBND tỉnh Bắc Ninh"], ["Tập đoàn Hana Micron"])]


# 'làm việc tại Hàn Quốc' of workers is a job abroad, not a working meeting
@pytest.mark.parametrize("text", [
    ("Ngày 12/6, Trung tâm Lao động ngoài nước cho biết đã có 5.000 lao động được Cơ quan Phát triển nguồn nhân lực "
     "Hàn Quốc (HRD Korea) tuyển chọn sang làm việc tại Hàn Quốc."),
    ("Ngày 13/6, kỹ sư của Tổng công ty Điện lực miền Bắc cho biết họ đã làm việc tại Hàn Quốc ba tháng để học công nghệ "
     "của Tập đoàn Điện lực Hàn Quốc (KEPCO)."),
])
def test_a_job_in_korea_is_no_working_meeting(text: str) -> None:
    assert sides(read("", text)) == []


def test_a_delegation_working_at_a_body_is_still_a_meeting() -> None:
    text = "Ngày 12/6, đoàn công tác của Cơ quan Phát triển nguồn nhân lực Hàn Quốc đã làm việc tại Bộ Nội vụ."
    assert sides(read("", text)) == [("meeting", ["Bộ Nội vụ"], ["Cơ quan Phát triển nguồn nhân lực Hàn Quốc"])]


# a signing or meeting that did not take place: not yet, not at all, only supposed, still going on
@pytest.mark.parametrize("text", [
    "Ngày 12/6, UBND tỉnh Quảng Nam và Tập đoàn Lotte (Hàn Quốc) vẫn chưa ký kết thỏa thuận hợp tác về dự án.",
    "Ngày 12/6, UBND tỉnh Bình Định cho biết sẽ không ký biên bản ghi nhớ với Tập đoàn Doosan (Hàn Quốc) như kế hoạch.",
    ("Ông Trần Văn Bình cho biết, nếu UBND tỉnh Thanh Hóa và Tập đoàn Hyosung (Hàn Quốc) ký kết thỏa thuận hợp tác, "
     "đây sẽ là dự án lớn nhất tỉnh."),
    ("Theo ông Kim Young Soo, Giám đốc KOTRA Hà Nội, KOTRA đang làm việc với Bộ Công Thương để tổ chức hội chợ vào "
     "cuối năm."),
])
def test_a_signing_or_meeting_that_did_not_take_place_is_no_event(text: str) -> None:
    assert sides(read("", text)) == []


# what the sides have done over the years: a tally of meetings, 'từng' (have once)
@pytest.mark.parametrize("text", [
    ("Bộ Đất đai, Hạ tầng và Giao thông Hàn Quốc cho biết đã có nhiều buổi làm việc với Bộ Xây dựng Việt Nam về đô thị "
     "thông minh trong thời gian qua."),
    "Trả lời phỏng vấn, ông Park Min Ho cho biết Tập đoàn Samsung từng nhiều lần gặp gỡ Tập đoàn Viettel để bàn về 5G.",
])
def test_meetings_summed_up_or_once_held_are_background(text: str) -> None:
    assert sides(read("", text)) == []


def test_a_vietnamese_association_in_korea_is_vietnamese() -> None:
    text = "Ngày 15/6, Tổng lãnh sự quán Việt Nam tại Busan làm việc với Hội Doanh nhân Việt Nam tại Hàn Quốc."
    assert sides(read("", text)) == []


def test_the_agency_that_reports_the_news_is_no_party() -> None:
    text = ("Ngày 13/6, thành phố Seoul và thành phố Busan đã ký thỏa thuận hợp tác về đô thị thông minh. Thông tấn xã "
            "Việt Nam đưa tin.")
    assert sides(read("Seoul và Busan hợp tác phát triển đô thị thông minh", text)) == []


def test_co_chairing_a_gathering_of_many_countries_is_no_meeting() -> None:
    text = ("Ngày 14/6, Bộ trưởng Bộ Ngoại giao Việt Nam đồng chủ trì Hội nghị Bộ trưởng Ngoại giao Mekong - Hàn Quốc "
            "cùng Bộ trưởng Ngoại giao Hàn Quốc.")
    assert sides(read("", text)) == []


def test_co_chairing_the_two_countries_committee_is_a_meeting() -> None:
    text = ("Ngày 14/6, Bộ Khoa học và Công nghệ và Bộ Khoa học và CNTT Hàn Quốc đồng chủ trì phiên họp Ủy ban hỗn hợp "
            "về hợp tác khoa học và công nghệ.")
    assert [kind for kind, _, _ in sides(read("", text))] == ["meeting"]


def test_scientists_meeting_at_a_seminar_are_no_named_partners() -> None:
    text = ("Ngày 12/6, tại Hà Nội, Viện Hàn lâm Khoa học và Công nghệ Việt Nam phối hợp với Viện Khoa học Vật liệu Hàn "
            "Quốc (KIMS) tổ chức hội thảo quốc tế về vật liệu tiên tiến. Tại hội thảo, các nhà khoa học hai nước đã gặp "
            "gỡ, trao đổi về các hướng nghiên cứu mới.")
    assert sides(read("Hội thảo khoa học quốc tế về vật liệu mới", text)) == []


@pytest.mark.parametrize("verb", ["sẽ gặp gỡ", "sẽ hội đàm với", "sẽ tiếp đoàn"])
def test_a_meeting_to_come_is_no_event(verb: str) -> None:
    text = f"Ngày 16/6, Trung tâm Đổi mới sáng tạo Quốc gia cho biết đoàn {verb} Cơ quan Xúc tiến Công nghiệp CNTT Hàn Quốc (NIPA)."
    assert sides(read("", text)) == []


# a time told back from today, or a span of the past, makes a meeting or signing background
@pytest.mark.parametrize("text", [
    "Cách đây hai năm, Bộ Y tế Việt Nam và Bộ Y tế và Phúc lợi Hàn Quốc đã ký biên bản ghi nhớ về hợp tác y tế.",
    "Hồi tháng 3, Bộ Nông nghiệp và Môi trường và Cơ quan Phát triển Nông thôn Hàn Quốc (RDA) đã ký kế hoạch hợp tác.",
    "Lần gần nhất, Cục Du lịch Quốc gia và Tổng cục Du lịch Hàn Quốc gặp gỡ là tại Seoul.",
    "Từ đầu năm đến nay, UBND tỉnh Bắc Ninh đã tiếp nhiều đoàn công tác, trong đó có đoàn của tỉnh Gyeonggi (Hàn Quốc).",
    "Dịp này năm ngoái, Bộ Công an và Cơ quan Cảnh sát Quốc gia Hàn Quốc đã hội đàm tại Hà Nội.",
])
def test_a_meeting_or_signing_told_back_from_today_is_background(text: str) -> None:
    assert sides(read("", text)) == []


# a school's unit of Korean studies is the school's, so Vietnamese
@pytest.mark.parametrize("text", [
    ("Ngày 12/6, Khoa Ngôn ngữ và Văn hóa Hàn Quốc của Trường Đại học Hà Nội ký thỏa thuận hợp tác với Công ty CP Giáo "
     "dục Hồng Hà."),
    "Ngày 12/6, Câu lạc bộ Tiếng Hàn Quốc của Trường Đại học Văn Lang ký thỏa thuận với Trung tâm Ngoại ngữ Sài Gòn.",
    ("Ngày 12/6, Trung tâm Nghiên cứu Hàn Quốc (thuộc Trường Đại học Khoa học Xã hội và Nhân văn) và Công ty CP Giáo "
     "dục Hồng Hà ký thỏa thuận hợp tác."),
])
def test_a_school_s_unit_of_korean_studies_is_vietnamese(text: str) -> None:
    assert sides(read("", text)) == []


def test_the_headline_s_unit_of_korean_studies_takes_the_side_the_text_gives_it() -> None:
    text = ("Ngày 12/6, Trung tâm Nghiên cứu Hàn Quốc (thuộc Trường Đại học Khoa học Xã hội và Nhân văn) và Công ty CP "
            "Giáo dục Hồng Hà ký thỏa thuận hợp tác.")
    assert sides(read("Trung tâm Nghiên cứu Hàn Quốc ký kết hợp tác với Công ty Hồng Hà", text)) == []


def test_a_unit_of_korean_studies_signing_with_a_korean_school_is_an_event() -> None:
    text = ("Ngày 12/6, Khoa Hàn Quốc học của Trường Đại học Ngoại ngữ Đà Nẵng ký biên bản ghi nhớ với Trường Đại học "
            "Keimyung.")
    assert sides(read("", text)) == [  # the unit signs, named in full
        ("mou", ["Khoa Hàn Quốc học của Trường Đại học Ngoại ngữ Đà Nẵng"], ["Trường Đại học Keimyung"])]


# a former official ('nguyên', 'cựu') stands for no organisation: a courtesy visit is no event
@pytest.mark.parametrize("text", [
    ("Chiều 18/6, Chủ tịch UBND tỉnh Bình Thuận đã tiếp ông Park Noh-wan, nguyên Đại sứ Hàn Quốc tại Việt Nam, "
     "nhân dịp ông sang thăm tỉnh."),
    ("Sáng 17/6, Bí thư Tỉnh ủy Hà Nam đã tiếp ông Kim Man-soo, cựu Thị trưởng thành phố Gimhae, cùng phu nhân."),
    "Ngày 16/6, Chủ tịch UBND thành phố Cần Thơ đã tiếp ông Lim Jae-hoon, nguyên Phó Tổng Lãnh sự Hàn Quốc tại TP.HCM.",
    "Ngày 16/6, Giám đốc Sở Ngoại vụ tỉnh Đồng Nai đã tiếp bà Kang Kyung-wha, cựu Bộ trưởng Bộ Ngoại giao Hàn Quốc.",
])
def test_a_former_official_stands_for_no_organisation(text: str) -> None:
    assert sides(read("Giao lưu hữu nghị", text)) == []


def test_a_place_ending_in_nguyen_before_a_title_is_no_former_official() -> None:
    # a caption's glued words: the capital 'Nguyên' after 'Thái' ends the place
    from crawler.cooperation.parties import find_orgs

    text = "Ảnh: Chủ tịch UBND tỉnh Thái Nguyên Đại sứ Hàn Quốc tại Việt Nam trao đổi bên lề buổi làm việc."
    assert [m.name for m in find_orgs(text)] == ["UBND tỉnh Thái Nguyên", "Đại sứ quán Hàn Quốc tại Việt Nam"]


# a Korean college named 'Cao đẳng X' without 'Trường' is an organisation; a Vietnamese 'Trường Cao đẳng' stays whole
@pytest.mark.parametrize(("text", "vn", "kr"), [
    (("Ngày 12/6, Trường Cao đẳng Công nghệ Thủ Đức đã ký biên bản ghi nhớ với Cao đẳng Dongwon (Hàn Quốc) về "
     "đào tạo kỹ thuật viên ô tô."), "Trường Cao đẳng Công nghệ Thủ Đức", "Cao đẳng Dongwon"),
    (("Sáng 10/6, Trường Đại học Sư phạm Kỹ thuật Nam Định và Cao đẳng Kỹ thuật Daelim đã ký thỏa thuận hợp tác "
     "đào tạo."), "Trường Đại học Sư phạm Kỹ thuật Nam Định", "Cao đẳng Kỹ thuật Daelim"),
])
def test_a_korean_college_is_named_without_truong(text: str, vn: str, kr: str) -> None:
    ((_, vns, krs),) = sides(read("", text))
    assert (vns, krs) == ([vn], [kr])


# an academic title glued to the name ends the organisation's name: the official's name follows
@pytest.mark.parametrize(("text", "vn"), [
    (("Sáng 13/6, Hiệu trưởng Trường Đại học Nông Lâm TP.HCM PGS.TS Nguyễn Tất Toàn đã tiếp đoàn Trường Đại học "
     "Chungnam."), "Trường Đại học Nông Lâm TP.HCM"),
    ("Ngày 13/6, Giám đốc Học viện Ngân hàng TS. Đỗ Thị Hà đã làm việc với Đại học Dongguk.", "Học viện Ngân hàng"),
    (("Chiều 13/6, Viện trưởng Viện Nghiên cứu Nuôi trồng Thủy sản I ThS Lê Văn Khôi đã làm việc với Viện Khoa "
     "học Thủy sản Quốc gia Hàn Quốc."), "Viện Nghiên cứu Nuôi trồng Thủy sản I"),
    ("Ngày 13/6, Hiệu trưởng Trường Đại học Quy Nhơn GS Đỗ Ngọc Mỹ đã tiếp đoàn Trường Đại học Pai Chai.",
     "Trường Đại học Quy Nhơn"),
])
def test_an_academic_title_ends_the_name(text: str, vn: str) -> None:
    ((_, vns, _),) = sides(read("", text))
    assert vns == [vn]


def test_a_korean_conglomerate_named_gs_keeps_its_name() -> None:
    text = "Ngày 13/6, Tập đoàn GS và UBND tỉnh Long An đã ký biên bản ghi nhớ về dự án khu đô thị."
    assert sides(read("", text)) == [("mou", ["UBND tỉnh Long An"], ["Tập đoàn GS"])]


# a title ending in '-trưởng' before a listed school is no school: 'Hiệu trưởng Đại học X' is not 'Trường Đại học X'
@pytest.mark.parametrize(("text", "kr"), [
    ("Chiều 11/6, Trường Đại học Thương mại đã tiếp Hiệu trưởng Đại học Kyung Hee cùng đoàn công tác.",
     "Đại học Kyung Hee"),
    ("Sáng 11/6, Giám đốc Đại học Đà Nẵng đã làm việc với Phó Hiệu trưởng Đại học Quốc gia Pusan.",
     "Đại học Quốc gia Pusan"),
])
def test_a_title_ending_in_truong_is_not_the_school(text: str, kr: str) -> None:
    ((_, _, krs),) = sides(read("", text))
    assert krs == [kr]


# a Korean province or city named without its head word, where only its government can be meant
@pytest.mark.parametrize(("text", "kr"), [
    (("Chiều 17/6, Phó Chủ tịch UBND tỉnh Vĩnh Phúc đã tiếp đoàn đại biểu Chungcheongbuk do Phó Tỉnh trưởng dẫn "
     "đầu."), "Chungcheongbuk"),
    ("Sáng 17/6, UBND tỉnh Hưng Yên và chính quyền Gyeongsangnam đã ký kết thỏa thuận hợp tác hữu nghị.",
     "chính quyền Gyeongsangnam"),
    ("Ngày 17/6, Chủ tịch UBND tỉnh Thanh Hóa đã làm việc với đoàn Ulsan do Phó Thị trưởng dẫn đầu.", "Ulsan"),
    ("Ngày 17/6, Sở Ngoại vụ tỉnh Quảng Bình đã làm việc với đoàn công tác Jeollanam-do về lao động thời vụ.",
     "Jeollanam-do"),
])
def test_a_korean_province_or_city_is_named_without_its_head_word(text: str, kr: str) -> None:
    ((_, _, krs),) = sides(read("", text))
    assert krs == [kr]


@pytest.mark.parametrize("text", [
    "Chiều 17/6, UBND tỉnh Bắc Ninh đã làm việc với đoàn Đà Nẵng về kinh nghiệm thu hút đầu tư Hàn Quốc.",
    "Chiều 17/6, Sở Ngoại vụ tỉnh Nghệ An tiếp đoàn công tác Hà Tĩnh và đoàn Quảng Bình.",
])
def test_a_vietnamese_place_after_doan_names_no_new_party(text: str) -> None:
    assert sides(read("", text)) == []
