"""Agreements: names, descriptions and facts per article, and one row per agreement across articles, on
texts written for the tests."""
from __future__ import annotations

from datetime import date

import pytest

from extract.resolve import resolve_agreements


def _rows(*results):
    agreements, _ = resolve_agreements(list(results))
    return list(agreements.values())


def test_long_form_and_acronym_in_two_articles_give_one_agreement(analyze_text):
    first = analyze_text("Chile and Peru ratified the Pacific Anchovy Treaty (PAT) in 2019. "
                         "Lima said the PAT protects young fish.")
    second = analyze_text("Fishermen in Arica say the PAT treaty has cut their catches.")
    rows = _rows(first, second)
    assert len(rows) == 1
    row = rows[0]
    assert row.name == "Pacific Anchovy Treaty" and row.acronym == "PAT" and row.kind == "treaty"
    assert row.n_documents == 2 and {"Pacific Anchovy Treaty", "PAT treaty"} <= set(row.aliases)
    assert row.parties == ["CHL", "PER"]


def test_case_variants_of_an_acronym_are_one_agreement(analyze_text):
    first = analyze_text("Ghana and Togo use the Coastal Patrol Memorandum of Agreement (Cpma) since 2015.")
    second = analyze_text("Ghana and Togo extended the Coastal Patrol Memorandum of Agreement (CPMA) last year.")
    rows = _rows(first, second)
    assert len(rows) == 1 and rows[0].acronym == "CPMA" and rows[0].n_documents == 2


def test_generic_mentions_attach_to_the_agreement_of_the_article(analyze_text):
    result = analyze_text("Kenya and Uganda signed the Lake Victoria Water Accord on 3 March 2021 in Entebbe. "
                          "The accord sets fishing quotas. Officials say this agreement will be reviewed.")
    assert {a.key for a in result.agreements} == {"agreement:lake victoria water accord"}
    rows = _rows(result)
    assert rows[0].signed == date(2021, 3, 3) and rows[0].signed_precision == "day"
    assert rows[0].parties == ["KEN", "UGA"] and rows[0].place == "Entebbe" and rows[0].status == "signed"


def test_an_earlier_agreement_described_with_its_year_is_its_own(analyze_text):
    result = analyze_text("Norway and Iceland signed a new fisheries pact on 4 May 2023 in Reykjavik. "
                          "The pact sets quotas for cod. "
                          "The original fisheries pact was signed in 1998 and renewed in 2008.")
    rows = {r.signed.year: r for r in _rows(result)}
    assert set(rows) == {2023, 1998}
    assert rows[1998].status == "renewed" and rows[1998].signed_precision == "year"
    assert rows[2023].status == "signed" and rows[2023].parties == ["ISL", "NOR"]


def test_a_described_earlier_agreement_joins_its_name_in_another_article(analyze_text):
    first = analyze_text("Norway and Iceland signed a new fisheries pact on 4 May 2023. "
                         "The original fisheries pact was signed in 1998 and renewed in 2008.")
    second = analyze_text("Norway and Iceland first agreed on cod in the 1998 Fisheries Accord. "
                          "Iceland and Norway still apply it.")
    rows = {r.signed.year: r for r in _rows(first, second) if r.signed}
    assert rows[1998].name == "1998 Fisheries Accord" and rows[1998].n_documents == 2


def test_a_description_of_another_subject_is_another_agreement(analyze_text):
    result = analyze_text("Ghana and Togo signed a defence pact on 2 June 2022. The defence pact covers patrols. "
                          "A trade pact between Ghana and Togo is still being negotiated, and a separate deal "
                          "with Benin is possible.")
    rows = {r.name: r for r in _rows(result)}
    assert set(rows) == {"Ghana-Togo defence pact", "Ghana-Togo trade pact", "Benin deal"}
    assert rows["Ghana-Togo defence pact"].signed == date(2022, 6, 2)
    trade = rows["Ghana-Togo trade pact"]
    assert trade.signed is None and trade.status == "negotiating" and trade.parties == ["GHA", "TGO"]
    assert rows["Benin deal"].parties == ["BEN"] and rows["Benin deal"].status == "proposed"


