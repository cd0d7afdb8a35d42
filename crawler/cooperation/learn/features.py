"""Features of an organisation mention as a party of the event its sentence tells (pure)."""

from __future__ import annotations

import math
import re

from crawler.cooperation.normalize import fold
from crawler.cooperation.parties import Mention

_BEFORE = {
    "with": re.compile(r"\b(?:với|cùng với|giữa)\s*$"),
    "and": re.compile(r"(?:\bvà|,)\s*$"),
    "witness": re.compile(r"chứng kiến(?: của)?\s*(?:\S+\s+){0,4}$"),
    "attend": re.compile(r"(?:tham dự|có sự tham gia của|có mặt|dự lễ|đại biểu)\s*(?:\S+\s+){0,6}$"),
    "represent": re.compile(r"(?:đại diện|thay mặt)(?: cho)?(?: phía)?\s*$"),
    "of": re.compile(r"\b(?:của|thuộc|trực thuộc)\s*$"),
    "at": re.compile(r"\b(?:tại|ở)\s*(?:trụ sở\s*)?$"),
    "delegation": re.compile(r"\bđoàn(?: công tác| đại biểu| cấp cao)?(?: của)?\s*$", re.IGNORECASE),
    "bracket": re.compile(r"\(\s*$"),
}
_AFTER = {
    "and": re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:và|cùng)\b"),
    "verb": re.compile(r"^\s*(?:\([^()]*\)\s*)?(?:đã|vừa|chính thức)?\s*(?:ký|tiếp|làm việc|hội đàm|có buổi|trao)"),
}
_HEADS = ("Bộ", "UBND", "Ủy ban", "Sở", "Trường", "Đại học", "ĐH", "Học viện", "Công ty", "Tập đoàn", "Tổng công ty",
          "Viện", "Hội", "Hiệp hội", "Cục", "Tổng cục", "Trung tâm", "Ban", "Đại sứ quán", "Tổng Lãnh sự quán",
          "Tỉnh ủy", "Thành ủy", "HĐND", "Hội đồng", "Ngân hàng", "Bệnh viện", "Quỹ", "Cơ quan", "Văn phòng")
_PLACES = re.compile(r"^(?:tỉnh|thành phố|quận|huyện|TP)\b", re.IGNORECASE)
_TRIGGER = re.compile(r"\bký|hội đàm|làm việc|\btiếp\b|hội kiến|gặp|trao", re.IGNORECASE)


def _head(name: str) -> str:
    for head in sorted(_HEADS, key=len, reverse=True):
        if name.startswith(head):
            return head
    return "place" if _PLACES.match(name) else "other"


def mention_features(mention: Mention, side: list[Mention], sentence: str, title: str, article: str) -> dict[str, float]:
    """Named features of one mention among its side's mentions in an event's sentence."""
    before = sentence[max(0, mention.start - 60) : mention.start]
    after = sentence[mention.end : mention.end + 40]
    trigger = _TRIGGER.search(sentence)
    rank = side.index(mention) if mention in side else 0
    key = fold(mention.name)
    features: dict[str, float] = {
        "bias": 1.0,
        f"head={_head(mention.name)}": 1.0,
        f"rank={min(rank, 2)}": 1.0,
        "alone_on_side": float(len(side) == 1),
        "side_size": min(len(side), 5) / 5,
        "position": mention.start / max(len(sentence), 1),
        "before_trigger": float(trigger is not None and mention.start < trigger.start()),
        "in_title": float(bool(key) and key in title),
        "mentions_in_article": math.log1p(article.count(key)) if key else 0.0,
        "has_acronym": float(bool(mention.acronym)),
        "known": float(bool(mention.canonical)),
        "words": min(len(mention.name.split()), 12) / 12,
    }
    for name, pattern in _BEFORE.items():
        features[f"before_{name}"] = float(bool(pattern.search(before)))
    for name, pattern in _AFTER.items():
        features[f"after_{name}"] = float(bool(pattern.search(after)))
    return features
