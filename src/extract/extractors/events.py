"""Events of a parsed document: each trigger with its arguments (see `event_arguments`) turned into
`EventMention`s that point at the document's actors, agreement and date.

- Participants are the actors in the trigger's argument slots; when the slots name none, the words "both
  countries" / "the two nations" stand for the two countries the document is about, an agreement's parties
  take part in signing it, and a specific incident ("the border clashes of 2020") takes the sentence's actors.
- The agreement is the one an argument names; "this pact" right after a name is that name; "agreements
  signed in 2005 and 2015" are the document's agreements named after those years.
- The date is the trigger's own time expression, else the one governing its clause, else unknown (never
  the publication date). Coordinated dates or agreements ("signed in 2005 and 2015") are separate events.
- Negated, hypothetical and undone reports ("has not signed", "could sign", "lift sanctions") are dropped;
  planned ones are kept with their modality. A report that only dates an event ("the partnership was
  launched in 2025") lends its date to the same-type report of the next sentence that names who and what.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.extractors.event_arguments import CLAUSAL, Frame, phrase_tokens, read_frame
from extract.nlp.components.agreements import agreement_lexicon
from extract.nlp.components.events import event_lexicon
from extract.normalize.names import clean_name
from extract.records import AgreementMention, DateMention, Document, EntityMention, EventMention, Span

ACTOR_LABELS = {"PERSON", "ORGANIZATION", "COUNTRY"}
NAME_LABELS = {"PERSON", "ORGANIZATION", "LOCATION"}
EVENT_DATE_PRECISIONS = {"day", "week", "month", "season", "quarter", "half", "year"}
DROPPED_MODALITIES = {"negated", "hypothetical", "undone"}
NOUN_POS = {"NOUN", "PROPN"}
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def extract_events(doc: Doc, document: Document, entities: list[EntityMention], dates: list[DateMention],
                   agreements: list[AgreementMention]) -> list[EventMention]:
    """Event mentions of one document, in text order."""
    lexicon = event_lexicon()
    index = _Index(doc, document, entities, dates, agreements, lexicon)
    triggers = [s for s in doc.spans.get("event_triggers", []) if not index.inside_name(s)]
    nouns_by_type: dict[str, set[int]] = {}
    for s in triggers:
        if s.root.pos_ in NOUN_POS:
            nouns_by_type.setdefault(s.label_, set()).add(s.root.i)
    verbs = {s.root.i: s.label_ for s in triggers if s.root.pos_ == "VERB"}
    mentions: list[EventMention] = []
    bare: list[EventMention] = []
    for span in triggers:
        trigger = span.root
        if trigger.dep_ == "compound" or _object_of_same_type_verb(trigger, span.label_, verbs):
            continue  # "tariff issues"; "imposed tariffs" is read from "imposed"
        spec = lexicon["types"][span.label_]
        frame = read_frame(trigger, lexicon, undone_by=frozenset(spec.get("undone_by", [])),
                           same_type_nouns=frozenset(nouns_by_type.get(span.label_, ())))
        if frame.modality in DROPPED_MODALITIES:
            continue
        found, dated_only = _reports(span, frame, spec, index, lexicon)
        mentions += found
        bare += dated_only
    mentions += _lend_dates(bare, mentions, [(s.start_char, s.end_char) for s in doc.sents])
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


@dataclass
class _Found:
    """Participants and how they were found."""

    keys: list[str]
    agents: list[str]
    targets: list[str]
    source: str | None


def _reports(span: SpacySpan, frame: Frame, spec: dict, index: "_Index", lexicon: dict
             ) -> tuple[list[EventMention], list[EventMention]]:
    """The mentions one trigger gives (several when it has coordinated agreements or dates), and a dated
    report without arguments, kept aside to date a neighbouring report of the same event."""
    etype = spec.get("planned_as") if frame.modality == "planned" and spec.get("planned_as") else span.label_
    type_spec = lexicon["types"][etype]
    needed = spec.get("needs_preposition")
    if needed and frame.predicate.pos_ == "VERB" and not any(
            c.dep_ == "prep" and c.lower_ in needed for c in frame.predicate.children):
        return [], []
    if not index.has_required_object(frame, spec):
        return [], []
    dates, date_source = index.dates_of(frame)
    place = index.place_of(frame)
    specific = bool(dates) or place is not None or _named_or_counted(frame.trigger)
    agreements, plural_reference = index.agreements_of(frame)
    pairs = [(a, d) for a in agreements for d in (dates or [None])]
    if not agreements and plural_reference and dates:
        pairs = [(index.named_after_year(d), d) for d in dates]
        pairs = [(a, d) for a, d in pairs if a is not None]
    if not pairs:
        pairs = [(None, d) for d in (dates or [None])]
    weights = lexicon["confidence"]
    out, bare = [], []
    for agreement, when in pairs:
        found = index.participants_of(frame, agreement, type_spec, specific=specific)
        mention = EventMention(
            span=Span(span.start_char, span.end_char, frame.trigger.sent.start_char, frame.trigger.sent.end_char),
            type=etype, trigger=span.text, participants=found.keys, agents=found.agents, targets=found.targets,
            agreement_key=agreement.key if agreement else None, place=place, date=when,
            modality=frame.modality, theme=frame.theme, participant_source=found.source)
        needs_agreement = type_spec.get("needs_agreement", False)
        named = agreement is not None and _is_named(agreement)
        min_sides = type_spec.get("min_participants", 0 if needs_agreement and named else 1)
        if _is_bare_noun(frame.trigger):
            min_sides = max(min_sides, type_spec.get("bare_noun_min_sides", 0))
        complete = (agreement is not None or not needs_agreement) and index.sides(found.keys) >= min_sides
        if complete:
            mention.confidence = _confidence(weights, span, found.source, agreement, date_source, frame.modality)
            out.append(mention)
        elif when is not None and agreement is None and not found.keys:
            bare.append(mention)
    return out, bare


def _confidence(weights: dict, span: SpacySpan, participant_source: str | None, agreement, date_source: str | None,
                modality: str) -> float:
    kind = "phrase" if len(span) > 1 else ("verb" if span.root.pos_ == "VERB" else "noun")
    score = weights["trigger"][kind] + weights["participants"].get(participant_source or "", 0.0)
    score += weights["agreement"] if agreement is not None else 0.0
    score += weights["date"].get(date_source or "", 0.0)
    score += weights["planned"] if modality == "planned" else 0.0
    return round(min(max(score, 0.05), 0.99), 2)


def _lend_dates(bare: list[EventMention], mentions: list[EventMention], sentences: list[tuple[int, int]]
                ) -> list[EventMention]:
    """"A partnership was launched in 2025. A and B announced the X compact ...": the dated report without
    arguments and the undated one with them, in adjacent sentences, are one event. Returns the dated report
    as a further mention of it (and dates the other)."""
    starts = [s for s, _ in sentences]
    position = {s: i for i, s in enumerate(starts)}
    out = []
    for b in bare:
        i = position.get(b.span.sent_start)
        if i is None:
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(starts):
                continue
            partners = [m for m in mentions if m.type == b.type and m.date is None and m.span.sent_start == starts[j]]
            if partners and len({m.span.start for m in partners}) == 1:
                partner = partners[0]
                for m in partners:
                    m.date = b.date
                out.append(replace(b, participants=list(partner.participants), agents=list(partner.agents),
                                   targets=list(partner.targets), agreement_key=partner.agreement_key,
                                   participant_source="coreference", confidence=round(partner.confidence * 0.8, 2)))
                break
    return out


class _Index:
    """The document's mentions by token, and the document-level facts arguments fall back on."""

    def __init__(self, doc: Doc, document: Document, entities: list[EntityMention], dates: list[DateMention],
                 agreements: list[AgreementMention], lexicon: dict):
        self.doc = doc
        self.published = document.published
        self.args = lexicon["arguments"]
        self.place_preps = set(self.args["place_prepositions"])
        self.agreement_kinds = set(agreement_lexicon()["kinds"])
        agreement_names = {a.name.lower() for a in agreements} | {a.acronym.lower() for a in agreements if a.acronym}
        # an "organization" named like an agreement of the document is that agreement, not an actor
        self.entities = [e for e in entities if not (e.label == "ORGANIZATION" and e.name.lower() in agreement_names)]
        self.agreements = agreements
        self.naming = [a for a in agreements if _names(a)]
        self.dates = dates
        self.entity_at = _by_token(doc, self.entities)
        self.agreement_at = _by_token(doc, agreements)
        self.date_at = _by_token(doc, dates)
        self.names = {i for e in self.entities if e.label in NAME_LABELS for i in _tokens(doc, e.span)}
        self.names |= {i for a in self.naming for i in _tokens(doc, a.span)}
        counts = Counter(e.key for e in self.entities if e.label == "COUNTRY")
        self.pair = [k for k, n in counts.most_common(2) if n >= 2] if len(counts) >= 2 else []

    def inside_name(self, span: SpacySpan) -> bool:
        """A trigger word inside a name ("the ASEAN Defence Ministers' Meeting", "the ... Sanctions Act")."""
        return any(i in self.names for i in range(span.start, span.end))

    # participants
    def participants_of(self, frame: Frame, agreement: AgreementMention | None, spec: dict, *, specific: bool) -> _Found:
        agents = self._actors(frame.agents)
        targets = [k for k in self._actors(frame.targets) if k not in agents]
        if self._uses_governing_subject(frame):
            agents = [k for k in self._actors([frame.governing_subject]) if k not in targets]
        keys = agents + targets
        source = "arguments" if keys else None
        if not keys and self.pair and self._pair_reference(frame.agents + frame.targets):
            keys, source = list(self.pair), "pair_reference"
        if agreement is not None and spec.get("agreement_parties"):
            parties = [f"country:{p}" for p in agreement.parties if len(p) == 3 and p.isupper()]
            keys += [p for p in parties if p not in keys]
            source = source or ("agreement_parties" if parties else None)
        if not keys and agreement is not None and self.pair:
            if self._pair_reference(list(frame.trigger.sent)):
                keys, source = list(self.pair), "pair_reference"
            elif spec.get("agreement_parties"):
                keys, source = list(self.pair), "document_pair"
        if not keys and specific and frame.trigger.pos_ in NOUN_POS:
            keys, source = self._actors(list(frame.trigger.sent), whole=True), "sentence"
        return _Found(keys, agents, targets, source if keys else None)

    def has_required_object(self, frame: Frame, spec: dict) -> bool:
        """What the type needs to have been done to: goods bought or made ("oil imports", "jointly produce
        engines"), a sanction imposed ("impose tariffs", not "impose a burden")."""
        trigger = frame.trigger
        wanted = spec.get("verb_objects", {}).get(trigger.lemma_.lower())
        if wanted is not None and trigger.pos_ == "VERB":
            objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
            if trigger.dep_ in ("acl", "relcl") and not objects:
                objects = [trigger.head]
            return any(o.lemma_.lower() in wanted or o.lower_ in wanted for o in objects)
        kind = "verb" if trigger.pos_ == "VERB" else "noun"
        if kind not in spec.get("needs_object", []):
            return True
        for tok in [trigger, *trigger.conjuncts]:
            if any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children) and kind == "verb":
                return True
            if any(c.dep_ == "compound" and self.entity_at.get(c.i) is None for c in tok.children):
                return True  # "oil imports", "arms sales"
            if any(t.dep_ == "prep" and t.lower_ in ("of", "including") for t in phrase_tokens(tok, set())):
                return True  # "the purchase of jets", "sales including aircraft"
        return False

    def sides(self, keys: list[str]) -> int:
        """How many parties the keys stand for: a person or body and its own country are one side."""
        country_of = {e.key: f"country:{e.country_iso3}" for e in self.entities if e.country_iso3}
        return len({country_of.get(k, k) for k in keys})

    def _uses_governing_subject(self, frame: Frame) -> bool:
        """A noun trigger with no actor of its own acts through the subject of the verb it is the object of."""
        return frame.governing_subject is not None and not self._actors(frame.agents)

    def _actors(self, heads: list[Token], whole: bool = False) -> list[str]:
        tokens = heads if whole else [t for h in heads for t in phrase_tokens(h, self.place_preps)]
        keys: list[str] = []
        for tok in tokens:
            e = self.entity_at.get(tok.i)
            key = None
            if e is not None and e.label in ACTOR_LABELS:
                key = e.key
            elif e is not None and e.label == "NORP" and e.country_iso3:
                key = f"country:{e.country_iso3}"
            if key and key not in keys and not self._is_place(tok):
                keys.append(key)
        return keys

    def _is_place(self, tok: Token) -> bool:
        return tok.dep_ == "pobj" and tok.head.lower_ in self.place_preps

    def _pair_reference(self, heads: list[Token]) -> bool:
        """"both countries", "the two nations"."""
        tokens = [t for h in heads for t in phrase_tokens(h, self.place_preps)] if heads else []
        return any(t.lemma_.lower() in self.args["pair_nouns"] and
                   any(c.lower_ in self.args["pair_quantifiers"] for c in t.children) for t in tokens)

    # agreement
    def agreements_of(self, frame: Frame) -> tuple[list[AgreementMention], bool]:
        """The agreements the arguments name (several when coordinated), and whether an argument is a plural
        "agreements" standing for ones named elsewhere."""
        heads = list(frame.targets)
        if frame.predicate.pos_ not in ("VERB", "AUX"):
            heads += frame.agents + ([frame.governing_subject] if self._uses_governing_subject(frame) else [])
        heads += [h.head for h in heads if h.dep_ == "appos"]  # "the X Agreement (XA): signed in ..."
        found: list[AgreementMention] = []
        for h in heads:
            for tok in phrase_tokens(h, self.place_preps):
                a = self.agreement_at.get(tok.i)
                if a is not None and all(a.key != f.key for f in found):
                    found.append(a)
        naming = [a for a in found if _names(a)]
        if naming:
            return naming, False
        if found:
            return [self._demonstrative_antecedent(found[0]) or found[0]], False
        plural = [h for h in heads if h.tag_ == "NNS" and h.lemma_.lower() in self.agreement_kinds]
        if plural:
            in_sentence = [a for a in self.naming if a.span.sent_start == frame.trigger.sent.start_char
                           and a.span.start > plural[0].idx]
            return _distinct(in_sentence), not in_sentence
        pronouns = [h for h in heads if h.lower_ in self.args["pronouns"] and h.pos_ == "PRON"]
        if pronouns:
            before = self._agreements_before(pronouns[0])
            return ([before] if before else []), False
        return [], False

    def _demonstrative_antecedent(self, mention: AgreementMention) -> AgreementMention | None:
        """"Name (ACR): Signed in 2016, this agreement ...": "this agreement" is the name just before it."""
        start = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if start is None or start.start == 0 or self.doc[start.start - 1].lower_ not in ("this", "that", "these"):
            return None
        before = [a for a in self.naming if a.span.sent_start == mention.span.sent_start and a.span.end <= mention.span.start]
        return before[-1] if before else None

    def _agreements_before(self, pronoun: Token) -> AgreementMention | None:
        """The agreement a pronoun stands for: the last one before it in its sentence, else in the one before."""
        sent = pronoun.sent
        before = [a for a in self.agreements if sent.start_char <= a.span.start < pronoun.idx]
        if not before and sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            before = [a for a in self.agreements if prev.start_char <= a.span.start < prev.end_char]
        return before[-1] if before else None

    def named_after_year(self, when: DateMention | None) -> AgreementMention | None:
        """The one agreement of the document whose name carries the year of `when` ("the 2005 Framework")."""
        if when is None or when.start is None:
            return None
        owners = {a.key: a for a in self.naming if str(when.start.year) in _YEAR.findall(a.name)}
        return next(iter(owners.values())) if len(owners) == 1 else None

    # date and place
    def dates_of(self, frame: Frame) -> tuple[list[DateMention], str | None]:
        """The trigger's own dates, else those of the clause governing it."""
        for tokens, source in ((frame.own_dates, "clause"), (frame.governing_dates, "governing")):
            found = self._dates_at(tokens)
            if found:
                return found, source
        return [], None

    def _dates_at(self, tokens: list[Token]) -> list[DateMention]:
        found: list[DateMention] = []
        for tok in tokens:
            d = self.date_at.get(tok.i)
            usable = self._event_date(d) if d is not None and not any(i in self.names for i in _tokens(self.doc, d.span)) else None
            if usable is not None and all(f.span.start != usable.span.start for f in found):
                if found and tok not in _conjunct_tokens(self.doc, found):
                    break  # only coordinated dates ("in 2005 and 2015") make several events
                found.append(usable)
        return found

    def _event_date(self, d: DateMention) -> DateMention | None:
        """A calendar date an event can have; "in recent months" is the publication year when the look-back
        stays inside it."""
        if d.type != "DATE":
            return None
        if d.start is not None and d.precision in EVENT_DATE_PRECISIONS:
            return d
        if d.value in ("PAST_REF", "PRESENT_REF") and self.published is not None:
            for word, months in self.args["recent_periods"].items():
                if word in d.text.lower() and self.published.month > months:
                    year = self.published.year
                    return replace(d, value=str(year), start=date(year, 1, 1), end=date(year, 12, 31), precision="year")
        return None

    def place_of(self, frame: Frame) -> str | None:
        """A place named after "in", "at", "along" ..., or naming a noun trigger ("the Galwan Valley clashes");
        a capital counts as the place it is, not as its country."""
        compounds = [c for c in frame.trigger.children if c.dep_ == "compound"] if frame.trigger.pos_ in NOUN_POS else []
        for labels, tokens in (({"LOCATION"}, frame.places + compounds), ({"COUNTRY"}, frame.places)):
            for tok in tokens:
                e = self.entity_at.get(tok.i)
                if e is not None and e.label in labels:
                    return e.name if e.label == "LOCATION" else clean_name(e.text)
        return None


