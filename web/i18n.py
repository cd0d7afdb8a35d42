"""The web view's words, in Vietnamese (the default) and English; event types and topics as the digest has them."""

from __future__ import annotations

from alerts.compose import LABELS, SOURCE_LABELS, TOPICS_VI

LANGS = ("vi", "en")

UI: dict[str, dict[str, str]] = {
    "vi": {
        "site": "coopwatch: hợp tác Việt Nam – Hàn Quốc",
        "events": "Sự kiện hợp tác",
        "sources": "Nguồn tin",
        "date": "Ngày",
        "type": "Loại",
        "parties": "Đối tác Việt Nam ↔ Hàn Quốc",
        "vn_parties": "Phía Việt Nam",
        "kr_parties": "Phía Hàn Quốc",
        "place": LABELS["vi"].place,
        "topics": LABELS["vi"].topics,
        "articles": "Bài báo",
        "signatories": "Người ký",
        "evidence": "Trích dẫn",
        "first_stored": "Lưu lần đầu",
        "last_changed": "Thay đổi lần cuối",
        "all": "tất cả",
        "source": "Nguồn",
        "party": "Đối tác",
        "q": "Từ khóa",
        "since": "Từ ngày",
        "until": "Đến ngày",
        "filter": "Lọc",
        "reset": "Bỏ lọc",
        "count": "{n} sự kiện",
        "page": "Trang {page}/{pages}",
        "previous": "← Trang trước",
        "next": "Trang sau →",
        "none": "Không có sự kiện nào khớp bộ lọc.",
        "chart": "Số sự kiện theo tháng",
        "downloads": "Tải về và theo dõi",
        "details": "chi tiết",
        "counterparts": "Đối tác thường gặp",
        "times": "số lần",
        "country_VN": "Việt Nam",
        "country_KR": "Hàn Quốc",
        "last_run": "Lần chạy cuối",
        "outcome": "Kết quả",
        "pages": "Trang tải",
        "articles_new": "Bài mới",
        "events_new": "Sự kiện mới",
        "errors": "Lỗi",
        "next_run": "Lần chạy tới",
        "incidents": "Sự cố đang mở",
        "no_incidents": "Không có sự cố nào.",
        "never": "chưa chạy",
        "since_when": "từ",
        "error_400": "Yêu cầu không hợp lệ",
        "error_404": "Không tìm thấy",
        "error_503": "Cơ sở dữ liệu tạm thời không truy cập được",
        "error_500": "Lỗi máy chủ",
        "retry": "Vui lòng thử lại sau ít phút.",
        "back": "Về danh sách sự kiện",
        "unsubscribe": "Hủy đăng ký bản tin",
        "unsubscribe_ask": "Ngừng gửi bản tin coopwatch tới {email}?",
        "unsubscribe_button": "Hủy đăng ký",
        "unsubscribe_done": "Đã hủy đăng ký: {email} sẽ không nhận bản tin coopwatch nữa.",
        "unsubscribe_bad": "Liên kết hủy đăng ký không hợp lệ, hoặc địa chỉ này đã hủy đăng ký.",
        "language": "English",
    },
    "en": {
        "site": "coopwatch: Vietnam – Korea cooperation",
        "events": "Cooperation events",
        "sources": "Sources",
        "date": "Date",
        "type": "Type",
        "parties": "Vietnamese ↔ Korean party",
        "vn_parties": "Vietnamese side",
        "kr_parties": "Korean side",
        "place": LABELS["en"].place,
        "topics": LABELS["en"].topics,
        "articles": "Articles",
        "signatories": "Signatories",
        "evidence": "Evidence",
        "first_stored": "First stored",
        "last_changed": "Last changed",
        "all": "all",
        "source": "Source",
        "party": "Party",
        "q": "Words",
        "since": "Since",
        "until": "Until",
        "filter": "Filter",
        "reset": "Clear",
        "count": "{n} events",
        "page": "Page {page} of {pages}",
        "previous": "← Previous page",
        "next": "Next page →",
        "none": "No event matches these filters.",
        "chart": "Events per month",
        "downloads": "Download and follow",
        "details": "details",
        "counterparts": "Counterparts",
        "times": "times",
        "country_VN": "Vietnam",
        "country_KR": "Korea",
        "last_run": "Last run",
        "outcome": "Outcome",
        "pages": "Pages",
        "articles_new": "New articles",
        "events_new": "New events",
        "errors": "Errors",
        "next_run": "Next run",
        "incidents": "Open incidents",
        "no_incidents": "No open incident.",
        "never": "never run",
        "since_when": "since",
        "error_400": "Bad request",
        "error_404": "Not found",
        "error_503": "The database cannot be reached right now",
        "error_500": "Server error",
        "retry": "Please try again in a few minutes.",
        "back": "Back to the events",
        "unsubscribe": "Unsubscribe from the digest",
        "unsubscribe_ask": "Stop sending coopwatch digests to {email}?",
        "unsubscribe_button": "Unsubscribe",
        "unsubscribe_done": "Unsubscribed: {email} will get no more coopwatch digests.",
        "unsubscribe_bad": "This unsubscribe link is not valid, or the address is already unsubscribed.",
        "language": "Tiếng Việt",
    },
}


def type_label(kind: str, lang: str) -> str:
    """An event type as the digest names it."""
    return LABELS[lang].types.get(kind, kind)


def topic_label(topic: str, lang: str) -> str:
    return TOPICS_VI.get(topic, topic) if lang == "vi" else topic


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)


def undated(lang: str) -> str:
    return LABELS[lang].undated
