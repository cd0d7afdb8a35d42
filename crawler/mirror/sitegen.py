"""Render mirror pages for the three sources from a corpus of articles.

    python -m crawler.mirror.sitegen OUT_DIR     writes OUT_DIR/<source>/... plus urls.json

Markup follows shared/sites.md: baochinhphu's box-stream listings, #hdZoneId and /timelinelist/
fragments; mst.gov.vn's detail-* article pages and per-day archive pages; the legacy
www.most.gov.vn SharePoint pages (listnews_item, divArticleDescription*); VTC's article items,
/trang-N pages, edittor-content bodies and RFC-822 feeds.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

Page = tuple[str, str]  # (content type, text)
Site = dict[str, Page]  # path (with query) -> page
HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
CORPUS = Path(__file__).with_name("corpus.json")

BCP_SECTIONS = {
    "chinh-tri/doi-ngoai": ("Chính trị", "Đối ngoại", "1021005"),
    "quoc-te": ("Quốc tế", "Quốc tế", "1021007"),
    "khoa-giao/khoa-hoc-cong-nghe": ("Khoa giáo", "Khoa học - Công nghệ", "1021011"),
    "kinh-te/khoi-nghiep": ("Kinh tế", "Khởi nghiệp", "1021134"),
}
VTC_SECTIONS = {
    "thoi-su-quoc-te-53": "Thời sự quốc tế",
    "the-gioi-30": "Thế giới",
    "khoa-hoc-cong-nghe-82": "Khoa học - Công nghệ",
}
MST_SECTIONS = {
    "tin-tuc-su-kien/khoa-hoc-va-cong-nghe": "Khoa học và Công nghệ",
    "tin-tuc-su-kien/doi-moi-sang-tao": "Đổi mới sáng tạo",
    "tin-tuc-su-kien/tin-tong-hop": "Tin tổng hợp",
    "tin-tuc-su-kien/chuyen-doi-so": "Chuyển đổi số",
    "tin-tuc-su-kien/nang-luong-nguyen-tu": "Năng lượng nguyên tử",
}
ROBOTS = "\ufeffUser-agent: *\nAllow: /\nDisallow: /tim-kiem\n"


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The bundled articles: the five seed stories and the ordinary news around them."""
    articles: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return articles


