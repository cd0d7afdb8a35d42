"""Digests and operator alerts as email messages. Pure: no I/O, the clock is passed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).with_name("templates")
_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
TYPE_ORDER = ("mou", "letter_of_intent", "agreement", "meeting")
SOURCE_LABELS = {"most": "Bộ KH&CN", "baochinhphu": "baochinhphu.vn", "vtcnews": "VTC News"}
TOPICS_VI = {
    "startups": "khởi nghiệp", "SMEs": "doanh nghiệp nhỏ và vừa", "technology transfer": "chuyển giao công nghệ",
    "training and human resources": "đào tạo, nhân lực", "AI": "trí tuệ nhân tạo", "semiconductors": "bán dẫn",
    "digital transformation": "chuyển đổi số", "energy and green transition": "năng lượng, chuyển đổi xanh",
    "research": "nghiên cứu", "innovation": "đổi mới sáng tạo", "intellectual property": "sở hữu trí tuệ",
    "standards and quality": "tiêu chuẩn, chất lượng", "health": "y tế", "agriculture": "nông nghiệp",
    "trade and investment": "thương mại, đầu tư", "education": "giáo dục",
}


@dataclass(frozen=True)
class Labels:
    heading: str
    types: dict[str, str]
    place: str
    topics: str
    undated: str
    intro: Callable[[int], str]
    subject: Callable[[int, str], str]
    footer: Callable[[str], str]
    stop: Callable[[str], str]
    unsubscribe: str = "unsubscribe"


LABELS = {
    "vi": Labels(
        heading="coopwatch: hợp tác Việt Nam – Hàn Quốc",
        types={"mou": "Biên bản ghi nhớ", "letter_of_intent": "Ý định thư", "agreement": "Thỏa thuận, ký kết hợp tác",
               "meeting": "Hội đàm, làm việc"},
        place="Địa điểm",
        topics="Lĩnh vực",
        undated="chưa rõ ngày",
        intro=lambda n: f"{n} sự kiện hợp tác mới",
        subject=lambda n, day: f"coopwatch: {n} sự kiện hợp tác Việt – Hàn mới ({day})",
        footer=lambda email: f"Thư này được gửi tới {email} vì bạn đăng ký nhận bản tin coopwatch.",
        stop=lambda email: f"Để ngừng nhận, trả lời thư này với tiêu đề \"unsubscribe\" hoặc nhờ quản trị viên chạy: coopwatch subscribers remove {email}",
        unsubscribe="Hủy đăng ký bằng một cú nhấp",
    ),
    "en": Labels(
        heading="coopwatch: Vietnam – Korea cooperation",
        types={"mou": "Memoranda of understanding", "letter_of_intent": "Letters of intent",
               "agreement": "Agreements", "meeting": "Meetings"},
        place="Place",
        topics="Topics",
        undated="date unknown",
        intro=lambda n: f"{n} new cooperation event{'s' if n != 1 else ''}",
        subject=lambda n, day: f"coopwatch: {n} new Vietnam–Korea cooperation event{'s' if n != 1 else ''} ({day})",
        footer=lambda email: f"This mail was sent to {email} because you subscribed to coopwatch digests.",
        stop=lambda email: f"To stop these mails, reply with the subject \"unsubscribe\" or ask the operator to run: coopwatch subscribers remove {email}",
        unsubscribe="Unsubscribe with one click",
    ),
}


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs are linked; anything else (javascript:, data:) is dropped."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def one_line(text: str | None) -> str:
    """Scraped text on one line: no CR/LF or other control characters."""
    text = text or ""
    if text.isprintable():  # most text: no need to look at each character (CSV exports call this per cell)
        return " ".join(text.split())
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _party_name(party: dict[str, Any], lang: str) -> str:
    """A party's name with its acronym where the name lacks it; for an English reader its English name too."""
    name = party["name"]
    if party.get("acronym") and party["acronym"] not in name:
        name = f"{name} ({party['acronym']})"
    english = party.get("english_name") if lang == "en" else None
    return one_line(f"{name} · {english}" if english and english != party["name"] else name)


def _party_names(parties: Sequence[dict[str, Any]], lang: str) -> str:
    return ", ".join(_party_name(p, lang) for p in parties)


