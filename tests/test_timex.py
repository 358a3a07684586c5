"""TIMEX3 normalization, one test per family of expressions (the normalizer alone, no model)."""
from __future__ import annotations

from datetime import date

import pytest

from extract.normalize.timex import normalize_date
from extract.normalize.timex.numbers import parse_number

ANCHOR = date(2019, 6, 12)  # a Wednesday in ISO week 24


def value(text: str, tense: str | None = "past", anchor: date | None = ANCHOR, references=()) -> str | None:
    timex = normalize_date(text, anchor, tense, tuple(references))
    assert timex is not None, f"{text!r} was not read"
    return timex.value


@pytest.mark.parametrize("text, expected, precision", [
    ("July 4, 1776", "1776-07-04", "day"),
    ("4 July 1776", "1776-07-04", "day"),
    ("the 4th of July, 1776", "1776-07-04", "day"),
    ("Thu, Jul 04, 1776", "1776-07-04", "day"),
    ("Jul.04,1776", "1776-07-04", "day"),
    ("1776-07-04", "1776-07-04", "day"),
    ("December 1941", "1941-12", "month"),
    ("1941", "1941", "year"),
    ("nineteen forty-one", "1941", "year"),
    ("fiscal 2012", "2012", "year"),
    ("the year two thousand", "2000", "year"),
])
def test_absolute_dates(text, expected, precision):
    timex = normalize_date(text, ANCHOR, "past")
    assert (timex.type, timex.value, timex.precision, timex.anchored) == ("DATE", expected, precision, False)


def test_absolute_dates_need_no_anchor():
    assert value("March 3, 2011", anchor=None) == "2011-03-03"


@pytest.mark.parametrize("text, tense, expected", [
    ("today", "past", "2019-06-12"),
    ("yesterday", "past", "2019-06-11"),
    ("tomorrow", "future", "2019-06-13"),
    ("last month", "past", "2019-05"),
    ("next year", "future", "2020"),
    ("this year", "present", "2019"),
    ("the past year", "past", "2018"),
    ("three years ago", "past", "2016"),
    ("a month ago", "past", "2019-05"),
    ("two weeks ago", "past", "2019-W22"),
    ("earlier this month", "past", "2019-06"),
    ("early next year", "future", "2020"),
    ("last October", "past", "2018-10"),
    ("next March", "future", "2020-03"),
    ("June last year", "past", "2018-06"),
])
def test_relative_dates_with_an_anchor(text, tense, expected):
    timex = normalize_date(text, ANCHOR, tense)
    assert timex.value == expected and timex.anchored


@pytest.mark.parametrize("text, tense, expected", [
    ("in October", "past", "2018-10"),     # a past October
    ("in October", "future", "2019-10"),   # the coming one
    ("in May", "past", "2019-05"),
    ("Sept. 30", "past", "2018-09-30"),
    ("Sept. 30", "future", "2019-09-30"),
    ("June 20", "past", "2019-06-20"),     # a few days ahead still reads as this year in a past clause
])
def test_month_names_without_a_year_take_the_anchor_year_and_the_tense(text, tense, expected):
    assert value(text, tense) == expected


@pytest.mark.parametrize("text", ["last week", "Monday", "two years ago", "next month", "this summer", "the quarter"])
def test_relative_dates_without_an_anchor_stay_unresolved(text):
    timex = normalize_date(text, None, "past")
    assert timex is not None and timex.start is None
    assert timex.value is None or timex.value.startswith("XXXX")


def test_day_without_year_keeps_its_month_and_day_when_unanchored():
    assert value("March 15", anchor=None) == "XXXX-03-15"


@pytest.mark.parametrize("text, tense, expected", [
    ("Friday", "past", "2019-06-07"),       # "said Friday": the Friday before
    ("Friday", "future", "2019-06-14"),     # "will meet Friday": the one after
    ("Wednesday", "past", "2019-06-12"),    # the day itself
    ("Monday", "present", "2019-06-10"),    # no tense pull: the nearest
    ("last Friday", "future", "2019-06-07"),
    ("next Monday", "past", "2019-06-17"),
    ("Friday night", "past", "2019-06-07TNI"),
    ("Tuesday, June 11", "past", "2019-06-11"),
])
def test_weekdays_take_the_tense_of_their_clause(text, tense, expected):
    assert value(text, tense) == expected


