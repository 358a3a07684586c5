"""spaCy's English lemmatizer, with the same lemmas, without its per-token Python work.

In rule mode a token's lemma depends only on its word, part of speech and features, and spaCy caches it
under that key; but the lemmatizer still visits every token as a Python object to look it up, a few percent
of the whole model's time. Here the keys are read as arrays, looked up in spaCy's cache (which here keeps
every key, bounded in size; spaCy's own keeps only the words its rules reach), worked out by spaCy's rules
the first time a key is seen, and the lemmas are written back as an array. A lemmatizer in another mode, or asked to overwrite lemmas, runs spaCy's own code.

spaCy's rules check each candidate lemma against the known words of its part of speech, which its tables
hold as lists (57,000 nouns): a linear search per candidate, about 0.1 ms per new word, more than a second
per 500 news articles in a new process. `rule_lemmatize` here is spaCy's, with those lists read as sets.
"""
from __future__ import annotations

from typing import Any, Callable, Container

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.tokens import Doc, Token
from thinc.api import Model

_MAX_REMEMBERED = 500_000  # cached (word, POS, features); a long run starts over past this


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
        self._index_sets: tuple[object, dict[str, frozenset[str]]] = (None, {})

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
        if len(self.cache) > _MAX_REMEMBERED:
            self.cache.clear()
        lemmas = []
        for i, key in zip(missing.tolist(), map(tuple, found[missing, :3].tolist())):
            forms = self.cache.get(key)  # spaCy's key: (ORTH, POS, MORPH), the columns read here
            lemmas.append((forms if forms is not None else self.rule_lemmatize(doc[i]))[0])
        # Lemmas are stored each time (in a memory zone, the strings of the last one are gone).
        hashes = {lemma: self.vocab.strings.add(lemma) for lemma in set(lemmas)}
        column = found[:, 3]
        column[missing] = [hashes[lemma] for lemma in lemmas]
        doc.from_array([LEMMA], column)

    def rule_lemmatize(self, token: Token) -> list[str]:
        """spaCy's `Lemmatizer.rule_lemmatize`, remembered for every (word, POS, features) (spaCy remembers
        only the words its rules reach)."""
        cache_key = (token.orth, token.pos, token.morph.key)
        forms = self.cache.get(cache_key)
        if forms is None:
            forms = self.cache[cache_key] = self._rule_forms(token)
        return forms

    def _rule_forms(self, token: Token) -> list[str]:
        """spaCy's rules (3.8), the same in the same order, with the index of known words as sets (spaCy's
        tables hold lists)."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            return super().rule_lemmatize(token)  # spaCy's warning for untagged tokens
        if self.is_base_form(token):
            return [string.lower()]
        exc_table = self.lookups.get_table("lemma_exc", {})
        rules_table = self.lookups.get_table("lemma_rules", {})
        index = self._known_words(univ_pos)
        if not any((index, exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return [string] if univ_pos == "propn" else [string.lower()]
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms

    def _known_words(self, univ_pos: str) -> Container[str]:
        """The index of known words for a part of speech, as a set (made again when the tables change)."""
        table = self.lookups.get_table("lemma_index", {})
        if self._index_sets[0] is not table:
            self._index_sets = (table, {})
        sets = self._index_sets[1]
        if univ_pos not in sets:
            sets[univ_pos] = frozenset(table.get(univ_pos) or ())
        return sets[univ_pos]
