"""spaCy's English lemmatizer, with the same lemmas, without its per-token Python work.

In rule mode a token's lemma depends only on its word, part of speech and features, and spaCy caches it
under that key; but the lemmatizer still visits every token as a Python object to look it up, a few percent
of the whole model's time. Here the keys are read as arrays, each distinct key of a document is looked up
once (and worked out by spaCy's own rules the first time it is seen), and the lemmas are written back as an
array. A lemmatizer in another mode, or asked to overwrite lemmas, runs spaCy's own code.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model

_MAX_REMEMBERED = 500_000  # words with their tag and features; a long run starts over past this


@Language.factory("extract_lemmatizer", assigns=["token.lemma"],
                  default_config={"model": None, "mode": "rule", "overwrite": False,
                                  "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
                  default_score_weights={"lemma_acc": 1.0})
def make_lemmatizer(nlp: Language, model: Model | None, name: str, mode: str, overwrite: bool,
                    scorer: Callable | None) -> "RememberingLemmatizer":
    return RememberingLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def speed_up_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """Put a `RememberingLemmatizer` with the same tables in place of the pipeline's English rule lemmatizer."""
    if name not in nlp.pipe_names:
        return
    stock = nlp.get_pipe(name)
    if type(stock) is not EnglishLemmatizer or stock.mode != "rule" or stock.overwrite:
        return
    faster = nlp.replace_pipe(name, "extract_lemmatizer", config={"mode": "rule", "overwrite": False})
    faster.initialize(lookups=stock.lookups)


class RememberingLemmatizer(EnglishLemmatizer):
    """`EnglishLemmatizer` that looks lemmas up by array, once per distinct (word, POS, features) of a doc."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._remembered: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or self.overwrite or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            self._set_lemmas(doc)
            return doc
        except Exception as e:  # noqa: BLE001  (spaCy's error handler decides, as for any component)
            return error_handler(self.name, self, [doc], e)

    def _set_lemmas(self, doc: Doc) -> None:
        found = doc.to_array([ORTH, POS, MORPH, LEMMA])
        missing = np.flatnonzero(found[:, 3] == 0)
        if not len(missing):
            return
        remembered = self._remembered
        if len(remembered) > _MAX_REMEMBERED:
            remembered.clear()
        lemmas = []
        for i, key in zip(missing.tolist(), map(tuple, found[missing, :3].tolist())):
            lemma = remembered.get(key)
            if lemma is None:
                lemma = remembered[key] = self.lemmatize(doc[i])[0]
            lemmas.append(lemma)
        # Lemmas are stored each time (in a memory zone, the strings of the last one are gone).
        hashes = {lemma: self.vocab.strings.add(lemma) for lemma in set(lemmas)}
        column = found[:, 3]
        column[missing] = [hashes[lemma] for lemma in lemmas]
        doc.from_array([LEMMA], column)
