"""Time expressions to TIMEX3 values, with the calendar period they denote.

Table-driven: each rule is a regular expression over the lower-cased expression and a function that builds
the value; relative expressions resolve against the publication date (`anchor`) and stay unresolved without
one. The result is cached, since news repeats the same expressions.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

MONTHS = {name: i for i in range(1, 13) for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())}
MONTHS["sept"] = 9
WEEKDAYS = {name: i for i in range(7) for name in (calendar.day_name[i].lower(), calendar.day_abbr[i].lower())}
NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBERS.update({"a": 1, "an": 1, "several": None, "few": None, "a few": None, "couple": 2, "a couple of": 2})
ORDINALS = {w: i for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE", "hour": "H",
         "minute": "MIN", "quarter": "Q"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
MODS = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
        "late": "END", "end": "END", "close": "END", "about": "APPROX", "around": "APPROX", "some": "APPROX",
        "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
        "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN", "up to": "EQUAL_OR_LESS"}


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalized time expression."""

    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    mod: str | None = None
    anchored: bool = False


# ----------------------------------------------------------------------------------------------- periods
def day(d: date, mod: str | None = None) -> Timex:
    return Timex("DATE", d.isoformat(), d, d, "day", mod)


def month(year: int, m: int, mod: str | None = None) -> Timex:
    last = calendar.monthrange(year, m)[1]
    return Timex("DATE", f"{year:04d}-{m:02d}", date(year, m, 1), date(year, m, last), "month", mod)


def year(y: int, mod: str | None = None) -> Timex:
    return Timex("DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year", mod)


def week(d: date, mod: str | None = None) -> Timex:
    iso_year, iso_week, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Timex("DATE", f"{iso_year:04d}-W{iso_week:02d}", monday, monday + timedelta(days=6), "week", mod)


def season(y: int, code: str, mod: str | None = None) -> Timex:
    first, last = SEASON_MONTHS[code]
    end_year = y + 1 if code == "WI" else y
    end = date(end_year, last, calendar.monthrange(end_year, last)[1])
    return Timex("DATE", f"{y:04d}-{code}", date(y, first, 1), end, "season", mod)


def quarter(y: int, q: int, mod: str | None = None) -> Timex:
    first = 3 * (q - 1) + 1
    return Timex("DATE", f"{y:04d}-Q{q}", date(y, first, 1),
                 date(y, first + 2, calendar.monthrange(y, first + 2)[1]), "quarter", mod)


def half(y: int, h: int, mod: str | None = None) -> Timex:
    return Timex("DATE", f"{y:04d}-H{h}", date(y, 1 if h == 1 else 7, 1), date(y, 6 if h == 1 else 12, 30 if h == 1 else 31),
                 "half", mod)


def decade(first_year: int, mod: str | None = None) -> Timex:
    return Timex("DATE", f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade", mod)


def century(number: int, mod: str | None = None) -> Timex:
    """The n-th century; TIMEX3 writes the 21st century as "20" (years 2000-2099)."""
    first = (number - 1) * 100
    return Timex("DATE", f"{number - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century", mod)


def ref(value: str) -> Timex:
    return Timex("DATE", value, None, None, None)


def duration(amount: int | float | None, unit: str, mod: str | None = None) -> Timex:
    code = UNITS[unit]
    n = "X" if amount is None else (f"{amount:g}" if isinstance(amount, float) else str(amount))
    prefix = "PT" if code in ("H", "MIN") else "P"
    return Timex("DURATION", f"{prefix}{n}{'M' if code == 'MIN' else code}", mod=mod)


def _with(t: Timex, **changes) -> Timex:
    return Timex(**{**{f: getattr(t, f) for f in t.__slots__}, **changes})


# ------------------------------------------------------------------------------------------------ rules
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s*)"
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted((k for k in NUMBERS), key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>year|month|week|day|decade|century|hour|minute|quarter)s?"
_MOD = (r"(?:(?P<mod>(?:the\s+)?(?:beginning|start|middle|end|close)\s+of|(?:the\s+)?(?:early|mid|late)"
        r"|about|around|some|nearly|almost|more than|over|at least|less than|up to)[\s-]+)?")
_REL = r"(?P<rel>this|last|next|past|coming|previous|following|current|same)"