def _when(article: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(article["published"])


def _newest_first(articles: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(articles, key=_when, reverse=True)


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def _paragraphs(texts: Iterable[str]) -> str:
    return "\n".join(f"<p>{escape(t)}</p>" for t in texts)


def article_path(article: dict[str, Any]) -> str:
    """The path at which the real site serves this article."""
    layout = article["layout"]
    if layout == "legacy":
        return f"/vn/tin-tuc/{article['legacy_id']}/{article['slug']}.aspx"
    if layout == "vtcnews":
        return f"/{article['slug']}-ar{article['article_id']}.html"
    return f"/{article['slug']}-{article['article_id']}.htm"


# ---------------------------------------------------------------- baochinhphu.vn and mst.gov.vn


def _detail_head(a: dict[str, Any], site_name: str, og_suffix: str = "") -> str:
    url = "{{BASE}}" + article_path(a)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": escape(a["title"]),
        "description": escape(a["sapo"]),
        "datePublished": a["published"],
        "dateModified": a["published"],
        "author": {"@type": "Person", "name": a.get("author", "")},
        "publisher": {"@type": "Organization", "name": site_name},
    }
    return f"""<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>{escape(a['title'])}</title>
<meta name="description" content="{escape(a['sapo'])}">
<meta property="og:title" content="{escape(a['title'] + og_suffix)}">
<meta property="og:description" content="{escape(a['sapo'])}">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="{site_name}">
<meta property="article:published_time" content="{a['published']}">
<meta property="article:modified_time" content="{a['published']}">
<link rel="canonical" href="{url}">
<meta name="author" content="{escape(a.get('meta_author', site_name))}">
<meta http-equiv="refresh" content="3600">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head>"""


def _detail_body_html(a: dict[str, Any], related: list[dict[str, Any]]) -> str:
    figures = "".join(
        f"""<figure class="VCSortableInPreviewMode" type="Photo"><div>
<img data-original="https://bcp.cdnchinhphu.vn/334894974524682240/2024/7/2/anh-{i}.jpg" alt="{escape(a['title'])}- Ảnh {i + 1}." src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</div><figcaption class="PhotoCMS_Caption"><p>{escape(c)}</p></figcaption></figure>"""
        for i, c in enumerate(a.get("captions", []))
    )
    body = a["body"]
    rel = "".join(
        f'<li class="kbwscwlrl" data-date="{_when(r).strftime("%d/%m/%Y")}" data-id="{r.get("article_id", "")}"'
        f' data-url="{article_path(r)}" data-title="{escape(r["title"])}">'
        f'<a class="kbwscwlrl-title" href="{article_path(r)}">{escape(r["title"])}</a></li>'
        for r in related
    )
    relbox = (
        f'<!-- bonewsrelation --><div class="VCSortableInPreviewMode" type="RelatedNewsBox">'
        f'<div class="kbwscwl-relatedbox"><ul>{rel}</ul></div></div><!-- eonewsrelation -->'
        if rel
        else ""
    )
    byline = (
        f'<p style="text-align:right"><b>{escape(a["author"])}</b></p>' if a.get("author") else ""
    )
    return f"""{figures}
{_paragraphs(body[:2])}
{relbox}
{_paragraphs(body[2:])}
{byline}
<!-- 02/07/2024 17:46:12 -->"""


def bcp_article(a: dict[str, Any], related: list[dict[str, Any]], sapo_prefix: str) -> str:
    """A baochinhphu.vn (or mst.gov.vn, same CMS) article page."""
    top, sub, zone = BCP_SECTIONS.get(a["section"], ("", a["category"], "0"))
    is_mst = a["layout"] == "mst"
    head = _detail_head(
        a,
        "mst.gov.vn" if is_mst else "baochinhphu.vn",
        " - Bộ Khoa học và Công nghệ" if is_mst else "",
    )
    when = _when(a)
    sapo = f'<h2 class="detail-sapo" data-role="sapo">{sapo_prefix}{escape(a["sapo"])}</h2>' if a["sapo"] else ""
    tags = "".join(f'<li><a href="/tag/{i}.htm">{escape(t)}</a></li>' for i, t in enumerate(a["tags"]))
    parent = a["section"].split("/")[0]
    author = "" if is_mst else f'<a class="detail-author-top-name" href="/tac-gia.htm">{escape(a["author"])} -</a>'
    return f"""{head}
<body>
<div class="header"><a href="/" class="logo">logo</a><ul class="menu"><li><a href="/{parent}.htm">{escape(top or a['category'])}</a></li></ul></div>
<div class="detail-mcontent">
<div class="detail-breadcrumb"><ul>
<li><a data-role="cate-name" href="/{parent}.htm" title="{escape(top or a['category'])}">{escape(top or a['category'])}</a></li>
<li><a class="active" href="/{a['section']}.htm" title="{escape(sub)}">{escape(sub)}</a></li>
</ul></div>
<h1 class="detail-title" data-role="title">{escape(a['title'])}</h1>
<div class="detail-info"><div class="detail-author-top">{author}</div>
<div class="detail-time"><div data-role="publishdate">{when:%d/%m/%Y} <svg width="4" height="4"><circle cx="2" cy="2" r="2"></circle></svg> {when:%H:%M}</div></div></div>
{sapo}
<div class="detail-content afcbc-body clearfix" data-role="content">
{_detail_body_html(a, related)}
</div>
<div class="detail-tag"><ul class="detail-tag-list" data-role="tags">{tags}</ul></div>
<div class="detail-share"><a class="share-fb" href="#">Facebook</a><a class="share-zalo" href="#">Zalo</a></div>
</div>
<input type="hidden" id="hdNewsId" value="{a['article_id']}"><input type="hidden" id="hdZoneId" value="{zone}">
<input type="hidden" id="hdZoneUrl" value="{a['section'].split('/')[-1]}"><input type="hidden" id="hdParentUrl" value="{parent}">
<input type="hidden" id="hdSapo" value="{escape(a['sapo'])}"><input type="hidden" id="hidLastModifiedDate" value="{when:%d/%m/%Y %H:%M:%S}">
<script>var pageSettings = {{ siteId: "{'197' if is_mst else '102'}" }};</script>
<div class="footer">Ghi rõ nguồn "Báo Điện tử Chính phủ" hoặc "www.baochinhphu.vn" khi phát hành lại thông tin từ các nguồn này.</div>
</body></html>
<!--u: {when:%d/%m/%Y %H:%M:%S} -->"""


def _stream_item(a: dict[str, Any], featured: bool = False) -> str:
    when = _when(a)
    title_attr = f"{when.month}/{when.day}/{when.year} {when:%I:%M:%S %p}".replace(" 0", " ")
    path = article_path(a)
    sapo = f"(Chinhphu.vn) - {escape(a['sapo'])}" if a["layout"] == "baochinhphu" else escape(a["sapo"])
    if featured:
        return f"""<div class="box-category-item" data-id="{a['article_id']}">
<a class="box-category-link-with-avatar" href="{path}" title="{escape(a['title'])}"><img class="box-category-avatar" src="https://bcp.cdnchinhphu.vn/thumb.jpg"></a>
<div class="box-category-content"><h2><a class="box-category-link-title" data-linktype="newsdetail" data-id="{a['article_id']}" href="{path}" title="{escape(a['title'])}">{escape(a['title'])}</a></h2>
<span class="time-ago box-category-time" title="{title_attr}">{when:%d/%m/%Y %H:%M}</span>
<p class="box-category-sapo">{sapo}</p></div></div>"""
    return f"""<div class="box-stream-item" data-id="{a['article_id']}">
<a class="box-stream-link-with-avatar" href="{path}" title="{escape(a['title'])}"><img class="box-stream-avatar" src="https://bcp.cdnchinhphu.vn/thumb.jpg"></a>
<div class="box-stream-content"><h2><a class="box-stream-link-title" data-linktype="newsdetail" data-id="{a['article_id']}" href="{path}" title="{escape(a['title'])}">{escape(a['title'])}</a></h2>
<a class="box-stream-category" href="/{a['section']}.htm">{escape(a['category'])}</a>
<span class="time-ago box-stream-time" title="{title_attr}">{when:%d/%m/%Y %H:%M}</span>
<p class="box-stream-sapo">{sapo}</p></div></div>"""


def bcp_listing(section: str, title: str, zone: str | None, items: list[dict[str, Any]]) -> str:
    """Page 1 of a baochinhphu (or mst.gov.vn) category: featured item, stream, hidden inputs."""
    featured = _stream_item(items[0], featured=True) if items else ""
    stream = "\n".join(_stream_item(a) for a in items[1:])
    zone_inputs = (
        f'<input type="hidden" id="hdZoneId" value="{zone}"><input type="hidden" id="hdZoneUrl" value="{section.split("/")[-1]}">'
        f'<input type="hidden" id="hdParentUrl" value="{section.split("/")[0]}"><input type="hidden" id="hdPageIndex" value="1">'
        if zone
        else ""
    )
    loadmore = (
        """<div class="loadmore"><div class="list__viewmore"><a class="btn" href="javascript:;">Xem thêm</a></div></div>
<script>$(function(){ timeline.pageIndex = 2; timeline.zId = $('#hdZoneId').val(); timeline.url = '/timelinelist/{0}/{1}.htm'; });</script>"""
        if zone
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>
<link rel="alternate" type="application/rss+xml" title="{escape(title)}" href="{{{{BASE}}}}/{section}.rss">
</head><body>
<div class="header"><a href="/" class="logo">logo</a><ul class="menu"><li><a href="/quoc-te.htm">Quốc tế</a></li><li><a href="/chinh-tri.htm">Chính trị</a></li><li><a href="/chu-de/han-quoc-123.htm">Chủ đề Hàn Quốc</a></li></ul></div>
<h1 class="category-name">{escape(title)}</h1>
<div class="box-category">{featured}</div>
<div class="box-stream timeline_list">
{stream}
</div>
{loadmore}
{zone_inputs}
<div class="footer"><a href="/quoc-te.htm">Quốc tế</a> <a href="/chinh-tri.htm">Chính trị</a> <a href="/kinh-te.htm">Kinh tế</a> <a href="/khoa-giao.htm">Khoa giáo</a> <a href="/xa-hoi.htm">Xã hội</a> <a href="/van-hoa.htm">Văn hóa</a></div>
</body></html>"""


def bcp_timeline(items: list[dict[str, Any]]) -> str:
    """A /timelinelist/<zone>/<N>.htm fragment: bare box-stream-item elements."""
    return "\n".join(_stream_item(a) for a in items)


def _rss(title: str, link: str, items: list[str]) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{escape(title)}</title><link>{link}</link><description>{escape(title)}</description>
{''.join(items)}
</channel></rss>"""


def bcp_rss_item(a: dict[str, Any]) -> str:
    """baochinhphu feeds date items month-first with no zone (sites.md 2.6)."""
    when = _when(a)
    pub = f"{when.month}/{when.day}/{when.year} {when.strftime('%I:%M:%S %p').lstrip('0')}"
    url = "{{BASE}}" + article_path(a)
    return (
        f"<item><title>{escape(a['title'])}</title><link>{url}</link>"
        f"<description>{escape(a['sapo'])}</description><pubDate>{pub}</pubDate></item>\n"
    )


def build_baochinhphu(articles: list[dict[str, Any]], per_page: int) -> Site:
    """Every page of the baochinhphu.vn mirror."""
    site: Site = {"/robots.txt": ("text/plain; charset=utf-8", ROBOTS)}
    by_section: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in _newest_first(articles):
        by_section[a["section"]].append(a)
    for a in articles:
        related = [r for r in by_section[a["section"]] if r is not a][:2]
        site[article_path(a)] = (HTML, bcp_article(a, related, "(Chinhphu.vn) - "))
    for section, (_, name, zone) in BCP_SECTIONS.items():
        pages = _chunks(by_section.get(section, []), per_page)
        site[f"/{section}.htm"] = (HTML, bcp_listing(section, name, zone, pages[0]))
        for n, items in enumerate(pages[1:], start=2):
            site[f"/timelinelist/{zone}/{n}.htm"] = (HTML, bcp_timeline(items))
        site[f"/timelinelist/{zone}/{len(pages) + 1}.htm"] = (HTML, "")
        feed = [bcp_rss_item(a) for a in by_section.get(section, [])]
        site[f"/{section}.rss"] = (RSS, _rss(name, "{{BASE}}/" + section + ".htm", feed))
    return site


# ---------------------------------------------------------------- mst.gov.vn (new) + legacy MOST


def mst_day_page(day: dt.date, items: list[dict[str, Any]]) -> str:
    """The per-day archive page /tin-tuc-su-kien/xem-theo-ngay-DD-MM-YYYY.htm."""
    return bcp_listing(
        "tin-tuc-su-kien", f"Tin tức sự kiện ngày {day:%d/%m/%Y}", None, items
    ).replace('href="{{BASE}}/tin-tuc-su-kien.rss"', 'href="{{BASE}}/rss/tin-tuc-su-kien.rss"')


def legacy_article(a: dict[str, Any]) -> str:
    """An article page of the old www.most.gov.vn SharePoint portal."""
    when = _when(a)
    captions = "".join(
        f'<table class="image"><tr><td><img src="/Images/Tintuc/m{i}.jpg"></td></tr>'
        f'<tr><td class="caption"><p>{escape(c)}</p></td></tr></table>'
        for i, c in enumerate(a.get("captions", []))
    )
    body = a["body"]
    sapo = f"<p>{escape(a['sapo'])}</p>" if a["sapo"] else ""
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="vi-VN"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(a['title'])}</title>
<link rel="stylesheet" href="/_layouts/15/1033/styles/Themable/corev15.css">
</head><body><form method="post" action="./{a['slug']}.aspx" id="aspnetForm">
<div id="s4-workspace"><div class="News_Detail">
<div class="News_Category"><a href="/vn/chuyen-muc/598/Hop-tac-quoc-te.aspx">{escape(a['category'])}</a></div>
<div id="divArticleDescription3"><h1 class="News_Detail_Title">{escape(a['title'])}</h1>
<span class="News_Time_Post">({when:%d/%m/%Y})</span></div>
<div class="News_Tools"><a href="#">-</a> <a href="#">+</a> <a href="#">A-</a> <a href="#">A+</a> <a href="javascript:window.print()">In</a></div>
<div id="divArticleDescription1">{sapo}</div>
<div id="divArticleDescription2"><div>
{_paragraphs(body[:1])}
{captions}
{_paragraphs(body[1:])}
</div></div>
<div class="Author_Write_TG"><p>{escape(a['author'])}</p></div>
<div id="ctl00_SPWebPartManager1_g_5d3a_ctl00_pnHide"><div class="News_View">Số lượt đọc: 349</div></div>
<div class="News_Back"><a href="javascript:history.back()">Về trang trước</a> <a href="#top">Về đầu trang</a></div>
</div></div></form></body></html>"""


def legacy_listing(cat: str, slug: str, page: int, pages: int, items: list[dict[str, Any]]) -> str:
    """A category page of the old portal, paged by a dropdown of ?page=N options."""
    rows = "\n".join(
        f"""<div class="listnews_item"><a href="{article_path(a)}"><img src="/Images/Tintuc/m{a['legacy_id']}.jpg"></a>
<div class="listnews_item_title"><a href="{article_path(a)}">{escape(a['title'])}</a></div>
<div class="listnews_item_date"><span>Ngày {_when(a):%d/%m/%Y}&nbsp;&nbsp;</span></div>
<div class="listnews_item_des">{escape((a['sapo'] or a['body'][0])[:200])}</div></div>"""
        for a in items
    )
    options = "".join(
        f'<option value="/vn/chuyen-muc/{cat}/{slug}.aspx?page={n}"{" selected" if n == page else ""}>{n}</option>'
        for n in range(1, pages + 1)
    )
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="vi-VN"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Tin tổng hợp</title></head>
<body><form method="post" id="aspnetForm"><div id="s4-workspace">
<div id="ctl00_SPWebPartManager1_g_0623dffd_eff8_4f9c_bf6d_2cdf2561adec_ctl00_pnListNews">
{rows}
</div>
<div class="Paging"><select onchange="window.location=this.value">{options}</select></div>
</div></form></body></html>"""


def build_most(articles: list[dict[str, Any]], per_page: int) -> Site:
    """The mst.gov.vn mirror, with the legacy www.most.gov.vn pages under their old paths."""
    site: Site = {"/robots.txt": ("text/plain; charset=utf-8", ROBOTS)}
    new = _newest_first(a for a in articles if a["layout"] == "mst")
    old = _newest_first(a for a in articles if a["layout"] == "legacy")
    for a in new:
        related = [r for r in new if r is not a][:2]
        site[article_path(a)] = (HTML, bcp_article(a, related, ""))
    for section, name in MST_SECTIONS.items():
        items = [a for a in new if a["section"] == section]
        site[f"/{section}.htm"] = (HTML, bcp_listing(section, name, None, items[: per_page * 3]))
    days: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for a in new:
        days[_when(a).date()].append(a)
    if days:
        first, last = min(days), max(days)
        for n in range((last - first).days + 15):  # empty days around the news, as on weekends
            day = first - dt.timedelta(days=7) + dt.timedelta(days=n)
            site[f"/tin-tuc-su-kien/xem-theo-ngay-{day:%d-%m-%Y}.htm"] = (HTML, mst_day_page(day, days.get(day, [])))
    feed = [bcp_rss_item(a) for a in new]
    site["/rss/tin-tuc-su-kien.rss"] = (RSS, _rss("Tin tức sự kiện", "{{BASE}}/", feed))
    for a in old:
        site[article_path(a)] = (HTML, legacy_article(a))
    pages = _chunks(old, per_page)
    for n, items in enumerate(pages, start=1):
        html = legacy_listing("493", "Tin-tong-hop", n, len(pages), items)
        site[f"/vn/chuyen-muc/493/Tin-tong-hop.aspx?page={n}"] = (HTML, html)
        if n == 1:
            site["/vn/chuyen-muc/493/Tin-tong-hop.aspx"] = (HTML, html)
    return site


# ---------------------------------------------------------------- vtcnews.vn


def vtc_article(a: dict[str, Any], related: list[dict[str, Any]]) -> str:
    """A VTC News article page (section.nd-detail, span.time-update, edittor-content body)."""
    when = _when(a)
    weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"][when.weekday()]
    figures = "".join(
        f'<figure class="expNoEdit"><img data-src="https://cdn-i.vtcnews.vn/resize/th/upload/2021/11/26/anh-{i}.jpg"'
        f' alt="{escape(a["title"])} - {i + 1}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        f'<figcaption><p class="expEdit">{escape(c)}</p></figcaption></figure>'
        for i, c in enumerate(a.get("captions", []))
    )
    rel = "".join(
        f'<li><a href="{article_path(r)}" title="{escape(r["title"])}">{escape(r["title"])}</a></li>' for r in related
    )
    tags = "".join(f'<li class="inline mr5 mb5"><a href="/tag/{i}.html">{escape(t)}</a></li>' for i, t in enumerate(a["tags"]))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(a['title'])} | VTC News</title>
