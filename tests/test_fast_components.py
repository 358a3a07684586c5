"""spaCy components the pipeline replaces with faster ones (the attribute ruler, the English lemmatizer) must
give exactly what spaCy's own give: POS, tags, features, dependencies and lemmas, saved and loaded alike."""
from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline.attributeruler import AttributeRuler

from extract.nlp.components.attribute_rules import RememberingAttributeRuler, speed_up_attribute_ruler
from extract.nlp.components.lemmas import RememberingLemmatizer, speed_up_lemmatizer
from extract.nlp.model import resolve_model_name

from .conftest import RAW

ATTRS = [ORTH, POS, TAG, MORPH, LEMMA, DEP]
# Rules on two tokens and spaCy's English exceptions (they go through the Matcher), inflections, blanks.
TRICKY = ["There are y'all gon na see, let's go; we ain't done, c'mon.", "It's gotta be nothin' at all.", "",
          "  \n\n  ", "Which one?\n\nThe one that was sold.",
          "They were meeting; the meetings met. She's been better, best of all.",
          "Signed, sealed: the trade pacts were signed and are being signed."]


@pytest.fixture(scope="module")
def stock_and_fast():
    stock = spacy.load(resolve_model_name())
    fast = spacy.load(resolve_model_name())
    speed_up_attribute_ruler(fast)
    speed_up_lemmatizer(fast)
    return stock, fast


def texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))] + TRICKY


def test_same_annotations_as_spacy_twice_and_in_memory_zones(stock_and_fast):
    stock, fast = stock_and_fast
    assert type(fast.get_pipe("attribute_ruler")) is RememberingAttributeRuler
    assert type(fast.get_pipe("lemmatizer")) is RememberingLemmatizer
    expected = [d.to_array(ATTRS) for d in stock.pipe(texts())]
    for _ in range(2):  # the second time, everything comes from what was remembered
        with fast.memory_zone():
            got = [d.to_array(ATTRS) for d in fast.pipe(texts())]
        assert all(np.array_equal(a, b) for a, b in zip(expected, got))
    assert [t.lemma_ for t in fast("The pacts were signed.")] == ["the", "pact", "be", "sign", "."]


def test_rules_of_every_kind_match_spacy(stock_and_fast):
    """Own rules: several tokens, operators, a negative index, and a lexical attribute (spaCy's code path)."""
    stock, _ = stock_and_fast
    rules = [
        {"patterns": [[{"LOWER": {"IN": ["signed", "inked"]}}]], "attrs": {"LEMMA": "sign"}},
        {"patterns": [[{"TAG": "NNP"}, {"LOWER": "said"}]], "attrs": {"POS": "PROPN", "MORPH": "Number=Sing"},
         "index": -2},
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"POS": "ADJ"}]], "attrs": {"LEMMA": "very"}, "index": 0},
        {"patterns": [[{"IS_TITLE": True, "LENGTH": {">": 5}}]], "attrs": {"TAG": "NNP"}},
        {"patterns": [[{}]], "attrs": {"MORPH": "Foo=Bar"}},
        {"patterns": [[{"LOWER": "pact"}]], "attrs": {"LEMMA": "agreement"}},
    ]
    text = "Minister Lopez said the very very good pact was signed and inked.\n\nPacts matter."
    results = []
    for cls in (AttributeRuler, RememberingAttributeRuler):
        ruler = cls(stock.vocab)
        ruler.add_patterns(rules)
        results.append(ruler(stock.make_doc(text)).to_array(ATTRS))
    assert np.array_equal(*results)
    lexical = RememberingAttributeRuler(stock.vocab)
    lexical.add_patterns([{"patterns": [[{"LOWER": "pact"}]], "attrs": {"NORM": "agreement"}}])
    assert [t.norm_ for t in lexical(stock.make_doc(text)) if t.lower_ == "pact"] == ["agreement"]


def test_saved_and_loaded_with_the_pipeline(stock_and_fast, tmp_path):
    _, fast = stock_and_fast
    fast.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert type(loaded.get_pipe("attribute_ruler")) is RememberingAttributeRuler
    assert type(loaded.get_pipe("lemmatizer")) is RememberingLemmatizer
    assert loaded.get_pipe("attribute_ruler").patterns == fast.get_pipe("attribute_ruler").patterns
    assert [t.lemma_ for t in loaded("They are gon na sign it. They met twice.")] == [
        "they", "be", "go", "to", "sign", "it", ".", "they", "meet", "twice", "."]
