"""Filling an event's slots: the argument tokens of a `Frame` mapped to the document's actors, agreement,
date and place, with the fallbacks news text needs.

- Participants are the actors in the argument slots (a demonym counts as its country). When the slots name
  none: "both countries" / "the two nations" stand for the two countries the document is about; an
  agreement's parties take part in signing it; a particular incident ("the border clashes of 2011") takes
  the actors of its sentence.
- The agreement is the one an argument names; "this pact" right after a name is that name; a plural
  "agreements signed in 1994 and 2003" stands for the agreements named in the sentence, else for the
  document's agreements named after those years; "it" for the agreement mentioned just before.
- The date is the trigger's own time expression, else the one of the clause governing it, else none (never
  the publication date); coordinated dates ("in 1994 and 2003") are all returned; the two ends of a period
  ("from 3 to 5 May", "between 3 and 7 March") are one date, an ISO 8601 interval ("2025-05-03/2025-05-05").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.extractors.actor_roles import describes_an_organization, people_stands_for_state, subject_antecedent
from extract.extractors.events.arguments import Frame, phrase_tokens
from extract.extractors.mention_index import by_token, tokens_of
from extract.lexicons import ArgumentWords, EventType, NounCue, agreement_lexicon, entity_lexicon
from extract.resolve.keys import UnionFind
from extract.nlp.text import doc_text
from extract.normalize.names import clean_name
from extract.records import AgreementMention, DateMention, Document, EntityMention

ACTOR_LABELS = {"PERSON", "ORGANIZATION", "COUNTRY"}
ACTOR_TYPES = frozenset({"PERSON", "OFFICIAL", "ORGANIZATION", "COUNTRY"})
NAME_LABELS = {"PERSON", "ORGANIZATION", "LOCATION"}
EVENT_DATE_PRECISIONS = {"day", "week", "month", "season", "quarter", "half", "year"}
NOUN_POS = {"NOUN", "PROPN"}
VERBAL_POS = {"VERB", "AUX"}
DEMONSTRATIVES = {"this", "that", "these"}
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


@dataclass
class Participants:
    """Entity keys of who took part, by role, and how they were found."""

    keys: list[str]
    agents: list[str]
    targets: list[str]
    source: str | None  # arguments | pair_reference | agreement_parties | document_pair | sentence


class SlotFiller:
    """One document's mentions by token, and the document-level facts the slots fall back on."""

    def __init__(self, doc: Doc, document: Document, entities: list[EntityMention], dates: list[DateMention],
                 agreements: list[AgreementMention], arguments: ArgumentWords):
        self.doc = doc
        self.published = document.published
        self.args = arguments
        self.place_preps = set(arguments.place_prepositions)
        self.agreement_kinds = set(agreement_lexicon().kinds)
        agreement_names = {a.name.lower() for a in agreements} | {a.acronym.lower() for a in agreements if a.acronym}
        # an "organization" named like an agreement of the document is that agreement, not an actor
        self.entities = [e for e in entities if not (e.label == "ORGANIZATION" and e.name.lower() in agreement_names)]
        self.all_agreements = agreements
        self.naming = [a for a in agreements if names_itself(a)]
        self.entity_at = by_token(doc, self.entities)
        self.agreement_at = by_token(doc, agreements)
        self.date_at = by_token(doc, dates)
        self.dates_in_order = sorted(dates, key=lambda d: d.span.start)
        self.names = {i for e in self.entities if e.label in NAME_LABELS for i in tokens_of(doc, e.span)}
        self.names |= {i for a in self.naming for i in tokens_of(doc, a.span)}
        # a person or body and its own country are one side; so are two names of one body ("TPS" and its long form)
        names = UnionFind()
        for e in self.entities:
            names.join_all([e.key, *e.alias_keys])
        self.side_of = {k: names.find(k) for k in names.parent}
        self.side_of.update({e.key: f"country:{e.country_iso3}" for e in self.entities if e.country_iso3})
        self.actor_types: dict[str, set[str]] = {}  # what any of its mentions makes it (a title: an official)
        for e in self.entities:
            if e.label in ACTOR_LABELS:
                self.actor_types.setdefault(e.key, set()).update(_actor_types(e))
        self.organization_classes = set(entity_lexicon().organization_classes)
        self.pair = _most_mentioned_two(self.entities, "COUNTRY")
        self.firm_pair = _most_mentioned_two(self.entities, "ORGANIZATION")

    def inside_name(self, span: SpacySpan) -> bool:
        """A trigger word inside a name ("the Regional Ministers' Meeting", "the ... Sanctions Act")."""
        return any(i in self.names for i in range(span.start, span.end))

    # --- participants -------------------------------------------------------------------------------------

    def participants(self, frame: Frame, agreement: AgreementMention | None, spec: EventType, *,
                     particular: bool) -> Participants:
        """Who took part. `particular`: the trigger names one incident (a date, place, name or number), so
        its sentence's actors may stand in when its slots name none."""
        allowed = set(spec.actor_types)
        if spec.people_with_bodies:
            allowed.add("PERSON")
        agents = self.actors(frame.agents, allowed=allowed)
        targets = [k for k in dict.fromkeys(self.actors(frame.targets, allowed=allowed) +
                                            self.destinations(frame, spec)) if k not in agents]
        if spec.people_with_bodies and not self._any_of(agents + targets, spec):
            agents, targets = [], []  # two people the text gives no title: "Smith will meet Jones in the final"
        if self._uses_governing_subject(frame):
            agents = [k for k in self.actors([frame.governing_subject], allowed=allowed) if k not in targets]
        elif self._takes_part(frame):  # "A is in talks with B", "A attended a meeting between B and C"
            taking_part = self.actors([frame.governing_subject], allowed=allowed)
            agents = [k for k in dict.fromkeys(taking_part + agents) if k not in targets]
        keys = agents + targets
        source = "arguments" if keys else None
        if not keys and self._pair_reference(frame.agents + frame.targets):
            keys = self._pair_reference(frame.agents + frame.targets)
            source = "pair_reference"
        if agreement is not None and spec.agreement_parties:
            parties = list(agreement.parties)
            keys += [p for p in parties if p not in keys]
            source = source or ("agreement_parties" if parties else None)
        if not keys and (agreement is not None or frame.trigger.pos_ in NOUN_POS):
            pair = self._pair_reference(list(frame.trigger.sent), whole=True)  # "the two firms tried ... talks failed"
            if pair:
                keys, source = pair, "pair_reference"
            elif agreement is not None and spec.agreement_parties and self.pair:
                keys, source = list(self.pair), "document_pair"
        if not keys and particular and frame.trigger.pos_ in NOUN_POS:
            keys, source = self.actors(list(frame.trigger.sent), whole=True, allowed=allowed), "sentence"
        return Participants(keys, agents, targets, source if keys else None)

    def _any_of(self, keys: list[str], spec: EventType) -> bool:
        """One of the actors is of the type's own `actor_types` (a country, body or official): a person the
        text gives no title takes part beside it ("Ana Ruiz met EU ministers")."""
        wanted = set(spec.actor_types)
        return any(self.actor_types.get(k, {"COUNTRY"}) & wanted for k in keys)

    def destinations(self, frame: Frame, spec: EventType) -> list[str]:
        """The countries a verb of travel takes someone to ("flew to Japan", "spent two days in Kenya",
        "toured Ghana"): the hosts of a visit."""
        trigger = frame.trigger
        if trigger.pos_ != "VERB":
            return []
        heads = _slot_heads(trigger, spec.destination_verbs.get(trigger.lemma_.lower(), []))
        return [e.key for h in heads if (e := self.entity_at.get(h.i)) is not None and e.label == "COUNTRY"]

    def sides(self, keys: list[str]) -> int:
        """How many parties the keys stand for: a person or body and its own country are one side."""
        return len({self.side_of.get(k, k) for k in keys})

    def actors(self, heads: list[Token], whole: bool = False, allowed: set[str] = ACTOR_TYPES) -> list[str]:
        """Entity keys of the actors in the noun phrases of `heads` (or in exactly those tokens: `whole`),
        of the `allowed` types (COUNTRY, ORGANIZATION, OFFICIAL, PERSON)."""
        tokens = heads if whole else [t for h in heads for t in phrase_tokens(h, self.place_preps)]
        keys: list[str] = []
        for tok in tokens:
            e = self.entity_at.get(tok.i) or subject_antecedent(tok, self.entity_at)
            key = None
            if e is None or (not whole and describes_an_organization(tok, e, self.entity_at)):
                continue
            if e.label in ACTOR_LABELS:
                key = e.key
            elif e.label == "NORP" and e.country_iso3 and people_stands_for_state(tok, self.organization_classes):
                key = f"country:{e.country_iso3}"
            if e.label == "COUNTRY" and not people_stands_for_state(tok, self.organization_classes):
                continue  # "the Netherlands-based company", "Australia's largest miner": a firm, not the state
            types = self.actor_types.get(key, {"COUNTRY"} if key else set())
            if key and key not in keys and types & allowed and not self._is_place(tok):
                keys.append(key)
        return keys

    def _uses_governing_subject(self, frame: Frame) -> bool:
        """A noun trigger with no actor of its own acts through the subject of the verb it is the object of;
        not through one who only tells of it ("the paper quoted an insider in the talks")."""
        return (frame.governing_subject is not None and not self.actors(frame.agents)
                and not self._governed_by(frame, self.args.onlooker_verbs))

    def _takes_part(self, frame: Frame) -> bool:
        """The verb a noun trigger is the object of says its subject takes part, beside the sides the noun
        names itself: "A held talks with B", "A is in negotiations with B", "A attended a meeting between B
        and C"."""
        return frame.governing_subject is not None and self._governed_by(frame, self.args.taking_part_verbs)

    def _governed_by(self, frame: Frame, words: frozenset[str]) -> bool:
        verb = frame.governing_verb
        return verb is not None and verb.lemma_.lower() in words

    def _is_place(self, tok: Token) -> bool:
        return tok.dep_ == "pobj" and tok.head.lower_ in self.place_preps

    def _pair_reference(self, heads: list[Token], whole: bool = False) -> list[str]:
        """The two the document is about, when the words say "both countries", "the two nations" (its two most
        mentioned countries) or "the two firms", "both companies" (its two most mentioned organizations)."""
        tokens = heads if whole else [t for h in heads for t in phrase_tokens(h, self.place_preps)]
        for t in tokens:
            if any(c.lower_ in self.args.pair_quantifiers for c in t.children):
                lemma = t.lemma_.lower()
                if lemma in self.organization_classes and self.firm_pair:
                    return list(self.firm_pair)
                if lemma in self.args.pair_nouns and self.pair:
                    return list(self.pair)
        return []

    # --- what was done ------------------------------------------------------------------------------------

    def has_sense(self, frame: Frame, spec: EventType) -> bool:
        """The trigger is used in the type's sense: a cued noun has its cue ("faces a penalty", not "kicked
        a penalty"), and the sentence has one of the type's context words ("border clashes between troops")."""
        trigger = frame.trigger
        cue = spec.cued_nouns.get(trigger.lemma_.lower()) if trigger.pos_ in NOUN_POS else None
        if cue is not None and not _has_cue(trigger, cue):
            return False
        context = spec.context_words
        return not context or any(t.lower_ in context for t in trigger.sent if t.i != trigger.i)

    def has_required_object(self, frame: Frame, spec: EventType) -> bool:
        """What the type needs to have been done to: goods bought or made ("oil imports", "jointly produce
        engines"), a sanction imposed ("impose tariffs", not "impose a burden"), someone met ("met the minister",
        not "met a cool reception")."""
        trigger = frame.trigger
        if trigger.pos_ == "VERB" and trigger.lemma_.lower() in spec.destination_verbs:
            travellers = {"OFFICIAL", "PERSON"} if spec.people_with_bodies else {"OFFICIAL"}
            return bool(self.destinations(frame, spec)) and bool(self.actors(frame.agents, allowed=travellers))
        if trigger.pos_ == "VERB" and trigger.lemma_.lower() in spec.actor_objects:
            objects = [c for c in trigger.children if c.dep_ == "dobj"]
            # what is bought is the body itself ("took over Acme", not "took over the chairmanship of Acme");
            # whom one meets may be named inside the phrase ("met his EU counterparts")
            bought = "verb" in spec.needs_object
            return not objects or bool(self.actors(objects, whole=bought))
        wanted = spec.verb_objects.get(trigger.lemma_.lower())
        if wanted is not None and trigger.pos_ == "VERB":
            objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            if trigger.dep_ in ("acl", "relcl") and not objects:
                objects = [trigger.head]
            return any(o.lemma_.lower() in wanted or o.lower_ in wanted for o in objects)
        kind = "verb" if trigger.pos_ == "VERB" else "noun"
        if kind not in spec.needs_object or trigger.lemma_.lower() in spec.objectless:
            return True
        for tok in [trigger, *trigger.conjuncts]:
            if kind == "verb" and any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
                return True
            not_goods = set(spec.not_goods)
            if any(c.dep_ == "compound" and self.entity_at.get(c.i) is None and c.lower_ not in not_goods
                   for c in tok.children):
                return True  # "oil imports", "arms sales"; not "record sales"
            if any(t.dep_ == "prep" and t.lower_ in ("of", "including") and not _amounts_only(t)
                   for t in phrase_tokens(tok, set())):
                return True  # "the purchase of jets", "sales including aircraft"
        return False

    # --- agreement ----------------------------------------------------------------------------------------

    def agreements(self, frame: Frame, spec: EventType) -> tuple[list[AgreementMention], bool, str | None]:
        """The agreements an event is about, whether an argument is a plural "agreements" whose members are
        named nowhere in the sentence, and where they were found: in the arguments ("signed the pact"), the
        trigger itself ("the merger", "agreed to buy"), the phrase or clause that frames it ("under the deal,
        A will buy", "a deal to buy planes"), or, for the types that say so, the sentence. Of the kinds the
        type is about (`agreement_kinds`)."""
        found, plural = self._argument_agreements(frame)
        source = "arguments" if found else None
        if not found and not plural:
            own = self.agreement_at.get(frame.trigger.i) or self.agreement_at.get(frame.predicate.i)
            framing = own or self._framing_agreement(frame, clause=spec.deal_content)
            found, source = ([framing], "own" if own else "frame") if framing is not None else ([], None)
        if not found and not plural and spec.agreement_in_sentence and not frame.targets:
            nearest = self._nearest_in_sentence(frame.trigger)
            found, source = ([nearest], "sentence") if nearest is not None else ([], None)
        if not found and not plural and spec.topic_agreement and _definite_noun(frame.trigger):
            topic = self._topic_agreement()
            found, source = ([topic], "topic") if topic is not None else ([], None)
        kinds = spec.agreement_kinds
        if kinds:
            found = [a for a in found if (a.kind or "agreement") in kinds]
        return found, plural, source if found else None

    def _framing_agreement(self, frame: Frame, clause: bool) -> AgreementMention | None:
        """"Under the deal, A will buy planes", "in a deal worth $1bn": an agreement a preposition of the
        predicate names; with `clause`, for what a deal may consist of, "a deal to buy planes from A": the
        agreement whose clause the trigger is in ("a deal to open talks" is no negotiation of the deal)."""
        predicate = frame.predicate
        for prep in predicate.children:
            if prep.dep_ == "prep" and prep.lower_ not in self.place_preps - {"in"}:
                for tok in phrase_tokens(prep, set()):
                    a = self.agreement_at.get(tok.i)
                    if a is not None:
                        return a
        token = predicate
        for _ in range(3 if clause else 0):
            if token.dep_ not in ("xcomp", "conj", "acl", "relcl", "advcl") or token.head.i == token.i:
                return None
            if token.dep_ in ("acl", "relcl"):
                return self.agreement_at.get(token.head.i)
            token = token.head
        return None

    def _topic_agreement(self) -> AgreementMention | None:
        """The agreement the document speaks of most (of at least two mentions)."""
        counts = Counter(a.key for a in self.all_agreements)
        if not counts or counts.most_common(1)[0][1] < 2:
            return None
        key = counts.most_common(1)[0][0]
        return next(a for a in self.all_agreements if a.key == key)

    def _nearest_in_sentence(self, trigger: Token) -> AgreementMention | None:
        sent = trigger.sent
        inside = [a for a in self.all_agreements if sent.start_char <= a.span.start < sent.end_char]
        return min(inside, key=lambda a: abs(a.span.start - trigger.idx), default=None)

    def _argument_agreements(self, frame: Frame) -> tuple[list[AgreementMention], bool]:
        """The agreements the arguments name (several when coordinated), and whether an argument is a plural
        "agreements" whose members are named nowhere in the sentence. A verb's agreement is what was done
        to (signed, renewed); "the pact extends the right of ..." is no renewal of the pact."""
        heads = list(frame.targets)
        if frame.predicate.pos_ not in VERBAL_POS:
            heads += frame.agents + ([frame.governing_subject] if self._uses_governing_subject(frame) else [])
        heads += [h.head for h in heads if h.dep_ == "appos"]  # "the X Agreement (XA): signed in ..."
        found: list[AgreementMention] = []
        for h in heads:
            for tok in phrase_tokens(h, self.place_preps):
                a = self.agreement_at.get(tok.i)
                if a is not None and all(a.key != f.key for f in found):
                    found.append(a)
        naming = [a for a in found if names_itself(a)]
        if naming:
            return naming, False
        if found:
            return [self._demonstrative_antecedent(found[0]) or found[0]], False
        short = [a for h in heads if (a := self._short_name(h)) is not None]
        if short:
            return short[:1], False
        plural = [h for h in heads if h.tag_ == "NNS" and h.lemma_.lower() in self.agreement_kinds]
        if plural:
            in_sentence = _distinct([a for a in self.naming if a.span.sent_start == frame.trigger.sent.start_char
                                     and a.span.start > plural[0].idx])
            return in_sentence, not in_sentence
        pronouns = [h for h in heads if h.lower_ in self.args.pronouns and h.pos_ == "PRON"]
        if pronouns:
            before = self._agreement_before(pronouns[0])
            return ([before] if before else []), False
        return [], False

    def _short_name(self, head: Token) -> AgreementMention | None:
        """"the Charter", "the Protocol": a definite, capitalised kind of agreement that ends the name of one
        agreement of the document ("the 1994 Coastal Fisheries Charter Treaty" is not "the Charter" of another)."""
        if not head.text[:1].isupper() or head.tag_ != "NNP" or head.lower_ not in self.agreement_kinds:
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children):
            return None
        owners = {a.key: a for a in self.naming if head.lower_ in a.name.lower().split()}
        return next(iter(owners.values())) if len(owners) == 1 else None

    def between_the_sides(self, frame: Frame, spec: EventType, particular: bool) -> list[AgreementMention]:
        """"The agreement dates back to A's decision to buy 20% of B": what a deal may consist of, done between
        the parties of the one agreement its sentence names, is done under that agreement."""
        sent = frame.trigger.sent
        named = _distinct([a for a in self.all_agreements if sent.start_char <= a.span.start < sent.end_char])
        if len(named) != 1 or not named[0].parties:
            return []
        sides = set(self.participants(frame, None, spec, particular=particular).keys)
        return named if set(named[0].parties) <= sides else []

    def plural_parties(self, frame: Frame) -> list[str]:
        """The sides a plural "agreements" argument names in its own phrase ("the agreements with Iran")."""
        heads = [h for h in frame.targets + frame.agents
                 if h.tag_ == "NNS" and h.lemma_.lower() in self.agreement_kinds]
        return self.actors(heads)

    def agreements_of(self, sides: list[str]) -> list[AgreementMention]:
        """The document's agreements whose parties include all these sides (one mention of each)."""
        wanted = set(sides)
        return _distinct([a for a in self.all_agreements if wanted and wanted <= set(a.parties)])

    def named_after_year(self, when: DateMention | None) -> AgreementMention | None:
        """The one agreement of the document whose name carries the year of `when` ("the 1994 Framework")."""
        if when is None or when.start is None:
            return None
        owners = {a.key: a for a in self.naming if str(when.start.year) in _YEAR.findall(a.name)}
        return next(iter(owners.values())) if len(owners) == 1 else None

    def _demonstrative_antecedent(self, mention: AgreementMention) -> AgreementMention | None:
        """"Name (ACR): Signed in 1998, this agreement ...": "this agreement" is the name just before it."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or span.start == 0 or self.doc[span.start - 1].lower_ not in DEMONSTRATIVES:
            return None
        before = [a for a in self.naming
                  if a.span.sent_start == mention.span.sent_start and a.span.end <= mention.span.start]
        return before[-1] if before else None

    def _agreement_before(self, pronoun: Token) -> AgreementMention | None:
        """The agreement a pronoun stands for: the last one before it in its sentence, else in the one before."""
        sent = pronoun.sent
        before = [a for a in self.all_agreements if sent.start_char <= a.span.start < pronoun.idx]
        if not before and sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            before = [a for a in self.all_agreements if prev.start_char <= a.span.start < prev.end_char]
        return before[-1] if before else None

    # --- date and place -----------------------------------------------------------------------------------

    def dates(self, frame: Frame) -> tuple[list[DateMention], str | None]:
        """The trigger's own dates ("clause"), else those of the clause governing it ("governing")."""
        for tokens, source in ((frame.own_dates, "clause"), (frame.governing_dates, "governing")):
            found = self._dates_at(tokens)
            if found:
                return found, source
        return [], None

    def _dates_at(self, tokens: list[Token]) -> list[DateMention]:
        found: list[DateMention] = []
        for tok in tokens:
            d = self.date_at.get(tok.i)
            if d is None or any(i in self.names for i in tokens_of(self.doc, d.span)):
                continue  # "the 2021-2031 Strategy" is no date of its signing
            usable = self._event_date(d)
            if usable is not None and (period := self._period(usable)) is not None:
                usable = _interval(self.doc, *period)
            if usable is not None and all(not f.span.start <= usable.span.start < f.span.end for f in found):
                if found and tok not in _conjuncts(self.doc, found):
                    break  # only coordinated dates ("in 1994 and 2003") make several events
                found.append(usable)
        return found

    def _period(self, d: DateMention) -> tuple[DateMention, DateMention] | None:
        """The two ends of the period `d` is one end of ("from 3 to 5 May"), if the words between them join two
        ends (`date_ranges`)."""
        after = next((e for e in self.dates_in_order if e.span.start >= d.span.end), None)
        before = next((e for e in reversed(self.dates_in_order) if e.span.end <= d.span.start), None)
        for first, last in ((d, after), (before, d)):
            if first is not None and last is not None and self._joined(first, last):
                return first, last
        return None

    def _joined(self, first: DateMention, last: DateMention) -> bool:
        if first.type != "DATE" or last.type != "DATE" or first.end is None or last.end is None:
            return False
        if not first.start <= last.start or last.end <= first.end:
            return False
        text = doc_text(self.doc)
        between = text[first.span.end:last.span.start].strip().lower()
        if between not in self.args.date_ranges:
            return False
        needs = self.args.date_ranges[between]
        words = text[:first.span.start].split()
        return not needs or bool(words and words[-1].lower() in needs)

    def _event_date(self, d: DateMention) -> DateMention | None:
        """A calendar date an event can have; "in recent months" is the publication year when the look-back
        stays inside it."""
        if d.type == "DATE" and d.start is not None and d.precision in EVENT_DATE_PRECISIONS:
            return d
        looks_back = d.value in ("PAST_REF", "PRESENT_REF") or (d.type == "DURATION" and (d.value or "").startswith("PX"))
        if looks_back and "recent" in d.text.lower() and self.published is not None:
            for word, months in self.args.recent_periods.items():
                if word in d.text.lower() and self.published.month > months:
                    year = self.published.year
                    return replace(d, value=str(year), start=date(year, 1, 1), end=date(year, 12, 31), precision="year")
        return None

    def place(self, frame: Frame, spec: EventType) -> str | None:
        """A place named after "in", "at", "along" ..., or naming a noun trigger ("the Rift Valley clashes");
        a capital counts as the place it is, not as its country; the country a visit goes to."""
        visited = self.destinations(frame, spec)
        if visited:
            return next(e.name for e in self.entities if e.key == visited[0])
        gone_to = _slot_heads(frame.trigger, spec.place_objects.get(frame.trigger.lemma_.lower(), []))
        for tok in gone_to:  # "visiting China", "a visit to Kenya"
            e = self.entity_at.get(tok.i)
            if e is not None and e.label in ("COUNTRY", "LOCATION"):
                return e.name if e.label == "LOCATION" else clean_name(e.text)
        compounds = [c for c in frame.trigger.children if c.dep_ == "compound" and frame.trigger.pos_ in NOUN_POS]
        for labels, tokens in (({"LOCATION"}, frame.places + compounds), ({"COUNTRY"}, frame.places)):
            for tok in tokens:
                e = self.entity_at.get(tok.i)
                if e is not None and e.label in labels:
                    return e.name if e.label == "LOCATION" else clean_name(e.text)
        return None


