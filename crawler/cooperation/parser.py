"""Stories to cooperation events. Pure: no Scrapy, no clock, no I/O.

The article is split into sentences; a sentence that names a signing or a meeting (a trigger)
and at least one Vietnamese and one Korean organisation is a candidate event. Background
(earlier signings, plans) is skipped; candidates about the same parties are merged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise

from crawler.cooperation.dates import _find_dates, find_dates, opening_day, parse_date, resolve
from crawler.cooperation.learn import model
from crawler.cooperation.learn.features import mention_features
from crawler.cooperation.normalize import fold, normalize
from crawler.cooperation.parties import (
    _FOREIGN_AFTER,
    _KOREA_AFTER,
    FOREIGN,
    KOREA,
    KR_PLACES,
    TWO_WORD_ACRONYM,
    VIETNAM,
    VN_PLACES,
    Mention,
    _find_orgs,
    _gazetteer_index,
    _trie_pattern,
    _without_head,
    find_orgs,
    has_place,
    holds_a_korean_name,
    lookup,
    names_a_korean_person,
    places_in,
    vietnamese_subsidiary_named,
)
from crawler.cooperation.topics import topics_of
from crawler.cooperation.truecase import truecase
from crawler.items import CooperationEvent, EventType, Extraction, Party

# signing a government act ('ký Quyết định', 'ký ban hành') or one's name ('ký tên', 'ký nhận') is no
# cooperation document
# 'ký' is also a syllable of other words: đăng ký (register), chữ ký (signature), ký túc xá (dormitory)…
_SIGN = re.compile(r"ký(?<!\wký)(?<!thư ký)(?<!đăng ký)(?<!chữ ký)(?<!nhật ký)(?<!tốc ký)(?<!bút ký)(?: kết)?\b"
                   r"(?! (?:quyết định|nghị định(?! thư)|nghị quyết|chỉ thị|thông tư|công văn|"
                   r"công điện|lệnh|ban hành|tên|nhận|duyệt|túc xá|sinh|ức|hiệu|sự|họa|giả|quỹ|gửi|số)\b)|\blễ ký\b|"
                   r"\btrao (?:đổi )?(?:bản|biên bản|thỏa thuận|văn bản thỏa thuận|(?:các |những )?văn kiện)|"
                   r"\bsign(?:ing|ed)\b")  # 'tổ chức MOU signing ceremony'
_LOI = re.compile(r"ý định thư|thư (?:bày tỏ )?ý định|\bloi\b")
_MOU = re.compile(r"biên bản ghi nhớ|bản ghi nhớ|ghi nhớ hợp tác|\bmous?\b|memorandum of understanding")
# the words before a trigger are looked at behind it ('tiếp(?<!trực tiếp)'), not ahead of it: a pattern whose
# every branch opens with a letter is tried only where that letter stands
_MEETING = re.compile(
    r"hội đàm|phiên họp|kỳ họp|buổi làm việc|làm việc (?:trực tuyến )?với|họp trực tuyến với|làm việc tại(?<!sang làm việc tại)(?<!đi làm việc tại)(?! (?:hàn quốc|việt nam)\b)|tiếp và làm việc|tiếp đón|"
    r"tiếp đoàn|tiếp(?<!\wtiếp)(?<!trực tiếp)(?<!liên tiếp)(?<!kế tiếp)\b(?! (?:tục|theo|cận|nhận|thu|nối|xúc|sức|tuyến|tế|đó|đến|diễn|thị(?! trưởng)|viên|quản|giáp|sóng|dân|liệu|âm|bước|lửa|đất|máu|ứng|vận))|"
    r"hội kiến|họp(?<!\whọp)(?<!báo họp)(?<!cuộc họp) (?:bàn )?với|\bđón (?:tiếp )?đoàn|(?:buổi|cuộc) trao đổi(?: song phương)? với|"
    # not a programme of that name ('chương trình gặp gỡ giao thương', Diễn đàn 'Gặp gỡ Hàn Quốc', 'người dân hai nước gặp gỡ')
    r"gặp gỡ(?<!chương trình gặp gỡ)(?<!diễn đàn gặp gỡ)(?<!hội thảo gặp gỡ)(?<!ngày hội gặp gỡ)(?<!cơ hội gặp gỡ)"
    r"(?<!dịp gặp gỡ)(?<!để gặp gỡ)(?<!hai nước gặp gỡ)(?<![\"'‘“]gặp gỡ)(?!,? (?:và )?(?:giao lưu|giao thương|nhà tuyển dụng|doanh nghiệp|các nhà đầu tư|nhà đầu tư)\b)|cuộc gặp(?: song phương| riêng)? với|(?:cuộc |buổi )?gặp mặt(?:,? và| với| đoàn|, trao đổi)|thăm xã giao|chào xã giao|"
    r"trao đổi (?:trực tuyến|qua cầu truyền hình)|điện đàm|thăm và làm việc|(?:tổ chức|tiến hành|đã có|chủ trì) (?:một |các )?cuộc họp(?! báo)|cuộc họp (?:song phương|thường niên|định kỳ)|thăm, làm việc|có buổi làm việc|đã gặp|đối thoại chính sách|"
    r"đối thoại (?:chiến lược|quốc phòng|an ninh)|"
    # co-chairing a gathering of many countries is no bilateral meeting (rule 4d)
    r"đồng chủ trì(?! (?:hội nghị|diễn đàn|hội thảo)[^.;,]{0,60}\b(?:mekong|asean|apec|g20|đa phương|khu vực|các nước)\b)"
)
# 'Trước đó, sáng cùng ngày, …': earlier that day, so no background
_THE_SAME_DAY = r",? (?:(?:sáng|chiều|trưa|tối) )?cùng ngày"
_BACKGROUND = re.compile(
    rf"\btrước đó\b(?!{_THE_SAME_DAY})|"
    r"\btrước đây\b|\bđã từng\b|\btừng ký\b|\bkể từ\b|\btừ năm \d{4}|\bvào năm \d{4}|"
    r"\bđã ký\b[^.;]{0,80}\b(?:từ |vào |trong )?(?:năm ngoái|năm trước)\b|"
    r"\bnăm \d{4},? (?:hai bên|hai nước|.{0,40}đã ký)|\bký(?: kết)? (?:từ |vào |trong )?năm \d{4}|\bthay cho\b|\btừ tháng \d{1,2}[/-]\d{4}|\bsau khi (?:hai bên )?(?:đã )?ký"
    # a tally of documents ('đã ký kết nhiều thỏa thuận', 'hơn 20 văn kiện') sums up the past
    r"|\bký(?: kết)? (?:được )?(?:rất )?(?:nhiều|hàng loạt|hàng chục|hơn \d+|trên \d+|gần \d+) (?:văn kiện|văn bản|thỏa thuận|bản ghi nhớ|biên bản|hiệp định)"
    # and a tally of meetings ('đã có nhiều buổi làm việc với'), or what a side has done before ('từng nhiều lần gặp')
    r"|\b(?:đã |từng )?(?:có|tổ chức) (?:rất )?(?:nhiều|hàng loạt|hàng chục|hơn \d+|trên \d+) (?:buổi|cuộc) (?:làm việc|gặp|hội đàm|họp|tiếp)"
    r"|\btừng (?:\w+ ){0,2}(?:gặp|làm việc|hội đàm|tiếp|hội kiến)\b|\b(?:tiếp|đón) (?:nhiều|hàng chục|hơn \d+|trên \d+) đoàn\b"
    # a time told back from today ('cách đây hai năm', 'hồi tháng 3', 'lần gần nhất')
    r"|\bcách đây (?:\w+ ){0,2}(?:năm|tháng|thập kỷ)\b|\bhồi (?:tháng|năm|đầu|cuối|giữa)\b|\blần (?:gần nhất|trước)\b"
)
_FUTURE = re.compile(
    r"\bsẽ (?:ký|tổ chức|làm việc|có buổi|tiến hành|gặp gỡ|gặp mặt|hội đàm|hội kiến|tiếp đón|tiếp đoàn)|\bdự kiến (?:ký|sẽ)|\bsắp (?:ký|tới)|"
    r"\bkế hoạch (?:ký|làm việc|đón tiếp|tiếp đón|đón đoàn|tiếp đoàn)|\bchuẩn bị (?:nội dung |cho (?:việc |lễ )?)?ký|\bmuốn (?:ký|sớm ký|tiến tới ký)|\btiến tới ký|\b(?:đề xuất|đề nghị|hướng tới) (?:việc )?ký|"
    # a signing approved, discussed or prepared: 'phê duyệt chủ trương ký kết', 'cho ý kiến về việc ký kết'
    r"\bchủ trương (?:về việc )?ký|\bvề việc ký|\bkhả năng ký|\bxúc tiến (?:việc )?ký|\bhoàn thiện (?:các )?dự thảo|"
    r"\bđang (?:thảo luận|đàm phán|xúc tiến|thống nhất|chuẩn bị)\b[^.;]{0,60}\bký|"
    r"\bký(?: kết)?\b[^.;]{0,60}\b(?:thời gian tới|tuần tới|tháng tới|năm tới|quý tới)\b|\bđể tổ chức (?:lễ )?ký\b"
    # expected, put off or called off: 'lễ ký … dự kiến được tổ chức vào tháng 11', 'đã được hoãn', 'lùi sang tháng 9'
    r"|\bdự kiến (?:sẽ |được )?(?:ký|tổ chức|diễn ra|tiến hành|hội đàm|hội kiến|làm việc|gặp|tiếp|thăm|đón)\b|"
    r"\btheo dự thảo\b|\b(?:trong )?(?:tháng|tuần|quý) (?:\d{1,2} )?tới\b[^.;]{0,80}\b(?:sang|đến|thăm|làm việc|ký)|\bsẽ (?:được )?(?:diễn ra|tổ chức)\b|^\W*dự kiến\b|"
    # a signing agreed to or approved ('văn bản đồng ý về việc Bộ X ký …', 'phê duyệt việc UBND tỉnh ký …')
    r"\b(?:đồng ý|phê duyệt|cho phép|chấp thuận)(?: về)? (?:việc|chủ trương|để)\b[^.;]{0,80}\bký\b|"
    r"\bdự kiến (?:sẽ )?có\b(?:[^.;]|\.(?=\d)){0,60}\b(?:gặp gỡ|làm việc|ký kết|hội đàm)\b|\b(?:tạm )?hoãn\b|\blùi (?:lại|sang|đến|tới|lễ|thời gian|thời điểm)\b|\bchuẩn bị (?:đón|tiếp)\b"
    r"|\bkhông (?:được )?diễn ra\b|\b(?:bị|đã) hủy(?: bỏ)?\b"
)
# 'Thủ tướng đề nghị Bộ X làm việc với …', 'UBND tỉnh giao Sở Y ký …': a meeting or signing asked for, not held
_DIRECTIVE = re.compile(r"\b(?:[Đđ]ề nghị|[Yy]êu cầu|[Cc]hỉ đạo|[Đđ]ề xuất|[Kk]iến nghị|[Mm]ong muốn|"
                        r"(?<![Nn]goại )(?<!bàn )\bgiao(?: cho| nhiệm vụ cho)?)\s+(?=[A-ZĐ]|các\b|hai bên\b)")
_TRIGGER = re.compile(_SIGN.pattern + "|" + _MEETING.pattern)
# 'vẫn chưa ký', 'không ký … như kế hoạch', 'nếu A và B ký kết …', 'đang làm việc với X để …': no event took place
_NOT_HAPPENED = re.compile(r"\b(?:chưa|không|chẳng)(?: hề| từng| thể| được)? (?:ký|làm việc|gặp|hội đàm|tiếp)\b|"
                           r"\bnếu\b(?=[^.;]{0,100}\bký\b)|\bđang (?:tiếp tục )?làm việc với\b")

# 'đoàn … sẽ sang thăm và làm việc', 'lãnh đạo thành phố sẽ tiếp và làm việc': the verb a few words after 'sẽ';
# unless the sentence told a done event first ('Hai bên đã ký …, theo đó KOICA sẽ hỗ trợ …')
_LATER = re.compile(r"\bsẽ (?:[\wÀ-ỹ]+,? ){0,6}?(?:ký|làm việc|gặp|hội đàm|hội kiến|tiếp|thăm)\b")
# (a 'vừa' of an approval, 'kế hoạch vừa được phê duyệt', is no done event: the verb must follow it)
_DONE_BEFORE = re.compile(r"\b(?:đã|vừa|mới)\s+(?:[\wÀ-ỹ]+\s+){0,2}?(?:ký|làm việc|gặp|hội đàm|hội kiến|tiếp|thăm)")
# the words each pattern needs, looked for first: a plain look is cheaper than a pattern that fails
_NOT_HAPPENED_WORDS = ("chưa", "không", "chẳng", "nếu", "đang")
_DIRECTIVE_WORDS = ("đề nghị", "yêu cầu", "chỉ đạo", "đề xuất", "kiến nghị", "mong muốn", "giao")


@lru_cache(maxsize=4096)
def _not_held(sentence: str) -> bool:
    """Rule 4e: the sentence tells a signing or meeting that is to come, is only asked for, or did not take place."""
    lower = sentence.lower()
    if _FUTURE.search(lower) or (any(word in lower for word in _NOT_HAPPENED_WORDS) and _NOT_HAPPENED.search(lower)):
        return True
    if "sẽ " in lower:
        later = _LATER.search(lower)
        if later and not _DONE_BEFORE.search(lower, 0, later.start()):
            return True
    directive = _DIRECTIVE.search(sentence) if any(word in lower for word in _DIRECTIVE_WORDS) else None
    if directive is None:
        return False
    trigger = _TRIGGER.search(lower)
    return trigger is not None and directive.start() < trigger.start()


# who witnesses, sponsors or attends a signing is no party of it
# and so does who organises, funds, brokers or invites to the frame it happens in ('bên lề Diễn đàn … do A và B đồng
# tổ chức', 'Dự án … do KOICA tài trợ', 'thông qua sự kết nối của VKBIA', 'theo lời mời của …'), and an
# official's other post ('…, Viện trưởng, đồng thời là Phó Chủ tịch Hiệp hội …')
_WITNESS = re.compile(r"(?:dưới sự |có sự |với sự )?chứng kiến(?: của)?[^,.;]*|"
                      r"(?:với|có|dưới|nhờ|thông qua) sự (?:hỗ trợ|tài trợ|bảo trợ|tham dự|kết nối|phối hợp|giới thiệu) "
                      r"của[^,.;]*|"
                      r"\bdo\s(?:[^.;]|\.(?=\w)){0,160}?\b(?:(?:phối hợp|đồng|cùng) )?(?:tổ chức|tài trợ|đăng cai)\b|"
                      r"\btheo lời mời của[^,.;]*|\bthuộc (?:chương trình|dự án)\b[^,.;]*|"
                      r"\b(?:đồng thời là|kiêm)\s[^,.;]*", re.IGNORECASE)
# the leader of a delegation that is named: the leader's post names no other party
_LED_BY = re.compile(r"\b[Đđ]oàn(?: công tác| đại biểu| cán bộ)?(?: của)? (?:[Tt]ập đoàn |[Tt]ỉnh |[Tt]hành phố )?[A-ZĐ]"
                     r"[^,;.]{1,80}? do (?P<leader>[^;.]{0,120}?)\bdẫn đầu")
# a plain look first: _WITNESS is slow to fail
_WITNESSED = re.compile(r"[Cc]hứng kiến|sự (?:hỗ trợ|tài trợ|bảo trợ|tham dự|kết nối|phối hợp|giới thiệu) của|"
                        r"\bdo\s(?:[^.;]|\.(?=\w)){0,160}?(?:tổ chức|tài trợ|đăng cai)|lời mời|thuộc (?:[Cc]hương trình|[Dd]ự án)|"
                        r"đồng thời là|\bkiêm\b")
_ATTENDANCE = re.compile(r"^\W*(?:đến dự|tham dự|dự lễ|cùng dự|có mặt|chứng kiến)\b")
# 'Tại hội nghị, UBND tỉnh … đã ký biên bản ghi nhớ với Tập đoàn X': a signing at a conference is news of its own
_AT_THE_GATHERING = re.compile(r"^\W*(?:tại|bên lề) (?:hội nghị|hội thảo|diễn đàn|sự kiện|triển lãm|hội chợ)\b")
_SIGNED_AT_THE_GATHERING = re.compile(_AT_THE_GATHERING.pattern + r"[^.;]*\b(?:đã |chính thức )*ký(?: kết)?\b")
# sentences that describe an event already reported: they add no new parties
_ELABORATION = re.compile(
    r"^\W*(?:tại (?:buổi|lễ|phiên|hội|cuộc)|phát biểu|theo (?:đó|nội dung|thỏa thuận|bản ghi nhớ)|"
    r"trong (?:buổi|khuôn khổ buổi)|cũng tại|về phía|kết thúc|(?:ngay )?sau (?:lễ|buổi)|"
    # 'Lễ ký diễn ra tại trụ sở X ở Pangyo, tỉnh Gyeonggi': where the signing told before took place
    r"(?:buổi|lễ) (?:ký|làm việc|tiếp|hội đàm)(?: kết)? (?:đã |được )?(?:diễn ra|được tổ chức|tổ chức) (?:tại|ở)\b)"
)
_BOTH_SIDES = re.compile(
    r"\b(?:hai|2) (?:bên|cơ quan|đơn vị|tỉnh|địa phương|quận|trường|phía|thành phố|viện|bộ|bộ trưởng|thứ trưởng|"
    r"lãnh đạo|chủ tịch|hiệu trưởng|giám đốc|tổ chức|tập đoàn|công ty|doanh nghiệp|ngân hàng|bệnh viện|học viện|"
    r"đại học|hiệp hội|trung tâm|cục|sở|ngành)\b(?! (?:nước|quốc gia)\b)")
# rule 4a: a reception or talks held by a top leader is leader-level, whoever else sits at the table
_TOP_LEADER = r"(?<!Phó )(?:Thủ tướng(?: Chính phủ)?|Chủ tịch nước|Tổng Bí thư|Chủ tịch Quốc hội)"
_LEADER_RECEIVES = re.compile(
    _TOP_LEADER + r"(?: [A-ZĐ][\wÀ-ỹ]*){0,4},? (?:đã |chiều nay |sáng nay )?(?:tiếp|hội kiến|hội đàm|điện đàm)\b|"
    r"^\W*(?:[^,]{0,30},\s*)?(?:tại [^,]{0,40},\s*)?(?:tiếp|hội kiến)\b[^.;]{0,200},\s*" + _TOP_LEADER + r"\b"
)
_FRAMING = re.compile(r"^\W*(?:trong khuôn khổ|nhân chuyến|nhân dịp)\b")
_TOUR = re.compile(r"(?:tham quan|thăm quan)\s+(?:\S+\s+){0,3}$")
# what a project builds is no party: 'dự án hỗ trợ xây dựng Trung tâm …', 'thành lập Viện …'
# 'đoàn 25 sinh viên Đại học Sejong': a school's students are not the school (an exchange is no working meeting)
_STUDENTS_OF = re.compile(r"\b(?:sinh viên|học sinh|du học sinh|thực tập sinh|du khách)\s+(?:của\s+)?$")
_BUILT = re.compile(r"\b(?:xây dựng|thành lập|nâng cấp)\s+(?:(?:mới|lại|và phát triển|và vận hành)\s+)?$")
_PLACE_QUALIFIER = re.compile(r"(?:TP\.?|Tp\.)\s?|(?:thành phố|Thành phố|tỉnh|Tỉnh)\s")
_VENUE = re.compile(r"\b(?:tại|ở)\s+(?:trụ sở|khuôn viên|(?:phòng|hội trường|giảng đường|tòa nhà)[^,.;]{0,30}? của)"
                    r"\s*(?:của\s+)?$", re.IGNORECASE)
# companies or agencies of a place, none named: the place is no party ('các doanh nghiệp tại tỉnh Gyeonggi')
_UNNAMED_MEMBERS = re.compile(
    r"\b(?:doanh nghiệp|nhà đầu tư|công ty|cơ quan|tổ chức|trường|đơn vị|hãng)(?: [a-zđà-ỹ]+){0,2}?(?:, [^,]{1,20})?\s+"
    r"(?:(?:tại|của|thuộc|đến từ|từ|ở)\s+)?$"
)
# one of many countries' bodies: 'Cơ quan Sở hữu trí tuệ các nước ASEAN', a multilateral meeting
_MULTILATERAL = re.compile(r"\s*(?:\([^()]{1,15}\)\s*)?(?:của\s+)?(?:các|\d+|mười) nước\b|\s*ASEAN\b")
_PARENT = re.compile(r"^\s*(?:\(|thuộc\b|trực thuộc\b|của\b)", re.IGNORECASE)
# a sentence ends at its mark (kept with it) before a capital, or at a line break; the pattern opens with the
# mark, not a look behind, so that the engine leaps from mark to mark
_SENTENCE_END = re.compile(r"[.!?;](?:\s+(?=[\"'(*\-]?[A-ZĐÀ-Ỹ0-9])|"
                           # glued, as pages often are: '… (RDA).Dự kiến hai bên …', not 'Tp.Hồ Chí Minh', 'Ths.Nguyễn'
                           r"(?<=[a-zà-ỹ)]\.)(?<!\bTp\.)(?<!\btp\.)(?<!\bThs\.)(?<!\bTs\.)(?<!\bGs\.)(?<!\bPgs\.)"
                           r"(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])|"
                           # and after a number or an acronym: '… 8 triệu USD.Theo kế hoạch, …' (not 'TP.Hồ Chí Minh')
                           r"(?<=[A-Z0-9]{2}\.)(?<!\bTP\.)(?<!\bTT\.)(?<!\bQL\.)(?<!\bTX\.)(?=[A-ZĐÀ-Ỹ][a-zà-ỹ]))|\n+")


def _sentence_pieces(text: str) -> list[str]:
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        kept = end.start() if text[end.start()] == "\n" else end.start() + 1
        pieces.append(text[start:kept])
        start = end.end()
    pieces.append(text[start:])
    return pieces
# clauses that are sentences of their own: after ';' one that opens with its own day ('…; ngày 4/6, đoàn làm việc
# với …'), after ',' a second signing of other bodies ('…, đồng thời Ban Quản lý … ký thỏa thuận với KOTRA')
_CLAUSE = re.compile(r"(?<=;)\s+(?=(?:ngày|sáng|chiều|tối|trưa|hôm) \d|cùng ngày\b)|"
                     r"(?<=,)\s+(?=(?:đồng thời|còn) [A-ZĐ][^.;,]{0,80}\bký\b)")
_CLAUSE_MARK = re.compile(r"; |, đồng thời |, còn ")
# a photo credit or the reporting agency is no party ('Ảnh: TTXVN', 'Phóng viên TTXVN tại Seoul')
# ('PV' only with its colon: '(PVEP) và Công ty SK Earthon' is no credit)
_CREDIT = re.compile(r"(?:(?:Ảnh|Nguồn|Photo|Theo|phóng viên|Phóng viên|Video)\s*:?|\bPV\s*:)\s*(?:\S+\s+){0,2}$")
# '… Thông tấn xã Việt Nam đưa tin', 'như Yonhap dẫn lời …': the outlet tells the news, it takes no part
_REPORTS = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:đã |vừa )?(?:đưa tin|dẫn (?:lời|nguồn)|trích dẫn|đăng tải|loan tin)\b")
# 'Ảnh: Lãnh đạo Trường X và Y ký …' is a caption, not a credit
# and 'Ảnh: Bộ trưởng Bộ X và Bộ trưởng Bộ Y tại buổi hội đàm': an official of the body, not the photographer
_CAPTION_SUBJECT = re.compile(r"(?:Lãnh đạo|lãnh đạo|Đại diện|đại diện|Quang cảnh|Toàn cảnh|Các đại biểu|"
                              r"Bộ trưởng|Thứ trưởng|Chủ tịch|Giám đốc|Hiệu trưởng|Viện trưởng|Cục trưởng|Bí thư|"
                              r"Đại sứ|Thị trưởng|Tỉnh trưởng)\s*$")
# and a firm's legal form: 'Hanmi Tech Co., Ltd. (Hàn Quốc) đã ký …'
_ABBREVIATION = re.compile(r"(?:\bTP|\bTp|\bQ|\bTS|\bGS|\bThS|\bPGS|\bTT|\bSt|\bCo|\bLtd|\bInc|\bCorp)\.$")
_ABBREVIATION_TAIL = 6  # the longest abbreviation, its dot and the character before it (for the word boundary)


@dataclass
class Candidate:
    type: EventType
    date: dt.date | None
    vn: list[Mention]
    kr: list[Mention]
    location: str | None
    sentence: str
    signatories: list[str] = field(default_factory=list)
    listed: bool = False  # one document of a list: its own words give its type
    rostered: bool = False  # its sides were listed side by side ('Phía Việt Nam gồm …'): each of them takes part
    evidence: list[str] = field(default_factory=list)  # the sentences it was read from
    certainty: float | None = None  # the party model's probability for its least sure choice of a party

    def __post_init__(self) -> None:
        self.evidence = self.evidence or [self.sentence]


def parse_article(
    title: str | None,
    sapo: str | None,
    body: str | None,
    published_at: dt.datetime | dt.date | None,
    url: str | None = None,
    source: str | None = None,
    *,
    captions: Sequence[str] = (),
) -> Extraction:
    """Whether the article reports a Vietnam–Korea cooperation event, and the events."""
    published = _local_day(published_at)
    text = normalize("\n\n".join(p for p in (sapo, body, *captions) if p))  # captions after the body
    title_n = truecase(normalize(title or ""), text)  # 'LIÊN ĐOÀN LAO ĐỘNG TỈNH …' read as the press writes it
    candidates = read_candidates(title_n, text, published)
    for cand, side, mentions, scored in party_choices(title_n, text, candidates):
        scores = [(m, model.score("party", f)) for m, f in scored]
        kept = [m for m, p in scores if p >= model.THRESHOLD["party"]]
        best = max(scores, key=lambda mp: mp[1])[0]
        subject = _subject_of_the_trigger(cand.sentence, mentions, [*kept, best])
        chosen = _with_their_list(cand.sentence, mentions, [m for m in mentions if m in kept or m is best or m is subject])
        setattr(cand, side, [m for m in mentions if m in chosen])
        chosen = getattr(cand, side)
        cand.certainty = _lowest(cand.certainty, *(p if m in chosen else 1 - p for m, p in scores))
    has_mou = bool(candidates) and _calls_a_document_an_mou(title_n, text, published)  # read only to merge candidates
    events = _drop_past(_headline_told_again(_merge(candidates, has_mou=has_mou), title_n))
    if len(events) == 1 and events[0].date is None:
        events[0].date = _lead_date(text, published) or _caption_day(text, published) or _held_on(text, published)
    if not events:
        return Extraction(relevant=False, events=())
    topics = topics_of(title_n + " " + text)
    people = _signatories(text)
    out = tuple(
        CooperationEvent(
            type=c.type,
            date=c.date,
            vn_parties=_parties(_named_by_the_headline(c.vn, title_n, text)),
            kr_parties=_parties(c.kr),
            location=c.location,
            signatories=_signatories_of(c, people),
            topics=topics,
            evidence=tuple(dict.fromkeys(c.evidence)),
            certainty=None if c.certainty is None else round(c.certainty, 3),
        )
        for c in events
    )
    return Extraction(relevant=bool(out), events=out)


_CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}


def _named_by_the_headline(vn: list[Mention], title: str, text: str) -> list[Mention]:
    """'UBND tỉnh' or 'Tỉnh ủy' of a province's own paper takes its province: the one place the headline
    names ('… Quảng Nam …'), or else the place the story names far more often than any other."""
    if not any(_UNNAMED_GOVERNMENT.match(m.name) for m in vn):
        return vn  # most events: a named side, and no need to read the story's places
    place = _home_place(title, text)
    if place is None:
        return vn
    city = place in _CENTRAL_CITIES
    head = "thành phố" if city else "tỉnh"
    committee = "Thành ủy" if city else "Tỉnh ủy"
    return [replace(m, name=f"{m.name} {place}") if _UNNAMED_GOVERNMENT.match(m.name)
            and (m.name.endswith(head) or m.name == committee) else m for m in vn]


def _home_place(title: str, text: str) -> str | None:
    if title.isupper():  # 'ĐÀ NẴNG TIẾP ĐOÀN …': some papers set headlines in capitals
        title = title.title()
    places = list(dict.fromkeys(place for _, place in places_in(title)))
    if places:
        one = len(places) == 1 and places[0][:1].isupper() and not places[0].isupper()
        return places[0] if one else None
    counts = Counter(_normal_place(place) for _, place in places_in(text)).most_common(2)
    if not counts or counts[0][1] < 2 or (len(counts) == 2 and counts[0][1] < 2 * counts[1][1]):
        return None
    place = counts[0][0]
    return "Hồ Chí Minh" if place == "TP. Hồ Chí Minh" else place


def _lead_date(text: str, published: dt.date | None) -> dt.date | None:
    """The day a story's lead opens with ('Sáng 03/12/2025, Đoàn đã …'): the day of its one event."""
    for sentence in [s for p in text.split("\n\n") for s in split_sentences(p)][:4]:
        if _event_type(sentence) and find_dates(sentence):
            if _not_held(sentence) or _BACKGROUND.search(sentence.lower()):
                return None
            return (opening_day(sentence, published) or opening_day(_after_the_frame(sentence), published)
                    or _signed_on(sentence, published))
    return None


