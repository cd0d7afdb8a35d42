"""What a story names beside its own event is no event of it: a Korean body in the next sentence of a meeting
with others, a programme called 'gặp gỡ', a handover's minutes, a plan, a clause about whom a signing serves,
a document signed in a past year. Sentences written for these tests in the press's style."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.crawler.cooperation_reading import read, sides


# the meeting is with a third country's body, or between two bodies of one country; the Korean firm is aside
@pytest.mark.parametrize(("title", "text"), [
    ("Tỉnh Bắc Giang tiếp đoàn JICA",
     ("Chiều 10/6, Phó Chủ tịch UBND tỉnh Bắc Giang tiếp và làm việc với đoàn Cơ quan Hợp tác Quốc tế Nhật Bản "
     "(JICA). Trên địa bàn tỉnh hiện có Tập đoàn Hyosung (Hàn Quốc) đầu tư lớn.")),
    ("Nghệ An tiếp Đại sứ Ấn Độ",
     ("Sáng 11/6, Chủ tịch UBND tỉnh Nghệ An tiếp ông Sandeep Arya, Đại sứ Ấn Độ tại Việt Nam. Tỉnh là nơi đặt nhà "
     "máy của Tập đoàn Samsung (Hàn Quốc).")),
    ("Sơn La làm việc với tỉnh Houaphan",
     ("Ngày 12/6, UBND tỉnh Sơn La làm việc với Chính quyền tỉnh Houaphan (Lào). Hai bên đánh giá cao dự án do Cơ "
     "quan Hợp tác Quốc tế Hàn Quốc (KOICA) tài trợ.")),
    ("Bộ Tài chính làm việc với tỉnh Thái Nguyên",
     ("Chiều 13/6, Thứ trưởng Bộ Tài chính làm việc với UBND tỉnh Thái Nguyên về thu hút đầu tư. Tỉnh hiện có hai "
     "dự án lớn của Tập đoàn Samsung.")),
    ("Bộ Công Thương làm việc với tỉnh Bắc Ninh",
     ("Chiều 13/6, đoàn công tác Bộ Công Thương làm việc với UBND tỉnh Bắc Ninh. Đoàn đã đi thăm nhà máy của Công ty "
     "Hyosung tại KCN Quế Võ.")),
    ("Hàn Quốc và Mỹ hội đàm thương mại",
     ("Ngày 14/6, tại Washington, Bộ trưởng Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc đã hội đàm với Đại diện "
     "Thương mại Mỹ. Đoàn Hàn Quốc sẽ tham khảo kinh nghiệm của Bộ Công Thương Việt Nam.")),
])
def test_a_korean_body_beside_a_meeting_with_others_is_no_party(title: str, text: str) -> None:
    assert not read(title, text).relevant


def test_the_next_sentence_still_names_the_korean_delegation() -> None:
    text = ("Ngày 16/8, Ban Tuyên giáo Tỉnh ủy Long An tiếp và làm việc với đoàn giáo sư. Về phía đoàn có Trường Đại "
            "học Yeungnam (Hàn Quốc).")
    assert sides(read("", text)) == [("meeting", ["Ban Tuyên giáo Tỉnh ủy Long An"], ["Trường Đại học Yeungnam"])]


# an undated 'đã ký' further down is background of the lead's own, dated, other event (rule 4c)
@pytest.mark.parametrize(("title", "text"), [
    ("Trường Đại học Công nghiệp khai giảng năm học mới",
     ("Sáng 5/6, Trường Đại học Công nghiệp Hà Nội tổ chức lễ khai giảng. Nhà trường đã ký kết hợp tác với Đại học "
     "Kyung Hee (Hàn Quốc) về đào tạo song bằng.")),
    ("Bệnh viện tỉnh tiếp nhận thiết bị",
     ("Ngày 8/6, Bệnh viện Đa khoa tỉnh Phú Thọ tiếp nhận lô thiết bị y tế. Bệnh viện đã ký thỏa thuận hợp tác với "
     "Bệnh viện Đại học Quốc gia Chungnam (Hàn Quốc) để chuyển giao kỹ thuật.")),
])
def test_an_undated_signing_beside_the_lead_s_own_event_is_background(title: str, text: str) -> None:
    assert not read(title, text).relevant


def test_a_signing_at_the_lead_s_ceremony_is_an_event() -> None:
    text = ("Sáng 5/6, Trường Đại học Công nghiệp Hà Nội tổ chức lễ kỷ niệm 20 năm thành lập. Tại buổi lễ, Trường Đại "
            "học Công nghiệp Hà Nội và Đại học Kyung Hee (Hàn Quốc) đã ký biên bản ghi nhớ.")
    assert sides(read("", text)) == [("mou", ["Trường Đại học Công nghiệp Hà Nội"], ["Đại học Kyung Hee"])]


# 'gặp gỡ' naming a programme, a forum or people meeting: no working meeting of two bodies (rule 4d)
@pytest.mark.parametrize("text", [
    ("Ngày 12/6, KOTRA phối hợp với Sở Công Thương TP.HCM tổ chức chương trình gặp gỡ giao thương giữa doanh "
     "nghiệp hai nước."),
    ("Sáng 16/6, Sở Công Thương tỉnh Bình Dương và Cơ quan Xúc tiến Thương mại và Đầu tư Hàn Quốc (KOTRA) tổ "
     "chức Diễn đàn 'Gặp gỡ Hàn Quốc' lần thứ 5."),
    ("Tối 14/6, Tổng Lãnh sự quán Hàn Quốc tại Đà Nẵng và Sở Văn hóa, Thể thao và Du lịch Đà Nẵng tổ chức lễ hội "
     "để người dân hai nước gặp gỡ, giao lưu."),
])
def test_a_programme_called_a_meeting_is_no_meeting(text: str) -> None:
    assert not read("", text).relevant


def test_meeting_and_talking_with_a_named_delegation_is_a_meeting() -> None:
    text = "Ngày 12/6, Sở Công Thương TP.HCM đã gặp gỡ và trao đổi với đoàn KOTRA về xúc tiến thương mại."
    assert [e.type.value for e in read("", text).events] == ["meeting"]


# the minutes of a handover or an acceptance are no cooperation document; 'tiếp' in other words is no reception
@pytest.mark.parametrize("text", [
    "Sáng 10/6, Văn phòng KOICA tại Việt Nam và Sở Y tế tỉnh Quảng Trị đã ký biên bản bàn giao dự án bệnh viện.",
    "Ngày 13/6, Sở Y tế tỉnh Hòa Bình và Quỹ Chăm sóc sức khỏe quốc tế Hàn Quốc đã ký biên bản nghiệm thu dự án.",
    "Chiều 13/6, Tập đoàn Hyundai Motor đã trao biên bản bàn giao 5 xe cứu thương cho Bệnh viện Đa khoa tỉnh Điện Biên.",
    "Ngày 12/6, Công ty Cổ phần Sữa Việt Nam tổ chức chương trình tiếp thị sản phẩm tại siêu thị Lotte Mart ở Seoul.",
    "Ngày 10/6, Tập đoàn Lotte (Hàn Quốc) chính thức tiếp quản trung tâm thương mại từ Tổng công ty Thương mại Hà Nội.",
    "Năm thứ ba liên tiếp, Tập đoàn LG được UBND thành phố Hải Phòng vinh danh là nhà đầu tư tiêu biểu.",
])
def test_handovers_and_other_words_are_no_event(text: str) -> None:
    assert not read("", text).relevant


# a signing approved, weighed or put off is no signing (rule 4e)
@pytest.mark.parametrize("text", [
    ("Ngày 14/6, UBND thành phố Cần Thơ ban hành quyết định phê duyệt chủ trương ký kết thỏa thuận hợp tác với "
     "thành phố Changwon (Hàn Quốc)."),
    ("Ngày 12/6, Bộ Ngoại giao có văn bản cho ý kiến về việc ký kết thỏa thuận hợp tác giữa UBND tỉnh Lào Cai và "
     "thành phố Suwon (Hàn Quốc)."),
    "Ngày 13/6, UBND tỉnh Bắc Ninh và tỉnh Gyeonggi thống nhất ký kết thỏa thuận hợp tác trong thời gian tới.",
])
def test_a_signing_approved_or_to_come_is_no_event(text: str) -> None:
    assert not read("", text).relevant


# who the signing serves, what it resembles, whose experience it draws on: not its parties
@pytest.mark.parametrize("text", [
    ("Chiều 12/6, tại Ulsan, Tập đoàn Công nghiệp nặng Hyundai và Đại học Ulsan đã ký biên bản ghi nhớ đào tạo kỹ "
     "sư, phục vụ nhà máy Hyundai Vinashin tại tỉnh Khánh Hòa."),
    ("Chiều 12/6, UBND thành phố Hải Phòng và Chính quyền tỉnh Kanagawa (Nhật Bản) đã ký biên bản ghi nhớ về cảng "
     "biển, nội dung tương tự bản ghi nhớ đã ký với thành phố Incheon."),
])
def test_a_body_named_in_the_clause_after_the_signing_is_no_party(text: str) -> None:
    assert not read("", text).relevant


# a document signed in a past year, in a relative clause of today's other event (rule 4c)
@pytest.mark.parametrize("text", [
    ("Sáng 11/6, Bệnh viện Trung ương Huế đón 10 chuyên gia của Bệnh viện Samsung Seoul theo thỏa thuận hợp tác "
     "hai bệnh viện ký kết vào tháng 3/2023."),
    ("Sáng 15/6, Trường Đại học Kinh tế tổ chức lễ trao bằng thạc sĩ chương trình liên kết với Đại học Kyung Hee "
     "(Hàn Quốc), được hai trường ký kết từ năm 2018."),
])
def test_a_document_of_a_past_year_told_in_passing_is_no_event(text: str) -> None:
    assert not read("", text).relevant


# rule 6: 'Vina' closing a firm's name marks a company incorporated in Vietnam
@pytest.mark.parametrize("firm", ["Công ty TNHH Seojin Vina", "Công ty TNHH Kumho Tire Vina", "Samsung Display Vina"])
def test_a_vina_company_is_vietnamese(firm: str) -> None:
    text = f"Sáng 11/6, Sở Nội vụ tỉnh Vĩnh Phúc đã làm việc với {firm} về tuyển dụng lao động."
    assert not read("", text).relevant


# signed documents told by other verbs
@pytest.mark.parametrize("text", [
    "Ngày 10/6, Tổng cục Hải quan Việt Nam và Cơ quan Hải quan Hàn Quốc đã ký Nghị định thư về trao đổi dữ liệu.",
    "Chiều 12/6, Bộ Y tế và Bộ Y tế và Phúc lợi Hàn Quốc đã trao đổi văn kiện hợp tác về nhân lực y tế.",
    "Sáng 11/6, Ngân hàng Nhà nước Việt Nam và Ngân hàng Trung ương Hàn Quốc đã trao văn bản thỏa thuận hoán đổi tiền tệ.",
])
def test_a_protocol_or_documents_exchanged_are_an_agreement(text: str) -> None:
    assert [e.type.value for e in read("", text).events] == ["agreement"]


@pytest.mark.parametrize(("month", "relevant"), [("Tháng 5/2025", True), ("Đầu tháng 6/2025", True),
                                                 ("Tháng 3/2024", False)])
def test_a_signing_of_the_story_s_month_has_no_day_and_one_long_before_is_background(month: str, relevant: bool) -> None:
    result = read("", f"{month}, Trường Đại học Vinh đã ký biên bản ghi nhớ với Đại học Woosuk (Hàn Quốc).")
    assert result.relevant is relevant
    assert all(e.date is None for e in result.events)


def test_an_mou_of_the_background_does_not_retype_the_story_s_agreement() -> None:
    text = ("Ngày 16/6, Bệnh viện Bạch Mai và Bệnh viện Samsung Seoul đã ký thỏa thuận hợp tác về đào tạo. Trước đó, "
            "năm 2019 hai bên đã ký biên bản ghi nhớ về ghép gan.")
    assert sides(read("", text)) == [("agreement", ["Bệnh viện Bạch Mai"], ["Bệnh viện Samsung Seoul"])]


def test_two_signings_with_other_partners_keep_their_own_types() -> None:
    text = ("Ngày 11/6, Trường Đại học Duy Tân đã ký biên bản ghi nhớ với Đại học Soongsil. Ngày 12/6, nhà trường "
            "tiếp tục ký thỏa thuận hợp tác với Công ty LG CNS về đào tạo AI.")
    assert [e.type.value for e in read("", text).events] == ["mou", "agreement"]


def test_the_day_of_the_event_not_of_its_report() -> None:
    text = ("Ngày 19/6, Sở Ngoại vụ TP.HCM cho biết, chiều 16/6, lãnh đạo Sở đã làm việc với Tổng Lãnh sự quán Hàn "
            "Quốc tại TP.HCM.")
    assert [e.date for e in read("", text).events] == [dt.date(2025, 6, 16)]


# rule 6: a school's unit of Korean studies named beside its school, a Vietnamese firm styled 'Hàn Quốc'
@pytest.mark.parametrize("text", [
    ("Sáng 10/6, Trung tâm Nghiên cứu Hàn Quốc, Trường Đại học Khoa học Xã hội và Nhân văn đã ký biên bản ghi nhớ "
     "với Trường Đại học Thủ Dầu Một."),
    "Chiều 11/6, Trung tâm Ngôn ngữ Hàn Quốc - Trường Đại học Ngoại ngữ làm việc với Sở Ngoại vụ thành phố Huế.",
    "Ngày 15/6, Công ty TNHH Mỹ phẩm Hàn Quốc Star ký thỏa thuận hợp tác với Hội Da liễu TP.HCM.",
])
def test_a_vietnamese_body_styled_korean_is_vietnamese(text: str) -> None:
    assert not read("", text).relevant


# after a meeting, a signing long before it is background, not this meeting's document (rules 3, 4c)
@pytest.mark.parametrize("earlier", ["ngày 10/1", "hôm 3/3", "từ năm ngoái"])
def test_the_signing_of_an_earlier_day_leaves_the_meeting_a_meeting(earlier: str) -> None:
    text = ("Sáng 12/6, Trường Đại học Giao thông vận tải làm việc với Viện Nghiên cứu Đường sắt Hàn Quốc (KRRI). "
            f"Hai bên đã ký biên bản ghi nhớ {earlier}.")
    assert [(e.type.value, e.date) for e in read("", text).events] == [("meeting", dt.date(2025, 6, 12))]


def test_each_day_of_a_trip_after_a_semicolon_is_its_own_meeting() -> None:
    text = ("Từ ngày 2 đến 6/6, đoàn công tác Sở Khoa học và Công nghệ Hà Nội đã thăm Hàn Quốc. Ngày 3/6, đoàn làm "
            "việc với Cơ quan Xúc tiến Công nghiệp Seoul (SBA); ngày 4/6, đoàn làm việc với Viện Khoa học và Công nghệ "
            "Hàn Quốc (KIST).")
    assert [(e.date, [p.name for p in e.kr_parties]) for e in read("", text).events] == [
        (dt.date(2025, 6, 3), ["Cơ quan Xúc tiến Công nghiệp Seoul"]),
        (dt.date(2025, 6, 4), ["Viện Khoa học và Công nghệ Hàn Quốc"]),
    ]


@pytest.mark.parametrize(("subsidiary", "parent"), [
    ("Công ty TNHH Posco Việt Nam", "Tập đoàn POSCO Holdings"),
    ("Công ty Hyundai Thành Công Việt Nam", "Tập đoàn Hyundai Motor"),
])
def test_the_host_stays_a_party_beside_the_guest_s_vietnamese_company(subsidiary: str, parent: str) -> None:
    text = f"Sáng 11/6, Phó Chủ tịch UBND tỉnh Đồng Nai đã làm việc với {subsidiary} và {parent}."
    assert sides(read("", text)) == [("meeting", ["UBND tỉnh Đồng Nai", subsidiary], [parent])]


def test_who_holds_the_signing_ceremony_is_no_party_of_it() -> None:
    text = ("Chiều 18/6, tại Hà Nội, Bộ Khoa học và Công nghệ đã tổ chức lễ ký kết biên bản ghi nhớ giữa Cơ quan Xúc "
            "tiến Công nghiệp CNTT Hàn Quốc (NIPA) và Trường Đại học Thái Nguyên.")
    assert [[p.name for p in e.vn_parties] for e in read("", text).events] == [["Trường Đại học Thái Nguyên"]]


@pytest.mark.parametrize("joint", ["đồng thời", "còn"])
def test_a_second_signing_of_other_bodies_in_one_sentence_is_its_own_event(joint: str) -> None:
    text = (f"Ngày 14/6, Trường Đại học Y Hà Nội ký thỏa thuận hợp tác với Bệnh viện Samsung Seoul, {joint} Bệnh viện "
            "Bạch Mai ký biên bản ghi nhớ với Bệnh viện Asan.")
    assert sides(read("", text)) == [("agreement", ["Trường Đại học Y Hà Nội"], ["Bệnh viện Samsung Seoul"]),
                                     ("mou", ["Bệnh viện Bạch Mai"], ["Bệnh viện Asan"])]


# rule 5: who organises, funds, brokers or invites to the frame, a parent ministry after a comma, an official's other
# post, the owner of the room, the companies of the topic: none is a party
@pytest.mark.parametrize(("text", "vn", "kr"), [
    (("Ngày 12/6, bên lề Diễn đàn Hợp tác nông nghiệp do Bộ Nông nghiệp và Môi trường và Đại sứ quán Hàn Quốc đồng tổ "
      "chức, Công ty CP Giống cây trồng Trung ương đã có buổi làm việc với Tập đoàn Nông nghiệp Nonghyup."),
     ["Công ty CP Giống cây trồng Trung ương"], ["Tập đoàn Nông nghiệp Nonghyup"]),
    (("Ngày 14/6, trong khuôn khổ Dự án phát triển nông thôn do Cơ quan Hợp tác Quốc tế Hàn Quốc (KOICA) tài trợ, UBND "
      "tỉnh Hòa Bình và Tổ chức Good Neighbors International đã ký biên bản ghi nhớ thực hiện dự án."),
     ["UBND tỉnh Hòa Bình"], ["Tổ chức Good Neighbors International"]),
    (("Sáng 11/6, thông qua sự kết nối của Hiệp hội Doanh nhân và Đầu tư Việt Nam - Hàn Quốc (VKBIA), Công ty CP Nhựa "
      "Thiếu niên Tiền Phong và Tập đoàn LG Chem đã ký biên bản ghi nhớ."),
     ["Công ty CP Nhựa Thiếu niên Tiền Phong"], ["Tập đoàn LG Chem"]),
    (("Sáng 15/6, Bệnh viện Trung ương Quân đội 108, Bộ Quốc phòng và Bệnh viện Đại học Korea Anam đã ký thỏa thuận "
      "hợp tác về phẫu thuật robot."), ["Bệnh viện Trung ương Quân đội 108"], ["Bệnh viện Đại học Korea Anam"]),
    (("Sáng 13/6, Sở Khoa học và Công nghệ tỉnh Đồng Nai đã tiếp Viện Thử nghiệm và Nghiên cứu Hàn Quốc (KOTITI) do ông "
      "Kim Dong-ho, Viện trưởng, đồng thời là Phó Chủ tịch Hiệp hội Tiêu chuẩn Hàn Quốc, dẫn đầu."),
     ["Sở Khoa học và Công nghệ tỉnh Đồng Nai"], ["Viện Thử nghiệm và Nghiên cứu Hàn Quốc"]),
    (("Ngày 16/6, tại khuôn viên Trường Đại học Y Dược TP.HCM, Bệnh viện Chợ Rẫy đã có buổi làm việc với Bệnh viện "
      "Samsung Seoul về ghép gan."), ["Bệnh viện Chợ Rẫy"], ["Bệnh viện Samsung Seoul"]),
    (("Chiều 11/6, Sở Xây dựng thành phố Đà Nẵng đã làm việc với Tổng công ty Đường sắt Hàn Quốc (Korail) về vận hành "
      "đường sắt đô thị theo công nghệ của Tập đoàn Hyundai Rotem."),
     ["Sở Xây dựng thành phố Đà Nẵng"], ["Tổng công ty Đường sắt Hàn Quốc"]),
])
def test_who_frames_funds_or_houses_the_event_is_no_party(text: str, vn: list[str], kr: list[str]) -> None:
    assert sides(read("", text))[0][1:] == (vn, kr)


# a whole page: its dateline's outlet, the other stories it links or pictures, glued sentences, an interview
@pytest.mark.parametrize("text", [
    ("(Báo Đồng Nai) - Sáng 16/6, đoàn doanh nghiệp thuộc Hiệp hội Doanh nghiệp vừa và nhỏ Hàn Quốc (KBIZ) đã đến "
     "khảo sát các khu công nghiệp của tỉnh.\n\nẢnh: Báo Đồng Nai"),
    ("VOV.VN - Chiều 11/6, Tỉnh trưởng tỉnh tự trị đặc biệt Jeju đã tiếp đoàn 200 khách du lịch Việt Nam.\n\nĐây là "
     "đường bay do hãng Vietjet khai thác."),
    ("Chiều 12/6, tại Seoul, Tập đoàn Hyundai Motor và Công ty Kia đã ký thỏa thuận phát triển pin thể rắn.\n\nTại Việt "
     "Nam, Công ty cổ phần Tập đoàn Thành Công cho biết chưa có kế hoạch sản xuất xe dùng loại pin này."),
    ("Theo Bộ Giáo dục và Đào tạo, năm 2024 có hơn 70.000 du học sinh Việt Nam tại Hàn Quốc.\n\nTrường Đại học Hà Nội "
     "và Đại học Ngoại ngữ Hankuk ký kết hợp tác đào tạo. (Ảnh minh họa)"),
    ("Ngày 17/6, UBND tỉnh Đồng Nai tổ chức hội nghị đối thoại với doanh nghiệp FDI.\n\nẢnh tư liệu: Lãnh đạo UBND tỉnh "
     "Đồng Nai tiếp đoàn Tập đoàn Hyosung (Hàn Quốc)."),
    ("Sáng 14/6, Trường Đại học Sư phạm Kỹ thuật TP. Hồ Chí Minh tổ chức lễ tốt nghiệp.\n\nĐọc thêm: Trường Đại học Sư "
     "phạm Kỹ thuật TP. Hồ Chí Minh ký kết biên bản ghi nhớ với Đại học Kumoh"),
    ("Ngày 16/6, Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam giới thiệu điểm đến tại Seoul.\n\nTin liên quan:\n\n"
     "Quảng Nam và tỉnh Jeollanam ký kết thỏa thuận hợp tác hữu nghị"),
    ("Phóng viên: Nhà trường có những đối tác nào tại Hàn Quốc?\n\nPGS.TS Lê Minh Chiến: Trường Đại học Đà Lạt có quan "
     "hệ với 12 trường. Chúng tôi đã ký biên bản ghi nhớ với Đại học Jeju và Đại học Sunmoon."),
])
def test_what_a_page_shows_beside_its_story_is_no_event(text: str) -> None:
    assert not read("", text).relevant


def test_a_sentence_glued_to_the_last_is_read_on_its_own() -> None:
    text = ("Ngày 10/6, UBND tỉnh Sơn La đã làm việc với Cơ quan Phát triển Nông thôn Hàn Quốc (RDA).Dự kiến hai bên sẽ "
            "ký biên bản ghi nhớ vào cuối năm nay.")
    assert [(e.type.value, e.date) for e in read("", text).events] == [("meeting", dt.date(2025, 6, 10))]


# a Vietnamese ministry's name inside a third country's ministry is no Vietnamese body (rule 6)
@pytest.mark.parametrize("text", [
    "Ngày 12/6, tại Vientiane, Văn phòng KOICA tại Lào và Bộ Giáo dục và Thể thao Lào đã ký biên bản ghi nhớ.",
    "Ngày 13/6, Đại sứ Hàn Quốc tại Campuchia đã làm việc với Bộ Y tế Campuchia về bệnh viện do KOICA tài trợ.",
    ("Ngày 13/6, tại Ulaanbaatar, Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc và Bộ Công nghiệp và Khoáng sản "
     "Mông Cổ đã ký biên bản ghi nhớ."),
])
def test_a_third_country_s_ministry_is_not_vietnamese(text: str) -> None:
    assert not read("", text).relevant


@pytest.mark.parametrize(("text", "vn", "kr"), [
    ("Ngày 12/6, Tổng công ty Lương thực miền Bắc đã làm việc với Tập đoàn Nông nghiệp Nonghyup.",
     ["Tổng công ty Lương thực miền Bắc"], ["Tập đoàn Nông nghiệp Nonghyup"]),
    ("Ngày 12/6, Bệnh viện Đa khoa tỉnh Phú Thọ và Bệnh viện St. Mary Seoul đã ký biên bản ghi nhớ.",
     ["Bệnh viện Đa khoa tỉnh Phú Thọ"], ["Bệnh viện St. Mary Seoul"]),
])
def test_names_that_hold_a_stop_word_or_a_dot_run_to_their_end(text: str, vn: list[str], kr: list[str]) -> None:
    assert sides(read("", text))[0][1:] == (vn, kr)


def test_a_meeting_that_agrees_on_a_draft_is_a_meeting_not_a_signing() -> None:
    text = ("Chiều 12/6, tại buổi trao đổi trực tuyến, Sở Khoa học và Công nghệ tỉnh Bình Định và Viện Khoa học và Công "
            "nghệ Hàn Quốc (KIST) thống nhất xây dựng dự thảo bản ghi nhớ hợp tác để ký trong quý IV.")
    assert [e.type.value for e in read("", text).events] == ["meeting"]


@pytest.mark.parametrize(("title", "text"), [
    ("Sở Nông nghiệp Lâm Đồng chuẩn bị nội dung ký kết với Cơ quan Phát triển Nông thôn Hàn Quốc",
     "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng đang hoàn thiện dự thảo thỏa thuận hợp tác với RDA."),
    ("Hải Phòng tiếp Đại sứ Đức",
     ("Ngày 12/6, Chủ tịch UBND thành phố Hải Phòng tiếp Đại sứ Đức tại Việt Nam. Ông cho biết Hải Phòng là điểm đến "
     "của nhiều tập đoàn như LG Electronics.")),
])
def test_a_signing_in_preparation_or_a_german_guest_is_no_korean_event(title: str, text: str) -> None:
    assert not read(title, text).relevant


@pytest.mark.parametrize("party", ["Đảng Quyền lực Nhân dân (Hàn Quốc)", "Đảng Dân chủ Đồng hành Hàn Quốc"])
def test_a_korean_political_party_is_a_korean_party(party: str) -> None:
    text = f"Chiều 9/6, Trưởng Ban Đối ngoại Trung ương đã tiếp đoàn {party} do Tổng Thư ký dẫn đầu."
    assert [(e.type.value, [p.name for p in e.vn_parties]) for e in read("", text).events] == [
        ("meeting", ["Ban Đối ngoại Trung ương"])]


@pytest.mark.parametrize(("title", "text"), [
    ("Doanh nghiệp Hàn Quốc khảo sát Đồng Nai",
     ("Sáng 16/6, đoàn Hiệp hội Doanh nghiệp vừa và nhỏ Hàn Quốc (KBIZ) đã làm việc với các doanh nghiệp trong Khu "
     "công nghiệp Nhơn Trạch.")),
    ("VFF gia hạn hợp đồng với huấn luyện viên",
     ("Chiều 10/6, Liên đoàn Bóng đá Việt Nam (VFF) và HLV Kim Sang-sik đã ký hợp đồng gia hạn.\n\nÔng Kim Sang-sik từng "
     "dẫn dắt CLB Jeonbuk Hyundai Motors của Hàn Quốc.")),
    ("Hiệu trưởng: Mở rộng hợp tác với Hàn Quốc",
     "\"Chúng tôi đã ký biên bản ghi nhớ với Đại học Quốc gia Kongju\", Hiệu trưởng Trường Đại học Sư phạm chia sẻ."),
    ("Hàn Quốc hỗ trợ Lào phát triển nông thôn",
     "Ngày 11/6, tại Vientiane, KOICA và Bộ Nông nghiệp và Lâm nghiệp Lào đã ký biên bản thỏa thuận triển khai dự án."),
])
def test_unnamed_members_what_was_and_a_quoted_tally_make_no_event(title: str, text: str) -> None:
    assert not read(title, text).relevant


# sector wordings: meetings told by 'họp với', 'đón đoàn', 'cuộc trao đổi với'; cooperatives; 'PV…' acronyms
@pytest.mark.parametrize("text", [
    "Ngày 12/6, tại Seoul, Cục Hải quan đã họp với Cơ quan Hải quan Hàn Quốc (KCS) về chương trình AEO.",
    "Sáng 10/6, Tập đoàn Điện lực Việt Nam đã đón đoàn công tác Tổng công ty Điện lực Hàn Quốc (KEPCO).",
    ("Ngày 9/6, Phó Thống đốc Ngân hàng Nhà nước Việt Nam đã có cuộc trao đổi song phương với Ngân hàng Trung ương "
     "Hàn Quốc về thanh toán bằng đồng nội tệ."),
])
def test_meetings_in_other_words(text: str) -> None:
    assert [e.type.value for e in read("", text).events] == ["meeting"]


@pytest.mark.parametrize(("text", "vn", "kr"), [
    (("Ngày 9/6, Tổng công ty Thăm dò Khai thác Dầu khí (PVEP) và Công ty SK Earthon (Hàn Quốc) đã ký thỏa thuận "
      "hợp tác điều hành lô dầu khí."), ["Tổng công ty Thăm dò Khai thác Dầu khí"], ["Công ty SK Earthon"]),
    (("Chiều 10/6, Hợp tác xã Rau an toàn Thanh Xuân (huyện Sóc Sơn, Hà Nội) và Công ty Nongwoo Bio (Hàn Quốc) đã ký "
      "biên bản ghi nhớ hợp tác."), ["Hợp tác xã Rau an toàn Thanh Xuân"], ["Công ty Nongwoo Bio"]),
    (("Sáng 12/6, Bộ Y tế và Quỹ Hợp tác Y tế Quốc tế Hàn Quốc (KOFIH) đã ký thỏa thuận hợp tác nâng cao năng lực y "
      "tế dự phòng cho 5 tỉnh Tây Nguyên."), ["Bộ Y tế"], ["Quỹ Hợp tác Y tế Quốc tế Hàn Quốc"]),
    (("Ngày 11/6, tại Hà Nội, Bộ Nội vụ và Bộ Việc làm và Lao động Hàn Quốc đã tổ chức Kỳ họp lần thứ 10 Ủy ban Hỗn "
      "hợp về hợp tác lao động."), ["Bộ Nội vụ"], ["Bộ Việc làm và Lao động Hàn Quốc"]),
    (("Chiều 13/6, Chủ tịch UBND tỉnh Quảng Nam đã tiếp Đại sứ Hàn Quốc tại Việt Nam, hai bên trao đổi về các dự án "
      "sử dụng vốn vay EDCF."), ["UBND tỉnh Quảng Nam"], ["Đại sứ quán Hàn Quốc tại Việt Nam"]),
    (("Ngày 12/6, Học viện Báo chí và Tuyên truyền đã làm việc với Quỹ Báo chí Hàn Quốc (KPF) về đào tạo báo chí "
      "dữ liệu."), ["Học viện Báo chí và Tuyên truyền"], ["Quỹ Báo chí Hàn Quốc"]),
])
def test_sector_names_and_what_a_project_serves(text: str, vn: list[str], kr: list[str]) -> None:
    assert sides(read("", text))[0][1:] == (vn, kr)


def test_the_firms_of_a_place_in_a_headline_are_no_second_event() -> None:
    text = ("Chiều 13/6, Công ty CP Xuất nhập khẩu Thủy sản Cần Thơ và Tập đoàn CJ Freshway đã ký thỏa thuận hợp tác "
            "xuất khẩu cá tra, với sự hỗ trợ của KOTRA Hồ Chí Minh.")
    assert sides(read("Doanh nghiệp Cần Thơ ký kết với KOTRA", text)) == [
        ("agreement", ["Công ty CP Xuất nhập khẩu Thủy sản Cần Thơ"], ["Tập đoàn CJ Freshway"])]
