"""The kinds of time expression that news in general holds: zones, weeks, weekdays, parts of periods, ranges,
durations and references, fiscal years (texts written for these tests)."""
from __future__ import annotations

from datetime import date

import pytest

from extract.normalize.timex import normalize_date

TUESDAY = date(2012, 3, 6)
SUNDAY = date(2012, 3, 11)


def read(text: str, tense: str | None = "past", anchor: date | None = TUESDAY):
    timex = normalize_date(text, anchor, tense)
    assert timex is not None, f"{text!r} was not read"
    return timex


@pytest.mark.parametrize("text, expected", [
    ("09:30 UTC", "2012-03-06T09:30Z"),
    ("09:30Z", "2012-03-06T09:30Z"),
    ("21:00 GMT Monday", "2012-03-05T21:00Z"),
    ("1430 GMT", "2012-03-06T14:30Z"),
    ("10:00 GMT+5", "2012-03-06T05:00Z"),
    ("02:00 GMT+5 on Tuesday", "2012-03-05T21:00Z"),  # the day changes with the conversion
    ("10:00 UTC-03:30", "2012-03-06T13:30Z"),
    ("9 a.m. EST Monday", "2012-03-05T09:00"),  # regional zones keep the local clock
])
def test_times_with_a_zone(text, expected):
    timex = read(text)
    assert (timex.type, timex.value) == ("TIME", expected)
    assert timex.start.isoformat() == expected[:10]


@pytest.mark.parametrize("text, tense, anchor, expected", [
    ("the first week of May", "past", TUESDAY, "2011-W18"),  # May 1, 2011 was a Sunday: its week is April's
    ("the last week of May", "past", TUESDAY, "2011-W21"),
    ("the second week of July 2025", None, TUESDAY, "2025-W28"),
    ("this week", "past", TUESDAY, "2012-W10"),
    ("this week", "future", SUNDAY, "2012-W11"),  # said on a Sunday of what is to come: the week that begins
    ("this week", "past", SUNDAY, "2012-W10"),  # of what happened: the week that ends
    ("next week", "future", SUNDAY, "2012-W11"),
])
def test_weeks(text, tense, anchor, expected):
    assert read(text, tense, anchor).value == expected


@pytest.mark.parametrize("text, expected, mod, start, end", [
    ("mid-2014", "2014", "MID", date(2014, 5, 2), date(2014, 8, 31)),
    ("early 2014", "2014", "START", date(2014, 1, 1), date(2014, 5, 1)),
    ("the end of January 2011", "2011-01", "END", date(2011, 1, 21), date(2011, 1, 31)),
    ("the late 1990s", "199", "END", date(1996, 8, 31), date(1999, 12, 31)),
    ("the mid 1980's", "198", "MID", date(1983, 5, 2), date(1986, 8, 31)),
    ("the second half of next year", "2013-H2", None, date(2013, 7, 1), date(2013, 12, 31)),
    ("later this year", "2012", None, TUESDAY, date(2012, 12, 31)),
    ("earlier this month", "2012-03", None, date(2012, 3, 1), TUESDAY),
])
def test_vague_parts_of_periods_narrow_start_and_end(text, expected, mod, start, end):
    timex = read(text, "future" if "next" in text or "later" in text else "past")
    assert (timex.value, timex.mod, timex.start, timex.end) == (expected, mod, start, end)


@pytest.mark.parametrize("text, tense, expected", [
    ("the end of the year", "past", "2011"),  # written in March about what happened: last year's end
    ("the end of the year", "future", "2012"),
    ("the last decade", "past", "200"),
    ("the last century", "past", "19"),
    ("this century", "present", "20"),
    ("the 1990s", "past", "199"),
    ("the 19th century", "past", "18"),
    ("a month ago", "past", "2012-02"),
    ("FY2013", "past", "2013"),
    ("fiscal 2013", "past", "2013"),
    ("fiscal year 2013", "past", "2013"),
])
def test_decades_centuries_year_edges_references_and_fiscal_years(text, tense, expected):
    assert read(text, tense).value == expected


@pytest.mark.parametrize("text, expected", [
    ("the past decade", "P10Y"),
    ("nearly three and a half years", "P3Y6M"),
    ("the coming four months", "P4M"),
    ("two to three weeks", "PXW"),
])
def test_durations(text, expected):
    timex = read(text)
    assert (timex.type, timex.value) == ("DURATION", expected)


def dates_of(analyze_text, text: str, published: date = TUESDAY) -> list[tuple[str, str, str | None]]:
    return [(d.text, d.type, d.value) for d in analyze_text(text, published=published).dates]


def test_ranges_give_both_ends(analyze_text):
    assert dates_of(analyze_text, "The mill ran from 2012 to 2015 and again between 2018 and 2020.") == [
        ("2012", "DATE", "2012"), ("2015", "DATE", "2015"), ("2018", "DATE", "2018"), ("2020", "DATE", "2020")]


