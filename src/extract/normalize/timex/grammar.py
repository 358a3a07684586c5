"""Regex fragments of the time-expression grammar, built from the vocabulary.

Rules are written as templates: `<MONTH>` stands for the month fragment with its group named "month",
`<MONTH:m2>` names the group "m2", `<MONTH!>` has no group (for a part that is read again as a whole).
A space stands for any run of white space.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extract.normalize.timex.vocabulary import alternation, vocabulary

_NAMED = re.compile(r"\(\?P<(\w+)>")
_PLACEHOLDER = re.compile(r"<([A-Z_]+)(?::(\w+)|(!))?>")


@lru_cache(maxsize=1)
def fragments() -> dict[str, str]:
    """Each fragment is one group named after itself (lower case) that may contain unnamed groups."""
    v = vocabulary()
    full_months = [m for m in v.months if len(m) > 4 or m in ("may", "june", "july")]
    abbreviated = [m for m in v.months if m not in full_months]
    full_weekdays = [w for w in v.weekdays if w.endswith("day")]
    short_weekdays = [w for w in v.weekdays if not w.endswith("day")]
    ones = alternation(v.spelled(1, 9))
    teens = alternation(v.spelled(10, 19))
    tens = alternation(v.spelled(20, 90, step=10))
    word_number = (rf"(?:{tens}(?:[-\s]{ones})?|{teens}|{ones}|zero|a\s+dozen|dozen|a\s+couple(?:\s+of)?|couple\s+of"
                   rf"|a\s+pair\s+of|a|an)(?:\s+(?:hundred|thousand))?(?:\s+and\s+a\s+half)?")
    small_ordinals = [o for o, n in v.ordinals.items() if 1 <= n <= 31]
    spelled_year = (rf"(?:(?:nineteen|eighteen|twenty)[-\s]+(?:hundred|oh[-\s]+{ones}|{tens}(?:[-\s]+{ones})?|{teens})"
                    rf"|two[-\s]+thousand(?:[-\s]+(?:and[-\s]+)?(?:{tens}(?:[-\s]+{ones})?|{teens}|{ones}))?)")
    decade_words = alternation(["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                                "nineties"])
    units = alternation(v.units)
    return {
        "MONTH": rf"(?P<month>{alternation(full_months)}\b|{alternation(abbreviated)}(?:\.|\b))",
        "MONTH_FULL": rf"(?P<month_full>{alternation(full_months)})\b",
        "DAY": rf"(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)|{alternation(small_ordinals)})",
        "YEAR": rf"(?P<year>(?:1[5-9]|20)\d\d(?![\d,.:]?\d)|{spelled_year})",
        "YEAR_DIGITS": r"(?P<year_digits>(?:1[5-9]|20)\d\d)(?![\d,.:]?\d)",
        "SHORT_YEAR": r"(?P<short_year>['’]\d\d)\b",
        "WEEKDAY": rf"(?P<weekday>{alternation(full_weekdays)}|{alternation(short_weekdays)}(?:\.|\b))",
        "WEEKDAY_FULL": rf"(?P<weekday_full>{alternation(full_weekdays)})",
        "NUM": rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|{word_number}|{alternation(v.vague_numbers)})",
        "UNIT": rf"(?P<unit>{units})",
        "QUALIFIER": rf"(?P<qualifier>{alternation(v.unit_qualifiers)})",
        "ORD": rf"(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{alternation(v.ordinals)})",
        "SEASON": rf"(?P<season>{alternation(v.seasons)})",
        "PART": rf"(?P<part>{alternation(v.day_parts)})",
        "REL": rf"(?P<rel>{alternation(v.relative_words)})",
        "DEICTIC": rf"(?P<deictic>{alternation(v.deictic_days)})",
        "CLOCK": (r"(?P<clock>(?:[01]?\d|2[0-4])(?:[:.][0-5]\d)?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)"
                  rf"|(?:[01]?\d|2[0-4]):[0-5]\d(?!\d)|{alternation(v.clock_words)}"
                  rf"|(?:[01]\d|2[0-3])[0-5]\d(?=\s*{alternation(v.universal_zones - {'z'})}\b))"),
        # "GMT", "UTC+5", "GMT -03:30", "EST", "Z" (right after the clock: "09:30Z")
        "ZONE": (rf"(?P<zone>{alternation(v.universal_zones - {'z'})}(?:\s*[+−-]\s*\d{{1,2}}(?:[:.]?[0-5]\d)?(?!\d))?\b"
                 rf"|{alternation(v.regional_zones)}\b|(?<=\d)z\b)"),
        "DECADE": rf"(?P<decade>(?:1[5-9]|20)\d0['’]?s\b|['’]?[1-9]0['’]?s\b|{decade_words})",
        "HOLIDAY": rf"(?P<holiday>{alternation(v.holidays)})",
        "REFERENCE": rf"(?P<reference>{alternation(v.references)})",
        "SET": rf"(?P<set>{alternation(v.set_words)})",
        "DIR": r"(?P<dir>ago|earlier|from\s+now|hence|back|previously)",
    }


def expand(template: str, *, grouped: bool = True) -> str:
    """The regex of a rule template (see the module docstring)."""
    table = fragments()

    def sub(m: re.Match) -> str:
        name, rename, bare = m.group(1), m.group(2), m.group(3)
        fragment = table[name]
        if bare or not grouped:
            return _NAMED.sub("(?:", fragment)
        if rename:
            return fragment.replace(f"(?P<{name.lower()}>", f"(?P<{rename}>", 1)
        return fragment
    body = _PLACEHOLDER.sub(sub, template).replace(" ", r"\s+")
    return body if grouped else _NAMED.sub("(?:", body)
