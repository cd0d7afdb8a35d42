"""The kinds the probe round of December 4 found: plans told with 'dự kiến', 'hoãn', 'sẽ … thăm và làm
việc'; meetings told as 'điện đàm', 'qua cầu truyền hình', 'buổi gặp mặt, trao đổi'; an MoU named in
English; 'special self-governing' Korean provinces behind an official's title; a Vietnamese college
whose name only looks foreign. Sentences written for these tests in the press's style."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.crawler.cooperation_reading import read, sides


# rule 4e: a signing or visit that is expected, put off or called off took no place
@pytest.mark.parametrize(("title", "text"), [
    ("Hoãn lễ ký kết giữa Phú Yên và thành phố Ulsan",
     ("Lễ ký kết thỏa thuận hợp tác giữa UBND tỉnh Phú Yên và thành phố Ulsan (Hàn Quốc), dự kiến diễn ra ngày "
      "24/6, đã được hoãn do thời tiết. Hai bên đang thống nhất thời gian mới để tổ chức lễ ký.")),
    ("Bộ Y tế và Samsung ký bản ghi nhớ vào tuần tới",
     ("Ngày 18/6, Bộ Y tế cho biết bản ghi nhớ giữa Bộ Y tế và Tập đoàn Samsung dự kiến được ký kết vào tuần "
      "tới tại Hà Nội.")),
    ("Lùi lễ ký với Đại học Pusan",
     "Lễ ký biên bản ghi nhớ giữa Trường Đại học Cần Thơ và Đại học Pusan đã được lùi sang tháng 9."),
    ("Nam Định chuẩn bị đón đoàn thành phố Gimhae",
     ("UBND tỉnh Nam Định vừa ban hành kế hoạch đón tiếp đoàn công tác thành phố Gimhae (Hàn Quốc) sang thăm "
      "và làm việc từ ngày 10 đến 12/7.")),
    ("Lãnh đạo tỉnh Hà Tĩnh sẽ sang làm việc tại tỉnh Chungcheongnam",
     ("Theo kế hoạch, từ ngày 2 đến 6/7, đoàn công tác tỉnh Hà Tĩnh do Chủ tịch UBND tỉnh dẫn đầu sẽ sang thăm "
      "và làm việc với chính quyền tỉnh Chungcheongnam (Hàn Quốc).")),
    ("Bộ trưởng Bộ Công Thương thăm Hàn Quốc",
     ("Trong chuyến công tác, Bộ trưởng Bộ Công Thương dự kiến hội đàm với Bộ trưởng Bộ Thương mại, Công nghiệp "
      "và Năng lượng Hàn Quốc (MOTIE).")),
])
def test_an_expected_or_postponed_event_is_no_event(title: str, text: str) -> None:
    assert not read(title, text).relevant


def test_a_signing_done_before_what_it_will_bring_is_an_event() -> None:
    result = read("", ("Ngày 12/6, Sở Y tế tỉnh Bình Định và Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) đã ký thỏa "
                       "thuận hợp tác, theo đó KOICA sẽ cử chuyên gia sang làm việc tại các bệnh viện của tỉnh."))
    assert sides(result) == [("agreement", ["Sở Y tế tỉnh Bình Định"], ["Cơ quan Hợp tác Quốc tế Hàn Quốc"])]


# working contacts told in other words
@pytest.mark.parametrize(("text", "online"), [
    (("Sáng 17/6, Bộ Khoa học và Công nghệ đã có cuộc điện đàm với Bộ Khoa học và CNTT Hàn Quốc (MSIT) về hợp "
     "tác bán dẫn."), False),
    (("Chiều 16/6, Sở Y tế thành phố Cần Thơ và Bệnh viện Đại học Quốc gia Chonnam đã trao đổi qua cầu truyền hình "
     "về chương trình đào tạo bác sĩ."), True),
    ("Chiều 4/6, Bệnh viện Bạch Mai đã có buổi gặp mặt, trao đổi chuyên môn với đoàn Bệnh viện Asan (Hàn Quốc).",
     False),
])
def test_a_working_contact_in_other_words_is_a_meeting(text: str, online: bool) -> None:
    (event,) = read("", text).events
    assert event.type.value == "meeting"
    assert (event.location == "trực tuyến") is online


def test_a_prime_minister_s_phone_call_is_no_meeting_of_organisations() -> None:
    assert not read("", "Chiều 15/6, Thủ tướng Phạm Văn Long đã điện đàm với Tổng thống Hàn Quốc Lee Jae Ho.").relevant


def test_an_mou_named_in_english_is_an_mou() -> None:
    (event,) = read("", ('Ngày 11/6, FPT và Samsung SDS đã ký "Memorandum of Understanding on AI Cooperation" tại '
                         "Hà Nội.")).events
    assert event.type.value == "mou"


# a Korean province or city 'tự trị đặc biệt' (Jeju, Sejong, Gangwon, Jeonbuk) named through its head
@pytest.mark.parametrize(("text", "kr"), [
    (("Chiều 9/6, Chủ tịch UBND tỉnh Gia Lai Phạm Văn Tú đã tiếp và làm việc với Tỉnh trưởng Tỉnh tự trị đặc biệt "
     "Jeju Oh Young Hun."), "Tỉnh tự trị đặc biệt Jeju"),
    (("Sáng 18/6, Bí thư Tỉnh ủy Bắc Ninh Nguyễn Văn Thái đã tiếp Thị trưởng Thành phố tự trị đặc biệt Sejong Choi "
     "Min Ho."), "Thành phố tự trị đặc biệt Sejong"),
])
def test_a_special_self_governing_unit_behind_a_title(text: str, kr: str) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.kr_parties] == [kr]


def test_a_vietnamese_college_with_a_foreign_looking_name_is_not_korean() -> None:
    """'tiếng Hàn' is the language taught, and 'Lilama' is no romanised Korean (no Korean word opens with 'l')."""
    result = read("Hội Hữu nghị Việt – Hàn tỉnh Nghệ An ký kết hợp tác với Trường Cao đẳng Nghề Lilama 2",
                  ("Ngày 7/6, Hội Hữu nghị Việt – Hàn tỉnh Nghệ An và Trường Cao đẳng Nghề Lilama 2 đã ký kết thỏa "
                   "thuận hợp tác đào tạo tiếng Hàn cho người lao động."))
    assert not result.relevant


# Korean bodies named in English, by the reference lists' English names or by an English head word
@pytest.mark.parametrize(("text", "kr"), [
    ("Hôm qua (14/6), tại Daejeon, Cục Thống kê và Statistics Korea đã ký bản ghi nhớ hợp tác.", "Statistics Korea"),
    ("Ngày 12/6, Cục Hải quan và Korea Customs Service (KCS) đã tổ chức phiên họp thường niên.",
     "Korea Customs Service"),
    ("Ngày 12/6, Cục Khí tượng Thủy văn và Korea Meteorological Administration đã ký biên bản ghi nhớ.",
     "Korea Meteorological Administration"),
    ("Ngày 12/6, Ủy ban Cạnh tranh Quốc gia và Korea Fair Trade Commission đã ký biên bản ghi nhớ.",
     "Korea Fair Trade Commission"),
])
def test_a_korean_body_named_in_english(text: str, kr: str) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.kr_parties] == [kr]


@pytest.mark.parametrize(("text", "vn"), [
    ("Ngày 14/6, tại Hà Nội, VNU và Trường Đại học Inha đã ký bản ghi nhớ hợp tác.", "Đại học Quốc gia Hà Nội"),
    ("Ngày 11/6, VNU-HCM đã tiếp và làm việc với đoàn Đại học Ajou.", "Đại học Quốc gia TP.HCM"),
])
def test_a_vietnamese_body_by_any_of_its_listed_acronyms(text: str, vn: str) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.vn_parties] == [vn]


@pytest.mark.parametrize(("text", "kr"), [
    ("Ngày 18/6, startup Hàn Quốc DeepNoid và Bệnh viện K đã ký biên bản ghi nhớ.", "DeepNoid"),
    ("Ngày 16/6, Công ty FPT Software đã ký thỏa thuận hợp tác với đối tác Hàn Quốc là Hanmi Tech.", "Hanmi Tech"),
])
def test_a_firm_told_by_what_it_is_and_its_country(text: str, kr: str) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.kr_parties] == [kr]


def test_a_firm_s_legal_form_does_not_end_the_sentence() -> None:
    (event,) = read("", "Ngày 28/5, FPT Software và Hanmi Tech Co., Ltd. (Hàn Quốc) đã ký thỏa thuận hợp tác.").events
    assert event.date == dt.date(2025, 5, 28)


def test_the_members_sign_not_the_parent_they_belong_to() -> None:
    result = read("Ba viện nghiên cứu thuộc Bộ Y tế ký ghi nhớ với KHIDI",
                  ("Ngày 14/6, tại Hà Nội, Viện Phát triển Công nghiệp Y tế Hàn Quốc (KHIDI) đã lần lượt ký biên bản ghi "
                   "nhớ với ba viện nghiên cứu thuộc Bộ Y tế gồm Viện Vệ sinh dịch tễ Trung ương, Viện Pasteur "
                   "Nha Trang và Viện Dinh dưỡng."))
    assert sorted(p.name for e in result.events for p in e.vn_parties) == [
        "Viện Dinh dưỡng", "Viện Pasteur Nha Trang", "Viện Vệ sinh dịch tễ Trung ương"]


def test_the_fund_a_loan_is_drawn_from_is_no_party() -> None:
    (event,) = read("", ("Hôm 16/6, tại Hà Nội, Bộ Tài chính và Ngân hàng Xuất nhập khẩu Hàn Quốc (KEXIM) đã ký Hiệp "
                         "định vay từ Quỹ Hợp tác phát triển kinh tế (EDCF) cho dự án cấp nước.")).events
    assert [p.name for p in event.kr_parties] == ["Ngân hàng Xuất nhập khẩu Hàn Quốc"]


def test_a_signing_in_the_second_half_of_a_done_clause_makes_the_meeting_a_signing() -> None:
    result = read("", ("Chiều 14/6, Trường Cao đẳng Kỹ thuật Cao Thắng đã tiếp và làm việc với đoàn Trường Đại học "
                       "Yeungjin (Hàn Quốc). Hai bên đã trao đổi về chương trình đào tạo liên thông và ký kết biên bản "
                       "ghi nhớ hợp tác."))
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 6, 14))]


def test_the_day_told_after_cho_biet_beats_the_press_conference_s() -> None:
    (event,) = read("", ("Tại cuộc họp báo sáng 12/6, lãnh đạo Viện Hàn lâm Khoa học và Công nghệ Việt Nam cho biết, "
                         "hôm 10/6, Viện đã ký biên bản ghi nhớ hợp tác với Viện Khoa học và Công nghệ Hàn Quốc (KIST) "
                         "tại Seoul.")).events
    assert event.date == dt.date(2025, 6, 10)


def test_a_caption_that_opens_with_an_official_names_the_sides() -> None:
    result = read("Việt Nam - Hàn Quốc tăng cường hợp tác nông nghiệp",
                  ("Ảnh: Bộ trưởng Bộ Nông nghiệp và Môi trường và Bộ trưởng Bộ Nông nghiệp, Thực phẩm và Nông thôn "
                   "Hàn Quốc (MAFRA) tại buổi hội đàm. Chiều 11/6, tại Hà Nội, hai Bộ trưởng đã hội đàm về hợp tác "
                   "nông nghiệp."))
    assert sides(result) == [("meeting", ["Bộ Nông nghiệp và Môi trường"],
                              ["Bộ Nông nghiệp, Thực phẩm và Nông thôn Hàn Quốc"])]


def test_a_korean_city_s_international_office_is_korean_not_international() -> None:
    (event,) = read("", ("Sáng 3/6, Sở Ngoại vụ thành phố Đà Nẵng đã có cuộc họp trực tuyến với Ban Hợp tác quốc tế "
                         "thành phố Daegu (Hàn Quốc).")).events
    assert [p.name for p in event.kr_parties] == ["Ban Hợp tác quốc tế thành phố Daegu"]
    assert event.location == "trực tuyến"


@pytest.mark.parametrize(("text", "vn"), [
    ("Ngày 12/6, Viện Việt Nam học và Khoa học phát triển đã ký biên bản ghi nhớ với Đại học Yonsei.",
     "Viện Việt Nam học và Khoa học phát triển"),
    ("Ngày 12/6, Viện Hàn Quốc học và Khoa học xã hội đã ký biên bản ghi nhớ với Trường Đại học Vinh.",
     "Trường Đại học Vinh"),
])
def test_a_country_s_studies_are_part_of_a_name(text: str, vn: str) -> None:
    """'Việt Nam học', 'Hàn Quốc học' (the study of a country) and 'Khoa học' (science) go on in a name."""
    (event,) = read("", text).events
    assert [p.name for p in event.vn_parties] == [vn]


# the bodies of one list sign together: 'A, B và C đã ký …', '… ký với A, B và C'
@pytest.mark.parametrize(("text", "vn"), [
    (("Ngày 10/6, Trường Cao đẳng Kỹ thuật Cao Thắng, Trường Cao đẳng Lý Tự Trọng TP.HCM và Đại học Inha (Hàn Quốc) "
     "đã ký kết biên bản ghi nhớ ba bên."), ["Trường Cao đẳng Kỹ thuật Cao Thắng", "Trường Cao đẳng Lý Tự Trọng TP.HCM"]),
    (("Ngày 10/6, Viện Khoa học và Công nghệ Hàn Quốc (KIST) đã ký biên bản ghi nhớ với Trường Đại học Bách khoa Hà "
     "Nội, Trường Đại học Công nghệ và Trường Đại học Cần Thơ."),
     ["Trường Đại học Bách khoa Hà Nội", "Trường Đại học Công nghệ", "Trường Đại học Cần Thơ"]),
    # the venue before the list takes no part
    (("Ngày 14/5, tại Khu công nghệ cao Hòa Lạc (Hà Nội), Viện Khoa học và Công nghệ Việt Nam - Hàn Quốc (VKIST) và "
     "Viện Nghiên cứu Điện tử và Viễn thông Hàn Quốc (ETRI) đã ký kết biên bản ghi nhớ hợp tác."),
     ["Viện Khoa học và Công nghệ Việt Nam - Hàn Quốc"]),
])
def test_the_bodies_of_one_list_sign_together(text: str, vn: list[str]) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.vn_parties] == vn


def test_a_list_of_organisers_does_not_join_the_sides() -> None:
    result = read("", ("Tại Diễn đàn do Bộ Công Thương, Sở Công Thương TP.HCM và Ngân hàng Quân đội tổ chức, Công ty "
                       "Vinamilk và Tập đoàn CJ (Hàn Quốc) đã ký thỏa thuận hợp tác ngày 12/6."))
    assert [[p.name for p in e.vn_parties] for e in result.events] == [["Công ty Vinamilk"]]


def test_a_cooperative_named_for_its_commune_is_vietnamese() -> None:
    """'Thạnh Mỹ' is a commune, not 'Mỹ' (the United States)."""
    (event,) = read("", ("Ngày 9/6, Hợp tác xã Dịch vụ Nông nghiệp Thạnh Mỹ và Liên đoàn Hợp tác xã Nông nghiệp Quốc "
                         "gia Hàn Quốc (Nonghyup) đã ký thỏa thuận hợp tác.")).events
    assert [p.name for p in event.vn_parties] == ["Hợp tác xã Dịch vụ Nông nghiệp Thạnh Mỹ"]


def test_an_acronym_defined_in_the_text_beats_a_korean_body_of_the_same_letters() -> None:
    """NSSC is also Korea's Nuclear Safety and Security Commission; the text says what it is here."""
    (event,) = read("", ("Ngày 12/6, Trung tâm Hỗ trợ khởi nghiệp sáng tạo quốc gia (NSSC) và Viện Khởi nghiệp và Phát "
                         "triển doanh nghiệp Hàn Quốc (KISED) đã ký kết biên bản ghi nhớ.")).events
    assert [p.name for p in event.vn_parties] == ["Trung tâm Hỗ trợ khởi nghiệp sáng tạo quốc gia"]