def test_a_bare_number_at_one_end_of_a_range_takes_the_other_ends_words(analyze_text):
    found = dates_of(analyze_text, "The refit of the ferry could take between 12 and 18 months, the yard said.")
    assert found == [("12", "DURATION", "P12M"), ("18 months", "DURATION", "P18M")]
    found = dates_of(analyze_text, "Her grandfather sailed with the polar expedition of 1957-58 as its cook.")
    assert found == [("1957", "DATE", "1957"), ("58", "DATE", "1958")]


def test_an_amount_earlier_or_later_than_something_is_a_duration(analyze_text):
    found = dates_of(analyze_text, "The ferry left two days earlier than planned and arrived two weeks later "
                                   "than first scheduled.")
    assert found == [("two days", "DURATION", "P2D"), ("two weeks", "DURATION", "P2W")]


@pytest.mark.parametrize("sentence, expected", [
    ("The harbour board said on Thursday that the strike had ended.", "2012-03-01"),
    ("The harbour board will meet again on Thursday.", "2012-03-08"),
    ("The port extended the deadline until Thursday.", "2012-03-08"),  # a deadline moved lies ahead
    ("With the ferries arriving Thursday, the port hired extra staff.", "2012-03-01"),
    ("The ferry talks, set to resume Thursday in the capital, drew protests.", "2012-03-08"),  # a plan
    ("The strike had been due to end Thursday.", "2012-03-01"),  # a plan that lay ahead then
])
def test_weekdays_take_the_side_their_clause_gives(analyze_text, sentence, expected):
    days = [d.value for d in analyze_text(sentence, published=TUESDAY).dates if d.precision == "day"]
    assert days == [expected]


@pytest.mark.parametrize("sentence, published, expected", [
    # what was decided in a past clause may lie on either side of the day of writing: the nearest May
    ("The harbour board decided to close the old yard in early May.", TUESDAY, "2012-05"),
    ("The harbour board closed the old yard in early May.", TUESDAY, "2011-05"),
    ("Ferry fares are 5% higher since May.", TUESDAY, "2011-05"),  # "since" looks back whatever the tense
    ("The lender has extended the ferry line its loans through January.", date(2012, 10, 30), "2013-01"),  # a deadline
])
def test_months_take_the_side_their_clause_gives(analyze_text, sentence, published, expected):
    months = [d.value for d in analyze_text(sentence, published=published).dates if d.precision == "month"]
    assert months == [expected]


def test_the_latest_quarter_is_one_already_over(analyze_text):
    text = "The ferry line expects a fourth-quarter charge. Its profit fell 9% in the latest quarter."
    found = dates_of(analyze_text, text, published=date(2012, 11, 2))
    assert ("the latest quarter", "DATE", "2012-Q3") in found
    found = dates_of(analyze_text, "Sales in the latest period rose 4%.", published=date(2012, 11, 2))
    assert found == [("the latest period", "DATE", "2012-Q3")]


def test_a_period_named_again_is_what_a_year_ago_refers_to(analyze_text):
    text = ("The ferry line's profit rose 5% in the third quarter. It plans a new route in 2014. Sales in the "
            "quarter rose to $9 million from $7 million a year ago.")
    found = dates_of(analyze_text, text, published=date(2012, 11, 2))
    assert found[-2:] == [("the quarter", "DATE", "2012-Q3"), ("a year ago", "DATE", "2011-Q3")]


def test_a_forecast_does_not_hide_the_period_reported_on(analyze_text):
    text = ("The ferry line's profit fell 9% in the third quarter. Analysts expect losses through the second "
            "quarter of 2013. In the year-ago period, the line earned $4 million.")
    found = dates_of(analyze_text, text, published=date(2012, 11, 2))
    assert found[-1] == ("the year-ago period", "DATE", "2011-Q3")


def test_one_day_before_its_verb_is_no_length_of_time(analyze_text):
    text = "The mayor said the ferry will one day reach the island, after a strike that lasted one day."
    assert dates_of(analyze_text, text) == [("one day", "DURATION", "P1D")]  # only the strike's


def test_a_programme_an_age_and_a_newspaper_are_no_time_expressions(analyze_text):
    text = ("Children aged 6 months and older should be vaccinated, the minister told CBS's 60 Minutes, and the "
            "party daily Harbour Voice agreed.")
    assert dates_of(analyze_text, text) == []
    text = "The harbour master, who took the job in his 40s, wrote in the Workers' Party daily Morning Flag."
    assert dates_of(analyze_text, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Easter week", "2012-W14"),       # Easter Sunday 2012 is April 8
    ("the Easter weekend", "2012-W14-WE"),
    ("Christmas week 2012", "2012-W52"),  # December 25, 2012 is a Tuesday
])
def test_the_week_or_weekend_of_a_holiday(text, expected):
    assert read(text, None).value == expected
