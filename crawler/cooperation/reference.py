"""Reference lists (reference/*.toml): Korean and Vietnamese organisations and places.

Pure: each data file is read once (functools.cache) and nothing else touches the disk. Lookups are by
the folded form (no case, no diacritics, 'đ' as 'd', see normalize.fold); acronyms stay case-sensitive
and are looked up whole, so the parser decides how to match them in text. The syllable tests
(korean_romanisation_score, is_vietnamese_syllable) are in romanisation.py and officials' titles
in titles.py, on the same folder of files.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from crawler.cooperation.normalize import fold

__all__ = [
    "NamePattern",
    "Org",
    "Place",
    "ReferenceDataError",
    "country_names",
    "documented_conflicts",
    "kr_orgs",
    "kr_places",
    "load",
    "lookup_org",
    "lookup_orgs",
    "lookup_place",
    "lookup_places",
    "name_patterns",
    "orgs_by_acronym",
    "provincial_body_heads",
    "surnames",
    "vn_orgs",
    "vn_places",
    "vn_units",
]

DATA_DIR = Path(__file__).with_name("reference")
COUNTRY_WORDS = {"KR": "han quoc", "VN": "viet nam"}  # folded, as the press adds them to a name
PLACE_RANK = {  # the broader unit wins when one spelling names several places
    "special_city": 0,
    "metropolitan_city": 0,
    "special_self_governing_city": 0,
    "province": 0,
    "special_self_governing_province": 0,
    "city": 1,
    "county": 2,
    "district": 3,
    "area": 4,
}


T = TypeVar("T")


class ReferenceDataError(ValueError):
    """A reference file is missing a required key or holds a value of the wrong type."""


@dataclass(frozen=True)
class Org:
    """An organisation: name is the form coopwatch stores (Vietnamese where the press has one)."""

    name: str
    country: str  # VN or KR: the place of incorporation or the government it belongs to
    kind: str  # ministry, agency, institute, university, company, group, association, ...
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # every other spelling, explicit and expanded from the cores
    english_name: str | None = None
    valid_until: str | None = None  # last day under this name (ISO date), None while current
    merged_into: str | None = None  # the successor's name (merger or renaming)
    parent: str | None = None  # the body it belongs to (a ministry's department, a group's firm)


@dataclass(frozen=True)
class Place:
    """A place: a province-level unit, a city, county or district, or a well-known area."""

    name: str
    country: str
    kind: str
    province: str | None  # the province-level unit it lies in (None for those units themselves)
    aliases: tuple[str, ...] = ()
    valid_until: str | None = None
    merged_into: str | None = None
    absorbed: tuple[str, ...] = ()  # the former units a 2025 Vietnamese unit took in
    nicknames: tuple[str, ...] = ()  # 'thành phố Cảng': a place only with its 'thành phố' ('Cảng' is a port)


@dataclass(frozen=True)
class NamePattern:
    """A name shape that decides a side: 'Việt Nam - Hàn Quốc' bodies founded in Vietnam are VN."""

    pattern: re.Pattern[str]
    country: str
    example: str | None = None


def load(name: str) -> dict[str, Any]:
    """The parsed TOML file reference/<name>.toml (read once)."""
    return _load(name)


@cache
def _load(name: str) -> dict[str, Any]:
    path = DATA_DIR / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ReferenceDataError(f"reference list {path.name} cannot be read: {error}") from None


def _required(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise ReferenceDataError(f"{where}: entry {entry.get('name', '?')!r} needs a text '{key}'")
    return value


def _strings(entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(v) for v in entry.get(key, ()))


def _expand(cores: Iterable[str], templates: Iterable[str]) -> tuple[str, ...]:
    return tuple(t.format(core) for core in cores for t in templates)


def _orgs(name: str) -> tuple[Org, ...]:
    data = load(name)
    expand: Mapping[str, list[str]] = data.get("expand", {})
    orgs = []
    for entry in data["org"]:
        org_name = _required(entry, "name", name)
        kind = _required(entry, "kind", name)
        templates = expand.get(str(entry.get("expand", kind)), ["{}"])
        aliases = (*_strings(entry, "aliases"), *_expand(_strings(entry, "cores"), templates))
        orgs.append(
            Org(
                name=org_name,
                country=_required(entry, "country", name),
                kind=kind,
                acronyms=_strings(entry, "acronyms"),
                aliases=tuple(dict.fromkeys(a for a in aliases if a != org_name)),
                english_name=entry.get("english_name"),
                valid_until=entry.get("valid_until"),
                merged_into=entry.get("merged_into"),
                parent=entry.get("parent"),
            )
        )
    return tuple(orgs)


@cache
def kr_orgs() -> tuple[Org, ...]:
    """Korean ministries, agencies, institutes, universities, companies and groups."""
    return _orgs("kr_orgs")


@cache
def vn_orgs() -> tuple[Org, ...]:
    """Vietnamese ministries (before and after 2025), agencies, universities and companies."""
    return _orgs("vn_orgs")


@cache
def kr_places() -> tuple[Place, ...]:
    """The 17 Korean provincial-level divisions, their si, gun and gu, and well-known areas."""
    data = load("kr_places")
    places: list[Place] = []
    for unit in data["division"]:
        name = _required(unit, "name", "kr_places")
        kind = _required(unit, "kind", "kr_places")
        cores = (name, *_strings(unit, "cores"))
        aliases = _place_aliases(_strings(unit, "aliases"), cores, data["expand"][kind])
        places.append(Place(name, "KR", kind, None, aliases))
        places.extend(_kr_subunits(unit, name, data))
    for area in data["area"]:
        area_name = _required(area, "name", "kr_places")
        province = _required(area, "province", "kr_places")
        places.append(Place(area_name, "KR", "area", province, _strings(area, "aliases")))
    return tuple(places)


def _kr_subunits(unit: Mapping[str, Any], province: str, data: Mapping[str, Any]) -> list[Place]:
    """The si, gun and gu of one division, with the spellings [expand] and [spellings] give."""
    no_bare = set(data["rules"]["no_bare_name"])
    places = []
    keys = (("cities", "city"), ("counties", "county"), ("districts", "district"))
    for key, kind in (*keys, ("districts_2026", "district")):
        for sub in unit.get(key, ()):
            cores = (sub, *data.get("spellings", {}).get(sub, ()))
            templates = [t for t in data["expand"][kind] if t != "{}" or sub not in no_bare]
            aliases = _place_aliases((), cores, templates)
            places.append(Place(_official(sub, kind), "KR", kind, province, aliases))
    return places


def _official(name: str, kind: str) -> str:
    """The official romanised form: counties and districts carry their suffix (Jung-gu, Ulju-gun)."""
    return {"county": f"{name}-gun", "district": f"{name}-gu"}.get(kind, name)


def _place_aliases(
    explicit: tuple[str, ...], cores: Iterable[str], templates: Iterable[str]
) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*explicit, *_expand(cores, templates))))


@cache
def vn_places() -> tuple[Place, ...]:
    """The 63 Vietnamese provincial-level units before 1 July 2025 and the 34 from that day."""
    data = load("vn_places")
    expand: Mapping[str, list[str]] = data["expand"]
    places = []
    for unit in data["unit"]:
        name = _required(unit, "name", "vn_places")
        kind = _required(unit, "kind", "vn_places")
        cores = (name, *_strings(unit, "cores"))
        places.append(
            Place(
                name,
                "VN",
                kind,
                None,
                _place_aliases(_strings(unit, "aliases"), cores, expand[kind]),
                valid_until=unit.get("valid_until"),
                merged_into=unit.get("merged_into"),
                absorbed=_strings(unit, "absorbed"),
                nicknames=_strings(unit, "nicknames"),
            )
        )
    return tuple(places)


def vn_units(*, after_2025: bool) -> tuple[Place, ...]:
    """The provincial-level units in force from 1 July 2025 (34) or on 30 June 2025 (63)."""
    if after_2025:
        return tuple(p for p in vn_places() if p.merged_into is None)
    return vn_places()


@cache
def name_patterns() -> tuple[NamePattern, ...]:
    """Rules for bodies whose names pair the two countries ('Hội hữu nghị Việt Nam - Hàn Quốc')."""
    return tuple(
        NamePattern(re.compile(p["pattern"]), _required(p, "country", "vn_orgs"), p.get("example"))
        for p in load("vn_orgs")["name_pattern"]
    )


@cache
def country_names(country: str) -> tuple[str, ...]:
    """The names of the country itself (KR: Hàn Quốc, Đại Hàn Dân Quốc …; VN: Việt Nam …)."""
    return tuple(load({"KR": "kr_places", "VN": "vn_places"}[country])["country"]["names"])


@cache
def surnames(country: str) -> frozenset[str]:
    """Common family names (KR: every romanised spelling; VN: with diacritics)."""
    if country == "KR":
        return frozenset(load("kr_syllables")["surnames"]["spellings"])
    return frozenset(load("vn_syllables")["surnames"]["names"])


@cache
def provincial_body_heads() -> tuple[str, ...]:
    """Heads of a Vietnamese province's bodies, written before the province's name."""
    return tuple(load("vn_places")["bodies"]["heads"])


@cache
def documented_conflicts() -> frozenset[str]:
    """Folded spellings and acronyms that both countries' lists claim on purpose (conflicts.toml)."""
    data = load("conflicts")
    return frozenset([*(fold(a) for a in data["aliases"]["shared"]), *data["acronyms"]["shared"]])


