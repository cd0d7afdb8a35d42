"""Organisations in Vietnamese news text: a gazetteer (data file) plus the patterns the press uses."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.cooperation import reference
from crawler.cooperation.normalize import FoldTable, fold
from crawler.cooperation.titles import title_prefixes, title_rules

# Words that open an organisation's name, longest first.
HEADS = [
    "Tổng Lãnh sự quán", "Đại sứ quán", "Lãnh sự quán", "Ủy ban nhân dân", "Ủy ban Nhân dân", "UBND",
    "Hội đồng nhân dân", "HĐND", "Hội đồng", "Thành ủy", "Tỉnh ủy", "Quận ủy", "Huyện ủy",
    "Ban Tuyên giáo", "Ban Quản lý", "Bộ", "Tổng cục", "Cục", "Sở", "Viện Hàn lâm", "Viện",
    "Học viện", "Trung tâm", "Trường Đại học", "Trường Cao đẳng", "Trường", "Đại học", "Cao đẳng", "ĐHQG", "ĐH",
    "Hiệp hội", "Liên hiệp", "Liên đoàn", "Nhóm Nghị sĩ", "Hội", "Tập đoàn", "Tổng công ty", "Tổng Công ty", "Công ty", "Ngân hàng",
    "Quỹ", "Cơ quan", "Văn phòng", "Bệnh viện", "Khu công nghệ cao", "Khu Công nghệ cao",
    "Công viên", "Quận", "Huyện", "quận", "huyện", "Ủy ban", "Hãng thông tấn", "Hãng", "Thông tấn xã",
    "Liên minh Hợp tác xã", "Hợp tác xã", "HTX",
    "Đài Truyền hình", "Đài Phát thanh", "Đài", "Nhà xuất bản", "Tổ chức", "Khoa", "Vụ", "Chi cục",
    "Khu công nghiệp", "Khu Công nghiệp", "Khu kinh tế", "Phòng Thương mại và Công nghiệp", "Phòng Thương mại",
    "Liên minh", "Mạng lưới", "Nhà máy", "Bảo tàng", "Thư viện", "Tòa án", "Viện Kiểm sát", "Công an",
    "Bộ Tư lệnh", "Cảnh sát", "Đảng ủy", "Tỉnh đoàn", "Thành đoàn", "Trung ương Đoàn", "Ban Chỉ đạo",
    "Ban", "Câu lạc bộ", "Doanh nghiệp", "Tạp chí", "Báo", "trường đại học", "đại học", "tập đoàn", "công ty", "hiệp hội", "tỉnh", "Tỉnh", "thành phố", "Thành phố", "TP.", "TP", "Tp.",
]
PLACE_HEADS = {"tỉnh", "Tỉnh", "thành phố", "Thành phố", "TP.", "TP", "Tp.", "Quận", "Huyện"}
_HEAD_RE = re.compile(
    r"(?<![\wÀ-ỹ])(?<!Tây )(" + "|".join(re.escape(h) for h in HEADS) + r")(?![\wÀ-ỹ])"  # 'Tây Ban Nha': Spain
    r"(?!\s+(?:trưởng|phó|viên|quản trị|Giám đốc|lãnh đạo|chủ nhiệm|điều hành|nghị|thảo|chợ|đàm|thi)\b)"
    r"(?<!Khoa(?= [Hh]ọc\b))"  # 'Viện Việt Nam học và Khoa học phát triển': science, not a faculty
)
_STOP_WORDS = {"đã", "đang", "sẽ", "vừa", "ký", "tổ", "chức", "tiếp", "làm", "về", "với", "tại", "nhằm", "trong", "cho", "để", "do", "là", "có", "được", "thuộc", "cùng", "đến", "thăm", "phối", "chủ", "hội", "trao", "gặp", "nhân", "vào", "sau", "khi", "theo", "từ", "bày", "cảm", "đánh", "giới", "mong", "này", "đó", "hai", "các", "những", "một", "ông", "bà", "chứng", "đại", "diện", "cũng", "thì", "mà", "nên", "như", "hướng", "trên", "dưới", "giữa", "ngày", "sáng", "chiều", "tối", "hôm", "năm", "tháng", "lần", "thực", "hỗ", "tham", "dự", "phát", "biểu", "biết", "nêu", "nhấn", "khẳng", "đồng", "chí", "ra", "lễ", "buổi"}
# verbs that end a name when they are written in lower case ('Trường ĐH FPT hợp tác ĐH Gachon')
_LOWER_VERBS = {"hợp", "thúc", "tăng", "kỳ", "góp", "bàn", "thảo", "cam", "ghi", "gửi", "mời", "đón", "chào", "dẫn", "đi", "sang", "kêu", "bắt", "ký", "gồm", "bao", "quan", "điều", "xây", "mở"}
_CAPITAL_STOPS = {"ông", "bà", "ngày", "sáng", "chiều", "tối", "hôm", "tại", "với", "đã", "sẽ", "về", "trong"}
_ENUMERATION = re.compile(
    r"^,\s*[A-ZĐ][\wÀ-ỹ]*(?:\s+[a-zà-ỹđ][\wÀ-ỹ]*){0,3}(?:,\s*[A-ZĐ][\wÀ-ỹ]*(?:\s+[a-zà-ỹđ][\wÀ-ỹ]*){0,3})*"
    r"\s+và\s+[A-ZĐ]"
    # and in lower case when a place closes the name: 'Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh Hưng Yên'
    r"|^,\s*[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+){0,2}(?:,\s*[a-zà-ỹđ]+(?:\s+[a-zà-ỹđ]+){0,2})*\s+và\s+[a-zà-ỹđ]+"
    r"(?:\s+[a-zà-ỹđ]+){0,2}\s+(?:tỉnh|thành phố|TP)\s+[A-ZĐ]"
)
# verbs and stop words inside names: 'Liên Hợp quốc', 'Trung tâm Khởi nghiệp sáng tạo', 'Ban Quản lý dự án'
_NAME_PAIRS = re.compile(r"hợp quốc\b|hợp tác xã\b|quan hệ quốc tế\b|điều dưỡng\b|sáng tạo\b|phát triển\b|hỗ trợ\b|"
                         r"tham nhũng\b|thực phẩm\b|thực nghiệm\b|thực hành\b|lương thực\b|cộng đồng\b|báo chí\b|nhi đồng\b|"
                         r"thực vật\b|xã hội\b|hải quan\b|đại học\b|đại dương\b|dự án\b|thế giới\b|vừa và nhỏ\b|"
                         r"các [Kk]hu (?:công nghiệp|chế xuất|kinh tế|[Cc]hế xuất)|các dự án\b")  # 'Ban Quản lý các khu …'
_MEMBERS = re.compile(r" (?:[Hh]ội|[Hh]iệp hội|[Dd]oanh nghiệp|[Nn]hà)\b")  # a federation's members, named with it
_HOI_EVENT = re.compile(r"\s*(?:đàm|thảo|nghị|kiến|chợ|ý|trại|diễn|đồng nghiệp)\b")
_VN_SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trương", "Lương", "Mai", "Trịnh", "Lâm", "Tạ", "Cao", "Châu", "Lưu", "Tô", "Thái", "Vương", "Quách", "Kiều", "Triệu", "Tăng", "Phùng", "Nghiêm", "Lại", "Thân", "Hứa", "Khúc", "Hầu", "Chu", "Từ", "Văn"}
_PLACE_TAKING_HEADS = {"UBND", "Ủy ban nhân dân", "Ủy ban Nhân dân", "HĐND", "Hội đồng nhân dân", "Thành ủy", "Tỉnh ủy",
                       "Quận ủy", "Huyện ủy", "tỉnh", "Tỉnh", "thành phố", "Thành phố", "TP.", "TP", "Tp.", "Sở", "Công an"}


_NAMED_AFTER_PEOPLE = {"Trường Đại học", "Trường Cao đẳng", "Trường", "Đại học", "Cao đẳng", "ĐH", "Học viện", "Bệnh viện",
                       "Quỹ", "trường đại học", "đại học", "Công viên", "Bảo tàng", "Thư viện"}


# Bodies of the state are named by their field, so a person's name right after the head is the official's:
# 'Chủ tịch Viện Hàn lâm Châu Văn Minh'.
_NEVER_NAMED_AFTER_PEOPLE = {"Viện Hàn lâm", "Bộ", "Sở", "Cục", "Tổng cục"}


_JUST_A_SPACE_BEFORE = re.compile(r"[\wÀ-ỹ.] ")


def _person_starts(word: str, rest: list[re.Match[str]]) -> bool:
    """A surname followed by two or more capitalised syllables (or one hyphenated given name)."""
    following = []
    for tok in rest[:3]:
        if not tok.group(0)[:1].isupper() or not _JUST_A_SPACE_BEFORE.fullmatch(tok.string, max(0, tok.start() - 2),
                                                                                 tok.start()):
            break  # '… Việt Nam (PV Power)': a bracket between the words, no person's name
        following.append(tok.group(0))
    if word in _VN_SURNAMES:
        return len(following) >= 2
    if word in _KR_SURNAMES:
        following = following[: next((i for i, w in enumerate(following) if not w.isascii()), len(following))]
        # 'Điện lực Nam Hàn Quốc': a romanised given name follows a Korean surname, not 'Hàn Quốc'
        return len(following) >= 2 or (len(following) == 1 and "-" in following[0])
    return False


def _ends_with_place(name: str) -> bool:
    words = name.split()
    places = _all_places()
    return any(" ".join(words[-n:]) in places for n in range(1, min(len(words), 4) + 1))


@lru_cache(maxsize=1)
def _all_places() -> frozenset[str]:
    return frozenset(VN_PLACES | KR_PLACES)


@lru_cache(maxsize=2)
def _place_finder(korean: bool) -> re.Pattern[str]:
    """Every place of one side wherever it stands in a text (inside words too), the longest at each position.

    One trie pass instead of a substring test per place: the reference lists hold thousands.
    """
    return re.compile("(?=(" + _trie_pattern(KR_PLACES if korean else VN_PLACES) + "))")


def places_in(text: str, korean: bool = False) -> list[tuple[int, str]]:
    """(position, place) of the places of one side in the text, in reading order."""
    found = [(m.start(), m.group(1)) for m in _place_finder(korean).finditer(text)]
    if not korean and "Thái Bình Dương" in text:  # the Pacific ('châu Á - Thái Bình Dương'): neither province
        oceans = [m.span() for m in re.finditer("Thái Bình Dương", text)]
        found = [(at, place) for at, place in found if not any(a <= at < b for a, b in oceans)]
    return found


def has_place(text: str, korean: bool = False) -> bool:
    if not korean and "Thái Bình Dương" in text:
        return bool(places_in(text))
    return _place_finder(korean).search(text) is not None


_NHAN_FRAMING = re.compile(r"\s*(?:dịp|chuyến|kỷ niệm|sự kiện|ngày)\b")
TWO_WORD_ACRONYM = re.compile(r"[A-Z]{2,5} [A-Z][A-Za-z]{1,5}")  # 'PV Power', 'PV GAS'
_ACRONYM = re.compile(rf"^[A-ZĐ][A-Za-zĐ0-9&.-]{{1,14}}$|^{TWO_WORD_ACRONYM.pattern}$")
_ROMAN_KR = re.compile(
    r"(?:eo|eu|ae|oe|yeo|yu|yo|gy|gw|jj|kk|oo|ung$|ju$|gu$|buk$|nam$|do$|won$|san$|jeon|cheon|je$)"
)
# one Vietnamese syllable written without diacritics (Du, Long, Trung): not a foreign word
_VN_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|ươi|oai|oay|uoi|ieu|yeu|oa|oe|uy|ua|uo|ie|ye|ia|ai|ao|au|ay|eo|eu|oi|ui|iu|ou|[aeiouy])"
    r"(?:ng|nh|ch|[cmnpt])?$"
)
KR_PLACES = {"Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Ulsan", "Sejong", "Gyeonggi", "Gangwon", "Chungcheong", "Chungbuk", "Chungnam", "Jeolla", "Jeonbuk", "Jeonnam", "Jeollabuk", "Jeollanam", "Gyeongsang", "Gyeongbuk", "Gyeongnam", "Gyeongsangbuk", "Gyeongsangnam", "Chungcheongbuk", "Chungcheongnam", "Jeju", "Suwon", "Changwon", "Pohang", "Gumi", "Ansan", "Gimje", "Sangju", "Guro", "Gangnam", "Seongnam", "Yongin", "Goyang", "Hwaseong", "Cheongju", "Cheonan", "Jeonju", "Gimhae", "Andong", "Gyeongju", "Mokpo", "Yeosu", "Pangyo"}
# 'Mỹ' (the United States) is no country in 'Bảo tàng Mỹ thuật', 'Mỹ nghệ' or the places 'Mỹ Tho', 'Mỹ Đình'
FOREIGN = re.compile(
    r"Nhật Bản|Trung Quốc|Hoa Kỳ|\bMỹ\b(?! (?:thuật|nghệ|phẩm|Tho|Đình|Phước|Xuyên|Hào|Lộc|Khê|Sơn|Tú|Đức|Thạnh)\b)"
    # and the communes and wards whose names end in 'Mỹ' ('HTX … Thạnh Mỹ', 'Phú Mỹ'); 'Nam Mỹ', 'Bắc Mỹ' stay abroad
    + "".join(f"(?<!{w} Mỹ)" for w in ("Thạnh", "Phú", "An", "Bình", "Tân", "Hưng", "Xuân", "Vĩnh", "Hòa", "Hiệp",
                                        "Phước", "Thuận", "Thạch", "Quảng", "Tam", "Kim", "Hội", "Cẩm", "Hải", "Minh",
                                        "Thiện", "Long", "Mỹ"))
    + r"|Australia|\bÚc\b|Vương quốc Anh|\bAnh Quốc|Singapore|\bPháp\b(?! chế| luật| lý)|CHLB Đức|nước Đức|"
    r"Ấn Độ|Triều Tiên|CHDCND|Lào(?! Cai)|Campuchia|Thái Lan|châu Âu|\bEU\b|Nga\b|Canada|Israel|Ả Rập|Saudi|"
    r"Indonesia|Malaysia|Philippines|Đài Loan|Hà Lan|Thụy|Italy|Tây Ban Nha|New Zealand|Hungary|Séc|"
    r"Mông Cổ|Uzbekistan|Kazakhstan|Myanmar|Brunei|Timor|Pakistan|Bangladesh|Sri Lanka|Nepal|Mexico|Brazil|Chile|"
    r"Argentina|Cuba|Ai Cập|Nam Phi|Thổ Nhĩ Kỳ|Iran|Qatar|UAE|Ba Lan|Ukraine|Đan Mạch|Na Uy|Phần Lan|Bồ Đào Nha|"
    r"Hy Lạp|Romania|(?<=Đại sứ )Đức\b|(?<=Đại sứ quán )Đức\b|(?<=Cộng hòa Liên bang )Đức\b"
)
KOREA = re.compile(r"Hàn Quốc|\bHàn\b(?! [Ll]âm\b)|Korea|\bKR\b")  # not 'Viện Hàn lâm' (an academy)
_KOREA_AFTER = re.compile(r"\s*(?:\([^()]{0,80}?(?:Hàn Quốc|Korea)[^()]{0,20}\)|của Hàn Quốc|tại Hàn Quốc)")
_KOREA_AS_SUBJECT = re.compile(r"(?:Khoa|Bộ môn|Câu lạc bộ|CLB|Lớp)\b.*?(?:\b(?:[Tt]iếng|[Nn]gôn ngữ|[Vv]ăn hóa|[Vv]ăn học|"
                               r"[Nn]gữ văn)(?: và \w+(?: \w+)?)? Hàn\b|\bHàn Quốc học\b|\bHàn ngữ\b)")
_IN_KOREA_AFTER = re.compile(r"\s*tại Hàn Quốc")
_FOREIGN_AFTER = re.compile(r"\s*\((?:" + FOREIGN.pattern + r")\)")
VIETNAM = re.compile(r"Việt Nam|\bViệt\b|Vietnam")
VN_PLACES = set(
    """Hà Nội|Hồ Chí Minh|TPHCM|TP.HCM|Đà Nẵng|Hải Phòng|Cần Thơ|Huế|Thừa Thiên Huế|Bắc Ninh|Bắc Giang|
    Hải Dương|Hưng Yên|Thái Bình|Nam Định|Ninh Bình|Thanh Hóa|Nghệ An|Hà Tĩnh|Quảng Bình|Quảng Trị|
    Quảng Nam|Quảng Ngãi|Bình Định|Phú Yên|Khánh Hòa|Ninh Thuận|Bình Thuận|Đồng Nai|Bình Dương|
    Bà Rịa - Vũng Tàu|Bà Rịa|Vũng Tàu|Long An|Tiền Giang|Bến Tre|Vĩnh Long|Trà Vinh|Đồng Tháp|An Giang|
    Kiên Giang|Hậu Giang|Sóc Trăng|Bạc Liêu|Cà Mau|Lâm Đồng|Đắk Lắk|Đắk Nông|Gia Lai|Kon Tum|Lào Cai|
    Yên Bái|Hà Giang|Tuyên Quang|Cao Bằng|Lạng Sơn|Thái Nguyên|Phú Thọ|Vĩnh Phúc|Hòa Bình|Sơn La|
    Điện Biên|Lai Châu|Quảng Ninh|Hà Nam|Tây Ninh|Bình Phước|Bắc Kạn""".replace("\n", "").split("|")
)


_PLACE_HEAD_WORDS = re.compile(
    r"^(?:thủ đô|thành phố|tp\.?|tỉnh|quận|huyện|đảo|đặc khu|khu|thị xã|xã|phường)\s+", re.IGNORECASE
)


def _place_forms(places: tuple[reference.Place, ...]) -> set[str]:
    """A place's own name and spellings, without the administrative word before it ('Suwon', 'Bắc Gyeongsang')."""
    forms: set[str] = set()
    for place in places:
        for form in (place.name, *place.aliases):
            core = _PLACE_HEAD_WORDS.sub("", form).strip()
            if len(core) >= 3 and "," not in core and not re.search(r"\b(?:Metropolitan|Special|City|si|gun|gu)\b", core):
                forms.add(core)
        forms |= {f"{n[0].upper()}{n[1:]}" for n in place.nicknames} | {f"{n[0].lower()}{n[1:]}" for n in place.nicknames}
    return forms




