"""The grammar of time expressions: one rule per family, a pattern and the function that builds its value.

A rule's pattern must match the whole (lower-cased) core of an expression, without its modifiers ("early",
"about", "the end of") and without a leading "the" unless the rule asks for it. The same patterns, joined,
find expressions in running text (see `detect.py`). Builders take the pattern's groups and a `Context`
(publication date, tense, the last date mentioned) and return a `Timex`, or None when the words are not a
time expression after all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from dateutil.easter import easter

from extract.lexicons import HolidayDate
from extract.normalize.timex import periods as p
from extract.normalize.timex.anchoring import (Context, nearest_year, nth_weekday, weekday_date, year_of_day,
                                               year_of_month, year_of_part)
from extract.normalize.timex.grammar import expand
from extract.normalize.timex.numbers import parse_number
from extract.normalize.timex.periods import Timex
from extract.normalize.timex.vocabulary import vocabulary

Builder = Callable[[dict, Context], "Timex | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    template: str
    pattern: re.Pattern
    build: Builder


RULES: list[Rule] = []


def rule(*templates: str):
    """Register a builder under one or more pattern templates (tried in the order of registration)."""
    def register(fn: Builder) -> Builder:
        for template in templates:
            RULES.append(Rule(fn.__name__.lstrip("_"), template, re.compile(expand(template)), fn))
        return fn
    return register


# Precisions from the finest to the coarsest.
_ORDER = ("time", "day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century")


# ------------------------------------------------------------------------------------------ group readers
def _year(g: dict) -> int:
    if g.get("short_year"):  # "'89", "'05": the nearest century reading
        yy = int(g["short_year"][1:])
        return (2000 if yy < 50 else 1900) + yy
    text = g.get("year") or g.get("year_digits")
    if text.isdigit():
        return int(text)
    words = text.replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + (parse_number(" ".join(w for w in words[2:] if w != "and")) or 0)
    century = parse_number(words[0]) * 100
    rest = words[1:]
    if rest == ["hundred"]:
        return century
    if rest[:1] == ["oh"]:
        rest = rest[1:]
    return century + (parse_number(" ".join(rest)) or 0)


def _month(g: dict, key: str = "month") -> int:
    return vocabulary().months[g[key].rstrip(".")]


def _day(g: dict) -> int:
    text = g["day"]
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else vocabulary().ordinals[text.replace(" ", "-")]


def _ordinal(text: str) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else vocabulary().ordinals[" ".join(text.split()).replace(" ", "-")]


def _weekday(g: dict, key: str = "weekday") -> int:
    return vocabulary().weekdays[g[key].rstrip(".")]


def _shift(g: dict, key: str = "rel") -> int | None:
    return vocabulary().relative_words[" ".join(g[key].split())] if g.get(key) else None


def _unit(g: dict) -> str:
    return vocabulary().units[g["unit"]].name


def _anchored(t: Timex | None) -> Timex | None:
    return t.but(anchored=True) if t is not None else None


def _anaphoric(t: Timex | None) -> Timex | None:
    """A value read from the text around ("that quarter", "a year earlier"), or guessed in its absence."""
    return t.but(anchored=True, anaphoric=True) if t is not None else None


def _safe_day(y: int, m: int, d: int) -> Timex | None:
    try:
        return p.day(date(y, m, d))
    except ValueError:
        return None


# ------------------------------------------------------------------------------------------ absolute days
@rule(r"(?:<WEEKDAY>,? )?<MONTH>\s*<DAY>(?:,\s*|\s+|,?\s*of\s+)<YEAR>",
      r"(?:<WEEKDAY>,? )?(?:the )?<DAY>(?: of)?[\s-]+<MONTH>,?[\s-]+<YEAR>")
def _full_date(g, ctx):
    return _safe_day(_year(g), _month(g), _day(g))


@rule(r"<YEAR_DIGITS>-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)(?:t(?P<hh>[0-2]\d):(?P<mi>[0-5]\d)(?::\d\d)?)?",
      r"(?P<mm>[01]?\d)/(?P<dd>[0-3]?\d)/<YEAR_DIGITS>")
def _numeric_date(g, ctx):
    t = _safe_day(int(g["year_digits"]), int(g["mm"]), int(g["dd"]))
    if t is not None and g.get("hh"):
        return p.time_of_day(t.start, f"{g['hh']}:{g['mi']}")
    return t


@rule(r"(?:<WEEKDAY>,? )?<MONTH>\s*<DAY>",
      r"(?:<WEEKDAY>,? )?(?:the )?<DAY> (?:of )?<MONTH>")
def _month_day(g, ctx):
    m, d = _month(g), _day(g)
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}-{d:02d}", precision="day")
    if g.get("weekday"):  # "Friday, Oct. 23": the year in which that day is that weekday, near the anchor
        weekday = _weekday(g)
        for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            t = _safe_day(y, m, d)
            if t is not None and t.start.weekday() == weekday:
                return _anchored(t)
    y = year_of_day(ctx.anchor, m, d, ctx.tense)
    return _anchored(_safe_day(y, m, d)) if y else None


@rule(r"<MONTH> <DAY> (?P<yrel>last|this|next) year", r"(?:the )?<DAY> (?:of )?<MONTH> (?P<yrel>last|this|next) year")
def _month_day_relative_year(g, ctx):
    if ctx.anchor is None:
        return p.unknown("day")
    return _anchored(_safe_day(ctx.anchor.year + _shift(g, "yrel"), _month(g), _day(g)))


# ------------------------------------------------------------------------------------------ months
@rule(r"<MONTH>,?\s*(?:of )?(?:<YEAR>|<SHORT_YEAR>)")
def _month_year(g, ctx):
    return p.month(_year(g), _month(g))


@rule(r"<MONTH> (?P<yrel>last|this|next|of last|of this|of next) year")
def _month_relative_year(g, ctx):
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{_month(g):02d}", precision="month")
    return _anchored(p.month(ctx.anchor.year + _shift({"yrel": g["yrel"].split()[-1]}, "yrel"), _month(g)))


@rule(r"<REL> <MONTH>\s*<DAY>")
def _relative_month_day(g, ctx):
    """"last Oct. 23": the latest Oct. 23 before the anchor."""
    m, d = _month(g), _day(g)
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}-{d:02d}", precision="day")
    shift = _shift(g)
    for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)[::-1 if shift == -1 else 1]:
        t = _safe_day(y, m, d)
        if t is not None and (shift == -1 and t.start < ctx.anchor or shift == 1 and t.start > ctx.anchor
                              or shift == 0 and y == ctx.anchor.year):
            return _anchored(t)
    return None


@rule(r"<REL> <MONTH>")
def _relative_month(g, ctx):
    m = _month(g)
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}", precision="month")
    return _anchored(p.month(year_of_month(ctx.anchor, m, ctx.tense, _shift(g)), m))


@rule(r"<MONTH>", r"(?:the )?month of <MONTH>")
def _month_alone(g, ctx):
    m = _month(g)
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}", precision="month")
    return _anchored(p.month(year_of_month(ctx.anchor, m, ctx.tense), m))


# ------------------------------------------------------------------------------------------ years
@rule(r"(?:(?:the )?(?:fiscal|financial|calendar|model|crop|school|academic|budget|tax) )?(?:year )?<YEAR>",
      r"(?:fy|fiscal)\s*<YEAR>", r"<SHORT_YEAR>")
def _year_number(g, ctx):
    return p.year(_year(g))


@rule(r"<DECADE>")
def _decade(g, ctx):
    words = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
    text = g["decade"].replace("’", "'")
    if text in words:
        tens = 10 * (words.index(text) + 2)
    else:
        digits = re.sub(r"\D", "", text)
        if len(digits) == 4:
            return p.decade(int(digits))
        tens = int(digits)
    anchor_year = ctx.anchor.year if ctx.anchor else 2000
    century = 100 * (anchor_year // 100) if tens <= anchor_year % 100 else 100 * (anchor_year // 100 - 1)
    return p.decade(century + tens)


@rule(r"<ORD>[\s-]+century", r"(?P<ord>\d{1,2})(?:st|nd|rd|th)?[\s-]+century (?:ad|a\.d\.|ce)")
def _century(g, ctx):
    n = _ordinal(g["ord"])
    return p.century(n) if 1 <= n <= 21 else None


# ------------------------------------------------------------------------------------------ seasons
@rule(r"<SEASON>,? (?:of )?(?:<YEAR>|<SHORT_YEAR>)", r"<YEAR> <SEASON>")
def _season_year(g, ctx):
    return p.season(_year(g), vocabulary().seasons[g["season"]])


@rule(r"<SEASON> (?:of )?(?P<yrel>last|this|next) year")
def _season_relative_year(g, ctx):
    code = vocabulary().seasons[g["season"]]
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{code}", precision="season")
    return _anchored(p.season(ctx.anchor.year + _shift(g, "yrel"), code))


@rule(r"(?:<REL> )?<SEASON>", r"the <SEASON>")
def _season(g, ctx):
    code = vocabulary().seasons[g["season"]]
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-{code}", precision="season")
    a, shift = ctx.anchor, _shift(g)
    candidates = [p.season(y, code) for y in (a.year - 2, a.year - 1, a.year, a.year + 1)]
    current = next((c for c in candidates if c.start <= a <= c.end), None)
    if shift == -1 or shift is None and ctx.tense == "past" and current is None:
        chosen = [c for c in candidates if c.end < a][-1]
    elif shift == 1 or shift is None and ctx.tense == "future" and current is None:
        chosen = next(c for c in candidates if c.start > a)
    else:
        chosen = current or next(c for c in candidates if c.start.year == a.year)
    return _anchored(chosen)


# ------------------------------------------------------------------------------------------ quarters, halves
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4, "last": 4}
_QORD = r"(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_HALVES = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "last": 2, "latter": 2, "final": 2}
_HORD = r"(?P<h>first|second|1st|2nd|last|latter|final)"


@rule(rf"{_QORD}[\s-]+(?:fiscal[\s-]+|calendar[\s-]+)?quarter,?(?: of| in)?(?: (?:the )?(?:fiscal|calendar|financial)(?: year)?)? <YEAR>",
      rf"<YEAR>(?:'s)? (?:fiscal )?{_QORD}[\s-]+quarter", r"q(?P<qn>[1-4])[\s/-]*(?:fy|cy)?\s*<YEAR>",
      r"<YEAR>[\s/-]*q(?P<qn>[1-4])")
def _quarter_year(g, ctx):
    q = int(g["qn"]) if g.get("qn") else _QUARTERS[g["q"]]
    return p.quarter(_year(g), q)


@rule(rf"(?:the )?{_QORD}[\s-]+quarter (?:of )?(?P<yrel>last|this|next) year",
      rf"(?P<yrel>last|this|next) year's (?:fiscal )?{_QORD}[\s-]+quarter")
def _quarter_relative_year(g, ctx):
    if ctx.anchor is None:
        return p.unknown("quarter")
    return _anchored(p.quarter(ctx.anchor.year + _shift(g, "yrel"), _QUARTERS[g["q"]]))


@rule(rf"(?:(?:the|its|their|this|that) )?(?:fiscal |calendar )?{_QORD}[\s-]+(?:fiscal[\s-]+|calendar[\s-]+)?quarter",
      r"q(?P<qn>[1-4])")
def _quarter(g, ctx):
    q = int(g["qn"]) if g.get("qn") else _QUARTERS[g["q"]]
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-Q{q}", precision="quarter")
    return _anchored(p.quarter(year_of_part(ctx.anchor, q, 4, ctx.tense), q))


@rule(r"(?:the )?<YEAR> (?:(?:fiscal|calendar) )?(?:(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+)?(?P<unit>period|quarter|half)")
def _year_period(g, ctx):
    """"the 1988 third quarter", "the 1989 period": the period just mentioned, in that year."""
    y = _year(g)
    if g.get("q"):
        return p.quarter(y, _QUARTERS[g["q"]])
    unit = "quarter" if g["unit"] == "period" else g["unit"]
    ref = ctx.reference("quarter", "half", "month") if g["unit"] == "period" else ctx.reference(*_ORDER[:_ORDER.index(unit) + 1])
    if ref is None:
        return p.year(y)
    base = p.without_mod(ref) if g["unit"] == "period" else p.period(unit, ref.start)
    return _anaphoric(p.shift(base, months=12 * (y - base.start.year)))


@rule(rf"(?:the )?{_HORD} half (?:of )?<YEAR>", rf"<YEAR>(?:'s)? {_HORD} half", r"h(?P<hn>[12])\s*<YEAR>",
      r"<YEAR>\s*h(?P<hn>[12])")
def _half_year(g, ctx):
    return p.half(_year(g), int(g["hn"]) if g.get("hn") else _HALVES[g["h"]])


@rule(rf"(?:the )?{_HORD} half (?:of )?(?:(?:the|this) )?(?:(?P<yrel>last|this|next) )?(?:fiscal |calendar )?year",
      rf"(?:the )?{_HORD} half", rf"(?P<yrel>last|this|next) year's {_HORD} half")
def _half(g, ctx):
    h = _HALVES[g["h"]]
    if ctx.anchor is None:
        return Timex("DATE", f"XXXX-H{h}", precision="half")
    if g.get("yrel"):
        return _anchored(p.half(ctx.anchor.year + _shift(g, "yrel"), h))
    if g["_text"].endswith("year"):  # "the second half of the year": this year
        return _anchored(p.half(ctx.anchor.year, h))
    return _anchored(p.half(year_of_part(ctx.anchor, h, 2, ctx.tense), h))


# ------------------------------------------------------------------------------------------ weeks
@rule(r"(?:the )?week of <MONTH>\s*<DAY>(?:,?\s*<YEAR>)?", r"(?:the )?week of (?:the )?<DAY> (?:of )?<MONTH>(?:,?\s*<YEAR>)?")
def _week_of_day(g, ctx):
    m, d = _month(g), _day(g)
    if g.get("year"):
        y = _year(g)
    elif ctx.anchor is not None:
        y = year_of_day(ctx.anchor, m, d, ctx.tense)
    else:
        return p.unknown("week")
    t = _safe_day(y, m, d)
    return p.week(t.start).but(anchored=not g.get("year")) if t else None


@rule(r"(?:the )?<ORD> week (?:of|in) <MONTH>(?:,?\s*<YEAR>)?")
def _week_of_month(g, ctx):
    """"the first week of May": the n-th week that lies mostly in the month, i.e. the week of its n-th
    Thursday (ISO's rule for the first week of a year); "the last week": the week of its last Thursday."""
    m, n = _month(g), _ordinal(g["ord"])
    if g.get("year"):
        y = _year(g)
    elif ctx.anchor is not None:
        y = year_of_month(ctx.anchor, m, ctx.tense)
    else:
        return p.unknown("week")
    if not (n == -1 or 1 <= n <= 5):
        return None
    thursday = nth_weekday(y, m, 3, n)
    if thursday.month != m:  # a fifth Thursday the month does not have
        return None
    return p.week(thursday).but(anchored=not g.get("year"))


@rule(r"(?:the )?weekend", r"(?P<rel>this|last|next|this past|this coming|the past|the coming|past|coming) weekend")
def _weekend(g, ctx):
    if ctx.anchor is None:
        return p.unknown("weekend")
    shift, tense = _shift(g), ctx.tense
    if not shift and tense not in ("past", "future"):  # "the weekend" said on a Monday is the one just gone
        tense = "past" if ctx.anchor.weekday() <= 1 else "future"
    return _anchored(p.weekend(weekday_date(ctx.anchor, 5, tense, shift or None)))


# ------------------------------------------------------------------------------------------ weekdays, days
@rule(r"(?:<REL> )?<WEEKDAY_FULL>(?: <PART>)?")
def _weekday_name(g, ctx):
    if (g.get("part") or "").endswith("s"):  # "Tuesday nights": every Tuesday night
        return p.frequency(f"XXXX-WXX-{vocabulary().weekdays[g['weekday_full']] + 1}T{vocabulary().day_parts[g['part']]}")
    if ctx.anchor is None:
        return p.unknown("day")
    d = weekday_date(ctx.anchor, vocabulary().weekdays[g["weekday_full"]], ctx.tense, _shift(g))
    return _anchored(_with_part(p.day(d), g))


@rule(r"<WEEKDAY_FULL>,? (?:of )?<REL> week")
def _weekday_of_week(g, ctx):
    if ctx.anchor is None:
        return p.unknown("day")
    monday = ctx.anchor - timedelta(days=ctx.anchor.weekday()) + timedelta(weeks=_shift(g))
    return _anchored(p.day(monday + timedelta(days=vocabulary().weekdays[g["weekday_full"]])))


@rule(r"the (?P<drel>previous|preceding|prior|following|next) <WEEKDAY_FULL>")
def _weekday_of_reference(g, ctx):
    base = _reference_day(ctx)
    if base is None:
        return p.unknown("day")
    shift = -1 if g["drel"] in ("previous", "preceding", "prior") else 1
    return _anaphoric(p.day(weekday_date(base, vocabulary().weekdays[g["weekday_full"]], None, shift)))


@rule(r"<DEICTIC>(?: <PART>)?", r"(?P<deictic>last|this|tomorrow) <PART>")
def _deictic_day(g, ctx):
    if ctx.anchor is None:
        return p.unknown("day")
    word = " ".join(g["deictic"].split())
    if word == "last":  # "last night"
        shift = -1
    elif word == "this":  # "this morning"
        shift = 0
    else:
        shift = vocabulary().deictic_days[word]
    t = p.day(ctx.anchor + timedelta(days=shift))
    if word == "tonight":
        return _anchored(p.time_of_day(t.start, "NI"))
    return _anchored(_with_part(t, g))


@rule(r"(?:mid|early|late|later|earlier)[\s-]+<PART>(?: <DEICTIC>)?",
      r"the (?P<part>morning|afternoon|evening)")
def _part_of_day(g, ctx):
    """"mid-afternoon", "late yesterday evening", "in the morning" (of the day being told about)."""
    if ctx.anchor is None:
        return p.unknown("time")
    if g.get("deictic"):
        day = ctx.anchor + timedelta(days=vocabulary().deictic_days[" ".join(g["deictic"].split())])
        return _anchored(_with_part(p.day(day), g))
    return _anaphoric(_with_part(p.day(_reference_day(ctx)), g))


def _with_part(t: Timex, g: dict) -> Timex:
    if not g.get("part"):
        return t
    return p.time_of_day(t.start, vocabulary().day_parts[g["part"]])


def _reference_day(ctx: Context) -> date | None:
    ref = ctx.reference("day", "time")
    return ref.start if ref is not None else ctx.anchor


# ------------------------------------------------------------------------------------------ clock times
_DAY_AFTER_CLOCK = (r"(?:,?\s*(?:on )?(?P<when><WEEKDAY!>(?:,? <MONTH!>\s*<DAY!>(?:,\s*<YEAR!>)?)?|<DEICTIC!>"
                    r"|<MONTH!>\s*<DAY!>(?:,\s*<YEAR!>)?|(?:the )?<DAY!> (?:of )?<MONTH!>(?:,?\s*<YEAR!>)?))?")


@rule(r"<CLOCK>(?:\s*<ZONE>)?(?: (?:in the|at) (?P<ampart>morning|afternoon|evening|night))?(?:,? <ZONE!>)?"
      + _DAY_AFTER_CLOCK,
      r"(?P<clock>(?:[01]?\d|2[0-4]))(?: o'clock)? (?:in the|at) (?P<ampart>morning|afternoon|evening|night)"
      + _DAY_AFTER_CLOCK)
def _clock(g, ctx):
    """"3 p.m. Friday", "10:30 a.m.", "noon": the clock time on the day it names, else on the day being told about."""
    clock = _clock_value(g["clock"], g.get("ampart"))
    if clock is None:
        return None
    if g.get("when"):
        when = ctx.read(g["when"], ctx) if ctx.read is not None else None  # the day inside the time expression
        if when is None:
            return None
        if when.start is None or when.precision != "day":
            return Timex("TIME", None, precision="time")
        return _zoned(when.start, clock, g.get("zone")).but(anchored=when.anchored)
    if ctx.anchor is None:
        return Timex("TIME", f"XXXX-XX-XXT{clock}" + ("Z" if _utc_offset(g.get("zone")) is not None else ""),
                     precision="time")
    return _anaphoric(_zoned(_reference_day(ctx), clock, g.get("zone")))


def _zoned(day: date, clock: str, zone: str | None) -> Timex:
    """A clock time on a day, in UTC when its zone is universal time or an offset from it (TIMEX3 writes
    "T09:30Z"; "10:00 GMT+5" is 05:00Z); a regional zone's time stays local."""
    offset = _utc_offset(zone)
    if offset is None or ":" not in clock:
        return p.time_of_day(day, clock)
    return p.utc_time_of_day(day, clock, offset)


def _utc_offset(zone: str | None) -> int | None:
    """Minutes east of UTC of a universal zone ("gmt+5:30" is 330), None for a regional or no zone."""
    if not zone:
        return None
    m = re.fullmatch(r"([a-z]+)\s*(?:([+−-])\s*(\d{1,2})(?:[:.]?(\d\d))?)?", zone)
    if m is None or m[1] not in vocabulary().universal_zones:
        return None
    minutes = int(m[3] or 0) * 60 + int(m[4] or 0)
    return -minutes if m[2] in ("-", "−") else minutes


def _clock_value(text: str, part: str | None) -> str | None:
    """"3 p.m." is 15:00, "10:30" 10:30, "4 in the morning" 04:00, "noon" 12:00; a bare number is no time."""
    words = vocabulary().clock_words
    if text in words:
        return words[text]
    m = re.match(r"(\d\d)(\d\d)$|(\d{1,2})(?:[:.](\d\d))?\s*([ap])?", text)
    if m[1]:  # "1430 GMT": four digits before a zone
        return f"{m[1]}:{m[2]}" if int(m[1]) < 24 else None
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*([ap])?", text)
    hour, minute, half = int(m[1]), int(m[2] or 0), m[3]
    if half is None and m[2] is None and part is None or hour > 24 or half and not 1 <= hour <= 12:
        return None
    afternoon = half == "p" or half is None and (part in ("afternoon", "evening") or part == "night" and hour >= 6)
    if afternoon and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


# ------------------------------------------------------------------------------------------ holidays
@rule(r"(?:(?P<rel>last|this|next) )?<HOLIDAY>(?: (?P<around>week|weekend))?(?:,? (?:of )?<YEAR>)?")
def _holiday(g, ctx):
    """"Christmas", "last Easter", "Easter week", "the Easter weekend" (the week or weekend the day falls in)."""
    day = _holiday_day(g, ctx)
    return p.period(g["around"], day.start).but(anchored=day.anchored) if g.get("around") and day.start else day


def _holiday_day(g, ctx) -> Timex:
    spec = vocabulary().holidays[" ".join(g["holiday"].split())]
    if g.get("year"):
        y = _year(g)
    elif ctx.anchor is not None:
        y, shift = ctx.anchor.year, _shift(g)
        if shift == -1:
            y -= _holiday_date(spec, y) >= ctx.anchor
        elif shift == 1:
            y += _holiday_date(spec, y) <= ctx.anchor
        elif shift is None:
            y = nearest_year(ctx.anchor, lambda year: _holiday_date(spec, year), ctx.tense)
    else:
        return Timex("DATE", f"XXXX-{spec.month:02d}-{spec.day:02d}" if spec.day is not None else None, precision="day")
    return p.day(_holiday_date(spec, y)).but(anchored=not g.get("year"))


def _holiday_date(spec: HolidayDate, y: int) -> date:
    if spec.easter is not None:
        return easter(y) + timedelta(days=spec.easter)
    if spec.nth is not None:
        return nth_weekday(y, spec.month, spec.weekday - 1, spec.nth)
    return date(y, spec.month, spec.day)


# ------------------------------------------------------------------------------------------ relative periods
_RELATIVE_UNITS = r"(?P<unit>year|month|week|quarter|decade|century|half|season)"


@rule(r"<REL> (?:fiscal |calendar |financial |reporting )?" + _RELATIVE_UNITS)
def _relative_unit(g, ctx):
    unit, shift = g["unit"], _shift(g)
    if unit in ("decade", "century") and shift != 0 and g["rel"] != "last":
        return p.duration(1, unit)  # "the past decade", "the next century": a length of time
    if ctx.anchor is None:
        return p.unknown(unit)
    if unit == "season":
        return None
    day = ctx.anchor
    if unit == "week" and shift == 0 and day.weekday() == 6 and ctx.tense != "past":
        day += timedelta(days=1)  # "this week" said on a Sunday, of what is to come: the week that begins
    base = p.period(unit, day)
    months = {"year": 12, "month": 1, "quarter": 3, "half": 6, "decade": 120, "century": 1200}.get(unit, 0)
    return _anchored(p.shift(base, months=shift * months, days=shift * 7 if unit == "week" else 0))


@rule(r"(?:the|that) (?:same |very )?(?:(?:full|whole|entire|fiscal|calendar|financial) )*(?P<unit>week|month|quarter|year)",
      r"(?:that|the (?:same|very)) (?P<unit>day)")
def _unit_of_reference(g, ctx):
    """"the year", "that day", "the quarter": the period of that size around the last date mentioned,
    else around the publication date (a text without one still names its own dates)."""
    unit = g["unit"]
    last = ctx.references[0] if ctx.references else None
    if last is not None and last.precision in _ORDER[:_ORDER.index(unit) + 1]:
        ref = last  # "In 1995 ... by the end of the year": the year just named
    else:
        ref = ctx.reference(unit) if unit != "year" else None
    if ref is not None:
        return _anaphoric(p.period(unit, ref.start))
    if ctx.anchor is None:
        return p.unknown(unit)
    if unit == "quarter":  # in business news "the quarter" is the last one reported on
        return _anaphoric(p.shift(p.period("quarter", ctx.anchor), months=-3))
    return _anaphoric(p.period(unit, ctx.anchor))


_UNIT_MONTHS = {"half": 6, "quarter": 3, "month": 1}
# Periods reported on, so over by the day of writing.
_ENDED_PERIOD = re.compile(r"(?:the )?(?:latest|most recent|just-ended|just ended|recent)\b")


@rule(r"(?:the )?(?:latest|current|most recent|recent|just-ended|just ended|comparable|corresponding|same|reporting)"
      r"(?: fiscal| reporting)? (?P<unit>quarter|period|year|month|half)",
      r"(?:the|that|this) (?:fiscal )?(?P<unit>period)")
def _reported_period(g, ctx):
    unit = g["unit"]
    ended = bool(_ENDED_PERIOD.match(g["_text"]))
    ref = ctx.reference("quarter", "half", "month", "year", ended=ended) if unit == "period" else (
        ctx.reference(unit, ended=ended) or ctx.reference(*_ORDER[:_ORDER.index(unit)], ended=ended))
    if ctx.anchor is None:  # the text's own dates only; "the period" that follows none is no date
        if ref is not None:
            return _anaphoric(p.without_mod(ref) if unit == "period" else p.period(unit, ref.start))
        return None if unit == "period" and not ended else p.unknown()
    if ref is None and ended and unit == "period":  # a fiscal period may end after the calendar one
        ref = ctx.reference("quarter", "half", "month", "year")
    if ref is not None and ref.end < ctx.anchor - timedelta(days=365):
        ref = None  # "the latest quarter" is not one of a year ago
    if ref is not None:
        found = p.without_mod(ref) if unit == "period" else p.period(unit, ref.start)
        if not (ended and unit != "period" and found.end > ctx.anchor):  # "last month" is not the latest quarter
            return _anaphoric(found)
    if unit == "period" and not ended:
        return None
    unit = "quarter" if unit == "period" else unit  # "the latest period" of business news: a quarter
    # the last one over (in business news "the quarter" is the last reported); "the latest fiscal year" is often
    # the one that ends this year, so a year stays the anchor's
    if ended and unit != "year" or unit == "quarter":
        return _anaphoric(p.shift(p.period(unit, ctx.anchor), months=-_UNIT_MONTHS[unit]))
    return _anaphoric(p.period(unit, ctx.anchor))


@rule(r"(?:the )?(?:same |corresponding |comparable |year-ago |year-earlier |prior-year )?(?P<unit>period|quarter|time|month|week|season|day)"
      r" (?:a year ago|a year earlier|last year|of last year|(?:of )?the (?:previous|prior|preceding) year|the year before)",
      r"(?:the )?(?:comparable |same |corresponding )?(?:year-ago|year-earlier|year ago|year earlier|prior-year|previous-year)"
      r"(?: (?:fiscal )?(?:(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+)?(?P<unit>quarter|period|month|half|year|level|levels|results|figure|figures))?",
      r"(?P<yrel>last) year's (?:fiscal )?(?P<unit>quarter|period|half)")
def _year_earlier(g, ctx):
    """"the year-earlier quarter", "the same period last year": the period just mentioned, a year back."""
    if ctx.anchor is None:
        return p.unknown()
    unit = g.get("unit") if g.get("unit") in ("quarter", "month", "half", "week", "day") else None
    precisions = _ORDER[:_ORDER.index(unit) + 1] if unit else ("quarter", "half", "month", "season")
    # compared with a year back is a period already reported on, not one a forecast named
    ref = ctx.reference(*precisions, ended=True) or ctx.reference(*precisions)
    if g.get("q"):
        y = ref.start.year if ref is not None else ctx.anchor.year
        return _anaphoric(p.quarter(y - 1, _QUARTERS[g["q"]]))
    if ref is not None:
        return _anaphoric(p.shift(p.period(unit, ref.start) if unit else p.without_mod(ref), months=-12))
    if unit == "quarter":
        return _anaphoric(p.shift(p.period("quarter", ctx.anchor), months=-15))
    return _anaphoric(p.year(ctx.anchor.year - 1))


@rule(r"(?:the )?(?:(?:calendar|fiscal) )?year(?:'s)?[\s-]+(?P<edge>end|close)")
def _year_end(g, ctx):
    """"by year-end": the last day of the year (of last year in a past clause)."""
    if ctx.anchor is None:
        return p.unknown("day")
    y = ctx.anchor.year - (ctx.tense == "past")
    return _anchored(p.day(date(y, 12, 31)))


@rule(r"(?:the )?(?P<edge>end|close|start|beginning) of (?:the )?(?:(?P<rel>this|last|next|current) )?(?:fiscal |calendar )?year")
def _year_edge(g, ctx):
    """"the end of the year": of this year, unless the tense puts it on the other side of the anchor ("flu
    cases peaked at the end of the year", written in March, is last year's end; "will start at the beginning
    of the year", written in November, next year's start)."""
    if ctx.anchor is None:
        return p.unknown("year")
    end = g["edge"] in ("end", "close")
    y = ctx.anchor.year + (_shift(g) or 0)
    last = ctx.references[0] if ctx.references else None
    if g.get("rel") is None and last is not None and last.precision in _ORDER[:_ORDER.index("year") + 1] \
            and last.start.year != y and "the year" in g["_text"]:
        y = last.start.year  # "In 1995 ... by the end of the year": the year just named
    elif g.get("rel") is None:
        edge = p.with_mod(p.year(y), "END" if end else "START")
        if ctx.tense == "past" and edge.start > ctx.anchor:
            y -= 1
        elif ctx.tense == "future" and edge.end < ctx.anchor:
            y += 1
    return _anchored(p.with_mod(p.year(y), "END" if end else "START"))


@rule(r"(?:the )?(?P<unit>day|week|month|year|quarter) (?P<dir>before|after|earlier|later|previous|prior)",
      r"(?:the )?(?P<rel>previous|preceding|prior|following|next|same|ensuing) (?P<unit>day|morning|afternoon|evening|night|week|month|year|quarter)")
def _unit_from_reference(g, ctx):
    """"the day before", "the following year", "the next morning": next to the last date mentioned, else to
    the publication date (a text without one still names its own dates: "In 2011 ... the previous year")."""
    word = g.get("dir") or g.get("rel")
    unit = g["unit"]
    if word == "next" and unit in ("week", "month", "year", "quarter"):  # "the next year": from the anchor
        return _relative_unit({"unit": unit, "rel": "next"}, ctx)
    shift = 0 if word == "same" else -1 if word in ("before", "earlier", "previous", "preceding", "prior") else 1
    precision = "day" if unit in ("morning", "afternoon", "evening", "night") else unit
    ref = ctx.reference(*_ORDER[:_ORDER.index(precision) + 1])
    if ref is None and ctx.anchor is None:
        return p.unknown()
    ref = ref or p.day(ctx.anchor)
    if precision != unit:
        return _anaphoric(p.time_of_day(ref.start + timedelta(days=shift), vocabulary().day_parts[unit]))
    base = p.period(unit, ref.start)
    months = {"year": 12, "month": 1, "quarter": 3}.get(unit, 0)
    days = {"day": 1, "week": 7}.get(unit, 0)
    return _anaphoric(p.shift(base, months=shift * months, days=shift * days))


# ------------------------------------------------------------------------------------------ offsets ("ago")
@rule(r"<NUM>(?: (?:or|to) <NUM:num2>)? (?:<QUALIFIER> )?<UNIT>(?: or so| or two| or more)? <DIR>",
      r"(?P<num>)(?P<unit>years|months|weeks|days|decades|hours|minutes) (?P<dir>ago|earlier|from now|hence)")
def _offset(g, ctx):
    unit = _unit(g)
    amount = parse_number(g["num"]) if g["num"] else None
    direction = g["dir"].split()[0]
    sign = -1 if direction in ("ago", "earlier", "before", "back", "previously", "prior") else 1
    if g.get("num2"):
        amount = None
    if amount is None:
        return p.ref("PAST_REF" if sign < 0 else "FUTURE_REF")
    if ctx.anchor is None:
        return p.unknown()
    if isinstance(amount, float):
        if unit != "year" or amount % 1 != 0.5:
            return None
        amount, unit = int(amount * 12), "month"
    ref = ctx.reference("quarter", "half", "month") if unit == "year" and amount == 1 and ctx.references else None
    if ref is not None and ref is ctx.references[0]:
        # "up from $3 million a year earlier", after "third-quarter profit": the same quarter a year back
        return _anaphoric(p.shift(p.without_mod(ref), months=sign * 12 * amount))
    if unit in ("hour", "minute", "second"):
        return _anchored(p.day(ctx.anchor))
    moved = p.add_units(ctx.anchor, sign * amount, unit)
    precision = {"decade": "year", "century": "year", "fortnight": "week", "weekend": "week", "night": "day"}.get(unit, unit)
    return _anchored(p.period(precision, moved))


# ------------------------------------------------------------------------------------------ durations
_DURATION_LEAD = (r"(?:(?:the|another|each of the) )?(?:(?:past|last|next|coming|first|final|previous|"
                  r"following|latest|remaining|initial|ensuing|preceding|additional|subsequent|better part of the) )?")


@rule(_DURATION_LEAD + r"<NUM>(?: (?:or|to|-) <NUM:num2>)?(?: (?:more|additional|extra|further|straight|long))?[\s-]+"
      r"(?:<QUALIFIER>[\s-]+)?<UNIT>(?:[\s-]+long)?(?![\s-]+old\b)(?: and a half)?")
def _duration(g, ctx):
    num, unit_word, unit = g["num"], g["unit"], _unit(g)
    if num in ("a", "an") and (unit == "second" or unit_word.endswith("s")):  # "a second time"
        return None
    if unit_word in vocabulary().unit_abbreviations and not num[0].isdigit():  # "a min": only after digits
        return None
    amount = None if g.get("num2") else parse_number(num)
    if amount is not None and g.get("_text", "").endswith("and a half"):
        amount += 0.5
    if amount is not None and amount <= 0:
        return None
    return p.duration(amount, unit)


@rule(r"(?:the )?(?:(?:past|last|next|coming|recent|first|previous|following|ensuing|early|later|latter) )?"
      r"(?:(?:few|several|many) )?(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes|quarters)(?:[\s-]+long)?",
      r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes|quarters) (?:ahead|past|to come|on end)")
def _vague_duration(g, ctx):
    reference = vocabulary().references.get(g.get("_text", "").removeprefix("the "))
    if reference is not None:  # "recent years", "past years": before the publication date, not a length
        return _reference_in(reference, ctx)
    return p.duration(None, _unit(g))


@rule(r"(?P<unit>day|week|month|year|hour|decade|century)[\s-]long")
def _unit_long(g, ctx):
    return p.duration(1, _unit(g))


@rule(r"(?:a |an )?(?P<unit>minute|hour|day|week|month|year) and a half")
def _unit_and_half(g, ctx):
    return p.duration(1.5, _unit(g))


@rule(r"(?:a |quite a |a long |a short |some )(?P<what>while|long time|short time|long period|short period|"
      r"lifetime|long while)")
def _vague_length(g, ctx):
    return p.duration(None, "year") if "lifetime" in g["what"] else Timex("DURATION", "PXX")


# ------------------------------------------------------------------------------------------ sets
@rule(r"<SET>")
def _set_word(g, ctx):
    return p.frequency(vocabulary().set_words[" ".join(g["set"].split())])


@rule(r"(?:every|each|per) (?:other |single )?(?:<NUM> )?<UNIT>", r"(?P<times>once|twice|thrice|\w+ times) (?:a|an|per|every|each) <UNIT>")
def _every_unit(g, ctx):
    unit = vocabulary().units[g["unit"]]
    amount = parse_number(g["num"]) if g.get("num") else 1
    if amount is None:
        return None
    if "other" in g.get("_text", ""):
        amount *= 2
    return p.frequency(p.duration(amount, unit.name).value)


@rule(r"(?:every|each) <WEEKDAY_FULL>s?(?: <PART>)?", r"<WEEKDAY_FULL>s(?: <PART>)?")
def _every_weekday(g, ctx):
    value = f"XXXX-WXX-{vocabulary().weekdays[g['weekday_full']] + 1}"
    if g.get("part"):
        value += "T" + vocabulary().day_parts[g["part"]]
    return p.frequency(value)


@rule(r"(?:every|each) <MONTH_FULL>", r"(?:every|each) <SEASON>", r"(?:every|each) (?P<part>morning|afternoon|evening|night)")
def _every_named(g, ctx):
    v = vocabulary()
    if g.get("month_full"):
        return p.frequency(f"XXXX-{v.months[g['month_full']]:02d}")
    if g.get("season"):
        return p.frequency(f"XXXX-{v.seasons[g['season']]}")
    return p.frequency(f"XXXX-XX-XXT{v.day_parts[g['part']]}")


# ------------------------------------------------------------------------------------------ references
@rule(r"<REFERENCE>")
def _reference(g, ctx):
    return _reference_in(vocabulary().references[" ".join(g["reference"].split())], ctx)


def _reference_in(value: str, ctx: Context) -> Timex:
    """A reference points at the publication date's present, past or future: unknown without that date."""
    return p.ref(value) if ctx.anchor is not None else p.unknown()
