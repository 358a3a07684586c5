"""Where a date without a year (or a weekday, a season, a quarter) falls, given the publication date and the
tense of its clause: "said Friday" is the Friday before, "will meet Friday" the one after, "in March" the
last March in a past clause and the next one in a future clause."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Callable
from datetime import date, timedelta


from extract.normalize.timex.periods import Timex


@dataclass(frozen=True, slots=True)
class Context:
    """What a relative expression is read against.

    anchor: the publication date (None: relative expressions stay unresolved).
    tense: "past", "present" or "future", of the clause the expression sits in (None when unknown).
    references: the dates the document mentioned last, most recent first, for "the same period",
    "that year", "a year earlier" (empty: the anchor stands in).
    read: how to read an expression inside another one ("3 p.m. Friday": Friday): the normalizer's `read`,
    handed to the rules here so that they need not import the normalizer (which imports them).
    """

    anchor: date | None = None
    tense: str | None = None
    references: tuple[Timex, ...] = ()
    read: Callable[[str, Context], Timex | None] | None = None

    def reference(self, *precisions: str, ended: bool = False) -> Timex | None:
        """The most recent date mentioned with one of these precisions (any precision if none given); with
        `ended`, only a period over by the anchor ("the latest quarter" is one already reported on, not the
        coming quarter a forecast just named)."""
        return next((t for t in self.references if t.start is not None and (not precisions or t.precision in precisions)
                     and not (ended and self.anchor is not None and t.end is not None and t.end > self.anchor)), None)


def weekday_date(anchor: date, weekday: int, tense: str | None, shift: int | None = None) -> date:
    """The date of a weekday (Monday = 0) near the anchor.

    shift -1 ("last Friday"): the latest one strictly before; +1 ("next Friday"): the first strictly after;
    0 or None: the tense decides (past: on or before, future: on or after, present: the nearest; with no
    verb at all, news mostly reports what happened: up to four days back, two ahead)."""
    delta = weekday - anchor.weekday()
    if shift == -1:
        delta = delta - 7 if delta >= 0 else delta
    elif shift == 1:
        delta = delta + 7 if delta <= 0 else delta
    elif tense == "past":
        delta = delta - 7 if delta > 0 else delta
    elif tense == "future":
        delta = delta + 7 if delta < 0 else delta
    elif tense is None:
        delta = delta - 7 if delta > 2 else delta + 7 if delta < -4 else delta
    else:
        delta = delta - 7 if delta > 3 else delta + 7 if delta < -3 else delta
    return anchor + timedelta(days=delta)


# How far a past clause may reach past the anchor (and a future one before it) with a date that has no year
# ("the offer was extended to Nov. 20"), and how far ahead a present-tense one may look (news reports
# mostly what happened: "since the Oct. 23 shooting", read in May, is last October).
_SLACK_DAYS = 31
_PRESENT_AHEAD_DAYS = 122


def year_of_month(anchor: date, m: int, tense: str | None, shift: int | None = None) -> int:
    """The year of a month named without one ("in March", "last June", "next May")."""
    if shift == -1:
        return anchor.year if m < anchor.month else anchor.year - 1
    if shift == 1:
        return anchor.year if m > anchor.month else anchor.year + 1
    if shift == 0:
        return anchor.year
    return nearest_year(anchor, lambda y: date(y, m, 15), tense)


def year_of_day(anchor: date, m: int, d: int, tense: str | None) -> int | None:
    """The year of a month and day named without one ("Sept. 30"): the nearest such day to the anchor that
    the tense allows; None for a day that does not exist."""
    if not (1 <= m <= 12 and 1 <= d <= calendar.monthrange(2000, m)[1]):
        return None
    return nearest_year(anchor, lambda y: date(y, m, min(d, calendar.monthrange(y, m)[1])), tense)


def nearest_year(anchor: date, day_in: Callable[[int], date], tense: str | None) -> int:
    """The year whose `day_in(year)` is nearest the anchor among those the tense allows."""
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    if tense == "past":
        candidates = [y for y in candidates if (day_in(y) - anchor).days <= _SLACK_DAYS]
    elif tense == "future":
        candidates = [y for y in candidates if (anchor - day_in(y)).days <= _SLACK_DAYS]
    else:
        candidates = [y for y in candidates if (day_in(y) - anchor).days <= _PRESENT_AHEAD_DAYS]
    return min(candidates, key=lambda y: abs((day_in(y) - anchor).days))


def year_of_part(anchor: date, part: int, parts_per_year: int, tense: str | None, shift: int | None = None) -> int:
    """The year of a quarter or half named without one ("the third quarter", "the second half").

    The nearest one the tense allows; a future clause may still speak of a quarter that ended a few months
    ago ("will report third-quarter results"), since results come after the quarter."""
    months = 12 // parts_per_year
    current = (anchor.month - 1) // months + 1
    if shift == -1:
        return anchor.year if part < current else anchor.year - 1
    if shift == 1:
        return anchor.year if part > current else anchor.year + 1
    if shift == 0:
        return anchor.year

    def bounds(y: int) -> tuple[date, date]:
        first = date(y, (part - 1) * months + 1, 1)
        last_month = first.month + months - 1
        return first, date(y, last_month, calendar.monthrange(y, last_month)[1])
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    if tense == "past":
        candidates = [y for y in candidates if bounds(y)[0] <= anchor]
    elif tense == "future":
        candidates = [y for y in candidates if bounds(y)[1] >= anchor - timedelta(days=120)]
    else:
        candidates = [y for y in candidates if bounds(y)[0] <= anchor + timedelta(days=92)]
    return min(candidates, key=lambda y: abs((bounds(y)[0] + (bounds(y)[1] - bounds(y)[0]) / 2 - anchor).days))


def nth_weekday(y: int, m: int, weekday: int, nth: int) -> date:
    """The n-th (1-based; -1 for the last) given weekday of a month: Thanksgiving, Labor Day."""
    if nth > 0:
        first = date(y, m, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(y, m, calendar.monthrange(y, m)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)