def _slot_heads(trigger: Token, slots: list[str]) -> list[Token]:
    """The trigger's object ("dobj" in `slots`) and the objects of its prepositions listed in `slots`, also
    where the parser hangs them on a time the object gives ("spent two days in Kenya")."""
    heads = [c for c in trigger.children if c.dep_ == "dobj" and "dobj" in slots]
    times = [c for c in trigger.children if c.dep_ in ("dobj", "npadvmod") and c.ent_type_ in ("DATE", "TIME")]
    return heads + [p for t in [trigger, *times] for c in t.children if c.dep_ == "prep" and c.lower_ in slots
                    for p in c.children if p.dep_ == "pobj"]


def _amounts_only(prep: Token) -> bool:
    """"sales of $32bn", "imports of 5%": what follows is a sum, not what was bought."""
    objects = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objects) and all(p.ent_type_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY") for p in objects)


def _definite_noun(token: Token) -> bool:
    """"the talks", "the negotiations": a noun the text takes as known, which says neither what it is on nor
    who holds it ("the talks on the economy", "the talks with Acme" name their own)."""
    return token.pos_ in NOUN_POS and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                          for c in token.children) and not any(c.dep_ == "prep" for c in token.children)


def _most_mentioned_two(entities: list[EntityMention], label: str) -> list[str]:
    """The two actors of a label the document names most, each at least twice."""
    counts = Counter(e.key for e in entities if e.label == label)
    return [k for k, n in counts.most_common(2) if n >= 2] if len(counts) >= 2 else []


