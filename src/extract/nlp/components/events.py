"""Event trigger tagging: the words of `data/events.yaml` that signal an event, as `doc.spans["event_triggers"]`
labelled with the event type.

Verbs and nouns are matched on their lemma and part of speech, multi-word triggers ("in the works") with a
spaCy `Matcher`, and words that only count when done jointly ("jointly produce", "co-production") when one of
the type's joint words modifies them. A word may signal several types ("announced a deal" is a signing,
"announced an initiative" a launch): it gets a span for each, and the event extractor keeps those whose
conditions the sentence meets.
"""
from __future__ import annotations


import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from extract.lexicons import event_lexicon

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
MODIFIER_DEPS = {"advmod", "amod", "compound", "npadvmod", "nmod"}


@Language.factory("extract_event_triggers", default_config={"spans_key": "event_triggers"})
def make_event_trigger_tagger(nlp: Language, name: str, spans_key: str) -> "EventTriggerTagger":
    return EventTriggerTagger(nlp, name, spans_key=spans_key)


class EventTriggerTagger:
    """Tag the words that signal an event of one of the closed types.

    spans_key (str): the `doc.spans` key to write; each span's label is the event type.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "event_triggers"):
        self.name = name
        self.spans_key = spans_key
        types = event_lexicon().types
        self.verbs: dict[str, list[str]] = {}
        self.nouns: dict[str, list[str]] = {}
        self.joint: dict[str, list[tuple[str, set[str]]]] = {}
        self.particles: dict[str, list[tuple[str, str]]] = {}  # "take over": take, with the particle over
        for t, spec in types.items():
            for lemma in spec.verbs:
                if " " in lemma:
                    verb, particle = lemma.split(" ", 1)
                    self.particles.setdefault(verb, []).append((particle, t))
                else:
                    self.verbs.setdefault(lemma, []).append(t)
            for lemma in spec.nouns:
                self.nouns.setdefault(lemma, []).append(t)
            for lemma in spec.joint_only:
                self.joint.setdefault(lemma, []).append((t, set(spec.joint_words)))
        words = set(self.verbs) | set(self.nouns) | set(self.joint) | set(self.particles)
        # the trigger words in the cases a lemma or lower-cased form may take, as string hashes: only the
        # tokens whose LEMMA or LOWER is one of them are looked at (no Token object for every word)
        self.word_ids = np.array(sorted({nlp.vocab.strings.add(form) for w in words
                                         for form in (w, w.capitalize(), w.upper())}), dtype=np.uint64)
        self.phrases = Matcher(nlp.vocab)
        for etype, spec in types.items():
            patterns = [[{"LOWER": word} for word in phrase.split()] for phrase in spec.phrases]
            if patterns:
                self.phrases.add(etype, patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, i, i + 1, label=etype) for i in self._candidates(doc) for etype in self.types_of(doc[i])]
        taken = {s.start for s in spans}
        for match_id, start, end in self.phrases(doc):
            if not taken.intersection(range(start, end)):
                spans.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: s.start)
        return doc

    def _candidates(self, doc: Doc) -> list[int]:
        """Indices of the tokens whose lemma or lower-cased form is a trigger word."""
        if not len(doc):
            return []
        forms = doc.to_array([LEMMA, LOWER])
        return np.flatnonzero(np.isin(forms, self.word_ids).any(axis=1)).tolist()

    def types_of(self, token: Token) -> list[str]:
        """The event types a single word may signal."""
        lemma, lower = token.lemma_.lower(), token.lower_
        if token.pos_ in VERB_POS and lemma in self.particles:
            particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
            found = [t for particle, t in self.particles[lemma] if particle in particles]
            if found:
                return found
        if token.pos_ in VERB_POS and lemma in self.verbs:
            return self.verbs[lemma]
        if token.pos_ in NOUN_POS and (lemma in self.nouns or lower in self.nouns):
            return self.nouns.get(lemma) or self.nouns[lower]
        if token.pos_ in VERB_POS | NOUN_POS and lemma in self.joint:
            return [etype for etype, words in self.joint[lemma] if _done_jointly(token, words)]
        return []


def _done_jointly(token: Token, words: set[str]) -> bool:
    """"jointly produce", "joint production", "co-production" (tokenized as co - production)."""
    if any(c.dep_ in MODIFIER_DEPS and c.lower_ in words for c in token.children):
        return True
    before = token.doc[max(0, token.i - 2):token.i]
    return len(before) == 2 and before[1].text == "-" and before[0].lower_ in words