def test_a_listed_korean_acronym_after_its_name_under_another_head_is_korean() -> None:
    (event,) = read("", ("Ngày 18/6, tại Hà Nội, Cục Chuyển đổi số quốc gia và Cục Xã hội Thông tin Quốc gia (NIA) đã ký "
                         "kết biên bản ghi nhớ hợp tác.")).events
    assert [p.acronym for p in event.kr_parties] == ["NIA"]


def test_a_foreign_spelt_name_the_text_calls_korean() -> None:
    result = read("", ("Ngày 4/6, Trung tâm Đổi mới sáng tạo Quốc gia (NIC) và Born2Global của Hàn Quốc đã ký ý định "
                       "thư hợp tác. Lễ ký diễn ra tại trụ sở Born2Global ở Pangyo, tỉnh Gyeonggi."))
    assert sides(result) == [("letter_of_intent", ["Trung tâm Đổi mới sáng tạo Quốc gia"], ["Born2Global"])]


@pytest.mark.parametrize("text", [
    "Theo dự thảo, trong quý III thành phố dự kiến đón đoàn Thị trưởng thành phố Busan sang làm việc với UBND TP.HCM.",
])
def test_a_draft_plan_to_receive_is_no_meeting(text: str) -> None:
    assert not read("", text).relevant


