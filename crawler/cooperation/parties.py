"""Organisations in Vietnamese news text: a gazetteer (data file) plus the patterns the press uses."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crawler.cooperation.normalize import fold

GAZETTEER = Path(__file__).with_name("gazetteer.toml")

# Words that open an organisation's name, longest first.
HEADS = [
    "Tổng Lãnh sự quán", "Đại sứ quán", "Lãnh sự quán", "Ủy ban nhân dân", "Ủy ban Nhân dân", "UBND",
    "Hội đồng nhân dân", "HĐND", "Hội đồng", "Thành ủy", "Tỉnh ủy", "Quận ủy", "Huyện ủy",
    "Ban Tuyên giáo", "Ban Quản lý", "Bộ", "Tổng cục", "Cục", "Sở", "Viện Hàn lâm", "Viện",
    "Học viện", "Trung tâm", "Trường Đại học", "Trường Cao đẳng", "Trường", "Đại học", "ĐHQG", "ĐH",
    "Hiệp hội", "Liên hiệp", "Liên đoàn", "Hội", "Tập đoàn", "Tổng công ty", "Công ty", "Ngân hàng",
    "Quỹ", "Cơ quan", "Văn phòng", "Bệnh viện", "Khu công nghệ cao", "Khu Công nghệ cao",
    "Công viên", "Quận", "Huyện", "trường đại học", "đại học", "tập đoàn", "công ty", "hiệp hội", "tỉnh", "Tỉnh", "thành phố", "Thành phố", "TP.", "TP", "Tp.",
]
PLACE_HEADS = {"tỉnh", "Tỉnh", "thành phố", "Thành phố", "TP.", "TP", "Tp.", "Quận", "Huyện"}
_HEAD_RE = re.compile(
    r"(?<![\wÀ-ỹ])(" + "|".join(re.escape(h) for h in HEADS) + r")(?![\wÀ-ỹ])"
    r"(?!\s+(?:trưởng|phó|viên|quản trị|Giám đốc|lãnh đạo|chủ nhiệm|điều hành|nghị|thảo|chợ|đàm|thi)\b)"
)
_STOP_WORDS = {
    "đã", "đang", "sẽ", "vừa", "ký", "tổ", "chức", "tiếp", "làm", "về", "với", "tại", "nhằm",
    "trong", "cho", "để", "do", "là", "có", "được", "thuộc", "cùng", "đến", "thăm", "phối", "chủ",
    "hội", "trao", "gặp", "nhân", "vào", "sau", "khi", "theo", "từ", "bày", "cảm", "đánh", "giới",
    "mong", "này", "đó", "hai", "các", "những", "một", "ông", "bà", "chứng", "đại", "diện", "cũng",
    "thì", "mà", "nên", "như", "hướng", "trên", "dưới", "giữa", "ngày", "sáng", "chiều", "tối",
    "hôm", "năm", "tháng", "lần", "thực", "hỗ", "tham", "dự", "phát", "biểu", "biết", "nêu", "nhấn",
    "khẳng", "đồng", "chí", "ra", "lễ", "buổi",
}
_ACRONYM = re.compile(r"^[A-ZĐ][A-Za-zĐ0-9&.-]{1,14}$")
_ROMAN_KR = re.compile(
    r"(?:eo|eu|ae|oe|yeo|yu|yo|gy|gw|jj|kk|oo|ung$|ju$|gu$|buk$|nam$|do$|won$|san$|jeon|cheon|je$)"
)
# one Vietnamese syllable written without diacritics (Du, Long, Trung): not a foreign word
_VN_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|ươi|oai|oay|uoi|ieu|yeu|oa|oe|uy|ua|uo|ie|ye|ia|ai|ao|au|ay|eo|eu|oi|ui|iu|ou|[aeiouy])"
    r"(?:ng|nh|ch|[cmnpt])?$"
)
KR_PLACES = {
    "Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Ulsan", "Sejong", "Gyeonggi",
    "Gangwon", "Chungcheong", "Chungbuk", "Chungnam", "Jeolla", "Jeonbuk", "Jeonnam", "Jeollabuk",
    "Jeollanam", "Gyeongsang", "Gyeongbuk", "Gyeongnam", "Gyeongsangbuk", "Gyeongsangnam",
    "Chungcheongbuk", "Chungcheongnam", "Jeju", "Suwon", "Changwon", "Pohang", "Gumi", "Ansan",
    "Gimje", "Sangju", "Guro", "Gangnam", "Seongnam", "Yongin", "Goyang", "Hwaseong", "Cheongju",
    "Cheonan", "Jeonju", "Gimhae", "Andong", "Gyeongju", "Mokpo", "Yeosu", "Pangyo",
}
FOREIGN = re.compile(
    r"Nhật Bản|Trung Quốc|Hoa Kỳ|\bMỹ\b|Australia|\bÚc\b|Vương quốc Anh|\bAnh Quốc|Singapore|\bPháp\b(?! chế| luật| lý)|CHLB Đức|nước Đức|"
    r"Ấn Độ|Triều Tiên|CHDCND|Lào|Campuchia|Thái Lan|châu Âu|\bEU\b|Nga\b|Canada|Israel|Ả Rập|Saudi|"
    r"Indonesia|Malaysia|Philippines|Đài Loan|Hà Lan|Thụy|Italy|Tây Ban Nha|New Zealand|Hungary|Séc"
)
KOREA = re.compile(r"Hàn Quốc|\bHàn\b|Korea|\bKR\b")
_KOREA_AFTER = re.compile(r"\s*\((?:Hàn Quốc|Korea)\)")
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


@dataclass(frozen=True)
class KnownOrg:
    country: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]


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
    """The organisations of gazetteer.toml."""
    data = tomllib.loads(GAZETTEER.read_text(encoding="utf-8"))
    return tuple(
        KnownOrg(o["country"], o["name"], o.get("acronym"), tuple(o.get("aliases", ()))) for o in data["org"]
    )


@lru_cache(maxsize=1)
def _gazetteer_index() -> tuple[dict[str, KnownOrg], dict[str, KnownOrg], re.Pattern[str]]:
    by_acronym = {o.acronym: o for o in gazetteer() if o.acronym}
    by_name: dict[str, KnownOrg] = {}
    for org in gazetteer():
        for form in (org.name, *org.aliases):
            by_name[fold(form)] = org
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(n) for n in names) + r")(?![a-z0-9])")
    return by_acronym, by_name, pattern


def lookup(name: str, acronym: str | None = None) -> KnownOrg | None:
    """The gazetteer entry for a name or acronym, if any."""
    by_acronym, by_name, _ = _gazetteer_index()
    if acronym and acronym in by_acronym:
        return by_acronym[acronym]
    return by_name.get(fold(name))


def classify(name: str, context_after: str = "") -> str:
    """VN, KR or XX for an organisation name, by gazetteer, then by the names and places in it."""
    known = lookup(name, name)
    if known:
        return known.country
    tail = context_after[:40]
    if KOREA.search(name) and VIETNAM.search(name):
        return "VN"  # bilateral Vietnamese bodies: Hiệp hội … Việt Nam - Hàn Quốc, Trường … Việt - Hàn
    if KOREA.search(name) or _KOREA_AFTER.match(tail):
        return "KR"
    if FOREIGN.search(name) or _FOREIGN_AFTER.match(tail):
        return "XX"
    if VIETNAM.search(name) or any(p in name for p in VN_PLACES):
        return "VN"
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.isascii()]
    if any(w in KR_PLACES for w in words):
        return "KR"
    if any(len(w) >= 4 and w[0].isupper() and _ROMAN_KR.search(w.lower()) and w.lower() not in _ENGLISH
           and not _VN_SYLLABLE.match(w.lower()) for w in words):
        return "KR"
    proper = [w for w in re.findall(r"[^\W\d_]+", _without_head(name)) if w[0].isupper()]
    if proper and all(w.isascii() and not w.isupper() and not _VN_SYLLABLE.match(w.lower()) for w in proper):
        return "XX"  # only foreign-looking proper names (Farmstaff, Hana Micron): nationality unknown
    return "VN"


def _without_head(name: str) -> str:
    match = _HEAD_RE.match(name)
    return name[match.end() :] if match else name


_ENGLISH = {"technology", "university", "group", "bank", "fund", "agency", "industrial", "park", "corporation",
            "institute", "research", "saigon", "fpt", "vinfast", "viettel", "vingroup", "good", "school", "food",
            "book", "room", "green", "pool", "zoom", "cloud", "global", "young", "strong"}


def find_orgs(sentence: str) -> list[Mention]:
    """Organisations named in a sentence: gazetteer names and acronyms, then head-word phrases."""
    return list(_find_orgs(sentence))


@lru_cache(maxsize=2048)  # one sentence is looked at by several rules
def _find_orgs(sentence: str) -> tuple[Mention, ...]:
    mentions = _gazetteer_mentions(sentence)
    for match in _HEAD_RE.finditer(sentence):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        mention = _phrase_at(sentence, match.start(), match.group(1))
        if mention is not None:
            mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return tuple(_drop_nested(mentions))


def _gazetteer_mentions(sentence: str) -> list[Mention]:
    by_acronym, by_name, pattern = _gazetteer_index()
    out: list[Mention] = []
    for match in re.finditer(r"(?<![\wĐđ])([A-ZĐ][A-Za-zĐ]*[A-ZĐ][A-Za-zĐ0-9-]*)(?![\wĐđ])", sentence):
        org = by_acronym.get(match.group(1))
        if org:
            out.append(Mention(match.start(), match.end(), org.name, org.acronym, org.country, org.name))
    folded, offsets = _fold_with_offsets(sentence)
    for match in pattern.finditer(folded):
        org = by_name[match.group(1)]
        start, end = offsets[match.start()], offsets[match.end() - 1] + 1
        if any(m.start <= start < m.end or start <= m.start < end for m in out):
            out = [m for m in out if not (start <= m.start < end)]
        acronym = _acronym_after(sentence, end) or org.acronym
        # the text's own words: the press names one organisation many ways, the gazetteer links them
        out.append(Mention(start, end, sentence[start:end], acronym, org.country, org.name))
    return out


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return " va " if ch == "&" else (fold(ch) or " ")


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """fold() of the text with runs of spaces collapsed, and where each folded character came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        for f in piece:
            if f == " " and chars and chars[-1] == " ":
                continue
            chars.append(f)
            offsets.append(i)
    return "".join(chars), offsets


