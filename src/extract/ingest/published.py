"""Publication dates: the `published` value of a sidecar, a feed or an HTML page's metadata, in any format and
language ("Wed, Jul 09, 2025", "09.07.2025", "9 juillet 2025", "2025-07-09T10:00:00+05:30"), and the date line
or dateline at the top of an article ("Published: 3 March 2024", "New Delhi, Nov. 01, 2025: ...").

Values are read by dateparser with strict settings: a day, a month and a year are required, relative words
("yesterday", "2 days ago") are no publication date, and a value with a zone is taken in UTC. What is not
certainly one date gives no date and a reason ("31/02/2025x", "07/09/2025" read two ways), never a guess.
Plain ISO dates and English date lines are read by a few regular expressions first: most inputs never reach
dateparser, which is slower.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from functools import lru_cache

from extract.ingest.language import likely_languages
from extract.normalize.timex.vocabulary import alternation, vocabulary
from extract.records import Segment

_MONTHS = vocabulary().months  # "january", "jan" -> 1: the time vocabulary's
_MONTH = r"(?P<month>" + alternation(_MONTHS) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:" + alternation(vocabulary().weekdays) + r"\.?,?\s*)?"
_DATES = [
    re.compile(_WEEKDAY + _MONTH + r"\s*" + _DAY + r",?\s*" + _YEAR, re.I),
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s*" + _YEAR, re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)"
               r"(?P<zoned>T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d))?", re.I),
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

# A date line in another language or format ("Publié le 9 juillet 2025", "09.07.2025 | 10:00"): a short line with
# a day and a year, read by dateparser piece by piece (the parts between separators, without leading labels).
_DATE_LINE_MAX_CHARS = 80
_DATE_LINE_MAX_WORDS = 10
_DATE_LINE_PIECES = re.compile(r"\s+[|·•]\s+|\s+[-–—]\s+|\s*[|·•]\s*")
# A day (not a share or a decimal: "8.1%", "25%") and a year.
_DAY = r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])(?![\d%]|[.,]\d+%)"
_DAY_AND_YEAR = re.compile(rf"{_DAY}.*?(?:19|20)\d\d|(?:19|20)\d\d.*?{_DAY}")
_LABEL_WORDS = 3  # words a label may take before the date ("Last updated on")

# Numeric dates: ISO first; "09.07.2025" and "09-07-2025" are day-month-year wherever they are written so;
# "07/09/2025" is ambiguous unless one of the two numbers is over 12.
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$", re.I)
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})(?P<rest>[T ,].*)?$", re.I)
_EARLIEST_YEAR, _LATEST_YEAR = 1800, 2200
# Settings that make dateparser refuse rather than guess: all three parts, absolute dates only, UTC.
_STRICT = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"],
           "RETURN_AS_TIMEZONE_AWARE": True, "TO_TIMEZONE": "UTC", "DATE_ORDER": "DMY"}
_WORD = re.compile(r"[^\W\d_]{3,}")
LIKELY_LANGUAGES = 15  # how many of the identifier's likeliest languages dateparser tries on a foreign date


def find_published(text: str, segments: list[Segment]) -> date | None:
    """The publication date stated in the first lines of the text, or None."""
    lines = _header_lines(text, segments)
    for line in lines:
        for pattern in _DATES:
            for m in pattern.finditer(line):
                found = _to_date(m)
                if found and _is_header_date(line, m):
                    return found
    for line in lines:
        found = _date_line(line)
        if found:
            return found
    return None


def _header_lines(text: str, segments: list[Segment]) -> list[str]:
    """The first non-blank lines that hold a year (the only ones that can state a publication date)."""
    lines = []
    seen = 0
    for seg in segments:
        if seg.kind == "blank":
            continue
        seen += 1
        if seen > _HEADER_LINES:
            break
        line = text[seg.start:seg.end]
        if _ANY_YEAR.search(line):
            lines.append(line)
    return lines


def _is_header_date(line: str, m: re.Match) -> bool:
    before, after = line[:m.start()], line[m.end():]
    if _DATE_LINE_REST.match(before) and _DATE_LINE_REST.match(after):
        return True
    return bool((_DATELINE_PLACE.match(before) or not before.strip()) and _DATELINE_AFTER.match(after))


def _date_line(line: str) -> date | None:
    """A short line that is only a date, with labels and a clock time around it, in any language."""
    line = line.strip()
    if len(line) > _DATE_LINE_MAX_CHARS or len(line.split()) > _DATE_LINE_MAX_WORDS or line.endswith((".", "?", "!")):
        return None
    for piece in _DATE_LINE_PIECES.split(line):
        if not _DAY_AND_YEAR.search(piece):
            continue
        words = piece.split()
        for skip in range(min(_LABEL_WORDS, len(words) - 1) + 1):  # "Published on 9 July 2025": drop the label
            found, _ = read_published(" ".join(words[skip:]).strip(" :,"))
            if found:
                return found
    return None


def _to_date(m: re.Match) -> date | None:
    groups = m.groupdict()
    if groups.get("zoned"):  # an ISO time with a zone: the day in UTC
        return read_published(m.group())[0]
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get(groups["month"].lower().rstrip("."))
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except (TypeError, ValueError):
        return None


def parse_published(value: object) -> date | None:
    """A sidecar, feed or metadata `published` value as a date (in UTC when it has a zone); None if it is not
    certainly one date."""
    return read_published(value)[0]


def read_published(value: object) -> tuple[date | None, str | None]:
    """(the date, None), or (None, why the value gives no date)."""
    if isinstance(value, datetime):
        return _utc_date(value), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_timestamp(value)
    if not isinstance(value, str):
        return None, f"a {type(value).__name__}, not a date"
    text = " ".join(value.split())
    if not text:
        return None, "empty"
    if _ISO.match(text):
        try:
            return _checked(_utc_date(datetime.fromisoformat(text.replace("z", "Z"))))
        except ValueError:
            return None, "not a day of the calendar"
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric(numeric)
    for pattern in _DATES[:2]:  # English dates without a clock time: no need for dateparser
        m = pattern.fullmatch(text)
        if m:
            found = _to_date(m)
            return (found, None) if found else (None, "not a day of the calendar")
    return _dateparser(text)


def _numeric(m: re.Match) -> tuple[date | None, str | None]:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if m["sep"] == "/" and a <= 12 and b <= 12 and a != b:
        return None, f"ambiguous: {m['a']}/{m['b']} may be day/month or month/day"
    day, month = (b, a) if m["sep"] == "/" and b > 12 else (a, b)
    if m["rest"]:  # a clock time or zone after the date: let dateparser convert to UTC
        return _dateparser(f"{year:04d}-{month:02d}-{day:02d}{m['rest']}")
    try:
        return _checked(date(year, month, day))
    except ValueError:
        return None, "not a day of the calendar"


def _dateparser(text: str) -> tuple[date | None, str | None]:
    found = _parse_with_dateparser(text)
    if found is None:
        return None, "not a full date (day, month and year)"
    return _checked(found)


@lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str) -> date | None:
    """dateparser in English first (fast); when the text has words English does not read ("9 juillet 2025"),
    in the languages the identifier finds likeliest: letting dateparser try all of its 200 locales compiles
    each one's patterns, seconds per process."""
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings=_STRICT)
    if parsed is None and _WORD.search(text):
        languages = [lang for lang in likely_languages(text, LIKELY_LANGUAGES) if lang in _dateparser_languages()]
        if languages:
            parsed = dateparser.parse(text, languages=languages, settings=_STRICT)
    return _utc_date(parsed) if parsed is not None else None


@lru_cache(maxsize=1)
def _dateparser_languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader

    return frozenset(default_loader.get_locale_map())


def _utc_date(moment: datetime) -> date:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.date()


def _from_timestamp(value: float) -> tuple[date | None, str | None]:
    seconds = value / 1000 if abs(value) > 1e11 else value  # milliseconds, as JavaScript writes them
    try:
        return _checked(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
    except (OverflowError, OSError, ValueError):
        return None, "a number that is no timestamp"


def _checked(found: date) -> tuple[date | None, str | None]:
    if not _EARLIEST_YEAR <= found.year <= _LATEST_YEAR:
        return None, f"year {found.year} is not plausible"
    return found, None
