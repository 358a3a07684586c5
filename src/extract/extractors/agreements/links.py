"""Relations a text states between agreements: "the 2015 accord renewed the 2005 framework", "the deal, which
replaces the 1992 accord", "this pact builds upon earlier agreements like LEMOA", "the protocol, an amendment to
the treaty". The verbs and nouns of each relation come from `relations` of `data/agreements.yaml`.

The agreement a relation is from is the subject of its verb (in the passive, the "by" agent), or the
agreement a relative clause or an apposition describes; the one it is to, the object (or the object of the
verb's preposition: "builds on"). "It", "this" and "this foundation" stand for the agreement spoken of just
before, and "the protocol" for the protocol spoken of just before; a plural object ("earlier agreements like
A and B", "foundational agreements that ...:" followed by a list) stands for the agreements it names or lists.
Negated and hypothetical statements state no relation.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from extract.extractors.entities import span_of
from extract.extractors.events.arguments import governing_chain, modality
from extract.extractors.mention_index import by_token
from extract.lexicons import agreement_lexicon
from extract.lexicons import event_lexicon
from extract.nlp.text import doc_text
from extract.records import AgreementLink, AgreementMention

LOOK_BACK_SENTENCES = 2  # how far back "it" or "this foundation" looks for the agreement it means
VERBAL_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}


@dataclass(frozen=True)
class _Trigger:
    relation: str
    words: tuple[str, ...]  # particle(s) and preposition after the verb ("build on": ("on",))


@lru_cache(maxsize=1)
def _triggers() -> tuple[dict[str, list[_Trigger]], dict[str, str]]:
    """Verb lemmas -> their relations (with the words that must follow), noun lemmas -> relation."""
    verbs: dict[str, list[_Trigger]] = {}
    nouns: dict[str, str] = {}
    for relation, words in agreement_lexicon().relations.items():
        for phrase in words.verbs:
            lemma, *rest = phrase.split()
            verbs.setdefault(lemma, []).append(_Trigger(relation, tuple(rest)))
        for noun in words.nouns:
            nouns[noun] = relation
    return verbs, nouns


def extract_links(doc: Doc, mentions: list[AgreementMention]) -> list[AgreementLink]:
    """The relations between agreements that one document states, each from its trigger word."""
    if not mentions or not len(doc):
        return []
    verbs, nouns = _triggers()
    ids = np.array([doc.vocab.strings.add(w) for w in (*verbs, *nouns)], dtype="uint64")
    reader = _Reader(doc, mentions)
    links: list[AgreementLink] = []
    for i in np.flatnonzero(np.isin(doc.to_array(LEMMA), ids)).tolist():
        token = doc[i]
        lemma = token.lemma_.lower()
        if token.pos_ in VERBAL_POS and lemma in verbs:
            links += reader.verb_links(token, verbs[lemma])
        elif token.pos_ in NOUN_POS and lemma in nouns:
            links += reader.noun_links(token, nouns[lemma])
    return links


class _Reader:
    """One document's agreement mentions by token, to read the relations of its sentences."""

    def __init__(self, doc: Doc, mentions: list[AgreementMention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.at = by_token(doc, mentions)
        self.listing = set(agreement_lexicon().listing_words)
        self.kinds: dict[str, str] = agreement_lexicon().kinds  # word -> kind ("protocol" -> treaty)

    def verb_links(self, verb: Token, triggers: list[_Trigger]) -> list[AgreementLink]:
        """"A renewed B", "B was replaced by A", "A builds on B", "the deal, which replaces B"."""
        if modality(verb, governing_chain(verb), event_lexicon().modality, frozenset()) in (
                "negated", "hypothetical", "undone"):
            return []
        out: list[AgreementLink] = []
        for trigger in triggers:
            objects = self._objects(verb, trigger.words)
            if objects is None:
                continue
            passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children)
            if passive:  # "B was replaced by A", "B, replaced by A"
                subjects = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
                objects = [c for c in verb.children if c.dep_ == "nsubjpass"] + objects
            else:
                subjects = [c for c in verb.children if c.dep_ == "nsubj"]
                if not subjects and verb.dep_ in ("relcl", "acl"):
                    subjects = [verb.head]  # "the deal, which replaces the 1992 accord"
            out += self._links(verb, trigger.relation, subjects, objects)
        return out

    def noun_links(self, noun: Token, relation: str) -> list[AgreementLink]:
        """"the protocol, an amendment to the treaty", "the accord is a successor to the 1992 pact"."""
        described = []
        if noun.dep_ == "appos":
            described = [noun.head]
        elif noun.dep_ == "attr" and noun.head.pos_ in ("AUX", "VERB"):
            described = [c for c in noun.head.children if c.dep_ == "nsubj"]
        objects = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("to", "of", "from")
                   for p in c.children if p.dep_ == "pobj"]
        return self._links(noun, relation, described, objects) if described and objects else []

    def _objects(self, verb: Token, words: tuple[str, ...]) -> list[Token] | None:
        """What the verb acts on: its object, or the object of the preposition its phrase needs ("build on");
        None when the phrase lacks that preposition."""
        if not words:  # "replaces [the treaty signed in 1992]", which the parser may read as a clause
            return [c for c in verb.children if c.dep_ == "dobj"] or [
                s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        *particles, preposition = words
        if particles and not all(any(c.dep_ == "prt" and c.lower_ == p for c in verb.children) for p in particles):
            return None
        preps = [c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == preposition]
        if not preps:
            return None
        return [p for c in preps for p in c.children if p.dep_ == "pobj"] or [
            c for c in verb.children if c.dep_ == "dobj"]  # "builds upon" read as a particle

    def _links(self, trigger: Token, relation: str, sources: list[Token], targets: list[Token]) -> list[AgreementLink]:
        froms = self._agreements(sources, trigger, exclude=set())
        tos = self._agreements(targets, trigger, exclude={m.key for m in froms})
        span = span_of(self.doc[trigger.i:trigger.i + 1])
        confidence = 0.7 if all(_names(m) for m in froms + tos) else 0.5
        return [AgreementLink(span, relation, a.key, b.key, trigger.text, confidence)
                for a in froms for b in tos if a.key != b.key]

    def _agreements(self, heads: list[Token], trigger: Token, exclude: set[str]) -> list[AgreementMention]:
        """The agreements the phrases of `heads` name; "it", "this", "this foundation" stand for the one
        spoken of just before; a plural agreement noun for the ones it lists."""
        found: list[AgreementMention] = []
        for head in heads:
            named = self._named_in(head)
            plural = next((t for t in _phrase(head) if t.lemma_.lower() in self.kinds and t.tag_ in ("NNS", "NNPS")),
                          None)  # "foundational agreements", "a series of foundational agreements"
            if named:
                found += [m for m in named if m.key not in exclude]
            elif plural is not None:
                found += [m for m in self._listed_after(plural) if m.key not in exclude]
            elif head.pos_ == "PRON" or any(c.lower_ in ("this", "that") for c in head.children):
                before = self._just_before(trigger, exclude)
                found += [before] if before is not None else []
            elif head.lemma_.lower() in self.kinds and any(c.lower_ == "the" for c in head.children):
                before = self._just_before(trigger, exclude, kind=self.kinds[head.lemma_.lower()])  # "the protocol"
                found += [before] if before is not None else []
        return list({m.key: m for m in found}.values())

    def _named_in(self, head: Token) -> list[AgreementMention]:
        """Agreement mentions in a phrase, without its clauses ("pacts like A and B" gives A and B)."""
        out: list[AgreementMention] = []
        for t in _phrase(head):
            m = self.at.get(t.i)
            if m is not None and all(m is not o for o in out):
                out.append(m)
        if head.tag_ in ("NNS", "NNPS"):  # "existing pacts like A": the named members, not the plural
            members = [m for m in out if _names(m)]
            return members or []
        return out

    def _listed_after(self, head: Token) -> list[AgreementMention]:
        """"... builds upon a series of foundational agreements ...: / - A (ACR): ... / B (ACR): ...": the
        agreements whose names start the lines after a line that ends with a colon."""
        text = doc_text(self.doc)
        line_end = text.find("\n", head.idx)
        line_end = len(text) if line_end < 0 else line_end
        if not text[:line_end].rstrip().endswith(":"):
            return []
        out: list[AgreementMention] = []
        start = line_end + 1
        while start < len(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            line = text[start:end]
            lead = start + len(line) - len(line.lstrip(" \t-•*–"))
            first = next((m for m in self.mentions if m.span.start >= lead and _names(m)), None)
            if first is None or first.span.start > lead + 2:
                break
            out.append(first)
            start = end + 1
        return out

    def _just_before(self, trigger: Token, exclude: set[str], kind: str | None = None) -> AgreementMention | None:
        """The agreement spoken of last before the trigger, in its sentence or the ones just before; with
        `kind`, the last of that kind ("the protocol")."""
        sentences = list(self.doc.sents)
        here = next(n for n, s in enumerate(sentences) if s.start <= trigger.i < s.end)
        earliest = sentences[max(0, here - LOOK_BACK_SENTENCES)].start_char
        before = [m for m in self.mentions if earliest <= m.span.start < trigger.idx and m.key not in exclude
                  and (kind is None or m.kind == kind)]
        return before[-1] if before else None


def _phrase(head: Token) -> list[Token]:
    """A noun phrase without the clauses and appositions that say more of it."""
    out = [head]
    for child in head.children:
        if child.dep_ not in ("relcl", "acl", "advcl", "ccomp", "appos"):
            out += _phrase(child)
    return out


def _names(mention: AgreementMention) -> bool:
    return mention.direct and not mention.generic