@pytest.mark.parametrize(("text", "name", "acronym"), [
    ("Ngày 9/6, Tổng công ty Điện lực Dầu khí Việt Nam (PV Power) và Doosan Enerbility đã ký biên bản ghi nhớ.",
     "Tổng công ty Điện lực Dầu khí Việt Nam", "PV Power"),
])
def test_a_two_word_acronym_in_brackets(text: str, name: str, acronym: str) -> None:
    (event,) = read("", text).events
    assert [(p.name, p.acronym) for p in event.vn_parties] == [(name, acronym)]


def test_nam_before_han_quoc_is_no_korean_surname() -> None:
    """'Nam' is a Korean surname, but 'Nam Hàn Quốc' in a name is 'southern Korea', not Mr Nam."""
    (event,) = read("", ("Ngày 9/6, Tổng công ty Phát điện 3 (EVNGENCO3) và Tổng công ty Điện lực Nam Hàn Quốc (KOSPO) "
                         "đã ký thỏa thuận hợp tác.")).events
    assert [p.name for p in event.vn_parties] == ["Tổng công ty Phát điện 3"]
    assert [p.acronym for p in event.kr_parties] == ["KOSPO"]


def test_the_pacific_is_neither_thai_binh_nor_binh_duong() -> None:
    from crawler.cooperation.parties import places_in

    assert places_in("khu vực châu Á - Thái Bình Dương") == []
    assert [p for _, p in places_in("châu Á - Thái Bình Dương và tỉnh Thái Bình")] == ["Thái Bình"]


