"""The cooperation parser: is a story a Vietnam–Korea cooperation event, and which events."""

from crawler.cooperation.parser import parse_article

__all__ = ["parse_article"]
