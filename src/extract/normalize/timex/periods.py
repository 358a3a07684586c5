"""TIMEX3 values and the calendar periods they denote.

A `Timex` carries the TIMEX3 `value` ("2025-Q3") and the first and last day of the period (`start`, `end`),
so analysts can filter with plain date comparisons. Constructors build one kind of period each; `period`
builds the period of a given precision around a day, and `shift` moves a period along the calendar.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from extract.normalize.timex.vocabulary import vocabulary


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalized time expression.

    type: DATE | TIME | DURATION | SET. value: the TIMEX3 value (None when it cannot be known, e.g. a
    relative date in an undated document). start/end: the calendar days of the period (None for durations,
    sets and *_REF values). precision: day | week | weekend | month | quarter | half | season | year | decade |
    century | time. mod: TIMEX3 mod (START, MID, END, APPROX, LESS_THAN, MORE_THAN, ...). anchored: the value
    depends on the publication date or on an earlier expression of the document. anaphoric: it was read
    from an earlier date of the text ("the same quarter", "a year earlier"), so it must not serve as one.
    """

    type: str
    value: str | None
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    mod: str | None = None
    anchored: bool = False
    anaphoric: bool = False

    def but(self, **changes) -> "Timex":
        """A copy with some fields changed."""
        return replace(self, **changes)


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def day(d: date) -> Timex:
    return Timex("DATE", d.isoformat(), d, d, "day")


def week(d: date) -> Timex:
    iso_year, iso_week, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Timex("DATE", f"{iso_year:04d}-W{iso_week:02d}", monday, monday + timedelta(days=6), "week")


def weekend(d: date) -> Timex:
    """The weekend of the ISO week of `d` (TIMEX3 "2025-W44-WE")."""
    w = week(d)
    return Timex("DATE", f"{w.value}-WE", w.start + timedelta(days=5), w.end, "weekend")


def month(y: int, m: int) -> Timex:
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return Timex("DATE", f"{y:04d}-{m:02d}", date(y, m, 1), _last_day(y, m), "month")


def quarter(y: int, q: int) -> Timex:
    y, q = y + (q - 1) // 4, (q - 1) % 4 + 1
    first = 3 * (q - 1) + 1
    return Timex("DATE", f"{y:04d}-Q{q}", date(y, first, 1), _last_day(y, first + 2), "quarter")


def half(y: int, h: int) -> Timex:
    y, h = y + (h - 1) // 2, (h - 1) % 2 + 1
    return Timex("DATE", f"{y:04d}-H{h}", date(y, 1 if h == 1 else 7, 1), _last_day(y, 6 if h == 1 else 12), "half")


def season(y: int, code: str) -> Timex:
    first, last = vocabulary().season_months[code]
    end_year = y + 1 if last < first else y
    return Timex("DATE", f"{y:04d}-{code}", date(y, first, 1), _last_day(end_year, last), "season")