@cache
def _org_index() -> tuple[dict[str, tuple[Org, ...]], dict[str, tuple[Org, ...]]]:
    """Folded spellings to orgs: as listed, and (derived) followed by the org's country word.

    Never the other way: 'Viện Năng lượng' or 'Đại sứ quán' without 'Hàn Quốc' may well be
    Vietnamese, so a spelling without the country word must be listed explicitly.
    """
    explicit: dict[str, tuple[Org, ...]] = {}
    derived: dict[str, tuple[Org, ...]] = {}
    for org in (*kr_orgs(), *vn_orgs()):
        word = COUNTRY_WORDS.get(org.country, "")
        for form in (org.name, *org.aliases):
            key = fold(form)
            _add(explicit, key, org)
            if word and not key.endswith(word):
                _add(derived, f"{key} {word}", org)
    return explicit, derived


def _add(index: dict[str, tuple[T, ...]], key: str, value: T) -> None:
    present = index.get(key, ())
    if key and not any(v is value for v in present):
        index[key] = (*present, value)


def lookup_orgs(text: str) -> tuple[Org, ...]:
    """Every organisation one of whose spellings is text (folded); explicit spellings first."""
    explicit, derived = _org_index()
    key = fold(text)
    return explicit.get(key) or derived.get(key, ())


