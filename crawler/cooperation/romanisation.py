"""Is a word romanised Korean ('Seoil', 'Gimje'), a Vietnamese syllable ('Long', 'Trung') or neither?

The syllable inventories are data (reference/kr_syllables.toml, reference/vn_syllables.toml), read
once. Both functions are pure and never raise on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from crawler.cooperation.normalize import fold
from crawler.cooperation.reference import load

_PARTS = re.compile(r"[-\s'’.]+")
_MAX_SYLLABLE = 8


@dataclass(frozen=True)
class _Inventory:
    syllables: frozenset[str]
    telltale_syllables: frozenset[str]  # the syllables holding a tell-tale vowel or initial
    l_initial: frozenset[str]  # syllables opening on 'l': valid only after a final 'l' (Jeolla)


@dataclass(frozen=True)
class _Segmentation:
    covered: int
    syllables: tuple[str, ...]


@cache
def _korean() -> _Inventory:
    data = load("kr_syllables")
    syllables: set[str] = set()
    for system in ("revised", "older"):
        table = data[system]
        for initial in table["initials"]:
            for vowel in table["vowels"]:
                syllables.update(initial + vowel + final for final in data["revised"]["finals"])
    syllables.update(data["older"]["syllables"])
    surnames = {s.lower() for s in data["surnames"]["spellings"]}
    syllables.update(surnames)
    telltale_vowels = tuple(data["telltale"]["vowels"])
    telltale_initials = tuple(data["telltale"]["initials"])
    telltale = {
        s
        for s in syllables
        if any(v in s for v in telltale_vowels) or s.startswith(telltale_initials)
    }
    l_initial = {s for s in syllables if s.startswith("l")} - surnames
    return _Inventory(frozenset(syllables), frozenset(telltale), frozenset(l_initial))


@cache
def _vietnamese() -> re.Pattern[str]:
    data = load("vn_syllables")
    onsets = sorted(data["onsets"], key=len, reverse=True)
    rhymes = sorted(data["rhymes"], key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(onsets)})?(?:{'|'.join(rhymes)})")


@cache
def _segment(word: str) -> _Segmentation:
    """The reading of word as Korean syllables covering the most letters, then the fewest syllables."""
    inventory = _korean()
    best: list[_Segmentation] = [_Segmentation(0, ())] * (len(word) + 1)
    for start in range(len(word) - 1, -1, -1):
        options = [_Segmentation(best[start + 1].covered, best[start + 1].syllables)]
        for end in range(start + 1, min(len(word), start + _MAX_SYLLABLE) + 1):
            piece = word[start:end]
            if piece not in inventory.syllables:
                continue
            if piece in inventory.l_initial and (start == 0 or word[start - 1] != "l"):
                continue
            rest = best[end]
            options.append(_Segmentation(rest.covered + len(piece), (piece, *rest.syllables)))
        best[start] = max(options, key=lambda s: (s.covered, -len(s.syllables)))
    return best[0]


def is_vietnamese_syllable(word: str) -> bool:
    """True if word (with or without diacritics) is one well-formed Vietnamese syllable."""
    folded = fold(word)
    if not folded.isalpha() or not folded.isascii():
        return False
    if not _vietnamese().fullmatch(folded):
        return False
    return _spelling_fits(folded)


def _spelling_fits(folded: str) -> bool:
    """Vietnamese spelling rules: k/gh/ngh before e, i, y only; c and g never before them."""
    front = ("e", "i", "y")
    if folded.startswith(("ngh", "gh", "k")) and not folded.startswith("kh"):
        head = 3 if folded.startswith("ngh") else 2 if folded.startswith("gh") else 1
        return folded[head : head + 1] in front
    if folded.startswith("c") and not folded.startswith("ch"):
        return folded[1:2] not in front
    return True


def _vietnamese_word(word: str) -> bool:
    """True if word splits into Vietnamese syllables (Hanoi, Danang, Saigon)."""
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start] and is_vietnamese_syllable(word[start:end])
            for start in range(max(0, end - 7), end)
        )
    return reachable[-1]


def korean_romanisation_score(word: str) -> float:
    """0–1: how likely word is romanised Korean (share segmentable, tell-tale syllables preferred)."""
    parts = [p for p in _PARTS.split(word.lower()) if p]
    if not parts or not all(p.isascii() and p.isalpha() for p in parts):
        return 0.0
    segmentations = [_segment(p) for p in parts]
    coverage = sum(s.covered for s in segmentations) / sum(len(p) for p in parts)
    if coverage < 1:
        return round(0.5 * coverage**2, 3)
    syllables = [syl for s in segmentations for syl in s.syllables]
    telltales = sum(syl in _korean().telltale_syllables for syl in syllables)
    score = 0.55 + 0.1 * min(len(syllables) - 1, 2) + 0.2 * min(telltales, 2)
    if not telltales and all(_vietnamese_word(p) for p in parts):
        score *= 0.7
    if len(syllables) == 1 and is_vietnamese_syllable(parts[0]):
        score = min(score, 0.4)
    return round(min(score, 1.0), 3)
