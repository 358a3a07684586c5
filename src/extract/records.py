"""Plain records passed between stages.

Stages exchange these small dataclasses, never spaCy objects, so a stage can run in another process (or on
a Dask worker) and be tested alone. Character offsets always index `Document.text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class SegmentKind(StrEnum):
    BODY = "body"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"  # page furniture, kept out of extraction
    BLANK = "blank"


class DocStatus(StrEnum):
    OK = "ok"  # processed
    REJECTED = "rejected"  # not processed: see the reason
    DUPLICATE = "duplicate"  # repeats another document (duplicate_of)


class PublishedFrom(StrEnum):
    SIDECAR = "sidecar"  # a sidecar file or a feed's record
    METADATA = "metadata"  # an HTML page's meta tags, JSON-LD or <time>
    TEXT = "text"  # a dateline or header line of the text
    NONE = "none"


class Modality(StrEnum):
    """How a report tells an event."""

    ASSERTED = "asserted"
    PLANNED = "planned"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


class ParticipantSource(StrEnum):
    """How the participants of an event report were found."""

    ARGUMENTS = "arguments"  # the parse: subjects, objects, prepositions
    PAIR_REFERENCE = "pair_reference"  # "both countries", "the two sides"
    AGREEMENT_PARTIES = "agreement_parties"  # the parties of the agreement the event is about
    DOCUMENT_PAIR = "document_pair"  # the two actors the document is about
    SENTENCE = "sentence"  # the actors of the sentence of a particular incident
    COREFERENCE = "coreference"  # a neighbouring report of the same event


@dataclass(slots=True)
class Segment:
    """A line of a document and what it is: body text, a heading, or page furniture kept out of extraction."""

    start: int
    end: int
    kind: SegmentKind

    def __post_init__(self) -> None:
        self.kind = SegmentKind(self.kind)


@dataclass(slots=True)
class Document:
    """One input document after ingest: decoded text, metadata and its status."""

    doc_id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: PublishedFrom = PublishedFrom.NONE
    language: str | None = None
    status: DocStatus = DocStatus.OK
    reason: str | None = None
    duplicate_of: str | None = None
    encoding: str | None = None
    segments: list[Segment] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.published_from = PublishedFrom(self.published_from)
        self.status = DocStatus(self.status)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def needs_nlp(self) -> bool:
        """Processed documents: ok ones and near copies (an exact copy shares its original's results)."""
        return self.status == "ok" or (self.status == "duplicate" and self.duplicate_of != self.doc_id)


@dataclass(slots=True)
class Span:
    """Where something was said: the mention's characters and the sentence around it."""

    start: int
    end: int
    sent_start: int
    sent_end: int


@dataclass(slots=True)
class EntityMention:
    """A named actor or place in one document, with what its own document tells about it.

    `key` identifies the entity across documents (e.g. ``country:IND``, ``person:ana lima``);
    `alias_keys` are further keys that may join it to the same entity named differently elsewhere
    (an acronym and its long form).
    """

    span: Span
    text: str
    label: str  # PERSON | ORGANIZATION | COUNTRY | LOCATION | NORP
    key: str
    name: str
    alias_keys: list[str] = field(default_factory=list)
    iso3: str | None = None
    country_iso3: str | None = None
    roles: list[str] = field(default_factory=list)
    acronym: str | None = None
    # a one-word "person" that nothing in its document says is a person's (no title, form of address, full
    # name or noun describing it): the NER's guess alone, kept only if another document says more
    bare: bool = False


@dataclass(slots=True)
class DateMention:
    """A time expression and its TIMEX3 normalization."""

    span: Span
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    start: date | None
    end: date | None
    precision: str | None  # day | week | month | quarter | season | year | decade | century | None
    mod: str | None = None
    anchored: bool = False  # the value depends on the publication date


@dataclass(slots=True)
class AgreementMention:
    """A mention of an agreement (named, descriptive or generic) and the facts its sentence gives."""

    span: Span
    text: str
    key: str  # cross-document key of the agreement this mention refers to
    name: str
    alias_keys: list[str] = field(default_factory=list)
    acronym: str | None = None
    kind: str | None = None
    generic: bool = False
    parties: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    signed: DateMention | None = None
    place: str | None = None
    status: str | None = None
    domains: list[str] = field(default_factory=list)  # subject areas ("defence", "trade") of the agreement
    direct: bool = True  # the text names the agreement itself, not a description or "the pact"


@dataclass(slots=True)
class EventMention:
    """One report of an event: its trigger, arguments and the sentence that says so."""

    span: Span
    type: str
    trigger: str
    participants: list[str] = field(default_factory=list)  # entity keys
    agreement_key: str | None = None
    place: str | None = None
    date: DateMention | None = None
    modality: Modality = Modality.ASSERTED
    confidence: float = 0.5
    agents: list[str] = field(default_factory=list)  # entity keys of who did it
    targets: list[str] = field(default_factory=list)  # entity keys of whom it was done to (or with)
    theme: str = ""  # what was done, as a lemma ("tariff", "purchase"): tells apart reports of one type
    participant_source: ParticipantSource | None = None

    def __post_init__(self) -> None:
        self.modality = Modality(self.modality)
        if self.participant_source is not None:
            self.participant_source = ParticipantSource(self.participant_source)


@dataclass(slots=True)
class AgreementLink:
    """A relation the text states between two agreements ("the 2015 accord renewed the 2005 framework")."""

    span: Span  # the trigger, in its sentence
    relation: str  # RENEWS | AMENDS | REPLACES | BUILDS_ON | IMPLEMENTS | SUSPENDS | WITHDRAWS_FROM
    from_key: str  # the agreement that renews, amends ... (its key)
    to_key: str  # the agreement renewed, amended ...
    trigger: str
    confidence: float = 0.5


@dataclass(slots=True)
class DocResult:
    """Everything one document yields; the unit a batch task returns and the resolver consumes."""

    document: Document
    entities: list[EntityMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    agreements: list[AgreementMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    links: list[AgreementLink] = field(default_factory=list)
