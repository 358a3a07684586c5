"""Every data file of `extract/data`, loaded once per process into frozen dataclasses by one generic loader
that checks it: a key the dataclass does not know, a required key that is missing, or a value of the wrong
kind is an error naming the file and the key (`LexiconError`), not a lookup that silently finds nothing.

Whoever needs knowledge imports it from here (`event_lexicon()`, `agreement_lexicon()` ...), never from a
spaCy component module. The line-per-entry lists (`*.txt`) are read by `word_list`.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, TypeVar

import yaml

T = TypeVar("T")


class LexiconError(ValueError):
    """A data file does not have the shape its dataclass declares."""


def load(file: str, cls: type[T]) -> T:
    """Data file `file` (YAML, in extract/data) as a `cls`, checked key by key."""
    raw = yaml.safe_load(resources.files("extract.data").joinpath(file).read_text("utf-8"))
    return build(cls, raw, file, "")


def word_list(file: str) -> tuple[str, ...]:
    """The entries of a line-per-entry data file (`*.txt`), without blank lines and # comments."""
    text = resources.files("extract.data").joinpath(file).read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def build(hint: Any, value: Any, file: str, where: str) -> Any:
    """`value` (parsed YAML) as the type `hint`: dataclasses from mappings (no unknown or missing keys),
    dict[str, X], list[X], tuple[X, ...], frozenset[X], X | None and scalars."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return build(inner, value, file, where)
    if dataclasses.is_dataclass(hint):
        return _record(hint, value, file, where)
    if origin is dict:
        _expect(isinstance(value, dict), "a mapping", value, file, where)
        key_type, item = args
        return {build(key_type, k, file, f"{where}.{k}"): build(item, v, file, f"{where}.{k}")
                for k, v in value.items()}
    if origin in (list, tuple, frozenset):
        value = [] if value is None else value
        _expect(isinstance(value, list), "a list", value, file, where)
        items = [build(args[0], v, file, f"{where}[{i}]") for i, v in enumerate(value)]
        return frozenset(items) if origin is frozenset else tuple(items) if origin is tuple else items
    if hint is float:
        _expect(isinstance(value, (int, float)) and not isinstance(value, bool), "a number", value, file, where)
        return float(value)
    if hint is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # "3G", 2: a word that YAML read as a number
    if hint is int and isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)  # a mapping key written as a number
    if hint in (str, int, bool):
        _expect(isinstance(value, hint) and (hint is bool or not isinstance(value, bool)), hint.__name__, value,
                file, where)
        return value
    if hint is Any:
        return value
    raise TypeError(f"no lexicon type for {hint!r}; extend extract.lexicons.build")


def _record(cls: type, value: Any, file: str, where: str) -> Any:
    _expect(isinstance(value, dict), "a mapping", value, file, where)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise LexiconError(f"{file}: {where or 'top level'}: unknown key {unknown[0]!r} "
                           f"(known: {', '.join(sorted(fields))})")
    hints = typing.get_type_hints(cls)
    out = {}
    for name, f in fields.items():
        if name in value:
            out[name] = build(hints[name], value[name], file, f"{where}.{name}".lstrip("."))
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise LexiconError(f"{file}: {where or 'top level'}: missing key {name!r}")
    return cls(**out)


def _expect(ok: bool, what: str, value: Any, file: str, where: str) -> None:
    if not ok:
        raise LexiconError(f"{file}: {where or 'top level'}: expected {what}, found {value!r}")


# --- the data files --------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Boilerplate:
    """data/boilerplate.yaml: page furniture, as regular expressions."""

    lines: tuple[str, ...]  # whole lines that are furniture ("Share this article")
    prefixes: tuple[str, ...]  # furniture glued to the start of a line


@dataclasses.dataclass(frozen=True)
class KnownOrganization:
    name: str
    acronym: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def surface_forms(self) -> list[str]:
        """Every way the text may write it: name, acronym, aliases."""
        return [self.name, *([self.acronym] if self.acronym else []), *self.aliases]


@dataclasses.dataclass(frozen=True)
class Organizations:
    """data/organizations.yaml: organizations known by name."""

    organizations: tuple[KnownOrganization, ...]


@dataclasses.dataclass(frozen=True)
class FormsOfAddress:
    """data/forms_of_address.yaml: what "Mr", "Mrs" say of a person."""

    male: tuple[str, ...]
    female: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class NonActors:
    """data/non_actors.yaml: names that are never an actor's."""

    time_zones: frozenset[str]
    acronyms: frozenset[str]
    common_words: frozenset[str]
    abstract_endings: tuple[str, ...]
    people_endings: tuple[str, ...]
    religions: frozenset[str]
    calendar_endings: frozenset[str]
    document_endings: frozenset[str]


