"""What an analyst types, read into correction values; and one line saying what a correction did.

Shared by the command line (`scheduler/corrections_cli.py`) and the event and party pages
(`web/correct.py`), so both accept and refuse the same values with the same words. A bad value
raises `CorrectionError` with one line; the caller adds the flag or field it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from storage.correction_log import CorrectionLog
from storage.corrections import EVENT_TYPES, CorrectionError
from storage.models import Correction, Party

NONE_WORDS = ("", "none")


def event_type(value: str) -> str:
    if value not in EVENT_TYPES:
        raise CorrectionError(f"not an event type: {value!r} (one of {', '.join(EVENT_TYPES)})")
    return value


def event_date(value: str, *, none_word: bool = True) -> dt.date | None:
    """A YYYY-MM-DD date; empty (or 'none' where `none_word`) is no date."""
    if value.strip().lower() in (NONE_WORDS if none_word else ("",)):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CorrectionError(f"not a date (YYYY-MM-DD{' or none' if none_word else ''}): {value!r}") from None


def place(value: str) -> str | None:
    """A place with its spaces tidied; empty or 'none' is no place."""
    return None if value.strip().lower() in NONE_WORDS else " ".join(value.split())


def parties(log: CorrectionLog, country: str, names: Iterable[str]) -> list[Party]:
    """Known organisations by name or acronym on that side, or new ones; each once, in order."""
    found: list[Party] = []
    for name in names:
        party = log.party(country, name)
        if party not in found:
            found.append(party)
    return found


def record_id(value: str, prefix: str) -> int | None:
    """`12` or `prefix:12` as a number, None when it is not one."""
    number = value.strip().removeprefix(f"{prefix}:")
    return int(number) if number.isascii() and number.isdigit() else None


def describe(correction: Correction) -> str:
    """One line for a correction just made."""
    c = correction
    if c.kind == "edit":
        what = f"event {c.event_id} {c.field}: {_short(c.before)} -> {_short(c.after)}"
    elif c.kind == "merge":
        what = f"event {c.other_event_id} merged into event {c.event_id}"
    elif c.kind == "split":
        what = f"event {c.event_id} split off event {c.other_event_id}"
    elif c.kind == "undo":
        what = f"correction {c.undoes_id} undone"
    elif c.kind == "org_merge":
        what = f"party {_org(c.after['party'])} merged into party {_org(c.after['merged_into'])}"
    elif c.kind == "org_rename":
        english = f" (English: {c.after['english']})" if c.after.get("english") else ""
        what = f"party {c.after['party']['id']} renamed: {c.before['name']} -> {c.after['name']}{english}"
    else:
        what = f"event {c.event_id} {'hidden' if c.kind == 'hide' else 'added'}"
    return f"correction {c.id}: {what}"


def _org(value: dict[str, Any]) -> str:
    return f"{value['id']} ({value['name']})"


def _short(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(p.get("acronym") or p.get("name")) for p in value) or "none"
    return "none" if value is None else str(value)