def _actor_types(entity: EntityMention) -> set[str]:
    """What an actor counts as for `actor_types`: a person with a title is also an official."""
    if entity.label == "PERSON":
        return {"PERSON", "OFFICIAL"} if entity.roles else {"PERSON"}
    return {entity.label}


def _has_cue(noun: Token, cue: NounCue) -> bool:
    """A preposition of `cue` after the noun, or a verb of `cue` it is (part of) the object of."""
    if any(c.dep_ == "prep" and c.lower_ in cue.prepositions for c in noun.children):
        return True
    token = noun
    for _ in range(4):
        if token.dep_ not in ("dobj", "pobj", "prep", "conj", "appos", "nsubjpass", "attr") or token.head is token:
            return False
        token = token.head
        if token.pos_ in VERBAL_POS:
            return token.lemma_.lower() in cue.verbs
    return False


def names_itself(mention: AgreementMention) -> bool:
    """The mention is the agreement's name or acronym, not a description ("the pact") of it."""
    return mention.direct and not mention.generic


def is_named(mention: AgreementMention) -> bool:
    """An agreement known by a name of its own, not only as "the parties' agreement"."""
    return names_itself(mention) and ":unnamed:" not in mention.key


def _distinct(mentions: list[AgreementMention]) -> list[AgreementMention]:
    out: list[AgreementMention] = []
    for m in mentions:
        if all(m.key != o.key for o in out):
            out.append(m)
    return out


def _interval(doc: Doc, first: DateMention, last: DateMention) -> DateMention:
    """One date for the two ends of a period: its text covers both, its value is an ISO 8601 interval."""
    span = replace(first.span, end=last.span.end)
    return replace(first, span=span, text=doc_text(doc)[span.start:span.end], value=f"{first.value}/{last.value}",
                   end=last.end)


def _conjuncts(doc: Doc, dates: list[DateMention]) -> set[Token]:
    tokens = [doc[i] for d in dates for i in tokens_of(doc, d.span)]
    return {c for t in tokens for c in t.conjuncts} | {t.head for t in tokens if t.dep_ == "conj"}