def _named_or_counted(trigger: Token) -> bool:
    """"the Malabar exercises", "three prior conversations": a particular event, not a kind of event."""
    return any(c.dep_ in ("compound", "nummod") and (c.pos_ == "PROPN" or c.like_num) for c in trigger.children)


def _is_bare_noun(trigger: Token) -> bool:
    """"wine sales", "weapons imports": a noun with no article, possessor or number, often a kind of event."""
    return trigger.pos_ in NOUN_POS and not any(
        c.dep_ in ("det", "poss", "nummod") or (c.dep_ == "nmod" and c.like_num) for c in trigger.children)


def _is_named(mention: AgreementMention) -> bool:
    """An agreement known by a name of its own, not only as "the parties' agreement"."""
    return _names(mention) and ":unnamed:" not in mention.key


def _names(mention: AgreementMention) -> bool:
    """The mention is the agreement's name or acronym, not a description ("the pact") of it."""
    if mention.generic:
        return False
    text = clean_name(mention.text).lower()
    return bool(text) and (text in mention.name.lower() or (mention.acronym or "").lower() == text)


def _distinct(mentions: list[AgreementMention]) -> list[AgreementMention]:
    out: list[AgreementMention] = []
    for m in mentions:
        if all(m.key != o.key for o in out):
            out.append(m)
    return out


def _tokens(doc: Doc, span: Span) -> range:
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return range(s.start, s.end) if s is not None else range(0)


def _by_token(doc: Doc, mentions) -> dict[int, object]:
    out: dict[int, object] = {}
    for m in mentions:
        for i in _tokens(doc, m.span):
            out.setdefault(i, m)
    return out


def _conjunct_tokens(doc: Doc, dates: list[DateMention]) -> set[Token]:
    tokens = [doc[i] for d in dates for i in _tokens(doc, d.span)]
    return {c for t in tokens for c in t.conjuncts} | {t.head for t in tokens if t.dep_ == "conj"}
