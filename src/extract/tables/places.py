"""Places on the map: the gazetteer entry of an event's or a signing's place (and of every country or place
mention) read in the context of the countries and US states its articles are about (`Resolution.contexts`), and
the place columns that `events` and `agreements` share.

The context of a row reported by several articles is what all of them are about, with the countries of its
own sides: a "Paris" where a US-Texas deal was signed is Paris, Texas.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from extract.normalize.geocode import Place, country_place, geocode
from extract.records import EntityMention
from extract.tables.spec import FLOAT, INT, STR, column

NO_PLACE: dict[str, object] = {
    "place_geonames_id": None, "place_latitude": None, "place_longitude": None, "place_country_iso3": None,
    "place_admin1": None, "place_precision": None, "place_source": None,
}


def place_of(name: str | None, contexts: Iterable[frozenset[str]], countries: Iterable[str] = ()) -> dict:
    """The `place_*` columns of a place name read in the union of `contexts` and the ISO3 `countries` of the
    row's sides; all null when there is no name or the gazetteer lacks it."""
    if not name:
        return dict(NO_PLACE)
    context = set(countries).union(*contexts)
    return place_values(geocode(name, tuple(sorted(context))))


def place_values(place: Place | None) -> dict:
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


def place_columns(what: str) -> tuple[pa.Field, ...]:
    """Where `what` happened, on the map: the place resolved against the offline GeoNames gazetteer."""
    return (
        column("place_geonames_id", INT, f"GeoNames id of the place {what}; null when the gazetteer lacks it."),
        column("place_latitude", FLOAT, "Latitude of the place (a country's centroid at country precision)."),
        column("place_longitude", FLOAT, "Longitude of the place."),
        column("place_country_iso3", STR, "ISO3 code of the country the place is in."),
        column("place_admin1", STR, "GeoNames code of its first-level division ('FR.11', 'US.TX')."),
        column("place_precision", STR, "city, admin1 or country."),
        column("place_source", STR, "How the place was chosen among those of its name: gazetteer:context (a "
               "country or state of the article), gazetteer:population (the most populous) or country."),
    )
