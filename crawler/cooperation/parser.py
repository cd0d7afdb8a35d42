"""Stories to cooperation events. Pure: no Scrapy, no clock, no I/O.

The article is split into sentences; a sentence that names a signing or a meeting (a trigger)
and at least one Vietnamese and one Korean organisation is a candidate event. Background
(earlier signings, plans) is skipped; candidates about the same parties are merged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from crawler.cooperation.dates import _find_dates, find_dates, parse_date, resolve
from crawler.cooperation.normalize import fold, normalize
from crawler.cooperation.parties import (
    FOREIGN,
    KR_PLACES,
    VIETNAM,
    VN_PLACES,
    Mention,
    _find_orgs,
    find_orgs,
    lookup,
)
from crawler.cooperation.topics import topics_of
from crawler.items import CooperationEvent, EventType, Extraction, Party

_SIGN = re.compile(r"\bký(?: kết)?\b|\blễ ký\b|\btrao (?:bản|biên bản|thỏa thuận)")
_LOI = re.compile(r"ý định thư|thư ý định|\bloi\b")
_MOU = re.compile(r"biên bản ghi nhớ|bản ghi nhớ|ghi nhớ hợp tác|\bmous?\b")
_MEETING = re.compile(
    r"hội đàm|phiên họp|kỳ họp|buổi làm việc|làm việc với|làm việc tại|tiếp và làm việc|tiếp đón|"
    r"tiếp đoàn|(?<!trực )\btiếp\b(?! (?:tục|theo|cận|nhận|thu|nối|xúc|sức|tuyến|tế|đó|đến|diễn))|"
    r"hội kiến|gặp gỡ|thăm và làm việc|thăm, làm việc|có buổi làm việc|đã gặp"
)
_BACKGROUND = re.compile(
    r"\btrước đó\b|\btrước đây\b|\bđã từng\b|\btừng ký\b|\bkể từ\b|\btừ năm \d{4}|\bvào năm \d{4}|"
    r"\bnăm \d{4},? (?:hai bên|hai nước|.{0,40}đã ký)|\bthay cho\b"
)
_FUTURE = re.compile(
    r"\bsẽ (?:ký|tổ chức|làm việc|có buổi|tiến hành)|\bdự kiến (?:ký|sẽ)|\bsắp (?:ký|tới)|"
    r"\bkế hoạch (?:ký|làm việc)|\bchuẩn bị ký|\bmong muốn (?:ký|sớm ký)|\btiến tới ký"
)
_WITNESS = re.compile(r"(?:dưới sự |có sự |với sự )?chứng kiến(?: của)?[^,.;]*", re.IGNORECASE)
_ATTENDANCE = re.compile(r"^\W*(?:đến dự|tham dự|dự lễ|cùng dự|có mặt|chứng kiến)\b")
# sentences that describe an event already reported: they add no new parties
_ELABORATION = re.compile(
    r"^\W*(?:tại (?:buổi|lễ|phiên|hội|cuộc)|phát biểu|theo (?:đó|nội dung|thỏa thuận|bản ghi nhớ)|"
    r"trong (?:buổi|khuôn khổ buổi)|cũng tại|về phía|kết thúc|sau (?:lễ|buổi))"
)
_BOTH_SIDES = re.compile(r"\bhai (?:bên|cơ quan|đơn vị|tỉnh|địa phương|quận|trường|phía|thành phố|viện)\b")
_FRAMING = re.compile(r"^\W*(?:trong khuôn khổ|nhân chuyến|nhân dịp)\b")
_TOUR = re.compile(r"(?:tham quan|thăm quan)\s+(?:\S+\s+){0,3}$")
_PLACE_QUALIFIER = re.compile(r"(?:TP\.?|Tp\.)\s?|(?:thành phố|Thành phố|tỉnh|Tỉnh)\s")
_VENUE = re.compile(r"\b(?:tại|ở)\s+trụ sở\s*(?:của\s+)?$", re.IGNORECASE)
_PARENT = re.compile(r"^\s*(?:\(|thuộc\b|trực thuộc\b|của\b)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[\"'(*\-]?[A-ZĐÀ-Ỹ0-9])|\n+")
_ABBREVIATION = re.compile(r"(?:\bTP|\bTp|\bQ|\bTS|\bGS|\bThS|\bPGS|\bTT)\.$")


@dataclass
class Candidate:
    type: EventType
    date: dt.date | None
    vn: list[Mention]
    kr: list[Mention]
    location: str | None
    sentence: str
    signatories: list[str] = field(default_factory=list)
    more_sentences: list[str] = field(default_factory=list)  # others it was read from


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
    title_n = normalize(title or "")
    text = normalize("\n\n".join(p for p in (sapo, body, *captions) if p))  # captions after the body
    candidates = _candidates(title_n, text, published)
    events = _merge(candidates, has_mou=bool(_MOU.search(f"{title_n} {text}".lower())))
    topics = topics_of(title_n + " " + text)
    people = _signatories(text)
    out = tuple(
        CooperationEvent(
            type=c.type,
            date=c.date,
            vn_parties=_parties(c.vn),
            kr_parties=_parties(c.kr),
            location=c.location,
            signatories=_signatories_of(c, people),
            topics=topics,
            evidence=tuple(dict.fromkeys((c.sentence, *c.more_sentences))),
        )
        for c in events
    )
    return Extraction(relevant=bool(out), events=out)


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


def split_sentences(text: str) -> list[str]:
    """Sentences and caption lines of a text; 'TP. Huế' and 'GS. Kim' do not end a sentence."""
    out: list[str] = []
    glue = False
    for piece in _SENTENCE.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if glue and out:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
        glue = bool(_ABBREVIATION.search(out[-1]))
    return out


def _candidates(title: str, text: str, published: dt.date | None) -> list[Candidate]:
    out: list[Candidate] = []
    if title:
        out.extend(_from_sentence(title, None, published, in_title=True))
    for paragraph in text.split("\n\n"):
        lead_date: dt.date | None = None
        pending: Candidate | None = None  # a dated trigger naming one side; the next sentence may name the other
        for sentence in split_sentences(paragraph):
            found = _from_sentence(sentence, lead_date, published)
            if not found:
                found = _complete(pending, sentence)
                pending = None if found else _one_sided(sentence, lead_date, published)
                if not found:
                    _fill_from_both_sides(out, sentence, published)
            out.extend(found)
            if _event_type(sentence) is not None:  # a bare date line is not the event's date
                lead_date = lead_date or _sentence_date(sentence, published)
    return out


def _one_sided(sentence: str, lead_date: dt.date | None, published: dt.date | None) -> Candidate | None:
    """A dated trigger with the parties of one side only ('… tiếp và làm việc với Đoàn đại biểu Hàn Quốc')."""
    kind = _event_type(sentence)
    if kind is None or _skip(sentence, published) or _BOTH_SIDES.search(sentence.lower()):
        return None
    orgs = _parties_in(sentence)
    vn = [m for m in orgs if m.country == "VN"]
    kr = [m for m in orgs if m.country == "KR"]
    if bool(vn) == bool(kr):
        return None
    return Candidate(kind, _sentence_date(sentence, published) or lead_date, vn, kr, _location(sentence, vn), sentence)


def _complete(pending: Candidate | None, sentence: str) -> list[Candidate]:
    """The sentence after a one-sided trigger names the missing side ('Đoàn do ông X, Đại sứ quán … dẫn đầu')."""
    if pending is None or _event_type(sentence) is not None:
        return []
    orgs = _parties_in(sentence)
    missing = "KR" if not pending.kr else "VN"
    found = [m for m in orgs if m.country == missing]
    if not found or not re.search(r"\bđoàn\b|dẫn đầu|trưởng đoàn", sentence, re.IGNORECASE):
        return []
    if missing == "KR":
        pending.kr = found
    else:
        pending.vn = found
    pending.more_sentences.append(sentence)
    return [pending]


def _fill_from_both_sides(found: list[Candidate], sentence: str, published: dt.date | None) -> None:
    """'Chiều 17/4 hai bên đã tổ chức phiên họp …' dates the event already named (often in the title)."""
    kind = _event_type(sentence)
    lower = sentence.lower()
    framing = bool(_FRAMING.match(lower))
    if kind is None or not (_BOTH_SIDES.search(lower) or framing):
        return
    if _FUTURE.search(lower) or _ATTENDANCE.search(lower) or _is_background(sentence, published):
        return
    date = _sentence_date(sentence, published)
    for cand in found:
        if cand.type is kind and cand.date is None and date is not None:
            cand.date = date
            cand.location = cand.location or _location(sentence, cand.vn)
            cand.more_sentences.append(sentence)
            return


def _skip(sentence: str, published: dt.date | None) -> bool:
    lower = sentence.lower()
    return bool(
        _FUTURE.search(lower) or _ATTENDANCE.search(lower) or _ELABORATION.search(lower)
        or _is_background(sentence, published)
    )


def _from_sentence(
    sentence: str, lead_date: dt.date | None, published: dt.date | None, in_title: bool = False
) -> list[Candidate]:
    kind = _event_type(sentence)
    if kind is None or _skip(sentence, published):
        return []
    if kind is EventType.MEETING and _FRAMING.match(sentence.lower()):
        return []
    orgs = _parties_in(sentence)
    vn = [m for m in orgs if m.country == "VN"]
    kr = [m for m in orgs if m.country == "KR"]
    if FOREIGN.search(sentence):  # another country is in play: only surely Vietnamese bodies count
        vn = [m for m in vn if _surely_vietnamese(m)]
    if not vn or not kr:
        return []
    date = None if in_title else (_sentence_date(sentence, published) or lead_date)
    location = _location(sentence, vn)
    signing = kind is not EventType.MEETING
    if signing and len(vn) == 1 and len(kr) > 1 and re.search(r"\bvới\b", sentence):
        return [Candidate(kind, date, vn, [k], location, sentence) for k in kr]
    return [Candidate(kind, date, vn, kr, location, sentence)]


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


def _surely_vietnamese(mention: Mention) -> bool:
    return bool(mention.canonical) or bool(VIETNAM.search(mention.name)) or any(
        p in mention.name for p in VN_PLACES
    )


_ANY_TRIGGER = re.compile(
    r"ký|ghi nhớ|mou|ý định|thư ý|loi\b|hội đàm|họp|làm việc|tiếp|gặp|hội kiến|thỏa thuận|hiệp định|biên bản"
)


@lru_cache(maxsize=4096)
def _event_type(sentence: str) -> EventType | None:
    sentence = sentence.lower()  # the keyword patterns are lower case: faster than IGNORECASE
    if not _ANY_TRIGGER.search(sentence):  # most sentences: one cheap look
        return None
    signed = _SIGN.search(sentence)
    if _LOI.search(sentence) and signed:
        return EventType.LETTER_OF_INTENT
    if _MOU.search(sentence) and (signed or re.search(r"\bđã được ký|ký kết\b", sentence)):
        return EventType.MOU
    if signed:
        return EventType.AGREEMENT
    if _MEETING.search(sentence):
        return EventType.MEETING
    return None


def _is_background(sentence: str, published: dt.date | None) -> bool:
    mentions = find_dates(sentence)
    first = mentions[0] if mentions else None
    if first is not None and first.day is not None and first.start < 40:
        day = resolve(first, published)
        if day is not None and (published is None or abs((published - day).days) <= 45):
            return False  # the sentence opens with its own recent date: what follows is detail
    if _BACKGROUND.search(sentence.lower()):
        return True
    for mention in mentions:
        if mention.explicit_year and published and mention.year is not None:
            if mention.day is None or published - dt.date(mention.year, mention.month, mention.day or 1) > dt.timedelta(days=45):
                return True
        elif mention.day is None:
            return True
    return False


def _parties_in(sentence: str) -> list[Mention]:
    return list(_participants(sentence))


@lru_cache(maxsize=2048)
def _participants(sentence: str) -> tuple[Mention, ...]:
    """Organisations that take part: witnesses and parent bodies ('thuộc X', '(Bộ X)') are left out."""
    witness_spans = [m.span() for m in _WITNESS.finditer(sentence)]
    out: list[Mention] = []
    previous_end = -1
    for mention in find_orgs(sentence):
        inside_acronym = previous_end >= 0 and not sentence[previous_end:mention.start].strip(" (")
        between = sentence[previous_end:mention.start] if previous_end >= 0 else ""
        between = re.sub(r"^\s*(?:\([^()]{1,60}\)|\))", "", between)  # the previous name's acronym
        parent = previous_end >= 0 and bool(_PARENT.match(between)) and len(between) < 12
        venue = bool(_VENUE.search(sentence[max(0, mention.start - 20) : mention.start]))
        qualifier = bool(out) and bool(_PLACE_QUALIFIER.match(mention.name)) and between.strip() == ","
        before = sentence[: mention.start]
        in_brackets = bool(out) and before.count("(") > before.count(")")
        toured = bool(_TOUR.search(sentence[max(0, mention.start - 40) : mention.start].lower()))
        place_venue = bool(_PLACE_QUALIFIER.match(mention.name)) and bool(
            re.search(r"\b(?:tại|ở)\s+$", sentence[max(0, mention.start - 6) : mention.start])
        )
        previous_end = mention.end
        if inside_acronym or parent or venue or qualifier or in_brackets or toured or place_venue or any(a <= mention.start < b for a, b in witness_spans):
            continue
        out.append(mention)
    return tuple(out)


def _sentence_date(sentence: str, published: dt.date | None) -> dt.date | None:
    return parse_date(sentence, published)


_ONLINE = re.compile(r"trực tuyến|hình thức trực tuyến|online|cầu truyền hình")


_AT_PLACE = re.compile(
    r"\btại\s+(?:trụ sở\s+)?(?:[^,.;]{0,40}?)("
    + "|".join(re.escape(p) for p in sorted(VN_PLACES | KR_PLACES, key=len, reverse=True)) + r")"
)


def _location(sentence: str, vn: list[Mention]) -> str | None:
    if _ONLINE.search(sentence.lower()):
        return "trực tuyến"
    match = _AT_PLACE.search(sentence)
    if match:
        return _normal_place(match.group(1))
    for mention in vn:
        if re.match(r"(UBND|Ủy ban|HĐND|Hội đồng nhân dân|Thành ủy|Tỉnh ủy|tỉnh|thành phố|TP)", mention.name):
            for place in VN_PLACES:
                if place in mention.name:
                    return _normal_place(place)
    return None


def _normal_place(place: str) -> str:
    return {"TPHCM": "TP. Hồ Chí Minh", "TP.HCM": "TP. Hồ Chí Minh", "Hồ Chí Minh": "TP. Hồ Chí Minh",
            "Thừa Thiên Huế": "Huế", "Bà Rịa": "Bà Rịa - Vũng Tàu", "Vũng Tàu": "Bà Rịa - Vũng Tàu"}.get(place, place)


def _org_key(name: str) -> str:
    return fold(name).replace("khoa hoc va cong nghe", "kh va cn").replace("tp ho chi minh", "tp hcm")


def _same_org(a: Mention, b: Mention) -> bool:
    if a.canonical and b.canonical:
        return a.canonical == b.canonical
    fa, fb = _org_key(a.name), _org_key(b.name)
    if a.acronym and b.acronym and a.acronym == b.acronym:
        return True
    short, long_ = sorted((fa, fb), key=len)
    return fa == fb or (len(short) >= 8 and short in long_)


def _overlap(xs: list[Mention], ys: list[Mention]) -> bool:
    return any(_same_org(x, y) for x in xs for y in ys)


def _merge(candidates: list[Candidate], has_mou: bool) -> list[Candidate]:
    """One event per signing or meeting: the same parties and type in several sentences are one."""
    merged: list[Candidate] = []
    for cand in candidates:
        if has_mou and cand.type is EventType.AGREEMENT:
            cand.type = EventType.MOU
        target = next(
            (m for m in merged if m.type is cand.type and _overlap(m.vn, cand.vn) and _overlap(m.kr, cand.kr)
             and (m.date is None or cand.date is None or m.date == cand.date)),
            None,
        )
        if target is None:
            merged.append(cand)
            continue
        target.date = target.date or cand.date
        target.location = target.location or cand.location
        target.vn = _union(target.vn, cand.vn)
        target.kr = _union(target.kr, cand.kr)
        target.more_sentences.append(cand.sentence)
    signings = [m for m in merged if m.type is not EventType.MEETING]
    return [
        m for m in merged
        if m.type is not EventType.MEETING
        or not any(_overlap(m.vn, s.vn) and _overlap(m.kr, s.kr) and (m.date in (None, s.date)) for s in signings)
    ]


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
    return tuple(Party(name=m.name, acronym=m.acronym) for m in _union([], mentions))
