"""One time expression to its TIMEX3 value: clean the words, peel off modifiers ("early", "about", "the end
of") and function words, find the rule whose pattern matches the rest, build the value in context.

The reading of the words (which rule, which groups) depends only on the text and is cached; building the
value is cheap and depends on the publication date, the tense and the last date mentioned.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from extract.normalize.timex.anchoring import Context
from extract.normalize.timex import periods as p
from extract.normalize.timex.periods import Timex
from extract.normalize.timex.rules import RULES, Rule
from extract.normalize.timex.vocabulary import alternation, vocabulary

# Words that may stand before an expression without changing it ("in 2019", "the past", "earlier this year").
_FUNCTION_WORDS = ("the", "in", "on", "at", "by", "since", "until", "till", "from", "during", "for", "of", "before",
                   "after", "through", "throughout", "within", "as of", "as early as", "as late as", "to", "between",
                   "and", "sometime", "some time", "starting",
                   "beginning", "ending", "ended", "into", "this time", "as recently as", "only", "just")
_SPACES = re.compile(r"\s+")
_SIDE = "side:"  # the "mod" of "earlier", "later": which side of the anchor (not a TIMEX3 mod)
_TRAILING = re.compile(r"[\s,;:!?()\"]+$|(?<![ap]\.m)(?<![ap]m)(?<!\b[a-z])\.$")


def clean(text: str) -> str:
    """The lookup key of an expression: lower case, plain quotes and hyphens, single spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = _SPACES.sub(" ", text).strip()
    text = re.sub(r"(?<=[a-z])\.(?=\d)", ". ", text)  # "nov.01,2025"
    text = re.sub(r"(?<=\d),(?=\d{4}\b)", ", ", text)
    return _TRAILING.sub("", text).strip(" \"'(")


@lru_cache(maxsize=1)
def _prefixes() -> list[tuple[str, str | None, bool]]:
    """(prefix, mod, numeric only) longest first: modifiers, then function words. A prefix that ends in a
    hyphen ("pre-") is joined to the rest only by it."""
    v = vocabulary()
    found = {w: (m, w in v.numeric_modifiers) for w, m in v.modifiers.items()}
    found.update({f"{w}-": (m, False) for w, m in v.hyphen_modifiers.items()})
    for w in v.numeric_modifiers:
        found.setdefault(w, (v.modifiers.get(w), True))
    for w, side in v.anchor_sides.items():
        found.setdefault(w, (_SIDE + side, False))
    for w in _FUNCTION_WORDS:
        found.setdefault(w, (None, False))
    return sorted(((w, m, n) for w, (m, n) in found.items()), key=lambda x: -len(x[0]))




Reading = tuple[tuple[Rule, dict], ...]


@lru_cache(maxsize=1)
def _numeric_start() -> re.Pattern:
    """What may follow a modifier of amounts ("about", "nearly"): a digit, or a number or quantity word."""
    words = [*vocabulary().numbers, *vocabulary().vague_numbers, "half"]
    return re.compile(rf"^(?:\d|{alternation(words)}\b)")


@lru_cache(maxsize=65_536)
def parse(key: str) -> tuple[Reading, str | None] | None:
    """The rules (with their groups) that read a cleaned expression, and the modifier peeled off it."""
    readings = tuple((r, {**m.groupdict(), "_text": key}) for r in RULES if (m := r.pattern.fullmatch(key)))
    if readings:
        return readings, None
    for suffix, mod in vocabulary().suffix_modifiers.items():
        if key.endswith(" " + suffix):
            inner = parse(key[: -len(suffix) - 1])
            if inner:
                return inner[0], inner[1] or mod
    for prefix, mod, numeric in _prefixes():
        if key.startswith(prefix) and len(key) > len(prefix) and (prefix[-1] == "-" or key[len(prefix)] in " -"):
            rest = key[len(prefix):].lstrip(" -")
            if numeric and not _numeric_start().match(rest):
                continue
            inner = parse(rest)
            if inner:
                return inner[0], inner[1] or mod
    # A possessive last, once the modifiers are off: "the mid 1990's" is the decade, "last year's" the year.
    if key.endswith("'s"):
        return parse(key[:-2])
    return None


def read(text: str, ctx: Context) -> Timex | None:
    """The Timex of an expression in a context; None when no rule reads it."""
    parsed = parse(clean(text))
    if parsed is None:
        return None
    readings, mod = parsed
    for rule, groups in readings:
        try:
            result = rule.build(groups, ctx)
        except (ValueError, OverflowError):  # "6,000 years ago", "the 300th century": beyond the calendar
            continue
        if result is not None:
            if mod and mod.startswith(_SIDE):
                return p.before_or_after(result, ctx.anchor, mod[len(_SIDE):])
            return p.with_mod(result, mod) if mod and result.type != "SET" else result
    return None


@lru_cache(maxsize=100_000)
def normalize_date(text: str, anchor: date | None = None, tense: str | None = None,
                   references: tuple[Timex, ...] = ()) -> Timex | None:
    """TIMEX3 normalization of one expression; None when it is not a time expression we can read.

    `anchor` is the publication date (None leaves relative expressions unresolved); `tense` ("past",
    "present", "future") chooses between the previous and the next Friday, summer, March...; `references`
    are the dates the text mentioned last (most recent first), for "the same quarter a year earlier",
    "that day".
    """
    return read(text, Context(anchor, tense, tuple(references), read=read))
