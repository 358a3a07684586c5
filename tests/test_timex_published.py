"""Publication dates read from the head of an article: the anchor of every relative date."""
from __future__ import annotations

from datetime import date

import pytest

from extract.ingest.published import find_published
from extract.ingest.segments import segment

BODY = "\n\nThe finance ministers of Chile and Peru met in Lima to discuss a new port agreement.\n"


@pytest.mark.parametrize("header, expected", [
    ("Published: 2021-04-09T10:20:00+05:30", date(2021, 4, 9)),
    ("Updated Apr 9, 2021, 10:30 AM IST", date(2021, 4, 9)),
    ("By Ana Ruiz | April 9, 2021", date(2021, 4, 9)),
    ("Apr 9, 2021 / 10:30 CET", date(2021, 4, 9)),
    ("Fri 9 April 2021 12.05 BST", date(2021, 4, 9)),
    ("Santiago, Apr.09,2021: The ministers met.", date(2021, 4, 9)),
])
def test_date_lines_and_datelines_give_the_publication_date(header, expected):
    text = header + BODY
    assert find_published(text, segment(text)) == expected


@pytest.mark.parametrize("header", [
    "The ministers met on April 9, 2021 in Lima.",
    "Talks are due by May 3, 2021, officials said.",
])
def test_dates_inside_sentences_are_not_publication_dates(header):
    text = header + BODY
    assert find_published(text, segment(text)) is None
