"""Corrections of the small model's frequent entity errors on news text, read off the parse.

- Edges: function words the NER swallowed at the end of a name ("the South China Sea for") are cut off.
- Products: a name that modifies a weapon, product or status noun ("the Leopard armoured vehicle",
  "Patriot air defence systems", "S-300 batteries") is relabelled PRODUCT, not an actor.
- Leaders: "the Maria Alvarez government" names a person, not an organization.
- People: a proper-noun chunk followed by ", <title>" ("Anil K Mehta, former Secretary of ...") is a person,
  even when the NER tagged only its first word, or tagged it as a place.
- Missed organizations: untagged names coordinated with an organization ("NATO or ANZUS") or given as
  examples of a kind of organization ("firms like ABC and XYZ") are organizations.

Word lists come from `data/entities.yaml`; titles from `data/titles.txt`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml
from spacy.attrs import POS
from spacy.language import Language
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from extract.normalize.names import title_after
from extract.nlp.text import doc_text

_DESIGNATOR = re.compile(r"^[A-Z]{1,3}-\d+[A-Za-z]*$")  # F-16, MQ-9B, T-90S, J-20
_APPOSITION = re.compile(r"\s*,\s*(?:(?:a|an|the|former|ex-|then|acting)\b\s*)*", re.I)
_EDGE_WORDS = {"for", "and", "of", "the", "in", "on", "to", "with", "or", "at", "by", "from", "as"}
_MODIFIER_DEPS = {"compound", "nmod", "amod", "nummod", "npadvmod", "det", "poss", "case", "punct"}
_EXAMPLE_PREPS = {"like", "including", "as"}  # "firms like A", "groups including B", "such as C"
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@lru_cache(maxsize=1)
def entity_lexicon() -> dict[str, list[str]]:
    """Word lists from `data/entities.yaml`."""
    return yaml.safe_load(resources.files("extract.data").joinpath("entities.yaml").read_text("utf-8"))


@Language.factory("extract_entity_fixes", default_config={})
def make_entity_fixes(nlp: Language, name: str) -> "EntityFixes":
    return EntityFixes(nlp, name)


class EntityFixes:
    """Fix entity spans and labels in `doc.ents` with rules over the dependency parse.

    The word lists (product heads, organization classes, leader bodies) come from `data/entities.yaml`.
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        lexicon = entity_lexicon()
        self.product_heads = set(lexicon["product_heads"])
        self.organization_classes = set(lexicon["organization_classes"])
        self.leader_bodies = set(lexicon["leader_bodies"])
        self.organization_words = set(lexicon["organization_words"])

    def __call__(self, doc: Doc) -> Doc:
        ents = [self._relabel(e) for e in (_trim_edges(e) for e in doc.ents) if e is not None]
        chunks = _proper_chunks(doc)
        ents = _without_overlaps(ents + self._people_with_titles(doc, ents, chunks))
        ents = _without_overlaps(ents + self._missed_organizations(doc, ents, chunks))
        doc.ents = ents
        return doc

    def _relabel(self, ent: Span) -> Span:
        if ent.label_ not in _ACTOR_LABELS:
            return ent
        if self._is_product(ent):
            return Span(ent.doc, ent.start, ent.end, label="PRODUCT")
        if ent.label_ == "ORG" and self._is_leader_government(ent):
            return Span(ent.doc, ent.start, ent.end, label="PERSON")
        if ent.label_ in ("PERSON", "GPE", "LOC", "FAC") and self._is_example_of_organization(ent.root):
            return Span(ent.doc, ent.start, ent.end, label="ORG")  # "firms such as Embraer and Avibras"
        return ent

    def _is_example_of_organization(self, token: Token) -> bool:
        """"firms like A", "companies such as B and C", "groups including D"."""
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head
        if token.dep_ != "pobj" or token.head.lower_ not in _EXAMPLE_PREPS:
            return False
        kind = token.head.head
        if kind.lower_ == "such":
            kind = kind.head
        return kind.lemma_.lower() in self.organization_classes

    def _is_product(self, ent: Span) -> bool:
        """"the Leopard armoured vehicle", "Harpoon anti-ship missiles", "MQ-9B Reaper": a name in front of a
        product noun, introduced by "the" or followed by an adjective, or a model designator."""
        if any(_DESIGNATOR.match(t.text) for t in ent) and ent.label_ != "GPE":
            return True
        nouns = _nouns_modified(ent)
        if not any(n.lemma_.lower() in self.product_heads for n in nouns):
            return False
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        determined = any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") and c.i <= ent.start
                         for c in nouns[-1].children)
        return determined or (nxt is not None and nxt.pos_ == "ADJ") or ent.label_ == "PERSON"

    def _is_leader_government(self, ent: Span) -> bool:
        """"the Maria Alvarez government": two or three name words before a government noun."""
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        words = [t for t in ent if t.pos_ == "PROPN"]
        return (nxt is not None and nxt.lemma_.lower() in self.leader_bodies and 2 <= len(words) == len(ent)
                and all(t.is_title for t in words) and not any(t.text in self.organization_words for t in words))

    def _people_with_titles(self, doc: Doc, ents: list[Span], chunks: list[Span]) -> list[Span]:
        """Proper-noun chunks of two to four words followed by ", (former) <title>"."""
        label_of = {i: e for e in ents for i in range(e.start, e.end)}
        out = []
        for chunk in chunks:
            if not 2 <= len(chunk) <= 4 or not chunk[-1].is_title:
                continue
            covering = {label_of[t.i].start for t in chunk if t.i in label_of}
            if any(label_of[t.i].label_ in ("PERSON", "ORG") or label_of[t.i].end > chunk.end
                   for t in chunk if t.i in label_of) or len(covering) > 1:
                continue
            after = _APPOSITION.match(doc_text(doc), chunk.end_char, chunk.end_char + 80)
            if after and title_after(doc_text(doc)[after.end():after.end() + 60]):
                out.append(Span(doc, chunk.start, chunk.end, label="PERSON"))
        return out

    def _missed_organizations(self, doc: Doc, ents: list[Span], chunks: list[Span]) -> list[Span]:
        """Untagged names coordinated with an organization, or examples of a kind of organization."""
        tagged = {i for e in ents for i in range(e.start, e.end)}
        org_roots = {e.root.i for e in ents if e.label_ == "ORG"}
        found: list[Span] = []
        for chunk in chunks:
            if tagged.intersection(range(chunk.start, chunk.end)):
                continue
            root = chunk.root
            if root.dep_ == "conj" and root.head.i in org_roots | {f.root.i for f in found}:
                found.append(Span(doc, chunk.start, chunk.end, label="ORG"))
            elif self._is_example_of_organization(root):
                found.append(Span(doc, chunk.start, chunk.end, label="ORG"))
        return found