@dataclass(frozen=True)
class KnownOrg:
    country: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    kind: str = ""
    acronyms: tuple[str, ...] = ()  # every acronym the lists give it ('ĐHQGHN', 'VNU'); `acronym` is the first


@dataclass(frozen=True)
class Mention:
    """An organisation named in a sentence."""

    start: int
    end: int
    name: str
    acronym: str | None
    country: str  # VN, KR or XX (another country)
    canonical: str | None = None  # the gazetteer's name, when the organisation is in it


@lru_cache(maxsize=1)
def gazetteer() -> tuple[KnownOrg, ...]:
    """The organisations of the reference lists (reference/*.toml, built from public knowledge)."""
    shared = reference.documented_conflicts()
    return tuple(
        KnownOrg(o.country, o.name, next((a for a in o.acronyms if a not in shared), None),
                 tuple(a for a in (*o.aliases, *([o.english_name] if o.english_name else []))
                       if fold(a) not in shared and _distinctive(a)), o.kind,
                 tuple(a for a in o.acronyms if a not in shared))
        for o in (*reference.kr_orgs(), *reference.vn_orgs())
        if o.name not in _NOT_PARTIES
    )


# leader-level bodies (rule 4a: talks between top leaders are not annotated)
_NOT_PARTIES = {"Chính phủ Hàn Quốc", "Chính phủ Việt Nam", "Văn phòng Tổng thống Hàn Quốc",
                "Văn phòng Thủ tướng Hàn Quốc", "Văn phòng Chủ tịch nước"}


def _distinctive(spelling: str) -> bool:
    """Matched without case, a spelling must not be a Vietnamese word too ('CU' is also 'cụ')."""
    folded = fold(spelling)
    return " " in folded or len(folded) >= 5