# 'Biên bản ghi nhớ được ký ngày 16/1, bởi …': the day the document was signed, wherever it stands
_SIGNED_ON = re.compile(r"\bký(?: kết)?(?: chính thức)? (?=(?:vào )?(?:sáng |chiều |tối |trưa )?(?:ngày|hôm) \d)")


def _signed_on(sentence: str, published: dt.date | None) -> dt.date | None:
    signed = _SIGNED_ON.search(sentence)
    if signed is None:
        return None
    day = next((m for m in find_dates(sentence) if signed.end() <= m.start <= signed.end() + 4 and m.day), None)
    return resolve(day, published) if day else None


# '… phát biểu chào mừng Đoàn công tác, ngày 7/3. Ảnh: CTTĐT Đồng Tháp': the day a photo of the story was taken
_CAPTION_DAY = re.compile(r",\s*(?P<day>(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s+)?\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?)\.?\s*\(?Ảnh\s*:")


def _caption_day(text: str, published: dt.date | None) -> dt.date | None:
    """The day of the one photo caption that gives one, for a story whose one event the text leaves undated."""
    days = {_sentence_date(f"ngày {m['day'].split()[-1]}", published) for m in _CAPTION_DAY.finditer(text)}
    recent = {d for d in days if d is not None and (published is None or 0 <= (published - d).days <= 45)}
    return recent.pop() if len(recent) == 1 and len(days) == 1 else None  # an archive photo's day is not the story's


# 'Buổi lễ diễn ra sáng 9/6 tại hội trường': the day the story's one ceremony or meeting was held
_HELD_ON = re.compile(r"^\W*(?:buổi lễ|lễ ký(?: kết)?|buổi ký kết|(?:buổi|cuộc) (?:làm việc|tiếp|gặp(?: gỡ| mặt)?|hội kiến)|"
                      r"(?:buổi |cuộc )?hội đàm|cuộc họp|phiên họp|sự kiện)"
                      r"(?: này)? (?:đã )?(?:diễn ra|được tổ chức)(?: vào)? (?=(?:(?:sáng|chiều|tối|trưa) )?(?:ngày |hôm )?\d)")


def _held_on(text: str, published: dt.date | None) -> dt.date | None:
    for sentence in [s for p in text.split("\n\n") for s in split_sentences(p)][:8]:
        held = _HELD_ON.match(sentence.lower())
        if held:
            day = next((m for m in find_dates(sentence) if held.end() <= m.start <= held.end() + 12 and m.day), None)
            found = resolve(day, published) if day else None
            return found if found and (published is None or 0 <= (published - found).days <= 45) else None
    return None