def lookup_org(text: str) -> Org | None:
    """The organisation spelled text (or an acronym written exactly), None if unknown or ambiguous.

    When both countries claim the folded spelling, the one spelled exactly so (diacritics kept:
    'Đông Á' against 'Dong-A') wins; otherwise the answer is None and the parser must decide.
    """
    found = lookup_orgs(text) or orgs_by_acronym(text.strip())
    if len({o.country for o in found}) > 1:
        exact = text.strip().casefold()
        found = tuple(o for o in found if exact in {s.casefold() for s in (o.name, *o.aliases)})
    return found[0] if found and len({o.country for o in found}) == 1 else None


@cache
def _acronym_index() -> dict[str, tuple[Org, ...]]:
    index: dict[str, tuple[Org, ...]] = {}
    for org in (*kr_orgs(), *vn_orgs()):
        for acronym in org.acronyms:
            _add(index, acronym, org)
    return index


def orgs_by_acronym(acronym: str) -> tuple[Org, ...]:
    """The organisations using this acronym, exactly as written (case-sensitive)."""
    return _acronym_index().get(acronym, ())


@cache
def _place_index() -> dict[str, tuple[Place, ...]]:
    index: dict[str, tuple[Place, ...]] = {}
    ordered = sorted((*kr_places(), *vn_places()), key=lambda p: PLACE_RANK.get(p.kind, 0))
    for place in ordered:
        for form in (place.name, *place.aliases):
            _add(index, fold(form), place)
    return index


def lookup_places(text: str) -> tuple[Place, ...]:
    """Every place one of whose spellings is text (folded), the broadest unit first."""
    return _place_index().get(fold(text), ())


def lookup_place(text: str) -> Place | None:
    """The place spelled text (the broadest when several share it), None if unknown or ambiguous."""
    found = lookup_places(text)
    return found[0] if found and len({p.country for p in found}) == 1 else None
