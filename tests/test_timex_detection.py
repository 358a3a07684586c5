"""Time expressions found in running text and normalized in their context (real model)."""
from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2019, 6, 12)  # a Wednesday


def dates_of(analyze_text, text: str, published: date | None = PUBLISHED) -> dict[str, tuple[str, str | None]]:
    return {d.text: (d.type, d.value) for d in analyze_text(text, published=published).dates}


def test_spans_keep_modifiers_and_drop_prepositions(analyze_text):
    found = dates_of(analyze_text, "The dam was built in the early 1990s and was repaired about two years ago.")
    assert found == {"the early 1990s": ("DATE", "199"), "about two years ago": ("DATE", "2017")}


def test_a_part_of_a_decade_is_one_expression(analyze_text):
    found = dates_of(analyze_text, "Output grew in the first half of the 1970s and fell from the end of the '80s, "
                                   "as it had in the 1960s, while the 1987 model sold well.")
    assert found == {"the first half of the 1970s": ("DATE", "197"), "the end of the '80s": ("DATE", "198"),
                     "the 1960s": ("DATE", "196"), "1987": ("DATE", "1987")}


def test_words_the_model_misses(analyze_text):
    found = dates_of(analyze_text, "Chile's third-quarter exports fell, and inflation is now easing, the bank said "
                                   "in a statement on Tuesday morning.")
    assert found == {"third-quarter": ("DATE", "2018-Q3"), "Tuesday morning": ("TIME", "2019-06-11TMO")}


@pytest.mark.parametrize("sentence, expected", [
    ("The Norwegian minister said on Friday that the talks had ended.", "2019-06-07"),
    ("The Norwegian minister will visit Oslo on Friday.", "2019-06-14"),
    ("Talks are scheduled to resume on Friday in Oslo.", "2019-06-14"),
    ("A rally planned for Saturday was called off.", "2019-06-15"),
])
def test_weekdays_follow_the_tense_of_their_clause(analyze_text, sentence, expected):
    weekdays = [d for d in analyze_text(sentence, published=PUBLISHED).dates if d.precision == "day"]
    assert [d.value for d in weekdays] == [expected]


def test_relative_dates_stay_unresolved_without_a_publication_date(analyze_text):
    found = dates_of(analyze_text, "The Peruvian cabinet met last week and again on Monday.", published=None)
    assert found["last week"][1] is None and found["Monday"][1] is None


@pytest.mark.parametrize("sentence, expected", [
    ("Exports rose in January-April 2018 compared with a year before.", {"January": "2018-01", "April 2018": "2018-04"}),
    ("The plan covers the years 2025-2035.", {"2025": "2025", "2035": "2035"}),
    ("Prices rose from 2010 to 2015.", {"2010": "2010", "2015": "2015"}),
])
def test_ranges_give_both_ends(analyze_text, sentence, expected):
    found = {text: v for text, (_, v) in dates_of(analyze_text, sentence).items()}
    assert {k: found.get(k) for k in expected} == expected


def test_a_year_earlier_compares_with_the_quarter_just_named(analyze_text):
    found = dates_of(analyze_text, "Kenya Airways lost $20 million in the third quarter of 2018, compared with a "
                                   "profit of $5 million a year earlier.")
    assert found["the third quarter of 2018"] == ("DATE", "2018-Q3")
    assert found["a year earlier"] == ("DATE", "2017-Q3")


def test_rates_are_sets_and_fiscal_years_ending_are_durations(analyze_text):
    found = dates_of(analyze_text, "The mine earns $40 million a year. For the year ended March 31, sales fell.")
    assert found["a year"] == ("SET", "P1Y")
    assert found["the year"] == ("DURATION", "P1Y")
    assert found["March 31"] == ("DATE", "2019-03-31")


@pytest.mark.parametrize("sentence", [
    "Ministers may decide to act.",
    "The company hired 1,990 workers and paid $2000 each.",
    "A 45-year-old engineer from Quito was elected.",
    "Spring water is sold in Lima.",
])
def test_words_that_only_look_like_dates(analyze_text, sentence):
    assert analyze_text(sentence, published=PUBLISHED).dates == []