<meta name="description" content="{escape(a['sapo'])}">
<meta property="og:title" content="{escape(a['title'])}"><meta property="og:description" content="{escape(a['sapo'])}">
<meta property="og:url" content="{{{{BASE}}}}{article_path(a)}">
</head><body class="load-news-detail" data-page="detail">
<header class="site-header"><a href="/" class="logo">VTC News</a><nav><a href="/the-gioi-30.html">Thế giới</a><a href="/khoa-hoc-cong-nghe-82.html">Khoa học - Công nghệ</a></nav></header>
<section class="nd-detail">
<div class="mb15 gray-91 font12"><a class="mt-category" href="/{a['section']}.html" title="{escape(a['category'])}">{escape(a['category'])}</a><span class="time-update mr10">{weekday}, {when:%d/%m/%Y %H:%M:%S} +07:00</span></div>
<header class="mb5"><h1 class="font28 bold lh-1-3">{escape(a['title'])}</h1></header>
<h2 class="font18 bold inline-nb">(VTC News) - {escape(a['sapo'])}</h2>
<div class="edittor-content box-cont mt15 clearfix" itemprop="articleBody">
{_paragraphs(a['body'])}
{figures}
{_paragraphs(a.get('body_after', []))}
</div>
<div class="author-make"><span class="uppercase bold">{escape(a['author'])}</span></div>
<div class="keylink"><ul>{tags}</ul></div>
<div class="share-social"><a href="#" class="fb">Chia sẻ</a></div>
<div class="relate-listnews"><h3 class="borbot-e0-doted">Tin liên quan</h3><ul>{rel}</ul></div>
<div class="div-interaction"><a class="btn-show-comment" href="#">Bình luận</a></div>
</section>
<footer>vtcnews.vn</footer>
</body></html>"""


def vtc_listing(section: str, name: str, items: list[dict[str, Any]]) -> str:
    """A VTC section page (or /trang-N page): article.items with h3 > a links."""
    rows = "\n".join(
        f"""<article class="items"><a href="{article_path(a)}" title="{escape(a['title'])}"><img data-src="https://cdn-i.vtcnews.vn/thumb/{a['article_id']}.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>
