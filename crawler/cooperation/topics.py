"""Topics of a cooperation story, by keywords (written in lower case: the text is lower-cased once)."""

from __future__ import annotations

import re

TOPICS: dict[str, str] = {
    "startups": r"khởi nghiệp|start-?up|ươm tạo",
    "SMEs": r"doanh nghiệp (?:vừa và nhỏ|nhỏ và vừa)|\bsmes?\b",
    "technology transfer": r"chuyển giao công nghệ|thương mại hóa",
    "training and human resources": r"đào tạo|nguồn nhân lực|nhân lực|học bổng|trao đổi sinh viên",
    "AI": r"trí tuệ nhân tạo|\bai\b",
    "semiconductors": r"bán dẫn|vi mạch|\bchip\b",
    "digital transformation": r"chuyển đổi số|thành phố thông minh|công nghệ số",
    "energy and green transition": r"năng lượng|chuyển đổi xanh|tăng trưởng xanh|hạt nhân|phát thải|khí hậu|điện mặt trời|hydro",
    "research": r"nghiên cứu chung|hợp tác nghiên cứu|nghiên cứu và phát triển|r&d",
    "innovation": r"đổi mới sáng tạo",
    "intellectual property": r"sở hữu trí tuệ|sáng chế",
    "standards and quality": r"tiêu chuẩn|đo lường|chất lượng|thử nghiệm",
    "health": r"y tế|bệnh viện",
    "agriculture": r"nông nghiệp|nông thôn",
    "trade and investment": r"thu hút đầu tư|xúc tiến (?:đầu tư|thương mại)|giao thương|thương mại",
    "education": r"giáo dục|trao đổi sinh viên|học bổng|đào tạo (?:đại học|sau đại học|tiến sĩ)",
}
_REGEX_SIGNS = set("\\?()[]{}*+|^$.")


def _split(pattern: str) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """A topic's plain words (looked up with `in`, many times faster than a regex scan of a long
    text) and a regex of the alternatives that need one."""
    alternatives = _top_level_alternatives(pattern)
    plain = tuple(a for a in alternatives if not _REGEX_SIGNS & set(a))
    rest = [a for a in alternatives if a not in plain]
    return plain, re.compile("|".join(rest)) if rest else None


def _top_level_alternatives(pattern: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, char in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    return [*out, pattern[start:]]


_COMPILED = {name: _split(pattern) for name, pattern in TOPICS.items()}


def topics_of(text: str) -> tuple[str, ...]:
    """The topics a text talks about, in a fixed order."""
    lower = text.lower()
    return tuple(name for name, (plain, regex) in _COMPILED.items()
                 if any(word in lower for word in plain) or (regex is not None and regex.search(lower)))
