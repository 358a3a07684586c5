"""Names of people and organizations: titles, possessives and articles off; keys for matching.

Title words come from `data/titles.txt`, letters after a name from `data/post_nominals.txt`, regions that are
never actors from `data/regions.txt`, party labels from `data/party_labels.txt`, names that never name an actor
(time zones, product acronyms, common nouns, religions, days) from `data/non_actors.yaml`.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import lru_cache

from extract.lexicons import forms_of_address, non_actors, word_list

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_SPACES = re.compile(r"\s+")
_QUOTES = "“”\"‘’'`«»*†"


@lru_cache(maxsize=1)
def titles() -> tuple[str, ...]:
    """Known titles and forms of address, longest first (so "Secretary of State" wins over "Secretary")."""
    words = {t.lower() for t in word_list("titles.txt") + word_list("honorifics.txt")}
    return tuple(sorted(words, key=len, reverse=True))


def _first_run(text: str) -> str:
    """The letters and digits `text` starts with ("lt" of "lt col", "minister" of "minister's")."""
    end = 0
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[:end]


def _last_run(text: str) -> str:
    """The letters and digits `text` ends with, before any trailing mark ("gen" of "gen.")."""
    end = len(text)
    while end and not text[end - 1].isalnum():
        end -= 1
    start = end
    while start and text[start - 1].isalnum():
        start -= 1
    return text[start:end]


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, tuple[str, ...]]:
    """The titles (longest first) by their first run of letters: a title that starts a text, followed by a
    space or a mark, has the text's first run as its own, so only those titles need a look."""
    table: dict[str, list[str]] = {}
    for title in titles():
        table.setdefault(_first_run(title), []).append(title)
    return {word: tuple(found) for word, found in table.items()}


@lru_cache(maxsize=1)
def _titles_by_last_word() -> dict[str, tuple[str, ...]]:
    """The titles (longest first) by their last run of letters, for a title that ends a text."""
    table: dict[str, list[str]] = {}
    for title in titles():
        table.setdefault(_last_run(title), []).append(title)
    return {word: tuple(found) for word, found in table.items()}


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    return frozenset(t.lower() for t in word_list("honorifics.txt"))


@lru_cache(maxsize=1)
def _address_genders() -> dict[str, str]:
    data = forms_of_address()
    return {form.lower(): gender for gender, forms in (("male", data.male), ("female", data.female))
            for form in forms}


def address_gender(word: str) -> str | None:
    """"male" for "Mr", "female" for "Mrs" or "Ms": what a form of address says of a person, else None."""
    return _address_genders().get(word.strip().lower())


@lru_cache(maxsize=1)
def post_nominals() -> frozenset[str]:
    """"QC", "MP", "OBE": letters after a person's name (as written)."""
    return frozenset(word_list("post_nominals.txt"))


def is_post_nominal(word: str) -> bool:
    """"QC" in "Ana Lima QC": letters after a name, not part of it."""
    return word.strip(".,") in post_nominals()


def is_honorific(title: str) -> bool:
    """"Mr", "Dr.": a form of address, not a role."""
    return title.lower() in honorifics()


@lru_cache(maxsize=1)
def party_labels() -> tuple[str, ...]:
    """Party labels ("Tory", "Lib Dem", "Democrat"), lower case, longest first."""
    return tuple(sorted({t.lower() for t in word_list("party_labels.txt")}, key=len, reverse=True))


def is_party_label(text: str) -> bool:
    """"Lib Dems", "Tory": a label of a party's people, not a person's name."""
    return clean_name(text).lower() in party_labels()


def party_label_before(words: list[str]) -> int:
    """How many of `words` (a name's words) are a party label, with what comes before it, at the start of a
    name: 2 for ["Tory", "Jane", ...] and 3 for ["Fellow", "Lib", "Dem", ...]; 0 when none. A label must leave
    two words of name after it, and may follow at most one other word."""
    by_first = _party_labels_by_first_word()
    for start in range(min(2, len(words))):
        for label in by_first.get(words[start].lower(), ()):
            n = len(label)
            if [w.lower() for w in words[start:start + n]] == label and len(words) - start - n >= 2:
                return start + n
    return 0