@lru_cache(maxsize=1)
def _gazetteer_index() -> tuple[dict[str, KnownOrg], dict[str, KnownOrg], re.Pattern[str]]:
    # every listed acronym names its body, and a body's first acronym wins over another's later one ('MOE')
    by_acronym = {a: o for o in gazetteer() for a in o.acronyms[1:]}
    by_acronym.update({o.acronym: o for o in gazetteer() if o.acronym})
    by_name: dict[str, KnownOrg] = {}
    for org in gazetteer():
        for form in (org.name, *org.aliases):
            by_name[fold(form)] = org
    pattern = re.compile(r"(?<![a-z0-9])(" + _trie_pattern(by_name) + r")(?![a-z0-9])")
    return by_acronym, by_name, pattern


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many strings, as a trie: thousands of names cost one pass.

    Longer names win: at each branch the alternatives are tried longest continuation first.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def lookup(name: str, acronym: str | None = None) -> KnownOrg | None:
    """The gazetteer entry for a name or acronym, if any."""
    by_acronym, by_name, _ = _gazetteer_index()
    if acronym and acronym in by_acronym:
        return by_acronym[acronym]
    key = fold(name)
    known = by_name.get(key)
    if known and known.country == "VN" and _spelled_without_marks(name, known, key):
        return None
    return known


def _known_by_its_acronym(name: str) -> KnownOrg | None:
    """'Tập đoàn KEPCO': a head word and a listed acronym name that organisation."""
    words = name.split()
    if len(words) > 3 or not _ACRONYM.match(words[-1]):
        return None
    return _gazetteer_index()[0].get(words[-1])


_INTERNATIONAL = re.compile(
    r"^(?:Tổ chức|Cơ quan|Quỹ|Ngân hàng|Chương trình|Ủy ban|Liên minh|Diễn đàn|Ban)\b.*\b(?:[Qq]uốc tế|Liên [Hh]ợp [Qq]uốc|"
    r"[Tt]hế giới|[Cc]hâu Á|ASEAN|toàn cầu)\b|^(?:UNIDO|IAEA|UNDP|UNICEF|UNESCO|WHO|FAO|ILO|IOM|ADB|WB|IMF|WTO|OECD|"
    r"APEC|ASEAN|UNFPA|UNEP|GGGI|WIPO|ITU|JICA|USAID|GIZ)$"
)


_KOREA_FIRST_ACRONYM = re.compile(r"\s*\((?:KO|K)[A-Z]*V[A-Z]*\)")


# 'Vina' closing a company's name marks a firm incorporated in Vietnam, whatever its parent
_INCORPORATED_IN_VIETNAM = re.compile(r"\bVina\b(?:\s+(?:Co\.?|Corp\.?|Company|Ltd\.?|JSC))?\s*$")


_UNIT_OF_A_SCHOOL = re.compile(r"^(?:Trung tâm|Khoa|Viện|Bộ môn|Phòng)\b.*?\s[-–]\s((?:Trường|Đại học|ĐH|Học viện)\b.*)$")
# a Vietnamese company form with 'Hàn Quốc' as a style inside its name: 'Công ty TNHH Mỹ phẩm Hàn Quốc Star'
_KOREAN_STYLE_BRAND = re.compile(r"Công ty (?:TNHH|CP|Cổ phần)\b.*\bHàn Quốc\s+\S")


_KOREAN_DIRECTION_DISTRICT = re.compile(
    r"\b(?:[Qq]uận|[Hh]uyện) (?:Seo|Dong|Nam|Buk|Jung)(?:-gu)?$")  # the district, or a body of it
_OF_A_KOREAN_CITY = re.compile(r"\s*,\s*(?:thành phố|TP\.?)\s+(?:Seoul|Busan|Incheon|Daegu|Daejeon|Gwangju|Ulsan)\b")
_KOREA_THEN_VIETNAM = re.compile(r"\bHàn Quốc\s*[-–]\s*Việt Nam\b")
_ASSOCIATION = re.compile(r"(?:Hội|Hiệp hội|Nhóm Nghị sĩ|Liên hiệp|Liên đoàn|Câu lạc bộ)\b")
_GENERAL_CORPORATION = re.compile(r"Tổng [Cc]ông ty ")


def classify(name: str, context_after: str = "") -> str:
    """VN, KR or XX for an organisation name, by gazetteer, then by the names and places in it."""
    unit_of_a_school = _UNIT_OF_A_SCHOOL.match(name)
    if unit_of_a_school:  # 'Trung tâm Ngôn ngữ Hàn Quốc - Trường Đại học Ngoại ngữ': the school's country
        return classify(unit_of_a_school.group(1), context_after)
    if _INCORPORATED_IN_VIETNAM.search(name) or _KOREAN_STYLE_BRAND.match(name):
        return "VN"  # rule 6: 'Công ty TNHH Seojin Vina', 'Samsung Display Vina' are Vietnamese companies
    if _KOREAN_DIRECTION_DISTRICT.search(name) and _OF_A_KOREAN_CITY.match(context_after):
        return "KR"  # 'quận Seo, thành phố Daejeon': Seo-gu, Dong-gu, Nam-gu, Buk-gu, Jung-gu are in many Korean cities
    known = lookup(name, name) or _known_by_its_acronym(name)
    if known:
        return "XX" if known.country == "VN" and _another_country_s(context_after) else known.country
    tail = context_after[:40]
    if _INTERNATIONAL.search(name) and not KOREA.search(name) and not VIETNAM.search(name) and not (
            has_place(name) or has_place(name, korean=True)):  # 'Ban Hợp tác quốc tế thành phố Daegu': a city's unit
        return "XX"  # the United Nations' and other international bodies belong to neither side
    if _KOREA_AS_SUBJECT.match(name):
        return "VN"  # a school's faculty, department or club of Korean studies: 'Khoa Ngôn ngữ và Văn hóa Hàn Quốc'
    if KOREA.search(name) and VIETNAM.search(name):
        # bilateral Vietnamese bodies: Hiệp hội … Việt Nam - Hàn Quốc, Trường … Việt - Hàn; a body's own
        # acronym keeps its own country first: 'Hội Hữu nghị Việt Nam – Hàn Quốc (KOVEA)' is Korean
        # and a pair named Korea first is the Korean side's own ('Hội Hữu nghị Hàn Quốc – Việt Nam',
        # 'Nhóm Nghị sĩ hữu nghị Hàn Quốc – Việt Nam')
        korea_first = _ASSOCIATION.match(name) is not None and _KOREA_THEN_VIETNAM.search(name) is not None
        return "KR" if _KOREA_FIRST_ACRONYM.match(tail) or korea_first else "VN"
    if VIETNAM.search(name) and _IN_KOREA_AFTER.match(tail):
        return "VN"  # a Vietnamese body in Korea, as its embassy is: 'Hội Người Việt Nam tại Hàn Quốc'
    if KOREA.search(name) or _KOREA_AFTER.match(tail):
        return "KR"
    if FOREIGN.search(name) or _FOREIGN_AFTER.match(tail):
        return "XX"
    if VIETNAM.search(name) or has_place(name):
        return "VN"
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.isascii()]
    if any(w in KR_PLACES for w in words):
        return "KR"
    if any(len(w) >= 4 and w[0].isupper() and not w.isupper() and w.lower() not in _ENGLISH
           and not _VN_SYLLABLE.match(w.lower()) and (_ROMAN_KR.search(w.lower()) or looks_korean(w)) for w in words):
        return "KR"
    proper = [w for w in re.findall(r"[^\W\d_]+", _without_head(name)) if w[0].isupper()]
    if proper and all(w.isascii() and not w.isupper() and not _VN_SYLLABLE.match(w.lower()) for w in proper):
        # only foreign-looking proper names (Farmstaff, Hana Micron): nationality unknown; but a 'Tổng công ty'
        # (a general corporation, the form of Vietnam's state groups) named by a brand is Vietnamese ('Sonadezi')
        return "VN" if _GENERAL_CORPORATION.match(name) else "XX"
    return "VN"


_RR_INITIALS = ("kk", "tt", "pp", "ss", "jj", "ch", "ky", "g", "n", "d", "r", "m", "b", "s", "j", "k", "t", "p", "h", "l", "")
_RR_VOWELS = ("yae", "yeo", "wae", "ae", "ya", "eo", "ye", "wa", "oe", "yo", "wo", "we", "wi", "yu", "eu", "ui",
              "oo", "ee", "ou", "a", "e", "o", "u", "i")
_RR_FINALS = ("ng", "k", "n", "t", "l", "m", "p", "g", "b", "")


@lru_cache(maxsize=4096)
def korean_syllables(word: str) -> int:
    """How many Revised Romanization syllables the word splits into (0: it does not split)."""
    word = word.lower()
    best: dict[int, int] = {0: 0}
    for i in range(len(word)):
        if i not in best:
            continue
        for ini in _RR_INITIALS:
            if not word.startswith(ini, i):
                continue
            for vow in _RR_VOWELS:
                j = i + len(ini)
                if not word.startswith(vow, j):
                    continue
                for fin in _RR_FINALS:
                    k = j + len(vow)
                    if word.startswith(fin, k):
                        end = k + len(fin)
                        best[end] = max(best.get(end, 0), best[i] + 1)
    return best.get(len(word), 0)


def looks_korean(word: str) -> bool:
    """A romanised Korean word ('Hanyang', 'Gachon', 'Gyeonggi-do'), not a Vietnamese syllable or English."""
    parts = [p for p in word.split("-") if p]
    if not parts or not word[:1].isupper() or word.isupper() or not word.isascii():
        return False
    lower = word.lower()
    if lower in _ENGLISH or (len(parts) == 1 and _VN_SYLLABLE.match(lower)):
        return False
    if lower.startswith("l") and word not in _KR_SURNAMES:
        return False  # Revised Romanization opens no word with 'l' (ㄹ is 'r' there, and seldom opens one): 'Lilama'
    return sum(korean_syllables(p) for p in parts) >= 2 and all(korean_syllables(p) for p in parts)


