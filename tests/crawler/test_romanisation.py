"""Romanised Korean words against Vietnamese syllables without diacritics and English words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.cooperation.romanisation import is_vietnamese_syllable, korean_romanisation_score

KOREAN = [
    "Seoil",
    "Gimje",
    "Yeungnam",
    "Sangmyung",
    "Gyeonggi",
    "Chungcheongbuk",
    "Kyunghee",
    "Kyungpook",
    "Hanyang",
    "Suwon",
    "Daejeon",
    "Incheon",
    "Jeolla",
    "Hwaseong",
    "Pangyo",
    "Keimyung",
    "Soongsil",
    "Shinsegae",
    "Hyundai",
    "Doosan",
    "Ajou",
    "Kookmin",
    "Min-jun",
    "Ji-woo",
    "Seo-yeon",
    "Jae-in",
]
VIETNAMESE = [
    "Long",
    "Trung",
    "Nguyen",
    "Thanh",
    "Phuong",
    "Quang",
    "Binh",
    "Nam",
    "Son",
    "Hoa",
    "Kim",
]
ENGLISH = ["Tech", "Global", "Smart", "Nextrans", "Innovation", "Vinamilk", "Lotte", "Solutions"]


@pytest.mark.parametrize("word", KOREAN)
def test_romanised_korean_scores_high(word: str) -> None:
    assert korean_romanisation_score(word) >= 0.75


@pytest.mark.parametrize("word", VIETNAMESE + ENGLISH)
def test_vietnamese_syllables_and_english_words_score_low(word: str) -> None:
    assert korean_romanisation_score(word) < 0.5


@pytest.mark.parametrize(
    "word",
    ["Long", "Trung", "Nguyễn", "Nguyen", "Thanh", "Phương", "Quảng", "giếng", "khuya", "Đức"],
)
def test_vietnamese_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "Seoul",
        "Gimje",
        "Gyeonggi",
        "Smart",
        "Global",
        "Hanyang",
        "Jeju",
        "ce",
        "ci",
        "ka",
        "ngo-a",
        "",
    ],
)
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_words_with_vietnamese_letters_are_not_korean() -> None:
    assert korean_romanisation_score("Đông") == 0.0
    assert korean_romanisation_score("Hàn") == 0.0


@given(st.text(max_size=40))
def test_any_text_gives_a_score_in_range_and_never_raises(text: str) -> None:
    assert 0.0 <= korean_romanisation_score(text) <= 1.0
    assert is_vietnamese_syllable(text) in (True, False)