def _trim_edges(ent: Span) -> Span | None:
    """Cut lower-case function words off the end of an entity."""
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].lower_ in _EDGE_WORDS and ent.doc[end - 1].is_lower:
        end -= 1
    if end == ent.end:
        return ent
    return Span(ent.doc, ent.start, end, label=ent.label)


def _nouns_modified(ent: Span) -> list[Token]:
    """The nouns outside an entity that it modifies, inner to outer: "fighter", "jets" for "the Gripen
    fighter jets"."""
    nouns: list[Token] = []
    token = ent.root
    for _ in range(6):
        if token.dep_ not in _MODIFIER_DEPS or token.head.i <= token.i:
            break
        token = token.head
        if not (ent.start <= token.i < ent.end) and token.pos_ == "NOUN":
            nouns.append(token)
    return nouns


def _proper_chunks(doc: Doc) -> list[Span]:
    """Maximal runs of capitalized proper nouns (and single-letter initials) on one line. Only the proper
    nouns (found in the POS array, without making a Token of every word) are looked at."""
    chunks: list[Span] = []
    start = prev = None
    for i in np.flatnonzero(doc.to_array(POS) == PROPN).tolist():
        token = doc[i]
        if not token.text[:1].isupper() or "\n" in token.text:
            continue
        if start is not None and (prev != i - 1 or "\n" in doc[prev].whitespace_):
            chunks.append(doc[start:prev + 1])
            start = None
        if start is None:
            start = i
        prev = i
    if start is not None:
        chunks.append(doc[start:prev + 1])
    return chunks


def _without_overlaps(ents: list[Span]) -> list[Span]:
    """Entities in text order; where two overlap, the longer wins."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for ent in sorted(ents, key=lambda e: (-(e.end - e.start), e.start)):
        if not taken.intersection(range(ent.start, ent.end)):
            chosen.append(ent)
            taken.update(range(ent.start, ent.end))
    return sorted(chosen, key=lambda e: e.start)
