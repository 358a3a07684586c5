"""Line structure for spaCy: every line starts a sentence, and no entity crosses a line break.

News text arrives with headings, bullets and captions on lines of their own; the parser would otherwise glue a
heading to the next paragraph and the NER would tag "Sabine\\nMark Travers" as one person.
"""
from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.nlp.text import doc_text

_NEWLINE = re.compile("\n")


@Language.component("extract_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Force a sentence start after every token whose text or trailing space holds a newline (runs before
    the parser, which respects it). Only the tokens at the newlines are visited."""
    newlines = [m.start() for m in _NEWLINE.finditer(doc_text(doc))]
    if not newlines:
        return doc
    holding = np.searchsorted(doc.to_array(IDX), newlines, side="right") - 1  # the token holding each newline
    for i in sorted(set(holding.tolist())):
        if i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("extract_split_entities")
def split_entities(doc: Doc) -> Doc:
    """Cut entities at line breaks and trim whitespace/punctuation tokens at their edges."""
    ents = []
    for ent in doc.ents:
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or "\n" in doc[i].text:
                piece = _trim(doc, start, i)
                if piece:
                    ents.append(Span(doc, piece[0], piece[1], label=ent.label))
                start = i + 1
    doc.ents = ents
    return doc


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in "“\"'‘("):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {"-", "–", "—", ":", ","}):
        end -= 1
    return (start, end) if end > start else None
