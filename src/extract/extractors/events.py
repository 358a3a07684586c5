"""Events of a parsed document: each trigger with its arguments read off the dependency parse.

Participants are the actors in the trigger's clause (its subject, objects and "by"-agents, with their
conjuncts); the agreement is the one the clause names, else the nearest in the sentence; the date is the
clause's own time expression, else the sentence's, else unknown (never the publication date).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from extract.nlp.components.events import event_lexicon
from extract.records import AgreementMention, DateMention, Document, EntityMention, EventMention, Span

ACTORS = {"PERSON", "ORGANIZATION", "COUNTRY"}
NEEDS_AGREEMENT = {"SIGN", "NEGOTIATE", "RENEW"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


def extract_events(doc: Doc, document: Document, entities: list[EntityMention], dates: list[DateMention],
                   agreements: list[AgreementMention]) -> list[EventMention]:
    """Event mentions of one document, in text order; negated ones are left out."""
    modality_words = event_lexicon()["modality"]
    out = []
    for trigger_span in doc.spans.get("event_triggers", []):
        trigger = trigger_span.root
        clause = _clause_tokens(trigger)
        sent = trigger.sent
        s0, s1 = sent.start_char, sent.end_char
        modality = _modality(trigger, modality_words)
        if modality == "negated":
            continue
        participants = _keys_in(entities, clause, s0, s1)
        agreement = _agreement(agreements, clause, trigger, s0, s1)
        etype = trigger_span.label_
        if etype in NEEDS_AGREEMENT and agreement is None:
            continue
        if agreement is not None:
            participants += [f"country:{p}" for p in agreement.parties if f"country:{p}" not in participants]
        if not participants:
            continue
        date = _date(dates, clause, trigger, s0, s1)
        place = _place(doc, entities, clause)
        confidence = 0.5 + 0.2 * (trigger.pos_ == "VERB") + 0.15 * (agreement is not None) + 0.15 * (date is not None)
        out.append(EventMention(
            span=Span(trigger.idx, trigger.idx + len(trigger), s0, s1), type=etype, trigger=trigger.text,
            participants=participants, agreement_key=agreement.key if agreement else None, place=place,
            date=date, modality=modality, confidence=round(min(confidence, 1.0), 2)))
    return out


def _clause_tokens(trigger: Token) -> set[int]:
    """Character offsets of the tokens of the trigger's clause: its subtree; the noun phrase a participle
    describes ("The agreement, signed by A and B"); and the subject of the verb it belongs to."""
    tokens = set(trigger.subtree)
    if trigger.dep_ in ("acl", "relcl"):
        tokens |= set(trigger.head.subtree)
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects or verb.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "dobj", "pobj", "prep"):
            break
        verb = verb.head
    for subject in subjects:
        tokens |= set(subject.subtree)
    return {t.idx for t in tokens}


def _in_clause(mention, clause: set[int]) -> bool:
    return any(mention.span.start <= c < mention.span.end for c in clause)


def _keys_in(entities: list[EntityMention], clause: set[int], s0: int, s1: int) -> list[str]:
    keys: list[str] = []
    for e in entities:
        if e.label in ACTORS and s0 <= e.span.start < s1 and _in_clause(e, clause) and e.key not in keys:
            keys.append(e.key)
    return keys


def _agreement(agreements: list[AgreementMention], clause: set[int], trigger: Token, s0: int, s1: int):
    """The agreement named in the clause, else the nearest one in the sentence."""
    in_sentence = [a for a in agreements if s0 <= a.span.start < s1]
    in_clause = [a for a in in_sentence if _in_clause(a, clause)]
    pool = in_clause or in_sentence
    return min(pool, key=lambda a: abs(a.span.start - trigger.idx)) if pool else None


def _date(dates: list[DateMention], clause: set[int], trigger: Token, s0: int, s1: int) -> DateMention | None:
    """The clause's own calendar date, else the sentence's nearest one."""
    usable = [d for d in dates if s0 <= d.span.start < s1 and d.type == "DATE" and d.start is not None]
    pool = [d for d in usable if _in_clause(d, clause)] or usable
    return min(pool, key=lambda d: abs(d.span.start - trigger.idx)) if pool else None


def _place(doc: Doc, entities: list[EntityMention], clause: set[int]) -> str | None:
    """A place in the clause introduced by "in" or "at"."""
    for e in entities:
        if e.label == "LOCATION" and _in_clause(e, clause):
            if doc.text[max(0, e.span.start - 4):e.span.start].strip().lower() in ("in", "at"):
                return e.name
    return None


def _modality(trigger: Token, words: dict) -> str:
    """negated, hypothetical, planned or asserted, from the trigger's auxiliaries and governing verbs."""
    chain = [trigger] + [a for a in trigger.ancestors][:3]
    for tok in chain[:2]:
        if any(c.dep_ == "neg" for c in tok.children):
            return "negated"
    lemmas = {c.lemma_.lower() for tok in chain[:2] for c in tok.children if c.dep_ in ("aux", "auxpass", "mark")}
    lemmas |= {tok.lemma_.lower() for tok in chain[1:3]}
    if lemmas & set(words["hypothetical"]):
        return "hypothetical"
    if lemmas & set(words["planned"]):
        return "planned"
    return "asserted"