def _after_the_frame(sentence: str) -> str:
    """'Trong khuôn khổ chuyến thăm …, trưa 11-8, …': the clause that follows the framing one."""
    if not _FRAMING.match(sentence.lower()) or ", " not in sentence:
        return ""
    return sentence.split(", ", 1)[1]


def read_candidates(title: str, text: str, published: dt.date | None) -> list[Candidate]:
    """The events the sentences tell; failing those, the one the headline and lead tell together."""
    text = _without_other_stories(text)
    token = _ACRONYMS.set(ArticleAcronyms(f"{title}\n{text}"))
    text = _without_the_past(text)
    try:
        candidates = _candidates(title, text, published)
        _drop_weak_sides(candidates, f"{title}\n{text}")
        if not candidates:
            read = read_document(title, text, published)
            candidates = [read] if read is not None else []
            _drop_weak_sides(candidates, f"{title}\n{text}")
    finally:
        _ACRONYMS.reset(token)
    return candidates


VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7), "ICT")  # no daylight saving in Vietnam


def _local_day(published_at: dt.datetime | dt.date | None) -> dt.date | None:
    """The publication day as the site's readers saw it (a UTC timestamp may be the day before)."""
    if isinstance(published_at, dt.datetime):
        aware = published_at if published_at.tzinfo else published_at.replace(tzinfo=VIETNAM_TIME)
        return aware.astimezone(VIETNAM_TIME).date()
    return published_at


def clear_caches() -> None:
    """Forget per-sentence results (benchmarks use it so reused texts cost what new ones do)."""
    _find_dates.cache_clear()
    _event_type.cache_clear()
    _participants.cache_clear()
    _find_orgs.cache_clear()
    _not_held.cache_clear()
    _is_background.cache_clear()
    split_sentences.cache_clear()


@lru_cache(maxsize=1024)
def split_sentences(text: str) -> tuple[str, ...]:
    """Sentences and caption lines of a text; 'TP. Huế' and 'GS. Kim' do not end a sentence.
    Cached: each paragraph is read by several stages."""
    out: list[str] = []
    glue = False
    pieces = _sentence_pieces(text)
    if _CLAUSE_MARK.search(text):  # seldom: the clause splitter is slow to fail on every space
        pieces = [clause for piece in pieces for clause in (_CLAUSE.split(piece) if _CLAUSE_MARK.search(piece) else (piece,))]
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if glue and out:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
        # the abbreviation ends the sentence: its last few characters tell (searching all of it did the same, slower)
        glue = bool(_ABBREVIATION.search(out[-1][-_ABBREVIATION_TAIL:]))
    return tuple(out)


def _candidates(title: str, text: str, published: dt.date | None) -> list[Candidate]:
    out: list[Candidate] = []
    named: dict[str, list[Mention]] = {"VN": [], "KR": []}  # the organisations last named on each side
    told = ""  # the last sentence that opened with a day: 'Chiều cùng ngày' takes its day and place
    if title:
        out.extend(_sides_as_the_text_tells(_from_sentence(title, None, published, in_title=True), text))
        _remember_sides(named, out)
    for paragraph in text.split("\n\n"):
        lead_date: dt.date | None = None
        pending: Candidate | None = None  # a dated trigger naming one side; the next sentence may name the other
        listing: Candidate | None = None  # 'các văn kiện đã được ký, gồm: Bản ghi nhớ giữa A và B; …'
        opening: dt.date | None = None  # the day the paragraph opens with, trigger or not ('Chiều 12/6, … tổ chức Hội nghị')
        previous = ""
        unnamed_trigger: Candidate | None = None  # 'Ngày 5/6, tại Hà Nội đã diễn ra Đối thoại …': the sides come next
        for sentence in split_sentences(paragraph):
            listing, items = _document_list(sentence, listing, lead_date or opening, published, previous)
            previous = sentence
            if items:
                out.extend(items)
                continue
            day = lead_date or (opening if _AT_THE_GATHERING.match(sentence.lower()) else None)
            found = (_from_sentence(sentence, day, published) or _referring_back(sentence, named, day, published)
                     or _at_the_meeting_with(sentence, named, day, published)
                     or _roster_of(sentence, unnamed_trigger))
            unnamed_trigger = _unnamed_trigger(sentence, published) if not found else None
            if not found:
                found = _complete(pending, sentence)
                pending = None if found else _one_sided(sentence, lead_date, published)
                if not found:
                    _fill_from_both_sides(out, sentence, published)
            if found and out and _ON_THIS_OCCASION.match(sentence.lower()):
                for cand in found:  # 'Dịp này, …': on the day of the event just told
                    cand.date = cand.date or out[-1].date
            if found and _SAME_DAY.match(sentence.lower()):
                for cand in found:  # 'Chiều cùng ngày, …': the day the story told last, an event's or a forum's
                    cand.date = cand.date or opening_day(told, published)
                    cand.location = cand.location or _location(told, [])
                lead_date = lead_date or found[0].date  # and the paragraph's next signings are of that day too
            if not found and out and _VENUE_TOLD.match(sentence.lower()) and (
                    out[-1].location is None or not _AT_PLACE.search(out[-1].sentence)):
                # 'Lễ ký diễn ra tại Seoul.': where the last event was, over a place only inferred from a host's name
                out[-1].location = _location(sentence, []) or out[-1].location
            out.extend(found)
            _remember_sides(named, [*found, *([pending] if pending else [])])
            if not found and pending is None:
                _remember_the_delegation(named, sentence)
            if _event_type(sentence) is not None:  # a bare date line is not the event's date
                lead_date = lead_date or _sentence_date(sentence, published)
            day_here = opening_day(sentence, published)
            opening = opening or day_here
            if day_here is not None:
                told = sentence
    return out


# 'Phía Việt Nam gồm đại diện Bộ A, Bộ B …; phía Hàn Quốc gồm đại diện Bộ C …': who sat on each side
_SIDE_ROSTER = re.compile(r"\b[Pp]hía (?P<side>Việt Nam|Hàn Quốc) (?:gồm|có)\b(?P<who>[^;]*)")


def _unnamed_trigger(sentence: str, published: dt.date | None) -> Candidate | None:
    """A dated meeting told with no party named: its sides may be listed in the next sentence."""
    kind = _event_type(sentence)
    if kind is not EventType.MEETING or _skip(sentence, published) or _parties_in(sentence):
        return None
    date = _sentence_date(sentence, published)
    return Candidate(kind, date, [], [], _location(sentence, []), sentence) if date else None


def _roster_of(sentence: str, trigger: Candidate | None) -> list[Candidate]:
    if trigger is None or "hía" not in sentence:
        return []
    sides: dict[str, list[Mention]] = {"Việt Nam": [], "Hàn Quốc": []}
    for match in _SIDE_ROSTER.finditer(sentence):
        country = "VN" if match["side"] == "Việt Nam" else "KR"
        sides[match["side"]] = [m for m in _parties_in(match["who"]) if m.country == country]
    if not sides["Việt Nam"] or not sides["Hàn Quốc"]:
        return []
    return [Candidate(trigger.type, trigger.date, sides["Việt Nam"], sides["Hàn Quốc"], trigger.location,
                      trigger.sentence, evidence=[trigger.sentence, sentence], rostered=True)]


def _sides_as_the_text_tells(headline: list[Candidate], text: str) -> list[Candidate]:
    """A headline's body goes to the side its fuller mention in the text gives it: 'Trung tâm Nghiên cứu
    Hàn Quốc' of the headline is Vietnamese where the text says '(thuộc Trường Đại học …)'."""
    out = []
    for cand in headline:
        mentions = _as_the_text_tells([*cand.vn, *cand.kr], text)
        cand.vn = sorted((m for m in mentions if m.country == "VN"), key=lambda m: m.start)
        cand.kr = sorted((m for m in mentions if m.country == "KR"), key=lambda m: m.start)
        if cand.vn and cand.kr:
            out.append(cand)
    return out


def _as_the_text_tells(mentions: list[Mention], text: str) -> list[Mention]:
    out = []
    for mention in mentions:
        country = _country_in_text(mention.name, text)
        out.append(replace(mention, country=country) if country and country != mention.country else mention)
    return out


def _country_in_text(name: str, text: str) -> str | None:
    """The country the text's own sentences give a name, when it names it so."""
    for sentence in split_sentences(text.replace("\n\n", "\n")) if name in text else ():
        if name in sentence:
            for mention in _participants(sentence):
                if mention.name == name:
                    return mention.country
    return None


# 'Tại buổi làm việc với Bộ trưởng Bộ X Hàn Quốc, hai bên …' in a trip story: a meeting of the delegation
_AT_THE_MEETING = re.compile(r"^\W*(?:[^,]{0,60},\s*)?tại (?:buổi|cuộc) (?:làm việc|gặp|gặp gỡ|hội đàm|tiếp) với (?P<with>[^,;.]+)",
                             re.IGNORECASE)


def _at_the_meeting_with(
    sentence: str, sides: dict[str, list[Mention]], day: dt.date | None, published: dt.date | None
) -> list[Candidate]:
    """'Tại buổi làm việc với <a Korean body>, …': a meeting of the side the story has named (the
    delegation) with that body, when this sentence names no Vietnamese body itself."""
    match = _AT_THE_MEETING.match(sentence)
    if match is None or not sides["VN"] or _not_held(sentence) or _is_background(sentence, published):
        return []
    orgs = _parties_in(sentence)
    partners = [m for m in orgs if m.country == "KR" and match.start("with") <= m.start < match.end("with")]
    if not partners or any(m.country == "VN" for m in orgs):
        return []
    return [Candidate(EventType.MEETING, _sentence_date(sentence, published) or day, list(sides["VN"]), partners,
                      _location(sentence, sides["VN"]), sentence)]


# what a page shows of other stories: links to them ('Xem thêm: …', a 'Tin liên quan' block) and archive or
# illustration photos with their captions ('Ảnh tư liệu: Lễ ký kết …', '… ký kết hợp tác. (Ảnh minh họa)')
_LINK_LINE = re.compile(r"^\W*(?:xem thêm|đọc thêm|tin liên quan|bài liên quan)\s*[:>]", re.IGNORECASE)
_LINKS_BLOCK = re.compile(r"^\W*(?:tin liên quan|bài liên quan|tin cùng chuyên mục|tin khác|tin mới nhất|có thể bạn quan tâm|"
                          r"đọc thêm|xem thêm)\W*$", re.IGNORECASE)
# (the marker is searched for and the caption before it cut by hand: a pattern that opens with the caption's
# '[^.!?]*' is tried from every character of every paragraph)
_OLD_PHOTO_AFTER = re.compile(r"\(\s*ảnh(?: minh họa| tư liệu|\s*:\s*(?:tư liệu|minh họa))[^)]{0,30}\)", re.IGNORECASE)
_OLD_PHOTO_BEFORE = re.compile(r"\bảnh (?:tư liệu|minh họa)\b\s*:?[^\n]*", re.IGNORECASE)
_OTHER_STORIES = re.compile(r"xem thêm|đọc thêm|liên quan|cùng chuyên mục|tin khác|tin mới nhất|bạn quan tâm|"
                            r"tư liệu|minh họa")


def _without_old_photos(paragraph: str) -> str:
    """'… ký kết hợp tác đào tạo. (Ảnh minh họa)' and 'Ảnh tư liệu: Lễ ký kết …' left out with their captions."""
    while (marker := _OLD_PHOTO_AFTER.search(paragraph)) is not None:
        head = paragraph[: marker.start()].rstrip()
        ends = [head.rfind(mark, 0, max(0, len(head) - 1)) for mark in ".!?"]
        caption_start = max(ends) + 1 if max(ends) >= 0 else 0
        paragraph = f"{paragraph[:caption_start]} {paragraph[marker.end():]}"
    return _OLD_PHOTO_BEFORE.sub(" ", paragraph).strip()


def _without_other_stories(text: str) -> str:
    """The text less the other stories its page points to or pictures them with: their events are not its own."""
    if not _OTHER_STORIES.search(text.lower()):  # lower case once: faster than IGNORECASE
        return text
    kept = []
    for paragraph in text.split("\n\n"):
        if _LINKS_BLOCK.match(paragraph):
            break  # the rest of the page lists other stories' headlines
        if _LINK_LINE.match(paragraph):
            continue
        paragraph = _without_old_photos(paragraph)
        if paragraph:
            kept.append(paragraph)
    return "\n\n".join(kept)


def _without_the_past(text: str) -> str:
    """The text less the sentences that go on telling a past moment ('… vào năm 2009 khi RDA mở trung tâm …
    Tại sự kiện quan trọng này, RDA đã ký …'): what was signed then is background (rule 4c)."""
    lower = text.lower()
    if not any(word in lower for word in _AT_THAT_MOMENT_WORDS) or not _AT_THAT_MOMENT.search(text):
        return text
    paragraphs = [split_sentences(p) for p in text.split("\n\n")]
    flat = [s for p in paragraphs for s in p]
    past = {sentence for before, sentence in pairwise(flat)
            if _AT_THAT_MOMENT.match(sentence) and _BACKGROUND.search(before.lower())}
    if not past:
        return text
    return "\n\n".join(" ".join(s for s in p if s not in past) for p in paragraphs)


_AT_THAT_MOMENT_WORDS = ("sự kiện", "thời điểm", "khi đó", "lúc đó")  # a cheap look first: the pattern is slow to fail
_AT_THAT_MOMENT = re.compile(
    r"(?:^|(?<=[.!?]\s))\W*(?:(?:tại|trong) (?:sự kiện|thời điểm)(?: quan trọng| đặc biệt| lịch sử)? (?:này|đó)"
    r"|(?:khi|lúc) đó)\b", re.IGNORECASE | re.MULTILINE)


_DOCUMENTS = r"(?:văn kiện|thỏa thuận|biên bản|bản ghi nhớ|mou|hiệp định|tài liệu|văn bản)"
# 'các văn kiện được ký gồm:', 'đã ký kết 5 văn kiện hợp tác, gồm:'
_LIST_INTRO = re.compile(
    rf"(?:{_DOCUMENTS}[^:]{{0,120}}?\b(?:ký|trao|ký kết|trao đổi)\b|\b(?:ký|ký kết|trao)\b[^:]{{0,40}}?{_DOCUMENTS})"
    r"[^:]{0,80}:\s*", re.IGNORECASE
)
_LIST_ITEM = re.compile(
    r"^\W{0,3}(?:\(?\d{1,2}[.)]\s*)?(?P<doc>bản ghi nhớ|biên bản ghi nhớ|mou|thỏa thuận|hiệp định|biên bản|"
    r"ý định thư|thư ý định|chương trình hợp tác|kế hoạch hành động|hợp đồng)\b", re.IGNORECASE
)


_AMONG_THEM = re.compile(r"^\W*(?:Trong đó|Cụ thể|Các văn kiện (?:này )?(?:gồm|bao gồm))\b,?\s*(?:(?:có|gồm|bao gồm|là)\s+)?")
# the sentence before such a list: documents signed or handed over ('đã trao 10 văn kiện', 'ký kết 5 thỏa thuận')
_EXCHANGED = re.compile(rf"\b(?:ký|ký kết|trao|trao đổi)\b[^.;]{{0,40}}?{_DOCUMENTS}")


