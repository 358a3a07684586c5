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
from typing import Any, TypeVar

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


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    return load("boilerplate.yaml", Boilerplate)


@lru_cache(maxsize=1)
def organizations() -> Organizations:
    return load("organizations.yaml", Organizations)


@lru_cache(maxsize=1)
def forms_of_address() -> FormsOfAddress:
    return load("forms_of_address.yaml", FormsOfAddress)


@lru_cache(maxsize=1)
def non_actors() -> NonActors:
    return load("non_actors.yaml", NonActors)


@lru_cache(maxsize=1)
def countries() -> Countries:
    return load("countries.yaml", Countries)