@dataclasses.dataclass(frozen=True)
class Countries:
    """data/countries.yaml: what the country library lacks or gets wrong."""

    aliases: dict[str, tuple[str, ...]]
    not_states: dict[str, tuple[str, ...]]
    capitals: dict[str, tuple[str, ...]]
    demonyms: dict[str, tuple[str, ...]]
    combining_forms: dict[str, tuple[str, ...]]







# --- data/timex.yaml -------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class UnitWords:
    """A unit of time as written in the file: its TIMEX3 letter and other spellings."""

    code: str
    amount: int = 1  # how many of `code` one of it is (a century is 100 years)
    time: bool = False  # a clock unit (hours, minutes)
    plural: str | None = None  # an irregular plural ("centuries")
    also: tuple[str, ...] = ()  # abbreviations ("yr", "hr")


@dataclasses.dataclass(frozen=True)
class HolidayDate:
    """When a holiday falls: a fixed day, the nth weekday of a month, or days after Easter."""

    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 1
    nth: int | None = None  # -1: the last
    easter: int | None = None


@dataclasses.dataclass(frozen=True)
class TimeZones:
    universal: tuple[str, ...]
    regional: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class TimexWords:
    """data/timex.yaml as written; extract.normalize.timex.vocabulary reshapes it into lookup tables."""

    months: dict[int, tuple[str, ...]]
    ambiguous_months: tuple[str, ...]
    weekdays: dict[int, tuple[str, ...]]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, UnitWords]
    unit_qualifiers: tuple[str, ...]
    seasons: dict[str, tuple[str, ...]]
    season_months: dict[str, tuple[int, ...]]
    day_parts: dict[str, tuple[str, ...]]
    clock_words: dict[str, str]
    time_zones: TimeZones
    modifiers: dict[str, tuple[str, ...]]
    hyphen_modifiers: dict[str, tuple[str, ...]]
    numeric_modifiers: tuple[str, ...]
    anchor_sides: dict[str, tuple[str, ...]]
    suffix_modifiers: dict[str, tuple[str, ...]]
    relative_words: dict[int, tuple[str, ...]]
    deictic_days: dict[str, int]
    references: dict[str, tuple[str, ...]]
    calendar_references: tuple[str, ...]
    unnamed_days: tuple[str, ...]
    set_words: dict[str, tuple[str, ...]]
    holidays: dict[str, HolidayDate]
    planning_words: tuple[str, ...]
    planning_participles: tuple[str, ...]
    intention_words: tuple[str, ...]
    deadline_words: tuple[str, ...]


# --- data/events.yaml ------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class NounCue:
    """What must come with a cued noun: a verb it is the object of, or a preposition after it."""

    verbs: tuple[str, ...] = ()
    prepositions: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class MeetingWords:
    """Words of a type that tell of a meeting when they are toward no agreement ("talks in Brussels")."""

    words: tuple[str, ...]
    type: str  # the type they are then
    unless_in_sentence: tuple[str, ...] = ()  # types whose trigger in the sentence keeps them what they are
    topics: tuple[str, ...] = ()  # what such words may be on that is bargained over ("peace talks")