@lru_cache(maxsize=1)
def _party_labels_by_first_word() -> dict[str, list[list[str]]]:
    """Party labels as word lists by their first word, longest first."""
    table: dict[str, list[list[str]]] = {}
    for label in party_labels():
        words = label.split()
        table.setdefault(words[0], []).append(words)
    return table


@lru_cache(maxsize=1)
def _non_actors() -> dict[str, frozenset[str]]:
    data = non_actors()
    return {f.name: frozenset(str(w).lower() for w in getattr(data, f.name)) for f in dataclasses.fields(data)}


def is_non_actor(name: str) -> bool:
    """A time zone ("GMT"), a product or index acronym ("LNG", "FTSE"), a capitalized common noun
    ("Treaty", "Budget"), a faith ("Islam"), a day of observance ("Remembrance Day"), a report or scheme
    ("the Kestrel Review"), an abstract noun ("Britishness") or a people ("Patagonians"): never an actor's
    name."""
    lowered = clean_name(name).lower()
    lists = _non_actors()
    if any(lowered in lists[s] for s in ("time_zones", "acronyms", "common_words", "religions")):
        return True
    if " " in lowered and lowered.rsplit(" ", 1)[1] in lists["calendar_endings"] | lists["document_endings"] \
            | lists["acronyms"]:
        return True  # "Remembrance Day", "the Kestrel Review", "the London FTSE"
    if any(lowered.endswith(" " + e) for e in lists["document_endings"] if " " in e):
        return True  # "the Digital Economy White Paper"
    return " " not in lowered and any(lowered.endswith(e) and len(lowered) >= len(e) + 4
                                      for e in lists["abstract_endings"] | lists["people_endings"])


def is_time_zone(word: str) -> bool:
    return word.lower() in _non_actors()["time_zones"]


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    return frozenset(name_key(r) for r in word_list("regions.txt"))


# Names recur within and across articles: the keys of the most recent ones are kept (pure functions of a
# string; few enough that memory does not grow with a run).
_REMEMBERED_NAMES = 4_096


@lru_cache(maxsize=_REMEMBERED_NAMES)
def clean_name(text: str) -> str:
    """Surface form without surrounding quotes, a leading article or a trailing possessive."""
    text = _SPACES.sub(" ", text).strip().strip(_QUOTES + ",:;()/").strip()
    text = _LEADING_ARTICLE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


@lru_cache(maxsize=_REMEMBERED_NAMES)
def name_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "the U.S.'s" and "US" give the same key."""
    text = unicodedata.normalize("NFKD", clean_name(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " and ").replace("–", "-").replace("—", "-")
    text = text.replace(".", "")
    text = re.sub(r"[^\w\s-]", " ", text)
    return _SPACES.sub(" ", text).strip().casefold()


def split_title(name: str) -> tuple[str | None, str]:
    """("Foreign Minister", "Ana Lima") from "Foreign Minister Ana Lima"; (None, name) otherwise."""
    lowered = name.lower()
    for title in _titles_by_first_word().get(_first_run(lowered), ()):
        if lowered.startswith(title + " ") and len(name) > len(title) + 1:
            return name[:len(title)], name[len(title) + 1:].strip()
    return None, name


def title_before(text: str) -> str | None:
    """The title that `text` (the words just before a name) ends with, as written there."""
    lowered = text.lower().rstrip()
    for title in _titles_by_last_word().get(_last_run(lowered), ()):
        if lowered.endswith(title) and (len(lowered) == len(title) or not lowered[-len(title) - 1].isalnum()):
            return text.rstrip()[-len(title):]
    return None


def is_region(text: str) -> bool:
    """Regions ("Indo-Pacific", "the Global South") are places, never actors."""
    return name_key(text) in regions()


_PORTFOLIO = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w’'-]*)*")


def title_after(text: str) -> str | None:
    """The title that `text` (the words just after a name and its comma) starts with, as written there,
    with its portfolio: "Secretary of Agriculture and Fisheries"."""
    lowered = text.lower()
    for title in _titles_by_first_word().get(_first_run(lowered), ()):
        if lowered.startswith(title) and (len(lowered) == len(title) or not lowered[len(title)].isalnum()):
            portfolio = _PORTFOLIO.match(text, len(title))
            return text[:portfolio.end()] if portfolio else text[:len(title)]
    return None
