"""Find time expressions in running text with the same rules that read them.

One regex (the union of every rule, with the modifiers that may precede it) finds where an expression
starts; each rule then says how far it reaches from there, and the longest reach that the normalizer can
read wins. Spans include their modifiers and determiner ("about two years ago", "the early 1990s"), as
TimeML marks them, and never a leading preposition.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract.normalize.timex.grammar import expand
from extract.normalize.timex.normalizer import parse, clean
from extract.normalize.timex.rules import RULES
from extract.normalize.timex.vocabulary import alternation, vocabulary

_BEFORE = r"(?<![\w$£€¥'’/:])(?<!\d[.,])"
_AFTER = r"(?![\w]|['’](?!s\b)|\.\d|,\d|/\d|:\d|(?-i:-[a-z]))"


@lru_cache(maxsize=1)
def _prefix() -> str:
    v = vocabulary()
    modifiers = alternation(list(v.modifiers) + list(v.numeric_modifiers))
    suffix_free = r"(?:(?:earlier|later)(?:\s+in)?\s+)"
    return rf"(?:{modifiers}[\s-]+)?{suffix_free}?(?:the\s+)?"


@lru_cache(maxsize=1)
def _suffix() -> str:
    return rf"(?:\s+{alternation(vocabulary().suffix_modifiers)})?"


@lru_cache(maxsize=1)
def _scanner() -> re.Pattern:
    core = "|".join(f"(?:{expand(r.template, grouped=False)})" for r in RULES)
    return re.compile(rf"{_BEFORE}{_prefix()}(?:{core}){_AFTER}", re.I)


@lru_cache(maxsize=1)
def _rule_patterns() -> list[re.Pattern]:
    return [re.compile(rf"{_prefix()}(?:{expand(r.template, grouped=False)}){_suffix()}{_AFTER}", re.I) for r in RULES]


def find_expressions(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the time expressions of a text, in order, not overlapping."""
    found: list[tuple[int, int]] = []
    scanner, patterns = _scanner(), _rule_patterns()
    pos = 0
    while True:
        m = scanner.search(text, pos)
        if m is None:
            return found
        start = m.start()
        ends = sorted({e for pattern in patterns if (e := _end(pattern, text, start)) is not None}, reverse=True)
        end = next((e for e in ends if parse(clean(text[start:e])) is not None), None)
        if end is None:
            pos = start + 1
            continue
        found.append((start, end))
        pos = end


def _end(pattern: re.Pattern, text: str, start: int) -> int | None:
    m = pattern.match(text, start)
    return m.end() if m else None