def test_a_head_word_before_a_common_noun_is_no_locality() -> None:
    result = read("Tăng cường hợp tác giữa thành phố Huế và Gyeongju",
                  ("Phó Thị trưởng thành phố Gyeongju Song Ho Jun tham dự Hội nghị của Tổ chức các Thành phố Di sản Thế "
                   "giới khu vực châu Á - Thái Bình Dương tại Huế; cảm ơn sự đón tiếp của lãnh đạo thành phố."))
    assert [p.name for e in result.events for p in e.vn_parties if "Di sản" in p.name] == []


def test_a_list_after_trong_do_co_is_a_list_of_documents() -> None:
    result = read("Trao 10 văn kiện hợp tác Việt Nam – Hàn Quốc",
                  ("Sáng 1/6, tại Seoul, dưới sự chứng kiến của Thủ tướng Phạm Văn Nam, các cơ quan, doanh nghiệp hai "
                   "nước đã trao 10 văn kiện hợp tác. Trong đó có Bản ghi nhớ giữa Viện Hàn lâm Khoa học và Công nghệ "
                   "Việt Nam và Viện Nghiên cứu Hàng không vũ trụ Hàn Quốc (KARI) về vệ tinh; thỏa thuận hợp tác giữa "
                   "Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT) và Naver Cloud về điện toán đám mây."))
    assert [(e.type.value, e.date, e.location) for e in result.events] == [
        ("mou", dt.date(2025, 6, 1), "Seoul"), ("agreement", dt.date(2025, 6, 1), "Seoul")]


