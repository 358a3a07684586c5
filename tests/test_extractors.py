"""Per-document extraction with the real model, on texts written for the tests."""
from __future__ import annotations

from datetime import date


def test_no_entity_crosses_a_line_break(analyze_text):
    result = analyze_text("The talks were chaired by Maria Lopez\nCarlos Ruiz later spoke to reporters in Madrid.")
    assert all("\n" not in e.text for e in result.entities)


def test_every_line_starts_a_sentence(nlp):
    """A heading, a bullet or a caption is never glued to the paragraph after it, however the line ends."""
    from extract.nlp.text import doc_text, make_doc

    lines = ["Fisheries deal agreed", "Ministers met in Lima on Monday", "- a quota for tuna",
             "The pact runs for ten years.", "Photo: Reuters"]
    for joiner in ("\n", "\n\n", " \n", "\n \n"):
        text = joiner.join(lines)
        doc = nlp(make_doc(nlp, text))
        assert doc_text(doc) == doc.text == text
        # where each sentence's words begin (a sentence may open with the whitespace of a blank line)
        starts = {s.start_char + len(s.text) - len(s.text.lstrip()) for s in doc.sents}
        assert {text.index(line) for line in lines} <= starts, repr(joiner)


def test_country_forms_get_iso3(analyze_text):
    result = analyze_text("The U.S. and the United Kingdom agreed on Monday. Britain said America would pay.")
    codes = {e.text: e.iso3 for e in result.entities if e.label == "COUNTRY"}
    assert codes.get("U.S.") == "USA" and codes.get("Britain") == "GBR" and codes.get("America") == "USA"


def test_surname_joins_full_name_with_title_and_country(analyze_text):
    result = analyze_text("French Foreign Minister Jean-Noel Barrot met his counterpart in Rome. "
                          "Barrot said the meeting went well.")
    people = [e for e in result.entities if e.label == "PERSON"]
    assert people and {p.key for p in people} == {"person:jean-noel barrot"}
    assert people[0].roles == ["Foreign Minister"] and people[0].country_iso3 == "FRA"


def test_named_agreement_with_acronym_and_later_use(analyze_text):
    result = analyze_text("Canada and Mexico ratified the Regional Fisheries Cooperation Agreement (RFCA) in 2019. "
                          "The RFCA covers tuna stocks.")
    keys = {a.key for a in result.agreements}
    assert keys == {"agreement:regional fisheries cooperation agreement"}
    assert {a.acronym for a in result.agreements} == {"RFCA"}


def test_dates_are_normalized_against_the_publication_date(analyze_text):
    result = analyze_text("Officials said last week that the plan starts in March 2025.", published=date(2024, 5, 8))
    values = {d.text: d.value for d in result.dates}
    assert values.get("last week") == "2024-W18" and values.get("March 2025") == "2025-03"


def test_sign_event_with_agreement_date_and_participants(analyze_text):
    result = analyze_text("Japan and Australia signed the Reciprocal Access Agreement on January 6, 2022.")
    signs = [e for e in result.events if e.type == "SIGN"]
    assert signs
    assert {"country:JPN", "country:AUS"} <= set(signs[0].participants)
    assert signs[0].date.value == "2022-01-06"
    assert signs[0].agreement_key == "agreement:reciprocal access agreement"
