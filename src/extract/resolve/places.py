"""Places on the map for the tables: which countries and US states each article is about, and the gazetteer
entry of an event's or a signing's place (and of every country or place mention) read in that context.

The context of a row reported by several articles is what all of them are about, with the countries of its
own sides: a "Paris" where a US-Texas deal was signed is Paris, Texas.
"""
from __future__ import annotations

from collections.abc import Iterable

from extract.normalize.geocode import Place, country_place, geocode, us_state_code
from extract.records import DocResult, EntityMention

NO_PLACE: dict[str, object] = {
    "place_geonames_id": None, "place_latitude": None, "place_longitude": None, "place_country_iso3": None,
    "place_admin1": None, "place_precision": None, "place_source": None,
}


def article_context(result: DocResult) -> frozenset[str]:
    """ISO3 codes of the countries an article names (and of the countries its organizations belong to), and
    GeoNames codes ("US.TX") of the US states it names."""
    codes: set[str] = set()
    for m in result.entities:
        if m.iso3:
            codes.add(m.iso3)
        if m.country_iso3:
            codes.add(m.country_iso3)
        if m.label == "LOCATION" and (state := us_state_code(m.text)):
            codes.update((state, "USA"))
    return frozenset(codes)


def place_of(name: str | None, contexts: Iterable[frozenset[str]], countries: Iterable[str] = ()) -> dict:
    """The `place_*` columns of a place name read in the union of `contexts` and the ISO3 `countries` of the
    row's sides; all null when there is no name or the gazetteer lacks it."""
    if not name:
        return dict(NO_PLACE)
    context = set(countries).union(*contexts)
    return place_columns(geocode(name, tuple(sorted(context))))


def place_columns(place: Place | None) -> dict:
    """A place as the `place_*` columns of `events` and `agreements`."""
    if place is None:
        return dict(NO_PLACE)
    return {
        "place_geonames_id": place.geonames_id, "place_latitude": place.latitude,
        "place_longitude": place.longitude, "place_country_iso3": place.country_iso3,
        "place_admin1": place.admin1, "place_precision": place.precision, "place_source": place.source,
    }


def mention_place(m: EntityMention, context: frozenset[str]) -> Place | None:
    """The gazetteer entry of a COUNTRY or LOCATION mention (a country is its centroid)."""
    if m.label == "COUNTRY" and m.iso3:
        return country_place(m.iso3)
    if m.label == "LOCATION":
        return geocode(m.text, tuple(sorted(context)))
    return None