@dataclasses.dataclass(frozen=True)
class EventType:
    """One event type of data/events.yaml; the file's header says what each key means."""

    plover: str
    actor_types: tuple[str, ...]
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    joint_only: tuple[str, ...] = ()
    joint_words: tuple[str, ...] = ()
    needs_agreement: bool = False
    agreement_parties: bool = False
    agreement_place: bool = False
    agreement_in_sentence: bool = False
    agreement_objects: tuple[str, ...] = ()
    agreement_kinds: tuple[str, ...] = ()
    needs_preposition: tuple[str, ...] = ()
    actor_objects: tuple[str, ...] = ()
    needs_object: tuple[str, ...] = ()
    objectless: tuple[str, ...] = ()
    verb_objects: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    cued_nouns: dict[str, NounCue] = dataclasses.field(default_factory=dict)
    context_words: tuple[str, ...] = ()
    undone_by: tuple[str, ...] = ()
    min_participants: int | None = None
    bare_noun_min_sides: int | None = None
    planned_as: str | None = None
    attempted_as: str | None = None
    group_meeting: bool = False
    unnamed_sides: bool = False
    one_theme: bool = False
    topic_agreement: bool = False
    deal_content: bool = False
    destination_verbs: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    place_objects: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    meeting_words: MeetingWords | None = None
    not_goods: tuple[str, ...] = ()
    no_simple_present: bool = False
    people_with_bodies: bool = False


@dataclasses.dataclass(frozen=True)
class ArgumentWords:
    """Which words of the parse fill an event's slots."""

    verb_agents: tuple[str, ...]
    verb_targets: tuple[str, ...]
    noun_agents: tuple[str, ...]
    agent_prepositions: tuple[str, ...]
    target_prepositions: tuple[str, ...]
    place_prepositions: tuple[str, ...]
    pair_quantifiers: tuple[str, ...]
    pair_nouns: tuple[str, ...]
    pronouns: tuple[str, ...]
    recent_periods: dict[str, int]
    date_ranges: dict[str, tuple[str, ...]]
    taking_part_verbs: frozenset[str]
    onlooker_verbs: frozenset[str]
    involving_verbs: frozenset[str]
    setting_prepositions: frozenset[str]


@dataclasses.dataclass(frozen=True)
class ModalityWords:
    """Words on the path from a trigger to its clause's verb that change what kind of report it is."""

    negated: frozenset[str]
    hypothetical: frozenset[str]
    reported_future: frozenset[str]
    reporting: frozenset[str]
    attempted: frozenset[str]
    planned: frozenset[str]
    not_reported: frozenset[str]  # the modalities of reports that do not make an event


@dataclasses.dataclass(frozen=True)
class ConfidenceWeights:
    """How sure a report is, from how it was found."""

    trigger: dict[str, float]
    participants: dict[str, float]
    agreement: float
    date: dict[str, float]
    planned: float


@dataclasses.dataclass(frozen=True)
class EventLexicon:
    """data/events.yaml."""

    quad_classes: dict[str, tuple[str, ...]]
    types: dict[str, EventType]
    arguments: ArgumentWords
    modality: ModalityWords
    confidence: ConfidenceWeights


# --- data/agreements.yaml --------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class DefaultStatus:
    """The status an agreement has when the text says none, by head word or by kind."""

    words: dict[str, str]
    kinds: dict[str, str]