def _document_list(
    sentence: str, listing: Candidate | None, lead_date: dt.date | None, published: dt.date | None,
    previous: str = "",
) -> tuple[Candidate | None, list[Candidate]]:
    """Each document of a list of signed documents is its own event, dated by the list's opening."""
    intro = _LIST_INTRO.search(sentence) if ":" in sentence else None  # a list opens with a colon
    among = _AMONG_THEM.match(sentence) if listing is None and previous else None
    if intro and not _not_held(sentence) and not _is_background(sentence[: intro.end()], published):
        opening = sentence[: intro.end()]
        listing = Candidate(EventType.AGREEMENT, _sentence_date(opening, published) or lead_date, [], [],
                            _location(opening, []), opening)
        items = re.split(r";\s*", sentence[intro.end() :])  # '…: Bản ghi nhớ giữa A và B; Thỏa thuận giữa C và D'
    elif among and _EXCHANGED.search(previous.lower()) and not _not_held(previous) and not _is_background(
            previous, published):
        # '… đã trao 10 văn kiện hợp tác. Trong đó có Bản ghi nhớ giữa A và B; thỏa thuận giữa C và D …'
        listing = Candidate(EventType.AGREEMENT, _sentence_date(previous, published) or lead_date, [], [],
                            _location(previous, []), f"{previous} ")
        items = re.split(r";\s*", sentence[among.end() :])
    elif listing is not None and _LIST_ITEM.match(sentence):
        items = [sentence]
    else:
        return None, []
    out = []
    for item in items:
        match = _LIST_ITEM.match(item)
        orgs = _parties_in(item)
        vn = [m for m in orgs if m.country == "VN"]
        kr = [m for m in orgs if m.country == "KR"]
        if not match or not vn or not kr:
            continue
        doc = match["doc"].lower()
        kind = (EventType.MOU if "ghi nhớ" in doc or doc == "mou" else
                EventType.LETTER_OF_INTENT if "ý định" in doc else EventType.AGREEMENT)
        out.append(Candidate(kind, listing.date, vn, kr, listing.location or _location(item, vn),
                             f"{listing.sentence}{item}", listed=True))
    return listing, out


# 'Ngày 3/6, đoàn làm việc với tỉnh Jeju', 'Ngày 3/6, Trường tiếp tục làm việc với …': the subject is a
# side the story has already named
_BACK_REFERENCE = re.compile(  # after up to two openings: 'Ngày 8/7, tại Gwangju, đoàn đã làm việc với …'
    r"^(?:[^,]{0,40},\s*){0,2}(?:cả |phía )?(?:đoàn(?: công tác| đại biểu| cán bộ)?|nhà trường|trường|tỉnh|thành phố|"
    r"bộ|sở|viện|lãnh đạo (?:tỉnh|thành phố|bộ|sở|viện|trường))\b(?!\s+(?:trưởng|phó|viên)\b)", re.IGNORECASE
)


# 'Ngày 5/6, Thứ trưởng Lê Xuân Định đã làm việc với …': an official named before by title and body
_OFFICIAL_NAMED_BEFORE = re.compile(
    r"^(?:[^,]{0,40},\s*){0,2}(?:Phó )?(?:Thứ trưởng|Bộ trưởng|Chủ tịch|Hiệu trưởng|Giám đốc|Viện trưởng|Cục trưởng|"
    r"Bí thư|Trưởng đoàn)(?: [A-ZĐ][\wÀ-ỹ-]*){0,4} (?:(?:đã |cũng |tiếp tục |còn )*(?:có buổi |có cuộc )?"
    r"(?:làm việc|hội đàm|hội kiến|tiếp|gặp|ký)\b|và (?:Phó )?(?:Bộ trưởng|Thứ trưởng|Chủ tịch|Thị trưởng|Tỉnh trưởng|"
    r"Đại sứ|Tổng Lãnh sự|Hiệu trưởng|Giám đốc|Tổng Giám đốc|Viện trưởng|Cục trưởng|lãnh đạo)\b)"  # '… và Bộ trưởng Bộ Y'
)


def _refers_back(sentence: str) -> bool:
    if _OFFICIAL_NAMED_BEFORE.match(sentence):
        return True
    subject = _BACK_REFERENCE.match(sentence)
    rest = sentence[subject.end() :].lstrip() if subject else ""
    return bool(rest) and rest[0].islower()  # 'Trường Đại học X' names a body; 'Trường tiếp tục' refers back


def _remember_sides(named: dict[str, list[Mention]], found: list[Candidate]) -> None:
    for cand in found:
        named["VN"] = cand.vn or named["VN"]
        named["KR"] = cand.kr or named["KR"]


_DELEGATION_OF = re.compile(r"\bđoàn(?: công tác| đại biểu| cán bộ)?(?: của)?\s*$", re.IGNORECASE)


def _remember_the_delegation(named: dict[str, list[Mention]], sentence: str) -> None:
    """'Từ ngày 3 đến 7/6, đoàn công tác Bộ X … đã có chuyến công tác tại Hàn Quốc': the later 'đoàn' is Bộ X."""
    if "đoàn" not in sentence.lower():
        return
    orgs = _parties_in(sentence)
    delegations = [m for m in orgs if _DELEGATION_OF.search(sentence[max(0, m.start - 25) : m.start])]
    if len(delegations) == 1 and len({m.country for m in orgs}) == 1:
        named[delegations[0].country] = delegations


def _referring_back(
    sentence: str, sides: dict[str, list[Mention]], lead_date: dt.date | None, published: dt.date | None
) -> list[Candidate]:
    """A later day of a trip, or a second partner: one side is named, the subject refers back to the other."""
    kind = _event_type(sentence)
    if kind is None or _skip(sentence, published):
        return []
    if _FRAMING.match(sentence.lower()) or _LEADER_RECEIVES.search(sentence) or FOREIGN.search(sentence):
        return []
    orgs = _parties_in(sentence)
    named_vn = [m for m in orgs if m.country == "VN"]
    named_kr = [m for m in orgs if m.country == "KR"]
    if bool(named_vn) == bool(named_kr):
        return []  # exactly one side is named here, the other comes from before
    called_back = _names_by_head_word(sentence, sides["KR" if named_vn else "VN"]) and not any(
        _UNNAMED_GOVERNMENT.match(m.name) for m in named_vn)  # 'UBND tỉnh và Tập đoàn': both sides called back
    if not _refers_back(sentence) and not called_back:
        return []
    vn, kr = named_vn or list(sides["VN"]), named_kr or list(sides["KR"])
    if not vn or not kr:
        return []
    date = _sentence_date(sentence, published) or lead_date
    location = _location(sentence, vn)
    if kind is EventType.MEETING and len(vn) == 1 and len(kr) > 1 and (_IN_TURN.search(sentence) or _ON_A_TRIP.search(sentence)):
        return [Candidate(kind, date, vn, [k], location, sentence) for k in kr]  # a trip's meetings, one per host
    return [Candidate(kind, date, vn, kr, location, sentence)]


_ON_A_TRIP = re.compile(r"\btrong (?:chuyến|thời gian|dịp) (?:công tác|thăm)", re.IGNORECASE)


def _names_by_head_word(sentence: str, before: list[Mention]) -> bool:
    """'… Sở Kế hoạch và Đầu tư và Tập đoàn đã ký …': the one organisation named before on the other side,
    called back by its head word alone ('Tập đoàn', 'Trường', 'Viện')."""
    if len(before) != 1:
        return False
    head = before[0].name.split()[0]
    if len(head) < 3 or head.isupper():
        return False
    return bool(re.search(rf"(?:\bvà|\bvới) {re.escape(head)}(?: bạn)?(?![\wÀ-ỹ])(?!\s+[A-ZĐ0-9])"
                          rf"|(?<![\wÀ-ỹ]){re.escape(head)} (?:bạn )?và\b", sentence))


def _one_sided(sentence: str, lead_date: dt.date | None, published: dt.date | None) -> Candidate | None:
    """A dated trigger with the parties of one side only ('… tiếp và làm việc với Đoàn đại biểu Hàn Quốc')."""
    kind = _event_type(sentence)
    if kind is None or _skip(sentence, published) or _BOTH_SIDES.search(sentence.lower()):
        return None
    orgs = _parties_in(sentence)
    vn = [m for m in orgs if m.country == "VN"]
    kr = [m for m in orgs if m.country == "KR"]
    if bool(vn) == bool(kr) or _counterpart_not_of_the_other_country(sentence, orgs):
        return None
    return Candidate(kind, _sentence_date(sentence, published) or lead_date, vn, kr, _location(sentence, vn), sentence)


def _counterpart_not_of_the_other_country(sentence: str, orgs: list[Mention]) -> bool:
    """The trigger's one named side meets someone who is not of the other country, so no body of a later
    sentence completes the event: a third country's ('… làm việc với JICA (Nhật Bản)', '… tiếp ông Sandeep Arya,
    Đại sứ Ấn Độ') or its own ('Bộ Kế hoạch và Đầu tư làm việc với UBND tỉnh Thái Nguyên')."""
    sides = {m.country for m in orgs}
    if "VN" in sides and "KR" in sides:
        return False
    missing = VIETNAM if "KR" in sides else KOREA
    if missing.search(sentence):
        return False
    if "XX" in sides or FOREIGN.search(sentence):
        return True
    trigger = _TRIGGER.search(sentence.lower())
    own = [m for m in orgs if m.country in ("VN", "KR")]
    return trigger is not None and any(m.start < trigger.start() for m in own) and any(
        m.start > trigger.start() for m in own)


_TOURED = re.compile(r"\b(?:đi )?(?:thăm|tham quan|khảo sát) (?:nhà máy|cơ sở|dự án|khu)", re.IGNORECASE)
# 'đoàn' of a delegation, not of 'Tập đoàn' (a group of companies), 'Liên đoàn', 'Công đoàn'
_DELEGATION_NAMED = re.compile(r"(?<!tập )(?<!liên )(?<!công )\bđoàn\b|dẫn đầu|trưởng đoàn|"
                               r"^\W*(?:về |bên )?phía (?:Hàn Quốc|Việt Nam|bạn)\b", re.IGNORECASE)


def _complete(pending: Candidate | None, sentence: str) -> list[Candidate]:
    """The sentence after a one-sided trigger names the missing side ('Đoàn do ông X, Đại sứ quán … dẫn đầu')."""
    if pending is None or _event_type(sentence) is not None or _TOURED.search(sentence) or (
            _not_held(sentence) or _is_background(sentence, None)):
        return []
    orgs = _parties_in(sentence)
    missing = "KR" if not pending.kr else "VN"
    found = [m for m in orgs if m.country == missing]
    if not found or not _DELEGATION_NAMED.search(sentence):
        return []
    if missing == "KR":
        pending.kr = found
    else:
        pending.vn = found
    pending.evidence.append(sentence)
    return [pending]


def _fill_from_both_sides(found: list[Candidate], sentence: str, published: dt.date | None) -> None:
    """'Chiều 17/4 hai bên đã tổ chức phiên họp …' dates the event already named (often in the title)."""
    kind = _event_type(sentence)
    lower = sentence.lower()
    framing = bool(_FRAMING.match(lower))
    signed_there = bool(_ELABORATION.search(lower) or _ON_THIS_OCCASION.match(lower)) and bool(_DONE_SIGNING.search(lower))
    if kind is None or not (_BOTH_SIDES.search(lower) or framing or signed_there):
        return
    if _not_held(sentence) or _ATTENDANCE.search(lower) or _is_background(sentence, published):
        return
    date = _sentence_date(sentence, published)
    if kind is not EventType.MEETING and date is not None and any(
            c.date is not None and (c.date - date).days > 45 for c in found):
        return  # 'Sáng 12/6, A làm việc với B. Hai bên đã ký biên bản ghi nhớ ngày 10/1.': an earlier signing
    if kind is not EventType.MEETING and _one_meeting(found) and (
        (_BOTH_SIDES.search(lower) and _SIGNING_DONE_BY_BOTH.search(lower))
        or (signed_there and _names_the_sides_of(sentence, found[0]))
    ):
        # rule 3: 'Hai bên đã ký …' (or 'Tại buổi tiếp, A và B đã ký …') after the meeting of the same two
        # sides: one event, typed as the signing
        for meeting in found:
            meeting.type = kind
            meeting.date = meeting.date or date
            meeting.evidence.append(sentence)
        return
    for cand in found:  # the headline's 'ký kết hợp tác' is the body's 'ký biên bản ghi nhớ'
        signings = {cand.type, kind} <= {EventType.MOU, EventType.AGREEMENT}
        if (cand.type is kind or signings) and cand.date is None and date is not None:
            cand.date = date
            cand.location = cand.location or _location(sentence, cand.vn)
            cand.evidence.append(sentence)
            return


def _one_meeting(found: list[Candidate]) -> bool:
    """The story so far tells one meeting (the headline and the lead may each tell it)."""
    return bool(found) and all(
        c.type is EventType.MEETING and _sides_meet(c.vn, found[0].vn) and _overlap(c.kr, found[0].kr)
        and (c.date is None or found[0].date is None or c.date == found[0].date) for c in found)


_DONE_SIGNING = re.compile(r"\bđã\b[^,.;]{0,20}\bký\b")
# 'hai bên đã ký', '2 bên ký kết', not 'hai bên trao đổi về khả năng ký kết'
# and 'Hai bên đã trao đổi về … và ký kết biên bản ghi nhớ': the 'đã' of the first verb holds for the second
_SIGNING_DONE_BY_BOTH = re.compile(rf"{_DONE_SIGNING.pattern}|\b(?:hai|2)(?: \w+){{1,2}} (?:chính thức |cùng |đã )*ký\b|\blễ ký"
                                   r"|\bđã\b[^.;]{0,120}\bvà (?:cùng )?ký\b")


# 'Dịp này, …', 'Tại đây, …': the sentence goes on with the meeting just told
# 'Chiều cùng ngày, …', 'Cũng trong chiều cùng ngày, …', 'Cùng ngày, …': the day of the event told before
_SAME_DAY = re.compile(r"^\W*(?:cũng )?(?:trong )?(?:(?:buổi )?(?:sáng|chiều|tối|trưa) )?cùng ngày\b")
_ON_THIS_OCCASION = re.compile(r"^\W*(?:(?:nhân|cũng trong|trong) )?dịp này\b|^\W*tại đây\b")
# 'UBND tỉnh và Tập đoàn đã ký …': both sides named back by their head words alone
_BARE_SIDES = re.compile(
    r"\b(?:UBND (?:tỉnh|thành phố)|[Tt]ỉnh|[Nn]hà trường|[Tt]rường|[Bb]ộ|[Ss]ở|[Vv]iện|[Bb]ệnh viện|[Hh]ọc viện)"
    r" và (?:[Tt]ập đoàn|[Cc]ông ty|[Đđ]oàn|[Đđ]ối tác|[Tt]rường|[Vv]iện|[Bb]ệnh viện|[Tt]hành phố|[Tt]ỉnh|[Hh]iệp hội)"
    r"(?![\wÀ-ỹ])(?!\s+[A-ZĐ0-9])")


def _names_the_sides_of(sentence: str, event: Candidate) -> bool:
    if _BARE_SIDES.search(sentence):
        return True
    orgs = _parties_in(sentence)
    return _overlap([m for m in orgs if m.country == "VN"], event.vn) and _overlap(
        [m for m in orgs if m.country == "KR"], event.kr)


def _dated_ahead(sentence: str, published: dt.date | None) -> bool:
    """The sentence's day lies days or weeks after the story was published ('… sẽ diễn ra vào sáng 13/5' in a
    story of 6 May): a plan, not last year's event (a day less than a year ahead is read as last year's)."""
    if published is None or _TOLD_AS_DONE.search(sentence.lower()):
        return False  # 'đã', 'vừa': told as done, so the year before (or a page dated wrong), not a plan
    for mention in find_dates(sentence):
        if mention.day is None:
            continue
        year = mention.year if mention.year is not None else published.year
        try:
            day = dt.date(year, mention.month, mention.day)
        except ValueError:
            return False
        return 3 < (day - published).days <= (366 if mention.explicit_year else 30)
    return False


_TOLD_AS_DONE = re.compile(r"\b(?:đã|vừa)\b")


def _skip(sentence: str, published: dt.date | None) -> bool:
    lower = sentence.lower()
    return bool(
        _not_held(sentence) or _dated_ahead(sentence, published) or _ATTENDANCE.search(lower)
        or (_SPOKEN.search(sentence) and not find_dates(sentence))
        or (_ELABORATION.search(lower) and not _SIGNED_AT_THE_GATHERING.match(lower))
        or _is_background(sentence, published)
    )