def test_deictic_references_are_left_out_of_the_dates_by_default(analyze_text, nlp):
    text = "Ghana is now the largest producer, and recently signed a deal."
    assert analyze_text(text, published=PUBLISHED).dates == []
    from extract.nlp.components.timex import TimexDetector

    with nlp.select_pipes(disable=["extract_timex"]):
        doc = nlp(text)
    doc = TimexDetector(nlp, "timex_all", references=True)(doc)
    assert [s.text for s in doc.spans["timex"]] == ["now", "recently"]


def test_recent_years_are_a_stretch_of_the_calendar_and_stay_in_the_dates(analyze_text):
    text = "Exports have doubled in recent years, and the outlook for the years ahead is brighter now."
    assert dates_of(analyze_text, text) == {"recent years": ("DATE", "PAST_REF")}
    unanchored = analyze_text(text).dates  # no publication date: pointing at it says nothing yet
    assert [(d.text, d.value) for d in unanchored] == [("recent years", None)]


def test_periods_have_calendar_bounds(analyze_text):
    dates = analyze_text("The treaty was signed in summer 2016.", published=PUBLISHED).dates
    assert [(d.value, d.start, d.end) for d in dates] == [("2016-SU", date(2016, 6, 1), date(2016, 8, 31))]


@pytest.mark.parametrize("sentence, expected", [
    ("Talks sped up after the harbour board's chairman left, and after August's chairman quit in June.", ["June"]),
    ("Speaking on the station's Tonight show, the minister said the rules would change.", []),
    ("March's exports were weak, and Monday's talks failed. Today the minister resigned.",
     ["March", "Monday", "Today"]),
])
def test_a_time_word_that_names_a_firm_or_a_programme_is_no_date(analyze_text, sentence, expected):
    assert [d.text for d in analyze_text(sentence, published=PUBLISHED).dates] == expected


def test_without_a_publication_date_the_text_still_anchors_its_own_dates(analyze_text):
    text = ("In 2011 the port handled 40m tons, up 8% on the previous year. The strike began on 3 May 2012; "
            "the day before, talks had failed. Last month traffic fell.")
    found = dates_of(analyze_text, text, published=None)
    assert found["the previous year"] == ("DATE", "2010")
    assert found["the day before"] == ("DATE", "2012-05-02")
    assert found["Last month"] == ("DATE", None)  # only the publication date could tell which month


def test_without_a_publication_date_an_unknown_date_hides_the_earlier_ones(analyze_text):
    text = "The club was sold in 2003. Last year its losses fell, and over the same year its sales fell too."
    found = dates_of(analyze_text, text, published=None)
    assert found["the same year"] == ("DATE", None)  # last year's, whichever that was; not 2003


def test_pre_and_post_join_a_date_only_by_a_hyphen(analyze_text):
    dates = analyze_text("Output is back at pre-2008 levels, unlike the post-1990 boom. The envoy left his post "
                         "Friday.", published=PUBLISHED).dates
    assert [(d.text, d.value, d.mod) for d in dates] == [("pre-2008", "2008", "BEFORE"), ("post-1990", "1990", "AFTER"),
                                                          ("Friday", "2019-06-07", None)]


def test_a_period_noun_before_a_date_is_that_date_not_an_earlier_one(analyze_text):
    text = "Sales rose in 1998. Ministers will agree a budget for the period 2031-2037. Then prices fell."
    assert [(d.text, d.value) for d in analyze_text(text).dates] == [("1998", "1998"), ("2031", "2031"),
                                                                      ("2037", "2037")]


def test_the_day_before_an_event_in_apposition_to_a_date_is_that_date(analyze_text):
    text = "The envoy was last seen on June 3, the day before the embassy closed. A week later he called."
    found = dates_of(analyze_text, text)
    assert found["June 3"] == found["the day before"] == ("DATE", "2019-06-03")


def test_a_day_next_to_a_named_date_counts_from_it(analyze_text):
    found = dates_of(analyze_text, "The day before last Tuesday, talks failed. They resumed after Easter.")
    assert found["The day before"] == ("DATE", "2019-06-10")  # not the day before the publication date
    assert found["last Tuesday"] == ("DATE", "2019-06-11")
    assert found["Easter"] == ("DATE", "2019-04-21")  # a holiday the model took for a person's name is still one