def test_two_signing_dates_are_kept_as_a_conflict(analyze_text):
    first = analyze_text("Senegal and Gambia signed the River Basin Water Charter on 12 April 2024.")
    second = analyze_text("Gambia and Senegal signed the River Basin Water Charter on 12 April 2024 in Banjul. "
                          "This River Basin Water Charter, signed on 11 April 2024, shares water.")
    row = _rows(first, second)[0]
    assert row.signed == date(2024, 4, 12)
    assert row.conflicts == ["signed: 2024-04-12 vs 2024-04-11"]


def test_an_unnamed_agreement_joins_the_named_one_signed_the_same_day(analyze_text):
    first = analyze_text("Senegal and Gambia signed the River Basin Water Charter on 12 April 2024.")
    second = analyze_text("The Senegal-Gambia water pact signed on 12 April 2024 shares the river.")
    rows = _rows(first, second)
    assert len(rows) == 1 and rows[0].name == "River Basin Water Charter"
    assert "Senegal-Gambia water pact" in rows[0].aliases


def test_planned_signing_is_not_a_signing(analyze_text):
    result = analyze_text("Kenya and Uganda are set to finalise a water-sharing treaty. "
                          "The treaty is likely to be signed by the end of 2026.")
    rows = _rows(result)
    assert len(rows) == 1 and rows[0].signed is None and rows[0].status == "negotiating"


def test_a_law_belongs_to_its_country(analyze_text):
    result = analyze_text("Kenya and Uganda met in Kampala. Kenya's proposed Data Protection Act worries "
                          "Ugandan firms, and Kenya's parliament will vote on it.")
    rows = _rows(result)
    assert [(r.name, r.kind, r.parties, r.status) for r in rows] == [
        ("Data Protection Act", "law", ["KEN"], "proposed")]


def test_launched_initiative_in_quotes_and_coordinated_names(analyze_text):
    result = analyze_text("Ghana and Togo launched “Blue Corridor,” a coastal shipping programme. "
                          "Work continues under the Gulf Maritime Initiative and the newer SEAWATCH platform.")
    rows = {r.name: r for r in _rows(result)}
    assert set(rows) == {"Blue Corridor", "Gulf Maritime Initiative", "SEAWATCH"}
    assert {r.kind for r in rows.values()} == {"initiative"}
    assert all(r.parties == ["GHA", "TGO"] for r in rows.values())


def test_named_descriptions_keep_their_acronym_and_capitalized_kind(analyze_text):
    result = analyze_text("Ghana and Togo negotiate a Reciprocal Border Trade (RBT) arrangement this year.")
    rows = _rows(result)
    assert [(r.name, r.acronym, r.kind) for r in rows] == [("Reciprocal Border Trade Arrangement", "RBT",
                                                             "arrangement")]


def test_agreement_acronyms_are_not_organizations(analyze_text):
    result = analyze_text("Ghana and Togo use the Coastal Patrol Memorandum of Agreement (CPMA). The CPMA helps.")
    assert not [e for e in result.entities if e.label == "ORGANIZATION"]


def test_agreement_ids_are_stable_across_batches(analyze_text):
    first = analyze_text("Chile and Peru ratified the Pacific Anchovy Treaty (PAT) in 2019.")
    second = analyze_text("Bolivia and Peru signed the Titicaca Lake Accord on 5 May 2020.")
    both, _ = resolve_agreements([first, second])
    alone, _ = resolve_agreements([second])
    assert set(alone) <= set(both)


def test_treaty_of_a_place_and_a_later_generic_mention(analyze_text):
    result = analyze_text("Spain and Portugal signed the Treaty of Albufeira in 1998. "
                          "Since then, the treaty has governed shared rivers.")
    assert [(a.text, a.key) for a in result.agreements] == [
        ("Treaty of Albufeira", "agreement:treaty of albufeira"), ("treaty", "agreement:treaty of albufeira")]
    row = _rows(result)[0]
    assert (row.signed, row.signed_precision, row.parties) == (date(1998, 1, 1), "year", ["ESP", "PRT"])


