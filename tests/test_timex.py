"""TIMEX3 normalization of the main families of expressions."""
from __future__ import annotations

from datetime import date

import pytest

from extract.normalize.timex import normalize_date

ANCHOR = date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize("text, value, precision", [
    ("March 3, 2019", "2019-03-03", "day"),
    ("3 March 2019", "2019-03-03", "day"),
    ("Tue, Mar 05, 2019", "2019-03-05", "day"),
    ("Mar.05,2019", "2019-03-05", "day"),
    ("May 2019", "2019-05", "month"),
    ("1998", "1998", "year"),
    ("the early 1990s", "199", "decade"),
    ("the 20th century", "19", "century"),
    ("the third quarter of 2019", "2019-Q3", "quarter"),
    ("summer 2019", "2019-SU", "season"),
])
def test_absolute(text, value, precision):
    t = normalize_date(text, ANCHOR, "past")
    assert (t.value, t.precision) == (value, precision)


@pytest.mark.parametrize("text, tense, value", [
    ("last week", "past", "2024-W10"),
    ("next month", "future", "2024-04"),
    ("this summer", "future", "2024-SU"),
    ("two years ago", "past", "2022"),
    ("Monday", "past", "2024-03-11"),
    ("Monday", "future", "2024-03-18"),
    ("the second week of July", "future", "2024-W28"),
])
def test_relative_with_anchor(text, tense, value):
    assert normalize_date(text, ANCHOR, tense).value == value


@pytest.mark.parametrize("text", ["last week", "Monday", "two years ago"])
def test_relative_without_anchor_stays_unresolved(text):
    t = normalize_date(text, None, "past")
    assert t.value is None or t.value.startswith("XXXX")


def test_durations_and_sets_are_not_dates():
    assert normalize_date("10-year", ANCHOR).type == "DURATION"
    assert normalize_date("10-year", ANCHOR).value == "P10Y"
    assert normalize_date("annual", ANCHOR).type == "SET"


def test_period_bounds_allow_date_filtering():
    t = normalize_date("February 2024", ANCHOR)
    assert (t.start, t.end) == (date(2024, 2, 1), date(2024, 2, 29))
