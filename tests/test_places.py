"""Places on the map: names read against the offline gazetteer in the context of their article, on names and
texts written for the tests."""
from __future__ import annotations

from extract.normalize.geocode import geocode
from extract.tables import build_tables


def test_a_town_name_is_the_one_in_the_state_the_article_names():
    assert geocode("Paris").country_iso3 == "FRA"
    in_texas = geocode("Paris", ("USA", "US.TX"))
    assert (in_texas.country_iso3, in_texas.admin1, in_texas.source) == ("USA", "US.TX", "gazetteer:context")
    assert abs(in_texas.latitude - 33.66) < 0.2 and abs(in_texas.longitude + 95.56) < 0.2


def test_georgia_is_the_country_unless_the_article_is_about_the_us():
    assert (geocode("Georgia").country_iso3, geocode("Georgia").precision) == ("GEO", "country")
    state = geocode("Georgia", ("USA", "US.GA"))
    assert (state.country_iso3, state.admin1, state.precision) == ("USA", "US.GA", "admin1")
    assert 30 < state.latitude < 35 and -86 < state.longitude < -81  # a point inside the state


def test_a_capital_has_its_coordinates_and_a_name_the_gazetteer_lacks_has_none():
    kuala_lumpur = geocode("Kuala Lumpur", ("MYS",))
    assert kuala_lumpur.country_iso3 == "MYS" and kuala_lumpur.precision == "city"
    assert abs(kuala_lumpur.latitude - 3.14) < 0.2 and abs(kuala_lumpur.longitude - 101.69) < 0.2
    assert geocode("Line of Actual Control") is None


def test_a_town_of_the_articles_countries_beats_a_bigger_one_elsewhere():
    assert geocode("Valencia").country_iso3 == "VEN"  # the larger of the two
    assert geocode("Valencia", ("ESP",)).country_iso3 == "ESP"


def test_a_state_after_its_town_is_a_place_and_places_the_signing(analyze_text):
    result = analyze_text("The mayor of Atlanta, Georgia, and the mayor of Lyon signed a sister-city agreement "
                          "at a ceremony in Savannah, Georgia, on Monday.")
    georgia = [m for m in result.entities if m.text == "Georgia"]
    assert georgia and all(m.label == "LOCATION" for m in georgia)
    tables = build_tables([result], "test")
    agreement = tables["agreements"].to_pylist()[0]
    assert agreement["place"] == "Savannah"
    assert (agreement["place_country_iso3"], agreement["place_admin1"]) == ("USA", "US.GA")
    mentions = {m["text"]: m for m in tables["mentions"].to_pylist()}
    assert abs(mentions["Atlanta"]["latitude"] - 33.75) < 0.2 and mentions["Georgia"]["latitude"] < 35


def test_an_event_place_is_read_in_the_context_of_its_sides(analyze_text):
    result = analyze_text("France and Germany signed a defence pact in Paris on Friday.")
    event = build_tables([result], "test")["events"].to_pylist()[0]
    assert (event["type"], event["place"], event["place_country_iso3"]) == ("SIGN", "Paris", "FRA")
    assert event["place_precision"] == "city" and event["place_source"] == "gazetteer:context"
    assert event["quad_class"] == "verbal cooperation"
