"""Each source's site-specific knowledge in one place: URLs, link patterns and selectors."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")  # the three sites publish in Vietnam time


@dataclass(frozen=True)
class SourceSelectors:
    """CSS selectors of one article layout; the first candidate that matches wins."""

    detect: str  # present on every page of this layout
    title: tuple[str, ...]
    sapo: tuple[str, ...]
    body: str
    body_blocks: str  # the text blocks inside the body container
    body_drop: tuple[str, ...]
    published: tuple[str, ...]  # attribute or text holding the publication time
    author: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    tags: str = ""
    sapo_prefix: str = ""  # regex stripped from the start of the sapo
    captions: str = ""  # photo captions in the body container, read before body_drop removes them


DETAIL_CMS = SourceSelectors(  # baochinhphu.vn; mst.gov.vn shares this CMS (sites.md 4)
    detect="h1.detail-title, div.detail-content",
    title=("h1.detail-title::text", "h1::text", "meta[property='og:title']::attr(content)"),
    sapo=("h2.detail-sapo", "meta[name='description']::attr(content)"),
    body="div.detail-content.afcbc-body",
    body_blocks="p, h2, h3, li, td",
    body_drop=(
        "figure",
        ".VCSortableInPreviewMode",
        ".kbwscwl-relatedbox",
        "script",
        "style",
        "table.image",
        "p[style*='text-align:right']",
    ),
    published=(
        "meta[property='article:published_time']::attr(content)",
        "div.detail-time [data-role='publishdate']",
        "div.detail-time",
    ),
    author=(".detail-author-top-name::text", "p[style*='text-align:right'] b::text"),
    category=("div.detail-breadcrumb li a.active::text", "div.detail-breadcrumb a[data-role='cate-name']::text"),
    tags="ul.detail-tag-list a::text, .detail-tag-list a::text",
    sapo_prefix=r"^\s*\((?:Chinhphu\.vn|Mic\.gov\.vn|MST)\)\s*[-–—]\s*",
    # VERIFIED on baochinhphu.vn: the 2026 article in shared/realpages (SOURCES.md 3.1) has
    # figure.VCSortableInPreviewMode[type=Photo] > figcaption.PhotoCMS_Caption > p; its captions are
    # empty placeholders (p.NLPlaceholderShow), which yield no text and are skipped
    captions="figure figcaption.PhotoCMS_Caption",
)

# mst.gov.vn: no real page was found (SOURCES.md 5); sites.md 1.2 and 4 infer the baochinhphu
# CMS (same detail-* and afcbc-body classes, same id scheme): its caption markup is INFERRED
MST_CMS = replace(DETAIL_CMS, captions="figure figcaption.PhotoCMS_Caption")

LEGACY_MOST = SourceSelectors(  # www.most.gov.vn SharePoint portal, before 2025
    detect="#divArticleDescription2, #divArticleDescription3",
    title=("#divArticleDescription3 h1::text", "h1.News_Detail_Title::text", "title::text"),
    sapo=("#divArticleDescription1",),
    body="#divArticleDescription2",
    body_blocks="p",
    body_drop=("table.image", "td.caption", ".caption", "script", "style"),
    published=("span.News_Time_Post",),
    author=("div.Author_Write_TG p::text",),
    category=("div.News_Category a::text",),
    # UNVERIFIED: no real page of the old portal was found (SOURCES.md 5). These are the nodes the
    # body extractor already drops as captions, the <table> with a .caption cell that the old
    # baochinhphu .vgp pages used (sites.md 2.1, CODE): a guess, to be checked on a real page
    captions=".caption",
)

VTC = SourceSelectors(
    detect="div.edittor-content, section.nd-detail",
    title=("header.mb5 h1::text", "h1.font28::text", "meta[property='og:title']::attr(content)"),
    sapo=("h2.font18.bold.inline-nb", "h4.font16.bold.mb15", "meta[name='description']::attr(content)"),
    body="div.edittor-content[itemprop='articleBody'], div.edittor-content",
    body_blocks=":scope > p:not(.expEdit)",
    body_drop=("figure", ".expNoEdit", "p.expEdit", "script", "style"),
    published=("span.time-update", "meta[property='article:published_time']::attr(content)"),
    author=(".author-make span.uppercase.bold::text", ".author-make a::text", ".author-make::text"),
    category=("a.mt-category::text", "div.mb15.gray-91.font12 a[title]::text"),
    tags=".keylink li a::text",
    sapo_prefix=r"^\s*\(VTC News\)\s*[-–—]?\s*",
    # VERIFIED: figure.expNoEdit > figcaption > p.expEdit in the 2025 body in shared/realpages
    # (SOURCES.md 3.4); the gallery variant (div.expNoEdit) has no caption markup on record
    captions="figcaption p.expEdit",
)


@dataclass(frozen=True)
class Source:
    """A news source: where to start, which links are articles, how pages are laid out."""

    name: str
    hosts: tuple[str, ...]
    start_urls: tuple[str, ...]
    feed_urls: tuple[str, ...]
    article_url: re.Pattern[str]
    layouts: tuple[SourceSelectors, ...]

    def article_id(self, url: str) -> str | None:
        """The site's own article id in a URL, or None when the URL is not an article."""
        match = self.article_url.search(url.split("#")[0].split("?")[0])
        if not match:
            return None
        groups = match.groupdict()
        return f"legacy-{groups['legacy']}" if groups.get("legacy") else groups["id"]


