"""Topics of a cooperation story, by keywords (written in lower case: the text is lower-cased once)."""

from __future__ import annotations

import re

# each topic: plain words, looked up with `in` (many times faster than a regex scan of a long text),
# and a regex for the forms that need one
TOPICS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "startups": (("khởi nghiệp", "ươm tạo"), r"start-?up"),
    "SMEs": ((), r"doanh nghiệp (?:vừa và nhỏ|nhỏ và vừa)|\bsmes?\b"),
    "technology transfer": (("chuyển giao công nghệ", "thương mại hóa"), None),
    "training and human resources": (("đào tạo", "nguồn nhân lực", "nhân lực", "học bổng", "trao đổi sinh viên"), None),
    "AI": (("trí tuệ nhân tạo",), r"\bai\b"),
    "semiconductors": (("bán dẫn", "vi mạch"), r"\bchip\b"),
    "digital transformation": (("chuyển đổi số", "thành phố thông minh", "công nghệ số"), None),
    "energy and green transition": (("năng lượng", "chuyển đổi xanh", "tăng trưởng xanh", "hạt nhân", "phát thải",
                                     "khí hậu", "điện mặt trời", "hydro"), None),
    "research": (("nghiên cứu chung", "hợp tác nghiên cứu", "nghiên cứu và phát triển", "r&d"), None),
    "innovation": (("đổi mới sáng tạo",), None),
    "intellectual property": (("sở hữu trí tuệ", "sáng chế"), None),
    "standards and quality": (("tiêu chuẩn", "đo lường", "chất lượng", "thử nghiệm"), None),
    "health": (("y tế", "bệnh viện"), None),
    "agriculture": (("nông nghiệp", "nông thôn"), None),
    "trade and investment": (("thu hút đầu tư", "giao thương", "thương mại"), r"xúc tiến (?:đầu tư|thương mại)"),
    "education": (("giáo dục", "trao đổi sinh viên", "học bổng"), r"đào tạo (?:đại học|sau đại học|tiến sĩ)"),
}
_COMPILED = {name: (words, re.compile(pattern) if pattern else None) for name, (words, pattern) in TOPICS.items()}


def topics_of(text: str) -> tuple[str, ...]:
    """The topics a text talks about, in a fixed order."""
    lower = text.lower()
    return tuple(name for name, (words, regex) in _COMPILED.items()
                 if any(word in lower for word in words) or (regex is not None and regex.search(lower)))