def test_acronym_definitions_both_ways_with_offsets():
    from extract.extractors.acronyms import find_acronyms

    text = ("Farmers backed the Andean Seed Exchange Agreement (Asea). Later the ANDES "
            "(Andean Nations Development and Exchange Scheme) began, and intellectual property (IP) rules.")
    found = {a.short: a for a in find_acronyms(text)}
    assert found["Asea"].long == "Andean Seed Exchange Agreement"
    assert text[found["Asea"].long_start:found["Asea"].long_end] == "Andean Seed Exchange Agreement"
    assert found["ANDES"].long == "Andean Nations Development and Exchange Scheme"
    assert found["IP"].long == "intellectual property"


def test_people_and_known_organizations_are_not_agreements(analyze_text):
    result = analyze_text("Mr Law told Jack Law that the World Food Programme would send grain to Malawi.")
    assert result.agreements == []


# --- precision on real news: what is no agreement, and what never links articles -----------------------------

def test_the_deal_in_two_unrelated_articles_is_two_agreements(analyze_text):
    first = analyze_text("Two Chilean miners agreed a merger deal on Monday. The deal creates the largest copper firm.")
    second = analyze_text("Two Swedish banks agreed a merger deal on Friday. The deal still needs approval.")
    rows = _rows(first, second)
    assert len(rows) == 2 and all(r.n_documents == 1 for r in rows)


def test_an_undated_description_does_not_join_a_named_agreement_of_the_same_parties(analyze_text):
    first = analyze_text("Chile and Peru signed the Pacific Trade Accord on 3 May 2019.")
    second = analyze_text("Chile and Peru are negotiating a trade pact.")
    rows = {r.name: r for r in _rows(first, second)}
    assert set(rows) == {"Pacific Trade Accord", "Chile-Peru trade pact"}
    assert rows["Chile-Peru trade pact"].status == "negotiating" and rows["Pacific Trade Accord"].status == "signed"


def test_a_description_in_a_near_copy_is_its_originals_agreement(tmp_path):
    from extract.ingest import ingest
    from extract.process import process_documents

    text = ("Ghana and Togo agreed a new fisheries pact in Lome on Monday, officials said. The pact sets quotas "
            "for tuna and sardines, and both navies will patrol the shared waters from next year onwards.")
    (tmp_path / "a.txt").write_text(text + " Fishermen welcomed the news, and traders expect lower prices.")
    (tmp_path / "b.txt").write_text(text)
    results = process_documents(ingest(tmp_path))
    assert [r.document.duplicate_of is not None for r in results].count(True) == 1
    rows = _rows(*results)
    assert len(rows) == 1 and rows[0].n_documents == 1 and rows[0].n_mentions == 4


def test_a_near_copy_that_lost_the_date_keeps_its_originals_agreement_and_signing(tmp_path):
    from extract.ingest import ingest
    from extract.process import process_documents
    from extract.resolve import resolve_actors, resolve_events

    tail = (" is a 10-year fisheries pact that sets quotas for tuna and sardines. The pact was signed by the "
            "two fisheries ministers, and both navies will patrol the shared waters from next year onwards, "
            "officials in both capitals said after the ceremony.")
    (tmp_path / "a.txt").write_text("The Ghana-Togo fisheries pact signed on 3 March 2021" + tail
                                    + " Fishermen welcomed the news, and traders expect lower prices.")
    (tmp_path / "b.txt").write_text("The Ghana-Togo fisheries pact signed last week" + tail)
    results = process_documents(ingest(tmp_path))
    rows = _rows(*results)
    assert len(rows) == 1 and rows[0].n_documents == 1
    _, actor_ids = resolve_actors(results)
    _, agreement_ids = resolve_agreements(results)
    signings = [e for e in resolve_events(results, actor_ids, agreement_ids) if e.type == "SIGN"]
    assert len(signings) == 1 and str(signings[0].date) == "2021-03-03"
    assert {r.doc_id for r in signings[0].reports} == {r.document.doc_id for r in results}


def test_parties_are_those_most_articles_give(analyze_text):
    articles = [analyze_text("Judges in Accra cited the Coastal Waters Convention on Shared Fisheries."),
                analyze_text("Ghana and Togo both apply the Coastal Waters Convention on Shared Fisheries."),
                analyze_text("Lawyers for Ghana and Togo invoked the Coastal Waters Convention on Shared Fisheries."),
                analyze_text("Benin and Niger met in Niamey. Lawyers cited the Coastal Waters Convention on "
                             "Shared Fisheries.")]
    rows = _rows(*articles)
    assert len(rows) == 1 and rows[0].n_documents == 4
    assert rows[0].name == "Coastal Waters Convention on Shared Fisheries" and rows[0].parties == ["GHA", "TGO"]