EVIDENCE_CHARS = 300  # a quote to check the record by, not the article


def _quote(sentences: Sequence[str]) -> str:
    """The first sentence an event was read from, on one line and cut to a short quote."""
    text = one_line(sentences[0]) if sentences else ""
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1].rstrip() + "…"


def _event_view(event: dict[str, Any], labels: Labels, lang: str) -> dict[str, Any]:
    date = event.get("date")
    topics = [TOPICS_VI.get(t, t) if lang == "vi" else t for t in event.get("topics", [])]
    return {
        "date_text": dt.date.fromisoformat(date).strftime("%d/%m/%Y") if date else labels.undated,
        "vn": _party_names(event["vn_parties"], lang),
        "kr": _party_names(event["kr_parties"], lang),
        "location": one_line(event.get("location")),
        "topics": ", ".join(one_line(t) for t in topics),
        "sapo": one_line(event.get("sapo"))[:400],
        "evidence": _quote(event.get("evidence") or []),
        "articles": [
            {"title": one_line(a["title"]), "url": safe_url(a.get("url")),
             "source": SOURCE_LABELS.get(a.get("source") or "", one_line(a.get("source")))}
            for a in event["articles"]
        ],
    }


def _plain_text(context: dict[str, Any]) -> str:
    """The text/plain part: the same content as the HTML, readable in any client."""
    t: Labels = context["t"]
    lines = [f"{t.heading} - {context['day']}", t.intro(context["count"]), ""]
    for group in context["groups"]:
        lines += [f"== {group['label']} ({len(group['events'])}) ==", ""]
        for e in group["events"]:
            lines.append(f"* {e['date_text']}: {e['vn']} ↔ {e['kr']}")
            details = [f"{t.place}: {e['location']}" if e["location"] else "", f"{t.topics}: {e['topics']}" if e["topics"] else ""]
            if any(details):
                lines.append("  " + " | ".join(d for d in details if d))
            if e["evidence"]:
                lines.append(f"  “{e['evidence']}”")
            for a in e["articles"]:
                lines.append(f"  - {a['title']} ({a['source']})")
                if a["url"]:
                    lines.append(f"    {a['url']}")
            if e["sapo"]:
                lines.append(f"  {e['sapo']}")
            lines.append("")
    stop = f"{t.unsubscribe}: {context['unsubscribe_url']}" if context["unsubscribe_url"] else t.stop(context["email"])
    lines += ["--", t.footer(context["email"]), stop]
    return "\n".join(lines) + "\n"


def build_digest(
    events: Sequence[dict[str, Any]],
    *,
    recipient: str,
    sender: str,
    lang: str,
    now: dt.datetime,
    unsubscribe: str,
    domain: str = "coopwatch.local",
    unsubscribe_url: str | None = None,
) -> EmailMessage:
    """A digest: events grouped by type, a plain-text part and an HTML alternative.

    With `unsubscribe_url` (an https link of the web view) the mail offers one-click unsubscribe
    (RFC 8058): the link comes first in List-Unsubscribe and in the footer.
    """
    labels = LABELS.get(lang, LABELS["vi"])
    day = now.strftime("%d/%m/%Y")
    groups = [
        {"label": labels.types[kind], "events": [_event_view(e, labels, lang) for e in events if e["type"] == kind]}
        for kind in TYPE_ORDER
        if any(e["type"] == kind for e in events)
    ]
    context = {"t": labels, "day": day, "count": len(events), "groups": groups, "email": recipient, "lang": lang,
               "subject": labels.subject(len(events), day), "unsubscribe_url": unsubscribe_url}
    message = EmailMessage()
    message["Subject"] = labels.subject(len(events), day)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("digest", domain=domain)
    if unsubscribe_url:
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>, {unsubscribe}"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    else:
        message["List-Unsubscribe"] = unsubscribe
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(_plain_text(context))
    message.add_alternative(_ENV.get_template("digest.html.j2").render(context), subtype="html")
    return message


def build_alert(
    *, subject: str, body: str, recipient: str, sender: str, now: dt.datetime, domain: str = "coopwatch.local"
) -> EmailMessage:
    """A plain-text mail to the operator."""
    message = EmailMessage()
    message["Subject"] = one_line(subject)
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid("alert", domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message