# '… ký ngày 20/3 tại Barcelona, Tây Ban Nha': a country named as the venue only brings no third party
_ABROAD = re.compile(r"\b(?:tại|ở)\s+(?:[A-ZĐ][\wÀ-ỹ-]*\s*){0,3},?\s*$")


def _third_country(sentence: str) -> bool:
    return any(not _ABROAD.search(sentence[max(0, m.start() - 40) : m.start()]) for m in FOREIGN.finditer(sentence))


def _from_sentence(
    sentence: str, lead_date: dt.date | None, published: dt.date | None, in_title: bool = False
) -> list[Candidate]:
    kind = _event_type(sentence)
    if kind is None or _skip(sentence, published):
        return []
    if kind is EventType.MEETING and _FRAMING.match(sentence.lower()):
        inside = _inside_the_frame(sentence)  # 'Nhân dịp dự Hội nghị X, ngày 9/7, A đã có cuộc gặp với B'
        return _from_sentence(inside, lead_date, published, in_title) if inside else []
    if kind is EventType.MEETING and _LEADER_RECEIVES.search(sentence):
        return []
    orgs = _parties_in(sentence)
    vn = [m for m in orgs if m.country == "VN"]
    kr = [m for m in orgs if m.country == "KR"]
    if _third_country(sentence):  # another country is in play: only surely Vietnamese bodies count
        vn = [m for m in vn if _surely_vietnamese(m)]
        kr = [m for m in kr if surely_korean(m, sentence)]
    if not vn or not kr:
        return []
    date = None if in_title else (_sentence_date(sentence, published) or lead_date)
    location = _location(sentence, vn)
    signing = kind is not EventType.MEETING
    if signing and len(vn) == 1 and len(kr) > 1 and re.search(r"\bvới\b", sentence):
        return [Candidate(kind, date, vn, [k], location, sentence) for k in kr]
    if signing and len(kr) == 1 and len(vn) > 1 and _IN_TURN.search(sentence):
        return [Candidate(kind, date, [v], kr, location, sentence) for v in vn]  # each signs its own document
    if not signing and len(vn) == 1 and len(kr) > 1 and re.search(r"\blần lượt\b", sentence):
        return [Candidate(kind, date, vn, [k], location, sentence) for k in kr]  # 'lần lượt làm việc với A và B'
    return [Candidate(kind, date, vn, kr, location, sentence)]


def _inside_the_frame(sentence: str) -> str | None:
    """The clause after a framing one, when it tells a meeting of its own that opens with its day."""
    for match in re.finditer(r",\s+", sentence):
        rest = sentence[match.end() :]
        if _FRAMING.match(rest.lower()):
            continue
        if (_DAY_FIRST.match(rest) or _NAMED_SUBJECT_FIRST.match(rest)) and _event_type(rest) is EventType.MEETING:
            return rest  # 'Trong khuôn khổ chuyến công tác …, Đoàn công tác Bộ Nội vụ … đã có buổi làm việc với …'
    return None


# the clause after the frame opens with who meets: a delegation or a body ('Đoàn công tác Bộ X …', 'Bộ trưởng Bộ Y …')
_NAMED_SUBJECT_FIRST = re.compile(r"(?:[Đđ]oàn(?: công tác| đại biểu)?\s+)?(?:Bộ|Sở|UBND|Ủy ban|Tỉnh ủy|Thành ủy|"
                                  r"Trường|Đại học|Viện|Tập đoàn|Tổng [Cc]ông ty|Công ty|Cục|Tổng cục|Bệnh viện|Hội)\s")


_DAY_FIRST = re.compile(r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)?\s*(?:[Nn]gày|[Hh]ôm)?\s*\d{1,2}[/-]\d{1,2}\b")


# 'A, B và C đã lần lượt ký … với X', 'X đã ký … với A và với B': one document each
_IN_TURN = re.compile(r"\blần lượt\b|\bvới [^,.;]{3,80}? và với\b")


_PERSON = re.compile(
    r"\b(?:ông|bà|Ông|Bà|TS\.?|GS\.?)\s+(?P<name>[A-ZĐ][\wÀ-ỹ-]*(?:\s+[A-ZĐ][\wÀ-ỹ-]*){1,4})\s*[,–-]\s*"
    r"(?P<title>(?=(?:Phó |Tổng |Nguyên )?(?:Chủ tịch|Giám đốc|Bộ trưởng|Thứ trưởng|Cục trưởng|Viện trưởng|"
    r"Hiệu trưởng|Trưởng|Đại sứ|Tổng Lãnh sự|Chánh|Thư ký|Ủy viên|Bí thư|Tỉnh trưởng|Thị trưởng|Quận trưởng|"
    r"Tổng Giám đốc|Hiệu phó|Phó Hiệu trưởng|Chủ nhiệm|President|CEO))(?:(?!\s+(?:và|cùng)\s+(?:ông|bà)\b)[^,.;()])+?(?:\s*\([^()]{1,20}\))?)(?=\s*(?:,|\.|;|$|\s+(?:(?:và|cùng)\s+(?:ông|bà)|đại diện|đã|thực hiện|ký|bày tỏ|cho biết|nhấn mạnh|khẳng định|phát biểu)\b))"
)


def _signatories(text: str) -> list[tuple[str, str]]:
    """People named with their titles in the sentences about signing: (name, title)."""
    out: list[tuple[str, str]] = []
    for sentence in split_sentences(text):
        if re.search(r"\bký\b|đại diện", sentence, re.IGNORECASE):
            out += [(m["name"].strip(), m["title"].strip()) for m in _PERSON.finditer(sentence)]
    return out


def _signatories_of(cand: Candidate, people: list[tuple[str, str]]) -> tuple[str, ...]:
    """'Name, title' of the people whose title names one of the event's parties."""
    if cand.type is EventType.MEETING:
        return ()
    keys = [k for m in cand.vn + cand.kr for k in (m.acronym, m.name, *_aliases(m)) if k]
    return tuple(dict.fromkeys(f"{name}, {title}" for name, title in people if any(k in title for k in keys)))


def _aliases(mention: Mention) -> tuple[str, ...]:
    known = lookup(mention.canonical) if mention.canonical else None
    return (known.name, *known.aliases) if known else ()


def _drop_weak_sides(candidates: list[Candidate], article: str) -> None:
    _drop_weak_korean(candidates, article)
    _drop_weak_vietnamese(candidates, article)


def _drop_weak_korean(candidates: list[Candidate], article: str) -> None:
    """A name Korean by its spelling alone is not, in a story that never says Korea, whose headline
    names another country and not Korea, or that places the name abroad."""
    if not candidates:
        return
    headline = article.split("\n", 1)[0]
    says_korea = (bool(KOREA.search(article)) or has_place(article, korean=True) or names_a_korean_person(article)) and not (
        FOREIGN.search(headline.title()) and not KOREA.search(headline.title()))
    for cand in candidates:
        cand.kr = [m for m in cand.kr if (surely_korean(m, cand.sentence) or (
            says_korea and not re.search(re.escape(m.name) + _FOREIGN_AFTER.pattern, article)))
            and not vietnamese_subsidiary_named(m, article)]
    candidates[:] = [c for c in candidates if c.kr]


def _drop_weak_vietnamese(candidates: list[Candidate], article: str) -> None:
    """A ministry Vietnamese only by default ('Bộ Công nghiệp') is not, in a story that never says Vietnam
    nor names a Vietnamese place: Korean news in Vietnamese names Korea's own ministries so. A ministry of
    the reference lists stays, unless the story is about Korea and a third country."""
    if not candidates or VIETNAM.search(article) or has_place(article):
        return
    abroad = bool(FOREIGN.search(article))  # a third country in a story that never says Vietnam
    for cand in candidates:
        cand.vn = [m for m in cand.vn if not _GOVERNMENT_BODY.match(m.name) or (m.canonical and not abroad)]
    candidates[:] = [c for c in candidates if c.vn]


_GOVERNMENT_BODY = re.compile(r"(?:Bộ|Quốc hội|Chính phủ)\b")


def surely_korean(mention: Mention, sentence: str) -> bool:
    """Korean by what the text says (a country word, a Korean place, the gazetteer), not by spelling alone."""
    if mention.canonical or KOREA.search(mention.name) or holds_a_korean_name(mention.name):
        return True
    words = set(re.findall(r"[A-Za-z]+", mention.name))
    return bool(words & KR_PLACES) or bool(_KOREA_AFTER.match(sentence[mention.end :]))


_KOREA_SPELLED_OUT = re.compile(r"\bKorea|Hàn Quốc")  # not parties.KOREA: 'Việt - Hàn' names Vietnamese bodies


def _korea_in_brackets(bracket: Mention, named: Mention, written: str) -> bool:
    """The bracket after a name spells it out as Korean, and nothing in the name itself says Vietnam. What the
    bracket says is what is written in it: a bare acronym ('(NSSC)') that a Korean body also has spells out nothing."""
    return (bracket.country == "KR" and named.country == "VN" and not _surely_vietnamese(named) and (
        bool(_KOREA_SPELLED_OUT.search(written)) or _names_alike(named.name, bracket.name)))


def _surely_vietnamese(mention: Mention) -> bool:
    return bool(mention.canonical) or bool(VIETNAM.search(mention.name)) or has_place(mention.name)


_ANY_TRIGGER = re.compile(
    r"ký|ghi nhớ|mou|ý định|thư ý|loi\b|hội đàm|họp|làm việc|tiếp|gặp|hội kiến|thỏa thuận|hiệp định|biên bản|"
    r"đối thoại|đồng chủ trì|xã giao|trực tuyến|văn kiện|đón|trao đổi|điện đàm|memorandum|sign"
)


# '… làm việc với X nhằm triển khai biên bản ghi nhớ đã ký': the document signed before is no signing here
_SIGNED_BEFORE = re.compile(
    r"\b(?:triển khai|thực hiện|cụ thể hóa|trên cơ sở|dựa trên|theo|trong khuôn khổ|kết quả)(?: (?:các|những|nội dung))?"
    r"(?: của)? (?:biên bản ghi nhớ|bản ghi nhớ|thỏa thuận|mou|hiệp định|biên bản|văn bản|chương trình)\b"
    r"[^,.;]{0,60}?\b(?:(?:đã|được) (?:được )?ký(?: kết)?|ký(?: kết)? (?:vào |từ |trong )?(?:tháng|năm|hồi)\b)"
    # ('triển khai Bản ghi nhớ … giữa hai Bộ ký tháng 8/2025': signed in a month before, implemented now)
)


# a document named before its signing, in a past month or year: a relative clause of background ('… theo thỏa thuận
# hợp tác hai bệnh viện ký kết vào tháng 3/2023', 'chương trình liên kết …, được hai trường ký kết từ năm 2018')
_SIGNED_IN_A_PAST_YEAR = re.compile(
    r"\b(?:thỏa thuận|bản ghi nhớ|hiệp định|chương trình|được|mà)\b[^,.;]{0,40}?\bký(?: kết)?(?: giữa hai bên)?"
    r" (?:từ |vào |trong )?(?:năm \d{4}|tháng \d{1,2}[/-]\d{4}|tháng \d{1,2} năm \d{4})"
)


# a draft, and a signing it is drafted for, are no document yet: 'thống nhất xây dựng dự thảo bản ghi nhớ … để ký
# trong quý IV' (the meeting that agreed on it stays one)
_DRAFTED = re.compile(r"\bdự thảo\b[^,.;]*|\bđể ký\b[^,.;]*")


# the signed minutes of a session ('ký Biên bản phiên họp') record the meeting, those of a handover or an
# acceptance ('ký biên bản bàn giao dự án') the ceremony (rule 4d): no cooperation document
_MINUTES = re.compile(r"\b(?:ký(?: kết)?(?: thông qua)?|trao) (?:các )?(?:biên bản (?:phiên họp|kỳ họp|cuộc họp|hội đàm|buổi làm việc|"
                      r"làm việc|họp|bàn giao|nghiệm thu|thanh lý|xác nhận|tiếp nhận)|bàn giao|nghiệm thu)\b")


@lru_cache(maxsize=4096)
def _event_type(sentence: str) -> EventType | None:
    sentence = sentence.lower()  # the keyword patterns are lower case: faster than IGNORECASE
    if not _ANY_TRIGGER.search(sentence):  # most sentences: one cheap look
        return None
    if "ký" in sentence or "trao" in sentence:  # each pattern only where the words it needs stand: a plain look is cheap
        if "năm " in sentence or "tháng " in sentence:
            sentence = _SIGNED_IN_A_PAST_YEAR.sub(" ", sentence)
        if "đã " in sentence or "được " in sentence or "tháng" in sentence or "năm" in sentence or "hồi" in sentence:
            sentence = _SIGNED_BEFORE.sub(" ", sentence)
        if "biên bản" in sentence or "bàn giao" in sentence or "nghiệm thu" in sentence:
            sentence = _MINUTES.sub(" ", sentence)
        if "dự thảo" in sentence or "để ký" in sentence:
            sentence = _DRAFTED.sub(" ", sentence)
    signed = _SIGN.search(sentence)
    if signed and ("ý định" in sentence or "loi" in sentence) and _LOI.search(sentence):
        return EventType.LETTER_OF_INTENT
    if ("ghi nhớ" in sentence or "mou" in sentence or "memorandum" in sentence) and _MOU.search(sentence) and (
            signed or re.search(r"\bđã được ký|ký kết\b", sentence)):
        return EventType.MOU
    if signed:
        return EventType.AGREEMENT
    if _MEETING.search(sentence):
        return EventType.MEETING
    return None


# a span of the past ('thời gian qua', 'năm ngoái', 'đến nay'): what was signed in it is background,
# even in a sentence that opens with today's date ('Phát biểu ngày 12/6, … cho biết, thời gian qua, … đã ký')
_PAST_SPAN = re.compile(r"\b(?:thời gian qua|những năm qua|nhiều năm qua|năm ngoái|năm trước|(?:cho |tính )?đến nay)\b"
                        r"[^.;]{0,100}?\bđã (?:\w+ ){0,2}(?:ký|tiếp|làm việc|gặp|hội đàm|hội kiến)\b")


_A_YEAR = re.compile(r"\bnăm (\d{4})\b(?!\s*[-–/])")


_EARLIER_OPENING = re.compile(rf"^\W*(?:trước đó|trước đây|cách đây)\b(?!{_THE_SAME_DAY})")


@lru_cache(maxsize=4096)
def _is_background(sentence: str, published: dt.date | None) -> bool:
    lower = sentence.lower()
    if _PAST_SPAN.search(lower):
        return True
    mentions = find_dates(sentence)
    first = mentions[0] if mentions else None
    if first is not None and first.day is not None and first.start < 40:
        day = resolve(first, published)
        if day is not None and (published is None or abs((published - day).days) <= 45) and not (
                published is None and _EARLIER_OPENING.match(lower)):
            return False  # the sentence opens with its own recent date: what follows is detail
            # (with no publication day, 'Trước đó, ngày 20/5/2019, …' cannot be told recent: its opening says earlier)
    if _BACKGROUND.search(lower):
        return True
    if published is not None and any(int(y) < published.year for y in _A_YEAR.findall(lower)):
        return True  # 'Năm 2019, A và B đã ký …': a year alone is no date mention
    for mention in mentions:
        if mention.explicit_year and published and mention.year is not None:
            if mention.day is None:
                # 'Tháng 5/2025, … đã ký' in a story of June 2025 is this story's event, with no day (rule 7)
                if (published.year - mention.year) * 12 + published.month - mention.month > 1:
                    return True
            elif published - dt.date(mention.year, mention.month, mention.day) > dt.timedelta(days=45):
                return True
        elif mention.day is None:
            return True
    return False


# acronyms the article defines ('Tổng công ty Điện lực Đông Nam Hàn Quốc (KOEN)'), for its later bare uses
_ACRONYMS: ContextVar[ArticleAcronyms | None] = ContextVar("article_acronyms", default=None)


_IN_BRACKETS = re.compile(r"\(([^()]{2,40})\)")
_CAPITALISED_WORD = re.compile(r"[A-ZĐ][A-Za-zĐ0-9&.-]*")