def _without_head(name: str) -> str:
    match = _HEAD_RE.match(name)
    return name[match.end() :] if match else name


_ENGLISH = {"technology", "rare", "pure", "aero", "euro", "base", "nature", "sure", "more", "gene", "genome", "hope", "time", "mine", "university", "group", "bank", "fund", "agency", "industrial", "park", "corporation",
            "institute", "research", "saigon", "fpt", "vinfast", "viettel", "vingroup", "good", "school", "food",
            "book", "room", "green", "pool", "zoom", "cloud", "global", "young", "strong", "golden", "media", "smart",
            "holdings", "home", "land", "sun", "sky", "link", "line", "one", "plus", "king", "man", "son", "tech",
            "bio", "pharma", "energy", "digital", "partners", "capital", "solutions", "holding", "hub", "data",
            "nano", "robotics", "motor", "motors", "air", "airlines", "mobile", "telecom", "tower", "mall",
            "academy", "college", "hospital", "center", "centre", "medical", "korea", "korean", "vietnam", "asia",
            "international", "national", "city", "hanoi", "danang", "haiphong", "cantho", "halong", "sapa", "namdinh", "power", "steel", "design", "studio", "games", "game", "music"}


def find_orgs(sentence: str) -> list[Mention]:
    """Organisations named in a sentence: gazetteer names and acronyms, then head-word phrases."""
    return list(_find_orgs(sentence))


@lru_cache(maxsize=2048)  # one sentence is looked at by several rules
def _find_orgs(sentence: str) -> tuple[Mention, ...]:
    mentions = _gazetteer_mentions(sentence)
    for title in _title_mentions(sentence):
        same = [o for o in mentions if o.start <= title.start < o.end or title.start <= o.start < title.end]
        mentions = [o for o in mentions if o not in same]
        canonical = same[0].canonical if same else None
        mentions.append(Mention(title.start, max([title.end, *(o.end for o in same)]), title.name,
                                same[0].acronym if same else None, same[0].country if same else title.country, canonical))
    for match in _HEAD_RE.finditer(sentence):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        mention = _phrase_at(sentence, match.start(), match.group(1))
        if mention is not None:
            inner = [o for o in mentions if mention.start < o.start < mention.end and o.canonical]
            if inner:  # 'Văn phòng đại diện KOTRA tại TP.HCM': the listed body inside gives the side
                mentions = [o for o in mentions if o not in inner]
                end = max(mention.end, *(o.end for o in inner))
                mention = Mention(mention.start, end, sentence[mention.start : end], inner[0].acronym, inner[0].country)
            mentions.append(mention)
    for english in _english_mentions(sentence):
        if not any(m.start < english.end and english.start < m.end for m in mentions):
            mentions.append(english)
    for described in _described_korean_mentions(sentence):
        if not any(m.start < described.end and described.start < m.end for m in mentions):
            mentions.append(described)
    for unit in _korean_unit_mentions(sentence):
        if not any(m.start < unit.end and unit.start < m.end for m in mentions):
            mentions.append(unit)
    for named in _korean_names_with_acronyms(sentence):
        if not any(m.start < named.end and named.start < m.end for m in mentions):
            mentions.append(named)
    for minister in _minister_mentions(sentence):
        if not any(m.start < minister.end and minister.start < m.end for m in mentions):
            mentions.append(minister)
    mentions.extend(_counterparts(sentence, mentions))
    mentions.sort(key=lambda m: m.start)
    mentions = _drop_nested(mentions)
    if _FORMER_WORD.search(sentence):  # most sentences name no former official: one cheap look
        mentions = [m for m in mentions if not _held_formerly(sentence, m.start)]
    return tuple(mentions)


_FORMER_WORD = re.compile(r"[Nn]guyên|[Cc]ựu")


@lru_cache(maxsize=1)
def _former_official() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'nguyên Đại sứ …', 'cựu Bộ trưởng …' before a point of the text, and a title at a point.

    The words and titles are those of reference/titles.toml; a title is also taken without the head of
    the body it names ('Bí thư' of 'Bí thư Tỉnh ủy'), since that body's name then follows it."""
    titles = {r.title for r in title_rules()} | {
        r.title[: -len(r.org_head)].strip() for r in title_rules() if r.org_head and r.title.endswith(f" {r.org_head}")}
    title = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    former = "|".join(re.escape(p.word) for p in title_prefixes() if not p.represents)
    still = "|".join(re.escape(p.word) for p in title_prefixes() if p.represents)
    before = re.compile(rf"(?<![\wÀ-ỹ])(?P<former>{former})\s+(?:(?:{still})\s+)*(?P<title>(?:{title})\s+)?$")
    return before, re.compile(rf"(?:(?:{still})\s+)*(?:{title})(?![\wÀ-ỹ])")


def _held_formerly(sentence: str, start: int) -> bool:
    """A mention right after a former official's title ('ông Ahn, nguyên Tổng Lãnh sự Hàn Quốc tại TP.HCM',
    'nguyên Thị trưởng thành phố Busan'): a former official stands for no organisation."""
    before, title_at = _former_official()
    match = before.search(sentence[max(0, start - 80) : start])
    if match is None or not (match["title"] or title_at.match(sentence, start)):
        return False
    if match["former"][:1].islower():
        return True
    # 'Nguyên' written with a capital after a capitalised word is a place's last word ('Thái Nguyên')
    at = max(0, start - 80) + match.start()
    return not re.search(r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+$", sentence[max(0, at - 30) : at])


# 'Bộ trưởng Ngoại giao Bùi Thanh Sơn', 'Thứ trưởng Quốc phòng Hàn Quốc', 'Ngoại trưởng Hàn Quốc': a minister
# named by the ministry's field alone stands for that ministry (rule 5)
_MINISTER = re.compile(r"(?:Phó )?(?:Bộ trưởng|Thứ trưởng(?: Thường trực)?)\s+(?!Bộ\b)(?=[A-ZĐ])")
_FOREIGN_MINISTER = re.compile(r"(?:Phó )?Ngoại trưởng(?P<c> Hàn Quốc| Việt Nam)?")
_DOMAIN_WORD = re.compile(r"[\wÀ-ỹ]+|,|-")


def _minister_mentions(sentence: str) -> list[Mention]:
    if "trưởng" not in sentence:
        return []
    out = [_ministry_mention(m.start(), m.end(), "Ngoại giao", country)
           for m in _FOREIGN_MINISTER.finditer(sentence) if (country := _minister_country(m["c"] or "", sentence[m.end() :]))]
    for match in _MINISTER.finditer(sentence):
        words = list(_DOMAIN_WORD.finditer(sentence[match.end() : match.end() + 90]))
        for n in range(min(len(words), 9), 0, -1):
            domain = sentence[match.end() : match.end() + words[n - 1].end()]
            rest = sentence[match.end() + words[n - 1].end() :]
            korea = " Hàn Quốc" if rest.startswith(" Hàn Quốc") else ""
            country = _minister_country(korea, rest[len(korea) :])
            mention = _ministry_mention(match.start(), match.end() + words[n - 1].end() + len(korea), domain, country)
            if mention is not None:
                out.append(mention)
                break
    return [m for m in out if m is not None]


def _minister_country(country_word: str, after: str) -> str | None:
    """The minister's side: the country word, else the name that follows ('… Ngoại giao Park Yoon-joo' is Korean)."""
    if country_word.strip() in ("Hàn Quốc", "Korea"):
        return "KR"
    if country_word.strip() == "Việt Nam":
        return "VN"
    name = after.split()[:1]
    if name and name[0].split("-")[0] in _KR_SURNAMES:
        return "KR"
    return "VN" if name and name[0] in _VN_SURNAMES else None


def _ministry_mention(start: int, end: int, domain: str, country: str | None) -> Mention | None:
    ministry = _listed_ministry(domain, country) if country else None
    return None if ministry is None else Mention(start, end, ministry.name, None, ministry.country, ministry.name)


def _listed_ministry(domain: str, country: str) -> reference.Org | None:
    """The listed ministry of `country` whose name is 'Bộ <domain>', the current one first (or, in Korea, the
    one current name such a prefix starts: 'Thương mại' is the Ministry of Trade, Industry and Energy)."""
    by_spelling, current = _ministries(country)
    found = by_spelling.get(fold(f"Bộ {domain}" + (" Hàn Quốc" if country == "KR" else "")))
    if found is not None:
        return found
    if country == "KR" and len(domain.split()) >= 2:
        prefix = fold(f"Bộ {domain}")
        starting = [o for key, o in current if key.startswith(prefix)]
        return starting[0] if len(starting) == 1 else None
    return None


@lru_cache(maxsize=2)
def _ministries(country: str) -> tuple[dict[str, reference.Org], tuple[tuple[str, reference.Org], ...]]:
    """Every listed ministry of a country by its folded spellings (a renamed one still stands for the stories
    of its time, 'Bộ Kế hoạch và Đầu tư' until 2025, but a current one wins), and the current ones by name."""
    orgs = reference.vn_orgs() if country == "VN" else reference.kr_orgs()
    ministries = sorted((o for o in orgs if o.kind == "ministry" and o.country == country),
                        key=lambda o: o.valid_until is None)  # current last: they overwrite
    by_spelling = {fold(n): o for o in ministries for n in (o.name, *o.aliases)}
    return by_spelling, tuple((fold(o.name), o) for o in ministries if o.valid_until is None)


# 'Đoàn Thống kê Hàn Quốc (KOSTAT)': a delegation of a body with no head word, named with its country
# and its acronym
_NAME_WITH_ACRONYM = re.compile(
    r"(?<![\wÀ-ỹ])[Đđ]oàn (?:công tác |đại biểu )?(?:của )?(?P<name>[A-ZĐ][\wÀ-ỹ]*(?: [\wÀ-ỹ&-]+){0,5}? Hàn Quốc)"
    r" \((?P<acronym>[A-Z][A-Z0-9&]{1,9})\)"
)


def _korean_names_with_acronyms(sentence: str) -> list[Mention]:
    return [Mention(m.start("name"), m.end("name"), m["name"], m["acronym"], "KR")
            for m in _NAME_WITH_ACRONYM.finditer(sentence)]


_COUNTERPART = re.compile(r"\b(?:người đồng cấp|đồng cấp) (?P<c>Việt Nam|Hàn Quốc)")
_COUNTRY_OF = {"Việt Nam": "VN", "Hàn Quốc": "KR"}


def _counterparts(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """'Thứ trưởng Bộ Quốc phòng Hàn Quốc … và người đồng cấp Việt Nam': the other country's ministry."""
    out = []
    for match in _COUNTERPART.finditer(sentence):
        country, other = _COUNTRY_OF[match["c"]], "Hàn Quốc" if match["c"] == "Việt Nam" else "Việt Nam"
        ministry = next((m for m in mentions if m.country != country and m.name.startswith("Bộ ")
                         and m.name.endswith(other)), None)
        if ministry is not None:
            name = f"{ministry.name[: -len(other)]}{match['c']}"
            out.append(Mention(match.start(), match.end(), name, None, country))
    return out


_CAP = r"[A-ZĐ][\wÀ-ỹ&.-]*"
_PLACE_NAME = rf"{_CAP}(?:[ -]{_CAP})?"
_KR_SURNAMES = {"Kim", "Lee", "Park", "Choi", "Choe", "Jung", "Jeong", "Kang", "Cho", "Yoon", "Yun", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Jeon", "Ko", "Moon", "Yang", "Son", "Bae", "Baek", "Heo", "Nam", "Noh", "Ha", "Kwak", "Sung", "Cha", "Joo", "Woo", "Koo", "Min", "Ryu", "Na", "Jin", "Ji", "Um", "Chae", "Won", "Chun", "Bang", "Gong", "Hyun", "Yeo", "Chu", "Do", "Seok", "Pyo", "Myung", "Gil", "Yeon", "Ban", "Wang", "Ok", "Yook", "Maeng", "Tak", "Yeom", "Kil", "Rhee", "Chung", "Choo", "Yim", "Pyun", "Ryoo", "Roh", "Suh", "Shim", "Sim", "Cheon", "Byun", "Byeon", "Uh", "Kook", "Bong"}
# officials standing for their organisation (rule 5: parties are organisations, not people)
_TITLE_ORGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:Phó )?Đại sứ(?! quán)(?: đặc mệnh toàn quyền)?\s+(?P<c>Hàn Quốc|Việt Nam)"
                r"(?P<at>\s+tại\s+(?:Việt Nam|Hàn Quốc|Hà Nội|Seoul))?"), "Đại sứ quán {c}{at}"),
    (re.compile(r"(?:Phó )?Tổng Lãnh sự(?! quán)\s+(?P<c>Hàn Quốc|Việt Nam)"
                r"(?P<at>\s+tại\s+(?:TP\.?\s?HCM|TP\.? Hồ Chí Minh|Thành phố Hồ Chí Minh|Đà Nẵng|Busan))?"),
     "Tổng Lãnh sự quán {c}{at}"),
    # Jeju, Sejong, Gangwon and Jeonbuk are 'special self-governing' ('Tỉnh tự trị đặc biệt Jeju')
    (re.compile(rf"(?:Phó )?Thị trưởng\s+(?:(?P<h>[Tt]hành phố(?: tự trị đặc biệt)?|TP)\.?\s*)?(?P<p>{_PLACE_NAME})"),
     "thành phố {p}"),
    (re.compile(rf"(?:Phó )?Tỉnh trưởng\s+(?:(?P<h>[Tt]ỉnh(?: tự trị đặc biệt)?)\s+)?(?P<p>{_PLACE_NAME})"), "tỉnh {p}"),
    (re.compile(rf"(?:Phó )?Quận trưởng\s+(?:quận\s+)?(?P<p>{_PLACE_NAME})"), "quận {p}"),
    (re.compile(rf"(?:Phó )?Huyện trưởng\s+(?:huyện\s+)?(?P<p>{_PLACE_NAME})"), "huyện {p}"),
]