<h3><a href="{article_path(a)}" title="{escape(a['title'])}">{escape(a['title'])}</a></h3>
<p class="font14">{escape(a['sapo'][:180])}</p></article>"""
        for a in items
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(name)} | VTC News</title></head>
<body><header class="site-header"><a href="/" class="logo">VTC News</a><nav><a href="/the-gioi-30.html">Thế giới</a><a href="/thoi-su-quoc-te-53.html">Thời sự quốc tế</a></nav></header>
<section class="list-news"><h1>{escape(name)}</h1>
{rows}
</section></body></html>"""


def vtc_rss_item(a: dict[str, Any]) -> str:
    """VTC feed items: CDATA description with a thumbnail link, RFC-822 pubDate."""
    url = "{{BASE}}" + article_path(a)
    desc = (
        f'<a title="{escape(a["title"])}" href="{url}"><img src="https://cdn-i.vtcnews.vn/resize-v1/{a["article_id"]}.jpg"></a></br>'
        f"{escape(a['sapo'])}"
    )
    return (
        f"<item><title>{escape(a['title'])}</title><description><![CDATA[{desc}]]></description>"
        f"<link>{url}</link><guid>{url}</guid><pubDate>{format_datetime(_when(a))}</pubDate></item>\n"
    )


def build_vtcnews(articles: list[dict[str, Any]], per_page: int) -> Site:
    """Every page of the vtcnews.vn mirror."""
    site: Site = {"/robots.txt": ("text/plain; charset=utf-8", ROBOTS)}
    ordered = _newest_first(articles)
    for a in ordered:
        related = [r for r in ordered if r is not a and r["section"] == a["section"]][:3]
        site[article_path(a)] = (HTML, vtc_article(a, related))
    for section, name in VTC_SECTIONS.items():
        pages = _chunks([a for a in ordered if a["section"] == section], per_page)
        site[f"/{section}.html"] = (HTML, vtc_listing(section, name, pages[0]))
        for n, items in enumerate(pages[1:], start=2):
            site[f"/{section}/trang-{n}.html"] = (HTML, vtc_listing(section, name, items))
        site[f"/{section}/trang-{len(pages) + 1}.html"] = (HTML, vtc_listing(section, name, []))
    feed = [vtc_rss_item(a) for a in ordered]
    site["/rss/the-gioi.rss"] = (RSS, _rss("Thế giới - VTC News", "{{BASE}}/", feed))
    return site


BUILDERS = {"baochinhphu": build_baochinhphu, "most": build_most, "vtcnews": build_vtcnews}


def build_sites(articles: list[dict[str, Any]], per_page: int = 2) -> dict[str, Site]:
    """All three mirrors from one corpus."""
    return {
        source: build([a for a in articles if a["source"] == source], per_page)
        for source, build in BUILDERS.items()
    }


def write_sites(sites: dict[str, Site], out: Path) -> None:
    """Write each mirror as files plus a urls.json mapping each path to its file."""
    for source, site in sites.items():
        folder = out / source
        folder.mkdir(parents=True, exist_ok=True)
        index = {}
        for n, (path, (ctype, text)) in enumerate(sorted(site.items())):
            name = _file_name(path, n)
            (folder / name).write_text(text, encoding="utf-8")
            index[path] = {"file": name, "content_type": ctype}
        (folder / "urls.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")


def _file_name(path: str, n: int) -> str:
    stem = path.strip("/").replace("/", "__").replace("?", "_q_").replace("=", "-") or "index"
    return stem if "." in stem.rsplit("__", 1)[-1] else f"{stem}.html"


if __name__ == "__main__":
    write_sites(build_sites(load_corpus()), Path(sys.argv[1]))