class ArticleAcronyms:
    """Acronym -> the organisation it was defined for, from 'Name (ACR)' anywhere in the text.

    Looked up lazily: finding the names of every sentence that has a bracket was a fifth of the parser's time,
    and most acronyms are never used bare again."""

    def __init__(self, text: str) -> None:
        self._defining = [s for s in split_sentences(text.replace("\n\n", "\n")) if "(" in s]
        # what a mention's acronym can be: a listed one, or one the text brackets ('(KOEN)', '(Viện X - VKIST)');
        # any other capitalised word ('Hàn', 'Bộ') is no acronym, and is not looked for in every bracketed sentence
        inners = [inner.strip() for s in self._defining for inner in _IN_BRACKETS.findall(s)]
        self._bracketed = {word for inner in inners for word in _CAPITALISED_WORD.findall(inner)
                           if sum(c.isupper() for c in word) >= 2}
        self.two_words = {inner for inner in inners if TWO_WORD_ACRONYM.fullmatch(inner)}  # '(PV GAS)'
        self._bracketed |= self.two_words
        self._found: dict[str, Mention | None] = {}

    def get(self, acronym: str) -> Mention | None:
        if acronym not in self._found:
            if acronym not in self._bracketed and acronym not in _gazetteer_index()[0]:
                self._found[acronym] = None
                return None
            self._found[acronym] = next(
                (m for s in self._defining if acronym in s for m in _participants(s)
                 if m.acronym == acronym and m.country in ("VN", "KR")), None)
        return self._found[acronym]


def _parties_in(sentence: str) -> list[Mention]:
    orgs = list(_participants(sentence))
    defined = _ACRONYMS.get()
    if defined:
        two_words = [m for acronym in defined.two_words if acronym in sentence
                     for m in re.finditer(rf"(?<![\wÀ-ỹ])({re.escape(acronym)})(?![\wÀ-ỹ])", sentence)]
        for match in [*two_words, *re.finditer(r"(?<![\wÀ-ỹ])([A-ZĐ][A-Za-z0-9&-]{1,11})(?![\wÀ-ỹ])", sentence)]:
            org = defined.get(match.group(1))
            if org is not None and not any(m.start <= match.start() < m.end or m.name == org.name for m in orgs):
                orgs.append(Mention(match.start(), match.end(), org.name, org.acronym, org.country, org.canonical))
        orgs.sort(key=lambda m: m.start)
    return orgs


# 'Thứ trưởng Bộ X và Đại sứ Hàn Quốc Y chứng kiến lễ ký kết (giữa …)': who comes before only witnesses
# 'hai nhà lãnh đạo chứng kiến A và B ký …': the signers come between the verb and the signing
_WITNESSES_FIRST = re.compile(r"\bchứng kiến (?:lễ|buổi|việc|nghi thức)? ?(?:ký|trao)|"
                              r"(?<!sự )\bchứng kiến (?!của)(?=[^,.;]{3,200}?\bký(?: kết)?\b)", re.IGNORECASE)


_GLOSSES_A_COUNTRY_NAME = re.compile(r"[A-ZĐ]\w*(?: \w+){0,3} (?:Hàn Quốc|Việt Nam)\s*\(\s*$")


def _witness_spans(sentence: str) -> list[tuple[int, int]]:
    first = _WITNESSES_FIRST.search(sentence)
    if first is None:
        return [m.span() for m in _WITNESS.finditer(sentence)]
    # the signers follow the verb ('… chứng kiến lễ ký kết giữa A và B'): only what precedes it is witnessed
    return [(0, first.start()), *(m.span() for m in _WITNESS.finditer(sentence, first.end()))]


@lru_cache(maxsize=2048)
def _participants(sentence: str) -> tuple[Mention, ...]:
    """Organisations that take part: witnesses and parent bodies ('thuộc X', '(Bộ X)') are left out."""
    witness_spans = _witness_spans(sentence) if _WITNESSED.search(sentence) else []
    if "dẫn đầu" in sentence:  # 'đoàn Tập đoàn X do ông Y, Tổng Giám đốc Z, dẫn đầu': Z is the leader's post
        witness_spans += [m.span("leader") for m in _LED_BY.finditer(sentence)]
    asides = [m.end() for m in _ASIDE.finditer(sentence)]
    out: list[Mention] = []
    hosts: list[Mention] = []  # 'tại trụ sở Bộ X, Thứ trưởng … tiếp …': the body whose seat it is
    previous_end = -1
    previous_venue = False
    for mention in find_orgs(sentence):
        follows_kept = bool(out) and out[-1].end == previous_end
        belongs_to = previous_end >= 0 and bool(_BELONGS_TO.search(sentence[previous_end:mention.start]))
        inside_acronym = previous_end >= 0 and not sentence[previous_end:mention.start].strip(" (-")
        between = sentence[previous_end:mention.start] if previous_end >= 0 else ""
        between = re.sub(r"^\s*(?:\([^()]{1,60}\)|\))", "", between)  # the previous name's acronym
        parent = previous_end >= 0 and bool(_PARENT.match(between)) and len(between) < 12
        parent = parent or bool(_MEMBERS_OF_A_PARENT.search(sentence[max(0, mention.start - 50) : mention.start])) or (
            previous_end >= 0 and bool(_DESCRIBED_AS_PART_OF.match(between)))
        venue = bool(_VENUE.search(sentence[max(0, mention.start - 20) : mention.start]))
        building = bool(_BUILDING.match(mention.name))  # 'tại Trung tâm Hành chính thành phố': a place to meet
        qualifier = bool(out) and bool(_PLACE_QUALIFIER.match(mention.name)) and between.strip() == ","
        before = sentence[: mention.start]
        in_brackets = bool(out) and before.count("(") > before.count(")")
        just_before = sentence[max(0, mention.start - 30) : mention.start].lower()
        toured = bool(_TOUR.search(sentence[max(0, mention.start - 40) : mention.start].lower())) or bool(
            _BUILT.search(just_before)) or bool(_STUDENTS_OF.search(just_before))
        credit = sentence[max(0, mention.start - 30) : mention.start]
        credited = (bool(_CREDIT.search(credit)) and not _CAPTION_SUBJECT.search(credit)) or bool(
            _REPORTS.match(sentence[mention.end :])) or (  # the dateline's outlet: '(Báo Đồng Nai) - Sáng 16/6, …'
            not sentence[: mention.start].strip(" (\"'") and bool(_DATELINE_END.match(sentence[mention.end :]))) or (
            bool(_PLACE_BEFORE_THE_OUTLET.match(sentence, 0, mention.start))  # 'Seoul (TTXVN) - Ngày 13/5, …'
            and bool(_DATELINE_END.match(sentence[mention.end :])))
        place_venue = bool(_PLACE_QUALIFIER.match(mention.name)) and bool(
            re.search(r"\b(?:tại|ở)\s+$", sentence[max(0, mention.start - 6) : mention.start])
        )
        place_venue = place_venue or (  # 'tại thành phố Goyang, tỉnh Gyeonggi': both are the venue
            previous_venue and between.strip() == "," and bool(_PLACE_QUALIFIER.match(mention.name)))
        unnamed = bool(_PLACE_QUALIFIER.match(mention.name)) and bool(  # rule 4f: 'đoàn doanh nghiệp thành phố Daejeon'
            _UNNAMED_MEMBERS.search(sentence[max(0, mention.start - 40) : mention.start])) or bool(
            _MEMBERS_OF.search(sentence[max(0, mention.start - 50) : mention.start]))
        multilateral = bool(_MULTILATERAL.match(sentence[mention.end :])) or "các nước" in mention.name
        topic = bool(_TOPIC_OF.search(sentence[max(0, mention.start - 60) : mention.start])) or bool(
            any(at <= mention.start and not re.search(r"[.;]", sentence[at : mention.start]) for at in asides)) or bool(
            _FUNDS.search(sentence[max(0, mention.start - 30) : mention.start]))
        topic = topic or bool(_JOINT_COMMITTEE.match(mention.name)) or (  # the frame, and whom the project serves
            bool(_BARE_PLACE.match(mention.name)) and bool(_SERVED.search(sentence[max(0, mention.start - 20) : mention.start])))
        previous_end = mention.end
        previous_venue = place_venue or venue
        if inside_acronym and out and _korea_in_brackets(mention, out[-1], sentence[mention.start : mention.end]):
            # 'Hiệp hội KFIA (Korea Fabless Industry Association)': the bracket's country is the name's
            last = out[-1]
            out[-1] = Mention(last.start, last.end, last.name, last.acronym, "KR", last.canonical)
        if follows_kept and not parent and _APPOSED.match(between) and _SCHOOL.match(mention.name) and (
                _korea_studies_of_a_vietnamese_body(out[-1], mention)):
            parent = True  # 'Trung tâm Nghiên cứu Hàn Quốc, Trường Đại học …': the school the unit belongs to
        if follows_kept and not parent and between.strip() == "," and _ministry_above(out[-1], mention):
            parent = True  # 'Bệnh viện Trung ương Quân đội 108, Bộ Quốc phòng': its ministry, named as in brackets
        if parent and follows_kept and _korea_studies_of_a_vietnamese_body(out[-1], mention):
            last = out[-1]  # 'Khoa Ngôn ngữ và Văn hóa Hàn Quốc của Trường Đại học Hà Nội': a Vietnamese unit
            out[-1] = Mention(last.start, last.end, last.name, last.acronym, "VN", last.canonical)
        if (inside_acronym or in_brackets) and not belongs_to and out and mention.canonical and not out[-1].canonical and (
                _same_country_or_unknown(out[-1], mention)) and not (  # 'Trung tâm … quốc gia (NSSC)': not Korea's NSSC
                _PARENT_HEAD.match(sentence, mention.start) and not _PARENT_HEAD.match(out[-1].name)):
            # ('Cục Trồng trọt … (Bộ Nông nghiệp và Môi trường)': the ministry in brackets is the parent, not the Cục)
            # 'Công viên Công nghệ tỉnh Chungbuk (Chungbuk Technopark)': the bracket links the name
            last = out[-1]
            out[-1] = Mention(last.start, last.end, last.name, last.acronym or mention.acronym, last.country,
                              mention.canonical)
        if unnamed or multilateral or topic:
            continue
        if in_brackets and not inside_acronym and mention.canonical and _GLOSSES_A_COUNTRY_NAME.search(before):
            out.append(mention)  # 'Đại học Hàn Quốc (Korea University)': the bracket names what the words do not
            continue
        if venue and not place_venue and not building:
            hosts.append(mention)
        if inside_acronym or parent or venue or building or qualifier or in_brackets or toured or place_venue or credited or any(
            a <= mention.start < b for a, b in witness_spans
        ):
            continue
        out.append(mention)
    hosts = [h for h in hosts if not any(m.country == h.country for m in out)]
    return tuple(sorted([*out, *hosts], key=lambda m: m.start)) if hosts and _RECEIVES.search(sentence) else tuple(out)


_ABOVE_UNITS = {"Bộ": 3, "Viện Hàn lâm": 3, "Tổng cục": 2, "Cục": 2}
_UNIT_OF_A_MINISTRY = re.compile(r"^(?:Bệnh viện|Trung tâm|Viện|Vụ|Cục|Phòng|Ban|Văn phòng|Học viện|Trường|Tổng cục|"
                                 r"Công ty|Tổng công ty)\b")


def _rank(name: str) -> int:
    return next((rank for head, rank in _ABOVE_UNITS.items() if re.match(rf"{head}\b", name)), 1)


def _ministry_above(unit: Mention, parent: Mention) -> bool:
    """A ministry (or its department) named after one of its units, of the same country."""
    return (unit.country == parent.country and bool(_UNIT_OF_A_MINISTRY.match(unit.name))
            and _rank(parent.name) > max(_rank(unit.name), 1) and _rank(parent.name) >= 2)


_PLACE_BEFORE_THE_OUTLET = re.compile(r"^\W*[A-ZĐ][\wÀ-ỹ.]*(?: [A-ZĐ][\wÀ-ỹ.]*){0,3}\s*\(\s*$")
_DATELINE_END = re.compile(r"^(?:\.[A-Za-z]{2,3})?\s*\)?\s*[-–]\s")
# 'làm việc với các doanh nghiệp trong Khu công nghiệp Nhơn Trạch': its members, none named (rule 4f)
_MEMBERS_OF = re.compile(r"\b(?:các|những|nhiều) (?:doanh nghiệp|công ty|đơn vị|nhà máy|cơ sở|nhà đầu tư)(?: \w+){0,2}? "
                         r"(?:trong|tại|của|thuộc|ở)\s+$")
_APPOSED = re.compile(r"^\s*[,–-]\s*$")
_SCHOOL = re.compile(r"^(?:Trường|Đại học|ĐH|Học viện)\b")


# the bodies that stand in brackets after their units: ministries, academies, national universities, groups
_PARENT_HEAD = re.compile(r"(?:Bộ|Viện Hàn lâm|Đại học Quốc gia|ĐHQG|Tập đoàn|Tổng công ty|UBND|Ủy ban nhân dân) ")


def _same_country_or_unknown(named: Mention, listed: Mention) -> bool:
    return {named.country, listed.country} != {"VN", "KR"} or _names_alike(named.name, listed.name)


_NAME_WORDS_LEFT_OUT = {"han", "quoc", "viet", "nam", "va", "cua", "tai"}


def _names_alike(written: str, listed: str) -> bool:
    """'Cục Xã hội Thông tin Quốc gia (NIA)' is the listed 'Cơ quan Xã hội Thông tin Quốc gia Hàn Quốc' under
    another head; 'Trung tâm Hỗ trợ khởi nghiệp sáng tạo quốc gia (NSSC)' shares only the acronym with Korea's NSSC."""
    def words(name: str) -> set[str]:
        return set(fold(_without_head(name)).split()) - _NAME_WORDS_LEFT_OUT
    mine, theirs = words(written), words(listed)
    return bool(mine) and len(mine & theirs) * 2 >= len(mine)


_BELONGS_TO = re.compile(r"^\W*(?:trực )?thuộc\b|^\s*của\b")  # '(thuộc X)' names the parent, not the same body
_UNIT = re.compile(r"^(?:Khoa|Bộ môn|Trung tâm|Câu lạc bộ|Phòng|Viện|Ban)\b")


def _korea_studies_of_a_vietnamese_body(unit: Mention, parent: Mention) -> bool:
    """A unit named for its subject, Korea ('Trung tâm Nghiên cứu Hàn Quốc', 'Câu lạc bộ Tiếng Hàn Quốc'),
    belongs where its parent body does."""
    return unit.country == "KR" and unit.canonical is None and bool(_UNIT.match(unit.name)) and parent.country == "VN"


# 'A làm việc với B về tiến độ dự án của Tập đoàn C': C's project is what they talk about, C is not there
# the loans a project draws on ('các dự án sử dụng vốn vay EDCF'), a joint committee that is the meeting itself
# ('Kỳ họp lần thứ 10 Ủy ban Hỗn hợp'), the many places a project serves ('cho 5 tỉnh Tây Nguyên'; one place after
# 'tại' or 'cho' may be a party's: the annotated parties hold such)
_FUNDS = re.compile(r"\b(?:vốn(?: vay)?(?: ODA)?(?: (?:của|từ))?|vay (?:vốn )?(?:từ|của))\s+$")  # 'Hiệp định vay từ Quỹ …'
# 'CJ CheilJedang, công ty thực phẩm chủ lực thuộc Tập đoàn CJ': the apposition names the parent, no second party
_DESCRIBED_AS_PART_OF = re.compile(r"^\s*,\s*(?:[a-zà-ỹđ]+\s+){1,6}(?:trực\s+)?thuộc\s+$")
# 'ba viện nghiên cứu thuộc Bộ Công Thương gồm …', 'các đơn vị trực thuộc Bộ': the members sign, not the parent
_MEMBERS_OF_A_PARENT = re.compile(
    r"\b(?:các|những|hai|ba|bốn|năm|sáu|\d+)\s+(?:viện|đơn vị|trường|bệnh viện|công ty|doanh nghiệp|cơ quan|"
    r"trung tâm|tổng công ty)(?: [a-zà-ỹ]+){0,3} (?:trực )?thuộc\s+$", re.IGNORECASE)
