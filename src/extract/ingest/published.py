"""Publication date from the top of an article: a date line ("Wed, Jul 09, 2025", "Published: 3 March 2024")
or a dateline ("New Delhi, Nov. 01, 2025: ..."). Only full dates with a year count; anything else is no date."""
from __future__ import annotations

import re
from datetime import date

from extract.records import Segment

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s*)?"
_DATES = [
    re.compile(_WEEKDAY + _MONTH + r"\s*" + _DAY + r",?\s*" + _YEAR, re.I),
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s*" + _YEAR, re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"),
]
# What may surround a date on a date line: labels, separators, a by-line, a clock time (ISO too) and a time zone.
_DATE_LINE_REST = re.compile(
    r"^(?:by\s+[\w.'’ -]{1,60}?\s*[|·•/]\s*)?"
    r"(?:\s|published|updated|posted|last|on|at|date|:|\||/|·|•|-|–|—|,"
    r"|t?\d{1,2}[:.]\d\d(?::\d\d(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?(?:z|[+-]\d\d:?\d\d)?|(?-i:[A-Z]{2,4})\b)*$", re.I)
_DATELINE_PLACE = re.compile(r"^\s*[A-Z][\w.'’ -]{0,40}?,\s*$")
_DATELINE_AFTER = re.compile(r"^\s*(?:[:–—-]|\(\w+\)\s*[:–—-])")
_HEADER_LINES = 12
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")  # every date pattern needs one: lines without are skipped cheaply


def find_published(text: str, segments: list[Segment]) -> date | None:
    """The publication date stated in the first lines of the text, or None."""
    seen = 0
    for seg in segments:
        if seg.kind == "blank":
            continue
        seen += 1
        if seen > _HEADER_LINES:
            break
        line = text[seg.start:seg.end]
        if not _ANY_YEAR.search(line):
            continue
        for pattern in _DATES:
            for m in pattern.finditer(line):
                found = _to_date(m)
                if found and _is_header_date(line, m):
                    return found
    return None


def _is_header_date(line: str, m: re.Match) -> bool:
    before, after = line[:m.start()], line[m.end():]
    if _DATE_LINE_REST.match(before) and _DATE_LINE_REST.match(after):
        return True
    return bool((_DATELINE_PLACE.match(before) or not before.strip()) and _DATELINE_AFTER.match(after))


def _to_date(m: re.Match) -> date | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get(groups["month"].lower().rstrip("."))
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except (TypeError, ValueError):
        return None


def parse_published(value: object) -> date | None:
    """A sidecar or feed `published` value (ISO date or datetime string) as a date; None if it is not one."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    for pattern in _DATES[:2]:
        m = pattern.fullmatch(value.strip())
        if m:
            return _to_date(m)
    return None