def test_a_trip_s_meeting_told_after_two_openings_refers_back_to_the_delegation() -> None:
    result = read("", ("Từ ngày 7 đến 11/6, đoàn công tác Trường Đại học Sư phạm TP.HCM đã có chuyến công tác tại Hàn "
                       "Quốc. Ngày 8/6, tại Gwangju, đoàn đã làm việc với lãnh đạo Đại học Quốc gia Chonnam về đào tạo "
                       "thạc sĩ. Ngày 10/6, đoàn đến Đại học Sunmoon (tỉnh Chungcheongnam) và hai bên đã ký kết bản ghi "
                       "nhớ hợp tác."))
    assert [(e.type.value, e.date, [p.name for p in e.kr_parties]) for e in result.events] == [
        ("meeting", dt.date(2025, 6, 8), ["Đại học Quốc gia Chonnam"]),
        ("mou", dt.date(2025, 6, 10), ["Đại học Sunmoon"])]


def test_a_ministry_in_brackets_after_its_unit_is_the_parent() -> None:
    (event,) = read("", ("Ngày 10/6, Cục Trồng trọt và Bảo vệ thực vật (Bộ Nông nghiệp và Môi trường) và Cơ quan Phát "
                         "triển Nông thôn Hàn Quốc (RDA) đã ký biên bản ghi nhớ hợp tác.")).events
    assert [(p.name, p.acronym) for p in event.vn_parties] == [("Cục Trồng trọt và Bảo vệ thực vật", None)]


def test_truoc_do_on_the_same_day_is_no_background() -> None:
    result = read("", ("Chiều 3/6, tại Hà Nội, Bộ Y tế Việt Nam và Bộ Y tế và Phúc lợi Hàn Quốc đã ký bản ghi nhớ hợp "
                       "tác. Trước đó, sáng cùng ngày, Thứ trưởng Bộ Y tế đã tiếp và làm việc với đoàn Cục An toàn Thực "
                       "phẩm và Dược phẩm Hàn Quốc (MFDS)."))
    assert [(e.type.value, e.date) for e in result.events] == [
        ("mou", dt.date(2025, 6, 3)), ("meeting", dt.date(2025, 6, 3))]


def test_a_bare_title_later_in_a_trip_refers_back_to_the_minister_s_body() -> None:
    result = read("", ("Ngày 11/6, tại Sejong, Bộ trưởng Bộ Nông nghiệp và Môi trường đã hội đàm với Bộ trưởng Bộ Nông "
                       "nghiệp, Thực phẩm và Nông thôn Hàn Quốc (MAFRA). Ngày 12/6, Bộ trưởng làm việc với Tổng công ty "
                       "Nông sản và Thực phẩm Hàn Quốc (aT) tại Naju."))
    assert [(e.date, [p.name for p in e.vn_parties]) for e in result.events] == [
        (dt.date(2025, 6, 11), ["Bộ Nông nghiệp và Môi trường"]), (dt.date(2025, 6, 12), ["Bộ Nông nghiệp và Môi trường"])]


def test_an_english_signing_ceremony_dates_the_mou() -> None:
    (event,) = read("FPT Software và LG CNS ký MOU về chuyển đổi số",
                    "Sáng 5/6, tại TP.HCM, FPT Software và LG CNS đã tổ chức MOU signing ceremony về chuyển đổi số.").events
    assert (event.type.value, event.date) == ("mou", dt.date(2025, 6, 5))


def test_a_general_corporation_named_by_its_brand_is_vietnamese() -> None:
    (event,) = read("", ("Sáng 5/6, tại Đồng Nai, lãnh đạo Tổng Công ty Sonadezi đã tiếp và làm việc với đoàn Hiệp hội "
                         "Doanh nghiệp Hàn Quốc tại Việt Nam (KorCham).")).events
    assert [p.name for p in event.vn_parties] == ["Tổng Công ty Sonadezi"]


def test_a_two_word_acronym_used_again_names_its_body() -> None:
    result = read("", ("Ngày 28/5, tại TP.HCM, lãnh đạo Tổng Công ty Khí Việt Nam (PV GAS) đã có buổi làm việc với đoàn "
                       "Posco International (Hàn Quốc). Ngay sau buổi làm việc, PV GAS và Posco International đã ký biên "
                       "bản ghi nhớ hợp tác."))
    assert [(e.type.value, e.date) for e in result.events] == [("mou", dt.date(2025, 5, 28))]


