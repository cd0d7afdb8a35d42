"""The two schemas that flow through coopwatch: the article and the cooperation event."""

from __future__ import annotations

import datetime as dt
import hashlib
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, field_validator


class EventType(StrEnum):
    MOU = "mou"
    LETTER_OF_INTENT = "letter_of_intent"
    AGREEMENT = "agreement"
    MEETING = "meeting"


class NewsItem(BaseModel):
    """One article as extracted from its page."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    url: str
    site_article_id: str
    title: str
    sapo: str = ""
    body: str = ""
    published_at: dt.datetime | None = None
    fetched_at: dt.datetime
    author: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()  # photo captions in page order; `body` is the paragraphs only

    @field_validator("published_at", "fetched_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("datetimes must carry a timezone")
        return value

    @property
    def content_hash(self) -> str:
        """Hash of what a reader sees; a change means the article was edited.

        Captions count only when there are some, so articles stored before captions were
        extracted keep their hash and are not all seen as edited.
        """
        text = "\x1f".join((self.title, self.sapo, self.body, *self.captions))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def text(self) -> str:
        """Sapo and body together, as the cooperation parser reads them."""
        return "\n\n".join(part for part in (self.sapo, self.body) if part)


class Party(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    acronym: str | None = None


class CooperationEvent(BaseModel):
    """One signing or meeting between Vietnamese and Korean organisations."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: EventType
    date: dt.date | None = None
    vn_parties: tuple[Party, ...]
    kr_parties: tuple[Party, ...]
    location: str | None = None
    signatories: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # the sentence(s) of the article the event was read from
    # how sure the party model was of its least sure choice (a party kept, or a mention left out):
    # its probability for that choice, 0.5 and up unless its best guess was below the threshold;
    # None when no side named several organisations (the model chose nothing)
    certainty: float | None = None

    @field_validator("vn_parties", "kr_parties")
    @classmethod
    def _not_empty(cls, value: tuple[Party, ...]) -> tuple[Party, ...]:
        if not value:
            raise ValueError("an event needs at least one party on each side")
        return value


class Extraction(BaseModel):
    """What the parser says about one article."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    relevant: bool
    events: tuple[CooperationEvent, ...] = ()
