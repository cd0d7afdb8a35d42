"""Officials' titles and the organisations they stand for (reference/titles.toml), loaded once.

The parties of an event are organisations, not people: 'Chủ tịch UBND tỉnh X' stands for
'UBND tỉnh X'. The rules are data; the parser applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from crawler.cooperation.reference import ReferenceDataError, load

__all__ = ["TAKES", "TitlePrefix", "TitleRule", "honorifics", "title_prefixes", "title_rules"]

TAKES = frozenset(
    {
        "admin_unit",
        "place_name",
        "ministry_name",
        "org_name",
        "country_at",
        "org_at_place",
        "nothing",
    }
)


@dataclass(frozen=True)
class TitleRule:
    """An official's title and the organisation it stands for: org_head + what the title takes."""

    title: str  # the phrase as written (case as the press writes it), or a small regex in pattern
    org_head: str  # the head of the organisation's name ('' when the title is followed by it whole)
    takes: str  # one of TAKES: what follows the title (see titles.toml)
    pattern: str | None = None
    country: str | None = None  # the side when the title itself fixes it
    note: str | None = None


@dataclass(frozen=True)
class TitlePrefix:
    """A word before a title: Phó and Quyền still represent the body, Nguyên (former) does not."""

    word: str
    represents: bool


def _rule(entry: dict[str, object]) -> TitleRule:
    title, takes = entry.get("title"), entry.get("takes")
    if not isinstance(title, str) or not title or takes not in TAKES:
        raise ReferenceDataError(
            f"titles.toml: rule {title!r} needs a title and takes in {sorted(TAKES)}"
        )
    return TitleRule(
        title=title,
        org_head=str(entry.get("org_head", "")),
        takes=str(takes),
        pattern=_optional(entry, "pattern"),
        country=_optional(entry, "country"),
        note=_optional(entry, "note"),
    )


def _optional(entry: dict[str, object], key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


@cache
def title_rules() -> tuple[TitleRule, ...]:
    """Officials' titles and the organisations they stand for, longest title first."""
    rules = [_rule(entry) for entry in load("titles")["rule"]]
    return tuple(sorted(rules, key=lambda r: len(r.title), reverse=True))


@cache
def title_prefixes() -> tuple[TitlePrefix, ...]:
    """Words written before a title (Phó, Quyền, Nguyên …), each saying if the holder represents."""
    return tuple(TitlePrefix(p["word"], bool(p["represents"])) for p in load("titles")["prefix"])


@cache
def honorifics() -> tuple[str, ...]:
    """Honorifics and academic titles to strip before a title or a name, longest first."""
    return tuple(sorted(load("titles")["honorifics"]["words"], key=len, reverse=True))
