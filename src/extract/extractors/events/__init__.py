"""Events of a parsed document: who did what to whom, when and where, as `EventMention`s.

Each trigger of `doc.spans["event_triggers"]` (types and words from `data/events.yaml`) goes through three
steps, one module each:
  `arguments`  the trigger's slots read off the dependency parse, and its modality;
  `slots`      the slots mapped to the document's actors, agreement, date and place;
  here         what the type requires (an agreement, an object, two sides), and the report(s) it gives.

Undone reports ("lifted sanctions") are dropped; negated, hypothetical and planned ones ("has not signed",
"could sign", "will sign") are kept with their modality, for analysts to filter; trying to sign a deal is
negotiating it. Coordinated agreements or dates ("signed in 1994 and 2003") give one report each. A report
that only dates an event ("a partnership was launched in 2019") lends its date to the report of the same
type in the adjacent sentence that names who and what.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.extractors.events.arguments import CLAUSAL, Frame, read_frame
from extract.extractors.events.slots import NOUN_POS, Participants, SlotFiller, is_named
from extract.lexicons import ConfidenceWeights, EventLexicon, EventType, event_lexicon
from extract.records import AgreementMention, DateMention, Document, EntityMention, EventMention, Span

__all__ = ["extract_events"]

DROPPED_MODALITIES = {"undone"}


def extract_events(doc: Doc, document: Document, entities: list[EntityMention], dates: list[DateMention],
                   agreements: list[AgreementMention]) -> list[EventMention]:
    """Event mentions of one document, in text order."""
    lexicon = event_lexicon()
    slots = SlotFiller(doc, document, entities, dates, agreements, lexicon.arguments)
    triggers = [s for s in doc.spans.get("event_triggers", []) if not slots.inside_name(s)]
    nouns_by_type: dict[str, set[int]] = {}
    for s in triggers:
        if s.root.pos_ in NOUN_POS:
            nouns_by_type.setdefault(s.label_, set()).add(s.root.i)
    verbs = {s.root.i: s.label_ for s in triggers if s.root.pos_ == "VERB"}
    mentions: list[EventMention] = []
    dated_only: list[EventMention] = []
    for span in triggers:
        trigger = span.root
        if trigger.dep_ == "compound" or _object_of_same_type_verb(trigger, span.label_, verbs):
            continue  # "tariff issues"; "imposed tariffs" is read from "imposed"
        spec = lexicon.types[span.label_]
        frame = read_frame(trigger, lexicon, undone_by=frozenset(spec.undone_by),
                           same_type_nouns=frozenset(nouns_by_type.get(span.label_, ())))
        if frame.modality in DROPPED_MODALITIES or not _has_what_the_type_needs(frame, spec, slots):
            continue
        reports, bare = _reports(span, frame, slots, lexicon)
        mentions += reports
        dated_only += bare
    mentions += _lend_dates(dated_only, mentions, [s.start_char for s in doc.sents])
    return sorted(mentions, key=lambda m: (m.span.start, m.date.span.start if m.date else -1))


def _object_of_same_type_verb(trigger: Token, etype: str, verbs: dict[int, str]) -> bool:
    """"imposed tariffs on goods and penalties": nouns in the object of a verb of their type are what the
    verb did, not events of their own."""
    if trigger.pos_ not in NOUN_POS:
        return False
    token = trigger
    for _ in range(6):
        if token.dep_ in ("dobj", "nsubjpass") and verbs.get(token.head.i) == etype:
            return True
        if token.dep_ in CLAUSAL or token.head is token or token.head.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
    return False


def _has_what_the_type_needs(frame: Frame, spec: EventType, slots: SlotFiller) -> bool:
    """"designated Chile as ...", "jointly produce engines", "imposed tariffs", "met the minister"; in the
    type's sense ("faces penalties", "troops clashed")."""
    prepositions = spec.needs_preposition
    if prepositions and not any(c.dep_ == "prep" and c.lower_ in prepositions for c in frame.predicate.children):
        return False
    if spec.no_simple_present and _habitual(frame.trigger):
        return False
    return slots.has_required_object(frame, spec) and slots.has_sense(frame, spec)


def _habitual(trigger: Token) -> bool:
    """A verb in the simple present with no auxiliary, outside the headline (which tells past events in the
    present: "Acme buys Beta"): "Acme supplies 150 teams", "the two firms sell 10,000 cars a year"."""
    return (trigger.pos_ == "VERB" and trigger.tag_ in ("VBZ", "VBP") and trigger.sent.start > 0
            and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children))