def _names_a_person_not_a_place(place: str, words: list[str]) -> bool:
    """A title without a head word ('thành phố', 'tỉnh') followed by a surname that is no known place."""
    return bool(words) and words[0] in _KR_SURNAMES and place not in KR_PLACES and place not in VN_PLACES


_TITLE_WORDS = re.compile(r"Đại sứ|Tổng Lãnh sự|Thị trưởng|Tỉnh trưởng|Quận trưởng|Huyện trưởng")


def _title_mentions(sentence: str) -> list[Mention]:
    """Organisations named only through an official's title ('Thị trưởng thành phố Suwon Lee Jae Jun')."""
    out: list[Mention] = []
    if not _TITLE_WORDS.search(sentence):  # most sentences name no such official: one cheap look
        return out
    for pattern, template in _TITLE_ORGS:
        for match in pattern.finditer(sentence):
            groups = {k: (v or "") for k, v in match.groupdict().items()}
            place = groups.get("p", "").rstrip(".")  # '… Tỉnh trưởng tỉnh Chungcheongbuk.': the sentence's end
            words = place.split()
            if len(words) == 2 and words[1] in _KR_SURNAMES | {"Nguyễn", "Trần", "Lê", "Phạm"}:
                place = words[0]  # 'Suwon Lee': the place, then the official's name
            if not groups.get("h") and _names_a_person_not_a_place(place, words):
                continue  # 'Thị trưởng Hong Nam Pyo': the official's name, the place told elsewhere
            if "p" in groups:
                groups["p"] = place
            end = match.start("p") + len(place) if "p" in groups else match.end()
            name = template.format(**groups)
            if groups.get("h"):
                name = f"{groups['h']} {place}"  # the head as the text writes it: 'Thị trưởng TP Daegu' → 'TP Daegu'
            country = classify(name, sentence[end:])
            if country == "VN" and template.startswith(("tỉnh", "thành phố", "quận", "huyện")) and not (
                    has_place(place)):
                country = "XX"  # a 'Tỉnh trưởng' or 'Thị trưởng' heads no Vietnamese province: 'Tỉnh trưởng Quảng Đông'
            out.append(Mention(match.start(), end, name, None, country))
    return out


# 'startup Hàn Quốc DeepNoid', 'đối tác Hàn Quốc là Hanmi Tech': a firm told by what it is and its country
_DESCRIBED_KOREAN = re.compile(
    r"(?<![\wÀ-ỹ])(?:[Ss]tartup|[Ss]tart-up|hãng|nhà mạng|doanh nghiệp|đối tác)\s+(?:của\s+)?Hàn Quốc\s+(?:là\s+)?"
    r"(?P<name>[A-Z][A-Za-z0-9&-]*(?:\s+[A-Z0-9][A-Za-z0-9&-]*){0,3})(?![\wÀ-ỹ])")


# 'Born2Global của Hàn Quốc', 'Naver Cloud (Hàn Quốc)': a foreign-spelt name the text says is Korean
_NAME_OF_KOREA = re.compile(
    r"(?<![\wÀ-ỹ&-])(?P<name>[A-Z][A-Za-z0-9&-]*[a-z0-9][A-Za-z0-9&-]*(?:\s+[A-Z0-9][A-Za-z0-9&-]*){0,3})"
    r"\s+(?:của Hàn Quốc|\(Hàn Quốc\))")


def _described_korean_mentions(sentence: str) -> list[Mention]:
    if "Hàn Quốc" not in sentence:
        return []
    described = [*_DESCRIBED_KOREAN.finditer(sentence), *(
        m for m in _NAME_OF_KOREA.finditer(sentence)
        if m["name"].split()[0] not in KR_PLACES | _KR_SURNAMES and not _VN_SYLLABLE.match(m["name"].split()[0].lower()))]
    return [Mention(m.start("name"), m.end("name"), m["name"], _acronym_after(sentence, m.end("name")), "KR")
            for m in described if m["name"].isascii()]


_ENGLISH_NAME = re.compile(
    r"(?<![\wÀ-ỹ&])((?:[A-Z][A-Za-z0-9&'.-]*\s+(?:(?:and|of|for|&)\s+)?){0,5}"
    r"(?:Holdings?|Group|Corporation|Corp\.?|Company|Ltd\.?|Inc\.?|JSC|Airlines|Air|Bank|Electronics|Motors?|"
    r"Energy|Chemicals?|Display|Solutions|Technolog(?:y|ies)|Partners|Capital|Ventures|Foundation|Institute|"
    r"University|Hospital|Pharma(?:ceuticals?)?|Biologics|Logistics|Engineering|E&C|Construction|Industries|"
    r"Telecom|Networks|Systems|Semiconductors?|Laboratories|Agency|Association|Council|Academy|Education|"
    r"Shipping|Steel|Insurance|Securities|Investment|Entertainment|Chamber|Service|Administration|Commission|"
    r"Authority|Bureau|Ministry)"
    # 'Korea Research Institute of Bioscience and Biotechnology': the 'of …' part is the name's too
    r"(?:\s+(?:of|for)\s+[A-Z][A-Za-z0-9&']*(?:\s+(?:(?:and|&)\s+)?[A-Z][A-Za-z0-9&']*){0,5})?)(?![\wÀ-ỹ])"
)


# the Korean units that have a government of their own, as its name can stand for it
_GOVERNED_UNITS = {"province", "special_self_governing_province", "special_city", "metropolitan_city",
                   "special_self_governing_city", "city"}
_SUFFIXED = re.compile(r"-(?:do|si)$")


@lru_cache(maxsize=1)
def _korean_unit_finders() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A Korean province or city named without its head word where only its government can be meant: after
    a delegation ('đoàn đại biểu Gyeonggi', 'đoàn Incheon') or 'chính quyền'; and with its own '-do'/'-si'
    suffix after 'và', 'với', 'giữa', 'cùng' or at the sentence's start ('… và Chungcheongnam-do đã ký')."""
    bare: set[str] = set()
    suffixed: set[str] = set()
    for place in reference.kr_places():
        for form in (place.name, *place.aliases) if place.kind in _GOVERNED_UNITS else ():
            core = _SUFFIXED.sub("", form)
            if form[:1].isupper() and core in KR_PLACES:
                (suffixed if core != form else bare).add(form)
    after_delegation = re.compile(
        r"(?<![\wÀ-ỹ])(?:[Đđ]oàn(?: công tác| đại biểu)?(?: của)?\s+|(?P<government>[Cc]hính quyền\s+))"
        rf"(?P<unit>{_trie_pattern(bare | suffixed)})(?![\wÀ-ỹ-])")
    with_suffix = re.compile(
        rf"(?:^|(?<![\wÀ-ỹ])(?:và|với|giữa|cùng) )(?P<unit>{_trie_pattern(suffixed)})(?![\wÀ-ỹ-])")
    return after_delegation, with_suffix


