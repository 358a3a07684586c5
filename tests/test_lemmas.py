"""The faster lemmatizer must give exactly spaCy's lemmas, in memory zones too."""
from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import LEMMA, ORTH

from extract.nlp.components.lemmas import RememberingLemmatizer, speed_up_lemmatizer
from extract.nlp.model import resolve_model_name

from .conftest import RAW

TRICKY = ["They were meeting; the meetings met. She's been better, best of all.", "", " \n ",
          "Signed, sealed: the U.S.-India pacts were signed and are being signed."]


@pytest.fixture(scope="module")
def stock_and_fast():
    stock = spacy.load(resolve_model_name())
    fast = spacy.load(resolve_model_name())
    speed_up_lemmatizer(fast)
    return stock, fast


def texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))] + TRICKY


def test_same_lemmas_as_spacy_twice_and_in_memory_zones(stock_and_fast):
    stock, fast = stock_and_fast
    assert type(fast.get_pipe("lemmatizer")) is RememberingLemmatizer
    expected = [d.to_array([ORTH, LEMMA]) for d in stock.pipe(texts())]
    for _ in range(2):  # the second time, every lemma comes from what was remembered
        with fast.memory_zone():
            got = [d.to_array([ORTH, LEMMA]) for d in fast.pipe(texts())]
        assert all(np.array_equal(a, b) for a, b in zip(expected, got))
    assert [t.lemma_ for t in fast("The pacts were signed.")] == ["the", "pact", "be", "sign", "."]


def test_saved_and_loaded_with_the_pipeline(stock_and_fast, tmp_path):
    _, fast = stock_and_fast
    fast.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert type(loaded.get_pipe("lemmatizer")) is RememberingLemmatizer
    assert [t.lemma_ for t in loaded("They met twice.")] == ["they", "meet", "twice", "."]
