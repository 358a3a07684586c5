"""Find time expressions in running text with the same rules that read them.

One regex (the union of every rule, with the modifiers that may precede it) finds where an expression
starts; each rule then says how far it reaches from there, and the longest reach that the normalizer can
read wins. Spans include their modifiers and determiner ("about two years ago", "the early 1990s"), as
TimeML marks them, and never a leading preposition.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract.normalize.timex.grammar import expand, fragments
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
    # "the" belongs to noun phrases ("the past", "the third quarter", "the end of the 1990s"), not to a date used
    # as an adjective ("the Oct. 23 shooting", "the 1987 model")
    no_the = rf"(?:[\d'’](?![\d'’]*0['’]?s\b)|{alternation(v.months)}\b)"
    joined = alternation(v.hyphen_modifiers)
    return rf"(?:{modifiers}[\s-]+|{joined}-)?{suffix_free}?(?:the\s+(?!{no_the}))?"


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


# Words every expression contains at least one of, besides the vocabulary and digits: where to look.
_LITERAL_HEADS = ("half", "period", "while", "time", "lifetime", "term", "date")
# How many words an expression may reach back from that word ("the end of the current fiscal year").
_REACH_BACK = 7
_WORD = re.compile(r"['’]?[^\W_]+")


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """The head words of the vocabulary ("term" of "the near term"): each expression has one."""
    v = vocabulary()
    tables = (v.months, v.weekdays, v.units, v.seasons, v.day_parts, v.clock_words, v.deictic_days, v.references,
              v.set_words, v.holidays)
    words = {_WORD.findall(phrase)[-1] for table in tables for phrase in table}
    words.update(("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"))
    return frozenset(w for w in words | set(_LITERAL_HEADS) if w[0].isalpha())


@lru_cache(maxsize=1)
def _lead_words() -> frozenset[str]:
    """Words that may come before the head inside an expression: every word of the vocabulary and of the rules."""
    v = vocabulary()
    tables = (v.months, v.weekdays, v.numbers, v.vague_numbers, v.ordinals, v.units, v.unit_qualifiers, v.seasons,
              v.day_parts, v.clock_words, v.modifiers, v.hyphen_modifiers, v.numeric_modifiers, v.relative_words,
              v.deictic_days, v.references, v.set_words, v.holidays)
    words = {w for table in tables for phrase in table for w in _WORD.findall(phrase)}
    literals = [r.template for r in RULES] + list(fragments().values())
    words.update(w for text in literals for w in re.findall(r"(?<![<\\?])\b[a-z]{2,}\b", text))
    return frozenset(words)


def find_expressions(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the time expressions of a text, in order, not overlapping.

    Only the few words before a time word (a month, a unit, a digit...) are tried as starts, so a text costs
    little more than one pass of a word regex."""
    words = [(m.start(), m.group().lower()) for m in _WORD.finditer(text)]
    triggers, leads = _trigger_words(), _lead_words()
    starts: set[int] = set()
    for i, (start, word) in enumerate(words):
        if word in triggers or not word.isalpha() and any(c.isdigit() for c in word):
            starts.add(start)
            for j in range(i - 1, max(-1, i - 1 - _REACH_BACK), -1):
                before = words[j][1]
                if before not in leads and not before[-1].isdigit():
                    break
                starts.add(words[j][0])
    found: list[tuple[int, int]] = []
    scanner, patterns = _scanner(), _rule_patterns()
    pos = 0
    for start in sorted(starts):
        if start < pos or not scanner.match(text, start):
            continue
        ends = sorted({m.end() for pattern in patterns if (m := pattern.match(text, start))}, reverse=True)
        end = next((e for e in ends if parse(clean(text[start:e])) is not None), None)
        if end is not None:
            found.append((start, end))
            pos = end
    return found