def _korean_unit_mentions(sentence: str) -> list[Mention]:
    """'tiếp đoàn đại biểu Gyeonggi do Phó Tỉnh trưởng dẫn đầu' (that 'do' is 'led by'), 'UBND tỉnh Bình Dương
    và chính quyền Gyeonggi': the party named as the text names it. Vietnamese places are left alone:
    'đoàn Đà Nẵng' is a delegation of any of the city's bodies."""
    after_delegation, with_suffix = _korean_unit_finders()
    matches = [*(after_delegation.finditer(sentence) if "oàn " in sentence or "quyền " in sentence else ()),
               *(with_suffix.finditer(sentence) if "-do" in sentence or "-si" in sentence else ())]
    out = []
    for match in matches:
        start = match.start("government") if match.groupdict().get("government") else match.start("unit")
        out.append(Mention(start, match.end("unit"), sentence[start : match.end("unit")], None, "KR"))
    return sorted(out, key=lambda m: m.start)


def _english_mentions(sentence: str) -> list[Mention]:
    """Organisations named in English ('Korean Air', 'KN Holdings', 'Korea Conformity Laboratories')."""
    out = []
    for match in _ENGLISH_NAME.finditer(sentence):
        name = match.group(1)
        if len(name.split()) < 2 or not name.isascii():
            continue  # one corporate word alone ('Group') names nobody
        end = match.end(1)
        out.append(Mention(match.start(1), end, name, _acronym_after(sentence, end), classify(name, sentence[end:])))
    return out


_ACADEMIC_TITLES = {"TS", "ThS", "PGS", "GS", "KS", "BS", "NCS", "TSKH", "Dr", "Prof", "BSCKI", "BSCKII"}
_ACADEMIC_INITIALS = frozenset(t[0] for t in _ACADEMIC_TITLES)
_SURNAME = "(?:" + "|".join(sorted(_KR_SURNAMES | _VN_SURNAMES)) + r")(?![\wÀ-ỹ])"
# the academic title before a person's name: 'GS.TS Trần …', 'PGS. TS. Nguyễn …', 'ThS Lê …', 'GS. Kim …'
# (not the conglomerate of 'Tập đoàn GS Caltex' or 'GS E&C': a dot or a surname after it makes a title)
_ACADEMIC_TITLE = re.compile(
    r"(?:" + "|".join(sorted(_ACADEMIC_TITLES, key=len, reverse=True)) + r")(?:\.\s?(?:"
    + "|".join(sorted(_ACADEMIC_TITLES, key=len, reverse=True)) + rf"))*(?:\.|(?=\s+{_SURNAME}))"
)
# the text's fuller name after a listed one: 'Bộ Công Thương Việt Nam', 'LG CNS' (not a person: '… Lee Jong-ho',
# 'Bộ Tư pháp Phan Chí Hiếu', '… GS.TS Trần Trung Tính')
_FULLER = re.compile(
    rf"\s+(?:Việt Nam|Hàn Quốc)\b|(?:\s+(?!Việt\b)(?!{_SURNAME})(?!{_ACADEMIC_TITLE.pattern})"
    r"[A-Z][A-Za-z0-9&]*){1,2}(?![\wÀ-ỹ])"
)


def _gazetteer_mentions(sentence: str) -> list[Mention]:
    by_acronym, by_name, pattern = _gazetteer_index()
    out: list[Mention] = []
    for match in re.finditer(r"(?<![\wĐđ])([A-ZĐ][A-Za-zĐ]*[A-ZĐ][A-Za-zĐ0-9-]*)(?![\wĐđ])", sentence):
        org = by_acronym.get(match.group(1))
        if org:
            out.append(Mention(match.start(), match.end(), org.name, org.acronym, org.country, org.name))
    folded, offsets = _fold_with_offsets(sentence)
    for match in _agreeing_matches(pattern, folded, offsets, sentence):
        org = by_name[match.group(1)]
        start, end = offsets[match.start()], offsets[match.end() - 1] + 1
        if org.country == "VN" and _spelled_without_marks(sentence[start:end], org, match.group(1)):
            continue  # 'Đại học Dong-A' (Busan) is not 'Đại học Đông Á' (Đà Nẵng)
        if "(" in sentence[start:end] and ")" not in sentence[start:end]:
            end = start + sentence[start:end].index("(")
            end -= len(sentence[start:end]) - len(sentence[start:end].rstrip())
        if any(m.start <= start < m.end or start <= m.start < end for m in out):
            out = [m for m in out if not (start <= m.start < end)]
        qualifier = list(_NAME_TOKEN.finditer(sentence[end : end + 60]))
        # a place right after the name qualifies it; one in brackets ('Đại học Sunmoon (tỉnh …)') only says where it is
        qualified = _place_qualifier_length(qualifier) if sentence[end : end + 1] == " " and qualifier and (
            qualifier[0].start() == 1) else 0
        fuller = None if qualified else _FULLER.match(sentence[end:])
        if qualified:
            end = _before_a_full_stop(sentence, end + qualifier[qualified - 1].end())  # 'Hội Hữu nghị Việt Nam - Hàn Quốc TP Cần Thơ': its branch there
        elif fuller and not (fuller.group(0).strip()[:1].isupper() and org.name[:1].islower()):
            end += fuller.end()  # 'Bộ Công Thương Việt Nam', 'LG CNS': the text's fuller name
        plant = _vietnamese_place_length(sentence[end:]) if org.country == "KR" and org.kind in {"company", "group"} else 0
        end += plant  # 'Samsung Thái Nguyên', 'LG Hải Phòng': the firm's company in that province
        if plant or _vietnamese_subsidiary(org, sentence[start:end]):
            out.append(Mention(start, end, sentence[start:end], _acronym_after(sentence, end), "VN"))
            continue
        acronym = _acronym_after(sentence, end) or org.acronym
        if org.country == "VN" and _another_country_s(sentence[end:] if fuller is None else sentence[start:]):
            out.append(Mention(start, end, sentence[start:end], acronym, "XX"))  # 'Bộ Y tế Lào', 'Bộ Giáo dục … Mông Cổ'
            continue
        if org.country == "VN" and KOREA.search(org.name) and _KOREA_FIRST_ACRONYM.match(f"({acronym})"):
            out.append(Mention(start, end, sentence[start:end], acronym, "KR"))  # the Korean twin of a bilateral body
            continue
        # the text's own words: the press names one organisation many ways, the gazetteer links them
        out.append(Mention(start, end, sentence[start:end], acronym, org.country, org.name))
    return out


_NAME_TAIL = re.compile(r"[^,.;()]{0,45}?(?=[,.;()]|\s(?:đã|vừa|ký|tiếp|làm việc|hội đàm|về|tại|cùng|với)\b|"
                        r"\svà\s+(?:Bộ|Cơ quan|Viện|Tổng cục|Cục|Trường|Đại học|Ủy ban|Tập đoàn|Công ty|Văn phòng|Sở|"
                        r"Ngân hàng|Quỹ|Hội|Trung tâm)\b|$)")


def _another_country_s(after: str) -> bool:
    """A Vietnamese ministry's words continued by a third country's name are that country's ministry:
    'Bộ Y tế Campuchia', 'Bộ Giáo dục và Thể thao Lào' (the listed 'Bộ Y tế' matches inside them)."""
    tail = _NAME_TAIL.match(after)
    if tail is None or not FOREIGN.search(tail.group(0)) or VIETNAM.search(tail.group(0)):
        return False
    words = tail.group(0).split()  # '… Quy Nhơn GS Đỗ Ngọc Mỹ': a person's name follows, 'Mỹ' is no country
    person = any(w in _VN_SURNAMES | _KR_SURNAMES and all(n[:1].isupper() for n in words[i + 1 : i + 3])
                 and len(words) >= i + 3 for i, w in enumerate(words))
    return not person and not set(words) & {"GS", "PGS", "TS", "ThS", "ông", "bà"}


def _agreeing_matches(
    pattern: re.Pattern[str], folded: str, offsets: Sequence[int], sentence: str
) -> Iterable[re.Match[str]]:
    """The gazetteer's matches in the folded sentence whose first word the text spells as the name does.

    Folding lets a text without marks match, but 'Hiệu trưởng Đại học Yonsei' folds to '… truong dai hoc
    yonsei': its 'trưởng' (a title) is no 'Trường' (a school), so the search goes on from the next letter
    and finds 'Đại học Yonsei'."""
    at = 0
    while (match := pattern.search(folded, at)) is not None:
        start = offsets[match.start()]
        word = sentence[start : offsets[match.end() - 1] + 1].split(maxsplit=1)[0].lower()
        if word.isascii() or word in _first_words()[match.group(1)]:
            yield match
            at = match.end()
        else:
            at = match.start() + 1


@lru_cache(maxsize=1)
def _first_words() -> dict[str, frozenset[str]]:
    """The first words (lower case, with their marks) of the gazetteer's spellings, by folded spelling."""
    words: dict[str, set[str]] = {}
    for org in gazetteer():
        for form in (org.name, *org.aliases):
            words.setdefault(fold(form), set()).add(form.split(maxsplit=1)[0].lower())
    return {key: frozenset(found) for key, found in words.items()}


def _vietnamese_place_length(after: str) -> int:
    """The length of ' Thái Nguyên' when the words right after a name are a Vietnamese province or city."""
    words = list(_NAME_TOKEN.finditer(after[:40]))
    if not after.startswith(" ") or not words:
        return 0
    found = [n for n in range(1, min(len(words), 4) + 1)
             if " ".join(w.group(0) for w in words[:n]).rstrip(".") in VN_PLACES
             and all(words[i + 1].start() - words[i].end() == 1 for i in range(n - 1))]
    return _before_a_full_stop(after, words[max(found) - 1].end()) if found else 0


