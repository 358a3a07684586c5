"""What one document tells about its agreements before any mention is read: its actors by token, dates,
event triggers and the countries it is about."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span as SpacySpan

from extract.extractors.actor_roles import people_stands_for_state
from extract.extractors.mention_index import by_token
from extract.lexicons import AgreementLexicon, agreement_lexicon, entity_lexicon
from extract.records import DateMention, Document, EntityMention

ACTOR_LABELS = {"PERSON", "ORGANIZATION", "COUNTRY"}


@dataclass
class DocContext:
    """Per-document facts the agreement mentions share."""

    doc: Doc
    document: Document
    entities: list[EntityMention]
    dates: list[DateMention]
    triggers: list[SpacySpan] = field(default_factory=list)
    lexicon: AgreementLexicon = field(default_factory=agreement_lexicon)

    @property
    def scope(self) -> str:
        """The story the document tells (its own id, or its near-duplicate original's)."""
        return self.document.duplicate_of or self.document.doc_id

    @cached_property
    def countries(self) -> list[str]:
        """The country an article is about, or the two when the second is named at least a third as often
        (ISO3 codes)."""
        counts = Counter(e.iso3 for e in self.entities if e.label == "COUNTRY" and e.iso3).most_common(2)
        if not counts:
            return []
        if len(counts) == 2 and counts[1][1] * 3 >= counts[0][1]:
            return sorted(iso3 for iso3, _ in counts)
        return [counts[0][0]]

    @cached_property
    def about_states(self) -> bool:
        """Whether the story's actors are mostly states rather than organizations (firms, parties, bodies)."""
        labels = Counter(e.label for e in self.entities)
        return labels["COUNTRY"] >= labels["ORGANIZATION"]

    @cached_property
    def sentence_index(self) -> dict[int, int]:
        """First token of each sentence -> the sentence's number."""
        return {s.start: n for n, s in enumerate(self.doc.sents)}

    @cached_property
    def kind_classes(self) -> dict[str, str]:
        """Kind -> its class (`kind_classes` of `data/agreements.yaml`)."""
        return {kind: cls for cls, kinds in self.lexicon.kind_classes.items() for kind in kinds}

    @cached_property
    def entity_at(self) -> dict[int, EntityMention]:
        return by_token(self.doc, self.entities)

    @cached_property
    def country_of(self) -> dict[str, str]:
        """Organization key -> the key of the country it belongs to, where the document says."""
        return {e.key: f"country:{e.country_iso3}" for e in self.entities
                if e.label == "ORGANIZATION" and e.country_iso3}

    @cached_property
    def names(self) -> dict[str, str]:
        """Entity key -> the name this document gives it."""
        return {e.key: e.name for e in self.entities}

    def party_at(self, i: int) -> str | None:
        """The party a token names, as an entity key: a country, an organization, a people for its state
        ("Turkish officials", not "the Turkish firm"), or a person: for the country they serve when the text
        says which ("Foreign Minister Ana Ruiz signed ..."), else themselves."""
        e = self.entity_at.get(i)
        if e is None:
            return None
        if e.label in ("COUNTRY", "ORGANIZATION"):
            return e.key
        if e.label == "PERSON":
            return f"country:{e.country_iso3}" if e.country_iso3 else e.key
        if e.label == "NORP" and e.country_iso3 and people_stands_for_state(self.doc[i], self.organization_classes):
            return f"country:{e.country_iso3}"
        return None

    @cached_property
    def organizations_by_mentions(self) -> list[tuple[str, int]]:
        """Organization keys of the story, the most mentioned first (ties: the first named)."""
        counts = Counter(e.key for e in self.entities if e.label == "ORGANIZATION")
        return counts.most_common()

    @cached_property
    def organization_classes(self) -> set[str]:
        return set(entity_lexicon().organization_classes)

    def is_person(self, i: int) -> bool:
        e = self.entity_at.get(i)
        return e is not None and e.label == "PERSON"