def _reports(span: SpacySpan, frame: Frame, slots: SlotFiller, lexicon: EventLexicon
             ) -> tuple[list[EventMention], list[EventMention]]:
    """The reports one trigger gives (several for coordinated agreements or dates), and a dated report
    that names nobody, kept aside to date a neighbouring report of the same event."""
    spec = lexicon.types[span.label_]
    etype, modality = span.label_, frame.modality
    if modality == "planned" and spec.planned_as:
        etype = spec.planned_as
    elif modality == "attempted":  # "trying to agree a deal" is negotiating it; trying to buy is no purchase yet
        etype, modality = (spec.attempted_as, "asserted") if spec.attempted_as else (etype, "hypothetical")
    type_spec = lexicon.types[etype]
    dates, date_source = slots.dates(frame)
    place = slots.place(frame, type_spec)
    particular = bool(dates) or place is not None or _named_or_counted(frame.trigger)
    agreements, plural_reference, found_in = slots.agreements(frame, type_spec)
    if frame.predicate.lemma_.lower() in spec.agreement_objects and found_in not in ("arguments", "own"):
        return [], []  # "struck the town", "reached Paris": no agreement acted on
    if not agreements and not plural_reference and _a_meeting(frame, type_spec, place, slots):
        etype = type_spec.meeting_words.type
        type_spec = lexicon.types[etype]
    if not agreements and not plural_reference and type_spec.deal_content:
        agreements = slots.between_the_sides(frame, type_spec, particular)
    pairs = [(a, d) for a in agreements for d in (dates or [None])]
    if not agreements and plural_reference:
        pairs = [(a, d) for d in dates if (a := slots.named_after_year(d)) is not None]
        if not dates:  # "the agreements with Iran were sealed": those the document tells of with that party
            pairs = [(a, None) for a in slots.agreements_of(slots.plural_parties(frame))]
    if not pairs:
        pairs = [(None, d) for d in (dates or [None])]
    out, bare = [], []
    for agreement, when in pairs:
        who = slots.participants(frame, agreement, type_spec, particular=particular)
        mention = EventMention(
            span=Span(span.start_char, span.end_char, frame.trigger.sent.start_char, frame.trigger.sent.end_char),
            type=etype, trigger=span.text, participants=who.keys, agents=who.agents, targets=who.targets,
            agreement_key=agreement.key if agreement else None, place=place or _signed_at(agreement, span, type_spec),
            date=when, modality=modality,
            theme=etype if type_spec.one_theme else frame.theme, participant_source=who.source)
        if _complete(frame.trigger, type_spec, agreement or plural_reference, who, slots, particular):
            mention.confidence = _confidence(lexicon.confidence, span, who, agreement, date_source, modality)
            out.append(mention)
        elif when is not None and agreement is None and not who.keys:
            bare.append(mention)
    return out, bare


def _a_meeting(frame: Frame, spec: EventType, place: str | None, slots: SlotFiller) -> bool:
    """"Talks" toward no agreement are a meeting: talks held somewhere ("talks in Brussels between ..."), or
    talks whose sentence names no agreement and no deal they could be about ("Acme in crunch talks", not "talks
    failed after the firms tried to merge", "in talks to buy a stake")."""
    meeting = spec.meeting_words
    if not meeting or frame.trigger.lemma_.lower() not in meeting.words:
        return False
    if _toward_something(frame.trigger, set(meeting.topics) | slots.agreement_kinds):
        return False
    if place is not None:
        return True
    sent = frame.trigger.sent
    deal_types = set(meeting.unless_in_sentence)
    if any(s.label_ in deal_types and s.root.i != frame.trigger.i
           for s in frame.trigger.doc.spans.get("event_triggers", []) if sent.start <= s.start < sent.end):
        return False
    return not any(sent.start_char <= a.span.start < sent.end_char for a in slots.all_agreements)


def _toward_something(talks: Token, topics: set[str]) -> bool:
    """Talks that say what they would settle: a topic that is bargained over ("peace talks", "talks about a
    possible alliance") or a purpose ("talks to buy a stake")."""
    for child in talks.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.lemma_.lower() in topics:
            return True
        if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return True
        if child.dep_ == "prep" and any(o.lemma_.lower() in topics for o in child.children if o.dep_ == "pobj"):
            return True
    return False


