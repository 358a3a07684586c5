"""The words of time expressions, read once from `data/timex.yaml`, as lookup tables and regex alternations.

Everything the grammar knows about English time words (months, units, modifiers, holidays...) is in that
file; this module only reshapes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.lexicons import HolidayDate, timex_words


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of time: TIMEX3 duration letter, how many of it one unit is, and whether it is a clock unit."""

    name: str
    code: str
    amount: int = 1
    time: bool = False


@dataclass(frozen=True)
class Vocabulary:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]  # Monday = 0
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, Unit]  # singular and plural forms
    unit_abbreviations: frozenset[str]
    unit_qualifiers: tuple[str, ...]
    seasons: dict[str, str]
    season_months: dict[str, tuple[int, int]]
    day_parts: dict[str, str]
    clock_words: dict[str, str]
    modifiers: dict[str, str]
    hyphen_modifiers: dict[str, str]
    numeric_modifiers: frozenset[str]
    suffix_modifiers: dict[str, str]
    anchor_sides: dict[str, str]  # "earlier in" -> "before"
    relative_words: dict[str, int]
    deictic_days: dict[str, int]
    references: dict[str, str]
    calendar_references: frozenset[str]
    unnamed_days: frozenset[str]
    set_words: dict[str, str]
    holidays: dict[str, HolidayDate]
    planning_words: frozenset[str]
    planning_participles: frozenset[str]
    intention_words: frozenset[str]
    deadline_words: frozenset[str]
    universal_zones: frozenset[str]
    regional_zones: frozenset[str]


    def spelled(self, low: int, high: int, step: int = 1) -> list[str]:
        """The cardinal of each number from `low` to `high` (every `step`), its first one-word spelling in the
        data: spelled(1, 9) is one ... nine ("twelve", not "dozen")."""
        first: dict[int, str] = {}
        for word, n in self.numbers.items():
            if word.isalpha() and len(word) > 2:
                first.setdefault(n, word)
        return [w for n, w in first.items() if low <= n <= high and (n - low) % step == 0]


def _invert(table: dict, cast=lambda k: k) -> dict:
    return {word.lower(): cast(key) for key, words in table.items() for word in words}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary of `data/timex.yaml` (read once per process)."""
    raw = timex_words()
    units: dict[str, Unit] = {}
    abbreviations = {form for spec in raw.units.values() for short in spec.also for form in (short, short + "s")}
    for name, spec in raw.units.items():
        unit = Unit(name, spec.code, spec.amount, spec.time)
        for form in [name, *spec.also]:
            units[form] = unit
            units[form + "s"] = unit
        if spec.plural:
            units[spec.plural] = unit
    return Vocabulary(
        months=_invert(raw.months),
        ambiguous_months=frozenset(raw.ambiguous_months),
        weekdays=_invert(raw.weekdays, lambda k: k - 1),
        numbers={k.lower(): v for k, v in raw.numbers.items()},
        vague_numbers=frozenset(raw.vague_numbers),
        ordinals=dict(raw.ordinals),
        units=units,
        unit_abbreviations=frozenset(abbreviations),
        unit_qualifiers=raw.unit_qualifiers,
        seasons=_invert(raw.seasons),
        season_months={k: (v[0], v[1]) for k, v in raw.season_months.items()},
        day_parts=_invert(raw.day_parts),
        clock_words=dict(raw.clock_words),
        modifiers=_invert(raw.modifiers),
        hyphen_modifiers=_invert(raw.hyphen_modifiers),
        numeric_modifiers=frozenset(raw.numeric_modifiers),
        suffix_modifiers=_invert(raw.suffix_modifiers),
        anchor_sides=_invert(raw.anchor_sides),
        relative_words=_invert(raw.relative_words),
        deictic_days=dict(raw.deictic_days),
        references=_invert(raw.references),
        calendar_references=frozenset(raw.calendar_references),
        unnamed_days=frozenset(raw.unnamed_days),
        set_words=_invert(raw.set_words),
        holidays=dict(raw.holidays),
        planning_words=frozenset(raw.planning_words),
        planning_participles=frozenset(raw.planning_participles),
        intention_words=frozenset(raw.intention_words),
        deadline_words=frozenset(raw.deadline_words),
        universal_zones=frozenset(raw.time_zones.universal),
        regional_zones=frozenset(raw.time_zones.regional),
    )


def alternation(words) -> str:
    """A regex alternation of words or phrases, longest first (so "sept" wins over "sep"); a space in a
    phrase matches any run of white space, a hyphen a hyphen or a space."""
    def one(word: str) -> str:
        return r"\s+".join(re.escape(part).replace(r"\-", r"[-\s]") for part in word.split())
    return "(?:" + "|".join(one(w) for w in sorted(set(words), key=len, reverse=True)) + ")"