@dataclasses.dataclass(frozen=True)
class RelationWords:
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class AgreementLexicon:
    """data/agreements.yaml; the comments of the file say what each list is for."""

    kinds: dict[str, str]
    general_kind: str
    kind_classes: dict[str, tuple[str, ...]]
    named_only_kinds: frozenset[str]
    subject_identified_kinds: frozenset[str]
    legislative_verbs: frozenset[str]
    evaluative_modifiers: frozenset[str]
    earlier_markers: frozenset[str]
    other_markers: frozenset[str]
    launch_verbs: frozenset[str]
    domains: dict[str, tuple[str, ...]]
    generic_determiners: frozenset[str]
    quantity_idioms: tuple[str, ...]
    indefinite_determiners: frozenset[str]
    new_markers: frozenset[str]
    new_adverbs: frozenset[str]
    comparison_words: frozenset[str]
    name_stop_words: frozenset[str]
    name_adjectives: frozenset[str]
    ambiguous_kinds: dict[str, tuple[str, ...]]
    party_prepositions: frozenset[str]
    joint_prepositions: frozenset[str]
    not_party_prepositions: frozenset[str]
    framing_prepositions: frozenset[str]
    about_prepositions: frozenset[str]
    reference_nouns: frozenset[str]
    reference_pronouns: frozenset[str]
    statuses: tuple[str, ...]  # weakest first: a later one wins
    status_verbs: dict[str, tuple[str, ...]]
    subject_status_verbs: dict[str, tuple[str, ...]]
    proposed_modifiers: frozenset[str]
    agreeing_verbs: frozenset[str]
    acquisition_verbs: dict[str, str | None]  # verb -> its particle ("take over"), or none
    default_status: DefaultStatus
    seeking_words: frozenset[str]
    opposing_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    relations: dict[str, RelationWords]
    listing_words: frozenset[str]
    law_body_adjectives: dict[str, str]  # "European" constitution -> the body it is of
    holding_verbs: frozenset[str]
    counterpart_prepositions: frozenset[str]
    state_nouns: frozenset[str]
    place_adverbs: frozenset[str]
    describing_nouns: frozenset[str]
    leaving_phrases: tuple[str, ...]
    body_nouns: frozenset[str]
    office_nouns: frozenset[str]
    source_words: frozenset[str]


# --- data/entities.yaml ----------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class EntityLexicon:
    """data/entities.yaml: word classes that tell entity types apart; the file's comments say what each is for."""

    product_heads: frozenset[str]
    product_classes: frozenset[str]
    organization_classes: frozenset[str]
    leader_bodies: frozenset[str]
    organization_words: frozenset[str]
    place_prepositions: frozenset[str]
    place_verbs: frozenset[str]
    portfolio_titles: frozenset[str]
    portfolio_heads: frozenset[str]
    speech_verbs: frozenset[str]
    name_designators: frozenset[str]
    seat_titles: frozenset[str]
    organization_endings: frozenset[str]
    site_heads: frozenset[str]
    party_nouns: frozenset[str]
    compass_words: tuple[str, ...]
    brand_heads: frozenset[str]
    place_parts: frozenset[str]
    place_endings: frozenset[str]
    word_prefixes: frozenset[str]


# --- the accessors: each file is read and checked once per process, on first use ------------------------

def _once(file: str, cls: type[T]) -> Callable[[], T]:
    """A function that returns data file `file` as a `cls`, loading it the first time only."""
    return lru_cache(maxsize=1)(lambda: load(file, cls))


boilerplate = _once("boilerplate.yaml", Boilerplate)
organizations = _once("organizations.yaml", Organizations)
forms_of_address = _once("forms_of_address.yaml", FormsOfAddress)
non_actors = _once("non_actors.yaml", NonActors)
countries = _once("countries.yaml", Countries)
timex_words = _once("timex.yaml", TimexWords)
event_lexicon = _once("events.yaml", EventLexicon)
agreement_lexicon = _once("agreements.yaml", AgreementLexicon)
entity_lexicon = _once("entities.yaml", EntityLexicon)

#: every YAML data file and its accessor (a test loads them all)
LOADERS: dict[str, Callable[[], Any]] = {
    "boilerplate.yaml": boilerplate, "organizations.yaml": organizations, "forms_of_address.yaml": forms_of_address,
    "non_actors.yaml": non_actors, "countries.yaml": countries, "timex.yaml": timex_words,
    "events.yaml": event_lexicon, "agreements.yaml": agreement_lexicon, "entities.yaml": entity_lexicon}
