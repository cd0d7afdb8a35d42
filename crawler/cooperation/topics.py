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
# plain searches on lower-cased text are much faster than IGNORECASE on Vietnamese letters
_COMPILED = {name: re.compile(pattern) for name, pattern in TOPICS.items()}


def topics_of(text: str) -> tuple[str, ...]:
    """The topics a text talks about, in a fixed order."""
    lower = text.lower()
    return tuple(name for name, pattern in _COMPILED.items() if pattern.search(lower))