@pytest.mark.parametrize("text, expected", [
    ("this week", "2019-W24"),
    ("last week", "2019-W23"),
    ("next week", "2019-W25"),
    ("the week of March 4, 2019", "2019-W10"),
    ("the second week of May", "2019-W19"),
])
def test_weeks(text, expected):
    timex = normalize_date(text, ANCHOR, "past")
    assert timex.value == expected and timex.precision == "week"
    assert (timex.end - timex.start).days == 6 and timex.start.weekday() == 0


def test_weekend_is_saturday_and_sunday():
    timex = normalize_date("last weekend", ANCHOR, "past")
    assert timex.value == "2019-W23-WE" and (timex.start, timex.end) == (date(2019, 6, 8), date(2019, 6, 9))


@pytest.mark.parametrize("text, tense, expected", [
    ("summer 2016", "past", "2016-SU"),
    ("the winter of 2016", "past", "2016-WI"),
    ("this summer", "future", "2019-SU"),
    ("last winter", "past", "2018-WI"),
    ("next spring", "future", "2020-SP"),
    ("last fall", "past", "2018-FA"),
])
def test_seasons(text, tense, expected):
    timex = normalize_date(text, ANCHOR, tense)
    assert timex.value == expected and timex.precision == "season"


def test_winter_spans_the_turn_of_the_year():
    timex = normalize_date("winter 2016", ANCHOR)
    assert (timex.start, timex.end) == (date(2016, 12, 1), date(2017, 2, 28))


@pytest.mark.parametrize("text, tense, expected", [
    ("the third quarter of 2017", "past", "2017-Q3"),
    ("Q2 2018", "past", "2018-Q2"),
    ("2018's fourth quarter", "past", "2018-Q4"),
    ("the first quarter", "past", "2019-Q1"),
    ("first-quarter", "future", "2019-Q1"),   # a quarter just ended is still reported on
    ("third-quarter", "future", "2019-Q3"),
    ("last quarter", "past", "2019-Q1"),
    ("next quarter", "future", "2019-Q3"),
    ("the fourth quarter of next year", "future", "2020-Q4"),
])
def test_quarters(text, tense, expected):
    timex = normalize_date(text, ANCHOR, tense)
    assert timex.value == expected and timex.precision == "quarter"


def test_quarter_bounds():
    timex = normalize_date("Q3 2017", ANCHOR)
    assert (timex.start, timex.end) == (date(2017, 7, 1), date(2017, 9, 30))


@pytest.mark.parametrize("text, expected", [
    ("the first half of 2017", "2017-H1"),
    ("H2 2017", "2017-H2"),
    ("the second half of the year", "2019-H2"),
])
def test_half_years(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text, expected, mod", [
    ("the 1980s", "198", None),
    ("the early 1990s", "199", "START"),
    ("the mid-'70s", "197", "MID"),
    ("the nineties", "199", None),
    ("the 2000s", "200", None),
])
def test_decades(text, expected, mod):
    timex = normalize_date(text, ANCHOR)
    assert (timex.value, timex.precision, timex.mod) == (expected, "decade", mod)
    first = int(expected) * 10
    assert first <= timex.start.year <= timex.end.year <= first + 9
    if mod is None:
        assert (timex.start.year, timex.end.year) == (first, first + 9)


@pytest.mark.parametrize("text, expected, first_year", [
    ("the 20th century", "19", 1901),
    ("the twenty-first century", "20", 2001),
    ("the 19th century", "18", 1801),
])
def test_centuries(text, expected, first_year):
    timex = normalize_date(text, ANCHOR)
    assert (timex.value, timex.precision) == (expected, "century")
    assert timex.start.year in (first_year - 1, first_year)


@pytest.mark.parametrize("text, expected", [
    ("three months", "P3M"),
    ("10-year", "P10Y"),
    ("a decade", "P10Y"),
    ("two decades", "P20Y"),
    ("several years", "PXY"),
    ("a few days", "PXD"),
    ("the past five years", "P5Y"),
    ("the next two weeks", "P2W"),
    ("the first nine months", "P9M"),
    ("two and a half years", "P2Y6M"),
    ("90 minutes", "PT90M"),
    ("five hours", "PT5H"),
    ("a day-long", "P1D"),
    ("decades", "PXDE"),
])
def test_durations(text, expected):
    timex = normalize_date(text, ANCHOR)
    assert (timex.type, timex.value, timex.start) == ("DURATION", expected, None)


