"""Vietnamese text as the web serves it, brought to one form the rules can match."""

from __future__ import annotations

import html
import re
import unicodedata

_SPACE_CHARS = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff"  # and the plain space
# a run of spaces becomes one plain space: only runs of two or more, and other kinds of space alone,
# need a change (matching every single space between words made a new string of every text)
SPACES = re.compile(f"[ {_SPACE_CHARS}]{{2,}}|[{_SPACE_CHARS}]")  # also the extraction's
_PUNCT = {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‑": "-", "−": "-"}
_PUNCT_RE = re.compile("[" + "".join(_PUNCT) + "]")  # found by one scan: str.translate looks up every character
# old tone placement (hoà, thoả, uý) to the new one (hòa, thỏa, úy): move the mark to the first vowel
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_TONE_FORMS = {form for old in _OLD_TONES for form in (old, old.capitalize(), old.upper())}
# every case written out (IGNORECASE is slow on Vietnamese letters), as two character sets: a set is
# found in one fast scan where 45 alternatives were tried at every position; _new_tone leaves the
# pairs the sets take that are no form ('oÀ', 'uà') as they are
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])([" + "".join(sorted({f[0] for f in _OLD_TONE_FORMS})) + "]["
    + "".join(sorted({f[1] for f in _OLD_TONE_FORMS})) + r"])(?![^\W\d_])"  # no letter after it: 'ĐOÀN' stays
)
_LINE_EDGES = re.compile(r" *\n *")
_KHCN = re.compile(r"\bKH\s*(?:&|và)\s*CN\b|\bKHCN\b|\bKH-CN\b")


def _new_tone(match: re.Match[str]) -> str:
    old = match.group(0)
    if old not in _OLD_TONE_FORMS:
        return old
    new = _OLD_TONES[old.lower()]
    if old.isupper():
        return new.upper()
    return new[0].upper() + new[1:] if old[0].isupper() else new


def _plain_punctuation(match: re.Match[str]) -> str:
    return _PUNCT[match.group(0)]


def normalize(text: str) -> str:
    """NFC, entities decoded, one kind of space, plain dashes and quotes, new tone placement."""
    text = unicodedata.normalize("NFC", html.unescape(text or ""))
    text = _PUNCT_RE.sub(_plain_punctuation, text)
    text = _OLD_TONE_RE.sub(_new_tone, text)
    if "KH" in text:  # every spelling _KHCN knows starts so
        text = _KHCN.sub("KH&CN", text)
    text = SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _LINE_EDGES.sub("\n", text).strip()


def fold(text: str) -> str:
    """Lower case without diacritics, '&' read as 'và': the key for dictionary matching."""
    return " ".join(text.translate(_FOLD_CHARS).split())


def _fold_one(ch: str) -> str:
    """fold() of one character before the spaces are collapsed; a combining mark folds to nothing."""
    decomposed = unicodedata.normalize("NFD", ch).replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("&", " va ")
    return re.sub(r"[^\w]+", " ", bare)


class FoldTable(dict[int, str]):
    """str.translate's table for fold(), filled as characters are met: one pass over the text in C.

    `empty` is what a character that folds to nothing (a lone combining mark) becomes: nothing for
    fold() itself, a space where every character must leave a trace (matching with offsets).
    """

    def __init__(self, empty: str = "") -> None:
        super().__init__()
        self.empty = empty

    def __missing__(self, code: int) -> str:
        piece = self[code] = _fold_one(chr(code)) or self.empty
        return piece


_FOLD_CHARS = FoldTable()