MOST = Source(
    name="most",
    hosts=("mst.gov.vn", "www.mst.gov.vn", "mic.gov.vn", "most.gov.vn", "www.most.gov.vn"),
    start_urls=(
        "https://mst.gov.vn/tin-tuc-su-kien/khoa-hoc-va-cong-nghe.htm",
        "https://mst.gov.vn/tin-tuc-su-kien/doi-moi-sang-tao.htm",
        "https://mst.gov.vn/tin-tuc-su-kien/tin-tong-hop.htm",
        "https://mst.gov.vn/tin-tuc-su-kien/chuyen-doi-so.htm",
        "https://mst.gov.vn/tin-tuc-su-kien/nang-luong-nguyen-tu.htm",
        "https://mst.gov.vn/tin-tuc-su-kien/xem-theo-ngay-{today}.htm",
    ),
    feed_urls=("https://mst.gov.vn/rss/tin-tuc-su-kien.rss",),
    article_url=re.compile(
        r"(?:/(?!tin-tuc-su-kien/xem-theo-ngay-)[^/?#]+-(?P<id>197\d{6,})\.htm$)"
        r"|(?:/vn/tin-tuc/(?P<legacy>\d+)/[^/]+\.aspx$)"
    ),
    layouts=(MST_CMS, LEGACY_MOST),
)

BAOCHINHPHU = Source(
    name="baochinhphu",
    hosts=("baochinhphu.vn", "www.baochinhphu.vn"),
    start_urls=(
        "https://baochinhphu.vn/chinh-tri/doi-ngoai.htm",
        "https://baochinhphu.vn/quoc-te.htm",
        "https://baochinhphu.vn/khoa-giao/khoa-hoc-cong-nghe.htm",
        "https://baochinhphu.vn/kinh-te/khoi-nghiep.htm",
    ),
    feed_urls=(
        "https://baochinhphu.vn/quoc-te.rss",
        "https://baochinhphu.vn/chinh-tri/doi-ngoai.rss",
        "https://baochinhphu.vn/khoa-giao/khoa-hoc-cong-nghe.rss",
        "https://baochinhphu.vn/kinh-te/khoi-nghiep.rss",
    ),
    article_url=re.compile(r"/(?!timelinelist/|chu-de/)[^?#]*?-(?P<id>102\d{7,})\.htm$"),
    layouts=(DETAIL_CMS,),
)

VTCNEWS = Source(
    name="vtcnews",
    hosts=("vtcnews.vn", "www.vtcnews.vn", "vtc.vn", "www.vtc.vn"),
    start_urls=(
        "https://vtcnews.vn/thoi-su-quoc-te-53.html",
        "https://vtcnews.vn/the-gioi-30.html",
        "https://vtcnews.vn/khoa-hoc-cong-nghe-82.html",
    ),
    feed_urls=("https://vtcnews.vn/rss/the-gioi.rss", "https://vtcnews.vn/rss/khoa-hoc-cong-nghe.rss"),
    article_url=re.compile(r"/[^/?#]+-ar(?P<id>\d+)\.html$"),
    layouts=(VTC,),
)

SOURCES: dict[str, Source] = {s.name: s for s in (MOST, BAOCHINHPHU, VTCNEWS)}