def test_duration_modifiers():
    assert normalize_date("nearly two years", ANCHOR).mod == "LESS_THAN"
    assert normalize_date("more than a decade", ANCHOR).mod == "MORE_THAN"
    assert normalize_date("about six months", ANCHOR).mod == "APPROX"


def test_ages_are_not_durations():
    assert normalize_date("a 30-year-old", ANCHOR) is None


@pytest.mark.parametrize("text, expected", [
    ("daily", "P1D"),
    ("every week", "P1W"),
    ("each month", "P1M"),
    ("annually", "P1Y"),
    ("every two years", "P2Y"),
    ("twice a week", "P1W"),
    ("every Tuesday", "XXXX-WXX-2"),
    ("on Sundays", "XXXX-WXX-7"),
    ("every July", "XXXX-07"),
])
def test_sets(text, expected):
    timex = normalize_date(text, ANCHOR)
    assert (timex.type, timex.value) == ("SET", expected)


@pytest.mark.parametrize("text, expected", [
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("the past", "PAST_REF"),
    ("the near future", "FUTURE_REF"),
    ("a few years ago", "PAST_REF"),
    ("recent years", "PAST_REF"),
    ("past years", "PAST_REF"),
])
def test_references_to_the_present_past_and_future(text, expected):
    timex = normalize_date(text, ANCHOR)
    assert (timex.type, timex.value, timex.start) == ("DATE", expected, None)


@pytest.mark.parametrize("text, expected", [
    ("3 p.m. Friday", "2019-06-07T15:00"),
    ("10:30 a.m.", "2019-06-12T10:30"),
    ("noon Tuesday", "2019-06-11T12:00"),
    ("this morning", "2019-06-12TMO"),
    ("tonight", "2019-06-12TNI"),
    ("last night", "2019-06-11TNI"),
])
def test_times_of_day(text, expected):
    timex = normalize_date(text, ANCHOR, "past")
    assert (timex.type, timex.value) == ("TIME", expected)


@pytest.mark.parametrize("text, expected, mod", [
    ("early 2016", "2016", "START"),
    ("mid-2016", "2016", "MID"),
    ("late May 2016", "2016-05", "END"),
    ("the end of 2016", "2016", "END"),
    ("the beginning of 2016", "2016", "START"),
    ("around 2016", "2016", "APPROX"),
])
def test_modifiers_keep_the_value_and_set_mod(text, expected, mod):
    timex = normalize_date(text, ANCHOR)
    assert (timex.value, timex.mod) == (expected, mod)


@pytest.mark.parametrize("text, year, expected", [
    ("Christmas", None, "2018-12-25"),
    ("Easter 2016", 2016, "2016-03-27"),
    ("Thanksgiving 2018", 2018, "2018-11-22"),
    ("Labor Day 2019", 2019, "2019-09-02"),
])
def test_holidays(text, year, expected):
    assert value(text) == expected


def test_a_year_earlier_takes_the_period_just_mentioned():
    quarter = normalize_date("the third quarter of 2017", ANCHOR)
    assert value("a year earlier", references=[quarter]) == "2016-Q3"
    assert value("the year-earlier quarter", references=[quarter]) == "2016-Q3"
    assert value("a year earlier") == "2018"  # nothing mentioned before: the anchor's year


def test_that_day_and_the_following_year_follow_the_text():
    day = normalize_date("March 3, 2011", ANCHOR)
    assert value("that day", references=[day]) == "2011-03-03"
    assert value("the following day", references=[day]) == "2011-03-04"
    assert value("the following year", references=[day]) == "2012"


def test_numbers_in_words_and_fractions():
    assert parse_number("twenty-four") == 24
    assert parse_number("two hundred") == 200
    assert parse_number("one and a half") == 1.5
    assert parse_number("2 1/2") == 2.5
    assert parse_number("a couple of") == 2
    assert parse_number("several") is None


def test_period_bounds_allow_date_filtering():
    timex = normalize_date("February 2016", ANCHOR)
    assert (timex.start, timex.end) == (date(2016, 2, 1), date(2016, 2, 29))


def test_dates_beyond_the_calendar_are_not_read_and_do_not_fail():
    assert normalize_date("6000 years ago", ANCHOR) is None
    assert normalize_date("6000 years", ANCHOR).value == "P6000Y"


def test_words_that_are_not_time_expressions_are_not_read():
    for text in ("the quick fox", "annual", "May I", "2,019", "second place"):
        assert normalize_date(text, ANCHOR) is None, text
