"""Agreements a verb reports without a noun: "the two sides agreed to reopen consulates", "Acme agreed to buy
Brightline", "Acme is to buy Brightline", "Acme will merge with Brightline".

A verb of agreeing (`agreeing_verbs`) with a clause, said of two or more sides, is an agreement. A company
bought or merged (`acquisition_verbs`, an organization as object) makes a deal between buyer and target: it is
an agreement when the text says it was agreed, else only if a later mention refers back to it ("the deal",
"the merger"; see `discourse`).
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Span as SpacySpan, Token

from extract.extractors.agreements.context import DocContext
from extract.extractors.agreements.discourse import Item
from extract.extractors.actor_roles import people_stands_for_state
from extract.extractors.agreements.parties import (Parties, actors_in, described_organization, noun_phrase,
                                                   pronoun_antecedents, refers_back)
from extract.extractors.events.arguments import CLAUSAL, clause_subjects, governing_chain, modality
from extract.lexicons import event_lexicon

VERBAL_POS = {"VERB"}


def verbal_items(ctx: DocContext, noun_items: list[Item]) -> list[Item]:
    """Items for the verbal agreements and acquisitions of a document. A verb whose clause already names the
    agreement ("agreed a deal to buy ...") gives none: the noun is the mention."""
    lex = ctx.lexicon
    agreeing = set(lex.agreeing_verbs)
    acquiring: dict[str, str | None] = lex.acquisition_verbs
    doc = ctx.doc
    if not len(doc):
        return []
    ids = np.array([doc.vocab.strings.add(w) for w in agreeing | set(acquiring)], dtype="uint64")
    covered = {t.i for item in noun_items for t in _clause_of(item.head)}
    items: list[Item] = []
    done: set[int] = set()
    for i in np.flatnonzero(np.isin(doc.to_array(LEMMA), ids)).tolist():
        token = doc[i]
        if token.pos_ not in VERBAL_POS or i in done or i in covered:
            continue
        if token.lemma_.lower() in agreeing:
            item = _agreed(token, ctx, acquiring, covered)
        else:
            item = _acquisition(token, ctx, acquiring, agreed=False)
        if item is not None:
            items.append(item)
            done.update(t.i for t in item.span)
    return items


def _agreed(verb: Token, ctx: DocContext, acquiring: dict, covered: set[int]) -> Item | None:
    """"A and B agreed to reopen consulates", "A agreed with B to ...", "A agreed to buy B"."""
    clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if clause is None or any(c.dep_ == "dobj" for c in verb.children) or clause.i in covered:
        return None
    if clause.lemma_.lower() in acquiring:
        return _acquisition(clause, ctx, acquiring, agreed=True, start=verb)
    subjects = clause_subjects(verb)
    tokens = [t for s in subjects for t in noun_phrase(s)]
    tokens += [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ctx.lexicon.joint_prepositions
               for p in c.children if p.dep_ == "pobj" for t in noun_phrase(p)]
    parties = Parties(actors_in(tokens, ctx), refers_back(tokens, ctx.lexicon))
    plural_reference = parties.reference and any(t.tag_ in ("NNS", "NNPS") or t.lower_ in ("they", "both")
                                                  for t in tokens)
    if len(parties.keys) < 2 and not plural_reference:
        return None  # "he agreed to step down" is no agreement
    how = modality(verb, governing_chain(verb), event_lexicon().modality, frozenset())
    if how in ("negated", "hypothetical", "attempted"):
        return None  # "they could not agree to serve"
    return _item(verb, _end_of(clause), "VERBAL", parties, agreed=True)


def _acquisition(verb: Token, ctx: DocContext, acquiring: dict, agreed: bool, start: Token | None = None
                 ) -> Item | None:
    """"A is to buy B", "A will merge with B", "A took over B": buyer and target both organizations (or a state
    buying a company)."""
    particle = acquiring.get(verb.lemma_.lower())
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in verb.children):
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for p in c.children
                if p.dep_ == "pobj"]
    targets = _companies([t for o in objects for t in _what_is_bought(o)], ctx)
    subjects = clause_subjects(verb) if not any(c.dep_ == "nsubjpass" for c in verb.children) else [
        p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    subject_tokens = [t for s in subjects for t in noun_phrase(s)]
    buyers = actors_in(subject_tokens, ctx) or pronoun_antecedents(subject_tokens, ctx)  # "Acme said it would buy"
    buyers = [b for b in buyers if b not in targets and b.split(":")[0] in ("org", "country")]
    firms = [b for b in buyers if b.startswith("org:")]
    buyers = firms or buyers  # "the UK's biggest brewer, Acme": Acme buys, not the UK
    if verb.lemma_.lower() == "merge" and not targets and len(buyers) >= 2:  # "A and B merged"
        targets, buyers = buyers[1:], buyers[:1]
    if not targets or not buyers:
        return None
    end = max([_end_of(o) for o in objects] or [verb])
    item = _item(start or verb, end, "ACQUISITION", Parties(buyers + targets), agreed=agreed, head=verb)
    item.domains = {"acquisition"}
    return item


def _what_is_bought(head: Token) -> list[Token]:
    """The words of what a verb's object names as bought: the object itself, what it is coordinated or in
    apposition with, and the firm of a share ("37.5% of Acme", "a stake in Acme"); not where goods come from
    ("planes from Acme")."""
    out = [t for t in head.subtree if t.i == head.i or (t.i < head.i and t.dep_ in ("compound", "poss", "nmod"))]
    for child in head.children:
        if child.dep_ in ("appos", "conj"):
            out += _what_is_bought(child)
        elif child.dep_ == "prep" and child.lower_ in ("of", "in"):
            out += [t for p in child.children if p.dep_ == "pobj" for t in _what_is_bought(p)]
    return out


def _companies(tokens: list[Token], ctx: DocContext) -> list[str]:
    """Organizations named in the tokens: what a company buys when it buys a company."""
    keys: list[str] = []
    for t in tokens:
        e = ctx.entity_at.get(t.i)
        key = e.key if e is not None and e.label == "ORGANIZATION" else None
        if e is not None and e.label == "COUNTRY" and not people_stands_for_state(t, ctx.organization_classes):
            key = described_organization(t, ctx)  # "to buy one of Korea's main banks": the story's bank
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def _clause_of(head: Token) -> list[Token]:
    """The words of the clauses that describe a noun ("a deal to buy ..."), which its mention speaks for."""
    return [t for c in head.children if c.dep_ in ("acl", "relcl") for t in c.subtree]


def _end_of(token: Token) -> Token:
    """The last word of a phrase, without the clauses that hang on it."""
    last = token
    for child in token.children:
        if child.i > token.i and child.dep_ not in CLAUSAL and child.dep_ not in ("punct", "cc", "prep", "advcl"):
            end = _end_of(child)
            if end.i > last.i:
                last = end
    return last


def _item(start: Token, end: Token, label: str, parties: Parties, *, agreed: bool, head: Token | None = None) -> Item:
    sent = start.sent
    span = SpacySpan(start.doc, start.i, min(max(end.i, start.i) + 1, sent.end))
    return Item(span=span, head=head or start, label=label, kind="agreement", domains=set(), role="subject",
                definite=False, parties=parties, agreed=agreed)
