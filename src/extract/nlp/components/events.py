"""Event trigger tagging: verbs and nouns from `data/events.yaml`, as `doc.spans["event_triggers"]`
labelled with the event type."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span


@lru_cache(maxsize=1)
def event_lexicon() -> dict:
    """Event types, their PLOVER codes, triggers and modality words from `data/events.yaml`."""
    return yaml.safe_load(resources.files("extract.data").joinpath("events.yaml").read_text("utf-8"))


@Language.factory("extract_event_triggers", default_config={"spans_key": "event_triggers"})
def make_event_trigger_tagger(nlp: Language, name: str, spans_key: str) -> "EventTriggerTagger":
    return EventTriggerTagger(nlp, name, spans_key=spans_key)


class EventTriggerTagger:
    """Tag tokens that signal an event of one of the closed types.

    spans_key (str): the `doc.spans` key to write.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "event_triggers"):
        self.name = name
        self.spans_key = spans_key
        types = event_lexicon()["types"]
        self.verbs = {lemma: t for t, spec in types.items() for lemma in spec.get("verbs", [])}
        self.nouns = {lemma: t for t, spec in types.items() for lemma in spec.get("nouns", [])}

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for token in doc:
            if token.pos_ == "VERB":
                etype = self.verbs.get(token.lemma_.lower())
            elif token.pos_ in ("NOUN", "PROPN"):
                etype = self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_)
            else:
                etype = None
            if etype:
                spans.append(Span(doc, token.i, token.i + 1, label=etype))
        doc.spans[self.spans_key] = spans
        return doc
