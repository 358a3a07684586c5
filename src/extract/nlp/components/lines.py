"""Line structure for spaCy: every line starts a sentence, and no entity crosses a line break.

News text arrives with headings, bullets and captions on lines of their own; the parser would otherwise glue a
heading to the next paragraph and the NER would tag "Sabine\\nMark Travers" as one person.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.component("extract_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Force a sentence start after every newline (runs before the parser, which respects it)."""
    after_newline = False
    for token in doc:
        if after_newline:
            token.is_sent_start = True
        after_newline = "\n" in token.text_with_ws
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