_JOINT_COMMITTEE = re.compile(r"^(?:Ủy ban|Tiểu ban|Ủy ban Liên) [Hh]ỗn\b")
_BARE_PLACE = re.compile(r"^(?:tỉnh|thành phố|huyện|quận|xã|phường|thị xã)\s")
_SERVED = re.compile(r"\bcho (?:các|\d+|nhiều|những)\s+$")
_TOPIC_OF = re.compile(r"\bvề\b[^,.;()]{0,50}\b(?:của|tại|ở)\s+$"  # 'về dự án … tại huyện Kỳ Sơn': a topic too
                       # 'Thỏa thuận khung về Quỹ Hợp tác phát triển kinh tế (EDCF) … giữa A và B': the document's subject
                       r"|\b(?:văn kiện|thỏa thuận|hiệp định|bản ghi nhớ|biên bản|văn bản)(?: [a-zà-ỹđ]+){0,3} về\s+$",
                       re.IGNORECASE)
# the clause after the event's own: whom it serves, what it is like, whose experience it draws on; who is named
# there takes no part ('…, phục vụ nhà máy Hyundai Vinashin', '…, tương tự bản ghi nhớ đã ký với thành phố Incheon')
_ASIDE = re.compile(r"\b(?:phục vụ(?: cho)?|ứng dụng tại|dựa trên kinh nghiệm của|theo đề xuất của|dành cho|tương tự|vốn đã có|"
                    r"liên doanh với|sau khi đã (?:ký|trao đổi|làm việc)|mô hình (?:hợp tác )?(?:với|của)|"
                    r"theo (?:tiêu chuẩn|chuẩn|công nghệ) của|(?:cho|tại) (?:các )?nhà máy của)\b")
_BUILDING = re.compile(r"^(?:Trung tâm Hành chính|Trung tâm Hội nghị|Nhà khách|Khách sạn|Hội trường|Nhà hát|Cung Văn hóa|"
                       r"Nhà Quốc hội|Nhà Văn hóa)\b")
_RECEIVES = re.compile(r"\b(?:tiếp|đón|làm việc|hội đàm|hội kiến)\b")


# 'Ngày 19/6, Sở Ngoại vụ cho biết, chiều 16/6, lãnh đạo Sở đã làm việc …': the day of the report, then the event's
_REPORTED = re.compile(r"\b(?:cho biết|cho hay|thông báo|thông tin(?=,| rằng)|công bố)\b,?")


@lru_cache(maxsize=4096)
def _sentence_date(sentence: str, published: dt.date | None) -> dt.date | None:
    report = _REPORTED.search(sentence)
    if report is not None and report.start() < 130:
        told = parse_date(sentence[report.end() :], published)
        if told is not None and find_dates(sentence[: report.start()]):
            return told
    return parse_date(sentence, published)


_ONLINE = re.compile(r"trực tuyến|hình thức trực tuyến|online|cầu truyền hình")


_AT_PLACE = re.compile(
    r"\btại\s+(?:trụ sở\s+)?(?:[^,.;]{0,40}?)("
    + _trie_pattern(VN_PLACES | KR_PLACES) + r")"
)


def _location(sentence: str, vn: list[Mention]) -> str | None:
    if _ONLINE.search(sentence.lower()):
        return "trực tuyến"
    offices = []
    for match in _AT_PLACE.finditer(sentence):
        if not _KOREAN_OFFICE_BEFORE.search(sentence[: match.start()]):
            return _normal_place(match.group(1))
        offices.append(match.group(1))  # '(KOTRA) tại Hà Nội': where the guest's office is, not the venue
    if _ABROAD_DELEGATION.search(sentence) and not any(f" {m.name}" in sentence for m in vn):
        vn = []  # 'Ngày 9/6, đoàn làm việc với tỉnh Chungcheongnam': the province's delegation is the guest
    for mention in vn:
        if _VISITING.search(sentence, 0, max(0, sentence.find(mention.name))):
            continue  # 'đoàn công tác tỉnh Lâm Đồng làm việc với …': the province is not where it happens
        if _HOST_OF_A_PLACE.match(mention.name):
            places = places_in(mention.name)
            if places:
                return _normal_place(places[0][1])  # rule 8: a local government receives in its own province
    return _normal_place(offices[0]) if offices else None


# 'Lễ ký diễn ra tại …', 'Buổi làm việc được tổ chức tại …': the venue of the event just told
_VENUE_TOLD = re.compile(r"^\W*(?:buổi|lễ|cuộc) (?:ký|làm việc|tiếp|hội đàm|gặp)(?: kết)?(?: [^,.;]{0,30}?)? "
                         r"(?:đã |được )?(?:diễn ra|được tổ chức|tổ chức) (?:tại|ở)\b")
# rule 8: a provincial or city government, one of its bodies, or a host whose name carries its place
# ('Sở Ngoại vụ thành phố Đà Nẵng', 'Bệnh viện Đa khoa tỉnh Quảng Ninh', 'Trường Đại học Y Dược Cần Thơ')
_HOST_OF_A_PLACE = re.compile(r"(?:UBND|Ủy ban|HĐND|Hội đồng nhân dân|Thành ủy|Tỉnh ủy|tỉnh|thành phố|TP|Sở|"
                              r"Ban Quản lý|Công an|Bệnh viện|Trường|Đại học|Trung tâm|Hội)\b")
# a Vietnamese province's delegation: its province is not the venue (rule 8 gives the host's)
_VISITING = re.compile(r"\b[Đđ]oàn(?: công tác| đại biểu| cán bộ)?(?: của)?(?: lãnh đạo)?\s+$")
_ABROAD_DELEGATION = re.compile(r"^\W*(?:[^,]{0,40},\s*)?(?:cả )?đoàn(?: công tác| đại biểu)?\b", re.IGNORECASE)
# 'Tổng Lãnh sự Hàn Quốc tại', 'Cơ quan … (KOTRA) tại', 'KOICA tại': a Korean body's office in a city
_KOREAN_OFFICE_BEFORE = re.compile(r"(?:Hàn Quốc|Korea|\)|\b[A-Z]{3,}) ?$")


def _normal_place(place: str) -> str:
    return {"TPHCM": "TP. Hồ Chí Minh", "TP.HCM": "TP. Hồ Chí Minh", "Hồ Chí Minh": "TP. Hồ Chí Minh",
            "Thừa Thiên Huế": "Huế", "Bà Rịa": "Bà Rịa - Vũng Tàu", "Vũng Tàu": "Bà Rịa - Vũng Tàu"}.get(place, place)


def _org_key(name: str) -> str:
    key = f" {fold(name)} "
    for long_form, short_form in _KEY_FORMS:
        key = key.replace(long_form, short_form)
    return key.strip()


def _without_place_word(key: str) -> str:
    """A place word inside a name is optional: 'Sở KH&CN Đồng Nai' is 'Sở KH&CN tỉnh Đồng Nai'."""
    head, _, rest = key.partition(" ")
    return " ".join([head, *_INNER_PLACE_WORD.sub(" ", f" {rest} ").split()])


_INNER_PLACE_WORD = re.compile(r" (?:tinh|tp)(?= )")


# one spelling for the forms the press alternates between ('thành phố Suwon' and 'TP Suwon')
_KEY_FORMS = (
    (" khoa hoc va cong nghe ", " kh va cn "), (" thanh pho ", " tp "),
    (" tp ho chi minh ", " tp hcm "), (" tp tp hcm ", " tp hcm "), (" chinh quyen ", " "),
    # a locality and its People's Committee are one side ('TP.HCM', 'UBND TP.HCM')
    (" uy ban nhan dan ", " "), (" ubnd ", " "),
)


_OFFICE = re.compile(r"^Văn phòng (?:đại diện )?(?:của )?(?P<core>.+?)(?: tại)?(?: Việt Nam| Hà Nội| TP\.? ?HCM)?$")


def _office_of(office: Mention, body: Mention) -> bool:
    """'Văn phòng KOICA Việt Nam' speaks for KOICA in one story: one side when merging its readings."""
    if body.acronym and office.name.startswith(f"{body.acronym} tại "):
        return True  # 'KOTRA tại TP.HCM', the agency's office in the city
    match = _OFFICE.match(office.name)
    if match is None or body is office or body.name.startswith("Văn phòng"):
        return False
    core = match["core"]
    return core in {body.acronym, body.name, body.canonical} or (
        body.acronym is not None and core.split()[0] == body.acronym)


def _abbreviates(short: str, full: str) -> bool:
    """'Viện Hàn lâm KHCNVN' is 'Viện Hàn lâm Khoa học và Công nghệ Việt Nam': its last word spells the
    initials of the other name's rest (the press's abbreviations: 'Bộ GD&ĐT', 'KH&CN')."""
    mine, theirs = short.split(), full.split()
    while len(mine) > 1 and len(theirs) > 1 and mine[-1] == theirs[-1]:  # '… Bắc Kạn' after both
        mine, theirs = mine[:-1], theirs[:-1]
    shared = 0
    while shared < min(len(mine), len(theirs)) - 1 and mine[shared] == theirs[shared]:
        shared += 1
    if not shared or len(mine) != shared + 1 or not mine[-1].replace("&", "").isupper():
        return False
    initials = "".join(w[0] for w in theirs[shared:] if w not in {"và", "&", "-", "–"})
    return len(initials) >= 3 and fold(initials).replace(" ", "") == fold(mine[-1].replace("&", "")).replace(" ", "")


def _same_org(a: Mention, b: Mention) -> bool:
    if _office_of(a, b) or _office_of(b, a) or _abbreviates(a.name, b.name) or _abbreviates(b.name, a.name):
        return True
    if a.canonical and b.canonical:
        return a.canonical == b.canonical
    fa, fb = _org_key(a.name), _org_key(b.name)
    if a.acronym and b.acronym and a.acronym == b.acronym:
        return True
    if _named_by_acronym(a, fb) or _named_by_acronym(b, fa):
        return True
    short, long_ = sorted((fa, fb), key=len)
    return fa == fb or (len(short) >= 8 and short in long_) or _without_place_word(fa) == _without_place_word(fb)


def _named_by_acronym(full: Mention, short_key: str) -> bool:
    """'Viện KAIST' in a headline is the body's 'Viện Khoa học và Công nghệ tiên tiến Hàn Quốc (KAIST)'."""
    if not full.acronym:
        return False
    words = short_key.split()
    return len(words) <= 3 and fold(full.acronym) == words[-1]


def _overlap(xs: list[Mention], ys: list[Mention]) -> bool:
    return any(_same_org(x, y) for x in xs for y in ys)


def _sides_meet(xs: list[Mention], ys: list[Mention]) -> bool:
    return any(_same_side(x, y) for x in xs for y in ys)


_PLACE_WORD = r"(?:tỉnh|thành phố|tp\.?)"  # matched without case
_COUNCILS = r"(?:UBND|Ủy ban [Nn]hân dân|HĐND|Hội đồng [Nn]hân dân)"  # People's Committees and Councils
_BARE_LOCALITY = re.compile(rf"^{_PLACE_WORD}\s*(?P<place>.+)$", re.IGNORECASE)
_LOCAL_GOVERNMENT = re.compile(
    rf"^(?:tỉnh ủy|thành ủy|ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân)\s+(?:{_PLACE_WORD}\s*)?", re.IGNORECASE)


def _locality_of_its_government(bare: Mention, body: Mention) -> bool:
    """'tỉnh Nghệ An' in a headline and 'Tỉnh ủy Nghệ An' in the body: one side, named loosely and fully."""
    locality = _BARE_LOCALITY.match(bare.name)
    government = _LOCAL_GOVERNMENT.match(body.name)
    if locality is None or government is None:
        return False
    return fold(body.name[government.end() :]) == fold(locality["place"])


_UNNAMED_GOVERNMENT = re.compile(rf"^(?:{_COUNCILS} (?:tỉnh|thành phố)|Tỉnh ủy|Thành ủy)$")
_LOCAL = re.compile(rf"^(?:{_COUNCILS}|Tỉnh ủy|Thành ủy|[Tt]ỉnh|[Tt]hành phố|TP)\b")


def _names_the_unnamed(unnamed: Mention, named: Mention) -> bool:
    """'UBND tỉnh' (a province's own paper) and 'UBND tỉnh Bình Dương' or 'tỉnh Bình Dương': one side."""
    return bool(_UNNAMED_GOVERNMENT.match(unnamed.name)) and named is not unnamed and bool(
        _LOCAL.match(named.name)) and not _UNNAMED_GOVERNMENT.match(named.name)


def _loosely_one(bare: Mention, full: Mention) -> bool:
    return _locality_of_its_government(bare, full) or _names_the_unnamed(bare, full)


def _same_side(a: Mention, b: Mention) -> bool:
    return _same_org(a, b) or _loosely_one(a, b) or _loosely_one(b, a)


def _joined(first: list[Mention], more: list[Mention]) -> list[Mention]:
    """The mentions of two readings of one event; a bare or unnamed locality gives way to the named one."""
    union = _union(first, more)
    return [m for m in union if not any(_loosely_one(m, o) for o in union)]


# an earlier document the new one replaces: 'thay cho Bản ghi nhớ ký năm 2009'
_REPLACED = re.compile(r"\bthay (?:cho|thế)(?: cho)? (?:các |những )?(?:biên bản ghi nhớ|bản ghi nhớ|mous?)\b")


def _calls_a_document_an_mou(title: str, text: str, published: dt.date | None) -> bool:
    """Rule 2: the story calls its document an MOU somewhere; an MOU of its background does not count."""
    for sentence in [title, *(s for p in text.split("\n\n") for s in split_sentences(p))]:
        lower = _REPLACED.sub(" ", _SIGNED_IN_A_PAST_YEAR.sub(" ", sentence.lower()))
        if _MOU.search(lower) and not _is_background(sentence, published):
            return True
    return False


def _another_signing_s_mou(agreement: Candidate, mous: list[Candidate]) -> bool:
    """The story's MOU is a signing of another day or of other bodies on both sides: the agreement keeps its type."""
    return agreement.date is not None and any(
        not _overlap(m.kr, agreement.kr) and (m.date != agreement.date or not _sides_meet(m.vn, agreement.vn))
        for m in mous)


def _merge(candidates: list[Candidate], has_mou: bool) -> list[Candidate]:
    """One event per signing or meeting: the same parties and type in several sentences are one."""
    merged: list[Candidate] = []
    mous = [c for c in candidates if c.type is EventType.MOU]
    for cand in candidates:
        if has_mou and cand.type is EventType.AGREEMENT and not cand.listed and not (
                _NAMED_DOCUMENT.search(cand.sentence.lower()) and not _MOU.search(cand.sentence.lower())) and not (
                _another_signing_s_mou(cand, mous)):
            cand.type = EventType.MOU
        target = next(
            (m for m in merged if m.type is cand.type and _sides_meet(m.vn, cand.vn) and _overlap(m.kr, cand.kr)
             and (m.date is None or cand.date is None or m.date == cand.date)),
            None,
        )
        if target is None:
            merged.append(cand)
            continue
        target.date = target.date or cand.date
        target.location = target.location or cand.location
        target.evidence += [e for e in cand.evidence if e not in target.evidence]
        target.vn = _joined(target.vn, cand.vn)
        target.kr = _union(target.kr, cand.kr)
        target.certainty = _lowest(target.certainty, cand.certainty)
    return _meetings_into_signings(merged)


def _lowest(*values: float | None) -> float | None:
    return min((v for v in values if v is not None), default=None)


# a document its sentence names as no memorandum: another story's 'MOU' does not retype it
_NAMED_DOCUMENT = re.compile(r"\bký(?: kết)? (?:bản |các )?(?:kế hoạch hành động|hiệp định|chương trình hợp tác|hợp đồng)")