# 'Samsung Vina', 'Samsung Electronics Việt Nam Thái Nguyên': the company incorporated in Vietnam
_SUBSIDIARY = re.compile(r"\s(?:Việt Nam|Vietnam|Vina)(?: [A-ZĐ]\w*){0,2}$")


def _vietnamese_subsidiary(org: KnownOrg, text: str) -> bool:
    """'LG Electronics Việt Nam': a Korean firm's company incorporated in Vietnam is Vietnamese (rule 6);
    its offices and branches ('Văn phòng KOICA tại Việt Nam') stay Korean."""
    return (org.country == "KR" and org.kind in {"company", "group", "bank"} and bool(_SUBSIDIARY.search(text))
            and not _SUBSIDIARY.search(org.name))


_COMPANY_HEAD = re.compile(r"^(?:Công ty|Tập đoàn|Ngân hàng|Tổng công ty|Hãng)\b")


def vietnamese_subsidiary_named(mention: Mention, article: str) -> bool:
    """The story also names the Korean firm's Vietnamese company ('Ngân hàng Shinhan Việt Nam' after
    'Ngân hàng Shinhan' in the headline): that company is the party, and it is Vietnamese."""
    known = lookup(mention.canonical) if mention.canonical else None
    company = known.kind in {"company", "group", "bank"} if known else bool(_COMPANY_HEAD.match(mention.name))
    return company and not _SUBSIDIARY.search(mention.name) and bool(
        re.search(rf"{re.escape(mention.name)}(?:\s+[A-Z]\w+){{0,2}}\s+(?:Việt Nam|Vietnam|Vina)\b", article))


def _spelled_without_marks(text: str, org: KnownOrg, key: str) -> bool:
    """A Vietnamese name the text writes in plain letters where the name has marks: a foreign name."""
    form = next((f for f in (org.name, *org.aliases) if fold(f) == key), org.name)
    return any(mine.isascii() and not theirs.isascii()
               for mine, theirs in zip(re.split(r"[\s-]+", text), re.split(r"[\s-]+", form)))


_FOLD_TABLE = FoldTable(empty=" ")  # fold() one character at a time, each leaving at least a space
_SPACE_RUNS = re.compile(r" {2,}")


def _fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """fold() of the text with runs of spaces collapsed, and where each folded character came from.

    Nearly every character folds to one character, so the text is translated in one pass and the
    offsets are worked out only around the few that do not ('&' is ' va ') and the space runs.
    """
    folded = text.translate(_FOLD_TABLE)
    offsets: Sequence[int] = range(len(text))
    if len(folded) != len(text):  # no character folds to nothing ('' is ' '), so only longer pieces change it
        folded, offsets = _fold_piecewise(text)
    if "  " not in folded:
        return folded, offsets
    kept: list[int] = []
    pieces: list[str] = []
    last = 0
    for run in _SPACE_RUNS.finditer(folded):
        kept.extend(offsets[last : run.start() + 1])
        pieces.append(folded[last : run.start() + 1])
        last = run.end()
    kept.extend(offsets[last:])
    pieces.append(folded[last:])
    return "".join(pieces), kept


def _fold_piecewise(text: str) -> tuple[str, list[int]]:
    """The slow path of _fold_with_offsets: translate between the characters that fold long."""
    long_chars = "".join(sorted(c for c in set(text) if len(_FOLD_TABLE[ord(c)]) != 1))
    pieces: list[str] = []
    offsets: list[int] = []
    last = 0
    for match in _char_class(long_chars).finditer(text):
        at = match.start()
        pieces.append(text[last:at].translate(_FOLD_TABLE))
        offsets.extend(range(last, at))
        piece = _FOLD_TABLE[ord(text[at])]
        pieces.append(piece)
        offsets.extend([at] * len(piece))
        last = at + 1
    pieces.append(text[last:].translate(_FOLD_TABLE))
    offsets.extend(range(last, len(text)))
    return "".join(pieces), offsets


