"""Events: triggers, arguments from the parse, modality, dates, and one event per real event across articles.

Every text is written for these tests (other countries, people and treaties than the sample articles).
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from extract.ingest import ingest
from extract.process import process_documents
from extract.tables import build_tables


def events_of(result, etype=None):
    return [e for e in result.events if etype is None or e.type == etype]


def only(result, etype):
    found = events_of(result, etype)
    assert len(found) == 1, f"expected one {etype}, got {[(e.type, e.trigger) for e in result.events]}"
    return found[0]


# --- one sentence per type, active and passive voice --------------------------------------------------------

@pytest.mark.parametrize("text, etype, participants, value", [
    ("Japan and Australia signed the Reciprocal Access Agreement on January 6, 2022.",
     "SIGN", {"country:JPN", "country:AUS"}, "2022-01-06"),
    ("Chile and Peru are negotiating a Pacific Fisheries Agreement.",
     "NEGOTIATE", {"country:CHL", "country:PER"}, None),
    ("Croatia and Slovenia renewed the Adriatic Ferry Agreement in 2014.",
     "RENEW", {"country:HRV", "country:SVN"}, "2014"),
    ("Canada and Chile announced the Pacific Clean Shipping Initiative on 4 June 2022.",
     "ANNOUNCE", {"country:CAN", "country:CHL"}, "2022-06-04"),
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on 3 May 2023.",
     "MEET", {"person:emmanuel macron", "person:olaf scholz"}, "2023-05-03"),
    ("In 2019, the United States designated Brazil as a major non-NATO ally.",
     "DESIGNATE", {"country:USA", "country:BRA"}, "2019"),
    ("Canada imposed sanctions on Iran in 2012.",
     "SANCTION", {"country:CAN", "country:IRN"}, "2012"),
    ("Poland bought 250 Abrams tanks from the United States in 2022.",
     "PURCHASE", {"country:POL", "country:USA"}, "2022"),
    ("South Korea and Japan held the Sea Guardian naval exercise in 2021.",
     "EXERCISE", {"country:KOR", "country:JPN"}, "2021"),
    ("Eritrean and Ethiopian troops clashed near the border town of Badme in May 2011.",
     "CLASH", {"country:ERI", "country:ETH"}, "2011-05"),
    ("Turkey and Ukraine agreed to jointly produce Bayraktar drones.",
     "PRODUCE", {"country:TUR", "country:UKR"}, None),
])
def test_event_types_with_participants_and_date(analyze_text, text, etype, participants, value):
    event = only(analyze_text(text), etype)
    assert participants <= set(event.participants)
    assert (event.date.value if event.date else None) == value


def test_passive_sign_takes_the_by_agents_and_the_agreement_it_describes(analyze_text):
    result = analyze_text("The Baltic Energy Charter, signed by Estonian Prime Minister Kaja Tamm and Latvian "
                          "Prime Minister Arturs Kalnins, took effect in May.")
    sign = only(result, "SIGN")
    assert {"person:kaja tamm", "person:arturs kalnins"} <= set(sign.agents)
    assert sign.agreement_key == "agreement:baltic energy charter"


def test_passive_clause_with_by_agent_and_place(analyze_text):
    result = analyze_text("The Caspian Ferry Treaty was signed by Kazakhstan and Azerbaijan in Baku in 2017.")
    sign = only(result, "SIGN")
    assert {"country:KAZ", "country:AZE"} <= set(sign.agents)
    assert sign.date.value == "2017" and sign.place == "Baku"


def test_agent_and_target_roles(analyze_text):
    event = only(analyze_text("Canada imposed sanctions on Iran in 2012."), "SANCTION")
    assert event.agents == ["country:CAN"] and event.targets == ["country:IRN"]


def test_noun_trigger_with_possessor_and_source(analyze_text):
    event = only(analyze_text("Vietnam's purchase of patrol boats from Denmark was completed in 2013."), "PURCHASE")
    assert event.agents == ["country:VNM"] and "country:DNK" in event.targets


# --- coordination -------------------------------------------------------------------------------------------

def test_coordinated_subjects_all_take_part(analyze_text):
    event = only(analyze_text("Ghana, Togo and Benin signed the Gulf of Guinea Maritime Accord in 2019."), "SIGN")
    assert {"country:GHA", "country:TGO", "country:BEN"} <= set(event.participants)


def test_coordinated_verbs_share_the_subject_and_keep_their_own_dates(analyze_text):
    result = analyze_text("Croatia and Slovenia signed the Adriatic Ferry Agreement in 2004 and renewed it in 2014.")
    sign, renew = only(result, "SIGN"), only(result, "RENEW")
    assert sign.date.value == "2004" and renew.date.value == "2014"
    assert {"country:HRV", "country:SVN"} <= set(renew.participants)
    assert renew.agreement_key == sign.agreement_key == "agreement:adriatic ferry agreement"


def test_coordinated_agreements_are_separate_events(analyze_text):
    result = analyze_text("Vietnam and South Korea concluded the Mekong Shipping Agreement, the Saigon Port "
                          "Arrangement and the Hanoi Rail Accord in 2017.")
    signs = events_of(result, "SIGN")
    assert len({e.agreement_key for e in signs}) >= 2
    assert all(e.date.value == "2017" for e in signs)


def test_subject_shared_by_a_controlled_verb(analyze_text):
    event = only(analyze_text("Spain and Morocco are expected to finalise a Migration Partnership by December 2027."),
                 "NEGOTIATE")
    assert {"country:ESP", "country:MAR"} <= set(event.participants)
    assert event.modality == "planned" and event.date.value == "2027-12"


# --- modality -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, etype, modality", [
    ("Chile and Peru have not renewed the Andean Water Convention.", "RENEW", "negated"),
    ("Beijing has never imposed an embargo on Taiwan.", "SANCTION", "negated"),
    ("Brazil and Argentina could sign the Mercosur Energy Pact next year.", "SIGN", "hypothetical"),
    ("If Kenya ratifies the Lake Victoria Fisheries Treaty, Uganda will follow.", "SIGN", "hypothetical"),
    ("So far Bolivia has refused to sign the Andean Water Convention.", "SIGN", "negated"),
    ("Paraguay's reluctance to sign the Andean Water Convention worries Lima.", "SIGN", "negated"),
])
def test_negated_and_hypothetical_reports_keep_their_modality(analyze_text, text, etype, modality):
    assert only(analyze_text(text), etype).modality == modality


@pytest.mark.parametrize("text", [
    "The European Union lifted sanctions on Myanmar in 2013.",  # undone: no sanction
    "The Chilean plan met a cool reception from the Peruvian president.",  # no one met
    "The ruling gave protected designation of origin status to cheese made in Portugal.",
])
def test_undone_reports_and_other_senses_are_not_events(analyze_text, text):
    assert events_of(analyze_text(text)) == []


def test_a_planned_signing_is_kept_as_a_negotiation(analyze_text):
    result = analyze_text("Ghana and Nigeria will sign the West African Power Pool Agreement in June 2026.")
    assert events_of(result, "SIGN") == []
    event = only(result, "NEGOTIATE")
    assert event.modality == "planned" and event.date.value == "2026-06"


def test_words_inside_names_are_no_triggers(analyze_text):
    result = analyze_text("Ecuador and Colombia discussed the Andean Sanctions Act at the Quito Regional Summit.")
    assert events_of(result, "SANCTION") == []


def test_a_kind_of_event_without_actors_is_no_event(analyze_text):
    result = analyze_text("Arms sales and training exercises are common in the region.")
    assert events_of(result) == []


# --- dates --------------------------------------------------------------------------------------------------

def test_date_comes_from_the_governing_clause(analyze_text):
    event = only(analyze_text("In 2012, Norway recognised Iceland as a strategic partner."), "DESIGNATE")
    assert event.date.value == "2012"


def test_no_date_in_the_text_means_no_date_not_the_publication_date(analyze_text):
    result = analyze_text("Chile and Peru are negotiating a Pacific Fisheries Agreement.", published=date(2023, 3, 1))
    assert only(result, "NEGOTIATE").date is None


def test_a_date_in_another_clause_is_not_the_events(analyze_text):
    result = analyze_text("Although Kenya joined the bloc in 2010, Somalia and Kenya are negotiating the Jubaland "
                          "Border Agreement.")
    assert only(result, "NEGOTIATE").date is None


def test_coordinated_dates_are_separate_events(analyze_text):
    result = analyze_text("The 2006 Danube Transit Agreement opened the river to barges. The 2011 Iron Gates Treaty "
                          "followed. Serbia and Romania have built on agreements signed in 2006 and 2011.")
    dated = {e.date.value: e.agreement_key for e in events_of(result, "SIGN") if e.date is not None}
    assert dated == {"2006": "agreement:2006 danube transit agreement", "2011": "agreement:2011 iron gates treaty"}


def test_a_dated_report_lends_its_date_to_the_next_sentence(analyze_text):
    result = analyze_text("A new partnership was launched in 2021. Egypt and Sudan announced the Nile Corridor "
                          "Initiative to connect their railways.")
    announced = [e for e in events_of(result, "ANNOUNCE") if e.trigger == "announced"]
    assert announced and announced[0].date.value == "2021"
    assert {"country:EGY", "country:SDN"} <= set(announced[0].participants)


def test_recent_months_dates_an_event_to_the_publication_year(analyze_text):
    result = analyze_text("In recent months, Mexico has ramped up its gas imports from Canada.",
                          published=date(2023, 9, 2))
    assert only(result, "PURCHASE").date.value == "2023"


# --- participants from context ------------------------------------------------------------------------------

def test_both_countries_are_the_two_the_document_is_about(analyze_text):
    result = analyze_text("Serbia and Romania share a long border. Serbia trades with Romania every day. "
                          "Both countries signed the Iron Gates Navigation Agreement in 2009.")
    assert {"country:SRB", "country:ROU"} <= set(only(result, "SIGN").participants)


def test_this_agreement_after_a_name_is_that_agreement(analyze_text):
    result = analyze_text("Serbia and Romania trade across the Danube. Serbia and Romania have a long history. "
                          "Iron Gates Navigation Agreement (IGNA): Signed in 2009, this agreement allows the ships "
                          "of both countries to use each other's ports.")
    sign = only(result, "SIGN")
    assert sign.agreement_key == "agreement:iron gates navigation agreement" and sign.date.value == "2009"


# --- one event per real event, across articles ----------------------------------------------------------------

def _write(folder, name, text, published=None):
    (folder / name).write_text(text, encoding="utf-8")
    if published:
        (folder / f"{name.rsplit('.', 1)[0]}.json").write_text(json.dumps({"published": published}))


ARTICLE = ("Estonia and Finland signed the Gulf Shipping Accord in Tallinn on March 8, 2023. The accord lets ferries "
           "of both countries use each other's ports during storms and sets common rules for harbour pilots. "
           "Officials said the agreement would cut crossing times and help fishermen on both sides of the gulf, "
           "and that the ministers would meet again in the autumn to review the first results.")


def test_one_event_reported_by_several_articles_with_different_wording(tmp_path):
    _write(tmp_path, "a.txt", ARTICLE, "2023-03-10")
    _write(tmp_path, "b.txt", "The Gulf Shipping Accord was inked on March 8 by the Finnish and Estonian transport "
                              "ministers, officials in Helsinki said.", "2023-03-12")
    _write(tmp_path, "c.txt", ARTICLE[:ARTICLE.index("Officials")], "2023-03-11")  # a truncated copy of a.txt
    _write(tmp_path, "d.txt", "Finland and Estonia signed the Gulf Shipping Accord on March 7, 2023, in Tallinn, "
                              "a ministry statement said.", "2023-03-14")
    tables = build_tables(process_documents(ingest(tmp_path)), "test")
    documents = {r["source"]: r for r in tables["documents"].to_pylist()}
    assert documents["c.txt"]["duplicate_of"] == documents["a.txt"]["doc_id"]
    signs = [e for e in tables["events"].to_pylist() if e["type"] == "SIGN"]
    assert len(signs) == 1
    sign = signs[0]
    assert sign["date"] == date(2023, 3, 8) and sign["date_precision"] == "day"
    assert sign["conflicting_dates"] == ["2023-03-07"]
    assert sign["n_mentions"] == 4 and sign["n_documents"] == 3  # the copy is a mention, not a new document
    assert sign["first_reported"] == date(2023, 3, 10)
    assert {"Estonia", "Finland"} <= set(sign["participants"])
    mentions = [m for m in tables["event_mentions"].to_pylist() if m["event_id"] == sign["event_id"]]
    assert {m["trigger"] for m in mentions} == {"signed", "inked"}
    assert all(m["sentence"] and m["date_text"] for m in mentions)


def test_different_acts_between_the_same_countries_stay_apart(analyze_text):
    from extract.resolve import resolve_actors, resolve_agreements, resolve_events

    result = analyze_text("Brazil imposed tariffs on Mexican steel. Brazil also bought helicopters from Mexico. "
                          "Mexico has protested against the Brazilian tariffs.")
    _, actor_ids = resolve_actors([result])
    _, agreement_ids = resolve_agreements([result])
    events = resolve_events([result], actor_ids, agreement_ids)
    assert sorted(e.type for e in events) == ["PURCHASE", "SANCTION"]
    assert next(e for e in events if e.type == "SANCTION").n_mentions == 2


# --- resolution rules on hand-made records (no model) ---------------------------------------------------------

def _mention(start, etype="NEGOTIATE", agreement="agreement:x", year=None, theme="negotiate", participants=()):
    from extract.records import DateMention, EventMention, Span

    when = None
    if year is not None:
        when = DateMention(Span(start, start + 4, 0, 99), str(year), "DATE", str(year), date(year, 1, 1),
                           date(year, 12, 31), "year")
    return EventMention(Span(start, start + 5, 0, 99), etype, "talks", participants=list(participants),
                        agreement_key=agreement, date=when, theme=theme)


def _resolve(*docs):
    from extract.records import DocResult, Document
    from extract.resolve import resolve_events

    results = [DocResult(Document(f"d{i}", f"d{i}.txt", "text"), events=list(ms)) for i, ms in enumerate(docs)]
    return resolve_events(results, {"country:PER": "act_per", "country:CHL": "act_chl"},
                          {"agreement:x": "agr_x", "agreement:x-long-name": "agr_x"})


def test_reports_in_different_years_are_different_events_and_undated_ones_join_the_most_reported_year():
    events = _resolve([_mention(0, year=2019), _mention(10, year=2021), _mention(20, year=2021), _mention(30)])
    assert sorted((e.date.year, e.n_mentions) for e in events) == [(2019, 1), (2021, 3)]


def test_two_names_of_one_agreement_on_one_trigger_are_one_report():
    events = _resolve([_mention(0, agreement="agreement:x"), _mention(0, agreement="agreement:x-long-name")])
    assert len(events) == 1 and events[0].n_mentions == 1


def test_without_an_agreement_reports_merge_on_a_shared_participant_and_the_same_theme_within_a_story():
    events = _resolve([_mention(0, "SANCTION", None, theme="tariff", participants=["country:PER"]),
                       _mention(10, "SANCTION", None, theme="tariff", participants=["country:PER", "country:CHL"]),
                       _mention(20, "SANCTION", None, theme="sanction", participants=["country:PER"])])
    assert sorted(e.n_mentions for e in events) == [1, 2]


def test_across_stories_undated_reports_without_an_agreement_stay_apart():
    def tariffs():
        return _mention(0, "SANCTION", None, theme="tariff", participants=["country:PER", "country:CHL"])

    events = _resolve([tariffs()], [tariffs()])
    assert sorted((e.n_mentions, e.n_documents) for e in events) == [(1, 1), (1, 1)]


def test_across_stories_one_shared_country_is_not_enough_but_two_with_the_same_year_are():
    def tariffs(participants, year):
        return _mention(0, "SANCTION", None, year=year, theme="tariff", participants=participants)

    one_country = _resolve([tariffs(["country:PER"], 2021)], [tariffs(["country:PER"], 2021)])
    assert [e.n_documents for e in one_country] == [1, 1]
    both = ["country:PER", "country:CHL"]
    other_year = _resolve([tariffs(both, 2021)], [tariffs(both, 2022)])
    assert [e.n_documents for e in other_year] == [1, 1]
    same = _resolve([tariffs(both, 2021)], [tariffs(list(reversed(both)), 2021)])
    assert [(e.n_mentions, e.n_documents) for e in same] == [(2, 2)]


# --- precision on real news: senses of trigger words, who may take part, and cross-article evidence -------------

@pytest.mark.parametrize("text", [
    "Rivera kicked three penalties as Argentina beat Chile.",  # sport, not a sanction
    "Argentina face Chile in Saturday's cup clash in Buenos Aires.",  # a match, not an armed clash
    "The clash between the two chief executives came to a head last year.",
    "Nadal will meet Federer in the final on Sunday.",  # players, not officials
    "Maria Lopez is technology correspondent for Nightline, a Radio Sur and Canal Nueve co-production.",
])
def test_other_senses_and_actors_the_type_does_not_take_are_not_events(analyze_text, text):
    assert events_of(analyze_text(text)) == []


def test_penalties_imposed_or_faced_and_armed_clashes_are_events(analyze_text):
    result = analyze_text("Regulators imposed penalties on Acme Bank. Acme Bank faces further penalties from the "
                          "European Commission. Troops from Armenia and Azerbaijan clashed on the border in May 2021.")
    assert sorted(e.type for e in events_of(result)) == ["CLASH", "SANCTION", "SANCTION"]
    assert set(only(result, "CLASH").participants) == {"country:ARM", "country:AZE"}


def test_a_meeting_of_officials_keeps_the_officials(analyze_text):
    meet = only(analyze_text("Foreign Minister Ana Ruiz met Chilean President Jorge Mena in Lima."), "MEET")
    assert {"person:ana ruiz", "person:jorge mena"} <= set(meet.participants)


def _events_of_articles(*texts):
    from extract.ingest import build_document
    from extract.ingest.sources import RawItem
    from extract.process import process_documents

    documents = [build_document(RawItem(f"{i}.txt", "text", t.encode("utf-8"), {})) for i, t in enumerate(texts)]
    return build_tables(process_documents(documents), "test")["events"].to_pylist()


def test_two_unrelated_acquisitions_are_two_events():
    events = _events_of_articles("Mexico bought helicopters from France.", "Mexico bought helicopters from Italy.",
                                 "Vantor Group bought Lumen Books.", "Vantor Group bought Pine Stores.")
    purchases = [e for e in events if e["type"] == "PURCHASE"]
    assert len(purchases) == 4 and all(e["n_documents"] == 1 for e in purchases)


def test_one_purchase_reported_by_two_articles_with_its_date_is_one_event():
    events = _events_of_articles("Mexico bought twelve helicopters from France in March 2021.",
                                 "France sold helicopters to Mexico in March 2021, a ministry statement said.")
    purchases = [e for e in events if e["type"] == "PURCHASE"]
    assert [(e["n_documents"], e["date"]) for e in purchases] == [(2, date(2021, 3, 1))]


# --- ordinary news: plain verbs, event nouns, light verbs ----------------------------------------------------

@pytest.mark.parametrize("text, etype, participants", [
    ("Norway's foreign minister met with his Swedish counterpart in Oslo.", "MEET", {"country:NOR", "country:SWE"}),
    ("Talks between Chile and Bolivia resumed in La Paz.", "MEET", {"country:CHL", "country:BOL"}),  # on no deal
    ("Talks between Chile and Bolivia on a gas deal resumed.", "NEGOTIATE", {"country:CHL", "country:BOL"}),
    ("EU agriculture ministers met in Luxembourg on 12 March 2023.", "MEET", {"org:european union"}),
    ("Spain and Portugal signed a treaty on 3 June 1998.", "SIGN", {"country:ESP", "country:PRT"}),
    ("Vietnam and Cambodia struck a border deal.", "SIGN", {"country:VNM", "country:KHM"}),
    ("Nordvik Energy agreed to buy Solaria Power for $2bn.", "PURCHASE", {"org:nordvik energy", "org:solaria power"}),
    ("Acme Corp's takeover of Brightline Holdings was completed in May.", "PURCHASE",
     {"org:acme", "org:brightline holdings"}),
])
def test_plain_verbs_event_nouns_and_light_verbs(analyze_text, text, etype, participants):
    event = only(analyze_text(text), etype)
    assert participants <= set(event.participants)


def test_a_deal_struck_or_agreed_is_a_signing_of_that_deal(analyze_text):
    result = analyze_text("Nordvik Energy agreed to buy Solaria Power for $2bn.")
    sign, purchase = only(result, "SIGN"), only(result, "PURCHASE")
    assert sign.agreement_key == purchase.agreement_key == result.agreements[0].key
    assert "struck" not in {e.trigger for e in analyze_text("Lightning struck the town hall in Lyon.").events}


def test_an_armed_attack_with_a_place_is_a_clash_even_when_its_sides_are_unnamed(analyze_text):
    event = only(analyze_text("Rebels attacked a police station near Mosul, killing 9 officers."), "CLASH")
    assert event.place == "Mosul"
    assert events_of(analyze_text("The opposition attacked the budget plans in parliament.")) == []


def test_an_event_inside_a_deal_is_about_that_deal(analyze_text):
    result = analyze_text("Nimbus Airlines has signed a deal to acquire 24 planes from Corvo Aviation.")
    purchase, sign = only(result, "PURCHASE"), only(result, "SIGN")
    assert purchase.agreement_key == sign.agreement_key is not None
    assert {"org:nimbus airlines", "org:corvo aviation"} <= set(purchase.participants)


def test_an_official_travelling_to_a_country_visits_it(analyze_text):
    visits = events_of(analyze_text("Foreign Minister Ana Ruiz spent two days in Kenya before flying on Friday "
                                    "to Uganda."), "MEET")
    assert sorted((e.place, tuple(e.participants)) for e in visits) == [
        ("Kenya", ("person:ana ruiz", "country:KEN")), ("Uganda", ("person:ana ruiz", "country:UGA"))]
    assert events_of(analyze_text("The company spent $1bn in Kenya.")) == []


def test_an_event_over_a_period_has_its_two_ends_and_coordinated_dates_stay_two_events(analyze_text):
    talks = only(analyze_text("Officials of Iran and Oman held talks from 3 to 5 May in Muscat.",
                              published=date(2025, 6, 1)), "MEET")  # talks held somewhere, on no agreement
    assert (talks.date.start, talks.date.end, talks.date.value) == (
        date(2025, 5, 3), date(2025, 5, 5), "2025-05-03/2025-05-05")
    row = build_tables([analyze_text("Kenya and Ghana held talks between 3 March and 7 March.",
                                     published=date(2025, 6, 1))], "test")["events"].to_pylist()[0]
    assert (row["date"], row["end_date"]) == (date(2025, 3, 3), date(2025, 3, 7))
    signings = events_of(analyze_text("Chile and Peru signed accords in 1994 and 2003."), "SIGN")
    assert sorted(e.date.value for e in signings) == ["1994", "2003"]


# --- what the text does not report as happening, and who takes part ------------------------------------------

def test_negated_and_hypothetical_events_are_kept_with_their_modality_for_analysts_to_filter():
    from dataclasses import replace

    hypothetical = replace(_mention(0, "PURCHASE", None, theme="purchase", participants=["country:PER"]),
                           modality="hypothetical")
    negated = replace(_mention(10, "SIGN", None, theme="sign", participants=["country:CHL"]), modality="negated")
    assert sorted(e.modality for e in _resolve([hypothetical, negated])) == ["hypothetical", "negated"]
    asserted = _mention(20, "PURCHASE", None, theme="purchase", participants=["country:PER"])
    events = _resolve([hypothetical, asserted])  # one event: a report of it as happening makes it asserted
    assert len(events) == 1 and events[0].modality == "asserted" and events[0].n_mentions == 2


@pytest.mark.parametrize("text, etype, modality", [
    ("Lumo Motors will gain the right to sell its car unit to Peru.", "PURCHASE", "hypothetical"),
    ("A failure to reach an agreement with Chile on the Andean Water Convention would hurt.", "NEGOTIATE",
     "negated"),
])
def test_a_right_to_act_or_a_failure_to_act_is_not_the_act(analyze_text, text, etype, modality):
    assert all(e.modality == modality for e in events_of(analyze_text(text), etype))


@pytest.mark.parametrize("text, etype, participants", [
    ("Chile is in talks with Peru over a fisheries pact.", "NEGOTIATE", {"country:CHL", "country:PER"}),
    ("Ghana attended a meeting between Togo and Benin in Lome.", "MEET",
     {"country:GHA", "country:TGO", "country:BEN"}),
    ("Maria Lindqvist met EU ministers in Brussels on Monday.", "MEET",
     {"person:maria lindqvist", "org:european union"}),
])
def test_who_takes_part_through_a_light_verb_or_beside_a_body(analyze_text, text, etype, participants):
    assert participants <= set(only(analyze_text(text), etype).participants)


def test_two_people_with_no_title_who_meet_hold_no_meeting_and_reporters_take_no_part(analyze_text):
    assert events_of(analyze_text("Tom Hale will meet Jack Rowe in the final on Sunday."), "MEET") == []
    result = analyze_text("The Daily Courier quoted an insider in the talks between Chile and Peru.")
    assert not any("Courier" in p for e in events_of(result) for p in e.participants)


def test_a_passive_verb_coordinated_with_another_keeps_what_was_done_to(nlp):
    from extract.extractors.events.arguments import read_frame
    from extract.nlp.components.events import event_lexicon

    doc = nlp("The mine was sold off last year and eventually acquired by Peru.")
    frame = read_frame(next(t for t in doc if t.lower_ == "acquired"), event_lexicon())
    assert [t.lower_ for t in frame.targets] == ["mine"] and [t.text for t in frame.agents] == ["Peru"]


@pytest.mark.parametrize("text, etype", [
    ("Chile took over the chairmanship of the Andean Council in July.", "PURCHASE"),
    ("The Chilean president is meeting his Peruvian counterpart to finalise a package of measures.", "NEGOTIATE"),
    ("Peru is gearing up for talks, with its presidency hoping to strike a deal at a June summit.", "SIGN"),
])
def test_taking_over_a_role_finalising_no_agreement_or_hoping_to_sign_is_no_such_event(analyze_text, text, etype):
    assert [e for e in events_of(analyze_text(text), etype) if e.modality in ("asserted", "planned")] == []


def test_what_an_event_did_is_no_participant_but_whom_it_involves_is(nlp):
    from extract.extractors.events.arguments import read_frame
    from extract.nlp.components.events import event_lexicon

    doc = nlp("A Lumo share sale, which cut Peru's holding to 10%, ended the pact.")
    assert "holding" not in [t.lower_ for t in read_frame(doc[3], event_lexicon()).agents]
    doc = nlp("The Coral naval exercises, which involve Chile and Peru, began.")
    assert "Chile" in [t.text for t in read_frame(doc[3], event_lexicon()).agents]


@pytest.mark.parametrize("text, etype", [
    ("Chile and Peru held talks in Lima between their foreign ministers.", "MEET"),
    ("Chile and Peru in energy talks", "MEET"),
    ("Chile and Peru held talks on the Pacific Fisheries Agreement.", "NEGOTIATE"),
    ("Lumo Motors said it was in talks with Peru to buy a stake in the Andes Mine.", "NEGOTIATE"),
])
def test_talks_toward_no_agreement_are_a_meeting(analyze_text, text, etype):
    found = {e.type for e in events_of(analyze_text(text)) if e.type in ("MEET", "NEGOTIATE")}
    assert found == {etype}


def test_an_event_that_is_the_setting_of_another_act_happens_whatever_that_act(nlp):
    from extract.extractors.events.arguments import read_frame
    from extract.nlp.components.events import event_lexicon

    doc = nlp("Foreign Minister Ana Ruiz will try to win over Chile at the Andean summit on Monday.")
    assert read_frame(next(t for t in doc if t.lower_ == "summit"), event_lexicon()).modality == "planned"
    doc = nlp("Ana Ruiz could not attend the summit.")
    assert read_frame(next(t for t in doc if t.lower_ == "summit"), event_lexicon()).modality == "negated"


def test_the_kind_of_a_named_agreement_stands_for_it(analyze_text):
    result = analyze_text("The 1998 Andean Water Charter took effect in 2001. While Bolivia has signed the Charter, "
                          "it has never ratified it.")
    signs = [e for e in events_of(result, "SIGN") if e.modality == "asserted"]
    assert signs and signs[0].agreement_key == "agreement:1998 andean water charter"
    assert "country:BOL" in signs[0].participants


def test_the_agreements_with_a_party_are_those_the_story_tells_of_with_it(analyze_text):
    result = analyze_text("Chile has signed a $2bn gas deal with Peru. The agreements with Peru were sealed after "
                          "months of talks.")
    signs = events_of(result, "SIGN")
    assert len(signs) == 2 and signs[0].agreement_key is not None
    assert signs[1].agreement_key == signs[0].agreement_key


def test_a_purchase_between_the_parties_of_the_agreement_its_sentence_names_is_under_it(analyze_text):
    result = analyze_text("Lumo Motors and Peru signed a partnership agreement in 2001. The agreement in question "
                          "dates back to Peru's decision to buy 20% of Lumo Motors in 2001.")
    agreements = {e.agreement_key for e in events_of(result, "SIGN")}
    purchases = events_of(result, "PURCHASE")
    assert purchases and purchases[0].agreement_key in agreements


@pytest.mark.parametrize("text", [
    "Lumo Motors is a carmaker. Lumo Motors supplies more than 150 teams including the national sides of Peru.",
    "Lumo Motors forecast record sales for 2005 and said it had hired staff.",
    "Peru's board approved the possible takeover of Lumo Motors.",
])
def test_habits_takings_and_possible_takeovers_are_no_purchases(analyze_text, text):
    assert [e for e in events_of(analyze_text(text), "PURCHASE") if e.modality in ("asserted", "planned")] == []


def test_a_headline_in_the_present_tells_an_event(analyze_text):
    result = analyze_text("Poland buys 250 tanks from the United States\n\nThe deal is worth $2bn.")
    assert events_of(result, "PURCHASE")


def test_every_word_of_the_event_lexicon_is_a_word_not_a_yaml_boolean():
    from extract.nlp.components.events import event_lexicon

    def booleans(node):
        if isinstance(node, dict):
            return [b for v in node.values() for b in booleans(v)]
        if isinstance(node, list):
            return [v for v in node if isinstance(v, bool)] + [b for v in node for b in booleans(v)]
        return []

    assert booleans(event_lexicon()) == []


def test_no_plans_to_negotiate_is_negated(nlp):
    from extract.extractors.events.arguments import read_frame
    from extract.nlp.components.events import event_lexicon

    doc = nlp("Lumo said there are no plans to enter into negotiations to merge the two businesses.")
    assert read_frame(next(t for t in doc if t.lower_ == "negotiations"), event_lexicon()).modality == "negated"


def test_a_person_the_text_gives_no_title_visits_a_country_he_travels_to(analyze_text):
    visits = events_of(analyze_text("Mr Tomas Berg, on a tour of the region, spent two days in Kenya before "
                                    "heading on Friday to Uganda."), "MEET")
    assert {p for e in visits for p in e.participants} >= {"person:tomas berg", "country:KEN", "country:UGA"}
