"""Time expression detection: spaCy's DATE/TIME entities plus what the model misses (compact datelines
such as "Nov.01,2025"), stored in `doc.spans["timex"]` for the date extractor to normalize."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.normalize.timex import MONTHS

_MONTH = "|".join(sorted((m for m in MONTHS if len(m) >= 3), key=len, reverse=True))
ABSOLUTE_DATES = re.compile(
    r"\b(?:(?:" + _MONTH + r")\.?\s*\d{1,2}(?:st|nd|rd|th)?,\s*(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + _MONTH + r")\.?,?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d)\b", re.I)


@Language.factory("extract_timex", default_config={"spans_key": "timex", "labels": ["DATE", "TIME"]})
def make_timex_detector(nlp: Language, name: str, spans_key: str, labels: list[str]) -> "TimexDetector":
    return TimexDetector(nlp, name, spans_key=spans_key, labels=labels)


class TimexDetector:
    """Collect time expressions into a span group.

    spans_key (str): the `doc.spans` key to write.
    labels (list[str]): entity labels taken from the NER.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str = "timex", labels: list[str] | None = None):
        self.name = name
        self.spans_key = spans_key
        self.labels = set(labels or ["DATE", "TIME"])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, e.start, e.end, label=e.label) for e in doc.ents if e.label_ in self.labels]
        taken = {i for s in spans for i in range(s.start, s.end)}
        for m in ABSOLUTE_DATES.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), label="DATE", alignment_mode="expand")
            if span is not None and not taken.intersection(range(span.start, span.end)):
                spans.append(span)
                taken.update(range(span.start, span.end))
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: s.start)
        return doc