@lru_cache(maxsize=64)
def _char_class(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


def _acronym_after(sentence: str, end: int) -> str | None:
    match = re.match(r"\s*\(([^()]{2,40})\)", sentence[end:])
    if not match:
        return None
    inner = match.group(1).split("-")[-1].split("–")[-1].strip()
    return inner if _ACRONYM.match(inner) and sum(c.isupper() for c in inner) >= 2 else None


_NAME_TOKEN = re.compile(r"[^\s,;:()\"']+")  # the words of a name, without its punctuation


def _common_words_after_the_head(rest: str) -> bool:
    """A capitalised Vietnamese syllable, then a lower-case one: a common noun ('Thành phố Di sản Thế giới'),
    where a place name capitalises every syllable ('thành phố Buôn Ma Thuột')."""
    words = rest.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[1].islower() and words[0] not in _all_places()


_BARE_PLACE_HEADS = {"tỉnh", "phố", "huyện", "quận", "xã", "phường"}
_PARTY_COMMITTEES = {"Tỉnh ủy", "Thành ủy"}
# 'Bí thư Tỉnh ủy Lê Văn Hiếu', 'Thường trực Tỉnh ủy tiếp …': a province's paper names no province
_PARTY_OFFICE_BEFORE = re.compile(r"(?:Bí thư|Thường trực|Thường vụ)(?: Thường trực)? $")
# 'Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh …': one official's posts; the body of the last one acts
_ANOTHER_POST_AFTER = re.compile(r"\s*(?:[,–-]|kiêm\b|và\s+(?:Phó\s+)?Chủ tịch)")


def _phrase_at(sentence: str, start: int, head: str) -> Mention | None:
    """The organisation name that starts with a head word at `start`."""
    tokens = list(_NAME_TOKEN.finditer(sentence[start + len(head) :]))
    name_end = start + len(head)
    taken = 0
    for i, tok in enumerate(tokens):
        word = tok.group(0)
        gap = sentence[name_end : start + len(head) + tok.start()]
        if (gap.strip() and not (gap.strip() == "," and _ENUMERATION.match(sentence[name_end:]))) or taken >= 15:
            break  # 'Bộ Văn hóa, Thể thao và Du lịch' runs on over its commas
        previous_word = tokens[i - 1].group(0) if i else ""
        if taken and word[:1] in _ACADEMIC_INITIALS and _ACADEMIC_TITLE.match(sentence, start + len(head) + tok.start()):
            break  # 'Trường Đại học Cần Thơ GS.TS Trần Trung Tính': the official's name follows
        qualified = _place_qualifier_length(tokens[i:]) if taken else 0
        if qualified:  # 'Hội Hữu nghị Việt Nam - Hàn Quốc TP Cần Thơ': a place qualifier completes the name
            name_end = _before_a_full_stop(sentence, start + len(head) + tokens[i + qualified - 1].end())
            taken += qualified
            break
        if taken and sentence[start:name_end].endswith(("Hàn Quốc", "Việt Nam", "Korea")) and (
            word.islower() or word.split("-")[0] in _KR_SURNAMES | _VN_SURNAMES
        ) and word != "học":  # 'Viện Việt Nam học': Vietnamese studies, the name goes on
            break  # 'Bộ Lao động Hàn Quốc thống nhất …', '… Hàn Quốc Lee Jong-ho': the country word ends the name
        if word.islower() and taken and previous_word[:1].isupper() and previous_word.isascii() and not (
            previous_word.isupper() or "&" in previous_word
        ) and (
            not _VN_SYLLABLE.match(previous_word.lower()) or looks_korean(previous_word)
        ):
            break  # 'Đại học Gachon đào tạo …': Vietnamese words do not go on a foreign name
        lower = word.lower()
        after = sentence[start + len(head) + tok.end() :]
        if taken and word.islower() and previous_word in _BARE_PLACE_HEADS and f"{previous_word} {word}" != "xã hội":
            break  # 'UBND tỉnh giao Sở …', 'Sở Y tế tỉnh tổ chức …': an unnamed place ends the name
        if lower == "nhân" and not _NHAN_FRAMING.match(after):
            pass  # 'hạt nhân', 'nguồn nhân lực': part of the name
        elif lower == "hội" and not _HOI_EVENT.match(after):
            pass  # 'Xã hội', 'Hội đồng': part of the name; 'hội đàm', 'hội thảo' end it
        elif word.islower() and taken and _ends_with_place(sentence[start:name_end]):
            break  # 'tỉnh Khánh Hòa nỗ lực …': a place completes the name
        elif taken and head not in _NAMED_AFTER_PEOPLE and _person_starts(word, tokens[i + 1 :]) and not (
            _ends_with_place(f"{sentence[start:name_end]} {word}")  # 'tỉnh Quảng Nam Lê …': 'Nam' ends a place
            or _place_starts(tokens[i : i + 4])  # 'UBND TP Hồ Chí Minh': a place, not Mr Hồ
        ):
            break  # 'Bộ Nội vụ Phạm Thị Thanh Trà', 'Bộ Quốc phòng Hàn Quốc Shin Beom-chul'
        elif word in _VN_SURNAMES and i + 1 < len(tokens) and tokens[i + 1].group(0)[:1].isupper() and (
            _ends_with_place(sentence[start:name_end]) or (taken == 0 and head in _PLACE_TAKING_HEADS)
            or (taken == 0 and head in _NEVER_NAMED_AFTER_PEOPLE and _person_starts(word, tokens[i + 1 :]))
        ) and not _place_starts(tokens[i : i + 4]):
            break  # 'Tỉnh ủy Nguyễn Phú Cường', 'UBND tỉnh Đồng Nai Võ Tấn Đức': an official's name follows
        elif lower in _STOP_WORDS and lower not in {"và"} and (word.islower() or lower in _CAPITAL_STOPS) and not (
                (lower == "ký" and previous_word == "Thư") or (taken and _NAME_PAIRS.match(f"{lower}{after}"))
                or (taken and _NAME_PAIRS.match(f"{previous_word.lower()} {lower}"))  # 'Ngân hàng Thế giới
                or (lower == "các" and (_NAME_PAIRS.match(f"{lower}{after}") or (  # 'Ban Quản lý các khu công nghiệp'
                    head in {"Liên hiệp", "Liên đoàn", "Hiệp hội"} and _MEMBERS.match(after))))  # 'Liên hiệp các Hội …'
                or (head == "Văn phòng" and ((lower == "đại" and after.startswith(" diện"))
                                             or (lower == "diện" and previous_word == "đại")))  # 'Văn phòng đại diện …''
                or (word[:1].isupper() and _place_starts(tokens[i : i + 5]))):  # 'tỉnh Bà Rịa - Vũng Tàu'
            break
        # 'Ban Thư ký ASEAN' signs nothing, 'Trung tâm Chứng nhận Phù hợp' is no cooperation
        secretariat = (lower, previous_word) in {("ký", "Thư"), ("hợp", "Phù"), ("hợp", "phù")}
        if word.islower() and lower in _LOWER_VERBS and taken and not (
                _NAME_PAIRS.match(f"{lower}{after}") or secretariat):
            break
        if lower == "và":
            nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else ""
            previous = tokens[i - 1].group(0) if i else ""
            if nxt.rstrip(".") in _ACADEMIC_TITLES:
                break  # '… và Môi trường và TS Kim': a person follows
            if _foreign_word(nxt.rstrip(".,;:")):
                break  # 'Sở Công Thương và Samsung': a second organisation, not '… và Du lịch'
            descriptive = previous.islower() and nxt.islower() and nxt not in _STOP_WORDS | _LOWER_VERBS
            if not descriptive and (not nxt or not nxt[0].isupper() or _HEAD_RE.match(
                sentence[start + len(head) + tokens[i + 1].start() :]
            )):
                break
        if word.endswith(".") and not re.match(r"^(TP|Tp|St)\.$", word):
            name_end = start + len(head) + tok.start() + len(word) - 1
            taken += 1
            break
        name_end = start + len(head) + tok.end()
        taken += 1
    name = _TRAILING.sub("", _cut_person_after_place(sentence[start:name_end].strip(" -")))
    name_end = start + len(name)
    if taken == 0 and head in _PARTY_COMMITTEES and _PARTY_OFFICE_BEFORE.search(sentence, 0, start) and not (
            _ANOTHER_POST_AFTER.match(sentence, start + len(head))):
        return Mention(start, start + len(head), head, None, "VN")  # the province's own paper: its committee
    if taken == 0 or not _specific(name, head):
        return None
    acronym = _acronym_after(sentence, name_end)
    country = classify(name, sentence[name_end:])
    if head in PLACE_HEADS and country == "VN" and (
            (not has_place(name) and not re.search(r"[A-Z][a-z]|\d", name[len(head) :]))
            or _common_words_after_the_head(name[len(head) :])):
        return None  # 'các Thành phố Di sản Thế giới': no place follows the head, so no locality
    return Mention(start, name_end, name, acronym, country)


def _foreign_word(word: str) -> bool:
    """A name no Vietnamese ministry or department carries after its 'và': 'Samsung', 'KOICA', 'LG'."""
    if not word.isascii() or not word[:1].isupper():
        return False
    if word.isupper():
        known = _gazetteer_index()[0].get(word)
        return known is not None and known.country == "KR"
    return not _VN_SYLLABLE.match(word.lower())


_TRAILING = re.compile(r"(?:\s+(?:và|của|tại|với|cùng|và các))+$")


def _cut_person_after_place(name: str) -> str:
    """'UBND thành phố Đà Nẵng Huỳnh Đức Thơ' -> 'UBND thành phố Đà Nẵng' (a name follows the title)."""
    korean = re.search(r"(?:thành phố|Thành phố|tỉnh|Tỉnh|quận|Quận|huyện|Huyện|TP\.?)\s+[A-Z][\w-]*(?=\s+([A-Z]\w*)\b)", name)
    known = places_in(name)
    if korean and korean.group(1) in _KR_SURNAMES:
        cut = korean.end()
        if not any(at < cut < at + len(place) for at, place in known):  # 'tỉnh Hà Nam' is a place, 'Nam' no surname
            return name[:cut]
    for at, place in known:
        if at > 0:
            rest = name[at + len(place) :]
            if re.match(r"\s+[A-ZĐ]", rest) and not re.match(r"\s+(?:Việt Nam|Hàn Quốc)", rest):
                return name[: at + len(place)]
    return name


_QUALIFIER_HEADS = {"tỉnh", "thành phố", "TP", "TP.", "Tp.", "quận", "huyện"}


def _place_qualifier_length(words: list[re.Match[str]]) -> int:
    """How many words 'thành phố Changwon', 'TP Cần Thơ', 'tỉnh Bà Rịa - Vũng Tàu' take at the start of
    `words`, when a place head is followed by a known place; 0 otherwise."""
    texts = [w.group(0) for w in words[:7]]
    head = 2 if texts[:2] == ["thành", "phố"] else 1 if texts[:1] and texts[0] in _QUALIFIER_HEADS else 0
    if not head:
        return 0
    places = _all_places()
    found = [n for n in range(1, min(len(texts) - head, 5) + 1) if " ".join(texts[head : head + n]).rstrip(".,") in places]
    if not found:
        return 0
    taken = head + max(found)
    country = " ".join(texts[taken : taken + 2]) in ("Hàn Quốc", "Việt Nam")
    if country and words[taken].start() - words[taken - 1].end() == 1:  # '… Seoul Hàn Quốc', not '… Daegu (Hàn Quốc)'
        return taken + 2
    return taken


def _before_a_full_stop(sentence: str, end: int) -> int:
    """A name's end before the stop of its sentence ('… của thành phố Seoul.'): its last word is a place,
    so a dot after it is no abbreviation's."""
    return end - 1 if sentence[end - 1 : end] == "." else end


def _place_starts(words: list[re.Match[str]]) -> bool:
    """'Lâm Đồng', 'Cao Bằng', 'Thái Nguyên': a place whose first word is also a surname."""
    places = _all_places()
    return any(" ".join(w.group(0) for w in words[:n]) in places for n in range(2, len(words) + 1))


_LOCAL_GOVERNMENT_HEADS = {"UBND", "Ủy ban nhân dân", "Ủy ban Nhân dân", "HĐND", "Hội đồng nhân dân"}


_FIRMS_IN_GENERAL = {"Doanh nghiệp", "doanh nghiệp"}


def _specific(name: str, head: str) -> bool:
    """A name that points at one organisation, not 'các Bộ' or 'Bộ này'."""
    rest = name[len(head) :].strip()
    if head in _LOCAL_GOVERNMENT_HEADS and rest in ("tỉnh", "thành phố"):
        return True  # 'Chủ tịch UBND tỉnh tiếp …' in a province's own paper: its People's Committee
    if KOREA.search(rest) and VIETNAM.search(rest) and head[:1].isupper():
        return True  # a body named for the pair of countries ('Nhóm Nghị sĩ hữu nghị Hàn Quốc – Việt Nam') is one body
    # the country words say whose body, not which one; 'Việt Nam học' (Vietnamese studies) is a discipline
    rest = re.sub(r"\b(?:của |tại |ở )?(?:Hàn Quốc|Việt Nam|Korea|Vietnam)\b(?! học\b)", "", rest).strip()
    if not rest:
        return False  # 'công ty Hàn Quốc', 'các trường đại học Việt Nam': no one organisation
    if head[:1].islower() and re.match(r"^[a-zđà-ỹ ]*\b(?:của|tại|ở|thuộc)\s", rest):
        return False  # 'công ty lữ hành của thành phố Gwangju': some firms of a place, none named
    if head in _FIRMS_IN_GENERAL and (rest in _all_places() or has_place(rest) and rest.split()[0] in _BARE_PLACE_HEADS):
        return False  # 'Doanh nghiệp Cần Thơ ký kết với KOTRA': the firms of a place, none named
    return any(ch.isupper() for ch in rest) or bool(re.search(r"\d", rest))


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if (m.end - m.start) > (out[-1].end - out[-1].start):
                out[-1] = m
            continue
        out.append(m)
    return out


# the reference lists add their places to the hand-written core (after the surnames: a surname is no place)
_VN_REFERENCE_PLACES = _place_forms(reference.vn_places())
KR_PLACES |= {
    f for f in _place_forms(reference.kr_places()) - _VN_REFERENCE_PLACES
    if (f.isascii() and len(f) >= 4 and not _VN_SYLLABLE.match(f.lower()) and f not in _KR_SURNAMES) or " " in f
}
VN_PLACES |= _VN_REFERENCE_PLACES


def names_a_korean_person(text: str) -> bool:
    """'ông Choi Chang Ho', 'bà Park Ji-won': a Korean official's romanised name is evidence of Korea."""
    for match in _TITLED_PERSON.finditer(text):
        surname, *given = match["name"].split()
        syllables = [part for word in given for part in word.split("-")]
        if surname not in _KR_SURNAMES or not syllables or not all(w.isascii() and korean_syllables(w) for w in syllables):
            continue
        if surname not in _SURNAMES_OF_BOTH or not all(_VN_SYLLABLE.match(w.lower()) for w in syllables):
            return True  # 'Kim Long' may be Vietnamese written without marks; 'Kim Jae-won' is not
    return False


_SURNAMES_OF_BOTH = {"Kim", "Han", "Hong", "Song", "Lim", "Ha", "Ma", "Ko", "Cho", "Yoo"}


_TITLED_PERSON = re.compile(r"\b(?:[ôÔ]ng|[bB]à|ngài|Ngài)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,2})\b")


def holds_a_korean_name(name: str) -> bool:
    """'Bệnh viện Đại học Yonsei', 'Tập đoàn KEPCO': a listed Korean organisation's name or acronym inside
    a longer name."""
    by_name, pattern = _gazetteer_index()[1:]
    known = _known_by_its_acronym(name)
    return (known is not None and known.country == "KR") or any(
        by_name[m.group(1)].country == "KR" for m in pattern.finditer(fold(name)))