Rule = tuple[re.Pattern, Callable[[dict, date | None, str | None], Timex | None]]
_RULES: list[Rule] = []


def rule(pattern: str):
    """Register a rule: the pattern must match the whole (lower-cased, article-stripped) expression."""
    compiled = re.compile(r"^" + pattern + r"$")

    def register(fn):
        _RULES.append((compiled, fn))
        return fn
    return register


def _mod(g: dict) -> str | None:
    raw = re.sub(r"^the\s+|\s+of$", "", (g.get("mod") or "").strip())
    return MODS.get(raw)


def _num(raw: str | None) -> int | float | None:
    if raw is None:
        return None
    if raw in NUMBERS:
        return NUMBERS[raw]
    return float(raw) if "." in raw else int(raw)


@rule(_MOD + _WEEKDAY + "?" + _MONTH + r"\s*" + _DAY + r",?\s*" + _YEAR)
@rule(_MOD + _WEEKDAY + "?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s*" + _YEAR)
def _full_date(g, anchor, tense):
    try:
        return day(date(int(g["year"]), MONTHS[g["month"]], int(g["day"])), _mod(g))
    except ValueError:
        return None


@rule(r"(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")
@rule(r"(?P<m>\d\d?)/(?P<d>\d\d?)/(?P<year>\d{4})")
def _numeric_date(g, anchor, tense):
    try:
        return day(date(int(g["year"]), int(g["m"]), int(g["d"])))
    except ValueError:
        return None


@rule(_MOD + _MONTH + r",?\s*(?:of\s+)?" + _YEAR)
def _month_year(g, anchor, tense):
    return month(int(g["year"]), MONTHS[g["month"]], _mod(g))


@rule(_MOD + r"(?:(?:in|of|during)\s+)?" + _YEAR)
def _year(g, anchor, tense):
    return year(int(g["year"]), _mod(g))


@rule(r"(?:earlier|later)\s+(?:in|this)\s+" + _YEAR)
def _earlier_in_year(g, anchor, tense):
    return year(int(g["year"]))


@rule(_MOD + r"(?:the\s+)?(?P<dec>(?:1[5-9]|20)\d0)['’]?s")
def _decade(g, anchor, tense):
    return decade(int(g["dec"]), _mod(g))


@rule(_MOD + r"(?:the\s+)?['’]?(?P<dec>[0-9]0)['’]?s")
def _short_decade(g, anchor, tense):
    d = int(g["dec"])
    return decade((2000 if d < 30 else 1900) + d, _mod(g))