def test_a_subsidiary_described_as_part_of_its_group_is_one_party() -> None:
    (event,) = read("", ("Ngày 5/6, Vinamilk đã ký kết biên bản ghi nhớ hợp tác với CJ CheilJedang, công ty thực phẩm chủ "
                         "lực thuộc Tập đoàn CJ (Hàn Quốc).")).events
    assert [p.name for p in event.kr_parties] == ["CJ CheilJedang"]


@pytest.mark.parametrize("text", [
    ("Ngày 24/5, tại Trung tâm Hội chợ và Triển lãm Sài Gòn, Văn phòng KOTRA tại TP.HCM khai mạc triển lãm Korea Expo, "
     "dự kiến có hơn 1.000 lượt gặp gỡ giữa doanh nghiệp Hàn Quốc và các nhà nhập khẩu."),
    "KOICA phê duyệt dự án 8 triệu USD cho tỉnh Sóc Trăng.Theo kế hoạch, bản ghi nhớ giữa KOICA và UBND tỉnh sẽ được ký.",
])
def test_expected_contacts_and_a_plan_after_a_glued_full_stop_are_no_events(text: str) -> None:
    assert not read("", text).relevant


def test_with_no_publication_day_truoc_do_still_tells_an_earlier_signing() -> None:
    text = "Trước đó, ngày 20/5/2019, UBND tỉnh Phú Thọ và Tổng công ty Nông thôn Hàn Quốc đã ký biên bản ghi nhớ."
    assert not read("", text, published=None).relevant


def test_a_lower_case_list_closed_by_a_place_is_one_name() -> None:
    (event,) = read("", ("Sáng 17/6, Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh Hưng Yên đã tiếp và làm việc "
                         "với đoàn Hiệp hội Thương mại Quốc tế Hàn Quốc (KITA).")).events
    assert [p.name for p in event.vn_parties] == ["Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh Hưng Yên"]


@pytest.mark.parametrize(("text", "kr"), [
    (("Chiều 5/6, Chủ nhiệm Ủy ban Đối ngoại của Quốc hội Vũ Hải Hà đã tiếp Đoàn Nhóm Nghị sĩ hữu nghị Hàn Quốc – Việt "
     "Nam do ông Kim Jin Pyo dẫn đầu."), "Nhóm Nghị sĩ hữu nghị Hàn Quốc - Việt Nam"),
    ("Ngày 5/6, Liên hiệp các tổ chức hữu nghị Việt Nam (VUFO) đã làm việc với Đoàn Hội Hữu nghị Hàn Quốc – Việt Nam.",
     "Hội Hữu nghị Hàn Quốc - Việt Nam"),
])
def test_an_association_named_korea_first_is_the_korean_side(text: str, kr: str) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.kr_parties] == [kr]


def test_the_fund_a_framework_agreement_is_about_is_no_party() -> None:
    (event,) = read("", ("Ngày 5/6, tại Hà Nội, Thỏa thuận khung về Quỹ Hợp tác phát triển kinh tế (EDCF) giai đoạn "
                         "2026-2030 đã được ký giữa Bộ Tài chính Việt Nam và Bộ Kinh tế và Tài chính Hàn Quốc.")).events
    assert [p.name for p in event.kr_parties] == ["Bộ Kinh tế và Tài chính Hàn Quốc"]


def test_a_delegation_s_meeting_inside_a_trip_s_frame_is_an_event() -> None:
    result = read("", ("Trong khuôn khổ chuyến công tác tại Hàn Quốc từ ngày 15 đến 18/6, Đoàn công tác Bộ Nội vụ do Thứ "
                       "trưởng Triệu Văn Cường dẫn đầu đã có buổi làm việc với Bộ Quản lý nhân sự Hàn Quốc (MPM) tại "
                       "thành phố Sejong ngày 16/6.\nNgày 17/6, Đoàn đã làm việc với Viện Hành chính công Hàn Quốc "
                       "(KIPA) tại Seoul."))
    assert [(e.date, [p.name for p in e.kr_parties]) for e in result.events] == [
        (dt.date(2025, 6, 16), ["Bộ Quản lý nhân sự Hàn Quốc"]), (dt.date(2025, 6, 17), ["Viện Hành chính công Hàn Quốc"])]


def test_the_sides_listed_after_phia_viet_nam_gom_take_part() -> None:
    (event,) = read("", ("Ngày 5/6, tại Hà Nội đã diễn ra Đối thoại Chiến lược Ngoại giao – An ninh – Quốc phòng Việt Nam – "
                         "Hàn Quốc lần thứ 4. Phía Việt Nam gồm đại diện Bộ Ngoại giao, Bộ Quốc phòng và Bộ Công an; phía "
                         "Hàn Quốc gồm đại diện Bộ Ngoại giao Hàn Quốc và Bộ Quốc phòng Hàn Quốc.")).events
    assert [p.name for p in event.vn_parties] == ["Bộ Ngoại giao", "Bộ Quốc phòng", "Bộ Công an"]
    assert [p.name for p in event.kr_parties] == ["Bộ Ngoại giao Hàn Quốc", "Bộ Quốc phòng Hàn Quốc"]
    assert event.date == dt.date(2025, 6, 5)


