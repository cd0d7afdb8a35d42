"""The reference lists: every file loads, entries are complete, counts match the sources, lookups."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from crawler.cooperation import reference
from crawler.cooperation.normalize import fold
from crawler.cooperation.reference import (
    ReferenceDataError,
    kr_orgs,
    kr_places,
    load,
    lookup_org,
    lookup_place,
    orgs_by_acronym,
    vn_orgs,
    vn_places,
    vn_units,
)
from crawler.cooperation.titles import TAKES, honorifics, title_prefixes, title_rules

ROOT = Path(__file__).parents[2]
DATA = ROOT / "crawler" / "cooperation" / "reference"
FILES = sorted(p.stem for p in DATA.glob("*.toml"))
ORGS = (*kr_orgs(), *vn_orgs())
PLACES = (*kr_places(), *vn_places())
EXTERNAL_PARENTS = {"RMIT University (Australia)"}  # owners outside both lists


def test_every_file_loads_and_says_where_its_entries_come_from() -> None:
    assert {"kr_places", "kr_orgs", "vn_orgs", "vn_places", "titles", "kr_syllables"} <= set(FILES)
    for name in FILES:
        assert load(name)
        header = (DATA / f"{name}.toml").read_text(encoding="utf-8").split("\n[")[0]
        assert header.startswith("#") and len(header) > 200, f"{name}.toml lacks its header"


def test_the_package_ships_the_files() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert (
        "reference/*.toml" in pyproject["tool"]["setuptools"]["package-data"]["crawler.cooperation"]
    )


def test_a_missing_or_broken_file_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken_list.toml").write_text("[[org]\nname = ", encoding="utf-8")
    monkeypatch.setattr(reference, "DATA_DIR", tmp_path)
    with pytest.raises(
        ReferenceDataError, match=r"^reference list broken_list\.toml cannot be read"
    ):
        load("broken_list")
    with pytest.raises(ReferenceDataError, match="absent_list.toml"):
        load("absent_list")


@pytest.mark.parametrize("org", ORGS, ids=lambda o: o.name)
def test_every_org_is_complete(org: reference.Org) -> None:
    names = {o.name for o in ORGS}
    assert org.country in {"KR", "VN"} and org.kind and org.name.strip() == org.name
    assert all(a.strip() and "{" not in a for a in org.aliases)
    assert all(re.fullmatch(r"[\wĐ&.+-]+", a) for a in org.acronyms), org.acronyms
    if org.valid_until:
        dt.date.fromisoformat(org.valid_until)
    for other in (org.merged_into, org.parent):
        assert other is None or other in names | EXTERNAL_PARENTS, other


def test_no_spelling_is_claimed_by_both_countries_unless_documented() -> None:
    countries: dict[str, set[str]] = {}
    entries: tuple[reference.Org | reference.Place, ...] = (*ORGS, *PLACES)
    for entry in entries:
        for spelling in (entry.name, *entry.aliases):
            countries.setdefault(fold(spelling), set()).add(entry.country)
    acronyms: dict[str, set[str]] = {}
    for org in ORGS:
        for acronym in org.acronyms:
            acronyms.setdefault(acronym, set()).add(org.country)
    shared = {k for k, v in (*countries.items(), *acronyms.items()) if len(v) > 1}
    assert shared == reference.documented_conflicts()


def test_korea_has_17_provincial_divisions_with_their_cities_counties_and_districts() -> None:
    divisions = [p for p in kr_places() if p.province is None]
    assert Counter(p.kind for p in divisions) == {
        "special_city": 1,
        "metropolitan_city": 6,
        "special_self_governing_city": 1,
        "province": 6,
        "special_self_governing_province": 3,
    }
    raw = load("kr_places")["division"]
    assert sum(len(d.get("cities", [])) for d in raw if d["name"] != "Jeju") == 75
    assert sum(len(d.get("counties", [])) for d in raw) == 82
    assert sum(len(d.get("districts", [])) for d in raw) == 69
    names = {p.name for p in divisions}
    assert all(p.province in names for p in kr_places() if p.province)
    assert {p.province for p in kr_places() if p.name == "Gunwi-gun"} == {"Daegu"}  # moved in 2023


def test_vietnam_has_63_units_before_july_2025_and_34_after() -> None:
    before, after = vn_units(after_2025=False), vn_units(after_2025=True)
    assert (len(before), len(after)) == (63, 34)
    assert sum(p.kind == "city" for p in after) == 6
    by_name = {p.name: p for p in before}
    for unit in before:
        if unit.merged_into:
            assert (
                unit.valid_until == "2025-06-30" and unit.name in by_name[unit.merged_into].absorbed
            )
    assert sum(len(p.absorbed) for p in after) == 63 - 34


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Đại học Hanyang", "Đại học Hanyang", "KR"),
        ("Trường Đại học Kyunghee", "Đại học Kyung Hee", "KR"),
        ("Kyung Hee University", "Đại học Kyung Hee", "KR"),
        ("ĐH Quốc gia Kyungpook", "Đại học Quốc gia Kyungpook", "KR"),
        ("Viện Khoa học và Công nghệ Hàn Quốc", "Viện Khoa học và Công nghệ Hàn Quốc", "KR"),
        ("Bộ Khoa học và CNTT Hàn Quốc", "Bộ Khoa học và CNTT Hàn Quốc", "KR"),
        ("Bộ Y tế và Phúc lợi", "Bộ Y tế và Phúc lợi Hàn Quốc", "KR"),  # country word dropped
        (
            "Bộ Thương mại, Công nghiệp và Năng lượng",
            "Bộ Thương mại, Công nghiệp và Năng lượng Hàn Quốc",
            "KR",
        ),
        ("Tập đoàn Samsung", "Tập đoàn Samsung", "KR"),
        (
            "Samsung Electronics Việt Nam",
            "Samsung Electronics Việt Nam",
            "VN",
        ),  # incorporated in Vietnam
        ("KIST", "Viện Khoa học và Công nghệ Hàn Quốc", "KR"),
        ("Bộ Ngoại giao", "Bộ Ngoại giao", "VN"),
        ("Bộ Ngoại giao Hàn Quốc", "Bộ Ngoại giao Hàn Quốc", "KR"),
        ("Bộ KH&CN", "Bộ Khoa học và Công nghệ", "VN"),
        ("Bộ Khoa học và Công nghệ Việt Nam", "Bộ Khoa học và Công nghệ", "VN"),
        ("Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư", "VN"),
        ("Trường ĐH Bách khoa Hà Nội", "Đại học Bách khoa Hà Nội", "VN"),
        ("VKIST", "Viện Khoa học và Công nghệ Việt Nam - Hàn Quốc", "VN"),
        ("Đại học Đông Á", "Trường Đại học Đông Á", "VN"),
        ("Đại học Dong-A", "Đại học Dong-A", "KR"),
    ],
)
def test_lookup_org(text: str, name: str, country: str) -> None:
    org = lookup_org(text)
    assert org is not None and (org.name, org.country) == (name, country)


def test_the_country_word_is_added_to_a_name_never_taken_away() -> None:
    hanyang = lookup_org("Đại học Hanyang Hàn Quốc")
    assert hanyang is not None and hanyang.country == "KR"
    energy = lookup_org(
        "Viện Năng lượng"
    )  # the Vietnamese institute, not KIER without its 'Hàn Quốc'
    assert energy is not None and energy.country == "VN"
    assert lookup_org("Đại sứ quán") is None


def test_ministries_merged_in_2025_name_their_successor() -> None:
    mic = lookup_org("Bộ Thông tin và Truyền thông")
    assert mic and (mic.merged_into, mic.valid_until) == ("Bộ Khoa học và Công nghệ", "2025-02-28")
    assert {o.country for o in orgs_by_acronym("MOFA")} == {"KR", "VN"}
    assert lookup_org("MOFA") is None  # both ministries: the parser decides from context
    assert lookup_org("Nextrans") is None


@pytest.mark.parametrize(
    ("text", "name", "province"),
    [
        ("Gyeonggi", "Gyeonggi", None),
        ("tỉnh Gyeonggi", "Gyeonggi", None),
        ("Gyeonggi-do", "Gyeonggi", None),
        ("Gyeongbuk", "Gyeongsangbuk", None),
        ("Gyeongsangbuk-do", "Gyeongsangbuk", None),
        ("Bắc Gyeongsang", "Gyeongsangbuk", None),
        ("Nam Chungcheong", "Chungcheongnam", None),
        ("Jeonbuk State", "Jeonbuk", None),
        ("Bắc Jeolla", "Jeonbuk", None),
        ("Nam Jeolla", "Jeollanam", None),
        ("đảo Jeju", "Jeju", None),
        ("Gangwon State", "Gangwon", None),
        ("Pusan", "Busan", None),
        ("Gwangju", "Gwangju", None),
        ("thành phố Suwon", "Suwon", "Gyeonggi"),
        ("Gimje", "Gimje", "Jeonbuk"),
        ("huyện Gapyeong", "Gapyeong-gun", "Gyeonggi"),
        ("quận Gangnam", "Gangnam-gu", "Seoul"),
        ("Yuseong-gu", "Yuseong-gu", "Daejeon"),
        ("Songdo", "Songdo", "Incheon"),
        ("Daedeok Innopolis", "Daedeok Innopolis", "Daejeon"),
        ("Pangyo", "Pangyo", "Gyeonggi"),
        ("TP.HCM", "Hồ Chí Minh", None),
        ("Sài Gòn", "Hồ Chí Minh", None),
        ("BR-VT", "Bà Rịa - Vũng Tàu", None),
        ("Thừa Thiên Huế", "Huế", None),
        ("tỉnh Bắc Giang", "Bắc Giang", None),
    ],
)
def test_lookup_place(text: str, name: str, province: str | None) -> None:
    place = lookup_place(text)
    assert place is not None and (place.name, place.province) == (name, province)


@pytest.mark.parametrize("word", ["Jung", "Dong", "Nam", "Seo", "Buk", "Long", "Hanoi Tech"])
def test_words_that_are_not_places_alone(word: str) -> None:
    assert lookup_place(word) is None or lookup_place(word).country == "VN"  # type: ignore[union-attr]


def test_title_rules_are_declarative_and_complete() -> None:
    rules = title_rules()
    assert all(r.takes in TAKES for r in rules)
    assert [len(r.title) for r in rules] == sorted((len(r.title) for r in rules), reverse=True)
    for rule in rules:
        if rule.pattern:
            re.compile(rule.pattern)
    by_title = {r.title: r for r in rules}
    assert (by_title["Chủ tịch UBND"].org_head, by_title["Chủ tịch UBND"].takes) == (
        "UBND",
        "admin_unit",
    )
    assert by_title["Bí thư Thành ủy"].org_head == "Thành ủy"
    assert (by_title["Bộ trưởng"].org_head, by_title["Bộ trưởng"].takes) == ("Bộ", "ministry_name")
    assert (by_title["Đại sứ"].org_head, by_title["Đại sứ"].takes) == ("Đại sứ quán", "country_at")
    assert by_title["Tổng Lãnh sự"].org_head == "Tổng Lãnh sự quán"
    assert (by_title["Thị trưởng"].org_head, by_title["Thị trưởng"].country) == ("thành phố", "KR")
    assert by_title["Trưởng Đại diện"].takes == "org_at_place"
    represents = {p.word: p.represents for p in title_prefixes()}
    assert represents["Phó"] and represents["Quyền"] and not represents["Nguyên"]
    assert {"ông", "bà", "PGS.TS.", "TS.", "GS."} <= set(honorifics())


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Hội hữu nghị Việt Nam - Hàn Quốc tỉnh Bắc Ninh", "VN"),
        ("Hiệp hội Doanh nghiệp Việt Nam - Hàn Quốc", "VN"),
        ("Trường Cao đẳng Kỹ thuật Việt - Hàn Nghệ An", "VN"),
        ("Viện Khoa học và Công nghệ Việt Nam - Hàn Quốc", "VN"),
        ("Hiệp hội Hữu nghị Hàn Quốc - Việt Nam", "KR"),
        ("Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam", "KR"),
        ("Viện Khoa học và Công nghệ Hàn Quốc", None),
    ],
)
def test_name_patterns_decide_the_side_of_bilateral_names(name: str, country: str | None) -> None:
    sides = {p.country for p in reference.name_patterns() if p.pattern.search(name)}
    assert sides == ({country} if country else set())


def test_country_names_and_surnames() -> None:
    assert "Đại Hàn Dân Quốc" in reference.country_names("KR")
    assert "Triều Tiên" not in reference.country_names("KR")  # the other Korea
    assert {"Kim", "Lee", "Park", "Choi"} <= reference.surnames("KR")
    assert {"Nguyễn", "Trần", "Lê"} <= reference.surnames("VN")
    assert "Sở Khoa học và Công nghệ" in reference.provincial_body_heads()
