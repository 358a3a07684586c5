"""Country names, capitals and demonyms to ISO 3166-1 alpha-3.

Names, alternative spellings, capitals and demonyms come from the countryinfo library; `data/countries.yaml`
adds the short forms the news uses ("U.S.", "Britain", "Washington" for the US government).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract.lexicons import countries as countries_data

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@lru_cache(maxsize=4_096)  # called several times per entity, for recurring names
def _key(text: str) -> str:
    text = " ".join(text.translate(_APOSTROPHES).split())
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    return re.sub(r"'s$", "", text).replace(".", "").casefold()


@dataclass
class CountryTables:
    names: dict[str, str] = field(default_factory=dict)  # key -> iso3
    upper_only: set[str] = field(default_factory=set)  # keys of short forms written in capitals ("US", "UK")
    parts: dict[str, str] = field(default_factory=dict)  # constituent countries ("Wales") -> their state
    capitals: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # adjective/people -> iso3
    canonical: dict[str, str] = field(default_factory=dict)  # iso3 -> English short name
    combining: dict[str, str] = field(default_factory=dict)  # "indo" -> IND


@lru_cache(maxsize=1)
def tables() -> CountryTables:
    from countryinfo import all_countries

    t = CountryTables()
    # when two entries share a name or demonym ("Indian"), the more populous country wins
    infos = sorted((c.info() for c in all_countries()), key=lambda i: -(i.get("population") or 0))
    for info in infos:
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3 or not info.get("name"):
            continue
        t.canonical.setdefault(iso3, info["name"])
        for name in [info["name"], *(info.get("altSpellings") or [])]:
            if len(name) > 3 and name.isascii():
                t.names.setdefault(_key(name), iso3)
        for capital in _as_list(info.get("capital")):
            t.capitals.setdefault(_key(capital), iso3)
        for demonym in _as_list(info.get("demonym")):
            t.demonyms.setdefault(_key(demonym), iso3)
    extra = countries_data()
    sections = ((extra.aliases, t.names), (extra.capitals, t.capitals), (extra.demonyms, t.demonyms),
                (extra.combining_forms, t.combining))
    for section, target in sections:
        for iso3, names in section.items():
            for name in names:
                target[_key(name)] = iso3
    for iso3, names in extra.not_states.items():
        for name in names:
            t.names.pop(_key(name), None)
            t.parts[_key(name)] = iso3
    t.upper_only = {_key(n) for names in extra.aliases.values() for n in names if _is_acronym(n)}
    # a country's own name is not also a capital ("Singapore", "Luxembourg" are both)
    for key in list(t.capitals):
        if key in t.names:
            del t.capitals[key]
    return t


def _is_acronym(name: str) -> bool:
    """"US", "U.S.", "UAE": a short form in capitals, which in other case is a word ("us", "Uk")."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _lookup(table: dict[str, str], text: str) -> str | None:
    key = _key(text)
    if key in tables().upper_only and not _is_acronym(_strip(text)):
        return None
    return table.get(key)


def _strip(text: str) -> str:
    text = " ".join(text.translate(_APOSTROPHES).split())
    return re.sub(r"'s$", "", re.sub(r"^the\s+", "", text, flags=re.I))


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]


def country_iso3(text: str) -> str | None:
    """ISO3 of a country named by `text` ("the U.S.", "Britain", "India's"), else None. Short forms must be
    in capitals ("US", not "Us" or "us")."""
    return _lookup(tables().names, text)


def capital_iso3(text: str) -> str | None:
    """ISO3 of the country whose capital (or seat of government) `text` names."""
    return tables().capitals.get(_key(text))


def demonym_iso3(text: str) -> str | None:
    """ISO3 of the country a demonym refers to ("Indian", "Americans")."""
    key = _key(text)
    return tables().demonyms.get(key) or tables().demonyms.get(key.rstrip("s"))


def countries_in_compound(text: str) -> list[str]:
    """ISO3 codes of the countries a hyphenated compound names, in order: "Japan-US" and "Sino-U.S." give
    [JPN, USA] and [CHN, USA]; a word that is not a country gives nothing."""
    t = tables()
    found = []
    for part in re.split(r"[-–/]", text):
        key = _key(part)
        iso3 = _lookup(t.names, part) or t.combining.get(key) or t.demonyms.get(key)
        if iso3 and iso3 not in found:
            found.append(iso3)
    return found


def is_part_of_a_state(text: str) -> bool:
    """"Wales", "Scotland": a constituent country, which is a place, never the state (data `not_states`)."""
    return _key(text) in tables().parts


def state_of_part(text: str) -> str | None:
    """ISO3 of the state a constituent country belongs to ("Wales": GBR)."""
    return tables().parts.get(_key(text))


def country_alias_names() -> list[str]:
    """Country names as written (canonical names and the data file's aliases), for the entity ruler."""
    names = set(tables().canonical.values())
    names.update(n for aliases in countries_data().aliases.values() for n in aliases if not n.startswith("the "))
    return sorted(names)


def country_name(iso3: str) -> str:
    """The English short name of a country, e.g. "United States" for USA."""
    return tables().canonical.get(iso3, iso3)