def test_other_senses_of_kind_words_are_not_agreements(analyze_text):
    texts = ["Analysts told Radio Nine's Morning Edition programme that prices would rise.",
             "Phones now use the Session Initiation Protocol for calls, and the protocol address is fixed.",
             "He spoke at the Democratic National Convention in Denver.",
             "She studied at the Lagos Law School before joining the firm.",
             "Ghana faces a $2bn (£1.5bn) bill for new roads.",
             "She received nominations for Best Solo Female, Best Urban Act and Best Breakthrough Artist.",
             "The third act was dull, and one law changed."]
    for text in texts:
        assert analyze_text(text).agreements == [], text


def test_kind_words_with_evidence_are_agreements(analyze_text):
    result = analyze_text("Nations adopted the Cartagena Protocol. Judges cited the African Charter on Human and "
                          "Peoples' Rights. Few states ratified the Chemical Weapons Convention quickly. "
                          "MPs passed the Coastal Access Act in 2004.")
    names = {(a.name, a.kind) for a in result.agreements}
    assert names == {("Cartagena Protocol", "treaty"), ("African Charter on Human and Peoples' Rights", "treaty"),
                     ("Chemical Weapons Convention", "treaty"), ("Coastal Access Act", "law")}


# --- agreements the text does not name ---------------------------------------------------------------------

def test_an_unnamed_deal_gets_a_descriptive_name_its_parties_and_its_own_phrases(analyze_text):
    result = analyze_text("Nordvik Energy has struck a deal to supply Solaria Power with 20,000 turbines. "
                          "The deal with Solaria Power runs for ten years.")
    rows = _rows(result)
    assert len(rows) == 1
    row = rows[0]
    assert row.parties == ["Nordvik Energy", "Solaria Power"] and row.status == "signed"
    assert "Nordvik Energy" in row.name and "Solaria Power" in row.name and row.name.endswith("deal")
    assert {m.text for m in result.agreements} == {"deal"}  # both mentions are the text's own words


def test_the_deal_refers_to_the_most_recent_deal_it_fits(analyze_text):
    result = analyze_text("Vietnam and Cambodia signed a border pact in March. Laos and Thailand agreed a "
                          "trade deal in April. The deal cuts tariffs on rice.")
    the_deal = next(m for m in result.agreements if m.text == "deal")
    trade = next(m for m in result.agreements if m.text == "trade deal")
    border = next(m for m in result.agreements if m.text == "border pact")
    assert the_deal.key == trade.key != border.key
    assert sorted(trade.parties) == ["country:LAO", "country:THA"]


def test_the_deal_with_a_party_refers_to_that_partys_deal_not_the_latest(analyze_text):
    result = analyze_text("Acme Motors struck a deal with Brightline Cars in May. In June it signed a supply "
                          "agreement with Corvo Trucks. The deal with Brightline Cars lifted Acme's shares.")
    keys = {m.text: m.key for m in result.agreements}
    assert keys["deal"] != keys["supply agreement"]
    with_brightline = [m for m in result.agreements if m.span.start > 100 and m.text == "deal"]
    assert with_brightline and with_brightline[0].key == result.agreements[0].key


def test_a_company_agreeing_to_buy_another_is_an_agreement_between_them(analyze_text):
    result = analyze_text("Nordvik Energy agreed to buy Solaria Power for $2bn.")
    rows = _rows(result)
    assert [(r.name, r.parties, r.status) for r in rows] == [
        ("Nordvik Energy acquisition of Solaria Power", ["Nordvik Energy", "Solaria Power"], "signed")]


def test_a_company_buying_another_becomes_an_agreement_once_the_text_calls_it_a_deal(analyze_text):
    bought = analyze_text("Nordvik Energy bought Solaria Power last year.")
    assert bought.agreements == []
    referred = analyze_text("Nordvik Energy is to buy Solaria Power. The merger will create Europe's biggest "
                            "turbine maker.")
    rows = _rows(referred)
    assert len(rows) == 1 and rows[0].parties == ["Nordvik Energy", "Solaria Power"]