def test_the_post_of_a_named_delegation_s_leader_is_no_party() -> None:
    (event,) = read("", ("Chiều 2/6, Chủ tịch UBND tỉnh Thái Nguyên đã tiếp và làm việc với đoàn công tác của Tập đoàn "
                         "Samsung Electronics do ông Choi Joo Ho, Tổng Giám đốc Samsung Việt Nam, dẫn đầu.")).events
    assert [p.name for p in event.vn_parties] == ["UBND tỉnh Thái Nguyên"]


def test_an_unnamed_delegation_s_leader_names_its_body() -> None:
    (event,) = read("", ("Ngày 3/6, đoàn công tác do Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên dẫn đầu đã làm việc với "
                         "Tập đoàn Samsung.")).events
    assert [p.name for p in event.vn_parties] == ["Bộ Công Thương"]


def test_cung_ngay_takes_the_day_and_place_last_told_even_a_forum_s() -> None:
    result = read("", ("Sáng 27/5, tại Seoul, Diễn đàn Khởi nghiệp sáng tạo Việt Nam - Hàn Quốc đã diễn ra.\n\nChiều cùng "
                       "ngày, Cục Phát triển thị trường và doanh nghiệp khoa học và công nghệ và Cơ quan Phát triển Doanh "
                       "nghiệp vừa và nhỏ Hàn Quốc (KOSME) đã ký biên bản ghi nhớ.\n\nCũng trong chiều cùng ngày, Cục Đổi "
                       "mới sáng tạo đã ký bản ghi nhớ với Cơ quan Xúc tiến Công nghiệp CNTT Hàn Quốc (NIPA). Cục Khởi "
                       "nghiệp ký thỏa thuận hợp tác với Viện Phát triển Khởi nghiệp Hàn Quốc (KISED)."))
    assert [(e.type.value, e.date) for e in result.events] == [
        ("mou", dt.date(2025, 5, 27)), ("mou", dt.date(2025, 5, 27)), ("agreement", dt.date(2025, 5, 27))]
    assert [e.location for e in result.events][:2] == ["Seoul", "Seoul"]


def test_an_mou_being_implemented_is_no_signing_of_the_meeting() -> None:
    result = read("", ("Chiều 11/6, tại Hà Nội, Bộ trưởng Bộ Khoa học và Công nghệ đã tiếp và làm việc với Thứ trưởng Bộ "
                       "Khoa học và CNTT Hàn Quốc (MSIT). Tại buổi làm việc, hai bên trao đổi về việc triển khai Bản ghi "
                       "nhớ giữa hai Bộ ký tháng 5/2025."))
    assert [e.type.value for e in result.events] == ["meeting"]


@pytest.mark.parametrize("text", [
    "Buổi làm việc giữa UBND tỉnh Bình Dương và tỉnh Gyeonggi (Hàn Quốc) sẽ diễn ra vào sáng 23/6 tại Trung tâm Hành chính.",
    "Dự kiến lễ ký kết giữa tỉnh Thanh Hóa và thành phố Changwon (Hàn Quốc) sẽ được tổ chức trong quý III.",
    "Dự kiến ngày 23/6, UBND tỉnh Bình Dương và Chính quyền tỉnh Gyeonggi ký kết biên bản ghi nhớ.",
    ("Phó Thủ tướng vừa ký văn bản đồng ý về việc Bộ Khoa học và Công nghệ ký Bản ghi nhớ hợp tác với Bộ Khoa học và "
     "CNTT Hàn Quốc."),
])
def test_an_event_to_come_or_agreed_to_is_no_event(text: str) -> None:
    assert not read("", text).relevant


def test_ministers_sitting_in_on_leaders_talks_make_no_meeting() -> None:
    result = read("Thủ tướng Phạm Văn Nam hội đàm với Thủ tướng Hàn Quốc",
                  ("Chiều 6/6, tại Trụ sở Chính phủ, Thủ tướng Phạm Văn Nam đã hội đàm với Thủ tướng Hàn Quốc. Tham dự "
                   "hội đàm có Bộ trưởng Bộ Ngoại giao, Bộ trưởng Bộ Khoa học và Công nghệ Việt Nam cùng Bộ trưởng Bộ "
                   "Thương mại, Công nghiệp và Năng lượng Hàn Quốc."))
    assert not result.relevant


