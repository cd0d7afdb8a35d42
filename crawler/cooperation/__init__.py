"""The cooperation parser: is a story a Vietnam–Korea cooperation event, and which events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.cooperation.parser import parse_article

__all__ = ["parse_article"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: the parser's reference lists and patterns take a good part of a second,
    # which commands that only read the database (and crawler.cooperation.learn.model) never need.
    if name == "parse_article":
        from crawler.cooperation.parser import parse_article

        return parse_article
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