def test_a_verbal_agreement_between_two_sides_is_an_agreement(analyze_text):
    result = analyze_text("Chile and Bolivia agreed to reopen their consulates in La Paz and Santiago.")
    rows = _rows(result)
    assert len(rows) == 1 and rows[0].parties == ["BOL", "CHL"] and rows[0].status == "signed"
    assert rows[0].name.startswith("Chile-Bolivia agreement to reopen")
    assert not _rows(analyze_text("The minister agreed to step down."))  # one person agreeing is no agreement


def test_failed_and_negated_agreements_are_not_signed(analyze_text):
    rejected = _rows(analyze_text("Lumen Bank rejected a takeover offer from Corvo Capital. Shareholders said "
                                  "the deal with Corvo Capital had collapsed."))
    assert [r.status for r in rejected] == ["collapsed"]
    unsigned = _rows(analyze_text("Kenya has not signed the fisheries accord with Tanzania."))
    assert unsigned[0].status != "signed"


def test_a_bill_is_proposed_until_it_is_passed(analyze_text):
    result = analyze_text("Kenya's parliament will debate a data protection bill next month.")
    assert [r.status for r in _rows(result)] == ["proposed"]


# --- parties read off the text ---------------------------------------------------------------------------------

def test_a_law_named_by_the_adjective_of_a_body_is_that_bodys(analyze_text):
    result = analyze_text("Voters in Ruritania would reject the European constitution, a poll suggests.")
    rows = _rows(result)
    assert rows and "European Union" in rows[0].parties


# One agreement whose sides the text gives indirectly: (what it shows, the text, its parties).
SIDES_GIVEN_INDIRECTLY = [
    ("it_after_the_firm_stands_for_the_company_named_before",
     "Vexacom said the ruling was unfair. \"The project will become risky,\" it warned in a "
     "statement. The firm has refused to comment, although like most operators it has an "
     "interconnection deal with networks abroad.",
     ["Vexacom"]),
    ("a_deal_framing_coordinated_clauses_has_the_seller_and_the_named_buyer",
     "Meanwhile, Vexa's budget airline, Norland Airlines, is to buy 10 aircraft from Corvo "
     "Aviation and has the option to buy 20 more aircraft in a deal worth up to $1.8bn.",
     ["Corvo Aviation", "Norland Airlines"]),
    ("this_government_signing_up_is_the_state_of_the_story",
     "Chile's ministers met on Monday. The opposition in Chile says this government, with "
     "much fanfare, signs us up to the Northern Convention on Fishing Rights but now wants "
     "to scrap it.",
     ["CHL"]),
    ("there_and_she_point_back_to_the_place_and_the_minister",
     "Chilean Finance Minister Ana Ruiz spent two days in Bolivia before heading to Peru. "
     "There she is expected to strike a similar debt relief pact.",
     ["CHL", "PER"]),
    ("a_firm_described_by_its_country_is_the_storys_firm_not_the_state",
     "Vexa Motors' proposed tie-up with China's top carmaker has been delayed. Officials "
     "were irritated by Vexa Motors' disclosure of its talks with Dragon Auto. Dragon "
     "Auto declined to comment.",
     ["Dragon Auto", "Vexa Motors"]),
    ("who_pays_to_get_out_of_a_deal_and_who_is_paid_are_its_sides",
     "Nordvik Motors of the US will pay Vexa Group $2bn to get out of a deal which could have "
     "forced it to buy the firm. Analysts said the price was fair.",
     ["Nordvik Motors", "Vexa Group"]),
    ("a_deal_of_one_of_the_two_firms_a_story_is_about_is_with_the_other",
     "Vexa Motors may cut jobs if investment by Dragon Auto goes ahead. Dragon Auto plans to "
     "move production abroad. A tie-up, seen as Vexa Motors' last chance, has been pushed by "
     "Chilean Finance Minister Ana Ruiz. Vexa Motors confirmed the tie-up would take place "
     "soon. Dragon Auto declined to comment.",
     ["Dragon Auto", "Vexa Motors"]),
    ("a_leaders_administration_is_the_state",
     "Chile has defaulted on its debts. President Ana Ruiz's administration is still trying to "
     "hammer out an agreement with the creditors. Chile's economy is weak.",
     ["CHL"]),
    ("a_compound_of_party_labels_names_the_parties_of_a_pact",
     "The Prime Minister met the Liberal leader on Tuesday. The two men talked of a "
     "Labour-Liberal pact. By night his hopes of a deal had faded.",
     ["Labour Party", "Liberal Party"]),
    ("the_bloc_and_its_presidency_are_the_union_not_the_state_holding_it",
     "The EU is gearing up for tough talks on its farm rules, with the bloc's "
     "Maltese presidency hoping to broker a deal at a May summit. EU leaders meet in May.",
     ["European Union"]),
]


