"""A headline set in capitals given back its ordinary casing (pure).

Provincial papers and agency sites often print 'LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH LÀM VIỆC VỚI TỔNG LIÊN
ĐOÀN LAO ĐỘNG HÀN QUỐC'; the finders of names go by capitals, so in such a headline they find nothing or
take all of it. Truecasing, as it is done in NLP: every word in lower case, then the casing the article's own
text gives the word, the head words of organisations, the places of both countries and the countries
themselves as they are written; acronyms ('UBND', 'KOICA') stay as they are, romanised names ('HANWHA')
take a capital.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from crawler.cooperation.normalize import fold
from crawler.cooperation.parties import (
    _LOWER_VERBS,
    _STOP_WORDS,
    _VN_SYLLABLE,
    HEADS,
    KR_PLACES,
    VN_PLACES,
    _trie_pattern,
)

_WORD = re.compile(r"[^\W\d_]+")
_COUNTRIES = ("Việt Nam", "Hàn Quốc")
# head words that are also common words or go in lower case before a place ('khoa học', 'tỉnh Bắc Ninh')
_NOT_RESTORED = {"khoa", "hội", "ban", "phòng", "hãng", "quỹ", "tỉnh", "thành phố", "tp", "tp.", "quận", "huyện",
                 "xã", "phường", "thị xã"}


_COMPOUNDS = {"thị trường", "môi trường", "quảng trường", "hiện trường", "lập trường", "chiến trường", "ngoại vụ",
              "nhiệm vụ", "dịch vụ", "nghĩa vụ", "phục vụ", "thời vụ", "mùa vụ", "toàn bộ", "cán bộ", "tiến bộ", "sơ bộ",
              "nội bộ", "cơ sở", "trụ sở", "bố cục", "thư viện", "nghị viện", "hạ viện", "thượng viện", "quốc hội"}


def in_capitals(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


@lru_cache(maxsize=1)
def _proper_forms() -> tuple[dict[str, str], re.Pattern[str]]:
    """Lower-cased head words, places and countries -> their written forms, and one pattern finding them."""
    # in a fixed order, the most capitals last, so that of 'TP.HCM' and 'Tp.HCM' one wins whatever the hash seed
    places = sorted({*VN_PLACES, *KR_PLACES, *_COUNTRIES}, key=lambda form: (sum(c.isupper() for c in form), form))
    forms = {form.lower(): form for form in places}
    forms.update({head.lower(): head for head in HEADS if head[:1].isupper() and head.lower() not in _NOT_RESTORED})
    forms.update({f"tổng {head.lower()}": f"Tổng {head}" for head in ("Liên đoàn", "Công ty", "Lãnh sự quán", "Cục")})
    pattern = re.compile(r"(?<![^\W\d_])(" + _trie_pattern(forms) + r")(?![^\W\d_])")
    return forms, pattern


def _casings_in(text: str) -> dict[str, str]:
    """Each word the text writes with a capital, not at a sentence's start, more often than without."""
    capital: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group(0)
        before = text[max(0, match.start() - 2) : match.start()]
        if word[:1].isupper() and not word.isupper() and before.strip() and before.strip()[-1] not in ".!?:\n":
            capital[word] += 1
        elif word.islower():
            plain[word] += 1
    return {word.lower(): word for word, n in capital.items() if n > plain[word.lower()]}


def _recased(word: str, known: dict[str, str]) -> str:
    lower = word.lower()
    if lower in known:
        return known[lower]
    if _VN_SYLLABLE.match(fold(lower)):
        return lower
    if len(word) <= 5 or not word.isascii():
        return word  # an acronym: 'UBND', 'KOICA', 'ĐHQG'
    return word.capitalize()  # a romanised name: 'HANWHA', 'CHUNGCHEONGNAM'


def truecase(title: str, text: str) -> str:
    """The headline in the casing the press writes its words in; a headline not in capitals as it is."""
    if not in_capitals(title):
        return title
    known = _casings_in(text)
    cased = _WORD.sub(lambda m: _recased(m.group(0), known), title)
    forms, pattern = _proper_forms()
    lowered = cased.lower()
    pieces, at = [], 0
    for match in pattern.finditer(lowered):
        if match.start() < at:
            continue  # inside the word just given its capital
        previous = re.search(r"([^\W\d_]+)\s+$", lowered[: match.start()])
        if previous and f"{previous.group(1)} {match.group(1)}" in _COMPOUNDS:
            continue  # 'thị trường', 'trụ sở', 'dịch vụ': a head word inside a common word
        form = forms[match.group(1)]
        pieces += [cased[at : match.start()], form]
        at = match.end()
        if form in _HEAD_FORMS:  # a name's first word after its head takes a capital: 'Liên đoàn Lao động'
            following = re.match(r"\s+([^\W\d_]+)", cased[at:])
            if following and following.group(1).islower() and following.group(1) not in _LOWERED_AFTER_A_HEAD and (
                    not pattern.match(lowered, at + following.start(1))):  # a place keeps its own form
                pieces.append(cased[at : at + following.start(1)] + following.group(1).capitalize())
                at += following.end(1)
    cased = "".join([*pieces, cased[at:]])
    return cased[:1].upper() + cased[1:]


_HEAD_FORMS = set(HEADS) | {f"Tổng {head}" for head in ("Liên đoàn", "Công ty", "Lãnh sự quán", "Cục")}
_LOWERED_AFTER_A_HEAD = set(_STOP_WORDS) | set(_LOWER_VERBS) | (_NOT_RESTORED - {"khoa"}) | {"nhân", "dân"}