def _meetings_into_signings(merged: list[Candidate]) -> list[Candidate]:
    """Rule 3: a meeting of a signing's parties on its day is the signing. So is a dated meeting of the
    parties of a signing the story gives no day for, unless another signing has a day (the undated
    one may then be a headline read wrong); the signing takes the meeting's day and place."""
    signings = [m for m in merged if m.type is not EventType.MEETING]
    undated_ok = not any(s.date for s in signings)
    kept: list[Candidate] = []
    for m in merged:
        same = None if m.type is not EventType.MEETING else next(
            (s for s in signings if _overlap(m.vn, s.vn) and _overlap(m.kr, s.kr)
             and (m.date is None or s.date == m.date or (s.date is None and undated_ok))), None)
        if same is None:
            kept.append(m)
            continue
        same.date = same.date or m.date
        same.location = same.location or m.location
    return kept


def _headline_told_again(merged: list[Candidate], title: str) -> list[Candidate]:
    """A headline that describes a partner ('Agribank và Ngân hàng Nông nghiệp Hàn Quốc ký MOU') tells the
    body's one dated event of its kind that shares a side with it ('… và Ngân hàng NongHyup đã ký …')."""
    kept = []
    for cand in merged:
        same_kind = [m for m in merged if m is not cand and _one_kind(m.type, cand.type)]
        told = cand.date is None and cand.sentence == title and len(same_kind) == 1
        body = same_kind[0] if told else None
        if body is None or body.date is None or not (_sides_meet(body.vn, cand.vn) or _overlap(body.kr, cand.kr)):
            kept.append(cand)
    return kept


def _one_kind(a: EventType, b: EventType) -> bool:
    signings = {EventType.MOU, EventType.AGREEMENT}
    return a is b or {a, b} <= signings


PAST_EVENT_DAYS = 180


def _drop_past(events: list[Candidate]) -> list[Candidate]:
    """Rule 4c: a signing dated half a year or more before the story's newest event is background."""
    dates = [e.date for e in events if e.date is not None]
    if not dates:
        return events
    newest = max(dates)
    return [e for e in events if e.date is None or (newest - e.date).days < PAST_EVENT_DAYS]


def _union(first: list[Mention], more: list[Mention]) -> list[Mention]:
    """Mentions of distinct organisations; of two mentions of one, the fuller name is kept."""
    unique: list[Mention] = []
    for mention in [*first, *more]:
        index = next((i for i, u in enumerate(unique) if _same_org(u, mention)), None)
        if index is None:
            unique.append(mention)
            continue
        kept = unique[index]
        fuller = mention if len(mention.name) > len(kept.name) else kept
        unique[index] = Mention(
            kept.start, kept.end, fuller.name, kept.acronym or mention.acronym, kept.country,
            kept.canonical or mention.canonical,
        )
    return unique


def _parties(mentions: list[Mention]) -> tuple[Party, ...]:
    return tuple(Party(name=m.name, acronym=m.acronym) for m in _joined([], mentions))


# ---------------------------------------------------------------- which organisations are the parties


def party_choices(
    title: str, text: str, candidates: list[Candidate]
) -> list[tuple[Candidate, str, list[Mention], list[tuple[Mention, dict[str, float]]]]]:
    """For each side of each candidate naming several organisations: each mention with its features."""
    keys: tuple[str, str] | None = None  # folded for the first side to choose among: most stories have none
    out = []
    for cand in candidates:
        for side in ("vn", "kr"):
            mentions: list[Mention] = getattr(cand, side)
            if len(mentions) < 2 or cand.rostered:
                continue
            keys = keys or (fold(title), fold(f"{title} {text}"))
            title_key, article_key = keys
            scored = [(m, mention_features(_placed(m, cand.sentence), mentions, cand.sentence, title_key, article_key))
                      for m in mentions]
            out.append((cand, side, mentions, scored))
    return out


_VENUE_BEFORE = re.compile(r"\b(?:tại|ở)\s+(?:trụ sở\s+)?$")  # 'tại Khu công nghệ cao Hòa Lạc (Hà Nội), A và B ký'
_SUBJECT_TO_VERB = re.compile(r"^\s*(?:\([^()]{1,60}\))?[^,;.()]{0,30}$")  # 'A, B và C (Hàn Quốc) đã ký'
_LIST_LINK = re.compile(r"^\s*(?:\([^()]{1,60}\))?\s*(?P<link>,\s*và|,|và)\s*$")


def _with_their_list(sentence: str, mentions: list[Mention], chosen: list[Mention]) -> list[Mention]:
    """'A, B và C (Hàn Quốc) đã ký …': the bodies of one list ('A, B và C', not an apposition 'A, B') take part
    together, so a side's body listed beside a chosen one is chosen too."""
    named = sorted((m for m in find_orgs(sentence)  # an acronym in brackets is the name before it again
                    if sentence.count("(", 0, m.start) <= sentence.count(")", 0, m.start)
                    and not _VENUE_BEFORE.search(sentence, max(0, m.start - 20), m.start)), key=lambda m: m.start)
    lists: list[list[Mention]] = []
    joined_by_and = False
    for previous, mention in pairwise(named):
        link = _LIST_LINK.match(sentence[previous.end : mention.start])
        if link is None:
            if lists and not joined_by_and:
                lists.pop()
            joined_by_and = False
            continue
        if lists and lists[-1][-1] is previous:
            lists[-1].append(mention)
        else:
            if lists and not joined_by_and:
                lists.pop()
            lists.append([previous, mention])
            joined_by_and = False
        joined_by_and = joined_by_and or "và" in link["link"]
    if lists and not joined_by_and:
        lists.pop()
    out = list(chosen)
    spans = {(m.start, m.end) for m in chosen}
    trigger = _TRIGGER.search(sentence.lower())
    for members in lists:
        if trigger is None or not spans & {(m.start, m.end) for m in members}:
            continue
        before_the_verb = members[-1].end <= trigger.start() and _SUBJECT_TO_VERB.match(
            sentence[members[-1].end : trigger.start()])
        after_with = members[0].start >= trigger.end() and sentence[: members[0].start].endswith("với ")
        if not (before_the_verb or after_with):
            continue  # a list of organisers, hosts or venues around the event, not its sides
        out += [m for m in mentions if (m.start, m.end) in {(o.start, o.end) for o in members} and m not in out]
    return out


def _subject_of_the_trigger(sentence: str, mentions: list[Mention], kept: list[Mention]) -> Mention | None:
    """'UBND tỉnh Đồng Nai đã làm việc với Công ty TNHH Posco Việt Nam và Tập đoàn POSCO Holdings': the side's one
    body before the verb hosts the meeting, whoever else of its country came with the guest."""
    trigger = _TRIGGER.search(sentence.lower())
    if trigger is None:
        return None
    placed = [(_placed(m, sentence), m) for m in mentions]
    before = [(p, m) for p, m in placed if p.end <= trigger.start()]
    after_only = all(p.start >= trigger.end() for p, m in placed if m in kept)
    if len(before) != 1 or not after_only:
        return None
    placed_subject, subject = before[0]
    # 'Bộ TT&TT đã tổ chức Lễ ký kết … giữa A và B': who holds the ceremony or watches it signs nothing
    return None if _HOLDS_OR_WATCHES.search(sentence[placed_subject.end : trigger.start()]) else subject


_HOLDS_OR_WATCHES = re.compile(r"\b(?:tổ chức|chứng kiến|tham dự|dự|phối hợp|chủ trì)\b", re.IGNORECASE)


def _placed(mention: Mention, sentence: str) -> Mention:
    """The mention with offsets in `sentence` (merged candidates gather mentions from several)."""
    if sentence[mention.start : mention.end] == mention.name:
        return mention
    at = sentence.find(mention.name)
    if at < 0:
        return mention
    return Mention(at, at + len(mention.name), mention.name, mention.acronym, mention.country, mention.canonical)


# ---------------------------------------------------------------- reading the article as a whole

LEAD_SENTENCES = 8
# a line that names a side of the event: its delegates, its people by name, the pair ('thỏa thuận giữa A và B')
# an interview's answer or a speech in the first person ('Chúng tôi đã ký biên bản ghi nhớ với …'): a tally of
# what was done, not the report of an event
_SPOKEN = re.compile(r"^\W*(?:[^:]{1,40}:\s*)?[\"“]?\s*(?:chúng tôi|tôi|nhà trường chúng tôi)\b|^\W*(?:PV|Phóng viên)\s*:",
                     re.IGNORECASE)
_ONCE = re.compile(r"\btừng\b")  # 'Ông Kim từng dẫn dắt CLB Jeonbuk Hyundai Motors': what was, not who is here


def _names_a_side(line: str) -> bool:
    """A line that names a side of the event: a trigger's, a delegation's, a delegate's or a headline's."""
    return bool(_DELEGATION_NAMED.search(line) or _event_type(line) or _TAKES_PART.search(line) or line.isupper())


_TAKES_PART = re.compile(r"\b(?:[Đđ]ại diện|[Ll]ãnh đạo|[Hh]ai bên|[Pp]hía|giữa)\b|\b(?:[Ôô]ng|[Bb]à|TS\.?|GS\.?) [A-ZĐ]")
_OTHER_PARTNERS = re.compile(r"\b(?:còn|đã|từng) hợp tác\b|\bnhà đầu tư\b|\bdự án (?:của|như)\b", re.IGNORECASE)


_UNNAMED_SUBJECT = re.compile(r"^\W*(?:[^,]{0,50},\s*)?(?:các|nhiều|những) (?:nhà khoa học|đại biểu|chuyên gia|nhà nghiên cứu|"
                             r"doanh nghiệp|nhà đầu tư|sinh viên|học sinh|giảng viên|bác sĩ)\b")
_UNNAMED_PARTNER = re.compile(r"\b(?:với|tiếp) (?:các|một số|nhiều|những|đại diện (?:các|một số)) [a-zđà-ỹ]")


# the same gathering as the lead's ('Tại buổi lễ, hai trường đã ký …'), or a signing just done
_AT_THE_SAME_TIME = re.compile(r"^\W*(?:tại (?:buổi|lễ|phiên|hội|cuộc|đây)|trong (?:buổi|khuôn khổ)|cũng tại|bên lề|"
                               r"cùng ngày|nhân dịp|(?:cũng )?(?:trong |nhân )?dịp này)|\b(?:vừa|mới đây|hôm nay)\b")


def _aside_of_the_lead_s_own_event(lines: list[str], trigger_at: int, titled: bool, published: dt.date | None) -> bool:
    """'Sáng 5/9, Trường … tổ chức lễ khai giảng. Nhà trường đã ký kết hợp tác với Đại học Kyung Hee …': the lead
    dates the story's own, other event; an undated 'đã ký' further down is its background (rule 4c)."""
    first = 1 if titled else 0
    if trigger_at <= first:
        return False
    trigger = lines[trigger_at]
    lower = trigger.lower()
    if not re.search(r"\bđã\b", lower) or _AT_THE_SAME_TIME.search(lower) or _sentence_date(trigger, published):
        return False
    lead = lines[first]
    return _event_type(lead) is None and opening_day(lead, published) is not None


def read_document(title: str, text: str, published: dt.date | None) -> Candidate | None:
    """The parties from the headline and lead, the trigger and day from the lead's sentences.

    For stories that never put both sides and the verb in one sentence: 'X và Y (Hàn Quốc) hợp tác …'
    in the headline, 'Tại buổi làm việc, …' or 'Chiều 5/3, hai bên đã ký …' further down.
    """
    all_sentences = [s for p in text.split("\n\n") for s in split_sentences(p)]
    sentences = all_sentences[:LEAD_SENTENCES]
    lines = ([title] if title else []) + sentences
    triggers = [(i, k) for i, line in enumerate(lines) if (k := _event_type(line)) is not None]
    if not triggers:
        return None
    settled = [(i, k) for i, k in triggers
               if not _not_held(lines[i]) and not _is_background(lines[i], published) and not _SPOKEN.search(lines[i])
               and not _ATTENDANCE.search(lines[i].lower())  # 'Tham dự hội đàm có Bộ trưởng …': who sat in
               and not _dated_ahead(lines[i], published)
               and not (k is EventType.MEETING and _LEADER_RECEIVES.search(lines[i]))]
    if not settled:
        return None  # only plans ('sẽ ký') or background ('Năm 2023 … đã ký'): no event
    trigger_at, kind = settled[0]
    if _aside_of_the_lead_s_own_event(lines, trigger_at, bool(title), published):
        return None
    trigger_orgs = _parties_in(lines[trigger_at])
    if title and trigger_at == 0:
        trigger_orgs = _as_the_text_tells(trigger_orgs, text)
    if _counterpart_not_of_the_other_country(lines[trigger_at], trigger_orgs) or any(
        _counterpart_not_of_the_other_country(lines[i], _parties_in(lines[i])) for i, _ in settled[:2]
    ):
        return None  # 'Bắc Ninh tiếp Đại sứ Ấn Độ. … nhà máy của Tập đoàn Samsung (Hàn Quốc)': the Korean body is aside
    trigger_sides = {m.country for m in trigger_orgs}
    if (_UNNAMED_PARTNER.search(lines[trigger_at]) or _UNNAMED_SUBJECT.match(lines[trigger_at])) and len(trigger_sides) < 2:
        return None  # rule 4f: '… làm việc với các sở ngành', 'các nhà khoa học đã gặp gỡ': the partners are not named
    vn: list[Mention] = []
    kr: list[Mention] = []
    foreign_story = bool(FOREIGN.search(" ".join(lines[:3])))
    named_at: int | None = None  # the line that completes both sides
    for i, line in enumerate(lines[: max(trigger_at + 2, 3)]):
        if i != trigger_at and _is_background(line, published):
            continue  # 'Trước đó, Bộ cũng đã ký với KOICA năm 2020': another partner, another time
        if i > trigger_at and (not _names_a_side(line) or _ONCE.search(line)):  # a later line names a side, now
            continue
        orgs = _as_the_text_tells(_parties_in(line), text) if title and i == 0 else _parties_in(line)
        line_vn = [m for m in orgs if m.country == "VN"]
        line_kr = [m for m in orgs if m.country == "KR"]
        if FOREIGN.search(line) or foreign_story:
            line_vn = [m for m in line_vn if _surely_vietnamese(m)]
            line_kr = [m for m in line_kr if surely_korean(m, line)]
        vn = vn or line_vn
        kr = kr or line_kr
        if vn and kr and named_at is None:
            named_at = i
    if bool(vn) != bool(kr):  # one side named only further down ('Về phía Hàn Quốc có ông X, Chủ tịch Viện Y')
        for line in all_sentences:
            if _OTHER_PARTNERS.search(line) or _is_background(line, published) or _not_held(line):
                continue  # a partner of other days ('còn hợp tác với …', 'nhà đầu tư như …') is not this event's
            if not _names_a_side(line) or _ONCE.search(line):
                continue  # 'Đây là đường bay do hãng Vietjet khai thác': named aside, not as a side of the event
            orgs = _parties_in(line)
            if not kr:
                kr = [m for m in orgs if m.country == "KR" and surely_korean(m, line)][:1]
            if not vn and not FOREIGN.search(line):
                vn = [m for m in orgs if m.country == "VN"][:1]
            if vn and kr:
                break
    if not vn or not kr:
        return None
    trigger = lines[trigger_at]
    date = None if (title and trigger_at == 0) else _sentence_date(trigger, published)
    if date is None:
        date = next((d for line in sentences[:2] if _event_type(line) and (d := _sentence_date(line, published))), None)
    if date is None and named_at is not None and named_at < trigger_at and not (title and named_at == 0):
        # 'Ngày 15/8, A phối hợp với B tổ chức hội thảo. Bên lề hội thảo, hai trường đã ký …'
        date = _sentence_date(lines[named_at], published)
    if date is None and _AT_THE_GATHERING.match(trigger.lower()):
        # 'Ngày 15/6, … dự Hội nghị … Bên lề hội nghị, Thứ trưởng … đã có cuộc gặp với …'
        date = next((d for line in lines[1 if title else 0 : trigger_at] if (d := opening_day(line, published))), None)
    return Candidate(kind, date, vn, kr, _location(trigger, vn), trigger)


