"""Acronym definitions in text, after Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text": "Long Form (LF)" and "LF (Long Form)".

Case variants are definitions too ("Basic Exchange Agreement (Bea)"): the short form is kept as written and
callers compare it in upper case.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

_PAREN = re.compile(r"\(\s*([^()]{2,120}?)\s*\)")
_SHORT = re.compile(r"^[A-Za-z][\w&.-]{1,11}$")
_SHORT_BEFORE = re.compile(r"([A-Z][\w&-]{1,11})\s*$")
_QUOTES = "“”\"'‘’,:;"


class Acronym(NamedTuple):
    short: str
    long: str
    short_start: int
    long_start: int
    long_end: int


def find_acronyms(text: str) -> Iterator[Acronym]:
    """Acronym definitions with their character offsets in `text`."""
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        if _is_short_form(inner):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[max(line_start, m.start() - 200):m.start()].rstrip()
            long = _long_form(inner, before)
            if long:
                long_end = max(line_start, m.start() - 200) + len(before)
                yield Acronym(inner, long, m.start(1), long_end - len(long), long_end)
        elif len(inner.split()) > 1:
            short = _SHORT_BEFORE.search(text, max(0, m.start() - 15), m.start())
            if short and _matches(short.group(1), inner):
                yield Acronym(short.group(1), inner, short.start(1), m.start(1), m.end(1))


def _is_short_form(text: str) -> bool:
    """"NATO", "Asea", "G20-Plus": one word of at most 12 characters, with two capitals or a capital
    first and at most 8 characters."""
    if not _SHORT.match(text):
        return False
    return sum(ch.isupper() for ch in text) >= 2 or (text[0].isupper() and len(text) <= 8)


def _long_form(short: str, before: str) -> str | None:
    """The shortest tail of `before` that the short form abbreviates, limited to min(|SF| + 5, 2|SF|) words; one
    that begins with a lower-case word takes the capitalized word before it when that word's initial is the
    short form's too (the first letter stands for the name's first word, not for "of")."""
    letters = [ch.lower() for ch in short if ch.isalnum()]
    words = re.findall(r"\S+", before)
    limit = min(len(letters) + 5, 2 * len(letters))
    for n in range(1, min(limit, len(words)) + 1):
        candidate = " ".join(words[-n:])
        if candidate[0].lower() == letters[0] and _matches(short, candidate):
            if candidate[0].islower() and n < len(words) and words[-n - 1][:1].isupper() \
                    and words[-n - 1][0].lower() == letters[0]:
                candidate = " ".join(words[-n - 1:])  # "Office of National Statistics (ONS)", not "of National ..."
            stripped = candidate.strip(_QUOTES)
            # keep the long form's end aligned with `before` (a closing quote stays outside only at the start)
            return stripped if before.endswith(stripped) else candidate
    return None


def _matches(short: str, long: str) -> bool:
    """Schwartz-Hearst match: every short-form character appears in order in the long form, the first one
    at the start of a word."""
    s = [ch.lower() for ch in short if ch.isalnum()]
    lf = long.lower()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        ch = s[si]
        while li >= 0 and (lf[li] != ch or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    return True