@rule(_MOD + r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century")
def _century(g, anchor, tense):
    return century(int(g["n"]), _mod(g))


@rule(_MOD + r"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + _YEAR)
def _season_year(g, anchor, tense):
    return season(int(g["year"]), SEASONS[g["season"]], _mod(g))


@rule(r"(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?" + _YEAR)
@rule(r"q(?P<q>[1-4])\s+" + _YEAR)
def _quarter_year(g, anchor, tense):
    q = int(g["q"]) if g.get("q") else {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["ord"]) or int(g["ord"][0])
    return quarter(int(g["year"]), q)


@rule(_MOD + _MONTH + r"\s*" + _DAY)
@rule(_MOD + _DAY + r"\s+(?:of\s+)?" + _MONTH)
def _month_day(g, anchor, tense):
    m, d = MONTHS[g["month"]], int(g["day"])
    if anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}-{d:02d}", precision="day")
    try:
        candidate = date(anchor.year, m, d)
    except ValueError:
        return None
    return _with(day(candidate, _mod(g)), anchored=True)


@rule(_MOD + _MONTH)
def _month_alone(g, anchor, tense):
    m = MONTHS[g["month"]]
    if g["month"] in ("may", "mar", "jun", "sat", "sun"):  # too ambiguous alone
        return None
    if anchor is None:
        return Timex("DATE", f"XXXX-{m:02d}", precision="month")
    y = anchor.year
    if tense == "past" and m > anchor.month:
        y -= 1
    elif tense == "future" and m < anchor.month:
        y += 1
    return _with(month(y, m, _mod(g)), anchored=True)


@rule(r"(?:(?:on|last|this|next|coming)\s+)?" + _WEEKDAY.replace(",?", "").rstrip("?"))
def _weekday(g, anchor, tense):
    if anchor is None:
        return Timex("DATE", None, precision="day")
    target = WEEKDAYS[g["weekday"]]
    delta = target - anchor.weekday()
    if tense == "future":
        delta = delta if delta > 0 else delta + 7
    elif tense == "past" or tense is None:
        delta = delta if delta <= 0 else delta - 7
    return _with(day(anchor + timedelta(days=delta)), anchored=True)


@rule(r"(?P<word>today|tonight|yesterday|tomorrow|now|currently|recently|nowadays|the past|the future|this morning|this afternoon|this evening)")
def _deictic(g, anchor, tense):
    word = g["word"]
    if word in ("now", "currently", "nowadays"):
        return ref("PRESENT_REF")
    if word in ("recently", "the past"):
        return ref("PAST_REF")
    if word == "the future":
        return ref("FUTURE_REF")
    if anchor is None:
        return Timex("DATE", None, precision="day")
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    result = _with(day(anchor + timedelta(days=shift)), anchored=True)
    if word in ("tonight", "this morning", "this afternoon", "this evening"):
        suffix = {"tonight": "NI", "this morning": "MO", "this afternoon": "AF", "this evening": "EV"}[word]
        return _with(result, type="TIME", value=f"{result.value}T{suffix}")
    return result


@rule(_MOD + _REL + r"\s+(?P<unit>year|month|week|quarter|decade|century|weekend)")
def _relative_unit(g, anchor, tense):
    if anchor is None:
        return Timex("DATE", None)
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(g["rel"], 0)
    unit, mod = g["unit"], _mod(g)
    if unit in ("decade", "century") and g["rel"] in ("next", "coming", "past"):
        return duration(1, unit)  # "over the next decade" is a length of time
    if unit == "year":
        result = year(anchor.year + shift, mod)
    elif unit == "month":
        m = anchor.month - 1 + shift
        result = month(anchor.year + m // 12, m % 12 + 1, mod)
    elif unit in ("week", "weekend"):
        result = week(anchor + timedelta(weeks=shift), mod)
        if unit == "weekend":
            result = _with(result, value=result.value + "-WE")
    elif unit == "quarter":
        q = (anchor.month - 1) // 3 + shift
        result = quarter(anchor.year + q // 4, q % 4 + 1, mod)
    elif unit == "decade":
        result = decade((anchor.year // 10 + shift) * 10, mod)
    else:
        result = century(anchor.year // 100 + 1 + shift, mod)
    return _with(result, anchored=True)


@rule(_MOD + r"(?:this|last|next|the coming|the past)?\s*(?P<season>spring|summer|autumn|fall|winter)")
def _season_relative(g, anchor, tense):
    code = SEASONS[g["season"]]
    if anchor is None:
        return Timex("DATE", f"XXXX-{code}", precision="season")
    y = anchor.year
    text = g.get("_text", "")
    if text.startswith("last") or (tense == "past" and SEASON_MONTHS[code][0] > anchor.month):
        y -= 1
    elif text.startswith("next") or (tense == "future" and SEASON_MONTHS[code][1] < anchor.month and code != "WI"):
        y += 1
    return _with(season(y, code, _mod(g)), anchored=True)


@rule(r"(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+week\s+of\s+" + _MONTH + r"(?:,?\s*" + _YEAR + ")?")
def _week_of_month(g, anchor, tense):
    y = int(g["year"]) if g.get("year") else (anchor.year if anchor else None)
    if y is None:
        return Timex("DATE", None, precision="week")
    m = MONTHS[g["month"]]
    if g["ord"] == "last":
        ref_day = date(y, m, calendar.monthrange(y, m)[1])
    else:
        n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["ord"]) or int(g["ord"][0])
        ref_day = date(y, m, 1) + timedelta(weeks=n - 1)
    return _with(week(ref_day), anchored=not g.get("year"))


@rule(r"(?:the\s+)?(?P<which>end|beginning|start|middle|close)\s+of\s+(?:the\s+|this\s+)?(?P<unit>year|month|week)")
def _part_of_current(g, anchor, tense):
    if anchor is None:
        return Timex("DATE", None)
    base = {"year": year(anchor.year), "month": month(anchor.year, anchor.month), "week": week(anchor)}[g["unit"]]
    return _with(base, mod=MODS[g["which"]], anchored=True)


@rule(r"(?:the\s+)?same\s+(?:period|time|month|quarter)\s+(?:this|last)\s+year")
def _same_period(g, anchor, tense):
    if anchor is None:
        return Timex("DATE", None)
    text = g.get("_text", "")
    return _with(year(anchor.year - (1 if text.endswith("last year") else 0)), anchored=True)


@rule(r"(?:in\s+)?(?:recent|the past|the last|past|the coming|coming|the next|next)\s+(?:few\s+|several\s+)?(?P<unit>years|months|weeks|days|decades)")
def _vague_span(g, anchor, tense):
    if "recent" in g["_text"]:
        return ref("PAST_REF")
    return duration(None, g["unit"].rstrip("s"))


@rule(r"(?P<n>\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")\s+(?P<unit>year|month|week|day|decade)s?\s+(?P<dir>ago|earlier|later|from now|hence)")
def _offset(g, anchor, tense):
    n = _num(g["n"])
    if anchor is None or n is None:
        return Timex("DATE", None)
    sign = -1 if g["dir"] in ("ago", "earlier") else 1
    unit = g["unit"]
    if unit == "year":
        return _with(year(anchor.year + sign * n), anchored=True)
    if unit == "decade":
        return _with(year(anchor.year + sign * 10 * n), anchored=True)
    if unit == "month":
        m = anchor.month - 1 + sign * n
        return _with(month(anchor.year + m // 12, m % 12 + 1), anchored=True)
    if unit == "week":
        return _with(week(anchor + timedelta(weeks=sign * n)), anchored=True)
    return _with(day(anchor + timedelta(days=sign * n)), anchored=True)


@rule(_MOD + _NUM + r"[\s-]+" + _UNIT + r"(?:[\s-]+(?:long|old))?")
@rule(_MOD + r"(?P<num>\d+)[\s-]+" + _UNIT)
def _duration(g, anchor, tense):
    return duration(_num(g["num"]), g["unit"], _mod(g))


@rule(r"(?:the\s+)?(?:next|coming|past|last|previous)\s+(?P<num>\w+)\s+" + _UNIT)
def _duration_relative(g, anchor, tense):
    n = _num(g["num"]) if g["num"] in NUMBERS or g["num"].isdigit() else None
    return duration(n, g["unit"])


@rule(r"(?:the\s+)?(?:next|coming|past)\s+(?P<unit>decade|century)")
def _duration_decade(g, anchor, tense):
    return duration(1, g["unit"])


@rule(r"(?P<freq>annual|annually|yearly|every year|each year|monthly|every month|weekly|every week|daily|every day|quarterly)")
def _set(g, anchor, tense):
    code = {"annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "every year": "P1Y", "each year": "P1Y",
            "monthly": "P1M", "every month": "P1M", "weekly": "P1W", "every week": "P1W", "daily": "P1D",
            "every day": "P1D", "quarterly": "P3M"}[g["freq"]]
    return Timex("SET", code)


_STRIP = re.compile(r"^(?:the|on|in|at|by|since|until|from|during|of)\s+|[\s,.;:]+$")


@lru_cache(maxsize=100_000)
def normalize_date(text: str, anchor: date | None = None, tense: str | None = None) -> Timex | None:
    """TIMEX3 normalization of one expression; None when it is not a time expression we can read.

    `anchor` is the publication date (None leaves relative expressions unresolved); `tense` ("past",
    "present", "future") chooses between the previous and the next Friday, summer, March...
    """
    key = " ".join(text.lower().replace("’", "'").replace("–", "-").replace("—", "-").split())
    key = re.sub(r"(?<=[a-z])\.(?=\d)", " ", key)  # "nov.01,2025"
    key = re.sub(r",(?=\d)", ", ", key)
    for _ in range(2):
        key = _STRIP.sub("", key)
    for pattern, build in _RULES:
        m = pattern.match(key)
        if m:
            groups = {k: v for k, v in m.groupdict().items()}
            groups["_text"] = key
            result = build(groups, anchor, tense)
            if result is not None:
                return result
    return None
