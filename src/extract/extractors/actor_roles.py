"""Which actor the words of a phrase stand for when it takes part in something: the reading that agreement
parties and event participants share.

- A people stands for its state ("Turkish officials", "Indian goods", "the Turkish"), but for no state when
  it qualifies a kind of organization ("the German firm", "a Japanese carmaker": `organization_classes` of
  `data/entities.yaml`).
- A country or people that only describes a named organization is not an actor of its own: "French car maker
  Acme", "the UK's biggest brewer, Acme" are Acme.
- "it" as a subject is the organization or country that was the subject just before ("Acme forecast a loss.
  Last month it signed a deal ...").
"""
from __future__ import annotations

from typing import Mapping

from spacy.tokens import Token

from extract.records import EntityMention

MODIFIER_DEPS = ("poss", "amod", "compound", "nmod")
PERSONAL_PRONOUNS = ("he", "she")
MAX_SENTENCES_BACK = 5  # how far a chain of "it" and "the firm" may lead back


def people_stands_for_state(token: Token, organization_classes: set[str]) -> bool:
    """"Turkish officials", "Turkish goods", "the Turkish" (a noun): Turkey; not "the Turkish firm", "Turkey's
    biggest bank" or "the Turkey-based group", which are firms."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod") or head.head.i == head.i:
            return True
        head = head.head
        if head.pos_ in ("NOUN", "PROPN"):
            return head.lemma_.lower() not in organization_classes
    return True


def describes_an_organization(token: Token, entity: EntityMention, entity_at: Mapping[int, EntityMention]) -> bool:
    """A country or people that qualifies the noun phrase of a named organization ("French car maker Acme",
    "the UK's biggest brewer, Acme", "Acme of the US"), not one that qualifies people of its own ("Acme's chief
    and Israeli officials")."""
    if entity.label not in ("COUNTRY", "NORP"):
        return False
    if token.dep_ == "pobj" and token.head.lower_ == "of" and (
            (owner := entity_at.get(token.head.head.i)) is not None and owner.label == "ORGANIZATION"):
        return True  # "Acme of the US": where the firm is from
    if token.dep_ not in MODIFIER_DEPS:
        return False
    head = token.head
    for _ in range(4):
        near = [head, *head.children, *((head.head,) if head.dep_ in ("compound", "appos") else ())]
        if any((e := entity_at.get(t.i)) is not None and e.label == "ORGANIZATION" for t in near):
            return True
        if head.dep_ not in ("compound", "appos", "amod", "nmod") or head.head.i == head.i:
            return False
        head = head.head
    return False


def subject_antecedent(pronoun: Token, entity_at: Mapping[int, EntityMention],
                       referring_nouns: frozenset[str] = frozenset(), people: bool = False) -> EntityMention | None:
    """The organization or country "it" stands for as a subject: the one actor that was the subject of a
    clause before it, in its sentence or the one before; through a chain of subjects that refer to it again
    ("Acme said ... . "...," it warned. The firm refused ..., although it has a deal ..."): each "it" or "the
    firm" (a definite noun of `referring_nouns`) takes the search a sentence further back. With `people`,
    "he" and "she" stand for the one person that was the subject before in the same way."""
    person = people and pronoun.lower_ in PERSONAL_PRONOUNS and pronoun.dep_ in ("nsubj", "nsubjpass")
    if not (person or _refers(pronoun, referring_nouns)) or pronoun.pos_ != "PRON":
        return None
    labels = ("PERSON",) if person else ("ORGANIZATION", "COUNTRY")
    doc = pronoun.doc
    sentence, budget = pronoun.sent, 2
    for _ in range(MAX_SENTENCES_BACK):
        if budget <= 0:
            break
        subjects = [t for t in sentence if t.i < pronoun.i and t.dep_ == "nsubj"]
        budget -= 1 if subjects else 0  # a fragment the sentence splitter cut off has no subject to weigh
        for t in reversed(subjects):
            head = entity_at.get(t.i)
            if head is not None and head.label in labels:
                return head  # "UK-based bank Acme said it ...": the subject's own head, not its modifiers
            found = {e.key: e for s in t.subtree if (e := entity_at.get(s.i)) is not None and e.label in labels}
            if len(found) == 1:
                return next(iter(found.values()))
            if not found and (t.lower_ == pronoun.lower_ if person else _refers(t, referring_nouns)):
                budget = max(budget, 1)  # the chain goes on: one more sentence back
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    return None


def _refers(token: Token, referring_nouns: frozenset[str]) -> bool:
    """"it" or "the firm" as a subject: words that stand for an actor named before."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if token.pos_ == "PRON":
        return token.lower_ == "it"
    return token.lemma_.lower() in referring_nouns and any(
        c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children)
