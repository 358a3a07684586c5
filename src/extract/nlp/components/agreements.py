"""Agreement mention detection: named agreements ("General Security of Military Information Agreement"),
descriptive ones ("the India-US defence pact", "a 10-year framework agreement") and generic ones
("the pact"), written to `doc.spans["agreements"]` with labels NAMED, DESCRIPTIVE and GENERIC."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span


@lru_cache(maxsize=1)
def agreement_lexicon() -> dict:
    """Kind words, generic determiners and name stop words from `data/agreements.yaml`."""
    return yaml.safe_load(resources.files("extract.data").joinpath("agreements.yaml").read_text("utf-8"))


_CAP = r"(?:[A-Z][\w’'.&]*(?:[-–][\w’'.&]+)*|\d[\w]*(?:[-–][\w]+)+|(?:19|20)\d\d)"
_CONNECT = r"(?:of|for|and|on|the|in|to|through|Through|against|between|with|&)"
_NAME = re.compile(_CAP + r"(?:\s+(?:" + _CONNECT + r"\s+)*" + _CAP + r")*")


@Language.factory("extract_agreements", default_config={"spans_key": "agreements"})
def make_agreement_recognizer(nlp: Language, name: str, spans_key: str) -> "AgreementRecognizer":
    return AgreementRecognizer(nlp, name, spans_key=spans_key)


class AgreementRecognizer:
    """Find agreement mentions.

    spans_key (str): the `doc.spans` key to write.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "agreements"):
        self.name = name
        self.spans_key = spans_key
        lexicon = agreement_lexicon()
        self.kinds: dict[str, str] = lexicon["kinds"]
        self.generic_determiners = set(lexicon["generic_determiners"])
        self.stop_words = set(lexicon["name_stop_words"])

    def __call__(self, doc: Doc) -> Doc:
        spans = self.named(doc)
        taken = {i for s in spans for i in range(s.start, s.end)}
        for span in self.descriptive(doc):
            if not taken.intersection(range(span.start, span.end)):
                spans.append(span)
                taken.update(range(span.start, span.end))
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: s.start)
        return doc

    def named(self, doc: Doc) -> list[Span]:
        """Capitalized names whose last word (or first, before of/for) is a kind word."""
        spans = []
        for m in _NAME.finditer(doc.text):
            words = list(re.finditer(r"\S+", m.group()))
            while words and words[0].group() in self.stop_words:
                words.pop(0)
            last_kind = max((i for i, w in enumerate(words) if self._kind(w.group())), default=None)
            if last_kind is None:
                continue
            words = words[:last_kind + 1]
            if len(words) < 2 or "\n" in m.group()[words[0].start():words[-1].end()]:
                continue
            start, end = m.start() + words[0].start(), m.start() + words[-1].end()
            span = doc.char_span(start, end, label="NAMED", alignment_mode="contract")
            if span is not None and len(span) >= 2:
                spans.append(span)
        return spans

    def descriptive(self, doc: Doc) -> list[Span]:
        """Lower-case kind nouns with their modifiers: descriptive when a modifier identifies the agreement
        (a country pair, a number, a capitalized word), generic otherwise."""
        spans = []
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or token.lower_ not in self.kinds:
                continue
            if token.dep_ == "compound" and token.head.lower_ in self.kinds:
                continue  # "framework agreement": the head carries the mention
            left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nummod", "nmod", "npadvmod", "quantmod")]
            start = min([token.i] + [t.left_edge.i for t in left])
            while start < token.i and (doc[start].is_punct or doc[start].is_space):
                start += 1
            det = [t for t in token.lefts if t.dep_ in ("det", "poss")]
            identifying = any(t.like_num or t.is_title or t.is_upper or "-" in t.text for t in doc[start:token.i])
            label = "DESCRIPTIVE" if identifying else "GENERIC"
            if label == "GENERIC" and not det:
                continue
            if label == "GENERIC" and any(t.lower_ not in self.generic_determiners for t in det):
                continue
            spans.append(Span(doc, start, token.i + 1, label=label))
        return spans

    def _kind(self, word: str) -> str | None:
        word = word.strip("“”\"'‘’(),.:;")
        return self.kinds.get(word.lower()) if word[:1].isupper() else None