def _acronym_after(sentence: str, end: int) -> str | None:
    match = re.match(r"\s*\(([^()]{2,40})\)", sentence[end:])
    if not match:
        return None
    inner = match.group(1).split("-")[-1].split("–")[-1].strip()
    return inner if _ACRONYM.match(inner) and sum(c.isupper() for c in inner) >= 2 else None


def _phrase_at(sentence: str, start: int, head: str) -> Mention | None:
    """The organisation name that starts with a head word at `start`."""
    tokens = list(re.finditer(r"[^\s,;:()\"']+", sentence[start + len(head) :]))
    name_end = start + len(head)
    taken = 0
    for i, tok in enumerate(tokens):
        word = tok.group(0)
        gap = sentence[name_end : start + len(head) + tok.start()]
        if gap.strip() or taken >= 10:
            break
        lower = word.lower()
        if lower in _STOP_WORDS and lower not in {"và"}:
            break
        if lower == "và":
            nxt = tokens[i + 1].group(0) if i + 1 < len(tokens) else ""
            if not nxt or not nxt[0].isupper() or _HEAD_RE.match(nxt) or _HEAD_RE.match(
                sentence[start + len(head) + tokens[i + 1].start() :]
            ):
                break
        if word.endswith(".") and not re.match(r"^(TP|Tp)\.$", word):
            name_end = start + len(head) + tok.start() + len(word) - 1
            taken += 1
            break
        name_end = start + len(head) + tok.end()
        taken += 1
    name = _cut_person_after_place(sentence[start:name_end].strip(" -"))
    name_end = start + len(name)
    if taken == 0 or not _specific(name, head):
        return None
    acronym = _acronym_after(sentence, name_end)
    country = classify(name, sentence[name_end:])
    vn_place = head in PLACE_HEADS and country == "VN" and not any(p in name for p in VN_PLACES)
    if vn_place and not re.search(r"[A-Z][a-z]|\d", name[len(head) :]):
        return None
    return Mention(start, name_end, name, acronym, country)


def _cut_person_after_place(name: str) -> str:
    """'UBND thành phố Đà Nẵng Huỳnh Đức Thơ' -> 'UBND thành phố Đà Nẵng' (a name follows the title)."""
    for place in VN_PLACES:
        at = name.find(place)
        if at > 0:
            rest = name[at + len(place) :]
            if re.match(r"\s+[A-ZĐ]", rest) and not re.match(r"\s+(?:Việt Nam|Hàn Quốc)", rest):
                return name[: at + len(place)]
    return name


def _specific(name: str, head: str) -> bool:
    """A name that points at one organisation, not 'các Bộ' or 'Bộ này'."""
    rest = name[len(head) :].strip()
    if not rest:
        return False
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