def year(y: int) -> Timex:
    return Timex("DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def decade(first_year: int) -> Timex:
    first_year -= first_year % 10
    return Timex("DATE", f"{first_year // 10:03d}", date(max(first_year, 1), 1, 1), date(first_year + 9, 12, 31),
                 "decade")


def century(number: int) -> Timex:
    """The n-th century; TIMEX3 writes the 21st century as "20" (years 2000-2099)."""
    first = (number - 1) * 100
    return Timex("DATE", f"{number - 1:02d}", date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century")


def time_of_day(d: date, clock: str) -> Timex:
    """A clock time ("14:00") or part of the day ("MO", "NI") on a day: 2024-03-15T14:00, 2024-03-15TNI."""
    return Timex("TIME", f"{d.isoformat()}T{clock}", d, d, "time")


def utc_time_of_day(d: date, clock: str, offset_minutes: int) -> Timex:
    """A clock time at a known offset from UTC, as the UTC time it is ("05:00" at +5 hours is 00:00Z; the day
    may change)."""
    hour, minute = (int(x) for x in clock.split(":"))
    moment = datetime(d.year, d.month, d.day) + timedelta(hours=hour, minutes=minute - offset_minutes)
    return Timex("TIME", f"{moment:%Y-%m-%dT%H:%M}Z", moment.date(), moment.date(), "time")


def ref(value: str) -> Timex:
    """PRESENT_REF, PAST_REF or FUTURE_REF: a point with no calendar period."""
    return Timex("DATE", value)


def unknown(precision: str | None = None) -> Timex:
    """A date that needs the publication date to be known, in a document without one."""
    return Timex("DATE", None, precision=precision)


def duration(amount: int | float | None, unit_name: str) -> Timex:
    """P10Y, P3M, PT5H, P2Y6M (fractions go to the next smaller unit), PXY when the amount is vague."""
    unit = vocabulary().units[unit_name]
    prefix = "PT" if unit.time else "P"
    if amount is None:
        return Timex("DURATION", f"{prefix}X{_code(unit.code, unit.amount)}")
    amount = amount * unit.amount
    whole = int(amount)
    value = f"{prefix}{whole}{unit.code}" if whole else prefix
    rest = amount - whole
    if rest:
        smaller = _SMALLER.get((unit.code, unit.time))
        if smaller is None:
            value = f"{prefix}{amount:g}{unit.code}"
        else:
            code, per, time = smaller
            value += ("T" if time and not unit.time else "") + f"{round(rest * per):d}{code}"
    return Timex("DURATION", value)


def _code(code: str, amount: int) -> str:
    return {3: "Q", 10: "DE", 100: "CE"}.get(amount, code)


# Where the fraction of a unit goes: half a year is six months, half an hour thirty minutes.
_SMALLER = {("Y", False): ("M", 12, False), ("M", False): ("D", 30, False), ("W", False): ("D", 7, False),
            ("D", False): ("H", 24, True), ("H", True): ("M", 60, True), ("M", True): ("S", 60, True)}


# Parts of a period that a `mod` names ("early 2014", "mid-March", "the end of the decade"): its first, middle
# and last third, so that `start` and `end` bound what the words say while the value stays the period's.
_THIRDS = {"START": 0, "MID": 1, "END": 2}


def with_mod(t: Timex, mod: str | None) -> Timex:
    """A Timex with a TIMEX3 mod; START, MID and END narrow its calendar period to a third of it."""
    if mod not in _THIRDS or t.start is None or t.end is None or t.precision in ("day", "time"):
        return t.but(mod=mod)
    days = (t.end - t.start).days + 1
    third = _THIRDS[mod]
    first = t.start + timedelta(days=days * third // 3)
    last = t.start + timedelta(days=days * (third + 1) // 3 - 1)
    return t.but(mod=mod, start=first, end=last)


def without_mod(t: Timex) -> Timex:
    """The whole period of a Timex whose mod narrowed it ("early 2014" as a reference is 2014)."""
    if t.mod in _THIRDS and t.start is not None and t.precision in _BUILD_AROUND:
        return period(t.precision, t.start)
    return t.but(mod=None)


def before_or_after(t: Timex, anchor: date | None, side: str) -> Timex:
    """The part of a period before or after the anchor when the period holds it: "earlier this year" runs from
    January 1 to the day of writing, "later this month" from that day to the month's end."""
    if anchor is None or t.start is None or t.end is None or not t.start <= anchor <= t.end:
        return t
    return t.but(end=anchor) if side == "before" else t.but(start=anchor)


def frequency(value: str) -> Timex:
    """A SET: "P1W" for weekly, "XXXX-WXX-5" for every Friday."""
    return Timex("SET", value)


# ------------------------------------------------------------------------------------------ arithmetic
_BUILD_AROUND = {
    "day": day, "week": week, "weekend": weekend,
    "month": lambda d: month(d.year, d.month),
    "quarter": lambda d: quarter(d.year, (d.month - 1) // 3 + 1),
    "half": lambda d: half(d.year, 1 if d.month <= 6 else 2),
    "year": lambda d: year(d.year),
    "decade": lambda d: decade(d.year),
    "century": lambda d: century(d.year // 100 + 1),
}


def period(precision: str, d: date) -> Timex:
    """The period of a precision ("week", "quarter"...) that contains a day."""
    return _BUILD_AROUND[precision](d)


def shift(t: Timex, *, days: int = 0, months: int = 0) -> Timex | None:
    """The period of the same precision, moved by some days or months ("a year earlier" than 2019-Q3 is
    2018-Q3); None for what has no calendar period."""
    if t.start is None or t.precision not in _BUILD_AROUND and t.precision != "season":
        return None
    d = t.start
    if months:
        m = d.month - 1 + months
        y, m = d.year + m // 12, m % 12 + 1
        d = date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    d += timedelta(days=days)
    if t.precision == "season":
        return with_mod(season(d.year, t.value.rsplit("-", 1)[1]), t.mod)
    return with_mod(period(t.precision, d), t.mod)


def add_units(d: date, amount: int, unit: str) -> date:
    """A day moved by whole calendar units (years, months, weeks, days)."""
    if unit in ("year", "decade", "century"):
        unit, amount = "month", amount * {"year": 12, "decade": 120, "century": 1200}[unit]
    if unit == "quarter":
        unit, amount = "month", amount * 3
    if unit == "month":
        m = d.month - 1 + amount
        y, m = d.year + m // 12, m % 12 + 1
        return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    return d + timedelta(days=amount * {"week": 7, "fortnight": 14, "day": 1}.get(unit, 1))
