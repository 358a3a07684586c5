"""Acronym definitions in text, after Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text": "Long Form (LF)" and "LF (Long Form)"."""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

_PAREN = re.compile(r"\(\s*([^()]{2,120}?)\s*\)")
_SHORT = re.compile(r"^[A-Za-z][\w&.-]{1,11}$")


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
        if _SHORT.match(inner) and sum(ch.isupper() for ch in inner) >= 2 or (_SHORT.match(inner) and inner[0].isupper() and len(inner) <= 8):
            before = text[max(0, m.start() - 200):m.start()].rstrip()
            offset = m.start() - len(text[max(0, m.start() - 200):m.start()]) + 0
            long = _long_form(inner, before)
            if long:
                long_start = offset + len(before) - len(long)
                yield Acronym(inner, long, m.start(1), long_start, long_start + len(long))
        else:
            words = inner.split()
            if not words:
                continue
            after_match = re.search(r"([A-Z][\w&-]{1,11})\s*$", text[max(0, m.start() - 15):m.start()])
            if after_match and len(words) > 1 and _matches(after_match.group(1), inner):
                start = max(0, m.start() - 15) + after_match.start(1)
                yield Acronym(after_match.group(1), inner, start, m.start(1), m.end(1))


def _long_form(short: str, before: str) -> str | None:
    """The shortest tail of `before` that the short form abbreviates, limited to min(|SF| + 5, 2|SF|) words."""
    letters = [ch.lower() for ch in short if ch.isalnum()]
    words = re.findall(r"\S+", before.split("\n")[-1])
    limit = min(len(letters) + 5, 2 * len(letters))
    for n in range(1, min(limit, len(words)) + 1):
        candidate = " ".join(words[-n:])
        if candidate[0].lower() == letters[0] and _matches(short, candidate):
            return candidate.strip("“”\"'‘’,:;")
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