@pytest.mark.parametrize("text, parties", [c[1:] for c in SIDES_GIVEN_INDIRECTLY],
                         ids=[c[0] for c in SIDES_GIVEN_INDIRECTLY])
def test_the_sides_of_a_deal_given_indirectly(analyze_text, text, parties):
    rows = _rows(analyze_text(text))
    assert len(rows) == 1 and rows[0].parties == parties


def test_a_name_the_tagger_missed_once_is_still_a_party(nlp):
    from extract.extractors.entities import extract_entities
    from extract.ingest import build_document, mask_text
    from extract.ingest.sources import RawItem

    text = "Shares in Vexa Motors rose. Vexa Motors and Corvo Trucks signed a supply agreement in May."
    document = build_document(RawItem("test.txt", "text", text.encode("utf-8"), {}))
    doc = nlp(mask_text(document.text, document.segments))
    second = text.index("Vexa Motors and")
    doc.ents = [e for e in doc.ents if e.start_char != second]  # as if the NER had missed it there
    mentions = extract_entities(doc, document)
    assert [m.span.start for m in mentions if m.name == "Vexa Motors"] == [text.index("Vexa"), second]


def test_a_purchase_restated_and_the_deal_are_one_agreement_not_an_older_purchase(analyze_text):
    result = analyze_text("Norland Bank said it would spend $3bn to buy one of Chile's main retail banks. Norland "
                          "Bank said acquiring Andes Savings fulfilled a strategic objective. It raised funds for "
                          "the deal by selling shares. The move, a year after Vexa Capital beat Norland Bank to "
                          "buy Kappa Bank, was a surprise. This time around, Norland Bank is "
                          "thought to have beaten its rivals to the deal. Norland Bank said it was buying 100% "
                          "of Andes Savings, an agreement that would end the bank's dual ownership. Andes Savings "
                          "is old.")
    deals = [m for m in result.agreements if m.text == "deal"]
    assert deals and {m.key for m in deals} == {next(m.key for m in result.agreements if "buying" in m.text)}
    assert sorted(deals[0].parties) == ["org:andes savings", "org:norland bank"]


def test_the_owner_of_two_shops_is_the_side_not_the_shops(analyze_text):
    result = analyze_text("Nordvik Stores is to buy rival Vexa Stores for $11bn. As part of the deal, Nordvik "
                          "Stores - owner of Kappa's and Zeta's - will assume $6bn of debt. Vexa Stores agreed.")
    parties = {p for r in _rows(result) for p in r.parties}
    assert parties == {"Nordvik Stores", "Vexa Stores"}


def test_a_year_before_a_description_is_when_it_was_made(analyze_text):
    result = analyze_text("Vexa and Nordvik Motors have until midnight to settle a dispute. Vexa said the deal was "
                          "void. The 2000 deal resulted from a race between Vexa and Kappa.")
    dated = [m for m in result.agreements if m.text == "2000 deal"]
    assert dated and dated[0].signed is not None and dated[0].signed.value == "2000"


def test_the_source_a_sentence_cites_is_no_side(analyze_text):
    result = analyze_text("According to documents released at the Vexa Archives, both men thought they had the "
                          "makings of a deal. Vexa Archives opened in May.")
    assert all("org:vexa archives" not in m.parties for m in result.agreements)


def test_a_great_deal_of_work_is_an_amount_not_an_agreement(analyze_text):
    result = analyze_text("The harbour chief of Tarnow warned that a great deal of work was still needed.")
    assert result.agreements == []
    kept = analyze_text("Tarnow and Velka signed a great deal on river fishing on Monday.")
    assert len(kept.agreements) == 1