@pytest.mark.parametrize(("text", "kr"), [
    (("Sáng 15/6, UBND huyện Đông Anh (Hà Nội) và Văn phòng quận Seo, thành phố Daejeon (Hàn Quốc) đã ký kết thỏa "
     "thuận hợp tác hữu nghị."), "Văn phòng quận Seo"),
    (("Ngày 5/6, Hội Liên hiệp Phụ nữ thành phố Cần Thơ tiếp và làm việc với đoàn Trung tâm Hỗ trợ Gia đình đa văn hóa "
     "quận Buk, thành phố Gwangju (Hàn Quốc)."), "Trung tâm Hỗ trợ Gia đình đa văn hóa quận Buk"),
])
def test_a_korean_city_s_district_named_for_a_direction(text: str, kr: str) -> None:
    (event,) = read("", text).events
    assert [p.name for p in event.kr_parties] == [kr]


def test_a_day_weeks_after_publication_is_a_plan_not_last_year_s_event() -> None:
    text = "Sáng 13/5, UBND tỉnh Bình Dương làm việc với tỉnh Gyeonggi (Hàn Quốc) tại Trung tâm Hành chính tỉnh."
    assert not read("", text, published=dt.date(2025, 5, 6)).relevant
    (event,) = read("", text, published=dt.date(2025, 5, 12)).events  # a page dated a day early
    assert event.date == dt.date(2025, 5, 13)
    (event,) = read("", text, published=dt.date(2026, 1, 6)).events  # months before: last year's
    assert event.date == dt.date(2025, 5, 13)


@pytest.mark.parametrize(("title", "text"), [
    (None, ("Seoul (TTXVN) - Ngày 13/6, Bộ Khoa học và CNTT Hàn Quốc (MSIT) và Bộ Công nghiệp và Công nghệ thông tin "
            "Trung Quốc đã ký biên bản ghi nhớ hợp tác về mạng 6G.")),
    (None, ("Thành phố Busan và tỉnh Quảng Đông (Trung Quốc) đã ký thỏa thuận hợp tác về logistics. Thị trưởng Busan "
            "Park Heong Joon đã có buổi làm việc với Tỉnh trưởng Quảng Đông tại Quảng Châu trước khi ký văn bản.")),
    ("Bắc Giang sẽ ký kết hợp tác hữu nghị với tỉnh Chungcheongbuk",
     ("Theo kế hoạch vừa được UBND tỉnh Bắc Giang phê duyệt, trong tháng 10 tới, đoàn công tác của tỉnh do Chủ tịch "
      "UBND tỉnh dẫn đầu sẽ sang thăm và làm việc tại tỉnh Chungcheongbuk, Hàn Quốc.")),
    ("Long An sẽ ký kết hợp tác với tỉnh Chungcheongnam",
     ("Ngày 5-6, UBND tỉnh Long An ban hành kế hoạch tổ chức đoàn công tác đi Hàn Quốc.\n\nĐoàn cũng sẽ xúc tiến đầu "
      "tư tại Seoul, gặp gỡ Hiệp hội Doanh nghiệp Hàn Quốc (KOCHAM) về công nghiệp chế biến.")),
])
def test_a_dateline_s_outlet_a_foreign_governor_and_a_planned_trip_make_no_event(title: str | None, text: str) -> None:
    assert not read(title or "", text).relevant


# rule 8: the host's place; and the venue told in a sentence of its own
@pytest.mark.parametrize(("text", "place"), [
    ("Chiều 6/6, Sở Nội vụ tỉnh Thanh Hóa tiếp và làm việc với đoàn công tác huyện Hwacheon (Hàn Quốc).", "Thanh Hóa"),
    ("Ngày 9/6, Bệnh viện Đa khoa tỉnh Quảng Ninh đã tiếp và làm việc với đoàn Bệnh viện Asan (Hàn Quốc).",
     "Quảng Ninh"),
    (("Ngày 10/6, Trường Đại học Kyung Hee và Trường Đại học Bách khoa Hà Nội đã ký biên bản ghi nhớ hợp tác. Lễ ký "
     "diễn ra tại Seoul."), "Seoul"),
])
def test_where_the_event_took_place(text: str, place: str) -> None:
    (event,) = read("", text).events
    assert event.location == place


def test_a_body_s_first_acronym_is_not_taken_by_another_s_second() -> None:
    """MOE is listed first for the Korean Ministry of Education and second for the Ministry of Environment."""
    (event,) = read("", "Ngày 5/6, Bộ Giáo dục và Đào tạo và MOE đã ký biên bản ghi nhớ về đào tạo giáo viên.").events
    assert [p.name for p in event.kr_parties] == ["Bộ Giáo dục Hàn Quốc"]


def test_an_mou_being_implemented_is_no_signing_however_its_month_is_told() -> None:
    result = read("", ("Chiều 11/6, tại Hà Nội, Bộ trưởng Bộ Khoa học và Công nghệ đã tiếp và làm việc với Thứ trưởng Bộ "
                       "Khoa học và CNTT Hàn Quốc (MSIT). Tại buổi làm việc, hai bên trao đổi về việc triển khai Bản ghi "
                       "nhớ hai Bộ ký vào tháng 5."))
    assert [e.type.value for e in result.events] == ["meeting"]