def _signed_at(agreement: AgreementMention | None, trigger: SpacySpan, spec: EventType) -> str | None:
    """Where the agreement the trigger's sentence names was signed, for a type whose place that is
    (`agreement_place`): "the treaty was signed by all members in Rome"."""
    if not spec.agreement_place or agreement is None or agreement.span.sent_start != trigger.sent.start_char:
        return None
    return agreement.place


def _complete(trigger: Token, spec: EventType, agreement: AgreementMention | bool | None, who: Participants,
              slots: SlotFiller, particular: bool) -> bool:
    """The report names what the type needs: its agreement (or agreements it does not name one by one: "signed
    several agreements"), and enough sides (a named agreement is enough)."""
    needs_agreement = spec.needs_agreement
    if needs_agreement and not agreement:
        return False
    named = isinstance(agreement, AgreementMention) and is_named(agreement)
    min_sides = spec.min_participants if spec.min_participants is not None else 0 if needs_agreement and named else 1
    if _is_bare_noun(trigger):
        min_sides = max(min_sides, spec.bare_noun_min_sides or 0)
    if spec.group_meeting and min_sides > 1 and _plural_party(who, trigger, slots):
        min_sides = 1  # "NATO defence ministers met in Brussels"
    if spec.unnamed_sides and (particular or agreement):
        min_sides = 0  # "rebels attacked an army base near Aleppo"
    return slots.sides(who.keys) >= min_sides


def _plural_party(who: Participants, trigger: Token, slots: SlotFiller) -> bool:
    """One side named by a plural phrase that meets among itself: "EU leaders met", "NATO ministers met", "a
    meeting of the finance ministers of EU members"."""
    heads = [t for t in trigger.children if t.dep_ == "nsubj"] + (
        [trigger.head] if trigger.dep_ in ("acl", "relcl") else [])
    heads += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" and trigger.pos_ in NOUN_POS
              for p in c.children if p.dep_ == "pobj"]  # "a meeting of EU finance ministers"
    return len(who.keys) == 1 and any(h.tag_ in ("NNS", "NNPS") for h in heads)


def _confidence(weights: ConfidenceWeights, span: SpacySpan, who: Participants, agreement: AgreementMention | None,
                date_source: str | None, modality: str) -> float:
    """How the report was found, scored with the weights of `data/events.yaml`."""
    kind = "phrase" if len(span) > 1 else ("verb" if span.root.pos_ == "VERB" else "noun")
    score = weights.trigger[kind] + weights.participants.get(who.source or "", 0.0)
    score += weights.agreement if agreement is not None else 0.0
    score += weights.date.get(date_source or "", 0.0)
    score += weights.planned if modality == "planned" else 0.0
    return round(min(max(score, 0.05), 0.99), 2)


def _lend_dates(dated_only: list[EventMention], mentions: list[EventMention], sentence_starts: list[int]
                ) -> list[EventMention]:
    """"A partnership was launched in 2019. A and B announced the X compact ...": the dated report that names
    nobody and the undated one of the same type in the adjacent sentence are one event. Dates the latter
    and returns the former as a further report of it."""
    position = {s: i for i, s in enumerate(sentence_starts)}
    out = []
    for b in dated_only:
        i = position.get(b.span.sent_start)
        for j in (i + 1, i - 1) if i is not None else ():
            if not 0 <= j < len(sentence_starts):
                continue
            partners = [m for m in mentions
                        if m.type == b.type and m.date is None and m.span.sent_start == sentence_starts[j]]
            if partners and len({m.span.start for m in partners}) == 1:  # one trigger (maybe several agreements)
                for m in partners:
                    m.date = b.date
                first = partners[0]
                out.append(replace(b, participants=list(first.participants), agents=list(first.agents),
                                   targets=list(first.targets), agreement_key=first.agreement_key,
                                   participant_source="coreference", confidence=round(first.confidence * 0.8, 2)))
                break
    return out


def _named_or_counted(trigger: Token) -> bool:
    """"the Cobra Gold exercises", "two earlier phone calls": a particular event, not a kind of event."""
    return any(c.dep_ in ("compound", "nummod") and (c.pos_ == "PROPN" or c.like_num) for c in trigger.children)


def _is_bare_noun(trigger: Token) -> bool:
    """"wine sales", "weapons imports": a noun with no article, possessor or number, often a kind of event."""
    return trigger.pos_ in NOUN_POS and not any(
        c.dep_ in ("det", "poss", "nummod") or (c.dep_ == "nmod" and c.like_num) for c in trigger.children)
